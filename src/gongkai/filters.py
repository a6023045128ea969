"""The filter language of ``gongkai list`` (docs/filters.md): parse words, bind them, select, sort, group.

``status:推进中 lead:宣传部 due.before:eom 公开`` is a list of words; each word is a test and the
words are ANDed. ``or`` and parentheses combine them. Parsing checks keys and fixed values;
binding to a ledger and a date resolves unit names, sections and dates once, so that testing
ten thousand tasks costs one set lookup per word and task. Pure: no terminal, no typer.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .completion import FILTER_KEYS, NEGATABLE
from .dates import days_in_month
from .errors import UsageError
from .i18n import Suggestions
from .models import Ledger, Status, effective_due
from .names import Directory
from .queries import Light, Reason, TaskState, task_due

Predicate = Callable[[TaskState], bool]

# --- the vocabulary -------------------------------------------------------------------------------

# The keys live with completion, so that a TAB offers them without loading the models.
KEYS = FILTER_KEYS
KEY_ALIASES = {
    "cooperate": "coop",
    "状态": "status",
    "灯": "light",
    "章节": "section",
    "牵头": "lead",
    "配合": "coop",
    "督导": "supervise",
    "单位": "unit",
    "期限": "due",
}

STATUS_VALUES: dict[str, frozenset[Status]] = {
    **{s.value: frozenset({s}) for s in Status},
    "not-started": frozenset({Status.NOT_STARTED}),
    "in-progress": frozenset({Status.IN_PROGRESS}),
    "未启动": frozenset({Status.NOT_STARTED}),
    "推进中": frozenset({Status.IN_PROGRESS}),
    "已完成": frozenset({Status.DONE}),
    "办结": frozenset({Status.DONE}),
    "已办结": frozenset({Status.DONE}),
    "已取消": frozenset({Status.CANCELLED}),
    "open": frozenset({Status.NOT_STARTED, Status.IN_PROGRESS}),
    "未办结": frozenset({Status.NOT_STARTED, Status.IN_PROGRESS}),
}
LIGHT_VALUES: dict[str, Light] = {
    **{light.value: light for light in Light},
    "红": Light.RED,
    "红灯": Light.RED,
    "黄": Light.YELLOW,
    "黄灯": Light.YELLOW,
    "绿": Light.GREEN,
    "绿灯": Light.GREEN,
}
YES = frozenset({"yes", "y", "true", "1", "是"})
NO = frozenset({"no", "n", "false", "0", "否"})
HAS_VALUES: dict[str, str] = {
    "evidence": "evidence",
    "佐证": "evidence",
    "updates": "updates",
    "update": "updates",
    "进展": "updates",
    "reports": "reports",
    "report": "reports",
    "doubts": "doubts",
    "doubt": "doubts",
    "存疑": "doubts",
    "note": "note",
    "notes": "note",
    "备注": "note",
    "coop": "coop",
    "cooperate": "coop",
    "配合": "coop",
    "supervise": "supervise",
    "督导": "supervise",
}
OR_WORDS = frozenset({"or", "OR", "或"})

# --- the parse tree -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """One ``key:value`` filter word (negated with a leading minus)."""

    key: str  # canonical key, e.g. "due.before"
    value: str
    word: str  # as the user typed it, for messages
    negate: bool = False


@dataclass(frozen=True)
class Words:
    """Free text: a task's title, text or one of its notes must contain it."""

    text: str  # casefolded free text


@dataclass(frozen=True)
class All:
    """Every part must hold (words side by side)."""

    parts: tuple[Node, ...]


@dataclass(frozen=True)
class Any_:
    """One part must hold (words joined by ``or``)."""

    parts: tuple[Node, ...]


Node = Term | Words | All | Any_


def _err(message: str, /, **args: object) -> UsageError:
    return UsageError(message, **args)


def _suggest(name: str, candidates: Sequence[str]) -> Suggestions:
    from .names import suggest

    return suggest(name, list(candidates))


def _tokens(words: Sequence[str]) -> list[str]:
    """Split ASCII parentheses off the words; ``section:二(二)`` keeps its own balanced pair."""
    out: list[str] = []
    for raw in words:
        for word in raw.split():
            while word.startswith("("):
                out.append("(")
                word = word[1:]
            trail = 0
            while word.endswith(")") and word.count(")") > word.count("("):
                word = word[:-1]
                trail += 1
            if word:
                out.append(word)
            out.extend(")" * trail)
    return out


def _term(word: str) -> Term | Words:
    m = re.match(r"^([^\s:：]+)[:：](.*)$", word)
    if m is None:
        return Words(word.casefold())
    raw_key, value = m[1], m[2].strip()
    key = raw_key.lower()
    negate = False
    if key.endswith(".not") and key[:-4] in (*NEGATABLE, *KEY_ALIASES):
        key, negate = key[:-4], True
    key = KEY_ALIASES.get(key, key)
    if key not in KEYS or (negate and key not in NEGATABLE):
        if "://" in word or re.match(r"^\d", raw_key):
            return Words(word.casefold())  # a URL or a time of day is text, not a key
        raise _err("filter.err.unknown_key", word=word, name=raw_key, hint=_suggest(raw_key, KEYS))
    if not value:
        raise _err("filter.err.empty", word=word)
    _check_value(key, value, word)
    return Term(key, value, word, negate)


def _check_value(key: str, value: str, word: str) -> None:
    allowed: Sequence[str] = ()
    if key == "status":
        allowed = list(STATUS_VALUES)
    elif key == "light":
        allowed = list(LIGHT_VALUES)
    elif key in ("has", "no"):
        allowed = list(HAS_VALUES)
    elif key in ("recurring", "ongoing", "late"):
        allowed = [*YES, *NO]
    if allowed and value.lower() not in allowed:
        allowed = ["yes", "no"] if key in ("recurring", "ongoing", "late") else allowed
        raise _err("filter.err.bad_value", word=word, value=value, allowed=", ".join(a for a in allowed if a.isascii()))


def parse(words: Sequence[str]) -> Node:
    """The parse tree of filter words; raises UsageError on an unknown key, a bad value or bad nesting."""
    tokens = _tokens(words)
    pos = 0

    def expr() -> Node:
        nonlocal pos
        alternatives = [conjunction()]
        while pos < len(tokens) and tokens[pos] in OR_WORDS:
            pos += 1
            if pos >= len(tokens) or tokens[pos] in OR_WORDS or tokens[pos] == ")":
                raise _err("filter.err.or")
            alternatives.append(conjunction())
        return alternatives[0] if len(alternatives) == 1 else Any_(tuple(alternatives))

    def conjunction() -> Node:
        nonlocal pos
        parts: list[Node] = []
        while pos < len(tokens) and tokens[pos] not in OR_WORDS and tokens[pos] != ")":
            if tokens[pos] == "(":
                pos += 1
                inner = expr()
                if pos >= len(tokens) or tokens[pos] != ")":
                    raise _err("filter.err.parens")
                pos += 1
                parts.append(inner)
            else:
                parts.append(_term(tokens[pos]))
                pos += 1
        if not parts:
            raise _err("filter.err.or")
        return parts[0] if len(parts) == 1 else All(tuple(parts))

    if not tokens:
        return All(())
    tree = expr()
    if pos < len(tokens):
        raise _err("filter.err.parens")
    return tree


# --- dates ----------------------------------------------------------------------------------------

_RELATIVE = r"^([+-])(\d{1,4})([dwmy])$"  # compiled (by ``re``, once) when a filter first needs it


def _add_months(day: dt.date, months: int) -> dt.date:
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    return dt.date(year, month, min(day.day, days_in_month(year, month)))


def parse_date_word(value: str, as_of: dt.date) -> dt.date | None:
    """``today``, ``eow``/``eom``/``eoq``/``eoy``, ``+7d``/``-2w``/``+1m``, or a date; None if none of these."""
    from .dates import parse_user_date

    word = value.strip().lower()
    named = {
        "today": as_of,
        "今天": as_of,
        "yesterday": as_of - dt.timedelta(days=1),
        "tomorrow": as_of + dt.timedelta(days=1),
        "eow": as_of + dt.timedelta(days=6 - as_of.weekday()),
        "eom": dt.date(as_of.year, as_of.month, days_in_month(as_of.year, as_of.month)),
        "eoy": dt.date(as_of.year, 12, 31),
    }
    if word == "eoq":
        last = (as_of.month - 1) // 3 * 3 + 3
        return dt.date(as_of.year, last, days_in_month(as_of.year, last))
    if word in named:
        return named[word]
    m = re.match(_RELATIVE, word)
    if m is not None:
        n = int(m[2]) * (1 if m[1] == "+" else -1)
        unit = m[3]
        if unit in "dw":
            return as_of + dt.timedelta(days=n * (7 if unit == "w" else 1))
        return _add_months(as_of, n * (12 if unit == "y" else 1))
    try:
        return parse_user_date(value)
    except UsageError:
        return None


# --- binding to a ledger --------------------------------------------------------------------------


def _is_late(st: TaskState, ledger: Ledger) -> bool:
    if st.reason is Reason.OVERDUE:
        return True
    due = effective_due(st.task, ledger.plan)
    if st.task.completed is not None and due is not None and st.task.completed > due:
        return True
    return any(o.fulfilled_on is not None and o.due is not None and o.fulfilled_on > o.due for o in st.obligations)


def _has(what: str) -> Predicate:
    if what == "evidence":
        return lambda st: any(u.evidence for u in st.task.updates) or any(r.evidence for r in st.task.reports)
    if what == "updates":
        return lambda st: bool(st.task.updates)
    if what == "reports":
        return lambda st: bool(st.task.reports)
    if what == "doubts":
        return lambda st: bool(st.task.doubts)
    if what == "coop":
        return lambda st: bool(st.task.cooperate)
    if what == "supervise":
        return lambda st: bool(st.task.supervise)
    return lambda st: bool(st.task.note)


def haystack(st: TaskState) -> str:
    """What free words search: title, text and every note."""
    task = st.task
    notes = [task.note or "", *(u.note or "" for u in task.updates), *(r.note or "" for r in task.reports)]
    return "\n".join([task.title, task.text, *notes]).casefold()


class Binder:
    """Binds parsed words to one ledger and date; builds the name directory and section tree once."""

    def __init__(self, ledger: Ledger, as_of: dt.date) -> None:
        self.ledger = ledger
        self.as_of = as_of
        self.directory = Directory(ledger)
        self._children: dict[str, list[str]] = {}
        for sec in ledger.sections:
            if sec.parent is not None:
                self._children.setdefault(sec.parent, []).append(sec.number)
        self._haystacks: dict[int, str] = {}
        self._section_numbers = {s.number for s in ledger.sections} | {t.section for t in ledger.tasks}

    def bind(self, node: Node) -> Predicate:
        if isinstance(node, All):
            preds = [self.bind(p) for p in node.parts]
            return lambda st: all(p(st) for p in preds)
        if isinstance(node, Any_):
            alts = [self.bind(p) for p in node.parts]
            return lambda st: any(p(st) for p in alts)
        if isinstance(node, Words):
            return self._words(node.text)
        pred = self._term(node)
        if node.negate:
            return lambda st: not pred(st)
        return pred

    def _words(self, text: str) -> Predicate:
        cache = self._haystacks

        def pred(st: TaskState) -> bool:
            key = id(st.task)
            found = cache.get(key)
            if found is None:
                found = cache[key] = haystack(st)
            return text in found

        return pred

    def _term(self, term: Term) -> Predicate:
        key, value = term.key, term.value
        low = value.lower()
        if key == "status":
            wanted = STATUS_VALUES[low]
            return lambda st: st.task.status in wanted
        if key == "light":
            light = LIGHT_VALUES[low]
            return lambda st: st.light is light
        if key == "section":
            number = term.value.replace("(", "（").replace(")", "）").replace(" ", "")
            if number not in self._section_numbers and any(t.number == number for t in self.ledger.tasks):
                return lambda st: st.task.number == number  # a plan number: that item's clauses
            sections = self._sections(term)
            return lambda st: st.task.section in sections
        if key in ("lead", "coop", "supervise", "unit"):
            return self._unit(term)
        if key in ("recurring", "ongoing", "late"):
            yes = low in YES
            if key == "recurring":
                return lambda st: (st.task.repeat is not None) is yes
            if key == "ongoing":
                return lambda st: st.task.ongoing is yes
            ledger = self.ledger
            return lambda st: _is_late(st, ledger) is yes
        if key in ("has", "no"):
            has = _has(HAS_VALUES[low])
            return has if key == "has" else (lambda st: not has(st))
        return self._date(term)

    def _date(self, term: Term) -> Predicate:
        day = parse_date_word(term.value, self.as_of)
        if day is None:
            raise _err("filter.err.bad_date", word=term.word, value=term.value)
        field, _, op = term.key.partition(".")
        ledger = self.ledger

        def value_of(st: TaskState) -> dt.date | None:
            return task_due(st, ledger) if field == "due" else st.task.completed

        if op == "before":
            return lambda st: (v := value_of(st)) is not None and v <= day
        if op == "after":
            return lambda st: (v := value_of(st)) is not None and v >= day
        return lambda st: value_of(st) == day

    def _sections(self, term: Term) -> frozenset[str]:
        number = term.value.replace("(", "（").replace(")", "）").replace(" ", "")
        known = [s.number for s in self.ledger.sections]
        if number not in self._section_numbers:
            numbers = dict.fromkeys(t.number for t in self.ledger.tasks)
            raise _err("filter.err.unknown_section", word=term.word, section=term.value, hint=_suggest(number, [*known, *numbers]))
        out = {number}
        todo = [number]
        while todo:
            for child in self._children.get(todo.pop(), []):
                if child not in out:
                    out.add(child)
                    todo.append(child)
        return frozenset(out)

    def _unit(self, term: Term) -> Predicate:
        d = self.directory
        canon = d.canonical(term.value)
        if canon is None:
            raise _err("filter.err.unknown_unit", word=term.word, name=term.value, hint=_suggest(term.value, d.known_names()))
        names = self._spellings(canon)
        if term.key == "unit" and canon in d.units:
            for group in d.groups:
                if canon in d.members(group):
                    names |= self._spellings(group)
        if term.key == "lead":
            return lambda st: any(n in names for n in st.task.lead)
        if term.key == "coop":
            return lambda st: any(n in names for n in st.task.cooperate)
        if term.key == "supervise":
            return lambda st: any(n in names for n in st.task.supervise)
        return lambda st: any(n in names for n in st.task.lead) or any(n in names for n in st.task.cooperate)

    def _spellings(self, canon: str) -> set[str]:
        """A registered name and every alias of it: the ways a task may write it."""
        return {canon, *(alias for alias, target in self.directory.alias_of.items() if target == canon)}


def compile_filter(words: Sequence[str], ledger: Ledger, as_of: dt.date) -> Predicate:
    """One predicate for the words, with names, sections and dates resolved once."""
    return Binder(ledger, as_of).bind(parse(words))


def matching_ids(ledger: Ledger, as_of: dt.date, words: Sequence[str]) -> set[str] | None:
    """The ids of the tasks the words select, for reports that filter their own rows; None when no words."""
    if not words:
        return None
    from .queries import states

    pred = compile_filter(words, ledger, as_of)
    return {st.task.id for st in states(ledger, as_of) if pred(st)}


def narrow(ledger: Ledger, as_of: dt.date, words: Sequence[str]) -> Ledger:
    """The ledger with only the tasks the words select (the ledger itself when there are none):
    how ``overdue``, ``unit`` and ``export`` take filters without a second code path."""
    keep = matching_ids(ledger, as_of, words)
    if keep is None:
        return ledger
    return _keep(ledger, keep)


def _keep(ledger: Ledger, ids: set[str]) -> Ledger:
    return ledger.model_copy(update={"tasks": [task for task in ledger.tasks if task.id in ids]})


# A name the words use that one ledger of several does not know: that ledger has no task to select.
_NOT_HERE = ("filter.err.unknown_unit", "filter.err.unknown_section")


def narrow_each(ledgers: Sequence[Ledger], as_of: dt.date, words: Sequence[str]) -> list[Ledger]:
    """``narrow`` for the ledgers of a workspace. A unit or section that some ledgers do not know
    selects nothing in them; it is an error only when none of them knows it."""
    out: list[Ledger] = []
    refused: UsageError | None = None
    for ledger in ledgers:
        try:
            out.append(narrow(ledger, as_of, words))
        except UsageError as exc:
            if exc.key not in _NOT_HERE:
                raise
            refused = refused or exc
            out.append(_keep(ledger, set()))
    if refused is not None and all(not ledger.tasks for ledger in out):
        raise refused
    return out
