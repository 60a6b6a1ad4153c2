# Generated from ai_agent/_async/__init__.py by scripts/unasync.py: do not edit; run `make generate`.
"""The hand-written source of the client: every file here is rewritten into ``ai_agent/_sync/``
by ``scripts/unasync.py`` (``make generate``). Edit here, never there."""

from .client import SyncAgentClient

__all__ = ["SyncAgentClient"]
