"""CSV, Markdown, JSON and iCalendar exports, each read back with a parser."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import icalendar

from gongkai.export import export
from gongkai.models import Ledger

from .common import AS_OF


def _export(fmt: str, ledger: Ledger, tmp_path: Path, lang: str = "zh") -> Path:
    out = tmp_path / f"out.{fmt}"
    export(fmt, ledger, AS_OF, lang, out)  # type: ignore[arg-type]
    return out


# --- csv -----------------------------------------------------------------------------


def test_csv_is_utf8_with_bom_and_reads_back(progress: Ledger, tmp_path: Path) -> None:
    raw = _export("csv", progress, tmp_path).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["序号", "编号", "章节", "任务", "具体内容", "牵头单位", "配合单位", "完成时限", "进展情况", "状态", "灯"]
    assert len(rows) == 9
    assert rows[5] == [
        "5",
        "t4",
        "二",
        "二1 季度检查",
        "每季度检查一次网站更新情况。",
        "行政办",
        "各部门",
        "每季度（2018-06-30、2018-09-30、2018-12-31）",
        "2018Q2 已报送（2018-06-28）：检查网站 3 个\n2018Q3 未报送\n2018Q4 未到期",
        "推进中（逾期）",
        "红灯",
    ]
    assert [r[-1] for r in rows[1:]] == ["绿灯", "红灯", "黄灯", "黄灯", "红灯", "黄灯", "绿灯", "—"]


def test_csv_in_english(progress: Ledger, tmp_path: Path) -> None:
    text = _export("csv", progress, tmp_path, "en").read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == ["No.", "id", "section", "Task", "Details", "Lead unit", "Cooperating units", "Deadline", "Progress", "Status", "light"]
    assert rows[2][-2:] == ["in progress (overdue)", "red"]


# --- markdown --------------------------------------------------------------------------


def _md_tables(text: str) -> list[list[list[str]]]:
    """Split a Markdown document into tables of cells, honouring escaped pipes."""
    tables: list[list[list[str]]] = []
    current: list[list[str]] = []
    for line in text.splitlines():
        if line.startswith("|"):
            cells, buf, i = [], "", 1
            body = line[1:-1] if line.endswith("|") and not line.endswith("\\|") else line[1:]
            while i - 1 < len(body):
                ch = body[i - 1]
                if ch == "\\" and i < len(body):
                    buf += ch + body[i]
                    i += 2
                    continue
                if ch == "|":
                    cells.append(buf.strip())
                    buf = ""
                else:
                    buf += ch
                i += 1
            cells.append(buf.strip())
            current.append(cells)
        elif current:
            tables.append(current)
            current = []
    if current:
        tables.append(current)
    return tables


def test_markdown_tables(progress: Ledger, tmp_path: Path) -> None:
    text = _export("md", progress, tmp_path).read_text(encoding="utf-8")
    assert text.splitlines()[:3] == ["# 示例林业局2018年政务公开工作实施方案任务分工台账", "", "示林发〔2018〕1号　截至 2018-11-20"]
    assert "## 一 信息公开" in text and "## 二 保障措施" in text
    tables = _md_tables(text)
    assert len(tables) == 2
    for table in tables:
        assert table[0] == ["序号", "任务", "具体内容", "牵头单位", "配合单位", "完成时限", "进展情况", "状态"]
        assert table[1] == ["---:", "---", "---", "---", "---", "---", "---", "---"]
        assert all(len(r) == 8 for r in table)
    assert [r[0] for r in tables[0][2:]] == ["1", "2", "3", "4"]
    assert tables[1][2][6] == "2018Q2 已报送（2018-06-28）：检查网站 3 个<br>2018Q3 未报送<br>2018Q4 未到期"


# --- json ------------------------------------------------------------------------------


def test_json_is_the_full_resolved_ledger(progress: Ledger, tmp_path: Path) -> None:
    doc: dict[str, Any] = json.loads(_export("json", progress, tmp_path).read_text(encoding="utf-8"))
    assert doc["schema"] == 1 and doc["kind"] == "ledger" and doc["as_of"] == "2018-11-20"
    assert doc["plan"]["doc_number"] == "示林发〔2018〕1号"
    assert doc["summary"]["by_light"] == {"red": 2, "yellow": 3, "green": 2, "none": 1}
    assert doc["summary"]["progress"] == {"done": 1, "total": 7}
    assert {g["name"]: g["members"] for g in doc["groups"]} == {"各部门": ["行政办", "宣传部", "教育局"], "宣传口": ["宣传部", "新闻中心"]}
    assert [t["id"] for t in doc["tasks"]] == ["t1", "t2", "t3", "t7", "t4", "t5", "t6", "t8"]
    t2 = doc["tasks"][1]
    assert t2["cooperate"] == ["各部门"]
    assert t2["cooperate_units"] == ["行政办", "宣传部", "教育局"]
    assert t2["light"] == "red" and t2["reason"] == "overdue"
    assert t2["labels"]["status"] == "推进中（逾期）"
    t4 = doc["tasks"][4]
    assert [(o["period"], o["due"], o["fulfilled"]) for o in t4["obligations"]] == [("2018Q2", "2018-06-30", True), ("2018Q3", "2018-09-30", False), ("2018Q4", "2018-12-31", False)]
    assert doc["units"][0] == {"name": "行政办", "kind": "department", "leads": 3, "leads_done": 1, "leads_live": 3, "supports": 1, "via_group": 1, "overdue": 1, "report_missing": 2}


# --- icalendar -------------------------------------------------------------------------


def _events(path: Path) -> list[Any]:
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    return list(cal.walk("VEVENT"))


def test_ics_has_every_deadline_and_every_period(progress: Ledger, tmp_path: Path) -> None:
    path = _export("ics", progress, tmp_path)
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    assert str(cal["X-WR-CALNAME"]) == "示例林业局2018年政务公开工作实施方案任务期限"
    events = _events(path)
    got = sorted((str(e["UID"]), e["DTSTART"].dt, str(e["SUMMARY"])) for e in events)
    assert got == sorted(
        [
            ("t1@fixture-2018.gongkai", dt.date(2018, 10, 31), "【已办结】一1 公开决策信息"),
            ("t2@fixture-2018.gongkai", dt.date(2018, 11, 10), "【逾期】一2 政策解读"),
            ("t3@fixture-2018.gongkai", dt.date(2018, 11, 30), "一3 教育信息公开"),
            ("t7@fixture-2018.gongkai", dt.date(2018, 12, 31), "一4 建立公开目录"),
            ("t4.2018Q2@fixture-2018.gongkai", dt.date(2018, 6, 30), "【已报送】二1 季度检查（2018Q2）"),
            ("t4.2018Q3@fixture-2018.gongkai", dt.date(2018, 9, 30), "【逾期】二1 季度检查（2018Q3）"),
            ("t4.2018Q4@fixture-2018.gongkai", dt.date(2018, 12, 31), "二1 季度检查（2018Q4）"),
            ("t6@fixture-2018.gongkai", dt.date(2018, 12, 31), "二3 业务培训"),
        ]
    )
    for e in events:
        assert e["DTEND"].dt == e["DTSTART"].dt + dt.timedelta(days=1)  # all-day events
        assert "牵头单位: " in str(e["DESCRIPTION"])
    # upcoming deadlines remind three days before; past ones do not
    alarms = {str(e["UID"]): [a["TRIGGER"].dt for a in e.walk("VALARM")] for e in events}
    assert alarms["t3@fixture-2018.gongkai"] == [dt.timedelta(days=-3)]
    assert alarms["t2@fixture-2018.gongkai"] == []


def test_ics_of_the_real_plan(real: Ledger, tmp_path: Path) -> None:
    events = _events(_export("ics", real, tmp_path))
    # 17 one-off clauses due at the plan's end, and 三（一） every quarter: 2018Q3 and 2018Q4
    assert len(events) == 19
    recurring = sorted(e["DTSTART"].dt for e in events if str(e["UID"]).startswith("3-1."))
    assert recurring == [dt.date(2018, 9, 30), dt.date(2018, 12, 31)]
