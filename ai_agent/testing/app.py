"""The local orchestrator as an ASGI application: routing, auth, idempotency, contract checks,
faults. Plain ASGI (no framework): ids are routed from the raw path, so an id containing an
encoded ``/`` is still one id."""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import math
import time
import uuid
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from ._wire import ApiError, error_body, iso_now, success_body
from .contract import Contract, Operation
from .faults import Fault, FaultPlan
from .store import Handler, Store

__all__ = ["DropConnection", "OrchestratorApp", "RecordedRequest"]

logger = logging.getLogger("ai_agent.testing")

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]
ADMIN = "/__admin"
VERSION = "1.0.0"
# Faults that change what a committed request answers: not checked against the contract.
_MUTATING_FAULTS = frozenset({"unknown_enum", "large_body", "html", "status_520"})
# The contract's optional extensions (api-contract.md); each can be switched off, so that the
# client's fallbacks run against a server that lacks it.
EXTENSIONS = frozenset({"idempotency", "batch", "ids_filter", "long_poll"})
MAX_HOLD = 30.0  # seconds a blocking read may be held (the contract's maximum of `wait`)


class DropConnection(Exception):
    """Raised after the response has started: the server closes the connection mid-answer."""


@dataclass
class RecordedRequest:
    """One request as the server received it."""

    method: str
    path: str
    query: str
    headers: dict[str, str]
    body: bytes
    at: float = field(default_factory=time.time)
    client: tuple[str, int] | None = None  # the peer's address: one port per connection
    http_version: str = "1.1"  # as the server spoke it: "1.1" or "2"

    def json(self) -> Any:
        """The body parsed as JSON."""
        return json.loads(self.body)


@dataclass
class _Answer:
    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    raw: bytes | None = None  # pre-encoded (faults), bypasses JSON encoding
    checked: bool = True  # whether the contract check applies


class OrchestratorApp:
    """ASGI app of the local orchestrator.

    Args:
        api_key: The key clients must send as ``Authorization: Bearer``.
        task_delay: Seconds the default task handler takes.
        handlers: Async handlers by task type (``await handler(task_dict)`` -> output).
        idempotency: Honour ``Idempotency-Key`` (False: behave like a server without it).
        validate_responses: Check every answer against openapi.yaml (off for benchmarks).
        extensions: The contract extensions to offer (default: all of ``EXTENSIONS``); ``()``
            behaves like a server written for the first SDKs: no ``POST /tasks/batch`` (404),
            the ``ids`` filter ignored, ``Idempotency-Key`` ignored, no ``X-Revision`` and
            ``wait`` ignored (answers at once).
        max_hold: Seconds a blocking read is held at most (the server's own cap on ``wait``).
    """

    def __init__(
        self,
        *,
        api_key: str,
        task_delay: float = 0.05,
        handlers: dict[str, Handler] | None = None,
        idempotency: bool = True,
        validate_responses: bool = True,
        contract: Contract | None = None,
        extensions: Iterable[str] | None = None,
        max_hold: float = MAX_HOLD,
    ) -> None:
        offered = EXTENSIONS if extensions is None else frozenset(extensions)
        if offered - EXTENSIONS:
            unknown = sorted(offered - EXTENSIONS)
            raise ValueError(f"unknown extensions {unknown}; known: {sorted(EXTENSIONS)}")
        if not idempotency:
            offered -= {"idempotency"}
        self.extensions = offered
        self.max_hold = max_hold
        self.holding = 0  # blocking reads held right now
        self.max_holding = 0  # ... and the most at once
        self.api_key = api_key
        self.idempotency = "idempotency" in offered
        self.validate_responses = validate_responses
        self.contract = contract or Contract()
        # Operations with a behaviour of their own (a ``_<operationId>`` method); the rest of the
        # spec's operations are answered with their example.
        self.behaviours = frozenset(
            op.operation_id for op in self.contract.operations if hasattr(self, f"_{op.operation_id}")
        )
        self.example_only = sorted({op.operation_id for op in self.contract.operations} - self.behaviours)
        schemas = self.contract.spec.get("components", {}).get("schemas", {})
        declared = {
            name: frozenset(schemas[name].get("properties", {}))
            for name in ("Task", "Agent")
            if name in schemas
        }
        self.store = Store(task_delay=task_delay, handlers=handlers, declared=declared)
        self.faults = FaultPlan()
        self.requests: list[RecordedRequest] = []
        self.violations: list[str] = []
        self._replies: dict[tuple[str, str, str, str], tuple[str, _Answer]] = {}
        self._in_flight: dict[tuple[str, str, str, str], asyncio.Lock] = {}
        self._ticker: asyncio.Task[None] | None = None

    # -- ASGI ------------------------------------------------------------------------------

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        raw_path = scope.get("raw_path") or scope["path"].encode()
        path = raw_path.decode("latin-1").split("?", 1)[0]
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        query = scope.get("query_string", b"").decode("latin-1")
        peer = scope.get("client")
        request = RecordedRequest(
            scope["method"],
            path,
            query,
            headers,
            body,
            client=tuple(peer) if peer else None,
            http_version=scope.get("http_version", "1.1"),
        )
        if not path.startswith(ADMIN):
            self.requests.append(request)
        await self._serve(request, send)

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                self.start()
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await self.stop()
                await send({"type": "lifespan.shutdown.complete"})
                return

    def start(self) -> None:
        """Start the worker heartbeat (called on ASGI startup); name, once, the operations that
        are answered with the spec's example for want of a behaviour."""
        if self._ticker is None:
            if self.example_only:
                logger.warning(
                    "local orchestrator: no behaviour yet for %s; answering with the example of "
                    "openapi.yaml (marked X-Example-Answer)",
                    ", ".join(self.example_only),
                )
            self._ticker = asyncio.get_running_loop().create_task(self.store.tick())

    def release_holds(self) -> None:
        """Answer every held blocking read now (call before shutting the server down)."""
        self.store.release_holds()

    async def stop(self) -> None:
        """Stop the heartbeat and every running task (called on ASGI shutdown)."""
        if self._ticker is not None:
            self._ticker.cancel()
            self._ticker = None
        await self.store.stop()

    # -- one request -----------------------------------------------------------------------

    async def _serve(self, request: RecordedRequest, send: Send) -> None:
        if request.path.startswith(ADMIN):
            answer = self._admin(request)
            await self._send(answer, send, None)
            return
        fault = self.faults.take(request.method, request.path, request.query)
        if fault is not None:
            early = await self._fault_before(fault, send)
            if early is not None:
                await self._send(early, send, None)
                return
        op, params, allowed = self.contract.route(request.method, request.path)
        if op is not None and op.operation_id == "submitTaskBatch" and "batch" not in self.extensions:
            op, params, allowed = None, {}, []  # a server without the endpoint
        try:
            answer = await self._answer(request, op, params, allowed)
        except ApiError as error:
            answer = _Answer(
                error.status, error_body(error.code, error.message, error.details), error.headers
            )
        if fault is not None:
            answer = self._fault_after(fault, answer)
        if self.validate_responses and op is not None and answer.checked:
            answer = self._check_response(op, request, answer)
        await self._send(answer, send, fault)

    async def _answer(
        self, request: RecordedRequest, op: Operation | None, params: dict[str, str], allowed: list[str]
    ) -> _Answer:
        if op is None:
            if allowed:
                raise ApiError(
                    405,
                    "METHOD_NOT_ALLOWED",
                    f"{request.method} is not allowed on {request.path}",
                    {"allowed": allowed},
                    {"Allow": ", ".join(allowed)},
                )
            raise ApiError(404, "NOT_FOUND", f"No route for {request.method} {request.path}")
        if op.authenticated and request.headers.get("authorization") != f"Bearer {self.api_key}":
            raise ApiError(401, "UNAUTHORIZED", "Missing or invalid API key")
        key = request.headers.get("idempotency-key")
        if not (self.idempotency and key and request.method == "POST"):
            return await self._execute(request, op, params)
        scope = (request.headers.get("authorization", ""), request.method, request.path, key)
        fingerprint = hashlib.sha256(request.body).hexdigest()
        lock = self._in_flight.setdefault(scope, asyncio.Lock())
        async with lock:  # a concurrent duplicate waits for the first, then gets its answer
            if scope in self._replies:
                seen, answer = self._replies[scope]
                if seen != fingerprint:
                    raise ApiError(
                        409,
                        "CONFLICT",
                        "Idempotency-Key was already used with a different request body",
                        {"idempotencyKey": key},
                    )
                return _Answer(answer.status, answer.body, {**answer.headers, "Idempotent-Replayed": "true"})
            answer = await self._execute(request, op, params)
            if answer.status < 500:
                self._replies[scope] = (fingerprint, answer)
            return answer

    async def _execute(self, request: RecordedRequest, op: Operation, params: dict[str, str]) -> _Answer:
        query = dict(parse_qsl(request.query, keep_blank_values=True))
        try:
            values = self.contract.check_parameters(op, params, query, request.headers)
        except ValueError as exc:
            problems = exc.args[0]
            raise ApiError(
                400,
                "VALIDATION_ERROR",
                _describe(problems),
                {"field": problems[0]["field"], "errors": problems},
            ) from None
        body: Any = None
        if op.body is not None and (request.body or op.body_required):
            try:
                body = json.loads(request.body) if request.body else None
            except ValueError:
                raise ApiError(400, "VALIDATION_ERROR", "body is not valid JSON", {"field": "body"}) from None
            if body is None and op.body_required:
                raise ApiError(400, "VALIDATION_ERROR", "body is required", {"field": "body"})
            problems = self.contract.problems(op.body, body, "body")
            if problems:
                raise ApiError(
                    400,
                    "VALIDATION_ERROR",
                    _describe(problems),
                    {"field": problems[0]["field"], "errors": problems},
                )
        return await self._dispatch(op.operation_id, values, body or {})

    async def _dispatch(self, operation: str, values: dict[str, Any], body: dict[str, Any]) -> _Answer:
        """The operation's behaviour (the method named after its operationId), or, for an
        operation that has none yet, the spec's example answer."""
        behaviour = getattr(self, f"_{operation}", None) if operation in self.behaviours else None
        if behaviour is None:
            return self._example_answer(operation)
        answer: _Answer = await behaviour(values, body)
        return answer

    def _example_answer(self, operation: str) -> _Answer:
        """The example of the operation's success answer in openapi.yaml (checked against its
        schema like any answer), marked ``X-Example-Answer``: the request was checked, nothing
        was done."""
        status, example = self.contract.by_id[operation].example_answer()
        return _Answer(status, example, {"X-Example-Answer": "true"})

    # -- behaviours, one per operation (``_<operationId>``) -------------------------------------

    async def _getHealth(self, values: dict[str, Any], body: dict[str, Any]) -> _Answer:
        return self._health()

    async def _createAgent(self, values: dict[str, Any], body: dict[str, Any]) -> _Answer:
        return _Answer(201, success_body(self.store.create_agent(body)))

    async def _listAgents(self, values: dict[str, Any], body: dict[str, Any]) -> _Answer:
        declared = self.store.declared.get("Agent", frozenset())
        agents = [a for a in self.store.agents.values() if _matches(a, values, declared)]
        return _Answer(200, success_body(_page(agents, values["page"], values["limit"])))

    async def _getAgent(self, values: dict[str, Any], body: dict[str, Any]) -> _Answer:
        return _Answer(200, success_body(self.store.agent(values["agentId"])))

    async def _updateAgent(self, values: dict[str, Any], body: dict[str, Any]) -> _Answer:
        return _Answer(200, success_body(self.store.update_agent(values["agentId"], body)))

    async def _deleteAgent(self, values: dict[str, Any], body: dict[str, Any]) -> _Answer:
        self.store.delete_agent(values["agentId"])
        return _Answer(200, success_body(None))

    async def _getAgentStatus(self, values: dict[str, Any], body: dict[str, Any]) -> _Answer:
        return _Answer(200, success_body({"status": self.store.agent(values["agentId"])["status"]}))

    async def _submitTask(self, values: dict[str, Any], body: dict[str, Any]) -> _Answer:
        return _Answer(201, success_body(self.store.submit(body)))

    async def _submitTaskBatch(self, values: dict[str, Any], body: dict[str, Any]) -> _Answer:
        return _Answer(200, success_body({"results": [self._batch_item(item) for item in body["tasks"]]}))

    async def _listTasks(self, values: dict[str, Any], body: dict[str, Any]) -> _Answer:
        await self._hold(values, lambda: self._selected_tasks(values))
        return self._revised(_Answer(200, success_body(self._list_tasks(values))))

    async def _getTask(self, values: dict[str, Any], body: dict[str, Any]) -> _Answer:
        store = self.store
        task_id = values["taskId"]
        store.task(task_id)  # a task that does not exist is a 404 at once, not after the hold
        await self._hold(values, lambda: [store.tasks[task_id]])
        return self._revised(_Answer(200, success_body(store.task(task_id))))

    async def _cancelTask(self, values: dict[str, Any], body: dict[str, Any]) -> _Answer:
        return _Answer(200, success_body(self.store.cancel(values["taskId"], body.get("reason"))))

    async def _retryTask(self, values: dict[str, Any], body: dict[str, Any]) -> _Answer:
        return _Answer(200, success_body(self.store.retry(values["taskId"])))

    def _batch_item(self, item: dict[str, Any]) -> dict[str, Any]:
        try:
            return {"success": True, "data": self.store.submit(item)}
        except ApiError as error:  # pragma: no cover - items are schema-checked already
            return {"success": False, "error": {"code": error.code, "message": error.message}}

    def _selected_tasks(self, values: dict[str, Any]) -> list[dict[str, Any]]:
        filtering = "ids" in values and "ids_filter" in self.extensions
        wanted = set(values["ids"].split(",")) if filtering else None
        declared = self.store.declared.get("Task", frozenset())
        return [
            t
            for t in self.store.tasks.values()
            if (wanted is None or t["id"] in wanted) and _matches(t, values, declared, _TASK_FILTERS)
        ]

    def _list_tasks(self, values: dict[str, Any]) -> dict[str, Any]:
        return _page(self._selected_tasks(values), values["page"], values["limit"])

    async def _hold(self, values: dict[str, Any], selected: Callable[[], list[dict[str, Any]]]) -> None:
        """A blocking read (extension): held until a selected task passes ``after``."""
        if "wait" not in values or "long_poll" not in self.extensions:
            return  # a server without the extension answers at once
        after = values.get("after", self.store.revision)
        self.holding += 1
        self.max_holding = max(self.max_holding, self.holding)
        try:
            await self.store.wait_for_change(selected, after, min(values["wait"], self.max_hold))
        finally:
            self.holding -= 1

    def _revised(self, answer: _Answer) -> _Answer:
        if "long_poll" in self.extensions:
            answer.headers["X-Revision"] = str(self.store.revision)
        return answer

    def _health(self) -> _Answer:
        started = time.perf_counter()
        counts = {"agents": len(self.store.agents), "tasks": len(self.store.tasks)}
        store_ms = (time.perf_counter() - started) * 1000
        beat_age = time.monotonic() - self.store.last_tick
        workers_up = self._ticker is not None and not self._ticker.done() and beat_age < 2.0
        checks = {
            "store": {"status": "UP", "responseTime": round(store_ms, 3), "details": counts},
            "workers": {
                "status": "UP" if workers_up else "DOWN",
                "responseTime": round(beat_age * 1000, 3),
                "details": {"running": self.store.running},
            },
        }
        status = "UP" if workers_up else "DOWN"
        body = {
            "status": status,
            "timestamp": iso_now(),
            "uptime": round(time.monotonic() - self.store.started, 3),
            "version": VERSION,
            "checks": checks,
        }
        return _Answer(200 if status != "DOWN" else 503, body)

    # -- contract check of the answer ------------------------------------------------------

    def _check_response(self, op: Operation, request: RecordedRequest, answer: _Answer) -> _Answer:
        problem: str | None = None
        if answer.status not in op.responses:
            problem = f"status {answer.status} is not declared"
        else:
            validator = op.responses[answer.status]
            if validator is not None:
                problems = self.contract.problems(validator, answer.body, "response")
                if problems:
                    problem = _describe(problems)
        if problem is None:
            return answer
        violation = f"{op.operation_id} ({request.method} {request.path}): {problem}"
        self.violations.append(violation)
        logger.error("local orchestrator broke the contract: %s", violation)
        return _Answer(
            500, error_body("INTERNAL_ERROR", f"server broke the contract: {violation}"), checked=False
        )

    # -- faults ----------------------------------------------------------------------------

    async def _fault_before(self, fault: Fault, send: Send) -> _Answer | None:
        if fault.kind == "delay":
            await asyncio.sleep(fault.delay)
            return None
        if fault.kind == "drop_before":
            if fault.delay:  # e.g. a proxy cutting a held request after a second
                await asyncio.sleep(fault.delay)
            await _start_then_drop(send)
        if fault.kind == "status":
            headers = {"Retry-After": fault.retry_after} if fault.retry_after else {}
            code = {429: "RATE_LIMIT", 408: "TIMEOUT"}.get(fault.status, "SERVER_ERROR")
            message = f"injected fault: HTTP {fault.status}"
            return _Answer(fault.status, error_body(code, message), headers, checked=False)
        if fault.kind == "html":
            status = fault.status if fault.status != 503 else 502
            page = f"<html><head><title>{status} Bad Gateway</title></head><body>nginx</body></html>"
            return _Answer(status, None, {"Content-Type": "text/html"}, raw=page.encode(), checked=False)
        if fault.kind == "status_520":
            return _Answer(520, None, {}, raw=b"", checked=False)
        return None

    def _fault_after(self, fault: Fault, answer: _Answer) -> _Answer:
        if fault.kind == "unknown_enum" and isinstance(answer.body, dict):
            data = answer.body.get("data")
            if isinstance(data, dict):
                data.update({"status": "HIBERNATING", "futureField": {"added": "later"}})
            answer.checked = False
        if fault.kind == "large_body" and isinstance(answer.body, dict):
            data = answer.body.get("data")
            if isinstance(data, dict):
                data["padding"] = "x" * fault.size
            answer.checked = False
        return answer

    async def _send(self, answer: _Answer, send: Send, fault: Fault | None) -> None:
        payload = answer.raw if answer.raw is not None else json.dumps(answer.body).encode()
        headers = {"Content-Type": "application/json", **answer.headers}
        headers["Content-Length"] = str(len(payload))
        headers["X-Request-Id"] = f"req-{uuid.uuid4().hex[:12]}"
        start = {
            "type": "http.response.start",
            "status": answer.status,
            "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
        }
        if fault is not None and fault.kind == "drop_after":
            await _start_then_drop(send)
        await send(start)
        if fault is not None and fault.kind == "truncated":
            await send(
                {"type": "http.response.body", "body": payload[: len(payload) // 2], "more_body": True}
            )
            raise DropConnection("truncated on purpose")
        await send({"type": "http.response.body", "body": payload})

    # -- admin API (not part of the contract) ----------------------------------------------

    def _admin(self, request: RecordedRequest) -> _Answer:
        if request.headers.get("authorization") != f"Bearer {self.api_key}":
            return _Answer(401, error_body("UNAUTHORIZED", "Missing or invalid API key"))
        route = request.path[len(ADMIN) :]
        if route == "/faults" and request.method == "POST":
            try:
                settings = json.loads(request.body)
                fault = self.faults.add(settings.pop("kind"), **settings)
            except (ValueError, TypeError, KeyError) as exc:
                return _Answer(400, error_body("VALIDATION_ERROR", f"bad fault: {exc}"))
            return _Answer(201, success_body(fault.as_dict()))
        if route == "/faults" and request.method == "DELETE":
            self.faults.clear()
            return _Answer(200, success_body(None))
        if route == "/faults" and request.method == "GET":
            return _Answer(200, success_body([f.as_dict() for f in self.faults.pending]))
        if route == "/requests" and request.method == "GET":
            records = [
                {
                    "method": r.method,
                    "path": r.path,
                    "query": r.query,
                    "idempotencyKey": r.headers.get("idempotency-key"),
                    "client": f"{r.client[0]}:{r.client[1]}" if r.client else None,
                }
                for r in self.requests
            ]
            return _Answer(200, success_body(records))
        return _Answer(404, error_body("NOT_FOUND", f"No admin route {request.method} {route}"))


async def _start_then_drop(send: Send) -> None:
    # ASGI has no "close without answering": announce a body, then fail, and the server
    # closes the connection mid-response. The client sees the connection lost.
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"100")]})
    raise DropConnection("connection dropped on purpose")


def _page(items: list[dict[str, Any]], page: int, limit: int) -> dict[str, Any]:
    start = (page - 1) * limit
    return {
        "data": items[start : start + limit],
        "pagination": {
            "page": page,
            "limit": limit,
            "total": len(items),
            "pages": math.ceil(len(items) / limit),
        },
    }


def _describe(problems: list[dict[str, Any]]) -> str:
    return "; ".join(f"{p['field']}: {p['message']}" for p in problems[:5])


# Query parameters of list operations that are not filters on a field.
_NOT_FILTERS = frozenset({"page", "limit", "wait", "after", "ids"})
# Filters whose field has another name (the orchestrator's semantics): agentId -> assignedAgentId.
_TASK_FILTERS = {"agentId": "assignedAgentId"}


def _matches(
    item: dict[str, Any],
    values: dict[str, Any],
    declared: frozenset[str],
    renamed: dict[str, str] | None = None,
) -> bool:
    """Whether ``item`` passes a list's filters: a query parameter named like a declared field
    keeps the items with that value, one named like a list field's singular (``tag`` for
    ``tags``) those whose list holds it. Other parameters filter nothing, as on a server that
    lacks them."""
    for name, wanted in values.items():
        if name in _NOT_FILTERS:
            continue
        field = (renamed or {}).get(name, name)
        if field in declared:
            if item.get(field) != wanted:
                return False
        elif field + "s" in declared and wanted not in (item.get(field + "s") or ()):
            return False
    return True
