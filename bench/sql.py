"""Benchmark the database export at city scale: many bureaus' ledgers appended into one SQLite file.

    .venv/bin/python bench/sql.py [--ledgers 500] [--tasks 200] [--bureaus 50] [--runs 5] [--keep DIR]

It generates ``--ledgers`` valid ledgers of ``--tasks`` clauses each (tests/gen/ledgers.py; each gets its
own plan id, and the issuers cycle through ``--bureaus`` bureaus), then times, in this process:

1. *load*: reading and validating every ledger (``use_cache=False``: the cache of validated
   ledgers keeps only the newest few, so a city's hundreds of ledgers are read cold);
2. *append*: ``gongkai.export.export("sqlite", …, append=True)`` for every ledger into one new
   database (what ``gongkai export --format sqlite --append`` does after loading);
3. *re-append*: the same again into the full database, so every plan's rows are replaced;
4. *query*: the "overdue by unit across bureaus" question of docs/sql.md on the full database
   (median of ``--runs`` runs, after one untimed run), and the lights-per-plan question.

One ``gongkai export --append`` process per ledger also pays the interpreter's start-up; a
sample of such processes is timed too. Nothing here asserts a timing: the targets are printed
beside the figures (append of 100,000 tasks ≤ 30 s, the query ≤ 1 s).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(HERE.parent))  # the repository root, for the generators in tests/gen

from tests.gen import ledgers as gen  # noqa: E402

from gongkai.export import export  # noqa: E402
from gongkai.export.sqlite import append_plans  # noqa: E402
from gongkai.loader import load_ledger  # noqa: E402
from gongkai.models import Ledger  # noqa: E402

TARGET_APPEND_S = 30.0
TARGET_QUERY_S = 1.0
DOC = ROOT / "docs" / "sql.md"


def doc_query(number: int) -> str:
    """The SQL of example ``number`` of docs/sql.md, so the benchmark times what the doc shows."""
    text = DOC.read_text(encoding="utf-8")
    section = re.split(rf"^### {number}\. ", text, flags=re.M)[1]
    return section.split("```sql\n", 1)[1].split("```", 1)[0]


def write_ledgers(folder: Path, n_ledgers: int, n_tasks: int, n_bureaus: int) -> list[Path]:
    paths = []
    for i in range(n_ledgers):
        text = gen.ledger(n_tasks, seed=i).text
        bureau = f"某市第{i % n_bureaus + 1}局"
        text = text.replace("  id: bench-plan\n", f"  id: plan-{i // n_bureaus + 1:03d}\n", 1)
        text = text.replace("  issuer: 某林业局\n", f"  issuer: {bureau}\n", 1)
        path = folder / f"ledger-{i:03d}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


@dataclass
class Took:
    wall: float
    cpu: float  # this process's CPU time: what load from other processes does not inflate

    def __str__(self) -> str:
        return f"{self.wall:.1f} s (CPU {self.cpu:.1f} s)"


def timed(label: str, fn: Callable[[], object]) -> Took:
    start, cpu = time.perf_counter(), time.process_time()
    fn()
    took = Took(time.perf_counter() - start, time.process_time() - cpu)
    print(f"  {label}: {took}", flush=True)
    return took


def median_query(db: Path, sql: str, runs: int) -> tuple[float, float, int]:
    conn = sqlite3.connect(db)
    try:
        rows = len(conn.execute(sql).fetchall())  # untimed: warms the page cache
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            conn.execute(sql).fetchall()
            times.append(time.perf_counter() - start)
    finally:
        conn.close()
    return statistics.median(times), min(times), rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--ledgers", type=int, default=500)
    parser.add_argument("--tasks", type=int, default=200)
    parser.add_argument("--bureaus", type=int, default=50)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--processes", type=int, default=10, help="how many `gongkai export --append` processes to time as a sample")
    parser.add_argument("--keep", type=Path, help="keep the ledgers and the database in this folder")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        cache = folder / "cache"
        os.environ["GONGKAI_CACHE_DIR"] = str(cache)
        db = folder / "city.db"
        db.unlink(missing_ok=True)
        total = args.ledgers * args.tasks
        print(f"Python {platform.python_version()}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}; SQLite {sqlite3.sqlite_version}")
        print(f"{args.ledgers} ledgers x {args.tasks} tasks = {total:,} tasks, {args.bureaus} bureaus")
        paths: list[Path] = []
        timed("generate", lambda: paths.extend(write_ledgers(folder, args.ledgers, args.tasks, args.bureaus)))
        size = sum(p.stat().st_size for p in paths)
        print(f"  ledgers: {size / 1e6:.1f} MB of YAML")

        ledgers: list[Ledger] = []
        cold = timed("load", lambda: ledgers.extend(load_ledger(p, use_cache=False) for p in paths))
        as_of = gen.AS_OF

        def append_all() -> None:
            for ledger in ledgers:
                export("sqlite", ledger, as_of, "zh", db, append=True)

        append = timed("export --append of every ledger into a new database (one transaction each)", append_all)
        again = timed("the same again (every plan's rows replaced)", append_all)
        batch_db = folder / "city-batch.db"
        batch_db.unlink(missing_ok=True)
        batch = timed("every ledger in one transaction (append_plans)", lambda: append_plans(((lg, as_of, None) for lg in ledgers), batch_db))
        with sqlite3.connect(db) as conn:
            counts = {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("plans", "tasks", "obligations", "task_units")}
        conn.close()
        print(f"  database: {db.stat().st_size / 1e6:.1f} MB; " + ", ".join(f"{t} {n:,}" for t, n in counts.items()))

        queries = {n: median_query(db, doc_query(n), args.runs) for n in range(1, 11)}
        queries[0] = median_query(db, "SELECT * FROM unit_counts", args.runs)
        for n, (med, least, rows) in sorted(queries.items()):
            label = f"docs/sql.md query {n}" if n else "SELECT * FROM unit_counts"
            print(f"  {label}: median {med * 1000:.0f} ms, min {least * 1000:.0f} ms, {rows:,} rows")
        q_med = queries[1][0]

        sample = paths[: args.processes]
        gongkai = Path(sys.executable).with_name("gongkai")
        start = time.perf_counter()
        for path in sample:
            subprocess.run(
                [str(gongkai), "export", "--format", "sqlite", "-o", str(db), "--append", "--file", str(path), "--as-of", as_of.isoformat()],
                check=True,
                stdout=subprocess.DEVNULL,
            )
        per_process = (time.perf_counter() - start) / max(1, len(sample))
        print(f"  one `gongkai export --append` process (ledger read cold), mean of {len(sample)}: {per_process * 1000:.0f} ms")

        print()
        print("| step | figure | target |")
        print("|---|---:|---|")
        print(f"| load {args.ledgers} ledgers ({size / 1e6:.1f} MB of YAML) | {cold} | |")
        print(f"| export --append {total:,} tasks, one transaction per ledger | {append} | ≤ {TARGET_APPEND_S:.0f} s |")
        print(f"| the same again, replacing every plan | {again} | ≤ {TARGET_APPEND_S:.0f} s |")
        print(f"| {total:,} tasks in one transaction (append_plans) | {batch} | ≤ {TARGET_APPEND_S:.0f} s |")
        print(f"| overdue by unit across bureaus (query 1) | {q_med * 1000:.0f} ms | ≤ {TARGET_QUERY_S * 1000:.0f} ms |")
        print(f"| slowest of the ten doc queries | {max(m for n, (m, _, _) in queries.items() if n) * 1000:.0f} ms | |")
        print(f"| the unit_counts view, whole city | {queries[0][0] * 1000:.0f} ms | |")
        print(f"| one `gongkai export --append` process | {per_process * 1000:.0f} ms | |")
        print(f"\n{dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
