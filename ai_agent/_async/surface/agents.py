"""``client.agents``: a method per operation of tag ``agents`` (helpers: hand-written on top).

Generated from openapi.yaml by scripts/generate_surface.py: do not edit; run `make generate`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, overload

from ai_agent_client.api.agents import create_agent as _create_agent
from ai_agent_client.api.agents import delete_agent as _delete_agent
from ai_agent_client.api.agents import get_agent as _get_agent
from ai_agent_client.api.agents import get_agent_status as _get_agent_status
from ai_agent_client.api.agents import list_agents as _list_agents
from ai_agent_client.api.agents import update_agent as _update_agent
from ai_agent_client.models import Agent, AgentStatus, AgentStatusInfo, AgentType
from ai_agent_client.models import AgentCreateParams as WireAgentCreateParams
from ai_agent_client.models import AgentUpdateParams as WireAgentUpdateParams
from ai_agent_client.types import UNSET

from ..._checks import check_id as _check_id
from ..._paging import next_page_number as _next_page_number
from ..._paging import parse_page as _parse_page
from ..._request import label as _label
from ..._request import wire_model as _wire_model
from ..._response import unwrap as _unwrap
from ..._results import Page
from ..._schema import NOT_GIVEN
from ..._schema import body_missing as _body_missing
from ..._schema import check_idempotency_key as _check_idempotency_key
from ..._schema import params_given as _params_given
from ..._schema import shape_of as _shape_of
from ..._surface.operations import BY_ID
from ..._surface.params import (
    AgentCreateDict,
    AgentCreateParams,
    AgentStatusName,
    AgentTypeName,
    AgentUpdateDict,
    AgentUpdateParams,
)
from ..capture import raw

if TYPE_CHECKING:
    from ..core import AsyncCore

__all__ = ["AsyncAgentsOperations", "AsyncAgentsRawOperations"]


class AsyncAgentsOperations:
    """``client.agents``: Agents that execute tasks."""

    def __init__(self, core: AsyncCore) -> None:
        self._core = core

    async def list(
        self,
        *,
        page: int = 1,
        limit: int = 10,
        type: AgentType | AgentTypeName | None = None,
        status: AgentStatus | AgentStatusName | None = None,
    ) -> Page[Agent]:
        """List agents (``GET /agents``).

        Returns one page of agents, optionally filtered by type and status.
        """
        _operation = "agents.list"
        _request = _list_agents._get_kwargs(
            page=_QUERY_listAgents[0].check(_operation, page) if page is not None else UNSET,
            limit=_QUERY_listAgents[1].check(_operation, limit) if limit is not None else UNSET,
            type_=AgentType(_QUERY_listAgents[2].check(_operation, type)) if type is not None else UNSET,
            status=AgentStatus(_QUERY_listAgents[3].check(_operation, status))
            if status is not None
            else UNSET,
        )
        _where = _label(_operation)
        _response, _data = await self._core.data(_operation, _where, _request)
        return _parse_page(_response, _where, _data, Agent.from_dict)

    async def pages(
        self,
        *,
        limit: int = 100,
        type: AgentType | AgentTypeName | None = None,
        status: AgentStatus | AgentStatusName | None = None,
    ) -> AsyncIterator[Page[Agent]]:
        """Every page of ``list``, first to last (``limit`` items per request)."""
        _number: int | None = 1
        while _number is not None:
            _page = await self.list(page=_number, limit=limit, type=type, status=status)
            yield _page
            _number = _next_page_number(_page, _number, _label("agents.pages"))

    async def iterate(
        self,
        *,
        limit: int = 100,
        type: AgentType | AgentTypeName | None = None,
        status: AgentStatus | AgentStatusName | None = None,
    ) -> AsyncIterator[Agent]:
        """Every item of ``list``, page by page (``limit`` per request)."""
        async for _page in self.pages(limit=limit, type=type, status=status):
            for _item in _page.items:
                yield _item

    @overload
    async def create(
        self, params: AgentCreateParams | AgentCreateDict, *, idempotency_key: str | None = None
    ) -> Agent: ...

    @overload
    async def create(
        self,
        *,
        name: str,
        type: AgentType | AgentTypeName,
        capabilities: Sequence[str],
        metadata: Mapping[str, Any] | None = None,
        idempotency_key: str | None = None,
    ) -> Agent: ...

    async def create(
        self,
        params: AgentCreateParams | AgentCreateDict | None = None,
        *,
        name: Any = NOT_GIVEN,
        type: Any = NOT_GIVEN,
        capabilities: Any = NOT_GIVEN,
        metadata: Any = NOT_GIVEN,
        idempotency_key: str | None = None,
    ) -> Agent:
        """Create an agent (``POST /agents``).

        Registers a new agent with a name, a type and the capabilities it offers.

        The body comes as ``AgentCreateParams``, a ``AgentCreateDict`` or keywords.

        Retried safely: every attempt carries the same ``Idempotency-Key`` (pass your own
        ``idempotency_key`` to make the call repeatable, e.g. across process restarts).
        """
        _operation = "agents.create"
        _given: Any = params
        if params is None or not (name is type is capabilities is metadata is NOT_GIVEN):
            _given = _params_given(
                params,
                "params",
                {"name": name, "type": type, "capabilities": capabilities, "metadata": metadata},
            )
        _wire = _shape_of(AgentCreateParams).wire(_given, "params")
        _body = _wire_model(WireAgentCreateParams, _wire)
        _request = _create_agent._get_kwargs(
            body=_body, idempotency_key=_check_idempotency_key(idempotency_key) or UNSET
        )
        _where = _label(_operation)
        return await self._core.model(_operation, _where, _request, Agent.from_dict)

    async def get(self, agent_id: str) -> Agent:
        """Get an agent (``GET /agents/{agentId}``).

        Returns one agent by its id.
        """
        _operation = "agents.get"
        _check_id("agent_id", agent_id)
        _request = _get_agent._get_kwargs(agent_id)
        _where = _label(_operation, agent_id)
        return await self._core.model(
            _operation, _where, _request, Agent.from_dict, attributes={"ai_agent.agent.id": agent_id}
        )

    @overload
    async def update(self, agent_id: str, updates: AgentUpdateParams | AgentUpdateDict) -> Agent: ...

    @overload
    async def update(
        self,
        agent_id: str,
        *,
        name: str | None = None,
        type: AgentType | AgentTypeName | None = None,
        status: AgentStatus | AgentStatusName | None = None,
        capabilities: Sequence[str] | None = None,
        metadata: Mapping[str, Any] | None = None,
    ) -> Agent: ...

    async def update(
        self,
        agent_id: str,
        updates: AgentUpdateParams | AgentUpdateDict | None = None,
        *,
        name: Any = NOT_GIVEN,
        type: Any = NOT_GIVEN,
        status: Any = NOT_GIVEN,
        capabilities: Any = NOT_GIVEN,
        metadata: Any = NOT_GIVEN,
    ) -> Agent:
        """Update an agent (``PUT /agents/{agentId}``).

        Partially updates an agent; fields left out of the body keep their value.

        The body comes as ``AgentUpdateParams``, a ``AgentUpdateDict`` or keywords.
        """
        _operation = "agents.update"
        _check_id("agent_id", agent_id)
        _given: Any = updates
        if updates is None or not (name is type is status is capabilities is metadata is NOT_GIVEN):
            _given = _params_given(
                updates,
                "updates",
                {
                    "name": name,
                    "type": type,
                    "status": status,
                    "capabilities": capabilities,
                    "metadata": metadata,
                },
            )
        if updates is None and not _given:
            raise _body_missing(
                _operation,
                "updates",
                (
                    "name",
                    "type",
                    "status",
                    "capabilities",
                    "metadata",
                ),
            )
        _wire = _shape_of(AgentUpdateParams).wire(_given, "updates")
        _body = _wire_model(WireAgentUpdateParams, _wire)
        _request = _update_agent._get_kwargs(agent_id, body=_body)
        _where = _label(_operation, agent_id)
        return await self._core.model(
            _operation, _where, _request, Agent.from_dict, attributes={"ai_agent.agent.id": agent_id}
        )

    async def delete(self, agent_id: str) -> None:
        """Delete an agent (``DELETE /agents/{agentId}``).

        Removes an agent. Servers answer 200 with `data` null, or 204 with no body.
        """
        _operation = "agents.delete"
        _check_id("agent_id", agent_id)
        _request = _delete_agent._get_kwargs(agent_id)
        _where = _label(_operation, agent_id)
        _response = await self._core.send(
            _operation, _where, _request, attributes={"ai_agent.agent.id": agent_id}
        )
        _unwrap(_response, _where, self._core.redact)

    async def get_status(self, agent_id: str) -> AgentStatus:
        """Get an agent's status (``GET /agents/{agentId}/status``).

        Returns only the current status of an agent.
        """
        _operation = "agents.get_status"
        _check_id("agent_id", agent_id)
        _request = _get_agent_status._get_kwargs(agent_id)
        _where = _label(_operation, agent_id)
        _result = await self._core.model(
            _operation,
            _where,
            _request,
            AgentStatusInfo.from_dict,
            attributes={"ai_agent.agent.id": agent_id},
        )
        return _result.status


class AsyncAgentsRawOperations:
    """``client.with_raw_response.agents``: generated methods returning ``RawResponse``s."""

    def __init__(self, resource: AsyncAgentsOperations) -> None:
        self.list = raw(resource.list)
        self.create = raw(resource.create)
        self.get = raw(resource.get)
        self.update = raw(resource.update)
        self.delete = raw(resource.delete)
        self.get_status = raw(resource.get_status)


_PATH_listAgents = BY_ID["listAgents"].path_params
_QUERY_listAgents = BY_ID["listAgents"].query
_HEADERS_listAgents = BY_ID["listAgents"].headers
_PATH_createAgent = BY_ID["createAgent"].path_params
_QUERY_createAgent = BY_ID["createAgent"].query
_HEADERS_createAgent = BY_ID["createAgent"].headers
_PATH_getAgent = BY_ID["getAgent"].path_params
_QUERY_getAgent = BY_ID["getAgent"].query
_HEADERS_getAgent = BY_ID["getAgent"].headers
_PATH_updateAgent = BY_ID["updateAgent"].path_params
_QUERY_updateAgent = BY_ID["updateAgent"].query
_HEADERS_updateAgent = BY_ID["updateAgent"].headers
_PATH_deleteAgent = BY_ID["deleteAgent"].path_params
_QUERY_deleteAgent = BY_ID["deleteAgent"].query
_HEADERS_deleteAgent = BY_ID["deleteAgent"].headers
_PATH_getAgentStatus = BY_ID["getAgentStatus"].path_params
_QUERY_getAgentStatus = BY_ID["getAgentStatus"].query
_HEADERS_getAgentStatus = BY_ID["getAgentStatus"].headers
