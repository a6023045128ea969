"""Writing files without ever losing one: a lock, a conflict check, an atomic switch.

The ledger: ``locked(path)`` takes the write lock and reads the file; ``replace(snapshot, data)``
refuses unless the file on disk is still the one read, writes a temporary file in the same
folder (flushed, fsynced, with the original's owner and mode) and switches it in.

* **The lock** is an ``flock`` on a separate lock file beside the ledger, ``.NAME.lock``. It is
  created by the first writer with the ledger's write permissions as its read-write permissions
  (a 0644 ledger gets a 0600 lock, a 0664 one a 0660 lock), so only those who may write the
  ledger can open it, let alone hold it. It is left in place: removing it would let two writers
  lock two different files. Where ``fcntl`` is missing (Windows) there is no lock and the
  conflict check alone stands between two writers.
* **The conflict check** compares the bytes and the identity (inode, size, mtime_ns) read under
  the lock with what is on disk, once before writing and again immediately before the switch.
* **The switch** is an atomic exchange (``renameat2(RENAME_EXCHANGE)`` on Linux): afterwards the
  displaced file must be exactly the one read; if an editor saved in between, the exchange is
  undone and the change refused, the editor's file back in place. Elsewhere it is a rename,
  right after the last check.
* **Permissions**: the file must be writable by this user (``os.access``), and its owner and
  group must carry over to the new file (``fchown``); otherwise the change is refused. The mode
  is copied; nothing changes a file's owner or mode.

``write_file`` writes whole files that gongkai makes from nothing (an imported draft, exports),
and ``write_stream`` what is written as it is made (the cache's entries and memos, not synced):
a temporary file, fsync, rename; the umask is respected and no temporary file is left.

Temporary files are named ``.NAME.XXXXXXXX.gongkai-tmp`` (the ledger) and
``.NAME.XXXXXXXX.gongkai-part`` (``write_file``), where ``XXXXXXXX`` is ``mkstemp``'s random
part. A ledger writer holding the lock removes leftovers of killed writers of *that* ledger,
matching exactly that pattern and nothing else.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from . import yamlio
from .errors import ChangeRefused

TYPE_CHECKING = False  # not from typing: importing it is a noticeable part of an edit
if TYPE_CHECKING:
    from typing import BinaryIO

try:
    import fcntl
except ImportError:  # pragma: no cover - not on Linux
    fcntl = None  # type: ignore[assignment]

LOCK_TIMEOUT_S = 30.0
TEMP_SUFFIX = ".gongkai-tmp"
PART_SUFFIX = ".gongkai-part"
# mkstemp's random part: eight characters of this alphabet.
_RANDOM = "[a-z0-9_]{8}"


@dataclass(frozen=True)
class Identity:
    """Which file a path named, and in what state: a save by anyone changes at least one field
    (or, within the file system's timestamp granularity, only the bytes)."""

    dev: int
    ino: int
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, st: os.stat_result) -> Identity:
        return cls(st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


@dataclass(frozen=True)
class Snapshot:
    """The ledger as read under the lock: its real path (symlinks resolved), bytes and identity."""

    path: Path
    data: bytes
    locked: bool = False
    identity: Identity | None = None


def lock_path(real: Path) -> Path:
    return real.parent / f".{real.name}.lock"


@contextlib.contextmanager
def locked(path: Path, *, lock: bool = True, timeout: float = LOCK_TIMEOUT_S) -> Iterator[Snapshot]:
    """Hold the ledger's write lock (unless ``lock`` is false) and yield what it holds now."""
    real = Path(os.path.realpath(path))
    if not lock or fcntl is None:
        data, ident = _read(real)
        yield Snapshot(real, data, identity=ident)
        return
    try:
        st = os.stat(real)
    except OSError:
        yamlio.read_bytes(real)  # a missing or unreadable ledger is reported as such, not as a lock problem
        raise
    check_writable(real, st)  # who may not write the ledger gets no lock (and makes no lock file)
    fd = _acquire(real, timeout)
    try:
        data, ident = _read(real)
        yield Snapshot(real, data, locked=True, identity=ident)
    finally:
        os.close(fd)  # closing the descriptor releases the flock


def _read(real: Path) -> tuple[bytes, Identity]:
    """The bytes and the identity of the file they were read from (read again while it changes under us)."""
    for _ in range(20):
        try:
            before = Identity.of(os.stat(real))
        except OSError:
            before = None
        data = yamlio.read_bytes(real)  # raises the located, translated UnreadableError
        try:
            after = Identity.of(os.stat(real))
        except OSError:
            continue
        if before == after and after.size == len(data):
            return data, after
    raise ChangeRefused("err.edit.conflict", path=str(real))


def _acquire(real: Path, timeout: float) -> int:
    assert fcntl is not None
    target = lock_path(real)
    deadline = time.monotonic() + timeout
    delay = 0.002
    while True:
        fd = _open_lock(real, target)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            if time.monotonic() > deadline:
                raise ChangeRefused("err.edit.locked", path=str(real), lock=str(target), seconds=int(timeout)) from None
            time.sleep(delay)
            delay = min(delay * 2, 0.05)
            continue
        # Someone removed the lock file while we waited: lock the one now in its place.
        try:
            same = os.path.samestat(os.fstat(fd), os.lstat(target))
        except FileNotFoundError:
            same = False
        if same:
            return fd
        os.close(fd)


def _open_lock(real: Path, target: Path) -> int:
    flags = os.O_RDWR | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(target, flags | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        try:
            fd = os.open(target, flags)
        except FileNotFoundError:
            return _open_lock(real, target)
        except OSError as exc:
            raise ChangeRefused("err.edit.lock_failed", path=str(real), lock=str(target), detail=_why(exc)) from None
    except OSError as exc:
        raise ChangeRefused("err.edit.lock_failed", path=str(real), lock=str(target), detail=_why(exc)) from None
    else:
        _share_lock_like(fd, real)
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise ChangeRefused("err.edit.lock_failed", path=str(real), lock=str(target), detail="not a regular file")
    return fd


def _share_lock_like(fd: int, real: Path) -> None:
    """A new lock file: read-write for exactly those classes that may write the ledger."""
    try:
        st = os.stat(real)
    except OSError:
        return
    mode = 0
    for write_bit, rw in ((stat.S_IWUSR, 0o600), (stat.S_IWGRP, 0o060), (stat.S_IWOTH, 0o006)):
        if st.st_mode & write_bit:
            mode |= rw
    with contextlib.suppress(OSError):
        os.fchmod(fd, mode or 0o600)
    if hasattr(os, "fchown"):
        with contextlib.suppress(OSError):
            os.fchown(fd, -1, st.st_gid)


def replace(snapshot: Snapshot, data: bytes) -> None:
    """Atomically replace the file with ``data``, unless it changed since ``snapshot`` was read."""
    path = snapshot.path
    spath = str(path)
    st = _unchanged_since(snapshot)
    check_writable(path, st)
    folder = path.parent
    if snapshot.locked:
        remove_stale_temps(path)
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=TEMP_SUFFIX)
    except OSError as exc:
        raise ChangeRefused("err.edit.write_failed", path=spath, detail=_why(exc)) from None
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
            _keep_owner(out.fileno(), st, spath)
            _set_mode(out.fileno(), tmp, stat.S_IMODE(st.st_mode))
        _switch(tmp, snapshot)
    except Displaced:
        raise  # ``tmp`` holds the other writer's file now: keep it
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise ChangeRefused("err.edit.write_failed", path=spath, detail=_why(exc)) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(folder)


def _keep_aside(tmp: str, path: Path) -> str:
    """A visible name for the other writer's file, which the temporary-file cleanup would remove."""
    random = Path(tmp).name[len(path.name) + 2 : -len(TEMP_SUFFIX)]
    target = path.with_name(f"{path.name}.kept-{random}")
    try:
        _link_new(tmp, target)
    except OSError:
        return tmp
    return str(target)


class Displaced(ChangeRefused):
    """The other writer's file could not be put back: it is kept aside, under the name the message gives."""


def check_writable(path: Path, st: os.stat_result) -> None:
    """This user may write the file (``os.access``); a file marked read-only for everyone counts even for root."""
    if not os.access(path, os.W_OK) or not st.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise ChangeRefused("err.edit.read_only", path=str(path))


def _unchanged_since(snapshot: Snapshot) -> os.stat_result:
    """The file's stat now, or ChangeRefused if it is not the file (and bytes) of the snapshot."""
    path = snapshot.path
    try:
        st = os.stat(path)
        same_bytes = _holds(path, snapshot.data)
    except OSError as exc:
        raise ChangeRefused("err.edit.conflict", path=str(path)) from exc
    same_file = snapshot.identity is None or Identity.of(st) == snapshot.identity
    if not same_file or not same_bytes:
        raise ChangeRefused("err.edit.conflict", path=str(path))
    return st


def _holds(path: Path, data: bytes) -> bool:
    """Whether the file at ``path`` holds exactly ``data``: read a piece at a time into one
    buffer and compared in place, so a large ledger is neither held twice nor copied."""
    at = 0
    piece = bytearray(1 << 20)
    view = memoryview(piece)
    with open(path, "rb", buffering=0) as fh:
        while size := fh.readinto(piece):
            if not data.startswith(view[:size], at):
                return False
            at += size
    return at == len(data)


def _keep_owner(fd: int, st: os.stat_result, spath: str) -> None:
    if not hasattr(os, "fchown"):
        return
    mine = os.fstat(fd)
    if (mine.st_uid, mine.st_gid) == (st.st_uid, st.st_gid):
        return
    try:
        os.fchown(fd, st.st_uid, st.st_gid)
    except OSError:
        raise ChangeRefused("err.edit.owner", path=spath, uid=st.st_uid, gid=st.st_gid) from None


def _switch(tmp: str, snapshot: Snapshot) -> None:
    """Put ``tmp`` in the ledger's place, unless someone saved the ledger since it was read."""
    path = snapshot.path
    _unchanged_since(snapshot)
    if not exchange(tmp, str(path)):
        os.replace(tmp, path)
        return
    # ``tmp`` now names the displaced file: it must be the snapshot's, untouched.
    try:
        displaced_ok = Identity.of(os.stat(tmp)) == snapshot.identity and _holds(Path(tmp), snapshot.data)
    except OSError:
        displaced_ok = False
    if not displaced_ok:
        try:
            back = exchange(tmp, str(path))  # the other writer's file back in its place; ours is removed by the caller
        except OSError:
            back = False
        if not back:
            raise Displaced("err.edit.conflict_kept", path=str(path), kept=_keep_aside(tmp, path))
        raise ChangeRefused("err.edit.conflict", path=str(path))
    with contextlib.suppress(OSError):
        os.unlink(tmp)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
_renameat2: object = None


def exchange(a: str, b: str) -> bool:
    """Atomically swap two paths; False where the system or file system cannot (then nothing happened)."""
    global _renameat2
    if _renameat2 is None:
        _renameat2 = _find_renameat2()
    if _renameat2 is False:
        return False
    import ctypes

    rc = _renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)  # type: ignore[operator]
    if rc == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err))


def _find_renameat2() -> object:
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return False
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    fn.restype = ctypes.c_int
    return fn


def write_file(path: Path, data: bytes, *, mode: int | None = None, exclusive: bool = False) -> None:
    """Write a whole file atomically: a temporary file in the same folder, then a rename.

    For files gongkai writes from nothing (an imported draft, exports). A reader sees
    the old file or the new one. A new file gets ``mode`` or what the umask allows (0666 less
    the umask); a file that exists keeps its mode. ``exclusive`` never replaces a file: if one
    appeared meanwhile, ``FileExistsError``. On failure the temporary file is removed, the old
    file is untouched, and the ``OSError`` is raised.
    """
    write_stream(path, lambda out: out.write(data), mode=mode, exclusive=exclusive)


def write_stream(path: Path, fill: Callable[[BinaryIO], object], *, mode: int | None = None, exclusive: bool = False, durable: bool = True) -> None:
    """``write_file`` of what ``fill`` writes to the open file (which it may seek in): a large
    file need not be held whole in memory first. Not ``durable``: neither the file nor its folder
    is synced to disk (a cache entry, which a crash may cost but never corrupts unseen: a torn
    one fails its tag); a reader still sees the old file or the whole new one."""
    folder = path.parent
    try:
        keep = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        keep = None
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=PART_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as out:
            fill(out)
            out.flush()
            if durable:
                os.fsync(out.fileno())
            _set_mode(out.fileno(), tmp, mode if mode is not None else keep if keep is not None else 0o666 & ~_umask())
        if exclusive:
            _link_new(tmp, path)
        else:
            os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if durable:
        _fsync_dir(folder)


def _link_new(tmp: str, path: Path) -> None:
    """Give ``tmp`` the name ``path`` only if nothing has it (a hard link fails where a rename would replace)."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links: check, then rename
        if os.path.lexists(path):
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path)) from None
        os.replace(tmp, path)
        return
    os.unlink(tmp)


def _set_mode(fd: int, name: str, mode: int) -> None:
    if hasattr(os, "fchmod"):
        os.fchmod(fd, mode)
    else:  # pragma: no cover - Windows before Python 3.13
        os.chmod(name, mode)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def temp_pattern(path: Path) -> re.Pattern[str]:
    """The exact names of the ledger writer's temporary files for ``path``."""
    return re.compile(rf"\.{re.escape(path.name)}\.{_RANDOM}{re.escape(TEMP_SUFFIX)}")


def remove_stale_temps(path: Path) -> None:
    """Temporary files of writers of this ledger that were killed; while we hold the lock no live one has any."""
    pattern = temp_pattern(path)
    try:
        names = os.listdir(path.parent)
    except OSError:
        return
    for name in names:
        if pattern.fullmatch(name):
            with contextlib.suppress(OSError):
                os.unlink(path.parent / name)


def _why(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable; not every platform can open a folder."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
