"""Done and overdue counts week by week (or month by month), rebuilt from the ledger's history.

A point counts what ``queries.task_state`` would say of every task at the end of its day, but
only the three facts a point needs (done, overdue, cancelled), from each task's dated course
worked out once: a trend of N points costs about one ``status`` and N cheap look-ups, not N
replays of the whole ledger (tests hold the two equal day by day).
"""

from __future__ import annotations

import bisect
import datetime as dt
import enum
from dataclasses import dataclass

from .history import status_events
from .models import Cycle, Ledger, PlanMeta, Status, Task, effective_due
from .periods import add_cycle, period_bounds, task_periods


class Per(str, enum.Enum):
    WEEK = "week"
    MONTH = "month"


@dataclass(frozen=True)
class TrendPoint:
    """One point of the trend: the tasks done and overdue on a period's last day."""

    label: str  # 2019-W14 or 2019-04
    day: dt.date  # the day counted: the period's last day, or as_of for the current period
    done: int
    overdue: int
    total: int  # not counting cancelled tasks


@dataclass(frozen=True)
class Trend:
    """Done and overdue, week by week or month by month, up to ``as_of``."""

    as_of: dt.date
    per: Per
    points: list[TrendPoint]


def _period_end(day: dt.date, per: Per) -> dt.date:
    if per is Per.WEEK:
        return day + dt.timedelta(days=6 - day.weekday())
    first = day.replace(day=1)
    return add_cycle(first, Cycle.MONTHLY) - dt.timedelta(days=1)


def _label(day: dt.date, per: Per) -> str:
    if per is Per.WEEK:
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    return f"{day.year}-{day.month:02d}"


def period_ends(start: dt.date, as_of: dt.date, per: Per, count: int) -> list[dt.date]:
    """The last ``count`` period ends from the one holding ``start`` to the one holding ``as_of``."""
    ends: list[dt.date] = []
    end = _period_end(start, per)
    while True:
        ends.append(end)
        if end >= as_of:
            break
        end = _period_end(end + dt.timedelta(days=1), per)
    return ends[-count:] if count > 0 else ends


@dataclass(frozen=True)
class _Course:
    """One task through time: its status events, and the deadlines that can fall overdue."""

    events: tuple[dt.date, ...]
    statuses: tuple[Status, ...]
    before: Status | None  # the status before the first event, when the first event records it
    field: Status
    ongoing: bool
    dues: tuple[tuple[dt.date, dt.date | None], ...]  # (deadline, first day it was met), for overdue

    def status(self, day: dt.date) -> Status:
        """As ``history.status_as_of``, as far as done and cancelled go."""
        if not self.events:
            return self.field
        i = bisect.bisect_right(self.events, day)
        if i:
            return self.statuses[i - 1]
        # not started and in progress count alike here, so an earlier progress note does not matter
        return self.before or Status.NOT_STARTED

    def overdue(self, day: dt.date) -> bool:
        return any(due < day and (met is None or met > day) for due, met in self.dues)


def _course(task: Task, plan: PlanMeta) -> _Course:
    events = status_events(task)
    dues: list[tuple[dt.date, dt.date | None]] = []
    if task.repeat is not None:
        # a period is met by its first report; nothing else of the task meets it but cancelling
        first: dict[str, dt.date] = {}
        for r in task.reports:
            first[r.period] = min(r.date, first.get(r.period, r.date))
        for key in task_periods(task, plan):
            bounds = period_bounds(key)
            assert bounds is not None
            dues.append((min(bounds[2], plan.period.end), first.get(key)))
    elif not task.ongoing:
        due = effective_due(task, plan)
        assert due is not None
        dues.append((due, None))  # met only by closing, which the status says
    return _Course(
        events=tuple(e.date for e in events),
        statuses=tuple(e.status for e in events),
        before=events[0].old_status if events else None,
        field=task.status,
        ongoing=task.ongoing,
        dues=tuple(dues),
    )


def _point(courses: list[_Course], label: str, day: dt.date) -> TrendPoint:
    done = overdue = total = 0
    for c in courses:
        status = c.status(day)
        if status is Status.CANCELLED:
            continue
        total += 1
        if status is Status.DONE and not c.ongoing:
            done += 1
        elif c.overdue(day):
            overdue += 1
    return TrendPoint(label=label, day=day, done=done, overdue=overdue, total=total)


def trend(ledger: Ledger, as_of: dt.date, per: Per = Per.WEEK, count: int = 12) -> Trend:
    """One point per week or month up to ``as_of``, each as the ledger stood at that period's end."""
    start = min(ledger.plan.issued, as_of)
    courses = [_course(task, ledger.plan) for task in ledger.tasks]
    points = [_point(courses, _label(end, per), min(end, as_of)) for end in period_ends(start, as_of, per, count)]
    return Trend(as_of, per, points)


def recent_trend(ledger: Ledger, as_of: dt.date, points: int) -> Trend:
    """The trend a chart of ``points`` columns can show: week by week while the plan, from its
    issue to ``as_of``, fits in that many weeks; else month by month, the last ``points`` months.
    A plan whose period has ended is shown up to its end, not the months after it."""
    as_of = min(as_of, max(ledger.plan.period.end, ledger.plan.issued))
    start = min(ledger.plan.issued, as_of)
    per = Per.WEEK if len(period_ends(start, as_of, Per.WEEK, 0)) <= points else Per.MONTH
    return trend(ledger, as_of, per, points)
