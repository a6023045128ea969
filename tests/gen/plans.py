"""Plans of any size for timing ``gongkai import``, in the varied forms real plans use.

    from tests.gen.plans import plan_text, plan_docx, plan_xlsx
    plan_text(200)            # Markdown text with 200 responsibility clauses
    plan_docx(path, 200)      # the same as a Word document
    plan_xlsx(path, 200)      # a 任务分工表 of 200 rows
    plan_html(path, 200)      # the text as a saved web page, with navigation and footer
    plan_pdf(path, 200)       # the text typeset as a 公文 in PDF: 28 characters a line, 22 lines a page

``time_import(path)`` imports a file and returns (seconds, clauses): the function the
benchmark calls. Everything is deterministic for a given size.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

from .ledgers import cn_number

UNITS = ["县发改局", "县财政局", "县审计局", "县教育局", "县公安局", "县民政局", "县人社局", "县自然资源局", "县住建局", "县交通运输局", "县农业农村局", "县卫健局", "县市场监管局", "县政务服务中心", "县大数据中心", "县委宣传部", "县政府办公室", "县司法局", "县统计局", "县税务局"]
GROUPS = ["县直各部门", "各乡镇人民政府", "县直有关部门", "各单位、部门"]
SENTENCES = [
    "全面梳理本领域应当公开的政务信息，编制公开目录，实行清单管理。",
    "及时发布政策文件和解读材料，增强政策透明度。",
    "建立健全信息发布审查机制，防止泄露国家秘密和个人隐私。",
    "加强政务新媒体管理，对长期不更新的账号进行清理整合。",
    "做好社会关切回应工作，及时澄清不实信息，更好引导社会预期。",
    "推进办事服务全程公开，公开办事指南、办理流程和办理结果。",
]
DEADLINES = ["", "", "2023年6月底前完成。", "年底前完成。", "每季度通报一次。", "长期坚持。", "9月30日前完成。", "每月更新。"]
def _annotation(rng: random.Random) -> str:
    leads = rng.sample(UNITS, rng.choice([1, 1, 1, 2]))
    coop = [u for u in rng.sample(UNITS, rng.randint(1, 3)) if u not in leads]
    coop_text = "、".join(coop) + ("等部门" if rng.random() < 0.2 else "") if coop and rng.random() < 0.8 else rng.choice(GROUPS)
    form = rng.random()
    if form < 0.55:
        return f"（牵头单位：{'、'.join(leads)}；配合单位：{coop_text}）"
    if form < 0.7:
        return f"(牵头单位:{'、'.join(leads)},配合单位:{coop_text})"
    if form < 0.8:
        return f"（{leads[0]}牵头，{coop_text}配合）"
    if form < 0.9:
        return f"（{leads[0]}会同{coop_text}负责）"
    return f"（责任单位：{leads[0]}）"


def plan_text(n_clauses: int, *, seed: int = 0) -> str:
    """A plan in Markdown with ``n_clauses`` responsibility clauses, ten items per section."""
    rng = random.Random(seed * 7919 + n_clauses)
    out = ["# 青河县人民政府办公室文件", "", "青政办发〔2023〕5号", "", "# 青河县2023年政务公开工作实施方案", "", "## 一、总体要求", "", SENTENCES[0], "", "## 二、重点任务", ""]
    made, section = 0, 0
    while made < n_clauses:
        section += 1
        out += [f"### （{cn_number(section)}）重点任务第{section}组", ""]
        for item in range(1, 11):
            if made >= n_clauses:
                break
            parts = []
            for _ in range(min(n_clauses - made, rng.choice([1, 1, 1, 2]))):
                body = "".join(rng.sample(SENTENCES, 2)) + rng.choice(DEADLINES)
                if rng.random() < 0.1:
                    cut = len(body) // 2
                    body = body[:cut] + "\n\n" + body[cut:]  # a page break inside a sentence
                parts.append(body + _annotation(rng))
                made += 1
            out += [f"**{item}. 推进第{section}组第{item}项工作。**" + "".join(parts), ""]
    out += ["## 三、保障措施", "", "各单位要高度重视，确保各项任务落到实处。", "", "青河县人民政府办公室", "", "2023年2月1日", "", "抄送：县委办公室，县人大常委会办公室。", ""]
    return "\n".join(out)


def plan_docx(path: Path, n_clauses: int, *, seed: int = 0) -> Path:
    import docx

    doc = docx.Document()
    for line in plan_text(n_clauses, seed=seed).split("\n"):
        if line.strip():
            doc.add_paragraph(line.lstrip("# ").replace("**", ""))
    doc.save(str(path))
    return path


TABLE_TITLE = "青河县2023年政务公开重点任务分工表"
TABLE_HEADER = ["序号", "重点任务", "工作要求", "牵头单位", "配合单位", "完成时限"]


def task_rows(n_clauses: int, *, seed: int = 0) -> list[list[str]]:
    """The rows of a 任务分工表 with ``n_clauses`` tasks, below its header."""
    rng = random.Random(seed * 31 + n_clauses)
    rows = []
    for i in range(1, n_clauses + 1):
        lead = rng.choice(UNITS)
        coop = "、".join(u for u in rng.sample(UNITS, 2) if u != lead)
        rows.append([str(i), f"推进第{i}项工作", rng.choice(SENTENCES), lead, coop, rng.choice(["2023年6月底前", "长期坚持", "每季度", "年底前"])])
    return rows


def plan_xlsx(path: Path, n_clauses: int, *, seed: int = 0) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.append([TABLE_TITLE])
    ws.merge_cells("A1:F1")
    ws.append(TABLE_HEADER)
    for row in task_rows(n_clauses, seed=seed):
        ws.append(row)
    book.save(str(path))
    return path


def _paragraphs(n_clauses: int, seed: int) -> list[str]:
    return [line.lstrip("# ").replace("**", "") for line in plan_text(n_clauses, seed=seed).split("\n") if line.strip()]


def plan_html(path: Path, n_clauses: int, *, seed: int = 0) -> Path:
    """The plan as a government site's article page: navigation, the body in <p>s, a footer."""
    import html

    body = "".join(f'<p style="text-indent:2em">{html.escape(p)}</p>' for p in _paragraphs(n_clauses, seed))
    page = (
        '<html><head><meta charset="utf-8"><title>青河县人民政府</title></head><body>'
        '<div class="nav"><a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 政策文件</div>'
        f'<div class="article"><div class="content">{body}</div></div>'
        '<div class="footer">主办：青河县人民政府办公室　网站标识码 0000000000</div></body></html>'
    )
    path.write_text(page, encoding="utf-8")
    return path


LINE_CHARS, PAGE_LINES = 28, 22  # the 公文 page of GB/T 9704


def plan_pdf(path: Path, n_clauses: int, *, seed: int = 0) -> int:
    """The plan typeset as a 公文 in PDF with a running header and page numbers; returns the page count."""
    from tests.importer.pdfgen import page_content, write_pdf

    lines: list[tuple[float, str]] = []
    for para in _paragraphs(n_clauses, seed):
        text = "\u3000\u3000" + para  # the first line indented by two characters
        for start in range(0, len(text), LINE_CHARS):
            lines.append((72.0, text[start : start + LINE_CHARS]))
    pages = []
    for number, first in enumerate(range(0, len(lines), PAGE_LINES), start=1):
        chunk = lines[first : first + PAGE_LINES]
        placed = [(x, 760.0 - 30 * i, text) for i, (x, text) in enumerate(chunk)]
        pages.append(page_content([(72, 810, "青河县人民政府办公室"), *placed, (280, 40, f"- {number} -")]))
    write_pdf(path, pages)
    return len(pages)


def plan_pdf_pages(path: Path, pages: int, *, seed: int = 0) -> int:
    """A plan PDF of at least ``pages`` pages, as few clauses as that takes; returns the clauses."""
    n = pages * 5
    while plan_pdf(path, n, seed=seed) < pages:
        n += 1
    return n


def time_import(path: Path) -> tuple[float, int]:
    """Seconds to import ``path`` (in this process, libraries already loaded) and the clause count."""
    from gongkai.importer import import_document

    start = time.perf_counter()
    result = import_document(path)
    return time.perf_counter() - start, result.summary.clauses
