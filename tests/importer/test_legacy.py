"""Older office files: .xls/.et through python-calamine, .doc/.wps through LibreOffice when it is installed."""

from __future__ import annotations

import datetime as dt
import os
import resource
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from gongkai.importer import ImportFailure
from gongkai.loader import validate

from ..support import IMPORTER_FIXTURES, Run
from .builders import SPREADSHEET_XML, WORD_XML, word_plan
from .common import imported, tasks_by_id

# A genuine BIFF8 workbook (Excel 97-2003) written by xlwt, and the same bytes under WPS's .et name:
# see fixtures/make_xls.py.
OLD_EXCEL = [IMPORTER_FIXTURES / "xihe-2023-tasks.xls", IMPORTER_FIXTURES / "xihe-2023-tasks.et"]


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


@pytest.mark.parametrize("path", OLD_EXCEL, ids=lambda p: p.suffix)
def test_a_genuine_old_excel_task_table(path: Path) -> None:
    result = imported(path)
    assert result.kind == path.suffix.lstrip(".")
    assert result.data["plan"]["title"] == "西河县2023年政务公开重点任务分工表"  # the merged title row
    assert result.data["sections"] == [{"number": "一", "title": "推进决策公开"}, {"number": "二", "title": "加强政务公开平台建设"}]
    got = [(t["id"], t["section"], t["text"], t["lead"], t.get("cooperate", []), t["due_text"], t["source"]) for t in result.data["tasks"]]
    source = path.name
    assert got == [
        ("1-1", "一", "推进重大决策预公开", ["县司法局"], ["县直各单位"], "2023年6月底前", {"file": source, "row": 4}),
        # the lead cell is merged over rows 4 and 5
        ("1-2", "一", "邀请公众代表列席县政府常务会议", ["县司法局"], ["县政府办公室"], "长期坚持", {"file": source, "row": 5}),
        ("2-3", "二", "办好县政府门户网站", ["县政府办公室", "县融媒体中心"], [], "2023年12月31日前", {"file": source, "row": 7}),
        ("2-4", "二", "规范政务新媒体管理", ["县委网信办"], ["县直有关部门", "各乡镇人民政府"], "每季度", {"file": source, "row": 8}),
    ]
    tasks = tasks_by_id(result)
    assert (tasks["1-1"]["due"], tasks["1-2"]["ongoing"], tasks["2-3"]["due"], tasks["2-4"]["repeat"]) == (
        dt.date(2023, 6, 30), True, dt.date(2023, 12, 31), "quarterly"
    )
    assert [u["name"] for u in result.data["units"]] == ["县司法局", "县政府办公室", "县融媒体中心", "县委网信办"]
    assert [g["name"] for g in result.data["groups"]] == ["县直各单位", "县直有关部门", "各乡镇人民政府"]


@pytest.mark.parametrize("path", OLD_EXCEL, ids=lambda p: p.suffix)
def test_import_writes_the_old_excel_plan(run: Run, tmp_path: Path, path: Path) -> None:
    out = tmp_path / "tasks.yaml"
    result = run("import", path, "-o", out, "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert "2 sections, 4 clauses, 4 units, 3 groups, 4 deadlines parsed, 2 doubts." in result.stdout
    assert validate(out).errors == []


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


def test_a_damaged_old_excel_file_through_the_command(run: Run, tmp_path: Path) -> None:
    # a real workbook whose sectors were overwritten: the header survives, the rest does not
    data = bytearray(OLD_EXCEL[0].read_bytes())
    data[512:] = b"\xff" * (len(data) - 512)
    for suffix in (".xls", ".et"):
        path = tmp_path / f"plan{suffix}"
        path.write_bytes(bytes(data))
        result = run("import", path, "-o", tmp_path / "tasks.yaml", "--lang", "en")
        assert result.exit_code == 2
        assert result.stderr.startswith("error: cannot read the old Excel file (")
        assert "it may be damaged or password-protected; save it as .xlsx and import that." in result.stderr
        assert "Traceback" not in result.stderr and not (tmp_path / "tasks.yaml").exists()


def test_a_doc_that_is_really_a_docx_needs_no_libreoffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    real = imported(word_plan(tmp_path / "nanhu.docx"))
    for suffix in (".doc", ".wps"):
        result = imported(word_plan(tmp_path / f"nanhu{suffix}"))
        assert result.kind == "docx"
        assert result.data["tasks"] == [dict(t, source={**t["source"], "file": f"nanhu{suffix}" + t["source"]["file"][len("nanhu.docx"):]}) for t in real.data["tasks"]]


# What web systems export as "Excel": an HTML table under an .xls name, in GBK.
EXPORTED_TABLE = """<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head>
<meta http-equiv="Content-Type" content="text/html; charset=gbk"></head><body>
<table border="1"><tr><td>序号</td><td>工作任务</td><td>牵头单位</td><td>配合单位</td><td>完成时限</td></tr>
<tr><td>1</td><td>推进预算公开</td><td>县财政局</td><td>县直各部门</td><td>2023年6月底前</td></tr>
<tr><td>2</td><td>推进审计结果公开</td><td>县审计局</td><td>&nbsp;</td><td>长期坚持</td></tr>
</table></body></html>"""


@pytest.mark.parametrize("prefix", ["", '<?xml version="1.0" encoding="gbk"?>\r\n<!-- exported -->\r\n'])
def test_an_xls_that_is_really_a_web_page_table(tmp_path: Path, prefix: str) -> None:
    path = tmp_path / "export.xls"
    path.write_bytes((prefix + EXPORTED_TABLE).encode("gbk"))
    result = imported(path)
    assert result.kind == "html"
    got = [(t["id"], t["text"], t["lead"], t.get("cooperate", []), t["due_text"]) for t in result.data["tasks"]]
    assert got == [("1", "推进预算公开", ["县财政局"], ["县直各部门"], "2023年6月底前"), ("2", "推进审计结果公开", ["县审计局"], [], "长期坚持")]


def test_a_doc_that_is_really_a_saved_web_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    page = "<html><body><p>一、推进决策公开</p><p>1.推进重大决策预公开。（牵头单位：县司法局；配合单位：县直各单位）</p></body></html>"
    mime = (
        b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="B"\r\n\r\n--B\r\n'
        b"Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + page.encode("utf-8") + b"\r\n--B--\r\n"
    )
    for name, data, kind in (("page.doc", page.encode("utf-8"), "html"), ("saved.doc", mime, "mhtml")):
        path = tmp_path / name
        path.write_bytes(data)
        result = imported(path)
        assert result.kind == kind
        assert [(t["id"], t["lead"], t["cooperate"]) for t in result.data["tasks"]] == [("1-1", ["县司法局"], ["县直各单位"])]


@pytest.mark.parametrize("name", ["export.xls", "export.et", "saved.xml"])
def test_an_excel_2003_xml_workbook(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(SPREADSHEET_XML, encoding="utf-8")
    result = imported(path)
    assert result.kind == "xml"
    assert result.data["plan"]["title"] == "西河县2023年政务公开重点任务分工表"
    got = [(t["id"], t["text"], t["lead"], t.get("cooperate", []), t["due_text"], t["source"]["row"]) for t in result.data["tasks"]]
    # the lead cell merged down over two rows; ss:Index leaves the 配合单位 of row 4 empty
    assert got == [("1", "推进预算公开", ["县财政局"], ["县直各部门"], "2023年6月底前", 3), ("2", "推进决算公开", ["县财政局"], [], "长期坚持", 4)]


def test_a_broken_or_hostile_excel_2003_xml_workbook(tmp_path: Path) -> None:
    path = tmp_path / "export.xls"
    path.write_text(SPREADSHEET_XML[:-40], encoding="utf-8")
    with pytest.raises(ImportFailure) as info:
        imported(path)
    assert info.value.key == "import.err.bad_xls"
    path.write_text(SPREADSHEET_XML.replace('ss:MergeDown="1"', 'ss:MergeDown="100000000"'), encoding="utf-8")
    with pytest.raises(ImportFailure) as info:
        imported(path)
    assert info.value.key == "import.err.limit"
    entity = SPREADSHEET_XML.replace("<?mso", '<!DOCTYPE W [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<?mso').replace("推进预算公开", "&e;")
    path.write_text(entity, encoding="utf-8")
    assert "root:" not in imported(path).yaml  # an external entity is not read


@pytest.mark.parametrize("name", ["export.doc", "export.wps", "saved.xml"])
def test_a_word_2003_xml_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)  # no LibreOffice needed
    path = tmp_path / name
    path.write_text(WORD_XML, encoding="utf-8")
    result = imported(path)
    assert result.kind == "xml"
    got = [(t["id"], t["title"], t["lead"], t.get("cooperate", [])) for t in result.data["tasks"]]
    assert got == [
        ("1-1", "推进重大决策预公开", ["县司法局"], ["县直各单位"]),  # the bold run is the item's title
        ("t1-1", "办好政府网站", ["县政府办公室"], ["县直各部门"]),
        ("t1-2", "管好政务新媒体", ["县政府办公室"], ["县委网信办", "县融媒体中心"]),  # vmerge continues the lead
        ("t1-3", "公开财政预决算", ["县财政局"], []),  # one cell spanning both unit columns: the unit responsible
    ]
    assert "县页眉局" not in {u["name"] for u in result.data["units"]}


def _looping(path: Path) -> Path:
    """The genuine workbook with its directory's chain of sectors made to loop back on itself."""
    data = bytearray(OLD_EXCEL[0].read_bytes())
    fat_sector, directory = struct.unpack_from("<I", data, 0x4C)[0], struct.unpack_from("<I", data, 0x30)[0]
    struct.pack_into("<I", data, 512 * (fat_sector + 1) + 4 * directory, directory)
    path.write_bytes(bytes(data))
    return path


def _capped() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))  # if the reader ran in this process, it would die, not the machine


def test_a_workbook_whose_sectors_loop_is_refused_not_followed(tmp_path: Path) -> None:
    # python-calamine follows such a chain until memory runs out and the process aborts: it runs apart
    path = _looping(tmp_path / "plan.xls")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run(
        [sys.executable, "-m", "gongkai", "import", str(path), "--dry-run", "--lang", "en"],
        capture_output=True, text=True, timeout=120, env=env, preexec_fn=_capped, check=False,
    )
    assert done.returncode == 2, done.stderr[-2000:]
    assert done.stderr.startswith("error: cannot read the old Excel file (the reader stopped (exit ")
    assert done.stderr.endswith("it may be damaged or password-protected; save it as .xlsx and import that.\n")
