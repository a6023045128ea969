"""An editor saving the ledger while gongkai writes it: the editor's save is never lost."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gongkai import safewrite

from ..support import COMMENTED, LEDGER, Run

WORKER = Path(__file__).with_name("race_worker.py")


def _race(tmp_path: Path, trials: int, switch: str) -> dict[str, object]:
    path = tmp_path / "tasks.yaml"
    path.write_bytes(COMMENTED.read_bytes())
    env = dict(os.environ, GONGKAI_NO_CACHE="1")
    done = subprocess.run([sys.executable, str(WORKER), str(path), str(trials), switch], env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout)
    return result


def _can_exchange(folder: Path) -> bool:
    a, b = folder / "a", folder / "b"
    a.write_bytes(b"a")
    b.write_bytes(b"b")
    swapped = safewrite.exchange(str(a), str(b)) and a.read_bytes() == b"b"
    a.unlink()
    b.unlink()
    return swapped


def test_a_save_racing_each_step_of_a_write_is_never_lost(tmp_path: Path) -> None:
    if not _can_exchange(tmp_path):
        pytest.skip("this system or file system has no atomic exchange (renameat2); the rename variant below runs instead")
    result = _race(tmp_path, 1000, "exchange")
    assert result["lost"] == 0
    assert result["refused"] >= 600  # type: ignore[operator]  # every save before the switch refuses the write
    # Every step of the write was raced: the temporary file, its fsync and mode, each look, the switch.
    assert set(result["steps"]) >= {"open", "fsync", "fchmod", "stat", "exchange"}  # type: ignore[arg-type]
    assert result["leftovers"] == []


def test_without_an_atomic_exchange_saves_before_the_rename_are_not_lost(tmp_path: Path) -> None:
    result = _race(tmp_path, 400, "rename")
    assert result["lost"] == 0
    assert set(result["steps"]) >= {"open", "fsync", "fchmod", "stat"}  # type: ignore[arg-type]
    assert result["leftovers"] == []


def test_a_save_at_fsync_makes_update_exit_4_and_keeps_the_editors_file(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "tasks.yaml"
    path.write_bytes(LEDGER.read_bytes())
    saved = LEDGER.read_bytes() + "# 编辑器保存\n".encode()
    real_fsync = os.fsync

    def save_then_fsync(fd: int) -> None:
        if path.read_bytes() != saved:
            path.write_bytes(saved)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", save_then_fsync)
    r = run("update", "2-4-1", "--note", "x", "--date", "2018-10-15", "-f", path)
    assert r.exit_code == 4
    assert "被其他程序修改" in r.stderr
    assert path.read_bytes() == saved
    assert sorted(p.name for p in tmp_path.iterdir()) == [".tasks.yaml.lock", "tasks.yaml"]


def test_a_failed_write_of_the_ledger_leaves_no_temporary_file(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "tasks.yaml"
    path.write_bytes(LEDGER.read_bytes())

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    r = run("update", "2-4-1", "--note", "x", "--date", "2018-10-15", "-f", path)
    assert r.exit_code == 4
    assert "No space left on device" in r.stderr
    assert path.read_bytes() == LEDGER.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == [".tasks.yaml.lock", "tasks.yaml"]


def test_when_the_other_writers_file_cannot_be_put_back_it_is_kept_and_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "tasks.yaml"
    path.write_bytes(COMMENTED.read_bytes())
    saved = COMMENTED.read_bytes() + b"# the editor's save\n"
    real_exchange = safewrite.exchange
    calls: list[int] = []

    def exchange(a: str, b: str) -> bool:
        calls.append(1)
        if len(calls) == 1:
            path.write_bytes(saved)  # lands just before the switch
            return real_exchange(a, b)
        raise OSError(5, "Input/output error")  # and the switch back fails

    if not _can_exchange(tmp_path):
        pytest.skip("this system or file system has no atomic exchange (renameat2)")
    monkeypatch.setattr(safewrite, "exchange", exchange)
    with pytest.raises(safewrite.Displaced) as info, safewrite.locked(path) as snap:
        safewrite.replace(snap, COMMENTED.read_bytes() + b"# gongkai\n")
    kept = Path(info.value.args_map["kept"])
    assert kept.read_bytes() == saved
    assert info.value.exit_code == 4
    # Under a name the next writer's cleanup of temporary files leaves alone.
    assert kept.name.startswith("tasks.yaml.kept-") and not safewrite.temp_pattern(path).fullmatch(kept.name)
    monkeypatch.undo()
    with safewrite.locked(path) as snap:
        safewrite.replace(snap, snap.data + b"# next\n")
    assert kept.read_bytes() == saved
