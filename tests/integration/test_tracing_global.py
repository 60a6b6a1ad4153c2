"""OpenTelemetry as applications set it up: global providers, other instrumentations active.
(The global provider can be set once per process: these tests run in a subprocess each.)"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from typing import Any

import pytest

from ai_agent.testing import LocalOrchestrator

SETUP = """
import asyncio, json, sys
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
exporter = InMemorySpanExporter()
provider = TracerProvider()
provider.add_span_processor(SimpleSpanProcessor(exporter))
trace.set_tracer_provider(provider)
URL, KEY = sys.argv[1], sys.argv[2]
def report():
    print(json.dumps([[s.name, s.kind.name, s.instrumentation_scope.name] for s in exporter.get_finished_spans()]))
"""


def run(server: LocalOrchestrator, code: str) -> Any:
    script = SETUP + textwrap.dedent(code)
    result = subprocess.run(
        [sys.executable, "-c", script, server.url, server.api_key],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("client", ["AgentClient", "SyncAgentClient"])
def test_global_provider_no_code_change(local_orchestrator: LocalOrchestrator, client: str) -> None:
    code = (
        "from ai_agent import SyncAgentClient\n"
        "with SyncAgentClient(api_url=URL, api_key=KEY) as c:\n"
        "    c.agents.list()\n"
        "report()\n"
        if client == "SyncAgentClient"
        else "from ai_agent import AgentClient\n"
        "async def main():\n"
        "    async with AgentClient(api_url=URL, api_key=KEY) as c:\n"
        "        await c.agents.list()\n"
        "asyncio.run(main())\n"
        "report()\n"
    )
    assert run(local_orchestrator, code) == [
        ["GET", "CLIENT", "ai_agent"],
        ["agents.list", "INTERNAL", "ai_agent"],
    ]


@pytest.mark.parametrize("tracing", [True, False])
def test_no_double_spans_with_the_httpx_instrumentation(
    local_orchestrator: LocalOrchestrator, tracing: bool
) -> None:
    code = f"""
    from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
    HTTPXClientInstrumentor().instrument()
    from ai_agent import AgentClient
    async def main():
        async with AgentClient(api_url=URL, api_key=KEY, tracing={tracing}) as c:
            await c.agents.list()
    asyncio.run(main())
    report()
    """
    spans = run(local_orchestrator, code)
    if tracing:  # ours only: the instrumentation's span is suppressed under our attempt span
        assert spans == [["GET", "CLIENT", "ai_agent"], ["agents.list", "INTERNAL", "ai_agent"]]
    else:  # theirs only
        assert [kind for _, kind, _ in spans] == ["CLIENT"]
        assert spans[0][2] != "ai_agent"


def test_nothing_is_imported_before_a_request_or_without_a_provider() -> None:
    code = "import sys, ai_agent\nprint(any(m.startswith('opentelemetry') for m in sys.modules))\n"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
