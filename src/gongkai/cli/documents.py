"""Documents in and out: import a plan; export the ledger, the dashboard and the bulletin."""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import ExitCode, UsageError
from ..export import FORMATS as EXPORT_FORMATS
from ..i18n import t
from .app import AsOfOpt, Ctx, FileOpt, LangOpt, _both, app, load, report_problems


@app.command("import")
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
    """读取实施方案，生成任务分工台账草稿 / Read a plan (txt, md, html, pdf, docx, xlsx, doc, xls) and draft its ledger (docs/import.md)."""
    from rich.text import Text

    from ..importer import Limits, import_document, write_ledger
    from ..importer.report import summary_lines
    from ..loader import validate_text

    ctx = Ctx(lang)
    if not dry_run and output.exists() and not force:
        raise UsageError("import.err.exists", path=str(output))
    result = import_document(plan, encoding=encoding, lang=ctx.lang, limits=Limits(max_cells, max_paragraphs, max_bytes))
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
    from ..export import export as export_ledger
    from ..export import export_by_unit

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
    from ..export.html import write_dashboard

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
    from ..export.bulletin import build, period_end, to_markdown, write_docx

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
