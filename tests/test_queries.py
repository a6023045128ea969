"""Models and queries, on the real ledger and on a small fixture with progress, at fixed dates."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.loader import load_ledger
from gongkai.models import Cycle, Ledger, Task
from gongkai.names import Directory
from gongkai.periods import add_cycle, period_bounds, periods_between
from gongkai.queries import Light, Reason, overdue, status_summary, task_state, unit_view, units_table

from .support import LEDGER, REPORTS_PROGRESS

D = dt.date


@pytest.fixture(scope="module")
def real() -> Ledger:
    return load_ledger(LEDGER, use_cache=False)


@pytest.fixture(scope="module")
def progress() -> Ledger:
    return load_ledger(REPORTS_PROGRESS, use_cache=False)


def by_id(ledger: Ledger, task_id: str) -> Task:
    return next(t for t in ledger.tasks if t.id == task_id)


# --- periods and cycles -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("2018Q4", (Cycle.QUARTERLY, D(2018, 10, 1), D(2018, 12, 31))),
        ("2018Q1", (Cycle.QUARTERLY, D(2018, 1, 1), D(2018, 3, 31))),
        ("2018H2", (Cycle.HALF_YEARLY, D(2018, 7, 1), D(2018, 12, 31))),
        ("2018-02", (Cycle.MONTHLY, D(2018, 2, 1), D(2018, 2, 28))),
        ("2020-02", (Cycle.MONTHLY, D(2020, 2, 1), D(2020, 2, 29))),
        ("2018", (Cycle.YEARLY, D(2018, 1, 1), D(2018, 12, 31))),
        ("2018Q5", None),
        ("2018-13", None),
        ("Q4", None),
    ],
)
def test_period_bounds(key: str, expected: object) -> None:
    assert period_bounds(key) == expected


def test_periods_between_covers_partial_periods() -> None:
    assert periods_between(Cycle.QUARTERLY, D(2018, 9, 14), D(2018, 12, 31)) == ["2018Q3", "2018Q4"]
    assert periods_between(Cycle.MONTHLY, D(2018, 11, 30), D(2019, 1, 1)) == ["2018-11", "2018-12", "2019-01"]


def test_add_cycle_clamps_to_month_end() -> None:
    assert add_cycle(D(2018, 1, 31), Cycle.MONTHLY) == D(2018, 2, 28)
    assert add_cycle(D(2018, 11, 30), Cycle.QUARTERLY) == D(2019, 2, 28)
    assert add_cycle(D(2018, 9, 14), Cycle.YEARLY) == D(2019, 9, 14)


# --- the real plan --------------------------------------------------------------------------


def test_real_plan_has_every_clause_in_document_order(real: Ledger) -> None:
    assert [t.number for t in real.tasks] == [
        "二（一）1", "二（一）2", "二（一）3", "二（二）1",
        "二（二）2", "二（二）2", "二（二）2", "二（二）2",
        "二（三）", "二（四）1", "二（四）2", "二（五）1", "二（五）2", "二（五）3",
        "三（一）", "三（二）", "三（三）", "三（四）",
    ]  # fmt: skip
    assert [t.clause for t in real.tasks if t.number == "二（二）2"] == [1, 2, 3, 4]


def test_real_plan_particular_clauses(real: Ledger) -> None:
    t213 = by_id(real, "2-1-3")
    assert t213.lead == ["工会", "民政局", "教育局", "卫计局", "安监局", "公安局", "多种经营局", "资源林政局", "文体局"]
    assert t213.lead_open is True and t213.cooperate == []
    assert by_id(real, "2-1-2").cooperate == ["城建局", "企管科", "交通局", "多种经营局"]
    assert by_id(real, "2-1-2").cooperate_open is True
    assert by_id(real, "2-2-1").cooperate == ["宣传部", "新闻中心", "林业局各单位、部门"]
    assert [by_id(real, f"2-2-2{c}").cooperate for c in "abcd"] == [
        ["行政办", "公安局", "林业局各单位、部门"],
        ["行政办", "教育局", "卫计局", "城建局", "安监局", "多种经营局", "民政局"],
        ["行政办", "公安局"],
        ["行政办", "公安局", "林业局各部门"],
    ]
    assert by_id(real, "2-3").number == "二（三）" and by_id(real, "2-3").section == "二（三）"
    assert by_id(real, "3-4").cooperate == ["组织部"]
    assert "公开相关信息作出明确规定" in by_id(real, "2-1-1").text


def test_real_plan_deadlines(real: Ledger) -> None:
    quarterly = by_id(real, "3-1")
    assert quarterly.repeat is Cycle.QUARTERLY
    st = task_state(quarterly, real, D(2018, 10, 15))
    assert [(o.period, o.due) for o in st.obligations] == [("2018Q3", D(2018, 9, 30)), ("2018Q4", D(2018, 12, 31))]
    assert task_state(by_id(real, "2-1-1"), real, D(2018, 10, 15)).next_due == D(2018, 12, 31)


def test_groups_resolve(real: Ledger) -> None:
    d = Directory(real)
    everyone = d.members("林业局各单位、部门")
    assert "新闻中心" in everyone and "行政办" in everyone and "法院" not in everyone
    departments = d.members("林业局各部门")
    assert "新闻中心" not in departments and "宣传部" in departments
    assert d.members("林业局有关部门") == []


def test_on_2019_01_15_every_obligation_is_overdue(real: Ledger) -> None:
    report = overdue(real, D(2019, 1, 15))
    pairs = [(i.obligation.task.id, i.obligation.period) for i in report.overdue]
    assert len(pairs) == 19  # 17 one-off clauses + 2018Q3 and 2018Q4 of the quarterly check
    assert ("3-1", "2018Q4") in pairs and ("3-1", "2018Q3") in pairs
    assert {i.obligation.task.id for i in report.overdue} == {t.id for t in real.tasks}
    assert report.overdue[0].days == 107  # 2018Q3 check, due 2018-09-30


def test_as_issued_nothing_is_overdue_before_the_first_deadline(real: Ledger) -> None:
    summary = status_summary(real, D(2018, 9, 20))
    assert summary.by_light[Light.RED] == 0
    assert summary.by_light[Light.YELLOW] == 1  # 3-1: 2018Q3 check due in 10 days
    assert summary.attention[0].task.id == "3-1" and summary.attention[0].reason is Reason.DUE_SOON


def test_xuanchuanbu_unit_view(real: Ledger) -> None:
    view = unit_view(real, "宣传部", D(2018, 12, 20))
    assert view is not None
    assert [s.task.id for s in view.leads] == ["2-2-2a", "2-2-2b", "2-2-2c", "2-2-2d", "2-4-2"]
    assert [s.task.id for s in view.supports] == ["2-2-1"]
    assert [(v.state.task.id, v.group) for v in view.via_group][:2] == [("2-1-1", "林业局各单位、部门"), ("2-3", "林业局各单位、部门")]
    assert [v.state.task.id for v in view.maybe] == ["2-4-1"]


def test_external_unit_reached_by_nothing(real: Ledger) -> None:
    view = unit_view(real, "法院", D(2018, 12, 20))
    assert view is not None
    assert (view.leads, view.supports, view.via_group, view.maybe) == ([], [], [], [])


def test_department_only_group_skips_units(real: Ledger) -> None:
    view = unit_view(real, "新闻中心", D(2018, 12, 20))
    assert view is not None
    assert "2-2-2d" not in [v.state.task.id for v in view.via_group]  # 林业局各部门 is departments only
    organisation = unit_view(real, "组织部", D(2018, 12, 20))
    assert organisation is not None
    assert ("2-2-2d", "林业局各部门") in [(v.state.task.id, v.group) for v in organisation.via_group]


# --- the progress fixture -----------------------------------------------------------------------


def test_lights_on_the_progress_fixture(progress: Ledger) -> None:
    as_of = D(2018, 12, 10)
    reasons = {t.id: task_state(t, progress, as_of).reason for t in progress.tasks}
    assert reasons == {
        "a1": Reason.DONE,
        "a2": Reason.OVERDUE,
        "a3": Reason.DUE_SOON,
        "b1": Reason.REPORT_MISSING,
        "b2": Reason.ON_TRACK,
        "b3": Reason.OVERDUE,  # 2018-10 was never reported
        "b4": Reason.ON_TRACK,
        "b5": Reason.CANCELLED,
    }
    assert task_state(by_id(progress, "b5"), progress, as_of).light is Light.NONE


def test_report_missing_boundary(progress: Ledger) -> None:
    b1 = by_id(progress, "b1")  # last report 2018-10-01, monthly cycle
    assert task_state(b1, progress, D(2018, 11, 1)).report_missing is False
    assert task_state(b1, progress, D(2018, 11, 2)).report_missing is True


def test_due_soon_boundary(progress: Ledger) -> None:
    a3 = by_id(progress, "a3")  # due 2018-12-20, window 14 days, reported 2018-12-01
    assert task_state(a3, progress, D(2018, 12, 5)).reason is Reason.ON_TRACK
    assert task_state(a3, progress, D(2018, 12, 6)).reason is Reason.DUE_SOON
    assert task_state(a3, progress, D(2018, 12, 20)).reason is Reason.DUE_SOON
    assert task_state(a3, progress, D(2018, 12, 21)).reason is Reason.OVERDUE


def test_recurring_obligations_follow_reports(progress: Ledger) -> None:
    st = task_state(by_id(progress, "b3"), progress, D(2018, 12, 10))
    assert [(o.period, o.fulfilled) for o in st.obligations] == [
        ("2018-09", True),
        ("2018-10", False),
        ("2018-11", True),
        ("2018-12", False),
    ]
    late = overdue(progress, D(2018, 12, 10), within=30)
    assert [(i.obligation.task.id, i.obligation.period, i.days) for i in late.overdue] == [("b3", "2018-10", 40), ("a2", None, 25)]
    assert [(i.obligation.task.id, i.obligation.period, i.days) for i in late.due_soon] == [
        ("a3", None, 10),
        ("b1", None, 21),
        ("b2", None, 21),
        ("b3", "2018-12", 21),
    ]


def test_ongoing_duty_never_overdue_but_must_report(progress: Ledger) -> None:
    b4 = by_id(progress, "b4")
    assert task_state(b4, progress, D(2019, 6, 1)).reason is Reason.REPORT_MISSING
    assert [o.due for o in task_state(b4, progress, D(2019, 6, 1)).obligations] == [None]


def test_alias_and_named_group_in_unit_view(progress: Ledger) -> None:
    view = unit_view(progress, "卫计局", D(2018, 12, 10))  # alias of 卫健局
    assert view is not None and view.name == "卫健局"
    assert [s.task.id for s in view.leads] == ["a3"]
    news = unit_view(progress, "新闻中心", D(2018, 12, 10))
    assert news is not None
    assert [(v.state.task.id, v.group) for v in news.via_group] == [("a1", "宣传口"), ("a2", "各单位、部门")]
    assert unit_view(progress, "不存在", D(2018, 12, 10)) is None


def test_units_table_counts(progress: Ledger) -> None:
    rows = {v.name: v for v in units_table(progress, D(2018, 12, 10))}
    office = rows["行政办"]
    assert (len(office.leads), office.overdue_count(), office.missing_count()) == (4, 1, 1)
    assert (len(rows["宣传部"].leads), rows["宣传部"].overdue_count()) == (2, 1)
