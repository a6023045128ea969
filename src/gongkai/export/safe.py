"""Untrusted text (unit names, notes) on its way into spreadsheets and file names.

Unit names and notes are typed by people. A cell that starts with ``=`` is a formula to
Excel and LibreOffice (and ``+``, ``-``, ``@``, a tab or a carriage return can start one
too), and a unit called ``../../etc/passwd`` or ``CON`` must not decide where a file goes.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def neutralise(value: str) -> str:
    """Text that a spreadsheet shows as it is, never as a formula (OWASP: prefix a quote)."""
    if value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


# Excel splits a CSV on the list separator of the reader's locale: a comma, a semicolon (most
# of Europe) or a tab. Whatever follows one of them starts a cell of its own there.
_AFTER_DELIMITER = re.compile(r"([,;\t][ ]*)(?=[=+\-@＝＋－＠])")


def neutralise_cell(value: str) -> str:
    """A CSV cell that no spreadsheet runs, whichever delimiter it splits on, with controls shown."""
    from ..render.terminal import visible

    return neutralise(_AFTER_DELIMITER.sub("\\1'", visible(value)))


# Windows refuses these as file names whatever the extension (CON.xlsx is still CON).
_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"} | {f"{p}{i}" for p in ("COM", "LPT") for i in [*range(10), "¹", "²", "³"]}
_BAD_CHARS = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
# Linux allows 255 bytes per name; leave room for a hash and an extension.
_MAX_STEM_BYTES = 120


def safe_stem(name: str) -> str:
    """A file-name stem that is valid on Windows and Linux and contains no path separator."""
    stem = unicodedata.normalize("NFC", name)
    stem = _BAD_CHARS.sub("_", stem)
    stem = "".join(ch if unicodedata.category(ch) not in ("Cc", "Cf", "Zl", "Zp") else "_" for ch in stem)
    stem = stem.strip(" .")  # Windows drops trailing dots and spaces; leading dots hide files
    if not stem:
        stem = "_"
    if stem.split(".")[0].upper() in _RESERVED:
        stem = "_" + stem
    raw = stem.encode("utf-8")
    if len(raw) > _MAX_STEM_BYTES:
        digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]
        stem = raw[: _MAX_STEM_BYTES - 9].decode("utf-8", errors="ignore").rstrip(" .") + "-" + digest
    return stem


def unit_files(names: list[str], directory: Path, suffix: str) -> dict[str, Path]:
    """One distinct, safe path inside ``directory`` per name (``suffix`` like ``.xlsx``).

    Names that clean up to the same stem (``a/b`` and ``a\\b``), or that differ only in
    case (Windows and macOS file systems do not tell them apart), get a short hash; a name that
    happens to equal such a hashed stem (``a_b-1234abcd``) gets a number too, so that no two
    units ever share a file.
    """
    stems = {name: safe_stem(name) for name in names}
    seen: dict[str, int] = {}
    for stem in stems.values():
        seen[stem.casefold()] = seen.get(stem.casefold(), 0) + 1
    # Stems that are unique stay as they are; every other name must avoid them.
    taken = {stem.casefold() for stem in stems.values() if seen[stem.casefold()] == 1}
    root = directory.resolve()
    out: dict[str, Path] = {}
    for name, stem in stems.items():
        if seen[stem.casefold()] > 1:
            base = f"{stem}-{hashlib.sha256(name.encode('utf-8')).hexdigest()[:8]}"
            stem, n = base, 1
            while stem.casefold() in taken:
                n += 1
                stem = f"{base}-{n}"
            taken.add(stem.casefold())
        path = root / f"{stem}{suffix}"
        # The stem has no separator and is not "." or "..", so this cannot fail; keep the guard anyway.
        if path.parent != root:
            raise ValueError(f"unsafe file name for unit {name!r}")
        out[name] = path
    return out
