"""Plain-data (JSON) forms for the ledger through time. Shapes in docs/json.md."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..changes import Change, ChangesReport
from ..models import Ledger
from ..queries import TaskState
from ..remind import Item, Reminder
from ..trend import Trend
from .data import SCHEMA_VERSION, iso_date, show


def show_number(number: str, clauses: list[TaskState], ledger: Ledger) -> dict[str, Any]:
    """``show`` for a plan number: every clause of the item, each as ``show ID --json`` gives it."""
    return {
        "schema": SCHEMA_VERSION,
        "number": clauses[0].task.number,
        "asked": number,
        "tasks": [{k: v for k, v in show(st, ledger).items() if k != "schema"} for st in clauses],
    }


def change(c: Change) -> dict[str, Any]:
    return {
        "kind": c.kind.value,
        "id": c.task.id,
        "number": c.task.number,
        "title": c.task.title,
        "lead": list(c.task.lead),
        "date": iso_date(c.date),
        "period": c.period,
        "due": iso_date(c.due),
        "days": c.days,
        "by": c.by,
        "old_status": c.old_status.value if c.old_status else None,
        "status": c.status.value if c.status else None,
        "note": c.note,
        "last_report": iso_date(c.last_report),
    }


def changes(report: ChangesReport) -> dict[str, Any]:
    return {
        "schema": SCHEMA_VERSION,
        "since": iso_date(report.since),
        "until": iso_date(report.until),
        "counts": {k.value: n for k, n in report.counts.items()},
        "units": [{"unit": u.unit, "changes": [change(c) for c in u.changes]} for u in report.units],
    }


def _remind_item(item: Item) -> dict[str, Any]:
    ob = item.obligation
    return {
        "id": item.state.task.id,
        "number": item.state.task.number,
        "title": item.state.task.title,
        "role": item.role,
        "period": ob.period if ob else None,
        "due": iso_date(ob.due) if ob else None,
        "days": item.days if ob else None,
        "last_report": iso_date(item.state.last_report),
    }


def reminders(found: list[Reminder], as_of: dt.date) -> dict[str, Any]:
    return {
        "schema": SCHEMA_VERSION,
        "as_of": iso_date(as_of),
        "reminders": [
            {
                "unit": r.unit,
                "within": r.within,
                "overdue": [_remind_item(i) for i in r.overdue],
                "due_soon": [_remind_item(i) for i in r.due_soon],
                "report_missing": [_remind_item(i) for i in r.report_missing],
            }
            for r in found
        ],
    }


def trend(tr: Trend) -> dict[str, Any]:
    return {
        "schema": SCHEMA_VERSION,
        "as_of": iso_date(tr.as_of),
        "per": tr.per.value,
        "points": [{"label": p.label, "day": iso_date(p.day), "done": p.done, "overdue": p.overdue, "total": p.total} for p in tr.points],
    }
