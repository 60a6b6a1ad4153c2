"""The ``ai-agent`` application: global options, the client, exit codes and error display.

Exit codes (a script can branch on them; also in ``ai-agent --help``):

    0   done (for waits: every task COMPLETED)
    1   a task ended FAILED, CANCELLED or TIMED_OUT
    2   usage error (bad option, bad input)
    3   API error (the server refused: the message has its code and request id)
    4   a wait timed out
    5   cannot connect (or the server did not answer in time)
    130 interrupted (Ctrl-C)
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import typer
from rich.markup import escape

from .. import (
    AgentClientError,
    ConnectionError,
    SyncAgentClient,
    TimeoutError,
    ValidationError,
)
from ._output import Output

__all__ = ["app"]


DONE, TASK_FAILED, USAGE, API_ERROR, WAIT_TIMEOUT, CANNOT_CONNECT, INTERRUPTED = 0, 1, 2, 3, 4, 5, 130

# Options that several commands take, declared once.
JSON = typer.Option(False, "--json", help="One JSON document on stdout (field names as on the wire).")
EVERY = typer.Option(False, "--all", help="Every page, not just one.")

EPILOG = (
    "Exit codes: 0 done (waits: all COMPLETED), 1 a task ended FAILED/CANCELLED/TIMED_OUT, "
    "2 usage error, 3 API error, 4 wait timed out, 5 cannot connect, 130 interrupted."
)

app = typer.Typer(
    name="ai-agent",
    help="Drive an AI Agent Orchestrator from a shell: agents, tasks, health, waits.",
    epilog=EPILOG,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@dataclass
class Config:
    """The global options."""

    api_url: str
    api_key: str | None
    request_timeout: float
    verbose: bool

    def client(self, *, key_needed: bool = True) -> SyncAgentClient:
        """A client for one command (closed by the caller)."""
        key = self.api_key
        if not key:
            if key_needed:
                usage("no API key: pass --api-key or set AI_AGENT_API_KEY")
            key = "unused"  # GET /health needs no key; the client wants one anyway
        return SyncAgentClient(api_url=self.api_url, api_key=key, timeout=self.request_timeout)


def _print_version() -> None:
    from .._version import __version__

    print(f"ai-agent {__version__}")
    raise typer.Exit(0)


@app.callback()
def options(
    ctx: typer.Context,
    api_url: str = typer.Option(
        "http://localhost:3000", "--api-url", envvar="AI_AGENT_API_URL", help="The orchestrator's URL."
    ),
    api_key: str | None = typer.Option(
        None,
        "--api-key",
        envvar="AI_AGENT_API_KEY",
        show_default=False,
        help="The API key (never printed). Default: $AI_AGENT_API_KEY.",
    ),
    request_timeout: float = typer.Option(
        30.0, "--request-timeout", help="Seconds one HTTP attempt may take."
    ),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log what the SDK does (to stderr)."),
    version: bool = typer.Option(
        False,
        "--version",
        is_eager=True,
        callback=lambda shown: _print_version() if shown else None,
        help="Print the SDK's version and exit.",
    ),
) -> None:
    """Drive an AI Agent Orchestrator from a shell."""
    if verbose:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        sdk_logger = logging.getLogger("ai_agent")
        level = sdk_logger.level
        sdk_logger.setLevel(logging.DEBUG)
        sdk_logger.addHandler(handler)

        def restore() -> None:  # the command may run in-process (tests, a REPL): leave no trace
            sdk_logger.removeHandler(handler)
            sdk_logger.setLevel(level)

        ctx.call_on_close(restore)
    ctx.obj = Config(api_url=api_url, api_key=api_key, request_timeout=request_timeout, verbose=verbose)


def usage(message: str) -> NoReturn:
    """End the command as a usage error: one line on stderr, exit code 2."""
    Output(False).err.print(f"[red]error:[/] {message}", markup=True, highlight=False)
    raise typer.Exit(USAGE)


def config(ctx: typer.Context) -> Config:
    obj = ctx.find_object(Config)
    assert obj is not None
    return obj


def exit_code(error: AgentClientError) -> int:
    """The exit code a script sees for an SDK error."""
    if isinstance(error, ConnectionError):
        return CANNOT_CONNECT
    if isinstance(error, TimeoutError):
        if error.last_status is not None:
            return WAIT_TIMEOUT  # a wait ran out of time
        return CANNOT_CONNECT if error.status_code is None else API_ERROR
    if isinstance(error, ValidationError) and error.status_code is None:
        return USAGE  # refused before anything was sent
    return API_ERROR


@contextmanager
def client_for(ctx: typer.Context, *, key_needed: bool = True) -> Iterator[SyncAgentClient]:
    """The command's client; SDK errors become one line on stderr and their exit code, and
    Ctrl-C says "interrupted" and exits 130 (Typer would end it silently)."""
    try:
        with config(ctx).client(key_needed=key_needed) as client:
            yield client
    except AgentClientError as error:
        # A wait that ran out of time is named by what the user asked for (the task), not by
        # the SDK call the command made for it.
        waited = isinstance(error, TimeoutError) and error.last_status is not None
        text = f"[{error.code}] {error.message}" if waited else str(error)
        Output(False).err.print(f"[red]error:[/] {escape(text)}", markup=True, highlight=False)
        raise typer.Exit(exit_code(error)) from None
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        raise typer.Exit(INTERRUPTED) from None


def read_json(value: str, what: str) -> Any:
    """JSON text, ``@file.json`` or ``-`` (stdin)."""
    try:
        if value == "-":
            text = sys.stdin.read()
        elif value.startswith("@"):
            text = Path(value[1:]).read_text()
        else:
            text = value
    except OSError as exc:
        usage(f"{what}: cannot read {value[1:]!r} ({exc.strerror})")
    try:
        return json.loads(text)
    except ValueError as exc:
        usage(f"{what} is not valid JSON ({exc})")
