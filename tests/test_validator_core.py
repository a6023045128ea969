"""pydantic-core's compiled module, loaded by itself: a run that validates with the kept schema
imports neither the package's Python part nor pydantic, and reads every ledger as before."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .support import LEDGER, TESTS

OUT_OF_RANGE = TESTS / "check" / "corpus" / "date-year-9999.yaml"


def _python(code: str, *args: str, cache: Path | None = None) -> str:
    env = dict(os.environ)
    if cache is None:
        env["GONGKAI_NO_CACHE"] = "1"
    else:
        env.pop("GONGKAI_NO_CACHE", None)
        env["GONGKAI_CACHE_DIR"] = str(cache)
    return subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, check=True).stdout


def test_the_compiled_module_is_loaded_without_its_package() -> None:
    code = (
        "import sys\n"
        "from gongkai.validator import core\n"
        "module = core()\n"
        "print(module.__name__, module is sys.modules['pydantic_core._pydantic_core'], core() is module)\n"
        "print(sorted(m for m in ('pydantic_core', 'pydantic', 'typing_extensions', 'inspect') if m in sys.modules))\n"
    )
    assert _python(code) == "pydantic_core._pydantic_core True True\n[]\n"


def test_the_package_imported_after_it_shares_its_classes() -> None:
    code = (
        "from gongkai.validator import core\n"
        "module = core()\n"
        "import pydantic, pydantic_core\n"
        "print(pydantic_core.ValidationError is module.ValidationError, pydantic.ValidationError is module.ValidationError)\n"
        "print(pydantic_core.SchemaValidator is module.SchemaValidator, pydantic_core.PydanticCustomError is module.PydanticCustomError)\n"
        "class Point(pydantic.BaseModel):\n"
        "    x: int\n"
        "print(Point(x='3').x)\n"
        "print(core() is module and pydantic_core._pydantic_core is module)\n"
        "try:\n"
        "    Point(x='three')\n"
        "except module.ValidationError as exc:\n"
        "    print(exc.errors()[0]['type'])\n"
    )
    assert _python(code) == "True True\nTrue True\n3\nTrue\nint_parsing\n"


def test_where_the_module_is_not_found_by_itself_the_package_is_imported() -> None:
    code = (
        "import sys\n"
        "from gongkai import validator\n"
        "validator._find = lambda name, path: None\n"
        "module = validator.core()\n"
        "print(module.__name__, 'pydantic_core' in sys.modules)\n"
    )
    assert _python(code) == "pydantic_core._pydantic_core True\n"


def test_where_the_module_does_not_load_by_itself_the_package_is_imported() -> None:
    code = (
        "import sys\n"
        "from importlib.machinery import ExtensionFileLoader\n"
        "original, calls = ExtensionFileLoader.create_module, []\n"
        "def failing_once(self, spec):\n"
        "    if spec.name == 'pydantic_core._pydantic_core':\n"
        "        calls.append(spec.name)\n"
        "        if len(calls) == 1:\n"
        "            raise ImportError('not here')\n"
        "    return original(self, spec)\n"
        "ExtensionFileLoader.create_module = failing_once\n"
        "from gongkai.validator import core\n"
        "module = core()\n"
        "print(module.__name__, 'pydantic_core' in sys.modules, calls)\n"
    )
    assert _python(code) == "pydantic_core._pydantic_core True ['pydantic_core._pydantic_core', 'pydantic_core._pydantic_core']\n"


def test_a_run_with_the_kept_schema_reads_valid_and_invalid_ledgers_as_the_first_run(tmp_path: Path) -> None:
    """The first run makes the schema with pydantic; the second builds the validator from the kept
    schema on the module alone, and must find the same problems, the date out of range among them."""
    code = (
        "import datetime, sys\n"
        "from gongkai.loader import validate_text\n"
        "for path in sys.argv[1:]:\n"
        "    result = validate_text(open(path, encoding='utf-8').read(), path, today=datetime.date(2018, 12, 20))\n"
        "    print(result.ledger is not None, [(p.line, p.col, p.code, p.message_key, p.args) for p in result.problems])\n"
        "print(sorted(m for m in ('pydantic_core', 'pydantic') if m in sys.modules))\n"
    )
    first, second = (_python(code, str(LEDGER), str(OUT_OF_RANGE), cache=tmp_path / "cache") for _ in range(2))
    assert first.splitlines()[-1] == "['pydantic', 'pydantic_core']"
    assert second.splitlines()[-1] == "[]"
    assert first.splitlines()[:-1] == second.splitlines()[:-1]
    valid, out_of_range = second.splitlines()[:2]
    assert valid.startswith("True ")
    assert out_of_range.startswith("False ") and "p.schema.date_range" in out_of_range
