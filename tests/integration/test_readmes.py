"""Our README's quick start runs as written (the seed README's calls are in
``_async/test_seed_readme.py``, for both clients)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

README = Path(__file__).resolve().parents[2] / "README.md"


def python_block_after(heading: str) -> str:
    text = README.read_text()
    section = text[text.index(heading) :]
    found = re.search(r"```python\n(.*?)```", section, re.S)
    assert found, f"no python block after {heading!r}"
    return found.group(1)


def test_quick_start_runs_as_written(local_orchestrator: Any) -> None:
    code = python_block_after("## Quick start")
    assert 'api_url="http://127.0.0.1:3000"' in code
    assert 'api_key="dev-key"' in code
    code = code.replace("http://127.0.0.1:3000", local_orchestrator.url).replace(
        "dev-key", local_orchestrator.api_key
    )
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert run.returncode == 0, run.stderr
    assert "Task completed: COMPLETED" in run.stdout


def test_sync_script_runs_as_written(local_orchestrator: Any) -> None:
    code = python_block_after("## Sync or async")
    assert "SyncAgentClient(" in code
    code = code.replace("http://127.0.0.1:3000", local_orchestrator.url).replace(
        "dev-key", local_orchestrator.api_key
    )
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert run.returncode == 0, run.stderr
    assert "10/10 finished" in run.stdout
    assert "['COMPLETED']" in run.stdout


def test_tracing_example_runs_as_written(local_orchestrator: Any) -> None:
    code = python_block_after("## Tracing and metrics")
    code = code.replace("http://127.0.0.1:3000", local_orchestrator.url).replace(
        "dev-key", local_orchestrator.api_key
    )
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert run.returncode == 0, run.stderr
    assert '"name": "agents.list"' in run.stdout
    assert '"name": "GET"' in run.stdout
    assert local_orchestrator.api_key not in run.stdout
