"""A workspace: several ledgers read as one portfolio.

``gongkai.toml`` at the workspace's root lists the ledgers (paths and globs relative to it) and,
in a ``[units]`` table, the aliases that hold across its plans. Several ``--file`` options make
an ad-hoc workspace with no table. A unit is the same unit in two plans when the plans share an
issuer (or both name none); a plan's own aliases resolve only in that plan.
"""

from __future__ import annotations

import glob
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import yamlio
from .errors import Problem, UnreadableError, UsageError, WorkspaceInvalid
from .i18n import Term
from .loader import CheckResult, load_ledger, place, validate
from .models import Ledger
from .names import Directory, suggest

_GLOB = re.compile(r"[*?\[]")
_TOML_PLACE = re.compile(r"^(?P<detail>.*?) \(at line (?P<line>\d+), column (?P<col>\d+)\)$")


@dataclass(frozen=True)
class Config:
    """What gongkai.toml says: its ledgers, in order, and the aliases of its ``[units]`` table."""

    path: Path
    text: str
    ledgers: tuple[Path, ...]
    aliases: dict[str, str] = field(default_factory=dict)  # alias -> the name it stands for
    alias_at: dict[str, tuple[str, int, int]] = field(default_factory=dict)  # alias -> where it is written
    units_file: Path | None = None  # the units.yaml that ``units = "units.yaml"`` names
    units_text: str | None = None


@dataclass(frozen=True)
class Plan:
    """One ledger of the workspace, named by its plan id."""

    path: Path
    ledger: Ledger

    @property
    def id(self) -> str:
        return self.ledger.plan.id

    @property
    def issuer(self) -> str:
        return (self.ledger.plan.issuer or "").strip()


@dataclass(frozen=True)
class Workspace:
    """The plans of a workspace (or of several ``--file``), with its gongkai.toml when there is one."""

    plans: list[Plan]
    config: Config | None = None

    @property
    def aliases(self) -> dict[str, str]:
        return self.config.aliases if self.config is not None else {}


# --- gongkai.toml --------------------------------------------------------------------------------


def _where(text: str, pattern: re.Pattern[str], after: int = 0) -> tuple[int, int]:
    """1-based line and column of the first match of ``pattern`` at or after line ``after``; else 1:1."""
    for number, line in enumerate(text.splitlines(), 1):
        hit = pattern.search(line) if number >= after else None
        if hit is not None:
            return number, hit.start(1) + 1 if pattern.groups else hit.start() + 1
    return 1, 1


def _key_at(text: str, key: str, after: int = 0) -> tuple[int, int]:
    return _where(text, re.compile(r"^\s*([\"']?" + re.escape(key) + r"[\"']?)\s*="), after)


def _problem(path: Path, spot: tuple[int, int], message: str, /, **args: Any) -> Problem:
    return _problem_at(path, spot, "GK050", message, **args)


def parse_config(text: str, path: Path) -> tuple[Config | None, list[Problem]]:
    """The workspace gongkai.toml describes, or the located problems that stop it; never raises."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - the same parser, before it joined the standard library
        import tomli as tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        placed = _TOML_PLACE.match(message)
        if placed is not None:
            spot = (int(placed["line"]), int(placed["col"]))
            return None, [_problem(path, spot, "p.workspace.toml", detail=placed["detail"])]
        lines = text.splitlines() or [""]
        end = (len(lines), len(lines[-1]) + 1)
        return None, [_problem(path, end, "p.workspace.toml", detail=message.removesuffix(" (at end of document)"))]
    problems = [_problem(path, _key_at(text, key), "p.workspace.unknown_key", key=key) for key in data if key not in ("ledgers", "units")]
    entries = data.get("ledgers")
    if not isinstance(entries, list) or not entries or not all(isinstance(e, str) for e in entries):
        problems.append(_problem(path, _key_at(text, "ledgers") if "ledgers" in data else (1, 1), "p.workspace.ledgers"))
        return None, problems
    root = path.parent
    ledgers: list[Path] = []
    for entry in entries:
        if _GLOB.search(entry):
            matches = sorted(glob.glob(entry, root_dir=root, recursive=True))
            files = [root / m for m in matches if (root / m).is_file()]
            if not files:
                problems.append(
                    _problem(path, _where(text, re.compile("[\"']" + re.escape(entry) + "[\"']")), "p.workspace.no_match", pattern=entry)
                )
            ledgers += files
        else:
            ledgers.append(root / entry)
    table = data.get("units", {})
    aliases: dict[str, str] = {}
    alias_at: dict[str, tuple[str, int, int]] = {}
    units_file, units_text = None, None
    if isinstance(table, str):
        units_file = root / table
        units_text, found_problems = _read_units_file(units_file, aliases, alias_at)
        problems += found_problems
    elif not isinstance(table, dict):
        problems.append(_problem(path, _key_at(text, "units"), "p.workspace.units"))
    else:
        header = _where(text, re.compile(r"^\s*\[units\]"))[0]
        for alias, name in table.items():
            spot = _key_at(text, alias, header)
            if _is_alias(alias, name):
                aliases[alias] = name
                alias_at[alias] = (str(path), *spot)
            else:
                problems.append(_problem(path, spot, "p.workspace.units"))
    # A glob such as *.yaml may match the units file too: it is not a ledger.
    unique: dict[Path, Path] = {units_file.resolve(): units_file} if units_file is not None else {}
    for ledger in ledgers:
        unique.setdefault(ledger.resolve(), ledger)
    if units_file is not None:
        del unique[units_file.resolve()]
    return Config(path, text, tuple(unique.values()), aliases, alias_at, units_file, units_text), problems


def _is_alias(alias: object, name: object) -> bool:
    return isinstance(alias, str) and isinstance(name, str) and bool(name.strip()) and name != alias


def _read_units_file(path: Path, aliases: dict[str, str], alias_at: dict[str, tuple[str, int, int]]) -> tuple[str | None, list[Problem]]:
    """The aliases of a shared units.yaml (``alias: unit name``, one a line) into ``aliases``; its text and problems."""
    from .loader import parse

    spath = str(path)
    try:
        text = yamlio.decode(yamlio.read_bytes(path), spath)
    except UnreadableError as exc:
        return None, [exc.problem]
    root, data, problems = parse(text, spath)
    if problems:
        return text, problems
    for alias, name in data.items():
        spot = yamlio.locate(root, (alias,), text) if isinstance(alias, str) else (1, 1)
        if _is_alias(alias, name):
            aliases[alias] = name
            alias_at[alias] = (spath, *spot)
        else:
            problems.append(_problem(path, spot, "p.workspace.units_file"))
    return text, problems


def read_config(path: Path) -> Config:
    """The workspace of gongkai.toml at ``path``; raises UnreadableError or WorkspaceInvalid."""
    text = yamlio.decode(yamlio.read_bytes(path), str(path))
    config, problems = parse_config(text, path)
    unreadable = next((p for p in problems if p.code == "GK001"), None)
    if unreadable is not None:
        raise UnreadableError(unreadable)
    if config is None or problems:
        raise WorkspaceInvalid(problems)
    return config


def load_workspace(source: Path | Sequence[Path], load: Callable[[Path], Ledger] = load_ledger) -> Workspace:
    """The plans of gongkai.toml at ``source``, or of the ledgers it lists; each ledger as the
    reports load it (``load``: the fast path of the reports takes them from the cache only)."""
    if isinstance(source, Path):
        config: Config | None = read_config(source)
        assert config is not None
        paths: Sequence[Path] = config.ledgers
    else:
        config, paths = None, source
    return Workspace([Plan(p, load(p)) for p in paths], config)


# --- who is who across the plans -------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class UnitKey:
    """A unit of the workspace: a name (after the workspace's aliases) under one issuer."""

    issuer: str
    name: str


class Units:
    """The units of every plan, joined where the plans share an issuer; a name shared by two
    issuers stays two units and is labelled with its issuer (宣传部（X局）)."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self.directories = {id(p): Directory(p.ledger) for p in ws.plans}
        self.members: dict[UnitKey, list[tuple[Plan, str]]] = {}
        for plan in ws.plans:
            for unit in plan.ledger.units:
                self.members.setdefault(self.key(plan, unit.name), []).append((plan, unit.name))
        issuers: dict[str, list[UnitKey]] = {}
        for key in self.members:
            issuers.setdefault(key.name, []).append(key)
        self.labels: dict[UnitKey, str] = {}
        for name, keys in issuers.items():
            for key in keys:
                self.labels[key] = name if len(keys) == 1 else f"{name}（{key.issuer or self.members[key][0][0].id}）"

    def key(self, plan: Plan, name: str) -> UnitKey:
        """The workspace's unit for a name the plan registers."""
        return UnitKey(plan.issuer, self.ws.aliases.get(name, name))

    def directory(self, plan: Plan) -> Directory:
        return self.directories[id(plan)]

    def label(self, key: UnitKey) -> str:
        return self.labels[key]

    def find(self, name: str) -> list[UnitKey]:
        """The units ``name`` stands for: a label, a registered name or alias in any plan, or a workspace alias."""
        wanted = name.strip()
        by_label = [k for k, label in self.labels.items() if label == wanted]
        if by_label:
            return by_label
        keys: dict[UnitKey, None] = {}
        target = self.ws.aliases.get(wanted)
        for plan in self.ws.plans:
            canon = self.directory(plan).canonical(wanted)
            if canon is not None and canon in self.directory(plan).units:
                keys[self.key(plan, canon)] = None
            if target is not None and UnitKey(plan.issuer, target) in self.members:
                keys[UnitKey(plan.issuer, target)] = None
        return list(keys)

    def known_names(self) -> list[str]:
        names = dict.fromkeys(self.labels.values())
        for plan in self.ws.plans:
            names.update(dict.fromkeys(self.directory(plan).known_names()))
        names.update(dict.fromkeys(self.ws.aliases))
        return list(names)

    def unknown(self, name: str) -> UsageError:
        return UsageError("err.unknown_unit_ws", name=name, hint=suggest(name, self.known_names()))


# --- check: the conflicts between plans ------------------------------------------------------------


def conflicts(ws: Workspace, units: Units | None = None) -> list[tuple[Plan | None, Problem]]:
    """Problems no single ledger shows: a unit of two kinds, an alias that means two units.

    Each comes with the plan it is in (its ``loc`` still to be placed), or None for one already
    located in gongkai.toml.
    """
    units = units or Units(ws)
    out: list[tuple[Plan | None, Problem]] = []
    first_of: dict[tuple[str, str], Plan] = {}
    for plan in ws.plans:
        first = first_of.setdefault((plan.issuer, plan.id), plan)
        if first is not plan:
            out.append((plan, _found("GK053", "p.workspace.plan_twice", loc=("plan", "id"), plan=plan.id, other=str(first.path))))
    for key, where in units.members.items():
        first_plan, first_name = where[0]
        first_kind = _unit(first_plan, first_name)[1].kind
        for plan, name in where[1:]:
            i, unit = _unit(plan, name)
            if unit.kind is not first_kind:
                args = {
                    "name": units.label(key),
                    "kind": Term("unit.kind." + unit.kind.value),
                    "other_kind": Term("unit.kind." + first_kind.value),
                    "other": first_plan.id,
                }
                out.append((plan, _found("GK051", "p.workspace.kind", loc=("units", i, "kind"), **args)))
    meaning: dict[tuple[str, str], tuple[UnitKey, Plan]] = {}
    for plan in ws.plans:
        for unit in plan.ledger.units:
            meaning.setdefault((plan.issuer, unit.name), (units.key(plan, unit.name), plan))
    for plan in ws.plans:
        for i, unit in enumerate(plan.ledger.units):
            key = units.key(plan, unit.name)
            for j, alias in enumerate(unit.aliases):
                other_key, other_plan = meaning.setdefault((plan.issuer, units.ws.aliases.get(alias, alias)), (key, plan))
                if other_key != key:
                    args = {"alias": alias, "unit": units.label(key), "other_unit": units.label(other_key), "other": other_plan.id}
                    out.append((plan, _found("GK052", "p.workspace.alias", loc=("units", i, "aliases", j), **args)))
    if ws.config is not None:
        out += [(None, p) for p in _table_conflicts(ws, ws.config, units)]
    return out


def _unit(plan: Plan, name: str) -> tuple[int, Any]:
    return next((i, u) for i, u in enumerate(plan.ledger.units) if u.name == name)


def _table_conflicts(ws: Workspace, config: Config, units: Units) -> Iterable[Problem]:
    """An alias of the ``[units]`` table that a plan already uses for another unit."""
    for alias, target in config.aliases.items():
        for plan in ws.plans:
            canon = units.directory(plan).canonical(alias)
            if canon is None or canon == alias or canon not in units.directory(plan).units:
                continue
            meant = units.key(plan, canon)
            if meant.name != target:
                args = {"alias": alias, "unit": target, "other_unit": units.label(meant), "other": plan.id}
                where, line, col = config.alias_at[alias]
                yield _problem_at(Path(where), (line, col), "GK052", "p.workspace.table_alias", **args)


def _found(code: str, message: str, /, **args: Any) -> Problem:
    """A problem of a workspace's own; the rule table is read only when there is one."""
    from .diagnose import found

    return found(code, message, **args)


def _problem_at(path: Path, spot: tuple[int, int], code: str, message: str, /, **args: Any) -> Problem:
    return _found(code, message, path=str(path), line=spot[0], col=spot[1], **args)


def check(path: Path, *, today: Any = None) -> list[CheckResult]:
    """``gongkai check`` on a workspace: gongkai.toml, every ledger it lists, then the conflicts between them."""
    spath = str(path)
    try:
        text = yamlio.decode(yamlio.read_bytes(path), spath)
    except UnreadableError as exc:
        return [CheckResult(spath, None, None, [exc.problem])]
    config, problems = parse_config(text, path)
    head = CheckResult(spath, text, None, problems)
    if config is None:
        return [head]
    # The shared units.yaml, when the workspace names one, is a file of its own in the report.
    units = CheckResult(str(config.units_file), config.units_text, None) if config.units_file is not None else None
    if units is not None:
        units.problems[:] = [p for p in problems if p.path == units.path]
        head.problems[:] = [p for p in problems if p.path != units.path]
    results = [validate(p, today=today) for p in config.ledgers]
    plans = {id(r): Plan(Path(r.path), r.ledger) for r in results if r.ledger is not None}
    ws = Workspace(list(plans.values()), config)
    by_plan: dict[int, list[Problem]] = {}
    for plan, p in conflicts(ws):
        if plan is None:
            (units if units is not None and p.path == units.path else head).problems.append(p)
        else:
            by_plan.setdefault(id(plan), []).append(p)
    for r in results:
        plan = plans.get(id(r))
        extra = by_plan.get(id(plan)) if plan is not None else None
        if extra and r.text is not None:
            r.problems[:] = sorted([*r.problems, *place(extra, r.text, r.path)])
    head.problems.sort()
    if units is None:
        return [head, *results]
    units.problems.sort()
    return [head, units, *results]
