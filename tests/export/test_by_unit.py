"""--by-unit: one file per unit, holding that unit's list, named safely."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import icalendar
import openpyxl
import pytest

from gongkai.errors import UsageError
from gongkai.export import FORMATS, WHOLE_LEDGER_ONLY, export_by_unit
from gongkai.models import Ledger

from .common import AS_OF


def test_one_xlsx_per_unit_with_its_list(progress: Ledger, tmp_path: Path) -> None:
    paths = export_by_unit("xlsx", progress, AS_OF, "zh", tmp_path / "units").paths
    assert sorted(p.name for p in paths) == sorted(["行政办.xlsx", "宣传部.xlsx", "教育局.xlsx", "新闻中心.xlsx"])
    ws = openpyxl.load_workbook(tmp_path / "units" / "行政办.xlsx").active
    assert ws.title == "任务清单"
    assert ws["A1"].value == "行政办的任务清单"
    assert [ws.cell(row=3, column=c).value for c in range(1, 10)] == ["序号", "任务", "具体内容", "牵头单位", "配合单位", "完成时限", "进展情况", "状态", "角色"]
    cells = [[ws.cell(row=r, column=c).value for c in (1, 2, 9)] for r in range(4, ws.max_row + 1)]
    assert cells == [
        ["牵头任务（3 项）", None, None],
        [1, "一1 公开决策信息", "牵头"],
        [2, "一4 建立公开目录", "牵头"],
        [3, "二1 季度检查", "牵头"],
        ["配合任务（点名，1 项）", None, None],
        [4, "二3 业务培训", "配合"],
        ["经群体涉及的任务（1 项）", None, None],
        [5, "一2 政策解读", "经“各部门”配合"],
    ]


def test_by_unit_csv_json_ics(progress: Ledger, tmp_path: Path) -> None:
    export_by_unit("csv", progress, AS_OF, "zh", tmp_path / "c")
    rows = list(csv.reader(io.StringIO((tmp_path / "c" / "新闻中心.csv").read_text(encoding="utf-8-sig"), newline="")))
    # 新闻中心 is a subordinate unit, so 各部门 (departments) does not reach it; 宣传口 names it
    assert [(r[1], r[-1]) for r in rows] == [("编号", "角色"), ("t5", "牵头"), ("t3", "经“宣传口”配合")]

    export_by_unit("json", progress, AS_OF, "zh", tmp_path / "j")
    doc = json.loads((tmp_path / "j" / "教育局.json").read_text(encoding="utf-8"))
    assert doc["kind"] == "unit" and doc["unit"]["name"] == "教育局" and doc["unit"]["aliases"] == ["教育科"]
    assert [(b["key"], b["ids"]) for b in doc["blocks"]] == [("lead", ["t3", "t6"]), ("cooperate", []), ("via_group", ["t2", "t4"])]
    assert [(t["id"], t["role"]) for t in doc["tasks"]] == [("t3", "牵头"), ("t6", "牵头"), ("t2", "经“各部门”配合"), ("t4", "经“各部门”配合")]

    export_by_unit("ics", progress, AS_OF, "zh", tmp_path / "i")
    cal = icalendar.Calendar.from_ical((tmp_path / "i" / "宣传部.ics").read_bytes())
    assert str(cal["X-WR-CALNAME"]) == "宣传部的任务清单"
    assert sorted(str(e["UID"]).split("@")[0] for e in cal.walk("VEVENT")) == ["t1", "t2", "t3", "t4.2018Q2", "t4.2018Q3", "t4.2018Q4"]


def test_an_external_unit_with_nothing_gets_no_file(progress: Ledger, tmp_path: Path) -> None:
    done = export_by_unit("md", progress, AS_OF, "zh", tmp_path)
    assert done.skipped == ["法院"]
    assert not (tmp_path / "法院.md").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in done.paths)


def test_an_internal_unit_with_nothing_still_gets_its_empty_list(progress: Ledger, tmp_path: Path) -> None:
    quiet = progress.model_copy(update={"units": [*progress.units, progress.units[3].model_copy(update={"name": "档案局", "aliases": []})]})
    export_by_unit("md", quiet, AS_OF, "zh", tmp_path)
    text = (tmp_path / "档案局.md").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# 档案局的任务清单"
    assert text.count("\n无\n") == 3


@pytest.mark.parametrize("fmt", sorted(set(FORMATS) - WHOLE_LEDGER_ONLY))
def test_every_format_writes_one_file_per_unit(fmt: str, progress: Ledger, tmp_path: Path) -> None:
    paths = export_by_unit(fmt, progress, AS_OF, "en", tmp_path / fmt).paths
    assert len(paths) == len(progress.units) - 1  # 法院 (external) has no task
    assert all(p.exists() and p.suffix == FORMATS[fmt].suffix for p in paths)


def test_a_second_run_replaces_the_lists_only_with_force(progress: Ledger, tmp_path: Path) -> None:
    export_by_unit("csv", progress, AS_OF, "zh", tmp_path)
    before = (tmp_path / "宣传部.csv").read_bytes()
    with pytest.raises(UsageError) as info:
        export_by_unit("csv", progress, AS_OF, "en", tmp_path)
    assert info.value.key == "err.out.exists"
    assert (tmp_path / "宣传部.csv").read_bytes() == before
    export_by_unit("csv", progress, AS_OF, "en", tmp_path, force=True)
    assert (tmp_path / "宣传部.csv").read_bytes() != before


def test_a_symlink_planted_in_the_folder_is_refused_even_with_force(progress: Ledger, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "宣传部.csv").symlink_to(victim)
    for force in (False, True):
        with pytest.raises(UsageError) as info:
            export_by_unit("csv", progress, AS_OF, "zh", out, force=force)
        assert info.value.key == "err.out.symlink"
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert [p.name for p in out.iterdir()] == ["宣传部.csv"]  # nothing written before the refusal


def test_by_unit_target_that_is_a_file_is_refused(progress: Ledger, tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("x")
    with pytest.raises(UsageError) as info:
        export_by_unit("csv", progress, AS_OF, "zh", target)
    assert info.value.key == "err.not_a_directory"
