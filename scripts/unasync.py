"""Write the sync twin of the async source: ``python scripts/unasync.py [--check]``.

    ai_agent/_async/            ->  ai_agent/_sync/             the client
    tests/unit/_async/          ->  tests/unit/_sync/           its unit tests
    tests/integration/_async/   ->  tests/integration/_sync/    its real-loopback tests

Each file is rewritten token by token with the table RULES below (``AsyncX`` -> ``SyncX``,
``async_x`` -> ``x``, ``await`` dropped, httpx's async names to its sync ones), given a
header line, and formatted with the project's ruff settings. ``make generate`` runs it after
the OpenAPI generator.

``--check`` writes nothing: it fails (exit 1, with a diff and the words "run `make generate`")
when a sync file differs from what the source gives now, when the sync tree has a file the
source does not (stale) or lacks one, or when a rule of the table was never used (a dead rule
hides a renamed API).
"""

from __future__ import annotations

import argparse
import difflib
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TREES = [
    ("ai_agent/_async", "ai_agent/_sync"),
    ("tests/unit/_async", "tests/unit/_sync"),
    ("tests/integration/_async", "tests/integration/_sync"),
]
HEADER = "# Generated from {source} by scripts/unasync.py: do not edit; run `make generate`.\n"

# (pattern, replacement), applied in order; every rule must match somewhere.
RULES: list[tuple[str, str]] = [
    # httpx's and the standard library's async names
    (r"\bhttpx\.AsyncBaseTransport\b", "httpx.BaseTransport"),
    (r"\bhttpx\.AsyncClient\b", "httpx.Client"),
    (r"\bhttpx\.AsyncHTTPTransport\b", "httpx.HTTPTransport"),
    (r"\bAsyncIterator\b", "Iterator"),
    (r"\bAsyncGenerator\[((?:[^\[\]]|\[[^\[\]]*\])*), None\]", r"Generator[\1, None, None]"),
    (r"\bAsyncGenerator\b", "Generator"),
    (r"\baclosing\b", "closing"),
    (r"\bhandle_async_request\b", "handle_request"),
    (r"\bset_async_httpx_client\b", "set_httpx_client"),
    (r"\basyncio_detailed\b", "sync_detailed"),
    (r"\baclose\b", "close"),
    (r"\baread\b", "read"),
    (r"\b__aenter__\b", "__enter__"),
    (r"\b__aexit__\b", "__exit__"),
    # Awaitable[X] -> X (one level of nested brackets inside)
    (r"\bAwaitable\[((?:[^\[\]]|\[[^\[\]]*\])*)\]", r"\1"),
    # our names: the async package's modules (tests reach into them), AsyncX -> SyncX,
    # async_x -> x, make_async_x -> make_sync_x
    (r"\bai_agent\._async\b", "ai_agent._sync"),
    (r"\bAsync(?=[A-Z])", "Sync"),
    (r"\basync_(?=[a-z])", ""),
    (r"\bmake_async_", "make_sync_"),
    # the syntax
    (r"\basync def\b", "def"),
    (r"\basync with\b", "with"),
    (r"\basync for\b", "for"),
    (r"\bawait ", ""),
]
_COMPILED = [(re.compile(pattern), replacement) for pattern, replacement in RULES]


def rewrite(text: str, used: set[str]) -> str:
    """The sync version of one source file's text (before formatting)."""
    for (pattern, replacement), (raw, _) in zip(_COMPILED, RULES, strict=True):
        text, count = pattern.subn(replacement, text)
        if count:
            used.add(raw)
    return text


def formatted(files: dict[str, str]) -> dict[str, str]:
    """``files`` (project-relative path -> text) as `make lint` wants them: imports sorted, unused
    ones dropped (the sync side needs no ``Awaitable``), ruff-formatted. Written under a scratch
    folder inside the project, at their own relative paths, so the project's ruff settings
    apply exactly as to the real files; two ruff runs for all of them."""
    with tempfile.TemporaryDirectory(prefix=".unasync-", dir=ROOT) as scratch:
        base = Path(scratch)
        for name, text in files.items():
            (base / name).parent.mkdir(parents=True, exist_ok=True)
            (base / name).write_text(text)
        for args in (["check", "--select", "I,F401,RUF022", "--fix", "--exit-zero"], ["format"]):
            run = subprocess.run(
                [sys.executable, "-m", "ruff", *args, "--quiet", "--no-cache", "."],
                capture_output=True,
                text=True,
                cwd=base,
                check=False,
            )
            if run.returncode != 0:
                raise SystemExit(f"ruff {' '.join(args)} failed:\n{run.stdout}{run.stderr}")
        return {name: (base / name).read_text() for name in files}


def expected() -> tuple[dict[str, str], set[str]]:
    """Every sync file as it should be, by path relative to ROOT; and the rules that were used."""
    files: dict[str, str] = {}
    used: set[str] = set()
    for source_dir, target_dir in TREES:
        for source in sorted((ROOT / source_dir).rglob("*.py")):
            relative = source.relative_to(ROOT / source_dir)
            header = HEADER.format(source=source.relative_to(ROOT).as_posix())
            files[f"{target_dir}/{relative.as_posix()}"] = header + rewrite(source.read_text(), used)
    return formatted(files), used


def present() -> dict[str, str]:
    """The sync files on disk."""
    files: dict[str, str] = {}
    for _, target_dir in TREES:
        root = ROOT / target_dir
        if root.exists():
            for path in sorted(root.rglob("*")):
                if path.is_file() and "__pycache__" not in path.parts:
                    files[path.relative_to(ROOT).as_posix()] = path.read_text()
    return files


def check() -> int:
    want, used = expected()
    have = present()
    problems = [f"stale (no async source): {name}" for name in sorted(have.keys() - want.keys())]
    problems += [f"missing: {name}" for name in sorted(want.keys() - have.keys())]
    for name in sorted(want.keys() & have.keys()):
        if want[name] != have[name]:
            diff = difflib.unified_diff(
                have[name].splitlines(keepends=True),
                want[name].splitlines(keepends=True),
                f"committed/{name}",
                f"from-async-source/{name}",
            )
            problems.append("".join(diff))
    unused = [raw for raw, _ in RULES if raw not in used]
    problems += [f"rule never used (remove it, or the API it renames changed): {raw}" for raw in unused]
    if problems:
        print("The sync twin has drifted from the async source; run `make generate` and commit the result.")
        print("\n".join(problems)[:20000])
        return 1
    return 0


def write() -> int:
    want, used = expected()
    unused = [raw for raw, _ in RULES if raw not in used]
    if unused:
        print(f"rules never used: {unused}", file=sys.stderr)
        return 1
    for name in present().keys() - want.keys():
        (ROOT / name).unlink()
    for name, text in want.items():
        path = ROOT / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text() != text:
            path.write_text(text)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare only; exit 1 on any difference")
    return check() if parser.parse_args().check else write()


if __name__ == "__main__":
    sys.exit(main())
