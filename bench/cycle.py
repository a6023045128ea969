"""The weekly cycle against ``status``: ``changes``, ``remind`` and ``status --trend``.

Whole processes of the installed console script on a generated ledger with more than a year of
history (tests/gen/ledgers.py), the cache of validated ledgers warmed first, the commands taking turns
run by run so that machine load hits them alike. The question it answers: are ``changes`` and
``remind`` about as fast as ``status`` on the same ledger?

    .venv/bin/python bench/cycle.py                 # 1,000 tasks, 5 runs
    .venv/bin/python bench/cycle.py --sizes 1000 10000 --runs 9
    .venv/bin/python bench/cycle.py --quick         # 30 tasks, 1 run: checks that it works
    .venv/bin/python bench/cycle.py --queries       # also the library calls alone, in-process

Whole processes are mostly start-up (about 250 ms of ~320); ``--queries`` times what differs
between the commands: the library call behind each (and the wording of every notice), in this
process on the loaded ledger, median and best of ``--runs`` × 3.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(HERE.parent))  # the repository root, for the generators in tests/gen

from tests.gen import ledgers as gen  # noqa: E402

import bench  # noqa: E402  (bench/ is not a package)


def commands(gongkai: str, path: Path, as_of: dt.date, out_dir: Path) -> list[tuple[str, list[str]]]:
    common = ["--file", str(path)]
    day = ["--as-of", as_of.isoformat()]
    week = (as_of - dt.timedelta(days=6)).isoformat()
    return [
        ("status", [gongkai, "status", *common, *day]),
        ("changes (one week)", [gongkai, "changes", *common, "--since", week, "--until", as_of.isoformat()]),
        ("remind (every unit)", [gongkai, "remind", *common, *day]),
        ("remind --by-unit", [gongkai, "remind", *common, *day, "--by-unit", str(out_dir), "--force"]),
        ("status --trend", [gongkai, "status", "--trend", *common, *day]),
    ]


def run(gongkai: str, sizes: list[int], runs: int) -> list[str]:
    lines: list[str] = []
    with tempfile.TemporaryDirectory(prefix="gongkai-cycle-") as tmp:
        work = Path(tmp)
        env = bench.base_env()
        env["GONGKAI_CACHE_DIR"] = str(work / "cache")
        for size in sizes:
            generated = gen.ledger(size)
            path = work / f"tasks-{size}.yaml"
            path.write_text(generated.text, encoding="utf-8")
            todo = [(label, argv, env) for label, argv in commands(gongkai, path, generated.as_of, work / f"by-unit-{size}")]
            timings = bench.measure_interleaved(todo, runs, size=size)
            base = timings[0].median_s
            for timing in timings:
                if base and timing.median_s:
                    timing.extra["vs status"] = f"{timing.median_s / base:.2f}×"
            lines += bench.table(timings)[0 if not lines else 2 :]
    return lines


def _calls(ledger: Any, day: dt.date) -> list[tuple[str, Callable[[], object]]]:
    """The library call behind each command, with the wording of its output."""
    from rich.console import Console

    from gongkai.changes import changes
    from gongkai.queries import status_summary
    from gongkai.remind import reminders
    from gongkai.render import text
    from gongkai.render.changes import changes_text
    from gongkai.render.remind import notices
    from gongkai.trend import trend

    def status_text() -> str:
        out = io.StringIO()
        Console(file=out, width=80, highlight=False, soft_wrap=False).print(text.status(status_summary(ledger, day), ledger, "zh"))
        return out.getvalue()

    week = day - dt.timedelta(days=6)
    return [
        ("status: status_summary + its text", status_text),
        ("status_summary alone", lambda: status_summary(ledger, day)),
        ("changes: changes (one week) + its text", lambda: changes_text(changes(ledger, week, day), ledger, "zh", markdown=False)),
        ("changes alone", lambda: changes(ledger, week, day)),
        ("remind: reminders + every notice", lambda: notices(reminders(ledger, day), ledger, "zh", markdown=True)),
        ("reminders alone", lambda: reminders(ledger, day)),
        ("trend (12 weeks)", lambda: trend(ledger, day)),
    ]


def queries(sizes: list[int], runs: int) -> list[str]:
    """The library calls behind the commands, in-process: what each costs beyond start-up and loading."""
    from gongkai.loader import load_ledger

    lines = ["| library call | tasks | median | min | vs status |", "|---|---:|---:|---:|---:|"]
    os.environ["GONGKAI_NO_CACHE"] = "1"
    with tempfile.TemporaryDirectory(prefix="gongkai-cycle-q-") as tmp:
        for size in sizes:
            generated = gen.ledger(size)
            path = Path(tmp) / f"tasks-{size}.yaml"
            path.write_text(generated.text, encoding="utf-8")
            base = 0.0
            for label, call in _calls(load_ledger(path), generated.as_of):
                call()
                times = []
                for _ in range(max(runs * 3, 1)):
                    start = time.perf_counter()
                    call()
                    times.append(time.perf_counter() - start)
                median = statistics.median(times)
                base = base or median
                lines.append(f"| {label} | {size:,} | {median * 1000:.1f} ms | {min(times) * 1000:.1f} ms | {median / base:.2f}× |")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gongkai", default=str(Path(sys.executable).with_name("gongkai")), help="the console script to time")
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--quick", action="store_true", help="30 tasks, 1 run")
    ap.add_argument("--queries", action="store_true", help="also time the library calls alone, in-process")
    args = ap.parse_args(argv)
    if not Path(args.gongkai).exists():
        print(f"no console script at {args.gongkai}; install with .venv/bin/pip install -e .", file=sys.stderr)
        return 2
    sizes, runs = ([30], 1) if args.quick else (args.sizes, args.runs)
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print("\n".join(run(args.gongkai, sizes, runs)))
    if args.queries:
        print()
        print("\n".join(queries(sizes, runs)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
