# Generated from ai_agent/_async/watcher.py by scripts/unasync.py: do not edit; run `make generate`.
"""One watcher per client, for every wait on a server with blocking reads (the contract's
``X-Revision`` / ``wait`` / ``after`` extension).

Every wait (``wait_for_completion``, ``wait_for_all``, ``watch``) registers its task ids here.
The ids are read in groups of up to 100 (URLs under 4 KB) with one blocking read per group,
``GET /tasks?ids=...&wait=<hold>&after=<revision>``, which the server holds until one of them
changes; each answer is shared by every waiter of those ids. So 200 callers waiting on 200
tasks hold 2 connections, not 200.

There is no background task or thread. The waiters take turns running the reads ("jobs"):
a waiter with nothing new to report claims whichever job is free, runs it, and wakes the
others; when nobody waits, nothing runs. A job that ends badly (its waiter cancelled, timed
out, or failed) is simply free again for the next waiter, and resuming with ``after`` = the
revision last seen means no change is ever missed.

Three kinds of job:
- initial: ids whose state is not known yet, read without holding (once, when they join);
- group: the held read of one group (re-issued at once after each answer; for ids that only
  ``wait_for_all`` waits on, paced like polling, so a big batch costs no more requests);
- join: ids that joined while every group with room was held are covered by one short held
  read (``JOIN_HOLD``) until a group's next round takes them in, so a newcomer never waits
  out a 20 s hold.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Generator
from dataclasses import dataclass
from functools import partial

from ai_agent_client.api.tasks import list_tasks
from ai_agent_client.models import Task
from ai_agent_client.types import UNSET

from .._errors import AgentClientError, NotFoundError
from .._paging import MAX_LIMIT, parse_page
from .._synchronization import SyncJobs, SyncNotifier, SyncStateLock, linger
from .._waiting import chunk_ids, is_terminal
from .core import SyncCore

__all__ = ["Fallback", "Pace", "SyncWatcher"]

JOIN_HOLD = 2  # seconds: newcomers are covered by short holds until a group takes them in
MIN_HOLD = 1  # the contract's smallest `wait`


class Fallback(Exception):
    """The server turned out not to have blocking reads (or the ids filter): poll instead."""


@dataclass(frozen=True, slots=True)
class Pace:
    """How often a batch waiter (``wait_for_all``) wants its ids read: its polling schedule."""

    initial: float
    maximum: float


class _Entry:
    """One watched task id."""

    __slots__ = ("error", "fetching", "group", "pace", "refs", "revision", "task", "version")

    def __init__(self) -> None:
        self.task: Task | None = None
        self.version = 0  # +1 whenever a read brings a new state
        self.revision: int | None = None  # X-Revision of the last read that covered it
        self.refs = 0
        self.group: _Group | None = None
        self.error: AgentClientError | None = None
        self.fetching = False
        self.pace: Pace | None = None  # None: someone waits on it for latency, read at once


class _Group:
    """Up to 100 ids read together."""

    __slots__ = ("busy", "gap", "ids", "not_before")

    def __init__(self) -> None:
        self.ids: list[str] = []
        self.busy = False
        self.not_before = 0.0
        self.gap = 0.0


@dataclass(slots=True)
class _Job:
    kind: str  # "initial", "group" or "join"
    ids: list[str]
    group: _Group | None = None
    after: int | None = None
    hold: int | None = None


class SyncWatcher:
    """The client's watcher (see the module docstring)."""

    def __init__(self, core: SyncCore, hold: float) -> None:
        self._core = core
        self._hold = hold
        self._lock = SyncStateLock()
        self._notifier = SyncNotifier()
        self._entries: dict[str, _Entry] = {}
        self._groups: list[_Group] = []
        self._joining = False
        self._fallback = False
        self._probing = False
        self._gathering = False  # an initial read is collecting the ids that join with it

    @property
    def watching(self) -> int:
        """How many task ids are being watched now."""
        return len(self._entries)

    @property
    def reads(self) -> int:
        """How many groups there are (each holds at most one read)."""
        return len(self._groups)

    def join_probe(self, deadline: float) -> bool:
        """Whether the caller should make the one plain read that shows if the server has
        blocking reads (True), or another caller made it meanwhile (False: look again)."""
        clock = self._core.clock
        while True:
            with self._lock:
                if self._core.features.long_poll is not None:
                    return False
                if not self._probing:
                    self._probing = True
                    return True
                generation = self._notifier.generation
            remaining = deadline - clock.monotonic()
            if remaining <= 0:
                return False
            self._notifier.wait(generation, remaining)

    def end_probe(self) -> None:
        """The probing read is over (whatever it showed): wake the callers waiting for it."""
        with self._lock:
            self._probing = False
        self._gathering = False  # an initial read is collecting the ids that join with it
        self._notifier.notify_all()

    def updates(
        self,
        ids: list[str],
        deadline: float,
        where: str,
        pace: Pace | None = None,
        known: list[Task] | None = None,
        revision: int | None = None,
    ) -> Generator[list[Task], None, None]:
        """The states of ``ids`` as the watcher learns them: first each one's current state,
        then each new one, in batches. Ends when the deadline passes; raises ``Fallback`` when
        the server turns out not to have blocking reads. ``known``: states the caller has
        just read (and reported) itself, which spare the first read; ``revision``: the lowest
        X-Revision of the answers that brought them."""
        unique = list(dict.fromkeys(ids))
        self._register(unique, pace, known or [], revision)
        watched = set(unique)  # left as each one finishes: its entry may go, its group shrink
        with self._lock:
            seen: dict[str, int] = {task_id: self._entries[task_id].version for task_id in unique}
        clock = self._core.clock
        jobs = SyncJobs()
        try:
            while True:
                with self._lock:
                    if self._fallback:
                        raise Fallback
                    batch: list[Task] = []
                    for task_id in list(watched):
                        entry = self._entries[task_id]
                        if entry.error is not None:
                            raise _relabelled(entry.error, where)
                        if entry.task is not None and entry.version != seen[task_id]:
                            seen[task_id] = entry.version
                            batch.append(entry.task)
                    remaining = deadline - clock.monotonic()
                    claimed = (
                        [] if batch or remaining <= 0 else self._claim_all(remaining, frozenset(watched))
                    )
                    generation = self._notifier.generation
                    ready_in = self._ready_in(clock.monotonic())
                if batch:
                    finished = [task.id for task in batch if is_terminal(task)]
                    if finished:
                        watched.difference_update(finished)
                        self._unregister(finished)
                    yield batch
                elif remaining <= 0:
                    return
                elif len(claimed) == 1 and jobs.running == 0:
                    self._run(claimed[0], deadline, where)  # the common case: one read, inline
                else:
                    # Several groups: hold them all at once, and report each as it answers.
                    for job in claimed:
                        jobs.start(partial(self._run, job, deadline, where))
                    self._idle(generation, remaining, ready_in)
        finally:
            jobs.cancel_all()
            self._unregister(list(watched))

    def _idle(self, generation: int, remaining: float, ready_in: float) -> None:
        """Sleep until something changes, or until a paced group may be read again."""
        clock = self._core.clock
        if ready_in < remaining and not clock.is_real:
            clock.sleep(ready_in)  # a test's clock: pacing must move its time along
        else:
            self._notifier.wait(generation, min(remaining, ready_in))

    # -- registrations ---------------------------------------------------------------------

    def _register(self, ids: list[str], pace: Pace | None, known: list[Task], revision: int | None) -> None:
        states = {task.id: task for task in known}
        with self._lock:
            for task_id in ids:
                entry = self._entries.get(task_id)
                if entry is None:
                    entry = self._entries[task_id] = _Entry()
                    entry.pace = pace
                    state = states.get(task_id)
                    after = revision if revision is not None else (state.revision if state else None)
                    if state is not None and after is not None:
                        # A state read just now, as of `after` at the latest (the answer's
                        # X-Revision, else the task's own revision): a safe place to resume.
                        entry.task, entry.revision, entry.version = state, after, 1
                elif entry.pace is not None:
                    entry.pace = (
                        None
                        if pace is None
                        else Pace(
                            min(entry.pace.initial, pace.initial), min(entry.pace.maximum, pace.maximum)
                        )
                    )
                if entry.error is not None:  # an old failure: start this id afresh
                    entry.error = None
                    entry.revision = None
                entry.refs += 1

    def _unregister(self, ids: list[str]) -> None:
        with self._lock:
            for task_id in ids:
                entry = self._entries.get(task_id)
                if entry is None:
                    continue
                entry.refs -= 1
                if entry.refs > 0:
                    continue
                del self._entries[task_id]
                group = entry.group
                if group is not None:
                    group.ids.remove(task_id)
                    if not group.ids and not group.busy:
                        self._groups.remove(group)

    # -- jobs --------------------------------------------------------------------------------

    def _claim_all(self, remaining: float, mine: frozenset[str]) -> list[_Job]:
        """Every free job for ``mine`` (call under the lock)."""
        claimed: list[_Job] = []
        while (job := self._claim(remaining, mine)) is not None:
            claimed.append(job)
        return claimed

    def _claim(self, remaining: float, mine: frozenset[str]) -> _Job | None:
        """The most urgent free job, marked taken (call under the lock).

        A waiter only holds a read that includes ids of its own (``mine``): that read then
        ends when its own task changes, so no waiter is kept waiting by others' reads.
        """
        unknown = [i for i, e in self._entries.items() if e.revision is None and not e.fetching]
        if unknown and not self._gathering:
            ids = chunk_ids(unknown)[0]
            for task_id in ids:
                self._entries[task_id].fetching = True
            self._gathering = True
            return _Job("initial", ids)
        if remaining < MIN_HOLD:
            return None  # too close to this waiter's deadline to hold a read: let others lead
        self._place()  # ids known since the last look (read, or brought along by their waiter)
        now = self._core.clock.monotonic()  # after _place: a group it makes may be read at once
        hold = max(MIN_HOLD, min(int(self._hold), math.floor(remaining)))
        for group in self._groups:
            if not group.busy and group.ids and group.not_before <= now and not mine.isdisjoint(group.ids):
                self._fill(group)
                group.busy = True
                after = min(self._entries[i].revision or 0 for i in group.ids)
                return _Job("group", list(group.ids), group, after, hold)
        unplaced = [i for i, e in self._entries.items() if e.group is None and e.revision is not None]
        if unplaced and not self._joining and not mine.isdisjoint(unplaced):
            self._joining = True
            ids = chunk_ids(sorted(unplaced, key=lambda i: i not in mine))[0]  # its own ids first
            after = min(self._entries[i].revision or 0 for i in ids)
            return _Job("join", ids, None, after, min(JOIN_HOLD, hold))
        return None

    def _extend(self, job: _Job) -> None:
        """Add ids that have joined since ``job`` was claimed (call under the lock)."""
        for task_id, entry in self._entries.items():
            if entry.revision is None and not entry.fetching and task_id not in job.ids:
                if len(job.ids) >= MAX_LIMIT or len(chunk_ids([*job.ids, task_id])) > 1:
                    break
                entry.fetching = True
                job.ids.append(task_id)

    def _ready_in(self, now: float) -> float:
        """Seconds until a paced group may be read again (a waiter should look again then)."""
        waits = [g.not_before - now for g in self._groups if not g.busy and g.ids and g.not_before > now]
        return max(0.0, min(waits)) if waits else math.inf

    def _run(self, job: _Job, deadline: float, where: str) -> None:
        """Run one read and share what it brought; the job is free again however it ends."""
        core = self._core
        if job.kind == "initial":
            # Callers starting together (a gather, a burst of threads) share this first read:
            # let them register, then take their ids along.
            try:
                linger()
            finally:
                with self._lock:
                    self._extend(job)
                    self._gathering = False
        operation = "tasks.list" if job.hold is None else "tasks.watch"
        kwargs = list_tasks._get_kwargs(
            page=1,
            limit=MAX_LIMIT,
            ids=",".join(job.ids),
            wait=job.hold if job.hold is not None else UNSET,
            after=job.after if job.after is not None else UNSET,
        )
        tasks: list[Task] | None = None
        revision: int | None = None
        request_id: str | None = None
        failure: AgentClientError | None = None
        try:
            response, data = core.data(operation, where, kwargs, deadline=deadline, hold=job.hold)
            page = parse_page(response, where, data, Task.from_dict)
            tasks = page.items
            revision = _revision(response.headers.get("x-revision"))
            request_id = response.headers.get("x-request-id")
        except AgentClientError as error:
            if core.clock.monotonic() < deadline:
                failure = error  # past the deadline it is only this waiter's time running out
        finally:
            with self._lock:
                self._finish(job, tasks, revision, failure, request_id)
            self._notifier.notify_all()

    def _finish(
        self,
        job: _Job,
        tasks: list[Task] | None,
        revision: int | None,
        failure: AgentClientError | None,
        request_id: str | None,
    ) -> None:
        """Apply a read's outcome and free its job (call under the lock)."""
        if job.kind == "initial":
            for task_id in job.ids:
                entry = self._entries.get(task_id)
                if entry is not None:
                    entry.fetching = False
        elif job.kind == "join":
            self._joining = False
        if tasks is not None:
            if revision is None:  # no X-Revision: the server lacks blocking reads after all
                self._fallback = True
            else:
                self._apply(job, tasks, revision, request_id)
        if failure is not None:
            for task_id in job.ids:
                entry = self._entries.get(task_id)
                if entry is not None:
                    entry.error = failure
        group = job.group
        if group is not None:
            group.busy = False
            self._pace(group)
            if not group.ids:
                self._groups.remove(group)
        self._place()

    def _apply(self, job: _Job, tasks: list[Task], revision: int, request_id: str | None) -> None:
        wanted = set(job.ids)
        returned = set()
        for task in tasks:
            entry = self._entries.get(task.id)
            if task.id not in wanted:
                self._core.features.ids_filter = False
                self._fallback = True
                return
            returned.add(task.id)
            if entry is None:
                continue
            if _newer(task, entry.task):
                entry.task = task
                entry.version += 1
            entry.revision = max(entry.revision or 0, revision)
        self._core.features.ids_filter = True
        for task_id in wanted - returned:
            entry = self._entries.get(task_id)
            if entry is not None:
                # The list answered without it: as a GET of the task would have, a 404.
                entry.error = NotFoundError(
                    f"Task {task_id} not found (absent from the answer to GET /tasks?ids=...)",
                    request_id=request_id,
                    operation=f"tasks.watch({task_id!r})",
                )

    def _pace(self, group: _Group) -> None:
        """When a group may be read next: at once, unless only batch waiters want it."""
        paces = [self._entries[i].pace for i in group.ids if i in self._entries]
        now = self._core.clock.monotonic()
        if not paces or any(p is None for p in paces):
            group.gap, group.not_before = 0.0, now
            return
        initial = min(p.initial for p in paces if p is not None)
        maximum = min(p.maximum for p in paces if p is not None)
        group.gap = initial if group.gap == 0 else min(group.gap * 1.5, maximum)
        group.not_before = now + group.gap

    def _fill(self, group: _Group) -> None:
        """Before a group's read: take in unplaced ids and the ids of other idle groups, up to
        100 ids and the URL budget (call under the lock)."""
        candidates = [i for i, e in self._entries.items() if e.group is None and e.revision is not None]
        for other in list(self._groups):
            if other is not group and not other.busy:
                candidates.extend(other.ids)
        for task_id in candidates:
            if len(chunk_ids([*group.ids, task_id])) > 1:
                break
            entry = self._entries[task_id]
            if entry.group is not None:
                entry.group.ids.remove(task_id)
                if not entry.group.ids:
                    self._groups.remove(entry.group)
            entry.group = group
            group.ids.append(task_id)

    def _place(self) -> None:
        """Give newly known ids a group: an idle one with room, a new one when none has room at
        all; while every group with room is held, they wait for the next round (the join read
        covers them meanwhile). Call under the lock."""
        unplaced = [i for i, e in self._entries.items() if e.group is None and e.revision is not None]
        if not unplaced:
            return
        for group in self._groups:
            if not group.busy:
                self._fill(group)
        unplaced = [i for i, e in self._entries.items() if e.group is None and e.revision is not None]
        if unplaced and not any(len(g.ids) < MAX_LIMIT for g in self._groups):
            for chunk in chunk_ids(unplaced):
                group = _Group()
                group.ids = chunk
                for task_id in chunk:
                    self._entries[task_id].group = group
                self._pace(group)  # a batch's first held read waits out its first gap, as polling
                self._groups.append(group)


def _newer(task: Task, known: Task | None) -> bool:
    """Whether ``task`` is a later state than ``known`` (reads may overlap and arrive out of order)."""
    if known is None:
        return True
    if task.revision is not None and known.revision is not None:
        return task.revision > known.revision
    return task.status != known.status or task.updated_at != known.updated_at


def _revision(value: str | None) -> int | None:
    if value is None or not value.strip().isdigit():
        return None
    return int(value)


def _relabelled(error: AgentClientError, where: str) -> AgentClientError:
    """A watched id's failure as this waiter reports it: named by its own call (several
    waiters may share one read, and its failure)."""
    if error.operation == where:
        return error
    mine = copy.copy(error)
    mine.operation = where
    return mine
