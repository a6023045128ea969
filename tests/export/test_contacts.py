"""Contacts (牵头领导, 责任人, 联系人 and their phones) as the last column of csv, xlsx and Markdown.

A ledger that names no people keeps the columns it always had (the other export tests pin them).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest

from gongkai.export import export, export_by_unit
from gongkai.loader import load_ledger
from gongkai.models import Ledger

from ..support import EXPORT_FIXTURES
from .common import AS_OF

ZH = ["牵头领导：张三；责任人：李四 0591-12345678", "", "联系电话：0591-87654321"]


@pytest.fixture(scope="module")
def ledger() -> Ledger:
    return load_ledger(EXPORT_FIXTURES / "contacts.yaml", use_cache=False)


def _csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))


def test_csv_ends_with_the_contacts(ledger: Ledger, tmp_path: Path) -> None:
    out = tmp_path / "ledger.csv"
    export("csv", ledger, AS_OF, "zh", out)
    rows = _csv(out)
    assert rows[0] == ["序号", "编号", "章节", "任务", "具体内容", "牵头单位", "配合单位", "完成时限", "进展情况", "状态", "灯", "联系人"]
    assert [r[-1] for r in rows[1:]] == ZH  # a contact with a phone and no name is still shown
    assert rows[1][:2] == ["1", "1"] and rows[1][-2] == "绿灯"


def test_csv_contacts_in_english(ledger: Ledger, tmp_path: Path) -> None:
    out = tmp_path / "ledger.csv"
    export("csv", ledger, AS_OF, "en", out)
    rows = _csv(out)
    assert rows[0][-2:] == ["light", "Contacts"]
    # the roles are the plan's own words, not translated
    assert rows[1][-1] == "牵头领导: 张三; 责任人: 李四 0591-12345678"


def test_a_units_csv_has_the_role_then_the_contacts(ledger: Ledger, tmp_path: Path) -> None:
    export_by_unit("csv", ledger, AS_OF, "zh", tmp_path / "units")
    rows = _csv(tmp_path / "units" / "县审计局.csv")
    assert rows[0][-3:] == ["灯", "角色", "联系人"]
    assert [(r[1], r[-2], r[-1]) for r in rows[1:]] == [("2", "牵头", ""), ("3", "牵头", ZH[2]), ("1", "配合", ZH[0])]


def test_xlsx_ends_with_the_contacts(ledger: Ledger, tmp_path: Path) -> None:
    out = tmp_path / "ledger.xlsx"
    export("xlsx", ledger, AS_OF, "zh", out)
    ws = openpyxl.load_workbook(out)["任务分工台账"]
    assert [ws.cell(row=3, column=c).value for c in range(1, 11)] == [
        "序号", "任务", "具体内容", "牵头单位", "配合单位", "完成时限", "进展情况", "状态", "联系人", None,
    ]
    assert {str(r) for r in ws.merged_cells.ranges} == {"A1:I1", "A2:I2", "A4:I4"}
    assert [ws.cell(row=r, column=9).value for r in (5, 6, 7)] == [ZH[0], None, ZH[2]]
    assert ws.cell(row=7, column=9).data_type == "s"
    assert 12 <= ws.column_dimensions["I"].width <= 30


def test_a_units_xlsx_has_the_role_then_the_contacts(ledger: Ledger, tmp_path: Path) -> None:
    export_by_unit("xlsx", ledger, AS_OF, "en", tmp_path / "units")
    ws = openpyxl.load_workbook(tmp_path / "units" / "县财政局.xlsx").active
    assert [ws.cell(row=3, column=c).value for c in (8, 9, 10)] == ["Status", "Role", "Contacts"]
    assert [ws.cell(row=5, column=c).value for c in (1, 9, 10)] == [1, "lead", "牵头领导: 张三; 责任人: 李四 0591-12345678"]
    assert ws.column_dimensions["I"].width <= 22 and ws.column_dimensions["J"].width <= 30


def test_markdown_ends_with_the_contacts(ledger: Ledger, tmp_path: Path) -> None:
    out = tmp_path / "ledger.md"
    export("md", ledger, AS_OF, "zh", out)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert "| 序号 | 任务 | 具体内容 | 牵头单位 | 配合单位 | 完成时限 | 进展情况 | 状态 | 联系人 |" in lines
    assert any(line.startswith("| 1 | 一1 推进预算公开 |") and line.endswith(f"| {ZH[0]} |") for line in lines)
