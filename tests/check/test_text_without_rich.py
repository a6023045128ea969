"""``check``'s text made without rich (``render.problems.plain_text``) is what rich prints without colour.

The console script prints a check's text without rich where rich would print it without colour:
importing rich takes longer than checking a small ledger. Every ledger of the tests (the YAML
test suite too) is checked and printed both ways, in Chinese and English, on wide and narrow
terminals, alone and together; where a line holds something rich changes (a tab, trailing
whitespace), the plain text declines and rich prints it.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest
from rich.console import Console

from gongkai import loader
from gongkai.i18n import Lang
from gongkai.render import problems

from ..support import TESTS

AS_OF = dt.date(2018, 12, 20)
CORPUS = TESTS / "check" / "corpus"
LEDGERS = sorted(p for p in TESTS.rglob("*") if p.suffix in (".yaml", ".yml", ".bin") and p.is_file())


def _rich(results: Sequence[loader.CheckResult], lang: Lang, width: int) -> str:
    """What the console script printed with rich: the console it made, on standard output that is not a terminal."""
    console = Console(file=io.StringIO(), width=width, force_terminal=False, highlight=False, soft_wrap=False)
    with console.capture() as captured:
        console.print(problems.text(results, lang), soft_wrap=True)
    return captured.get()


def _results(paths: Sequence[Path]) -> list[loader.CheckResult]:
    return [loader.validate(path.relative_to(TESTS), today=AS_OF) for path in paths]


@pytest.fixture(autouse=True)
def _in_tests(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(TESTS)  # files are named relative to here, as a user names them


def test_every_ledger_of_the_tests_reads_the_same_without_rich() -> None:
    declined = 0
    for path in LEDGERS:
        results = _results([path])
        for lang in ("zh", "en"):
            plain = problems.plain_text(results, lang)
            if plain is None:
                declined += 1
                continue
            for width in (1, 12, 80, 400):
                assert plain == _rich(results, lang, width), (path, lang, width)
    # It declines only lines that rich may change: an empty line shown, or documents of the YAML
    # test suite with tabs, trailing spaces and line breaks in keys.
    assert len(LEDGERS) > 300 and declined * 10 < len(LEDGERS) * 2


def test_many_ledgers_at_once_read_the_same_without_rich() -> None:
    ours = [p for p in LEDGERS if "yaml-test-suite" not in p.parts]
    results = [r for r in _results(ours) if problems.plain_text([r], "zh") is not None]
    assert sum(len(r.problems) for r in results) > 100
    for lang in ("zh", "en"):
        plain = problems.plain_text(results, lang)
        assert plain is not None and plain == _rich(results, lang, 80)


@pytest.mark.parametrize(
    "line",
    ["      - 不存在的单位   \n", "      - 不存在的单位\u3000\n", "      - 不存在的单位 # 注\t\n", "      - '不存在\t的单位'\n", '      - "不存在\\n的单位"\n'],
    ids=["trailing spaces", "trailing full-width space", "tab in a comment", "tab in a name", "newline in a name"],
)
def test_what_rich_would_change_is_left_to_rich(tmp_path: Path, line: str) -> None:
    text = (CORPUS / "valid.yaml").read_text(encoding="utf-8")
    lead = text.index("    lead:\n") + len("    lead:\n")
    path = tmp_path / "tasks.yaml"
    path.write_text(text[:lead] + line + text[lead:], encoding="utf-8")
    results = [loader.validate(path, today=AS_OF)]
    assert any(p.code == "GK021" for p in results[0].problems)
    assert problems.plain_text(results, "zh") is None
    assert "不存在" in _rich(results, "zh", 80)


def _check_imports(argv: list[str], env: dict[str, str]) -> tuple[int, str, bool]:
    """(exit code, what was printed, whether rich's console was imported) of ``gongkai check`` to a pipe."""
    code = (
        "import sys, io, json\n"
        "from gongkai.console import main\n"
        f"sys.argv = ['gongkai', 'check', *{argv!r}]\n"
        "out, sys.stdout = sys.stdout, io.StringIO()\n"
        "try:\n    main()\nexcept SystemExit as e:\n    code = e.code\n"
        "printed, sys.stdout = sys.stdout.getvalue(), out\n"
        "sys.stderr.write(json.dumps([code, printed, 'rich.console' in sys.modules]))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60, check=True)
    code_, printed, rich = json.loads(done.stderr.strip().splitlines()[-1])
    return code_, printed, rich


def test_a_check_printed_without_colour_does_not_import_rich() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE", "COLUMNS", "GONGKAI_FAST")}
    argv = [str(CORPUS / "many-problems.yaml"), "--as-of", AS_OF.isoformat()]
    code, plain, rich = _check_imports(argv, env)
    assert (code, rich) == (1, False) and "GK021" in plain
    # With colour, and where rich prints nothing at all (COLUMNS=0), rich prints it.
    assert _check_imports(argv, env | {"FORCE_COLOR": "1", "TERM": "xterm"})[2]
    assert not _check_imports(argv, env | {"FORCE_COLOR": "1", "TERM": "dumb"})[2]  # no colour on a dumb terminal
    assert _check_imports(argv, env | {"COLUMNS": "0"}) == (1, "", True)
    assert _check_imports(argv, env | {"GONGKAI_FAST": "0"})[:2] == (1, plain)
