"""pytest plugin of the local orchestrator (fixtures are added by the server work)."""
