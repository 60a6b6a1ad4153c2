from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.task_envelope import TaskEnvelope
from ...types import UNSET, Response, Unset, path_segment, status_of


def _get_kwargs(
    task_id: str,
    *,
    wait: int | Unset = UNSET,
    after: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    if wait is not UNSET and wait is not None:
        params["wait"] = wait

    if after is not UNSET and after is not None:
        params["after"] = after

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": f"/tasks/{path_segment(task_id)}",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | TaskEnvelope | None:
    if response.status_code == 200:
        response_200 = TaskEnvelope.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorEnvelope.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorEnvelope.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorEnvelope.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ErrorEnvelope.from_dict(response.json())

        return response_404

    if response.status_code == 408:
        response_408 = ErrorEnvelope.from_dict(response.json())

        return response_408

    if response.status_code == 429:
        response_429 = ErrorEnvelope.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = ErrorEnvelope.from_dict(response.json())

        return response_500

    if response.status_code == 502:
        response_502 = ErrorEnvelope.from_dict(response.json())

        return response_502

    if response.status_code == 503:
        response_503 = ErrorEnvelope.from_dict(response.json())

        return response_503

    if response.status_code == 504:
        response_504 = ErrorEnvelope.from_dict(response.json())

        return response_504

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorEnvelope | TaskEnvelope]:
    try:
        parsed = _parse_response(client=client, response=response)
    except errors.UnexpectedStatus:
        raise
    except (ValueError, KeyError, TypeError, AttributeError):
        parsed = None
    return Response(
        status_code=status_of(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=parsed,
    )


def sync_detailed(
    task_id: str,
    *,
    client: AuthenticatedClient | Client,
    wait: int | Unset = UNSET,
    after: int | Unset = UNSET,
) -> Response[ErrorEnvelope | TaskEnvelope]:
    """Get a task

     Returns one task, with its status, result and error. With `wait` (extension), a blocking read: held
    until the task changes after `after`, or `wait` seconds pass (the SDK's waits send it; its methods
    do not offer it).

    Args:
        task_id (str):
        wait (int | Unset):
        after (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | TaskEnvelope]
    """

    kwargs = _get_kwargs(
        task_id=task_id,
        wait=wait,
        after=after,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    task_id: str,
    *,
    client: AuthenticatedClient | Client,
    wait: int | Unset = UNSET,
    after: int | Unset = UNSET,
) -> ErrorEnvelope | TaskEnvelope | None:
    """Get a task

     Returns one task, with its status, result and error. With `wait` (extension), a blocking read: held
    until the task changes after `after`, or `wait` seconds pass (the SDK's waits send it; its methods
    do not offer it).

    Args:
        task_id (str):
        wait (int | Unset):
        after (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | TaskEnvelope
    """

    return sync_detailed(
        task_id=task_id,
        client=client,
        wait=wait,
        after=after,
    ).parsed


async def asyncio_detailed(
    task_id: str,
    *,
    client: AuthenticatedClient | Client,
    wait: int | Unset = UNSET,
    after: int | Unset = UNSET,
) -> Response[ErrorEnvelope | TaskEnvelope]:
    """Get a task

     Returns one task, with its status, result and error. With `wait` (extension), a blocking read: held
    until the task changes after `after`, or `wait` seconds pass (the SDK's waits send it; its methods
    do not offer it).

    Args:
        task_id (str):
        wait (int | Unset):
        after (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | TaskEnvelope]
    """

    kwargs = _get_kwargs(
        task_id=task_id,
        wait=wait,
        after=after,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    task_id: str,
    *,
    client: AuthenticatedClient | Client,
    wait: int | Unset = UNSET,
    after: int | Unset = UNSET,
) -> ErrorEnvelope | TaskEnvelope | None:
    """Get a task

     Returns one task, with its status, result and error. With `wait` (extension), a blocking read: held
    until the task changes after `after`, or `wait` seconds pass (the SDK's waits send it; its methods
    do not offer it).

    Args:
        task_id (str):
        wait (int | Unset):
        after (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | TaskEnvelope
    """

    return (
        await asyncio_detailed(
            task_id=task_id,
            client=client,
            wait=wait,
            after=after,
        )
    ).parsed
