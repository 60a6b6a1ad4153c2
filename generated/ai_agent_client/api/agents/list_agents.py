from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.agent_page_envelope import AgentPageEnvelope
from ...models.agent_status import AgentStatus
from ...models.agent_type import AgentType
from ...models.error_envelope import ErrorEnvelope
from ...types import UNSET, Response, Unset, status_of


def _get_kwargs(
    *,
    page: int | Unset = 1,
    limit: int | Unset = 10,
    type_: AgentType | Unset = UNSET,
    status: AgentStatus | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    if page is not UNSET and page is not None:
        params["page"] = page

    if limit is not UNSET and limit is not None:
        params["limit"] = limit

    json_type_: str | Unset = UNSET
    if not isinstance(type_, Unset):
        json_type_ = type_.value

    if json_type_ is not UNSET and json_type_ is not None:
        params["type"] = json_type_

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    if json_status is not UNSET and json_status is not None:
        params["status"] = json_status

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/agents",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AgentPageEnvelope | ErrorEnvelope | None:
    if response.status_code == 200:
        response_200 = AgentPageEnvelope.from_dict(response.json())

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

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[AgentPageEnvelope | ErrorEnvelope]:
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
    type_: AgentType | Unset = UNSET,
    status: AgentStatus | Unset = UNSET,
) -> Response[AgentPageEnvelope | ErrorEnvelope]:
    """List agents

     Returns one page of agents, optionally filtered by type and status.

    Args:
        page (int | Unset):  Default: 1.
        limit (int | Unset):  Default: 10.
        type_ (AgentType | Unset): The kind of agent. Servers may add values later; clients must
            accept unknown ones.
             Example: WORKER.
        status (AgentStatus | Unset): An agent's lifecycle status. Servers may add values later;
            clients must accept unknown ones.
             Example: READY.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AgentPageEnvelope | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        page=page,
        limit=limit,
        type_=type_,
        status=status,
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
    type_: AgentType | Unset = UNSET,
    status: AgentStatus | Unset = UNSET,
) -> AgentPageEnvelope | ErrorEnvelope | None:
    """List agents

     Returns one page of agents, optionally filtered by type and status.

    Args:
        page (int | Unset):  Default: 1.
        limit (int | Unset):  Default: 10.
        type_ (AgentType | Unset): The kind of agent. Servers may add values later; clients must
            accept unknown ones.
             Example: WORKER.
        status (AgentStatus | Unset): An agent's lifecycle status. Servers may add values later;
            clients must accept unknown ones.
             Example: READY.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AgentPageEnvelope | ErrorEnvelope
    """

    return sync_detailed(
        client=client,
        page=page,
        limit=limit,
        type_=type_,
        status=status,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    page: int | Unset = 1,
    limit: int | Unset = 10,
    type_: AgentType | Unset = UNSET,
    status: AgentStatus | Unset = UNSET,
) -> Response[AgentPageEnvelope | ErrorEnvelope]:
    """List agents

     Returns one page of agents, optionally filtered by type and status.

    Args:
        page (int | Unset):  Default: 1.
        limit (int | Unset):  Default: 10.
        type_ (AgentType | Unset): The kind of agent. Servers may add values later; clients must
            accept unknown ones.
             Example: WORKER.
        status (AgentStatus | Unset): An agent's lifecycle status. Servers may add values later;
            clients must accept unknown ones.
             Example: READY.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AgentPageEnvelope | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        page=page,
        limit=limit,
        type_=type_,
        status=status,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    page: int | Unset = 1,
    limit: int | Unset = 10,
    type_: AgentType | Unset = UNSET,
    status: AgentStatus | Unset = UNSET,
) -> AgentPageEnvelope | ErrorEnvelope | None:
    """List agents

     Returns one page of agents, optionally filtered by type and status.

    Args:
        page (int | Unset):  Default: 1.
        limit (int | Unset):  Default: 10.
        type_ (AgentType | Unset): The kind of agent. Servers may add values later; clients must
            accept unknown ones.
             Example: WORKER.
        status (AgentStatus | Unset): An agent's lifecycle status. Servers may add values later;
            clients must accept unknown ones.
             Example: READY.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AgentPageEnvelope | ErrorEnvelope
    """

    return (
        await asyncio_detailed(
            client=client,
            page=page,
            limit=limit,
            type_=type_,
            status=status,
        )
    ).parsed
