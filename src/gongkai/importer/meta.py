"""The plan's metadata: title, 文号, issuer, date, 抄送, and where the body starts and ends."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from dataclasses import dataclass, field

from .deadlines import cn_int
from .structure import DATE_LINE, Para, numbering
from .units import split_units

_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,12}\s*[〔\[［【(（]\s*(?:\d{4})\s*[〕\]］】)）]\s*\d{1,4}\s*号")
_TITLE_END = re.compile(r"(?:实施方案|工作方案|行动方案|推进方案|方案|工作要点|实施意见|任务分工(?:表|方案)?|责任分工(?:表|方案)?|分工方案|工作计划|实施细则|任务清单)$")
_NOTICE = re.compile(r"关于印发(?P<t>.+?)的通知")
_COPY = re.compile(r"^抄\s*送\s*[:：]\s*(?P<list>.*)$")
_ISSUED_LINE = re.compile(r"^(?P<body>.*?)(?P<date>(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,2}\s*月\s*[\d一二三四五六七八九十]{1,3}\s*日)\s*印\s*发$")
_DATE_PARTS = re.compile(r"(?P<y>\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*(?P<m>[\d一二三四五六七八九十]{1,2})\s*月\s*(?P<d>[\d一二三四五六七八九十]{1,3})\s*日")
_YEAR_RANGE = re.compile(r"(?P<a>\d{4})\s*(?:年)?\s*[-—–~～至到]\s*(?P<b>\d{4})\s*年")
_YEAR = re.compile(r"(?P<a>\d{4})\s*年")


def tidy(text: str) -> str:
    """Drop the spaces conversion tools put between Chinese and digits (2018 年)."""
    return re.sub(r"(?<=[\u4e00-\u9fff《》“”（）])\s+|\s+(?=[\u4e00-\u9fff《》“”（）])", "", text.strip())


def parse_date(text: str) -> dt.date | None:
    m = _DATE_PARTS.search(text)
    if not m:
        return None
    try:
        return dt.date(cn_int(m["y"]), cn_int(m["m"]), cn_int(m["d"]))
    except ValueError:
        return None


@dataclass
class Meta:
    title: str | None = None
    doc_number: str | None = None
    issuer: str | None = None
    issued: dt.date | None = None
    copied_to: list[str] = field(default_factory=list)
    year: int | None = None
    end_year: int | None = None
    body_start: int = 0  # index of the first paragraph of the plan itself
    body_end: int = 0  # index past its last paragraph
    lines: dict[str, int] = field(default_factory=dict)  # where each field was found


_ISO_DATE = re.compile(r"(?P<y>\d{4})[-/.年](?P<m>\d{1,2})[-/.月](?P<d>\d{1,2})")


def apply_header(meta: Meta, fields: dict[str, str]) -> None:
    """Take title, 文号, issuer and date from a metadata header where the body gave none.

    The header's title names the covering notice (关于印发《X》的通知): the plan is X.
    """
    title = fields.get("标题") or fields.get("题目")
    if title:
        m = _NOTICE.search(tidy(title)) or re.search(r"印发(?P<t>《.+?》)", tidy(title))
        meta.title = (m["t"] if m else tidy(title)).strip("《》")
        _year_from_title(meta)
    number = fields.get("文号") or fields.get("发文字号")
    if number and not meta.doc_number:
        meta.doc_number = re.sub(r"\s+", "", number)
    issuer = fields.get("发布机构") or fields.get("发文机关")
    if issuer and not meta.issuer:
        meta.issuer = tidy(issuer)
    date = fields.get("成文日期") or fields.get("发文日期") or fields.get("发布时间")
    m = _ISO_DATE.search(date or "")
    if m and meta.issued is None:
        with contextlib.suppress(ValueError):
            meta.issued = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
        if meta.year is None and meta.issued is not None:
            meta.year = meta.issued.year


def _year_from_title(meta: Meta) -> None:
    source = meta.title or ""
    rng = _YEAR_RANGE.search(source)
    if rng:
        meta.year, meta.end_year = int(rng["a"]), int(rng["b"])
    elif y := _YEAR.search(source):
        meta.year = int(y["a"])


def read_meta(paras: list[Para]) -> Meta:
    meta = Meta(body_end=len(paras))
    texts = [p.text.strip() for p in paras]
    first_numbered = next((i for i, t in enumerate(texts) if numbering(t) and numbering(t)[0] == 1), len(texts))  # type: ignore[index]
    for i, t in enumerate(texts[:first_numbered]):
        clean = tidy(t).strip("《》")
        if len(clean) <= 60 and _TITLE_END.search(clean) and not clean.startswith("关于") and not re.search(r"[。，；]", clean):
            meta.title, meta.body_start = clean, i + 1
            meta.lines["title"] = paras[i].line
            break
    if meta.title is None:
        for i, t in enumerate(texts[:first_numbered]):
            m = _NOTICE.search(tidy(t))
            if m:
                meta.title = m["t"].strip("《》")
                meta.lines["title"] = paras[i].line
                break
    if meta.title is None and texts:
        first = next((i for i, t in enumerate(texts[:first_numbered]) if not _DOC_NUMBER.fullmatch(t)), None)
        if first is not None:
            meta.title = tidy(texts[first])
            meta.body_start = first + 1
            meta.lines["title"] = paras[first].line
    for i, t in enumerate(texts):
        if _DOC_NUMBER.fullmatch(t):
            meta.doc_number = re.sub(r"\s+", "", t)
            meta.lines["doc_number"] = paras[i].line
            break
    else:
        for i, t in enumerate(texts[: max(meta.body_start, 1)]):
            m = _DOC_NUMBER.search(t)
            if m:
                meta.doc_number = re.sub(r"\s+", "", m.group(0))
                meta.lines["doc_number"] = paras[i].line
                break
    for i, t in enumerate(texts):
        if DATE_LINE.match(t):
            meta.issued = parse_date(t)
            meta.lines["issued"] = paras[i].line
            if i > 0 and len(texts[i - 1]) <= 30 and not re.search(r"[。，；：:]", texts[i - 1]):
                meta.issuer = tidy(texts[i - 1])
            break
    footer = [i for i, t in enumerate(texts) if _COPY.match(t) or _ISSUED_LINE.match(t)]
    if footer and footer[0] >= meta.body_start:
        meta.body_end = footer[0]
    for i, t in enumerate(texts):
        m = _ISSUED_LINE.match(t)
        if m and meta.issued is None:
            meta.issued = parse_date(m["date"])
            meta.lines["issued"] = paras[i].line
        if m and meta.issuer is None and m["body"].strip():
            meta.issuer = tidy(m["body"])
    if meta.issuer is None:
        head = next((t for t in texts[:5] if t.endswith("文件") and len(t) <= 30), None)
        if head:
            meta.issuer = tidy(head[: -len("文件")])
    for i, t in enumerate(texts):
        m = _COPY.match(t)
        if not m:
            continue
        meta.lines["copied_to"] = paras[i].line
        parts = [m["list"]]
        for nxt in texts[i + 1 :]:
            if DATE_LINE.match(nxt) or _ISSUED_LINE.match(nxt) or "印发" in nxt or not re.search(r"[，,、。]", nxt):
                break
            parts.append(nxt)
        meta.copied_to = list(dict.fromkeys(split_units("，".join(p.strip().rstrip("。.") for p in parts), share_prefix=False).names))
        break
    _year_from_title(meta)
    if meta.year is None:
        if meta.doc_number and (d := re.search(r"\d{4}", meta.doc_number)):
            meta.year = int(d.group(0))
        elif meta.issued:
            meta.year = meta.issued.year
    return meta
