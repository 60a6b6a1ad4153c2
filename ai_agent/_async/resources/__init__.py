"""``client.agents`` and ``client.tasks`` (async source; see ``ai_agent/_async/__init__.py``)."""
