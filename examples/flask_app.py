"""A Flask service in front of the orchestrator: one SyncAgentClient shared by all request
threads, as one shares an ``httpx.Client``.

    AI_AGENT_API_URL=http://127.0.0.1:3000 AI_AGENT_API_KEY=dev-key flask --app examples.flask_app run

``create_app()`` makes the client once; it is thread-safe, its pool serves every thread, and it
is closed when the process exits.
"""

from __future__ import annotations

import atexit
import os
from typing import Any

from flask import Flask, jsonify, request
from flask.typing import ResponseReturnValue

from ai_agent import (
    AgentClientError,
    ConflictError,
    NotFoundError,
    RateLimitError,
    SyncAgentClient,
    Task,
    TimeoutError,
    ValidationError,
)

STATUS_FOR: list[tuple[type[AgentClientError], int]] = [
    (ValidationError, 422),
    (NotFoundError, 404),
    (ConflictError, 409),
    (RateLimitError, 503),
    (TimeoutError, 504),
    (AgentClientError, 502),
]


def job(task: Task) -> dict[str, Any]:
    return {
        "id": task.id,
        "status": str(task.status),
        "output": task.result.output if task.result else None,
        "error": task.error.message if task.error else None,
    }


def create_app(client: SyncAgentClient | None = None) -> Flask:
    if client is None:
        client = SyncAgentClient(api_url=os.environ.get("AI_AGENT_API_URL", "http://127.0.0.1:3000"))
        atexit.register(client.close)
    orchestrator = client
    app = Flask(__name__)

    @app.errorhandler(AgentClientError)
    def orchestrator_error(error: AgentClientError) -> ResponseReturnValue:
        status = next(code for cls, code in STATUS_FOR if isinstance(error, cls))
        return jsonify(error=error.code, message=error.message, requestId=error.request_id), status

    @app.post("/jobs")
    def submit_job() -> ResponseReturnValue:
        body: Any = request.get_json(force=True, silent=True)
        task = orchestrator.tasks.submit(body)  # checked like TaskSubmitParams: a bad body is a 422
        return jsonify(job(task)), 201

    @app.get("/jobs/<job_id>")
    def get_job(job_id: str) -> ResponseReturnValue:
        return jsonify(job(orchestrator.tasks.get(job_id)))

    @app.post("/jobs/<job_id>/wait")
    def wait_for_job(job_id: str) -> ResponseReturnValue:
        timeout = float(request.args.get("timeout", 30))
        return jsonify(job(orchestrator.tasks.wait_for_completion(job_id, timeout=timeout)))

    @app.post("/jobs/<job_id>/cancel")
    def cancel_job(job_id: str) -> ResponseReturnValue:
        return jsonify(job(orchestrator.tasks.cancel(job_id, reason="cancelled through the jobs API")))

    return app


if __name__ == "__main__":
    create_app().run()
