"""A new ledger from nothing (``gongkai init``): the plan's facts and its units, with comments that
explain each section, written so that ``gongkai check`` accepts it as it is."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import UsageError
from .i18n import Lang, t

SCHEMA_HEADER = "# yaml-language-server: $schema=./tasks.schema.json"


@dataclass(frozen=True)
class NewPlan:
    title: str
    issued: dt.date
    start: dt.date
    end: dt.date
    units: tuple[str, ...]
    doc_number: str | None = None


def parse_period(value: str, issued: dt.date) -> tuple[dt.date, dt.date]:
    """``2018-09-14..2018-12-31``, ``2019`` (the year), or ``..2018-12-31`` (from the issue date)."""
    from .dates import parse_user_date

    raw = value.strip()
    if re.fullmatch(r"\d{4}", raw):
        return dt.date(int(raw), 1, 1), dt.date(int(raw), 12, 31)
    start_text, sep, end_text = raw.partition("..")
    if not sep or not end_text.strip():
        raise UsageError("init.err.period", value=value)
    try:
        start = parse_user_date(start_text) if start_text.strip() else issued
        end = parse_user_date(end_text)
    except UsageError:
        raise UsageError("init.err.period", value=value) from None
    if end < start:
        raise UsageError("init.err.period_order", start=start.isoformat(), end=end.isoformat())
    return start, end


def split_units(values: Sequence[str]) -> tuple[str, ...]:
    """Unit names from repeated options or one list: 行政办、宣传部 / 行政办,宣传部 / 行政办，宣传部."""
    names = [n.strip() for v in values for n in re.split(r"[、,，;；\n]", v)]
    return tuple(dict.fromkeys(n for n in names if n))


_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^:#\[\]{},&*!|>'\"%@`\n]*")
_LOOKS_TYPED = re.compile(r"(?i)(true|false|yes|no|on|off|null|~|[-+]?[\d._]+(e[-+]?\d+)?|\d{4}-\d\d?-\d\d?.*)")


def scalar(value: str) -> str:
    """``value`` as a YAML scalar: plain when YAML reads it back as the same text, else double-quoted."""
    if _PLAIN.fullmatch(value) and not _LOOKS_TYPED.fullmatch(value) and value == value.strip():
        return value
    return json.dumps(value, ensure_ascii=False)


def ledger_text(plan: NewPlan, lang: Lang) -> str:
    """The text of the new tasks.yaml."""

    def note(key: str, indent: str = "", **args: str) -> str:
        return f"{indent}# {t(key, lang, **args)}"

    lines = [
        SCHEMA_HEADER,
        "#",
        note("init.yaml.header", title=plan.title),
        "",
        note("init.yaml.plan"),
        "plan:",
        f"  id: plan-{plan.issued.year}",
        f"  title: {scalar(plan.title)}",
    ]
    if plan.doc_number:
        lines.append(f"  doc_number: {scalar(plan.doc_number)}")
    lines += [
        f"  issued: {plan.issued.isoformat()}",
        "  period:",
        f"    start: {plan.start.isoformat()}",
        f"    end: {plan.end.isoformat()}",
        note("init.yaml.reporting", "  "),
        "  reporting:",
        "    cycle: quarterly",
        "    due_soon_days: 14",
        "",
        note("init.yaml.units"),
        "units:",
    ]
    for name in plan.units:
        lines += [f"  - name: {scalar(name)}", "    kind: department"]
    example_due = min(plan.end, max(plan.start, plan.issued) + dt.timedelta(days=90)).isoformat()
    lines += [
        "",
        note("init.yaml.groups"),
        "groups: []",
        "",
        note("init.yaml.sections"),
        "sections: []",
        "",
        note("init.yaml.tasks"),
        "#  - id: 1-1",
        "#    number: 一（一）1",
        "#    section: 一（一）",
        "#    title: …",
        "#    text: …",
        f"#    lead: [{scalar(plan.units[0])}]" if plan.units else "#    lead: […]",
        f"#    due: {example_due}",
        "tasks: []",
    ]
    return "\n".join(lines) + "\n"


def create(path: Path, text: str) -> None:
    """Write ``text`` to a new file at ``path``; refuse (and leave it alone) if anything is there, even a file made meanwhile."""
    import os
    import tempfile

    if path.exists() or path.is_symlink():
        raise UsageError("init.err.exists", path=str(path))
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".gongkai-tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        try:
            os.link(tmp, path)  # fails if the name exists: never replaces a file
        except FileExistsError:
            raise UsageError("init.err.exists", path=str(path)) from None
    finally:
        os.unlink(tmp)


def _umask() -> int:
    import os

    current = os.umask(0)
    os.umask(current)
    return current
