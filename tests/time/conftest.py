"""Fixtures for the ledger through time."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.loader import load_ledger
from gongkai.models import Ledger

HERE = Path(__file__).resolve().parent
YEAR = HERE / "fixtures" / "year.yaml"


@pytest.fixture(scope="module")
def year() -> Ledger:
    return load_ledger(YEAR, use_cache=False)
