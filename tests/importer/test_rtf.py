"""Rich Text Format, as sites serve it under a .doc name and as .rtf: paragraphs and tables."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from gongkai.importer import ImportFailure

from ..support import Run
from .builders import rtf_plan as plan_rtf
from .common import imported, tasks_by_id


@pytest.mark.parametrize("suffix", [".rtf", ".doc", ".wps"])
def test_a_rich_text_plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)  # no LibreOffice needed
    result = imported(plan_rtf(tmp_path / f"xihe{suffix}"))
    assert result.kind == "rtf"
    plan = result.data["plan"]
    assert (plan["title"], str(plan["issued"])) == ("西河县2023年政务公开工作实施方案", "2023-03-01")
    got = [(t["id"], t["text"], t["lead"], t.get("cooperate", [])) for t in result.data["tasks"]]
    assert got == [
        ("1-1", "重大决策草案向社会公开征求意见。", ["县司法局"], ["县直各单位"]),
        ("1-2", "做好政策解读。", ["县政府办公室", "县融媒体中心"], []),  # written as \\uN
        ("t1-1", "办好政府网站", ["县政府办公室"], ["县直各部门"]),
        # the 配合单位 cell continues the one above (\clvmrg)
        ("t1-2", "管好政务新媒体", ["县委网信办"], ["县直各部门"]),
        # two paragraphs in one cell: two leads
        ("t1-3", "公开财政预决算", ["县财政局", "县审计局"], ["各乡镇人民政府"]),
    ]
    names = {u["name"] for u in result.data["units"]}
    assert not {"县标题局", "县页眉局"} & names  # document information and page headers are not the text


def test_a_western_code_page_with_a_gb2312_font(tmp_path: Path) -> None:
    # older Chinese word processors declare \ansicpg1252 and give the font the GB2312 charset
    tasks = tasks_by_id(imported(plan_rtf(tmp_path / "plan.rtf", header="{\\rtf1\\ansi\\ansicpg1252\\deff0")))
    assert tasks["1-1"]["lead"] == ["县司法局"]


def test_a_broken_rtf(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "plan.rtf"
    path.write_bytes(b"not rich text at all")
    with pytest.raises(ImportFailure) as info:
        imported(path)
    assert info.value.key == "import.err.bad_rtf"
    result = run("import", path, "-o", tmp_path / "tasks.yaml", "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr == "error: cannot read the RTF file (no {\\rtf header): save it as .docx in WPS or Word and import that.\n"


def test_a_truncated_rtf_still_reads_what_is_there(tmp_path: Path) -> None:
    path = plan_rtf(tmp_path / "plan.rtf")
    path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])
    result = imported(path)  # no traceback, whatever was cut
    assert result.data["plan"]["title"] == "西河县2023年政务公开工作实施方案"
