"""The fast path of the read reports answers exactly as the command line does, or leaves the command to it.

Three proofs: its table of options is the Typer app's own; a corpus of commands run through
both paths gives the same bytes (or, for anything unusual, the fast path declines before
printing a thing); and the console script gives the same bytes and exit codes with the fast
path on and off, on a terminal with colour too.
"""

from __future__ import annotations

import contextlib
import enum
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gongkai import fastpath

from .support import IMPORTER_FIXTURES, LEDGER, REPORTS_PROGRESS, WORKSPACE, Run

F, P = str(LEDGER), str(REPORTS_PROGRESS)
W = str(WORKSPACE / "gongkai.toml")


def _click_commands() -> dict[str, object]:
    import typer.main

    from gongkai.cli import app

    group = typer.main.get_command(app)
    return dict(group.commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", sorted(fastpath.COMMANDS))
def test_the_table_is_the_typer_apps_own(name: str) -> None:
    command = fastpath.COMMANDS[name]
    click_command = _click_commands()[name]
    options: dict[str, tuple[bool, str]] = {}
    arguments: list[tuple[str, bool]] = []
    for param in click_command.params:  # type: ignore[attr-defined]
        if param.param_type_name == "argument":
            arguments.append((param.name, param.nargs == -1))
            continue
        for spelling in [*param.opts, *param.secondary_opts]:
            options[spelling] = (bool(param.is_flag), param.name)
    assert {k: v for k, v in options.items() if not v[0]} == {k: (False, dest) for k, (dest, _) in command.options.items()}
    assert {k: v for k, v in options.items() if v[0]} == {k: (True, dest) for k, dest in command.flags.items()}
    assert [a for a, _ in arguments] == list(command.arguments)
    assert any(many for _, many in arguments) == command.many
    for param in click_command.params:  # type: ignore[attr-defined]
        if param.param_type_name != "option" or param.is_flag:
            continue
        annotation = param.type_descriptor.annotation
        reader = command.options[param.opts[0]][1]
        if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
            assert isinstance(reader, fastpath.Choice)
            assert set(reader.allowed) == {m.value for m in annotation}
        elif param.min == 0:
            assert reader is fastpath.whole_number
        if param.default not in (None, False, ()) and param.param_type_name == "option" and param.name in command.defaults:
            assert command.defaults[param.name] == param.default


def _fast(argv: list[str]) -> tuple[int | None, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = fastpath.run(argv)
    return code, out.getvalue()


ANSWERED: list[list[str]] = [
    ["status", "-f", F, "--as-of", "2018-12-20"],
    ["--lang", "en", "--as-of", "2018-12-20", "status", "-f", F],
    ["--json", "-f", F, "overdue", "--as-of", "2019-01-15"],
    ["status", "--file", F, "--as-of=2018-12-20", "--limit", "3"],
    ["status", "-f", F, "--as-of", "2018-12-20", "--limit", "0", "--lang", "en"],
    ["status", "-f", F, "--as-of", "2018-12-20", "--json"],
    ["status", "-f", W, "--as-of", "2018-12-10"],
    ["status", "-f", W, "--as-of", "2018-12-10", "--json", "--lang", "en"],
    ["overdue", "-f", W, "--as-of", "2018-12-10"],
    ["overdue", "-f", W, "--as-of", "2018-12-10", "--within", "30", "--group-by", "unit", "--json"],
    ["overdue", "lead:宣传部", "-f", W, "--as-of", "2018-12-10", "--lang", "en"],
    ["unit", "宣传部", "-f", W, "--as-of", "2018-12-10"],
    ["unit", "宣传部", "-f", W, "--as-of", "2018-12-10", "--json"],
    ["units", "-f", W, "--as-of", "2018-12-10"],
    ["list", "-f", W, "--as-of", "2018-12-10", "--group-by", "unit"],
    ["list", "-f", W, "--as-of", "2018-12-10", "--sort", "due", "--limit", "4", "--columns", "id,title,due", "--json"],
    ["overdue", "-f", F, "-f", P, "--as-of", "2018-12-20"],
    ["status", "-f", F, "-f", P, "--as-of", "2018-12-20", "--limit", "5"],
    ["status", "-f", P, "--as-of", "2018-12-10", "--per", "month"],
    ["overdue", "-f", F, "--as-of", "2019-01-15"],
    ["overdue", "-f", F, "--as-of", "2019-01-15", "--within", "30", "--lang", "en"],
    ["overdue", "-f", F, "--as-of", "2019-01-15", "--within=30", "--json"],
    ["overdue", "-f", F, "--as-of", "2019-01-15", "--group-by", "unit", "--within", "60"],
    ["overdue", "lead:行政办", "-f", F, "--as-of", "2019-01-15"],
    ["overdue", "-f", P, "--as-of", "2018-12-10", "--within", "10"],
    ["unit", "宣传部", "-f", F, "--as-of", "2018-12-20"],
    ["unit", "宣传部", "-f", F, "--as-of", "2018-12-20", "--json", "--lang", "en"],
    ["unit", "林业局各单位、部门", "-f", F, "--as-of", "2018-12-20"],
    ["unit", "行政办", "light:red", "-f", F, "--as-of", "2019-01-15"],
    ["units", "-f", F, "--as-of", "2018-12-20"],
    ["units", "-f", F, "--as-of", "2018-12-20", "--lang", "en", "--json"],
    ["units", "-f", P, "--as-of", "2018-12-10"],
    ["list", "-f", F, "--as-of", "2018-12-20"],
    ["list", "--columns", "id,title,lead,coop,due,light", "-f", F, "--as-of", "2018-12-20"],
    ["list", "light:red", "or", "light:yellow", "--group-by", "unit", "-f", F, "--as-of", "2019-01-15"],
    ["list", "--sort", "due", "--limit", "5", "-f", F, "--as-of", "2018-12-20", "--lang", "en"],
    ["list", "--group-by", "section", "-f", F, "--as-of", "2018-12-20", "--json"],
    ["list", "--group-by", "light", "-f", P, "--as-of", "2018-12-10"],
    ["list", "--group-by", "status", "-f", P, "--as-of", "2018-12-10", "--limit", "2"],
    ["status", "-f", F, "--trend", "--as-of", "2018-12-20"],
    ["status", "--trend", "--per", "month", "-f", P, "--as-of", "2018-12-10", "--json"],
    ["status", "--trend", "-f", F, "--as-of", "2019-01-15", "--lang", "en"],
    ["changes", "-f", F, "--since", "2018-10-01", "--until", "2019-01-15"],
    ["changes", "--since", "2018-10-01", "--until=2019-01-15", "-f", F, "--format", "md", "--lang", "en"],
    ["changes", "-f", P, "--since", "2018-11-01", "--until", "2018-12-10", "--json"],
    ["remind", "-f", F, "--as-of", "2019-01-15"],
    ["remind", "宣传部", "-f", F, "--as-of", "2019-01-15", "--format", "text", "--lang", "en"],
    ["remind", "林业局各部门", "-f", F, "--as-of", "2019-01-15", "--within", "30", "--json"],
    ["remind", "-f", P, "--as-of", "2018-12-10", "--within", "10"],
]

DECLINED: list[list[str]] = [
    ["status", "--help"],
    ["status", "-f", F, "-h"],
    ["status", "-f", F, "--trend", "--per", "day", "--as-of", "2018-12-20"],
    ["status", "-f", F, "--limit", "-1"],
    ["status", "-f", F, "--limit", "x"],
    ["status", "-f", F, "--limit"],
    ["status", "-f", F, "--nope"],
    ["status", f"-f={F}"],
    ["status", "-f", F, "extra"],
    ["status", "-f", F, "--json=1"],
    ["status", "-f", F, "--lang", "fr"],
    ["status", "-f", F, "--as-of", "yesterday-ish"],
    ["status", "-f", "/nonexistent/tasks.yaml"],
    ["overdue", "-f", F, "--within", "+3"],
    ["overdue", "-f", F, "--group-by", "section"],
    ["overdue", "-f", F, "--", "lead:行政办"],
    ["overdue", "-f", F, "nosuchkey:1", "--as-of", "2019-01-15"],
    ["unit", "-f", F],
    ["unit", "没有这个单位", "-f", F, "--as-of", "2018-12-20"],
    ["list", "--columns", "id,nope", "-f", F],
    ["list", "--group-by", "nope", "-f", F],
    ["list", "--sort", "nope", "-f", F],
    ["show", "3-1", "-f", F],
    ["changes", "-f", F, "--until", "2019-01-15"],
    ["changes", "-f", F, "--since", "2019-01-15", "--until", "2019-01-01"],
    ["changes", "-f", F, "--since", "2019-01-01", "--as-of", "2019-01-15"],
    ["changes", "-f", F, "--since", "2019-01-01", "--format", "pdf"],
    ["remind", "-f", F, "--as-of", "2019-01-15", "--by-unit", "/nonexistent/out"],
    ["remind", "-f", F, "--as-of", "2019-01-15", "--force"],
    ["remind", "没有这个单位", "-f", F, "--as-of", "2019-01-15"],
    ["remind", "宣传部", "行政办", "-f", F, "--as-of", "2019-01-15"],
    ["--lang", "en", "--bogus", "status", "-f", F],
    [],
]


CORPUS = Path(__file__).resolve().parent / "check" / "corpus"
MANY, BAD_INDENT = str(CORPUS / "many-problems.yaml"), str(CORPUS / "syntax-bad-indent.yaml")

# check validates (it needs no cache); the same bytes and exit code as the command line's
CHECKED: list[list[str]] = [
    ["check", F, "--as-of", "2018-12-20"],
    ["check", "-f", F, "--format", "parsable", "--lang", "en"],
    ["--json", "check", F, "--as-of", "2018-12-20"],
    ["check", F, "--strict", "--as-of", "2018-12-20"],
    ["check", MANY, "--as-of", "2018-12-20"],
    ["check", MANY, "--as-of", "2018-12-20", "--format", "github", "--lang", "en"],
    ["check", F, P, MANY, "--format", "sarif", "--as-of", "2018-12-20"],
    ["check", BAD_INDENT, "--as-of", "2018-12-20"],
    ["check", "/nonexistent/tasks.yaml"],
    ["check", F, F, "--as-of=2018-12-20", "--format=json"],
]
CHECK_DECLINED: list[list[str]] = [
    ["check", W],
    ["check", "-f", F, "-f", P],
    ["check", F, "--format", "nope"],
    ["check", F, "--as-of", "yesterday-ish"],
    ["check", F, "--lang", "fr"],
    ["check", "--help"],
]


@pytest.mark.parametrize("argv", CHECKED, ids=lambda a: " ".join(a).replace(F, "F").replace(P, "P").replace(str(CORPUS), "C"))
def test_a_check_is_answered_with_the_command_lines_bytes_and_exit_code(run: Run, argv: list[str]) -> None:
    slow = run(*argv)
    assert _fast(argv) == (slow.exit_code, slow.stdout)


@pytest.mark.parametrize("argv", CHECK_DECLINED, ids=lambda a: " ".join(a).replace(F, "F").replace(P, "P"))
def test_a_check_of_a_workspace_or_anything_unusual_is_left_to_the_command_line(argv: list[str]) -> None:
    assert _fast(argv) == (None, "")


@pytest.mark.parametrize("argv", ANSWERED, ids=lambda a: " ".join(a).replace(W, "W").replace(F, "F").replace(P, "P"))
def test_a_well_formed_report_is_answered_with_the_command_lines_bytes(run: Run, argv: list[str]) -> None:
    slow = run(*argv)  # validates the ledger and stores it in the cache
    assert slow.exit_code == 0, slow.stderr
    code, out = _fast(argv)
    assert code == 0
    assert out == slow.stdout


@pytest.mark.parametrize("argv", DECLINED, ids=lambda a: " ".join(a).replace(F, "F").replace(P, "P") or "nothing")
def test_anything_unusual_is_left_to_the_command_line(run: Run, argv: list[str]) -> None:
    run("status", "-f", F, "--as-of", "2018-12-20")  # the ledger is in the cache: declining is a choice
    code, out = _fast(argv)
    assert code is None
    assert out == ""


def test_a_ledger_not_in_the_cache_is_left_to_the_command_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GONGKAI_CACHE_DIR", str(tmp_path / "empty-cache"))
    assert _fast(["status", "-f", F, "--as-of", "2018-12-20"]) == (None, "")
    monkeypatch.setenv("GONGKAI_NO_CACHE", "1")
    assert _fast(["status", "-f", F, "--as-of", "2018-12-20"]) == (None, "")


def test_the_switch_turns_it_off(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    run("status", "-f", F, "--as-of", "2018-12-20")
    monkeypatch.setenv("GONGKAI_FAST", "0")
    assert _fast(["status", "-f", F, "--as-of", "2018-12-20"]) == (None, "")


def test_an_edit_after_the_cache_is_never_answered_from_the_old_entry(run: Run, tmp_path: Path) -> None:
    ledger = tmp_path / "tasks.yaml"
    ledger.write_bytes(LEDGER.read_bytes())
    argv = ["status", "-f", str(ledger), "--as-of", "2018-12-20"]
    run(*argv)
    assert _fast(argv)[0] == 0
    ledger.write_bytes(LEDGER.read_bytes().replace(b"title:", b"title: ", 1))  # one byte more
    assert _fast(argv) == (None, "")
    assert run(*argv).exit_code == 0
    assert _fast(argv)[0] == 0


# --- the console script, both ways ---------------------------------------------------------------

SCRIPT_CORPUS: list[list[str]] = [
    *ANSWERED[::3],
    ["status", "--help"],
    ["overdue", "-f", F, "--within", "-1"],
    ["status", "-f", F, "--lang", "fr"],
    ["unit", "没有这个单位", "-f", F, "--as-of", "2018-12-20"],
    ["status", "-f", "/nonexistent/tasks.yaml"],
    ["list", "--columns", "id,nope", "-f", F],
    *CHECKED[::2],
]


def _script(argv: list[str], env: dict[str, str]) -> tuple[int, bytes, bytes]:
    code = "import sys; from gongkai.console import main; sys.argv[0] = 'gongkai'; main()"
    done = subprocess.run([sys.executable, "-c", code, *argv], env=env, capture_output=True, timeout=60)
    return done.returncode, done.stdout, done.stderr


@pytest.mark.parametrize("colour", [False, True], ids=["plain", "colour"])
def test_the_console_script_prints_the_same_with_the_fast_path_on_and_off(tmp_path: Path, colour: bool) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "GONGKAI_FAST")}
    env |= {"GONGKAI_CACHE_DIR": str(tmp_path / "cache"), "COLUMNS": "72", "TERM": "xterm-256color"}
    if colour:
        env["FORCE_COLOR"] = "1"
    answered = 0
    for argv in SCRIPT_CORPUS:
        slow = _script(argv, env | {"GONGKAI_FAST": "0"})  # also warms the cache
        fast = _script(argv, env)
        assert fast == slow, argv
        answered += argv in ANSWERED
    assert answered >= 8
    if colour:
        assert b"\x1b[" in _script(ANSWERED[0], env)[1]


def test_the_installed_command_ends_as_main_does(tmp_path: Path) -> None:
    """``console.script`` (what pip installs) exits without freeing the answer's objects one by
    one: the same bytes and exit codes as ``main``, for answers made here and for the command line's."""
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "GONGKAI_FAST")}
    env |= {"GONGKAI_CACHE_DIR": str(tmp_path / "cache"), "COLUMNS": "80"}
    ledger = tmp_path / "tasks.yaml"
    ledger.write_bytes(LEDGER.read_bytes())
    corpus = [
        ["status", "-f", str(ledger), "--as-of", "2018-12-20"],
        ["overdue", "-f", str(ledger), "--as-of", "2019-01-15", "--json"],
        ["check", str(ledger), "--as-of", "2018-12-20"],
        ["check", str(ledger), "--strict", "--as-of", "2018-12-20"],
        ["status", "--help"],
        ["unit", "没有这个单位", "-f", str(ledger), "--as-of", "2018-12-20"],
    ]

    def ends(entry: str, argv: list[str], extra: dict[str, str] | None = None) -> tuple[int, bytes, bytes]:
        code = f"import sys; from gongkai.console import {entry}; sys.argv[0] = 'gongkai'; {entry}()"
        done = subprocess.run([sys.executable, "-c", code, *argv], env=env | (extra or {}), capture_output=True, timeout=60)
        return done.returncode, done.stdout, done.stderr

    for argv in corpus:
        assert ends("script", argv) == ends("main", argv), argv
    assert ends("script", corpus[2])[0] == 0 and ends("script", corpus[3])[0] == 1  # a warning under --strict
    tab = {"_GONGKAI_COMPLETE": "complete_bash", "COMP_WORDS": f"gongkai unit 行 --file {ledger}", "COMP_CWORD": "2"}
    completed = ends("script", [], tab)
    assert completed == ends("main", [], tab)
    assert completed[0] == 0 and "行政办" in completed[1].decode()
    copies = [tmp_path / name for name in ("a.yaml", "b.yaml")]
    for copy in copies:
        copy.write_bytes(LEDGER.read_bytes())
    edits = [ends(entry, ["update", "3-1", "--note", "x", "--by", "行政办", "--date", "2018-12-01", "-f", str(copy)]) for entry, copy in zip(("script", "main"), copies, strict=True)]
    assert edits[0][0] == edits[1][0] == 0
    assert edits[0][1].replace(b"a.yaml", b"b.yaml") == edits[1][1]
    assert copies[0].read_bytes() == copies[1].read_bytes() != LEDGER.read_bytes()


# --- what a warm report imports ------------------------------------------------------------------

NOT_ON_A_WARM_REPORT = ("typer", "click", "rich", "pydantic", "pydantic_core", "ruamel", "uniseg", "gongkai.cli", "gongkai.diagnose", "gongkai.export", "gongkai.importer", "gongkai.edit", "openpyxl", "docx", "icalendar", "playwright")


def _imported_by(argv: list[str], env: dict[str, str]) -> tuple[int, list[str]]:
    code = (
        "import sys\n"
        "from gongkai.console import main\n"
        f"sys.argv = ['gongkai', *{argv!r}]\n"
        "try:\n    main()\nexcept SystemExit as e:\n    code = e.code\n"
        f"heavy = sorted(m for m in sys.modules if any(m == h or m.startswith(h + '.') for h in {NOT_ON_A_WARM_REPORT!r}))\n"
        "import json\n"
        "sys.stderr.write(json.dumps([code, heavy]))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60, check=True)
    code_, heavy = json.loads(done.stderr.strip().splitlines()[-1])
    return code_, heavy


@pytest.mark.parametrize(
    "argv",
    [a for a in ANSWERED if "--json" not in a][::2] + [a for a in ANSWERED if "--json" in a],
    ids=lambda a: " ".join(a).replace(F, "F").replace(P, "P"),
)
def test_a_warm_report_imports_no_framework_validator_parser_or_exporter(tmp_path: Path, argv: list[str]) -> None:
    env = {k: v for k, v in os.environ.items() if k != "GONGKAI_FAST"} | {"GONGKAI_CACHE_DIR": str(tmp_path / "cache")}
    cold = _imported_by(argv, env)  # reads, validates and stores the ledger (and the line breaks it decided)
    assert cold[0] == 0 and "pydantic" in cold[1]
    assert _imported_by(argv, env) == (0, [])


def _stdlib_imported_by(argv: list[str], env: dict[str, str]) -> list[str]:
    code = (
        "import sys\n"
        "from gongkai.console import main\n"
        f"sys.argv = ['gongkai', *{argv!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write('\\n' + ' '.join(m for m in ('pathlib', 'ast', 'dis', 'tokenize') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60, check=True)
    return done.stderr.splitlines()[-1].split()


@pytest.mark.parametrize("argv", [["overdue", "-f", F, "--as-of", "2018-12-20"], ["list", "-f", F, "--as-of", "2018-12-20", "--json"]], ids=lambda a: a[0])
def test_a_warm_report_on_one_ledger_loads_neither_pathlib_nor_inspect(tmp_path: Path, argv: list[str]) -> None:
    """``inspect`` (with ``ast``, ``dis`` and ``tokenize``) is what ``dataclasses`` imports and a
    class with a docstring never uses; ``pathlib`` is not needed to find and read one ledger."""
    env = {k: v for k, v in os.environ.items() if k != "GONGKAI_FAST"} | {"GONGKAI_CACHE_DIR": str(tmp_path / "cache")}
    assert "pathlib" in _stdlib_imported_by(argv, env)  # the cold run: the command line
    assert _stdlib_imported_by(argv, env) == []


def test_the_import_probe_sees_the_command_line_when_it_runs(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items()} | {"GONGKAI_CACHE_DIR": str(tmp_path / "cache"), "GONGKAI_FAST": "0"}
    argv = ["status", "-f", F, "--as-of", "2018-12-20"]
    _imported_by(argv, env)
    code, heavy = _imported_by(argv, env)
    assert code == 0 and "typer" in heavy and "rich" in heavy


# --- writes warm the next read ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "edit",
    [
        ["update", "3-1", "--status", "in_progress", "--note", "已部署", "--by", "行政办", "--date", "2018-12-01"],
        ["done", "3-1", "--date", "2018-12-05", "--evidence", "http://example.org/a"],
        ["report", "3-1", "--period", "2018Q4", "--date", "2019-01-05", "--by", "行政办", "--note", "按期报送"],
    ],
    ids=lambda e: e[0],
)
def test_the_first_report_after_a_change_is_answered_from_the_cache(run: Run, tmp_path: Path, edit: list[str]) -> None:
    ledger = tmp_path / "tasks.yaml"
    ledger.write_bytes(LEDGER.read_bytes())
    changed = run(*edit, "-f", ledger)
    assert changed.exit_code == 0, changed.stderr
    code, out = _fast(["status", "-f", str(ledger), "--as-of", "2019-01-15"])
    assert code == 0
    assert out == run("status", "-f", ledger, "--as-of", "2019-01-15").stdout


def test_the_first_report_after_an_import_is_answered_from_the_cache(run: Run, tmp_path: Path) -> None:
    plan = IMPORTER_FIXTURES / "city-2019-keypoints.txt"
    out = tmp_path / "tasks.yaml"
    assert run("import", plan, "-o", out).exit_code == 0
    assert _fast(["units", "-f", str(out), "--as-of", "2018-12-20"])[0] == 0


@pytest.mark.parametrize("fast", ["1", "0"])
def test_an_output_that_cannot_take_the_text_is_said_not_a_traceback(tmp_path: Path, fast: str) -> None:
    env = {k: v for k, v in os.environ.items()} | {"GONGKAI_CACHE_DIR": str(tmp_path / "cache"), "PYTHONIOENCODING": "ascii", "GONGKAI_FAST": fast}
    argv = ["status", "-f", F, "--as-of", "2018-12-20", "--lang", "en"]
    _script(argv, env)  # fills the cache, so the fast path is the one asked
    code, out, err = _script(argv, env)
    assert code == 3 and out == b""
    assert b"PYTHONIOENCODING=utf-8" in err and b"Traceback" not in err
