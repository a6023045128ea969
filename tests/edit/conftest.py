"""Fixtures of the edit tests: ledgers copied to a temporary folder, in every byte variant."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from ..support import LEDGER
from .common import variant_bytes


@pytest.fixture
def ledger_copy(tmp_path: Path) -> Callable[..., Path]:
    """``ledger_copy(source, variant="lf", name=None)`` -> a writable copy in tmp_path."""

    def make(source: Path = LEDGER, variant: str = "lf", name: str | None = None) -> Path:
        target = tmp_path / (name or source.name)
        target.write_bytes(variant_bytes(source, variant))
        return target

    return make
