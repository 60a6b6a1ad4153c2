# Generated from ai_agent/_async/resources/__init__.py by scripts/unasync.py: do not edit; run `make generate`.
"""``client.agents`` and ``client.tasks`` (async source; see ``ai_agent/_async/__init__.py``)."""
