"""Files gongkai writes whole (the imported draft, cache entries): one atomic writer, no leftovers."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from gongkai import safewrite
from gongkai.errors import UsageError
from gongkai.importer import ImportFailure, write_ledger


def test_an_imported_draft_respects_the_umask(tmp_path: Path) -> None:
    target = tmp_path / "tasks.yaml"
    old = os.umask(0o022)
    try:
        write_ledger(target, "plan: {}\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tasks.yaml"]


def test_a_failed_import_write_leaves_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "tasks.yaml"

    def broken(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken)
    with pytest.raises(ImportFailure):
        write_ledger(target, "plan: {}\n")
    assert list(tmp_path.iterdir()) == []


def test_an_existing_ledger_is_kept_unless_forced_even_if_it_appears_during_the_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "tasks.yaml"
    real_fsync = os.fsync

    def someone_writes_it_meanwhile(fd: int) -> None:
        if not target.exists():
            target.write_text("mine\n", encoding="utf-8")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", someone_writes_it_meanwhile)
    with pytest.raises(UsageError):
        write_ledger(target, "plan: {}\n")
    assert target.read_text(encoding="utf-8") == "mine\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tasks.yaml"]
    write_ledger(target, "plan: {}\n", force=True)
    assert target.read_text(encoding="utf-8") == "plan: {}\n"


def test_write_file_exclusive_never_replaces(tmp_path: Path) -> None:
    target = tmp_path / "f"
    target.write_bytes(b"old")
    with pytest.raises(FileExistsError):
        safewrite.write_file(target, b"new", exclusive=True)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["f"]
