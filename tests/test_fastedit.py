"""The edits without typer (``update``, ``done``, ``report``) do exactly what the command line does.

Its table of options is the Typer app's own; a corpus of edits run by the console script with
the path on and off leaves the same bytes in the ledger and prints the same bytes with the same
exit codes (errors included: those it leaves to the command line before writing); an edit it
makes imports no typer; and an edit is never written twice, even when standard output is closed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from gongkai import fastedit

from .support import LEDGER
from .test_fastpath import _click_commands


@pytest.mark.parametrize("name", sorted(fastedit.EDITS))
def test_the_table_is_the_typer_apps_own(name: str) -> None:
    command = fastedit.EDITS[name]
    options: dict[str, tuple[bool, str]] = {}
    arguments: list[str] = []
    for param in _click_commands()[name].params:  # type: ignore[attr-defined]
        if param.param_type_name == "argument":
            arguments.append(param.name)
            continue
        for spelling in [*param.opts, *param.secondary_opts]:
            options[spelling] = (bool(param.is_flag), param.name)
    assert {k: v for k, v in options.items() if not v[0]} == {k: (False, dest) for k, (dest, _) in command.options.items()}
    assert {k: v for k, v in options.items() if v[0]} == {k: (True, dest) for k, dest in command.flags.items()}
    assert arguments == list(command.arguments)


CORPUS: list[list[str]] = [
    ["update", "3-1", "--note", "已部署", "--by", "行政办", "--date", "2018-12-01"],
    ["update", "3-1", "--status", "done", "--date", "2018-12-02"],
    ["update", "3-1", "--status=in_progress", "--note=再次推进", "--date=2018-12-03", "--by", "行政办"],
    ["--lang", "en", "update", "3-1", "--note", "deployed", "--by", "行政办", "--date", "2018-12-04"],
    ["done", "3-2", "--date", "2018-12-05", "--evidence", "http://example.org/a"],
    ["done", "3-2", "--date", "2018-12-06"],
    ["report", "3-1", "--period", "2018Q4", "--date", "2019-01-05", "--by", "行政办", "--note", "按期报送"],
    ["report", "3-1", "--period", "2018Q4", "--date", "2019-01-06", "--by", "行政办", "--amend"],
    ["update", "3-1", "--note", ":smile: 已部署", "--date", "2018-12-07"],
    ["update", "3-1", "--note", "一\t二", "--date", "2018-12-08"],
    ["update", "3-1", "--note", "\x1b[31m红\x1b[0m", "--date", "2018-12-09"],
    # what the command line explains
    ["update", "nope", "--note", "x"],
    ["update", "3-1", "--status", "bogus"],
    ["update", "3-1", "--date", "2018-02-30", "--note", "x"],
    ["update", "3-1", "--note", "x", "--note", "y"],
    ["update", "3-1", "--evidence", "a", "--evidence", "b", "--date", "2018-12-10"],
    ["update", "3-1", "--dry-run", "--note", "x", "--date", "2018-12-11"],
    ["update", "3-1", "--help"],
    ["update"],
    ["report", "--period", "2018Q4"],
    ["done", "3-2", "--by", "没有这个单位", "--date", "2018-12-12"],
    ["update", "3-1", "--note", "x", "--file", "missing.yaml"],
]


def _script(argv: list[str], cwd: Path, env: dict[str, str], *, stdout: str = "pipe") -> tuple[int, bytes, bytes]:
    """Exit code, standard output and standard error of the console script; ``stdout`` "closed"
    starts it with standard output closed, "broken" gives it a pipe nobody reads."""
    code = "import sys; from gongkai.console import main; sys.argv[0] = 'gongkai'; main()"
    command = [sys.executable, "-c", code, *argv]
    if stdout == "closed":
        done = subprocess.run(["bash", "-c", 'exec "$@" >&-', "-", *command], cwd=cwd, env=env, capture_output=True, timeout=60)
        return done.returncode, done.stdout, done.stderr
    if stdout == "broken":
        read_end, write_end = os.pipe()
        os.close(read_end)
        try:
            broken = subprocess.run(command, cwd=cwd, env=env, stdout=write_end, stderr=subprocess.PIPE, timeout=60)
        finally:
            os.close(write_end)
        return broken.returncode, b"", broken.stderr
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, timeout=60)
    return done.returncode, done.stdout, done.stderr


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "GONGKAI_FAST")}
    return env | {"GONGKAI_CACHE_DIR": str(tmp_path / "cache"), "COLUMNS": "80"}


def _ledgers(tmp_path: Path) -> tuple[Path, Path]:
    """Two copies of the ledger in folders of the same name, so the lines that name the file agree."""
    slow, fast = tmp_path / "slow" / "plan", tmp_path / "fast" / "plan"
    for where in (slow, fast):
        where.mkdir(parents=True)
        shutil.copy(LEDGER, where / "tasks.yaml")
    return slow, fast


def test_a_corpus_of_edits_leaves_the_same_ledger_and_prints_the_same(tmp_path: Path) -> None:
    env = _env(tmp_path)
    slow, fast = _ledgers(tmp_path)
    for i, argv in enumerate(CORPUS):
        got_slow = _script(argv, slow, env | {"GONGKAI_FAST": "0"})
        got_fast = _script(argv, fast, env)
        name = f"#{i} {' '.join(argv)}"
        assert got_fast[0] == got_slow[0], name
        assert got_fast[1].replace(b"/fast/", b"/slow/") == got_slow[1], name
        assert got_fast[2].replace(b"/fast/", b"/slow/") == got_slow[2], name
        assert (fast / "tasks.yaml").read_bytes() == (slow / "tasks.yaml").read_bytes(), name
    assert (fast / "tasks.yaml").read_bytes() != LEDGER.read_bytes()


def test_an_edit_it_makes_imports_no_typer(tmp_path: Path) -> None:
    _slow, fast = _ledgers(tmp_path)
    code = (
        "import sys\n"
        "from gongkai.console import main\n"
        "sys.argv = ['gongkai', 'update', '3-1', '--note', 'x', '--by', '行政办', '--date', '2018-12-01']\n"
        "try:\n    main()\nexcept SystemExit as e:\n    sys.stderr.write(f'\\nexit {e.code} ' + ' '.join(m for m in ('typer', 'click', 'gongkai.cli') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=fast, env=_env(tmp_path), capture_output=True, text=True, timeout=60)
    assert done.stderr.splitlines()[-1].strip() == "exit 0"
    assert "3-1" in done.stdout


HEAVY = ("typer", "click", "gongkai.cli", "rich", "pydantic", "pydantic_core", "ruamel")
# A task's text over several lines (a block scalar, as the importer writes one): the fast reader
# declines the whole file, and the edit is checked against the cached ledger, read by ruamel.
BLOCK_SCALAR = ("    text: 加强政务公开业务培训，", "    text: |\n      加强政务公开业务培训，\n      ")


def _loaded(argv: list[str], cwd: Path, env: dict[str, str]) -> tuple[int, set[str]]:
    """The exit code of the console script and which of ``HEAVY`` it imported."""
    code = (
        "import sys\n"
        "from gongkai.console import main\n"
        f"sys.argv = ['gongkai', *{argv!r}]\n"
        "try:\n    main()\nexcept SystemExit as e:\n"
        f"    sys.stderr.write(f'\\nexit {{e.code}} ' + ' '.join(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=cwd, env=env, capture_output=True, text=True, timeout=60)
    last = done.stderr.splitlines()[-1].split()
    return int(last[1]), set(last[2:])


@pytest.mark.parametrize("layout", ["plain", "block-scalar"])
def test_an_edit_of_a_cached_ledger_imports_neither_pydantic_nor_rich(tmp_path: Path, layout: str) -> None:
    """Once the ledger and the validator's schemas are in the cache, an edit validates with
    pydantic-core's compiled module alone; only lines the fast reader declines need ruamel."""
    env = _env(tmp_path)
    _slow, fast = _ledgers(tmp_path)
    ledger = fast / "tasks.yaml"
    if layout == "block-scalar":
        ledger.write_text(ledger.read_text(encoding="utf-8").replace(*BLOCK_SCALAR, 1), encoding="utf-8")
    before = ledger.read_bytes()
    update = ["update", "3-1", "--note", "x", "--by", "行政办", "--date", "2018-12-01"]
    assert _loaded(["status", "--as-of", "2018-12-20"], fast, env)[0] == 0  # the ledger, in the cache
    assert _loaded(update, fast, env)[0] == 0  # the schemas an edit needs, kept
    ledger.write_bytes(before)
    code, loaded = _loaded(update, fast, env)
    assert code == 0 and ledger.read_bytes() != before
    assert loaded == ({"ruamel"} if layout == "block-scalar" else set())


@pytest.mark.parametrize("stdout", ["closed", "broken", "ascii"])
def test_an_edit_is_written_at_most_once_when_standard_output_fails(tmp_path: Path, stdout: str) -> None:
    """Closed from the start, nothing is written (the command line says so first); a reader gone
    by the time the lines are printed, or an output that cannot take Chinese, finds the change
    written once, by either path."""
    env = _env(tmp_path) | ({"PYTHONIOENCODING": "ascii"} if stdout == "ascii" else {})
    slow, fast = _ledgers(tmp_path)
    argv = ["update", "3-1", "--note", "只记一次", "--by", "行政办", "--date", "2018-12-01"]
    got_slow = _script(argv, slow, env | {"GONGKAI_FAST": "0"}, stdout=stdout)
    got_fast = _script(argv, fast, env, stdout=stdout)
    assert got_fast == got_slow
    assert got_fast[0] != 0
    written = (fast / "tasks.yaml").read_text(encoding="utf-8")
    assert written.count("只记一次") == (0 if stdout == "closed" else 1)
    assert written == (slow / "tasks.yaml").read_text(encoding="utf-8")


def test_an_edit_in_a_workspace_is_refused_as_the_command_line_refuses_it(tmp_path: Path) -> None:
    """Found upward, or named with --file, a workspace is not one ledger: the same message and exit
    code both ways, and nothing written."""
    env = _env(tmp_path)
    slow, fast = _ledgers(tmp_path)
    for where in (slow, fast):
        (where / "gongkai.toml").write_text('ledgers = ["tasks.yaml"]\n', encoding="utf-8")
    for argv in (["update", "3-1", "--note", "x", "--date", "2018-12-01"], ["done", "3-2", "-f", "gongkai.toml", "--lang", "en"]):
        got_slow = _script(argv, slow, env | {"GONGKAI_FAST": "0"})
        got_fast = _script(argv, fast, env)
        assert got_fast == got_slow, argv
        assert got_fast[0] != 0
    assert (fast / "tasks.yaml").read_bytes() == LEDGER.read_bytes()
    assert (fast / "gongkai.toml").read_text(encoding="utf-8") == 'ledgers = ["tasks.yaml"]\n'
