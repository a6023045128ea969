"""Exports never destroy anything: not the ledger, not a file they did not write, not through a link."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from gongkai.export import FORMATS

from ..support import EXPORT_PROGRESS, Run
from .common import AS_OF_TEXT


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    path = tmp_path / "tasks.yaml"
    shutil.copyfile(EXPORT_PROGRESS, path)
    return path


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_export_onto_the_ledger_is_refused(fmt: str, ledger: Path, run: Run) -> None:
    before = ledger.read_bytes()
    r = run("export", "--format", fmt, "-o", ledger, "-f", ledger, "--as-of", AS_OF_TEXT)
    assert r.exit_code == 3
    assert f"{ledger} 就是台账文件本身" in r.stderr
    assert ledger.read_bytes() == before


def test_a_link_to_the_ledger_and_a_relative_path_are_the_ledger_too(ledger: Path, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    before = ledger.read_bytes()
    link = ledger.parent / "link.csv"
    link.symlink_to(ledger)
    r = run("export", "--format", "csv", "-o", link, "-f", ledger, "--lang", "en")
    assert r.exit_code == 3 and "is the ledger itself" in r.stderr
    monkeypatch.chdir(ledger.parent)
    r = run("export", "--format", "csv", "-o", f"../{ledger.parent.name}/tasks.yaml")  # the ledger found upward
    assert r.exit_code == 3 and "就是台账文件本身" in r.stderr
    assert ledger.read_bytes() == before and link.is_symlink()


def test_force_overrides_the_checks(ledger: Path, run: Run) -> None:
    r = run("export", "--format", "csv", "-o", ledger, "-f", ledger, "--force")
    assert r.exit_code == 0
    assert ledger.read_bytes().startswith("\ufeff序号".encode())


@pytest.mark.parametrize(("fmt", "name"), [("csv", "out.xlsx"), ("xlsx", "out.csv"), ("json", "notes.yaml"), ("md", "out"), ("ics", "x.html")])
def test_a_file_named_for_another_format_is_refused(fmt: str, name: str, ledger: Path, run: Run) -> None:
    r = run("export", "--format", fmt, "-o", ledger.parent / name, "-f", ledger)
    assert r.exit_code == 3 and "扩展名与" in r.stderr and f"应为 {FORMATS[fmt].suffix}" in r.stderr
    assert not (ledger.parent / name).exists()


def test_an_existing_file_is_replaced_only_with_force(ledger: Path, run: Run) -> None:
    out = ledger.parent / "台账.csv"
    out.write_text("someone's own table", encoding="utf-8")
    r = run("export", "--format", "csv", "-o", out, "-f", ledger)
    assert r.exit_code == 3 and "已存在" in r.stderr and "--force" in r.stderr
    assert out.read_text(encoding="utf-8") == "someone's own table"
    r = run("export", "--format", "csv", "-o", out, "-f", ledger, "--force")
    assert r.exit_code == 0 and out.read_text(encoding="utf-8-sig").startswith("序号,编号")


def test_force_replaces_a_link_not_its_target(ledger: Path, run: Run) -> None:
    victim = ledger.parent / "victim.csv"
    victim.write_text("keep", encoding="utf-8")
    link = ledger.parent / "out.csv"
    link.symlink_to(victim)
    assert run("export", "--format", "csv", "-o", link, "-f", ledger, "--force").exit_code == 0
    assert victim.read_text(encoding="utf-8") == "keep"
    assert not link.is_symlink() and link.read_text(encoding="utf-8-sig").startswith("序号")


def test_a_folder_is_not_a_file(ledger: Path, run: Run) -> None:
    r = run("export", "--format", "csv", "-o", ledger.parent, "-f", ledger, "--force")
    assert r.exit_code == 3 and "是一个目录" in r.stderr


def test_dashboard_and_bulletin_guard_the_ledger_and_existing_files(ledger: Path, run: Run) -> None:
    before = ledger.read_bytes()
    assert run("dashboard", "-o", ledger, "-f", ledger).exit_code == 3
    assert run("bulletin", "--period", "2018Q4", "-o", ledger, "-f", ledger).exit_code == 3
    assert ledger.read_bytes() == before
    page = ledger.parent / "看板.html"
    page.write_text("mine", encoding="utf-8")
    assert run("dashboard", "-o", page, "-f", ledger).exit_code == 3
    assert page.read_text(encoding="utf-8") == "mine"
    assert run("dashboard", "-o", page, "-f", ledger, "--force").exit_code == 0
    note = ledger.parent / "通报.docx"
    note.write_bytes(b"mine")
    assert run("bulletin", "--period", "2018Q4", "-o", note, "-f", ledger).exit_code == 3
    assert note.read_bytes() == b"mine"


def test_exports_leave_no_temporary_files(ledger: Path, run: Run) -> None:
    for fmt in FORMATS:
        assert run("export", "--format", fmt, "-o", ledger.parent / f"x{FORMATS[fmt].suffix}", "-f", ledger).exit_code == 0
    assert sorted(p.name for p in ledger.parent.iterdir()) == sorted(["tasks.yaml", *(f"x{f.suffix}" for f in FORMATS.values())])


# --- standard output -----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", [name for name, f in FORMATS.items() if f.text])
def test_text_formats_go_to_standard_output(fmt: str, ledger: Path, run: Run, tmp_path: Path) -> None:
    r = run("export", "--format", fmt, "-o", "-", "-f", ledger, "--as-of", AS_OF_TEXT)
    assert (r.exit_code, r.stderr) == (0, "")
    run("export", "--format", fmt, "-o", tmp_path / f"same{FORMATS[fmt].suffix}", "-f", ledger, "--as-of", AS_OF_TEXT)
    assert r.stdout == (tmp_path / f"same{FORMATS[fmt].suffix}").read_bytes().decode("utf-8")


def test_json_on_standard_output_parses(ledger: Path, run: Run) -> None:
    r = run("export", "--format", "json", "-o", "-", "-f", ledger, "--as-of", AS_OF_TEXT)
    assert json.loads(r.stdout)["kind"] == "ledger"


def test_binary_formats_refuse_standard_output(ledger: Path, run: Run) -> None:
    r = run("export", "--format", "xlsx", "-o", "-", "-f", ledger, "--lang", "en")
    assert r.exit_code == 3 and "xlsx is a binary format and cannot go to standard output" in r.stderr
    assert r.stdout == ""


def test_bulletin_on_standard_output_is_markdown(ledger: Path, run: Run) -> None:
    r = run("bulletin", "--period", "2018Q4", "-o", "-", "-f", ledger, "--as-of", AS_OF_TEXT)
    assert r.exit_code == 0 and r.stdout.startswith("# 关于")


# --- CSV in every Excel locale -------------------------------------------------------------------


def test_csv_neutralises_formulas_after_every_delimiter(tmp_path: Path, run: Run) -> None:
    text = EXPORT_PROGRESS.read_text(encoding="utf-8").replace("title: 公开决策信息", "title: \"x;=1+1\"", 1)
    assert text != EXPORT_PROGRESS.read_text(encoding="utf-8")
    ledger = tmp_path / "tasks.yaml"
    ledger.write_text(text, encoding="utf-8")
    r = run("export", "--format", "csv", "-o", "-", "-f", ledger, "--as-of", AS_OF_TEXT)
    assert r.exit_code == 0
    # read as a semicolon locale would: no cell may start a formula
    for delimiter in (",", ";", "\t"):
        for row in csv.reader(io.StringIO(r.stdout.lstrip("\ufeff")), delimiter=delimiter):
            assert not [c for c in row if c.lstrip(" ").startswith(("=", "+", "-", "@"))], (delimiter, row)
    assert "x;'=1+1" in r.stdout
