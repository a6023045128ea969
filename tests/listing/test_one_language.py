"""One language, one shape: usage errors in the user's language, global options anywhere, exit codes as documented."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gongkai.cli import hoist_globals

from ..support import LEDGER, REPORTS_PROGRESS, ROOT, Run


def test_invalid_integer_in_chinese_and_english(run: Run) -> None:
    r = run("overdue", "--within", "x", "-f", LEDGER)
    assert r.exit_code == 3
    assert r.stderr.splitlines() == [
        "用法：gongkai overdue [OPTIONS] [FILTER]...",
        "运行 “gongkai overdue --help” 查看帮助。",
        "",
        "错误: --within 的值 “x” 不是整数。",
    ]
    r = run("overdue", "--within", "x", "--lang", "en", "-f", LEDGER)
    assert r.stderr.splitlines()[0] == "Usage: gongkai overdue [OPTIONS] [FILTER]..."
    assert r.stderr.splitlines()[-1] == "error: the value 'x' of --within is not an integer."


def test_unknown_option_suggests(run: Run) -> None:
    r = run("status", "--limt", "3", "-f", LEDGER)
    assert r.exit_code == 3
    assert r.stderr.splitlines()[-1] == "错误: 没有选项 “--limt”。您是否要找：--limit？"


def test_missing_argument_and_unknown_command(run: Run) -> None:
    r = run("unit", "-f", LEDGER)
    assert r.exit_code == 3 and r.stderr.splitlines()[-1] == "错误: 缺少参数 NAME。"
    r = run("statu")
    assert r.exit_code == 3 and r.stderr.splitlines()[-1] == "错误: 没有命令 “statu”。您是否要找：status？"
    r = run("--lang", "en", "statu")
    assert r.stderr.splitlines()[-1] == "error: no such command 'statu'. Did you mean: status?"


def test_invalid_choice_and_too_small(run: Run) -> None:
    r = run("list", "--group-by", "colour", "-f", LEDGER)
    assert r.exit_code == 3
    assert r.stderr.splitlines()[-1] == "错误: --group-by 的值 “colour” 无效，可选：unit、section、light、status。"
    r = run("status", "--limit", "-1", "-f", LEDGER, "--lang", "en")
    assert r.stderr.splitlines()[-1] == "error: the value '-1' of --limit is too small: it must be at least 0."
    r = run("overdue", "--within", "-f", LEDGER)
    assert r.exit_code == 3


def test_no_english_left_in_chinese_usage_errors(run: Run) -> None:
    for args in (("overdue", "--within", "x"), ("status", "--nope"), ("unit",), ("statu",), ("status", "extra")):
        r = run(*args, "-f", LEDGER) if args[0] != "statu" else run(*args)
        assert r.exit_code == 3
        assert "Usage:" not in r.stderr and "Error:" not in r.stderr and "Try " not in r.stderr, r.stderr


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (["--lang", "en", "status"], ["status", "--lang", "en"]),
        (["--json", "-f", "x.yaml", "overdue", "--within", "3"], ["overdue", "--json", "-f", "x.yaml", "--within", "3"]),
        (["--as-of=2018-12-20", "list", "status:done"], ["list", "--as-of=2018-12-20", "status:done"]),
        (["status", "--lang", "en"], ["status", "--lang", "en"]),
        (["--version"], ["--version"]),
        (["--lang", "en", "--help"], ["--lang", "en", "--help"]),
    ],
)
def test_global_options_move_after_the_command(before: list[str], after: list[str]) -> None:
    assert hoist_globals(before) == after


def test_global_options_before_the_command(run: Run) -> None:
    before = run("--lang", "en", "--file", REPORTS_PROGRESS, "--as-of", "2018-12-10", "--json", "status")
    after = run("status", "--lang", "en", "--file", REPORTS_PROGRESS, "--as-of", "2018-12-10", "--json")
    assert before.exit_code == 0 and before.stdout == after.stdout
    assert json.loads(before.stdout)["as_of"] == "2018-12-10"
    assert run("--lang", "en", "-f", REPORTS_PROGRESS, "--as-of", "2018-12-10", "units").stdout.startswith("tasks by unit")


def test_root_help_lists_the_global_options(run: Run) -> None:
    out = run("--help").stdout
    for option in ("--lang", "--file", "--as-of", "--json", "--install-completion", "--show-completion"):
        assert option in out


def test_check_json_is_format_json(run: Run) -> None:
    a = run("check", REPORTS_PROGRESS, "--json", "--as-of", "2018-12-10")
    b = run("check", REPORTS_PROGRESS, "--format", "json", "--as-of", "2018-12-10")
    assert a.exit_code == b.exit_code and a.stdout == b.stdout
    json.loads(a.stdout)
    assert "--json" in run("check", "--help").stdout


def test_missing_ledger_exit_codes_match_the_readme(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "| 2 | the file could not be read: missing (the file `--file` names does not exist)" in readme
    row3 = next(line for line in readme.splitlines() if line.startswith("| 3 |"))
    assert "no `--file` given and no `tasks.yaml` here or in any folder above" in row3
    assert run("status", "--file", tmp_path / "nope.yaml").exit_code == 2
    monkeypatch.chdir(tmp_path)
    assert run("status").exit_code == 3
    assert run("list").exit_code == 3
