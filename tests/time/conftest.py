"""Fixtures for the ledger through time."""

from __future__ import annotations

import pytest

from gongkai.loader import load_ledger
from gongkai.models import Ledger

from .common import YEAR


@pytest.fixture(scope="module")
def year() -> Ledger:
    return load_ledger(YEAR, use_cache=False)
