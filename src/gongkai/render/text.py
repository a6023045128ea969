"""Rich renderables for the terminal. Nothing here prints: the CLI passes them to its Console."""

from __future__ import annotations

import datetime as dt

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..i18n import Lang, join, t
from ..models import Ledger, effective_due
from ..names import Directory, NamesThen, names_then
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
from .grid import Cell, CellLike, Paragraph, layout
from .history import closing_text, obligations_table
from .labels import names as _names
from .labels import unit_name
from .terminal import visible

LIGHT_STYLE = {Light.RED: "bold red", Light.YELLOW: "yellow", Light.GREEN: "green", Light.NONE: "dim"}
LIGHT_MARK = {Light.RED: "●", Light.YELLOW: "●", Light.GREEN: "●", Light.NONE: "○"}
BAR_WIDTH = 20


def light_text(light: Light, lang: Lang) -> Text:
    return Text(f"{LIGHT_MARK[light]} {t('light.' + light.value, lang)}", style=LIGHT_STYLE[light])


def reason_text(st: TaskState, lang: Lang) -> Text:
    return Text(t("reason." + st.reason.value, lang), style=LIGHT_STYLE[st.light])


def bar(progress: Progress) -> Text:
    filled = round(progress.ratio * BAR_WIDTH)
    out = Text("█" * filled, style="green")
    out.append("░" * (BAR_WIDTH - filled), style="dim")
    out.append(f" {progress.done}/{progress.total} {progress.ratio:.0%}")
    return out


def _text(value: str, style: str = "") -> Text:
    """Ledger text (or a message carrying it) as the terminal shows it: never as control codes."""
    return Text(visible(value), style=style)


def _row(table: Table, *cells: str | Text | Paragraph) -> None:
    """A table row whose strings are shown as they are: no markup, no control codes."""
    table.add_row(*(_text(c) if isinstance(c, str) else c for c in cells))


def _due(st: TaskState, lang: Lang) -> str:
    if st.next_due is not None:
        return st.next_due.isoformat()
    if st.task.ongoing:
        return t("due.ongoing", lang)
    return "—"


def _reason_cell(st: TaskState, lang: Lang) -> Cell:
    return Cell(t("reason." + st.reason.value, lang), LIGHT_STYLE[st.light])


def _table(*headers: str) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
    for h in headers:
        table.add_column(h, overflow="fold")
    return table


def status(summary: StatusSummary, ledger: Ledger, lang: Lang, *, limit: int | None = 20, width: int = 80) -> RenderableType:
    plan = ledger.plan
    head = _text(plan.title, style="bold")
    if plan.doc_number:
        head.append(visible(t("text.paren", lang, text=plan.doc_number)))
    parts: list[RenderableType] = [head]
    counts = Text(t("report.as_of", lang, date=summary.as_of.isoformat()) + "  " + t("report.total", lang, n=summary.total))
    parts.append(counts)

    line = Text(t("report.by_status", lang) + ": ")
    line.append("  ".join(f"{t('status.' + s.value, lang)} {n}" for s, n in summary.by_status.items()))
    parts.append(line)
    lights = Text(t("report.by_light", lang) + ": ")
    for light in (Light.RED, Light.YELLOW, Light.GREEN):
        lights.append_text(light_text(light, lang))
        lights.append(f" {summary.by_light[light]}  ")
    parts.append(lights)

    parts.append(Text(""))
    progress = _table(t("col.section", lang), t("report.progress", lang))
    _row(progress, Text(t("report.overall", lang), style="bold"), bar(summary.overall))
    for sec in summary.sections:
        _row(progress, _text(f"{sec.key} {sec.title}"), bar(sec))
    parts.append(progress)

    parts.append(Text(""))
    parts.append(Text(t("report.attention", lang), style="bold"))
    if summary.attention:
        shown = summary.attention if limit is None or limit <= 0 else summary.attention[:limit]
        parts.append(_task_table(shown, lang, width, then=summary.names))
        if len(shown) < len(summary.attention):
            parts.append(Text(t("report.more", lang, n=len(summary.attention) - len(shown)), style="dim"))
    else:
        parts.append(Text(t("report.all_clear", lang)))
    return Group(*parts)


def _task_table(items: list[TaskState], lang: Lang, width: int, *, with_lead: bool = True, then: NamesThen | None = None) -> Text:
    headers = [t("col.id", lang), t("col.title", lang)]
    if with_lead:
        headers.append(t("col.lead", lang))
    headers += [t("col.due", lang), t("col.reason", lang)]
    rows: list[list[CellLike]] = []
    for st in items:
        row: list[CellLike] = [st.task.id, st.task.title]
        if with_lead:
            row.append(_names(st.task.lead, st.task.lead_open, lang, then))
        row += [_due(st, lang), _reason_cell(st, lang)]
        rows.append(row)
    return layout(headers, rows, width, flexible=[1, 2] if with_lead else [1])


def overdue(report: OverdueReport, lang: Lang, width: int = 80) -> RenderableType:
    parts: list[RenderableType] = [Text(t("report.as_of", lang, date=report.as_of.isoformat()))]
    if not report.overdue:
        parts.append(Text(t("overdue.none", lang, date=report.as_of.isoformat())))
    else:
        parts.append(Text(t("overdue.title", lang, n=len(report.overdue)), style="bold red"))
        parts.append(_due_table(report.overdue, t("col.days_late", lang), lang, width, report.names))
    if report.within is not None:
        parts.append(Text(t("overdue.due_soon", lang, days=report.within, n=len(report.due_soon)), style="bold yellow"))
        parts.append(_due_table(report.due_soon, t("col.days_left", lang), lang, width, report.names) if report.due_soon else Text(t("report.nothing", lang)))
    return Group(*parts)


def _due_table(items: list[DueItem], days_header: str, lang: Lang, width: int, then: NamesThen | None = None) -> Text:
    headers = [t("col.id", lang), t("col.title", lang), t("col.period", lang), t("col.due", lang), days_header, t("col.lead", lang)]
    rows: list[list[CellLike]] = []
    for item in items:
        ob = item.obligation
        rows.append([ob.task.id, ob.task.title, ob.period or "—", ob.due.isoformat() if ob.due else "—", str(item.days), _names(ob.task.lead, ob.task.lead_open, lang, then)])
    return layout(headers, rows, width, flexible=[1, 5])


def unit(view: UnitView, as_of: dt.date, lang: Lang, width: int = 80, *, dated: bool = True) -> RenderableType:
    head = _text(t("unit.title", lang, name=unit_name(view.name, view.names, lang)), style="bold")
    head.append(f"  [{t('unit.kind.' + view.kind, lang)}]", style="dim")
    parts: list[RenderableType] = [head]
    if dated:
        parts.append(Text(t("report.as_of", lang, date=as_of.isoformat())))
    aliases = [a for a in view.aliases if a != view.name_then]  # the name it had on the day is no alias then
    if aliases:
        parts.append(_text(t("unit.aliases", lang, names=join(aliases, lang))))
    parts.append(Text(t("unit.leads", lang, n=len(view.leads)), style="bold"))
    parts.append(_task_table(view.leads, lang, width, with_lead=False) if view.leads else Text(t("report.nothing", lang)))
    parts.append(Text(t("unit.supports", lang, n=len(view.supports)), style="bold"))
    parts.append(_task_table(view.supports, lang, width, then=view.names) if view.supports else Text(t("report.nothing", lang)))
    parts.append(Text(t("unit.via_group", lang, n=len(view.via_group)), style="bold"))
    parts.append(_via_table(view.via_group, lang, width) if view.via_group else Text(t("report.nothing", lang)))
    for group in dict.fromkeys(v.group for v in view.maybe):
        items = [v for v in view.maybe if v.group == group]
        parts.append(_text(t("unit.via_unresolved_n", lang, group=group, n=len(items)), style="bold"))
        parts.append(_via_table(items, lang, width))
    return Group(*parts)


def _via_table(items: list[ViaGroup], lang: Lang, width: int) -> Text:
    headers = [t("col.id", lang), t("col.title", lang), t("col.group", lang), t("col.role", lang), t("col.due", lang), t("col.reason", lang)]
    rows: list[list[CellLike]] = [
        [v.state.task.id, v.state.task.title, v.group, t("role." + v.role, lang), _due(v.state, lang), _reason_cell(v.state, lang)] for v in items
    ]
    return layout(headers, rows, width, flexible=[1, 2])


def units(rows: list[UnitView], as_of: dt.date, lang: Lang, width: int = 80) -> RenderableType:
    headers = [t("col.unit", lang), t("col.led", lang), t("col.supported", lang), t("col.via_group", lang), t("col.overdue", lang), t("col.missing", lang), t("col.reported_late", lang)]
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
    table = layout(headers, body, width, flexible=[0])
    legend = Text(t("units.legend", lang), style="dim")
    return Group(Text(t("units.title", lang), style="bold"), Text(t("report.as_of", lang, date=as_of.isoformat())), table, legend)


def group(found: GroupMembers, as_of: dt.date, lang: Lang, width: int = 80) -> RenderableType:
    """``unit NAME`` on a group's name: what the group is, then each member's list."""
    parts: list[RenderableType] = [_text(t("group.is_group", lang, name=found.name), style="bold"), Text(t("report.as_of", lang, date=as_of.isoformat()))]
    if found.aliases:
        parts.append(_text(t("unit.aliases", lang, names=join(found.aliases, lang))))
    if not found.members:
        parts.append(_text(t("group.unresolved", lang, name=found.name)))
        return Group(*parts)
    parts.append(_text(t("group.members", lang, n=len(found.members), names=join([unit_name(v.name, v.names, lang) for v in found.members], lang))))
    for view in found.members:
        parts += [Text(""), unit(view, as_of, lang, width, dated=False)]
    return Group(*parts)


def show(st: TaskState, ledger: Ledger, lang: Lang) -> RenderableType:
    task = st.task
    d = Directory(ledger)
    then = names_then(ledger, st.as_of) if st.as_of is not None else None
    head = _text(t("show.title", lang, id=task.id) + f"  {task.number}", style="bold")
    head.append(visible(f"  {task.title}"))
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    _row(grid, t("col.section", lang), task.section)
    _row(grid, t("col.text", lang), Paragraph(task.text))
    _row(grid, t("col.lead", lang), Paragraph(_names(task.lead, task.lead_open, lang, then) + (t("show.open_list", lang) if task.lead_open else "")))
    _row(grid, t("col.cooperate", lang), Paragraph((_names(task.cooperate, task.cooperate_open, lang, then) or "—") + (t("show.open_list", lang) if task.cooperate_open else "")))
    for g in [*task.lead, *task.cooperate]:
        if g in d.groups:
            members = d.members(g)
            _row(grid, t("col.group", lang), Paragraph(f"{g} = " + (join([unit_name(m, then, lang) for m in members], lang) if members else t("unit.via_unresolved", lang, group=g))))
    deadline = effective_due(task, ledger.plan)
    due = deadline.isoformat() if deadline is not None else _due(st, lang)
    if task.due_text:
        due += t("text.paren", lang, text=task.due_text)
    _row(grid, t("col.due", lang), due)
    _row(grid, t("col.status", lang), t("status." + task.status.value, lang) + closing_text(task.completed, deadline, lang))
    _row(grid, t("col.light", lang), Text.assemble(light_text(st.light, lang), "  ", reason_text(st, lang)))
    parts: list[RenderableType] = [head, grid]
    if task.repeat is not None:
        parts += [Text(t("show.obligations", lang), style="bold"), obligations_table(st, lang)]
    parts.append(Text(t("col.history", lang), style="bold"))
    if task.updates:
        hist = _table(t("col.date", lang), t("col.by", lang), t("col.status", lang), t("col.note", lang), t("col.evidence", lang))
        for u in task.updates:
            change = ""
            if u.status is not None:
                old = t("status." + u.old_status.value, lang) + "→" if u.old_status else ""
                change = old + t("status." + u.status.value, lang)
            _row(hist, u.date.isoformat(), unit_name(u.by, then, lang), change, Paragraph(u.note or ""), "\n".join(u.evidence))
        parts.append(hist)
    else:
        parts.append(Text(t("show.no_history", lang)))
    if task.reports:
        reps = _table(t("col.period", lang), t("col.date", lang), t("col.by", lang), t("col.note", lang))
        for r in task.reports:
            _row(reps, r.period, r.date.isoformat(), unit_name(r.by, then, lang), Paragraph(r.note or ""))
        parts += [Text(t("col.reports", lang), style="bold"), reps]
    if task.doubts:
        parts.append(Text(t("show.doubts", lang), style="bold yellow"))
        for doubt in task.doubts:
            parts.append(_text(f"- {doubt.message}"))
    return Group(*parts)


