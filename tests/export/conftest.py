"""Fixtures for the export tests: the progress ledger, the real ledger, a hostile ledger."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gongkai.loader import load_ledger
from gongkai.models import Ledger

from ..support import EXPORT_PROGRESS, LEDGER
from .common import hostile_ledger_data


@pytest.fixture
def hostile_file(tmp_path: Path) -> Path:
    # JSON is YAML, and json.dumps quotes every hostile string correctly.
    path = tmp_path / "hostile.yaml"
    path.write_text(json.dumps(hostile_ledger_data(), ensure_ascii=False, indent=2), encoding="utf-8")
    return path


@pytest.fixture
def hostile(hostile_file: Path) -> Ledger:
    return load_ledger(hostile_file, use_cache=False)


@pytest.fixture(scope="session")
def progress() -> Ledger:
    return load_ledger(EXPORT_PROGRESS, use_cache=False)


@pytest.fixture(scope="session")
def real() -> Ledger:
    return load_ledger(LEDGER, use_cache=False)
