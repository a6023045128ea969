"""The ledger's validator, built from the core schema kept in the cache: it reads every ledger as
pydantic's own validator of the models does, and a run that finds it does not import pydantic."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from gongkai import loader, models, yamlio
from gongkai.models import Ledger

from .support import COMMENTED, LEDGER, REPORTS_PROGRESS, TESTS


def _data(path: Path) -> Any:
    """The plain data of the file, or None when it is not YAML the validator is ever given."""
    try:
        return yamlio.load(path.read_text(encoding="utf-8"))[1]
    except Exception:
        return None


# Valid and invalid ledgers alike: the corpus of ``gongkai check``, every file of it that is YAML.
LEDGERS = [p for p in [LEDGER, COMMENTED, REPORTS_PROGRESS, *sorted((TESTS / "check" / "corpus").glob("*.yaml"))] if _data(p) is not None]


@pytest.fixture
def kept_validator(monkeypatch: pytest.MonkeyPatch) -> None:
    """The validator as a later run builds it: from the schema kept by an earlier one, none generated."""
    monkeypatch.setattr(loader, "_VALIDATORS", {})
    for model in (models.Ledger, models.Task):
        with pytest.raises(ValidationError):
            loader.validate_model(model, {})
    monkeypatch.setattr(loader, "_VALIDATORS", {})

    def generate(cls: type) -> None:
        raise AssertionError(f"the schema of {cls.__name__} was generated again")

    monkeypatch.setattr(models, "core_schema", generate)


def _read(validate: Any, data: Any) -> Any:
    try:
        return validate(data)
    except ValidationError as exc:
        return exc.errors(include_url=False)


@pytest.mark.usefixtures("kept_validator")
@pytest.mark.parametrize("path", LEDGERS, ids=lambda p: p.name)
def test_the_kept_validator_reads_a_ledger_as_pydantic_does(path: Path) -> None:
    data = _data(path)
    assert _read(loader.validate_ledger, data) == _read(Ledger.model_validate, data)


@pytest.mark.usefixtures("kept_validator")
@pytest.mark.parametrize("path", LEDGERS, ids=lambda p: p.name)
def test_the_kept_validator_reads_each_task_as_pydantic_does(path: Path) -> None:
    """Another model than the ledger (an edit checks one task by itself) has its own kept schema."""
    data = _data(path)
    tasks = data.get("tasks") if isinstance(data, dict) else None
    for task in tasks if isinstance(tasks, list) else []:
        assert _read(lambda d: loader.validate_model(models.Task, d), task) == _read(models.Task.model_validate, task)


def test_a_run_that_finds_the_kept_schema_does_not_import_pydantic(tmp_path: Path) -> None:
    code = (
        "import datetime, sys\n"
        "from gongkai.loader import validate_text\n"
        "result = validate_text(open(sys.argv[1], encoding='utf-8').read(), 'tasks.yaml', today=datetime.date(2018, 12, 20))\n"
        "print(result.ledger is not None, 'pydantic' in sys.modules)\n"
    )
    env = {**os.environ, "GONGKAI_CACHE_DIR": str(tmp_path / "cache")}
    runs = [subprocess.run([sys.executable, "-c", code, str(LEDGER)], env=env, capture_output=True, text=True, check=True).stdout for _ in range(2)]
    assert runs == ["True True\n", "True False\n"]


def test_a_kept_schema_that_does_not_fit_is_made_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from gongkai import cache

    monkeypatch.setenv("GONGKAI_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(loader, "_VALIDATORS", {})
    loader.validate_ledger(_data(LEDGER))  # the folder and its key exist, and the schema is kept
    key = loader._schema_key()
    assert key is not None
    cache.put_memo(key, {"type": "no such schema"})
    monkeypatch.setattr(loader, "_VALIDATORS", {})
    assert loader.validate_ledger(_data(LEDGER)) == Ledger.model_validate(_data(LEDGER))
    assert cache.get_memo(key) != {"type": "no such schema"}  # kept again, as made
