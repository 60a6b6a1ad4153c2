"""The built wheel, installed as a user installs it: into a fresh venv without the dev tools.

The bare wheel imports without pulling in any optional package; with ``[server,cli]``,
``ai-agent serve`` answers the quick start on both clients and the command line reports the
version. Marked ``release`` and left out of the default run (pip and two venvs take a while):
``make wheel-test`` builds ``dist/`` when the wheel is missing or older than its sources and
runs this file. Pip may fetch the dependencies from the package index; everything else stays
on loopback.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.release

ROOT = Path(__file__).resolve().parents[2]
_found = re.search(r'^__version__ = "([^"]+)"$', (ROOT / "ai_agent" / "_version.py").read_text(), re.M)
assert _found is not None
VERSION = _found.group(1)
DISTRIBUTION = "ai-agent-orchestrator"
# Import roots of every optional extra (and of what the tests and recipes use): none may load.
OPTIONAL_MODULES = (
    "uvicorn", "typer", "rich", "aiohttp", "opentelemetry", "jsonschema", "yaml", "h2", "fastapi", "starlette",
)  # fmt: skip
# The distributions behind them: a bare install must not have installed any.
OPTIONAL_DISTRIBUTIONS = (
    "uvicorn", "typer", "rich", "aiohttp", "httpx-aiohttp", "opentelemetry-api", "jsonschema", "pyyaml", "h2",
    "fastapi", "starlette",
)  # fmt: skip
PIP_TIMEOUT = 900

BARE_CHECK = """
import importlib.metadata, importlib.resources, json, sys

import ai_agent
import ai_agent_client

optional = set(sys.argv[1].split(","))
packaged = importlib.resources.files("ai_agent")
print(json.dumps({
    "loaded": sorted(m for m in sys.modules if m.partition(".")[0] in optional),
    "installed": sorted(
        d.metadata["Name"].lower() for d in importlib.metadata.distributions()
        if d.metadata["Name"].lower() in set(sys.argv[2].split(","))
    ),
    "version": ai_agent.__version__,
    "metadata_version": importlib.metadata.version("ai-agent-orchestrator"),
    "file": ai_agent.__file__,
    "client_file": ai_agent_client.__file__,
    "openapi": packaged.joinpath("openapi.yaml").read_text().startswith("openapi:"),
    "typed": packaged.joinpath("py.typed").is_file(),
}))
"""

QUICK_START = """
import asyncio
import sys

from ai_agent import AgentClient, AgentCreateParams, SyncAgentClient, TaskSubmitParams

url, key = sys.argv[1], sys.argv[2]

with SyncAgentClient(api_url=url, api_key=key) as client:
    agent = client.agents.create(
        AgentCreateParams(name="Sync Agent", type="WORKER", capabilities=["data-processing"])
    )
    task = client.tasks.submit(TaskSubmitParams(name="sync", type="data-processing", payload={"n": 1}))
    done = client.tasks.wait_for_completion(task.id, timeout=30)
    print("sync", agent.id.startswith("agent-"), done.id == task.id, done.status)


async def main() -> None:
    async with AgentClient(api_url=url, api_key=key) as client:
        agent = await client.agents.create(
            AgentCreateParams(name="Async Agent", type="WORKER", capabilities=["data-processing"])
        )
        task = await client.tasks.submit(
            TaskSubmitParams(name="async", type="data-processing", payload={"n": 2})
        )
        done = await client.tasks.wait_for_completion(task.id, timeout=30)
        print("async", agent.id.startswith("agent-"), done.id == task.id, done.status)


asyncio.run(main())
"""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """dist/'s wheel of this version (AI_AGENT_WHEEL names another), else one built now."""
    named = os.environ.get("AI_AGENT_WHEEL")
    path = Path(named) if named else ROOT / "dist" / f"ai_agent_orchestrator-{VERSION}-py3-none-any.whl"
    if path.is_file():
        return path.resolve()
    if named:
        pytest.fail(f"AI_AGENT_WHEEL={named}: no such file (make dist builds it)")
    out = tmp_path_factory.mktemp("dist")
    built = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=PIP_TIMEOUT,
        check=False,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    return out / path.name


def environment(venv: Path, *, network: bool) -> dict[str, str]:
    """This process's environment without its venv: the fresh venv's bin/ first on PATH.
    Without ``network``, no proxy either, so that the clients talk to loopback directly."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "PYTHONUSERBASE"}
        and not key.startswith("AI_AGENT_")
        and (network or not key.lower().endswith("_proxy"))
    }
    env["PATH"] = os.pathsep.join([str(bin_dir(venv)), env.get("PATH", "")])
    env["PYTHONNOUSERSITE"] = "1"
    return env


def bin_dir(venv: Path) -> Path:
    return venv / ("Scripts" if os.name == "nt" else "bin")


def fresh_venv(venv: Path, requirement: str) -> Path:
    """A new venv (the stdlib's, with its own pip) holding ``requirement`` and what it needs."""
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=PIP_TIMEOUT)
    python = bin_dir(venv) / "python"
    installed = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", requirement],
        capture_output=True,
        text=True,
        cwd=venv,
        env=environment(venv, network=True),
        timeout=PIP_TIMEOUT,
        check=False,
    )
    assert installed.returncode == 0, (
        f"pip install {requirement} failed:\n{installed.stdout}{installed.stderr}"
    )
    return python


def run(venv: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    # cwd is the venv, never the checkout: `python -c` puts its cwd first on sys.path.
    return subprocess.run(
        list(args),
        capture_output=True,
        text=True,
        cwd=venv,
        env=environment(venv, network=False),
        timeout=timeout,
        check=False,
    )


def free_loopback_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_until_listening(port: int, server: subprocess.Popen[bytes], log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"ai-agent serve exited {server.returncode}:\n{log.read_text()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
        except OSError:
            time.sleep(0.1)
        else:
            return
    pytest.fail(f"ai-agent serve did not listen on 127.0.0.1:{port} within {timeout:g} s:\n{log.read_text()}")


def test_the_bare_wheel_imports_without_any_optional_package(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "bare"
    python = fresh_venv(venv, str(wheel))

    checked = run(
        venv, str(python), "-c", BARE_CHECK, ",".join(OPTIONAL_MODULES), ",".join(OPTIONAL_DISTRIBUTIONS)
    )
    assert checked.returncode == 0, checked.stderr
    found = json.loads(checked.stdout)
    assert found["loaded"] == [], "import ai_agent loaded optional packages"
    assert found["installed"] == [], "the bare wheel installed optional packages"
    assert found["version"] == found["metadata_version"] == VERSION
    assert wheel.name.startswith(f"ai_agent_orchestrator-{VERSION}-")
    for key in ("file", "client_file"):
        assert Path(found[key]).resolve().is_relative_to(venv.resolve()), found[key]
    assert found["openapi"], "ai_agent/openapi.yaml is missing from the wheel or not the contract"
    assert found["typed"], "ai_agent/py.typed is missing from the wheel"

    # Without the cli extra the command says which extra to install, and nothing more.
    bare_cli = run(venv, str(bin_dir(venv) / "ai-agent"), "--help")
    assert bare_cli.returncode == 2
    assert "ai-agent-orchestrator[cli]" in bare_cli.stderr
    assert "Traceback" not in bare_cli.stderr


def test_the_wheel_with_server_and_cli_runs_the_quick_start(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "full"
    python = fresh_venv(venv, f"{DISTRIBUTION}[server,cli] @ {wheel.as_uri()}")
    ai_agent = str(bin_dir(venv) / "ai-agent")

    version = run(venv, ai_agent, "--version")
    assert version.returncode == 0, version.stderr
    assert VERSION in version.stdout
    helped = run(venv, ai_agent, "--help")
    assert helped.returncode == 0, helped.stderr
    for word in ("serve", "agents", "tasks", "--version"):
        assert word in helped.stdout

    port = free_loopback_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            [ai_agent, "serve", "--host", "127.0.0.1", "--port", str(port), "--api-key", "k"],
            stdout=output,
            stderr=subprocess.STDOUT,
            cwd=venv,
            env=environment(venv, network=False),
        )
    try:
        wait_until_listening(port, server, log)
        quick = run(venv, str(python), "-c", QUICK_START, f"http://127.0.0.1:{port}", "k")
        assert quick.returncode == 0, quick.stdout + quick.stderr
        assert quick.stdout.splitlines() == ["sync True True COMPLETED", "async True True COMPLETED"]
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=15)
    assert server.returncode == 0, log.read_text()
    assert f"listening on http://127.0.0.1:{port}" in log.read_text()
