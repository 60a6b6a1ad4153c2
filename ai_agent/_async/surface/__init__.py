"""The generated methods of the async client, one module per tag.

Generated from openapi.yaml by scripts/generate_surface.py: do not edit; run `make generate`.
"""
