from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.task_batch_envelope import TaskBatchEnvelope
from ...models.task_batch_params import TaskBatchParams
from ...types import UNSET, Response, Unset, status_of


def _get_kwargs(
    *,
    body: TaskBatchParams,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/tasks/batch",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | TaskBatchEnvelope | None:
    if response.status_code == 200:
        response_200 = TaskBatchEnvelope.from_dict(response.json())

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

    if response.status_code == 405:
        response_405 = ErrorEnvelope.from_dict(response.json())

        return response_405

    if response.status_code == 408:
        response_408 = ErrorEnvelope.from_dict(response.json())

        return response_408

    if response.status_code == 409:
        response_409 = ErrorEnvelope.from_dict(response.json())

        return response_409

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

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorEnvelope | TaskBatchEnvelope]:
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
    body: TaskBatchParams,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorEnvelope | TaskBatchEnvelope]:
    """Submit tasks in a batch

     Extension: submits up to 100 tasks in one request. The results come back in input order, each either
    a task or an error; one invalid item does not fail the others. Servers without the extension answer
    404 or 405.

    Args:
        idempotency_key (str | Unset):
        body (TaskBatchParams): Tasks to submit in one request. Example: {'tasks': [{'name':
            'Process Data', 'type': 'data-processing', 'payload': {'data': [1]}}]}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | TaskBatchEnvelope]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: TaskBatchParams,
    idempotency_key: str | Unset = UNSET,
) -> ErrorEnvelope | TaskBatchEnvelope | None:
    """Submit tasks in a batch

     Extension: submits up to 100 tasks in one request. The results come back in input order, each either
    a task or an error; one invalid item does not fail the others. Servers without the extension answer
    404 or 405.

    Args:
        idempotency_key (str | Unset):
        body (TaskBatchParams): Tasks to submit in one request. Example: {'tasks': [{'name':
            'Process Data', 'type': 'data-processing', 'payload': {'data': [1]}}]}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | TaskBatchEnvelope
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: TaskBatchParams,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorEnvelope | TaskBatchEnvelope]:
    """Submit tasks in a batch

     Extension: submits up to 100 tasks in one request. The results come back in input order, each either
    a task or an error; one invalid item does not fail the others. Servers without the extension answer
    404 or 405.

    Args:
        idempotency_key (str | Unset):
        body (TaskBatchParams): Tasks to submit in one request. Example: {'tasks': [{'name':
            'Process Data', 'type': 'data-processing', 'payload': {'data': [1]}}]}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | TaskBatchEnvelope]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: TaskBatchParams,
    idempotency_key: str | Unset = UNSET,
) -> ErrorEnvelope | TaskBatchEnvelope | None:
    """Submit tasks in a batch

     Extension: submits up to 100 tasks in one request. The results come back in input order, each either
    a task or an error; one invalid item does not fail the others. Servers without the extension answer
    404 or 405.

    Args:
        idempotency_key (str | Unset):
        body (TaskBatchParams): Tasks to submit in one request. Example: {'tasks': [{'name':
            'Process Data', 'type': 'data-processing', 'payload': {'data': [1]}}]}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | TaskBatchEnvelope
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
