"""A FastAPI service in front of the orchestrator: one AgentClient for the app's whole life.

    AI_AGENT_API_URL=http://127.0.0.1:3000 AI_AGENT_API_KEY=dev-key uvicorn examples.fastapi_app:app

The client is created and checked in the lifespan (a wrong URL or key stops the start-up),
shared by every request, and closed on shutdown. Orchestrator errors become HTTP statuses that
tell the caller what went wrong.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import Body, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from ai_agent import (
    AgentClient,
    AgentClientError,
    AuthenticationError,
    AuthorizationError,
    ConflictError,
    NotFoundError,
    RateLimitError,
    Task,
    TimeoutError,
    ValidationError,
)

# What each orchestrator error means for this service's own callers.
STATUS_FOR: list[tuple[type[AgentClientError], int]] = [
    (ValidationError, 422),
    (NotFoundError, 404),
    (ConflictError, 409),
    (RateLimitError, 503),
    (TimeoutError, 504),
    (AuthenticationError, 502),  # our credentials for the orchestrator are wrong: not the caller's fault
    (AuthorizationError, 502),
    (AgentClientError, 502),
]


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    client = AgentClient(api_url=os.environ.get("AI_AGENT_API_URL", "http://127.0.0.1:3000"))
    try:
        await client.initialize()  # fail at start-up, not on the first request
        app.state.orchestrator = client
        yield
    finally:
        await client.close()


app = FastAPI(title="jobs", lifespan=lifespan)


def orchestrator(request: Request) -> AgentClient:
    client: AgentClient = request.app.state.orchestrator
    return client


@app.exception_handler(AgentClientError)
async def orchestrator_error(request: Request, error: AgentClientError) -> JSONResponse:
    status = next(code for cls, code in STATUS_FOR if isinstance(error, cls))
    headers = {}
    if isinstance(error, RateLimitError) and error.retry_after is not None:
        headers["Retry-After"] = str(int(error.retry_after))
    body = {"error": error.code, "message": error.message, "requestId": error.request_id}
    return JSONResponse(status_code=status, content=body, headers=headers)


@app.exception_handler(RequestValidationError)
async def unreadable_body(request: Request, error: RequestValidationError) -> JSONResponse:
    # What FastAPI refuses before the SDK sees it (a body that is not JSON) gets the same shape.
    first = error.errors()[0] if error.errors() else {}
    message = f"the request body is not valid: {first.get('msg', 'unreadable')}"
    return JSONResponse(
        status_code=422, content={"error": "VALIDATION_ERROR", "message": message, "requestId": None}
    )


def job(task: Task) -> dict[str, Any]:
    return {
        "id": task.id,
        "status": str(task.status),
        "output": task.result.output if task.result else None,
        "error": task.error.message if task.error else None,
    }


@app.post("/jobs", status_code=201)
async def submit_job(request: Request, body: Annotated[Any, Body()] = None) -> dict[str, Any]:
    # The SDK checks the body as TaskSubmitParams: a bad one is a ValidationError, so a 422.
    task = await orchestrator(request).tasks.submit(body)
    return job(task)


@app.get("/jobs/{job_id}")
async def get_job(job_id: str, request: Request) -> dict[str, Any]:
    return job(await orchestrator(request).tasks.get(job_id))


@app.post("/jobs/{job_id}/wait")
async def wait_for_job(job_id: str, request: Request, timeout: float = 30) -> dict[str, Any]:
    return job(await orchestrator(request).tasks.wait_for_completion(job_id, timeout=timeout))


@app.post("/jobs/{job_id}/cancel")
async def cancel_job(job_id: str, request: Request) -> dict[str, Any]:
    return job(await orchestrator(request).tasks.cancel(job_id, reason="cancelled through the jobs API"))
