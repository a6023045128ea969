"""The full resolved ledger as JSON: plan, groups with their members, units with counts, and
every clause with its state, obligations and the labels the 台账 shows. Documented in docs/export.md."""

from __future__ import annotations

import json
from typing import Any

from ..models import Ledger
from ..names import Directory
from ..queries import status_summary
from ..render import data
from .rows import Row, Sheet

SCHEMA_VERSION = 1


def _units_of(names: list[str], d: Directory) -> list[str]:
    """Canonical unit names, with every group replaced by the units it stands for."""
    out: list[str] = []
    for name in names:
        canon = d.canonical(name)
        if canon is None:
            continue
        out += d.members(canon) if canon in d.groups else [canon]
    return list(dict.fromkeys(out))


def _task(row: Row, ledger: Ledger, d: Directory, unit: bool) -> dict[str, Any]:
    shown = data.show(row.state, ledger)
    shown.pop("schema", None)
    title = next((s.title for s in ledger.sections if s.number == row.section), None)
    out: dict[str, Any] = {
        "seq": row.seq,
        **shown,
        "section_title": title,
        "lead_units": _units_of(row.state.task.lead, d),
        "cooperate_units": _units_of(row.state.task.cooperate, d),
        "labels": {
            "task": row.task,
            "lead": row.lead,
            "cooperate": row.cooperate,
            "due": row.due,
            "progress": row.progress,
            "status": row.status,
        },
    }
    if unit:
        out["role"] = row.role
    return out


def document(sheet: Sheet) -> dict[str, Any]:
    ledger = sheet.ledger
    d = Directory(ledger)
    doc: dict[str, Any] = {
        "schema": SCHEMA_VERSION,
        "kind": "unit" if sheet.unit is not None else "ledger",
        "as_of": sheet.as_of.isoformat(),
        "lang": sheet.lang,
        "plan": ledger.plan.model_dump(mode="json"),
        "groups": [{"name": g.name, "covers": g.covers.value, "members": d.members(g.name), "aliases": list(g.aliases)} for g in ledger.groups],
    }
    if sheet.unit is not None:
        unit = d.units[sheet.unit]
        doc["unit"] = {"name": unit.name, "kind": unit.kind.value, "aliases": list(unit.aliases)}
        doc["blocks"] = [{"key": b.key, "heading": b.heading, "ids": [r.state.task.id for r in b.rows]} for b in sheet.blocks]
    else:
        summary = data.status(status_summary(ledger, sheet.as_of, sheet.states))
        doc["summary"] = {k: summary[k] for k in ("total", "by_status", "by_light", "progress", "sections")}
        doc["units"] = [
            {
                "name": u.name,
                "kind": u.kind,
                "leads": u.leads,
                "leads_done": u.lead_progress.done,
                "leads_live": u.lead_progress.total,
                "supports": u.supports,
                "via_group": u.via_group,
                "overdue": u.overdue,
                "report_missing": u.report_missing,
            }
            for u in sheet.units
        ]
    doc["tasks"] = [_task(r, ledger, d, sheet.unit is not None) for r in sheet.rows]
    return doc


def render(sheet: Sheet) -> bytes:
    return (json.dumps(document(sheet), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
