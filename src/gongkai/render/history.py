"""Terminal pieces for the ledger through time: closing early or late, each period's report."""

from __future__ import annotations

import datetime as dt

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..i18n import Lang, join, t
from ..models import Ledger
from ..queries import Obligation, TaskState
from .labels import days_after_due_text


def closing_text(completed: dt.date | None, deadline: dt.date | None, lang: Lang) -> str:
    """'  办结日期 2018-12-20（提前 11 天）' after the status of a closed task; '' while open."""
    if completed is None:
        return ""
    out = f"  {t('col.completed', lang)} {completed.isoformat()}"
    if deadline is not None:
        label = days_after_due_text((completed - deadline).days, lang)
        out += f"（{label}）" if lang == "zh" else f" ({label})"
    return out


def obligation_state(ob: Obligation, as_of: dt.date | None, lang: Lang) -> str:
    days = ob.days_after_due
    if days is not None:
        return t("time.reported_late", lang, n=days) if days > 0 else t("time.reported_on_time", lang)
    if ob.fulfilled:
        return "—"  # closed without a report (a cancelled duty)
    if ob.due is not None and as_of is not None and ob.due < as_of:
        return t("time.overdue", lang, n=ob.days_late(as_of))
    return t("time.not_yet_due", lang)


def obligations_table(st: TaskState, lang: Lang) -> Table:
    """One row per period: its due date, the report's date, on time or 迟报 with the days."""
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
    for head in (t("col.period", lang), t("col.due", lang), t("time.col.reported_on", lang), t("col.reason", lang)):
        table.add_column(head, overflow="fold")
    for ob in st.obligations:
        table.add_row(
            ob.period or "—",
            ob.due.isoformat() if ob.due else "—",
            ob.fulfilled_on.isoformat() if ob.fulfilled_on else "—",
            obligation_state(ob, st.as_of, lang),
        )
    return table


def show_clauses(clauses: list[TaskState], ledger: Ledger, lang: Lang) -> RenderableType:
    """``show`` for a plan number: the item's heading, then each of its clauses in full."""
    from .show import show

    first = clauses[0].task
    head = Text(
        t("time.show_number", lang, number=first.number, n=len(clauses), ids=join([st.task.id for st in clauses], lang)), style="bold"
    )
    parts: list[RenderableType] = [head]
    for st in clauses:
        parts += [Text(""), show(st, ledger, lang)]
    return Group(*parts)
