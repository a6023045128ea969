"""The reports of a workspace, as terminal text and as JSON: every row names its plan.

The JSON shapes are documented in docs/json.md (section "Workspace").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from ..changes import ChangesReport
from ..i18n import Lang, t
from ..names import NamesThen, names_then
from ..portfolio import COUNTS, PortfolioList, PortfolioOverdue, PortfolioStatus, PortfolioUnit, by_lead_unit, unit_count
from ..queries import DueItem, GroupMembers, Light, TaskState
from ..remind import Reminder
from ..workspace import Plan, Workspace
from . import data, text
from .grid import Cell, CellLike, layout_columns, layout_lines
from .listing import COLUMNS, group_label
from .plain import Doc, Line
from .terminal import visible

# --- text ------------------------------------------------------------------------------------------


def _plan_head(doc: Doc, plan: Plan, lang: Lang) -> None:
    doc.add(visible(t("workspace.plan", lang, id=plan.id)), "bold reverse")


def status(report: PortfolioStatus, lang: Lang, *, limit: int | None = 20, width: int = 80) -> Doc:
    """A block per plan, as ``status`` shows one ledger, then the totals and a row per plan."""
    doc = Doc()
    for plan, summary in report.plans:
        _plan_head(doc, plan, lang)
        doc.extend(text.status(summary, plan.ledger, lang, limit=limit, width=width))
        doc.add()
    doc.add(t("workspace.total", lang, n=len(report.plans)), "bold")
    doc.extend(text.counts(report.as_of, report.total, report.by_status, report.by_light, lang))
    doc.add()
    headers = [t("col.plan", lang), t("col.doc_number", lang), t("report.progress", lang), t("light.red", lang), t("light.yellow", lang)]
    rows: list[list[CellLike]] = [[Cell(t("report.overall", lang), "bold"), "", text.bar_cell(report.overall), "", ""]]
    for plan, summary in report.plans:
        red, yellow = (str(summary.by_light[light]) for light in (Light.RED, Light.YELLOW))
        rows.append([plan.id, plan.ledger.plan.doc_number or "—", text.bar_cell(summary.overall), red, yellow])
    doc.grid(layout_lines(headers, rows, width, flexible=[1]))
    return doc


def overdue(report: PortfolioOverdue, lang: Lang, width: int = 80) -> Doc:
    """The overdue list of every plan in one table, longest late first, with a plan column."""
    then = _names_then(report.plans, report.as_of)
    return text.overdue_lists(
        report.as_of, report.within, report.overdue, report.due_soon, lambda items, days: _due_table(items, days, lang, width, then), lang
    )


def _names_then(plans: Sequence[Plan], day: dt.date) -> dict[int, NamesThen]:
    """Each plan's units by the names they had on ``day``, as one ledger's reports show them."""
    return {id(plan): names_then(plan.ledger, day) for plan in plans}


def overdue_by_unit(report: PortfolioOverdue, ws: Workspace, lang: Lang, width: int = 80) -> Doc:
    """``overdue --group-by unit`` over the plans: what each lead unit owes in every plan."""

    then = _names_then(report.plans, report.as_of)

    def table(items: Sequence[tuple[Plan, DueItem]], days_header: str) -> list[Line]:
        headers = [t("col.plan", lang), *text.due_headers(days_header, lang)[:-1]]
        lines: list[Line] = []
        for label, rows in by_lead_unit(ws, items):
            lines.append([(visible(t("overdue.unit_group", lang, unit=label, n=len(rows))), "bold")])
            cells = [[plan.id, *text.due_row(item, lang, then[id(plan)])[:-1]] for plan, item in rows]
            lines += layout_lines(headers, cells, width, flexible=[2])
        return lines

    return text.overdue_lists(report.as_of, report.within, report.overdue, report.due_soon, table, lang)


def _due_table(items: Sequence[tuple[Plan, DueItem]], days_header: str, lang: Lang, width: int, then: dict[int, NamesThen]) -> list[Line]:
    headers = [t("col.plan", lang), *text.due_headers(days_header, lang)]
    return layout_lines(headers, [[plan.id, *text.due_row(item, lang, then[id(plan)])] for plan, item in items], width, flexible=[2, 6])


def unit(found: list[PortfolioUnit], as_of: dt.date, lang: Lang, width: int = 80) -> Doc:
    """What each unit the name stands for owes, plan by plan."""
    doc = Doc()
    doc.add(t("report.as_of", lang, date=as_of.isoformat()))
    for i, pu in enumerate(found):
        if i:
            doc.add()
        doc.add(visible(t("workspace.unit_plans", lang, name=pu.label, n=len(pu.views))), "bold")
        for plan, view in pu.views:
            doc.add()
            _plan_head(doc, plan, lang)
            doc.extend(text.unit(view, as_of, lang, width, dated=False))
    return doc


def groups(found: list[tuple[Plan, GroupMembers]], as_of: dt.date, lang: Lang, width: int = 80) -> Doc:
    """``unit NAME`` on a group's name: the group in each plan that has it, as for one ledger."""
    doc = Doc()
    for i, (plan, group) in enumerate(found):
        if i:
            doc.add()
        _plan_head(doc, plan, lang)
        doc.extend(text.group(group, as_of, lang, width))
    return doc


def units(rows: list[PortfolioUnit], as_of: dt.date, lang: Lang, width: int = 80) -> Doc:
    """A row per unit of the workspace, its counts over every plan, and the plans it is in."""
    headers = [t("col.unit", lang), t("col.plan", lang), *(t(key, lang) for key in text.COUNT_HEADERS)]
    styles = {"overdue": "bold red", "report_missing": "yellow", "reported_late": "yellow"}
    body: list[list[CellLike]] = []
    for pu in rows:
        counts = [Cell(str(pu.count(c)), styles.get(c, "") if pu.count(c) else "") for c in COUNTS]
        body.append([pu.label, "、".join(dict.fromkeys(plan.id for plan, _ in pu.views)), *counts])
    doc = Doc()
    doc.add(t("units.title", lang), "bold")
    doc.add(t("report.as_of", lang, date=as_of.isoformat()))
    doc.grid(layout_lines(headers, body, width, flexible=[0, 1]))
    doc.add(t("units.legend", lang), "dim")
    return doc


def task_list(found: PortfolioList, columns: Sequence[str], lang: Lang, width: int) -> Doc:
    """``gongkai list`` over the workspace: the chosen columns after a plan column, flat or grouped."""
    doc = Doc()
    doc.add(t("report.as_of", lang, date=found.as_of.isoformat()) + "  " + t("list.count", lang, n=found.total))
    if not found.shown:
        doc.add(t("list.none", lang))
        return doc
    headers = [t("col.plan", lang), *(t(COLUMNS[c][0], lang) for c in columns)]
    flexible = [i + 1 for i, c in enumerate(columns) if COLUMNS[c][2]]

    # each plan's units by the names they had on the day, as one ledger's list shows them
    then = _names_then(list({id(plan): plan for plan, _ in found.shown}.values()), found.as_of)

    def table(rows: Sequence[tuple[Plan, TaskState]]) -> list[Line]:
        # column by column, as one ledger's list is laid out
        cells: list[list[CellLike]] = [[plan.id for plan, _ in rows]]
        cells += ([COLUMNS[c][1](st, lang, then[id(plan)]) for plan, st in rows] for c in columns)
        return layout_columns(headers, cells, width, flexible=flexible)

    if found.groups is None or found.group_by is None:
        doc.grid(table(found.shown))
    else:
        for key, rows in found.groups:
            doc.add()
            plan, first = rows[0]
            if found.group_by in ("light", "status"):
                label = group_label(found.group_by, key, plan.ledger, lang)
            elif found.group_by == "section":  # the plan's id before the label one ledger gives its section
                label = (f"{plan.id} {group_label('section', first.task.section, plan.ledger, lang)[0]}", "")
            else:
                label = (visible(key), "")
            doc.add(*label).append((t("list.group", lang, label="", n=len(rows)), "bold"))
            doc.grid(table(rows))
    if len(found.shown) < found.total:
        doc.add(t("list.shown", lang, shown=len(found.shown), more=found.total - len(found.shown)), "dim")
    return doc


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


_LISTS = ("leads", "supports", "via_group", "maybe_via_group", "supervises")


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


def groups_data(found: list[tuple[Plan, GroupMembers]], as_of: dt.date) -> dict[str, Any]:
    return {
        "schema": data.SCHEMA_VERSION,
        "as_of": data.iso_date(as_of),
        "groups": [{**_plan(plan), **_body(data.group(group, as_of))} for plan, group in found],
    }


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
    out: dict[str, Any] = {
        "schema": data.SCHEMA_VERSION,
        "as_of": found.as_of.isoformat(),
        "filter": list(found.words),
        "total": found.total,
        "tasks": [{"plan": plan.id, **data.task_brief(st)} for plan, st in found.shown],
        "plans": [{**_plan(plan), "shown": sum(1 for p, _ in found.shown if p is plan)} for plan in plans],
    }
    if found.groups is not None and found.group_by is not None:
        out["group_by"] = found.group_by
        out["groups"] = [{"key": key, "tasks": [{"plan": plan.id, "id": st.task.id} for plan, st in rows]} for key, rows in found.groups]
    return out


# --- changes and remind ------------------------------------------------------------------------------


def changes_text(found: list[tuple[Plan, ChangesReport]], lang: Lang, *, markdown: bool) -> str:
    """Each plan's changes under its id, as ``changes`` words them for one ledger."""
    from .changes import changes_text as one_plan

    blocks = []
    for plan, report in found:
        head = t("workspace.plan", lang, id=plan.id)
        blocks.append(("## " if markdown else "") + head + "\n\n" + one_plan(report, plan.ledger, lang, markdown=markdown))
    return "\n".join(blocks)


def changes_data(found: list[tuple[Plan, ChangesReport]], since: dt.date, until: dt.date) -> dict[str, Any]:
    from ..changes import Kind
    from .history_data import changes as one_plan

    plans = []
    for plan, report in found:
        body = _body(one_plan(report))
        body["units"] = [{**u, "changes": [{"plan": plan.id, **c} for c in u["changes"]]} for u in body["units"]]
        plans.append({**_plan(plan), **{k: v for k, v in body.items() if k not in ("since", "until")}})
    return {
        "schema": data.SCHEMA_VERSION,
        "since": data.iso_date(since),
        "until": data.iso_date(until),
        "counts": {k.value: sum(report.counts[k] for _, report in found) for k in Kind},
        "plans": plans,
    }


def reminders_data(found: list[tuple[Plan, Reminder]], as_of: dt.date) -> dict[str, Any]:
    from .history_data import reminders as one_plan

    rows = [{"plan": plan.id, **one_plan([rem], as_of)["reminders"][0]} for plan, rem in found]
    return {"schema": data.SCHEMA_VERSION, "as_of": data.iso_date(as_of), "reminders": rows}
