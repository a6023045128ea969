"""The draft ledger as YAML text: the model's key order, a header that says where it came
from, plan-level doubts as comments beside the plan, a blank line between clauses."""

from __future__ import annotations

import io
from typing import Any


def _literal(value: Any) -> Any:
    from ruamel.yaml.scalarstring import LiteralScalarString

    if isinstance(value, dict):
        return {k: _literal(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_literal(v) for v in value]
    if isinstance(value, str) and "\n" in value:
        return LiteralScalarString(value)
    return value


def to_yaml(data: dict[str, Any], *, header: list[str], plan_notes: list[str]) -> str:
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.allow_unicode = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.representer.ignore_aliases = lambda *_: True  # the same date twice is not an anchor
    buf = io.StringIO()
    yaml.dump(_literal(data), buf)
    out = [f"# {h}" if h else "#" for h in header]
    out.append("")
    section = None
    for line in buf.getvalue().splitlines():
        if line and not line.startswith((" ", "-")):
            section = line.rstrip(":")
            if section != "plan":
                out.append("")
            out.append(line)
            if section == "plan":
                out.extend(f"  # {n}" for n in plan_notes)
            continue
        if section == "tasks" and line.startswith("  - id:") and out[-1] != "tasks:":
            out.append("")
        out.append(line)
    return "\n".join(out) + "\n"
