"""gongkai changes: the window's closings, deadlines, entries and silences, grouped by unit."""

from __future__ import annotations

import datetime as dt
import json

from gongkai.changes import Kind, changes
from gongkai.models import Ledger

from ..support import LEDGER, Run
from .common import YEAR

D = dt.date


def _by_unit(report: object) -> dict[str, list[tuple[str, str]]]:
    return {u.unit: [(c.kind.value, c.task.id) for c in u.changes] for u in report.units}  # type: ignore[attr-defined]


def test_a_quarter_of_changes(year: Ledger) -> None:
    report = changes(year, D(2019, 4, 1), D(2019, 7, 15))
    assert _by_unit(report) == {
        "行政办": [("closed", "t1"), ("progress", "t1"), ("late_report", "q1")],
        "宣传部": [("closed", "t1b"), ("closed", "t2"), ("progress", "t1b"), ("progress", "t2"), ("not_reported", "c1"), ("not_reported", "n1")],
        "信息中心": [("progress", "t3"), ("progress", "o1")],
    }
    assert report.counts[Kind.CLOSED] == 3 and report.counts[Kind.LATE_REPORT] == 1 and report.counts[Kind.NEWLY_OVERDUE] == 0


def test_newly_overdue_and_due_soon_are_what_crossed_the_line_in_the_window(year: Ledger) -> None:
    week = changes(year, D(2019, 3, 14), D(2019, 3, 20))
    # t2 (due 03-31) and q1's Q1 (due 03-31) became due soon on 03-17: 14 days before
    assert sorted((c.kind.value, c.task.id, c.days) for u in week.units for c in u.changes if c.kind is Kind.NEWLY_DUE_SOON) == [
        ("newly_due_soon", "q1", 11),
        ("newly_due_soon", "t2", 11),
    ]
    assert changes(year, D(2019, 3, 18), D(2019, 3, 20)).counts[Kind.NEWLY_DUE_SOON] == 0  # already due soon before
    after = changes(year, D(2019, 4, 1), D(2019, 4, 7))
    [item] = [c for u in after.units for c in u.changes if c.kind is Kind.NEWLY_OVERDUE]
    assert (item.task.id, item.due, item.days) == ("t2", D(2019, 3, 31), 7)


def test_closing_late_and_a_period_reported_on_time(year: Ledger) -> None:
    report = changes(year, D(2019, 4, 15), D(2019, 4, 21))
    [closed] = [c for u in report.units for c in u.changes if c.kind is Kind.CLOSED]
    assert (closed.task.id, closed.date, closed.days) == ("t2", D(2019, 4, 20), 20)
    q3 = changes(year, D(2019, 9, 30), D(2019, 9, 30))
    assert [(c.kind, c.period) for u in q3.units for c in u.changes] == [(Kind.REPORT, "2019Q3")]


def test_a_cancellation_is_its_own_change(year: Ledger) -> None:
    report = changes(year, D(2019, 8, 1), D(2019, 8, 1))
    assert [(c.kind, c.task.id, c.date) for u in report.units for c in u.changes] == [
        (Kind.CANCELLED, "c1", D(2019, 8, 1)),
        (Kind.PROGRESS, "c1", D(2019, 8, 1)),
    ]


def test_an_empty_window(run: Run) -> None:
    r = run("changes", "--file", YEAR, "--since", "2019-12-02", "--until", "2019-12-08")
    assert r.exit_code == 0
    assert r.stdout.splitlines()[2] == "本期无变化。"


def test_markdown_ready_to_paste(run: Run) -> None:
    r = run("changes", "--file", YEAR, "--since", "2019-07-08", "--until", "2019-07-14", "--format", "md")
    assert r.exit_code == 0
    assert r.stdout == (
        "**测试局2019年工作方案：2019-07-08 至 2019-07-14 工作动态**\n"
        "\n"
        "迟报 1 条\n"
        "\n"
        "**行政办**\n"
        "- 迟报：q1 每季度检查（2019Q2）（2019-07-12，行政办，迟 12 天）\n"
    )


def test_english_text(run: Run) -> None:
    r = run("changes", "--file", YEAR, "--since", "2019-05-14", "--until", "2019-05-20", "--lang", "en")
    assert "closed: t1 提前办结的任务, on 2019-05-20, 41 days early" in r.stdout
    assert "progress: t1 提前办结的任务 (2019-05-20, 行政办) in progress→done: 已完成" in r.stdout


def test_json_shape(run: Run) -> None:
    r = run("changes", "--file", YEAR, "--since", "2019-09-25", "--until", "2019-10-05", "--json")
    data = json.loads(r.stdout)
    assert (data["schema"], data["since"], data["until"]) == (1, "2019-09-25", "2019-10-05")
    assert {k for k, n in data["counts"].items() if n} == {"newly_overdue", "report"}
    assert [(u["unit"], [(c["kind"], c["id"], c["days"]) for c in u["changes"]]) for u in data["units"]] == [
        ("行政办", [("report", "q1", None)]),
        ("信息中心", [("newly_overdue", "t3", 5)]),
    ]


def test_bad_window_and_bad_format_are_usage_errors(run: Run) -> None:
    r = run("changes", "--file", YEAR, "--since", "2019-10-05", "--until", "2019-10-01")
    assert r.exit_code == 3 and "--since" in r.stderr
    r = run("changes", "--file", YEAR, "--since", "2019-10-01", "--format", "html")
    assert r.exit_code == 3 and "text" in r.stderr and "md" in r.stderr
    r = run("changes", "--file", YEAR)
    assert r.exit_code == 3


def test_chinese_progress_line(run: Run) -> None:
    r = run("changes", "--file", YEAR, "--since", "2019-05-14", "--until", "2019-05-20")
    assert "  进展：t1 提前办结的任务（2019-05-20，行政办）推进中→已完成：已完成\n" in r.stdout
    assert "  办结：t1 提前办结的任务，2019-05-20 办结，提前 41 天\n" in r.stdout


def test_weekly_windows_add_up_to_the_year(year: Ledger) -> None:
    """Week after week, nothing is lost or counted twice: the windows tile the year."""
    from gongkai.queries import status_summary

    totals = dict.fromkeys(Kind, 0)
    start = D(2018, 12, 31)  # a Monday
    while start <= D(2020, 1, 5):
        report = changes(year, start, start + dt.timedelta(days=6))
        for kind, n in report.counts.items():
            totals[kind] += n
        start += dt.timedelta(days=7)
    assert totals[Kind.CLOSED] == status_summary(year, D(2020, 1, 5)).overall.done == 3
    assert totals[Kind.CANCELLED] == 1
    assert totals[Kind.PROGRESS] == sum(len(t.updates) for t in year.tasks) == 12
    assert totals[Kind.REPORT] + totals[Kind.LATE_REPORT] == 3 and totals[Kind.LATE_REPORT] == 1
    # t2 (03-31), q1's Q2 (06-30), t3 (09-30), and at the year's end q1's Q4 and n1
    assert totals[Kind.NEWLY_OVERDUE] == 5
    # t2 and q1's Q1 (03-17), q1's Q2 (06-16), q1's Q3 and t3 (09-16), q1's Q4 and n1 (12-17);
    # t1 and t1b were closed before their window opened, c1 cancelled before it
    assert totals[Kind.NEWLY_DUE_SOON] == 7
    # a quarter without a report: t1b, n1 (04-02), c1, o1 (05-02), t1 (05-11), q1 (06-29),
    # t3 (09-02), o1 again (09-16), q1 again (12-31); t2 (04-16) was closed that same week
    assert totals[Kind.NOT_REPORTED] == 9


def test_a_window_that_ends_before_it_starts_is_a_usage_error(run: Run) -> None:
    r = run("changes", "--since", "2018-12-01", "--until", "2018-11-01", "--file", LEDGER, "--lang", "en")
    assert r.exit_code == 3
    assert "the window starts (2018-12-01) after it ends (2018-11-01)" in r.stderr
