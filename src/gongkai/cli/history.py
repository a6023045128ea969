"""The weekly cycle: what changed (changes), reminders to units (remind)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ..errors import UsageError
from ..i18n import t
from ..models import Ledger
from .app import AsOfOpt, Ctx, FileOpt, JsonOpt, LangOpt, app, load

TextFormatOpt = Annotated[str, typer.Option("--format", help="text（终端）或 md（可直接粘贴到微信群、邮件）/ text, or md to paste into a chat or e-mail")]


def _text_format(value: str) -> bool:
    """True for Markdown; anything but text or md is a usage error."""
    if value not in ("text", "md"):
        raise UsageError("err.time.bad_format", value=value)
    return value == "md"


@app.command()
def changes(
    since: Annotated[str, typer.Option("--since", help="起始日期（含）/ first day of the window (included)", show_default=False)],
    until: Annotated[str | None, typer.Option("--until", help="截止日期（含），默认今天 / last day of the window (included), default today", show_default=False)] = None,
    file: FileOpt = None,
    lang: LangOpt = None,
    as_json: JsonOpt = False,
    fmt: TextFormatOpt = "text",
) -> None:
    """一段时间内的变化：办结、新增逾期和临期、进展、周期报送和迟报、应报未报，按单位分组 / What changed in a window: closed, newly overdue and due soon, progress, period and late reports, who did not report; by unit."""
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


@app.command()
def remind(
    unit_name: Annotated[str | None, typer.Argument(metavar="[UNIT]", help="单位名称或别名，默认所有需提醒的单位 / a unit (default: every unit with something to remind)", show_default=False)] = None,
    file: FileOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
    as_json: JsonOpt = False,
    fmt: Annotated[str, typer.Option("--format", help="md（Markdown）或 text（纯文本）/ md (Markdown) or text (plain)")] = "md",
    within: Annotated[int | None, typer.Option("--within", min=0, help="提醒 N 天内到期的事项，默认方案的临期天数 / remind of what falls due within N days (default: the plan's due-soon window)", show_default=False)] = None,
    by_unit: Annotated[Path | None, typer.Option("--by-unit", metavar="DIR", help="每个单位一个文件，写入该目录 / one file per unit, written into DIR", show_default=False)] = None,
) -> None:
    """催报：给单位的提醒，列出其牵头或配合的逾期、临期、未报送进展事项；落款由办公室填写 / 催报: a notice per unit listing what it leads or supports that is overdue, due soon or missing a report; the office adds the sender."""
    from ..names import Directory, suggest
    from ..remind import reminders
    from ..render import history_data
    from ..render.remind import notice

    markdown = _text_format(fmt)
    ctx = Ctx(lang, as_of)
    ledger = load(file)
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
        paths = write_unit_files(files, by_unit, ".md" if markdown else ".txt")
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
        ctx.print(trend_text(tr, ledger, ctx.lang, ctx.out.width))
