"""What every reader hands on: paragraphs and tables, each with its place in the source."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import ExitCode, GongkaiError


class ImportFailure(GongkaiError):
    """The document cannot be read at all (missing, undecodable, not a plan we can read)."""

    exit_code = ExitCode.UNREADABLE


@dataclass
class ParaBlock:
    """One source line of text (or one Word paragraph).

    ``bold`` holds character ranges that the source marked bold; a bold run right after
    an item's number is its heading. ``heading`` is set when markup says so (``#`` or a
    Word heading style).
    """

    text: str
    line: int
    heading: bool = False
    bold: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class TableBlock:
    """A table: rows of cell texts; each row's source line (text) or row number (sheet, Word)."""

    rows: list[list[str]]
    lines: list[int | None]
    rows_at: list[int | None]
    label: str | None
    notes: list[list[Note]] = field(default_factory=list)  # doubts a reader had about each row


@dataclass
class HeaderBlock:
    """A metadata header above the text (标题: / 发布时间: / 文号: / 发布机构:), as key and value."""

    fields: dict[str, str]
    line: int


Block = ParaBlock | TableBlock | HeaderBlock


@dataclass(frozen=True)
class Note:
    """A doubt for a person to resolve: a catalog key and its arguments (i18n renders it)."""

    key: str
    args: tuple[tuple[str, str], ...] = ()
    field: str | None = None


def note(key: str, field: str | None = None, **args: object) -> Note:
    return Note(key, tuple((k, str(v)) for k, v in args.items()), field)
