"""The wording of YAML problems: reader and parser errors, and the guards around them.

ruamel.yaml's messages are written for YAML experts ("mapping values are not allowed
here"); each is turned into one located problem that says what to do, in the catalog's
words. The guards (nesting, alias bombs, an empty file, a top level that is not a
mapping) and the full-width punctuation a Chinese input method types are worded here too.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ..errors import Problem
from ..i18n import Term
from ..yamlio import COMPLEX_KEY, MAX_DEPTH, NOT_A_NUMBER, compose, index_position, locate, mappings, position, split_lines
from .rules import found

if TYPE_CHECKING:
    from ruamel.yaml.nodes import Node


def too_deep_problem(mark: Any, path: str, text: str) -> Problem:
    line, col = position(mark, text)
    return found("GK007", "p.yaml.too_deep", path=path, line=line, col=col, limit=MAX_DEPTH)


def alias_bomb_problem(mark: Any, path: str, text: str) -> Problem:
    line, col = position(mark, text) if mark is not None else (1, 1)
    return found("GK007", "p.yaml.alias_bomb", path=path, line=line, col=col)


def top_level_problem(data: Any, root: Node | None, path: str, text: str) -> Problem | None:
    """GK006 when the document is empty or is not a mapping; None for a mapping."""
    if data is None:
        return found("GK006", "p.yaml.empty", path=path, line=1, col=1)
    if isinstance(data, dict):
        return None
    line, col = locate(root, (), text)
    kind = Term("yaml.kind.list" if isinstance(data, list) else "yaml.kind.scalar")
    return found("GK006", "p.yaml.not_mapping", path=path, line=line, col=col, found=kind)


def yaml_error_problem(exc: BaseException, path: str, text: str) -> Problem:
    """Turn any ruamel.yaml error into one located problem."""
    from ruamel.yaml.constructor import ConstructorError, DuplicateKeyError
    from ruamel.yaml.error import MarkedYAMLError
    from ruamel.yaml.reader import ReaderError

    if isinstance(exc, ReaderError) and isinstance(exc.character, int) and chr(exc.character) in text:
        # A character YAML does not allow anywhere. The C reader gives a byte offset, not a
        # mark; it stops at the first such character, so the first occurrence is the one.
        line, col = index_position(text, text.index(chr(exc.character)))
        return found("GK002", "p.yaml.bad_character", path=path, line=line, col=col, char=f"U+{exc.character:04X}")
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    context = getattr(exc, "context_mark", None)
    what = str(getattr(exc, "problem", "") or "")
    if context is not None and "end of stream" in what:
        # An unclosed quote or bracket is found only at the end of the file; the place to fix is where it opened.
        mark = context
    line, col = position(mark, text) if mark is not None else (1, 1)
    if isinstance(exc, DuplicateKeyError):
        key = _duplicate_key_name(what)
        first = _first_key_line(text, context, key) if context is not None else line
        return found("GK004", "p.yaml.duplicate_key", path=path, line=line, col=col, key=key, first=first)
    if isinstance(exc, ConstructorError) and "could not determine a constructor for the tag" in what:
        return found("GK003", "p.yaml.unsafe_tag", path=path, line=line, col=col, tag=_short_tag(what))
    if isinstance(exc, MarkedYAMLError):
        found_odd = _UNUSUAL_BREAKS.search(text)
        odd = found_odd.start() if found_odd else None
        if odd is not None and (mark is None or odd <= getattr(mark, "index", odd)):
            # Invisible in editors, but YAML ends the line there: the error follows from it.
            odd_line, odd_col = index_position(text, odd)
            return found("GK002", "p.yaml.line_separator", path=path, line=odd_line, col=odd_col, char=f"U+{ord(text[odd]):04X}")
        if _tab_indent(text, line):
            return found("GK005", "p.yaml.tab", path=path, line=line, col=col)
        raw_context = str(exc.context or "")
        if "duplicate anchor" in raw_context:
            what, raw_context = "found duplicate anchor", ""
        detail = _worded(what.strip() or raw_context.strip(), _PROBLEM_WORDS)
        where = _CONTEXT_WORDS.get(raw_context, raw_context)
        if context is not None and where:
            context_line, context_col = position(context, text)
            return found(
                "GK002", "p.yaml.syntax_context", path=path, line=line, col=col,
                detail=detail, context=where, context_line=context_line, context_col=context_col,
            )
        key = "p.yaml.syntax_worded" if isinstance(detail, Term) else "p.yaml.syntax"
        return found("GK002", key, path=path, line=line, col=col, detail=detail)
    return found("GK002", "p.yaml.syntax", path=path, line=line, col=col, detail=str(exc))


# What the YAML reader says, by the start of its wording, and the catalog entry that says it for people.
_PROBLEM_WORDS = {
    "mapping values are not allowed": "yaml.problem.mapping_values",
    "did not find expected ',' or ']'": "yaml.problem.flow_list_end",
    "did not find expected ',' or '}'": "yaml.problem.flow_mapping_end",
    "found unexpected end of stream": "yaml.problem.end_of_stream",
    "did not find expected key": "yaml.problem.expected_key",
    "did not find expected '-' indicator": "yaml.problem.expected_dash",
    "could not find expected ':'": "yaml.problem.expected_colon",
    "found unexpected ':'": "yaml.problem.unexpected_colon",
    "found undefined alias": "yaml.problem.undefined_alias",
    "found duplicate anchor": "yaml.problem.duplicate_anchor",
    "found character that cannot start any token": "yaml.problem.bad_start",
    "but found another document": "yaml.problem.another_document",
    "did not find expected <document start>": "yaml.problem.after_document",
    COMPLEX_KEY: "yaml.problem.complex_key",
    NOT_A_NUMBER: "yaml.problem.not_a_number",
}
# What it was reading when it failed: worded, or dropped ("") when it adds nothing.
_CONTEXT_WORDS: dict[str, Term | str] = {
    "while parsing a flow sequence": Term("yaml.context.flow_list"),
    "while parsing a flow mapping": Term("yaml.context.flow_mapping"),
    "while scanning a quoted scalar": Term("yaml.context.quoted"),
    "while parsing a block mapping": Term("yaml.context.mapping"),
    "while parsing a block collection": Term("yaml.context.list"),
    "while scanning a simple key": Term("yaml.context.key"),
    "while scanning a plain scalar": Term("yaml.context.plain"),
    "while scanning for the next token": "",
    "expected a single document in the stream": "",
}


def _worded(raw: str, table: dict[str, str]) -> Term | str:
    key = next((k for prefix, k in table.items() if raw.startswith(prefix)), None)
    return Term(key) if key is not None else raw


_UNUSUAL_BREAKS = re.compile("[\x85\u2028\u2029]")


def _short_tag(what: str) -> str:
    # ruamel words it: could not determine a constructor for the tag 'tag:yaml.org,2002:python/name:os.system'
    start, end = what.find("'"), what.rfind("'")
    tag = what[start + 1 : end] if 0 <= start < end else what
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


def _first_key_line(text: str, mapping_mark: Any, key: str) -> int:
    """Line of the first ``key`` in the mapping that starts at ``mapping_mark`` (composing does not check duplicates)."""
    from ruamel.yaml.error import YAMLError

    try:
        root = compose(text)
    except YAMLError:
        return position(mapping_mark, text)[0]
    for node in mappings(root):
        if (node.start_mark.line, node.start_mark.column) == (mapping_mark.line, mapping_mark.column):
            for k, _ in node.value:
                if getattr(k, "value", None) == key:
                    return position(k.start_mark, text)[0]
    return position(mapping_mark, text)[0]


def _tab_indent(text: str, line: int) -> bool:
    lines = split_lines(text)
    if not 1 <= line <= len(lines):
        return False
    raw = lines[line - 1]
    return "\t" in raw[: len(raw) - len(raw.lstrip(" \t"))]


def _duplicate_key_name(text: str) -> str:
    # ruamel words it: found duplicate key "a" with value "2" (original value: "1")
    start = text.find('"')
    end = text.find('"', start + 1)
    return text[start + 1 : end] if start != -1 and end != -1 else text


# What a Chinese input method types where YAML needs ASCII, at the start of a line that
# holds a key of the format (or a list item): a full-width colon after the key, full-width
# spaces as indentation, Chinese quotes around the key.
_ITEM = r"(?:-[ \t]+)*"
_KEY = r"(?P<key>[A-Za-z_][A-Za-z0-9_]*)"
_QUOTES = "“”‘’「」『』"
_FULLWIDTH_COLON = re.compile(rf"^[ \t\u3000]*{_ITEM}([\"']?){_KEY}\1[ \t]*(?P<at>：)")
_FULLWIDTH_SPACE = re.compile(rf"^[ \t]*(?P<at>\u3000)[ \t\u3000]*(?:-[ \t\u3000]|[{_QUOTES}]?{_KEY}[{_QUOTES}]?[ \t]*[:：])")
_CHINESE_QUOTES = re.compile(rf"^[ \t\u3000]*{_ITEM}(?P<at>[{_QUOTES}]){_KEY}[{_QUOTES}][ \t]*[:：]")


def fullwidth_problems(text: str, path: str, keys: frozenset[str], root: Node | None = None) -> list[Problem]:
    """GK008 at each full-width colon, full-width indentation or Chinese quote around one of ``keys``.

    Asked only once the file has failed to parse or to fit the format, so text that merely
    contains such characters is not flagged in a file that loads; with the node tree at
    hand, lines inside a multi-line text value (a block of plan text) are left alone too.
    """
    inside = _text_lines(root, text)
    out: list[Problem] = []
    for n, raw in enumerate(split_lines(text), start=1):
        if n in inside:
            continue
        for pattern, message in ((_FULLWIDTH_SPACE, "p.yaml.fullwidth_space"), (_CHINESE_QUOTES, "p.yaml.chinese_quotes"), (_FULLWIDTH_COLON, "p.yaml.fullwidth_colon")):
            m = pattern.match(raw)
            key = m["key"] if m is not None else None
            if m is None or (key is not None and key not in keys):
                continue
            out.append(found("GK008", message, path=path, line=n, col=m.start("at") + 1, key=key or "", char=m["at"]))
            break
    return out


def _text_lines(root: Node | None, text: str) -> set[int]:
    """The lines that continue a multi-line text value (not its first line, where its key is)."""
    from ruamel.yaml.nodes import ScalarNode, SequenceNode

    lines: set[int] = set()
    for mapping in mappings(root):
        for _key, value in mapping.value:
            for node in value.value if isinstance(value, SequenceNode) else [value]:
                if isinstance(node, ScalarNode) and node.end_mark.line > node.start_mark.line:
                    first, last = position(node.start_mark, text)[0], position(node.end_mark, text)[0]
                    lines.update(range(first + 1, last + 1))
    return lines
