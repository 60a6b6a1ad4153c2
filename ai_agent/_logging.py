"""The ``ai_agent`` logger, switched on by ``AI_AGENT_LOG=debug|info``. Never logs headers."""

from __future__ import annotations

import logging
import os

__all__ = ["configure_from_env", "logger"]

logger = logging.getLogger("ai_agent")
_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO, "warning": logging.WARNING}
_configured = False


def configure_from_env() -> None:
    """Attach a stderr handler once if ``AI_AGENT_LOG`` asks for it (and none is set up yet)."""
    global _configured
    if _configured:
        return
    _configured = True
    level = _LEVELS.get(os.environ.get("AI_AGENT_LOG", "").strip().lower())
    if level is None:
        return
    logger.setLevel(level)
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
        logger.addHandler(handler)
