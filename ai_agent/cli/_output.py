"""How the command line shows things: tables and lines for people (colours only on a terminal),
one JSON document (or JSON Lines) for scripts, and a progress bar on stderr when it is a
terminal."""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Column, Table

from .. import Agent, Health, Page, Task
from .._surface.params import TONES
from .._waiting import TERMINAL_STATUSES

__all__ = ["Output"]

# Colours by how a value reads, as openapi.yaml says (x-sdk-tone): no status is named here.
_COLOUR = {"good": "green", "bad": "red", "warn": "yellow"}
_STYLE = {value: _COLOUR[tone] for value, tone in TONES.items() if tone in _COLOUR}


def wire(model: Any) -> Any:
    """A model as the wire has it (camelCase field names)."""
    return model.to_dict() if hasattr(model, "to_dict") else model


class _Stdout(Console):
    """Standard output that treats a reader going away (``| head -2``) as the end of the
    output, not a failure: rich's own console exits 1 then, and scripts saw a failed command."""

    def on_broken_pipe(self) -> None:
        """End the command as done (exit 0)."""
        reader_gone()
        raise SystemExit(0)

    def print(self, *objects: Any, **options: Any) -> None:
        """``Console.print``; rich before 13.8 has no ``on_broken_pipe`` and raises instead."""
        try:
            super().print(*objects, **options)
        except BrokenPipeError:
            self.on_broken_pipe()


def _listing(items: list[Any], page: Page[Any] | None) -> dict[str, Any]:
    """A list as ``--json`` prints it, with or without ``--all``: the API's own shape,
    ``{"data": [...], "pagination": {...}}``; everything at once is one page of it all."""
    if page is not None:
        return {"data": items, "pagination": page.pagination}
    total = len(items)
    return {"data": items, "pagination": {"page": 1, "limit": total, "total": total, "pages": min(total, 1)}}


def reader_gone() -> None:
    """Standard output's reader went away: send what is left to /dev/null, so that flushing
    at exit cannot fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


class Output:
    """Where a command prints: stdout for results, stderr for people-only extras."""

    def __init__(self, as_json: bool) -> None:
        self.as_json = as_json
        self.out = _Stdout(highlight=False, soft_wrap=False)
        if not self.out.is_terminal:  # a pipe or a file: nothing to fit, never cut an id short
            self.out = _Stdout(highlight=False, soft_wrap=False, width=400)
        self.err = Console(stderr=True, highlight=False, soft_wrap=True)

    # -- scripts --------------------------------------------------------------------------

    def json(self, value: Any) -> None:
        """One JSON document on stdout."""
        try:
            sys.stdout.write(json.dumps(value, default=str) + "\n")
            sys.stdout.flush()
        except BrokenPipeError:  # click would make this exit 1: end as rich's console does here
            reader_gone()
            raise SystemExit(0) from None

    # -- people and scripts -----------------------------------------------------------------

    def task(self, task: Task) -> None:
        if self.as_json:
            self.json(wire(task))
            return
        table = Table(show_header=False, box=None)
        for name, value in _task_fields(task):
            table.add_row(f"[bold]{name}[/]", value)
        self.out.print(table)

    def tasks(self, tasks: Sequence[Task], page: Page[Any] | None = None, *, listing: bool = False) -> None:
        """Tasks: a ``list`` command's (``listing``: as the API's page in JSON, with or without
        ``--all``), or the tasks a command worked on (a JSON array)."""
        if self.as_json:
            items = [wire(t) for t in tasks]
            self.json(_listing(items, page) if listing else items)
            return
        table = Table("name", "type", "status", "priority", "agent", "updated")
        table.columns.insert(0, _id_column(task.id for task in tasks))
        for task in tasks:
            table.add_row(
                task.id,
                task.name,
                task.type_,
                _status(str(task.status)),
                str(task.priority),
                task.assigned_agent_id or "",
                task.updated_at.isoformat(timespec="seconds"),
            )
        self.out.print(table)
        if page is not None:
            self.out.print(f"page {page.page} of {page.pages} ({page.total} tasks)", style="dim")

    def agent(self, agent: Agent) -> None:
        if self.as_json:
            self.json(wire(agent))
            return
        table = Table(show_header=False, box=None)
        for name, value in (
            ("id", agent.id),
            ("name", agent.name),
            ("type", str(agent.type_)),
            ("status", str(agent.status)),
            ("capabilities", ", ".join(agent.capabilities)),
            ("created", agent.created_at.isoformat()),
            ("updated", agent.updated_at.isoformat()),
        ):
            table.add_row(f"[bold]{name}[/]", value)
        if agent.metadata is not None:
            table.add_row("[bold]metadata[/]", json.dumps(agent.metadata.to_dict()))
        self.out.print(table)

    def agents(self, agents: Sequence[Agent], page: Page[Any] | None = None) -> None:
        """A ``list`` command's agents (as the API's page in JSON, with or without ``--all``)."""
        if self.as_json:
            self.json(_listing([wire(a) for a in agents], page))
            return
        table = Table("name", "type", "status", "capabilities")
        table.columns.insert(0, _id_column(agent.id for agent in agents))
        for agent in agents:
            table.add_row(
                agent.id, agent.name, str(agent.type_), str(agent.status), ", ".join(agent.capabilities)
            )
        self.out.print(table)
        if page is not None:
            self.out.print(f"page {page.page} of {page.pages} ({page.total} agents)", style="dim")

    def health(self, health: Health) -> None:
        if self.as_json:
            self.json(health.raw)
            return
        version = f", version {health.version}" if health.version else ""
        self.out.print(f"{_status(str(health.status))}{version}")
        for name, check in health.checks.items():
            self.out.print(f"  {name}: {_status(str(check.status))}")

    def page(self, items: Sequence[Any], page: Page[Any] | None) -> None:
        """A generated ``list`` command's answer: one page, or every item (``--all``: no page)."""
        if all(isinstance(item, Task) for item in items):
            self.tasks(items, page, listing=True)
        elif all(isinstance(item, Agent) for item in items):
            self.agents(items, page)
        elif self.as_json:
            self.json(_listing([wire(item) for item in items], page))
        else:
            for item in items:
                self.result(item, "")
            if page is not None:
                self.out.print(f"page {page.page} of {page.pages} ({page.total} in all)", style="dim")

    def result(self, value: Any, kind: str) -> None:
        """What a generated command's method returned (``kind``: the operation table's result)."""
        if isinstance(value, Task):
            self.task(value)
        elif isinstance(value, Agent):
            self.agent(value)
        elif value is None:
            if self.as_json:
                self.json({"done": True})
        elif hasattr(value, "to_dict"):
            if self.as_json:
                self.json(wire(value))
                return
            table = Table(show_header=False, box=None)
            for name, item in wire(value).items():
                shown = item if isinstance(item, str) else json.dumps(item, default=str)
                table.add_row(f"[bold]{name}[/]", _status(shown))
            self.out.print(table)
        elif self.as_json:
            # a field of the answer (x-sdk-result): {"status": "READY"}
            self.json({kind.split(":")[2] if kind.startswith("field:") else "result": str(value)})
        else:
            self.out.print(_status(str(value)))

    def line(self, text: str) -> None:
        """A line for people (nothing in --json mode)."""
        if not self.as_json:
            self.out.print(text)

    def change(self, task: Task) -> None:
        """One status change, as it happens (JSON Lines in --json mode)."""
        if self.as_json:
            self.json(wire(task))
        else:
            self.out.print(f"{task.id}  {_status(str(task.status))}  {task.name}")

    def progress(self, total: int) -> StatusProgress:
        """A live bar with counts by status, on stderr when it is a terminal (else nothing)."""
        return StatusProgress(self.err if self.err.is_terminal else None, total)


class StatusProgress:
    """Tasks finished out of ``total``, with how many are in each status."""

    def __init__(self, console: Console | None, total: int) -> None:
        self._statuses: dict[str, str] = {}
        self._total = total
        self._progress: Progress | None = None
        self._bar: TaskID | None = None
        if console is not None:
            self._progress = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                TextColumn("{task.completed}/{task.total}"),
                TimeElapsedColumn(),
                console=console,
                transient=False,
            )

    def __enter__(self) -> StatusProgress:
        if self._progress is not None:
            self._progress.start()
            self._bar = self._progress.add_task("waiting", total=self._total)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()

    def update(self, task: Task) -> None:
        self._statuses[task.id] = str(task.status)
        if self._progress is None or self._bar is None:
            return
        counts = Counter(self._statuses.values())
        description = "  ".join(f"{status.lower()} {n}" for status, n in sorted(counts.items()))
        finished = sum(n for status, n in counts.items() if status in TERMINAL_STATUSES)
        self._progress.update(self._bar, completed=finished, description=description)


def _id_column(ids: Iterable[str]) -> Column:
    """Ids are what people copy into the next command: never wrapped or cut short."""
    return Column("id", no_wrap=True, min_width=max((len(i) for i in ids), default=2))


def _status(status: str) -> str:
    style = _STYLE.get(status)
    return f"[{style}]{status}[/]" if style else status


def _task_fields(task: Task) -> Iterable[tuple[str, str]]:
    yield "id", task.id
    yield "name", task.name
    yield "type", task.type_
    yield "status", _status(str(task.status))
    yield "priority", str(task.priority)
    if task.assigned_agent_id:
        yield "agent", task.assigned_agent_id
    yield "created", task.created_at.isoformat()
    yield "updated", task.updated_at.isoformat()
    yield "payload", json.dumps(task.payload)
    if task.result is not None:
        yield "result", f"{task.result.status}: {json.dumps(task.result.output)}"
    if task.error is not None:
        yield "error", f"{task.error.code}: {task.error.message}"
