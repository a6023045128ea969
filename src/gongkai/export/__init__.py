"""What offices and leaders read: the 台账 in several formats, one list per unit, the HTML
dashboard and the 督查通报 draft.

Each format lives in its own module with a ``render(sheet) -> bytes`` function and imports its
heavy library (openpyxl, python-docx, icalendar) only when it renders, so that ``gongkai status``
never pays for them. Every file is written through :mod:`.output`: checked first, then atomic.
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, Protocol

from ..errors import UsageError
from ..i18n import Lang
from ..models import Ledger
from .output import Target, check, deliver, same_file, write_failed, write_file

if TYPE_CHECKING:
    # The CLI imports this package for FORMATS on every command: the rows come in only to export.
    from ..workspace import Workspace
    from .rows import Sheet


class Format(NamedTuple):
    module: str  # the module under gongkai.export with ``render(sheet) -> bytes`` (or ``write``, for a whole database)
    suffix: str  # the file-name ending it writes (``--by-unit`` names files with it); "" for a folder
    text: bool  # text may go to standard output (``-o -``); binary formats refuse
    also: tuple[str, ...] = ()  # other endings accepted for ``-o``
    whole: bool = False  # a database or folder of the whole ledger, written by the module's ``write`` (and ``append``)

    @property
    def suffixes(self) -> tuple[str, ...]:
        return (self.suffix, *self.also)


# The one table of formats: the CLI's choices, the file suffixes and stdout support come from it.
FORMATS: dict[str, Format] = {
    "xlsx": Format("xlsx", ".xlsx", text=False),
    "csv": Format("csv_", ".csv", text=True, also=(".txt",)),
    "md": Format("md", ".md", text=True, also=(".markdown", ".txt")),
    "json": Format("json_", ".json", text=True),
    "ics": Format("ics", ".ics", text=True),
    "sqlite": Format("sqlite", ".db", text=False, also=(".sqlite", ".sqlite3"), whole=True),
    "parquet": Format("parquet", "", text=False, whole=True),
}
# Formats that hold the whole ledger in one database or folder, never one file per unit.
WHOLE_LEDGER_ONLY = frozenset(name for name, spec in FORMATS.items() if spec.whole)


class Renderer(Protocol):
    def __call__(self, sheet: Sheet) -> bytes: ...


class Writer(Protocol):
    def __call__(self, sheet: Sheet, path: Path) -> None: ...


def renderer(fmt: str) -> Renderer:
    module = importlib.import_module(f"{__name__}.{FORMATS[fmt].module}")
    render: Renderer = module.render
    return render


def export(fmt: str, ledger: Ledger, as_of: dt.date, lang: Lang, out: Path | Target, *, append: bool = False) -> Target:
    """The whole ledger in one file (or on standard output); ``out`` is checked before any work.

    ``append`` adds the plan to an existing database (the formats with ``append``: sqlite).
    """
    from .rows import ledger_sheet

    target = out if isinstance(out, Target) else Target(out)
    spec = FORMATS[fmt]
    if spec.whole:
        _check_whole(fmt, spec, target, append)
        _write_whole(fmt, ledger_sheet(ledger, as_of, lang), target, append)
        return target
    if append:
        raise UsageError("sql.err.append_format", format=fmt)
    check(target, spec.suffixes, text=spec.text, what=fmt)
    deliver(target, renderer(fmt)(ledger_sheet(ledger, as_of, lang)))
    return target


def export_workspace(fmt: str, ws: Workspace, as_of: dt.date, lang: Lang, out: Path | Target, *, append: bool = False) -> Target:
    """Every plan of a workspace in one file (a folder for parquet), each row naming its plan."""
    from . import workspace as many

    target = out if isinstance(out, Target) else Target(out)
    if fmt not in many.WORKSPACE_FORMATS:
        raise UsageError("export.err.workspace_format", format=fmt, allowed=", ".join(many.WORKSPACE_FORMATS))
    spec = FORMATS[fmt]
    if spec.whole:
        _check_whole(fmt, spec, target, append)
        assert target.path is not None
        if append and fmt != "sqlite":
            raise UsageError("sql.err.append_format", format=fmt)
        try:
            if fmt == "sqlite":
                many.write_sqlite(many.sheets(ws, as_of, lang), target.path, append=append)
            else:
                many.write_parquet(many.sheets(ws, as_of, lang), target.path)
        except OSError as exc:
            raise write_failed(target.path, exc) from None
        return target
    if append:
        raise UsageError("sql.err.append_format", format=fmt)
    check(target, spec.suffixes, text=spec.text, what=fmt)
    pairs = many.sheets(ws, as_of, lang)
    writers = {"csv": many.csv_bytes, "md": many.md_bytes, "xlsx": many.xlsx_bytes, "ics": many.ics_bytes}
    data = many.json_bytes(pairs, as_of, lang) if fmt == "json" else writers[fmt](pairs)
    deliver(target, data)
    return target


def export_workspace_by_unit(fmt: str, ws: Workspace, as_of: dt.date, lang: Lang, directory: Path, *, force: bool = False) -> ByUnit:
    """One file per unit of a workspace inside ``directory``: its list in every plan it is in."""
    from . import workspace as many

    if fmt in WHOLE_LEDGER_ONLY:
        raise UsageError("sql.err.by_unit")
    if fmt not in many.WORKSPACE_FORMATS:
        raise UsageError("export.err.workspace_format", format=fmt, allowed=", ".join(many.WORKSPACE_FORMATS))
    files, skipped = many.files_by_unit(fmt, ws, as_of, lang)
    return ByUnit(write_unit_files(files, directory, FORMATS[fmt].suffix, force=force), skipped)


def _check_whole(fmt: str, spec: Format, target: Target, append: bool) -> None:
    """The checks of a database or folder export: a new file as for any format, or (appending)
    an existing database that is not the ledger; a folder that is not the ledger either."""
    path = target.path
    if path is None:
        raise UsageError("err.out.binary_stdout", fmt=fmt)
    if spec.suffix and not append:
        check(target, spec.suffixes, text=False, what=fmt)
    elif not target.force and target.ledger is not None and os.path.lexists(path) and same_file(path, target.ledger):
        raise UsageError("err.out.is_ledger", path=str(path))


def _write_whole(fmt: str, sheet: Sheet, target: Target, append: bool) -> None:
    assert target.path is not None
    module = importlib.import_module(f"{__name__}.{FORMATS[fmt].module}")
    write: Writer | None = getattr(module, "append" if append else "write", None)
    if write is None:
        raise UsageError("sql.err.append_format", format=fmt)
    try:
        write(sheet, target.path)
    except OSError as exc:
        raise write_failed(target.path, exc) from None


DASHBOARD = Format("html", ".html", text=True, also=(".htm",))
BULLETIN = Format("bulletin", ".md", text=True, also=(".docx",))


def dashboard(ledger: Ledger, as_of: dt.date, lang: Lang, out: Path | Target) -> Target:
    """The leaders' one-page HTML dashboard."""
    from .html import dashboard as page

    target = out if isinstance(out, Target) else Target(out)
    check(target, DASHBOARD.suffixes, text=True, what="html")
    deliver(target, page(ledger, as_of, lang))
    return target


def workspace_dashboard(ws: Workspace, as_of: dt.date, lang: Lang, out: Path | Target) -> Target:
    """One HTML page for every plan of a workspace: a row per plan, then each plan's dashboard."""
    from .workspace import dashboard as page

    target = out if isinstance(out, Target) else Target(out)
    check(target, DASHBOARD.suffixes, text=True, what="html")
    deliver(target, page(ws, as_of, lang))
    return target


def draft_bulletin(ledger: Ledger, period: str, as_of: dt.date, lang: Lang, out: Path | Target) -> Target:
    """The 督查通报 draft: Word for a ``.docx`` file, Markdown otherwise (and on standard output)."""
    from .bulletin import build, docx_bytes, to_markdown

    target = out if isinstance(out, Target) else Target(out)
    check(target, BULLETIN.suffixes, text=True, what="bulletin")
    doc = build(ledger, period, as_of, lang)
    is_docx = target.path is not None and target.path.suffix.lower() == ".docx"
    deliver(target, docx_bytes(doc) if is_docx else to_markdown(doc).encode("utf-8"))
    return target


@dataclass(frozen=True)
class ByUnit:
    """What ``--by-unit`` wrote: one file per unit with something to list."""

    paths: list[Path]
    skipped: list[str]  # external units that no task reaches: no empty file for them


def export_by_unit(fmt: str, ledger: Ledger, as_of: dt.date, lang: Lang, directory: Path, *, force: bool = False) -> ByUnit:
    """One file per registered unit inside ``directory``, named safely whatever the unit is called."""
    from .rows import sheets_by_unit

    if fmt in WHOLE_LEDGER_ONLY:
        raise UsageError("sql.err.by_unit")
    sheets, skipped = sheets_by_unit(ledger, as_of, lang)
    render = renderer(fmt)
    written = write_unit_files({s.unit or "": render(s) for s in sheets}, directory, FORMATS[fmt].suffix, force=force)
    return ByUnit(written, skipped)


def write_unit_files(files: dict[str, bytes], directory: Path, suffix: str, *, force: bool = False) -> list[Path]:
    """One file per unit inside ``directory`` (made if needed), named safely whatever the unit is called.

    Every name is checked before the first file is written: a symlink in the folder is refused
    (whatever ``force`` says), an existing file only replaced with ``force``.
    """
    from .safe import unit_files

    if directory.exists() and not directory.is_dir():
        raise UsageError("err.not_a_directory", path=str(directory))
    paths = unit_files(list(files), directory, suffix)
    for path in paths.values():
        if os.path.islink(path):
            raise UsageError("err.out.symlink", path=str(path))
        if os.path.lexists(path) and not force:
            raise UsageError("err.out.exists", path=str(path))
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise write_failed(directory, exc) from None
    written = []
    for unit, data in files.items():
        path = paths[unit]
        try:
            write_file(path, data)
        except OSError as exc:
            raise write_failed(path, exc) from None
        written.append(path)
    return written


__all__ = ["BULLETIN", "DASHBOARD", "FORMATS", "WHOLE_LEDGER_ONLY", "ByUnit", "Format", "Target", "dashboard", "draft_bulletin", "export", "export_by_unit", "export_workspace", "export_workspace_by_unit", "renderer", "workspace_dashboard", "write_unit_files"]
