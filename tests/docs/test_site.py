"""The built documentation site, looked at in a real browser (``make docs-test``).

Builds the site with ``mkdocs build --strict`` into a temporary folder, serves it on
127.0.0.1 from a thread of this process, and drives Debian's Chromium (``/usr/bin/chromium``)
through Playwright: the home page and its navigation, the search box, a code block with its
highlighting and copy button, and the command line reference generated at build time.
Screenshots go to ``site-screenshots/`` (git-ignored) for a person to look at.

Marked ``docs``: excluded from the default run (pyproject's addopts), run by ``make
docs-test``, which installs Chromium with apt-get when it can. Without ``/usr/bin/chromium``
the test skips, saying so; Playwright's own browser download is never used. Should Playwright
itself fail to drive the browser, the checks run on Chromium's ``--dump-dom`` and
``--screenshot`` instead (there the search only as far as a page dump can show it).
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from .blocks import ROOT

pytestmark = pytest.mark.docs

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = ROOT / "site-screenshots"
NAVIGATION = [
    "Getting started",
    "Sync or async",
    "Waiting and watching",
    "Errors",
    "Configuration",
    "Observability",
    "Command line",
    "Testing with the local orchestrator",
    "Performance",
    "Python API",
    "Operations",
    "Changing the API",
]
QUERY = "wait_for_completion"
# Material's copy button: a nav of code buttons since 9.7, a lone button before.
COPY_BUTTON = "button.md-code__button[data-md-type='copy'], button.md-clipboard"


@pytest.fixture(scope="module")
def site() -> Iterator[Path]:
    """The site, freshly built (strict: a warning fails the build)."""
    with tempfile.TemporaryDirectory(prefix="docs-site-") as folder:
        built = Path(folder) / "site"
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(built)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        assert result.returncode == 0, result.stderr[-4000:]
        yield built


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:
    """The site over HTTP on a free loopback port, stopped when the tests are done."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="docs-site", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


@pytest.fixture(scope="module")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    for old in SCREENSHOTS.glob("*.png"):
        old.unlink()
    return SCREENSHOTS


def _needs_chromium() -> None:
    if not CHROMIUM.exists():
        pytest.skip(
            f"{CHROMIUM} is missing: install Debian's Chromium (apt-get install -y chromium), "
            "as `make docs-test` does where apt-get is available"
        )


def test_site_in_chromium(served: str, screenshots: Path) -> None:
    _needs_chromium()
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # pragma: no cover - the docs extra brings it
        _check_with_chromium_alone(served, screenshots, f"playwright cannot be imported ({exc})")
        return
    with tempfile.TemporaryDirectory(prefix="docs-chromium-") as profile, sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch_persistent_context(
                profile,
                executable_path=str(CHROMIUM),
                headless=True,
                args=FLAGS,
                viewport={"width": 1280, "height": 900},
            )
        except PlaywrightError as exc:
            _check_with_chromium_alone(served, screenshots, f"playwright could not start Chromium ({exc})")
            return
        try:
            page = browser.new_page()
            page.set_default_timeout(20_000)

            # The home page and its navigation.
            page.goto(f"{served}/")
            assert "AI Agent Orchestrator" in page.title()
            links = page.locator("nav.md-nav--primary .md-nav__link").all_inner_texts()
            entries = {" ".join(text.split()) for text in links}
            missing = [name for name in NAVIGATION if name not in entries]
            assert not missing, f"navigation lacks {missing}; it has {sorted(entries)}"
            page.screenshot(path=str(screenshots / "1-home.png"))

            # The search box: results for a method name.
            page.locator("input.md-search__input").click()
            page.keyboard.type(QUERY, delay=20)  # key by key, as a person types (Material listens to keys)
            results = page.locator(".md-search-result__item")
            results.first.wait_for(state="visible")
            assert results.count() > 0
            assert QUERY in page.locator(".md-search-result").inner_text()
            page.screenshot(path=str(screenshots / "2-search.png"))

            # A code block: highlighted tokens and Material's copy button.
            page.goto(f"{served}/getting-started/")
            block = page.locator("div.highlight", has_text="from ai_agent import").first
            block.scroll_into_view_if_needed()
            assert block.locator("code span.kn, code span.k").count() > 0, "no highlighted keyword"
            assert "from ai_agent import" in block.inner_text()
            block.hover()
            copy = block.locator(COPY_BUTTON)
            copy.wait_for(state="visible")
            assert copy.get_attribute("title") == "Copy to clipboard"
            page.screenshot(path=str(screenshots / "3-code-block.png"))
            block.screenshot(path=str(screenshots / "4-code-block-close.png"))

            # The command line reference, rendered from the Typer app at build time.
            page.goto(f"{served}/cli/")
            assert page.locator("h4#ai-agent-tasks-submit").count() == 1
            page.locator("h4#ai-agent-tasks-submit").scroll_into_view_if_needed()
            page.wait_for_timeout(500)  # the header's title slides to the page's on scrolling
            page.screenshot(path=str(screenshots / "5-cli-reference.png"))
        finally:
            browser.close()


def _check_with_chromium_alone(served: str, screenshots: Path, why: str) -> None:
    """The same checks on Chromium's own ``--dump-dom`` and ``--screenshot``."""
    print(f"{why}: checking with chromium --headless --dump-dom instead")

    def dump(url: str) -> str:
        with tempfile.TemporaryDirectory(prefix="docs-chromium-") as profile:
            result = subprocess.run(
                [str(CHROMIUM), "--headless", *FLAGS, f"--user-data-dir={profile}",
                 "--virtual-time-budget=10000", "--dump-dom", url],
                capture_output=True, text=True, timeout=120, check=False,
            )  # fmt: skip
        assert result.returncode == 0, result.stderr[-2000:]
        return result.stdout

    def shoot(url: str, name: str) -> None:
        with tempfile.TemporaryDirectory(prefix="docs-chromium-") as profile:
            subprocess.run(
                [str(CHROMIUM), "--headless", *FLAGS, f"--user-data-dir={profile}",
                 "--window-size=1280,900", "--virtual-time-budget=10000",
                 f"--screenshot={screenshots / name}", url],
                capture_output=True, timeout=120, check=True,
            )  # fmt: skip

    home = dump(f"{served}/")
    missing = [name for name in NAVIGATION if name not in home]
    assert not missing, f"navigation lacks {missing}"
    shoot(f"{served}/", "1-home.png")
    # --dump-dom returns before Material's search worker has read its index, so here the
    # search is checked as far as a page dump can: the box is there, and the index it
    # searches (served like the rest of the site) finds the query.
    assert 'data-md-component="search-query"' in home, "no search box"
    with urllib.request.urlopen(f"{served}/search/search_index.json", timeout=30) as answer:
        index = json.load(answer)
    assert any(QUERY in entry["text"] or QUERY in entry["title"] for entry in index["docs"]), "not indexed"
    shoot(f"{served}/?q={QUERY}", "2-search.png")
    code = dump(f"{served}/getting-started/")
    assert 'class="kn"' in code, "no highlighted keyword"
    assert "md-clipboard" in code or 'data-md-type="copy"' in code, "no copy button"
    shoot(f"{served}/getting-started/", "3-code-block.png")


def test_screenshot_folder_is_ignored_by_git() -> None:
    """What the browser test writes never lands in a commit."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    for path in ("site-screenshots/1-home.png", "site/index.html"):
        ignored = subprocess.run(["git", "check-ignore", "-q", path], cwd=ROOT, check=False)
        assert ignored.returncode == 0, f"{path} is not git-ignored"
