"""What happened in a window of days: the office's weekly question, from the ledger's own dates.

The window is ``since`` … ``until``, both days included. The ledger is compared as it stood at
the end of the day before ``since`` with the ledger at the end of ``until``
(``queries.task_state`` replays both), and the entries dated inside the window are listed.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field

from .models import Ledger, Status, Task
from .names import Directory
from .queries import Reason, TaskState, standing, states


class Kind(str, enum.Enum):
    CLOSED = "closed"
    CANCELLED = "cancelled"
    NEWLY_OVERDUE = "newly_overdue"
    NEWLY_DUE_SOON = "newly_due_soon"
    PROGRESS = "progress"
    REPORT = "report"
    LATE_REPORT = "late_report"
    NOT_REPORTED = "not_reported"


KINDS = list(Kind)


@dataclass(frozen=True)
class Change:
    """One thing that changed in a task during the window, and when."""

    kind: Kind
    task: Task  # as it stood at the end of the window
    date: dt.date | None = None  # when it happened (closing, entry, deadline)
    period: str | None = None
    due: dt.date | None = None
    days: int | None = None  # days late (overdue, late report, closing) or days left (due soon)
    by: str | None = None
    old_status: Status | None = None
    status: Status | None = None
    note: str | None = None
    last_report: dt.date | None = None  # for not_reported


@dataclass
class UnitChanges:
    """The changes one unit answers for: those of the tasks it leads, or entries it made."""

    unit: str
    changes: list[Change] = field(default_factory=list)


@dataclass(frozen=True)
class ChangesReport:
    """What changed between two days: counts by kind, and the changes unit by unit."""

    since: dt.date
    until: dt.date
    counts: dict[Kind, int]
    units: list[UnitChanges]


def _window_changes(before: tuple[Status, bool], after: TaskState, since: dt.date, until: dt.date, soon_days: int) -> list[Change]:
    """``before``: the task's status, and whether a report was missing, the day before ``since``."""
    task = after.task
    out: list[Change] = []
    (was, was_missing), now = before, task.status
    if now is Status.DONE and was is not Status.DONE:
        ob = after.obligations[0] if after.obligations and task.repeat is None else None
        out.append(Change(Kind.CLOSED, task, date=task.completed, due=ob.due if ob else None, days=ob.days_after_due if ob else None))
    elif now is Status.CANCELLED and was is not Status.CANCELLED:
        when = max((u.date for u in task.updates if u.status is Status.CANCELLED and since <= u.date), default=None)
        out.append(Change(Kind.CANCELLED, task, date=when))
    open_now = after.reason not in (Reason.DONE, Reason.CANCELLED)
    for ob in after.obligations:
        if not open_now or ob.fulfilled or ob.due is None:
            continue
        if since - dt.timedelta(days=1) <= ob.due < until:
            out.append(Change(Kind.NEWLY_OVERDUE, task, date=ob.due, period=ob.period, due=ob.due, days=ob.days_late(until)))
        elif 0 <= (ob.due - until).days <= soon_days < (ob.due - since).days + 1:
            out.append(Change(Kind.NEWLY_DUE_SOON, task, date=ob.due, period=ob.period, due=ob.due, days=(ob.due - until).days))
    for u in task.updates:
        if since <= u.date <= until:
            out.append(Change(Kind.PROGRESS, task, date=u.date, by=u.by, old_status=u.old_status, status=u.status, note=u.note))
    by_period = {o.period: o for o in after.obligations if o.period is not None}
    for r in task.reports:
        if since <= r.date <= until:
            ob = by_period.get(r.period)
            late = ob is not None and ob.late and ob.fulfilled_on == r.date
            kind = Kind.LATE_REPORT if late else Kind.REPORT
            out.append(Change(kind, task, date=r.date, period=r.period, due=ob.due if ob else None, days=ob.days_after_due if late and ob else None, by=r.by, note=r.note))
    if after.report_missing and not was_missing and open_now:
        out.append(Change(Kind.NOT_REPORTED, task, last_report=after.last_report))
    return out


def changes(ledger: Ledger, since: dt.date, until: dt.date) -> ChangesReport:
    """Everything that happened from ``since`` to ``until``, grouped by the units that answer for it.

    Progress entries and period reports are listed under the unit that reported them; the
    rest under the task's lead units (a lead group stays a group).
    """
    before_day = since - dt.timedelta(days=1)
    soon = ledger.plan.reporting.due_soon_days
    d = Directory(ledger)
    counts = dict.fromkeys(Kind, 0)
    grouped: dict[str, list[Change]] = {}
    for task, new in zip(ledger.tasks, states(ledger, until), strict=True):
        old = standing(task, ledger, before_day)
        for change in _window_changes(old, new, since, until, soon):
            counts[change.kind] += 1
            names = [change.by] if change.by is not None else new.task.lead
            for name in dict.fromkeys(d.canonical(n) or n for n in names):
                grouped.setdefault(name, []).append(change)
    order = {name: i for i, name in enumerate([*d.units, *d.groups])}
    units = [UnitChanges(name, sorted(items, key=lambda c: KINDS.index(c.kind))) for name, items in grouped.items()]
    units.sort(key=lambda u: order.get(u.unit, len(order)))
    return ChangesReport(since, until, counts, units)
