"""The shared, I/O-free modules: retry policy maths, id chunking, metrics memory, presets."""

from __future__ import annotations

import dataclasses
import tracemalloc

import httpx
import pytest

from ai_agent import RetryConfig, RetryPresets
from ai_agent._metrics import Metrics
from ai_agent._retry import parse_retry_after
from ai_agent._waiting import MAX_URL_BYTES, chunk_ids

from ..helpers import BASE


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("5", 5.0),
        ("0", 0.0),
        ("1.5", 1.5),
        ("-3", None),
        ("soon", None),
        ("", None),
        (None, None),
        ("nan", None),
    ],
)
def test_parse_retry_after(header: str | None, expected: float | None) -> None:
    assert parse_retry_after(header) == expected


def test_parse_retry_after_date_in_the_past_means_now() -> None:
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0


def test_chunks_keep_urls_short() -> None:
    long_ids = ["é" * 50 + str(i) for i in range(500)]  # 300+ bytes each once encoded
    chunks = chunk_ids(long_ids)
    assert [i for chunk in chunks for i in chunk] == long_ids
    for chunk in chunks:
        query = httpx.QueryParams({"page": 1, "limit": 100, "ids": ",".join(chunk)})
        assert len(f"{BASE}/tasks?{query}") < MAX_URL_BYTES
    assert all(len(c) <= 100 for c in chunk_ids([str(i) for i in range(1000)]))
    assert len(chunk_ids([str(i) for i in range(1000)])) == 10


def test_metrics_memory_is_bounded() -> None:
    metrics = Metrics()
    for i in range(1000):
        metrics.record("op", i % 250, True, 0)
    tracemalloc.start()
    before = tracemalloc.take_snapshot()
    for i in range(100_000):
        metrics.record(f"op{i % 100}", (i % 5000) / 7, i % 3 == 0, i % 2, "err" if i % 3 else None)
    after = tracemalloc.take_snapshot()
    tracemalloc.stop()
    grown = sum(stat.size_diff for stat in after.compare_to(before, "filename"))
    assert grown < 512 * 1024
    assert len(metrics.snapshot().by_operation) <= 65  # distinct names are capped


@pytest.mark.parametrize(
    ("preset", "expected"),
    [
        (RetryPresets.AGGRESSIVE, (5, 50, 5_000, 2.0)),
        (RetryPresets.MODERATE, (3, 100, 10_000, 2.0)),
        (RetryPresets.CONSERVATIVE, (1, 500, 5_000, 2.0)),
        (RetryPresets.NONE, (0, 100, 10_000, 2.0)),
    ],
)
def test_retry_presets(preset: RetryConfig, expected: tuple[float, ...]) -> None:
    assert isinstance(preset, RetryConfig)
    assert (preset.max_retries, preset.initial_delay, preset.max_delay, preset.backoff_multiplier) == expected
    with pytest.raises(dataclasses.FrozenInstanceError):
        preset.max_retries = 9  # type: ignore[misc]


def test_moderate_is_the_default() -> None:
    assert RetryConfig() == RetryPresets.MODERATE
    with pytest.raises(TypeError):
        RetryPresets()
