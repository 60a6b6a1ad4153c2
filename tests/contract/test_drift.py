"""Everything generated must be exactly what its source gives now: ``generated/`` and the SDK's
surface (``ai_agent/_surface``, ``ai_agent/_async/surface``) from openapi.yaml, and the sync twins (``ai_agent/_sync``, ``tests/*/_sync``) from the async sources."""

from __future__ import annotations

import difflib
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = ROOT / "generated" / "ai_agent_client"


def tree(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): p.read_text()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts and ".ruff_cache" not in p.parts
    }


def test_generated_client_matches_spec(tmp_path: Path) -> None:
    out = tmp_path / "ai_agent_client"
    run = subprocess.run(
        ["make", "-s", "generate-client", f"GENERATED_DIR={out}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, f"make generate-client failed:\n{run.stdout}\n{run.stderr}"
    fresh, committed = tree(out), tree(COMMITTED)
    problems: list[str] = []
    for name in sorted(fresh.keys() - committed.keys()):
        problems.append(f"missing from generated/: {name}")
    for name in sorted(committed.keys() - fresh.keys()):
        problems.append(f"no longer generated (stale): {name}")
    for name in sorted(fresh.keys() & committed.keys()):
        if fresh[name] != committed[name]:
            diff = difflib.unified_diff(
                committed[name].splitlines(keepends=True),
                fresh[name].splitlines(keepends=True),
                f"committed/{name}",
                f"from-openapi.yaml/{name}",
            )
            problems.append("".join(diff))
    assert not problems, (
        "generated/ has drifted from openapi.yaml; run `make generate` and commit the result.\n"
        + "\n".join(problems)[:20000]
    )


def check_sync(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(root / "scripts" / "unasync.py"), "--check"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )


def test_generated_surface_matches_spec() -> None:
    # Through make: the generator's own venv (.venv) has openapi-python-client; a venv that
    # runs the suite at the dependency floors does not.
    run = subprocess.run(
        ["make", "-s", "surface-check"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_sync_twins_match_the_async_sources() -> None:
    run = check_sync(ROOT)
    assert run.returncode == 0, run.stdout + run.stderr


def copy_project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    for name in ("ai_agent", "tests", "scripts"):
        shutil.copytree(ROOT / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    return root


def test_sync_drift_check_catches_each_kind_of_drift(tmp_path: Path) -> None:
    root = copy_project(tmp_path)
    assert check_sync(root).returncode == 0
    cases = {
        "a hand edit of the sync tree": lambda: (root / "ai_agent/_sync/core.py").write_text(
            (root / "ai_agent/_sync/core.py").read_text() + "# hand edit\n"
        ),
        "an async change without regeneration": lambda: (root / "ai_agent/_async/pool.py").write_text(
            (root / "ai_agent/_async/pool.py").read_text().replace("One attempt:", "One attempt (changed):")
        ),
        "a stale file in the sync tree": lambda: (root / "ai_agent/_sync/leftover.py").write_text("x = 1\n"),
        "a sync file whose source is gone": lambda: (root / "tests/unit/_async/test_waiting.py").unlink(),
    }
    for what, damage in cases.items():
        shutil.rmtree(root)
        root = copy_project(tmp_path)
        damage()
        run = check_sync(root)
        assert run.returncode == 1, f"{what} went unnoticed"
        assert "run `make generate`" in run.stdout, what
