"""The weekly cycle: what changed (changes), reminders to units (remind), and status --trend."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ..errors import UsageError
from ..i18n import t
from ..models import Ledger
from .app import AsOfOpt, Ctx, FileOpt, ForceOpt, JsonOpt, LangOpt, _both, app, load


def _text_format(value: str) -> bool:
    """True for Markdown; anything but text or md is a usage error."""
    if value not in ("text", "md"):
        raise UsageError("err.time.bad_format", value=value)
    return value == "md"


@app.command(help=_both("cmd.changes"))
def changes(
    since: Annotated[str, typer.Option("--since", help=_both("opt.since"), show_default=False)],
    until: Annotated[str | None, typer.Option("--until", help=_both("opt.until"), show_default=False)] = None,
    file: FileOpt = None,
    lang: LangOpt = None,
    as_json: JsonOpt = False,
    fmt: Annotated[str, typer.Option("--format", help=_both("opt.changes_format"))] = "text",
) -> None:
    from ..changes import changes as changes_query
    from ..dates import parse_user_date
    from ..render import history_data
    from ..render.changes import changes_text

    markdown = _text_format(fmt)
    ctx = Ctx(lang, until)
    start = parse_user_date(since)
    if start > ctx.as_of:
        raise UsageError("err.time.window", since=start.isoformat(), until=ctx.as_of.isoformat())
    ledger = load(file)
    report = changes_query(ledger, start, ctx.as_of)
    if as_json:
        ctx.print_json(history_data.changes(report))
    else:
        sys.stdout.write(changes_text(report, ledger, ctx.lang, markdown=markdown))


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
    from ..names import Directory, suggest
    from ..remind import reminders
    from ..render import history_data
    from ..render.remind import notices

    markdown = _text_format(fmt)
    ctx = Ctx(lang, as_of)
    ledger = load(file)
    found = reminders(ledger, ctx.as_of, within, unit_name)
    if unit_name is not None and not found:
        raise UsageError("err.unknown_unit", name=unit_name, hint=suggest(unit_name, list(Directory(ledger).units)))
    if as_json:
        ctx.print_json(history_data.reminders(found, ctx.as_of))
        return
    texts = notices(found, ledger, ctx.lang, markdown=markdown)
    if by_unit is not None:
        from ..export import write_unit_files

        files = {unit: text.encode("utf-8") for unit, text in texts.items()}
        paths = write_unit_files(files, by_unit, ".md" if markdown else ".txt", force=force)
        sys.stdout.write(t("remind.written", ctx.lang, n=len(paths), path=str(by_unit)) + "\n")
    elif not texts:
        sys.stdout.write(t("remind.none", ctx.lang, date=ctx.as_of.isoformat()) + "\n")
    else:
        sys.stdout.write(("\n" + "-" * 40 + "\n\n").join(texts.values()))


def show_trend(ctx: Ctx, ledger: Ledger, per: str, as_json: bool) -> None:
    """``status --trend``: the points from the history, as a sparkline and bars or as JSON."""
    from ..render import history_data
    from ..render.history import trend as trend_text
    from ..trend import Per, trend

    try:
        period = Per(per)
    except ValueError:
        raise UsageError("err.time.bad_per", value=per) from None
    tr = trend(ledger, ctx.as_of, period)
    if as_json:
        ctx.print_json(history_data.trend(tr))
    else:
        ctx.print(trend_text(tr, ledger, ctx.lang, ctx.width))
