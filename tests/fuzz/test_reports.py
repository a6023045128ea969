"""Mutated ledgers through check and every report: a documented exit code, never a traceback or a hang."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from .harness import (
    EXIT_CODES,
    LEDGER_SEEDS,
    Edit,
    edits,
    first_task_id,
    hang_seconds,
    mutate,
    peak_rss_mb,
    report_commands,
    rss_limit_mb,
    run,
)

# A report of a few hundred lines takes milliseconds; in a busy test run this only catches a hang.
HANG_S = hang_seconds(10.0)


@settings(settings.get_profile("fuzz"))
@given(seed=st.sampled_from(LEDGER_SEEDS), changes=edits())
def test_every_report_survives_a_mutated_ledger(tmp_path: Path, seed: Path, changes: list[Edit]) -> None:
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    ledger = folder / "tasks.yaml"
    data = mutate(seed.read_bytes(), changes)
    ledger.write_bytes(data)
    for args in report_commands(ledger, folder, first_task_id(data)):
        outcome = run(args, seconds=HANG_S)
        assert outcome.code in EXIT_CODES, (args, outcome)
        assert "Traceback" not in outcome.stderr, (args, outcome.stderr)
    limit = rss_limit_mb()
    assert limit is None or peak_rss_mb() < limit, f"peak memory {peak_rss_mb():.0f} MB"


def test_the_mutations_change_the_input() -> None:
    data = b"a: 1\nb: 2\nc: 3\n"
    assert mutate(data, [Edit("drop", 1)]) == b"a: 1\nc: 3\n"
    assert mutate(data, [Edit("double", 0)]) == b"a: 1\na: 1\nb: 2\nc: 3\n"
    assert mutate(data, [Edit("swap", 2)]) == b"c: 3\nb: 2\na: 1\n"
    assert mutate(data, [Edit("value", 1, "9999-12-31")]) == b"a: 1\nb: 9999-12-31\nc: 3\n"
    assert mutate(b"end: 2018-12-31\nx: y\n", [Edit("when", 5, "0000Q1")]) == b"end: 0000Q1\nx: y\n"
    assert mutate(data, [Edit("insert", 1, "\x1b")]) == b"a\x1b: 1\nb: 2\nc: 3\n"
    assert mutate(data, [Edit("flip", 0)]) == b"`: 1\nb: 2\nc: 3\n"


@pytest.mark.parametrize("seed", LEDGER_SEEDS, ids=lambda p: p.name)
def test_every_report_reads_the_seeds(tmp_path: Path, seed: Path) -> None:
    """The unmutated seeds pass through every command with success (so the fuzzing starts from valid input)."""
    ledger = tmp_path / "tasks.yaml"
    ledger.write_bytes(seed.read_bytes())
    for args in report_commands(ledger, tmp_path, first_task_id(seed.read_bytes())):
        outcome = run(args, seconds=HANG_S)
        assert outcome.code == 0 or (args[0] == "check" and outcome.code in (0, 1) and "error" not in outcome.stdout.lower()), (args, outcome)
