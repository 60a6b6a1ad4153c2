"""In-memory state of the local orchestrator and the task lifecycle that runs tasks.

PENDING -> QUEUED -> ASSIGNED -> IN_PROGRESS -> COMPLETED | FAILED | TIMED_OUT, each task run
by the async handler registered for its type (the default one echoes the payload back after
``task_delay`` seconds). Cancelling stops a running handler.

Every change of a task takes the next value of a server-wide revision counter (the contract's
blocking-read extension); ``wait_for_change`` sleeps until a selected task passes a revision,
woken by the changes themselves (no polling).
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import time
from collections.abc import Awaitable, Callable
from typing import Any

from ._wire import ApiError, iso_now, new_id
from .contract import load_spec

__all__ = ["TERMINAL", "Handler", "Store"]

# The statuses a task ends in, as openapi.yaml states them (TaskStatus's x-sdk-terminal), in order.
_ENDS: list[str] = load_spec()["components"]["schemas"]["TaskStatus"]["x-sdk-terminal"]
TERMINAL = frozenset(_ENDS)
# The orchestrator's rule for retry: a task that ended without completing may run again.
RETRYABLE = TERMINAL - {"COMPLETED"}
_RETRYABLE_SAID = ", ".join(s for s in _ENDS if s in RETRYABLE).rsplit(", ", 1)
UNAVAILABLE_AGENTS = frozenset({"PAUSED", "OFFLINE", "ERROR"})

Handler = Callable[[dict[str, Any]], Awaitable[Any]]
"""``await handler(task)`` returns the task's output; raising marks the task FAILED."""


class Store:
    """Agents and tasks, and the asyncio tasks that run the orchestrator's tasks."""

    def __init__(
        self,
        *,
        task_delay: float = 0.05,
        handlers: dict[str, Handler] | None = None,
        declared: dict[str, frozenset[str]] | None = None,
    ) -> None:
        self.task_delay = task_delay
        # The fields each resource declares in the spec ("Task", "Agent"): whatever else a
        # request carries that the resource declares is stored and returned as it came.
        self.declared = declared or {}
        self.handlers = dict(handlers or {})
        self.agents: dict[str, dict[str, Any]] = {}
        self.tasks: dict[str, dict[str, Any]] = {}
        self._running: dict[str, asyncio.Task[None]] = {}
        self.started = time.monotonic()
        self.last_tick = time.monotonic()
        self.revision = 0
        self._changed = asyncio.Event()  # set, and replaced, on every change of a task
        self.releasing = False  # shutting down: held reads answer at once

    # -- agents ----------------------------------------------------------------------------

    def create_agent(self, params: dict[str, Any]) -> dict[str, Any]:
        """Register an agent; it is READY at once."""
        now = iso_now()
        agent = {
            "id": new_id("agent"),
            "name": params["name"],
            "type": params["type"],
            "status": "READY",
            "capabilities": list(params["capabilities"]),
            "createdAt": now,
            "updatedAt": now,
        }
        self._keep_declared("Agent", agent, params)
        self.agents[agent["id"]] = agent
        return copy.deepcopy(agent)

    def _keep_declared(self, resource: str, stored: dict[str, Any], params: dict[str, Any]) -> None:
        """Copy into ``stored`` every field of ``params`` that the resource declares and the
        server has not set itself (without a spec to go by: every field)."""
        declared = self.declared.get(resource)
        for name, value in params.items():
            if name not in stored and (declared is None or name in declared):
                stored[name] = copy.deepcopy(value)

    def agent(self, agent_id: str) -> dict[str, Any]:
        """The agent (a copy), or 404."""
        if agent_id not in self.agents:
            raise ApiError(404, "NOT_FOUND", f"Agent {agent_id} not found", {"agentId": agent_id})
        return copy.deepcopy(self.agents[agent_id])

    def update_agent(self, agent_id: str, changes: dict[str, Any]) -> dict[str, Any]:
        """Apply a partial update."""
        self.agent(agent_id)
        self.agents[agent_id].update(copy.deepcopy(changes))
        self.agents[agent_id]["updatedAt"] = iso_now()
        return self.agent(agent_id)

    def delete_agent(self, agent_id: str) -> None:
        """Remove an agent (its tasks keep their ``assignedAgentId``)."""
        self.agent(agent_id)
        del self.agents[agent_id]

    # -- tasks -----------------------------------------------------------------------------

    def submit(self, params: dict[str, Any]) -> dict[str, Any]:
        """Accept a task (PENDING) and start its lifecycle."""
        now = iso_now()
        task: dict[str, Any] = {
            "id": new_id("task"),
            "name": params["name"],
            "type": params["type"],
            "status": "PENDING",
            "priority": params.get("priority", "NORMAL"),
            "payload": params["payload"],
            "createdAt": now,
            "updatedAt": now,
        }
        self._keep_declared("Task", task, params)
        self.tasks[task["id"]] = task
        self._bump(task)
        self._start(task["id"])
        return copy.deepcopy(task)

    def task(self, task_id: str) -> dict[str, Any]:
        """The task (a copy), or 404."""
        if task_id not in self.tasks:
            raise ApiError(404, "NOT_FOUND", f"Task {task_id} not found", {"taskId": task_id})
        return copy.deepcopy(self.tasks[task_id])

    def cancel(self, task_id: str, reason: str | None) -> dict[str, Any]:
        """Cancel a task that has not finished (409 otherwise)."""
        task = self.task(task_id)
        if task["status"] in TERMINAL:
            raise ApiError(
                409,
                "CONFLICT",
                f"Task {task_id} is already {task['status']} and cannot be cancelled",
                {"taskId": task_id, "status": task["status"]},
            )
        running = self._running.pop(task_id, None)
        if running is not None:
            running.cancel()
        error = {"code": "CANCELLED", "message": reason or "cancelled", "retryable": True}
        self._set(task_id, "CANCELLED", error={**error, "timestamp": iso_now()})
        return self.task(task_id)

    def retry(self, task_id: str) -> dict[str, Any]:
        """Run a task that ended without completing (FAILED, CANCELLED, TIMED_OUT) again (409
        otherwise)."""
        task = self.task(task_id)
        if task["status"] not in RETRYABLE:
            raise ApiError(
                409,
                "CONFLICT",
                f"Task {task_id} is {task['status']}; only {' or '.join(_RETRYABLE_SAID)} can be retried",
                {"taskId": task_id, "status": task["status"]},
            )
        stored = self.tasks[task_id]
        for key in ("result", "error", "assignedAgentId"):
            stored.pop(key, None)
        self._set(task_id, "PENDING")
        self._start(task_id)
        return self.task(task_id)

    def _set(self, task_id: str, status: str, **fields: Any) -> None:
        task = self.tasks[task_id]
        task["status"] = status
        task.update(fields)
        task["updatedAt"] = iso_now()
        self._bump(task)

    # -- revisions and blocking reads --------------------------------------------------------

    def _bump(self, task: dict[str, Any]) -> None:
        self.revision += 1
        task["revision"] = self.revision
        changed, self._changed = self._changed, asyncio.Event()
        changed.set()

    async def wait_for_change(
        self,
        selected: Callable[[], list[dict[str, Any]]],
        after: int,
        hold: float,
        linger: float = 0.002,
    ) -> None:
        """Return once a task of ``selected()`` has a revision above ``after`` (then ``linger``
        a moment, so that changes made together are answered together), when ``hold``
        seconds pass, or when the server shuts down."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + hold
        while not self.releasing:
            if any(task.get("revision", 0) > after for task in selected()):
                await asyncio.sleep(linger)
                return
            remaining = deadline - loop.time()
            if remaining <= 0:
                return
            try:
                await asyncio.wait_for(self._changed.wait(), remaining)
            except TimeoutError:
                return

    def release_holds(self) -> None:
        """Answer every held read now (the server is stopping)."""
        self.releasing = True
        self._changed.set()

    # -- lifecycle -------------------------------------------------------------------------

    def _start(self, task_id: str) -> None:
        self._running[task_id] = asyncio.get_running_loop().create_task(self._run(task_id))

    async def _run(self, task_id: str) -> None:
        try:
            for status in ("QUEUED", "ASSIGNED"):
                await asyncio.sleep(0)
                self._set(task_id, status)
                if status == "ASSIGNED":
                    agent = self._agent_for(self.tasks[task_id]["type"])
                    if agent is not None:
                        self.tasks[task_id]["assignedAgentId"] = agent
            await asyncio.sleep(0)
            self._set(task_id, "IN_PROGRESS")
            task = self.task(task_id)
            handler = self.handlers.get(task["type"], self._default_handler)
            timeout_ms = (task.get("config") or {}).get("timeout")
            try:
                async with asyncio.timeout(timeout_ms / 1000 if timeout_ms else None):
                    output = await handler(task)
            except TimeoutError:
                timed_out = {"code": "TIMEOUT", "message": f"Task ran longer than {timeout_ms} ms"}
                self._set(
                    task_id, "TIMED_OUT", error={**timed_out, "retryable": True, "timestamp": iso_now()}
                )
                return
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # a failing handler fails the task, not the server
                error: dict[str, Any] = {
                    "code": "HANDLER_ERROR",
                    "message": str(exc) or type(exc).__name__,
                    "details": {"exception": type(exc).__name__},
                    "retryable": True,
                    "timestamp": iso_now(),
                }
                self._set(task_id, "FAILED", error=error)
                return
            result = {"taskId": task_id, "status": "SUCCESS", "output": output, "completedAt": iso_now()}
            self._set(task_id, "COMPLETED", result=result)
        finally:
            if self._running.get(task_id) is asyncio.current_task():
                del self._running[task_id]

    async def _default_handler(self, task: dict[str, Any]) -> Any:
        await asyncio.sleep(self.task_delay)
        return task["payload"]

    def _agent_for(self, task_type: str) -> str | None:
        for agent in self.agents.values():
            if task_type in agent["capabilities"] and agent["status"] not in UNAVAILABLE_AGENTS:
                return str(agent["id"])
        return None

    # -- health and shutdown ---------------------------------------------------------------

    @property
    def running(self) -> int:
        """Tasks whose handler is running now."""
        return len(self._running)

    async def tick(self) -> None:
        """The worker loop's heartbeat (health reports DOWN when it stops)."""
        while True:
            self.last_tick = time.monotonic()
            await asyncio.sleep(0.2)

    async def stop(self) -> None:
        """Cancel every running task (on server shutdown)."""
        running = list(self._running.values())
        for task in running:
            task.cancel()
        for task in running:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
