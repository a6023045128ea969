"""The ledger cache: a hit gives the same ledger, stale or foreign entries are ignored, and it stays small."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from gongkai import cache
from gongkai.loader import load_ledger

from .support import LEDGER


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


def _load_more_versions_than_kept(tmp_path: Path) -> None:
    """Read KEEP + 3 versions of the ledger, each writing its entry."""
    text = LEDGER.read_text(encoding="utf-8")
    for i in range(cache.KEEP + 3):
        copy = tmp_path / f"v{i}.yaml"
        copy.write_text(text + f"# version {i}\n", encoding="utf-8")
        load_ledger(copy)


def test_old_entries_are_pruned(folder: Path, tmp_path: Path) -> None:
    _load_more_versions_than_kept(tmp_path)
    assert len(list(folder.glob("*.pickle"))) == cache.KEEP


def test_pruning_removes_only_gongkais_own_entries(folder: Path, tmp_path: Path) -> None:
    folder.mkdir(mode=0o700)
    others = ["model.pickle", "a" * 64 + ".pickle.bak", "A" * 64 + ".pickle", "b" * 63 + ".pickle", "notes.txt"]
    for name in others:
        (folder / name).write_bytes(b"someone else's")
    text = LEDGER.read_text(encoding="utf-8")
    for i in range(cache.KEEP + 3):
        copy = tmp_path / f"v{i}.yaml"
        copy.write_text(text + f"# version {i}\n", encoding="utf-8")
        load_ledger(copy)
    assert all((folder / name).read_bytes() == b"someone else's" for name in others)
    assert len([p for p in folder.iterdir() if p.name not in others and p.name != cache.KEY_NAME]) == cache.KEEP


# --- nothing unauthenticated is unpickled --------------------------------------------------------


class _Boom:
    """Unpickling this creates a marker file: the proof that a planted pickle ran code."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, ...]:
        return (Path.touch, (self.marker,))


def _plant(folder: Path, key: str, payload: bytes) -> Path:
    entry = folder / f"{key}.pickle"
    entry.write_bytes(payload)
    os.chmod(entry, 0o600)
    return entry


def test_a_planted_pickle_is_never_unpickled(folder: Path, tmp_path: Path) -> None:
    import pickle

    load_ledger(LEDGER)  # the folder and its key exist, as after any earlier run
    key = cache.key_for(LEDGER.read_bytes())
    assert key is not None
    marker = tmp_path / "ran"
    _plant(folder, key, pickle.dumps(_Boom(marker)))
    assert load_ledger(LEDGER).plan.id == "shuangfeng-2018"
    assert not marker.exists()


def test_an_entry_tagged_with_the_key_still_finds_only_models(folder: Path, tmp_path: Path) -> None:
    import hashlib
    import hmac
    import pickle

    load_ledger(LEDGER)
    key = cache.key_for(LEDGER.read_bytes())
    assert key is not None
    secret = cache._secret(folder, create=False)
    assert secret is not None
    marker = tmp_path / "ran"
    payload = pickle.dumps(_Boom(marker))
    tag = hmac.new(secret, key.encode() + b"\0" + payload, hashlib.sha256).digest()
    _plant(folder, key, b"GKC3" + tag + payload)
    assert cache.get(key) is None
    assert not marker.exists()


def test_a_key_file_copied_from_elsewhere_authenticates_nothing(folder: Path, tmp_path: Path) -> None:
    load_ledger(LEDGER)
    key = cache.key_for(LEDGER.read_bytes())
    assert key is not None and cache.get(key) is not None
    # The same key bytes in a new file (a checkout, a copy): entries made with the old one fail.
    secret_file = folder / cache.KEY_NAME
    data = secret_file.read_bytes()
    secret_file.unlink()
    secret_file.write_bytes(data)
    os.chmod(secret_file, 0o600)
    assert cache.get(key) is None


def test_a_key_others_may_read_turns_the_cache_off(folder: Path) -> None:
    load_ledger(LEDGER)
    key = cache.key_for(LEDGER.read_bytes())
    assert key is not None and cache.get(key) is not None
    os.chmod(folder / cache.KEY_NAME, 0o644)
    assert cache.get(key) is None


def test_a_changed_byte_of_the_entry_is_a_miss(folder: Path) -> None:
    load_ledger(LEDGER)
    key = cache.key_for(LEDGER.read_bytes())
    assert key is not None
    entry = folder / f"{key}.pickle"
    data = bytearray(entry.read_bytes())
    data[-10] ^= 1
    entry.write_bytes(bytes(data))
    assert cache.get(key) is None


@pytest.mark.parametrize("value", ["cache", "./cache", "../c", "~nonexistent-user-x/c"])
def test_a_relative_cache_folder_turns_the_cache_off(value: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GONGKAI_CACHE_DIR", value)
    assert cache.folder() is None
    assert load_ledger(LEDGER).plan.id == "shuangfeng-2018"
    assert list(tmp_path.iterdir()) == []


def test_a_relative_xdg_cache_home_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GONGKAI_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", "rel")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert cache.folder() == tmp_path / ".cache" / "gongkai"


# --- a stale entry is never served ---------------------------------------------------------------


def test_one_changed_byte_of_the_ledger_is_a_different_entry(folder: Path, tmp_path: Path) -> None:
    copy = tmp_path / "tasks.yaml"
    data = LEDGER.read_bytes()
    copy.write_bytes(data)
    first = load_ledger(copy)
    changed = data.replace(b"shuangfeng-2018", b"shuangfeng-2019", 1)
    assert len(changed) == len(data)
    copy.write_bytes(changed)
    assert cache.key_for(changed) != cache.key_for(data)
    assert load_ledger(copy).plan.id == "shuangfeng-2019" != first.plan.id


def test_another_gongkai_version_does_not_read_the_entry(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import gongkai

    load_ledger(LEDGER)
    old_key = cache.key_for(LEDGER.read_bytes())
    monkeypatch.setattr(gongkai, "__version__", gongkai.__version__ + ".post1")
    new_key = cache.key_for(LEDGER.read_bytes())
    assert new_key != old_key
    assert new_key is not None and cache.get(new_key) is None


def test_the_key_covers_the_source_of_models_and_rules(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = cache.key_for(LEDGER.read_bytes())
    monkeypatch.setattr(cache, "_stamp", "another source")
    assert cache.key_for(LEDGER.read_bytes()) != before
    stamped = {name for name in cache._SOURCES if os.path.exists(os.path.join(cache._PACKAGE, name))}
    assert {"models.py"} <= stamped and stamped & {"rules.py", "diagnose"}


def test_a_failed_write_leaves_no_temporary_file(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(fd: int) -> None:
        raise OSError(28, "No space left on device")

    load_ledger(LEDGER, use_cache=False)
    folder.mkdir(mode=0o700)
    monkeypatch.setattr(os, "fsync", broken)
    load_ledger(LEDGER)
    assert [p.name for p in folder.iterdir() if p.name != cache.KEY_NAME] == []


def test_another_pydantic_does_not_read_the_entry(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = cache.key_for(LEDGER.read_bytes())
    monkeypatch.setattr(cache, "_pydantic_stamp", lambda: "pydantic-99.0.0.dist-info/pydantic_core-99.0.0.dist-info")
    assert cache.key_for(LEDGER.read_bytes()) != before


def test_the_installed_versions_are_read_without_importing(monkeypatch: pytest.MonkeyPatch) -> None:
    import re

    stamp = cache._installed("pydantic", "pydantic_core")
    assert re.fullmatch(r"pydantic-[\d.]+\.dist-info/pydantic_core-[\d.]+\.dist-info", stamp)
    assert cache._installed("no_such_package_here") == ""


def test_a_memo_holds_plain_data_only(folder: Path) -> None:
    key = cache.memo_key("test", "uniseg")
    assert key is not None and key != cache.memo_key("other", "uniseg")
    cache.put_memo(key, ({"a": ("ID", "W", "Lo")}, {}, {}))
    assert cache.get_memo(key) == ({"a": ("ID", "W", "Lo")}, {}, {})
    cache.put_memo(key, Path("/"))  # not builtin data: stored, but never unpickled
    assert cache.get_memo(key) is None


@pytest.mark.parametrize("quick", ["1", "0"], ids=["fast reader", "ruamel"])
def test_an_entry_stores_each_repeated_text_and_day_once(folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, quick: str) -> None:
    """A unit named in many tasks, or a day many entries share, is written once in the entry;
    the entry reads back to the same ledger."""
    from tests.gen import ledgers as gen

    monkeypatch.setenv("GONGKAI_QUICK_YAML", quick)
    path = tmp_path / "tasks.yaml"
    path.write_text(gen.ledger(200).text, encoding="utf-8")
    ledger = load_ledger(path)
    (entry,) = [p for p in folder.iterdir() if p.suffix == ".pickle"]
    stored = entry.read_bytes()
    name = "行政办".encode()
    assert sum("行政办" in task.lead for task in ledger.tasks) > 3
    assert stored.count(b"\x8c" + bytes([len(name)]) + name) == 1  # pickle's short text opcode, its length, the UTF-8 bytes
    days = [u.date for t in ledger.tasks for u in t.updates]
    day = max(days, key=days.count)
    assert days.count(day) > 3
    assert stored.count(day.__reduce__()[1][0]) == 1  # the day's four bytes (its pickled state)
    assert load_ledger(path) == load_ledger(path, use_cache=False)


def _ledgers_under_tests() -> list[Path]:
    """Every ledger file under tests/ that validates without errors (those the cache stores)."""
    from gongkai.loader import validate

    found = []
    for path in sorted(Path(__file__).parent.rglob("*.yaml")):
        result = validate(path)
        if result.ledger is not None and not result.errors:
            found.append(path)
    return found


def test_an_entry_reads_back_the_same_ledger_without_storing_defaults(folder: Path) -> None:
    """A field at its default (None, False, an empty list) is left out of the entry, and reads as
    the default again: each ledger under tests/ reads back equal, and dumps to the same data."""
    paths = _ledgers_under_tests()
    assert len(paths) > 20
    for path in paths:
        fresh = load_ledger(path, use_cache=False)
        cached = load_ledger(path)  # stores it
        key = cache.key_for(path.read_bytes())
        assert key is not None
        entry = cache.get(key)
        assert entry is not None, path
        assert entry == fresh, path
        assert entry.model_dump(mode="json") == fresh.model_dump(mode="json"), path
        assert cached == fresh
    task = entry.tasks[0]
    left_out = [name for name in ("supervise", "contacts", "doubts") if name not in vars(task)]
    assert left_out and all(getattr(task, name) == [] for name in left_out)


def test_an_empty_list_read_from_the_cache_refuses_change_but_copies_freely(folder: Path) -> None:
    """The empty lists left out of an entry read as one shared list: changing it in place would
    change every task's, so it refuses; a copy of it, or of a task, is a list of its own."""
    import copy

    load_ledger(LEDGER)
    key = cache.key_for(LEDGER.read_bytes())
    assert key is not None
    ledger = cache.get(key)
    assert ledger is not None
    empty = [t for t in ledger.tasks if "doubts" not in vars(t)]
    assert len(empty) > 1
    with pytest.raises(TypeError):
        empty[0].doubts.append("x")
    assert all(t.doubts == [] for t in empty)
    mine = copy.copy(empty[0].doubts)
    mine.append("x")
    assert mine == ["x"] and empty[1].doubts == []
    deep = copy.deepcopy([empty[0].doubts])
    deep[0].append("y")
    assert deep == [["y"]] and empty[0].doubts == []
    assert pickle.loads(pickle.dumps(empty[0].doubts)).__class__ is list


def test_holds_tells_an_entry_is_there_by_its_tag(folder: Path) -> None:
    key = cache.key_for(LEDGER.read_bytes())
    assert key is not None and not cache.holds(key)
    load_ledger(LEDGER)
    assert cache.holds(key)
    entry = folder / f"{key}.pickle"
    blob = entry.read_bytes()
    entry.write_bytes(blob[:-1] + bytes([blob[-1] ^ 1]))
    assert not cache.holds(key)


def test_an_entry_is_not_synced_to_disk_and_a_torn_one_is_a_miss(folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load_ledger(LEDGER)  # the folder and its key (which is synced) exist
    copy = tmp_path / "tasks.yaml"
    copy.write_text(LEDGER.read_text(encoding="utf-8") + "# another version\n", encoding="utf-8")
    synced: list[int] = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: synced.append(fd) or real_fsync(fd))
    first = load_ledger(copy)
    key = cache.key_for(copy.read_bytes())
    assert key is not None and cache.get(key) == first and synced == []
    # What a crash may leave of an entry not synced: its first part.
    entry = folder / f"{key}.pickle"
    entry.write_bytes(entry.read_bytes()[: entry.stat().st_size // 2])
    assert cache.get(key) is None and not cache.holds(key)
    assert load_ledger(copy) == first


def test_a_memo_outlives_the_pruning_of_ledger_entries(folder: Path, tmp_path: Path) -> None:
    """Memos (compiled methods, the validator's schema, line breaks) are written once and read by
    nearly every run: writing many ledgers' entries never removes them."""
    load_ledger(LEDGER)
    key = cache.memo_key("test", "uniseg")
    assert key is not None
    cache.put_memo(key, {"kept": [1, 2]})
    _load_more_versions_than_kept(tmp_path)
    assert len(list(folder.glob("*.pickle"))) == cache.KEEP
    assert cache.get_memo(key) == {"kept": [1, 2]}
