"""``ai-agent`` as a real process: help, exit codes, Ctrl-C during a wait, ``serve``'s own
checks, and the one line it prints when the ``cli`` extra is missing."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from typing import Any

import httpx
import pytest

from ai_agent.testing import LocalOrchestrator

from ..integration.handlers import slow_handler

AI_AGENT = [sys.executable, "-m", "ai_agent.cli"]


def run(
    *args: str, server: LocalOrchestrator | None = None, **kwargs: Any
) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if server is not None:
        env.update(AI_AGENT_API_URL=server.url, AI_AGENT_API_KEY=server.api_key)
    return subprocess.run(
        [*AI_AGENT, *args], capture_output=True, text=True, timeout=60, env=env, check=False, **kwargs
    )


def test_help_reads_well() -> None:
    top = run("--help")
    assert top.returncode == 0
    for word in ("agents", "tasks", "health", "serve", "--api-url", "--api-key", "Exit codes"):
        assert word in top.stdout
    for command in (["tasks", "submit"], ["tasks", "wait"], ["agents", "list"], ["serve"]):
        helped = run(*command, "--help")
        assert helped.returncode == 0, command
        assert "--json" in helped.stdout or command == ["serve"]


def test_scripted_submit_and_wait(local_orchestrator: LocalOrchestrator) -> None:
    created = run("tasks", "submit", "--name", "n", "--type", "t", "--payload", "-", "--json",
                  server=local_orchestrator, input='{"k": "v"}')  # fmt: skip
    assert created.returncode == 0, created.stderr
    task = json.loads(created.stdout)
    waited = run("tasks", "wait", task["id"], "--json", server=local_orchestrator)
    assert waited.returncode == 0
    assert json.loads(waited.stdout)["status"] == "COMPLETED"
    wrong = run("--api-key", "nope", "tasks", "get", task["id"], server=local_orchestrator)
    assert wrong.returncode == 3
    assert "Traceback" not in wrong.stderr
    assert "UNAUTHORIZED" in wrong.stderr


def test_unreachable_url_exits_5_quickly() -> None:
    started = time.monotonic()
    result = run("--api-url", "http://127.0.0.1:9", "--api-key", "k", "tasks", "list")
    assert result.returncode == 5
    assert time.monotonic() - started < 10


@pytest.mark.parametrize("cancel", [False, True], ids=["leave-it", "cancel-on-interrupt"])
def test_ctrl_c_during_a_wait(local_orchestrator: LocalOrchestrator, cancel: bool) -> None:
    local_orchestrator.state.handlers["slow"] = slow_handler(60, None)
    task = json.loads(
        run(
            "tasks",
            "submit",
            "--name",
            "s",
            "--type",
            "slow",
            "--payload",
            "1",
            "--json",
            server=local_orchestrator,
        ).stdout
    )
    env = {
        **os.environ,
        "AI_AGENT_API_URL": local_orchestrator.url,
        "AI_AGENT_API_KEY": local_orchestrator.api_key,
    }
    extra = ["--cancel-on-interrupt"] if cancel else []
    # A shell's background job starts with SIGINT ignored, and a child inherits that: Python
    # then never raises KeyboardInterrupt. Not ignored here, the child starts with the default.
    inherited = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        process = subprocess.Popen(
            [*AI_AGENT, "tasks", "wait", task["id"], *extra],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
    finally:
        signal.signal(signal.SIGINT, inherited)
    try:
        deadline = time.monotonic() + 20
        while local_orchestrator.app.holding == 0 and time.monotonic() < deadline:  # waiting on the server
            time.sleep(0.05)
        assert local_orchestrator.app.holding > 0
        started = time.monotonic()
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=10)
    finally:
        if process.poll() is None:  # a failed test leaves no process (or open pipes) behind
            process.kill()
            process.communicate()
    assert process.returncode == 130
    assert time.monotonic() - started < 3
    assert "Traceback" not in stderr
    status = local_orchestrator.state.tasks[task["id"]]["status"]
    assert status == ("CANCELLED" if cancel else "IN_PROGRESS")


def test_serve_refuses_bad_settings_in_one_line() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        busy = run("serve", "--port", str(port))
    assert busy.returncode == 2
    assert "already in use" in busy.stderr
    assert "Traceback" not in busy.stderr
    remote = run("serve", "--host", "10.0.0.1")
    assert remote.returncode == 2
    assert "loopback" in remote.stderr
    assert "Traceback" not in remote.stderr
    negative = run("serve", "--task-delay", "-1")
    assert negative.returncode == 2
    assert "Traceback" not in negative.stderr


def test_without_the_cli_extra_it_says_what_to_install() -> None:
    code = (
        "import sys; sys.modules['typer'] = None; from ai_agent.cli import main; sys.exit(main(sys.argv[1:]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, "tasks", "list"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 2
    assert result.stderr.strip() == 'ai-agent needs the cli extra: pip install "ai-agent-orchestrator[cli]"'
    served = subprocess.run(
        [sys.executable, "-c", code, "serve", "--help"], capture_output=True, text=True, check=False
    )
    assert served.returncode == 0  # serve still works with only the server extra
    assert "--task-delay" in served.stdout


@pytest.mark.parametrize(
    ("entry", "http2"),
    [(AI_AGENT, False), (AI_AGENT, True), ([sys.executable, "-m", "ai_agent.testing.cli"], True)],
    ids=["typer-tls", "typer-mtls-http2", "argparse-mtls-http2"],
)
def test_serve_over_tls_with_client_certificates_and_http2(
    entry: list[str], http2: bool, tmp_path: Any
) -> None:
    from ai_agent import SyncAgentClient, TLSError

    from ..integration.realnet import make_certificates

    certs = make_certificates(tmp_path)
    command = [*entry, "serve", "--port", "0", "--api-key", "tls-key", "--task-delay", "0"]
    command += ["--certfile", certs.server, "--keyfile", certs.server]
    if http2:
        command += ["--client-ca", certs.ca, "--http2"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert "listening on https://" in line, (line, process.stderr.read() if process.poll() else "")
        url = line.split("listening on ", 1)[1].split()[0]
        cert = certs.client if http2 else None
        with SyncAgentClient(url, api_key="tls-key", verify=certs.ca, cert=cert, http2=http2) as client:
            task = client.tasks.submit(name="n", type="t", payload={})
            assert client.tasks.wait_for_completion(task.id, timeout=10).status == "COMPLETED"
            response = client.with_raw_response.tasks.get(task.id)
            assert response.http_response.http_version == ("HTTP/2" if http2 else "HTTP/1.1")
        with (
            SyncAgentClient(url, api_key="tls-key", verify=certs.other_ca) as stranger,
            pytest.raises(TLSError),
        ):
            stranger.health()
    finally:
        process.terminate()
        process.wait(10)
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()


def test_serve_refuses_a_client_ca_without_a_certificate(tmp_path: Any) -> None:
    result = run("serve", "--port", "0", "--client-ca", str(tmp_path / "ca.pem"))
    assert result.returncode == 2
    assert "certfile" in result.stderr


@pytest.mark.parametrize("args", [["tasks", "list"], ["tasks", "list", "--json"], ["health"]])
def test_a_reader_that_goes_away_is_not_a_failure(args: list[str]) -> None:
    # `ai-agent tasks list | head -2`: head exits early; the command must still exit 0,
    # quietly. The read end is closed before the command writes, so its write always fails.
    with LocalOrchestrator(api_key="pipe-key", task_delay=0) as server:
        with httpx.Client(base_url=server.url, headers={"Authorization": "Bearer pipe-key"}) as http:
            for i in range(5):
                http.post("/tasks", json={"name": f"n{i}", "type": "t", "payload": {}})
        env = {**os.environ, "AI_AGENT_API_URL": server.url, "AI_AGENT_API_KEY": "pipe-key"}
        reader, writer = os.pipe()
        os.close(reader)
        try:
            process = subprocess.run(
                [*AI_AGENT, *args], stdout=writer, stderr=subprocess.PIPE, text=True, env=env, timeout=60
            )
        finally:
            os.close(writer)
    assert process.returncode == 0, process.stderr
    assert process.stderr == ""


def test_version_prints_the_package_version() -> None:
    import importlib.metadata

    result = run("--version")
    assert result.returncode == 0
    assert result.stdout == f"ai-agent {importlib.metadata.version('ai-agent-orchestrator')}\n"
