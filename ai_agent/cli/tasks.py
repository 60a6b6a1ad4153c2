"""``ai-agent tasks submit|submit-batch|list|wait|watch``: the hand-polished commands (the
others come from the operation table, ``operations.py``)."""

from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path
from typing import Any

import typer

from .. import SyncAgentClient, Task
from .._waiting import is_terminal
from ._app import DONE, INTERRUPTED, JSON, TASK_FAILED, app, client_for, read_json, usage
from ._output import Output
from .operations import spec_options, spec_values

tasks = typer.Typer(help="Tasks: submit, get, list, cancel, retry, wait, watch.", no_args_is_help=True)
app.add_typer(tasks, name="tasks")

TIMEOUT = typer.Option(None, "--timeout", min=0.001, help="Seconds to wait at most (default: until done).")
CANCEL = typer.Option(False, "--cancel-on-interrupt", help="On Ctrl-C, cancel the unfinished tasks too.")


@tasks.command("submit")
@spec_options("submitTask")
def submit(
    ctx: typer.Context,
    name: str | None = typer.Option(None, "--name"),
    type_: str | None = typer.Option(None, "--type", help="The task type, e.g. data-processing."),
    payload: str | None = typer.Option(None, "--payload", help="JSON text, @file.json, or - for stdin."),
    priority: str | None = typer.Option(None, "--priority", help="LOW, NORMAL, HIGH or CRITICAL."),
    description: str | None = typer.Option(None, "--description"),
    config: str | None = typer.Option(None, "--config", help='e.g. {"timeout": 60000} (JSON, @file or -).'),
    metadata: str | None = typer.Option(None, "--metadata", help="A JSON object, @file.json or -."),
    batch: str | None = typer.Option(
        None, "--batch", help="Submit many: a JSON Lines file (or -), one task object per line."
    ),
    idempotency_key: str | None = typer.Option(None, "--idempotency-key", help="Make the submit repeatable."),
    wait: bool = typer.Option(
        False, "--wait", help="Then wait until the tasks finish (exit code by outcome)."
    ),
    timeout: float | None = TIMEOUT,
    cancel_on_interrupt: bool = CANCEL,
    json_output: bool = JSON,
) -> None:
    """Submit a task (--name, --type, --payload) or many (--batch tasks.jsonl); --wait to follow."""
    out = Output(json_output)
    if batch is not None:
        given = (name, type_, payload, priority, description, config, metadata)
        if any(v is not None for v in given) or spec_values(ctx, "body"):
            usage("--batch takes the tasks from the file: leave out --name, --type, --payload, ...")
        items = _json_lines(batch)
    else:
        if name is None or type_ is None or payload is None:
            usage("give --name, --type and --payload (or --batch FILE)")
        item: dict[str, Any] = {"name": name, "type": type_, "payload": read_json(payload, "--payload")}
        for field, value in (("priority", priority), ("description", description)):
            if value is not None:
                item[field] = value
        for field, value in (("config", config), ("metadata", metadata)):
            if value is not None:
                item[field] = read_json(value, f"--{field}")
        items = [item | spec_values(ctx, "body")]
    with client_for(ctx) as client:
        if batch is not None:
            created = client.tasks.submit_batch(items, idempotency_key=idempotency_key)
        else:
            created = [client.tasks.submit(items[0], idempotency_key=idempotency_key)]
        if not wait:
            if batch is not None:
                out.tasks(created)
            else:
                out.task(created[0])
            return
        finished = _follow(
            client, out, [t.id for t in created], timeout, cancel_on_interrupt, show_changes=False
        )
    _finish(out, finished, single=batch is None)


@tasks.command("submit-batch")
def submit_batch(
    ctx: typer.Context,
    file: str = typer.Argument(..., help="A JSON Lines file (or - for stdin), one task object per line."),
    idempotency_key: str | None = typer.Option(None, "--idempotency-key", help="Make the submit repeatable."),
    wait: bool = typer.Option(
        False, "--wait", help="Then wait until the tasks finish (exit code by outcome)."
    ),
    timeout: float | None = TIMEOUT,
    cancel_on_interrupt: bool = CANCEL,
    json_output: bool = JSON,
) -> None:
    """Submit many tasks (the same as ``tasks submit --batch FILE``)."""
    ctx.invoke(
        submit,
        ctx,
        batch=file,
        idempotency_key=idempotency_key,
        wait=wait,
        timeout=timeout,
        cancel_on_interrupt=cancel_on_interrupt,
        json_output=json_output,
    )


@tasks.command("wait")
def wait(
    ctx: typer.Context,
    task_ids: list[str] = typer.Argument(..., help="One or more task ids."),
    timeout: float | None = TIMEOUT,
    cancel_on_interrupt: bool = CANCEL,
    json_output: bool = JSON,
) -> None:
    """Wait until the tasks finish; exit code 0 if all COMPLETED, 1 if one did not, 4 on timeout."""
    out = Output(json_output)
    with client_for(ctx) as client:
        finished = _follow(client, out, task_ids, timeout, cancel_on_interrupt, show_changes=False)
    _finish(out, finished, single=len(task_ids) == 1)


@tasks.command("watch")
def watch(
    ctx: typer.Context,
    task_ids: list[str] = typer.Argument(..., help="One or more task ids."),
    timeout: float | None = TIMEOUT,
    cancel_on_interrupt: bool = CANCEL,
    json_output: bool = typer.Option(False, "--json", help="JSON Lines on stdout: each task as it changes."),
) -> None:
    """Print each task's state, then each status change, until all have finished."""
    out = Output(json_output)
    with client_for(ctx) as client:
        finished = _follow(client, out, task_ids, timeout, cancel_on_interrupt, show_changes=True)
    raise typer.Exit(_outcome(finished))


# -- helpers ------------------------------------------------------------------------------------


def _follow(
    client: SyncAgentClient,
    out: Output,
    task_ids: list[str],
    timeout: float | None,
    cancel_on_interrupt: bool,
    *,
    show_changes: bool,
) -> list[Task]:
    """Follow the tasks to the end (progress on a terminal); their final states, in order."""
    latest: dict[str, Task] = {}
    try:
        with out.progress(len(set(task_ids))) as progress:
            for task in client.tasks.watch(task_ids, timeout=timeout):
                latest[task.id] = task
                progress.update(task)
                if show_changes:
                    out.change(task)
    except KeyboardInterrupt:
        if cancel_on_interrupt:
            for task_id in task_ids:
                if task_id not in latest or not is_terminal(latest[task_id]):
                    with contextlib.suppress(Exception):
                        client.with_options(max_retries=0, timeout=5).tasks.cancel(
                            task_id, reason="interrupted"
                        )
        out.err.print(
            "interrupted: the tasks go on on the server"
            if not cancel_on_interrupt
            else "interrupted: cancelled"
        )
        raise typer.Exit(INTERRUPTED) from None
    return [latest[task_id] for task_id in task_ids]


def _outcome(finished: list[Task]) -> int:
    return DONE if all(str(t.status) == "COMPLETED" for t in finished) else TASK_FAILED


def _finish(out: Output, finished: list[Task], *, single: bool) -> None:
    if single:
        out.task(finished[0])
    else:
        out.tasks(finished)
    raise typer.Exit(_outcome(finished))


def _json_lines(source: str) -> list[Any]:
    try:
        text = sys.stdin.read() if source == "-" else Path(source).read_text()
    except OSError as exc:
        usage(f"--batch: cannot read {source!r} ({exc.strerror})")
    items = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            items.append(json.loads(line))
        except ValueError as exc:
            usage(f"--batch: line {number} is not JSON ({exc})")
    if not items:
        usage("--batch: no tasks in the file")
    return items
