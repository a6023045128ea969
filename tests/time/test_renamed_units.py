"""Renamed units: rename-unit records the day, and a report as of an earlier day shows the name
the unit had then, with today's name beside it."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from gongkai.loader import load_ledger
from gongkai.names import name_on, names_then

from ..support import Run
from .common import YEAR

D = dt.date


@pytest.fixture
def renamed(run: Run, tmp_path: Path) -> Path:
    """The year's ledger after 行政办 became 综合办 on 2019-07-01."""
    path = tmp_path / "tasks.yaml"
    shutil.copyfile(YEAR, path)
    r = run("rename-unit", "行政办", "综合办", "--date", "2019-07-01", "-f", path)
    assert r.exit_code == 0, r.stderr
    assert "自 2019-07-01 起生效" in r.stdout
    return path


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines()]


def test_the_rename_is_recorded_on_the_unit(renamed: Path) -> None:
    ledger = load_ledger(renamed)
    unit = ledger.units[0]
    assert (unit.name, unit.aliases) == ("综合办", ["行政办"])
    assert [(r.old, r.date) for r in unit.renamed] == [("行政办", D(2019, 7, 1))]
    assert "renamed:\n      - old: 行政办\n        date: 2019-07-01\n" in renamed.read_text(encoding="utf-8")


def test_the_name_on_a_day_follows_every_rename(run: Run, renamed: Path) -> None:
    r = run("rename-unit", "综合办", "党政办", "--date", "2019-10-01", "-f", renamed)
    assert r.exit_code == 0, r.stderr
    unit = load_ledger(renamed).units[0]
    days = [D(2019, 6, 30), D(2019, 7, 1), D(2019, 9, 30), D(2019, 10, 1)]
    assert [name_on(unit, day) for day in days] == ["行政办", "综合办", "综合办", "党政办"]
    then = names_then(load_ledger(renamed), D(2019, 8, 1))
    assert (then.name("党政办"), then.name("行政办"), then.name("宣传部")) == ("综合办", "综合办", "宣传部")


def test_unit_before_and_after_the_rename(run: Run, renamed: Path) -> None:
    before = _lines(run("unit", "综合办", "-f", renamed, "--as-of", "2019-06-15").stdout)
    assert before[0] == "行政办（今：综合办）的任务清单 [机关部门]"
    assert not any(line.startswith("别名") for line in before)  # 行政办 was its name, not an alias, then
    after = _lines(run("unit", "综合办", "-f", renamed, "--as-of", "2019-07-15").stdout)
    assert after[0] == "综合办的任务清单 [机关部门]"
    assert "别名：行政办" in after


def test_the_old_name_still_finds_the_unit(run: Run, renamed: Path) -> None:
    r = run("unit", "行政办", "-f", renamed, "--as-of", "2019-06-15", "--json")
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.stdout)
    assert (data["unit"], data["unit_then"]) == ("综合办", "行政办")
    assert [(b["id"], b["lead"], b["lead_then"]) for b in data["leads"]] == [("t1", ["综合办"], ["行政办"]), ("q1", ["综合办"], ["行政办"])]


def test_a_former_name_no_alias_keeps_naming_the_unit(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "tasks.yaml"
    text = YEAR.read_text(encoding="utf-8").replace(
        "  - name: 行政办\n", "  - name: 综合办\n    renamed:\n      - old: 行政办\n        date: 2019-07-01\n", 1
    )
    path.write_text(text.replace("[行政办]", "[综合办]").replace("by: 行政办", "by: 综合办"), encoding="utf-8")
    r = run("unit", "行政办", "-f", path, "--as-of", "2019-06-15", "--lang", "en")
    assert r.exit_code == 0, r.stderr
    assert _lines(r.stdout)[0] == "task list of 行政办 (now 综合办) [department]"


def test_units_in_zh_and_en(run: Run, renamed: Path) -> None:
    zh = _lines(run("units", "-f", renamed, "--as-of", "2019-06-15").stdout)
    assert any(line.startswith("行政办（今：综合办） 2 1 0") for line in zh)
    en = _lines(run("units", "-f", renamed, "--as-of", "2019-06-15", "--lang", "en").stdout)
    assert any(line.startswith("行政办 (now 综合办) 2 1 0") for line in en)
    later = _lines(run("units", "-f", renamed, "--as-of", "2019-07-15").stdout)
    assert any(line.startswith("综合办 2 1 0") for line in later) and not any("今：" in line for line in later)
    data = json.loads(run("units", "-f", renamed, "--as-of", "2019-06-15", "--json").stdout)
    assert [(u["unit"], u["unit_then"]) for u in data["units"]] == [("综合办", "行政办"), ("宣传部", "宣传部"), ("信息中心", "信息中心")]


def test_lead_columns_of_status_and_overdue(run: Run, renamed: Path) -> None:
    soon = run("overdue", "-f", renamed, "--as-of", "2019-06-15", "--within", "30", "--lang", "en")
    assert "q1 每季度检查 2019Q2 2019-06-30 15 行政办 (now 综合办)" in _lines(soon.stdout)
    data = json.loads(run("overdue", "-f", renamed, "--as-of", "2019-06-15", "--within", "30", "--json").stdout)
    assert [(i["id"], i["lead"], i["lead_then"]) for i in data["due_soon"]] == [("q1", ["综合办"], ["行政办"])]
    status = run("status", "-f", renamed, "--as-of", "2019-06-20")
    assert "q1 每季度检查 行政办（今：综合办） 2019-06-30 临期" in _lines(status.stdout)
    data = json.loads(run("status", "-f", renamed, "--as-of", "2019-06-20", "--json").stdout)
    q1 = next(b for b in data["attention"] if b["id"] == "q1")
    assert (q1["lead"], q1["lead_then"]) == (["综合办"], ["行政办"])
    after = run("status", "-f", renamed, "--as-of", "2019-09-20")
    assert any(line.startswith("q1 每季度检查 综合办 ") for line in _lines(after.stdout))


def test_show_names_the_units_as_they_were(run: Run, renamed: Path) -> None:
    zh = _lines(run("show", "t1", "-f", renamed, "--as-of", "2019-06-15").stdout)
    assert "牵头单位 行政办（今：综合办）" in zh
    en = run("show", "t1", "-f", renamed, "--as-of", "2019-06-15", "--lang", "en").stdout
    assert "lead 行政办 (now 综合办)" in _lines(en)
    data = json.loads(run("show", "t1", "-f", renamed, "--as-of", "2019-06-15", "--json").stdout)
    assert (data["lead"], data["lead_then"], data["cooperate_then"]) == (["综合办"], ["行政办"], ["宣传部"])
    today = _lines(run("show", "t1", "-f", renamed, "--as-of", "2019-12-31").stdout)
    assert "牵头单位 综合办" in today


@pytest.mark.parametrize(
    ("date", "key"),
    [("2018-12-31", "rename_outside"), ("2020-01-01", "rename_outside"), ("2019-06-01", "rename_before_last")],
)
def test_a_rename_date_the_plan_cannot_have_is_refused(run: Run, renamed: Path, date: str, key: str) -> None:
    before = renamed.read_bytes()
    r = run("rename-unit", "综合办", "党政办", "--date", date, "-f", renamed, "--lang", "en")
    assert r.exit_code == 3
    expected = {
        "rename_outside": f"the rename date {date} is outside the plan (issued 2019-01-01, period ending 2019-12-31)",
        "rename_before_last": "综合办 has had its name only since 2019-07-01; a rename on 2019-06-01 would come before that",
    }[key]
    assert expected in r.stderr
    assert renamed.read_bytes() == before


def test_exports_and_the_dashboard_name_the_units_as_they_were(run: Run, renamed: Path) -> None:
    md = run("export", "-f", renamed, "--as-of", "2019-06-15", "--format", "md", "-o", "-", "--lang", "en").stdout
    row = next(line for line in md.splitlines() if line.startswith("| 1 |"))
    assert "| 行政办 (now 综合办) | 宣传部 |" in row and "2019-02-10 行政办 (now 综合办)" in row
    later = run("export", "-f", renamed, "--as-of", "2019-07-15", "--format", "md", "-o", "-").stdout
    assert "今：" not in later and "| 综合办 | 宣传部 |" in later
    page = run("dashboard", "-f", renamed, "--as-of", "2019-06-15", "-o", "-").stdout
    assert 'data-label="行政办（今：综合办）"' in page


def test_list_and_overdue_by_unit_name_the_units_as_they_were(run: Run, renamed: Path) -> None:
    listed = _lines(run("list", "-f", renamed, "--as-of", "2019-06-15", "--group-by", "unit").stdout)
    assert "行政办（今：综合办）（2 项）" in listed
    assert "q1 每季度检查 行政办（今：综合办） 2019-06-30 ● 绿灯" in listed
    data = json.loads(run("list", "-f", renamed, "--as-of", "2019-06-15", "--json").stdout)
    assert next(b["lead_then"] for b in data["tasks"] if b["id"] == "q1") == ["行政办"]
    owed = _lines(run("overdue", "-f", renamed, "--as-of", "2019-06-15", "--within", "30", "--group-by", "unit", "--lang", "en").stdout)
    assert "行政办 (now 综合办) (1)" in owed


def test_remind_and_changes_name_the_unit_as_it_was(run: Run, renamed: Path) -> None:
    notice = run("remind", "行政办", "-f", renamed, "--as-of", "2019-06-20").stdout
    assert "\n行政办（今：综合办）：\n" in notice
    assert "\n综合办：\n" in run("remind", "行政办", "-f", renamed, "--as-of", "2019-09-20").stdout
    week = _lines(run("changes", "-f", renamed, "--since", "2019-05-15", "--until", "2019-05-25", "--lang", "en").stdout)
    assert "行政办 (now 综合办)" in week
    assert "progress: t1 提前办结的任务 (2019-05-20, 行政办 (now 综合办)) in progress→done: 已完成" in week


def test_rename_reaches_the_supervising_units_too(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "tasks.yaml"
    path.write_text(
        YEAR.read_text(encoding="utf-8").replace(
            "    lead: [宣传部]\n    status: not_started\n", "    lead: [宣传部]\n    supervise: [行政办]\n    status: not_started\n"
        ),
        encoding="utf-8",
    )
    assert run("rename-unit", "行政办", "综合办", "--date", "2019-07-01", "-f", path).exit_code == 0
    n1 = next(t for t in load_ledger(path).tasks if t.id == "n1")
    assert n1.supervise == ["综合办"]
    shown = _lines(run("show", "n1", "-f", path, "--as-of", "2019-06-15", "--lang", "en").stdout)
    assert any(line.endswith("行政办 (now 综合办)") for line in shown)


def test_the_bulletin_names_a_unit_as_it_was_named_on_its_day(run: Run, renamed: Path, tmp_path: Path) -> None:
    out = tmp_path / "bulletin.md"
    before = run("bulletin", "--period", "2019Q2", "--as-of", "2019-06-30", "-f", renamed, "-o", out)
    assert before.exit_code == 0, before.stderr
    text = out.read_text(encoding="utf-8")
    assert "**行政办（今：综合办）：1 项任务超过一个报送周期（每季度）未报送进展**" in text
    after = run("bulletin", "--period", "2019Q2", "--as-of", "2019-06-30", "-f", renamed, "-o", out, "--force", "--lang", "en")
    assert after.exit_code == 0, after.stderr
    assert "行政办 (now 综合办)" in out.read_text(encoding="utf-8")


def test_the_database_export_keeps_a_units_former_names(run: Run, renamed: Path, tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "city.db"
    assert run("export", "--format", "sqlite", "-o", db, "-f", renamed, "--as-of", "2019-06-15").exit_code == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT unit, seq, old, date FROM unit_renames").fetchall() == [("综合办", 1, "行政办", "2019-07-01")]
        # what a BI query asks: the name a unit had on a day
        sql = "SELECT COALESCE((SELECT old FROM unit_renames r WHERE r.unit = u.unit AND r.date > ? ORDER BY r.date LIMIT 1), u.unit) FROM units u WHERE u.unit = '综合办'"
        assert conn.execute(sql, ("2019-06-15",)).fetchone() == ("行政办",)
        assert conn.execute(sql, ("2019-07-15",)).fetchone() == ("综合办",)
