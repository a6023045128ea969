"""The ledger cache: a hit gives the same ledger, stale or foreign entries are ignored, and it stays small."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from gongkai import cache
from gongkai.loader import load_ledger

from .conftest import LEDGER


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    d = tmp_path / "c"
    monkeypatch.setenv("GONGKAI_CACHE_DIR", str(d))
    return d


def test_hit_returns_the_same_ledger(folder: Path) -> None:
    first = load_ledger(LEDGER)
    assert len(list(folder.glob("*.pickle"))) == 1
    assert load_ledger(LEDGER) == first


def test_an_entry_others_can_write_is_not_read(folder: Path) -> None:
    load_ledger(LEDGER)
    entry = next(folder.glob("*.pickle"))
    key = cache.key_for(LEDGER.read_bytes())
    assert key is not None and cache.get(key) is not None
    os.chmod(entry, 0o666)
    assert cache.get(key) is None


def test_a_damaged_entry_is_a_miss(folder: Path) -> None:
    load_ledger(LEDGER)
    entry = next(folder.glob("*.pickle"))
    entry.write_bytes(b"not a pickle")
    assert load_ledger(LEDGER).plan.id == "shuangfeng-2018"


def test_no_cache_writes_nothing(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GONGKAI_NO_CACHE", "1")
    load_ledger(LEDGER)
    assert not folder.exists()


def test_old_entries_are_pruned(folder: Path, tmp_path: Path) -> None:
    text = LEDGER.read_text(encoding="utf-8")
    for i in range(cache.KEEP + 3):
        copy = tmp_path / f"v{i}.yaml"
        copy.write_text(text + f"# version {i}\n", encoding="utf-8")
        load_ledger(copy)
    assert len(list(folder.glob("*.pickle"))) == cache.KEEP
