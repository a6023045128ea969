"""The command line: parse options, call the core, pick a reporter, exit.

This is the only module that imports typer. Exit codes come from ``errors.ExitCode``.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from rich.console import Console, RenderableType

from . import __version__
from .errors import ExitCode, GongkaiError, LedgerInvalid, Problem, UnreadableError, UsageError
from .export import FORMATS as EXPORT_FORMATS
from .i18n import Lang, render, resolve_lang, t
from .models import Ledger
from .render.problems import PROBLEM_FORMATS

app = typer.Typer(
    name="gongkai",
    help="gongkai：实施方案任务分工台账 / the task-responsibility ledger of an implementation plan.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

# --- shared options ----------------------------------------------------------------------------

FileOpt = Annotated[
    Path | None,
    typer.Option("--file", "-f", help="台账文件，默认从当前目录向上查找 tasks.yaml / ledger file (default: tasks.yaml searched upward)", show_default=False),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option("--as-of", help="以该日期为准，默认今天 / evaluate as of this date (YYYY-MM-DD, default today)", show_default=False),
]
LangOpt = Annotated[
    str | None,
    typer.Option("--lang", help="输出语言 zh|en（或 GONGKAI_LANG）/ output language zh|en (or GONGKAI_LANG)", show_default=False),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="输出 JSON（见 docs/json.md）/ print JSON (see docs/json.md)")]


class Ctx:
    """What every command needs once its options are parsed."""

    def __init__(self, lang: str | None, as_of: str | None = None) -> None:
        from .dates import parse_user_date

        try:
            self.lang: Lang = resolve_lang(lang)
        except ValueError:
            self.lang = "zh"
            raise UsageError("err.bad_lang", value=lang) from None
        self.as_of: dt.date = parse_user_date(as_of)
        self.out = Console(highlight=False, soft_wrap=False)
        self.err = Console(stderr=True, highlight=False, soft_wrap=True)

    def print(self, renderable: RenderableType) -> None:
        self.out.print(renderable)

    def print_json(self, data: Any) -> None:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def ledger_path(file: Path | None) -> Path:
    if file is not None:
        return file
    from .loader import find_ledger

    found = find_ledger(Path.cwd())
    if found is None:
        raise UsageError("err.no_ledger", start=str(Path.cwd()))
    return found


def load(file: Path | None) -> Ledger:
    from .loader import load_ledger

    return load_ledger(ledger_path(file))


# --- reports (issue 2) ---------------------------------------------------------------------------


@app.command()
def status(
    file: FileOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
    as_json: JsonOpt = False,
    limit: Annotated[int, typer.Option("--limit", min=0, help="需关注事项最多列出几项，0 为全部 / list at most N items needing attention, 0 for all")] = 20,
) -> None:
    """全局进度：按状态、红黄绿灯统计，分章节进度，需关注事项 / The whole plan at a glance: counts by status and light, progress per section, items needing attention."""
    from .queries import status_summary
    from .render import data, text

    ctx = Ctx(lang, as_of)
    ledger = load(file)
    summary = status_summary(ledger, ctx.as_of)
    if as_json:
        ctx.print_json(data.status(summary))
    else:
        ctx.print(text.status(summary, ledger, ctx.lang, limit=limit, width=ctx.out.width))


@app.command()
def overdue(
    file: FileOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
    as_json: JsonOpt = False,
    within: Annotated[int | None, typer.Option("--within", min=0, help="同时列出 N 天内到期的事项 / also list what falls due in the next N days", show_default=False)] = None,
) -> None:
    """逾期事项（含周期性任务漏报的周期），逾期天数和牵头单位 / Every overdue obligation, with days late and lead units."""
    from .queries import overdue as overdue_query
    from .render import data, text

    ctx = Ctx(lang, as_of)
    ledger = load(file)
    report = overdue_query(ledger, ctx.as_of, within)
    if as_json:
        ctx.print_json(data.overdue(report))
    else:
        ctx.print(text.overdue(report, ctx.lang, ctx.out.width))


@app.command()
def unit(
    name: Annotated[str, typer.Argument(help="单位名称或别名 / unit name or alias", show_default=False)],
    file: FileOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """某单位的任务清单：牵头、点名配合、经群体涉及 / One unit's list: what it leads, supports by name, and what reaches it through a group."""
    from .models import Directory
    from .queries import unit_view
    from .render import data, text
    from .rules import suggest

    ctx = Ctx(lang, as_of)
    ledger = load(file)
    view = unit_view(ledger, name, ctx.as_of)
    if view is None:
        d = Directory(ledger)
        raise UsageError("err.unknown_unit", name=name, hint=suggest(name, d.known_names()))
    if as_json:
        ctx.print_json(data.unit(view, ctx.as_of))
    else:
        ctx.print(text.unit(view, ctx.as_of, ctx.lang, ctx.out.width))


@app.command()
def units(file: FileOpt = None, as_of: AsOfOpt = None, lang: LangOpt = None, as_json: JsonOpt = False) -> None:
    """各单位统计：牵头、配合、逾期、缺报 / One row per unit: led, supported, overdue, report missing."""
    from .queries import units_table
    from .render import data, text

    ctx = Ctx(lang, as_of)
    ledger = load(file)
    rows = units_table(ledger, ctx.as_of)
    if as_json:
        ctx.print_json(data.units(rows, ctx.as_of))
    else:
        ctx.print(text.units(rows, ctx.as_of, ctx.lang, ctx.out.width))


@app.command()
def show(
    task_id: Annotated[str, typer.Argument(metavar="ID", help="任务编号，如 2-2-2a / task id, e.g. 2-2-2a", show_default=False)],
    file: FileOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """一项任务的全部信息：原文、单位、期限、进展记录 / One task in full: text, units, deadline and history."""
    from .queries import find_task, task_state
    from .render import data, text
    from .rules import suggest

    ctx = Ctx(lang, as_of)
    ledger = load(file)
    task = find_task(ledger, task_id)
    if task is None:
        raise UsageError("err.unknown_task", id=task_id, hint=suggest(task_id, [x.id for x in ledger.tasks]))
    st = task_state(task, ledger, ctx.as_of)
    if as_json:
        ctx.print_json(data.show(st, ledger))
    else:
        ctx.print(text.show(st, ledger, ctx.lang))


# --- check / schema (issue 3) ------------------------------------------------------------------

if TYPE_CHECKING:
    ProblemFormat = str
else:
    # The --format choices are the reporter registry's keys: one table, no second list to drift.
    ProblemFormat = enum.Enum("ProblemFormat", {name: name for name in PROBLEM_FORMATS}, type=str)


def default_format(environ: dict[str, str] | None = None) -> str:
    """github inside GitHub Actions (it sets GITHUB_ACTIONS=true), text elsewhere."""
    value = (environ if environ is not None else os.environ).get("GITHUB_ACTIONS", "")
    return "github" if value.strip().lower() not in ("", "0", "false") else "text"


@app.command()
def check(
    files: Annotated[
        list[Path] | None,
        typer.Argument(metavar="FILE", help="要检查的台账文件，默认从当前目录向上查找 tasks.yaml / ledger files (default: tasks.yaml searched upward)", show_default=False),
    ] = None,
    fmt: Annotated[
        ProblemFormat | None,
        typer.Option("--format", help="输出格式；设置 GITHUB_ACTIONS 时默认 github，否则 text / output format (default: github when GITHUB_ACTIONS is set, else text)", show_default=False),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="有警告也视为失败（退出码 1）/ fail on warnings too (exit 1)")] = False,
    file: FileOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
) -> None:
    """检查台账：YAML 语法、格式和规则，逐条给出文件:行:列 / Check ledgers: YAML, schema and rules, every problem at file:line:col."""
    from .errors import exit_code_for
    from .loader import validate

    ctx = Ctx(lang, as_of)
    # The found ledger is shown relative to here, as GitHub annotations and editors expect.
    named = [*(files or []), *([file] if file is not None else [])]
    paths = list(dict.fromkeys(named)) if named else [Path(os.path.relpath(ledger_path(None)))]
    results = [validate(path, today=ctx.as_of) for path in paths]
    name = str(getattr(fmt, "value", fmt)) if fmt is not None else default_format()
    output = PROBLEM_FORMATS[name](results, ctx.lang)
    if isinstance(output, str):
        sys.stdout.write(output)
    else:
        # Like a compiler's: long lines are left to the terminal, so each problem stays one line.
        ctx.out.print(output, soft_wrap=True)
    raise typer.Exit(int(exit_code_for([p for r in results for p in r.problems], strict=strict)))


@app.command()
def schema() -> None:
    """打印台账的 JSON Schema（中英文标题和说明），供编辑器补全和检查 / Print the ledger's JSON Schema, with titles and descriptions in Chinese and English, for editors."""
    from .schema import schema_text

    sys.stdout.write(schema_text())


# --- edit: update / done / report / add / rename-unit (issue 4) ---------------------------------

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
    from .edit import change

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
    from .dates import parse_user_date
    from .edit import parse_status, plan_update

    ctx = Ctx(lang)
    day = parse_user_date(date)
    new_status = parse_status(status_) if status_ is not None else None
    _apply_edit(ctx, file, plan_update(task_id, status=new_status, note=note, evidence=evidence or [], by=by, date=day), dry_run)


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
    from .dates import parse_user_date
    from .edit import plan_done

    ctx = Ctx(lang)
    day = parse_user_date(date)
    _apply_edit(ctx, file, plan_done(task_id, note=note, evidence=evidence or [], by=by, date=day), dry_run)


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
    from .dates import parse_user_date
    from .edit import plan_report

    # Two readings of "report": the dashboard for leaders, or one period's report of a duty.
    if html is not None:
        report_dashboard(html, file, as_of, lang)
        return
    ctx = Ctx(lang)
    if task_id is None:
        raise UsageError("err.edit.report_needs_id")
    day = parse_user_date(date)
    _apply_edit(ctx, file, plan_report(task_id, period=period, note=note, evidence=evidence or [], by=by, date=day), dry_run)


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
    from .dates import parse_user_date
    from .edit import NewTask, plan_add_task, plan_add_unit
    from .models import UnitKind

    ctx = Ctx(lang)
    if unit_name is not None:
        try:
            unit_kind = UnitKind(kind.strip().lower())
        except ValueError:
            raise UsageError("err.edit.bad_kind", value=kind) from None
        _apply_edit(ctx, file, plan_add_unit(unit_name, unit_kind), dry_run)
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
    _apply_edit(ctx, file, plan_add_task(new), dry_run)


@app.command("rename-unit")
def rename_unit(
    old: Annotated[str, typer.Argument(metavar="OLD", help="现名 / the current name", show_default=False)],
    new: Annotated[str, typer.Argument(metavar="NEW", help="新名 / the new name", show_default=False)],
    dry_run: DryRunOpt = False,
    file: FileOpt = None,
    lang: LangOpt = None,
) -> None:
    """单位更名：全台账替换，旧名保留为别名 / Rename a unit everywhere; the old name stays as an alias."""
    from .edit import plan_rename_unit

    ctx = Ctx(lang)
    _apply_edit(ctx, file, plan_rename_unit(old, new), dry_run)


# --- import (issue 5) ----------------------------------------------------------------------------


def _both(key: str) -> str:
    return f"{t(key, 'zh')} / {t(key, 'en')}"


@app.command("import")
def import_(
    plan: Annotated[Path, typer.Argument(help=_both("import.arg.plan"), show_default=False)],
    output: Annotated[Path, typer.Option("--output", "-o", help=_both("import.opt.output"))] = Path("tasks.yaml"),
    dry_run: Annotated[bool, typer.Option("--dry-run", help=_both("import.opt.dry_run"))] = False,
    encoding: Annotated[str | None, typer.Option("--encoding", help=_both("import.opt.encoding"), show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help=_both("import.opt.force"))] = False,
    lang: LangOpt = None,
) -> None:
    """读取实施方案，生成任务分工台账草稿 / Read a plan (txt, md, docx, xlsx) and draft its ledger (docs/import.md)."""
    from rich.text import Text

    from .importer import import_document, write_ledger
    from .importer.report import summary_lines
    from .loader import validate_text

    ctx = Ctx(lang)
    if not dry_run and output.exists() and not force:
        raise UsageError("import.err.exists", path=str(output))
    result = import_document(plan, encoding=encoding, lang=ctx.lang)
    lines = summary_lines(result, ctx.lang)
    if dry_run:
        sys.stdout.write(result.yaml)
        for line in [*lines, t("import.summary.dry_run", ctx.lang)]:
            ctx.err.print(Text(line), soft_wrap=True)
        return
    write_ledger(output, result.yaml, force=force)
    for line in [*lines, t("import.summary.written", ctx.lang, path=str(output))]:
        ctx.out.print(Text(line), soft_wrap=True)
    errors = validate_text(result.yaml, str(output)).errors
    if errors:
        report_problems(ctx.err, errors, ctx.lang)
        raise SystemExit(int(ExitCode.PROBLEMS))


# --- export / report --html / bulletin (issue 6) -------------------------------------------------

if TYPE_CHECKING:
    ExportFormat = str
else:
    # The --format choices are the export registry's keys, as for check's reporters.
    ExportFormat = enum.Enum("ExportFormat", {name: name for name in EXPORT_FORMATS}, type=str)


OutputOpt = Annotated[Path | None, typer.Option("--output", "-o", help="输出文件 / output file", show_default=False)]


@app.command()
def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", help="导出格式 / export format", show_default=False)],
    output: OutputOpt = None,
    by_unit: Annotated[Path | None, typer.Option("--by-unit", metavar="DIR", help="每个单位一个文件，写入该目录 / one file per unit, written into DIR", show_default=False)] = None,
    file: FileOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
) -> None:
    """导出任务分工台账：Excel、CSV、Markdown、JSON、日历 / Export the ledger as Excel, CSV, Markdown, JSON or a calendar (docs/export.md)."""
    from .export import export as export_ledger
    from .export import export_by_unit

    ctx = Ctx(lang, as_of)
    fmt_name = str(getattr(fmt, "value", fmt))
    if (output is None) == (by_unit is None):
        raise UsageError("err.export_target")
    ledger = load(file)
    if by_unit is not None:
        paths = export_by_unit(fmt_name, ledger, ctx.as_of, ctx.lang, by_unit)
        sys.stdout.write(t("export.written_dir", ctx.lang, n=len(paths), path=str(by_unit)) + "\n")
    else:
        assert output is not None
        export_ledger(fmt_name, ledger, ctx.as_of, ctx.lang, output)
        sys.stdout.write(t("export.written", ctx.lang, path=str(output)) + "\n")


def report_dashboard(html: Path, file: Path | None, as_of: str | None, lang: str | None) -> None:
    """``gongkai report --html FILE``: the self-contained HTML dashboard for leaders.

    ``report`` (issue 4, recording a period of a recurring duty) owns the command name and
    hands ``--html`` over to this function.
    """
    from .export.html import write_dashboard

    ctx = Ctx(lang, as_of)
    if html.suffix.lower() not in (".html", ".htm"):
        raise UsageError("err.html_suffix", path=str(html))
    ledger = load(file)
    write_dashboard(ledger, ctx.as_of, ctx.lang, html)
    sys.stdout.write(t("export.written", ctx.lang, path=str(html)) + "\n")


@app.command()
def bulletin(
    period: Annotated[str, typer.Option("--period", help="通报周期，如 2018Q4、2018H2、2018-11、2018 / the period, e.g. 2018Q4", show_default=False)],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="输出 FILE.md 或 FILE.docx，默认打印 Markdown / write FILE.md or FILE.docx (default: print Markdown)", show_default=False)] = None,
    file: FileOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
) -> None:
    """督查通报草稿（Markdown 或 Word），默认截至周期末 / A draft supervision bulletin (Markdown or Word), as of the period's end by default."""
    from .export.bulletin import build, period_end, to_markdown, write_docx

    end = period_end(period)
    ctx = Ctx(lang, as_of if as_of is not None else end.isoformat())
    suffix = output.suffix.lower() if output is not None else ".md"
    if suffix not in (".md", ".docx"):
        raise UsageError("err.bulletin_suffix", path=str(output))
    ledger = load(file)
    doc = build(ledger, period, ctx.as_of, ctx.lang)
    if output is None:
        sys.stdout.write(to_markdown(doc))
        return
    try:
        if suffix == ".docx":
            write_docx(doc, output)
        else:
            output.write_text(to_markdown(doc), encoding="utf-8")
    except OSError as exc:
        raise UsageError("err.write_failed", path=str(output), detail=exc.strerror or str(exc)) from None
    sys.stdout.write(t("export.written", ctx.lang, path=str(output)) + "\n")


# --- entry point -----------------------------------------------------------------------------------


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"gongkai {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version_callback, is_eager=True, help="显示版本 / show the version")] = False,
) -> None:
    """gongkai：实施方案任务分工台账 / the task-responsibility ledger of an implementation plan."""


def _lang_from_argv(argv: list[str]) -> Lang:
    raw: str | None = None
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            raw = argv[i + 1]
        elif arg.startswith("--lang="):
            raw = arg.split("=", 1)[1]
    try:
        return resolve_lang(raw)
    except ValueError:
        return "zh"


def report_problems(err: Console, problems: list[Problem], lang: Lang) -> None:
    from .render.problems import parsable_line

    for p in problems:
        err.print(parsable_line(p, lang), markup=False, highlight=False)


def fail(err: Console, exc: GongkaiError, lang: Lang) -> NoReturn:
    """Print a GongkaiError in the user's language and exit with its code."""
    if isinstance(exc, UnreadableError):
        report_problems(err, [exc.problem], lang)
    elif isinstance(exc, LedgerInvalid):
        report_problems(err, exc.problems, lang)
        err.print(f"{t('err.prefix', lang)}: {render(exc.key, lang, exc.args_map)}", markup=False)
    else:
        problems = getattr(exc, "problems", None)
        if problems:
            report_problems(err, problems, lang)
        err.print(f"{t('err.prefix', lang)}: {render(exc.key, lang, exc.args_map)}", markup=False)
    raise SystemExit(int(exc.exit_code))


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point: maps every outcome to the exit-code table."""
    args = list(sys.argv[1:] if argv is None else argv)
    lang = _lang_from_argv(args)
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    try:
        code = app(args=args, prog_name="gongkai", standalone_mode=False)
    except GongkaiError as exc:
        fail(err, exc, lang)
    except (KeyboardInterrupt, typer.Abort):
        raise SystemExit(130) from None
    except Exception as exc:
        # click's UsageError family (typer may vendor click, so match by shape, not by class).
        show = getattr(exc, "show", None)
        if show is None or not hasattr(exc, "exit_code"):
            raise
        show()
        no_args = type(exc).__name__ == "NoArgsIsHelpError"
        raise SystemExit(int(ExitCode.OK if no_args else ExitCode.USAGE)) from None
    raise SystemExit(int(code) if isinstance(code, int) else 0)
