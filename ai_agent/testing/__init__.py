"""The local orchestrator: a stateful reference server for openapi.yaml, with fault injection.

    from ai_agent.testing import LocalOrchestrator

    with LocalOrchestrator(api_key="k") as server:
        ...  # AgentClient(api_url=server.url, api_key="k")

Needs the ``server`` extra. It is built from openapi.yaml alone and imports neither the
generated client nor the facade, so it checks them instead of mirroring them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .app import OrchestratorApp
    from .faults import FaultPlan
    from .runner import LocalOrchestrator

__all__ = ["FaultPlan", "LocalOrchestrator", "OrchestratorApp"]


def __getattr__(name: str) -> Any:
    # Loaded on first use: `import ai_agent.testing` must work without the server extra.
    if name == "LocalOrchestrator":
        from .runner import LocalOrchestrator

        return LocalOrchestrator
    if name == "OrchestratorApp":
        from .app import OrchestratorApp

        return OrchestratorApp
    if name == "FaultPlan":
        from .faults import FaultPlan

        return FaultPlan
    raise AttributeError(f"module 'ai_agent.testing' has no attribute {name!r}")
