"""The reports of the terminal as styled lines (``plain.Doc``). Nothing here prints, and
nothing here needs rich: the CLI writes a ``Doc`` with ``plain.render``."""

from __future__ import annotations

import datetime as dt

from ..i18n import Lang, join, t
from ..models import Ledger
from ..names import NamesThen
from ..queries import (
    DueItem,
    GroupMembers,
    Light,
    OverdueReport,
    Progress,
    StatusSummary,
    TaskState,
    UnitView,
    ViaGroup,
)
from .grid import Cell, CellLike, layout_lines
from .labels import names as _names
from .labels import unit_name
from .plain import Doc, Line, Span
from .terminal import visible

TYPE_CHECKING = False  # not from typing: importing it is a noticeable part of a report
if TYPE_CHECKING:
    from typing import Any

LIGHT_STYLE = {Light.RED: "bold red", Light.YELLOW: "yellow", Light.GREEN: "green", Light.NONE: "dim"}
LIGHT_MARK = {Light.RED: "●", Light.YELLOW: "●", Light.GREEN: "●", Light.NONE: "○"}
BAR_WIDTH = 20


def light_span(light: Light, lang: Lang) -> Span:
    return f"{LIGHT_MARK[light]} {t('light.' + light.value, lang)}", LIGHT_STYLE[light]


def bar(progress: Progress) -> Line:
    filled = round(progress.ratio * BAR_WIDTH)
    return [("█" * filled, "green"), ("░" * (BAR_WIDTH - filled), "dim"), (f" {progress.done}/{progress.total} {progress.ratio:.0%}", "")]


def due_text(st: TaskState, lang: Lang) -> str:
    if st.next_due is not None:
        return st.next_due.isoformat()
    if st.task.ongoing:
        return t("due.ongoing", lang)
    return "—"


def _reason_cell(st: TaskState, lang: Lang) -> Cell:
    return Cell(t("reason." + st.reason.value, lang), LIGHT_STYLE[st.light])


def status(summary: StatusSummary, ledger: Ledger, lang: Lang, *, limit: int | None = 20, width: int = 80) -> Doc:
    plan = ledger.plan
    doc = Doc()
    head = doc.add(visible(plan.title), "bold")
    if plan.doc_number:
        head.append((visible(t("text.paren", lang, text=plan.doc_number)), "bold"))
    doc.add(t("report.as_of", lang, date=summary.as_of.isoformat()) + "  " + t("report.total", lang, n=summary.total))
    doc.add(t("report.by_status", lang) + ": " + "  ".join(f"{t('status.' + s.value, lang)} {n}" for s, n in summary.by_status.items()))
    lights = doc.add(t("report.by_light", lang) + ": ")
    for light in (Light.RED, Light.YELLOW, Light.GREEN):
        lights += [light_span(light, lang), (f" {summary.by_light[light]}  ", "")]
    doc.add()
    rows: list[list[CellLike]] = [[Cell(t("report.overall", lang), "bold"), _bar_cell(summary.overall)]]
    rows += [[f"{sec.key} {sec.title}", _bar_cell(sec)] for sec in summary.sections]
    doc.grid(layout_lines([t("col.section", lang), t("report.progress", lang)], rows, width, flexible=[0]))
    doc.add()
    doc.add(t("report.attention", lang), "bold")
    if summary.attention:
        shown = summary.attention if limit is None or limit <= 0 else summary.attention[:limit]
        doc.grid(_task_table(shown, lang, width, then=summary.names))
        if len(shown) < len(summary.attention):
            doc.add(t("report.more", lang, n=len(summary.attention) - len(shown)), "dim")
    else:
        doc.add(t("report.all_clear", lang))
    return doc


def _bar_cell(progress: Progress) -> Cell:
    spans = bar(progress)
    return Cell("".join(text for text, _ in spans), parts=tuple(spans))


def _task_table(items: list[TaskState], lang: Lang, width: int, *, with_lead: bool = True, then: NamesThen | None = None) -> list[Line]:
    headers = [t("col.id", lang), t("col.title", lang)]
    if with_lead:
        headers.append(t("col.lead", lang))
    headers += [t("col.due", lang), t("col.reason", lang)]
    rows: list[list[CellLike]] = []
    for st in items:
        row: list[CellLike] = [st.task.id, st.task.title]
        if with_lead:
            row.append(_names(st.task.lead, st.task.lead_open, lang, then))
        row += [due_text(st, lang), _reason_cell(st, lang)]
        rows.append(row)
    return layout_lines(headers, rows, width, flexible=[1, 2] if with_lead else [1])


def overdue(report: OverdueReport, lang: Lang, width: int = 80) -> Doc:
    doc = Doc()
    doc.add(t("report.as_of", lang, date=report.as_of.isoformat()))
    if not report.overdue:
        doc.add(t("overdue.none", lang, date=report.as_of.isoformat()))
    else:
        doc.add(t("overdue.title", lang, n=len(report.overdue)), "bold red")
        doc.grid(_due_table(report.overdue, t("col.days_late", lang), lang, width, report.names))
    if report.within is not None:
        doc.add(t("overdue.due_soon", lang, days=report.within, n=len(report.due_soon)), "bold yellow")
        if report.due_soon:
            doc.grid(_due_table(report.due_soon, t("col.days_left", lang), lang, width, report.names))
        else:
            doc.add(t("report.nothing", lang))
    return doc


def _due_table(items: list[DueItem], days_header: str, lang: Lang, width: int, then: NamesThen | None = None) -> list[Line]:
    headers = [t("col.id", lang), t("col.title", lang), t("col.period", lang), t("col.due", lang), days_header, t("col.lead", lang)]
    rows: list[list[CellLike]] = []
    for item in items:
        ob = item.obligation
        rows.append(
            [
                ob.task.id,
                ob.task.title,
                ob.period or "—",
                ob.due.isoformat() if ob.due else "—",
                str(item.days),
                _names(ob.task.lead, ob.task.lead_open, lang, then),
            ]
        )
    return layout_lines(headers, rows, width, flexible=[1, 5])


def unit(view: UnitView, as_of: dt.date, lang: Lang, width: int = 80, *, dated: bool = True) -> Doc:
    doc = Doc()
    head = doc.add(visible(t("unit.title", lang, name=unit_name(view.name, view.names, lang))), "bold")
    head.append((f"  [{t('unit.kind.' + view.kind, lang)}]", "bold dim"))
    if dated:
        doc.add(t("report.as_of", lang, date=as_of.isoformat()))
    aliases = [a for a in view.aliases if a != view.name_then]  # the name it had on the day is no alias then
    if aliases:
        doc.add(visible(t("unit.aliases", lang, names=join(aliases, lang))))
    doc.add(t("unit.leads", lang, n=len(view.leads)), "bold")
    _table_or_nothing(doc, _task_table(view.leads, lang, width, with_lead=False) if view.leads else None, lang)
    doc.add(t("unit.supports", lang, n=len(view.supports)), "bold")
    _table_or_nothing(doc, _task_table(view.supports, lang, width, then=view.names) if view.supports else None, lang)
    doc.add(t("unit.via_group", lang, n=len(view.via_group)), "bold")
    _table_or_nothing(doc, _via_table(view.via_group, lang, width) if view.via_group else None, lang)
    for group in dict.fromkeys(v.group for v in view.maybe):
        items = [v for v in view.maybe if v.group == group]
        doc.add(visible(t("unit.via_unresolved_n", lang, group=group, n=len(items))), "bold")
        doc.grid(_via_table(items, lang, width))
    if view.supervises:
        doc.add(t("unit.supervises", lang, n=len(view.supervises)), "bold")
        doc.grid(_task_table(view.supervises, lang, width, then=view.names))
    return doc


def _table_or_nothing(doc: Doc, lines: list[Line] | None, lang: Lang) -> None:
    if lines is None:
        doc.add(t("report.nothing", lang))
    else:
        doc.grid(lines)


def _via_table(items: list[ViaGroup], lang: Lang, width: int) -> list[Line]:
    headers = [
        t("col.id", lang),
        t("col.title", lang),
        t("col.group", lang),
        t("col.role", lang),
        t("col.due", lang),
        t("col.reason", lang),
    ]
    rows: list[list[CellLike]] = [
        [v.state.task.id, v.state.task.title, v.group, t("role." + v.role, lang), due_text(v.state, lang), _reason_cell(v.state, lang)]
        for v in items
    ]
    return layout_lines(headers, rows, width, flexible=[1, 2])


def units(rows: list[UnitView], as_of: dt.date, lang: Lang, width: int = 80) -> Doc:
    headers = [
        t("col.unit", lang),
        t("col.led", lang),
        t("col.supported", lang),
        t("col.via_group", lang),
        t("col.overdue", lang),
        t("col.missing", lang),
        t("col.reported_late", lang),
    ]
    body: list[list[CellLike]] = []
    for v in rows:
        overdue_n, missing_n = v.overdue_count(), v.missing_count()
        body.append(
            [
                unit_name(v.name, v.names, lang),
                str(len(v.leads)),
                str(len(v.supports)),
                str(len(v.via_group)),
                Cell(str(overdue_n), "bold red" if overdue_n else ""),
                Cell(str(missing_n), "yellow" if missing_n else ""),
                Cell(str(v.late_count()), "yellow" if v.late_count() else ""),
            ]
        )
    doc = Doc()
    doc.add(t("units.title", lang), "bold")
    doc.add(t("report.as_of", lang, date=as_of.isoformat()))
    doc.grid(layout_lines(headers, body, width, flexible=[0]))
    doc.add(t("units.legend", lang), "dim")
    return doc


def group(found: GroupMembers, as_of: dt.date, lang: Lang, width: int = 80) -> Doc:
    """``unit NAME`` on a group's name: what the group is, then each member's list."""
    doc = Doc()
    doc.add(visible(t("group.is_group", lang, name=found.name)), "bold")
    doc.add(t("report.as_of", lang, date=as_of.isoformat()))
    if found.aliases:
        doc.add(visible(t("unit.aliases", lang, names=join(found.aliases, lang))))
    if not found.members:
        doc.add(visible(t("group.unresolved", lang, name=found.name)))
        return doc
    doc.add(
        visible(t("group.members", lang, n=len(found.members), names=join([unit_name(v.name, v.names, lang) for v in found.members], lang)))
    )
    for view in found.members:
        doc.add()
        doc.extend(unit(view, as_of, lang, width, dated=False))
    return doc


def show(st: TaskState, ledger: Ledger, lang: Lang) -> Any:
    """``gongkai show``: one task in full, a rich renderable (``render.show``, imported when asked for)."""
    from .show import show as show_task

    return show_task(st, ledger, lang)
