# Generated from ai_agent/_async/resources/agents.py by scripts/unasync.py: do not edit; run `make generate`.
"""``client.agents``: create, read, update and delete agents."""

from __future__ import annotations

import builtins
from collections.abc import Iterator, Mapping, Sequence
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
from ..core import SyncCore
from .paging import iterate_pages

__all__ = ["SyncAgentsResource"]


class SyncAgentsResource:
    """Agents: ``client.agents``."""

    def __init__(self, core: SyncCore) -> None:
        self._core = core

    @overload
    def create(
        self, params: AgentCreateParams | AgentCreateDict, *, idempotency_key: str | None = None
    ) -> Agent: ...

    @overload
    def create(
        self,
        *,
        name: str,
        type: AgentType | AgentTypeName,
        capabilities: Sequence[str],
        metadata: Mapping[str, Any] | None = None,
        idempotency_key: str | None = None,
    ) -> Agent: ...

    def create(
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
        return self._core.model("agents.create", label("agents.create"), request, Agent.from_dict)

    def list(
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
        response, data = self._core.data("agents.list", where, request)
        return parse_page(response, where, data, Agent.from_dict)

    def pages(
        self,
        *,
        limit: int = MAX_LIMIT,
        type: AgentType | AgentTypeName | None = None,
        status: AgentStatus | AgentStatusName | None = None,
    ) -> Iterator[Page[Agent]]:
        """Every page of agents, first to last."""

        def fetch(number: int) -> Page[Agent]:
            return self.list(page=number, limit=limit, type=type, status=status)

        for page in iterate_pages(fetch, label("agents.pages")):
            yield page

    def iterate(
        self,
        *,
        limit: int = MAX_LIMIT,
        type: AgentType | AgentTypeName | None = None,
        status: AgentStatus | AgentStatusName | None = None,
    ) -> Iterator[Agent]:
        """Every agent, page by page (``limit`` per request)."""
        for page in self.pages(limit=limit, type=type, status=status):
            for agent in page.items:
                yield agent

    def get(self, agent_id: str) -> Agent:
        """One agent by id (``GET /agents/{agentId}``)."""
        check_id("agent_id", agent_id)
        request = get_agent._get_kwargs(agent_id)
        where = label("agents.get", agent_id)
        return self._core.model("agents.get", where, request, Agent.from_dict, attributes=_agent(agent_id))

    @overload
    def update(self, agent_id: str, updates: AgentUpdateParams | AgentUpdateDict) -> Agent: ...

    @overload
    def update(
        self,
        agent_id: str,
        *,
        name: str | None = None,
        type: AgentType | AgentTypeName | None = None,
        status: AgentStatus | AgentStatusName | None = None,
        capabilities: Sequence[str] | None = None,
        metadata: Mapping[str, Any] | None = None,
    ) -> Agent: ...

    def update(
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
        return self._core.model("agents.update", where, request, Agent.from_dict, attributes=_agent(agent_id))

    def delete(self, agent_id: str) -> None:
        """Delete an agent (``DELETE /agents/{agentId}``); 200 with ``data: null`` or 204."""
        check_id("agent_id", agent_id)
        where = label("agents.delete", agent_id)
        kwargs = delete_agent._get_kwargs(agent_id)
        response = self._core.send("agents.delete", where, kwargs, attributes=_agent(agent_id))
        unwrap(response, where, self._core.redact)

    def get_status(self, agent_id: str) -> AgentStatus:
        """Only the agent's status (``GET /agents/{agentId}/status``)."""
        check_id("agent_id", agent_id)
        where = label("agents.get_status", agent_id)
        request = get_agent_status._get_kwargs(agent_id)
        parse = AgentStatusInfo.from_dict
        info = self._core.model("agents.get_status", where, request, parse, attributes=_agent(agent_id))
        return info.status

    def get_capabilities(self, agent_id: str) -> builtins.list[str]:
        """The agent's capabilities (from ``GET /agents/{agentId}``)."""
        with self._core.tracing.call("agents.get_capabilities", _agent(agent_id)):
            agent = self.get(agent_id)
        return list(agent.capabilities)

    def has_capability(self, agent_id: str, capability: str) -> bool:
        """Whether the agent lists ``capability``."""
        check_text("agents.has_capability", "capability", capability, limit=None)
        with self._core.tracing.call("agents.has_capability", _agent(agent_id)):
            return capability in self.get_capabilities(agent_id)


def _agent(agent_id: str) -> dict[str, str]:
    """The span attribute that names the agent of a call."""
    return {"ai_agent.agent.id": agent_id}
