"""Hostile unit names, titles and notes: nothing runs, nothing escapes, everything reads back."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from html.parser import HTMLParser
from pathlib import Path

import docx
import icalendar
import openpyxl
import pytest

from gongkai.export import FORMATS, WHOLE_LEDGER_ONLY, export, export_by_unit
from gongkai.export.bulletin import build, docx_bytes, to_markdown
from gongkai.export.html import render
from gongkai.models import Ledger

from .common import AS_OF, HOSTILE_NOTE, HOSTILE_UNITS

PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def test_xlsx_has_no_formula_cell(hostile: Ledger, tmp_path: Path) -> None:
    export("xlsx", hostile, AS_OF, "zh", tmp_path / "h.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "h.xlsx")
    strings = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(PREFIXES), (cell.coordinate, cell.value)
                    strings.append(cell.value)
    # the names are all there, neutralised, on both sheets
    assert strings.count("'=cmd|' /C calc'!A0") >= 2
    assert "'+SUM(1,2)" in strings and "'-2+3" in strings and "'@SUM(A1)" in strings and "'\t=1+1" in strings
    assert "一1 =1+1" in strings  # a task title, behind its number


def test_csv_has_no_formula_cell(hostile: Ledger, tmp_path: Path) -> None:
    export("csv", hostile, AS_OF, "zh", tmp_path / "h.csv")
    rows = list(csv.reader(io.StringIO((tmp_path / "h.csv").read_text(encoding="utf-8-sig"), newline="")))
    assert len(rows) == 1 + len(HOSTILE_UNITS)
    for row in rows:
        for value in row:
            assert not value.startswith(PREFIXES), value
    assert [r[5] for r in rows[1:5]] == ["'=cmd|' /C calc'!A0", "'+SUM(1,2)", "'-2+3", "'@SUM(A1)"]
    assert rows[2][8].startswith("2018-10-01 +SUM(1,2)：")  # inside a cell a sign is harmless and kept


def test_markdown_table_cannot_be_broken(hostile: Ledger, tmp_path: Path) -> None:
    export("md", hostile, AS_OF, "zh", tmp_path / "h.md")
    text = (tmp_path / "h.md").read_text(encoding="utf-8")
    assert "<script" not in text and "<img" not in text and "</svg>" not in text
    assert "&lt;script&gt;window.\\_\\_pwned=1&lt;/script&gt;" in text
    table_lines = [line for line in text.splitlines() if line.startswith("| ")]
    # every row has exactly 8 cells: unescaped pipes would add more
    for line in table_lines:
        assert len(line.replace("\\|", "").split("|")) == 10, line


def test_json_and_ics_keep_the_names_exactly(hostile: Ledger, tmp_path: Path) -> None:
    export("json", hostile, AS_OF, "zh", tmp_path / "h.json")
    doc = json.loads((tmp_path / "h.json").read_text(encoding="utf-8"))
    assert [t["lead"] for t in doc["tasks"]] == [[n] for n in HOSTILE_UNITS]
    assert doc["tasks"][1]["updates"][0]["note"] == HOSTILE_NOTE
    export("ics", hostile, AS_OF, "zh", tmp_path / "h.ics")
    cal = icalendar.Calendar.from_ical((tmp_path / "h.ics").read_bytes())
    descriptions = [str(e["DESCRIPTION"]) for e in cal.walk("VEVENT")]
    assert len(descriptions) == len(HOSTILE_UNITS)
    for name, desc in zip(HOSTILE_UNITS, descriptions, strict=True):
        assert f"牵头单位: {name}\n" in desc


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attrs: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attrs.update(name for name, _ in attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_escapes_everything(hostile: Ledger) -> None:
    page = render(hostile, AS_OF, "zh")
    parser = _Tags()
    parser.feed(page)
    assert "script" not in parser.tags and "img" not in parser.tags and "i" not in parser.tags and "b" not in parser.tags
    assert not [a for a in parser.attrs if a.startswith("on")]
    assert "src" not in parser.attrs
    text = "".join(parser.text)
    assert '<script>window.__pwned=1</script>"标题"' in text  # the title, shown as text
    assert "&amp; <i>文号</i>" in text
    assert "Content-Security-Policy" in page and "default-src 'none'" in page


def test_bulletin_markdown_and_docx(hostile: Ledger, tmp_path: Path) -> None:
    doc = build(hostile, "2018Q4", AS_OF, "zh")
    md = to_markdown(doc)
    assert "<script" not in md and "<img" not in md
    (tmp_path / "b.docx").write_bytes(docx_bytes(doc))
    paragraphs = [p.text for p in docx.Document(str(tmp_path / "b.docx")).paragraphs]
    assert any(p.startswith("=cmd|' /C calc'!A0（1 项）") for p in paragraphs)
    assert any("../../etc/passwd" in p for p in paragraphs)


@pytest.mark.parametrize("fmt", sorted(set(FORMATS) - WHOLE_LEDGER_ONLY))
def test_by_unit_files_stay_inside_the_folder(fmt: str, hostile: Ledger, tmp_path: Path) -> None:
    root = tmp_path / "deep" / "out"
    paths = export_by_unit(fmt, hostile, AS_OF, "zh", root).paths
    assert len(paths) == len(HOSTILE_UNITS)
    written = sorted(p for p in tmp_path.rglob("*") if p.is_file() and p.name != "hostile.yaml")
    assert written == sorted(paths)
    assert all(p.parent == root.resolve() for p in written)
    assert not (tmp_path / "etc").exists() and not (tmp_path / "deep" / "etc").exists()
    # a reserved or dotted name never becomes the bare device or folder name
    stems = {p.stem.upper() for p in paths}
    assert not stems & {"CON", "COM1", "..", "."}


CONTROLS = "\x00\x01\x08\x0b\x0c\x1b[31m\x7f\u202e"


@pytest.fixture
def controlled(progress: Ledger) -> Ledger:
    """Control characters in a note, a unit name and a title, and a newline in the plan's title.

    Built by copying (no validation), as a ledger accepted by an older gongkai could hold them.
    """
    name = f"宣传{CONTROLS}部"
    units = [u.model_copy(update={"name": name}) if u.name == "宣传部" else u for u in progress.units]
    tasks = []
    for task in progress.tasks:
        updates = [u.model_copy(update={"note": f"进展{CONTROLS}", "by": name if u.by == "宣传部" else u.by}) for u in task.updates]
        lead = [name if n == "宣传部" else n for n in task.lead]
        tasks.append(task.model_copy(update={"title": f"{task.title}{CONTROLS}", "lead": lead, "updates": updates}))
    plan = progress.plan.model_copy(update={"title": "第一行\n第二行\r\n第三行" + CONTROLS})
    return progress.model_copy(update={"units": units, "tasks": tasks, "plan": plan})


@pytest.mark.parametrize("fmt", sorted(set(FORMATS) - WHOLE_LEDGER_ONLY))
def test_every_format_holds_control_characters(fmt: str, controlled: Ledger, tmp_path: Path) -> None:
    out = tmp_path / f"c{FORMATS[fmt].suffix}"
    export(fmt, controlled, AS_OF, "zh", out)
    by_unit = export_by_unit(fmt, controlled, AS_OF, "zh", tmp_path / "units")
    assert len(by_unit.paths) == 4
    if fmt == "xlsx":
        ws = openpyxl.load_workbook(out).active
        titles = [ws.cell(row=r, column=2).value for r in range(1, ws.max_row + 1)]
        assert any(isinstance(v, str) and v.endswith("\\x00\\x01\\x08\\x0b\\x0c\\x1b[31m\\x7f\\u202e") for v in titles)
    elif fmt == "ics":
        cal = icalendar.Calendar.from_ical(out.read_bytes())
        assert "\n" not in str(cal["X-WR-CALNAME"]) and "\x1b" not in str(cal["X-WR-CALNAME"])
        assert all("\x1b" not in str(e["SUMMARY"]) for e in cal.walk("VEVENT"))
    elif fmt == "json":
        doc = json.loads(out.read_text(encoding="utf-8"))
        assert doc["plan"]["title"].startswith("第一行\n第二行")  # JSON holds any text exactly
    else:
        assert "\x1b" not in out.read_text(encoding="utf-8") and "\\x1b" in out.read_text(encoding="utf-8")


def test_the_database_holds_control_characters_exactly(controlled: Ledger, tmp_path: Path) -> None:
    out = tmp_path / "c.db"
    export("sqlite", controlled, AS_OF, "zh", out)
    conn = sqlite3.connect(out)
    try:
        title = conn.execute("SELECT title FROM plans").fetchone()[0]
        units = [u for (u,) in conn.execute("SELECT unit FROM units")]
        notes = [n for (n,) in conn.execute("SELECT note FROM progress WHERE note IS NOT NULL")]
    finally:
        conn.close()
    # A database, like JSON, is not a terminal or a spreadsheet: it keeps any text exactly.
    assert title == controlled.plan.title and title.startswith("第一行\n第二行")
    assert f"宣传{CONTROLS}部" in units
    assert notes and all(n == f"进展{CONTROLS}" for n in notes)


def test_dashboard_and_bulletin_hold_control_characters(controlled: Ledger, tmp_path: Path) -> None:
    page = render(controlled, AS_OF, "zh")
    assert "\x1b" not in page and "\x00" not in page and "\\x1b[31m" in page
    doc = build(controlled, "2018Q4", AS_OF, "zh")
    (tmp_path / "b.docx").write_bytes(docx_bytes(doc))
    paragraphs = [p.text for p in docx.Document(str(tmp_path / "b.docx")).paragraphs]
    assert any("\\x1b[31m" in p for p in paragraphs)
    assert "\x1b" not in to_markdown(doc)
