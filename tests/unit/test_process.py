"""Behaviour that needs a fresh interpreter: logging switched on by the environment, and the
one-time record of a missing sniffio."""

from __future__ import annotations

import subprocess
import sys

import pytest

ASYNC_SCRIPT = (
    "import asyncio, httpx, ai_agent\n"
    "def h(r): return httpx.Response(200, json={'success': True, 'data': None})\n"
    "async def main():\n"
    "    async with ai_agent.AgentClient(api_url='http://127.0.0.1:9', api_key='SECRET-KEY-XYZ',"
    " transport=httpx.MockTransport(h)) as c:\n"
    "        await c.agents.delete('a')\n"
    "asyncio.run(main())\n"
)
SYNC_SCRIPT = (
    "import httpx, ai_agent\n"
    "def h(r): return httpx.Response(200, json={'success': True, 'data': None})\n"
    "with ai_agent.SyncAgentClient(api_url='http://127.0.0.1:9', api_key='SECRET-KEY-XYZ',"
    " transport=httpx.MockTransport(h)) as c:\n"
    "    c.agents.delete('a')\n"
)


@pytest.mark.parametrize("script", [ASYNC_SCRIPT, SYNC_SCRIPT], ids=["async", "sync"])
def test_ai_agent_log_env_switches_logging_on(script: str) -> None:
    run = subprocess.run(
        [sys.executable, "-c", script],
        env={"AI_AGENT_LOG": "debug", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert "DELETE agents.delete -> 200" in run.stderr
    assert "SECRET-KEY-XYZ" not in run.stderr + run.stdout


def test_missing_sniffio_is_recorded_once_not_searched_per_request() -> None:
    code = (
        "import importlib.util, sys\n"
        "if importlib.util.find_spec('sniffio') is not None: print('installed'); raise SystemExit\n"
        "from ai_agent import AgentClient\n"
        "assert 'sniffio' not in sys.modules  # importing the SDK changes nothing\n"
        "c = AgentClient(api_url='http://127.0.0.1:9', api_key='k')\n"
        "assert sys.modules['sniffio'] is None\n"
        "try:\n    import sniffio\nexcept ImportError:\n    print('fast ImportError')\n"
        "import asyncio; asyncio.run(c.close())\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() in ("fast ImportError", "installed")
