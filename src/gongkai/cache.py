"""A cache of validated ledgers, keyed by the exact bytes of the file.

A hit skips YAML parsing and the semantic rules: the cached JSON was produced from a
ledger that had no errors, and pydantic re-validates it on the way in. Set
``GONGKAI_NO_CACHE=1`` to bypass it, ``GONGKAI_CACHE_DIR`` to move it. Any failure to
read or write the cache is ignored: the cache can only make things faster.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from . import __version__
from .models import Ledger

_FORMAT = "1"


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
    digest.update(f"\0{__version__}\0{_FORMAT}".encode())
    return digest.hexdigest()


def get(key: str) -> Ledger | None:
    folder = _dir()
    if folder is None:
        return None
    try:
        data = (folder / f"{key}.json").read_bytes()
        return Ledger.model_validate_json(data)
    except Exception:  # a missing, stale or damaged entry is just a miss
        return None


def put(key: str, ledger: Ledger) -> None:
    folder = _dir()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".json")
        with os.fdopen(fd, "wb") as fh:
            fh.write(ledger.model_dump_json(exclude_defaults=True).encode())
        os.replace(tmp, folder / f"{key}.json")
    except OSError:
        pass
