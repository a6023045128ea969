"""Safety of writing: two processes updating at once, and writers killed at random points."""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from gongkai import edit, yamlio
from gongkai.loader import validate_text

from ..support import LEDGER

WORKER = """
import sys
from gongkai.cli import main
path, tag, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
for j in range(count):
    task = "2-4-1" if j % 2 else "3-2"
    try:
        main(["update", task, "--note", f"{tag}-{j}", "--date", "2018-12-01", "-f", path])
    except SystemExit as exc:
        if exc.code:
            sys.exit(f"update {tag}-{j} failed with {exc.code}")
"""


def _notes(text: str) -> list[str]:
    data = yamlio.safe_yaml().load(text)
    return [u["note"] for t in data["tasks"] for u in t.get("updates", [])]


def test_two_processes_each_applying_50_updates_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "tasks.yaml"
    path.write_bytes(LEDGER.read_bytes())
    env = dict(os.environ, GONGKAI_CACHE_DIR=str(tmp_path / "cache"), COLUMNS="80")
    procs = [subprocess.Popen([sys.executable, "-c", WORKER, str(path), tag, "50"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for tag in ("p", "q")]
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err.decode()
    text = path.read_text(encoding="utf-8")
    assert sorted(_notes(text)) == sorted([f"{tag}-{j}" for tag in ("p", "q") for j in range(50)])
    # On each task, each process's updates are in the order it made them.
    data = yamlio.safe_yaml().load(text)
    for task_id, parity in (("3-2", 0), ("2-4-1", 1)):
        task = next(t for t in data["tasks"] if t["id"] == task_id)
        for tag in ("p", "q"):
            mine = [u["note"] for u in task["updates"] if u["note"].startswith(tag)]
            assert mine == [f"{tag}-{j}" for j in range(parity, 50, 2)]
    assert not validate_text(text, str(path)).errors
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("cache")) == [".tasks.yaml.lock", "tasks.yaml"]


# --- crash safety --------------------------------------------------------------------------------

STEPS = 6  # updates a killed writer tries to make, one after another
NOTES = [f"第{k}次" for k in range(STEPS)]


def _states(original: bytes, tmp_path: Path) -> list[bytes]:
    """The file after 0, 1, ... STEPS updates: the only contents a reader may ever see."""
    path = tmp_path / "states" / "tasks.yaml"
    path.parent.mkdir()
    path.write_bytes(original)
    states = [original]
    for note in NOTES:
        edit.change(path, _changes(note))
        states.append(path.read_bytes())
    return states


def _changes(note: str) -> edit.Build:
    return edit.update_changes("2-4-1", status=None, note=note, evidence=[], by=None, date=dt.date(2018, 12, 1))


def _writer(path: Path) -> None:
    """Child process: keep updating until killed."""
    for note in NOTES:
        edit.change(path, _changes(note))


def _run_and_kill(path: Path, delay: float | None, kill_at: tuple[str, int] | None) -> None:
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 0
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            if kill_at is not None:
                _arm(*kill_at)
            _writer(path)
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    if delay is not None:
        time.sleep(delay)  # the random kill point, not a wait for anything
        os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)


def _arm(function: str, nth: int) -> None:
    """Kill this process the ``nth`` time ``os.<function>`` is called, just before it runs."""
    real = getattr(os, function)
    calls = [0]

    def trap(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        if calls[0] == nth:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **kwargs)

    setattr(os, function, trap)


def _check(path: Path, states: list[bytes]) -> int:
    data = path.read_bytes()
    assert data in states, "the file is neither the old nor a new version: truncated or mixed"
    assert not validate_text(data.decode("utf-8"), str(path)).errors
    return states.index(data)


def test_writer_killed_at_random_moments_leaves_old_or_new_file(tmp_path: Path) -> None:
    states = _states(LEDGER.read_bytes(), tmp_path)
    path = tmp_path / "tasks.yaml"
    # How long an unkilled writer takes here and now, so the kills spread over all of it.
    path.write_bytes(states[0])
    started = time.perf_counter()
    _run_and_kill(path, None, None)
    span = time.perf_counter() - started
    assert path.read_bytes() == states[-1]
    rng = random.Random(20181231)
    for _ in range(200):
        path.write_bytes(states[0])
        _run_and_kill(path, rng.uniform(0.0, span), None)
        _check(path, states)
        for stale in tmp_path.glob(".tasks.yaml.*"):
            stale.unlink()


@pytest.mark.parametrize("function", ["fsync", "fchmod", "stat", "replace", "open", "close", "unlink"])
def test_writer_killed_at_each_step_of_a_write_leaves_old_or_new_file(function: str, tmp_path: Path) -> None:
    states = _states(LEDGER.read_bytes(), tmp_path)
    path = tmp_path / "tasks.yaml"
    for nth in range(1, 8):
        path.write_bytes(states[0])
        _run_and_kill(path, None, (function, nth))
        index = _check(path, states)
        assert index <= STEPS
    # After the killed writer, the next one cleans up and succeeds.
    edit.change(path, _changes("之后"))
    assert _notes(path.read_text(encoding="utf-8"))[-1] == "之后"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".tasks.yaml.lock", "states", "tasks.yaml"]


def test_write_file_is_atomic_respects_umask_and_leaves_no_temp(tmp_path: Path) -> None:
    import stat

    from gongkai import safewrite

    target = tmp_path / "out.csv"
    old = os.umask(0o022)
    try:
        safewrite.write_file(target, b"new")
    finally:
        os.umask(old)
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    target.chmod(0o600)
    safewrite.write_file(target, b"again")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


def test_write_file_failure_keeps_old_file_and_removes_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from gongkai import safewrite

    target = tmp_path / "out.csv"
    target.write_bytes(b"old")

    def broken(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken)
    with pytest.raises(OSError):
        safewrite.write_file(target, b"new")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]
