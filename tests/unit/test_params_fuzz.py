"""Property test: any input to the facade's params either fails fast with a typed ValidationError
(no request sent) or produces a request body that openapi.yaml accepts."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from ai_agent import AgentClient, TaskSubmitParams, ValidationError
from ai_agent._schema import coerce, shape_of
from ai_agent.testing.contract import load_spec  # openapi.yaml, parsed once per process (libyaml)

from ..helpers import BASE, KEY, agent_json, ok, task_json

SPEC = load_spec()
REGISTRY = Registry().with_resource(
    "urn:spec", Resource.from_contents(SPEC, default_specification=DRAFT202012)
)


def validator(schema: str) -> Draft202012Validator:
    return Draft202012Validator({"$ref": f"urn:spec#/components/schemas/{schema}"}, registry=REGISTRY)


SCHEMAS = {
    ("POST", "/agents"): validator("AgentCreateParams"),
    ("PUT", "/agents/a"): validator("AgentUpdateParams"),
    ("POST", "/tasks"): validator("TaskSubmitParams"),
}

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=4), children, max_size=3)
    ),
    max_leaves=8,
)
anything = st.one_of(
    json_values,
    st.binary(max_size=3),
    st.tuples(st.integers()),
    st.sets(st.integers(), max_size=2),
    st.just(...),
    st.sampled_from(["WORKER", "READY", "PAUSED", "HIGH", "NORMAL", "", " ", "x" * 300]),
)
names = st.one_of(st.text(max_size=300), anything)
maybe = lambda s: st.one_of(st.just(None), s)  # noqa: E731


def send(build: Any) -> tuple[list[httpx.Request], BaseException | None]:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        data = agent_json("a") if request.url.path.startswith("/agents") else task_json()
        return httpx.Response(201 if request.method == "POST" else 200, json=ok(data))

    async def run() -> BaseException | None:
        async with AgentClient(api_url=BASE, api_key=KEY, transport=httpx.MockTransport(handler)) as client:
            try:
                await build(client)
            except ValidationError as error:
                return error
        return None

    return sent, asyncio.run(run())


def check(build: Any) -> None:
    sent, error = send(build)
    if error is not None:
        assert sent == [], "a request was sent although the input was rejected"
        assert isinstance(error.details, dict)
        assert "field" in error.details
        return
    assert len(sent) == 1
    request = sent[0]
    body = json.loads(request.content)
    errors = sorted(SCHEMAS[(request.method, request.url.path)].iter_errors(body), key=str)
    assert not errors, f"spec rejects {body!r}: {errors[0].message}"


# derandomize: CI sees the same 150 examples every run (a new find is investigated, not flaky).
fuzz = settings(
    max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)


@fuzz
@given(name=names, type_=anything, capabilities=anything, metadata=maybe(anything))
def test_agent_create(name: Any, type_: Any, capabilities: Any, metadata: Any) -> None:
    params: dict[str, Any] = {"name": name, "type": type_, "capabilities": capabilities}
    if metadata is not None:
        params["metadata"] = metadata
    check(lambda c: c.agents.create(params))


@fuzz
@given(
    updates=st.dictionaries(
        st.sampled_from(["name", "type", "status", "capabilities", "metadata", "colour"]),
        anything,
        max_size=4,
    )
)
def test_agent_update(updates: dict[str, Any]) -> None:
    check(lambda c: c.agents.update("a", updates))


configs = st.one_of(
    anything,
    st.fixed_dictionaries(
        {},
        optional={
            "timeout": anything,
            "retryPolicy": st.one_of(
                anything,
                st.fixed_dictionaries(
                    {},
                    optional={
                        "maxRetries": anything,
                        "initialDelay": anything,
                        "maxDelay": anything,
                        "backoffMultiplier": anything,
                    },
                ),
            ),
        },
    ),
)


@fuzz
@given(
    name=names,
    type_=names,
    payload=anything,
    description=maybe(anything),
    priority=maybe(anything),
    config=maybe(configs),
    metadata=maybe(anything),
)
def test_task_submit(
    name: Any, type_: Any, payload: Any, description: Any, priority: Any, config: Any, metadata: Any
) -> None:
    params: dict[str, Any] = {"name": name, "type": type_, "payload": payload}
    for key, value in (
        ("description", description),
        ("priority", priority),
        ("config", config),
        ("metadata", metadata),
    ):
        if value is not None:
            params[key] = value
    check(lambda c: c.tasks.submit(params))


good_text = st.text(min_size=1, max_size=8).filter(str.strip)
good_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=4), children, max_size=3)
    ),
    max_leaves=6,
)
good_fields = st.fixed_dictionaries(
    {"name": good_text, "type": good_text, "payload": good_json},
    optional={
        "description": good_text,
        "priority": st.sampled_from(["LOW", "NORMAL", "HIGH", "CRITICAL"]),
        "config": st.fixed_dictionaries({}, optional={"timeout": st.integers(1, 10**6)}),
        "metadata": st.dictionaries(st.text(max_size=4), good_json, max_size=2),
    },
)
any_fields = st.fixed_dictionaries(
    {},
    optional={
        "name": names,
        "type": names,
        "payload": anything,
        "description": anything,
        "priority": anything,
        "config": configs,
        "metadata": anything,
        "colour": anything,
    },
)


@fuzz
@given(fields=good_fields | any_fields)
def test_a_submit_dict_is_checked_as_task_submit_params_would_check_it(fields: dict[str, Any]) -> None:
    """``submit()`` turns a dict into its body without building ``TaskSubmitParams``: the same
    body, or the same error, as building it would give."""

    def outcome(make: Any) -> Any:
        try:
            return make()
        except ValidationError as error:
            return type(error), error.message, error.details

    assert outcome(lambda: shape_of(TaskSubmitParams).wire(fields, "params")) == outcome(
        lambda: coerce(TaskSubmitParams, fields, "params").to_wire()
    )
