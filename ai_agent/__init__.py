"""Async Python SDK for the AI Agent Orchestrator."""

__version__ = "0.1.0"
