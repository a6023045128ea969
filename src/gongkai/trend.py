"""Done and overdue counts week by week (or month by month), rebuilt from the ledger's history."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from .models import Cycle, Ledger
from .periods import add_cycle
from .queries import Reason, states


class Per(str, enum.Enum):
    WEEK = "week"
    MONTH = "month"


@dataclass(frozen=True)
class TrendPoint:
    label: str  # 2019-W14 or 2019-04
    day: dt.date  # the day counted: the period's last day, or as_of for the current period
    done: int
    overdue: int
    total: int  # not counting cancelled tasks


@dataclass(frozen=True)
class Trend:
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


def trend(ledger: Ledger, as_of: dt.date, per: Per = Per.WEEK, count: int = 12) -> Trend:
    """One point per week or month up to ``as_of``, each as the ledger stood at that period's end."""
    start = min(ledger.plan.issued, as_of)
    points = []
    for end in period_ends(start, as_of, per, count):
        day = min(end, as_of)
        all_states = states(ledger, day)
        live = [s for s in all_states if s.reason is not Reason.CANCELLED]
        points.append(
            TrendPoint(
                label=_label(end, per),
                day=day,
                done=sum(1 for s in live if s.reason is Reason.DONE),
                overdue=sum(1 for s in live if s.reason is Reason.OVERDUE),
                total=len(live),
            )
        )
    return Trend(as_of, per, points)


def recent_trend(ledger: Ledger, as_of: dt.date, points: int) -> Trend:
    """The trend a chart of ``points`` columns can show: week by week while the plan, from its
    issue to ``as_of``, fits in that many weeks; else month by month, the last ``points`` months."""
    start = min(ledger.plan.issued, as_of)
    per = Per.WEEK if len(period_ends(start, as_of, Per.WEEK, 0)) <= points else Per.MONTH
    return trend(ledger, as_of, per, points)
