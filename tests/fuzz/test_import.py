"""Mutated plan documents through `gongkai import`: a documented exit code, never a traceback or a hang."""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from .harness import DOCUMENT_SEEDS, Edit, edits, hang_seconds, mutate, run

HANG_S = hang_seconds(20.0)
# import exits 0 (a clean draft), 1 (a draft with errors), 2 (unreadable) or 3 (usage).
IMPORT_CODES = {0, 1, 2, 3}


def _office_seeds(folder: Path) -> list[Path]:
    from tests.importer.builders import SPREADSHEET_XML, WORD_XML, excel_plan, rtf_plan, word_plan

    (folder / "export.xls").write_text(SPREADSHEET_XML, encoding="utf-8")  # Excel 2003 XML under an .xls name
    (folder / "export.doc").write_text(WORD_XML, encoding="utf-8")  # Word 2003 XML under a .doc name
    return [word_plan(folder / "plan.docx"), excel_plan(folder / "plan.xlsx"), rtf_plan(folder / "plan.rtf"), folder / "export.xls", folder / "export.doc"]


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return [*DOCUMENT_SEEDS, *_office_seeds(tmp_path_factory.mktemp("seeds"))]


def mutate_document(path: Path, changes: list[Edit]) -> bytes:
    """Text formats change as bytes; a Word or Excel file changes inside its XML parts, then is zipped again."""
    data = path.read_bytes()
    if path.suffix not in (".docx", ".xlsx"):
        return mutate(data, changes)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            part = src.read(item)
            if item.filename in ("word/document.xml", "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"):
                part = mutate(part, changes)
            dst.writestr(item, part)
    return out.getvalue()


@settings(settings.get_profile("fuzz"))
@given(pick=st.integers(min_value=0, max_value=1000), changes=edits())
def test_import_survives_a_mutated_document(tmp_path: Path, seeds: list[Path], pick: int, changes: list[Edit]) -> None:
    seed = seeds[pick % len(seeds)]
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    plan = folder / f"plan{seed.suffix}"
    plan.write_bytes(mutate_document(seed, changes))
    outcome = run(["import", str(plan), "--dry-run"], seconds=HANG_S)
    assert outcome.code in IMPORT_CODES, (seed.name, outcome)
    assert "Traceback" not in outcome.stderr, (seed.name, outcome.stderr)


def test_the_office_seeds_change_inside_their_xml(tmp_path: Path) -> None:
    (word,) = [p for p in _office_seeds(tmp_path) if p.suffix == ".docx"]
    changed = mutate_document(word, [Edit("insert", 0, "\x1b")])
    with zipfile.ZipFile(io.BytesIO(changed)) as z:
        assert z.read("word/document.xml").startswith(b"\x1b")
