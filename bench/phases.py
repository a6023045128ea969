"""Where the time of one report goes: imports, reading, YAML, validation, rules, cache, query, render.

    .venv/bin/python bench/phases.py [--size 1000] [--runs 5] [--cprofile]

Imports are measured in fresh processes (``python -X importtime``, grouped by package).
The other phases are timed in-process, each the median of ``--runs``, on a generated
ledger (tests/gen/ledgers.py) as of the benchmark's date. ``--cprofile`` adds the top functions of
``gongkai overdue`` run in-process, cold and warm.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import io
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(HERE.parent))  # the repository root, for the generators in tests/gen

from tests.gen import ledgers as gen  # noqa: E402

from bench import UNIT, parse_importtime  # noqa: E402


def timed(fn: Callable[[], object], runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def imports(python: str, runs: int) -> None:
    groups = {
        "pydantic (+pydantic_core, annotated_types, typing_inspection)": ("pydantic", "pydantic_core", "annotated_types", "typing_inspection", "typing_extensions"),
        "typer (+click)": ("typer", "click"),
        "rich": ("rich",),
        "ruamel.yaml": ("ruamel",),
        "gongkai.models (class construction)": ("gongkai.models",),
        "gongkai (other modules)": ("gongkai",),
        "stdlib and the rest": (),
    }
    totals: dict[str, list[float]] = {g: [] for g in groups}
    cumulative: list[float] = []
    code = (
        "from gongkai.cli import main\nimport gongkai.loader, gongkai.queries, gongkai.diagnose.rules, gongkai.cache\n"
        "import gongkai.render.text, gongkai.render.data, ruamel.yaml"
    )
    for _ in range(runs):
        p = subprocess.run([python, "-X", "importtime", "-c", code], capture_output=True, text=True)
        rows = parse_importtime(p.stderr)
        sums = dict.fromkeys(groups, 0.0)
        for name, self_us, _cum in rows:
            for group, prefixes in groups.items():
                if not prefixes or any(name == pre or name.startswith(pre + ".") for pre in prefixes):
                    sums[group] += self_us / 1000
                    break
        for g in groups:
            totals[g].append(sums[g])
        cumulative.append(sum(sums.values()))
    print(f"imports on the report path (self time, median of {runs} fresh processes under -X importtime):")
    for g, values in totals.items():
        print(f"  {statistics.median(values):7.1f} ms  {g}")
    print(f"  {statistics.median(cumulative):7.1f} ms  total")


def phases(size: int, runs: int) -> None:
    import datetime as dt

    from rich.console import Console

    from gongkai import cache, yamlio
    from gongkai.diagnose import semantic_problems
    from gongkai.loader import validate_text
    from gongkai.models import Ledger
    from gongkai.queries import overdue, status_summary, unit_view
    from gongkai.render import text as render

    generated = gen.ledger(size)
    folder = Path(tempfile.mkdtemp(prefix="gongkai-profile-"))
    path = folder / "tasks.yaml"
    path.write_text(generated.text, encoding="utf-8")
    os.environ["GONGKAI_CACHE_DIR"] = str(folder / "cache")
    as_of = gen.AS_OF
    raw = path.read_bytes()
    text = raw.decode("utf-8")
    rows: list[tuple[str, float]] = []

    def add(label: str, fn: Callable[[], object]) -> object:
        seconds, result = timed(fn, runs)
        rows.append((label, seconds))
        return result

    add("read bytes", path.read_bytes)
    add("sha256 (cache key)", lambda: hashlib.sha256(raw).hexdigest())
    add("decode UTF-8", lambda: yamlio.decode(raw, str(path)))
    add("YAML safe load (ruamel safe loader, plain data only)", lambda: yamlio.safe_yaml().load(text))
    root = add("YAML compose (node tree with marks)", lambda: yamlio.compose(text))
    data = add("YAML construct (plain data from the node tree)", lambda: yamlio.construct(root))  # type: ignore[arg-type]
    ledger = add("pydantic Ledger.model_validate", lambda: Ledger.model_validate(data))
    assert isinstance(ledger, Ledger)
    found = add("semantic rules", lambda: semantic_problems(ledger, dt.date.today()))
    assert isinstance(found, list)
    add(f"validate_text, all of the above ({len(found)} problem(s) placed)", lambda: validate_text(text, str(path)))
    key = cache.key_for(raw)
    assert key is not None
    add("cache put (today's format)", lambda: cache.put(key, ledger))
    add("cache get (today's format)", lambda: cache.get(key))
    add("query status_summary", lambda: status_summary(ledger, as_of))
    add("query overdue", lambda: overdue(ledger, as_of, None))
    add(f"query unit_view {UNIT}", lambda: unit_view(ledger, UNIT, as_of))

    def show(renderable: object) -> None:
        console = Console(file=io.StringIO(), width=80, highlight=False, soft_wrap=False)
        console.print(renderable)

    summary = status_summary(ledger, as_of)
    report = overdue(ledger, as_of, None)
    view = unit_view(ledger, UNIT, as_of)
    assert view is not None
    add("render status (80 columns)", lambda: show(render.status(summary, ledger, "zh")))
    add(f"render overdue ({len(report.overdue)} rows)", lambda: show(render.overdue(report, "zh")))
    add("render unit", lambda: show(render.unit(view, as_of, "zh")))
    print(f"\nphases at {size:,} tasks ({generated.text.count(chr(10)):,} lines), median of {runs}:")
    for label, seconds in rows:
        print(f"  {seconds * 1000:9.1f} ms  {label}")


def cprofile(size: int) -> None:
    from gongkai.cli import main

    generated = gen.ledger(size)
    folder = Path(tempfile.mkdtemp(prefix="gongkai-cprofile-"))
    path = folder / "tasks.yaml"
    path.write_text(generated.text, encoding="utf-8")
    argv = ["overdue", "--file", str(path), "--as-of", gen.AS_OF.isoformat()]
    for mode in ("cold", "warm"):
        if mode == "cold":
            os.environ["GONGKAI_NO_CACHE"] = "1"
        else:
            os.environ.pop("GONGKAI_NO_CACHE", None)
            os.environ["GONGKAI_CACHE_DIR"] = str(folder / "cache")
            _quiet(main, argv)  # warm the cache
        prof = cProfile.Profile()
        prof.enable()
        _quiet(main, argv)
        prof.disable()
        out = io.StringIO()
        pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(18)
        print(f"\ncProfile, gongkai overdue, {size:,} tasks, {mode} (in-process: imports excluded):")
        print("\n".join(line for line in out.getvalue().splitlines() if line.strip())[:6000])


def _quiet(main: Callable[[list[str]], None], argv: list[str]) -> None:
    saved = sys.stdout
    sys.stdout = io.StringIO()
    try:
        main(argv)
    except SystemExit:
        pass
    finally:
        sys.stdout = saved


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--cprofile", action="store_true")
    args = ap.parse_args()
    imports(sys.executable, args.runs)
    phases(args.size, args.runs)
    if args.cprofile:
        cprofile(args.size)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
