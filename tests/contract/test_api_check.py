"""The public-API break check (scripts/api_check.py, `make api-check`): a break that griffe
finds fails unless CHANGELOG.md's Unreleased section names it under Removed or Changed."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "api_check.py"
_spec = importlib.util.spec_from_file_location("api_check", SCRIPT)
assert _spec is not None
assert _spec.loader is not None
api_check = importlib.util.module_from_spec(_spec)
sys.modules["api_check"] = api_check  # dataclasses look their module up
_spec.loader.exec_module(api_check)

REMOVED_CLOSE = api_check.Break(
    object_path="ai_agent._async.client.AsyncAgentClient.close",
    kind="Public object was removed",
    public_paths=("ai_agent.AgentClient.close", "ai_agent.AsyncAgentClient.close"),
)
RENAMED_PARAMETER = api_check.Break(
    object_path="ai_agent._async.resources.tasks.AsyncTasksResource.get_status",
    kind="Parameter was removed",
    public_paths=("ai_agent.AgentClient.tasks.get_status",),
)
REMOVED_MODEL = api_check.Break(object_path="ai_agent.Task", kind="Public object was removed")


def changelog(*, removed: str = "", changed: str = "", added: str = "", released: str = "") -> str:
    sections = [("Added", added), ("Changed", changed), ("Removed", removed)]
    unreleased = "".join(f"### {name}\n\n{text}\n\n" for name, text in sections if text)
    return (
        "# Changelog\n\n## [Unreleased]\n\n"
        + unreleased
        + f"## [0.1.0] - 2026-12-07\n\n### Removed\n\n{released or '- nothing'}\n"
    )


def test_a_changelog_without_the_breaks_fails_each_of_them() -> None:
    breaks = [REMOVED_CLOSE, RENAMED_PARAMETER, REMOVED_MODEL]
    assert api_check.unrecorded(breaks, changelog(added="- Something new.")) == breaks


def test_a_break_is_recorded_by_its_object_path_or_a_public_spelling() -> None:
    text = changelog(
        removed="- `ai_agent.AgentClient.close`: use `aclose()`.",
        changed="- ai_agent._async.resources.tasks.AsyncTasksResource.get_status takes `task`.",
    )
    assert api_check.unrecorded([REMOVED_CLOSE, RENAMED_PARAMETER, REMOVED_MODEL], text) == [REMOVED_MODEL]


@pytest.mark.parametrize(
    "where",
    [
        {"added": "- `ai_agent.Task` is gone."},  # not the subsection for it
        {"released": "- `ai_agent.Task`"},  # an older release, not Unreleased
        {"removed": "- `ai_agent.TaskStatus` and `ai_agent.Task.priority`"},  # other names
        {"removed": "- `my_ai_agent.Task`"},
    ],
)
def test_only_the_whole_name_in_unreleased_removed_or_changed_counts(where: dict[str, str]) -> None:
    assert api_check.unrecorded([REMOVED_MODEL], changelog(**where)) == [REMOVED_MODEL]
    assert api_check.unrecorded([REMOVED_MODEL], changelog(removed="- `ai_agent.Task`.")) == []


def test_the_command_fails_on_a_fed_breakage_list_the_changelog_lacks(tmp_path: Path) -> None:
    fed = tmp_path / "breakages.json"
    fed.write_text(
        json.dumps([{"object_path": "ai_agent.RetryPresets", "kind": "Public object was removed"}])
    )
    log = tmp_path / "CHANGELOG.md"

    def check() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, str(SCRIPT), "--breakages", str(fed), "--changelog", str(log)],
            capture_output=True,
            text=True,
            check=False,
        )

    log.write_text(changelog(added="- More."))
    failed = check()
    assert failed.returncode == 1
    assert "unrecorded: ai_agent.RetryPresets: Public object was removed" in failed.stdout
    assert "ai_agent.RetryPresets" in failed.stderr
    assert "### Removed" in failed.stderr

    log.write_text(changelog(removed="- `ai_agent.RetryPresets`: pass a `RetryConfig`."))
    passed = check()
    assert passed.returncode == 0, passed.stderr
    assert "1 break(s)" in passed.stdout


def write_tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    return root


OLD_TREE: dict[str, Any] = {
    "ai_agent/__init__.py": """
        from ai_agent_client import Model

        from ._impl import AsyncClient

        Client = AsyncClient
        __all__ = ["AsyncClient", "Client", "Model", "helper"]


        def helper(x: int) -> int:
            return x
        """,
    "ai_agent/_impl.py": """
        class Tasks:
            def get(self, task_id: str) -> None: ...


        class AsyncClient:
            @property
            def tasks(self) -> Tasks:
                return Tasks()

            def close(self) -> None: ...
        """,
    "generated/ai_agent_client/__init__.py": """
        class Model:
            field: int = 0
            other: int = 0
        """,
}


def test_griffe_finds_the_breaks_with_their_public_names(tmp_path: Path) -> None:
    old = write_tree(tmp_path / "old", OLD_TREE)
    new_files = dict(OLD_TREE)
    new_files["ai_agent/__init__.py"] = (
        OLD_TREE["ai_agent/__init__.py"].replace('"helper"]', "]").split("\n\n\n")[0]
    )
    new_files["ai_agent/_impl.py"] = OLD_TREE["ai_agent/_impl.py"].replace("task_id", "task")
    new_files["generated/ai_agent_client/__init__.py"] = OLD_TREE[
        "generated/ai_agent_client/__init__.py"
    ].replace("field: int = 0\n", "")
    new = write_tree(tmp_path / "new", new_files)

    found = {(b.object_path, b.kind): b.names for b in api_check.find_breaks(old, new)}

    assert found[("ai_agent.helper", "Public object was removed")] == ("ai_agent.helper",)
    assert found[("ai_agent_client.Model.field", "Public object was removed")] == (
        "ai_agent_client.Model.field",
        "ai_agent.Model.field",
    )
    # A class reached only through a property of an exported class, in a private module:
    # named as users reach it, through both names of the client.
    assert found[("ai_agent._impl.Tasks.get", "Parameter was removed")] == (
        "ai_agent._impl.Tasks.get",
        "ai_agent.AsyncClient.tasks.get",
        "ai_agent.Client.tasks.get",
    )
    assert all(b.object_path != "ai_agent._impl.AsyncClient.close" for b in api_check.find_breaks(old, new))

    text = changelog(
        removed="- `ai_agent.helper`\n- `ai_agent.Model.field`", changed="- `ai_agent.Client.tasks.get`"
    )
    assert api_check.unrecorded(api_check.find_breaks(old, new), text) == []
