"""Shared paths of the SQL tests: the three plans of docs/sql.md's example database, and how it is built."""

from __future__ import annotations

from pathlib import Path

from ..support import Run

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
# In the order they are exported: the first creates the database, the others are appended.
LEDGERS = [FIXTURES / "forestry.yaml", FIXTURES / "forestry-safety.yaml", FIXTURES / "transport.yaml"]
AS_OF = "2018-12-10"


def export_city(run: Run, db: Path, *, as_of: str = AS_OF) -> None:
    for i, ledger in enumerate(LEDGERS):
        extra = ["--append"] if i else []
        result = run("export", "--format", "sqlite", "-o", db, "--file", ledger, "--as-of", as_of, *extra)
        assert result.exit_code == 0, result.stderr
