"""The public surface: typed, documented, importable as the README shows, and cheap to import."""

from __future__ import annotations

import inspect
import re
import subprocess
import sys
import typing
from pathlib import Path

import ai_agent
from ai_agent import AgentClient, AsyncAgentClient, SyncAgentClient
from ai_agent._async.resources.agents import AsyncAgentsResource
from ai_agent._async.resources.tasks import AsyncTasksResource
from ai_agent._sync.resources.agents import SyncAgentsResource
from ai_agent._sync.resources.tasks import SyncTasksResource

PAIRS = [
    (AsyncAgentClient, SyncAgentClient),
    (AsyncAgentsResource, SyncAgentsResource),
    (AsyncTasksResource, SyncTasksResource),
]


# Where the exported type aliases (Literal enums, hook signatures) are defined.
ALIAS_SOURCES = inspect.getsource(ai_agent._surface.params) + inspect.getsource(ai_agent._hooks)


def test_every_exported_name_resolves_and_is_documented() -> None:
    for name in ai_agent.__all__:
        value = getattr(ai_agent, name)
        if name == "__version__":
            continue
        if typing.get_origin(value) is not None:  # a type alias: its docstring is the next line
            assert re.search(rf"^{name} = (?:Literal\[[^\]]*\]|[^\n]*)\n\"\"\"\S", ALIAS_SOURCES, re.M), name
            continue
        assert inspect.getdoc(value), f"ai_agent.{name} has no docstring"


def test_every_public_method_is_documented() -> None:
    for pair in PAIRS:
        for cls in pair:
            for name, member in inspect.getmembers(cls):
                if name.startswith("_"):
                    continue
                assert inspect.getdoc(member), f"{cls.__name__}.{name} has no docstring"


def test_both_clients_have_the_same_api() -> None:
    assert AgentClient is AsyncAgentClient
    for async_cls, sync_cls in PAIRS:
        async_names = {n for n in dir(async_cls) if not n.startswith("_")}
        sync_names = {n for n in dir(sync_cls) if not n.startswith("_")}
        assert async_names == sync_names, (async_cls, async_names ^ sync_names)
        for name in async_names:
            a, s = getattr(async_cls, name), getattr(sync_cls, name)
            if callable(a):
                assert list(inspect.signature(a).parameters) == list(inspect.signature(s).parameters), name
                if name not in {"get_metrics", "reset_metrics", "with_options"}:
                    assert inspect.iscoroutinefunction(a) or inspect.isasyncgenfunction(a), name
                assert not inspect.iscoroutinefunction(s), name
                assert not inspect.isasyncgenfunction(s), name


def test_exported_classes_show_the_public_module() -> None:
    for name in ("AgentClient", "SyncAgentClient", "TaskSubmitParams", "NotFoundError", "RetryPresets"):
        assert getattr(ai_agent, name).__module__ == "ai_agent", name


def test_packages_are_typed() -> None:
    import ai_agent_client

    assert (Path(ai_agent.__file__).parent / "py.typed").exists()
    assert (Path(ai_agent_client.__file__).parent / "py.typed").exists()


def test_import_does_not_load_the_generated_models_or_the_sync_client() -> None:
    code = (
        "import sys, ai_agent\n"
        "print(any(m.startswith(('ai_agent_client.models', 'ai_agent._sync.')) for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
