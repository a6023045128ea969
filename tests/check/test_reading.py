"""Reading a ledger: special files, the byte limit, dates and periods near the calendar's ends,
and the official YAML test suite; each ends in located problems and a documented exit code."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import threading
from pathlib import Path

import pytest

from gongkai.diagnose import exit_code_for
from gongkai.errors import ExitCode, UnreadableError
from gongkai.i18n import render
from gongkai.loader import validate
from gongkai.yamlio import read_bytes, source

from ..support import LEDGER, Run

CORPUS = Path(__file__).resolve().parent / "corpus"
SUITE = Path(__file__).resolve().parent / "yaml-test-suite"
AS_OF = ("--as-of", "2018-12-20")


# --- special files --------------------------------------------------------------------------------


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_is_refused_before_it_is_read(run: Run) -> None:
    (p,) = validate(Path("/dev/zero")).problems
    assert (p.code, p.line, p.col, p.message_key) == ("GK001", 1, 1, "p.unreadable.not_regular")
    r = run("check", "/dev/zero", "--format", "parsable", "--lang", "en")
    assert r.exit_code == ExitCode.UNREADABLE
    assert r.stdout == "/dev/zero:1:1: [error] GK001 this is not a regular file (a device, a pipe or a socket): name the ledger file, tasks.yaml.\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_fifo_with_no_writer_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "tasks.yaml"
    os.mkfifo(fifo)
    outcome: list[object] = []
    reader = threading.Thread(target=lambda: outcome.append(validate(fifo).problems), daemon=True)
    reader.start()
    reader.join(timeout=30)
    if reader.is_alive():
        # Release the blocked reader so the test run itself can end, then fail.
        with open(fifo, "wb"):
            pass
        pytest.fail("validate() blocked on a FIFO")
    (problems,) = outcome
    assert [(p.code, p.message_key) for p in problems] == [("GK001", "p.unreadable.not_regular")]  # type: ignore[attr-defined]


def test_the_byte_limit_holds_when_the_size_on_disk_says_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    # Files under /proc report a size of 0 and have content: only the read itself can stop them.
    proc = Path("/proc/self/status")
    if not proc.is_file():
        pytest.skip("needs /proc")
    assert proc.stat().st_size == 0
    monkeypatch.setattr(source, "MAX_BYTES", 16)
    with pytest.raises(UnreadableError) as info:
        read_bytes(proc)
    assert info.value.problem.message_key == "p.unreadable.too_large"
    assert info.value.problem.kwargs["limit"] == 16


def test_a_file_over_the_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "tasks.yaml"
    path.write_bytes(b"x" * 100)
    monkeypatch.setattr(source, "MAX_BYTES", 99)
    (p,) = validate(path).problems
    assert (p.code, p.message_key, p.kwargs["size"]) == ("GK001", "p.unreadable.too_large", 100)
    monkeypatch.setattr(source, "MAX_BYTES", 100)
    assert all(q.code != "GK001" for q in validate(path).problems)


def test_the_gbk_hint_never_writes_over_its_own_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "my plans").mkdir()
    shutil.copy(CORPUS / "gbk.yaml", tmp_path / "my plans" / "tasks.yaml")
    (p,) = validate(Path("my plans/tasks.yaml")).problems
    for lang in ("zh", "en"):
        text = render(p.message_key, lang, p.kwargs)
        command = "iconv -f GB18030 -t UTF-8 'my plans/tasks.yaml' > 'my plans/tasks.yaml'.utf8 && mv 'my plans/tasks.yaml'.utf8 'my plans/tasks.yaml'"
        assert command in text
        # The shell empties a redirect's target before iconv reads it: it must never be the input.
        assert re.findall(r"> ('[^']*'\S*)", text) == ["'my plans/tasks.yaml'.utf8"]
    # The command the message gives does convert the file, and leaves nothing behind.
    if shutil.which("iconv"):
        subprocess.run(command, shell=True, check=True)
        assert all(q.code != "GK001" for q in validate(Path("my plans/tasks.yaml")).problems)
        assert sorted(os.listdir("my plans")) == ["tasks.yaml"]


# --- dates and periods near the calendar's ends ---------------------------------------------------------


@pytest.mark.parametrize("name", ["date-year-9999.yaml", "date-year-0218.yaml", "period-year-zero.yaml"])
@pytest.mark.parametrize("command", ["status", "overdue", "units", "export"])
def test_reports_refuse_a_ledger_with_dates_out_of_range(run: Run, tmp_path: Path, name: str, command: str) -> None:
    path = tmp_path / "tasks.yaml"
    shutil.copy(CORPUS / name, path)
    extra = ["--format", "csv", "-o", str(tmp_path / "out.csv")] if command == "export" else []
    r = run(command, "-f", path, *extra, "--lang", "en", *AS_OF)
    assert r.exit_code == ExitCode.PROBLEMS, r.stderr
    assert "Traceback" not in r.stderr
    assert f"{path}:" in r.stderr and ("GK012" in r.stderr or "GK029" in r.stderr)
    assert not (tmp_path / "out.csv").exists()


@pytest.mark.parametrize("fmt", ["text", "parsable", "json", "github", "sarif"])
def test_check_reports_period_year_zero_in_every_format(run: Run, fmt: str) -> None:
    r = run("check", CORPUS / "period-year-zero.yaml", "--format", fmt, "--lang", "en", *AS_OF)
    assert r.exit_code == ExitCode.PROBLEMS
    assert "0000Q1" in r.stdout


def test_a_period_out_of_range_on_the_command_line_is_a_usage_error(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "tasks.yaml"
    shutil.copy(LEDGER, path)
    before = path.read_bytes()
    for args in (["bulletin", "--period", "0000Q1"], ["report", "3-1", "--period", "0000Q1"]):
        r = run(*args, "-f", path, "--lang", "en", *AS_OF)
        assert r.exit_code == ExitCode.USAGE, r.stderr
        assert "invalid period '0000Q1'" in r.stderr
    assert path.read_bytes() == before


@pytest.mark.parametrize("value", ["9999-12-31", "0218-09-14"])
def test_an_as_of_date_out_of_range_is_a_usage_error(run: Run, value: str) -> None:
    r = run("status", "-f", LEDGER, "--as-of", value, "--lang", "en")
    assert r.exit_code == ExitCode.USAGE
    assert f"date '{value}' is out of range: use a date between 1900-01-01 and 2999-12-31." in r.stderr


# --- the official YAML test suite -----------------------------------------------------------------------

SUITE_FILES = sorted(p for p in SUITE.glob("*/*.yaml"))


def test_the_whole_suite_is_here() -> None:
    assert len(SUITE_FILES) == 402
    assert (SUITE / "LICENSE").is_file()


@pytest.mark.parametrize("path", SUITE_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_suite_document_gets_located_problems_never_a_traceback(path: Path) -> None:
    result = validate(path, today=None)
    code = exit_code_for(result.problems)
    # None of them is a ledger: each fails with problems (1), or cannot be read (2).
    assert code in (ExitCode.PROBLEMS, ExitCode.UNREADABLE)
    assert result.problems
    lines = path.read_bytes().count(b"\n") + 1
    for p in result.problems:
        assert 1 <= p.line <= lines + 1 and p.col >= 1, p
        for lang in ("zh", "en"):
            assert render(p.message_key, lang, p.kwargs)  # every placeholder of the message is given


def test_a_mapping_key_that_is_a_list_is_a_located_syntax_problem() -> None:
    (p,) = validate(SUITE / "valid" / "4FJ6.yaml").problems
    assert (p.code, p.line, p.col) == ("GK002", 3, 3)
    assert "key is itself a list or a mapping" in render(p.message_key, "en", p.kwargs)


@pytest.mark.parametrize("value", ["-_", "0b_", "+._", "1" * 5000])
def test_a_value_that_looks_like_a_number_and_is_not_one_is_a_located_syntax_problem(value: str) -> None:
    from gongkai.loader import validate_text

    # ruamel resolves these as numbers and then fails in int() or float(), with no mark of its own.
    (p,) = validate_text(f"plan:\n  id: {value}\n", "t.yaml").problems
    assert (p.code, p.line, p.col) == ("GK002", 2, 7)
    assert "looks like a number" in render(p.message_key, "en", p.kwargs)


def test_the_bulletin_takes_a_period_as_people_type_it(run: Run) -> None:
    written = run("bulletin", "-f", LEDGER, "--period", "2018Q4", *AS_OF)
    assert written.exit_code == 0, written.stderr
    for typed in ("2018q4", "2018-Q4", "2018年第四季度"):
        r = run("bulletin", "-f", LEDGER, "--period", typed, *AS_OF)
        assert (r.exit_code, r.stdout) == (0, written.stdout)
