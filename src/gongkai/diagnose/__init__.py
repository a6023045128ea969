"""Every problem's code and wording: YAML (``yaml_errors``), the format (``schema_errors``)
and the rules of meaning (``rules``). ``RULES`` knows each rule's stage and severity."""

from __future__ import annotations

from ..errors import ExitCode, Level, Problem
from .rules import RULES, Rule, Stage, found, semantic_problems


def stage(p: Problem) -> Stage:
    return RULES[p.code].stage


def is_syntax(p: Problem) -> bool:
    """The file could not be read or parsed as YAML (as opposed to not fitting the format or the rules)."""
    return stage(p) in (Stage.READ, Stage.SYNTAX)


def can_disable(code: str) -> bool:
    """Only rules of meaning can be switched off; a file that cannot be read or does not fit the format always fails."""
    rule = RULES.get(code)
    return rule is not None and rule.stage is Stage.SEMANTIC


def exit_code_for(problems: list[Problem], *, strict: bool = False) -> ExitCode:
    """The single place that decides the exit code of a validation run."""
    if any(stage(p) is Stage.READ for p in problems):
        return ExitCode.UNREADABLE
    if any(p.level is Level.ERROR for p in problems):
        return ExitCode.PROBLEMS
    if strict and problems:
        return ExitCode.PROBLEMS
    return ExitCode.OK


__all__ = ["RULES", "Rule", "Stage", "can_disable", "exit_code_for", "found", "is_syntax", "semantic_problems", "stage"]
