"""Plain-data (JSON) forms of the query results. The shapes are documented in docs/json.md;
change them only by adding keys."""

from __future__ import annotations

import datetime as dt

from ..models import Ledger, Task, effective_due
from ..names import Directory, NamesThen, names_then
from ..queries import DueItem, GroupMembers, OverdueReport, StatusSummary, TaskState, UnitView, ViaGroup

TYPE_CHECKING = False  # not from typing: importing it is a noticeable part of a report
if TYPE_CHECKING:
    from typing import Any

SCHEMA_VERSION = 1


def iso_date(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def task_brief(st: TaskState, names: NamesThen | None = None) -> dict[str, Any]:
    """``names``: the names of units renamed since the report's day, for ``lead_then``."""
    task = st.task
    return {
        "id": task.id,
        "number": task.number,
        "title": task.title,
        "section": task.section,
        "lead": list(task.lead),
        "lead_then": names.names(task.lead) if names else list(task.lead),
        "cooperate": list(task.cooperate),
        "status": task.status.value,
        "light": st.light.value,
        "reason": st.reason.value,
        "due": iso_date(st.next_due),
        "last_report": iso_date(st.last_report),
        "report_missing": st.report_missing,
        "reported_late": len(st.late_reports),
    }


def status(summary: StatusSummary) -> dict[str, Any]:
    return {
        "schema": SCHEMA_VERSION,
        "as_of": iso_date(summary.as_of),
        "total": summary.total,
        "by_status": {k.value: v for k, v in summary.by_status.items()},
        "by_light": {k.value: v for k, v in summary.by_light.items()},
        "progress": {"done": summary.overall.done, "total": summary.overall.total},
        "sections": [
            {"section": p.key, "title": p.title, "done": p.done, "total": p.total} for p in summary.sections
        ],
        "attention": [task_brief(st, summary.names) for st in summary.attention],
    }


def _due_item(item: DueItem, key: str, names: NamesThen) -> dict[str, Any]:
    ob = item.obligation
    return {
        "id": ob.task.id,
        "number": ob.task.number,
        "title": ob.task.title,
        "period": ob.period,
        "due": iso_date(ob.due),
        key: item.days,
        "lead": list(ob.task.lead),
        "lead_then": names.names(ob.task.lead),
    }


def overdue(report: OverdueReport) -> dict[str, Any]:
    return {
        "schema": SCHEMA_VERSION,
        "as_of": iso_date(report.as_of),
        "within": report.within,
        "overdue": [_due_item(i, "days_late", report.names) for i in report.overdue],
        "due_soon": [_due_item(i, "days_left", report.names) for i in report.due_soon],
    }


def _via(v: ViaGroup, names: NamesThen) -> dict[str, Any]:
    return {**task_brief(v.state, names), "group": v.group, "role": v.role}


def unit(view: UnitView, as_of: dt.date) -> dict[str, Any]:
    return {
        "schema": SCHEMA_VERSION,
        "as_of": iso_date(as_of),
        "unit": view.name,
        "unit_then": view.name_then or view.name,
        "kind": view.kind,
        "aliases": view.aliases,
        "leads": [task_brief(s, view.names) for s in view.leads],
        "supports": [task_brief(s, view.names) for s in view.supports],
        "via_group": [_via(v, view.names) for v in view.via_group],
        "maybe_via_group": [_via(v, view.names) for v in view.maybe],
        "supervises": [task_brief(s, view.names) for s in view.supervises],
    }


def units(rows: list[UnitView], as_of: dt.date) -> dict[str, Any]:
    return {
        "schema": SCHEMA_VERSION,
        "as_of": iso_date(as_of),
        "units": [
            {
                "unit": v.name,
                "unit_then": v.name_then or v.name,
                "kind": v.kind,
                "leads": len(v.leads),
                "supports": len(v.supports),
                "via_group": len(v.via_group),
                "overdue": v.overdue_count(),
                "report_missing": v.missing_count(),
                "reported_late": v.late_count(),
            }
            for v in rows
        ],
    }


def show(st: TaskState, ledger: Ledger) -> dict[str, Any]:
    task: Task = st.task
    d = Directory(ledger)
    then = names_then(ledger, st.as_of) if st.as_of is not None else NamesThen()
    return {
        "schema": SCHEMA_VERSION,
        **task_brief(st, then),
        "cooperate_then": then.names(task.cooperate),
        "clause": task.clause,
        "text": task.text,
        "lead_open": task.lead_open,
        "cooperate_open": task.cooperate_open,
        "supervise": list(task.supervise),
        "contacts": [c.model_dump(mode="json", exclude_none=True) for c in task.contacts],
        "groups": {g: d.members(g) for g in [*task.lead, *task.cooperate, *task.supervise] if g in d.groups},
        "due_text": task.due_text,
        "repeat": task.repeat.value if task.repeat else None,
        "ongoing": task.ongoing,
        "completed": iso_date(task.completed),
        "deadline": iso_date(effective_due(task, ledger.plan)),
        "obligations": [
            {
                "period": o.period,
                "due": iso_date(o.due),
                "fulfilled": o.fulfilled,
                "fulfilled_on": iso_date(o.fulfilled_on),
                "days_after_due": o.days_after_due,
                "late": o.late,
            }
            for o in st.obligations
        ],
        "updates": [u.model_dump(mode="json", exclude_none=True) for u in task.updates],
        "reports": [r.model_dump(mode="json", exclude_none=True) for r in task.reports],
        "doubts": [d.model_dump(mode="json", exclude_none=True) for d in task.doubts],
    }


def group(found: GroupMembers, as_of: dt.date) -> dict[str, Any]:
    """``unit NAME --json`` on a group's name: the group and each member's list (docs/json.md)."""
    return {
        "schema": SCHEMA_VERSION,
        "as_of": iso_date(as_of),
        "group": found.name,
        "aliases": found.aliases,
        "members": [{k: v for k, v in unit(view, as_of).items() if k not in ("schema", "as_of")} for view in found.members],
    }
