"""generated/ must be exactly what `make generate` makes from openapi.yaml now."""

from __future__ import annotations

import difflib
import subprocess
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
        ["make", "-s", "generate", f"GENERATED_DIR={out}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, f"make generate failed:\n{run.stdout}\n{run.stderr}"
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
