# Generated from tests/integration/_async/__init__.py by scripts/unasync.py: do not edit; run `make generate`.
