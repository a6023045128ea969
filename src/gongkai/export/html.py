"""The leaders' dashboard: one self-contained HTML page (inline CSS and SVG, no script, no
external asset) that works from a USB stick and prints on A4.

Every piece of ledger text goes through :func:`esc`; a Content-Security-Policy that allows
no script and no network is a second line of defence should one ever slip through.
"""

from __future__ import annotations

import datetime as dt
import html
import math
import re

from ..i18n import Lang, join, t
from ..models import Ledger, Status
from ..queries import Light, Progress, Reason, TaskState, status_summary
from ..render.labels import display_width as _width
from ..render.terminal import visible
from ..trend import Per, Trend, TrendPoint, recent_trend
from .rows import Row, Sheet, UnitCount, ledger_sheet

# Every light and mark meets WCAG AA against the white page: 4.5:1 for text (the yellow is a
# dark amber for that reason), and at least 3:1 for the marks and bars.
COLOURS = {"red": "#c62828", "yellow": "#8a5a00", "green": "#2e7d32", "none": "#757575", "track": "#e6e6e6", "fill": "#2e7d32"}
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
LABEL_WIDTH = 300
BAR_WIDTH = 320
CHART_WIDTH = LABEL_WIDTH + BAR_WIDTH + 110
ROW_H = 26

CSS = """
:root { --red: #c62828; --yellow: #8a5a00; --green: #2e7d32; --grey: #757575; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif;
       margin: 0 auto; max-width: 1000px; padding: 16px 24px; color: #222; line-height: 1.5; font-size: 15px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 22px 0 8px; border-left: 4px solid #1f4e79; padding-left: 8px; }
.meta { color: #555; margin: 0; }
.meta span + span { margin-left: 1.5em; }
#summary { background: #f3f6fa; border-left: 4px solid #1f4e79; padding: 8px 12px; margin: 12px 0 0; }
.big { font-size: 34px; font-weight: bold; margin-right: 12px; }
.nw { white-space: nowrap; }
ul.chips { list-style: none; padding: 0; margin: 6px 0; display: flex; flex-wrap: wrap; gap: 8px; }
ul.chips li { border: 1px solid #ccc; border-radius: 12px; padding: 1px 10px; }
li.light::before { content: "●"; margin-right: 4px; }
li.light.red::before { color: var(--red); } li.light.yellow::before { color: var(--yellow); } li.light.green::before { color: var(--green); }
.bars { margin: 4px 0; }
.bar { display: flex; align-items: center; gap: 8px; margin: 3px 0; }
.bar .label { flex: 0 0 300px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.bar .track { flex: 1 1 auto; height: 16px; background: #e6e6e6; position: relative; min-width: 80px; }
.bar .fill { display: block; height: 100%; background: var(--green); }
.bar .value { flex: 0 0 auto; white-space: nowrap; color: #444; font-size: 13px; min-width: 6.5em; }
.scroll { overflow-x: auto; }
svg { display: block; width: 100%; height: auto; }
svg text { font-size: 13px; fill: #222; }
svg .value { font-size: 12px; fill: #444; }
svg.trend { margin: 4px 0; }
svg.trend text { font-size: 14px; fill: #444; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { border: 1px solid #bbb; padding: 4px 6px; text-align: left; vertical-align: top; }
th, td.id, td.state, td.last { white-space: nowrap; }
td.task { width: 40%; overflow-wrap: anywhere; }
td.lead { overflow-wrap: anywhere; }
th { background: #d9e1f2; }
tr.red td.state { color: var(--red); font-weight: bold; }
tr.yellow td.state { color: var(--yellow); }
p.none { color: #555; }
footer { margin-top: 24px; color: #595959; font-size: 12px; }
@media (max-width: 640px) {
  body { padding: 12px; }
  .bar { flex-wrap: wrap; gap: 2px 8px; }
  .bar .label { flex: 1 1 100%; white-space: normal; }
  .scroll svg { min-width: 730px; }
  table, thead, tbody, tr, td { display: block; width: auto; }
  thead { display: none; }
  tr { border: 1px solid #bbb; border-radius: 6px; margin: 0 0 10px; padding: 6px 10px; }
  td { border: none; padding: 2px 0; }
  td.task { width: auto; font-weight: bold; }
  td::before { content: attr(data-label) "："; color: #555; font-weight: normal; }
  td.task::before { content: none; }
}
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
    """Progress bars in HTML: the labels wrap and stay legible at any width, unlike scaled SVG text."""
    parts = [f'<div id="{esc(chart_id)}" class="bars">']
    for p, label in zip(items, labels, strict=True):
        width = 100 * p.ratio if p.total else 0.0
        title = t("html.chart_label", lang, label=label, done=p.done, total=p.total)
        parts.append(
            f'<div class="bar" data-key="{esc(p.key)}" data-label="{esc(label)}" data-done="{p.done}" data-total="{p.total}" title="{esc(title)}">'
            f'<span class="label">{esc(label)}</span>'
            f'<span class="track"><span class="fill" style="width: {width:.1f}%"></span></span>'
            f'<span class="value">{p.done}/{p.total} {p.ratio:.0%}</span>'
            "</div>"
        )
    parts.append("</div>")
    return "".join(parts)


def _marker_class(due: dt.date, fulfilled: bool, as_of: dt.date, soon_days: int) -> str:
    if fulfilled:
        return "fulfilled"
    if due < as_of:
        return "late"
    if (due - as_of).days <= soon_days:
        return "soon"
    return "open"


def _dot(colour: str) -> str:
    return f'<circle cx="6" cy="6" r="5" fill="{colour}"/>'


def _key(shape: str, text: str) -> str:
    """One entry of a chart's legend: a 12 px swatch and what it stands for."""
    return f'<li><svg width="12" height="12" style="display:inline;width:12px" aria-hidden="true">{shape}</svg> {esc(text)}</li>'


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
            # What was done is plotted on the day it was done; what is open, on its deadline.
            day = ob.fulfilled_on if ob.fulfilled and ob.fulfilled_on is not None else ob.due
            what = f"{r.task}" + (f" {ob.period}" if ob.period else "") + f" — {day.isoformat()}"
            done = f' data-done="{day.isoformat()}"' if day != ob.due else ""
            parts.append(
                f'<circle class="deadline {cls}" data-due="{ob.due.isoformat()}"{done} data-period="{esc(ob.period or "")}" '
                f'cx="{x(day)}" cy="{y + 9}" r="6" fill="{MARKER_COLOUR[cls]}"><title>{esc(what)}</title></circle>'
            )
        parts.append("</g>")
    if start <= as_of <= end:
        parts.append(f'<line class="as-of" x1="{x(as_of)}" y1="32" x2="{x(as_of)}" y2="{height - 4}" stroke="{COLOURS["red"]}" stroke-dasharray="4 3"/>')
        right = x(as_of) > left + plot / 2
        anchor = f'x="{x(as_of) - 3}" text-anchor="end"' if right else f'x="{x(as_of) + 3}"'
        parts.append(f'<text class="value as-of" {anchor} y="{height - 6}">{esc(t("html.timeline.as_of", lang))} {as_of.isoformat()}</text>')
    parts.append("</svg>")
    legend = "".join(_key(_dot(MARKER_COLOUR[k]), t("html.legend." + k, lang)) for k in ("fulfilled", "late", "soon", "open"))
    out = '<div class="scroll">' + "".join(parts) + f'</div><ul class="chips legend">{legend}</ul>'
    ongoing = [r.state.task.id for r in sheet.rows if r.state.task.ongoing and r.state.reason is not Reason.CANCELLED]
    if ongoing:
        out += f'<p class="none">{esc(t("html.ongoing_note", lang, names=join(ongoing, lang)))}</p>'
    return out


# The trend chart is drawn at its own size and never scaled up: its columns are narrow enough that
# TREND_POINTS of them fit a 390 px phone with the text still at 12 px or more.
TREND_POINTS = 16
TREND_COL = 22
TREND_LEFT = 40
TREND_TOP = 10
TREND_PLOT = 130
TREND_FONT = 14
CHAR_PX = 0.55 * TREND_FONT  # one display column of text (a CJK character is two)


def _trend_tick(point: TrendPoint, per: Per, lang: Lang) -> str:
    if per is Per.WEEK:
        return f"{point.day.month}/{point.day.day}"
    month = int(point.label[-2:])
    return t("html.month", lang, m=month, name=t("html.months", lang).split(",")[month - 1])


def trend_chart(tr: Trend, lang: Lang) -> str:
    """Done (bars) and overdue (a line) at the end of each week or month, as inline SVG."""
    points = tr.points
    width = TREND_LEFT + TREND_COL * len(points) + 8
    base = TREND_TOP + TREND_PLOT
    height = base + 2 * TREND_FONT + 18  # the labels, and the years under them
    top = max((p.total for p in points), default=0) or 1

    def y(value: int) -> float:
        return round(base - TREND_PLOT * value / top, 1)

    def x(i: int) -> float:
        return TREND_LEFT + TREND_COL * i + TREND_COL / 2

    ticks = [_trend_tick(p, tr.per, lang) for p in points]
    widest = max((_width(tick) for tick in ticks), default=1) * CHAR_PX + 4
    step = max(1, math.ceil(widest / TREND_COL))  # label every step-th column, counted back from the last
    shown_year: int | None = None  # the year goes under the first label and each label where it changes
    label = esc(t("html.trend", lang))
    parts = [
        f'<svg id="chart-trend" class="chart trend" viewBox="0 0 {width} {height}" style="max-width: {width}px" '
        f'role="img" aria-label="{label}" data-per="{tr.per.value}" xmlns="http://www.w3.org/2000/svg">'
    ]
    for value in sorted({0, top // 2, top}) if top > 1 else (0, top):
        parts.append(f'<line x1="{TREND_LEFT}" y1="{y(value)}" x2="{width - 4}" y2="{y(value)}" stroke="#ddd"/>')
        parts.append(f'<text class="axis" x="{TREND_LEFT - 6}" y="{y(value) + 5}" text-anchor="end">{value}</text>')
    for i, p in enumerate(points):
        ratio = f"{p.done / p.total:.0%}" if p.total else "—"
        what = t("html.trend.point", lang, day=p.day.isoformat(), done=p.done, total=p.total, ratio=ratio, overdue=p.overdue)
        parts.append(
            f'<g class="point" data-label="{esc(p.label)}" data-day="{p.day.isoformat()}" data-done="{p.done}" '
            f'data-overdue="{p.overdue}" data-total="{p.total}"><title>{esc(what)}</title>'
            f'<rect class="done" x="{x(i) - TREND_COL / 2 + 3}" y="{y(p.done)}" width="{TREND_COL - 6}" height="{round(base - y(p.done), 1)}" fill="{COLOURS["green"]}"/>'
            f'<circle class="overdue" cx="{x(i)}" cy="{y(p.overdue)}" r="3.5" fill="{COLOURS["red"]}"/></g>'
        )
        if (len(points) - 1 - i) % step == 0:
            parts.append(f'<text class="tick" x="{x(i)}" y="{base + TREND_FONT + 6}" text-anchor="middle">{esc(ticks[i])}</text>')
            if p.day.year != shown_year:
                shown_year = p.day.year
                year = esc(t("html.year", lang, y=p.day.year))
                parts.append(f'<text class="tick-year" x="{x(i)}" y="{base + 2 * TREND_FONT + 10}" text-anchor="middle">{year}</text>')
    line = " ".join(f"{x(i)},{y(p.overdue)}" for i, p in enumerate(points))
    parts.append(f'<polyline class="overdue" points="{line}" fill="none" stroke="{COLOURS["red"]}" stroke-width="2"/>')
    parts.append("</svg>")
    legend = _key(f'<rect width="12" height="12" fill="{COLOURS["green"]}"/>', t("html.trend.done", lang)) + _key(_dot(COLOURS["red"]), t("html.trend.overdue", lang))
    caption = f'<p class="meta" id="trend-per">{esc(t("html.trend.per." + tr.per.value, lang))}</p>'
    return caption + "".join(parts) + f'<ul class="chips legend">{legend}</ul>'


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
    classes = ["id", "task", "lead", "due", "state", "last"]
    for r in rows:
        st = r.state
        last = str(_days_late(st, sheet.as_of)) if light is Light.RED else (st.last_report.isoformat() if st.last_report else t("html.never", lang))
        cells = [esc(st.task.id), esc(r.task), esc(r.lead), _dates_whole(r.due), esc(r.status), esc(last)]
        out += f'<tr class="{light.value}" data-id="{esc(st.task.id)}">'
        out += "".join(f'<td class="{c}" data-label="{esc(h)}">{v}</td>' for c, h, v in zip(classes, heads, cells, strict=True)) + "</tr>"
    return out + "</tbody></table></section>"


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _dates_whole(text: str) -> str:
    """Escaped text in which no date is broken across lines (a list of dates may wrap between them)."""
    return _DATE.sub(lambda m: f'<span class="nw">{m.group()}</span>', esc(text))


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
    sections = worst_sections(summary.sections, sheet.rows)
    section_labels = [f"{s.key} {s.title}" for s in sections]
    leads = worst_units([u for u in sheet.units if u.lead_progress.total > 0])
    body = [
        f'<header><h1 id="plan-title">{esc(plan.title)}</h1><p class="meta">{"".join(meta)}</p>'
        f'<p id="summary">{esc(conclusion(sheet, summary.by_light[Light.RED], overall))}</p></header>',
        f'<section id="overall"><h2>{esc(t("html.overall", lang))}</h2>'
        f'<p><span class="big" id="overall-ratio">{overall.ratio:.0%}</span><span id="overall-count">{esc(t("html.done_of", lang, done=overall.done, total=overall.total))}</span></p>'
        + bar_chart("chart-overall", [overall], [t("report.overall", lang)], lang)
        + f'<ul class="chips" id="by-status" aria-label="{esc(t("html.by_status", lang))}">{statuses}</ul>'
        f'<ul class="chips" id="by-light" aria-label="{esc(t("html.by_light", lang))}">{lights}</ul></section>',
        f'<section id="trend"><h2>{esc(t("html.trend", lang))}</h2>{trend_chart(recent_trend(ledger, as_of, TREND_POINTS), lang)}</section>',
        f'<section id="sections"><h2>{esc(t("html.by_section", lang))}</h2>{bar_chart("chart-sections", sections, section_labels, lang)}</section>',
        f'<section id="leads"><h2>{esc(t("html.by_lead", lang))}</h2>{bar_chart("chart-leads", [u.lead_progress for u in leads], [u.label for u in leads], lang)}</section>',
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


def worst_sections(sections: list[Progress], rows: list[Row]) -> list[Progress]:
    """Sections with the most red, then the most yellow, then the least done, first."""
    red: dict[str, int] = {}
    yellow: dict[str, int] = {}
    for r in rows:
        if r.light is Light.RED:
            red[r.section] = red.get(r.section, 0) + 1
        elif r.light is Light.YELLOW:
            yellow[r.section] = yellow.get(r.section, 0) + 1
    return sorted(sections, key=lambda s: (-red.get(s.key, 0), -yellow.get(s.key, 0), s.ratio))


def worst_units(units: list[UnitCount]) -> list[UnitCount]:
    """Units with the most overdue, then the most reports missing, then the least done, first."""
    return sorted(units, key=lambda u: (-u.overdue, -u.report_missing, u.lead_progress.ratio))


SUMMARY_NAMES = 5


def _some(names: list[str], lang: Lang) -> str:
    """The worst few units by name, and how many more: a paragraph, not a register."""
    if len(names) <= SUMMARY_NAMES:
        return join(names, lang)
    return join(names[:SUMMARY_NAMES], lang) + t("html.summary.more", lang, n=len(names))


def conclusion(sheet: Sheet, red: int, overall: Progress) -> str:
    """The one paragraph a leader reads first: progress, what is overdue and who is late reporting."""
    lang = sheet.lang
    units = worst_units(sheet.units)
    late = _some([u.label for u in units if u.overdue], lang)
    missing = _some([u.label for u in units if u.report_missing], lang)
    if red:
        overdue = t("html.summary.overdue", lang, n=red, units=late) if late else t("html.summary.overdue_n", lang, n=red)
    else:
        overdue = t("html.summary.no_overdue", lang)
    if sheet.ledger.plan.reporting.cycle is None:
        reports = t("html.summary.no_cycle", lang)
    else:
        reports = t("html.summary.missing", lang, units=missing) if missing else t("html.summary.no_missing", lang)
    return t("html.summary", lang, date=sheet.as_of.isoformat(), total=overall.total, done=overall.done, ratio=f"{overall.ratio:.0%}", overdue=overdue, missing=reports)


def dashboard(ledger: Ledger, as_of: dt.date, lang: Lang) -> bytes:
    return render(ledger, as_of, lang).encode("utf-8")
