"""The public methods of ``client.agents`` and ``client.tasks`` (imported on first use)."""
