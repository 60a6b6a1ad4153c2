"""`make demo`: start the local orchestrator on a free loopback port, run the quick start and two
commands of the `ai-agent` command line against it, stop it."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
API_KEY = "demo-key"


def main() -> int:
    server = subprocess.Popen(
        [sys.executable, "-m", "ai_agent.testing.cli", "serve", "--host", "127.0.0.1", "--port", "0",
         "--api-key", API_KEY, "--task-delay", "0.2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )  # fmt: skip
    try:
        assert server.stdout is not None
        url = None
        for line in server.stdout:
            print(f"[server] {line.rstrip()}")
            found = re.search(r"https?://[\w.\[\]:]+", line)
            if found:
                url = found.group(0)
                break
        if url is None:
            print("the local orchestrator did not start", file=sys.stderr)
            return 1
        env = {**os.environ, "AI_AGENT_API_URL": url, "AI_AGENT_API_KEY": API_KEY}
        code = subprocess.run([sys.executable, str(HERE / "quickstart.py")], env=env, check=False).returncode
        if code != 0:
            return code
        for command in (
            ["health"],
            ["tasks", "submit", "--name", "from the shell", "--type", "data-processing",
             "--payload", '{"rows": 3}', "--wait"],
        ):  # fmt: skip
            print(
                f"\n$ ai-agent {' '.join(repr(a) if ' ' in a or '{' in a else a for a in command)}",
                flush=True,
            )
            code = subprocess.run(
                [sys.executable, "-m", "ai_agent.cli", *command], env=env, check=False
            ).returncode
            if code != 0:
                return code
        return 0
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


if __name__ == "__main__":
    sys.exit(main())
