"""The database export's tables as Parquet files, for columnar engines (DuckDB, Spark, a warehouse).

``-o DIR`` gets one file per table of docs/sql.md (``plans.parquet``, ``tasks.parquet``, …) and one
per view (``lights.parquet``, ``unit_counts.parquet``), built from the same in-memory database as
``--format sqlite``, so the two exports cannot differ. Dates become Parquet dates and booleans
booleans. pyarrow is an optional extra (``pip install 'gongkai[parquet]'``).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..safewrite import write_file
from .rows import Sheet
from .sqlite import TABLES, VIEWS, build, sheet_plan

# How each declared SQLite type becomes an Arrow type; view columns computed by COUNT have none.
_ARROW_TYPES = {"TEXT": "string", "INTEGER": "int64", "DATE": "date32", "BOOLEAN": "bool_", "": "int64"}


def write(sheet: Sheet, path: Path) -> None:
    write_plans([sheet], path)


def write_plans(sheets: list[Sheet], path: Path) -> None:
    """The tables of every plan (a workspace's), one file per table, as ``--format sqlite`` holds them."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise UsageError("sql.err.parquet_missing") from None
    plans = [sheet_plan(sheet) for sheet in sheets]
    if path.exists() and not path.is_dir():
        raise UsageError("sql.err.parquet_target", path=str(path))
    path.mkdir(parents=True, exist_ok=True)
    conn = build(plans)
    try:
        for name in [*(t.name for t in TABLES), *VIEWS]:
            types = _declared_types(conn, name)
            rows = conn.execute(f"SELECT {', '.join(types)} FROM {name}").fetchall()
            columns = list(zip(*rows, strict=True)) if rows else [() for _ in types]
            arrays = [pa.array(_values(values, typ), type=getattr(pa, _ARROW_TYPES[typ])()) for values, typ in zip(columns, types.values(), strict=True)]
            table = pa.Table.from_arrays(arrays, names=list(types))
            sink = pa.BufferOutputStream()
            pq.write_table(table, sink)
            write_file(path / f"{name}.parquet", sink.getvalue().to_pybytes())
    finally:
        conn.close()


def _declared_types(conn: sqlite3.Connection, name: str) -> dict[str, str]:
    return {row[1]: row[2].upper() for row in conn.execute(f"PRAGMA table_info({name})")}


def _values(values: tuple[Any, ...], typ: str) -> list[Any]:
    if typ == "DATE":
        return [dt.date.fromisoformat(v) if v is not None else None for v in values]
    if typ == "BOOLEAN":
        return [bool(v) if v is not None else None for v in values]
    return list(values)
