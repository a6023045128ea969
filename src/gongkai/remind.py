"""催报: for each unit, what it leads or supports that is overdue, due soon, or missing a report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .models import Ledger
from .queries import Obligation, Reason, TaskState, UnitView, units_table


@dataclass(frozen=True)
class Item:
    state: TaskState
    role: str  # "lead" or "cooperate"
    obligation: Obligation | None = None
    days: int = 0  # days late (overdue) or days left (due soon)


@dataclass
class Reminder:
    unit: str
    as_of: dt.date
    within: int
    overdue: list[Item] = field(default_factory=list)
    due_soon: list[Item] = field(default_factory=list)
    report_missing: list[Item] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.overdue or self.due_soon or self.report_missing)


def _involved(view: UnitView) -> list[tuple[TaskState, str]]:
    return [(s, "lead") for s in view.leads] + [(s, "cooperate") for s in view.supports] + [(v.state, v.role) for v in view.via_group]


def reminder(view: UnitView, as_of: dt.date, within: int) -> Reminder:
    out = Reminder(view.name, as_of, within)
    for st, role in _involved(view):
        if st.reason in (Reason.DONE, Reason.CANCELLED):
            continue
        for ob in st.obligations:
            if ob.fulfilled or ob.due is None:
                continue
            if ob.due < as_of:
                out.overdue.append(Item(st, role, ob, ob.days_late(as_of)))
            elif (ob.due - as_of).days <= within:
                out.due_soon.append(Item(st, role, ob, (ob.due - as_of).days))
        if st.report_missing:
            out.report_missing.append(Item(st, role))
    out.overdue.sort(key=lambda i: (i.role != "lead", -i.days))
    out.due_soon.sort(key=lambda i: (i.role != "lead", i.days))
    out.report_missing.sort(key=lambda i: (i.role != "lead", i.state.last_report or dt.date.min))
    return out


def reminders(ledger: Ledger, as_of: dt.date, within: int | None = None, unit: str | None = None) -> list[Reminder]:
    """One reminder per unit that has something to be reminded of (or for ``unit`` alone, even if empty).

    ``within`` defaults to the plan's ``due_soon_days``. Returns [] when ``unit`` is unknown;
    the caller decides what to tell the user.
    """
    days = ledger.plan.reporting.due_soon_days if within is None else within
    views = units_table(ledger, as_of)
    if unit is not None:
        from .names import Directory

        canon = Directory(ledger).canonical(unit)
        return [reminder(v, as_of, days) for v in views if v.name == canon]
    return [r for r in (reminder(v, as_of, days) for v in views if v.kind != "external") if r]
