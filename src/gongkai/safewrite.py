"""Writing the ledger back without ever losing it: lock, conflict check, atomic replace.

``locked(path)`` takes an exclusive lock and reads the file; ``replace(snapshot, data)``
refuses if the bytes on disk are no longer the ones read, then writes a temporary file in
the same folder (flushed and fsynced, with the original's permissions) and renames it over
the original. A reader therefore sees the old file or the new one, never a mix.

The lock is an ``flock`` on the ledger itself, not on a sidecar file, so nothing is left
lying around. Because the rename gives the path a new inode, a process that waited on the
old inode notices and locks the new one. Where ``fcntl`` is missing (Windows) there is no
lock and the conflict check alone stands between two writers.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from . import yamlio
from .errors import ChangeRefused

try:
    import fcntl
except ImportError:  # pragma: no cover - not on Linux
    fcntl = None  # type: ignore[assignment]

LOCK_TIMEOUT_S = 30.0
TEMP_SUFFIX = ".gongkai-tmp"


@dataclass(frozen=True)
class Snapshot:
    """The ledger as read under the lock: its real path (symlinks resolved) and its bytes."""

    path: Path
    data: bytes
    locked: bool = False


@contextlib.contextmanager
def locked(path: Path, *, lock: bool = True, timeout: float = LOCK_TIMEOUT_S) -> Iterator[Snapshot]:
    """Hold the ledger's write lock (unless ``lock`` is false) and yield what it holds now."""
    real = Path(os.path.realpath(path))
    if not lock or fcntl is None:
        yield Snapshot(real, yamlio.read_bytes(real))
        return
    fd = _acquire(real, timeout)
    try:
        yield Snapshot(real, yamlio.read_bytes(real), locked=True)
    finally:
        os.close(fd)  # closing the descriptor releases the flock


def _acquire(real: Path, timeout: float) -> int:
    assert fcntl is not None
    deadline = time.monotonic() + timeout
    delay = 0.002
    while True:
        try:
            fd = os.open(real, os.O_RDONLY)
        except OSError:
            yamlio.read_bytes(real)  # raises the located, translated UnreadableError
            raise
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            if time.monotonic() > deadline:
                raise ChangeRefused("err.edit.locked", path=str(real), seconds=int(timeout)) from None
            time.sleep(delay)
            delay = min(delay * 2, 0.05)
            continue
        # The holder we waited for may have renamed a new file over the path: lock that one.
        try:
            same = os.path.samestat(os.fstat(fd), os.stat(real))
        except FileNotFoundError:
            same = False
        if same:
            return fd
        os.close(fd)


def replace(snapshot: Snapshot, data: bytes) -> None:
    """Atomically replace the file with ``data``, unless it changed since ``snapshot`` was read."""
    path = snapshot.path
    spath = str(path)
    try:
        current = path.read_bytes()
        st = os.stat(path)
    except OSError as exc:
        raise ChangeRefused("err.edit.conflict", path=spath) from exc
    if current != snapshot.data:
        raise ChangeRefused("err.edit.conflict", path=spath)
    if not st.st_mode & stat.S_IWUSR:
        raise ChangeRefused("err.edit.read_only", path=spath)
    folder = path.parent
    if snapshot.locked:
        _remove_stale_temps(path)
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=TEMP_SUFFIX)
    except OSError as exc:
        raise ChangeRefused("err.edit.write_failed", path=spath, detail=exc.strerror or str(exc)) from None
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
            if hasattr(os, "fchown"):  # keep the owner where we may (root, or same user)
                with contextlib.suppress(OSError):
                    os.fchown(out.fileno(), st.st_uid, st.st_gid)
        os.chmod(tmp, stat.S_IMODE(st.st_mode))
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise ChangeRefused("err.edit.write_failed", path=spath, detail=exc.strerror or str(exc)) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(folder)


def write_file(path: Path, data: bytes, *, mode: int | None = None) -> None:
    """Write a whole file atomically: a temporary file in the same folder, then a rename.

    For files gongkai writes from nothing (the cache, an imported draft, exports). A reader sees
    the old file or the new one. A new file gets ``mode`` or what the umask allows (0666 less
    the umask); a file that exists keeps its mode. On failure the temporary file is removed, the
    old file is untouched, and the ``OSError`` is raised.
    """
    folder = path.parent
    try:
        keep = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        keep = None
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=TEMP_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, mode if mode is not None else keep if keep is not None else 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(folder)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _remove_stale_temps(path: Path) -> None:
    """Temporary files of writers that were killed; while we hold the lock no live writer has one."""
    for stale in path.parent.glob(f".{glob_escape(path.name)}.*{TEMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            stale.unlink()


def glob_escape(name: str) -> str:
    return "".join(f"[{ch}]" if ch in "*?[" else ch for ch in name)


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
