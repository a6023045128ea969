"""``gongkai status --trend`` for the terminal: a sparkline each of done and overdue, then a bar
row per period, as styled lines (``plain.Doc``) that need no rich."""

from __future__ import annotations

from ..i18n import Lang, t
from ..models import Ledger
from ..trend import Trend
from .grid import Cell, CellLike, layout_lines
from .plain import Doc, cell_len
from .terminal import visible

SPARKS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[int]) -> str:
    """One block character per value, scaled to the largest (all ▁ when every value is 0)."""
    top = max(values, default=0)
    if top == 0:
        return SPARKS[0] * len(values)
    return "".join(SPARKS[round(v / top * (len(SPARKS) - 1))] for v in values)


def _bar(blocks: int, style: str, label: str) -> Cell:
    bar = "█" * blocks
    return Cell(bar + label, parts=((bar, style), (label, "")))


def trend(tr: Trend, ledger: Ledger, lang: Lang, width: int = 80) -> Doc:
    """Done and overdue per period: a sparkline each, then one bar row per period."""
    doc = Doc()
    doc.add(visible(t("trend.title", lang, plan=ledger.plan.title, per=t(f"trend.per.{tr.per.value}", lang))), "bold")
    doc.add(t("report.as_of", lang, date=tr.as_of.isoformat()))
    done = [p.done for p in tr.points]
    late = [p.overdue for p in tr.points]
    names = [t("trend.done", lang), t("trend.overdue", lang)]
    column = max(cell_len(name) for name in names)
    for name, values, style in zip(names, (done, late), ("green", "red"), strict=True):
        line = doc.add(name + " " * (column - cell_len(name) + 2))
        line += [(sparkline(values), style), (f"  {values[0]} → {values[-1]}", "")]
    doc.add()
    bar_width = max(4, min(20, (width - 30) // 2))
    top = max([*done, *late, 1])
    rows: list[list[CellLike]] = [
        [
            p.label,
            _bar(round(p.done / top * bar_width), "green", f" {p.done}/{p.total}"),
            _bar(round(p.overdue / top * bar_width), "red", f" {p.overdue}"),
        ]
        for p in tr.points
    ]
    doc.grid(layout_lines([t("col.period", lang), t("trend.done", lang), t("trend.overdue", lang)], rows, width, flexible=[]))
    return doc
