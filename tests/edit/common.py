"""Shared constants of the edit tests: the golden outputs and the byte variants of a ledger."""

from __future__ import annotations

import codecs
from pathlib import Path

GOLDEN = Path(__file__).resolve().parent / "golden"

VARIANTS = ("lf", "crlf", "bom", "crlf-bom")


def variant_bytes(source: Path, variant: str) -> bytes:
    """The source ledger with CRLF line endings and/or a UTF-8 BOM."""
    data = source.read_bytes()
    assert b"\r" not in data
    if "crlf" in variant:
        data = data.replace(b"\n", b"\r\n")
    if "bom" in variant:
        data = codecs.BOM_UTF8 + data
    return data
