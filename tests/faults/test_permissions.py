"""Writing as someone else: only who may write the ledger changes it, and nobody takes it over.

These run a change in a forked child that has become another user (``nobody``), which needs
root. The child cannot read the Python installation under /root, so everything it needs is
imported before the fork.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import pwd
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from gongkai import edit, safewrite
from gongkai.errors import GongkaiError

from ..support import LEDGER

pytestmark = pytest.mark.skipif(
    not hasattr(os, "fork") or not hasattr(os, "geteuid") or os.geteuid() != 0,
    reason="acting as another user needs root (os.setuid in a forked child); run the suite as root to include these",
)

OTHER_GROUP = 4242  # a group the file's owner is not in, given to the child


def _nobody() -> int:
    try:
        return pwd.getpwnam("nobody").pw_uid
    except KeyError:
        pytest.skip("this machine has no user 'nobody' to act as")


@pytest.fixture
def shared() -> Iterator[Path]:
    """A folder everyone may write, as a shared project folder is; pytest's own is root's only."""
    folder = Path(tempfile.mkdtemp(prefix="gongkai-perm-"))
    os.chmod(folder, 0o777)
    # Everything the child will need, imported now, while the installation is readable.
    probe = folder / "probe.yaml"
    probe.write_bytes(LEDGER.read_bytes())
    edit.change(probe, _update("x"), dry_run=True)
    a, b = folder / "a", folder / "b"
    a.touch()
    b.touch()
    safewrite.exchange(str(a), str(b))
    for name in ("probe.yaml", "a", "b"):
        (folder / name).unlink()
    yield folder
    shutil.rmtree(folder)


def _update(note: str) -> edit.Build:
    return edit.update_changes("2-4-1", status=None, note=note, evidence=[], by=None, date=dt.date(2018, 12, 1))


def _as_other_user(uid: int, groups: list[int], work: Callable[[], None]) -> tuple[int, str]:
    """Run ``work`` as ``uid`` in a forked child: its exit code (as the CLI would give) and error key."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code, said = 0, ""
        try:
            os.close(read_end)
            os.setgroups(groups)
            os.setgid(groups[0] if groups else uid)
            os.setuid(uid)
            work()
        except GongkaiError as exc:
            code, said = int(exc.exit_code), exc.key
        except BaseException as exc:
            code, said = 99, repr(exc)
        finally:
            os.write(write_end, said.encode())
            os._exit(code)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as fh:
        said = fh.read().decode()
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), said


def _ledger(folder: Path, mode: int, uid: int = 0, gid: int = 0) -> Path:
    path = folder / "tasks.yaml"
    path.write_bytes(LEDGER.read_bytes())
    os.chown(path, uid, gid)
    os.chmod(path, mode)
    return path


def test_a_user_who_may_not_write_the_ledger_is_refused_and_takes_nothing_over(shared: Path) -> None:
    path = _ledger(shared, 0o644)
    code, key = _as_other_user(_nobody(), [_nobody()], lambda: edit.change(path, _update("夺取")) and None)
    assert (code, key) == (4, "err.edit.read_only")
    st = path.stat()
    assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (0, 0, 0o644)
    assert path.read_bytes() == LEDGER.read_bytes()
    assert sorted(p.name for p in shared.iterdir()) == ["tasks.yaml"]  # not even a lock file


def test_a_group_writer_who_cannot_keep_the_owner_is_refused(shared: Path) -> None:
    path = _ledger(shared, 0o664, uid=0, gid=OTHER_GROUP)
    code, key = _as_other_user(_nobody(), [OTHER_GROUP], lambda: edit.change(path, _update("组员")) and None)
    assert (code, key) == (4, "err.edit.owner")
    st = path.stat()
    assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (0, OTHER_GROUP, 0o664)
    assert path.read_bytes() == LEDGER.read_bytes()
    assert not [p for p in shared.iterdir() if p.name.endswith(safewrite.TEMP_SUFFIX)]


def test_root_changing_another_users_ledger_keeps_its_owner_and_mode(shared: Path) -> None:
    nobody = _nobody()
    path = _ledger(shared, 0o640, uid=nobody, gid=OTHER_GROUP)
    edit.change(path, _update("代为登记"))
    st = path.stat()
    assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (nobody, OTHER_GROUP, 0o640)
    assert "代为登记" in path.read_text(encoding="utf-8")


def test_a_reader_locking_the_ledger_cannot_stall_a_writer(shared: Path) -> None:
    path = _ledger(shared, 0o644)
    with safewrite.locked(path):
        pass  # the lock file exists, as after any earlier change
    ready_r, ready_w = os.pipe()
    done_r, done_w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child, as nobody: lock what it can, then wait until the parent is done
        code = 0
        try:
            os.setgroups([])
            os.setgid(_nobody())
            os.setuid(_nobody())
            fd = os.open(path, os.O_RDONLY)
            fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                os.open(safewrite.lock_path(path), os.O_RDONLY)
                code = 1  # it could open the lock file: that is the defect
            except PermissionError:
                pass
            os.write(ready_w, b"x")
            os.read(done_r, 1)
        except BaseException:
            code = 2
        finally:
            os._exit(code)
    try:
        assert os.read(ready_r, 1) == b"x"
        outcome = edit.change(path, _update("不受阻塞"))
        assert outcome.written
    finally:
        os.write(done_w, b"x")
        _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
