"""show: the deadline stays, closing early or late, each period's report, the plan's own number."""

from __future__ import annotations

import json

import pytest

from ..support import LEDGER, Run
from .common import YEAR


def test_a_closed_task_keeps_its_deadline_and_says_how_early(run: Run) -> None:
    r = run("show", "t1", "--file", YEAR, "--as-of", "2019-08-01")
    assert "2019-06-30" in r.stdout
    assert "已完成  办结日期 2019-05-20（提前 41 天）" in r.stdout


def test_a_task_closed_late_says_how_late(run: Run) -> None:
    r = run("show", "t2", "--file", YEAR, "--as-of", "2019-08-01", "--lang", "en")
    assert "done  completed 2019-04-20 (20 days late)" in r.stdout
    data = json.loads(run("show", "t2", "--file", YEAR, "--as-of", "2019-08-01", "--json").stdout)
    assert (data["deadline"], data["completed"], data["due"]) == ("2019-03-31", "2019-04-20", None)
    assert [(o["due"], o["fulfilled_on"], o["days_after_due"], o["late"]) for o in data["obligations"]] == [("2019-03-31", "2019-04-20", 20, True)]


def test_a_recurring_duty_shows_each_period_due_and_report_date(run: Run) -> None:
    r = run("show", "q1", "--file", YEAR, "--as-of", "2019-10-05")
    rows = [line.split() for line in r.stdout.splitlines() if line.startswith("2019Q")]
    assert rows[:4] == [
        ["2019Q1", "2019-03-31", "2019-03-28", "按期报送"],
        ["2019Q2", "2019-06-30", "2019-07-12", "迟报", "12", "天"],
        ["2019Q3", "2019-09-30", "2019-09-30", "按期报送"],
        ["2019Q4", "2019-12-31", "—", "未到期"],
    ]
    later = run("show", "q1", "--file", YEAR, "--as-of", "2020-01-05", "--lang", "en").stdout
    assert any(line.split()[:3] == ["2019Q4", "2019-12-31", "—"] and "5 days overdue" in line for line in later.splitlines())


def test_late_reports_in_json_and_units(run: Run) -> None:
    data = json.loads(run("show", "q1", "--file", YEAR, "--as-of", "2019-08-15", "--json").stdout)
    assert (data["reason"], data["light"], data["reported_late"]) == ("reported_late", "yellow", 1)
    assert [o["days_after_due"] for o in data["obligations"]] == [-3, 12, None, None]
    units = json.loads(run("units", "--file", YEAR, "--as-of", "2019-08-15", "--json").stdout)
    assert {u["unit"]: u["reported_late"] for u in units["units"]} == {"行政办": 1, "宣传部": 0, "信息中心": 0}
    text = run("units", "--file", YEAR, "--as-of", "2019-08-15").stdout
    header = next(line for line in text.splitlines() if line.startswith("单位"))
    assert header.split()[-1] == "迟报"
    assert next(line for line in text.splitlines() if line.startswith("行政办")).split()[-1] == "1"


@pytest.mark.parametrize("number", ["二（二）2", "二(二)2", "二（二） 2", " 二 ( 二 ) 2 ", "二（二)2"])
def test_show_accepts_the_plans_own_number(run: Run, number: str) -> None:
    r = run("show", number, "--file", LEDGER, "--as-of", "2018-12-01", "--json")
    assert r.exit_code == 0
    data = json.loads(r.stdout)
    assert data["number"] == "二（二）2"
    assert [t["id"] for t in data["tasks"]] == ["2-2-2a", "2-2-2b", "2-2-2c", "2-2-2d"]
    assert [t["clause"] for t in data["tasks"]] == [1, 2, 3, 4]


def test_show_by_number_prints_every_clause(run: Run) -> None:
    r = run("show", "二(二)2", "--file", LEDGER, "--as-of", "2018-12-01")
    assert r.stdout.splitlines()[0] == "二（二）2：4 项责任分句（2-2-2a、2-2-2b、2-2-2c、2-2-2d）"
    assert [line.split()[1] for line in r.stdout.splitlines() if line.startswith("任务 ")] == ["2-2-2a", "2-2-2b", "2-2-2c", "2-2-2d"]


def test_an_unknown_number_is_a_usage_error_with_suggestions(run: Run) -> None:
    r = run("show", "二（二）9", "--file", LEDGER)
    assert r.exit_code == 3
    assert "二（二）2" in r.stderr and "Traceback" not in r.stderr
