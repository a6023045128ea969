"""Reporters for problems, behind one registry (``PROBLEM_FORMATS``).

Each reporter takes the check results and a language and returns what to print: a
string, or for ``text`` a rich ``Text`` (colour when the terminal has it). Printing is
the CLI's job. The JSON and SARIF shapes are documented in docs/rules.md.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import Level, Problem
from ..i18n import Lang, render, t
from ..yamlio import source_lines
from .terminal import visible

if TYPE_CHECKING:
    from rich.console import RenderableType

    from ..loader import CheckResult


def message(p: Problem, lang: Lang) -> str:
    return render(p.message_key, lang, p.kwargs)


def shown(p: Problem, lang: Lang) -> str:
    """The message as a terminal may show it: control characters from the ledger spelt out."""
    return visible(message(p, lang))


def parsable_line(p: Problem, lang: Lang) -> str:
    level = t("err.prefix" if p.level.value == "error" else "warn.prefix", lang) if lang == "zh" else p.level.value
    return f"{visible(p.path)}:{p.line}:{p.col}: [{level}] {p.code} {shown(p, lang)}"


def all_problems(results: Sequence[CheckResult]) -> list[Problem]:
    return sorted(p for r in results for p in r.problems)


# --- parsable --------------------------------------------------------------------------------


def parsable(results: Sequence[CheckResult], lang: Lang) -> str:
    """``file:line:col: [level] CODE message``, one per line; the level is always error or warning."""
    return "".join(f"{visible(p.path)}:{p.line}:{p.col}: [{p.level.value}] {p.code} {shown(p, lang)}\n" for p in all_problems(results))


# --- json ------------------------------------------------------------------------------------


def as_json(results: Sequence[CheckResult], lang: Lang) -> str:
    problems = all_problems(results)
    payload = {
        "schema": 1,
        "valid": not any(p.level is Level.ERROR for p in problems),
        "errors": sum(p.level is Level.ERROR for p in problems),
        "warnings": sum(p.level is Level.WARNING for p in problems),
        "files": [
            {
                "path": r.path,
                "valid": not r.errors,
                "errors": len(r.errors),
                "warnings": len(r.warnings),
                "problems": [
                    {
                        "path": p.path,
                        "line": p.line,
                        "col": p.col,
                        "level": p.level.value,
                        "code": p.code,
                        "message": message(p, lang),
                        "loc": list(p.loc),
                    }
                    for p in sorted(r.problems)
                ],
            }
            for r in sorted(results, key=lambda r: r.path)
        ],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


# --- github ----------------------------------------------------------------------------------


def _gh_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(value: str) -> str:
    return _gh_data(value).replace(":", "%3A").replace(",", "%2C")


def github(results: Sequence[CheckResult], lang: Lang) -> str:
    """GitHub Actions workflow commands: each problem becomes an annotation on the pull request."""
    out = []
    for p in all_problems(results):
        command = "error" if p.level is Level.ERROR else "warning"
        props = f"file={_gh_property(p.path)},line={p.line},col={p.col},title={_gh_property('gongkai ' + p.code)}"
        out.append(f"::{command} {props}::{_gh_data(p.code + ' ' + shown(p, lang))}\n")
    return "".join(out)


# --- sarif -----------------------------------------------------------------------------------


def _artifact_uri(path: str) -> str:
    p = Path(path)
    return p.as_uri() if p.is_absolute() else p.as_posix()


def sarif(results: Sequence[CheckResult], lang: Lang) -> str:
    """SARIF 2.1.0, one run, every rule described; columns are Unicode code points."""
    from .. import __version__
    from ..diagnose import RULES

    codes = list(RULES)
    rules = [
        {
            "id": code,
            "name": code,
            "shortDescription": {"text": t(f"rule.{code}", lang)},
            "help": {"text": t("check.rule_help", lang, anchor=code.lower())},
            "defaultConfiguration": {"level": rule.level.value},
        }
        for code, rule in RULES.items()
    ]
    found: list[dict[str, Any]] = [
        {
            "ruleId": p.code,
            "ruleIndex": codes.index(p.code),
            "level": p.level.value,
            "message": {"text": message(p, lang)},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": _artifact_uri(p.path)},
                        "region": {"startLine": p.line, "startColumn": p.col},
                    }
                }
            ],
        }
        for p in all_problems(results)
    ]
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "gongkai",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": found,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


# --- text ------------------------------------------------------------------------------------

# The caret stays within this many cells of the left edge: longer prefixes are cut with '...';
# and no more than REST_WINDOW cells are shown after it.
CARET_WINDOW = 40
REST_WINDOW = 80


def _source_excerpt(line: str, col: int) -> tuple[str, str]:
    """The source line as displayed and the caret line under it (display cells, CJK count two)."""
    from rich.cells import cell_len

    # Each character is at least one cell, so these slices keep all that can be shown.
    prefix, rest = _visible(line[max(0, col - 1 - CARET_WINDOW) : col - 1]), _visible(line[col - 1 : col - 1 + REST_WINDOW])
    if col - 1 > CARET_WINDOW or cell_len(prefix) > CARET_WINDOW:
        while cell_len(prefix) > CARET_WINDOW - 3:
            prefix = prefix[1:]
        prefix = "..." + prefix  # not '…': terminals disagree on its width
    if len(line) - (col - 1) > REST_WINDOW or cell_len(rest) > REST_WINDOW:
        while cell_len(rest) > REST_WINDOW - 3:
            rest = rest[:-1]
        rest += "..."
    return prefix + rest, " " * cell_len(prefix) + "^"


def _visible(chars: str) -> str:
    """Tabs as one space; control characters and invisible line breaks spelt out, e.g. <U+2028>."""
    return "".join(
        " " if ch == "\t" else f"<U+{ord(ch):04X}>" if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch for ch in chars
    )


def _text_lines(results: Sequence[CheckResult], lang: Lang) -> list[list[tuple[str, str]]]:
    """The lines of ``text``, each a list of (text, style) spans; the last line is the summary."""
    problems = all_problems(results)
    # Only the lines shown: a large ledger split whole is a noticeable part of a check.
    sources = {r.path: source_lines(r.text, (p.line for p in problems if p.path == r.path)) for r in results if r.text is not None}
    lines: list[list[tuple[str, str]]] = []
    for p in problems:
        level = t("err.prefix" if p.level is Level.ERROR else "warn.prefix", lang)
        style = "bold red" if p.level is Level.ERROR else "bold yellow"
        lines.append([(f"{visible(p.path)}:{p.line}:{p.col}: ", "bold"), (level, style), (f" {p.code} ", "bold"), (shown(p, lang), "")])
        shown_line = sources.get(p.path, {}).get(p.line)
        if shown_line is not None:
            excerpt, caret = _source_excerpt(shown_line, p.col)
            gutter = f"{p.line:>5} | "
            lines.append([(gutter, "dim"), (excerpt, "")])
            lines.append([(" " * (len(gutter) - 2) + "| ", "dim"), (caret, style)])
    errors = sum(p.level is Level.ERROR for p in problems)
    warnings = len(problems) - errors
    if problems:
        lines.append([(t("check.summary", lang, files=len(results), errors=errors, warnings=warnings), "bold")])
    else:
        lines.append([(t("check.clean", lang, files=len(results)), "bold green")])
    return lines


def text(results: Sequence[CheckResult], lang: Lang) -> RenderableType:
    """Compiler-style: the place, the level, the code and the message, then the line with a caret.

    Print it with ``soft_wrap=True``: lines are left whole, and the caret is kept within
``CARET_WINDOW`` cells so it stays under its column on any terminal.
    """
    from rich.console import Group
    from rich.text import Text

    *body, ((summary, style),) = _text_lines(results, lang)
    return Group(*(Text.assemble(*line) for line in body), Text(summary, style=style))


# What rich changes in a line it prints whole: tabs (expanded), the control characters it drops,
# and whitespace at the end of a line (cut past the terminal's width).
_RICH_CHANGES = re.compile(r"[\t\x07\x08\x0b\x0c\r]|\s$")


def plain_text(results: Sequence[CheckResult], lang: Lang) -> str | None:
    """What ``text`` prints without colour, made without rich (which takes longer to import than a
    check of a small ledger); None when a line holds something rich would change: rich prints those."""
    from . import plain  # here, not above: the other formats never load it

    lines = list(map(plain.plain_text, _text_lines(results, lang)))
    if any("\n" in line or _RICH_CHANGES.search(line) for line in lines):
        return None
    return "\n".join(lines) + "\n"


ProblemReporter = Callable[[Sequence["CheckResult"], Lang], "RenderableType"]

def default_format(environ: Mapping[str, str] | None = None) -> str:
    """github inside GitHub Actions (it sets GITHUB_ACTIONS=true), text elsewhere."""
    value = (environ if environ is not None else os.environ).get("GITHUB_ACTIONS", "")
    return "github" if value.strip().lower() not in ("", "0", "false") else "text"


PROBLEM_FORMATS: dict[str, ProblemReporter] = {
    "text": text,
    "parsable": parsable,
    "json": as_json,
    "github": github,
    "sarif": sarif,
}
