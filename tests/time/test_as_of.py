"""As of a date, the ledger as it was: a year of history replayed on a table of dates."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from gongkai.models import Ledger, Status
from gongkai.queries import Light, Reason, overdue, status_summary, task_state, units_table

from ..support import Run
from .common import YEAR

D = dt.date

NS, IP, DONE, CXL = Status.NOT_STARTED, Status.IN_PROGRESS, Status.DONE, Status.CANCELLED

# as of, (not_started, in_progress, done, cancelled), (red, yellow, green, none), overdue [(id, period, days late)]
TABLE = [
    (D(2019, 1, 10), (7, 1, 0, 0), (0, 0, 8, 0), []),
    (D(2019, 3, 20), (2, 6, 0, 0), (0, 2, 6, 0), []),
    (D(2019, 4, 10), (2, 6, 0, 0), (1, 2, 5, 0), [("t2", None, 10)]),
    (D(2019, 5, 20), (2, 4, 2, 0), (0, 4, 4, 0), []),
    (D(2019, 7, 5), (1, 4, 3, 0), (1, 2, 5, 0), [("q1", "2019Q2", 5)]),
    (D(2019, 8, 15), (1, 3, 3, 1), (0, 2, 5, 1), []),
    (D(2019, 10, 5), (1, 3, 3, 1), (1, 2, 4, 1), [("t3", None, 5)]),
    (D(2020, 1, 10), (1, 3, 3, 1), (3, 0, 4, 1), [("t3", None, 102), ("q1", "2019Q4", 10), ("n1", None, 10)]),
]

# the reason of each task on each date of TABLE, in ledger order t1 t1b t2 t3 q1 c1 o1 n1
R = Reason
REASONS = {
    D(2019, 1, 10): [R.ON_TRACK] * 8,
    D(2019, 3, 20): [R.ON_TRACK, R.ON_TRACK, R.DUE_SOON, R.ON_TRACK, R.DUE_SOON, R.ON_TRACK, R.ON_TRACK, R.ON_TRACK],
    D(2019, 4, 10): [R.ON_TRACK, R.REPORT_MISSING, R.OVERDUE, R.ON_TRACK, R.ON_TRACK, R.ON_TRACK, R.ON_TRACK, R.REPORT_MISSING],
    D(2019, 5, 20): [R.DONE, R.REPORT_MISSING, R.DONE, R.ON_TRACK, R.ON_TRACK, R.REPORT_MISSING, R.REPORT_MISSING, R.REPORT_MISSING],
    D(2019, 7, 5): [R.DONE, R.DONE, R.DONE, R.ON_TRACK, R.OVERDUE, R.REPORT_MISSING, R.ON_TRACK, R.REPORT_MISSING],
    D(2019, 8, 15): [R.DONE, R.DONE, R.DONE, R.ON_TRACK, R.REPORTED_LATE, R.CANCELLED, R.ON_TRACK, R.REPORT_MISSING],
    D(2019, 10, 5): [R.DONE, R.DONE, R.DONE, R.OVERDUE, R.ON_TRACK, R.CANCELLED, R.REPORT_MISSING, R.REPORT_MISSING],
    D(2020, 1, 10): [R.DONE, R.DONE, R.DONE, R.OVERDUE, R.OVERDUE, R.CANCELLED, R.ON_TRACK, R.OVERDUE],
}


@pytest.mark.parametrize(("as_of", "statuses", "lights", "late"), TABLE, ids=[row[0].isoformat() for row in TABLE])
def test_counts_lights_and_overdue_as_of(year: Ledger, as_of: dt.date, statuses: tuple[int, ...], lights: tuple[int, ...], late: list[tuple[str, str | None, int]]) -> None:
    summary = status_summary(year, as_of)
    assert tuple(summary.by_status[s] for s in (NS, IP, DONE, CXL)) == statuses
    assert tuple(summary.by_light[light] for light in (Light.RED, Light.YELLOW, Light.GREEN, Light.NONE)) == lights
    report = overdue(year, as_of)
    assert [(d.obligation.task.id, d.obligation.period, d.days) for d in report.overdue] == late
    assert [task_state(t, year, as_of).reason for t in year.tasks] == REASONS[as_of]


def test_a_day_after_every_entry_is_the_ledger_itself(year: Ledger) -> None:
    for task in year.tasks:
        past = task_state(task, year, D(2020, 1, 10)).task
        assert past is task


def test_progress_counts_only_what_was_closed_by_then(year: Ledger) -> None:
    summary = status_summary(year, D(2019, 5, 20))
    assert (summary.overall.done, summary.overall.total) == (2, 8)
    assert [(s.key, s.done, s.total) for s in summary.sections] == [("一", 2, 4), ("二", 0, 4)]
    after_cancel = status_summary(year, D(2019, 8, 15))
    assert (after_cancel.overall.done, after_cancel.overall.total) == (3, 7)


def test_the_past_task_has_only_the_entries_dated_by_then(year: Ledger) -> None:
    t2 = task_state(year.tasks[2], year, D(2019, 4, 10)).task
    assert (t2.status, t2.completed) == (IP, None)
    assert [u.date for u in t2.updates] == [D(2019, 1, 15)]
    assert not any(u.evidence for u in t2.updates)  # the evidence came with the closing
    q1 = task_state(year.tasks[4], year, D(2019, 7, 5)).task
    assert [r.period for r in q1.reports] == ["2019Q1"]


def test_report_missing_counts_only_entries_dated_by_then(year: Ledger) -> None:
    o1 = year.tasks[6]
    # last entry by 2019-10-05 is 2019-06-15: more than a quarter ago; the 2019-11-01 entry does not count yet
    st = task_state(o1, year, D(2019, 10, 5))
    assert st.report_missing and st.last_report == D(2019, 6, 15)


def test_late_reports_are_counted_per_unit(year: Ledger) -> None:
    rows = {v.name: v for v in units_table(year, D(2019, 8, 15))}
    assert rows["行政办"].late_count() == 1
    assert rows["宣传部"].late_count() == 0
    before = {v.name: v for v in units_table(year, D(2019, 7, 10))}
    assert before["行政办"].late_count() == 0  # the Q2 report of 2019-07-12 is not in yet


def test_status_json_as_of_through_the_cli(run: Run) -> None:
    r = run("status", "--file", YEAR, "--as-of", "2019-04-10", "--json")
    assert r.exit_code == 0
    data = json.loads(r.stdout)
    assert data["by_status"] == {"not_started": 2, "in_progress": 6, "done": 0, "cancelled": 0}
    assert [(a["id"], a["status"], a["reason"]) for a in data["attention"]] == [
        ("t2", "in_progress", "overdue"),
        ("t1b", "not_started", "report_missing"),
        ("n1", "not_started", "report_missing"),
    ]


def test_show_as_of_hides_what_came_later(run: Run) -> None:
    r = run("show", "t2", "--file", YEAR, "--as-of", "2019-04-10", "--json")
    data = json.loads(r.stdout)
    assert (data["status"], data["completed"], data["reason"]) == ("in_progress", None, "overdue")
    assert [u["date"] for u in data["updates"]] == ["2019-01-15"]
