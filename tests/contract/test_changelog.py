"""CHANGELOG.md keeps the Keep a Changelog 1.1.0 shape, has an entry for the package's version,
and its Unreleased "### API" subsection says what scripts/contract_diff.py --changelog says."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHANGELOG = ROOT / "CHANGELOG.md"
SCRIPT = ROOT / "scripts" / "contract_diff.py"


def sections(text: str, level: str) -> dict[str, str]:
    """Heading (without its ``#``s) -> the text under it, for headings of one ``level``."""
    parts = re.split(rf"^{level} (.+)$", text, flags=re.M)
    return {heading.strip(): body for heading, body in zip(parts[1::2], parts[2::2], strict=True)}


def unreleased() -> dict[str, str]:
    return sections(sections(CHANGELOG.read_text(), "##")["[Unreleased]"], "###")


def test_keep_a_changelog_shape_with_an_entry_for_this_version() -> None:
    text = CHANGELOG.read_text()
    assert text.startswith("# Changelog\n")
    assert "https://keepachangelog.com/en/1.1.0/" in text
    releases = list(sections(text, "##"))
    assert releases[0] == "[Unreleased]"
    found = re.search(r'^__version__ = "([^"]+)"$', (ROOT / "ai_agent" / "_version.py").read_text(), re.M)
    assert found is not None
    assert re.fullmatch(rf"\[{re.escape(found.group(1))}\] - \d{{4}}-\d{{2}}-\d{{2}}", releases[1]), releases
    for release in releases[1:]:
        assert re.fullmatch(r"\[\d+\.\d+\.\d+\] - \d{4}-\d{2}-\d{2}", release), release
    allowed = {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security", "API"}
    for body in sections(text, "##").values():
        assert set(sections(body, "###")) <= allowed


def test_the_api_subsection_is_what_the_contract_diff_prints() -> None:
    printed = subprocess.run(
        [sys.executable, str(SCRIPT), "--changelog"], capture_output=True, text=True, check=False
    )
    assert printed.returncode == 0, printed.stderr
    written = [line for line in unreleased()["API"].splitlines() if line.strip()]
    assert written == printed.stdout.splitlines(), (
        "CHANGELOG.md's Unreleased '### API' differs from the contract's changes; run `make generate`."
    )


def test_make_generate_writes_the_api_subsection(tmp_path: Path) -> None:
    changelog = tmp_path / "CHANGELOG.md"
    changelog.write_text(CHANGELOG.read_text().replace("### API\n", "### API\n\n- stale line\n", 1))
    run = subprocess.run(
        [sys.executable, str(SCRIPT), "--write-changelog", str(changelog)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert changelog.read_text() == CHANGELOG.read_text()
