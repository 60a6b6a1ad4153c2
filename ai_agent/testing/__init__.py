"""Local orchestrator: a reference server for the contract, and a pytest fixture."""
