"""The replay rules of history.status_as_of, one case each, and the field against its history."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gongkai.history import disagreements, status_as_of, task_as_of
from gongkai.models import Status, Task

D = dt.date
NS, IP, DONE, CXL = Status.NOT_STARTED, Status.IN_PROGRESS, Status.DONE, Status.CANCELLED


def task(**fields: Any) -> Task:
    return Task.model_validate({"id": "x", "number": "一1", "section": "一", "title": "t", "text": "t", "lead": ["行政办"], **fields})


def upd(date: str, status: str | None = None, old: str | None = None, **more: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {"date": date, "by": "行政办", **more}
    if status:
        entry["status"] = status
    if old:
        entry["old_status"] = old
    return entry


def test_last_status_entry_on_or_before_the_day_wins() -> None:
    t = task(status="done", completed="2018-12-20", updates=[upd("2018-10-15", "in_progress", "not_started"), upd("2018-12-20", "done", "in_progress")])
    assert [status_as_of(t, D(2018, m, d)) for m, d in [(10, 14), (10, 15), (12, 19), (12, 20)]] == [NS, IP, IP, DONE]


def test_before_any_entry_an_unrecorded_old_status_means_not_started_or_in_progress() -> None:
    t = task(status="in_progress", updates=[upd("2018-10-01", note="开会"), upd("2018-11-01", "in_progress")])
    assert status_as_of(t, D(2018, 9, 30)) is NS
    assert status_as_of(t, D(2018, 10, 2)) is IP  # a progress entry, though no status yet


def test_a_closing_without_an_entry_takes_effect_on_its_completion_date() -> None:
    t = task(status="done", completed="2018-12-20")
    assert status_as_of(t, D(2018, 10, 1)) is NS
    assert status_as_of(t, D(2018, 12, 20)) is DONE
    past = task_as_of(t, D(2018, 10, 1))
    assert (past.status, past.completed) == (NS, None)


def test_an_unexplained_field_holds_from_the_last_entry_on() -> None:
    t = task(status="cancelled", updates=[upd("2018-10-15", "in_progress", "not_started")])
    assert status_as_of(t, D(2018, 10, 14)) is NS
    assert status_as_of(t, D(2018, 10, 15)) is CXL
    # a closing dated before the last entry that contradicts it still leaves the field as today's truth
    late = task(status="done", completed="2018-11-01", updates=[upd("2018-12-01", "in_progress")])
    assert status_as_of(late, D(2018, 11, 15)) is NS
    assert status_as_of(late, D(2018, 12, 1)) is DONE


def test_without_any_status_history_the_field_holds() -> None:
    assert status_as_of(task(status="in_progress"), D(2000, 1, 1)) is IP
    assert status_as_of(task(status="cancelled", updates=[upd("2018-10-01", note="x")]), D(2018, 9, 1)) is CXL


def test_entries_out_of_order_replay_by_date() -> None:
    t = task(status="done", completed="2018-12-01", updates=[upd("2018-12-01", "done"), upd("2018-10-01", "in_progress")])
    assert status_as_of(t, D(2018, 11, 1)) is IP


def test_nothing_later_gives_the_task_itself() -> None:
    t = task(status="in_progress", updates=[upd("2018-10-01", "in_progress")])
    assert task_as_of(t, D(2018, 10, 1)) is t


def test_disagreements() -> None:
    agree = task(status="done", completed="2018-12-20", updates=[upd("2018-12-20", "done", "in_progress")])
    assert disagreements(agree) == []
    assert disagreements(task(status="done", completed="2018-12-20")) == []  # no history to disagree with
    wrong = task(status="done", completed="2018-12-20", updates=[upd("2018-10-01", "in_progress"), upd("2018-11-01", note="x")])
    [d] = disagreements(wrong)
    assert (d.kind, d.field, d.entry_index, d.entry_status) == ("status", DONE, 0, IP)
    dates = task(status="done", completed="2018-12-25", updates=[upd("2018-12-20", "done")])
    [d] = disagreements(dates)
    assert (d.kind, d.field, d.entry_date) == ("completed", D(2018, 12, 25), D(2018, 12, 20))


def test_a_completion_date_left_on_a_reopened_task_does_not_count() -> None:
    t = task(status="in_progress", completed="2018-11-01", updates=[upd("2018-10-01", "in_progress")])
    assert task_as_of(t, D(2018, 12, 1)).completed is None


def test_ledger_as_of_replays_every_task() -> None:
    from gongkai.history import ledger_as_of
    from gongkai.loader import load_ledger

    from .common import YEAR

    year = load_ledger(YEAR, use_cache=False)
    past = ledger_as_of(year, D(2019, 4, 10))
    assert [t.status for t in past.tasks] == [IP, NS, IP, IP, IP, IP, IP, NS]
    assert past.plan is year.plan and [t.status for t in year.tasks][:3] == [DONE, DONE, DONE]
