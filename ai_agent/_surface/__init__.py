"""The generated surface shared by both clients: params, Literal aliases, the operation table.

Generated from openapi.yaml by scripts/generate_surface.py: do not edit; run `make generate`.
"""
