"""The weekly cycle: what changed (changes), reminders to units (remind), and status --trend."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..i18n import t
from ..models import Ledger
from .app import AsOfOpt, Ctx, FilesOpt, ForceOpt, JsonOpt, LangOpt, _both, app, load_any, print_answer

if TYPE_CHECKING:
    from ..workspace import Workspace


@app.command(help=_both("cmd.changes"))
def changes(
    since: Annotated[str, typer.Option("--since", help=_both("opt.since"), show_default=False)],
    until: Annotated[str | None, typer.Option("--until", help=_both("opt.until"), show_default=False)] = None,
    file: FilesOpt = None,
    lang: LangOpt = None,
    as_json: JsonOpt = False,
    fmt: Annotated[str, typer.Option("--format", help=_both("opt.changes_format"))] = "text",
) -> None:
    from .. import reports

    reports.text_format(fmt)  # a wrong format and a wrong window are said before the ledger is read
    ctx = Ctx(lang, until)
    reports.since_day(since, ctx.as_of)
    found = load_any(file)
    report = reports.changes if isinstance(found, Ledger) else reports.workspace_changes
    print_answer(ctx, report(found, ctx.as_of, ctx.lang, ctx.width, as_json, since=since, fmt=fmt))  # type: ignore[arg-type]


@app.command(help=_both("cmd.remind"))
def remind(
    unit_name: Annotated[str | None, typer.Argument(metavar="UNIT", help=_both("opt.remind_unit"), show_default=False)] = None,
    file: FilesOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
    as_json: JsonOpt = False,
    fmt: Annotated[str, typer.Option("--format", help=_both("opt.remind_format"))] = "md",
    within: Annotated[int | None, typer.Option("--within", min=0, help=_both("opt.remind_within"), show_default=False)] = None,
    by_unit: Annotated[Path | None, typer.Option("--by-unit", metavar="DIR", help=_both("opt.by_unit"), show_default=False)] = None,
    force: ForceOpt = False,
) -> None:
    from .. import reports

    markdown = reports.text_format(fmt)
    ctx = Ctx(lang, as_of)
    found = load_any(file)
    if not isinstance(found, Ledger):
        from .. import portfolio
        from ..render import portfolio as shown
        from ..render.remind import notice

        pairs = portfolio.remind_all(found, ctx.as_of, within, unit_name)
        if as_json:
            ctx.print_json(shown.reminders_data(pairs, ctx.as_of))
            return
        # A notice (or a file) per unit and plan: each notice names its plan.
        texts = {f"{plan.id} {r.unit}": notice(r, plan.ledger, ctx.lang, markdown=markdown) for plan, r in pairs}
        if by_unit is None:
            sys.stdout.write(("\n" + "-" * 40 + "\n\n").join(texts.values()) if texts else t("remind.none", ctx.lang, date=ctx.as_of.isoformat()) + "\n")
            return
    elif as_json or by_unit is None:
        answer = reports.remind(found, ctx.as_of, ctx.lang, ctx.width, as_json, unit=unit_name, fmt=fmt, within=within)
        sys.stdout.write(reports.text_of(answer, ctx.term))
        return
    else:
        texts = reports.remind_notices(found, ctx.as_of, ctx.lang, unit=unit_name, markdown=markdown, within=within)
    from ..export import write_unit_files

    files = {unit: text.encode("utf-8") for unit, text in texts.items()}
    paths = write_unit_files(files, by_unit, ".md" if markdown else ".txt", force=force)
    sys.stdout.write(t("remind.written", ctx.lang, n=len(paths), path=str(by_unit)) + "\n")


def show_trend(ctx: Ctx, found: Ledger | Workspace, per: str, as_json: bool) -> None:
    """``status --trend``: the points from the history, as a sparkline and bars or as JSON; for a
    workspace, the counts of every plan added period by period."""
    from .. import reports

    if isinstance(found, Ledger):
        sys.stdout.write(reports.text_of(reports.trend(found, ctx.as_of, ctx.lang, ctx.width, as_json, per=per), ctx.term))
        return
    from ..portfolio import trend_all
    from ..render.trendtext import trend as trend_text

    points = trend_all(found, ctx.as_of, reports.trend_per(per))
    title = t("workspace.total", ctx.lang, n=len(found.plans))
    answer = reports.trend_data(points) if as_json else trend_text(points, title, ctx.lang, ctx.width)
    sys.stdout.write(reports.text_of(answer, ctx.term))
