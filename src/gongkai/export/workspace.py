"""A workspace's exports: every plan in one file, each row naming its plan, and one dashboard
page with a row per plan linking to that plan's part of the same page."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from ..i18n import Lang, t
from ..queries import Light, Progress
from ..workspace import Plan, Workspace
from .rows import Sheet, ledger_sheet

# The formats a workspace exports to; the others stay one ledger's.
WORKSPACE_FORMATS = ("csv", "json", "xlsx", "md", "ics", "sqlite", "parquet")


def sheets(ws: Workspace, as_of: dt.date, lang: Lang) -> list[tuple[Plan, Sheet]]:
    return [(plan, ledger_sheet(plan.ledger, as_of, lang)) for plan in ws.plans]


def csv_bytes(pairs: list[tuple[Plan, Sheet]]) -> bytes:
    """One table: the plan's id first, then the columns of one ledger's CSV."""
    import csv
    import io

    from . import csv_
    from .safe import neutralise_cell

    buffer = io.StringIO(newline="")
    out = csv.writer(buffer)
    first = pairs[0][1]
    out.writerow([neutralise_cell(h) for h in [t("col.plan", first.lang), *csv_.header(first)]])
    for plan, sheet in pairs:
        for row in sheet.rows:
            out.writerow([neutralise_cell(plan.id), *csv_.record(sheet, row)])
    return buffer.getvalue().encode("utf-8-sig")


def json_bytes(pairs: list[tuple[Plan, Sheet]], as_of: dt.date, lang: Lang) -> bytes:
    """Each plan as one ledger's JSON export, every task with its ``plan``."""
    from .json_ import SCHEMA_VERSION, document

    plans: list[dict[str, Any]] = []
    for plan, sheet in pairs:
        doc = {k: v for k, v in document(sheet).items() if k not in ("schema", "kind", "as_of", "lang")}
        doc["tasks"] = [{"plan": plan.id, **task} for task in doc["tasks"]]
        plans.append({"path": str(plan.path), **doc})
    out = {"schema": SCHEMA_VERSION, "kind": "workspace", "as_of": as_of.isoformat(), "lang": lang, "plans": plans}
    return (json.dumps(out, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def md_bytes(pairs: list[tuple[Plan, Sheet]]) -> bytes:
    """One ledger's Markdown for each plan in turn: each under its own title and 文号."""
    from .md import text

    return "\n".join(text(sheet) for _, sheet in pairs).encode("utf-8")


_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")


def xlsx_bytes(pairs: list[tuple[Plan, Sheet]]) -> bytes:
    """A worksheet per plan, named by its plan id, laid out as one ledger's 台账."""
    import io

    from openpyxl import Workbook

    from .xlsx import _ledger_sheet

    wb = Workbook()
    default = wb.active
    used: set[str] = set()
    for plan, sheet in pairs:
        name = _SHEET_NAME.sub("_", plan.id)[:28] or "plan"
        base, n = name, 2
        while name.lower() in used:
            name, n = f"{base}-{n}", n + 1
        used.add(name.lower())
        _ledger_sheet(wb.create_sheet(name), sheet)
    if default is not None:
        wb.remove(default)
    wb.properties.creator = "gongkai"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def ics_bytes(pairs: list[tuple[Plan, Sheet]]) -> bytes:
    from .ics import render_plans

    return render_plans([sheet for _, sheet in pairs])


def write_parquet(pairs: list[tuple[Plan, Sheet]], path: Path) -> None:
    from .parquet import write_plans

    write_plans([sheet for _, sheet in pairs], path)


def write_sqlite(pairs: list[tuple[Plan, Sheet]], path: Path, *, append: bool) -> None:
    from .sqlite import append_plans, sheet_plan, write_plans

    if append:
        append_plans([sheet_plan(sheet) for _, sheet in pairs], path)
    else:
        write_plans([sheet for _, sheet in pairs], path)


def files_by_unit(fmt: str, ws: Workspace, as_of: dt.date, lang: Lang) -> tuple[dict[str, bytes], list[str]]:
    """``--by-unit`` over the plans: one file per unit of the workspace (units joined across plans
    as the reports join them), holding its list in each plan it is in; as for one ledger, an
    external unit no task reaches gets none and is named in the second list."""
    from ..workspace import Units
    from .rows import sheets_by_unit

    writers = {"csv": csv_bytes, "md": md_bytes, "xlsx": xlsx_bytes, "ics": ics_bytes}
    units = Units(ws)
    lists: dict[str, list[tuple[Plan, Sheet]]] = {}
    skipped: list[str] = []
    for plan in ws.plans:
        sheets, external = sheets_by_unit(plan.ledger, as_of, lang)
        skipped += [units.label(units.key(plan, name)) for name in external]
        for sheet in sheets:
            assert sheet.unit is not None
            lists.setdefault(units.label(units.key(plan, sheet.unit)), []).append((plan, sheet))
    files = {label: json_bytes(pairs, as_of, lang) if fmt == "json" else writers[fmt](pairs) for label, pairs in lists.items()}
    return files, [name for name in dict.fromkeys(skipped) if name not in files]


# --- the dashboard --------------------------------------------------------------------------------

_ID = re.compile(r'(?<![\w-])id="([^"]*)"')


def dashboard(ws: Workspace, as_of: dt.date, lang: Lang) -> bytes:
    """One page: the plans' totals, a row per plan (progress, red, yellow, a link), then each plan's
    own dashboard, its element ids prefixed so that they stay unique in the page."""
    from ..queries import status_summary
    from .html import bar_chart, esc, page, plan_body

    pairs = sheets(ws, as_of, lang)
    summaries = [status_summary(plan.ledger, as_of, sheet.states) for plan, sheet in pairs]
    done = sum(s.overall.done for s in summaries)
    live = sum(s.overall.total for s in summaries)
    red = sum(s.by_light[Light.RED] for s in summaries)
    yellow = sum(s.by_light[Light.YELLOW] for s in summaries)
    overall = Progress("", "", live, done)
    title = t("html.ws_title", lang, n=len(pairs))
    heads = [t("col.plan", lang), t("col.doc_number", lang), t("html.overall", lang), t("light.red", lang), t("light.yellow", lang)]
    rows = []
    for i, ((plan, _sheet), summary) in enumerate(zip(pairs, summaries, strict=True), start=1):
        p = summary.overall
        cells = [
            f'<a href="#plan-{i}">{esc(plan.id)}</a> {esc(plan.ledger.plan.title)}',
            esc(plan.ledger.plan.doc_number or "—"),
            esc(f"{p.done}/{p.total} {p.ratio:.0%}"),
            str(summary.by_light[Light.RED]),
            str(summary.by_light[Light.YELLOW]),
        ]
        classes = ["task", "id", "due", "state", "state"]
        row = "".join(f'<td class="{c}" data-label="{esc(h)}">{v}</td>' for c, h, v in zip(classes, heads, cells, strict=True))
        rows.append(f'<tr data-plan="{esc(plan.id)}">{row}</tr>')
    summary_text = t(
        "html.ws_summary",
        lang,
        date=as_of.isoformat(),
        n=len(pairs),
        total=live,
        done=done,
        ratio=f"{overall.ratio:.0%}",
        red=red,
        yellow=yellow,
    )
    body = [
        f'<header><h1 id="workspace-title">{esc(title)}</h1>'
        f'<p class="meta"><span id="as-of" data-date="{as_of.isoformat()}">{esc(t("report.as_of", lang, date=as_of.isoformat()))}</span></p>'
        f'<p id="summary">{esc(summary_text)}</p></header>',
        f'<section id="overall"><h2>{esc(t("html.overall", lang))}</h2>{bar_chart("chart-overall", [overall], [t("report.overall", lang)], lang)}</section>',
        f'<section id="plans"><h2>{esc(t("html.ws_plans", lang))}</h2><table><thead><tr>'
        + "".join(f"<th>{esc(h)}</th>" for h in heads)
        + "</tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table></section>",
    ]
    for i, (plan, sheet) in enumerate(pairs, start=1):
        part = "\n".join(plan_body(sheet))
        part = _ID.sub(lambda m, i=i: f'id="plan-{i}-{m[1]}"', part)  # type: ignore[misc]
        body.append(f'<section class="plan" id="plan-{i}" data-plan="{esc(plan.id)}">\n{part}\n</section>')
    body.append(f"<footer>{esc(t('html.footer', lang))} · {esc(t('report.as_of', lang, date=as_of.isoformat()))}</footer>")
    return page(title, body, lang).encode("utf-8")
