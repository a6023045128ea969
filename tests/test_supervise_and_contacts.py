"""Supervising units and contacts: a role of their own in show, in a unit's list and in JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .support import Run

LEDGER_TEXT = """\
plan:
  id: t
  title: 某县2019年工作方案
  issued: 2019-01-10
  period: {start: 2019-01-10, end: 2019-12-31}
units:
  - name: 县财政局
  - name: 县审计局
  - name: 县政府督查室
tasks:
  - id: "1"
    number: 一1
    section: 一
    title: 推进预算公开
    text: 公开预算。
    lead: [县财政局]
    cooperate: [县审计局]
    supervise: [县政府督查室]
    contacts:
      - {role: 牵头领导, name: 张三}
      - {role: 责任人, name: 李四, phone: 0591-12345678}
"""


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    path = tmp_path / "tasks.yaml"
    path.write_text(LEDGER_TEXT, encoding="utf-8")
    return path


def test_show_names_the_supervising_unit_and_the_contacts(run: Run, ledger: Path) -> None:
    r = run("show", "1", "--file", ledger, "--as-of", "2019-03-01")
    lines = [" ".join(line.split()) for line in r.stdout.splitlines()]
    assert "督导单位 县政府督查室" in lines
    assert "牵头领导 张三" in lines
    assert "责任人 李四 0591-12345678" in lines
    data = json.loads(run("show", "1", "--file", ledger, "--as-of", "2019-03-01", "--json").stdout)
    assert data["supervise"] == ["县政府督查室"]
    assert data["contacts"] == [{"role": "牵头领导", "name": "张三"}, {"role": "责任人", "name": "李四", "phone": "0591-12345678"}]


def test_a_supervising_unit_has_its_own_list(run: Run, ledger: Path) -> None:
    data = json.loads(run("unit", "县政府督查室", "--file", ledger, "--as-of", "2019-03-01", "--json").stdout)
    assert (data["leads"], data["supports"], data["via_group"]) == ([], [], [])
    assert [t["id"] for t in data["supervises"]] == ["1"]
    r = run("unit", "县政府督查室", "--file", ledger, "--as-of", "2019-03-01", "--lang", "en")
    assert "supervises: checks, guides or oversees (1)" in r.stdout
    # the lead's list is unchanged: supervising is no lead and no support
    lead = json.loads(run("unit", "县财政局", "--file", ledger, "--as-of", "2019-03-01", "--json").stdout)
    assert ([t["id"] for t in lead["leads"]], lead["supervises"]) == (["1"], [])


def test_a_supervising_unit_must_be_registered(run: Run, ledger: Path) -> None:
    ledger.write_text(LEDGER_TEXT.replace("supervise: [县政府督查室]", "supervise: [县督查室]"), encoding="utf-8")
    r = run("check", ledger, "--format", "parsable", "--lang", "en")
    assert r.exit_code == 1
    assert "tasks.yaml:18:17: [error] GK021 '县督查室' is not a registered unit" in r.stdout  # at the name in supervise


def test_a_supervising_unit_gets_its_own_file_by_unit(run: Run, ledger: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    r = run("export", "--format", "csv", "--by-unit", out, "--file", ledger, "--as-of", "2019-03-01")
    assert r.exit_code == 0, r.stderr
    rows = (out / "县政府督查室.csv").read_text(encoding="utf-8-sig").splitlines()
    assert rows[0].endswith(",角色,联系人") and rows[1].startswith("1,1,一,一1 推进预算公开,")
    assert rows[1].endswith(",督导,牵头领导：张三；责任人：李四 0591-12345678")


def test_the_database_says_a_unit_supervises(run: Run, ledger: Path, tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "gongkai.sqlite"
    assert run("export", "--format", "sqlite", "-o", db, "--file", ledger, "--as-of", "2019-03-01").exit_code == 0
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT task_id, unit, role FROM task_units ORDER BY unit").fetchall()
    assert sorted(rows) == [("1", "县审计局", "cooperate"), ("1", "县政府督查室", "supervise"), ("1", "县财政局", "lead")]


UNSUPERVISED = """\
  - id: "2"
    number: 一2
    section: 一
    title: 推进审计公开
    text: 公开审计结果。
    lead: [县审计局]
"""


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["supervise:县政府督查室"], ["1"]),
        (["督导:县政府督查室"], ["1"]),
        (["supervise.not:县政府督查室"], ["2"]),
        (["has:supervise"], ["1"]),
        (["no:督导"], ["2"]),
        # supervising is neither leading nor cooperating
        (["lead:县政府督查室", "or", "coop:县政府督查室", "or", "unit:县政府督查室"], []),
    ],
)
def test_list_by_supervising_unit(run: Run, ledger: Path, words: list[str], expected: list[str]) -> None:
    ledger.write_text(LEDGER_TEXT + UNSUPERVISED, encoding="utf-8")
    r = run("list", *words, "--file", ledger, "--as-of", "2019-03-01", "--json")
    assert r.exit_code == 0, r.stderr
    assert [t["id"] for t in json.loads(r.stdout)["tasks"]] == expected


def test_supervise_filter_names_an_unknown_unit(run: Run, ledger: Path) -> None:
    r = run("list", "supervise:县督查室", "--file", ledger, "--lang", "en")
    assert r.exit_code == 3
    assert "县督查室" in r.stderr and "县政府督查室" in r.stderr  # did you mean


def test_list_shows_a_supervise_column(run: Run, ledger: Path) -> None:
    ledger.write_text(LEDGER_TEXT + UNSUPERVISED, encoding="utf-8")
    r = run("list", "--columns", "id,supervise", "--file", ledger, "--as-of", "2019-03-01")
    assert r.exit_code == 0, r.stderr
    rows = [line.split() for line in r.stdout.splitlines()]
    assert ["编号", "督导单位"] in rows and ["1", "县政府督查室"] in rows and ["2", "—"] in rows
