"""Where an export goes, and the checks that keep it from destroying anything on the way.

An export never replaces the ledger it was made from, never writes a file whose name says it
is something else, and never replaces an existing file unless the user said ``--force``. The
bytes go through ``safewrite.write_file`` (a reader sees the old file or the new one), or to
standard output when the target is ``-`` and the format is text.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import UsageError

STDOUT = "-"


@dataclass(frozen=True)
class Target:
    """One output: a file, or standard output (``path`` is None)."""

    path: Path | None
    force: bool = False
    ledger: Path | None = None  # the ledger the export was made from: never overwritten by accident

    @classmethod
    def parse(cls, raw: str | Path, *, force: bool = False, ledger: Path | None = None) -> Target:
        return cls(None if str(raw) == STDOUT else Path(raw), force, ledger)

    @property
    def name(self) -> str:
        return STDOUT if self.path is None else str(self.path)


def same_file(a: Path, b: Path) -> bool:
    """True when both paths reach one file (symlinks and hard links included)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def check(target: Target, suffixes: Sequence[str], *, text: bool, what: str) -> None:
    """Refuse, before anything is computed or written, an output that would lose data.

    ``suffixes`` are the file-name endings the format writes (the first is its own); ``text``
    says whether it may go to standard output; ``what`` names the format in messages.
    """
    path = target.path
    if path is None:
        if not text:
            raise UsageError("err.out.binary_stdout", fmt=what)
        return
    if path.is_dir():
        raise UsageError("err.out.is_dir", path=str(path))
    if target.force:
        return
    if target.ledger is not None and os.path.lexists(path) and same_file(path, target.ledger):
        raise UsageError("err.out.is_ledger", path=str(path))
    if path.suffix.lower() not in suffixes:
        raise UsageError("err.out.suffix", path=str(path), fmt=what, suffix=suffixes[0])
    if os.path.lexists(path):
        raise UsageError("err.out.exists", path=str(path))


def deliver(target: Target, data: bytes) -> None:
    """Write ``data`` to the target: atomically to a file, or as it is to standard output."""
    if target.path is None:
        to_stdout(data)
        return
    write_file(target.path, data)


def write_failed(path: Path, exc: OSError) -> UsageError:
    """The one wording of a failed write: which file, and what the system said."""
    return UsageError("err.write_failed", path=str(path), detail=exc.strerror or str(exc))


def write_file(path: Path, data: bytes) -> None:
    from ..safewrite import write_file as atomic_write

    try:
        atomic_write(path, data)
    except OSError as exc:
        raise write_failed(path, exc) from None


def to_stdout(data: bytes) -> None:
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is not None:
        sys.stdout.flush()
        buffer.write(data)
        buffer.flush()
    else:  # a text stream without bytes underneath (tests, some IDE consoles)
        sys.stdout.write(data.decode("utf-8"))
