"""docs/rules.md, the pre-commit hook and the example workflow cannot drift from the code."""

from __future__ import annotations

import re

import pytest
from ruamel.yaml import YAML

from gongkai.diagnose import RULES
from gongkai.render.problems import PROBLEM_FORMATS

from ..support import ROOT

DOC = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")


def sections() -> dict[str, str]:
    """Each '### GKxxx' heading with the text up to the next heading."""
    parts = re.split(r"^### (GK\d{3})\n", DOC, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_the_rule_headings_are_exactly_the_rules() -> None:
    assert list(sections()) == list(RULES)


@pytest.mark.parametrize("code", list(RULES))
def test_each_rule_has_its_level_a_bad_example_and_the_fix(code: str) -> None:
    body = sections()[code]
    assert body.lstrip().startswith(f"**{RULES[code].level.value}** · ")
    assert "Bad" in body and "Fix" in body


@pytest.mark.parametrize("fmt", list(PROBLEM_FORMATS))
def test_each_output_format_is_documented(fmt: str) -> None:
    assert f"### `{fmt}`" in DOC


def test_exit_code_table_in_the_rules_doc_matches_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/rules.md" in readme
    for code in range(4):
        assert f"| {code} |" in DOC


def test_pre_commit_hook() -> None:
    (hook,) = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "gongkai-check"
    assert hook["entry"] == "gongkai check"
    assert hook["language"] == "python"
    files = re.compile(hook["files"])
    assert [bool(files.search(p)) for p in ("tasks.yaml", "plans/2019/tasks.yml", "tasks.yaml.bak", "mytasks.json")] == [True, True, False, False]


def test_github_workflow_checks_pull_requests_with_annotations() -> None:
    flow = YAML(typ="safe").load((ROOT / "examples" / "github-actions.yml").read_text(encoding="utf-8"))
    assert "pull_request" in flow["on"]
    steps = flow["jobs"]["check"]["steps"]
    runs = [step.get("run", "") for step in steps]
    assert any("pip install" in r for r in runs)
    assert "gongkai check --format github tasks.yaml" in runs


@pytest.mark.parametrize("code", list(RULES))
def test_rule_summaries_in_the_catalog_match_the_rule_table(code: str) -> None:
    from gongkai.i18n import t

    assert t(f"rule.{code}", "en") == RULES[code].summary_en
    assert t(f"rule.{code}", "zh")
