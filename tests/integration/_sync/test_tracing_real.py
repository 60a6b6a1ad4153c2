# Generated from tests/integration/_async/test_tracing_real.py by scripts/unasync.py: do not edit; run `make generate`.
"""OpenTelemetry against the local orchestrator: the span tree of a batch and of a wait, and
the traceparent the server receives."""

from __future__ import annotations

from opentelemetry.trace import SpanKind

from ai_agent import SyncAgentClient, TaskSubmitParams
from ai_agent.testing import LocalOrchestrator

from ...tracing_support import Telemetry


def test_batch_and_wait_span_trees(local_orchestrator: LocalOrchestrator, backend: str) -> None:
    telemetry = Telemetry()
    with SyncAgentClient(
        api_url=local_orchestrator.url,
        api_key=local_orchestrator.api_key,
        backend=backend,
        **telemetry.options,
    ) as client:
        tasks = client.tasks.submit_batch(
            [TaskSubmitParams(name=f"t{i}", type="data-processing", payload=i) for i in range(150)]
        )
        # 20 of them: well under the SDK's cap of 128 events per span, so that every poll or
        # read and every status change of the wait is kept, whatever their order.
        client.tasks.wait_for_all([t.id for t in tasks[:20]], timeout=20, poll_interval=0.05)
    spans = telemetry.spans()
    [batch] = [s for s in spans if s.name == "tasks.submit_batch"]
    [wait] = [s for s in spans if s.name == "tasks.wait_for_all"]
    assert batch.kind == wait.kind == SpanKind.INTERNAL
    assert batch.attributes["ai_agent.task.count"] == 150
    chunks = [s for s in spans if s.parent is not None and s.parent.span_id == batch.context.span_id]
    assert [s.kind for s in chunks] == [SpanKind.CLIENT, SpanKind.CLIENT]  # 2 chunks of <= 100
    assert all(s.attributes["http.request.method"] == "POST" for s in chunks)
    # The wait: one span, its polls and reads as events, no child spans.
    assert not [s for s in spans if s.parent is not None and s.parent.span_id == wait.context.span_id]
    events = [e.name for e in wait.events]
    assert wait.dropped_events == 0
    assert events.count("status change") >= 20  # every task ends COMPLETED
    assert {"poll", "blocking read"} & set(events)
    assert len(spans) == 4  # the batch, its 2 chunks, the wait


def test_the_server_receives_the_attempt_span_context(
    local_orchestrator: LocalOrchestrator, backend: str
) -> None:
    telemetry = Telemetry()
    local_orchestrator.faults.add("status", method="GET", path="/agents", status=503, retry_after="0")
    with SyncAgentClient(
        api_url=local_orchestrator.url,
        api_key=local_orchestrator.api_key,
        backend=backend,
        **telemetry.options,
    ) as client:
        client.agents.list()
    attempts = telemetry.client()
    received = [r.headers["traceparent"] for r in local_orchestrator.requests]
    assert len(attempts) == len(received) == 2
    for attempt, traceparent in zip(attempts, received, strict=True):
        _, trace_id, span_id, _ = traceparent.split("-")
        assert trace_id == format(attempt.context.trace_id, "032x")
        assert span_id == format(attempt.context.span_id, "016x")  # each attempt's own span
