"""The reports of a workspace, as terminal text and as JSON: every row names its plan.

The JSON shapes are documented in docs/json.md (section "Workspace").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text

from ..i18n import Lang, t
from ..portfolio import COUNTS, PortfolioList, PortfolioOverdue, PortfolioStatus, PortfolioUnit, unit_count
from ..queries import DueItem, Light
from ..workspace import Plan
from . import data, text
from .grid import Cell, CellLike, layout
from .listing import COLUMNS

# --- text ------------------------------------------------------------------------------------------


def _plan_head(plan: Plan, lang: Lang) -> Text:
    return text._text(t("workspace.plan", lang, id=plan.id), style="bold reverse")


def status(report: PortfolioStatus, lang: Lang, *, limit: int | None = 20, width: int = 80) -> RenderableType:
    """A block per plan, as ``status`` shows one ledger, then the totals and a row per plan."""
    parts: list[RenderableType] = []
    for plan, summary in report.plans:
        parts += [_plan_head(plan, lang), text.status(summary, plan.ledger, lang, limit=limit, width=width), Text("")]
    parts.append(Text(t("workspace.total", lang, n=len(report.plans)), style="bold"))
    parts += text.counts(report.as_of, report.total, report.by_status, report.by_light, lang)
    parts.append(Text(""))
    table = text._table(
        t("col.plan", lang), t("col.doc_number", lang), t("report.progress", lang), t("light.red", lang), t("light.yellow", lang)
    )
    text._row(table, Text(t("report.overall", lang), style="bold"), "", text.bar(report.overall), "", "")
    for plan, summary in report.plans:
        red, yellow = (str(summary.by_light[light]) for light in (Light.RED, Light.YELLOW))
        text._row(table, plan.id, plan.ledger.plan.doc_number or "—", text.bar(summary.overall), red, yellow)
    parts.append(table)
    return Group(*parts)


def overdue(report: PortfolioOverdue, lang: Lang, width: int = 80) -> RenderableType:
    """The overdue list of every plan in one table, longest late first, with a plan column."""
    return text.overdue_lists(
        report.as_of, report.within, report.overdue, report.due_soon, lambda items, days: _due_table(items, days, lang, width), lang
    )


def _due_table(items: Sequence[tuple[Plan, DueItem]], days_header: str, lang: Lang, width: int) -> Text:
    headers = [t("col.plan", lang), *text.due_headers(days_header, lang)]
    return layout(headers, [[plan.id, *text.due_row(item, lang)] for plan, item in items], width, flexible=[2, 6])


def unit(found: list[PortfolioUnit], as_of: dt.date, lang: Lang, width: int = 80) -> RenderableType:
    """What each unit the name stands for owes, plan by plan."""
    parts: list[RenderableType] = [Text(t("report.as_of", lang, date=as_of.isoformat()))]
    for i, pu in enumerate(found):
        parts += [Text("")] if i else []
        parts.append(text._text(t("workspace.unit_plans", lang, name=pu.label, n=len(pu.views)), style="bold"))
        for plan, view in pu.views:
            parts += [Text(""), _plan_head(plan, lang), text.unit(view, as_of, lang, width, dated=False)]
    return Group(*parts)


def units(rows: list[PortfolioUnit], as_of: dt.date, lang: Lang, width: int = 80) -> RenderableType:
    """A row per unit of the workspace, its counts over every plan, and the plans it is in."""
    headers = [
        t("col.unit", lang),
        t("col.plan", lang),
        t("col.led", lang),
        t("col.supported", lang),
        t("col.via_group", lang),
        t("col.overdue", lang),
        t("col.missing", lang),
        t("col.reported_late", lang),
    ]
    styles = {"overdue": "bold red", "report_missing": "yellow", "reported_late": "yellow"}
    body: list[list[CellLike]] = []
    for pu in rows:
        counts = [Cell(str(pu.count(c)), styles.get(c, "") if pu.count(c) else "") for c in COUNTS]
        body.append([pu.label, "、".join(dict.fromkeys(plan.id for plan, _ in pu.views)), *counts])
    table = layout(headers, body, width, flexible=[0, 1])
    legend = Text(t("units.legend", lang), style="dim")
    return Group(Text(t("units.title", lang), style="bold"), Text(t("report.as_of", lang, date=as_of.isoformat())), table, legend)


def task_list(found: PortfolioList, columns: Sequence[str], lang: Lang, width: int) -> RenderableType:
    """``gongkai list`` over the workspace: the chosen columns after a plan column."""
    parts: list[RenderableType] = [
        Text(t("report.as_of", lang, date=found.as_of.isoformat()) + "  " + t("list.count", lang, n=found.total))
    ]
    if not found.shown:
        parts.append(Text(t("list.none", lang)))
        return Group(*parts)
    headers = [t("col.plan", lang), *(t(COLUMNS[c][0], lang) for c in columns)]
    rows = [[plan.id, *(COLUMNS[c][1](st, lang) for c in columns)] for plan, st in found.shown]
    parts.append(layout(headers, rows, width, flexible=[i + 1 for i, c in enumerate(columns) if COLUMNS[c][2]]))
    if len(found.shown) < found.total:
        parts.append(Text(t("list.shown", lang, shown=len(found.shown), more=found.total - len(found.shown)), style="dim"))
    return Group(*parts)


# --- JSON ------------------------------------------------------------------------------------------


def _plan(plan: Plan) -> dict[str, Any]:
    meta = plan.ledger.plan
    return {"plan": plan.id, "doc_number": meta.doc_number, "title": meta.title, "issuer": meta.issuer, "path": str(plan.path)}


def _body(shape: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in shape.items() if k not in ("schema", "as_of")}


def status_data(report: PortfolioStatus) -> dict[str, Any]:
    plans = []
    for plan, summary in report.plans:
        body = _body(data.status(summary))
        body["attention"] = [{"plan": plan.id, **row} for row in body["attention"]]
        plans.append({**_plan(plan), **body})
    return {
        "schema": data.SCHEMA_VERSION,
        "as_of": data.iso_date(report.as_of),
        "plans": plans,
        "total": {
            "plans": len(report.plans),
            "total": report.total,
            "by_status": {k.value: v for k, v in report.by_status.items()},
            "by_light": {k.value: v for k, v in report.by_light.items()},
            "progress": {"done": report.overall.done, "total": report.overall.total},
        },
    }


def overdue_data(report: PortfolioOverdue) -> dict[str, Any]:
    rows = _body(data.overdue(_single(report)))
    late = [{"plan": plan.id, **row} for (plan, _), row in zip(report.overdue, rows["overdue"], strict=True)]
    soon = [{"plan": plan.id, **row} for (plan, _), row in zip(report.due_soon, rows["due_soon"], strict=True)]
    return {
        "schema": data.SCHEMA_VERSION,
        "as_of": data.iso_date(report.as_of),
        "within": report.within,
        "overdue": late,
        "due_soon": soon,
        "plans": [
            {
                **_plan(plan),
                "overdue": sum(1 for p, _ in report.overdue if p is plan),
                "due_soon": sum(1 for p, _ in report.due_soon if p is plan),
            }
            for plan in report.plans
        ],
    }


def _single(report: PortfolioOverdue) -> Any:
    from ..queries import OverdueReport

    return OverdueReport(report.as_of, report.within, [i for _, i in report.overdue], [i for _, i in report.due_soon])


_LISTS = ("leads", "supports", "via_group", "maybe_via_group")


def unit_data(found: list[PortfolioUnit], as_of: dt.date) -> dict[str, Any]:
    out = []
    for pu in found:
        entry: dict[str, Any] = {
            "unit": pu.label,
            "name": pu.key.name,
            "issuer": pu.key.issuer or None,
            **{k: [] for k in _LISTS},
            "plans": [],
        }
        for plan, view in pu.views:
            shape = _body(data.unit(view, as_of))
            for key in _LISTS:
                entry[key] += [{"plan": plan.id, **row} for row in shape[key]]
            entry["plans"].append(
                {**_plan(plan), "name": view.name, "kind": view.kind, "aliases": view.aliases, **{k: len(shape[k]) for k in _LISTS}}
            )
        out.append(entry)
    return {"schema": data.SCHEMA_VERSION, "as_of": data.iso_date(as_of), "units": out}


def units_data(rows: list[PortfolioUnit], as_of: dt.date) -> dict[str, Any]:
    return {
        "schema": data.SCHEMA_VERSION,
        "as_of": data.iso_date(as_of),
        "units": [
            {
                "unit": pu.label,
                "name": pu.key.name,
                "issuer": pu.key.issuer or None,
                **{c: pu.count(c) for c in COUNTS},
                "plans": [
                    {"plan": plan.id, "name": view.name, "kind": view.kind, **{c: unit_count(view, c) for c in COUNTS}}
                    for plan, view in pu.views
                ],
            }
            for pu in rows
        ],
    }


def list_data(found: PortfolioList, plans: Sequence[Plan]) -> dict[str, Any]:
    return {
        "schema": data.SCHEMA_VERSION,
        "as_of": found.as_of.isoformat(),
        "filter": list(found.words),
        "total": found.total,
        "tasks": [{"plan": plan.id, **data.task_brief(st)} for plan, st in found.shown],
        "plans": [{**_plan(plan), "shown": sum(1 for p, _ in found.shown if p is plan)} for plan in plans],
    }
