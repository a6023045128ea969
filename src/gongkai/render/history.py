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
from ..trend import Trend
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


SPARKS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[int]) -> str:
    """One block character per value, scaled to the largest (all ▁ when every value is 0)."""
    top = max(values, default=0)
    if top == 0:
        return SPARKS[0] * len(values)
    return "".join(SPARKS[round(v / top * (len(SPARKS) - 1))] for v in values)


def trend(tr: Trend, ledger: Ledger, lang: Lang, width: int = 80) -> RenderableType:
    """Done and overdue per period: a sparkline each, then one bar row per period."""
    head = Text(t("trend.title", lang, plan=ledger.plan.title, per=t(f"trend.per.{tr.per.value}", lang)), style="bold")
    parts: list[RenderableType] = [head, Text(t("report.as_of", lang, date=tr.as_of.isoformat()))]
    done = [p.done for p in tr.points]
    late = [p.overdue for p in tr.points]
    spark = Table.grid(padding=(0, 2))
    spark.add_row(t("trend.done", lang), Text(sparkline(done), style="green"), f"{done[0]} → {done[-1]}")
    spark.add_row(t("trend.overdue", lang), Text(sparkline(late), style="red"), f"{late[0]} → {late[-1]}")
    parts += [spark, Text("")]
    bar_width = max(4, min(20, (width - 30) // 2))
    top = max([*done, *late, 1])
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
    for name in (t("col.period", lang), t("trend.done", lang), t("trend.overdue", lang)):
        table.add_column(name, no_wrap=True)
    for p in tr.points:
        table.add_row(
            p.label,
            Text("█" * round(p.done / top * bar_width), style="green").append(f" {p.done}/{p.total}", style=""),
            Text("█" * round(p.overdue / top * bar_width), style="red").append(f" {p.overdue}", style=""),
        )
    parts.append(table)
    return Group(*parts)
