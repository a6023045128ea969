"""The round-trip fallback: the same change through ruamel.yaml's round-trip document.

It keeps comments inside the document but may reformat it. What precedes ``---`` and follows
``...`` is set aside and put back unchanged, and a result that lost any comment or document
marker is refused (``DropsComments``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from .. import yamlio
from .lines import Style, Unsupported, detect_style, newline
from .ops import Append, DataPath, DropKey, Op, SetKey, Value


def edit_roundtrip(text: str, ops: Sequence[Op]) -> str:
    """The same change through ruamel.yaml's round-trip document: keeps comments, may reformat."""
    import io

    yaml = _round_trip_yaml(text)
    head, body, tail = split_document(text)
    nl = newline(text)
    try:
        doc = yaml.load(body.replace("\r\n", "\n") if nl == "\r\n" else body)  # it keeps a CR in comments
    except Exception as exc:
        raise Unsupported("round-trip load") from exc
    for op in ops:
        _apply(doc, op)
    buf = io.StringIO()
    yaml.dump(doc, buf)
    out = buf.getvalue()
    out = head + (out.replace("\n", nl) if nl != "\n" else out) + tail
    if lost_marks(text, out):
        raise DropsComments("round-trip would drop comments")
    return out


def _round_trip_yaml(text: str) -> Any:
    """ruamel.yaml's round-trip reader and writer, set to the file's own list layout."""
    from ruamel.yaml import YAML
    from ruamel.yaml.nodes import MappingNode

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 1_000_000
    root = yamlio.compose(text)
    style = detect_style(root) if isinstance(root, MappingNode) else Style(2, 2, 2)
    yaml.indent(mapping=2, sequence=style.seq_indent + style.item_offset, offset=style.seq_indent)
    return yaml


def _apply(doc: Any, op: Op) -> None:
    if isinstance(op, SetKey):
        _put(_at(doc, op.at), op.key, _rt(op.value), op.order)
    elif isinstance(op, DropKey):
        _at(doc, op.at).pop(op.key, None)
    elif isinstance(op, Append):
        mapping = _at(doc, op.at)
        if mapping.get(op.key) is None:
            _put(mapping, op.key, [], op.order)
        items = mapping[op.key]
        items.insert(len(items) if op.after is None else op.after + 1, _rt(op.item))
    else:
        _at(doc, op.at[:-1])[op.at[-1]] = _rt(op.value)


def _rt(value: Value) -> Any:
    from ruamel.yaml.comments import CommentedMap

    if isinstance(value, dict):
        out = CommentedMap()
        for k, v in value.items():
            if v is not None and v != []:
                out[k] = _rt(v)
        return out
    if isinstance(value, list):
        return [_rt(v) for v in value]
    return value


def _at(doc: Any, path: DataPath) -> Any:
    node = doc
    for step in path:
        node = node[step]
    return node


def _put(mapping: Any, key: str, value: Any, order: tuple[str, ...]) -> None:
    """Set ``key``; a new key goes after the keys that come before it in model order."""
    from ruamel.yaml.comments import CommentedMap

    if key in mapping or not isinstance(mapping, CommentedMap):
        mapping[key] = value
        return
    rank = order.index(key) if key in order else len(order)
    keys = list(mapping)
    before = [i for i, k in enumerate(keys) if k in order and order.index(k) < rank]
    position = max(before, key=lambda i: order.index(keys[i])) + 1 if before else len(keys)
    mapping.insert(position, key, value)


class DropsComments(Unsupported):
    """The round-trip editor would lose a comment or a document marker: the change is refused."""


_DOC_START = re.compile(r"^---(?=[ \t]|\r?$)", re.M)
_DOC_END = re.compile(r"^\.\.\.(?=[ \t]|\r?$)", re.M)
_COMMENT = re.compile(r"(?:^|[ \t])(#[^\r\n]*)", re.M)


def split_document(text: str) -> tuple[str, str, str]:
    """The text before the body (up to a ``---`` line), the body, and the text from a ``...`` line on."""
    head = ""
    start = _DOC_START.search(text)
    if start is not None and _only_comments(text[: start.start()]):
        eol = text.find("\n", start.end())
        end = len(text) if eol == -1 else eol + 1
        rest = text[start.end() : end].strip()
        if rest and not rest.startswith("#"):
            raise Unsupported("content on the --- line")
        while end < len(text):  # ruamel.yaml drops the body's leading blank lines: keep them here
            eol = text.find("\n", end)
            if text[end : len(text) if eol == -1 else eol].strip():
                break
            end = len(text) if eol == -1 else eol + 1
        head = text[:end]
    tail = ""
    finish = _DOC_END.search(text, len(head))
    if finish is not None:
        tail = text[finish.start() :]
        eol = tail.find("\n")
        after = "" if eol == -1 else tail[eol + 1 :]
        rest = tail[3 : len(tail) if eol == -1 else eol].strip()
        if not _only_comments(after) or (rest and not rest.startswith("#")):
            raise Unsupported("content after ...")
    return head, text[len(head) : len(text) - len(tail)], tail


def _only_comments(text: str) -> bool:
    return all(not line.strip() or line.lstrip().startswith(("#", "%")) for line in text.splitlines())


def lost_marks(old: str, new: str) -> list[str]:
    """Comments and document markers of ``old`` that ``new`` no longer has."""
    from collections import Counter

    def marks(text: str) -> Counter[str]:
        found = Counter(m[1].rstrip() for m in _COMMENT.finditer(text))
        found.update(m[0] for m in _DOC_START.finditer(text))
        found.update(m[0] for m in _DOC_END.finditer(text))
        return found

    return sorted((marks(old) - marks(new)).elements())
