"""A property-based harness over every public call of the client: hostile strings (surrogates,
NUL, CR/LF, very long, non-ASCII, empty), numbers (NaN, inf, huge, negative, booleans) and
structures (deep, cyclic, non-string keys, not JSON at all). Whatever comes in:

- only ``AgentClientError`` subclasses escape;
- a ``ValidationError`` means the server received nothing;
- nothing is retried (the mock never fails at the network, so any retry would be of a
  failure that happened before reaching it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
from hypothesis import given
from hypothesis import strategies as st

from ai_agent import AgentClientError, AsyncAgentClient, RetryConfig, ValidationError

from ...fuzzing import (
    FUZZ,
    MockOrchestrator,
    agent_statuses,
    agent_types,
    anything,
    callbacks,
    capabilities,
    headers,
    idempotency_keys,
    ids,
    limits,
    metadata,
    names,
    pages,
    payloads,
    priorities,
    sometimes,
    task_statuses,
    timeouts,
)

Draw = Callable[[st.SearchStrategy[Any]], Any]


async def first_page(iterator: Any) -> None:
    async for _ in iterator:
        break


CALLS: dict[str, Callable[[AsyncAgentClient, Draw], Any]] = {
    "agents.create": lambda c, d: c.agents.create(
        name=d(names),
        type=d(agent_types),
        capabilities=d(capabilities),
        metadata=d(metadata),
        idempotency_key=d(idempotency_keys),
    ),
    "agents.create(dict)": lambda c, d: c.agents.create(
        d(sometimes(st.just({"name": "a", "type": "WORKER", "capabilities": []})))
    ),
    "agents.list": lambda c, d: c.agents.list(
        page=d(pages), limit=d(limits), type=d(agent_types), status=d(agent_statuses)
    ),
    "agents.pages": lambda c, d: first_page(c.agents.pages(limit=d(limits), type=d(agent_types))),
    "agents.iterate": lambda c, d: first_page(c.agents.iterate(status=d(agent_statuses))),
    "agents.get": lambda c, d: c.agents.get(d(ids)),
    "agents.update": lambda c, d: c.agents.update(
        d(ids), name=d(names), status=d(agent_statuses), metadata=d(metadata)
    ),
    "agents.update(dict)": lambda c, d: c.agents.update(d(ids), d(sometimes(st.just({"name": "b"})))),
    "agents.delete": lambda c, d: c.agents.delete(d(ids)),
    "agents.get_status": lambda c, d: c.agents.get_status(d(ids)),
    "agents.get_capabilities": lambda c, d: c.agents.get_capabilities(d(ids)),
    "agents.has_capability": lambda c, d: c.agents.has_capability(d(ids), d(names)),
    "tasks.submit": lambda c, d: c.tasks.submit(
        name=d(names),
        type=d(names),
        payload=d(payloads),
        description=d(sometimes(st.none())),
        priority=d(priorities),
        config=d(sometimes(st.just({"timeout": 100}))),
        metadata=d(metadata),
        idempotency_key=d(idempotency_keys),
    ),
    "tasks.submit(dict)": lambda c, d: c.tasks.submit(
        d(sometimes(st.just({"name": "n", "type": "t", "payload": 1})))
    ),
    "tasks.get": lambda c, d: c.tasks.get(d(ids)),
    "tasks.get_status": lambda c, d: c.tasks.get_status(d(ids)),
    "tasks.get_result": lambda c, d: c.tasks.get_result(d(ids)),
    "tasks.get_error": lambda c, d: c.tasks.get_error(d(ids)),
    "tasks.list": lambda c, d: c.tasks.list(
        page=d(pages), limit=d(limits), status=d(task_statuses), agent_id=d(sometimes(st.none()))
    ),
    "tasks.pages": lambda c, d: first_page(
        c.tasks.pages(status=d(task_statuses), agent_id=d(sometimes(st.none())))
    ),
    "tasks.iterate": lambda c, d: first_page(c.tasks.iterate(limit=d(limits))),
    "tasks.cancel": lambda c, d: c.tasks.cancel(d(ids), reason=d(sometimes(st.none()))),
    "tasks.retry": lambda c, d: c.tasks.retry(d(ids)),
    "tasks.wait_for_completion": lambda c, d: c.tasks.wait_for_completion(
        d(ids),
        timeout=d(timeouts),
        poll_interval=d(timeouts),
        max_poll_interval=d(timeouts),
        on_status=d(callbacks),
    ),
    "tasks.wait_for_all": lambda c, d: c.tasks.wait_for_all(
        d(sometimes(st.lists(ids, max_size=5))), timeout=d(timeouts), on_progress=d(callbacks)
    ),
    "tasks.submit_batch": lambda c, d: c.tasks.submit_batch(
        d(sometimes(st.lists(st.just({"name": "n", "type": "t", "payload": 1}) | anything, max_size=3))),
        idempotency_key=d(idempotency_keys),
        return_exceptions=True,
    ),
    "with_options": lambda c, d: c.with_options(
        timeout=d(sometimes(st.none())), max_retries=d(sometimes(st.none())), headers=d(headers)
    ).tasks.get("task-1"),
    "with_raw_response": lambda c, d: c.with_raw_response.tasks.get(d(ids)),
    "health": lambda c, d: c.health(),
    "initialize": lambda c, d: c.initialize(),
}


@FUZZ
@given(data=st.data(), call=st.sampled_from(sorted(CALLS)))
async def test_every_public_call_with_hostile_input(data: st.DataObject, call: str) -> None:
    server = MockOrchestrator()
    async with AsyncAgentClient(
        api_url="http://127.0.0.1:9", api_key="sk-fuzz-key-123456", transport=httpx.MockTransport(server)
    ) as client:
        try:
            await CALLS[call](client, data.draw)
        except ValidationError as error:
            assert server.requests == [], f"{call}: refused as {error}, yet a request was sent"
            assert isinstance(error.details, dict)
            assert "field" in error.details
        except AgentClientError:
            pass  # typed: allowed (e.g. a wait whose tiny timeout ran out)
        assert client.get_metrics().retries == 0, f"{call}: something was retried"


constructor_arguments = st.fixed_dictionaries(
    {},
    optional={
        "api_url": sometimes(
            st.sampled_from(["http://127.0.0.1:3000", "https://orchestrator.example.test/api/"])
        ),
        "api_key": sometimes(st.sampled_from(["sk-abc", "k"])),
        "timeout": sometimes(st.sampled_from([0.1, 30])),
        "max_retries": sometimes(st.integers(0, 10)),
        "retry_config": sometimes(st.builds(RetryConfig, max_retries=st.integers(0, 5))),
        "headers": headers,
        "event_hooks": sometimes(st.just({"request": []})),
        "verify": sometimes(st.booleans()),
        "logger": sometimes(st.none()),
        "backend": sometimes(st.sampled_from(["httpx"])),
        "pool_config": sometimes(st.none()),
        "clock": sometimes(st.none()),
        "transport": sometimes(st.none()),
    },
)


@FUZZ
@given(arguments=constructor_arguments)
async def test_the_constructor_with_hostile_arguments(arguments: dict[str, Any]) -> None:
    arguments.setdefault("api_key", "sk-default")
    try:
        client = AsyncAgentClient(**arguments)
    except ValidationError as error:
        assert isinstance(error.details, dict)
        assert "field" in error.details
        return
    await client.close()
