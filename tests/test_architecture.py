"""The layers of docs/architecture.md, held against the code's own imports.

A module may import modules of its own layer or of a lower one, never of a higher one, and
typer only inside the command line. A new top-level module or package must be given its layer
here and in docs/architecture.md.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from .support import ROOT

SOURCE = ROOT / "src" / "gongkai"
ARCHITECTURE = ROOT / "docs" / "architecture.md"

# Lowest first. The same numbers as the table of docs/architecture.md.
LAYERS: dict[str, int] = {
    "__init__": 0,
    "errors": 0,
    "i18n": 0,
    "dates": 1,
    "periods": 1,
    "models": 1,
    "validator": 1,
    "names": 2,
    "history": 2,
    "yamlio": 2,
    "safewrite": 3,
    "diagnose": 3,
    "cache": 4,
    "compiled": 4,
    "loader": 4,
    "schema": 4,
    "queries": 5,
    "workspace": 5,
    "filters": 6,
    "tasklist": 6,
    "completion": 6,
    "changes": 6,
    "remind": 6,
    "trend": 6,
    "portfolio": 6,
    "edit": 7,
    "starter": 7,
    "render": 8,
    "export": 8,
    "importer": 8,
    "cli": 9,
    "reports": 9,
    "fastpath": 9,
    "fastedit": 9,
    "__main__": 10,
    "console": 10,
}


def component(module: str) -> str:
    """``gongkai.export.xlsx`` -> ``export``; ``gongkai`` -> ``__init__``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def module_name(path: Path) -> str:
    rel = path.relative_to(SOURCE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def imports(path: Path) -> Iterator[tuple[int, str]]:
    """(line, imported module) for every import of the file, relative ones resolved."""
    here = module_name(path)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            yield node.lineno, target
            if node.module is None or node.level:
                # ``from . import yamlio`` imports the module yamlio itself.
                for alias in node.names:
                    yield node.lineno, f"{target}.{alias.name}"


def sources() -> list[Path]:
    return sorted(SOURCE.rglob("*.py"))


def test_every_component_has_a_layer() -> None:
    found = {component(module_name(p)) for p in sources()}
    missing = sorted(found - set(LAYERS))
    assert not missing, f"give these a layer in tests/test_architecture.py and docs/architecture.md: {missing}"


def test_no_module_imports_a_higher_layer() -> None:
    upward = []
    for path in sources():
        own = component(module_name(path))
        for line, target in imports(path):
            if not target.startswith("gongkai.") and target != "gongkai":
                continue
            other = component(target)
            if other not in LAYERS or own not in LAYERS:
                continue  # reported by the test above (or a name, not a module)
            if LAYERS[other] > LAYERS[own]:
                upward.append(f"{path.relative_to(SOURCE.parent)}:{line}: {own} (layer {LAYERS[own]}) imports {target} (layer {LAYERS[other]})")
    assert not upward, "imports that run upward:\n" + "\n".join(upward)


def test_only_the_command_line_imports_typer() -> None:
    offenders = [
        f"{path.relative_to(SOURCE.parent)}:{line}"
        for path in sources()
        if component(module_name(path)) != "cli"
        for line, target in imports(path)
        if target == "typer" or target.startswith("typer.")
    ]
    assert not offenders


def test_the_layer_table_is_documented() -> None:
    text = ARCHITECTURE.read_text(encoding="utf-8")
    for name, layer in LAYERS.items():
        if name.startswith("__"):
            continue
        assert f"`{name}`" in text, f"docs/architecture.md does not mention `{name}`"
        row = next((line for line in text.splitlines() if line.startswith("|") and f"`{name}`" in line.split("|")[2]), None)
        assert row is not None and row.split("|")[1].strip() == str(layer), f"docs/architecture.md gives `{name}` another layer than {layer}"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from .models import Ledger", "gongkai.models"),
        ("from . import yamlio", "gongkai.yamlio"),
        ("from ..queries import states", "gongkai.queries"),
    ],
)
def test_relative_imports_are_resolved(tmp_path: Path, source: str, expected: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_root = tmp_path / "src" / "gongkai"
    (fake_root / "export").mkdir(parents=True)
    path = fake_root / ("export/x.py" if source.startswith("from ..") else "x.py")
    path.write_text(source + "\n", encoding="utf-8")
    monkeypatch.setattr(f"{__name__}.SOURCE", fake_root)
    assert expected in [target for _, target in imports(path)]
