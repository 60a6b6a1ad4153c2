"""The command line put together: the Typer app with every command registered, and ``run``.
Apart from ``_app.py`` (the app and the helpers every command uses), so that the commands,
which import ``_app``, are not imported back by it."""

from __future__ import annotations

import sys
from collections.abc import Sequence

import typer

from . import agents, health, serve, tasks  # noqa: F401  (importing them registers their commands)
from ._app import DONE, INTERRUPTED, USAGE, app
from .operations import add_operation_commands

__all__ = ["application", "run"]


def _usage_errors() -> type[Exception]:
    """The base of the errors Typer reports to the user (bad option, missing argument): click's
    ``ClickException``, which Typer ships a copy of from 0.26 on (under ``TyperException`` from
    0.27.2, before which ``typer.exceptions`` does not exist). ``typer.BadParameter`` is one in
    every version: the base is found from it, with no private or version-bound import."""
    for kind in typer.BadParameter.__mro__:
        if kind.__name__ == "ClickException" and issubclass(kind, Exception):
            return kind
    raise RuntimeError("typer.BadParameter is not a ClickException: a Typer this CLI does not know")


_USAGE_ERRORS = _usage_errors()


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
    except _USAGE_ERRORS as error:  # a usage error Typer found (bad option, missing argument)
        show = getattr(error, "show", None)
        if callable(show):
            show()
        else:
            print(f"error: {error}", file=sys.stderr)
        code = getattr(error, "exit_code", USAGE)
        return code if isinstance(code, int) else USAGE
    return result if isinstance(result, int) else DONE
