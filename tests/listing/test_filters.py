"""The filter language: each key selects what docs/filters.md says, and bad words fail clearly."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.errors import UsageError
from gongkai.filters import parse, parse_date_word
from gongkai.i18n import Suggestions
from gongkai.loader import load_ledger
from gongkai.models import Ledger
from gongkai.tasklist import list_tasks, parse_sort

from ..support import LEDGER, REPORTS_PROGRESS

AS_OF = dt.date(2018, 12, 10)


@pytest.fixture(scope="module")
def progress() -> Ledger:
    return load_ledger(REPORTS_PROGRESS, use_cache=False)


def ids(ledger: Ledger, *words: str, as_of: dt.date = AS_OF, sort: str | None = None) -> list[str]:
    return [st.task.id for st in list_tasks(ledger, as_of, words, sort=sort).shown]


def test_no_words_list_every_task_in_ledger_order(progress: Ledger) -> None:
    assert ids(progress) == ["a1", "a2", "a3", "b1", "b2", "b3", "b4", "b5"]


@pytest.mark.parametrize("word", ["status:in_progress", "status:推进中", "状态：推进中", "status:in-progress"])
def test_status_in_both_languages(progress: Ledger, word: str) -> None:
    assert ids(progress, word) == ["a2", "a3", "b1", "b2", "b3", "b4"]


def test_status_open_and_negation(progress: Ledger) -> None:
    assert ids(progress, "status.not:in_progress") == ["a1", "b5"]
    assert ids(progress, "status:open") == ["a2", "a3", "b1", "b2", "b3", "b4"]


@pytest.mark.parametrize(("word", "expected"), [("light:red", ["a2", "b3"]), ("light:红", ["a2", "b3"]), ("light:黄灯", ["a3", "b1"])])
def test_light(progress: Ledger, word: str, expected: list[str]) -> None:
    assert ids(progress, word) == expected


def test_units_by_role_alias_and_group(progress: Ledger) -> None:
    assert ids(progress, "lead:宣传部") == ["a2", "b2"]
    # 卫计局 is an alias of 卫健局; a3 writes the alias
    assert ids(progress, "lead:卫健局") == ids(progress, "lead:卫计局") == ["a3"]
    assert ids(progress, "coop:新闻中心") == ["a3"]
    # unit: any role, and through the groups 宣传口 (named) and 各单位、部门 (all)
    assert ids(progress, "unit:新闻中心") == ["a1", "a2", "a3", "b4"]
    # a group name selects the tasks that name the group
    assert ids(progress, "coop:宣传口") == ["a1"]


def test_section_includes_subsections() -> None:
    real = load_ledger(LEDGER, use_cache=False)
    under = ids(real, "section:二（二）")
    assert under == ["2-2-1", "2-2-2a", "2-2-2b", "2-2-2c", "2-2-2d"]
    whole = ids(real, "section:二")
    assert set(under) < set(whole) and "2-1-1" in whole and "3-1" not in whole
    assert ids(real, "section:二(二)") == under  # ASCII brackets as typed on a Latin keyboard


def test_dates_and_relative_words(progress: Ledger) -> None:
    assert ids(progress, "due.before:2018-11-30") == ["a1", "a2", "b3"]  # b3's open 2018-10 period
    assert ids(progress, "due.after:2018-12-20", "due.before:2018-12-20") == ["a3"]
    assert ids(progress, "due.before:+10d") == ids(progress, "due.before:2018-12-20")
    assert ids(progress, "done.after:2018-11-01") == ["a1"]
    assert parse_date_word("eow", AS_OF) == dt.date(2018, 12, 16)  # 2018-12-10 is a Monday
    assert parse_date_word("eom", AS_OF) == dt.date(2018, 12, 31)
    assert parse_date_word("eoq", dt.date(2018, 8, 2)) == dt.date(2018, 9, 30)
    assert parse_date_word("+1m", dt.date(2018, 1, 31)) == dt.date(2018, 2, 28)
    assert parse_date_word("today", AS_OF) == AS_OF
    assert parse_date_word("someday", AS_OF) is None


def test_yes_no_keys(progress: Ledger) -> None:
    assert ids(progress, "recurring:yes") == ["b3"]
    assert ids(progress, "late:yes") == ["a2", "b3"]
    assert ids(progress, "has:evidence") == ["a1"]
    assert ids(progress, "no:evidence", "status:done") == []


def test_free_words_search_title_text_and_notes(progress: Ledger) -> None:
    assert ids(progress, "逾期") == ["a2"]  # title
    assert ids(progress, "报送") == ["b1", "b2"]  # text
    assert ids(progress, "已检查") == ["b3"]  # a period report's note
    assert ids(progress, "每月", "检查") == ["b3"]


def test_or_and_parentheses(progress: Ledger) -> None:
    assert ids(progress, "light:red", "or", "light:yellow") == ["a2", "a3", "b1", "b3"]
    assert ids(progress, "(light:red", "or", "light:yellow)", "lead:行政办") == ["b1", "b3"]
    assert ids(progress, "(", "light:red", "or", "status:done", ")", "lead:行政办") == ["a1", "b3"]


def test_unknown_key_suggests(progress: Ledger) -> None:
    with pytest.raises(UsageError) as err:
        parse(["stauts:done"])
    assert err.value.key == "filter.err.unknown_key"
    assert err.value.args_map["hint"] == Suggestions(("status",))


@pytest.mark.parametrize(
    ("words", "key"),
    [
        (["status:finished"], "filter.err.bad_value"),
        (["light:blue"], "filter.err.bad_value"),
        (["status:"], "filter.err.empty"),
        (["(light:red"], "filter.err.parens"),
        (["light:red", "or"], "filter.err.or"),
        (["lead:宣传处"], "filter.err.unknown_unit"),
        (["section:九"], "filter.err.unknown_section"),
        (["due.before:someday"], "filter.err.bad_date"),
    ],
)
def test_bad_words(progress: Ledger, words: list[str], key: str) -> None:
    with pytest.raises(UsageError) as err:
        list_tasks(progress, AS_OF, words)
    assert err.value.key == key


def test_url_and_times_are_free_words(progress: Ledger) -> None:
    assert ids(progress, "https://example.org/a1") == []  # searched as text, not a key
    assert ids(progress, "10:30") == []


def test_sort_keys_and_direction(progress: Ledger) -> None:
    assert parse_sort("due,-light,id") == [("due", False), ("light", True), ("id", False)]
    # due ascending, then worst light first; tasks without a due date (ongoing, all reported) last
    assert ids(progress, sort="due,-light,id") == ["b3", "a2", "a1", "a3", "b1", "b2", "b5", "b4"]
    assert ids(progress, sort="-light,id")[:2] == ["a2", "b3"]
    with pytest.raises(UsageError):
        parse_sort("deu")


def test_limit_and_groups(progress: Ledger) -> None:
    result = list_tasks(progress, AS_OF, ["status:in_progress"], limit=3, group_by="unit")
    assert result.total == 6 and [st.task.id for st in result.shown] == ["a2", "a3", "b1"]
    assert result.groups is not None
    assert [(k, [st.task.id for st in v]) for k, v in result.groups] == [("行政办", ["b1"]), ("宣传部", ["a2"]), ("卫健局", ["a3"])]
    by_light = list_tasks(progress, AS_OF, [], group_by="light").groups
    assert by_light is not None and [k for k, _ in by_light] == ["red", "yellow", "green", "none"]


def test_a_plan_number_selects_the_clauses_of_that_item() -> None:
    real = load_ledger(LEDGER, use_cache=False)
    assert ids(real, "section:二（二）2") == ["2-2-2a", "2-2-2b", "2-2-2c", "2-2-2d"]
    assert ids(real, "section.not:二（二）2", "section:二（二）") == ["2-2-1"]
