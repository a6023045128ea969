"""催报: for each unit, what it leads or supports that is overdue, due soon, or missing a report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .models import Ledger, UnitKind
from .names import Directory
from .queries import Obligation, Reason, TaskState, states


@dataclass(frozen=True)
class Item:
    """A task a unit is reminded of: its state, the unit's role in it, and how late or how near."""

    state: TaskState
    role: str  # "lead" or "cooperate"
    obligation: Obligation | None = None
    days: int = 0  # days late (overdue) or days left (due soon)


@dataclass
class Reminder:
    """What one unit must act on as of a day: overdue, due soon, reports missing."""

    unit: str
    as_of: dt.date
    within: int
    overdue: list[Item] = field(default_factory=list)
    due_soon: list[Item] = field(default_factory=list)
    report_missing: list[Item] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.overdue or self.due_soon or self.report_missing)


def _roles(task: TaskState, d: Directory, members: dict[str, list[str]]) -> dict[str, str]:
    """Each unit the task reaches and how: by name as lead or support, else through a group.

    The same precedence as ``queries.unit_view``: a named lead, then a named support, then
    the first group (lead groups before cooperating ones) that has the unit as a member.
    """
    out: dict[str, str] = {}
    lead = [d.canonical(n) for n in task.task.lead]
    coop = [d.canonical(n) for n in task.task.cooperate]
    for role, names in (("lead", lead), ("cooperate", coop)):
        for name in names:
            if name is not None and name in d.units:
                out.setdefault(name, role)
    for role, names in (("lead", lead), ("cooperate", coop)):
        for name in names:
            if name is not None and name in d.groups:
                for member in members[name]:
                    out.setdefault(member, role)
    return out


def _needs(st: TaskState, as_of: dt.date, within: int) -> tuple[list[tuple[Obligation, int]], list[tuple[Obligation, int]]]:
    overdue, soon = [], []
    for ob in st.obligations:
        if ob.fulfilled or ob.due is None:
            continue
        if ob.due < as_of:
            overdue.append((ob, ob.days_late(as_of)))
        elif (ob.due - as_of).days <= within:
            soon.append((ob, (ob.due - as_of).days))
    return overdue, soon


def reminders(ledger: Ledger, as_of: dt.date, within: int | None = None, unit: str | None = None) -> list[Reminder]:
    """One reminder per unit that has something to be reminded of; for ``unit`` (a unit, an alias,
    or a group standing for its member units), its reminders even if empty.

    ``within`` defaults to the plan's ``due_soon_days``. Returns [] when ``unit`` is unknown;
    the caller decides what to tell the user. Only tasks that need action are resolved to
    units, so this costs about what ``status`` does.
    """
    days = ledger.plan.reporting.due_soon_days if within is None else within
    d = Directory(ledger)
    wanted = d.canonical(unit) if unit is not None else None
    if unit is not None and wanted not in d.units and wanted not in d.groups:
        return []
    out = {u.name: Reminder(u.name, as_of, days) for u in ledger.units}
    members = {g: d.members(g) for g in d.groups}
    for st in states(ledger, as_of):
        if st.reason in (Reason.DONE, Reason.CANCELLED):
            continue
        overdue, soon = _needs(st, as_of, days)
        if not (overdue or soon or st.report_missing):
            continue
        # A group brings a task to dozens of units: its items are made once per role and shared.
        made: dict[str, tuple[list[Item], list[Item], Item | None]] = {}
        for name, role in _roles(st, d, members).items():
            if role not in made:
                made[role] = ([Item(st, role, ob, n) for ob, n in overdue], [Item(st, role, ob, n) for ob, n in soon], Item(st, role) if st.report_missing else None)
            late, near, missing = made[role]
            rem = out[name]
            rem.overdue += late
            rem.due_soon += near
            if missing is not None:
                rem.report_missing.append(missing)
    for rem in out.values():
        rem.overdue.sort(key=lambda i: (i.role != "lead", -i.days))
        rem.due_soon.sort(key=lambda i: (i.role != "lead", i.days))
        rem.report_missing.sort(key=lambda i: (i.role != "lead", i.state.last_report or dt.date.min))
    if wanted is not None:
        return [out[m] for m in (d.members(wanted) if wanted in d.groups else [wanted])]
    return [out[u.name] for u in ledger.units if u.kind is not UnitKind.EXTERNAL and out[u.name]]

