"""The console script keeps the methods ``@dataclass`` compiles: a class is the same either way,
the second process compiles nothing, and a memo that is not gongkai's own is never used."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from .support import LEDGER

# Classes with what ``@dataclass`` writes methods for (defaults, a factory, frozen, order,
# keyword-only fields), printed as facts about how they behave.
PROBE = """
import dataclasses, json, sys
from gongkai import compiled
if sys.argv[1] == "memo":
    compiled.remember()

@dataclasses.dataclass(frozen=True, order=True)
class Point:
    x: int
    y: int = 2
    tags: list = dataclasses.field(default_factory=list, compare=False)

@dataclasses.dataclass(kw_only=True)
class Named:
    name: str
    size: "int | None" = None

a, b = Point(1), Point(1, 3, ["t"])
try:
    Point()
    missing = ""
except TypeError as exc:
    missing = str(exc)
try:
    a.x = 5
    frozen = ""
except dataclasses.FrozenInstanceError as exc:
    frozen = str(exc)
facts = [repr(a), repr(b), a == Point(1, 2, ["other"]), a < b, hash(a) == hash(Point(1)), missing, frozen,
         repr(Named(name="n")), str(Point.__init__.__annotations__), str(Named.__init__.__annotations__),
         Point.__init__.__code__.co_filename, Point.__init__.__defaults__ is None]
if sys.argv[1] == "memo":
    facts.append([any(compiled.NEW.values())])
    compiled.store()
print(json.dumps(facts))
"""


def _probe(mode: str, env: dict[str, str]) -> list[object]:
    done = subprocess.run([sys.executable, "-c", PROBE, mode], env=env, capture_output=True, text=True, timeout=60, check=True)
    facts = json.loads(done.stdout)
    assert isinstance(facts, list)
    return facts


def test_a_class_built_from_the_memo_is_the_class_dataclasses_builds(tmp_path: Path) -> None:
    env = os.environ | {"GONGKAI_CACHE_DIR": str(tmp_path / "cache")}
    plain = _probe("plain", env)
    first = _probe("memo", env)  # compiles, and stores
    second = _probe("memo", env)  # from the memo
    assert first[:-1] == plain and second[:-1] == plain
    assert first[-1] == [True] and second[-1] == [False]  # the second compiled nothing


def test_the_console_script_keeps_the_compiled_methods_and_prints_the_same(tmp_path: Path) -> None:
    """The first run stores what it compiled; the next, answered from the same memo, compiles
    nothing new, so it writes nothing to the cache folder, and prints the same."""
    folder = tmp_path / "cache"
    env = {k: v for k, v in os.environ.items() if k != "GONGKAI_FAST"} | {"GONGKAI_CACHE_DIR": str(folder)}
    code = "import sys\nfrom gongkai.console import main\nsys.argv = ['gongkai', *sys.argv[1:]]\nmain()\n"
    argv = ["status", "-f", str(LEDGER), "--as-of", "2018-12-20"]

    def run() -> str:
        done = subprocess.run([sys.executable, "-c", code, *argv], env=env, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        return done.stdout

    def files() -> dict[str, bytes]:
        return {p.name: p.read_bytes() for p in folder.iterdir()}

    plain = subprocess.run([sys.executable, "-m", "gongkai", *argv], env=env | {"GONGKAI_NO_CACHE": "1"}, capture_output=True, text=True, timeout=60)
    first = run()  # the command line: reads, validates and stores the ledger; compiles and stores the methods
    second = run()  # the fast path: compiles what the command line did not need
    stored = files()
    third = run()
    assert first == second == third == plain.stdout and "任务" in first
    assert files() == stored
    assert len(stored) >= 3  # the key, the ledger, the compiled methods


def test_a_memo_that_is_not_compiled_code_is_ignored(tmp_path: Path) -> None:
    env = os.environ | {"GONGKAI_CACHE_DIR": str(tmp_path / "cache")}
    code = (
        "import sys\nfrom gongkai import cache, compiled\n"
        "memo = {'def __create_fn__(): pass': b'not marshal data', 1: 2} if sys.argv[1] == 'dict' else sys.argv[1].encode()\n"
        "cache.put_memo(compiled._memo_key('__main__'), memo)\n"
        "compiled.remember()\n"
        "import dataclasses\n@dataclasses.dataclass\nclass A:\n    x: int = 1\n"
        "print(A(), len(compiled.KNOWN['__main__']), len(compiled.NEW['__main__']) > 0)\n"
    )
    for garbage in ("not marshal data", "", "dict"):
        done = subprocess.run([sys.executable, "-c", code, garbage], env=env, capture_output=True, text=True, timeout=60, check=True)
        assert done.stdout.split()[0::2] == ["A(x=1)", "True"]


def test_a_memo_past_its_limit_keeps_what_the_run_used(tmp_path: Path) -> None:
    """Texts of classes since changed are dropped when the memo would grow past its limit: it
    keeps what the run read from it and what it compiled."""
    env = os.environ | {"GONGKAI_CACHE_DIR": str(tmp_path / "cache")}
    code = (
        "import sys, dataclasses\nfrom gongkai import cache, compiled\n"
        "compiled.LIMIT = int(sys.argv[1])\n"
        "compiled.remember()\n"
        "names = sys.argv[2].split(',')\n"
        "for name in names:\n    exec(f'@dataclasses.dataclass\\nclass {name}:\\n    {name.lower()}: int = 0\\n')\n"
        "compiled.store()\n"
        "print(len(cache.get_memo(compiled._memo_key('__main__'))))\n"
    )

    def run(limit: int, names: str) -> int:
        done = subprocess.run([sys.executable, "-c", code, str(limit), names], env=env, capture_output=True, text=True, timeout=60, check=True)
        return int(done.stdout)

    first = run(100, "A,B,C")  # each field name makes other method texts
    grown = run(100, "A,D")
    assert 0 < first < grown
    assert run(grown, "E") == first // 3  # past the limit: E's methods alone, what that run compiled
    assert run(100, "E,F") == 2 * first // 3  # E's read back and kept, F's added


def test_what_writing_the_memo_compiles_is_stored_too(tmp_path: Path) -> None:
    """The first store imports the safe writer, whose classes compile methods as it writes: they
    are stored as well, and a later run that builds them compiles nothing."""
    env = os.environ | {"GONGKAI_CACHE_DIR": str(tmp_path / "cache")}
    code = (
        "import json, sys\n"
        "from gongkai import compiled\n"
        "compiled.remember()\n"
        "import gongkai.models, gongkai.safewrite\n"
        "compiled_here = any(compiled.NEW.values())\n"
        "compiled.store()\n"
        "print(json.dumps([compiled_here, any(compiled.NEW.values())]))\n"
    )
    fresh = code.replace("import gongkai.models, gongkai.safewrite\n", "import gongkai.models\n")  # the writer comes in with store

    def run(source: str) -> list[bool]:
        done = subprocess.run([sys.executable, "-c", source], env=env, capture_output=True, text=True, timeout=60, check=True)
        return json.loads(done.stdout)  # type: ignore[no-any-return]

    assert run(fresh) == [True, False]  # nothing compiled while storing is left behind
    assert run(code) == [False, False]  # the safe writer's classes came from the memo
