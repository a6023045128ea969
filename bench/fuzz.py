"""A long fuzz run: the fuzz suite of tests/fuzz with many fresh examples, a 2 s hang limit per
command and a 300 MB memory ceiling.

    .venv/bin/python bench/fuzz.py                  # 100,000 examples per fuzz test (hours)
    .venv/bin/python bench/fuzz.py --examples 2000  # a shorter run

The test run draws a fixed 25 cases per fuzz test; this draws new ones each time and prints the
counts. A failure prints the smallest input hypothesis could find, ready to become a test.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--examples", type=int, default=100_000, help="examples per fuzz test")
    parser.add_argument("--hang", type=float, default=2.0, help="seconds one command may run")
    parser.add_argument("--max-rss", type=float, default=300.0, help="peak memory in MB")
    args = parser.parse_args()
    env = {
        **os.environ,
        "GONGKAI_FUZZ_EXAMPLES": str(args.examples),
        "GONGKAI_FUZZ_HANG_S": str(args.hang),
        "GONGKAI_FUZZ_MAX_RSS_MB": str(args.max_rss),
    }
    started = time.monotonic()
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/fuzz", "-k", "survive", "--hypothesis-show-statistics"]
    code = subprocess.call(cmd, cwd=ROOT, env=env)
    print(f"{args.examples} examples per fuzz test, {time.monotonic() - started:.0f} s, exit {code}")
    return code


if __name__ == "__main__":
    raise SystemExit(main())
