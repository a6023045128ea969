"""Shared paths of the tests of the ledger through time."""

from __future__ import annotations

from pathlib import Path

YEAR = Path(__file__).resolve().parent / "fixtures" / "year.yaml"
