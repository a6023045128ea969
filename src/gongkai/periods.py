"""Periods: the one parser and the calendar arithmetic of cycles.

A period is written ``2018Q4`` (quarter), ``2018H2`` (half-year), ``2018-11`` (month) or
``2018`` (year); that is the form kept in the ledger (``PERIOD_PATTERN``). ``parse_period``
also accepts what people type (``2018q4``, ``2018-Q4``, ``2018-1``, ``2018年第四季度``,
``2018年11月``, ``2018年下半年``) and gives the written form.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from .dates import EARLIEST, LATEST, days_in_month
from .errors import UsageError
from .models import Cycle, PlanMeta, Task

# The written form, as the JSON Schema states it too.
PERIOD_PATTERN = r"^\d{4}(Q[1-4]|H[12]|-(0[1-9]|1[0-2]))?$"
_WRITTEN = re.compile(r"^(?P<y>\d{4})(?:Q(?P<q>[1-4])|H(?P<h>[12])|-(?P<m>0[1-9]|1[0-2]))?$")

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
# What people type: patterns compiled (by ``re``, once) when a typed period first needs them.
_TYPED = [
    (r"^(\d{4})-?Q([1-4])$", "{0}Q{1}"),
    (r"^(\d{4})-?H([12])$", "{0}H{1}"),
    (r"^(\d{4})[-/.](\d{1,2})$", "{0}-{1:0>2}"),
    (r"^(\d{4})年?第?([一二三四1-4])季度?$", "quarter"),
    (r"^(\d{4})年?([上下])半年$", "half"),
    (r"^(\d{4})年(\d{1,2})月$", "{0}-{1:0>2}"),
    (r"^(\d{4})年度?$", "{0}"),
]


@dataclass(frozen=True)
class Span:
    """A period in its written form, with its cycle and first and last days."""

    key: str
    cycle: Cycle
    start: dt.date
    end: dt.date


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, days_in_month(year, month))


@functools.lru_cache(maxsize=4096)
def period_bounds(key: str) -> tuple[Cycle, dt.date, dt.date] | None:
    """``2018Q4`` -> (quarterly, 2018-10-01, 2018-12-31); None if the key is not a written period
    or lies outside the years a ledger may use."""
    m = _WRITTEN.match(key)
    if not m or not EARLIEST.year <= int(m["y"]) <= LATEST.year:
        return None
    y = int(m["y"])
    if m["q"]:
        q = int(m["q"])
        return Cycle.QUARTERLY, dt.date(y, 3 * q - 2, 1), month_end(y, 3 * q)
    if m["h"]:
        h = int(m["h"])
        return Cycle.HALF_YEARLY, dt.date(y, 6 * h - 5, 1), month_end(y, 6 * h)
    if m["m"]:
        mo = int(m["m"])
        return Cycle.MONTHLY, dt.date(y, mo, 1), month_end(y, mo)
    return Cycle.YEARLY, dt.date(y, 1, 1), dt.date(y, 12, 31)


def parse_period(text: str) -> Span:
    """A period as people type it, in its written form; UsageError ``err.bad_period`` otherwise."""
    raw = text.strip().upper().replace(" ", "")
    key = raw
    for form, shape in _TYPED:
        m = re.match(form, raw)
        if m is None:
            continue
        if shape == "quarter":
            key = f"{m[1]}Q{_CN_DIGITS[m[2]]}"
        elif shape == "half":
            key = f"{m[1]}H{1 if m[2] == '上' else 2}"
        else:
            key = shape.format(*m.groups())
        break
    bounds = period_bounds(key)
    if bounds is None:
        raise UsageError("err.bad_period", value=text)
    return Span(key, *bounds)


def period_key(cycle: Cycle, day: dt.date) -> str:
    if cycle is Cycle.MONTHLY:
        return f"{day.year:04d}-{day.month:02d}"
    if cycle is Cycle.QUARTERLY:
        return f"{day.year:04d}Q{(day.month - 1) // 3 + 1}"
    if cycle is Cycle.HALF_YEARLY:
        return f"{day.year:04d}H{1 if day.month <= 6 else 2}"
    return f"{day.year:04d}"


def periods_between(cycle: Cycle, start: dt.date, end: dt.date) -> list[str]:
    """Every period of ``cycle`` that overlaps [start, end], in order (dates within the ledger's years)."""
    return list(_periods_between(cycle, start, end))


@functools.lru_cache(maxsize=256)
def _periods_between(cycle: Cycle, start: dt.date, end: dt.date) -> tuple[str, ...]:
    # Every recurring duty of a plan asks for the same span: worked out once.
    keys: list[str] = []
    day = start
    while day <= end:
        key = period_key(cycle, day)
        bounds = period_bounds(key)
        if bounds is None:
            break
        keys.append(key)
        day = bounds[2] + dt.timedelta(days=1)
    return tuple(keys)


_CYCLE_MONTHS = {Cycle.MONTHLY: 1, Cycle.QUARTERLY: 3, Cycle.HALF_YEARLY: 6, Cycle.YEARLY: 12}


def add_cycle(day: dt.date, cycle: Cycle) -> dt.date:
    """``day`` plus one cycle, clamped to the month's end (2018-01-31 + 1 month = 2018-02-28)."""
    months = day.month - 1 + _CYCLE_MONTHS[cycle]
    year, month = day.year + months // 12, months % 12 + 1
    return dt.date(year, month, min(day.day, days_in_month(year, month)))


def task_periods(task: Task, plan: PlanMeta) -> list[str]:
    """The periods of a recurring duty over the plan period; none for a one-off task."""
    if task.repeat is None:
        return []
    return periods_between(task.repeat, plan.period.start, plan.period.end)
