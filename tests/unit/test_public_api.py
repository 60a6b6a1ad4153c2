"""The public surface: typed, documented, importable as the README shows, and cheap to import."""

from __future__ import annotations

import inspect
import subprocess
import sys
from pathlib import Path

import ai_agent
from ai_agent import AgentClient
from ai_agent.resources.agents import AgentsResource
from ai_agent.resources.tasks import TasksResource


def test_every_exported_name_resolves_and_is_documented() -> None:
    for name in ai_agent.__all__:
        value = getattr(ai_agent, name)
        if name == "__version__":
            continue
        assert inspect.getdoc(value), f"ai_agent.{name} has no docstring"


def test_every_public_method_is_documented() -> None:
    for cls in (AgentClient, AgentsResource, TasksResource):
        for name, member in inspect.getmembers(cls):
            if name.startswith("_"):
                continue
            assert inspect.getdoc(member), f"{cls.__name__}.{name} has no docstring"


def test_packages_are_typed() -> None:
    import ai_agent_client

    assert (Path(ai_agent.__file__).parent / "py.typed").exists()
    assert (Path(ai_agent_client.__file__).parent / "py.typed").exists()


def test_import_does_not_load_the_generated_models() -> None:
    code = "import sys, ai_agent; print(any(m.startswith('ai_agent_client.models') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
