"""``gongkai import``: read a plan document and draft its ledger, with provenance and doubts.

    result = import_document(Path("plan.docx"))
    result.yaml        # the draft tasks.yaml, ready to write
    result.summary     # counts and every doubt, with source lines

Readers (readers/: txt, docx, xlsx, html, pdf, legacy, rtf, spreadsheetml, wordml) turn a
file into blocks; glued.py and flattened.py find items and tables that lost their line breaks;
structure.py and tables.py turn blocks into clauses; annotations.py, deadlines.py and units.py read the parts;
build.py assembles the ledger; emit.py writes YAML. Nothing here prints.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import Problem, UsageError
from ..i18n import Lang, t
from .blocks import Block, ImportFailure, Note, ParaBlock, TableBlock
from .build import DoubtLine, Summary, assemble
from .emit import to_yaml
from .flattened import unflatten
from .limits import Limits

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text", "")
WORD_SUFFIXES = (".docx", ".docm")
EXCEL_SUFFIXES = (".xlsx", ".xlsm")
HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")
MHTML_SUFFIXES = (".mhtml", ".mht")
OLD_WORD = (".doc", ".wps")
OLD_SHEETS = (".xls", ".et")
OLD_FORMATS = (".ofd",)
MAX_BYTES = 50 * 1024 * 1024


@dataclass
class ImportResult:
    path: Path
    kind: str  # text, docx or xlsx
    encoding: str | None
    data: dict[str, Any]
    yaml: str
    summary: Summary
    plan_notes: list[str]


def render_note(n: Note, lang: Lang) -> str:
    return t(n.key, lang, **dict(n.args))


def import_document(
    path: Path, *, encoding: str | None = None, lang: Lang = "zh", today: dt.date | None = None, limits: Limits | None = None
) -> ImportResult:
    """Read ``path`` and draft its ledger. Raises ImportFailure when the file cannot be read."""
    blocks, kind, used = read_blocks(path, encoding=encoding, limits=limits or Limits())
    blocks = clean_blocks(blocks)
    if kind in ("text", "html", "mhtml", "pdf"):
        blocks = unflatten(blocks)
    draft = assemble(blocks, source=path.name, render=lambda n: render_note(n, lang), today=today or dt.date.today(), plan_id=plan_id(path))
    plan_notes = [render_note(n, lang) for n in draft.plan_notes]
    header = [
        t("import.header.generated", lang, source=path.name, kind=kind if used is None else f"{kind}, {used}"),
        t("import.header.review", lang),
        t("import.header.doubts", lang),
    ]
    return ImportResult(path, kind, used, draft.data, to_yaml(draft.data, header=header, plan_notes=plan_notes), draft.summary, plan_notes)


def read_blocks(path: Path, *, encoding: str | None = None, limits: Limits | None = None) -> tuple[list[Block], str, str | None]:
    limits = limits or Limits()
    suffix = path.suffix.lower()
    try:
        if path.is_dir():
            raise ImportFailure("import.err.directory", path=str(path))
        if not path.exists():
            raise ImportFailure("import.err.missing", path=str(path))
        if suffix in OLD_FORMATS:
            raise ImportFailure("import.err.old_format", suffix=suffix)
        if suffix in OLD_WORD or suffix in OLD_SHEETS:
            from .readers.legacy import disguise

            suffix = disguise(path, suffix in OLD_WORD) or suffix
        if suffix in WORD_SUFFIXES:
            from .readers.docx import docx_blocks

            return docx_blocks(path, limits), "docx", None
        if suffix in OLD_WORD:
            from .readers.legacy import word_blocks

            return word_blocks(path, limits), suffix.lstrip("."), None
        if suffix in OLD_SHEETS:
            from .readers.legacy import sheet_tables

            return list(sheet_tables(path, limits)), suffix.lstrip("."), None
        if suffix == ".pdf":
            from .readers.pdf import pdf_blocks

            return pdf_blocks(path, limits), "pdf", None
        if suffix in EXCEL_SUFFIXES:
            from .readers.xlsx import xlsx_tables

            return list(xlsx_tables(path, limits)), "xlsx", None
        if path.stat().st_size > MAX_BYTES:
            raise ImportFailure("import.err.too_large", size=path.stat().st_size)
        data = path.read_bytes()
    except PermissionError:
        raise ImportFailure("import.err.permission", path=str(path)) from None
    except ImportFailure:
        raise
    except OSError as exc:
        raise ImportFailure("import.err.os", path=str(path), detail=exc.strerror or str(exc)) from None
    if suffix in HTML_SUFFIXES:
        from .readers.html import html_blocks

        return html_blocks(data, limits), "html", None
    if suffix in MHTML_SUFFIXES:
        from .readers.html import mhtml_blocks

        return mhtml_blocks(data, limits), "mhtml", None
    if suffix == ".rtf":
        from .readers.rtf import rtf_blocks

        return rtf_blocks(data, limits), "rtf", None
    if suffix == ".xml":
        from .readers.spreadsheetml import is_spreadsheetml, xml_sheet_tables

        if is_spreadsheetml(data[:4096]):
            return list(xml_sheet_tables(data, limits)), "xml", None
        from .readers.wordml import is_wordml, wordml_blocks

        if is_wordml(data[:4096]):
            return wordml_blocks(data, limits), "xml", None
    if data.startswith(b"PK\x03\x04") and suffix not in TEXT_SUFFIXES[:4]:
        raise ImportFailure("import.err.unsupported", suffix=suffix or path.name)
    from .readers.txt import decode, text_blocks

    text, used = decode(data, encoding)
    return text_blocks(text), "text", used


# Control characters (other than tab and line breaks) have no place in a ledger: YAML refuses them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def clean_blocks(blocks: list[Block]) -> list[Block]:
    """Drop control characters, zero-width and bidi marks from every text a reader gave."""
    for block in blocks:
        if isinstance(block, ParaBlock):
            block.text = _CONTROL.sub("", block.text)
        elif isinstance(block, TableBlock):
            block.rows = [[_CONTROL.sub("", c) for c in row] for row in block.rows]
    return blocks


def write_ledger(path: Path, text: str, *, force: bool = False) -> None:
    """Write the draft atomically; refuse to replace an existing file unless ``force``."""
    if path.exists() and not force:
        raise UsageError("import.err.exists", path=str(path))
    from ..safewrite import write_file

    try:
        write_file(path, text.encode("utf-8"), exclusive=not force)
    except FileExistsError:
        raise UsageError("import.err.exists", path=str(path)) from None
    except OSError as exc:
        raise ImportFailure("import.err.write", path=str(path), detail=exc.strerror or str(exc)) from None


def draft_errors(result: ImportResult, path: str, *, written: bool = False) -> list[Problem]:
    """What a person must fix before the draft passes ``check`` (a clause whose lead was not found …).

    A draft just ``written`` without errors goes to the cache of validated ledgers: the first
    report on it is warm."""
    from ..loader import remember, validate_text

    checked = validate_text(result.yaml, path)
    if written and not checked.errors and checked.ledger is not None:
        remember(result.yaml.encode("utf-8"), checked.ledger)
    return checked.errors


def plan_id(path: Path) -> str:
    """A short id from the file name: shuangfeng-2018-plan.md -> shuangfeng-2018."""
    stem = re.sub(r"[-_ ]?(?:plan|方案)$", "", path.stem, flags=re.IGNORECASE)
    slug = re.sub(r"[^0-9A-Za-z\u4e00-\u9fff]+", "-", stem).strip("-").lower()
    return slug or "plan"


__all__ = ["DoubtLine", "ImportFailure", "ImportResult", "Limits", "Summary", "import_document", "read_blocks", "write_ledger"]
