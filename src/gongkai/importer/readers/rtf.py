"""Rich Text Format: what many sites serve as a .doc ("export to Word"), and .rtf itself.

Read here with the standard library: paragraphs, and tables from ``\\cell``/``\\row`` with
vertically merged cells (``\\clvmrg``) given the value above. Bytes written as ``\\'hh`` are
decoded in the document's code page (``\\ansicpg``; GB18030 when a font is declared GB2312
while the code page is a Western one, as older Chinese word processors write); ``\\uN`` is a
Unicode character. Headers, footers, pictures, fields' instructions and every ``{\\*...}``
destination are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..blocks import Block, ImportFailure, ParaBlock, TableBlock
from ..limits import Limits, check
from .cells import join_cell_lines

_TOKEN = re.compile(rb"\\([a-zA-Z]+)(-?\d+)? ?|\\'([0-9a-fA-F]{2})|\\([^a-zA-Z])|([{}])|([^\\{}\r\n]+)|[\r\n]+")
# Groups whose text is not the document's: tables of fonts and styles, document information,
# pictures and objects, headers and footers, a field's instruction (its result is kept).
_SKIP = frozenset(
    ["fonttbl", "colortbl", "stylesheet", "listtable", "listoverridetable", "info", "pict", "object", "objdata", "shp", "shpinst", "nonshppict", "header", "headerl", "headerr", "headerf", "footer", "footerl", "footerr", "footerf", "footnote", "annotation", "fldinst", "xmlnstbl", "rsidtbl", "generator", "themedata", "colorschememapping", "datastore", "latentstyles", "revtbl", "pgdsctbl", "filetbl", "template", "userprops", "docvar", "bkmkstart", "bkmkend"]
)
MAX_DEPTH = 256
_CODEPAGES = {936: "gb18030", 54936: "gb18030", 950: "big5", 65001: "utf-8"}
_SYMBOLS = {b"~": "\u00a0", b"_": "-", b"-": "", b"\\": "\\", b"{": "{", b"}": "}", b"\n": "\n", b"\r": "\n"}


@dataclass
class _State:
    skip: bool = False
    uc: int = 1  # characters that stand in for each \uN, to be passed over


@dataclass
class _Reader:
    encoding: str
    limits: Limits
    blocks: list[Block] = field(default_factory=list)
    line: list[str] = field(default_factory=list)
    pending: bytearray = field(default_factory=bytearray)
    in_table: bool = False
    cell_lines: list[str] = field(default_factory=list)
    row: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    merged: list[bool] = field(default_factory=list)  # per cell of the row being defined: continues the cell above
    next_merged: bool = False
    paragraphs: int = 0
    cells: int = 0

    def flush(self) -> None:
        if self.pending:
            self.line.append(self.pending.decode(self.encoding, "replace"))
            self.pending.clear()

    def text(self, value: str) -> None:
        self.flush()
        self.line.append(value)

    def _take_line(self) -> str:
        self.flush()
        # a character beyond U+FFFF comes as two \uN halves: join them; a lone half is dropped
        joined = "".join(self.line).encode("utf-16", "surrogatepass").decode("utf-16", "replace")
        out = joined.replace("\u00a0", " ").replace("\ufffd", "").strip()
        self.line.clear()
        return out

    def par(self) -> None:
        text = self._take_line()
        if self.in_table:
            self.cell_lines.append(text)
            return
        self.close_table()
        if text:
            self.paragraphs += 1
            check("paragraphs", self.paragraphs, self.limits)
            self.blocks.append(ParaBlock(text, self.paragraphs))

    def cell(self) -> None:
        self.cell_lines.append(self._take_line())
        self.row.append(join_cell_lines([c for c in self.cell_lines if c]))
        self.cell_lines = []
        self.cells += 1
        check("cells", self.cells, self.limits)

    def end_row(self) -> None:
        if self.line or self.pending:
            self.cell()
        if self.row:
            above = self.rows[-1] if self.rows else []
            for c, continues in enumerate(self.merged[: len(self.row)]):
                if continues and not self.row[c] and c < len(above):
                    self.row[c] = above[c]
            self.rows.append(self.row)
        self.row = []
        self.in_table = False

    def close_table(self) -> None:
        if self.rows:
            n = len(self.rows)
            self.blocks.append(TableBlock(rows=self.rows, lines=[None] * n, rows_at=list(range(1, n + 1)), label=None))
            self.rows = []

    def finish(self) -> list[Block]:
        if self.line or self.pending:
            self.par()
        self.end_row()
        self.close_table()
        tables = [b for b in self.blocks if isinstance(b, TableBlock)]
        for k, table in enumerate(tables, start=1):
            table.label = f"table{k}" if len(tables) > 1 else None
        return self.blocks


def _encoding(data: bytes) -> str:
    m = re.search(rb"\\ansicpg(\d+)", data[:4096])
    page = int(m.group(1)) if m else 1252
    if page in _CODEPAGES:
        return _CODEPAGES[page]
    if re.search(rb"\\fcharset134\b", data[:65536]):  # a GB2312 font under a Western code page
        return "gb18030"
    if re.search(rb"\\fcharset136\b", data[:65536]):
        return "big5"
    return f"cp{page}"


def rtf_blocks(data: bytes, limits: Limits) -> list[Block]:
    if not data.lstrip().startswith(b"{\\rtf"):
        raise ImportFailure("import.err.bad_rtf", detail="no {\\rtf header")
    encoding = _encoding(data)
    try:
        "".encode(encoding)
    except LookupError:
        encoding = "cp1252"
    reader = _Reader(encoding, limits)
    stack: list[_State] = [_State()]
    deeper = 0  # groups opened past MAX_DEPTH: counted, not kept (a hostile file nests millions)
    skip_chars = 0  # the stand-ins of the last \uN still to pass over
    first_in_group = False
    pos = 0
    while pos < len(data):
        m = _TOKEN.match(data, pos)
        if m is None:  # a lone backslash at the very end
            break
        pos = m.end()
        word, arg, hexbyte, symbol, brace, text = m.groups()
        state = stack[-1]
        if brace == b"{":
            if len(stack) < MAX_DEPTH:
                stack.append(_State(state.skip, state.uc))
            else:
                deeper += 1
            first_in_group = True
            continue
        if brace == b"}":
            if deeper:
                deeper -= 1
            elif len(stack) > 1:
                stack.pop()
            first_in_group = False
            continue
        if word == b"bin":  # raw bytes follow: never read them as text or braces
            pos += max(0, int(arg or 0))
            continue
        starts_group, first_in_group = first_in_group, False
        if symbol == b"*" and starts_group:
            state.skip = True  # {\*\destination ...}: one this reader does not know
            continue
        if word is not None:
            name = word.decode("ascii")
            if name in _SKIP:
                state.skip = True
                continue
            if state.skip:
                continue
            if name == "uc":
                state.uc = int(arg or 1)
            elif name == "u":
                code = int(arg or 0)
                code += 65536 if code < 0 else 0
                reader.text(chr(code) if 0 < code < 0x110000 else "")
                skip_chars = state.uc
                continue
            elif name in ("par", "line", "sect", "page"):
                reader.par()
            elif name == "tab":
                reader.text("\t")
            elif name in ("cell", "nestcell"):
                reader.cell()
            elif name in ("row", "nestrow"):
                reader.end_row()
            elif name == "intbl":
                reader.in_table = True
            elif name == "pard":
                reader.in_table = False
            elif name == "trowd":
                reader.merged, reader.next_merged = [], False
            elif name == "clvmrg":
                reader.next_merged = True
            elif name == "cellx":
                reader.merged.append(reader.next_merged)
                reader.next_merged = False
            elif name in ("emdash", "endash"):
                reader.text("—" if name == "emdash" else "–")
            elif name in ("lquote", "rquote", "ldblquote", "rdblquote"):
                reader.text({"lquote": "‘", "rquote": "’", "ldblquote": "“", "rdblquote": "”"}[name])
            skip_chars = 0
            continue
        if state.skip:
            continue
        if hexbyte is not None:
            if skip_chars:
                skip_chars -= 1
                continue
            reader.pending.append(int(hexbyte, 16))
            continue
        if symbol is not None:
            if skip_chars:
                skip_chars -= 1
                continue
            if symbol in (b"\n", b"\r"):
                reader.par()
            else:
                reader.text(_SYMBOLS.get(symbol, ""))
            continue
        if text is not None:
            if skip_chars:
                n = min(skip_chars, len(text))
                text, skip_chars = text[n:], skip_chars - n
            reader.pending.extend(text)
    return reader.finish()


__all__ = ["rtf_blocks"]
