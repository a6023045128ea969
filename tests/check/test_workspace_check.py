"""``gongkai check`` in a workspace: every ledger, gongkai.toml itself, and the conflicts between plans,
each located at file:line:col."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gongkai.diagnose import RULES, Stage

from ..support import Run

AS_OF = ("--as-of", "2018-12-10")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_clean_workspace_checks_every_file(run: Run, workspace_here: Path) -> None:
    r = run("check", *AS_OF)
    assert (r.exit_code, r.stdout) == (0, "检查了 4 个文件：没有发现问题。\n")
    data = json.loads(run("check", *AS_OF, "--json").stdout)
    assert [f["path"] for f in data["files"]] == [
        "gongkai.toml",
        "gongkai.yaml",
        str(Path("plans", "neighbour.yaml")),
        str(Path("plans", "safety.yaml")),
    ]


def test_conflicts_between_plans_are_located_in_the_ledger_and_the_toml(run: Run, workspace_here: Path) -> None:
    safety = workspace_here / "plans" / "safety.yaml"
    edit(safety, "  - name: 宣传科\n", "  - name: 宣传科\n    kind: unit\n")
    edit(safety, "  - name: 行政办\n", "  - name: 行政办\n  - name: 综合科\n    aliases: [局办公室]\n")
    edit(workspace_here / "gongkai.toml", '"宣传科" = "宣传部"\n', '"宣传科" = "宣传部"\n"局办公室" = "办公室"\n')
    r = run("check", *AS_OF, "--format", "parsable", "--lang", "en")
    assert r.exit_code == 1
    assert r.stdout.splitlines() == [
        "gongkai.toml:7:1: [error] GK052 the workspace makes '局办公室' mean '办公室', but in plan gk2018 it means '行政办'.",
        "gongkai.toml:7:1: [error] GK052 the workspace makes '局办公室' mean '办公室', but in plan aq2018 it means '综合科'.",
        "plans/safety.yaml:14:11: [error] GK051 '宣传部（测试局）' is registered as department in plan gk2018 but as subordinate unit here: a unit has one kind across the plans.",
        "plans/safety.yaml:16:11: [warning] GK030 unit '综合科' is not used by any task.",
        "plans/safety.yaml:17:15: [error] GK052 the alias '局办公室' means '综合科' here but '行政办' in plan gk2018: across the plans of one issuer a name means one unit.",
    ]
    zh = run("check", *AS_OF, "--format", "parsable").stdout.splitlines()
    assert (
        zh[2]
        == "plans/safety.yaml:14:11: [error] GK051 “宣传部（测试局）” 在方案 gk2018 中登记为机关部门，这里却登记为局属单位：同一单位在各方案中的类别应一致。"
    )


def test_an_alias_in_one_plan_and_a_unit_name_in_another(run: Run, workspace_here: Path) -> None:
    edit(workspace_here / "gongkai.yaml", "  - name: 新闻中心\n", "  - name: 新闻中心\n    aliases: [安监科]\n")
    r = run("check", "gongkai.toml", *AS_OF, "--format", "parsable", "--lang", "en")
    assert r.exit_code == 1
    assert (
        r.stdout
        == "gongkai.yaml:16:15: [error] GK052 the alias '安监科' means '新闻中心' here but '安监科' in plan aq2018: across the plans of one issuer a name means one unit.\n"
    )


def test_the_same_name_under_another_issuer_is_no_conflict(run: Run, workspace_here: Path) -> None:
    edit(workspace_here / "plans" / "neighbour.yaml", "  - name: 宣传部\n", "  - name: 宣传部\n    kind: unit\n")
    assert run("check", *AS_OF).exit_code == 0


def test_check_of_the_ledgers_alone_does_not_compare_plans(run: Run, workspace_here: Path) -> None:
    edit(workspace_here / "plans" / "safety.yaml", "  - name: 宣传科\n", "  - name: 宣传科\n    kind: unit\n")
    assert run("check", "gongkai.yaml", "plans/safety.yaml", *AS_OF).exit_code == 0
    assert run("check", *AS_OF).exit_code == 1


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        ('ledgers = [\n  "gongkai.yaml",\n', "gongkai.toml:2:18: [error] GK050 gongkai.toml is not valid TOML: Invalid value."),
        (
            'ledgers = ["gongkai.yaml"]\nlegders = 1\n',
            "gongkai.toml:2:1: [error] GK050 gongkai.toml has no setting 'legders': it takes ledgers and [units].",
        ),
        ("[units]\n", 'gongkai.toml:1:1: [error] GK050 gongkai.toml must list its ledgers, e.g. ledgers = ["tasks.yaml", "plans/*.yaml"].'),
        ('ledgers = ["gongkai.yaml", "plans/*.yml"]\n', "gongkai.toml:1:28: [error] GK050 'plans/*.yml' matches no file."),
        (
            'ledgers = ["gongkai.yaml"]\n\n[units]\n"宣传科" = 3\n',
            'gongkai.toml:4:1: [error] GK050 each entry of [units] must read "alias" = "unit name".',
        ),
        ('ledgers = ["gongkai.yaml"]\nx = = 1\n', "gongkai.toml:2:5: [error] GK050 gongkai.toml is not valid TOML: Invalid value."),
    ],
)
def test_a_bad_toml_is_a_located_problem(run: Run, workspace_here: Path, toml: str, expected: str) -> None:
    (workspace_here / "gongkai.toml").write_text(toml, encoding="utf-8")
    r = run("check", *AS_OF, "--format", "parsable", "--lang", "en")
    assert (r.exit_code, r.stdout.splitlines()[0]) == (1, expected)


def test_a_report_on_a_bad_toml_says_where_and_exits_1(run: Run, workspace_here: Path) -> None:
    (workspace_here / "gongkai.toml").write_text('ledgers = ["gongkai.yaml", "plans/*.yml"]\n', encoding="utf-8")
    r = run("status", *AS_OF)
    assert r.exit_code == 1
    assert r.stderr.splitlines() == [
        "gongkai.toml:1:28: [错误] GK050 “plans/*.yml” 没有匹配到任何文件。",
        "错误: 工作区文件 gongkai.toml 有 1 个问题，请先修正（可运行 gongkai check 查看详情）。",
    ]


def test_a_missing_ledger_is_unreadable(run: Run, workspace_here: Path) -> None:
    (workspace_here / "gongkai.toml").write_text('ledgers = ["gongkai.yaml", "gone.yaml"]\n', encoding="utf-8")
    r = run("status", *AS_OF)
    assert r.exit_code == 2 and r.stderr.startswith("gone.yaml:1:1: [错误] GK001 ")
    assert run("check", *AS_OF).exit_code == 2


def test_a_ledger_with_errors_stops_the_reports_and_check_places_them(run: Run, workspace_here: Path) -> None:
    edit(workspace_here / "plans" / "safety.yaml", "lead: [安监科]", "lead: [安检科]")
    r = run("units", *AS_OF)
    assert r.exit_code == 1 and r.stderr.startswith("plans/safety.yaml:30:12: [错误] GK021 ")
    assert "\nplans/safety.yaml:30:12: [error] GK021 " in run("check", *AS_OF, "--format", "parsable").stdout


def test_workspace_rules_have_their_own_stage_and_cannot_be_disabled(run: Run, workspace_here: Path) -> None:
    assert [code for code, rule in RULES.items() if rule.stage is Stage.WORKSPACE] == ["GK050", "GK051", "GK052", "GK053"]
    edit(workspace_here / "plans" / "safety.yaml", "  - name: 宣传科\n", "  - name: 宣传科\n    kind: unit\n")
    (workspace_here / "plans" / "safety.yaml").write_text(
        (workspace_here / "plans" / "safety.yaml").read_text(encoding="utf-8") + "check:\n  disable: [GK051]\n", encoding="utf-8"
    )
    r = run("check", *AS_OF, "--format", "parsable", "--lang", "en")
    assert r.exit_code == 1 and "GK051" in r.stdout


def test_two_ledgers_of_one_plan(run: Run, workspace_here: Path) -> None:
    (workspace_here / "plans" / "copy.yaml").write_bytes((workspace_here / "gongkai.yaml").read_bytes())
    r = run("check", *AS_OF, "--format", "parsable", "--lang", "en")
    assert r.exit_code == 1
    assert r.stdout == (
        "plans/copy.yaml:2:7: [error] GK053 the plan id 'gk2018' is already used by gongkai.yaml (same issuer):"
        " each plan of a workspace needs its own id.\n"
    )


def test_a_shared_units_file_joins_units_and_is_checked(run: Run, workspace_here: Path) -> None:
    (workspace_here / "gongkai.toml").write_text('ledgers = ["*.yaml", "plans/*.yaml"]\nunits = "units.yaml"\n', encoding="utf-8")
    (workspace_here / "units.yaml").write_text("# aliases shared by every plan\n宣传科: 宣传部\n", encoding="utf-8")
    data = json.loads(run("units", *AS_OF, "--json").stdout)
    assert [p["plan"] for p in data["units"][1]["plans"]] == ["gk2018", "aq2018"]  # units.yaml is no ledger
    assert run("check", *AS_OF).stdout == "检查了 5 个文件：没有发现问题。\n"
    (workspace_here / "units.yaml").write_text("宣传科: 宣传部\n局办公室: 办公室\n新闻办: [宣传部]\n", encoding="utf-8")
    r = run("check", *AS_OF, "--format", "parsable", "--lang", "en")
    assert r.exit_code == 1
    assert r.stdout.splitlines() == [
        "units.yaml:2:1: [error] GK052 the workspace makes '局办公室' mean '办公室', but in plan gk2018 it means '行政办'.",
        "units.yaml:3:1: [error] GK050 each entry of the units file must read 'alias: unit name'.",
    ]
    (workspace_here / "units.yaml").unlink()
    r = run("units", *AS_OF)
    assert r.exit_code == 2 and r.stderr.startswith("units.yaml:1:1: [错误] GK001 ")
