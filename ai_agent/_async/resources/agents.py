"""``client.agents``: create, read, update and delete agents."""

from __future__ import annotations

import builtins
from collections.abc import AsyncIterator, Mapping, Sequence
from typing import Any, overload

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

from ..._errors import ValidationError
from ..._paging import MAX_LIMIT, check_page, parse_page
from ..._params import (
    NOT_GIVEN,
    AgentCreateDict,
    AgentCreateParams,
    AgentStatusName,
    AgentTypeName,
    AgentUpdateDict,
    AgentUpdateParams,
    check_enum,
    check_id,
    check_idempotency_key,
    check_text,
    params_from,
)
from ..._request import label, wire_model
from ..._response import unwrap
from ..._results import Page
from ..core import AsyncCore
from .paging import iterate_pages

__all__ = ["AsyncAgentsResource"]


class AsyncAgentsResource:
    """Agents: ``client.agents``."""

    def __init__(self, core: AsyncCore) -> None:
        self._core = core

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
        """Create an agent (``POST /agents``), from ``AgentCreateParams``, a dict of its fields,
        or the fields as keywords: ``create(name="A", type="WORKER", capabilities=["x"])``.

        Retried safely: every attempt carries the same ``Idempotency-Key`` (pass your own to
        make a whole call repeatable, e.g. across process restarts).
        """
        fields = {"name": name, "type": type, "capabilities": capabilities, "metadata": metadata}
        wire = params_from(AgentCreateParams, params, "params", fields).to_wire()
        body = wire_model(WireAgentCreateParams, wire)
        request = create_agent._get_kwargs(
            body=body, idempotency_key=check_idempotency_key(idempotency_key) or UNSET
        )
        return await self._core.model("agents.create", label("agents.create"), request, Agent.from_dict)

    async def list(
        self,
        page: int = 1,
        limit: int = 10,
        type: AgentType | AgentTypeName | None = None,
        status: AgentStatus | AgentStatusName | None = None,
    ) -> Page[Agent]:
        """One page of agents (``GET /agents``), optionally filtered by type and status."""
        check_page("agents.list", page, limit)
        request = list_agents._get_kwargs(
            page=page,
            limit=limit,
            type_=AgentType(check_enum("agents.list", "type", type, "AgentType"))
            if type is not None
            else UNSET,
            status=(
                AgentStatus(check_enum("agents.list", "status", status, "AgentStatus"))
                if status is not None
                else UNSET
            ),
        )
        where = label("agents.list")
        response, data = await self._core.data("agents.list", where, request)
        return parse_page(response, where, data, Agent.from_dict)

    async def pages(
        self,
        *,
        limit: int = MAX_LIMIT,
        type: AgentType | AgentTypeName | None = None,
        status: AgentStatus | AgentStatusName | None = None,
    ) -> AsyncIterator[Page[Agent]]:
        """Every page of agents, first to last."""

        async def fetch(number: int) -> Page[Agent]:
            return await self.list(page=number, limit=limit, type=type, status=status)

        async for page in iterate_pages(fetch, label("agents.pages")):
            yield page

    async def iterate(
        self,
        *,
        limit: int = MAX_LIMIT,
        type: AgentType | AgentTypeName | None = None,
        status: AgentStatus | AgentStatusName | None = None,
    ) -> AsyncIterator[Agent]:
        """Every agent, page by page (``limit`` per request)."""
        async for page in self.pages(limit=limit, type=type, status=status):
            for agent in page.items:
                yield agent

    async def get(self, agent_id: str) -> Agent:
        """One agent by id (``GET /agents/{agentId}``)."""
        check_id("agent_id", agent_id)
        request = get_agent._get_kwargs(agent_id)
        where = label("agents.get", agent_id)
        return await self._core.model(
            "agents.get", where, request, Agent.from_dict, attributes=_agent(agent_id)
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
        """Change some fields of an agent (``PUT /agents/{agentId}``); the others keep their
        value. The fields come as ``AgentUpdateParams``, a dict, or keywords:
        ``update(agent_id, status="PAUSED")``."""
        check_id("agent_id", agent_id)
        fields = {
            "name": name,
            "type": type,
            "status": status,
            "capabilities": capabilities,
            "metadata": metadata,
        }
        if updates is None and all(value is NOT_GIVEN for value in fields.values()):
            raise ValidationError(
                "agents.update needs the fields to change (updates=... or keywords such as status=...)",
                details={"field": "updates"},
            )
        body = wire_model(
            WireAgentUpdateParams, params_from(AgentUpdateParams, updates, "updates", fields).to_wire()
        )
        request = update_agent._get_kwargs(agent_id, body=body)
        where = label("agents.update", agent_id)
        return await self._core.model(
            "agents.update", where, request, Agent.from_dict, attributes=_agent(agent_id)
        )

    async def delete(self, agent_id: str) -> None:
        """Delete an agent (``DELETE /agents/{agentId}``); 200 with ``data: null`` or 204."""
        check_id("agent_id", agent_id)
        where = label("agents.delete", agent_id)
        kwargs = delete_agent._get_kwargs(agent_id)
        response = await self._core.send("agents.delete", where, kwargs, attributes=_agent(agent_id))
        unwrap(response, where, self._core.redact)

    async def get_status(self, agent_id: str) -> AgentStatus:
        """Only the agent's status (``GET /agents/{agentId}/status``)."""
        check_id("agent_id", agent_id)
        where = label("agents.get_status", agent_id)
        request = get_agent_status._get_kwargs(agent_id)
        parse = AgentStatusInfo.from_dict
        info = await self._core.model("agents.get_status", where, request, parse, attributes=_agent(agent_id))
        return info.status

    async def get_capabilities(self, agent_id: str) -> builtins.list[str]:
        """The agent's capabilities (from ``GET /agents/{agentId}``)."""
        with self._core.tracing.call("agents.get_capabilities", _agent(agent_id)):
            agent = await self.get(agent_id)
        return list(agent.capabilities)

    async def has_capability(self, agent_id: str, capability: str) -> bool:
        """Whether the agent lists ``capability``."""
        check_text("agents.has_capability", "capability", capability, limit=None)
        with self._core.tracing.call("agents.has_capability", _agent(agent_id)):
            return capability in await self.get_capabilities(agent_id)


def _agent(agent_id: str) -> dict[str, str]:
    """The span attribute that names the agent of a call."""
    return {"ai_agent.agent.id": agent_id}
