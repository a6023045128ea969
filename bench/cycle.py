"""The weekly cycle against ``status``: ``changes``, ``remind`` and ``status --trend``.

Whole processes of the installed console script on a generated ledger with more than a year of
history (tests/gen/ledgers.py), the cache of validated ledgers warmed first, the commands taking turns
run by run so that machine load hits them alike. The question it answers: are ``changes`` and
``remind`` about as fast as ``status`` on the same ledger?

    .venv/bin/python bench/cycle.py                 # 1,000 tasks, 5 runs
    .venv/bin/python bench/cycle.py --sizes 1000 10000 --runs 9
    .venv/bin/python bench/cycle.py --quick         # 30 tasks, 1 run: checks that it works
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

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


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gongkai", default=str(Path(sys.executable).with_name("gongkai")), help="the console script to time")
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--quick", action="store_true", help="30 tasks, 1 run")
    args = ap.parse_args(argv)
    if not Path(args.gongkai).exists():
        print(f"no console script at {args.gongkai}; install with .venv/bin/pip install -e .", file=sys.stderr)
        return 2
    sizes, runs = ([30], 1) if args.quick else (args.sizes, args.runs)
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print("\n".join(run(args.gongkai, sizes, runs)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
