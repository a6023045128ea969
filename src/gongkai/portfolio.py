"""The reports of a workspace: the questions of ``queries`` and ``tasklist`` asked of every plan,
each answer keeping the plan it came from, plus the totals over the plans."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from .changes import ChangesReport, changes
from .filters import narrow_each
from .models import Status
from .queries import (
    DueItem,
    GroupMembers,
    Light,
    Progress,
    StatusSummary,
    TaskState,
    UnitView,
    group_members,
    overdue,
    status_summary,
    unit_view,
    unit_views,
)
from .remind import Reminder, reminders
from .tasklist import group_states, list_tasks, parse_sort, sort_pairs
from .trend import Per, Trend, TrendPoint, trend
from .workspace import Plan, UnitKey, Units, Workspace


@dataclass(frozen=True)
class PortfolioStatus:
    """``status`` across the plans of a workspace: each plan's summary and their totals."""

    as_of: dt.date
    plans: list[tuple[Plan, StatusSummary]]
    total: int
    by_status: dict[Status, int]
    by_light: dict[Light, int]
    overall: Progress


def status(ws: Workspace, as_of: dt.date) -> PortfolioStatus:
    """Each plan's status, then the counts over all of them."""
    plans = [(plan, status_summary(plan.ledger, as_of)) for plan in ws.plans]
    by_status = {s: sum(summary.by_status[s] for _, summary in plans) for s in Status}
    by_light = {light: sum(summary.by_light[light] for _, summary in plans) for light in Light}
    done = sum(summary.overall.done for _, summary in plans)
    live = sum(summary.overall.total for _, summary in plans)
    return PortfolioStatus(as_of, plans, sum(s.total for _, s in plans), by_status, by_light, Progress("", "", live, done))


@dataclass(frozen=True)
class PortfolioOverdue:
    """What is overdue and due soon across the plans of a workspace, each row with its plan."""

    as_of: dt.date
    within: int | None
    overdue: list[tuple[Plan, DueItem]]
    due_soon: list[tuple[Plan, DueItem]]
    plans: list[Plan]


def overdue_all(ws: Workspace, as_of: dt.date, within: int | None = None, words: Sequence[str] = ()) -> PortfolioOverdue:
    """What is overdue (and due within ``within`` days) in every plan, longest late first."""
    late: list[tuple[Plan, DueItem]] = []
    soon: list[tuple[Plan, DueItem]] = []
    for plan, ledger in zip(ws.plans, narrow_each([p.ledger for p in ws.plans], as_of, words), strict=True):
        report = overdue(ledger, as_of, within)
        late += [(plan, item) for item in report.overdue]
        soon += [(plan, item) for item in report.due_soon]
    late.sort(key=lambda pair: -pair[1].days)
    soon.sort(key=lambda pair: pair[1].days)
    return PortfolioOverdue(as_of, within, late, soon, list(ws.plans))


@dataclass(frozen=True)
class PortfolioUnit:
    """One unit of the workspace and what it owes in each plan that registers it."""

    key: UnitKey
    label: str
    views: list[tuple[Plan, UnitView]]

    def count(self, what: str) -> int:
        return sum(unit_count(view, what) for _, view in self.views)


_COUNTS: dict[str, Callable[[UnitView], int]] = {
    "leads": lambda v: len(v.leads),
    "supports": lambda v: len(v.supports),
    "via_group": lambda v: len(v.via_group),
    "overdue": lambda v: v.overdue_count(),
    "report_missing": lambda v: v.missing_count(),
    "reported_late": lambda v: v.late_count(),
}
COUNTS = tuple(_COUNTS)


def unit_count(view: UnitView, what: str) -> int:
    """One of ``COUNTS`` for a unit in one plan: the numbers ``units`` shows."""
    return _COUNTS[what](view)


def _views(units: Units, key: UnitKey, view: Callable[[Plan, str], UnitView | None]) -> PortfolioUnit:
    views = []
    for plan, name in units.members[key]:
        found = view(plan, name)
        assert found is not None
        views.append((plan, found))
    return PortfolioUnit(key, units.label(key), views)


def unit(ws: Workspace, name: str, as_of: dt.date, words: Sequence[str] = ()) -> list[PortfolioUnit] | list[tuple[Plan, GroupMembers]]:
    """Everything the unit ``name`` owes across the plans; one entry per unit the name stands for
    (two when two issuers each have a unit of that name). For a group's name (各部门), the group
    in each plan that has it, with its members' lists. Raises UsageError for an unknown name."""
    units = Units(ws)
    keys = units.find(name)
    narrowed = narrow_each([plan.ledger for plan in ws.plans], as_of, words)
    if not keys:
        groups = [(plan, group_members(ledger, name, as_of)) for plan, ledger in zip(ws.plans, narrowed, strict=True)]
        found = [(plan, group) for plan, group in groups if group is not None]
        if not found:
            raise units.unknown(name)
        return found
    ledgers = {id(plan): ledger for plan, ledger in zip(ws.plans, narrowed, strict=True)}
    return [_views(units, key, lambda plan, name: unit_view(ledgers[id(plan)], name, as_of)) for key in keys]


def units_table(ws: Workspace, as_of: dt.date) -> list[PortfolioUnit]:
    """Every unit of the workspace, in the order the plans first register them."""
    units = Units(ws)
    views = {id(plan): unit_views(plan.ledger, as_of) for plan in ws.plans}
    return [_views(units, key, lambda plan, name: views[id(plan)].get(name)) for key in units.members]


@dataclass(frozen=True)
class PortfolioList:
    """The tasks a filter finds across the plans of a workspace, each with its plan."""

    as_of: dt.date
    words: tuple[str, ...]
    total: int
    shown: list[tuple[Plan, TaskState]]
    group_by: str | None = None
    # (key, rows): a unit's label, "plan-id section", a light or a status
    groups: list[tuple[str, list[tuple[Plan, TaskState]]]] | None = None


def list_all(
    ws: Workspace, as_of: dt.date, words: Sequence[str] = (), *, sort: str | None = None, limit: int = 0, group_by: str | None = None
) -> PortfolioList:
    """``gongkai list`` over every plan: plan by plan, or sorted across the plans by ``sort``;
    grouped by ``group_by`` as for one ledger, units joined across plans and sections kept per plan."""
    keys = parse_sort(sort)
    narrowed = narrow_each([plan.ledger for plan in ws.plans], as_of, words)
    plan_of = {id(ledger): plan for plan, ledger in zip(ws.plans, narrowed, strict=True)}
    pairs = [(ledger, st) for ledger in narrowed for st in list_tasks(ledger, as_of).shown]
    rows = [(plan_of[id(ledger)], st) for ledger, st in sort_pairs(pairs, keys)]
    shown = rows[:limit] if limit > 0 else rows
    groups = _group_rows(ws, shown, group_by) if group_by is not None else None
    return PortfolioList(as_of, tuple(words), len(rows), shown, group_by, groups)


def _group_rows(ws: Workspace, rows: list[tuple[Plan, TaskState]], by: str) -> list[tuple[str, list[tuple[Plan, TaskState]]]]:
    if by == "unit":
        return _by_lead(ws, rows, lambda st: st.task.lead)
    if by == "section":
        grouped: dict[str, list[tuple[Plan, TaskState]]] = {}
        for plan in ws.plans:
            for section in plan.ledger.sections:
                grouped[f"{plan.id} {section.number}"] = []
        for plan, st in rows:
            grouped.setdefault(f"{plan.id} {st.task.section}", []).append((plan, st))
        return [(key, items) for key, items in grouped.items() if items]
    # a light or a status means the same in every plan: one ledger's grouping keeps its order
    plan_of = {id(st): plan for plan, st in rows}
    return [(key, [(plan_of[id(st)], st) for st in items]) for key, items in group_states([st for _, st in rows], by, ws.plans[0].ledger)]


def lead_labels(units: Units, plan: Plan, names: Sequence[str]) -> list[str]:
    """The workspace's labels of a task's lead units; a group stays its plan's own (各部门（gk2018）)."""
    d = units.directory(plan)
    canonical = dict.fromkeys(d.canonical(n) or n for n in names)
    return [units.label(units.key(plan, name)) if name in d.units else f"{name}（{plan.id}）" for name in canonical]


def changes_all(ws: Workspace, since: dt.date, until: dt.date) -> list[tuple[Plan, ChangesReport]]:
    """What changed from ``since`` to ``until`` in each plan."""
    return [(plan, changes(plan.ledger, since, until)) for plan in ws.plans]


def remind_all(ws: Workspace, as_of: dt.date, within: int | None = None, unit_name: str | None = None) -> list[tuple[Plan, Reminder]]:
    """The 催报 notices of every plan; for ``unit_name``, those of the units it stands for in each
    plan that registers them (a name no plan knows is a UsageError)."""
    if unit_name is None:
        return [(plan, rem) for plan in ws.plans for rem in reminders(plan.ledger, as_of, within)]
    units = Units(ws)
    keys = units.find(unit_name)
    if not keys:
        raise units.unknown(unit_name)
    return [(plan, rem) for key in keys for plan, name in units.members[key] for rem in reminders(plan.ledger, as_of, within, name)]


def by_lead_unit(ws: Workspace, items: Sequence[tuple[Plan, DueItem]]) -> list[tuple[str, list[tuple[Plan, DueItem]]]]:
    """``overdue --group-by unit`` over the plans: the items under each lead unit of the workspace
    (joined across plans as ``units`` joins them), in the order the plans register the units; a
    group a task names stays its plan's own (各部门（gk2018）)."""
    return _by_lead(ws, items, lambda item: item.obligation.task.lead)


Row = TypeVar("Row")


def _by_lead(ws: Workspace, rows: Sequence[tuple[Plan, Row]], lead: Callable[[Row], list[str]]) -> list[tuple[str, list[tuple[Plan, Row]]]]:
    """``rows`` under each lead unit of the workspace (a row under each of its leads), in the
    order the plans register the units; a group stays its plan's own."""
    units = Units(ws)
    order = {units.label(key): i for i, key in enumerate(units.members)}
    grouped: dict[str, list[tuple[Plan, Row]]] = {}
    for plan, row in rows:
        for label in lead_labels(units, plan, lead(row)):
            grouped.setdefault(label, []).append((plan, row))
    return sorted(grouped.items(), key=lambda pair: (order.get(pair[0], len(order)), pair[0]))


def find_all(ws: Workspace, task_id: str, as_of: dt.date) -> list[tuple[Plan, TaskState | list[TaskState]]]:
    """``show ID`` over the plans: the task with this id (or the clauses numbered so) in each plan
    that has it; an id no plan has is a UsageError naming the closest in any plan."""
    from .errors import UsageError
    from .names import suggest
    from .queries import known_task_names, task_or_item

    found = [(plan, task_or_item(plan.ledger, task_id, as_of)) for plan in ws.plans]
    out = [(plan, answer) for plan, answer in found if answer is not None]
    if not out:
        known = dict.fromkeys(name for plan in ws.plans for name in known_task_names(plan.ledger))
        raise UsageError("err.unknown_task_ws", id=task_id, hint=suggest(task_id, list(known)))
    return out


def trend_all(ws: Workspace, as_of: dt.date, per: Per) -> Trend:
    """``status --trend`` over the plans: each period's done, overdue and live counts added over
    every plan (a plan issued later adds nothing to the periods before it)."""
    points: dict[str, TrendPoint] = {}
    for plan in ws.plans:
        for p in trend(plan.ledger, as_of, per).points:
            seen = points.get(p.label)
            points[p.label] = (
                p if seen is None else TrendPoint(p.label, p.day, seen.done + p.done, seen.overdue + p.overdue, seen.total + p.total)
            )
    return Trend(as_of, per, [points[label] for label in sorted(points)])
