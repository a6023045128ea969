"""Shell completion: ledger values at a TAB, the same answer with or without typer, and fast."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from gongkai import completion
from gongkai.cli import main

from ..support import REPORTS_PROGRESS, Run


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with a tasks.yaml, as a user completes in."""
    shutil.copy(REPORTS_PROGRESS, tmp_path / "tasks.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def env_for(shell: str, line: str) -> dict[str, str]:
    """What each shell's completion script passes for the command line ``line`` (cursor at its end)."""
    env = {"_GONGKAI_COMPLETE": f"complete_{shell}"}
    if shell == "bash":
        words = line.split(" ")
        env |= {"COMP_WORDS": line, "COMP_CWORD": str(len(words) - 1)}
    elif shell in ("zsh", "fish"):
        env |= {"_TYPER_COMPLETE_ARGS": line, "_TYPER_COMPLETE_FISH_ACTION": "get-args"}
    else:
        env |= {"_TYPER_COMPLETE_ARGS": line, "_TYPER_COMPLETE_WORD_TO_COMPLETE": line.split(" ")[-1]}
    return env


def through_typer(monkeypatch: pytest.MonkeyPatch, env: dict[str, str]) -> tuple[str, int]:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    out = io.StringIO()
    code = 0
    with contextlib.redirect_stdout(out):
        try:
            main([])
        except SystemExit as exc:
            code = int(exc.code or 0)
    for key in env:
        monkeypatch.delenv(key)
    return out.getvalue(), code


def fast(env: dict[str, str]) -> tuple[str, int] | None:
    answer = completion.fast_complete(env)
    if answer is None:
        return None
    text, code = answer
    return (text + "\n" if text else ""), code


LINES = [
    "gongkai unit 宣",
    "gongkai unit ",
    "gongkai show b",
    "gongkai update a",
    "gongkai report b3 --period 2018-1",
    "gongkai list ",
    "gongkai list st",
    "gongkai list status:",
    "gongkai list lead:卫",
    "gongkai list supervise:卫",
    "gongkai list light:red section:",
    "gongkai list due.before:e",
    "gongkai --lang en list has:",
    "gongkai list -f tasks.yaml unit:新",
    "gongkai rename-unit 新",
    "gongkai done --dry-run a",
    "gongkai bulletin --period 2018",
]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish", "powershell"])
@pytest.mark.parametrize("line", LINES)
def test_the_fast_answer_is_typers_answer(here: Path, monkeypatch: pytest.MonkeyPatch, shell: str, line: str) -> None:
    env = env_for(shell, line)
    quick = fast(env)
    assert quick is not None, "this position is a ledger value: it must be answered without typer"
    assert quick == through_typer(monkeypatch, env)


@pytest.mark.parametrize("line", ["gongkai st", "gongkai list --so", "gongkai unit 宣传部 ", "gongkai overdue --within "])
def test_commands_and_options_are_left_to_typer(here: Path, line: str) -> None:
    assert fast(env_for("bash", line)) is None


def test_typer_completes_commands_and_options(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert "status\n" in through_typer(monkeypatch, env_for("bash", "gongkai st"))[0]
    assert "--sort" in through_typer(monkeypatch, env_for("bash", "gongkai list --so"))[0]


def test_what_a_tab_offers(here: Path) -> None:
    names = completion.names_for(here / "tasks.yaml")
    assert names is not None
    assert completion.candidates("unit", "卫", names) == ["卫健局", "卫计局"]
    assert completion.candidates("task", "b", names) == ["b1", "b2", "b3", "b4", "b5"]
    assert completion.candidates("period", "", names) == ["2018-09", "2018-10", "2018-11", "2018-12"]
    assert completion.candidates("filter", "du", names) == ["due:", "due.before:", "due.after:"]
    assert completion.candidates("filter", "section:", names) == ["section:一", "section:二", "section:一1", "section:一2", "section:一3", "section:二1", "section:二2", "section:二3", "section:二4", "section:二5"]
    assert completion.candidates("filter", "recurring:", names) == ["recurring:yes", "recurring:no"]
    assert completion.candidates("filter", "bogus:", names) == []
    assert completion.candidates("filter", "su", names) == ["supervise:", "supervise.not:"]
    assert completion.candidates("filter", "supervise:卫", names) == ["supervise:卫健局", "supervise:卫计局"]


def test_names_are_kept_by_the_bytes_of_the_ledger(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ledger = here / "tasks.yaml"
    first = completion.names_for(ledger)
    files = list(Path(os.environ["GONGKAI_CACHE_DIR"]).glob("names-*.txt"))
    assert len(files) == 1 and files[0].stat().st_mode & 0o077 == 0

    def no_loading(*_: object, **__: object) -> None:
        raise AssertionError("a known ledger is not read again")

    monkeypatch.setattr("gongkai.loader.load_ledger", no_loading)
    assert completion.names_for(ledger) == first
    monkeypatch.undo()
    ledger.write_text(ledger.read_text(encoding="utf-8").replace("id: b5", "id: b6"), encoding="utf-8")
    changed = completion.names_for(ledger)
    assert changed is not None and "b6" in changed["ids"] and "b5" not in changed["ids"]


def test_an_invalid_or_missing_ledger_offers_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert fast(env_for("bash", "gongkai unit 宣")) == ("", 0)
    (tmp_path / "tasks.yaml").write_text("plan: [\n", encoding="utf-8")
    assert fast(env_for("bash", "gongkai unit 宣")) == ("", 0)


def test_a_tab_loads_no_heavy_library(here: Path) -> None:
    completion.names_for(here / "tasks.yaml")  # warm the names file, as the first TAB does
    script = (
        "import os, sys\n"
        "from gongkai.completion import fast_complete\n"
        "print(fast_complete(os.environ) is not None)\n"
        "print(sorted(m for m in ('typer', 'rich', 'pydantic', 'ruamel.yaml', 'gongkai.models') if m in sys.modules))\n"
    )
    env = {**os.environ, **env_for("bash", "gongkai unit 宣")}
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=here, check=True)
    assert proc.stdout.splitlines() == ["True", "[]"]


@pytest.mark.parametrize(("shell", "marker"), [("bash", "complete_bash"), ("zsh", "complete_zsh"), ("fish", "complete_fish"), ("powershell", "complete_powershell")])
def test_show_completion_for_each_shell(run: Run, shell: str, marker: str) -> None:
    r = run("--show-completion", shell)
    assert r.exit_code == 0 and f"_GONGKAI_COMPLETE={marker}" in r.stdout.replace('"', "").replace("$Env:_GONGKAI_COMPLETE = ", "_GONGKAI_COMPLETE=")


def test_install_completion_for_bash(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    r = run("--install-completion", "bash")
    assert r.exit_code == 0 and "bash" in r.stdout
    assert "_GONGKAI_COMPLETE=complete_bash" in (tmp_path / ".bash_completions" / "gongkai.sh").read_text(encoding="utf-8")
    assert run("--show-completion", "tcsh").exit_code == 3


def test_the_names_file_lives_where_the_ledger_cache_does(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from gongkai import cache

    for value in (str(tmp_path / "c"), "relative/dir"):
        monkeypatch.setenv("GONGKAI_CACHE_DIR", value)
        expected = cache.folder()
        assert completion._cache_dir() == (str(expected) if expected is not None else None)
    monkeypatch.delenv("GONGKAI_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", "not/absolute")
    assert completion._cache_dir() == str(cache.folder())
    monkeypatch.setenv("GONGKAI_NO_CACHE", "1")
    assert completion._cache_dir() is None and cache.folder() is None


def test_a_tab_in_a_workspace_offers_the_names_of_every_plan(workspace_here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    env = env_for("bash", "gongkai unit 宣")
    quick = fast(env)
    assert quick == through_typer(monkeypatch, env) == ("宣传部\n宣传科\n", 0)
    names = completion.names_in(completion.ledgers_for(["list", "-f", "gongkai.yaml", "-f", "plans/safety.yaml"]))
    assert names is not None
    assert completion.candidates("task", "", names) == ["g1", "g2", "g3", "s1", "s2"]
    assert completion.ledgers_for(["unit"], str(workspace_here / "plans")) == [
        str(workspace_here / "gongkai.yaml"),
        str(workspace_here / "plans" / "neighbour.yaml"),
        str(workspace_here / "plans" / "safety.yaml"),
    ]
