"""Changes to the ledger: update, done, report, add, rename-unit."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from ..errors import UsageError
from ..i18n import t
from .app import AsOfOpt, Ctx, FileOpt, LangOpt, _both, app, ledger_path
from .documents import report_dashboard
from .listing import complete_period, complete_task, complete_unit

DryRunOpt = Annotated[bool, typer.Option("--dry-run", help=_both("opt.dry_run"))]
DateOpt = Annotated[str | None, typer.Option("--date", help=_both("opt.date"), show_default=False)]
ByOpt = Annotated[str | None, typer.Option("--by", help=_both("opt.by"), show_default=False, autocompletion=complete_unit)]
NoteOpt = Annotated[str | None, typer.Option("--note", help=_both("opt.note"), show_default=False)]
EvidenceOpt = Annotated[list[str] | None, typer.Option("--evidence", help=_both("opt.evidence"), show_default=False)]
TaskIdArg = Annotated[str, typer.Argument(metavar="ID", help=_both("arg.task_id"), show_default=False, autocompletion=complete_task)]
KindOpt = Annotated[str, typer.Option("--kind", help=_both("opt.kind"))]


def _apply_edit(ctx: Ctx, file: Path | None, build: Any, dry_run: bool) -> None:
    """Run one change and tell the user what happened; errors propagate to ``main``."""
    from ..edit import change
    from ..fastedit import told

    path = ledger_path(file)
    outcome = change(path, build, dry_run=dry_run)
    if dry_run:
        sys.stdout.write(outcome.diff() or t("edit.no_diff", ctx.lang) + "\n")
    errors, out = told(outcome, path, ctx.lang, dry_run=dry_run)
    for line in errors:
        ctx.err.print(line, markup=False, soft_wrap=True)
    for line in out:
        ctx.out.print(line, markup=False, soft_wrap=True)


@app.command(help=_both("cmd.update"))
def update(
    task_id: TaskIdArg,
    status_: Annotated[str | None, typer.Option("--status", help=_both("opt.status"), show_default=False)] = None,
    note: NoteOpt = None,
    evidence: EvidenceOpt = None,
    by: ByOpt = None,
    date: DateOpt = None,
    dry_run: DryRunOpt = False,
    file: FileOpt = None,
    lang: LangOpt = None,
) -> None:
    from ..dates import parse_user_date
    from ..edit import parse_status, update_changes

    ctx = Ctx(lang)
    day = parse_user_date(date)
    new_status = parse_status(status_) if status_ is not None else None
    _apply_edit(ctx, file, update_changes(task_id, status=new_status, note=note, evidence=evidence or [], by=by, date=day), dry_run)


@app.command(help=_both("cmd.done"))
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
    from ..dates import parse_user_date
    from ..edit import done_changes

    ctx = Ctx(lang)
    day = parse_user_date(date)
    _apply_edit(ctx, file, done_changes(task_id, note=note, evidence=evidence or [], by=by, date=day), dry_run)


@app.command(help=_both("cmd.report"))
def report(
    task_id: Annotated[str | None, typer.Argument(metavar="ID", help=_both("arg.recurring_id"), show_default=False)] = None,
    period: Annotated[str | None, typer.Option("--period", help=_both("opt.period"), show_default=False, autocompletion=complete_period)] = None,
    note: NoteOpt = None,
    evidence: EvidenceOpt = None,
    by: ByOpt = None,
    date: DateOpt = None,
    amend: Annotated[bool, typer.Option("--amend", help=_both("opt.amend"))] = False,
    dry_run: DryRunOpt = False,
    html: Annotated[Path | None, typer.Option("--html", metavar="FILE", help=_both("opt.html"), show_default=False, hidden=True)] = None,
    file: FileOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
) -> None:
    from ..dates import parse_user_date
    from ..edit import report_changes

    if html is not None:  # the old spelling of ``dashboard -o FILE``
        report_dashboard(html, file, as_of, lang)
        return
    ctx = Ctx(lang)
    if task_id is None:
        raise UsageError("err.edit.report_needs_id")
    day = parse_user_date(date)
    _apply_edit(ctx, file, report_changes(task_id, period=period, note=note, evidence=evidence or [], by=by, date=day, amend=amend), dry_run)


def _add_unit(ctx: Ctx, file: Path | None, name: str, kind: str, dry_run: bool, *, option: str) -> None:
    from ..edit import add_unit_changes
    from ..models import UnitKind

    try:
        unit_kind = UnitKind(kind.strip().lower())
    except ValueError:
        raise UsageError("err.edit.bad_kind", value=kind) from None
    _apply_edit(ctx, file, add_unit_changes(name, unit_kind, option=option), dry_run)


@app.command("add-unit", help=_both("cmd.add_unit"))
def add_unit(
    name: Annotated[str, typer.Argument(metavar="NAME", help=_both("arg.unit_name"), show_default=False)],
    kind: KindOpt = "department",
    dry_run: DryRunOpt = False,
    file: FileOpt = None,
    lang: LangOpt = None,
) -> None:
    _add_unit(Ctx(lang), file, name, kind, dry_run, option="NAME")


@app.command(help=_both("cmd.add"))
def add(
    unit_name: Annotated[str | None, typer.Option("--unit", help=_both("opt.unit"), show_default=False, hidden=True)] = None,
    kind: KindOpt = "department",
    number: Annotated[str | None, typer.Option("--number", help=_both("opt.number"), show_default=False)] = None,
    title: Annotated[str | None, typer.Option("--title", help=_both("opt.title"), show_default=False)] = None,
    text: Annotated[str | None, typer.Option("--text", help=_both("opt.text"), show_default=False)] = None,
    section: Annotated[str | None, typer.Option("--section", help=_both("opt.section"), show_default=False)] = None,
    lead: Annotated[list[str] | None, typer.Option("--lead", help=_both("opt.lead"), show_default=False)] = None,
    cooperate: Annotated[list[str] | None, typer.Option("--cooperate", help=_both("opt.cooperate"), show_default=False)] = None,
    due: Annotated[str | None, typer.Option("--due", help=_both("opt.due"), show_default=False)] = None,
    task_id: Annotated[str | None, typer.Option("--id", help=_both("opt.id"), show_default=False)] = None,
    dry_run: DryRunOpt = False,
    file: FileOpt = None,
    lang: LangOpt = None,
) -> None:
    from ..dates import parse_user_date
    from ..edit import NewTask, add_task_changes

    ctx = Ctx(lang)
    if unit_name is not None:  # the old spelling of ``add-unit NAME``
        ctx.err.print(t("warn.deprecated", ctx.lang, old="gongkai add --unit NAME", new="gongkai add-unit NAME"), markup=False, soft_wrap=True)
        _add_unit(ctx, file, unit_name, kind, dry_run, option="--unit")
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


@app.command("rename-unit", help=_both("cmd.rename_unit"))
def rename_unit(
    old: Annotated[str, typer.Argument(metavar="OLD", help=_both("arg.old_name"), show_default=False, autocompletion=complete_unit)],
    new: Annotated[str, typer.Argument(metavar="NEW", help=_both("arg.new_name"), show_default=False)],
    date: Annotated[str | None, typer.Option("--date", help=_both("opt.rename_date"), show_default=False)] = None,
    dry_run: DryRunOpt = False,
    file: FileOpt = None,
    lang: LangOpt = None,
) -> None:
    from ..dates import parse_user_date
    from ..edit import rename_unit_changes

    ctx = Ctx(lang)
    _apply_edit(ctx, file, rename_unit_changes(old, new, parse_user_date(date)), dry_run)
