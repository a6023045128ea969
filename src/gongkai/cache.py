"""A cache of validated ledgers, keyed by the exact bytes of the file.

A hit skips YAML parsing, validation and the semantic rules: an entry is only written for
a ledger that had no errors, so it is stored as a pickle of the validated models and read
back without validating again (the models are ``defer_build``, so a hit never pays for
building pydantic's validators either). The key covers the file's bytes, gongkai's version
and the models' source, so a changed ledger or a changed format is a miss.

Pickles run code when loaded, so an entry is only read from a folder and a file that the
current user owns and that nobody else may write. Set ``GONGKAI_NO_CACHE=1`` to bypass the
cache, ``GONGKAI_CACHE_DIR`` to move it. Any failure to read or write it is ignored: the
cache can only make things faster.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import tempfile
from pathlib import Path

from . import __version__, models
from .models import Ledger

_FORMAT = "2"
# One entry per version of a ledger; older ones are removed as new ones are written.
KEEP = 32


def _dir() -> Path | None:
    if os.environ.get("GONGKAI_NO_CACHE"):
        return None
    explicit = os.environ.get("GONGKAI_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "gongkai"


def key_for(raw: bytes) -> str | None:
    if _dir() is None:
        return None
    digest = hashlib.sha256(raw)
    digest.update(f"\0{__version__}\0{_FORMAT}\0{_models_stamp()}".encode())
    return digest.hexdigest()


def _models_stamp() -> str:
    try:
        st = os.stat(models.__file__)
    except (OSError, TypeError):
        return "?"
    return f"{st.st_size}:{st.st_mtime_ns}"


def _private(st: os.stat_result) -> bool:
    """Owned by us and writable by nobody else (always true where there are no uids)."""
    getuid = getattr(os, "getuid", None)
    if getuid is None:
        return True
    return st.st_uid == getuid() and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def get(key: str) -> Ledger | None:
    folder = _dir()
    if folder is None:
        return None
    entry = folder / f"{key}.pickle"
    try:
        with open(entry, "rb") as fh:
            if not (_private(os.fstat(fh.fileno())) and _private(os.stat(folder))):
                return None
            ledger = pickle.load(fh)
    except Exception:  # a missing, stale or damaged entry is just a miss
        return None
    return ledger if isinstance(ledger, Ledger) else None


def put(key: str, ledger: Ledger) -> None:
    folder = _dir()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".pickle")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(ledger, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, folder / f"{key}.pickle")
        _prune(folder)
    except OSError:
        pass


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in entries[KEEP:]:
        old.unlink(missing_ok=True)
