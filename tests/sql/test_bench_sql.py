"""bench/sql.py runs end to end on a small city (no timing is asserted: the figures are for people)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from ..support import ROOT


def test_bench_sql_builds_the_city_database_and_asks_the_doc_question(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "sql.py"), "--ledgers", "4", "--tasks", "30", "--bureaus", "2", "--runs", "1", "--processes", "1", "--keep", str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    ).stdout
    assert "| overdue by unit across bureaus (query 1) |" in out
    assert "4 ledgers x 30 tasks = 120 tasks, 2 bureaus" in out
    for name in ("city.db", "city-batch.db"):
        conn = sqlite3.connect(tmp_path / name)
        try:
            plans = conn.execute("SELECT issuer, plan_id FROM plans ORDER BY issuer, plan_id").fetchall()
            tasks = conn.execute("SELECT COUNT(*) FROM tasks").fetchone()
        finally:
            conn.close()
        assert plans == [("某市第1局", "plan-001"), ("某市第1局", "plan-002"), ("某市第2局", "plan-001"), ("某市第2局", "plan-002")]
        assert tasks == (120,)
