"""status --trend: done and overdue per week or month, rebuilt from the history."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from gongkai.models import Ledger
from gongkai.render.trendtext import sparkline
from gongkai.trend import Per, period_ends, trend

from ..support import Run
from .common import YEAR

D = dt.date


def test_period_ends() -> None:
    # 2019-04-10 is a Wednesday: its week ends on Sunday 04-14
    assert period_ends(D(2019, 4, 10), D(2019, 4, 24), Per.WEEK, 0) == [D(2019, 4, 14), D(2019, 4, 21), D(2019, 4, 28)]
    assert period_ends(D(2019, 1, 1), D(2019, 3, 1), Per.MONTH, 0) == [D(2019, 1, 31), D(2019, 2, 28), D(2019, 3, 31)]
    assert period_ends(D(2019, 1, 1), D(2019, 12, 1), Per.MONTH, 2) == [D(2019, 11, 30), D(2019, 12, 31)]


def test_sparkline() -> None:
    assert sparkline([0, 1, 2, 4]) == "▁▃▅█"
    assert sparkline([0, 0]) == "▁▁"


def test_monthly_trend_of_the_year(year: Ledger) -> None:
    tr = trend(year, D(2019, 12, 15), Per.MONTH)
    assert [(p.label, p.done, p.overdue, p.total) for p in tr.points] == [
        ("2019-01", 0, 0, 8),
        ("2019-02", 0, 0, 8),
        ("2019-03", 0, 0, 8),
        ("2019-04", 1, 0, 8),  # t2 closed 04-20
        ("2019-05", 2, 0, 8),  # t1 closed 05-20
        ("2019-06", 3, 0, 8),  # t1b closed 06-10
        ("2019-07", 3, 0, 8),  # q1's Q2 overdue 07-01…07-11, reported by the month's end
        ("2019-08", 3, 0, 7),  # c1 cancelled
        ("2019-09", 3, 0, 7),
        ("2019-10", 3, 1, 7),  # t3 overdue from 10-01
        ("2019-11", 3, 1, 7),
        ("2019-12", 3, 1, 7),  # counted as of 12-15, not the month's end
    ]
    assert tr.points[-1].day == D(2019, 12, 15)


def test_weekly_trend_sees_what_a_month_end_hides(year: Ledger) -> None:
    tr = trend(year, D(2019, 7, 14), Per.WEEK, count=3)
    assert [(p.label, p.day, p.overdue) for p in tr.points] == [
        ("2019-W26", D(2019, 6, 30), 0),
        ("2019-W27", D(2019, 7, 7), 1),  # q1's Q2, due 06-30, reported only on 07-12
        ("2019-W28", D(2019, 7, 14), 0),
    ]


def test_status_trend_cli(run: Run) -> None:
    r = run("status", "--trend", "--per", "month", "--file", YEAR, "--as-of", "2019-12-15")
    assert r.exit_code == 0
    assert "已办结  ▁▁▁▃▆███████  0 → 3" in r.stdout
    assert "逾期    ▁▁▁▁▁▁▁▁▁███  0 → 1" in r.stdout
    data = json.loads(run("status", "--trend", "--per", "month", "--file", YEAR, "--as-of", "2019-05-31", "--json").stdout)
    assert (data["per"], data["as_of"]) == ("month", "2019-05-31")
    assert data["points"][-1] == {"label": "2019-05", "day": "2019-05-31", "done": 2, "overdue": 0, "total": 8}


def test_bad_per_is_a_usage_error(run: Run) -> None:
    r = run("status", "--trend", "--per", "day", "--file", YEAR)
    assert r.exit_code == 3 and "week" in r.stderr and "month" in r.stderr


def _replayed(ledger: Ledger, day: dt.date) -> tuple[int, int, int]:
    """(done, overdue, total) from every task's full state on ``day``: what a point must say."""
    from gongkai.queries import Reason, states

    live = [s for s in states(ledger, day) if s.reason is not Reason.CANCELLED]
    return sum(s.reason is Reason.DONE for s in live), sum(s.reason is Reason.OVERDUE for s in live), len(live)


def test_every_day_of_the_year_counts_as_the_full_replay(year: Ledger) -> None:
    days = [D(2018, 12, 31) + dt.timedelta(days=n) for n in range(367)]
    tr = trend(year, days[-1], Per.WEEK, count=0)
    by_day = {p.day: (p.done, p.overdue, p.total) for p in tr.points}
    assert all(by_day[day] == _replayed(year, day) for day in by_day)
    daily = [(p.done, p.overdue, p.total) for day in days for p in trend(year, day, Per.WEEK, count=1).points]
    assert daily == [_replayed(year, day) for day in days]


def test_a_generated_ledger_with_a_year_of_history_counts_as_the_full_replay(tmp_path: Path) -> None:
    from gongkai.loader import load_ledger

    from ..gen import ledgers as gen

    generated = gen.ledger(400)
    path = tmp_path / "tasks.yaml"
    path.write_text(generated.text, encoding="utf-8")
    ledger = load_ledger(path, use_cache=False)
    tr = trend(ledger, generated.as_of, Per.WEEK, count=0)
    assert len(tr.points) > 52
    assert [(p.done, p.overdue, p.total) for p in tr.points] == [_replayed(ledger, p.day) for p in tr.points]
    assert tr.points[-1].done > 0 and max(p.overdue for p in tr.points) > 0


def test_a_task_reopened_counts_as_it_was_before_its_first_entry(tmp_path: Path) -> None:
    from gongkai.loader import load_ledger

    path = tmp_path / "tasks.yaml"
    reopened = "    status: in_progress\n    updates:\n      - date: 2019-05-01\n        by: 宣传部\n        old_status: cancelled\n        status: in_progress\n"
    path.write_text(YEAR.read_text(encoding="utf-8").replace("    status: not_started\n", reopened), encoding="utf-8")
    ledger = load_ledger(path, use_cache=False)
    tr = trend(ledger, D(2019, 5, 12), Per.WEEK, count=3)
    # n1 counts as cancelled until 05-01
    assert [(p.day, p.total) for p in tr.points] == [(D(2019, 4, 28), 7), (D(2019, 5, 5), 8), (D(2019, 5, 12), 8)]
    assert [(p.done, p.overdue, p.total) for p in tr.points] == [_replayed(ledger, p.day) for p in tr.points]
