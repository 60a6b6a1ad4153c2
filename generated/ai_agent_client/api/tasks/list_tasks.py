from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.task_page_envelope import TaskPageEnvelope
from ...models.task_status import TaskStatus
from ...types import UNSET, Response, Unset, status_of


def _get_kwargs(
    *,
    page: int | Unset = 1,
    limit: int | Unset = 10,
    status: TaskStatus | Unset = UNSET,
    agent_id: str | Unset = UNSET,
    ids: str | Unset = UNSET,
    wait: int | Unset = UNSET,
    after: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    if page is not UNSET and page is not None:
        params["page"] = page

    if limit is not UNSET and limit is not None:
        params["limit"] = limit

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    if json_status is not UNSET and json_status is not None:
        params["status"] = json_status

    if agent_id is not UNSET and agent_id is not None:
        params["agentId"] = agent_id

    if ids is not UNSET and ids is not None:
        params["ids"] = ids

    if wait is not UNSET and wait is not None:
        params["wait"] = wait

    if after is not UNSET and after is not None:
        params["after"] = after

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/tasks",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | TaskPageEnvelope | None:
    if response.status_code == 200:
        response_200 = TaskPageEnvelope.from_dict(response.json())

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
) -> Response[ErrorEnvelope | TaskPageEnvelope]:
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
    *,
    client: AuthenticatedClient | Client,
    page: int | Unset = 1,
    limit: int | Unset = 10,
    status: TaskStatus | Unset = UNSET,
    agent_id: str | Unset = UNSET,
    ids: str | Unset = UNSET,
    wait: int | Unset = UNSET,
    after: int | Unset = UNSET,
) -> Response[ErrorEnvelope | TaskPageEnvelope]:
    """List tasks

     Returns one page of tasks, optionally filtered by status, agent or ids.

    Args:
        page (int | Unset):  Default: 1.
        limit (int | Unset):  Default: 10.
        status (TaskStatus | Unset): A task's lifecycle status; COMPLETED, FAILED, CANCELLED and
            TIMED_OUT are terminal. Servers may add values later; clients must accept unknown ones.
             Example: IN_PROGRESS.
        agent_id (str | Unset):
        ids (str | Unset):
        wait (int | Unset):
        after (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | TaskPageEnvelope]
    """

    kwargs = _get_kwargs(
        page=page,
        limit=limit,
        status=status,
        agent_id=agent_id,
        ids=ids,
        wait=wait,
        after=after,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    page: int | Unset = 1,
    limit: int | Unset = 10,
    status: TaskStatus | Unset = UNSET,
    agent_id: str | Unset = UNSET,
    ids: str | Unset = UNSET,
    wait: int | Unset = UNSET,
    after: int | Unset = UNSET,
) -> ErrorEnvelope | TaskPageEnvelope | None:
    """List tasks

     Returns one page of tasks, optionally filtered by status, agent or ids.

    Args:
        page (int | Unset):  Default: 1.
        limit (int | Unset):  Default: 10.
        status (TaskStatus | Unset): A task's lifecycle status; COMPLETED, FAILED, CANCELLED and
            TIMED_OUT are terminal. Servers may add values later; clients must accept unknown ones.
             Example: IN_PROGRESS.
        agent_id (str | Unset):
        ids (str | Unset):
        wait (int | Unset):
        after (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | TaskPageEnvelope
    """

    return sync_detailed(
        client=client,
        page=page,
        limit=limit,
        status=status,
        agent_id=agent_id,
        ids=ids,
        wait=wait,
        after=after,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    page: int | Unset = 1,
    limit: int | Unset = 10,
    status: TaskStatus | Unset = UNSET,
    agent_id: str | Unset = UNSET,
    ids: str | Unset = UNSET,
    wait: int | Unset = UNSET,
    after: int | Unset = UNSET,
) -> Response[ErrorEnvelope | TaskPageEnvelope]:
    """List tasks

     Returns one page of tasks, optionally filtered by status, agent or ids.

    Args:
        page (int | Unset):  Default: 1.
        limit (int | Unset):  Default: 10.
        status (TaskStatus | Unset): A task's lifecycle status; COMPLETED, FAILED, CANCELLED and
            TIMED_OUT are terminal. Servers may add values later; clients must accept unknown ones.
             Example: IN_PROGRESS.
        agent_id (str | Unset):
        ids (str | Unset):
        wait (int | Unset):
        after (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | TaskPageEnvelope]
    """

    kwargs = _get_kwargs(
        page=page,
        limit=limit,
        status=status,
        agent_id=agent_id,
        ids=ids,
        wait=wait,
        after=after,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    page: int | Unset = 1,
    limit: int | Unset = 10,
    status: TaskStatus | Unset = UNSET,
    agent_id: str | Unset = UNSET,
    ids: str | Unset = UNSET,
    wait: int | Unset = UNSET,
    after: int | Unset = UNSET,
) -> ErrorEnvelope | TaskPageEnvelope | None:
    """List tasks

     Returns one page of tasks, optionally filtered by status, agent or ids.

    Args:
        page (int | Unset):  Default: 1.
        limit (int | Unset):  Default: 10.
        status (TaskStatus | Unset): A task's lifecycle status; COMPLETED, FAILED, CANCELLED and
            TIMED_OUT are terminal. Servers may add values later; clients must accept unknown ones.
             Example: IN_PROGRESS.
        agent_id (str | Unset):
        ids (str | Unset):
        wait (int | Unset):
        after (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | TaskPageEnvelope
    """

    return (
        await asyncio_detailed(
            client=client,
            page=page,
            limit=limit,
            status=status,
            agent_id=agent_id,
            ids=ids,
            wait=wait,
            after=after,
        )
    ).parsed
