"""The example database of docs/sql.md: three plans of two bureaus, exported as of 2018-12-10."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from gongkai.loader import load_ledger
from gongkai.models import Ledger

from ..support import Run
from .common import LEDGERS, export_city


@pytest.fixture
def city_db(run: Run, tmp_path: Path) -> Path:
    db = tmp_path / "city.db"
    export_city(run, db)
    return db


@pytest.fixture
def city(city_db: Path) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(city_db)
    yield conn
    conn.close()


@pytest.fixture(scope="session")
def ledgers() -> list[Ledger]:
    return [load_ledger(p, use_cache=False) for p in LEDGERS]
