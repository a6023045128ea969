"""A draft 督查通报 (supervision bulletin), built once as blocks and written as Markdown or as a
Word document (python-docx). It opens with 截至X年X月X日 and the counts, then lists overdue
items by lead unit, units that missed progress reports and recurring duties missed, and
leaves the office's own assessment clearly marked 【…】 for a person to write."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..i18n import Lang, join, t
from ..models import Cycle, Ledger, Status, Task
from ..names import Directory, NamesThen, names_then
from ..periods import parse_period
from ..queries import Light, Reason, TaskState, overdue, states, status_summary, units_table
from ..render.labels import names, unit_name
from ..render.terminal import visible
from .rows import task_label


@dataclass(frozen=True)
class Block:
    kind: str  # title, subtitle, heading, subheading, para, item, placeholder, note, signature
    text: str


@dataclass(frozen=True)
class Bulletin:
    period: str
    as_of: dt.date
    lang: Lang
    blocks: list[Block]


def _bounds(period: str) -> tuple[Cycle, dt.date, dt.date]:
    span = parse_period(period)
    return span.cycle, span.start, span.end


def period_end(period: str) -> dt.date:
    return _bounds(period)[2]


def period_label(period: str, lang: Lang) -> str:
    cycle, start, _end = _bounds(period)
    y = start.year
    if cycle is Cycle.QUARTERLY:
        q = (start.month - 1) // 3 + 1
        return t("bulletin.period.quarter", lang, y=y, q=q, n=t("bulletin.numerals", lang)[q - 1])
    if cycle is Cycle.HALF_YEARLY:
        h = 1 if start.month <= 6 else 2
        return t("bulletin.period.half", lang, y=y, h=h, n=t("bulletin.halves", lang).split(",")[h - 1])
    if cycle is Cycle.MONTHLY:
        return t("bulletin.period.month", lang, y=y, m=start.month, mm=f"{start.month:02d}")
    return t("bulletin.period.year", lang, y=y)


def long_date(day: dt.date, lang: Lang) -> str:
    return t("bulletin.date", lang, y=day.year, m=day.month, d=day.day, iso=day.isoformat())


def _label(task: Task, lang: Lang) -> str:
    return task_label(task, lang)


def build(ledger: Ledger, period: str, as_of: dt.date, lang: Lang) -> Bulletin:
    """The bulletin's blocks, from one computation of every task's state."""
    _cycle, start, end = _bounds(period)
    all_states = states(ledger, as_of)
    then = names_then(ledger, as_of)  # a unit renamed since: its name then, with today's beside it
    label = period_label(period, lang)
    date_text = long_date(as_of, lang)
    blocks = [
        Block("title", t("bulletin.title", lang, title=ledger.plan.title)),
        Block("subtitle", t("bulletin.subtitle", lang, period=label)),
        *_overall(ledger, as_of, lang, all_states, label, (start, end)),
        *_overdue(ledger, as_of, lang, all_states, then),
        *_missing(ledger, as_of, lang, all_states, then),
        *_recurring(as_of, lang, all_states, then),
        Block("heading", t("bulletin.h.assessment", lang)),
        Block("placeholder", t("bulletin.placeholder.assessment", lang)),
        Block("heading", t("bulletin.h.next", lang)),
        Block("placeholder", t("bulletin.placeholder.next", lang)),
        Block("signature", ledger.plan.issuer or t("bulletin.placeholder.signature", lang)),
        Block("signature", date_text),
        Block("note", t("bulletin.draft_note", lang, date=date_text)),
    ]
    return Bulletin(period, as_of, lang, blocks)


def _overall(ledger: Ledger, as_of: dt.date, lang: Lang, all_states: list[TaskState], label: str, span: tuple[dt.date, dt.date]) -> list[Block]:
    plan = ledger.plan
    summary = status_summary(ledger, as_of, all_states)
    cancelled = summary.by_status[Status.CANCELLED]
    opening = t(
        "bulletin.opening",
        lang,
        date=long_date(as_of, lang),
        title=plan.title,
        doc=t("bulletin.doc", lang, doc=plan.doc_number) if plan.doc_number else "",
        total=summary.total,
        done=summary.by_status[Status.DONE],
        in_progress=summary.by_status[Status.IN_PROGRESS],
        not_started=summary.by_status[Status.NOT_STARTED],
        cancelled=t("bulletin.cancelled", lang, n=cancelled) if cancelled else "",
        red=summary.by_light[Light.RED],
        yellow=summary.by_light[Light.YELLOW],
    )
    blocks = [Block("para", opening), Block("heading", t("bulletin.h.overall", lang))]
    for sec in summary.sections:
        blocks.append(Block("item", t("bulletin.section_progress", lang, section=f"{sec.key} {sec.title}", done=sec.done, total=sec.total)))
    start, end = span
    closed = [task for task in ledger.tasks if task.status is Status.DONE and task.completed is not None and start <= task.completed <= min(end, as_of)]
    if closed:
        blocks.append(Block("para", t("bulletin.closed_in_period", lang, period=label, n=len(closed), items=join([_label(x, lang) for x in closed], lang))))
    else:
        blocks.append(Block("para", t("bulletin.closed_none", lang, period=label)))
    return blocks


def _overdue(ledger: Ledger, as_of: dt.date, lang: Lang, all_states: list[TaskState], then: NamesThen) -> list[Block]:
    d = Directory(ledger)
    blocks = [Block("heading", t("bulletin.h.overdue", lang))]
    by_unit: dict[str, list[str]] = {}
    for item in overdue(ledger, as_of, all_states=all_states).overdue:
        ob = item.obligation
        due = ob.due.isoformat() if ob.due else ""
        line = (
            t("bulletin.overdue_period", lang, task=_label(ob.task, lang), period=ob.period, due=due, days=item.days)
            if ob.period
            else t("bulletin.overdue_item", lang, task=_label(ob.task, lang), due=due, days=item.days)
        )
        for lead in ob.task.lead:
            by_unit.setdefault(d.canonical(lead) or lead, []).append(line)
    registry = list(d.units) + list(d.groups)
    for unit in sorted(by_unit, key=lambda u: registry.index(u) if u in registry else len(registry)):
        blocks.append(Block("subheading", t("bulletin.unit_overdue", lang, unit=unit_name(unit, then, lang), n=len(by_unit[unit]))))
        blocks += [Block("item", line) for line in by_unit[unit]]
    if not by_unit:
        blocks.append(Block("para", t("bulletin.overdue_none", lang, date=long_date(as_of, lang))))
    return blocks


def _missing(ledger: Ledger, as_of: dt.date, lang: Lang, all_states: list[TaskState], then: NamesThen) -> list[Block]:
    blocks = [Block("heading", t("bulletin.h.missing", lang))]
    cycle = ledger.plan.reporting.cycle
    if cycle is None:
        return [*blocks, Block("para", t("bulletin.no_cycle", lang))]
    missing = [v for v in units_table(ledger, as_of, all_states) if v.missing_count()]
    for view in missing:
        blocks.append(Block("subheading", t("bulletin.missing_unit", lang, unit=unit_name(view.name, then, lang), n=view.missing_count(), cycle=t("cycle." + cycle.value, lang))))
        for st in view.leads:
            if not st.report_missing:
                continue
            if st.last_report is None:
                blocks.append(Block("item", t("bulletin.missing_never", lang, task=_label(st.task, lang))))
            else:
                blocks.append(Block("item", t("bulletin.missing_item", lang, task=_label(st.task, lang), last=st.last_report.isoformat())))
    if not missing:
        blocks.append(Block("para", t("bulletin.missing_none", lang)))
    return blocks


def _recurring(as_of: dt.date, lang: Lang, all_states: list[TaskState], then: NamesThen) -> list[Block]:
    recurring = []
    for st in all_states:
        if st.task.repeat is None or st.reason is Reason.CANCELLED:
            continue
        late = [o.period for o in st.obligations if o.period and not o.fulfilled and o.due is not None and o.due < as_of]
        if late:
            recurring.append(t("bulletin.recurring_item", lang, task=_label(st.task, lang), lead=names(st.task.lead, False, lang, then), periods=join([p for p in late if p], lang)))
    return [Block("heading", t("bulletin.h.recurring", lang)), *([Block("item", line) for line in recurring] or [Block("para", t("bulletin.recurring_none", lang))])]


# --- Markdown --------------------------------------------------------------------------


def _md(text: str) -> str:
    from .md import cell

    return cell(text)


def to_markdown(doc: Bulletin) -> str:
    out: list[str] = []
    for b in doc.blocks:
        text = _md(b.text)
        if b.kind == "title":
            out += [f"# {text}", ""]
        elif b.kind == "subtitle":
            out += [f"<p align=\"center\">{text}</p>", ""]
        elif b.kind == "heading":
            out += [f"## {text}", ""]
        elif b.kind == "subheading":
            out += [f"**{text}**", ""]
        elif b.kind == "item":
            out.append(f"- {text}")
        elif b.kind == "placeholder":
            out += [f"> **{text}**", ""]
        elif b.kind == "signature":
            out += [f"<p align=\"right\">{text}</p>", ""]
        elif b.kind == "note":
            out += ["---", "", f"*{text}*", ""]
        else:
            out += [text, ""]
    # A list ends at the next block; keep a blank line after every run of items.
    lines: list[str] = []
    for i, line in enumerate(out):
        lines.append(line)
        if line.startswith("- ") and (i + 1 >= len(out) or not out[i + 1].startswith("- ")):
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


# --- Word ------------------------------------------------------------------------------

BODY_FONT = "仿宋"
TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"


def _styles(document: Any) -> Any:
    """Fonts live in the styles, set once: CJK text needs the eastAsia font named explicitly."""
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    styles = document.styles
    for name, font, size, bold in (
        ("Normal", BODY_FONT, 16, False),
        ("Title", TITLE_FONT, 22, False),
        ("Heading 1", HEADING_FONT, 16, False),
        ("Heading 2", BODY_FONT, 16, True),
        ("List Bullet", BODY_FONT, 16, False),
    ):
        style = styles[name]
        style.font.name = font
        style.font.size = Pt(size)
        style.font.bold = bold
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    return styles


def docx_bytes(doc: Bulletin) -> bytes:
    """The bulletin as a Word document; text a document cannot hold is shown as escapes."""
    import io

    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
    from docx.oxml import OxmlElement
    from docx.shared import Mm, Pt
    from docx.text.paragraph import Paragraph

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    document.core_properties.title = visible(doc.blocks[0].text)
    document.core_properties.author = "gongkai"

    styles = _styles(document)
    style_id = {name: styles[name].style_id for name in ("Title", "Heading 1", "Heading 2", "List Bullet")}

    # python-docx's add_paragraph() scans the whole body for the section properties on every
    # call; inserting before them directly keeps a long bulletin linear.
    sect_pr = document.element.body.sectPr
    container = document._body

    def paragraph(style: str | None = None) -> Paragraph:
        p = OxmlElement("w:p")
        sect_pr.addprevious(p)
        if style is not None:
            p.get_or_add_pPr().style = style_id[style]
        return Paragraph(p, container)

    for b in (Block(b.kind, visible(b.text)) for b in doc.blocks):
        if b.kind == "title":
            para = paragraph("Title")
            para.add_run(b.text)
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif b.kind == "subtitle":
            para = paragraph()
            para.add_run(b.text)
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif b.kind == "heading":
            paragraph("Heading 1").add_run(b.text)
        elif b.kind == "subheading":
            paragraph("Heading 2").add_run(b.text)
        elif b.kind == "item":
            paragraph("List Bullet").add_run(b.text)
        elif b.kind == "placeholder":
            run = paragraph().add_run(b.text)
            run.bold = True
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
        elif b.kind == "signature":
            para = paragraph()
            para.add_run(b.text)
            para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif b.kind == "note":
            run = paragraph().add_run(b.text)
            run.italic = True
            run.font.size = Pt(10.5)
        else:
            para = paragraph()
            para.add_run(b.text)
            para.paragraph_format.first_line_indent = Pt(32)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
