"""``gongkai check`` and ``gongkai schema`` through the real entry point."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from gongkai.diagnose import RULES
from gongkai.render.problems import PROBLEM_FORMATS

from ..support import LEDGER, ROOT, Run

CORPUS = Path(__file__).resolve().parent / "corpus"
AS_OF = ("--as-of", "2018-12-20")


@pytest.fixture
def corpus(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from the corpus folder so paths in the output are short and exact."""
    monkeypatch.chdir(CORPUS)
    return CORPUS


# --- the real ledger -----------------------------------------------------------------------------


def test_real_ledger_has_exactly_one_warning(run: Run) -> None:
    r = run("check", LEDGER, "--format", "parsable", *AS_OF)
    assert r.exit_code == 0, r.stdout + r.stderr
    assert r.stdout == f"{LEDGER}:90:13: [warning] GK028 “林业局有关部门” 尚未明确具体单位：请在 groups 中把它改为 covers: named 并列出 members。\n"


def test_real_ledger_fails_under_strict(run: Run) -> None:
    r = run("check", LEDGER, "--strict", "--format", "parsable", *AS_OF)
    assert r.exit_code == 1


def test_default_file_is_found_upward_and_shown_relative(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(CORPUS / "unused-unit.yaml", tmp_path / "tasks.yaml")
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "sub" / "deeper")
    r = run("check", "--format", "parsable", "--lang", "en", *AS_OF)
    assert r.exit_code == 0
    assert r.stdout == "../../tasks.yaml:19:11: [warning] GK030 unit '工会' is not used by any task.\n"


def test_no_ledger_anywhere_is_a_usage_error(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    r = run("check", "--lang", "en")
    assert r.exit_code == 3
    assert "no tasks.yaml in" in r.stderr


# --- formats -------------------------------------------------------------------------------------


def test_text_format_shows_the_line_and_a_caret(run: Run, corpus: Path) -> None:
    r = run("check", "many-problems.yaml", "unused-unit.yaml", *AS_OF)
    assert r.exit_code == 1
    assert r.stdout.splitlines() == [
        "many-problems.yaml:34:12: 错误 GK021 “行政室” 不是登记的单位、别名或群体。您是否要找：行政办？",
        "   34 |     lead: [行政室]",
        "      |            ^",
        "many-problems.yaml:46:13: 错误 GK025 任务已办结但没有办结日期：请填写 completed。",
        "   46 |     status: done",
        "      |             ^",
        "many-problems.yaml:53:9: 错误 GK020 任务编号 “t1” 重复（第一次出现在第 29 行）：每个编号必须唯一。",
        "   53 |   - id: t1",
        "      |         ^",
        "many-problems.yaml:61:17: 错误 GK029 周期 2019Q1 不在方案执行期（2018-09-14 至 2018-12-31）内。",
        "   61 |       - period: 2019Q1",
        "      |                 ^",
        "unused-unit.yaml:19:11: 警告 GK030 单位 “工会” 没有出现在任何任务中。",
        "   19 |   - name: 工会",
        "      |           ^",
        "检查了 2 个文件：4 个错误，1 个警告。",
    ]


def test_text_caret_counts_display_cells_of_wide_characters(run: Run, corpus: Path) -> None:
    r = run("check", "unknown-group-wide-chars.yaml", "--lang", "en", *AS_OF)
    lines = r.stdout.splitlines()
    assert lines[1] == "   35 |     cooperate: [宣传部, 林业局各单位和部门]"
    # 21 characters before the name, three of them two cells wide: the caret is 24 cells in
    assert lines[2] == "      | " + " " * 24 + "^"


def test_text_long_line_is_cut_before_the_caret(run: Run, tmp_path: Path) -> None:
    ledger = tmp_path / "long.yaml"
    ledger.write_text("plan:\n  title: 双丰林业局2018年政务公开工作实施方案双丰林业局, x: [1\n", encoding="utf-8")
    r = run("check", ledger, "--lang", "en")
    lines = r.stdout.splitlines()
    # the ':' after x is character 38; before it are 9 + 26 + 2 characters, 21 of them two cells wide
    assert lines[0] == (
        f"{ledger}:2:38: error GK002 YAML syntax error: a 'key: value' cannot start here: a colon and a space begin a key;"
        " quote the text, or put the nested mapping on its own indented line."
    )
    # 58 cells before the caret; cut from the left to 37 ('18' + 16 wide characters + ', x'), then '...': 40
    assert lines[1] == "    2 | ...18年政务公开工作实施方案双丰林业局, x: [1"
    assert lines[2] == "      | " + " " * 40 + "^"


def test_text_clean_and_unreadable(run: Run, corpus: Path) -> None:
    r = run("check", "valid.yaml", "--lang", "en", *AS_OF)
    assert (r.exit_code, r.stdout) == (0, "checked 1 file(s): no problems found.\n")
    r = run("check", "binary-garbage.bin", "--lang", "en")
    assert r.exit_code == 2
    assert r.stdout == (
        "binary-garbage.bin:1:1: error GK001 the file contains NUL bytes, so it is not text: check that this is the ledger.\n"
        "checked 1 file(s): 1 error(s), 0 warning(s).\n"
    )


def test_parsable_format(run: Run, corpus: Path) -> None:
    r = run("check", "unused-unit.yaml", "many-problems.yaml", "--format", "parsable", "--lang", "en", *AS_OF)
    assert r.exit_code == 1
    assert r.stdout.splitlines() == [
        "many-problems.yaml:34:12: [error] GK021 '行政室' is not a registered unit, alias or group. Did you mean: 行政办?",
        "many-problems.yaml:46:13: [error] GK025 the task is done but has no completion date: fill in completed.",
        "many-problems.yaml:53:9: [error] GK020 task id 't1' is used twice (first at line 29): ids must be unique.",
        "many-problems.yaml:61:17: [error] GK029 period 2019Q1 is outside the plan period (2018-09-14 to 2018-12-31).",
        "unused-unit.yaml:19:11: [warning] GK030 unit '工会' is not used by any task.",
    ]


def test_json_format(run: Run, corpus: Path) -> None:
    r = run("check", "unused-unit.yaml", "valid.yaml", "--format", "json", "--lang", "en", *AS_OF)
    assert r.exit_code == 0
    assert json.loads(r.stdout) == {
        "schema": 1,
        "valid": True,
        "errors": 0,
        "warnings": 1,
        "files": [
            {
                "path": "unused-unit.yaml",
                "valid": True,
                "errors": 0,
                "warnings": 1,
                "problems": [
                    {
                        "path": "unused-unit.yaml",
                        "line": 19,
                        "col": 11,
                        "level": "warning",
                        "code": "GK030",
                        "message": "unit '工会' is not used by any task.",
                        "loc": ["units", 4, "name"],
                    }
                ],
            },
            {"path": "valid.yaml", "valid": True, "errors": 0, "warnings": 0, "problems": []},
        ],
    }


def test_github_format(run: Run, corpus: Path) -> None:
    r = run("check", "unused-unit.yaml", "duplicate-id.yaml", "--format", "github", "--lang", "en", *AS_OF)
    assert r.exit_code == 1
    assert r.stdout.splitlines() == [
        "::error file=duplicate-id.yaml,line=54,col=9,title=gongkai GK020::GK020 task id 't1' is used twice (first at line 29): ids must be unique.",
        "::warning file=unused-unit.yaml,line=19,col=11,title=gongkai GK030::GK030 unit '工会' is not used by any task.",
    ]


def test_github_format_escapes_what_would_break_the_command() -> None:
    from gongkai.errors import problem
    from gongkai.loader import CheckResult
    from gongkai.render.problems import github

    p = problem("GK002", "p.yaml.syntax", path="a,b:c.yaml", line=1, col=2, detail="50%\nnext")
    assert github([CheckResult("a,b:c.yaml", None, None, [p])], "en") == (
        "::error file=a%2Cb%3Ac.yaml,line=1,col=2,title=gongkai GK002::GK002 YAML syntax error: 50%25%0Anext. Check indentation, colons and quotes.\n"
    )


def test_github_format_is_the_default_inside_github_actions(run: Run, corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    r = run("check", "duplicate-id.yaml", "--lang", "en", *AS_OF)
    assert r.exit_code == 1
    assert r.stdout.startswith("::error file=duplicate-id.yaml,line=54,col=9,")
    r = run("check", "duplicate-id.yaml", "--format", "parsable", "--lang", "en", *AS_OF)
    assert r.stdout.startswith("duplicate-id.yaml:54:9: [error] GK020")


def test_default_format_decision() -> None:
    from gongkai.cli import default_format

    assert default_format({}) == "text"
    assert default_format({"GITHUB_ACTIONS": "true"}) == "github"
    assert default_format({"GITHUB_ACTIONS": "false"}) == "text"


def test_sarif_format(run: Run, corpus: Path) -> None:
    r = run("check", "many-problems.yaml", "unused-unit.yaml", "--format", "sarif", "--lang", "en", *AS_OF)
    assert r.exit_code == 1
    log = json.loads(r.stdout)
    assert log["version"] == "2.1.0"
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    (run_,) = log["runs"]
    driver = run_["tool"]["driver"]
    assert driver["name"] == "gongkai"
    assert [rule["id"] for rule in driver["rules"]] == list(RULES)
    assert driver["rules"][0]["shortDescription"]["text"] == "file cannot be read (missing, directory, permission, encoding, binary)"
    assert {rule["defaultConfiguration"]["level"] for rule in driver["rules"]} == {"error", "warning"}
    assert run_["columnKind"] == "unicodeCodePoints"
    assert [
        (x["ruleId"], driver["rules"][x["ruleIndex"]]["id"], x["level"], x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
         x["locations"][0]["physicalLocation"]["region"]["startLine"], x["locations"][0]["physicalLocation"]["region"]["startColumn"])
        for x in run_["results"]
    ] == [
        ("GK021", "GK021", "error", "many-problems.yaml", 34, 12),
        ("GK025", "GK025", "error", "many-problems.yaml", 46, 13),
        ("GK020", "GK020", "error", "many-problems.yaml", 53, 9),
        ("GK029", "GK029", "error", "many-problems.yaml", 61, 17),
        ("GK030", "GK030", "warning", "unused-unit.yaml", 19, 11),
    ]
    assert run_["results"][4]["message"]["text"] == "unit '工会' is not used by any task."


def test_sarif_uri_of_an_absolute_path_is_a_file_uri(run: Run) -> None:
    r = run("check", CORPUS / "unused-unit.yaml", "--format", "sarif", *AS_OF)
    (result,) = json.loads(r.stdout)["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (CORPUS / "unused-unit.yaml").as_uri()


def test_format_choices_are_the_reporter_table(run: Run) -> None:
    assert list(PROBLEM_FORMATS) == ["text", "parsable", "json", "github", "sarif"]
    r = run("check", "--help")
    assert f"--format <{'|'.join(PROBLEM_FORMATS)}>" in r.stdout
    r = run("check", LEDGER, "--format", "xml")
    assert r.exit_code == 3
    assert "--format 的值 “xml” 无效，可选：" + "、".join(PROBLEM_FORMATS) + "。" in r.stderr


@pytest.mark.parametrize("fmt", list(PROBLEM_FORMATS))
def test_every_format_handles_problems_clean_files_and_unreadable_ones(fmt: str, run: Run, corpus: Path) -> None:
    r = run("check", "duplicate-id.yaml", "--format", fmt, *AS_OF)
    assert r.exit_code == 1 and "GK020" in r.stdout and "54" in r.stdout, r.stdout
    r = run("check", "valid.yaml", "--format", fmt, *AS_OF)
    assert r.exit_code == 0 and "GK0" not in r.stdout.replace('"GK0', ""), r.stdout
    r = run("check", "gbk.yaml", "--format", fmt, *AS_OF)
    assert r.exit_code == 2 and "GK001" in r.stdout
    assert r.stderr == ""


def test_unknown_format_is_a_usage_error(run: Run) -> None:
    r = run("check", LEDGER, "--format", "xml")
    assert r.exit_code == 3


# --- exit codes, languages, several files ----------------------------------------------------------


@pytest.mark.parametrize(
    ("files", "strict", "code"),
    [
        (["valid.yaml"], False, 0),
        (["unused-unit.yaml"], False, 0),
        (["unused-unit.yaml"], True, 1),
        (["duplicate-id.yaml"], False, 1),
        (["duplicate-id.yaml", "valid.yaml"], False, 1),
        (["no-such-file.yaml"], False, 2),
        (["gbk.yaml"], False, 2),
        (["gbk.yaml", "duplicate-id.yaml"], False, 2),
        ([".."], False, 2),
    ],
)
def test_exit_codes(files: list[str], strict: bool, code: int, run: Run, corpus: Path) -> None:
    r = run("check", *files, *(["--strict"] if strict else []), "--format", "parsable", *AS_OF)
    assert r.exit_code == code, r.stdout


def test_directory_and_missing_messages(run: Run, corpus: Path) -> None:
    r = run("check", "..", "no-such-file.yaml", "--format", "parsable", "--lang", "en")
    assert r.stdout.splitlines() == [
        "..:1:1: [error] GK001 this is a directory, not a file: name the tasks.yaml inside it.",
        "no-such-file.yaml:1:1: [error] GK001 file not found: check the path, or name the ledger with --file.",
    ]


def test_language_from_option_and_environment(run: Run, corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    zh = run("check", "unused-unit.yaml", "--format", "parsable", *AS_OF).stdout
    assert zh == "unused-unit.yaml:19:11: [warning] GK030 单位 “工会” 没有出现在任何任务中。\n"
    monkeypatch.setenv("GONGKAI_LANG", "en")
    assert run("check", "unused-unit.yaml", "--format", "parsable", *AS_OF).stdout == (
        "unused-unit.yaml:19:11: [warning] GK030 unit '工会' is not used by any task.\n"
    )
    assert run("check", "unused-unit.yaml", "--lang", "fr").exit_code == 3


def test_as_of_decides_what_is_in_the_future(run: Run, corpus: Path) -> None:
    assert run("check", "update-in-future.yaml", "--format", "parsable", "--as-of", "2018-12-20").exit_code == 1
    assert run("check", "update-in-future.yaml", "--format", "parsable", "--as-of", "2019-01-05").exit_code == 0


def test_a_file_named_twice_is_checked_once(run: Run, corpus: Path) -> None:
    r = run("check", "duplicate-id.yaml", "duplicate-id.yaml", "--format", "parsable", *AS_OF)
    assert len(r.stdout.splitlines()) == 1


def test_disable_switches_a_rule_off_for_that_file_only(run: Run, corpus: Path) -> None:
    r = run("check", "check-disable.yaml", "unused-unit.yaml", "--strict", "--format", "parsable", "--lang", "en", *AS_OF)
    assert r.exit_code == 1
    assert r.stdout == "unused-unit.yaml:19:11: [warning] GK030 unit '工会' is not used by any task.\n"
    assert run("check", "check-disable.yaml", "--strict", *AS_OF).exit_code == 0


def test_disable_does_not_hide_errors_of_other_rules(run: Run, tmp_path: Path) -> None:
    text = (CORPUS / "duplicate-id.yaml").read_text(encoding="utf-8") + "check:\n  disable: [GK030]\n"
    (tmp_path / "tasks.yaml").write_text(text, encoding="utf-8")
    r = run("check", tmp_path / "tasks.yaml", "--format", "parsable", *AS_OF)
    assert r.exit_code == 1 and "GK020" in r.stdout


# --- schema ------------------------------------------------------------------------------------------


def test_schema_command_prints_the_committed_schema(run: Run) -> None:
    r = run("schema")
    assert r.exit_code == 0
    assert r.stdout == (ROOT / "tasks.schema.json").read_text(encoding="utf-8"), "regenerate: gongkai schema > tasks.schema.json"


def test_tasks_yaml_points_editors_at_the_schema() -> None:
    assert LEDGER.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=./tasks.schema.json\n")


def _properties(schema: dict[str, object]) -> list[tuple[str, dict[str, object]]]:
    out: list[tuple[str, dict[str, object]]] = []
    roots = [("", schema), *((f"$defs.{name}", d) for name, d in schema["$defs"].items())]  # type: ignore[attr-defined]
    for where, node in roots:
        for name, prop in node.get("properties", {}).items():
            out.append((f"{where}.{name}", prop))
    return out


def test_every_field_has_a_chinese_and_english_title_and_description() -> None:
    import re

    from gongkai.schema import generate

    schema = generate()
    props = _properties(schema)
    assert len(props) > 60
    for where, prop in props:
        for key in ("title", "description"):
            value = str(prop.get(key, ""))
            zh, _, en = value.partition(" / ")
            assert re.search(r"[\u4e00-\u9fff]", zh) and re.search(r"[A-Za-z]", en), f"{where} {key}: {value!r}"
    for name, definition in schema["$defs"].items():
        assert re.search(r"[\u4e00-\u9fff].* / [A-Za-z]", definition["title"]), name


def test_schema_matches_the_models() -> None:
    from gongkai.models import Ledger

    committed = json.loads((ROOT / "tasks.schema.json").read_text(encoding="utf-8"))
    assert set(committed["properties"]) == set(Ledger.model_fields)
    for name, definition in committed["$defs"].items():
        if "properties" in definition:
            from gongkai import models

            assert set(definition["properties"]) == set(getattr(models, name).model_fields), name
    assert committed["$defs"]["CheckConfig"]["properties"]["disable"]["items"]["enum"] == list(RULES)
    assert committed["additionalProperties"] is False


def test_format_rules_cannot_be_switched_off(run: Run, tmp_path: Path) -> None:
    text = (CORPUS / "unused-unit.yaml").read_text(encoding="utf-8") + "check:\n  disable: [GK013, GK030, GK999]\n"
    (tmp_path / "tasks.yaml").write_text(text, encoding="utf-8")
    r = run("check", tmp_path / "tasks.yaml", "--format", "parsable", "--lang", "en", *AS_OF)
    assert r.exit_code == 1
    assert r.stdout == (
        f"{tmp_path / 'tasks.yaml'}:67:27: [error] GK013 'GK999' in check.disable is not a gongkai rule code."
        " The rules are listed in docs/rules.md (gongkai docs rules).\n"
    )


def test_a_mistyped_rule_code_gets_a_suggestion(run: Run, tmp_path: Path) -> None:
    text = (CORPUS / "valid.yaml").read_text(encoding="utf-8") + "check:\n  disable: [gk030]\n"
    (tmp_path / "tasks.yaml").write_text(text, encoding="utf-8")
    r = run("check", tmp_path / "tasks.yaml", "--format", "parsable", "--lang", "en", *AS_OF)
    assert r.stdout.endswith("GK013 'gk030' in check.disable is not a gongkai rule code. Did you mean: GK030? The rules are listed in docs/rules.md (gongkai docs rules).\n")


def test_text_spells_out_invisible_characters_and_keeps_the_caret_in_place(run: Run, corpus: Path) -> None:
    r = run("check", "line-separator.yaml", "--lang", "en")
    assert r.exit_code == 1
    assert r.stdout.splitlines()[1:3] == [
        "    4 |   title: 示例<U+2028>实施方案",
        "      |              ^",
    ]


def test_text_source_lines_are_counted_like_the_problems(run: Run, corpus: Path) -> None:
    # a U+2028 inside quotes on line 32 must not shift the line shown for line 34
    r = run("check", "line-separator-quoted.yaml", "--lang", "en", *AS_OF)
    assert r.stdout.splitlines()[1] == "   34 |     lead: [行政室]"


@pytest.mark.parametrize(
    ("text", "zh"),
    [
        ("a: [1\nb: 2\n", "f:2:2: [error] GK002 YAML 语法错误：方括号列表缺少 “,” 或 “]”（方括号列表始于第 1 行第 4 列）。"),
        ('a: "abc\n', "f:1:4: [error] GK002 YAML 语法错误：文件结束了，引号或括号却还没有闭合（引号中的文字始于第 1 行第 4 列）。"),
        ("a:\n  b: 1\n c: 2\n", "f:3:2: [error] GK002 YAML 语法错误：这里应当是一个键：缩进是否与上面对齐？（映射始于第 1 行第 1 列）。"),
        ("a: 1\n---\nb: 2\n", "f:2:1: [error] GK002 YAML 语法错误：这里开始了第二个 YAML 文档（---）：台账只能是一个文档。"),
        ("a: &x 1\nb: &x 2\n", "f:2:4: [error] GK002 YAML 语法错误：同名锚点 &名称 定义了两次。"),
    ],
)
def test_yaml_syntax_errors_are_worded_in_chinese(text: str, zh: str, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("f").write_text(text, encoding="utf-8")
    r = run("check", "f", "--format", "parsable")
    assert (r.exit_code, r.stdout) == (1, zh + "\n")


def test_file_option_works_as_for_the_other_commands(run: Run, corpus: Path) -> None:
    r = run("check", "--file", "duplicate-id.yaml", "--format", "parsable", *AS_OF)
    assert r.exit_code == 1 and r.stdout.startswith("duplicate-id.yaml:54:9: [error] GK020")


def test_text_very_long_line_is_cut_on_both_sides(run: Run, corpus: Path) -> None:
    r = run("check", "deep-compact-sequences.yaml", "--lang", "en")  # one line of 60,002 characters
    lines = r.stdout.splitlines()
    assert lines[0].startswith("deep-compact-sequences.yaml:1:401: error GK007 from here the data nests more than 200 levels deep")
    assert lines[1] == "    1 | ..." + " -" * 18 + " " + "- " * 38 + "-..."
    assert lines[2] == "      | " + " " * 40 + "^"
