"""The exports open in engines that scale past one machine: DuckDB reads the sqlite file and the Parquet files."""

from __future__ import annotations

import datetime as dt
import sqlite3
import sys
from pathlib import Path

import duckdb
import duckdb_extension_sqlite_scanner
import pytest

from gongkai.export.sqlite import TABLES, VIEWS

from ..support import Run
from .common import AS_OF, LEDGERS


def _duckdb() -> duckdb.DuckDBPyConnection:
    # Never download an extension: load the sqlite scanner from its wheel.
    conn = duckdb.connect(config={"autoinstall_known_extensions": False, "autoload_known_extensions": False})
    wheel = Path(duckdb_extension_sqlite_scanner.__file__).parent / "extensions" / f"v{duckdb.__version__}"
    conn.execute(f"LOAD '{wheel / 'sqlite_scanner.duckdb_extension'}'")
    return conn


def test_duckdb_reads_every_table_of_the_sqlite_export(city_db: Path, city: sqlite3.Connection) -> None:
    conn = _duckdb()
    conn.execute(f"ATTACH '{city_db}' AS city (TYPE sqlite, READ_ONLY)")
    for table in TABLES:
        got = conn.execute(f"SELECT COUNT(*) FROM city.{table.name}").fetchone()
        assert got == city.execute(f"SELECT COUNT(*) FROM {table.name}").fetchone(), table.name
    for view in VIEWS:
        got = sorted(map(repr, conn.execute(f"SELECT * FROM city.{view}").fetchall()))
        assert got == sorted(repr(tuple(_typed(v) for v in row)) for row in city.execute(f"SELECT * FROM {view}")), view
    types = dict(conn.execute("SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM city.obligations)").fetchall())
    assert types["due"] == "DATE"  # declared DATE in the schema, so engines read dates, not text
    # A question across bureaus, answered by DuckDB's own engine over the sqlite file.
    overdue = conn.execute(
        """SELECT tu.issuer, tu.unit, COUNT(*) AS n
           FROM city.obligations o JOIN city.task_units tu USING (issuer, plan_id, task_id)
           WHERE o.overdue = 1 AND tu.role = 'lead'
           GROUP BY ALL ORDER BY n DESC, tu.issuer, tu.unit"""
    ).fetchall()
    # 宣传科 of the forestry bureau is late in both of its plans; the transport bureau's 宣传科 is another unit.
    assert overdue == [("示例市林业局", "宣传科", 2), ("示例市交通局", "办公室", 1), ("示例市林业局", "信息中心", 1)]


def test_duckdb_answers_the_portable_doc_questions_as_sqlite_does(city_db: Path, city: sqlite3.Connection) -> None:
    from .test_doc_queries import _examples

    conn = _duckdb()
    conn.execute(f"ATTACH '{city_db}' AS city (TYPE sqlite, READ_ONLY)")
    conn.execute("USE city")
    portable = [(heading, sql) for heading, sql, *_ in _examples() if not heading.startswith(("7.", "8."))]
    assert len(portable) == 8
    for heading, sql in portable:
        as_text = [[None if v is None else str(v) for v in row] for row in conn.execute(sql).fetchall()]
        assert as_text == [[None if v is None else str(v) for v in row] for row in city.execute(sql)], heading


def test_parquet_export_holds_the_same_rows_as_sqlite(run: Run, city_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "parquet"
    result = run("export", "--format", "parquet", "-o", out, "--file", LEDGERS[0], "--as-of", AS_OF)
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{name}.parquet" for name in [*(t.name for t in TABLES), *VIEWS])
    conn = duckdb.connect()
    lite = sqlite3.connect(city_db)
    try:
        for name in [*(t.name for t in TABLES), *VIEWS]:
            from_parquet = conn.execute(f"SELECT * FROM '{out / name}.parquet' ORDER BY ALL").fetchall()
            from_sqlite = lite.execute(f"SELECT * FROM {name} WHERE issuer = '示例市林业局' AND plan_id = 'gongkai-2018'").fetchall()
            assert from_parquet == sorted(tuple(_typed(v) for v in row) for row in from_sqlite), name
        types = dict(conn.execute(f"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM '{out}/obligations.parquet')").fetchall())
        assert types["due"] == "DATE" and types["overdue"] == "BOOLEAN" and types["days_late"] == "BIGINT"
    finally:
        lite.close()


def _typed(value: object) -> object:
    """sqlite's ISO date text as a date, as Parquet holds it (booleans compare equal to 0/1)."""
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        return dt.date.fromisoformat(value)
    return value


def test_parquet_without_pyarrow_says_how_to_install_it(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    result = run("export", "--format", "parquet", "-o", tmp_path / "out", "--file", LEDGERS[0], "--as-of", AS_OF)
    assert result.exit_code == 3
    assert "pip install 'gongkai[parquet]'" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_parquet_refuses_a_file_as_its_folder(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "out.parquet"
    target.write_bytes(b"keep me")
    result = run("export", "--format", "parquet", "-o", target, "--file", LEDGERS[0], "--as-of", AS_OF, "--lang", "en")
    assert result.exit_code == 3
    assert "is not a folder" in result.stderr
    assert target.read_bytes() == b"keep me"
