"""The draft the readers produce before the registry is built: sections and clauses."""

from __future__ import annotations

from dataclasses import dataclass, field

from .annotations import Responsibility
from .blocks import Note
from .deadlines import Deadline


@dataclass
class DraftSection:
    number: str
    title: str
    parent: str | None = None
    text: str | None = None


@dataclass
class DraftClause:
    number: str
    id: str
    section: str
    title: str
    text: str
    resp: Responsibility
    deadline: Deadline | None = None
    clause: int | None = None
    notes: list[Note] = field(default_factory=list)
    line: int | None = None
    row: int | None = None
    where: str | None = None  # which table or sheet, when a file has several
    note: str | None = None  # what the plan says beside the units, e.g. the lead one level up
