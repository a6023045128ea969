"""Limits that keep a hostile or broken file from exhausting memory or time.

Each limit names the option that raises it; a file over a limit is refused with exit 2.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..i18n import Term
from .blocks import ImportFailure


@dataclass(frozen=True)
class Limits:
    cells: int = 200_000  # table cells after expanding merged ranges (rowspan, colspan, Excel merges)
    paragraphs: int = 50_000  # paragraphs or lines of text
    bytes: int = 200 * 1024 * 1024  # uncompressed size of the parts of a .docx/.xlsx, or of a file read whole


OPTIONS = {"cells": "--max-cells", "paragraphs": "--max-paragraphs", "bytes": "--max-bytes"}
_NAMES = {"cells": "import.limit.cells", "paragraphs": "import.limit.paragraphs", "bytes": "import.limit.bytes"}


def exceeded(what: str, limit: int) -> ImportFailure:
    return ImportFailure("import.err.limit", what=Term(_NAMES[what]), limit=limit, option=OPTIONS[what])


def check(what: str, value: int, limits: Limits) -> None:
    limit = getattr(limits, what)
    if value > limit:
        raise exceeded(what, limit)


def check_zip(path: Path, limits: Limits) -> None:
    """Refuse a .docx/.xlsx whose parts would unpack to more than the byte limit (a zip bomb).

    zipfile reads no more than each member's stated size, so the stated sizes bound the work.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # the reader reports a broken file in its own words
    check("bytes", total, limits)


__all__ = ["OPTIONS", "Limits", "check", "check_zip", "exceeded"]
