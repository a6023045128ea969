"""Unit and group names: the lookup over the registry (canonical names, aliases, former names,
members), the name a renamed unit had on a past day, and the 'did you mean' suggestion for a
name that is not there."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .errors import UsageError
from .i18n import Suggestions
from .models import Covers, Group, Unit, UnitKind

TYPE_CHECKING = False  # not from typing: importing it is a noticeable part of a report
if TYPE_CHECKING:
    from .models import Ledger


def suggest(name: str, candidates: Sequence[str]) -> Suggestions:
    """Up to three close names, as a message argument (``i18n.render`` words it, or says nothing)."""
    import difflib

    matches = difflib.get_close_matches(name, list(candidates), n=3, cutoff=0.5)
    if not matches:
        # Chinese names are short; containment is often the best clue (宣传 -> 宣传部).
        matches = [c for c in candidates if name and (name in c or c in name)][:3]
    return Suggestions(tuple(matches))


_SEPARATORS = r"[，、；,;\s]+"  # compiled (by ``re``, once) when first used: reports never are


def joined_names(name: str, directory: Directory) -> tuple[str, ...]:
    """The registered names that ``name`` strings together (行政办，宣传部: a full-width comma
    inside one list item), or () when it is not such a string."""
    parts = tuple(p for p in re.split(_SEPARATORS, name) if p)
    if len(parts) < 2 or any(directory.canonical(p) is None for p in parts):
        return ()
    return parts


class UnknownName(UsageError):
    """No unit, group or alias has this name."""

    def __init__(self, name: str, candidates: Sequence[str]) -> None:
        super().__init__("err.unknown_unit", name=name, hint=suggest(name, candidates))
        self.name = name


class IsAGroup(UsageError):
    """The name is a group (林业局各部门), where a single unit was asked for; carries the group and its members."""

    def __init__(self, name: str, group: Group, members: list[str]) -> None:
        key = "err.is_a_group.unresolved" if group.covers is Covers.UNRESOLVED else "err.is_a_group"
        super().__init__(key, name=name, group=group.name, count=len(members))
        self.name = name
        self.group = group
        self.members = members


class Directory:
    """Name lookup over the unit registry and the groups: canonical names, aliases, members."""

    def __init__(self, ledger: Ledger) -> None:
        self.units: dict[str, Unit] = {}
        self.groups: dict[str, Group] = {}
        self.alias_of: dict[str, str] = {}
        for unit in ledger.units:
            self.units.setdefault(unit.name, unit)
            for alias in unit.aliases:
                self.alias_of.setdefault(alias, unit.name)
        for group in ledger.groups:
            self.groups.setdefault(group.name, group)
            for alias in group.aliases:
                self.alias_of.setdefault(alias, group.name)
        for unit in ledger.units:  # a former name names the unit still, after its own aliases
            for rename in unit.renamed:
                if rename.old not in self.units and rename.old not in self.groups:
                    self.alias_of.setdefault(rename.old, unit.name)

    def canonical(self, name: str) -> str | None:
        """The registered name that ``name`` means (itself, or the name an alias stands for)."""
        if name in self.units or name in self.groups:
            return name
        return self.alias_of.get(name)

    def known_names(self) -> list[str]:
        return [*self.units, *self.groups, *self.alias_of]

    def is_group(self, name: str) -> bool:
        canon = self.canonical(name)
        return canon is not None and canon in self.groups

    def unit(self, name: str) -> str:
        """The registered unit ``name`` stands for (alias resolved).

        Raises ``IsAGroup`` for a group name (with its members) and ``UnknownName``
        (with suggestions) for a name the ledger does not know.
        """
        canon = self.canonical(name)
        if canon is None:
            raise UnknownName(name, self.known_names())
        if canon in self.groups:
            raise IsAGroup(name, self.groups[canon], self.members(canon))
        return canon

    def members(self, group_name: str) -> list[str]:
        """The units a group stands for, in registry order; empty while unresolved."""
        group = self.groups[group_name]
        internal = (UnitKind.DEPARTMENT, UnitKind.UNIT)
        if group.covers is Covers.ALL:
            return [u.name for u in self.units.values() if u.kind in internal]
        if group.covers is Covers.DEPARTMENTS:
            return [u.name for u in self.units.values() if u.kind is UnitKind.DEPARTMENT]
        if group.covers is Covers.UNITS:
            return [u.name for u in self.units.values() if u.kind is UnitKind.UNIT]
        if group.covers is Covers.NAMED:
            return [c for c in (self.canonical(m) for m in group.members) if c is not None and c in self.units]
        return []


# --- renamed units --------------------------------------------------------------------------


def name_on(unit: Unit, day: dt.date) -> str:
    """The name ``unit`` had at the end of ``day``: the former name of the first rename after it."""
    later = [r for r in unit.renamed if r.date > day]
    return min(later, key=lambda r: r.date).old if later else unit.name


@dataclass(frozen=True)
class NamesThen:
    """The names units had on a past day, for the units renamed since.

    ``then`` maps a name as the ledger writes it today (a unit's name or one of its aliases) to
    the name the unit had on ``day``, and ``now`` maps it to the unit's name today. Empty when
    no unit was renamed after ``day``.
    """

    day: dt.date | None = None
    then: dict[str, str] = field(default_factory=dict)
    now: dict[str, str] = field(default_factory=dict)

    def name(self, name: str) -> str:
        """The name ``name`` stood for on the day (itself when not renamed since)."""
        return self.then.get(name, name)

    def names(self, names: Sequence[str]) -> list[str]:
        return [self.then.get(n, n) for n in names]

    def __bool__(self) -> bool:
        return bool(self.then)


def names_then(ledger: Ledger, day: dt.date) -> NamesThen:
    then: dict[str, str] = {}
    now: dict[str, str] = {}
    for unit in ledger.units:
        if not unit.renamed:
            continue
        old = name_on(unit, day)
        if old == unit.name:
            continue
        for written in (unit.name, *unit.aliases):
            then.setdefault(written, old)
            now.setdefault(written, unit.name)
    return NamesThen(day, then, now)
