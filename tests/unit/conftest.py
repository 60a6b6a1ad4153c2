"""Unit tests run against pytest-httpx mocks with fake clocks (nothing really sleeps).

The client tests are written once, for the async client, under ``_async/``; ``_sync/`` is
generated from them (``scripts/unasync.py``). Tests of shared, I/O-free code sit here, flat.
"""
