"""The command line put together: the Typer app with every command registered, and ``run``.
Apart from ``_app.py`` (the app and the helpers every command uses), so that the commands,
which import ``_app``, are not imported back by it."""

from __future__ import annotations

import sys
from collections.abc import Sequence

import typer
from typer.exceptions import TyperException

from . import agents, health, serve, tasks  # noqa: F401  (importing them registers their commands)
from ._app import DONE, INTERRUPTED, USAGE, app
from .operations import add_operation_commands

__all__ = ["application", "run"]


def application() -> typer.Typer:
    """The Typer application with every command registered: the hand-polished ones, then one
    for every other operation of the operation table."""
    add_operation_commands(app)
    return app


def run(args: Sequence[str]) -> int:
    """Run the command line; return its exit code (no traceback for expected failures)."""
    application()
    try:
        result = app(list(args), prog_name="ai-agent", standalone_mode=False)
    except typer.Exit as done:
        return done.exit_code
    except (KeyboardInterrupt, typer.Abort):
        print("interrupted", file=sys.stderr)
        return INTERRUPTED
    except TyperException as error:  # a usage error Typer found (bad option, missing argument)
        show = getattr(error, "show", None)
        if callable(show):
            show()
        else:
            print(f"error: {error}", file=sys.stderr)
        code = getattr(error, "exit_code", USAGE)
        return code if isinstance(code, int) else USAGE
    return result if isinstance(result, int) else DONE
