"""docs/sql.md cannot drift: every table and column is documented, and every example query gives
the result the doc shows, on the database exported from the fixture ledgers."""

from __future__ import annotations

import re
import sqlite3

import pytest

from gongkai.export.sqlite import TABLES, VIEWS

from ..support import ROOT

DOC = ROOT / "docs" / "sql.md"
TEXT = DOC.read_text(encoding="utf-8")
SCHEMA = TEXT.split("\n## Schema\n", 1)[1].split("\n## Ten questions", 1)[0]
QUESTIONS = TEXT.split("\n## Ten questions", 1)[1].split("\n## ", 1)[0]


def _sections(text: str) -> dict[str, str]:
    """Each ``### heading`` and the text under it."""
    parts = re.split(r"^### (.+)$", text, flags=re.M)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts), 2)}


def _ticked(text: str) -> set[str]:
    return set(re.findall(r"`([a-z_]+)`", text))


def test_every_table_and_column_is_documented() -> None:
    columns_of = {"gongkai_meta": {"key", "value"}, **{t.name: set(t.column_names) for t in TABLES}}
    seen: set[str] = set()
    for heading, body in _sections(SCHEMA).items():
        tables = _ticked(heading)
        if not tables:
            continue
        documented = {c for line in body.splitlines() if line.startswith("| `") for c in _ticked(line.split("|")[1])}
        known = set().union(*(columns_of[name] for name in tables))
        assert documented == known, f"{heading}: undocumented {known - documented}, unknown {documented - known}"
        seen |= tables
    assert seen == set(columns_of)


def test_every_view_column_is_documented(city: sqlite3.Connection) -> None:
    views = _sections(SCHEMA)["Views"]
    for view in VIEWS:
        paragraph = next(p for p in views.split("\n\n") if p.startswith(f"`{view}`"))
        columns = [row[1] for row in city.execute(f"PRAGMA table_info({view})")]
        assert _ticked(paragraph) == {view, *columns}


def _examples() -> list[tuple[str, str, list[str], list[list[str]]]]:
    out = []
    for heading, body in _sections(QUESTIONS).items():
        sql = body.split("```sql\n", 1)[1].split("```", 1)[0]
        after = body.split("```sql\n", 1)[1].split("```", 1)[1]
        lines = [ln for ln in after.splitlines() if ln.startswith("|")]
        header = [c.strip() for c in lines[0].strip("|").split("|")]
        rows = [[c.strip() for c in ln.strip("|").split("|")] for ln in lines[2:]]
        out.append((heading, sql, header, rows))
    return out


def test_the_doc_has_ten_questions() -> None:
    headings = [h for h, *_ in _examples()]
    assert [h.split(".")[0] for h in headings] == [str(i) for i in range(1, 11)]


@pytest.mark.parametrize(("heading", "sql", "header", "rows"), _examples(), ids=[e[0].split(".")[0] for e in _examples()])
def test_example_query_gives_the_documented_rows(heading: str, sql: str, header: list[str], rows: list[list[str]], city: sqlite3.Connection) -> None:
    cursor = city.execute(sql)
    got = [["NULL" if v is None else str(v) for v in row] for row in cursor.fetchall()]
    assert [d[0] for d in cursor.description] == header
    assert rows, "every example shows at least one row"
    assert got == rows
