"""Property test: mutated ledgers give problems or a plan, never an exception.

Valid ledgers (the corpus's valid.yaml, its BOM and CRLF forms, and the repository's real
tasks.yaml) are mutated by byte flips, truncation, deleted lines and duplicated lines,
several at a time. For every result the loader must return a CheckResult whose problems
are well formed: a known rule code, a place inside the text, a message in both languages.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import string
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.diagnose import RULES
from gongkai.errors import Level
from gongkai.i18n import CATALOG, LANGS, render
from gongkai.loader import CheckResult, validate_bytes
from gongkai.yamlio import split_lines

from ..support import LEDGER

CORPUS = Path(__file__).resolve().parent / "corpus"
BASES = [(CORPUS / name).read_bytes() for name in ("valid.yaml", "bom.yaml", "crlf.yaml")] + [LEDGER.read_bytes()]
TODAY = dt.date(2018, 12, 20)

# Examples per run of each test below; GONGKAI_MUTATION_EXAMPLES raises it for a long soak.
EXAMPLES = int(os.environ.get("GONGKAI_MUTATION_EXAMPLES", "1500"))

Mutation = tuple[str, float, int]


def mutate(data: bytes, mutations: list[Mutation]) -> bytes:
    """Apply each mutation; positions are fractions of the current length, so they always land."""
    for kind, where, value in mutations:
        if kind == "flip" and data:
            i = int(where * len(data)) % len(data)
            data = data[:i] + bytes([value]) + data[i + 1 :]
        elif kind == "truncate":
            data = data[: int(where * len(data))]
        elif kind in ("delete_line", "duplicate_line"):
            lines = data.split(b"\n")
            i = int(where * len(lines)) % len(lines)
            lines[i:i + 1] = [] if kind == "delete_line" else [lines[i], lines[i]]
            data = b"\n".join(lines)
    return data


mutations = st.lists(
    st.tuples(
        st.sampled_from(["flip", "truncate", "delete_line", "duplicate_line"]),
        st.floats(min_value=0, max_value=1, exclude_max=True),
        st.integers(min_value=0, max_value=255),
    ),
    min_size=1,
    max_size=6,
)


def check_well_formed(data: bytes, result: CheckResult) -> None:
    assert isinstance(result, CheckResult)
    if result.ledger is None:
        assert any(p.level is Level.ERROR for p in result.problems)
    if not result.problems:
        assert result.ledger is not None
    if result.text is None:
        assert [p.code for p in result.problems] == ["GK001"]
    lines = split_lines(result.text) if result.text is not None else re.split(rb"\r\n|\r|\n", data)
    for p in result.problems:
        assert p.code in RULES
        assert p.level is RULES[p.code].level
        assert 1 <= p.line <= len(lines), (p, len(lines))
        assert 1 <= p.col <= len(lines[p.line - 1]) + 1, (p, lines[p.line - 1])
        if p.message_key in ("p.yaml.bad_character", "p.yaml.line_separator"):
            # the place is exactly the character the message names
            assert lines[p.line - 1][p.col - 1] == chr(int(p.kwargs["char"][2:], 16)), p
        for lang, template in zip(LANGS, CATALOG[p.message_key], strict=True):
            assert {name for _, name, _, _ in string.Formatter().parse(template) if name} <= set(p.kwargs)
            assert render(p.message_key, lang, p.kwargs)


@settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(base=st.sampled_from(BASES), changes=mutations)
def test_mutated_ledgers_give_problems_or_a_plan(base: bytes, changes: list[Mutation]) -> None:
    data = mutate(base, changes)
    check_well_formed(data, validate_bytes(data, "tasks.yaml", today=TODAY))


@settings(max_examples=EXAMPLES // 3, deadline=None, database=None, derandomize=True)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_give_problems(data: bytes) -> None:
    check_well_formed(data, validate_bytes(data, "tasks.yaml", today=TODAY))


def test_mutate_does_what_it_says() -> None:
    base = b"a\nb\nc"
    assert mutate(base, [("delete_line", 0.5, 0)]) == b"a\nc"
    assert mutate(base, [("duplicate_line", 0.0, 0)]) == b"a\na\nb\nc"
    assert mutate(base, [("truncate", 0.4, 0)]) == b"a\n"
    assert mutate(base, [("flip", 0.0, 0x7A)]) == b"z\nb\nc"
