"""Every ```python block of README.md and docs/**/*.md runs against a local orchestrator.

One test per block, named ``file:line``. The blocks of a file run in order in one namespace,
in a process of their own with a fresh local orchestrator (``block_runner.py`` says how the
URL and key are wired and why a process). A block marked ``<!-- not-run: reason -->`` is only
compiled, then skipped with its reason; ``<!-- prints: text -->`` checks what a block printed
(``blocks.py``). The summary line at the end of the run counts both kinds.

Tests of one file share its process: under pytest-xdist, ``--dist loadgroup`` (as ``make
pytest`` runs) keeps them on one worker. Run apart anyway, a block first runs the earlier
blocks of its file it depends on.
"""

from __future__ import annotations

import ast
import json
import os
import queue
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pytest

from .blocks import ROOT, Block, all_blocks

RUNNER = Path(__file__).with_name("block_runner.py")
START_TIMEOUT = 60.0  # seconds for the process to import the SDK and start its orchestrator
BLOCK_TIMEOUT = 60.0  # seconds before a block is deemed hung and its process killed
BLOCK_BUDGET = 15.0  # seconds a block may take: examples must not sleep for real for long

BLOCKS = all_blocks()
BY_FILE: dict[str, list[Block]] = {}
for _block in BLOCKS:
    BY_FILE.setdefault(_block.path, []).append(_block)


class BlockFailed(Exception):
    """A block raised, printed the wrong thing, or its process died."""


class FileSession:
    """The process running one markdown file's blocks (see ``block_runner.py``)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.next = 0  # index of the next block of the file to run
        self.failed: list[str] = []  # ids of the blocks that failed in this session
        # Kept open for the life of the process it collects the stderr of; closed by close().
        self._stderr: IO[str] = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115
        environment = {**os.environ, "DOCS_ROOT": str(ROOT), "PYTHONUNBUFFERED": "1"}
        for name in ("AI_AGENT_API_URL", "AI_AGENT_API_KEY", "AI_AGENT_LOG"):
            environment.pop(name, None)  # the runner sets the first two to its orchestrator
        self._process = subprocess.Popen(
            [sys.executable, str(RUNNER)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            text=True,
            encoding="utf-8",
            cwd=ROOT,
            env=environment,
        )
        self._answers: queue.Queue[str | None] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True, name=f"docs-{path}")
        self._reader.start()
        ready = self._receive(START_TIMEOUT, "starting the block runner")
        if not ready.get("ready"):
            raise BlockFailed(f"the block runner did not start: {ready}")

    def _read(self) -> None:
        assert self._process.stdout is not None
        for line in self._process.stdout:
            self._answers.put(line)
        self._answers.put(None)

    def _receive(self, timeout: float, doing: str) -> dict[str, Any]:
        try:
            line = self._answers.get(timeout=timeout)
        except queue.Empty:
            self.kill()
            raise BlockFailed(f"no answer within {timeout:.0f} s while {doing}{self.stderr_tail()}") from None
        if line is None:
            self._process.wait(10)
            raise BlockFailed(
                f"the block runner exited ({self._process.returncode}) while {doing}{self.stderr_tail()}"
            )
        answer: dict[str, Any] = json.loads(line)
        return answer

    def _send(self, message: dict[str, Any]) -> None:
        assert self._process.stdin is not None
        self._process.stdin.write(json.dumps(message) + "\n")
        self._process.stdin.flush()

    def stderr_tail(self, start: int = 0) -> str:
        self._stderr.seek(start)
        text = self._stderr.read()[-4000:]
        self._stderr.seek(0, os.SEEK_END)
        return f"\n--- stderr ---\n{text}" if text.strip() else ""

    def run(self, block: Block) -> dict[str, Any]:
        """Run one block; its answer (``ok``, ``stdout``, ``error``, ``seconds``)."""
        self._stderr.seek(0, os.SEEK_END)
        start = self._stderr.tell()
        self._send({"op": "run", "id": block.id, "path": block.path, "line": block.line, "code": block.code})
        answer = self._receive(BLOCK_TIMEOUT, f"running {block.id}")
        answer["stderr"] = self.stderr_tail(start)
        self.next += 1
        return answer

    def close(self) -> None:
        if self._process.poll() is None:
            try:
                self._send({"op": "close"})
                self._receive(30, "closing")
                self._process.wait(30)
            except (BlockFailed, OSError, subprocess.TimeoutExpired):
                self.kill()
        self._reader.join(10)  # it ends at the end of the process's output
        for pipe in (self._process.stdin, self._process.stdout):
            if pipe is not None:
                pipe.close()
        self._stderr.close()

    def kill(self) -> None:
        if self._process.poll() is None:
            self._process.kill()
            self._process.wait(10)


SESSIONS: dict[str, FileSession] = {}


def session_for(path: str, index: int) -> FileSession:
    """The file's process, having run every block before ``index`` (run now if need be)."""
    session = SESSIONS.get(path)
    if session is not None and session.next > index:  # run again, or out of order: start over
        session.close()
        session = None
    if session is None:
        session = SESSIONS[path] = FileSession(path)
    blocks = BY_FILE[path]
    while session.next < index:
        earlier = blocks[session.next]
        if earlier.not_run is not None:
            session.next += 1
            continue
        answer = session.run(earlier)
        if not answer["ok"]:
            session.failed.append(earlier.id)
    return session


@pytest.fixture(scope="module", autouse=True)
def _close_sessions() -> Iterator[None]:
    yield
    for session in SESSIONS.values():
        session.close()
    SESSIONS.clear()


def compile_block(block: Block) -> None:
    """Syntax check: as the runner compiles it (top-level ``await`` allowed)."""
    source = "\n" * (block.line - 1) + block.code
    compile(source, block.path, "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT, dont_inherit=True)


def _param(block: Block) -> Any:
    return pytest.param(block, id=block.id, marks=pytest.mark.xdist_group(name=f"docs:{block.path}"))


@pytest.mark.parametrize("block", [_param(block) for block in BLOCKS])
def test_code_block(block: Block) -> None:
    assert not block.problems, "\n".join(block.problems)
    compile_block(block)
    if block.not_run is not None:
        pytest.skip(f"not run: {block.not_run}")
    index = BY_FILE[block.path].index(block)
    session = session_for(block.path, index)
    earlier = f"\n(earlier blocks of this file failed: {', '.join(session.failed)})" if session.failed else ""
    answer = session.run(block)
    print(answer["stdout"], end="")  # shown by pytest -rP, or on failure
    if index == len(BY_FILE[block.path]) - 1 or all(b.not_run for b in BY_FILE[block.path][index + 1 :]):
        session.close()  # the file's last block to run: stop its orchestrator now
        SESSIONS.pop(block.path, None)
    if not answer["ok"]:
        session.failed.append(block.id)
        pytest.fail(f"{block.id} raised:\n{answer['error']}{earlier}{answer['stderr']}", pytrace=False)
    missing = [text for text in block.prints if text not in answer["stdout"]]
    if missing:
        pytest.fail(
            f"{block.id} should print {missing!r}; it printed:\n{answer['stdout']}{answer['stderr']}",
            pytrace=False,
        )
    if answer["seconds"] > BLOCK_BUDGET:
        pytest.fail(
            f"{block.id} took {answer['seconds']:.1f} s (budget {BLOCK_BUDGET:.0f} s): "
            "an example must not wait for real for long",
            pytrace=False,
        )


def test_markdown_has_blocks() -> None:
    """The collector finds the docs (a renamed folder must not leave nothing to run)."""
    assert any(block.path == "README.md" for block in BLOCKS)
    assert sum(1 for block in BLOCKS if block.not_run is None) >= 20
