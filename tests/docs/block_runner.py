"""Runs the code blocks of one markdown file, in a process of its own (started by
``test_code_blocks.py``; not a test module).

The process starts a fresh local orchestrator with the key ``dev-key`` (the one ``make serve``
uses), sets ``AI_AGENT_API_URL`` and ``AI_AGENT_API_KEY`` to it, and points the URL the docs
use for a local orchestrator (``http://127.0.0.1:3000``, or ``localhost``) at it: blocks are
written exactly as a user runs them against ``make serve``. Then it reads requests, one JSON
line each, from stdin, and answers each with one JSON line:

    {"op": "run", "id": "docs/x.md:12", "path": "docs/x.md", "line": 12, "code": "..."}
        -> {"ok": true|false, "stdout": "...", "error": "traceback or null", "seconds": 0.3}
    {"op": "close"} -> {"ok": true, "closed": ["clients closed on the file's behalf"]}

Every block of the file runs in one namespace (a module named ``__main__``), so a block may
use what an earlier one defined. A block with a top-level ``await`` (as typed in
``python -m asyncio`` or a notebook) is compiled with ``ast.PyCF_ALLOW_TOP_LEVEL_AWAIT`` and
run on one event loop kept for the whole file, so an ``AgentClient`` made in one block can be
used in the next. A process per file keeps what a block changes for the whole process (a
global OpenTelemetry provider, logging, ``atexit``) away from the rest of the test suite.
"""

from __future__ import annotations

import ast
import asyncio
import contextlib
import inspect
import json
import os
import sys
import tempfile
import time
import traceback
import types
from typing import Any

API_KEY = "dev-key"
DOCUMENTED_URLS = ("http://127.0.0.1:3000", "http://localhost:3000")


def main() -> int:
    # The protocol has stdout to itself: whatever a block (or a library) writes to file
    # descriptor 1 goes to stderr, which the test keeps in a file.
    protocol = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    os.dup2(2, 1)

    from ai_agent.testing import LocalOrchestrator

    server = LocalOrchestrator(api_key=API_KEY, task_delay=0.05).start()
    os.environ["AI_AGENT_API_URL"] = server.url
    os.environ["AI_AGENT_API_KEY"] = API_KEY
    workdir = tempfile.mkdtemp(prefix="docs-blocks-")
    os.chdir(workdir)  # files a block writes land here, not in the repository
    module = types.ModuleType("__main__")
    sys.modules["__main__"] = module
    runner = asyncio.Runner()
    seen_violations = 0

    def answer(message: dict[str, Any]) -> None:
        protocol.write(json.dumps(message) + "\n")
        protocol.flush()

    answer({"ready": True, "url": server.url})
    try:
        for line in sys.stdin:
            request = json.loads(line)
            if request["op"] == "close":
                answer({"ok": True, "closed": _close_leftovers(module.__dict__, runner)})
                break
            result = _run(request, module, runner, server.url)
            violations = server.violations[seen_violations:]
            seen_violations = len(server.violations)
            if violations and result["ok"]:
                result["ok"] = False
                result["error"] = "the local orchestrator's answers broke openapi.yaml:\n" + "\n".join(
                    violations
                )
            answer(result)
    finally:
        with contextlib.suppress(Exception):
            runner.close()
        server.stop()
    return 0


def _run(
    request: dict[str, Any], module: types.ModuleType, runner: asyncio.Runner, url: str
) -> dict[str, Any]:
    code = request["code"]
    for documented in DOCUMENTED_URLS:
        code = code.replace(documented, url)
    module.__file__ = os.path.abspath(os.path.join(os.environ.get("DOCS_ROOT", "."), request["path"]))
    # Padded so that a traceback names the markdown file's own line numbers.
    source = "\n" * (request["line"] - 1) + code
    started = time.perf_counter()
    error: str | None = None
    with tempfile.TemporaryFile() as captured:
        # What the block writes to stdout, at the level of the file descriptor: print() and
        # also what libraries write there (OpenTelemetry's console exporter, for one).
        sys.stdout.flush()
        os.dup2(captured.fileno(), 1)
        try:
            compiled = compile(
                source, request["path"], "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT, dont_inherit=True
            )
            if compiled.co_flags & inspect.CO_COROUTINE:
                runner.run(eval(compiled, module.__dict__))
            else:
                exec(compiled, module.__dict__)
        except SystemExit as exit_:
            if exit_.code not in (None, 0):
                error = f"the block exited with status {exit_.code!r}"
        except BaseException:
            error = traceback.format_exc()
        finally:
            sys.stdout.flush()
            os.dup2(2, 1)
        captured.seek(0)
        output = captured.read().decode("utf-8", errors="replace")
    return {
        "ok": error is None,
        "stdout": output,
        "error": error,
        "seconds": time.perf_counter() - started,
    }


def _close_leftovers(namespace: dict[str, Any], runner: asyncio.Runner) -> list[str]:
    """Close what the file's blocks left open (a page may stop before closing its client)."""
    from ai_agent import AgentClient, SyncAgentClient
    from ai_agent.testing import LocalOrchestrator

    closed: list[str] = []
    for name, value in list(namespace.items()):
        if isinstance(value, AgentClient) and not value.is_closed:
            runner.run(value.close())
        elif isinstance(value, SyncAgentClient) and not value.is_closed:
            value.close()
        elif isinstance(value, LocalOrchestrator):
            value.stop()  # a server a block started (stopping twice is harmless)
            continue
        else:
            continue
        closed.append(name)
    return closed


if __name__ == "__main__":
    sys.exit(main())
