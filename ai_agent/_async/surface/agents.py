"""``client.agents``: a method per operation of tag ``agents`` (helpers: hand-written on top).

Generated from openapi.yaml by scripts/generate_surface.py: do not edit; run `make generate`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, overload

from ai_agent_client.api.agents import (
    create_agent,
    delete_agent,
    get_agent,
    get_agent_status,
    list_agents,
    update_agent,
)
from ai_agent_client.models import Agent, AgentStatus, AgentStatusInfo, AgentType
from ai_agent_client.models import AgentCreateParams as WireAgentCreateParams
from ai_agent_client.models import AgentUpdateParams as WireAgentUpdateParams
from ai_agent_client.types import UNSET

from ..._checks import check_id
from ..._paging import next_page_number, parse_page
from ..._request import label, wire_model
from ..._response import unwrap
from ..._results import Page
from ..._schema import NOT_GIVEN, body_missing, check_idempotency_key, params_given, shape_of
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
        operation = "agents.list"
        request = list_agents._get_kwargs(
            page=_QUERY_listAgents[0].check(operation, page) if page is not None else UNSET,
            limit=_QUERY_listAgents[1].check(operation, limit) if limit is not None else UNSET,
            type_=AgentType(_QUERY_listAgents[2].check(operation, type)) if type is not None else UNSET,
            status=AgentStatus(_QUERY_listAgents[3].check(operation, status))
            if status is not None
            else UNSET,
        )
        where = label(operation)
        response, data = await self._core.data(operation, where, request)
        return parse_page(response, where, data, Agent.from_dict)

    async def pages(
        self,
        *,
        limit: int = 100,
        type: AgentType | AgentTypeName | None = None,
        status: AgentStatus | AgentStatusName | None = None,
    ) -> AsyncIterator[Page[Agent]]:
        """Every page of ``list``, first to last (``limit`` items per request)."""
        number: int | None = 1
        while number is not None:
            page = await self.list(page=number, limit=limit, type=type, status=status)
            yield page
            number = next_page_number(page, number, label("agents.pages"))

    async def iterate(
        self,
        *,
        limit: int = 100,
        type: AgentType | AgentTypeName | None = None,
        status: AgentStatus | AgentStatusName | None = None,
    ) -> AsyncIterator[Agent]:
        """Every item of ``list``, page by page (``limit`` per request)."""
        async for page in self.pages(limit=limit, type=type, status=status):
            for item in page.items:
                yield item

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
        operation = "agents.create"
        given: Any = params
        if params is None or not (name is type is capabilities is metadata is NOT_GIVEN):
            given = params_given(
                params,
                "params",
                {"name": name, "type": type, "capabilities": capabilities, "metadata": metadata},
            )
        wire = shape_of(AgentCreateParams).wire(given, "params")
        body = wire_model(WireAgentCreateParams, wire)
        request = create_agent._get_kwargs(
            body=body, idempotency_key=check_idempotency_key(idempotency_key) or UNSET
        )
        where = label(operation)
        return await self._core.model(operation, where, request, Agent.from_dict)

    async def get(self, agent_id: str) -> Agent:
        """Get an agent (``GET /agents/{agentId}``).

        Returns one agent by its id.
        """
        operation = "agents.get"
        check_id("agent_id", agent_id)
        request = get_agent._get_kwargs(agent_id)
        where = label(operation, agent_id)
        return await self._core.model(
            operation, where, request, Agent.from_dict, attributes={"ai_agent.agent.id": agent_id}
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
        operation = "agents.update"
        check_id("agent_id", agent_id)
        given: Any = updates
        if updates is None or not (name is type is status is capabilities is metadata is NOT_GIVEN):
            given = params_given(
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
        if updates is None and not given:
            raise body_missing(
                operation,
                "updates",
                (
                    "name",
                    "type",
                    "status",
                    "capabilities",
                    "metadata",
                ),
            )
        wire = shape_of(AgentUpdateParams).wire(given, "updates")
        body = wire_model(WireAgentUpdateParams, wire)
        request = update_agent._get_kwargs(agent_id, body=body)
        where = label(operation, agent_id)
        return await self._core.model(
            operation, where, request, Agent.from_dict, attributes={"ai_agent.agent.id": agent_id}
        )

    async def delete(self, agent_id: str) -> None:
        """Delete an agent (``DELETE /agents/{agentId}``).

        Removes an agent. Servers answer 200 with `data` null, or 204 with no body.
        """
        operation = "agents.delete"
        check_id("agent_id", agent_id)
        request = delete_agent._get_kwargs(agent_id)
        where = label(operation, agent_id)
        response = await self._core.send(
            operation, where, request, attributes={"ai_agent.agent.id": agent_id}
        )
        unwrap(response, where, self._core.redact)

    async def get_status(self, agent_id: str) -> AgentStatus:
        """Get an agent's status (``GET /agents/{agentId}/status``).

        Returns only the current status of an agent.
        """
        operation = "agents.get_status"
        check_id("agent_id", agent_id)
        request = get_agent_status._get_kwargs(agent_id)
        where = label(operation, agent_id)
        result = await self._core.model(
            operation, where, request, AgentStatusInfo.from_dict, attributes={"ai_agent.agent.id": agent_id}
        )
        return result.status


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
