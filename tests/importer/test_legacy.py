"""Older office files: .xls/.et through python-calamine, .doc/.wps through LibreOffice when it is installed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from gongkai.importer import ImportFailure

from .common import imported, tasks_by_id


def _workbook(path: Path) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    rows = [("序号", "工作任务", "牵头单位", "配合单位"), (1, "推进预算公开", "县财政局", "县直各部门"), (2, "推进审计公开", "县审计局", None)]
    for row in rows:
        sheet.append(list(row))
    sheet.append([3, "做好政策解读", "县发改委", None])
    sheet.merge_cells("D3:D4")
    sheet["D3"] = "各乡镇人民政府"
    book.save(path)
    return path


def test_an_old_excel_name_is_read_by_content(tmp_path: Path) -> None:
    # python-calamine reads the workbook by its content, so an .et or .xls saved in the newer format reads too
    path = _workbook(tmp_path / "plan.xlsx").rename(tmp_path / "plan.et")
    tasks = tasks_by_id(imported(path))
    assert tasks["1"]["lead"] == ["县财政局"] and tasks["1"]["cooperate"] == ["县直各部门"]
    assert tasks["2"]["cooperate"] == ["各乡镇人民政府"]
    assert tasks["3"]["cooperate"] == ["各乡镇人民政府"]  # from the merged range D3:D4


def test_a_damaged_old_excel_file(tmp_path: Path) -> None:
    path = tmp_path / "plan.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    with pytest.raises(ImportFailure) as info:
        imported(path)
    assert info.value.key == "import.err.bad_xls"


def test_a_word_97_file_without_libreoffice_says_how_to_save_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    for suffix in (".doc", ".wps"):
        path = tmp_path / f"plan{suffix}"
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
        with pytest.raises(ImportFailure) as info:
            imported(path)
        assert info.value.key == "import.err.need_office"
        assert info.value.args_map == {"suffix": suffix, "target": ".docx"}
