"""Hostile office files: each limit is refused with a message naming it and the option that raises it."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from gongkai.importer import ImportFailure, Limits

from ..support import Run
from .common import imported


def _xlsx(path: Path, *, far_cell: bool = False, merge: str | None = None) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A1"] = "工作任务"
    sheet["B1"] = "牵头单位"
    sheet["A2"] = "1.推进公开"
    sheet["B2"] = "区财政局"
    if far_cell:
        sheet["XFD1048576"] = "x"
    book.save(path)
    if merge:
        # written into the XML directly: openpyxl itself would expand the range while writing
        with zipfile.ZipFile(path) as src:
            parts = {i.filename: src.read(i) for i in src.infolist()}
        sheet_xml = parts["xl/worksheets/sheet1.xml"].decode()
        sheet_xml = sheet_xml.replace("</sheetData>", f'</sheetData><mergeCells count="1"><mergeCell ref="{merge}"/></mergeCells>')
        parts["xl/worksheets/sheet1.xml"] = sheet_xml.encode()
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
            for name, data in parts.items():
                dst.writestr(name, data)
    return path


def _refused(path: Path, option: str) -> None:
    with pytest.raises(ImportFailure) as info:
        imported(path)
    assert info.value.key == "import.err.limit"
    assert info.value.args_map["option"] == option
    assert info.value.exit_code == 2


def test_a_used_range_to_the_last_cell_is_refused(tmp_path: Path) -> None:
    _refused(_xlsx(tmp_path / "far.xlsx", far_cell=True), "--max-cells")


def test_a_merged_range_to_the_last_cell_is_refused(tmp_path: Path) -> None:
    _refused(_xlsx(tmp_path / "merge.xlsx", merge="A1:XFD1048576"), "--max-cells")


def test_an_ordinary_sheet_passes_the_limits(tmp_path: Path) -> None:
    result = imported(_xlsx(tmp_path / "ok.xlsx", merge="A3:B3"))
    assert result.data["tasks"][0]["lead"] == ["区财政局"]


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "bomb.xlsx")
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", b"\0" * (3 * 1024 * 1024))
    with pytest.raises(ImportFailure) as info:
        imported(path, limits=Limits(bytes=1024 * 1024))
    assert info.value.args_map["option"] == "--max-bytes"


def test_a_word_file_with_too_many_paragraphs_is_refused(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    for i in range(300):
        document.add_paragraph(f"第{i}段。")
    document.save(str(tmp_path / "long.docx"))
    with pytest.raises(ImportFailure) as info:
        imported(tmp_path / "long.docx", limits=Limits(paragraphs=200))
    assert info.value.args_map["option"] == "--max-paragraphs"


def test_the_limit_message_names_the_option(run: Run, tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "far.xlsx", far_cell=True)
    r = run("import", str(path), "--dry-run", "--lang", "en")
    assert r.exit_code == 2
    assert "the number of table cells exceeds the limit of 200000" in r.stderr
    assert "--max-cells" in r.stderr
    small = _xlsx(tmp_path / "small.xlsx")
    assert run("import", str(small), "--dry-run", "--max-cells", "3").exit_code == 2
    assert run("import", str(small), "--dry-run", "--max-cells", "4").exit_code == 0
