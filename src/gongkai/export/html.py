"""The leaders' dashboard: one self-contained HTML page (inline CSS and SVG, no script, no
external asset) that works from a USB stick and prints on A4.

Every piece of ledger text goes through :func:`esc`; a Content-Security-Policy that allows
no script and no network is a second line of defence should one ever slip through.
"""

from __future__ import annotations

import datetime as dt
import html

from ..i18n import Lang, join, t
from ..models import Ledger, Status
from ..queries import Light, Progress, Reason, TaskState, status_summary
from ..render.labels import display_width as _width
from ..render.terminal import visible
from .rows import Row, Sheet, ledger_sheet

COLOURS = {"red": "#c62828", "yellow": "#e0a100", "green": "#2e7d32", "none": "#9e9e9e", "track": "#e6e6e6", "fill": "#2e7d32"}
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
LABEL_WIDTH = 300
BAR_WIDTH = 320
CHART_WIDTH = LABEL_WIDTH + BAR_WIDTH + 110
ROW_H = 26

CSS = """
:root { --red: #c62828; --yellow: #e0a100; --green: #2e7d32; --grey: #9e9e9e; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif;
       margin: 0 auto; max-width: 1000px; padding: 16px 24px; color: #222; line-height: 1.5; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 22px 0 8px; border-left: 4px solid #1f4e79; padding-left: 8px; }
.meta { color: #555; margin: 0; }
.meta span + span { margin-left: 1.5em; }
.big { font-size: 34px; font-weight: bold; margin-right: 12px; }
ul.chips { list-style: none; padding: 0; margin: 6px 0; display: flex; flex-wrap: wrap; gap: 8px; }
ul.chips li { border: 1px solid #ccc; border-radius: 12px; padding: 1px 10px; }
li.light::before { content: "●"; margin-right: 4px; }
li.light.red::before { color: var(--red); } li.light.yellow::before { color: var(--yellow); } li.light.green::before { color: var(--green); }
svg { display: block; width: 100%; height: auto; }
svg text { font-size: 13px; fill: #222; }
svg .value { font-size: 12px; fill: #444; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { border: 1px solid #bbb; padding: 4px 6px; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #d9e1f2; }
tr.red td.state { color: var(--red); font-weight: bold; }
tr.yellow td.state { color: #8a6100; }
p.none { color: #555; }
footer { margin-top: 24px; color: #777; font-size: 12px; }
@page { size: A4; margin: 12mm; }
@media print {
  body { max-width: none; padding: 0; }
  section { break-inside: avoid; }
  tr { break-inside: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def esc(value: object) -> str:
    return html.escape(visible(str(value)), quote=True)


def clip(text: str, limit: int) -> str:
    """Shorten to ``limit`` display columns (a CJK character counts two); SVG text does not wrap."""
    if _width(text) <= limit:
        return text
    out, used = "", 0
    for ch in text:
        used += _width(ch)
        if used > limit - 1:
            break
        out += ch
    return out + "…"


def bar_chart(chart_id: str, items: list[Progress], labels: list[str], lang: Lang) -> str:
    height = ROW_H * max(1, len(items)) + 8
    parts = [f'<svg id="{esc(chart_id)}" class="chart" viewBox="0 0 {CHART_WIDTH} {height}" role="img" xmlns="http://www.w3.org/2000/svg">']
    for i, (p, label) in enumerate(zip(items, labels, strict=True)):
        y = 4 + i * ROW_H
        filled = round(BAR_WIDTH * p.ratio) if p.total else 0
        title = t("html.chart_label", lang, label=label, done=p.done, total=p.total)
        parts.append(
            f'<g class="bar" data-key="{esc(p.key)}" data-label="{esc(label)}" data-done="{p.done}" data-total="{p.total}">'
            f"<title>{esc(title)}</title>"
            f'<text class="label" x="0" y="{y + 17}">{esc(clip(label, 44))}</text>'
            f'<rect class="track" x="{LABEL_WIDTH}" y="{y + 4}" width="{BAR_WIDTH}" height="16" fill="{COLOURS["track"]}"/>'
            f'<rect class="fill" x="{LABEL_WIDTH}" y="{y + 4}" width="{filled}" height="16" fill="{COLOURS["fill"]}"/>'
            f'<text class="value" x="{LABEL_WIDTH + BAR_WIDTH + 8}" y="{y + 17}">{p.done}/{p.total} {p.ratio:.0%}</text>'
            "</g>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _marker_class(due: dt.date, fulfilled: bool, as_of: dt.date, soon_days: int) -> str:
    if fulfilled:
        return "fulfilled"
    if due < as_of:
        return "late"
    if (due - as_of).days <= soon_days:
        return "soon"
    return "open"


MARKER_COLOUR = {"fulfilled": COLOURS["green"], "late": COLOURS["red"], "soon": COLOURS["yellow"], "open": "#1f4e79"}


def timeline(sheet: Sheet) -> str:
    ledger, as_of, lang = sheet.ledger, sheet.as_of, sheet.lang
    rows = [r for r in sheet.rows if r.state.reason is not Reason.CANCELLED and any(o.due for o in r.state.obligations)]
    start, end = ledger.plan.period.start, ledger.plan.period.end
    span = max(1, (end - start).days)
    left, plot = LABEL_WIDTH, BAR_WIDTH + 80
    height = 48 + ROW_H * max(1, len(rows)) + 10

    def x(day: dt.date) -> float:
        clamped = min(max(day, start), end)
        return round(left + plot * (clamped - start).days / span, 1)

    parts = [f'<svg id="chart-timeline" class="chart" viewBox="0 0 {CHART_WIDTH} {height}" role="img" xmlns="http://www.w3.org/2000/svg">']
    month = dt.date(start.year, start.month, 1)
    while month <= end:
        if month >= start:
            parts.append(f'<line x1="{x(month)}" y1="32" x2="{x(month)}" y2="{height - 6}" stroke="#ddd"/>')
            if month.month == 1 or not any('class="value year"' in part for part in parts):
                parts.append(f'<text class="value year" x="{x(month) + 2}" y="12">{esc(t("html.year", lang, y=month.year))}</text>')
            tick = t("html.month", lang, m=month.month, name=t("html.months", lang).split(",")[month.month - 1])
            parts.append(f'<text class="value tick" x="{x(month) + 2}" y="28">{esc(tick)}</text>')
        month = dt.date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    soon = ledger.plan.reporting.due_soon_days
    for i, r in enumerate(rows):
        y = 44 + i * ROW_H
        label = f"{r.state.task.id} {r.state.task.title}"
        parts.append(f'<g class="task" data-id="{esc(r.state.task.id)}">')
        parts.append(f'<text class="label" x="0" y="{y + 13}">{esc(clip(label, 44))}</text>')
        parts.append(f'<line x1="{left}" y1="{y + 9}" x2="{left + plot}" y2="{y + 9}" stroke="#eee"/>')
        for ob in r.state.obligations:
            if ob.due is None:
                continue
            cls = _marker_class(ob.due, ob.fulfilled, as_of, soon)
            what = f"{r.task}" + (f" {ob.period}" if ob.period else "") + f" — {ob.due.isoformat()}"
            parts.append(
                f'<circle class="deadline {cls}" data-due="{ob.due.isoformat()}" data-period="{esc(ob.period or "")}" '
                f'cx="{x(ob.due)}" cy="{y + 9}" r="6" fill="{MARKER_COLOUR[cls]}"><title>{esc(what)}</title></circle>'
            )
        parts.append("</g>")
    if start <= as_of <= end:
        parts.append(f'<line class="as-of" x1="{x(as_of)}" y1="32" x2="{x(as_of)}" y2="{height - 4}" stroke="{COLOURS["red"]}" stroke-dasharray="4 3"/>')
        right = x(as_of) > left + plot / 2
        anchor = f'x="{x(as_of) - 3}" text-anchor="end"' if right else f'x="{x(as_of) + 3}"'
        parts.append(f'<text class="value as-of" {anchor} y="{height - 6}">{esc(t("html.timeline.as_of", lang))} {as_of.isoformat()}</text>')
    parts.append("</svg>")
    legend = "".join(
        f'<li><svg width="12" height="12" style="display:inline;width:12px" aria-hidden="true"><circle cx="6" cy="6" r="5" fill="{MARKER_COLOUR[k]}"/></svg> {esc(t("html.legend." + k, lang))}</li>'
        for k in ("fulfilled", "late", "soon", "open")
    )
    out = "".join(parts) + f'<ul class="chips legend">{legend}</ul>'
    ongoing = [r.state.task.id for r in sheet.rows if r.state.task.ongoing and r.state.reason is not Reason.CANCELLED]
    if ongoing:
        out += f'<p class="none">{esc(t("html.ongoing_note", lang, names=join(ongoing, lang)))}</p>'
    return out


def _days_late(st: TaskState, as_of: dt.date) -> int:
    return max((o.days_late(as_of) for o in st.obligations if not o.fulfilled and o.due is not None and o.due < as_of), default=0)


def _list(rows: list[Row], light: Light, sheet: Sheet) -> str:
    lang = sheet.lang
    key = "html.red_list" if light is Light.RED else "html.yellow_list"
    out = f'<section id="{light.value}-list"><h2>{esc(t(key, lang, n=len(rows)))}</h2>'
    if not rows:
        return out + f'<p class="none">{esc(t("html.none", lang))}</p></section>'
    last_head = t("col.days_late", lang) if light is Light.RED else t("html.col.last_report", lang)
    heads = [t("col.id", lang), t("export.col.task", lang), t("export.col.lead", lang), t("export.col.due", lang), t("export.col.status", lang), last_head]
    out += "<table><thead><tr>" + "".join(f"<th>{esc(h)}</th>" for h in heads) + "</tr></thead><tbody>"
    for r in rows:
        st = r.state
        last = str(_days_late(st, sheet.as_of)) if light is Light.RED else (st.last_report.isoformat() if st.last_report else t("html.never", lang))
        cells = [st.task.id, r.task, r.lead, r.due, r.status, last]
        classes = ["id", "task", "lead", "due", "state", "last"]
        out += f'<tr class="{light.value}" data-id="{esc(st.task.id)}">' + "".join(f'<td class="{c}">{esc(v)}</td>' for c, v in zip(classes, cells, strict=True)) + "</tr>"
    return out + "</tbody></table></section>"


def render(ledger: Ledger, as_of: dt.date, lang: Lang, sheet: Sheet | None = None) -> str:
    sheet = sheet or ledger_sheet(ledger, as_of, lang)
    summary = status_summary(ledger, as_of, sheet.states)
    plan = ledger.plan
    title = t("html.title", lang, title=plan.title)
    overall = summary.overall
    meta = []
    if plan.doc_number:
        meta.append(f'<span id="doc-number">{esc(t("html.doc_number", lang, doc=plan.doc_number))}</span>')
    meta.append(f'<span id="as-of" data-date="{as_of.isoformat()}">{esc(t("report.as_of", lang, date=as_of.isoformat()))}</span>')
    statuses = "".join(
        f'<li class="status" data-status="{s.value}" data-count="{n}">{esc(t("status." + s.value, lang))} {n}</li>' for s, n in summary.by_status.items() if s is not Status.CANCELLED or n
    )
    lights = "".join(
        f'<li class="light {lt.value}" data-light="{lt.value}" data-count="{summary.by_light[lt]}">{esc(t("light." + lt.value, lang))} {summary.by_light[lt]}</li>'
        for lt in (Light.RED, Light.YELLOW, Light.GREEN)
    )
    sections = list(summary.sections)
    section_labels = [f"{s.key} {s.title}" for s in sections]
    leads = [u for u in sheet.units if u.lead_progress.total > 0]
    body = [
        f'<header><h1 id="plan-title">{esc(plan.title)}</h1><p class="meta">{"".join(meta)}</p></header>',
        f'<section id="overall"><h2>{esc(t("html.overall", lang))}</h2>'
        f'<p><span class="big" id="overall-ratio">{overall.ratio:.0%}</span><span id="overall-count">{esc(t("html.done_of", lang, done=overall.done, total=overall.total))}</span></p>'
        + bar_chart("chart-overall", [overall], [t("report.overall", lang)], lang)
        + f'<ul class="chips" id="by-status" aria-label="{esc(t("html.by_status", lang))}">{statuses}</ul>'
        f'<ul class="chips" id="by-light" aria-label="{esc(t("html.by_light", lang))}">{lights}</ul></section>',
        f'<section id="sections"><h2>{esc(t("html.by_section", lang))}</h2>{bar_chart("chart-sections", sections, section_labels, lang)}</section>',
        f'<section id="leads"><h2>{esc(t("html.by_lead", lang))}</h2>{bar_chart("chart-leads", [u.lead_progress for u in leads], [u.name for u in leads], lang)}</section>',
        _list([r for r in sheet.rows if r.light is Light.RED], Light.RED, sheet),
        _list([r for r in sheet.rows if r.light is Light.YELLOW], Light.YELLOW, sheet),
        f'<section id="timeline"><h2>{esc(t("html.timeline", lang))}</h2>{timeline(sheet)}</section>',
        f'<footer>{esc(t("html.footer", lang))} · {esc(t("report.as_of", lang, date=as_of.isoformat()))}</footer>',
    ]
    html_lang = "zh-CN" if lang == "zh" else "en"
    return (
        f'<!DOCTYPE html>\n<html lang="{html_lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )


def dashboard(ledger: Ledger, as_of: dt.date, lang: Lang) -> bytes:
    return render(ledger, as_of, lang).encode("utf-8")
