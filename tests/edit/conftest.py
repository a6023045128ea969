"""Fixtures of the edit tests: ledgers copied to a temporary folder, in every byte variant."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REAL = HERE.parents[1] / "tasks.yaml"
COMMENTED = HERE / "fixtures" / "commented.yaml"
GOLDEN = HERE / "golden"

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


@pytest.fixture
def ledger_copy(tmp_path: Path):  # type: ignore[no-untyped-def]
    """``ledger_copy(source, variant="lf", name=None)`` -> a writable copy in tmp_path."""

    def make(source: Path = REAL, variant: str = "lf", name: str | None = None) -> Path:
        target = tmp_path / (name or source.name)
        target.write_bytes(variant_bytes(source, variant))
        return target

    return make
