"""Reporters for problems, behind one registry (``PROBLEM_FORMATS``).

Each reporter takes the check results and a language and returns the text to print;
printing is the CLI's job.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from ..errors import Problem
from ..i18n import Lang, render, t

if TYPE_CHECKING:
    from ..loader import CheckResult


def message(p: Problem, lang: Lang) -> str:
    return render(p.message_key, lang, p.kwargs)


def parsable_line(p: Problem, lang: Lang) -> str:
    level = t("err.prefix" if p.level.value == "error" else "warn.prefix", lang) if lang == "zh" else p.level.value
    return f"{p.path}:{p.line}:{p.col}: [{level}] {p.code} {message(p, lang)}"


def parsable(results: Sequence[CheckResult], lang: Lang) -> str:
    return "".join(parsable_line(p, lang) + "\n" for r in results for p in r.problems)


def as_json(results: Sequence[CheckResult], lang: Lang) -> str:
    payload = {
        "schema": 1,
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
                    }
                    for p in r.problems
                ],
            }
            for r in results
        ],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


ProblemReporter = Callable[[Sequence["CheckResult"], Lang], str]

PROBLEM_FORMATS: dict[str, ProblemReporter] = {
    "parsable": parsable,
    "json": as_json,
}
