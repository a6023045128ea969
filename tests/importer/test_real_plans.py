"""Real plans as offices receive them (public pages of the Pingtan archive), against hand-checked readings.

Each ``NAME.expected.yaml`` lists the responsibility clauses a person found, with their units as
written (and, where a shared prefix runs along a list, as expanded). A clause of the draft
matches when its units (lead, cooperating, in order) equal the expected ones and its lead
equals the expected lead where one is given; each clause of the draft is used once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from ..support import IMPORTER_FIXTURES
from .common import imported

REAL = IMPORTER_FIXTURES / "real"
ROLES = ("lead", "cooperate", "responsible")


def _squash(names: list[str]) -> str:
    s = "".join(names)
    for ch in "、，, ":
        s = s.replace(ch, "")
    return s[:-1] if s.endswith("等") else s


def _names(node: dict[str, Any], key: str) -> list[str]:
    value = node.get(key) or []
    return [value] if isinstance(value, str) else [str(v) for v in value]


def exact_matches(expected: dict[str, Any], tasks: list[dict[str, Any]]) -> list[int]:
    # a clause with no units at all (a row naming only a unit one level up) matches a task with none
    pool = [(_squash(_names(t, "lead")), _squash([n for k in ROLES for n in _names(t, k)])) for t in tasks]
    hits: list[int] = []
    for n, clause in enumerate(expected["clauses"]):
        want = {_squash([n for k in ROLES for n in clause.get(k) or []])}
        if clause.get("expanded"):
            want.add(_squash(clause["expanded"]))
        for i, (lead, every) in enumerate(pool):
            if every in want and (not clause.get("lead") or lead == _squash(clause["lead"])):
                hits.append(n)
                pool.pop(i)
                break
    return hits


EXPECTED = sorted(REAL.glob("*.expected.yaml"))


@pytest.mark.parametrize("expected_path", EXPECTED, ids=[p.name.split(".")[0] for p in EXPECTED])
def test_real_plan_clauses_and_units(expected_path: Path) -> None:
    expected = YAML(typ="safe").load(expected_path.read_text(encoding="utf-8"))
    tasks = imported(REAL / expected["file"]).data["tasks"]
    # every clause the person counted, and no other (a clause without units is a task too)
    assert len(tasks) == expected["count"] == len(expected["clauses"])
    assert exact_matches(expected, tasks) == list(range(len(expected["clauses"])))


def test_the_real_plans_are_all_here() -> None:
    assert len(EXPECTED) == 10
    assert sum(len(YAML(typ="safe").load(p.read_text(encoding="utf-8"))["clauses"]) for p in EXPECTED) == 286
