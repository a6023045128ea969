"""The committed JSON Schema accepts real ledgers and rejects what the models reject,
as an editor (VS Code's YAML extension) would apply it."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from ruamel.yaml import YAML

from .support import LEDGER, REPORTS_PROGRESS, ROOT

SCHEMA = json.loads((ROOT / "tasks.schema.json").read_text(encoding="utf-8"))


def load(path: Path) -> object:
    yaml = YAML(typ="safe")
    # editors see dates as strings too
    yaml.constructor.add_constructor("tag:yaml.org,2002:timestamp", lambda c, n: c.construct_scalar(n))
    return yaml.load(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", [LEDGER, REPORTS_PROGRESS], ids=lambda p: p.name)
def test_schema_accepts_valid_ledgers(path: Path) -> None:
    jsonschema.validate(load(path), SCHEMA)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("    cooperate: [宣传口]", "    cooprate: [宣传口]"),  # unknown key
        ("    status: done", "    status: finished"),  # not a status
        ("    cycle: monthly", "    cycle: weekly"),  # not a cycle
        ("    kind: unit", "    kind: bureau"),  # not a unit kind
    ],
)
def test_schema_rejects_what_the_models_reject(old: str, new: str, tmp_path: Path) -> None:
    text = (REPORTS_PROGRESS).read_text(encoding="utf-8")
    assert old in text
    bad = tmp_path / "tasks.yaml"
    bad.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(load(bad), SCHEMA)
