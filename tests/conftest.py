"""For the whole suite: a count of the docs' code blocks run and not run, at the end of every
run that ran any (here, not in tests/docs/, so that pytest-xdist's controller, which collects
nothing, loads it too)."""

from __future__ import annotations

from importlib.util import find_spec
from typing import Any

import pytest

from .docs.blocks import all_blocks

_TEST = "tests/docs/test_code_blocks.py::test_code_block["

# The one plugin that is not always installed (`make test-lowest` goes without schemathesis);
# the others are named in pyproject.toml's addopts, since the suite does not auto-load plugins.
pytest_plugins = ["schemathesis.pytest.plugin"] if find_spec("schemathesis") else []


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    """``docs code blocks: 52 executed (52 passed), 9 not run`` when any block test ran."""
    outcomes: dict[str, int] = {}
    for outcome in ("passed", "failed", "skipped", "error"):
        for report in terminalreporter.stats.get(outcome, []):
            # One report per test: its call (a skip may come from setup too).
            when = getattr(report, "when", None)
            counted = when == "call" or (outcome in ("skipped", "error") and when == "setup")
            if counted and _TEST in getattr(report, "nodeid", ""):
                outcomes[outcome] = outcomes.get(outcome, 0) + 1
    if not outcomes:
        return
    blocks = all_blocks()
    marked = sum(1 for block in blocks if block.not_run is not None)
    executed = outcomes.get("passed", 0) + outcomes.get("failed", 0) + outcomes.get("error", 0)
    terminalreporter.write_line(
        f"docs code blocks: {executed} executed ({outcomes.get('passed', 0)} passed, "
        f"{outcomes.get('failed', 0) + outcomes.get('error', 0)} failed), "
        f"{outcomes.get('skipped', 0)} not run (of {len(blocks)} blocks, {marked} marked not-run)"
    )


# The longest tests (seconds of real traffic or real waiting each), started first: on the
# workers of pytest-xdist a long test started last leaves the other worker idle at the end.
_LONG_FIRST = (
    "tests/integration/test_benchmarks_smoke.py",
    "tests/integration/_async/test_transport_real.py",
    "tests/integration/_sync/test_transport_real.py",
    "tests/integration/test_sync_threads.py",
    "tests/integration/_async/test_waits_through_proxy.py",
    "tests/integration/_sync/test_waits_through_proxy.py",
    "tests/contract/test_spec_change.py",
    "tests/integration/_async/test_chaos.py",
    "tests/integration/_sync/test_chaos.py",
    "tests/integration/_async/test_long_poll_real.py",
    "tests/integration/_sync/test_long_poll_real.py",
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        path = item.nodeid.split("::", 1)[0]
        return _LONG_FIRST.index(path) if path in _LONG_FIRST else len(_LONG_FIRST)

    items.sort(key=rank)  # stable: the order within each file, and of the rest, is kept
