"""Plain-text and Markdown plans: bytes to text (deciding the encoding honestly) to blocks.

A Markdown plan is read as text: heading marks, bold marks, rules and page numbers are
markup, not words, so they are taken off here and nothing after this module sees them.
Pipe tables (``| 序号 | 工作任务 | 牵头单位 |``) become table blocks.
"""

from __future__ import annotations

import codecs
import re

from ..blocks import Block, HeaderBlock, ImportFailure, ParaBlock, TableBlock
from ..glued import split_glued

# The 500 most frequent Chinese characters, enough to tell a real GB18030 text from
# bytes of another encoding that GB18030 happens to decode into rare characters.
_COMMON = set(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严"
    "施案责督促监检牵头配合落实推善制度服务网站舆情信息"
)


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Return (text, encoding used). Raise ImportFailure rather than return mojibake."""
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise ImportFailure("import.err.unknown_encoding", encoding=encoding) from None
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError as exc:
            raise ImportFailure("import.err.decode", encoding=encoding, offset=exc.start) from None
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as exc:
                raise ImportFailure("import.err.decode", encoding=name, offset=exc.start) from None
    if b"\x00" in data:
        raise ImportFailure("import.err.binary")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc.start
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise ImportFailure("import.err.undecodable", offset=utf8_error) from None
    if not looks_chinese(text):
        raise ImportFailure("import.err.undecodable", offset=utf8_error)
    return text, "gb18030"


def looks_chinese(text: str) -> bool:
    han = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    if not han:
        return True
    return sum(c in _COMMON for c in han) / len(han) >= 0.35


_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_RULE = re.compile(r"^\s*(?:[-*_]\s*){3,}$")
_PAGE_NO = re.compile(r"^\s*(?:[-—–－]+\s*\d+\s*[-—–－]+|第\s*\d+\s*页(?:\s*[，,/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)\s*$")
_BOLD = re.compile(r"\*\*|__")
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")


def strip_bold(line: str) -> tuple[str, list[tuple[int, int]]]:
    """Remove ``**``/``__`` marks; return the text and the bold ranges in it."""
    out: list[str] = []
    ranges: list[tuple[int, int]] = []
    pos = 0
    length = 0
    start: int | None = None
    for m in _BOLD.finditer(line):
        chunk = line[pos : m.start()]
        out.append(chunk)
        length += len(chunk)
        if start is None:
            start = length
        else:
            ranges.append((start, length))
            start = None
        pos = m.end()
    out.append(line[pos:])
    return "".join(out), ranges


# A metadata header as saved web pages and archives put it: 标题: … / 发布时间: … / 文号: …
_HEADER_LINE = re.compile(r"^(?P<key>[\u4e00-\u9fffA-Za-z ]{1,8}?)\s*[:：]\s?(?P<value>.*)$")
_HEADER_KEYS = {"标题", "题目", "发布时间", "发文日期", "成文日期", "文号", "发文字号", "发布机构", "发文机关", "来源"}
_HEADER_END = re.compile(r"^\s*[=＝\-—]{5,}.*$")


def read_header(lines: list[str]) -> tuple[dict[str, str], int]:
    """The key: value header at the top of a text (two known keys at least), and how many lines it takes."""
    fields: dict[str, str] = {}
    known = 0
    for i, raw in enumerate(lines[:40]):
        if _HEADER_END.match(raw):
            return (fields, i + 1) if known >= 2 else ({}, 0)
        m = _HEADER_LINE.match(raw.strip())
        if m is None:
            if known >= 2 and (not raw.strip() or i >= 2):
                # a note or two may stand between the fields and the ==== 正文 ==== line
                end = next((j for j in range(i, min(i + 3, len(lines))) if _HEADER_END.match(lines[j])), None)
                return fields, (end + 1 if end is not None else i)
            if raw.strip() and not fields:
                return {}, 0
            continue
        key = m["key"].strip()
        known += key in _HEADER_KEYS
        fields.setdefault(key, m["value"].strip())
    return {}, 0


_CELL_GAP = re.compile(r"\t|[ \u3000]{2,}")


def _cells(line: str) -> list[str]:
    return [c.strip(" \u3000") for c in _CELL_GAP.split(line.strip(" \u3000"))]


def delimited_tables(lines: list[str]) -> dict[int, tuple[TableBlock | None, int]]:
    """Tables pasted from a browser or a spreadsheet: cells joined by tabs or by several spaces.

    A table starts at a line whose cells name a task column and a unit column, and goes on
    while lines keep at least two cells; a line of one cell continues the row above. Returns,
    for each line number of a table, the table (on its first line only) and its last line.
    """
    from ..tables import column_kind

    out: dict[int, tuple[TableBlock | None, int]] = {}
    i = 0
    while i < len(lines):
        head = _cells(lines[i]) if "\t" in lines[i] or "  " in lines[i] or "\u3000\u3000" in lines[i] else []
        # 序号 工作任务 牵头单位 配合单位 完成时限, one space apart (a PDF's text): every cell names a column
        single = not head and len(lines[i].split()) >= 3 and all(column_kind(c) for c in lines[i].split())
        head = lines[i].split() if single else head
        kinds = {column_kind(c) for c in head}
        if len(head) < 3 or "task" not in kinds or not kinds & {"lead", "coop", "resp"}:
            i += 1
            continue
        table = TableBlock(rows=[head], lines=[i + 1], rows_at=[None], label=None)
        j = i + 1
        while j < len(lines) and lines[j].strip():
            tabbed = "\t" in lines[j]
            cells = [c.strip(" \u3000") for c in lines[j].split("\t")] if tabbed else _cells(lines[j])
            if single and not tabbed:
                # one space apart: a row is a row only with exactly the header's cells
                cells = lines[j].split()
                if len(cells) not in (1, len(head)):
                    break
            if len(cells) >= 2:
                table.rows.append(cells)
                table.lines.append(j + 1)
                table.rows_at.append(None)
            elif len(table.rows) > 1:
                table.rows[-1][-1] += cells[0]
            else:
                break
            j += 1
        for k in range(i, j):
            out[k + 1] = (table if k == i else None, j)
        i = j
    return out


def text_blocks(text: str) -> list[Block]:
    """Split decoded text into paragraph-lines and pipe tables, 1-based line numbers kept."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    blocks: list[Block] = []
    fields, skip = read_header(lines)
    if fields:
        blocks.append(HeaderBlock(fields, 1))
    table: TableBlock | None = None
    delimited = delimited_tables(lines)
    for number, raw in enumerate(lines, start=1):
        if number <= skip:
            continue
        if number in delimited:
            found, last = delimited[number]
            if found is not None:
                blocks.append(found)
            if number <= last:
                continue
        raw = raw.replace("\f", "").replace("\ufeff", "")
        if _TABLE_ROW.match(raw):
            if _TABLE_SEP.match(raw):
                continue
            cells = [strip_bold(c.strip())[0].replace("<br>", "\n").replace("<br/>", "\n") for c in raw.strip().strip("|").split("|")]
            if table is None:
                table = TableBlock(rows=[], lines=[], rows_at=[], label=None)
                blocks.append(table)
            table.rows.append(cells)
            table.lines.append(number)
            table.rows_at.append(None)
            continue
        table = None
        if _RULE.match(raw) or _PAGE_NO.match(raw):
            blocks.append(ParaBlock(text="", line=number))
            continue
        heading = _MD_HEADING.match(raw)
        body = heading.group(1) if heading else raw
        if body.startswith(">"):
            body = body.lstrip(">")
        body = body.strip().strip("\u3000").strip()
        plain, bold = strip_bold(body)
        lead = len(plain) - len(plain.lstrip(" \u3000\t"))
        plain = plain.strip(" \u3000\t")
        bold = [(max(0, a - lead), max(0, b - lead)) for a, b in bold]
        pieces = split_glued(plain)
        if len(pieces) > 1:
            blocks.extend(ParaBlock(text=piece, line=number) for piece in pieces)
            continue
        blocks.append(ParaBlock(text=plain, line=number, heading=heading is not None, bold=bold))
    return blocks
