"""``gongkai show``: one task in full, drawn with rich (a grid of fields, history tables)."""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..i18n import Lang, join, t
from ..models import Ledger, effective_due
from ..names import Directory, names_then
from ..queries import Light, TaskState
from .grid import Paragraph
from .history import closing_text, obligations_table
from .labels import names as _names
from .labels import unit_name
from .terminal import visible
from .text import LIGHT_MARK, LIGHT_STYLE, due_text


def light_text(light: Light, lang: Lang) -> Text:
    return Text(f"{LIGHT_MARK[light]} {t('light.' + light.value, lang)}", style=LIGHT_STYLE[light])


def reason_text(st: TaskState, lang: Lang) -> Text:
    return Text(t("reason." + st.reason.value, lang), style=LIGHT_STYLE[st.light])


def _text(value: str, style: str = "") -> Text:
    """Ledger text (or a message carrying it) as the terminal shows it: never as control codes."""
    return Text(visible(value), style=style)


def _row(table: Table, *cells: str | Text | Paragraph) -> None:
    """A table row whose strings are shown as they are: no markup, no control codes."""
    table.add_row(*(_text(c) if isinstance(c, str) else c for c in cells))


def _table(*headers: str) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
    for h in headers:
        table.add_column(h, overflow="fold")
    return table


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
    _row(
        grid,
        t("col.lead", lang),
        Paragraph(_names(task.lead, task.lead_open, lang, then) + (t("show.open_list", lang) if task.lead_open else "")),
    )
    _row(
        grid,
        t("col.cooperate", lang),
        Paragraph(
            (_names(task.cooperate, task.cooperate_open, lang, then) or "—") + (t("show.open_list", lang) if task.cooperate_open else "")
        ),
    )
    if task.supervise:
        _row(grid, t("col.supervise", lang), Paragraph(_names(task.supervise, False, lang, then)))
    for g in [*task.lead, *task.cooperate, *task.supervise]:
        if g in d.groups:
            members = d.members(g)
            _row(
                grid,
                t("col.group", lang),
                Paragraph(
                    f"{g} = "
                    + (join([unit_name(m, then, lang) for m in members], lang) if members else t("unit.via_unresolved", lang, group=g))
                ),
            )
    deadline = effective_due(task, ledger.plan)
    due = deadline.isoformat() if deadline is not None else due_text(st, lang)
    if task.due_text:
        due += t("text.paren", lang, text=task.due_text)
    _row(grid, t("col.due", lang), due)
    for contact in task.contacts:
        _row(grid, contact.role, " ".join(x for x in (contact.name, contact.phone) if x) or "—")
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
