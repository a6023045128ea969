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
from .output import Target, check, deliver, write_failed, write_file

if TYPE_CHECKING:
    # The CLI imports this package for FORMATS on every command: the rows come in only to export.
    from .rows import Sheet


class Format(NamedTuple):
    module: str  # the module under gongkai.export with ``render(sheet) -> bytes``
    suffix: str  # the file-name ending it writes (``--by-unit`` names files with it)
    text: bool  # text may go to standard output (``-o -``); binary formats refuse
    also: tuple[str, ...] = ()  # other endings accepted for ``-o``

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
}


class Renderer(Protocol):
    def __call__(self, sheet: Sheet) -> bytes: ...


def renderer(fmt: str) -> Renderer:
    module = importlib.import_module(f"{__name__}.{FORMATS[fmt].module}")
    render: Renderer = module.render
    return render


def export(fmt: str, ledger: Ledger, as_of: dt.date, lang: Lang, out: Path | Target) -> Target:
    """The whole ledger in one file (or on standard output); ``out`` is checked before any work."""
    from .rows import ledger_sheet

    target = out if isinstance(out, Target) else Target(out)
    spec = FORMATS[fmt]
    check(target, spec.suffixes, text=spec.text, what=fmt)
    deliver(target, renderer(fmt)(ledger_sheet(ledger, as_of, lang)))
    return target


DASHBOARD = Format("html", ".html", text=True, also=(".htm",))
BULLETIN = Format("bulletin", ".md", text=True, also=(".docx",))


def dashboard(ledger: Ledger, as_of: dt.date, lang: Lang, out: Path | Target) -> Target:
    """The leaders' one-page HTML dashboard."""
    from .html import dashboard as page

    target = out if isinstance(out, Target) else Target(out)
    check(target, DASHBOARD.suffixes, text=True, what="html")
    deliver(target, page(ledger, as_of, lang))
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


__all__ = ["BULLETIN", "DASHBOARD", "FORMATS", "ByUnit", "Format", "Target", "dashboard", "draft_bulletin", "export", "export_by_unit", "renderer", "write_unit_files"]
