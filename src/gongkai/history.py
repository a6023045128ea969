"""The ledger through time: a task as it stood at the end of a given day.

The ``status`` field is today's truth; a task's dated entries explain how it got there. To see
the ledger as of a day D, every dated entry after D is set aside and the status is replayed
from the entries that remain. The rules (also in docs/format.md, "The ledger as of a date"):

- **Status events** are the progress entries that carry a ``status``, in date order (entries
  of the same day in file order). When the ``status`` field is not the status of the last such
  entry, the field is an event too: a ``done`` field with a ``completed`` date takes effect on
  that date, anything else together with the last entry (never before it), so that the replay
  of a day after every entry is always the field itself.
- The status as of D is the status of the last event dated on or before D.
- Before the first event, it is that event's ``old_status`` if recorded; otherwise
  ``in_progress`` if some progress entry is dated on or before D, else ``not_started``.
- Without any event, it is the field.
- ``completed`` counts only when it is on or before D and the status as of D is ``done``.
- Progress entries and period reports (with their evidence) count only when dated on or before D.

A ledger whose ``status`` disagrees with its own history is reported by ``gongkai check``
(:func:`disagreements`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .models import Ledger, Status, Task


@dataclass(frozen=True)
class Event:
    """A dated status change in a task's history."""

    date: dt.date
    status: Status
    old_status: Status | None
    recorded: bool  # False for the status field taking effect without an entry saying so


def status_events(task: Task) -> list[Event]:
    """Every change of status in date order, the unrecorded field last (see the module doc)."""
    events = sorted(
        (Event(u.date, u.status, u.old_status, True) for u in task.updates if u.status is not None),
        key=lambda e: e.date,
    )
    if events and events[-1].status is task.status:
        return events
    last = events[-1].date if events else None
    if task.status is Status.DONE and task.completed is not None:
        when = task.completed if last is None or task.completed >= last else last
        events.append(Event(when, Status.DONE, None, False))
    elif last is not None:
        events.append(Event(last, task.status, None, False))
    return events


def status_as_of(task: Task, as_of: dt.date) -> Status:
    events = status_events(task)
    if not events:
        return task.status
    past = [e for e in events if e.date <= as_of]
    if past:
        return past[-1].status
    first = events[0]
    if first.old_status is not None:
        return first.old_status
    return Status.IN_PROGRESS if any(u.date <= as_of for u in task.updates) else Status.NOT_STARTED


def task_as_of(task: Task, as_of: dt.date) -> Task:
    """The task as it stood at the end of ``as_of``: the task itself when nothing is later."""
    # Plain loops: this runs for every task of every report.
    later_entry = False
    for update in task.updates:
        if update.date > as_of:
            later_entry = True
            break
    else:
        for report in task.reports:
            if report.date > as_of:
                later_entry = True
                break
    if not later_entry and (task.completed is None or (task.completed <= as_of and task.status is Status.DONE)):
        return task  # every event is on or before as_of, so the replay ends at the field
    status = status_as_of(task, as_of)
    completed = task.completed if task.completed is not None and task.completed <= as_of and status is Status.DONE else None
    if not later_entry and status is task.status and completed == task.completed:
        return task
    return task.model_copy(
        update={
            "status": status,
            "completed": completed,
            "updates": [u for u in task.updates if u.date <= as_of],
            "reports": [r for r in task.reports if r.date <= as_of],
        }
    )


def ledger_as_of(ledger: Ledger, as_of: dt.date) -> Ledger:
    """The whole ledger as it stood at the end of ``as_of`` (for reporters that walk ``tasks``)."""
    return ledger.model_copy(update={"tasks": [task_as_of(t, as_of) for t in ledger.tasks]})


# --- the field against its history ---------------------------------------------------------


@dataclass(frozen=True)
class Disagreement:
    """The ``status`` field (or ``completed``) is not what the task's own entries say."""

    kind: str  # "status" or "completed"
    field: Status | dt.date
    entry_index: int  # the entry that says otherwise
    entry_date: dt.date
    entry_status: Status


def disagreements(task: Task) -> list[Disagreement]:
    # The last entry that records a status: the latest date, the later of two on one day.
    index, last = -1, None
    for i, u in enumerate(task.updates):
        if u.status is not None and (last is None or u.date >= last.date):
            index, last = i, u
    if last is None:
        return []
    assert last.status is not None
    if last.status is not task.status:
        return [Disagreement("status", task.status, index, last.date, last.status)]
    if task.status is Status.DONE and task.completed is not None and task.completed != last.date:
        return [Disagreement("completed", task.completed, index, last.date, last.status)]
    return []
