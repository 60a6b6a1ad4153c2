# Generated from tests/unit/_async/__init__.py by scripts/unasync.py: do not edit; run `make generate`.
