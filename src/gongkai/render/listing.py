"""``gongkai list``: chosen columns for a filtered, sorted task list, flat or grouped; and its JSON.

Nothing here prints: text comes back as styled lines (``plain.Doc``), JSON as plain data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from ..errors import UsageError
from ..i18n import Lang, t
from ..models import Ledger, Status
from ..names import NamesThen, names_then
from ..queries import DueItem, Light, OverdueReport, TaskState
from .grid import Cell, CellLike, layout_columns, layout_lines
from .labels import names as _names
from .labels import unit_name
from .plain import Doc, Line, Span
from .terminal import visible
from .text import LIGHT_MARK, LIGHT_STYLE, due_text, light_span

TYPE_CHECKING = False  # not from typing: importing it is a noticeable part of a report
if TYPE_CHECKING:
    from typing import Any


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value is not None else "—"


def _light(st: TaskState, lang: Lang) -> Cell:
    """The light's cell: one for each light and language, shared down every column that shows it."""
    key = (st.light, lang)  # Light is a str enum: it hashes as its value does, by str's own hash
    cell = _LIGHT_CELLS.get(key)
    if cell is None:
        cell = _LIGHT_CELLS[key] = Cell(f"{LIGHT_MARK[st.light]} {t('light.' + st.light.value, lang)}", LIGHT_STYLE[st.light])
    return cell


_LIGHT_CELLS: dict[tuple[Light, str], Cell] = {}


CellOf = Callable[[TaskState, Lang, NamesThen | None], CellLike]

# name -> (header key, cell, wraps)
COLUMNS: dict[str, tuple[str, CellOf, bool]] = {
    "id": ("col.id", lambda st, _, _n: st.task.id, False),
    "number": ("col.number", lambda st, _, _n: st.task.number, False),
    "title": ("col.title", lambda st, _, _n: st.task.title, True),
    "section": ("col.section", lambda st, _, _n: st.task.section, False),
    "lead": ("col.lead", lambda st, lang, then: _names(st.task.lead, st.task.lead_open, lang, then), True),
    "coop": ("col.cooperate", lambda st, lang, then: _names(st.task.cooperate, st.task.cooperate_open, lang, then) or "—", True),
    "supervise": ("col.supervise", lambda st, lang, then: _names(st.task.supervise, False, lang, then) or "—", True),
    "due": ("col.due", lambda st, lang, _n: due_text(st, lang), False),
    "light": ("col.light", lambda st, lang, _n: _light(st, lang), False),
    "status": ("col.status", lambda st, lang, _n: t("status." + st.task.status.value, lang), False),
    "reason": ("col.reason", lambda st, lang, _n: Cell(t("reason." + st.reason.value, lang), LIGHT_STYLE[st.light]), False),
    "last_report": ("col.last_report", lambda st, _, _n: _date(st.last_report), False),
    "completed": ("col.completed", lambda st, _, _n: _date(st.task.completed), False),
}
DEFAULT_COLUMNS = ("id", "title", "lead", "due", "light")


def parse_columns(spec: str | None) -> list[str]:
    """``id,title,lead`` -> the column names, checked; the default set when empty."""
    from ..names import suggest

    names = [c.strip() for c in (spec or "").split(",") if c.strip()]
    if not names:
        return list(DEFAULT_COLUMNS)
    for name in names:
        if name not in COLUMNS:
            raise UsageError("filter.err.column", name=name, allowed=", ".join(COLUMNS), hint=suggest(name, list(COLUMNS)))
    return list(dict.fromkeys(names))


def task_table(items: Sequence[TaskState], columns: Sequence[str], lang: Lang, width: int, then: NamesThen | None = None) -> list[Line]:
    """``then``: the names of units renamed since the list's day, which it gives as they were."""
    headers = [t(COLUMNS[c][0], lang) for c in columns]
    flexible = [i for i, c in enumerate(columns) if COLUMNS[c][2]]
    return layout_columns(headers, [column_cells(c, items, lang, then) for c in columns], width, flexible=flexible)


def column_cells(name: str, items: Sequence[TaskState], lang: Lang, then: NamesThen | None) -> list[CellLike]:
    """The column's cell for every task, as ``COLUMNS`` makes each."""
    cell_of = COLUMNS[name][1]
    return [cell_of(st, lang, then) for st in items]


def group_label(by: str, key: str, ledger: Ledger, lang: Lang, then: NamesThen | None = None) -> Span:
    if by == "light":
        return light_span(Light(key), lang)
    if by == "status":
        return t("status." + Status(key).value, lang), ""
    if by == "section":
        title = next((s.title for s in ledger.sections if s.number == key), "")
        return visible(f"{key} {title}".strip()), ""
    return visible(unit_name(key, then, lang)), ""


def task_list(
    shown: Sequence[TaskState],
    total: int,
    as_of: dt.date,
    columns: Sequence[str],
    lang: Lang,
    width: int,
    *,
    ledger: Ledger,
    groups: Sequence[tuple[str, Sequence[TaskState]]] | None = None,
    group_by: str | None = None,
) -> Doc:
    doc = Doc()
    doc.add(t("report.as_of", lang, date=as_of.isoformat()) + "  " + t("list.count", lang, n=total))
    if not shown:
        doc.add(t("list.none", lang))
        return doc
    then = names_then(ledger, as_of)
    if groups is None or group_by is None:
        doc.grid(task_table(shown, columns, lang, width, then))
    else:
        for key, items in groups:
            doc.add()
            doc.add(*group_label(group_by, key, ledger, lang, then)).append((t("list.group", lang, label="", n=len(items)), "bold"))
            doc.grid(task_table(items, columns, lang, width, then))
    if len(shown) < total:
        doc.add(t("list.shown", lang, shown=len(shown), more=total - len(shown)), "dim")
    return doc


def task_list_data(
    shown: Sequence[TaskState],
    total: int,
    as_of: dt.date,
    words: Sequence[str],
    *,
    groups: Sequence[tuple[str, Sequence[TaskState]]] | None = None,
    group_by: str | None = None,
    names: NamesThen | None = None,
) -> dict[str, Any]:
    """``names``: the names of units renamed since ``as_of``, for each task's ``lead_then``."""
    from .data import SCHEMA_VERSION, task_brief

    out: dict[str, Any] = {
        "schema": SCHEMA_VERSION,
        "as_of": as_of.isoformat(),
        "filter": list(words),
        "total": total,
        "tasks": [task_brief(st, names) for st in shown],
    }
    if groups is not None and group_by is not None:
        out["group_by"] = group_by
        out["groups"] = [{"key": key, "ids": [st.task.id for st in items]} for key, items in groups]
    return out


def overdue_by_unit(report: OverdueReport, ledger: Ledger, lang: Lang, width: int) -> Doc:
    """``overdue --group-by unit``: what each lead unit owes, the list the office phones around with."""
    doc = Doc()
    doc.add(t("report.as_of", lang, date=report.as_of.isoformat()))
    if not report.overdue:
        doc.add(t("overdue.none", lang, date=report.as_of.isoformat()))
    else:
        doc.add(t("overdue.title", lang, n=len(report.overdue)), "bold red")
        doc.extend(_by_unit(report.overdue, t("col.days_late", lang), ledger, lang, width, report.names))
    if report.within is not None:
        doc.add(t("overdue.due_soon", lang, days=report.within, n=len(report.due_soon)), "bold yellow")
        by_unit = _by_unit(report.due_soon, t("col.days_left", lang), ledger, lang, width, report.names)
        if by_unit.lines:
            doc.extend(by_unit)
        else:
            doc.add(t("report.nothing", lang))
    return doc


def _by_unit(items: Sequence[DueItem], days_header: str, ledger: Ledger, lang: Lang, width: int, then: NamesThen) -> Doc:
    from ..names import Directory

    d = Directory(ledger)
    by_unit: dict[str, list[list[CellLike]]] = {}
    for item in items:
        ob = item.obligation
        row: list[CellLike] = [ob.task.id, ob.task.title, ob.period or "—", _date(ob.due), str(item.days)]
        for name in dict.fromkeys(d.canonical(n) or n for n in ob.task.lead):
            by_unit.setdefault(name, []).append(row)
    order = {name: i for i, name in enumerate([*d.units, *d.groups])}
    headers = [t("col.id", lang), t("col.title", lang), t("col.period", lang), t("col.due", lang), days_header]
    doc = Doc()
    for name in sorted(by_unit, key=lambda k: (order.get(k, len(order)), k)):
        rows = by_unit[name]
        doc.add(visible(t("overdue.unit_group", lang, unit=unit_name(name, then, lang), n=len(rows))), "bold")
        doc.grid(layout_lines(headers, rows, width, flexible=[1]))
    return doc
