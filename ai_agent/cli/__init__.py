"""The ``ai-agent`` command: the orchestrator from a shell (``agents``, ``tasks``, ``health``,
``serve``), built on ``SyncAgentClient``.

Needs the ``cli`` extra (Typer and Rich). Without it, ``ai-agent`` says which extra to install
and exits 2, except ``ai-agent serve``, which only needs the ``server`` extra.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

__all__ = ["main"]

MISSING = 'ai-agent needs the cli extra: pip install "ai-agent-orchestrator[cli]"'


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``ai-agent`` console script."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        import rich  # noqa: F401
        import typer  # noqa: F401
    except ImportError:
        if args[:1] == ["serve"]:
            from ..testing.cli import main as serve_without_typer

            return serve_without_typer(args)
        print(MISSING, file=sys.stderr)
        return 2
    from ._main import run

    return run(args)


if __name__ == "__main__":
    sys.exit(main())
