# Generated from ai_agent/_async/surface/__init__.py by scripts/unasync.py: do not edit; run `make generate`.
"""The generated methods of the async client, one module per tag.

Generated from openapi.yaml by scripts/generate_surface.py: do not edit; run `make generate`.
"""
