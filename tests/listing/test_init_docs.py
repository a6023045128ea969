"""``gongkai init`` starts a ledger that passes check; ``gongkai docs`` prints the installed documents."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from gongkai.errors import UsageError
from gongkai.starter import parse_period, scalar, split_units

from ..support import ROOT, Run


def test_init_from_options_passes_check(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "tasks.yaml"
    r = run("init", "-o", out, "--title", "某某局2019年政务公开工作要点", "--doc-number", "某发〔2019〕3号", "--issued", "2019-03-01", "--period", "2019-03-01..2019-12-31", "--unit", "办公室、宣传部", "--unit", "信息中心")
    assert r.exit_code == 0, r.stderr
    assert "已创建" in r.stdout
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=./tasks.schema.json\n")
    lines = text.splitlines()
    for section in ("plan", "units", "groups", "sections", "tasks"):
        at = next(i for i, line in enumerate(lines) if line.startswith(f"{section}:"))
        assert lines[at - 1].startswith("# "), f"{section} has no comment above it"
    check = run("check", out, "--format", "json", "--as-of", "2019-03-01")
    assert check.exit_code == 0, check.stdout
    result = json.loads(check.stdout)
    assert result["valid"] and result["errors"] == 0
    assert {p["code"] for p in result["files"][0]["problems"]} <= {"GK030"}  # units not used by a task yet
    units = json.loads(run("units", "-f", out, "--as-of", "2019-03-01", "--json").stdout)["units"]
    assert [u["unit"] for u in units] == ["办公室", "宣传部", "信息中心"]
    assert (tmp_path / "tasks.schema.json").exists()


def test_init_never_overwrites(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "tasks.yaml"
    out.write_text("mine\n", encoding="utf-8")
    r = run("init", "-o", out, "--title", "x", "--issued", "2019-01-01", "--unit", "a")
    assert r.exit_code == 3 and "不会覆盖" in r.stderr
    assert out.read_text(encoding="utf-8") == "mine\n"


def test_init_without_a_terminal_names_what_is_missing(run: Run, tmp_path: Path) -> None:
    r = run("init", "-o", tmp_path / "t.yaml", "--issued", "2019-01-01", "--lang", "en")
    assert r.exit_code == 3 and "plan title is missing" in r.stderr
    assert not (tmp_path / "t.yaml").exists()


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_init_asks_in_a_terminal(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    answers = ["测试方案", "测发〔2019〕1号", "2019-02-01", "", "2019-06-30", "行政办，宣传部"]
    monkeypatch.setattr("sys.stdin", Terminal("\n".join(answers) + "\n"))
    out = tmp_path / "tasks.yaml"
    r = run("init", "-o", out)
    assert r.exit_code == 0, r.stderr
    assert run("check", out, "--as-of", "2019-02-01").exit_code == 0
    data = json.loads(run("status", "-f", out, "--as-of", "2019-02-01", "--json").stdout)
    assert data["total"] == 0
    text = out.read_text(encoding="utf-8")
    assert "start: 2019-02-01" in text and "end: 2019-06-30" in text and "  - name: 宣传部" in text


def test_periods_units_and_scalars() -> None:
    import datetime as dt

    issued = dt.date(2019, 3, 1)
    assert parse_period("2019", issued) == (dt.date(2019, 1, 1), dt.date(2019, 12, 31))
    assert parse_period("..2019-06-30", issued) == (issued, dt.date(2019, 6, 30))
    with pytest.raises(UsageError) as err:
        parse_period("2019-06-30..2019-01-01", issued)
    assert err.value.key == "init.err.period_order"
    assert split_units(["行政办、宣传部", "宣传部,信息中心"]) == ("行政办", "宣传部", "信息中心")
    assert scalar("宣传部") == "宣传部"
    assert scalar("2019") == '"2019"' and scalar("yes") == '"yes"' and scalar("a: b") == '"a: b"'


def test_docs_prints_the_installed_format_reference(run: Run) -> None:
    r = run("docs", "format")
    assert r.exit_code == 0
    assert r.stdout == (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    names = run("docs").stdout.split()
    assert {"format", "filters", "rules", "json"} <= set(names)
    bad = run("docs", "fromat")
    assert bad.exit_code == 3 and "format" in bad.stderr


def test_messages_that_cite_a_document_say_how_to_read_it() -> None:
    from gongkai.i18n import CATALOG

    for key, (zh, en) in CATALOG.items():
        for text in (zh, en):
            for doc in ("format", "rules", "filters"):
                if f"docs/{doc}.md" in text and not key.startswith(("opt.", "list.")):
                    assert f"gongkai docs {doc}" in text, key


def test_docs_ship_with_the_package() -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "docs/*.md" in project["tool"]["setuptools"]["package-data"]["gongkai"]
    assert (ROOT / "src" / "gongkai" / "docs" / "format.md").is_file()


def test_docs_names_the_documents_it_has_for_an_unknown_one(run: Run) -> None:
    r = run("docs", "nonsense", "--lang", "en")
    assert r.exit_code == 3
    assert "no document named 'nonsense'; available:" in r.stderr and "format" in r.stderr
