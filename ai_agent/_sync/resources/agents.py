# Generated from ai_agent/_async/resources/agents.py by scripts/unasync.py: do not edit; run `make generate`.
"""``client.agents``: the generated methods (``surface/agents.py``) and the helpers derived
from them."""

from __future__ import annotations

import builtins

from ..._schema import Field
from ..surface.agents import SyncAgentsOperations

__all__ = ["SyncAgentsResource"]

_CAPABILITY = Field("capability", "capability", "string", min_length=1)


class SyncAgentsResource(SyncAgentsOperations):
    """Agents: ``client.agents``."""

    def get_capabilities(self, agent_id: str) -> builtins.list[str]:
        """The agent's capabilities (from ``GET /agents/{agentId}``)."""
        with self._core.tracing.call("agents.get_capabilities", {"ai_agent.agent.id": agent_id}):
            agent = self.get(agent_id)
        return list(agent.capabilities)

    def has_capability(self, agent_id: str, capability: str) -> bool:
        """Whether the agent lists ``capability``."""
        _CAPABILITY.check("agents.has_capability", capability)
        with self._core.tracing.call("agents.has_capability", {"ai_agent.agent.id": agent_id}):
            return capability in self.get_capabilities(agent_id)
