"""What offices and leaders read: the 台账 in several formats, one list per unit, the HTML
dashboard and the 督查通报 draft.

Each format lives in its own module and imports its heavy library (openpyxl, python-docx,
icalendar) only when it writes, so that ``gongkai status`` never pays for them.
"""

from __future__ import annotations

import datetime as dt
import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from ..errors import UsageError
from ..i18n import Lang
from ..models import Ledger

if TYPE_CHECKING:
    # The CLI imports this package for FORMATS on every command: the rows come in only to export.
    from .rows import Sheet

# The one table of formats: the CLI's choices and the file suffixes come from it.
FORMATS: dict[str, tuple[str, str]] = {
    "xlsx": ("xlsx", ".xlsx"),
    "csv": ("csv_", ".csv"),
    "md": ("md", ".md"),
    "json": ("json_", ".json"),
    "ics": ("ics", ".ics"),
    "sqlite": ("sqlite", ".db"),
    "parquet": ("parquet", ""),
}
# Formats that hold the whole ledger in one database or folder, never one file per unit.
WHOLE_LEDGER_ONLY = frozenset({"sqlite", "parquet"})


class Writer(Protocol):
    def __call__(self, sheet: Sheet, path: Path) -> None: ...


def writer(fmt: str) -> Writer:
    module = importlib.import_module(f"{__name__}.{FORMATS[fmt][0]}")
    write: Writer = module.write
    return write


def appender(fmt: str) -> Writer:
    """The format's ``append`` (add to an existing file), for the formats that have one."""
    module = importlib.import_module(f"{__name__}.{FORMATS[fmt][0]}")
    add: Writer | None = getattr(module, "append", None)
    if add is None:
        raise UsageError("sql.err.append_format", format=fmt)
    return add


def _write(fmt: str, sheet: Sheet, path: Path, append: bool = False) -> None:
    try:
        if append:
            appender(fmt)(sheet, path)
        else:
            writer(fmt)(sheet, path)
    except OSError as exc:
        raise UsageError("err.write_failed", path=str(path), detail=exc.strerror or str(exc)) from None


def export(fmt: str, ledger: Ledger, as_of: dt.date, lang: Lang, out: Path, *, append: bool = False) -> Path:
    from .rows import ledger_sheet

    _write(fmt, ledger_sheet(ledger, as_of, lang), out, append)
    return out


def export_by_unit(fmt: str, ledger: Ledger, as_of: dt.date, lang: Lang, directory: Path) -> list[Path]:
    """One file per registered unit inside ``directory``, named safely whatever the unit is called."""
    from .rows import unit_sheet, unit_views
    from .safe import unit_files

    if fmt in WHOLE_LEDGER_ONLY:
        raise UsageError("sql.err.by_unit")
    if directory.exists() and not directory.is_dir():
        raise UsageError("err.not_a_directory", path=str(directory))
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError("err.write_failed", path=str(directory), detail=exc.strerror or str(exc)) from None
    views = unit_views(ledger, as_of)
    paths = unit_files([v.name for v in views], directory, FORMATS[fmt][1])
    written = []
    for view in views:
        path = paths[view.name]
        _write(fmt, unit_sheet(ledger, view, as_of, lang), path)
        written.append(path)
    return written
