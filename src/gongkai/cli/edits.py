"""Changes to the ledger: update, done, report, add, rename-unit."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from ..errors import UsageError
from ..i18n import render, t
from .app import AsOfOpt, Ctx, FileOpt, LangOpt, app, ledger_path
from .documents import report_dashboard

DryRunOpt = Annotated[bool, typer.Option("--dry-run", help="只显示将要做的修改（diff），不写入 / print the diff, write nothing")]
DateOpt = Annotated[
    str | None,
    typer.Option("--date", help="报送日期，默认今天 / date of the report (default today)", show_default=False),
]
ByOpt = Annotated[
    str | None,
    typer.Option("--by", help="报送单位，默认第一个牵头单位 / the reporting unit (default: the first lead unit)", show_default=False),
]
NoteOpt = Annotated[str | None, typer.Option("--note", help="进展情况 / what was done", show_default=False)]
EvidenceOpt = Annotated[
    list[str] | None,
    typer.Option("--evidence", help="佐证材料链接，可重复 / a link to evidence; repeatable", show_default=False),
]
TaskIdArg = Annotated[str, typer.Argument(metavar="ID", help="任务编号，如 2-2-2a / task id, e.g. 2-2-2a", show_default=False)]


def _apply_edit(ctx: Ctx, file: Path | None, build: Any, dry_run: bool) -> None:
    """Run one change and tell the user what happened; errors propagate to ``main``."""
    from ..edit import change

    path = ledger_path(file)
    outcome = change(path, build, dry_run=dry_run)
    if dry_run:
        sys.stdout.write(outcome.diff() or t("edit.no_diff", ctx.lang) + "\n")
    for key, args in outcome.notices:
        line = render(key, ctx.lang, args)
        ctx.err.print(f"{t('warn.prefix', ctx.lang)}: {line}" if key.startswith("warn.") else line, markup=False, soft_wrap=True)
    key, args = outcome.message
    ctx.out.print(render(key, ctx.lang, args), markup=False, soft_wrap=True)
    done_key = "edit.dry_run" if dry_run else "edit.written"
    ctx.out.print(t(done_key, ctx.lang, path=str(path)) if not dry_run else t(done_key, ctx.lang), markup=False, soft_wrap=True)


@app.command()
def update(
    task_id: TaskIdArg,
    status_: Annotated[str | None, typer.Option("--status", help="新状态 not_started|in_progress|done|cancelled / the new status", show_default=False)] = None,
    note: NoteOpt = None,
    evidence: EvidenceOpt = None,
    by: ByOpt = None,
    date: DateOpt = None,
    dry_run: DryRunOpt = False,
    file: FileOpt = None,
    lang: LangOpt = None,
) -> None:
    """记录一次进展：追加到任务的进展记录，并更新状态 / Record progress: append to the task's history and set its status."""
    from ..dates import parse_user_date
    from ..edit import parse_status, update_changes

    ctx = Ctx(lang)
    day = parse_user_date(date)
    new_status = parse_status(status_) if status_ is not None else None
    _apply_edit(ctx, file, update_changes(task_id, status=new_status, note=note, evidence=evidence or [], by=by, date=day), dry_run)


@app.command()
def done(
    task_id: TaskIdArg,
    note: NoteOpt = None,
    evidence: EvidenceOpt = None,
    by: ByOpt = None,
    date: DateOpt = None,
    dry_run: DryRunOpt = False,
    file: FileOpt = None,
    lang: LangOpt = None,
) -> None:
    """办结：状态设为已完成并记下办结日期；没有佐证时提醒 / Close a task as done with its completion date; warns without evidence."""
    from ..dates import parse_user_date
    from ..edit import done_changes

    ctx = Ctx(lang)
    day = parse_user_date(date)
    _apply_edit(ctx, file, done_changes(task_id, note=note, evidence=evidence or [], by=by, date=day), dry_run)


@app.command()
def report(
    task_id: Annotated[str | None, typer.Argument(metavar="ID", help="周期性任务编号，如 3-1 / a recurring duty's id, e.g. 3-1", show_default=False)] = None,
    period: Annotated[str | None, typer.Option("--period", help="周期，如 2018Q4，默认报送日期所在周期 / the period, e.g. 2018Q4 (default: the one holding --date)", show_default=False)] = None,
    note: NoteOpt = None,
    evidence: EvidenceOpt = None,
    by: ByOpt = None,
    date: DateOpt = None,
    dry_run: DryRunOpt = False,
    html: Annotated[Path | None, typer.Option("--html", metavar="FILE", help="改为写出 HTML 进展看板（见 issue 6）/ instead write the HTML dashboard", show_default=False)] = None,
    file: FileOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
) -> None:
    """周期报送：记录周期性任务某一周期的完成情况；--html 写出进展看板 / Record one period of a recurring duty; --html writes the dashboard."""
    from ..dates import parse_user_date
    from ..edit import report_changes

    # Two readings of "report": the dashboard for leaders, or one period's report of a duty.
    if html is not None:
        report_dashboard(html, file, as_of, lang)
        return
    ctx = Ctx(lang)
    if task_id is None:
        raise UsageError("err.edit.report_needs_id")
    day = parse_user_date(date)
    _apply_edit(ctx, file, report_changes(task_id, period=period, note=note, evidence=evidence or [], by=by, date=day), dry_run)


@app.command()
def add(
    unit_name: Annotated[str | None, typer.Option("--unit", help="登记一个单位（而不是新增任务）/ register a unit instead of adding a task", show_default=False)] = None,
    kind: Annotated[str, typer.Option("--kind", help="单位类别 department|unit|external / the unit's kind")] = "department",
    number: Annotated[str | None, typer.Option("--number", help="文件中的编号，如 二（一）4；与已有编号相同即为新的责任分句 / the plan's numbering; an existing one adds a clause", show_default=False)] = None,
    title: Annotated[str | None, typer.Option("--title", help="任务名称 / the task's title", show_default=False)] = None,
    text: Annotated[str | None, typer.Option("--text", help="原文 / the clause's text", show_default=False)] = None,
    section: Annotated[str | None, typer.Option("--section", help="所属章节编号 / the section's number", show_default=False)] = None,
    lead: Annotated[list[str] | None, typer.Option("--lead", help="牵头单位，可重复 / a lead unit; repeatable", show_default=False)] = None,
    cooperate: Annotated[list[str] | None, typer.Option("--cooperate", help="配合单位，可重复 / a cooperating unit; repeatable", show_default=False)] = None,
    due: Annotated[str | None, typer.Option("--due", help="完成时限 / the deadline", show_default=False)] = None,
    task_id: Annotated[str | None, typer.Option("--id", help="指定编号，默认自动取一个不重复的 / the id (default: a fresh one)", show_default=False)] = None,
    dry_run: DryRunOpt = False,
    file: FileOpt = None,
    lang: LangOpt = None,
) -> None:
    """新增任务或责任分句（--lead/--cooperate/--due/--section），或用 --unit 登记单位 / Add a task or clause, or register a unit with --unit."""
    from ..dates import parse_user_date
    from ..edit import NewTask, add_task_changes, add_unit_changes
    from ..models import UnitKind

    ctx = Ctx(lang)
    if unit_name is not None:
        try:
            unit_kind = UnitKind(kind.strip().lower())
        except ValueError:
            raise UsageError("err.edit.bad_kind", value=kind) from None
        _apply_edit(ctx, file, add_unit_changes(unit_name, unit_kind), dry_run)
        return
    new = NewTask(
        number=number,
        title=title,
        text=text,
        section=section,
        lead=lead or [],
        cooperate=cooperate or [],
        due=parse_user_date(due) if due is not None else None,
        task_id=task_id,
    )
    _apply_edit(ctx, file, add_task_changes(new), dry_run)


@app.command("rename-unit")
def rename_unit(
    old: Annotated[str, typer.Argument(metavar="OLD", help="现名 / the current name", show_default=False)],
    new: Annotated[str, typer.Argument(metavar="NEW", help="新名 / the new name", show_default=False)],
    dry_run: DryRunOpt = False,
    file: FileOpt = None,
    lang: LangOpt = None,
) -> None:
    """单位更名：全台账替换，旧名保留为别名 / Rename a unit everywhere; the old name stays as an alias."""
    from ..edit import rename_unit_changes

    ctx = Ctx(lang)
    _apply_edit(ctx, file, rename_unit_changes(old, new), dry_run)
