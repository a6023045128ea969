"""The weekly cycle: what changed (changes), reminders to units (remind), and status --trend."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import UsageError
from ..i18n import t
from ..models import Ledger
from .app import AsOfOpt, Ctx, FilesOpt, ForceOpt, JsonOpt, LangOpt, _both, app, load_any

if TYPE_CHECKING:
    from ..workspace import Workspace


def _text_format(value: str) -> bool:
    """True for Markdown; anything but text or md is a usage error."""
    if value not in ("text", "md"):
        raise UsageError("err.time.bad_format", value=value)
    return value == "md"


@app.command(help=_both("cmd.changes"))
def changes(
    since: Annotated[str, typer.Option("--since", help=_both("opt.since"), show_default=False)],
    until: Annotated[str | None, typer.Option("--until", help=_both("opt.until"), show_default=False)] = None,
    file: FilesOpt = None,
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
    found = load_any(file)
    if not isinstance(found, Ledger):
        from .. import portfolio
        from ..render import portfolio as shown

        reports = portfolio.changes_all(found, start, ctx.as_of)
        if as_json:
            ctx.print_json(shown.changes_data(reports, start, ctx.as_of))
        else:
            sys.stdout.write(shown.changes_text(reports, ctx.lang, markdown=markdown))
        return
    ledger = found
    report = changes_query(ledger, start, ctx.as_of)
    if as_json:
        ctx.print_json(history_data.changes(report))
    else:
        sys.stdout.write(changes_text(report, ledger, ctx.lang, markdown=markdown))


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
    from ..names import Directory, suggest
    from ..remind import reminders
    from ..render import history_data
    from ..render.remind import notice

    markdown = _text_format(fmt)
    ctx = Ctx(lang, as_of)
    read = load_any(file)
    if not isinstance(read, Ledger):
        from .. import portfolio
        from ..render import portfolio as shown

        pairs = portfolio.remind_all(read, ctx.as_of, within, unit_name)
        if as_json:
            ctx.print_json(shown.reminders_data(pairs, ctx.as_of))
            return
        # A file or a notice per unit and plan: each notice names its plan.
        texts = {f"{plan.id} {r.unit}": notice(r, plan.ledger, ctx.lang, markdown=markdown) for plan, r in pairs}
    else:
        ledger = read
        found = reminders(ledger, ctx.as_of, within, unit_name)
        if unit_name is not None and not found:
            raise UsageError("err.unknown_unit", name=unit_name, hint=suggest(unit_name, list(Directory(ledger).units)))
        if as_json:
            ctx.print_json(history_data.reminders(found, ctx.as_of))
            return
        texts = {r.unit: notice(r, ledger, ctx.lang, markdown=markdown) for r in found}
    if by_unit is not None:
        from ..export import write_unit_files

        files = {unit: text.encode("utf-8") for unit, text in texts.items()}
        paths = write_unit_files(files, by_unit, ".md" if markdown else ".txt", force=force)
        sys.stdout.write(t("remind.written", ctx.lang, n=len(paths), path=str(by_unit)) + "\n")
    elif not texts:
        sys.stdout.write(t("remind.none", ctx.lang, date=ctx.as_of.isoformat()) + "\n")
    else:
        sys.stdout.write(("\n" + "-" * 40 + "\n\n").join(texts.values()))


def show_trend(ctx: Ctx, found: Ledger | Workspace, per: str, as_json: bool) -> None:
    """``status --trend``: the points from the history, as a sparkline and bars or as JSON; for a
    workspace, the counts of every plan added period by period."""
    from ..render import history_data
    from ..render.history import trend as trend_text
    from ..trend import Per, trend

    try:
        period = Per(per)
    except ValueError:
        raise UsageError("err.time.bad_per", value=per) from None
    if isinstance(found, Ledger):
        tr, title = trend(found, ctx.as_of, period), found.plan.title
    else:
        from ..portfolio import trend_all

        tr, title = trend_all(found, ctx.as_of, period), t("workspace.total", ctx.lang, n=len(found.plans))
    if as_json:
        ctx.print_json(history_data.trend(tr))
    else:
        ctx.print(trend_text(tr, title, ctx.lang, ctx.width))
