"""Rule facts come from ``RULES`` (stage and severity), message arguments are typed, periods have one
parser, and a group asked for as a unit says it is a group."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from pathlib import Path

import pytest

from gongkai import diagnose
from gongkai.diagnose import RULES, Stage, can_disable, exit_code_for, found, is_syntax
from gongkai.errors import ExitCode, Level, UsageError
from gongkai.i18n import Suggestions, Term, render
from gongkai.loader import validate, validate_text
from gongkai.models import Cycle, Ledger
from gongkai.names import Directory, IsAGroup, UnknownName, suggest
from gongkai.periods import parse_period, period_bounds, period_key, periods_between

from ..support import LEDGER, Run

CORPUS = Path(__file__).resolve().parent / "corpus"
D = dt.date


# --- RULES decides stage and severity --------------------------------------------------------------


@pytest.mark.parametrize("code", list(RULES))
def test_every_rule_has_a_stage_and_its_problems_take_its_severity(code: str) -> None:
    rule = RULES[code]
    assert isinstance(rule.stage, Stage) and isinstance(rule.level, Level)
    p = found(code, "p.yaml.empty", path="x", line=1, col=1)
    assert p.level is rule.level
    assert is_syntax(p) == (rule.stage in (Stage.READ, Stage.SYNTAX))
    assert can_disable(code) == (rule.stage is Stage.SEMANTIC)


def test_the_stages_in_the_table() -> None:
    by_stage = {s: [c for c, r in RULES.items() if r.stage is s] for s in Stage}
    assert by_stage[Stage.READ] == ["GK001"]
    assert by_stage[Stage.SYNTAX] == ["GK002", "GK003", "GK004", "GK005", "GK006", "GK007", "GK008"]
    assert by_stage[Stage.SCHEMA] == ["GK010", "GK011", "GK012", "GK013"]
    assert all(c >= "GK020" for c in by_stage[Stage.SEMANTIC])


def test_exit_code_and_disable_filter_read_the_stage_from_the_table(monkeypatch: pytest.MonkeyPatch) -> None:
    p = found("GK002", "p.yaml.empty", path="x", line=1, col=1)
    assert exit_code_for([p]) is ExitCode.PROBLEMS
    monkeypatch.setitem(RULES, "GK002", dataclasses.replace(RULES["GK002"], stage=Stage.READ))
    assert exit_code_for([p]) is ExitCode.UNREADABLE
    assert diagnose.is_syntax(p)


def test_only_semantic_rules_can_be_disabled_in_the_file() -> None:
    text = (CORPUS / "valid.yaml").read_text(encoding="utf-8").replace("    due: 2018-12-31\n", "    due: 2019-06-30\n", 1)
    assert [p.code for p in validate_text(text, "t.yaml", today=D(2018, 12, 20)).problems] == ["GK024"]
    assert validate_text(text + "check:\n  disable: [GK024]\n", "t.yaml", today=D(2018, 12, 20)).problems == []
    broken = text.replace("  issued: 2018-09-14\n", "  issued: 2018-09-31\n")
    codes = [p.code for p in validate_text(broken + "check:\n  disable: [GK012]\n", "t.yaml", today=D(2018, 12, 20)).problems]
    assert codes == ["GK012"]


# --- typed message arguments -------------------------------------------------------------------------


def test_render_words_terms_and_suggestions_in_each_language() -> None:
    args = {"key": "x", "expected": Term("yaml.kind.list"), "found": Term("yaml.kind.text")}
    assert render("p.schema.expected", "en", args) == "the value of 'x' must be a list, not text."
    assert render("p.schema.expected", "zh", args) == "“x” 的值应为列表，而不是文本。"
    assert render("err.unknown_unit", "en", {"name": "宣传", "hint": Suggestions(("宣传部",))}) == (
        "no unit or group named '宣传' in the ledger. Did you mean: 宣传部?"
    )
    assert render("err.unknown_unit", "en", {"name": "z", "hint": Suggestions()}) == "no unit or group named 'z' in the ledger."


def test_suggest_finds_close_and_contained_names() -> None:
    assert suggest("宣传", ["行政办", "宣传部"]) == Suggestions(("宣传部",))
    assert suggest("qqq", ["行政办"]) == Suggestions(())


# --- periods -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("2018Q4", "2018Q4"),
        ("2018q4", "2018Q4"),
        ("2018-Q4", "2018Q4"),
        (" 2018H2 ", "2018H2"),
        ("2018-h1", "2018H1"),
        ("2018-11", "2018-11"),
        ("2018-1", "2018-01"),
        ("2018/3", "2018-03"),
        ("2018", "2018"),
        ("2018年第四季度", "2018Q4"),
        ("2018年第1季度", "2018Q1"),
        ("2018年下半年", "2018H2"),
        ("2018年11月", "2018-11"),
        ("2018年度", "2018"),
    ],
)
def test_parse_period_accepts_what_people_type(typed: str, key: str) -> None:
    assert parse_period(typed).key == key


@pytest.mark.parametrize("typed", ["0000Q1", "2018Q5", "2018H3", "2018-13", "18Q4", "9999", "Q4", "", "2018年第五季度"])
def test_parse_period_refuses_with_one_key(typed: str) -> None:
    with pytest.raises(UsageError) as info:
        parse_period(typed)
    assert info.value.key == "err.bad_period"
    assert info.value.args_map == {"value": typed}


def test_period_span() -> None:
    span = parse_period("2018q4")
    assert (span.cycle, span.start, span.end) == (Cycle.QUARTERLY, D(2018, 10, 1), D(2018, 12, 31))
    assert period_bounds("2018H1") == (Cycle.HALF_YEARLY, D(2018, 1, 1), D(2018, 6, 30))
    assert period_bounds("1899") is None and period_bounds("3000") is None


def test_period_keys_always_have_four_digit_years() -> None:
    assert period_key(Cycle.QUARTERLY, D(1900, 2, 1)) == "1900Q1"
    assert periods_between(Cycle.YEARLY, D(2998, 6, 1), D(2999, 12, 31)) == ["2998", "2999"]


# --- names ---------------------------------------------------------------------------------------------


def _real() -> Ledger:
    result = validate(LEDGER, today=D(2018, 12, 20))
    assert result.ledger is not None
    return result.ledger


def test_a_group_asked_for_as_a_unit_is_a_typed_error_with_its_members() -> None:
    d = Directory(_real())
    with pytest.raises(IsAGroup) as info:
        d.unit("林业局各部门")
    err = info.value
    assert err.group.name == "林业局各部门"
    assert err.members == d.members("林业局各部门") and err.members
    assert render(err.key, "en", err.args_map) == f"'林业局各部门' is a group (it stands for {len(err.members)} units), not a unit: name one registered unit here."


def test_an_unknown_unit_suggests_close_names_and_an_alias_resolves() -> None:
    d = Directory(_real())
    with pytest.raises(UnknownName) as info:
        d.unit("宣传")
    assert "宣传部" in info.value.args_map["hint"].names
    assert d.unit("宣传部") == "宣传部"


# --- full-width punctuation (GK008) ---------------------------------------------------------------------


def test_full_width_punctuation_inside_plan_text_is_not_flagged() -> None:
    base = (CORPUS / "valid.yaml").read_text(encoding="utf-8")
    block = "    text: |\n      　　各单位要做好政策解读。\n      note：见附件\n"
    text = base.replace("    text: 做好政策解读。\n", block, 1)
    assert validate_text(text, "t.yaml", today=D(2018, 12, 20)).problems == []
    # With an unrelated error elsewhere, that error is reported, not the text.
    broken = text.replace("    due: 2018-12-31\n", "    due: 2018-12-32\n", 1)
    assert [(p.code, p.line) for p in validate_text(broken, "t.yaml", today=D(2018, 12, 20)).problems] == [("GK012", 38)]


def test_full_width_colon_message_points_at_the_character() -> None:
    text = (CORPUS / "valid.yaml").read_text(encoding="utf-8").replace("  title: 示例实施方案\n", "  title：示例实施方案\n")
    (p,) = validate_text(text, "t.yaml", today=D(2018, 12, 20)).problems
    assert (p.code, p.line, p.col) == ("GK008", 4, 8)
    assert render(p.message_key, "zh", p.kwargs) == "这里是全角冒号 “：”（中文输入法输入的）：键 title 后面要用半角冒号，请把 “title：” 改为 “title: ”。"


def test_a_quoted_key_with_a_full_width_colon_is_named_too() -> None:
    text = (CORPUS / "valid.yaml").read_text(encoding="utf-8").replace("  title: 示例实施方案\n", '  "title"：示例实施方案\n')
    (p,) = validate_text(text, "t.yaml", today=D(2018, 12, 20)).problems
    assert (p.code, p.line, p.col, p.kwargs["key"]) == ("GK008", 4, 10, "title")


def test_names_joined_in_one_item_are_said_to_be_that() -> None:
    base = (CORPUS / "valid.yaml").read_text(encoding="utf-8")
    joined = validate_text(base.replace("    lead: [行政办]\n", "    lead: [行政办、宣传]\n", 1), "t.yaml", today=D(2018, 12, 20)).problems
    assert [(p.code, p.message_key, p.kwargs["names"]) for p in joined] == [("GK021", "p.rule.joined_names", "行政办, 宣传")]
    # Not every part is a registered name: the usual message with its suggestions.
    (p,) = validate_text(base.replace("    lead: [行政办]\n", "    lead: [行政办，宣传科]\n", 1), "t.yaml", today=D(2018, 12, 20)).problems
    assert (p.code, p.message_key) == ("GK021", "p.rule.unknown_name")


@pytest.mark.parametrize(
    ("group", "said"),
    [("林业局各部门", "'林业局各部门' is a group (it stands for"), ("林业局有关部门", "'林业局有关部门' is a group (not yet resolved to named units)")],
)
def test_reporting_as_a_group_says_it_is_a_group(run: Run, tmp_path: Path, group: str, said: str) -> None:
    path = tmp_path / "tasks.yaml"
    shutil.copy(LEDGER, path)
    r = run("update", "2-4-1", "--note", "x", "--by", group, "--date", "2018-12-01", "--lang", "en", "-f", path)
    assert r.exit_code == ExitCode.USAGE
    assert said in r.stderr and "name one registered unit here." in r.stderr
    assert path.read_bytes() == LEDGER.read_bytes()
