"""The breaking-change checker (scripts/contract_diff.py): each kind of change to the contract is
named, breaking ones fail, additive ones are information; and today's openapi.yaml has no
breaking change against the released copy."""

from __future__ import annotations

import copy
import importlib.util
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from ai_agent.testing.contract import load_spec  # openapi.yaml, parsed once per process (libyaml)

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "contract_diff.py"
_spec = importlib.util.spec_from_file_location("contract_diff", SCRIPT)
assert _spec is not None
assert _spec.loader is not None
contract_diff = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(contract_diff)

RELEASED: dict[str, Any] = load_spec()


def changed(mutate: Any) -> list[str]:
    new = copy.deepcopy(RELEASED)
    mutate(new)
    result: list[str] = contract_diff.diff(RELEASED, new)
    return result


def schemas(spec: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = spec["components"]["schemas"]
    return result


def test_the_same_contract_has_no_changes() -> None:
    assert changed(lambda spec: None) == []


def remove_retry(spec: dict[str, Any]) -> None:
    del spec["paths"]["/tasks/{taskId}/retry"]


def rename_retry(spec: dict[str, Any]) -> None:
    spec["paths"]["/tasks/{taskId}/retry"]["post"]["operationId"] = "retryTaskNow"


def remove_priority(spec: dict[str, Any]) -> None:
    del schemas(spec)["Task"]["properties"]["priority"]
    schemas(spec)["Task"]["required"] = [r for r in schemas(spec)["Task"]["required"] if r != "priority"]


def require_description(spec: dict[str, Any]) -> None:
    schemas(spec)["TaskSubmitParams"]["required"].append("description")


def narrow_status(spec: dict[str, Any]) -> None:
    schemas(spec)["TaskStatus"]["enum"].remove("PAUSED")


def retype_name(spec: dict[str, Any]) -> None:
    schemas(spec)["Task"]["properties"]["name"]["type"] = "integer"


def shorten_name(spec: dict[str, Any]) -> None:
    schemas(spec)["TaskSubmitParams"]["properties"]["name"]["maxLength"] = 100


def require_a_filter(spec: dict[str, Any]) -> None:
    spec["paths"]["/tasks"]["get"]["parameters"].append(
        {"name": "team", "in": "query", "required": True, "schema": {"type": "string"}}
    )


def optional_result_id(spec: dict[str, Any]) -> None:
    schemas(spec)["TaskResult"]["required"].remove("taskId")


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (remove_retry, "breaking: operation retryTask removed"),
        (rename_retry, "breaking: operation retryTask renamed to retryTaskNow"),
        (remove_priority, "breaking: Task.priority removed"),
        (require_description, "breaking: TaskSubmitParams.description made required"),
        (narrow_status, "breaking: TaskStatus enum value PAUSED removed"),
        (retype_name, "breaking: Task.name type string -> integer"),
        (shorten_name, "breaking: TaskSubmitParams.name maxLength 255 -> 100"),
        (require_a_filter, "breaking: listTasks query parameter team (required)"),
        (optional_result_id, "breaking: TaskResult.taskId made optional"),
    ],
)
def test_each_breaking_change_is_named(mutate: Any, expected: str) -> None:
    assert expected in changed(mutate)


def test_additive_changes_are_information_only() -> None:
    def grow(spec: dict[str, Any]) -> None:
        tags = {"type": "array", "maxItems": 10, "items": {"type": "string", "maxLength": 32}}
        schemas(spec)["TaskSubmitParams"]["properties"]["tags"] = tags
        schemas(spec)["Task"]["properties"]["tags"] = tags
        schemas(spec)["TaskStatus"]["enum"].append("ARCHIVED")
        schemas(spec)["TaskSubmitParams"]["properties"]["name"]["maxLength"] = 500  # loosened
        spec["paths"]["/tasks"]["get"]["parameters"].append(
            {"name": "tag", "in": "query", "required": False, "schema": {"type": "string"}}
        )
        spec["paths"]["/tasks/{taskId}/pause"] = {
            "post": {"operationId": "pauseTask", "responses": {"200": {"description": "ok"}}}
        }

    lines = changed(grow)
    assert not [line for line in lines if line.startswith("breaking")], lines
    for expected in (
        "added: TaskSubmitParams.tags (optional)",
        "added: Task.tags (optional)",
        "added: TaskStatus enum value ARCHIVED",
        "added: listTasks query parameter tag (optional)",
        "added: operation pauseTask (POST /tasks/{taskId}/pause)",
    ):
        assert expected in lines


def test_the_command_fails_on_a_breaking_change_and_names_it(tmp_path: Path) -> None:
    broken = copy.deepcopy(RELEASED)
    remove_retry(broken)
    current = tmp_path / "openapi.yaml"
    current.write_text(yaml.safe_dump(broken))
    result = subprocess.run(
        [sys.executable, str(SCRIPT), str(ROOT / "openapi.yaml"), str(current)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "breaking: operation retryTask removed" in result.stdout
    assert "make release-contract" in result.stderr


def test_openapi_yaml_has_no_breaking_change_against_the_released_contract() -> None:
    result = subprocess.run([sys.executable, str(SCRIPT)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_changelog_lines_are_keep_a_changelog_bullets_breaking_first() -> None:
    def break_and_grow(spec: dict[str, Any]) -> None:
        schemas(spec)["TaskStatus"]["enum"].append("ARCHIVED")
        remove_retry(spec)
        narrow_status(spec)

    bullets = contract_diff.changelog_lines(changed(break_and_grow))
    for expected in (
        "- **Breaking:** operation retryTask removed",
        "- **Breaking:** TaskStatus enum value PAUSED removed",
        "- **Breaking:** listTasks query parameter status enum value PAUSED removed",
        "- Added: TaskStatus enum value ARCHIVED",
    ):
        assert expected in bullets
    kinds = [line.split(":", 1)[0] for line in bullets]
    assert kinds == sorted(kinds, key=lambda kind: kind != "- **Breaking"), "breaking ones first"
    assert len(bullets) == len(changed(break_and_grow))
    assert contract_diff.changelog_lines([]) == [contract_diff.NO_CHANGES]


def test_the_changelog_option_prints_the_bullets_and_exits_0_even_when_breaking(tmp_path: Path) -> None:
    broken = copy.deepcopy(RELEASED)
    remove_retry(broken)
    schemas(broken)["Task"]["properties"]["tags"] = {"type": "array", "items": {"type": "string"}}
    current = tmp_path / "openapi.yaml"
    current.write_text(yaml.safe_dump(broken))
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--changelog", str(ROOT / "openapi.yaml"), str(current)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "- **Breaking:** operation retryTask removed",
        "- Added: Task.tags (optional)",
    ]
    # Without the option the same change still fails, named as before.
    judged = subprocess.run(
        [sys.executable, str(SCRIPT), str(ROOT / "openapi.yaml"), str(current)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert judged.returncode == 1
    assert judged.stdout.splitlines()[0] == "breaking: operation retryTask removed"
