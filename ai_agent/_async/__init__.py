"""The hand-written source of the client: every file here is rewritten into ``ai_agent/_sync/``
by ``scripts/unasync.py`` (``make generate``). Edit here, never there."""

from .client import AsyncAgentClient

__all__ = ["AsyncAgentClient"]
