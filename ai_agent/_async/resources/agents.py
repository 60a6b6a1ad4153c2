"""``client.agents``: create, read, update and delete agents."""

from __future__ import annotations

import builtins
from collections.abc import AsyncIterator, Mapping
from typing import Any

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

from ..._paging import MAX_LIMIT, check_page, parse_page
from ..._params import (
    AgentCreateParams,
    AgentUpdateParams,
    check_enum,
    check_id,
    check_idempotency_key,
    check_text,
    coerce,
)
from ..._request import label
from ..._response import unwrap
from ..._results import Page
from ..core import AsyncCore
from .paging import iterate_pages

__all__ = ["AsyncAgentsResource"]


class AsyncAgentsResource:
    """Agents: ``client.agents``."""

    def __init__(self, core: AsyncCore) -> None:
        self._core = core

    async def create(
        self,
        params: AgentCreateParams | Mapping[str, Any],
        *,
        idempotency_key: str | None = None,
    ) -> Agent:
        """Create an agent (``POST /agents``).

        Retried safely: every attempt carries the same ``Idempotency-Key`` (pass your own to
        make a whole call repeatable, e.g. across process restarts).
        """
        body = WireAgentCreateParams.from_dict(coerce(AgentCreateParams, params, "params").to_wire())
        request = create_agent._get_kwargs(
            body=body, idempotency_key=check_idempotency_key(idempotency_key) or UNSET
        )
        return await self._core.model("agents.create", label("agents.create"), request, Agent.from_dict)

    async def list(
        self,
        page: int = 1,
        limit: int = 10,
        type: AgentType | str | None = None,
        status: AgentStatus | str | None = None,
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
        type: AgentType | str | None = None,
        status: AgentStatus | str | None = None,
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
        type: AgentType | str | None = None,
        status: AgentStatus | str | None = None,
    ) -> AsyncIterator[Agent]:
        """Every agent, page by page (``limit`` per request)."""
        async for page in self.pages(limit=limit, type=type, status=status):
            for agent in page.items:
                yield agent

    async def get(self, agent_id: str) -> Agent:
        """One agent by id (``GET /agents/{agentId}``)."""
        check_id("agent_id", agent_id)
        request = get_agent._get_kwargs(agent_id)
        return await self._core.model("agents.get", label("agents.get", agent_id), request, Agent.from_dict)

    async def update(self, agent_id: str, updates: AgentUpdateParams | Mapping[str, Any]) -> Agent:
        """Change some fields of an agent (``PUT /agents/{agentId}``); the others keep their value."""
        check_id("agent_id", agent_id)
        body = WireAgentUpdateParams.from_dict(coerce(AgentUpdateParams, updates, "updates").to_wire())
        request = update_agent._get_kwargs(agent_id, body=body)
        where = label("agents.update", agent_id)
        return await self._core.model("agents.update", where, request, Agent.from_dict)

    async def delete(self, agent_id: str) -> None:
        """Delete an agent (``DELETE /agents/{agentId}``); 200 with ``data: null`` or 204."""
        check_id("agent_id", agent_id)
        where = label("agents.delete", agent_id)
        response = await self._core.send("agents.delete", where, delete_agent._get_kwargs(agent_id))
        unwrap(response, where, self._core.redact)

    async def get_status(self, agent_id: str) -> AgentStatus:
        """Only the agent's status (``GET /agents/{agentId}/status``)."""
        check_id("agent_id", agent_id)
        where = label("agents.get_status", agent_id)
        request = get_agent_status._get_kwargs(agent_id)
        info = await self._core.model("agents.get_status", where, request, AgentStatusInfo.from_dict)
        return info.status

    async def get_capabilities(self, agent_id: str) -> builtins.list[str]:
        """The agent's capabilities (from ``GET /agents/{agentId}``)."""
        agent = await self.get(agent_id)
        return list(agent.capabilities)

    async def has_capability(self, agent_id: str, capability: str) -> bool:
        """Whether the agent lists ``capability``."""
        check_text("agents.has_capability", "capability", capability, limit=None)
        return capability in await self.get_capabilities(agent_id)
