"""Documents in and out: import a plan; export the ledger, the dashboard and the bulletin."""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import UsageError
from ..export import FORMATS as EXPORT_FORMATS
from ..export.output import Target
from ..i18n import join, t
from .app import AsOfOpt, Ctx, FileOpt, ForceOpt, LangOpt, OutputOpt, _both, app, ledger_path, load, report_problems
from .listing import FilterArg, complete_period


@app.command("import", help=_both("cmd.import"))
def import_(
    plan: Annotated[Path, typer.Argument(help=_both("import.arg.plan"), show_default=False)],
    output: Annotated[Path, typer.Option("--output", "-o", help=_both("import.opt.output"))] = Path("tasks.yaml"),
    dry_run: Annotated[bool, typer.Option("--dry-run", help=_both("import.opt.dry_run"))] = False,
    encoding: Annotated[str | None, typer.Option("--encoding", help=_both("import.opt.encoding"), show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help=_both("import.opt.force"))] = False,
    max_cells: Annotated[int, typer.Option("--max-cells", min=1, help=_both("import.opt.max_cells"))] = 200_000,
    max_paragraphs: Annotated[int, typer.Option("--max-paragraphs", min=1, help=_both("import.opt.max_paragraphs"))] = 50_000,
    max_bytes: Annotated[int, typer.Option("--max-bytes", min=1, help=_both("import.opt.max_bytes"))] = 200 * 1024 * 1024,
    lang: LangOpt = None,
) -> None:
    from rich.text import Text

    from ..diagnose import exit_code_for
    from ..importer import Limits, draft_errors, import_document, write_ledger
    from ..importer.report import summary_lines

    ctx = Ctx(lang)
    to_stdout = str(output) == "-"
    if not dry_run and not to_stdout and output.exists() and not force:
        raise UsageError("import.err.exists", path=str(output))
    result = import_document(plan, encoding=encoding, lang=ctx.lang, limits=Limits(max_cells, max_paragraphs, max_bytes))
    lines = summary_lines(result, ctx.lang)
    if dry_run or to_stdout:
        # The draft on standard output, the summary beside it on standard error.
        sys.stdout.write(result.yaml)
        for line in [*lines, t("import.summary.dry_run" if dry_run else "import.summary.stdout", ctx.lang)]:
            ctx.err.print(Text(line), soft_wrap=True)
        if dry_run:
            return
    else:
        write_ledger(output, result.yaml, force=force)
        for line in [*lines, t("import.summary.written", ctx.lang, path=str(output))]:
            ctx.out.print(Text(line), soft_wrap=True)
    errors = draft_errors(result, str(output), written=not (dry_run or to_stdout))
    if errors:
        report_problems(ctx.err, errors, ctx.lang)
        raise SystemExit(int(exit_code_for(errors)))


if TYPE_CHECKING:
    ExportFormat = str
else:
    # The --format choices are the export registry's keys, as for check's reporters.
    ExportFormat = enum.Enum("ExportFormat", {name: name for name in EXPORT_FORMATS}, type=str)


def _target(output: Path, force: bool, file: Path | None) -> tuple[Target, Path]:
    path = ledger_path(file)
    return Target.parse(output, force=force, ledger=path), path


def _written(ctx: Ctx, target: Target) -> None:
    """Say where the file went; nothing on standard output when the document itself went there."""
    if target.path is not None:
        ctx.say(t("export.written", ctx.lang, path=str(target.path)))


@app.command(help=_both("cmd.export"))
def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", help=_both("opt.export_format"), show_default=False)],
    output: OutputOpt = None,
    by_unit: Annotated[Path | None, typer.Option("--by-unit", metavar="DIR", help=_both("opt.by_unit"), show_default=False)] = None,
    force: ForceOpt = False,
    words: FilterArg = None,
    append: Annotated[bool, typer.Option("--append", help=_both("sql.opt.append"))] = False,
    file: FileOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
) -> None:
    from ..export import export as export_ledger
    from ..export import export_by_unit
    from ..filters import narrow

    ctx = Ctx(lang, as_of)
    fmt_name = str(getattr(fmt, "value", fmt))
    if (output is None) == (by_unit is None):
        raise UsageError("err.export_target")
    if append and by_unit is not None:
        raise UsageError("sql.err.append_by_unit")
    if by_unit is not None:
        done = export_by_unit(fmt_name, narrow(load(file), ctx.as_of, words or []), ctx.as_of, ctx.lang, by_unit, force=force)
        ctx.say(t("export.written_dir", ctx.lang, n=len(done.paths), path=str(by_unit)))
        if done.skipped:
            ctx.say(t("export.skipped_external", ctx.lang, n=len(done.skipped), names=join(done.skipped, ctx.lang)))
        return
    assert output is not None
    target, path = _target(output, force, file)
    _written(ctx, export_ledger(fmt_name, narrow(load(path), ctx.as_of, words or []), ctx.as_of, ctx.lang, target, append=append))


@app.command(help=_both("cmd.dashboard"))
def dashboard(
    output: OutputOpt = None,
    force: ForceOpt = False,
    file: FileOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
    words: FilterArg = None,
) -> None:
    from ..export import dashboard as write_dashboard
    from ..filters import narrow

    ctx = Ctx(lang, as_of)
    target, path = _target(output or Path("-"), force, file)
    _written(ctx, write_dashboard(narrow(load(path), ctx.as_of, words or []), ctx.as_of, ctx.lang, target))


def report_dashboard(html: Path, file: Path | None, as_of: str | None, lang: str | None) -> None:
    """The old spelling ``report --html FILE``: still works for one release, with a note."""
    ctx = Ctx(lang, as_of)
    ctx.err.print(t("warn.deprecated", ctx.lang, old="gongkai report --html FILE", new="gongkai dashboard -o FILE"), markup=False, soft_wrap=True)
    dashboard(html, False, file, as_of, lang)


@app.command(help=_both("cmd.bulletin"))
def bulletin(
    period: Annotated[str, typer.Option("--period", help=_both("opt.bulletin_period"), show_default=False, autocompletion=complete_period)],
    output: Annotated[Path | None, typer.Option("--output", "-o", metavar="FILE", help=_both("opt.bulletin_output"), show_default=False)] = None,
    force: ForceOpt = False,
    file: FileOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
) -> None:
    from ..export import draft_bulletin
    from ..export.bulletin import period_end

    end = period_end(period)
    ctx = Ctx(lang, as_of if as_of is not None else end.isoformat())
    target, path = _target(output or Path("-"), force, file)
    _written(ctx, draft_bulletin(load(path), period, ctx.as_of, ctx.lang, target))
