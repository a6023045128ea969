"""Generate ledgers and plan documents for the benchmark, in the real format.

``ledger(n)`` writes a valid ``tasks.yaml`` of ``n`` responsibility clauses: the unit
registry of a forestry bureau (with aliases), groups (林业局各单位、部门 and an unresolved
林业局有关部门 among them), numbered sections, and tasks that are done (with updates and
evidence), in progress, recurring quarterly (with period reports, some missed), ongoing
(长期坚持), cancelled or not started, with deadlines spread around the as-of date.

``plan_markdown(n)`` writes a plan document of ``n`` annotated clauses in the shape of
../shared/plans/shuangfeng-2018-plan.md, for timing ``gongkai import``.

Everything is deterministic for a given size and seed.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field

Emit = Callable[[str], None]

AS_OF = dt.date(2025, 3, 15)
ISSUED = dt.date(2024, 1, 2)
PERIOD_START = dt.date(2024, 1, 2)
PERIOD_END = dt.date(2025, 12, 31)

# (name, kind, aliases)
UNITS: list[tuple[str, str, list[str]]] = [
    ("行政办", "department", ["局行政办"]),
    ("计统局", "department", []),
    ("城建局", "department", []),
    ("企管科", "department", []),
    ("交通局", "department", []),
    ("多种经营局", "department", []),
    ("工会", "department", []),
    ("民政局", "department", []),
    ("教育局", "department", []),
    ("卫计局", "department", ["卫健局"]),
    ("安监局", "department", ["应急管理局"]),
    ("公安局", "department", []),
    ("资源林政局", "department", []),
    ("文体局", "department", []),
    ("宣传部", "department", []),
    ("组织部", "department", []),
    ("党办", "department", []),
    ("纪检委", "department", []),
    ("财务科", "department", []),
    ("人事科", "department", []),
    ("营林科", "department", []),
    ("防火办", "department", ["森林防火办公室"]),
    ("审计局", "department", []),
    ("法制办", "department", []),
    ("信访办", "department", []),
    ("科技科", "department", []),
    ("新闻中心", "unit", []),
    ("林业医院", "unit", []),
    ("第一林场", "unit", []),
    ("第二林场", "unit", []),
    ("第三林场", "unit", []),
    ("苗圃", "unit", []),
    ("森林消防大队", "unit", []),
    ("法院", "external", []),
    ("检察院", "external", []),
]
INTERNAL = [u for u in UNITS if u[1] != "external"]

GROUP_ALL = "林业局各单位、部门"
GROUP_DEPTS = "林业局各部门"
GROUP_UNITS = "局属各单位"
GROUP_UNRESOLVED = "林业局有关部门"
GROUPS = [
    (GROUP_ALL, "all", "林业局全部局属单位和机关部门"),
    (GROUP_DEPTS, "departments", "林业局全部机关部门"),
    (GROUP_UNITS, "units", "林业局全部局属单位"),
    (GROUP_UNRESOLVED, "unresolved", "方案未列明具体是哪些部门，待明确"),
]

TITLES = [
    "推进决策和监管信息公开",
    "推进重大建设项目信息公开",
    "推进社会公益事业建设信息公开",
    "加强政策解读",
    "加强舆情回应",
    "推进网上办事服务公开",
    "强化林业局网站建设管理",
    "用好“两微”新平台",
    "完善政务公开制度",
    "规范依申请公开工作",
    "推进财政预决算公开",
    "做好营林生产信息公开",
    "加强森林防火信息发布",
    "推进安全生产信息公开",
    "做好人事信息公开",
]
SENTENCES = [
    "大力推进决策公开，除依法应当保密的信息外，林业局全体会议讨论决定的事项都要及时公开，充分保障职工群众的知情权。",
    "按照“谁批准、谁公开，谁实施、谁公开，谁制作、谁公开”的原则，加快推进重点项目相关信息公开。",
    "围绕职工群众最关心最直接最现实的利益问题，认真梳理细化应当公开的事项，实行清单管理。",
    "注重运用客观事实以及数字化、图表图解、音频视频等方式进行解读，增强解读效果。",
    "密切监测收集苗头性舆情，做到及时预警、科学研判、妥善处置、有效回应。",
    "建立完善领导信箱、网民咨询的受理、转办和反馈机制，及时处理答复，为职工群众提供更好服务。",
    "认真落实网络安全等级保护制度，完善网站安全保障机制，加强网站技术防护措施。",
    "严格内容审查把关，不得发布与林业局职能没有直接关联的信息，信息发布失当的要及时整改。",
    "进一步规范政务公开工作流程，明确公开的主体、内容、方式、程序和时限。",
    "每季度检查一次本系统的政务网站、“两微”等新媒体中政务信息公开更新情况。",
    "将政务公开工作纳入年度绩效考核，考核结果作为评先选优的重要依据。",
    "加强政务公开业务培训，提高工作人员的政策水平和业务能力。",
]
NOTES = [
    "已制定工作方案，明确责任人",
    "已完成第一批信息梳理",
    "已在林业局网站公开相关信息",
    "正在组织各部门报送公开目录",
    "已召开专题会议部署",
    "已完成自查并整改发现的问题",
]
CN_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """1..9999 as Chinese numerals: 1 一, 10 十, 12 十二, 35 三十五, 101 一百零一, 1010 一千零一十."""
    if not 1 <= n <= 9999:
        raise ValueError(n)
    if n <= 99:
        tens, ones = divmod(n, 10)
        head = "" if tens == 0 else ("十" if tens == 1 else CN_DIGITS[tens] + "十")
        return head + (CN_DIGITS[ones] if ones else "")
    out = ""
    zero = False  # a skipped place between two written ones is read 零
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // value % 10
        if digit:
            out += ("零" if zero else "") + CN_DIGITS[digit] + unit
            zero = False
        elif out:
            zero = True
    return out


_PLAIN_OK = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\n]*$")


def scalar(value: str) -> str:
    """A YAML scalar: plain when YAML reads it back as the same string, else double-quoted."""
    risky = ": " in value or " #" in value or value.endswith((" ", ":"))
    looks_typed = re.fullmatch(r"[-+.\d:eE_]+|true|false|null|yes|no|on|off|~", value, re.IGNORECASE)
    if _PLAIN_OK.match(value) and not risky and not looks_typed:
        return value
    return json.dumps(value, ensure_ascii=False)


def quarter_end(year: int, q: int) -> dt.date:
    return {1: dt.date(year, 3, 31), 2: dt.date(year, 6, 30), 3: dt.date(year, 9, 30), 4: dt.date(year, 12, 31)}[q]


QUARTERS = [(y, q) for y in (2024, 2025) for q in (1, 2, 3, 4)]


@dataclass
class TaskFacts:
    """What the benchmark needs to know about a generated task (and what Taskwarrior gets)."""

    id: str
    title: str
    section: str
    kind: str  # done | in_progress | recurring | ongoing | cancelled | not_started
    lead: str  # first lead unit, canonical
    due: dt.date | None  # the earliest unfulfilled deadline (None: ongoing, closed, or all periods reported)
    completed: dt.date | None = None


@dataclass
class Generated:
    text: str
    as_of: dt.date
    tasks: list[TaskFacts] = field(default_factory=list)

    def first(self, kind: str) -> TaskFacts:
        return next(t for t in self.tasks if t.kind == kind)


def _rand_date(rng: random.Random, lo: dt.date, hi: dt.date) -> dt.date:
    return lo + dt.timedelta(days=rng.randint(0, max(0, (hi - lo).days)))


def _due(rng: random.Random, as_of: dt.date) -> dt.date:
    # Deadlines spread over the period, with a third clustered within a month of as-of.
    if rng.random() < 0.33:
        return min(PERIOD_END, max(PERIOD_START, as_of + dt.timedelta(days=rng.randint(-30, 30))))
    return _rand_date(rng, PERIOD_START + dt.timedelta(days=30), PERIOD_END)


def ledger(n_tasks: int, *, seed: int = 0, as_of: dt.date = AS_OF) -> Generated:
    """A valid ledger of ``n_tasks`` clauses (``gongkai check`` gives warnings at most)."""
    rng = random.Random(seed * 1_000_003 + n_tasks)
    out: list[str] = []
    w = out.append
    w("# yaml-language-server: $schema=./tasks.schema.json")
    w(f"# Generated by bench/gen.py: {n_tasks} clauses, seed {seed}. Progress is made up.")
    w("")
    w("plan:")
    w("  id: bench-plan")
    w("  title: 某林业局政务公开工作实施方案（基准测试）")
    w("  doc_number: 某林发〔2024〕1号")
    w("  issuer: 某林业局")
    w(f"  issued: {ISSUED.isoformat()}")
    w("  copied_to:")
    for name in ("党办", "宣传部", "纪检委", "工会", "法院", "检察院"):
        w(f"    - {name}")
    w("  period:")
    w(f"    start: {PERIOD_START.isoformat()}")
    w(f"    end: {PERIOD_END.isoformat()}")
    w("  reporting:")
    w("    cycle: quarterly")
    w("    due_soon_days: 14")
    w("")
    w("units:")
    for name, kind, aliases in UNITS:
        w(f"  - name: {name}")
        w(f"    kind: {kind}")
        if aliases:
            w(f"    aliases: [{', '.join(aliases)}]")
    w("")
    w("groups:")
    for name, covers, note in GROUPS:
        w(f"  - name: {name}")
        w(f"    covers: {covers}")
        w(f"    note: {note}")
    w("")

    # Sections: 一 is the guiding text; then top sections of up to 10 subsections each,
    # and about 25 clauses per subsection (the real plan has 2-4 per subsection, but
    # large plans have long subsections rather than hundreds of headings).
    n_subs = max(1, -(-n_tasks // 25))
    n_tops = max(1, -(-n_subs // 10))
    if n_tops + 1 > 9999:
        raise ValueError("too many tasks for Chinese section numbering")
    subs: list[tuple[int, int]] = [(top, sub) for top in range(n_tops) for sub in range(1, 11)][:n_subs]
    w("sections:")
    w("  - number: 一")
    w("    title: 指导思想")
    w(f"    text: {scalar(SENTENCES[0])}")
    for top in range(n_tops):
        top_num = cn_number(top + 2)
        w(f"  - number: {top_num}")
        w(f"    title: {scalar(rng.choice(TITLES))}等工作任务")
        for t, sub in subs:
            if t == top:
                w(f"  - number: {top_num}（{cn_number(sub)}）")
                w(f"    title: {scalar(rng.choice(TITLES))}")
                w(f"    parent: {top_num}")
    w("")

    gen = Generated("", as_of)
    w("tasks:")
    per_sub = [n_tasks // n_subs + (1 if i < n_tasks % n_subs else 0) for i in range(n_subs)]
    for (top, sub), count in zip(subs, per_sub, strict=True):
        section = f"{cn_number(top + 2)}（{cn_number(sub)}）"
        w(f"  # {section}")
        item, made = 0, 0
        while made < count:
            item += 1
            clauses = min(count - made, rng.choice([1] * 8 + [2, 3]))
            for c in range(clauses):
                suffix = "abcdefghij"[c] if clauses > 1 else ""
                tid = f"{top + 2}-{sub}-{item}{suffix}"
                _task(w, rng, gen, tid, f"{section}{item}", c + 1 if clauses > 1 else None, section, as_of)
                made += 1
    gen.text = "\n".join(out) + "\n"
    return gen


def _pick_units(rng: random.Random, k: int, exclude: set[str]) -> list[str]:
    pool = [u[0] for u in INTERNAL if u[0] not in exclude]
    return rng.sample(pool, min(k, len(pool)))


def _task(w: Emit, rng: random.Random, gen: Generated, tid: str, number: str, clause: int | None, section: str, as_of: dt.date) -> None:
    title = rng.choice(TITLES)
    # Sentences of the pool, and the task's own number: no two tasks of a real plan share a text,
    # and a cache or reader that gained from repeated texts would flatter the benchmark.
    text = "".join(rng.sample(SENTENCES, rng.randint(2, 3))) + f"（{tid}）"
    leads = _pick_units(rng, rng.choice([1, 1, 1, 2, 3]), set())
    # Some names are written with an alias, as plans and offices do.
    written_leads = [next((u[2][0] for u in UNITS if u[0] == n and u[2] and rng.random() < 0.3), n) for n in leads]
    roll = rng.random()
    if roll < 0.25:
        cooperate = [GROUP_ALL]
    elif roll < 0.30:
        cooperate = [GROUP_DEPTS]
    elif roll < 0.33:
        cooperate = [GROUP_UNRESOLVED]
    elif roll < 0.35:
        cooperate = [GROUP_UNITS]
    else:
        cooperate = _pick_units(rng, rng.randint(0, 4), set(leads))
    kind_roll = rng.random()
    kind = (
        "done" if kind_roll < 0.30
        else "in_progress" if kind_roll < 0.62
        else "recurring" if kind_roll < 0.70
        else "ongoing" if kind_roll < 0.75
        else "cancelled" if kind_roll < 0.78
        else "not_started"
    )
    w(f"  - id: {tid}")
    w(f"    number: {number}")
    if clause is not None:
        w(f"    clause: {clause}")
    w(f"    section: {section}")
    w(f"    title: {scalar(title)}")
    w(f"    text: {scalar(text)}")
    w("    lead:")
    for name in written_leads:
        w(f"      - {name}")
    if len(leads) > 2 and rng.random() < 0.5:
        w("    lead_open: true")
    if cooperate:
        w("    cooperate:")
        for name in cooperate:
            w(f"      - {name}")
        if len(cooperate) > 2 and rng.random() < 0.3:
            w("    cooperate_open: true")
    facts = TaskFacts(tid, title, section, kind, leads[0], None)
    by = leads[0]
    if kind == "recurring":
        w("    due_text: 每季度")
        w("    repeat: quarterly")
        w("    status: in_progress")
        reports = []
        for y, q in QUARTERS:
            end = quarter_end(y, q)
            if end >= as_of:
                facts.due = facts.due or end
                continue
            if rng.random() < 0.8:
                reports.append((f"{y}Q{q}", max(ISSUED, end - dt.timedelta(days=rng.randint(0, 10)))))
            elif facts.due is None:
                facts.due = end
        if reports:
            w("    reports:")
            for period, day in reports:
                w(f"      - period: {period}")
                w(f"        date: {day.isoformat()}")
                w(f"        by: {by}")
                w(f"        note: {rng.choice(NOTES)}")
        gen.tasks.append(facts)
        return
    if kind == "ongoing":
        w("    due_text: 长期坚持")
        w("    ongoing: true")
        w("    status: in_progress")
        _updates(w, rng, by, [(_rand_date(rng, ISSUED, as_of), None, None, False) for _ in range(rng.randint(1, 2))])
        gen.tasks.append(facts)
        return
    due = _due(rng, as_of) if rng.random() < 0.7 else None
    if due is not None:
        w(f"    due: {due.isoformat()}")
        w(f"    due_text: {due.year}年{due.month}月{due.day}日前")
    effective = due or PERIOD_END
    if kind == "done":
        started = _rand_date(rng, ISSUED, as_of - dt.timedelta(days=20))
        completed = _rand_date(rng, started, min(as_of, effective))
        w("    status: done")
        w(f"    completed: {completed.isoformat()}")
        _updates(w, rng, by, [(started, "not_started", "in_progress", False), (completed, "in_progress", "done", True)])
        facts.completed = completed
    elif kind == "in_progress":
        w("    status: in_progress")
        days = sorted(_rand_date(rng, ISSUED, as_of) for _ in range(rng.randint(1, 3)))
        _updates(w, rng, by, [(d, "not_started", "in_progress", False) if i == 0 else (d, None, None, rng.random() < 0.3) for i, d in enumerate(days)])
        facts.due = effective
    elif kind == "cancelled":
        w("    status: cancelled")
        w("    note: 因机构改革，任务调整，不再执行")
        _updates(w, rng, by, [(_rand_date(rng, ISSUED, as_of), "not_started", "cancelled", False)])
    else:
        facts.due = effective
    gen.tasks.append(facts)


def _updates(w: Emit, rng: random.Random, by: str, entries: list[tuple[dt.date, str | None, str | None, bool]]) -> None:
    w("    updates:")
    for day, old, new, evidence in entries:
        w(f"      - date: {day.isoformat()}")
        w(f"        by: {by}")
        if old is not None and new is not None:
            w(f"        old_status: {old}")
            w(f"        status: {new}")
        w(f"        note: {rng.choice(NOTES)}")
        if evidence:
            w("        evidence:")
            w(f"          - https://example.org/gk/{day.isoformat()}/{rng.randint(1000, 9999)}.html")


# --- Taskwarrior -----------------------------------------------------------------------------


def taskwarrior_json(gen: Generated, today: dt.date) -> str:
    """The same tasks for ``task import``, due dates shifted so that Taskwarrior's "now"
    (the real today) plays the role of the ledger's as-of date: the same tasks are overdue."""
    shift = today - gen.as_of
    lines = []
    for t in gen.tasks:
        item: dict[str, object] = {"description": f"{t.id} {t.title}", "project": "s" + t.id.rsplit("-", 1)[0], "entry": "20240102T000000Z"}
        if t.kind == "done":
            item["status"] = "completed"
            item["end"] = (t.completed or gen.as_of).strftime("%Y%m%dT000000Z")
        elif t.kind == "cancelled":
            item["status"] = "deleted"
            item["end"] = gen.as_of.strftime("%Y%m%dT000000Z")
        else:
            item["status"] = "pending"
        if t.due is not None and t.kind not in ("done", "cancelled"):
            # End of the due day: a task due today is not overdue yet, as in gongkai.
            item["due"] = (t.due + shift).strftime("%Y%m%dT235959Z")
        lines.append(json.dumps(item, ensure_ascii=False))
    return "\n".join(lines) + "\n"


# --- a plan document for `gongkai import` -----------------------------------------------------


def plan_markdown(n_clauses: int, *, seed: int = 0) -> str:
    """A 实施方案 in Markdown with ``n_clauses`` （牵头单位：…；配合单位：…） annotations."""
    rng = random.Random(seed * 7919 + n_clauses)
    names = [u[0] for u in INTERNAL]
    out = [
        "# 某林业局文件",
        "",
        "某林发〔2024〕1号",
        "",
        "## 关于印发某林业局2024年政务公开工作实施方案的通知",
        "",
        "局属各单位，机关各部门：",
        "",
        "现将《某林业局2024年政务公开工作实施方案》印发给你们，请认真组织实施。",
        "",
        "某林业局",
        "",
        "2024年1月2日",
        "",
        "# 某林业局2024年政务公开工作实施方案",
        "",
        "## 一、指导思想",
        "",
        SENTENCES[0],
        "",
        "## 二、工作任务",
        "",
    ]
    made, sub = 0, 0
    while made < n_clauses:
        sub += 1
        out += [f"### （{cn_number(sub)}）{rng.choice(TITLES)}", ""]
        for item in range(1, 11):
            if made >= n_clauses:
                break
            parts = []
            for _ in range(min(n_clauses - made, rng.choice([1, 1, 1, 2]))):
                leads = rng.sample(names, rng.choice([1, 1, 2]))
                coop = [n for n in rng.sample(names, rng.randint(1, 3)) if n not in leads]
                coop_text = "、".join(coop) + ("等部门" if rng.random() < 0.2 else "") if coop else GROUP_ALL
                body = "".join(rng.sample(SENTENCES, 2))
                if rng.random() < 0.3:
                    body += "2024年12月底前完成。"
                parts.append(f"{body}（牵头单位：{'、'.join(leads)}；配合单位：{coop_text}）")
                made += 1
            out += [f"**{item}. {rng.choice(TITLES)}。**" + "".join(parts), ""]
    out += [
        "## 三、保障措施",
        "",
        "各单位要高度重视政务公开工作，采取切实有效措施，确保完成政务公开各项工作任务。",
        "",
        "抄送：党办、宣传部、纪检委、工会。",
        "",
    ]
    return "\n".join(out)
