"""The weekly cycle: what changed (changes), reminders to units (remind), and status --trend."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ..i18n import t
from ..models import Ledger
from .app import AsOfOpt, Ctx, FileOpt, ForceOpt, JsonOpt, LangOpt, _both, app, load


@app.command(help=_both("cmd.changes"))
def changes(
    since: Annotated[str, typer.Option("--since", help=_both("opt.since"), show_default=False)],
    until: Annotated[str | None, typer.Option("--until", help=_both("opt.until"), show_default=False)] = None,
    file: FileOpt = None,
    lang: LangOpt = None,
    as_json: JsonOpt = False,
    fmt: Annotated[str, typer.Option("--format", help=_both("opt.changes_format"))] = "text",
) -> None:
    from .. import reports

    reports.text_format(fmt)
    ctx = Ctx(lang, until)
    reports.since_day(since, ctx.as_of)  # a wrong window is said before the ledger is read
    answer = reports.changes(load(file), ctx.as_of, ctx.lang, ctx.width, as_json, since=since, fmt=fmt)
    sys.stdout.write(reports.text_of(answer, ctx.term))


@app.command(help=_both("cmd.remind"))
def remind(
    unit_name: Annotated[str | None, typer.Argument(metavar="UNIT", help=_both("opt.remind_unit"), show_default=False)] = None,
    file: FileOpt = None,
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
    ledger = load(file)
    if as_json or by_unit is None:
        answer = reports.remind(ledger, ctx.as_of, ctx.lang, ctx.width, as_json, unit=unit_name, fmt=fmt, within=within)
        sys.stdout.write(reports.text_of(answer, ctx.term))
        return
    from ..export import write_unit_files

    texts = reports.remind_notices(ledger, ctx.as_of, ctx.lang, unit=unit_name, markdown=markdown, within=within)
    files = {unit: text.encode("utf-8") for unit, text in texts.items()}
    paths = write_unit_files(files, by_unit, ".md" if markdown else ".txt", force=force)
    sys.stdout.write(t("remind.written", ctx.lang, n=len(paths), path=str(by_unit)) + "\n")


def show_trend(ctx: Ctx, ledger: Ledger, per: str, as_json: bool) -> None:
    """``status --trend``: the points from the history, as a sparkline and bars or as JSON."""
    from .. import reports

    sys.stdout.write(reports.text_of(reports.trend(ledger, ctx.as_of, ctx.lang, ctx.width, as_json, per=per), ctx.term))
