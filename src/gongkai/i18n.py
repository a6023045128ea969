"""Every user-facing string, in Simplified Chinese and English, in one catalog.

``t(key, lang, **args)`` formats an entry with ``str.format``. Sections of the catalog
are grouped by feature; keys are dotted.
"""

from __future__ import annotations

import os
from typing import Any, Literal

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")

CATALOG: dict[str, tuple[str, str]] = {
    # --- general ---------------------------------------------------------------------
    "app.help": ("gongkai：实施方案任务分工台账工具", "gongkai: the task-responsibility ledger of an implementation plan"),
    "opt.file": ("台账文件（默认：从当前目录向上查找 tasks.yaml）", "ledger file (default: tasks.yaml, searched upward from the current folder)"),
    "opt.as_of": ("以该日期为准（YYYY-MM-DD，默认今天）", "evaluate as of this date (YYYY-MM-DD, default today)"),
    "opt.lang": ("输出语言：zh 或 en（也可用环境变量 GONGKAI_LANG）", "output language: zh or en (or the GONGKAI_LANG environment variable)"),
    "opt.json": ("输出 JSON（格式见 docs/json.md）", "print JSON (shape documented in docs/json.md)"),
    "opt.within": ("同时列出今后 N 天内到期的事项", "also list what falls due in the next N days"),
    "opt.strict": ("有警告也视为失败", "fail on warnings too"),
    "opt.format": ("输出格式", "output format"),
    "err.prefix": ("错误", "error"),
    "warn.prefix": ("警告", "warning"),
    "err.no_ledger": ("在 {start} 及其上级目录中找不到 tasks.yaml；请用 --file 指定台账文件。", "no tasks.yaml in {start} or any folder above it; name the ledger with --file."),
    "err.bad_date": ("日期 “{value}” 无效：请写成 YYYY-MM-DD，例如 2018-12-31。", "invalid date '{value}': write it as YYYY-MM-DD, e.g. 2018-12-31."),
    "err.bad_lang": ("不支持的语言 “{value}”：请用 zh 或 en。", "unsupported language '{value}': use zh or en."),
    "err.unknown_unit": ("台账中没有单位或群体 “{name}”。{hint}", "no unit or group named '{name}' in the ledger.{hint}"),
    "err.unknown_task": ("台账中没有编号为 “{id}” 的任务。{hint}", "no task with id '{id}' in the ledger.{hint}"),
    "err.usage": ("用法错误：{detail}", "usage error: {detail}"),
    "err.internal": ("内部错误：{detail}。这是 gongkai 的缺陷，请报告。", "internal error: {detail}. This is a bug in gongkai; please report it."),
    "hint.did_you_mean": ("您是否要找：{names}？", " Did you mean: {names}?"),
    "ledger.invalid": ("台账有 {count} 个问题，请先修正（可运行 gongkai check 查看详情）。", "the ledger has {count} problem(s); fix them first (gongkai check shows them all)."),
    "sep.list": ("、", ", "),
    # --- vocabulary ----------------------------------------------------------------------
    "status.not_started": ("未启动", "not started"),
    "status.in_progress": ("推进中", "in progress"),
    "status.done": ("已完成", "done"),
    "status.cancelled": ("已取消", "cancelled"),
    "light.red": ("红灯", "red"),
    "light.yellow": ("黄灯", "yellow"),
    "light.green": ("绿灯", "green"),
    "light.none": ("—", "—"),
    "reason.overdue": ("逾期", "overdue"),
    "reason.due_soon": ("临期", "due soon"),
    "reason.report_missing": ("未报送进展", "report missing"),
    "reason.on_track": ("正常推进", "on track"),
    "reason.done": ("已办结", "closed"),
    "reason.cancelled": ("已取消", "cancelled"),
    "cycle.monthly": ("每月", "monthly"),
    "cycle.quarterly": ("每季度", "quarterly"),
    "cycle.half_yearly": ("每半年", "half-yearly"),
    "cycle.yearly": ("每年", "yearly"),
    "due.ongoing": ("长期坚持", "ongoing"),
    "role.lead": ("牵头", "lead"),
    "role.cooperate": ("配合", "support"),
    "open.more": ("等部门", "and others"),
    # --- load / check problems -------------------------------------------------------
    "p.unreadable.missing": ("文件不存在：请检查路径，或用 --file 指定台账。", "file not found: check the path, or name the ledger with --file."),
    "p.unreadable.directory": ("这是一个目录，不是文件：请指定其中的 tasks.yaml。", "this is a directory, not a file: name the tasks.yaml inside it."),
    "p.unreadable.permission": ("没有读取权限：请检查文件权限（chmod u+r）。", "permission denied: check the file's permissions (chmod u+r)."),
    "p.unreadable.os": ("无法读取文件：{detail}", "cannot read the file: {detail}"),
    "p.unreadable.gbk": ("文件不是 UTF-8 编码，看起来是 GBK/GB18030：请转换为 UTF-8，例如 iconv -f GB18030 -t UTF-8 原文件 > tasks.yaml。", "the file is not UTF-8; it looks like GBK/GB18030: convert it to UTF-8, e.g. iconv -f GB18030 -t UTF-8 old.yaml > tasks.yaml."),
    "p.unreadable.encoding": ("文件不是 UTF-8 文本（第 {offset} 字节无法解码）：请用 UTF-8 保存。", "the file is not UTF-8 text (byte {offset} cannot be decoded): save it as UTF-8."),
    "p.unreadable.binary": ("文件含有空字节，不是文本文件：请确认这是台账文件。", "the file contains NUL bytes, so it is not text: check that this is the ledger."),
    "p.unreadable.too_large": ("文件过大（{size} 字节，上限 {limit} 字节）：请确认这是台账文件。", "the file is too large ({size} bytes, limit {limit}): check that this is the ledger."),
    "p.yaml.syntax": ("YAML 语法错误：{detail}。请检查缩进、冒号和引号。", "YAML syntax error: {detail}. Check indentation, colons and quotes."),
    "p.yaml.tab": ("用了制表符（Tab）缩进：YAML 只允许空格，请把 Tab 换成空格。", "a tab is used for indentation: YAML allows only spaces; replace the tab with spaces."),
    "p.yaml.duplicate_key": ("重复的键 “{key}”（第一次出现在第 {first} 行）：请删除或合并其中一个。", "duplicate key '{key}' (first at line {first}): remove or merge one of them."),
    "p.yaml.unsafe_tag": ("不允许的标签 “{tag}”：台账只能包含普通数据，请删除该标签。", "tag '{tag}' is not allowed: a ledger holds plain data only; remove the tag."),
    "p.yaml.alias_bomb": ("别名（alias）展开后过大：请不要用锚点和别名构造重复数据。", "aliases expand to too much data: do not build repeated data from anchors and aliases."),
    "p.yaml.empty": ("文件是空的（或只有注释）：台账至少需要 plan 部分，见 docs/format.md。", "the file is empty (or only comments): a ledger needs at least a plan section, see docs/format.md."),
    "p.yaml.not_mapping": ("顶层应当是映射（plan:、units:、tasks: 等），而不是{found}。", "the top level must be a mapping (plan:, units:, tasks: ...), not {found}."),
    "p.schema.unknown_key": ("未知的键 “{key}”。{hint}", "unknown key '{key}'.{hint}"),
    "p.schema.missing": ("缺少必填的键 “{key}”。", "required key '{key}' is missing."),
    "p.schema.type": ("类型错误：{detail}", "wrong type: {detail}"),
    "p.schema.date": ("日期 “{value}” 无效：请写成真实存在的 YYYY-MM-DD 日期。", "invalid date '{value}': write a real date as YYYY-MM-DD."),
    "p.schema.enum": ("取值 “{value}” 无效，可选：{allowed}。", "invalid value '{value}'; allowed: {allowed}."),
    "p.rule.duplicate_id": ("任务编号 “{id}” 重复（第一次出现在 {first}）：每个编号必须唯一。", "task id '{id}' is used twice (first at {first}): ids must be unique."),
    "p.rule.duplicate_unit": ("单位或群体名称 “{name}” 重复登记：请只保留一个。", "unit or group name '{name}' is registered twice: keep one."),
    "p.rule.unknown_name": ("“{name}” 不是登记的单位、别名或群体。{hint}", "'{name}' is not a registered unit, alias or group.{hint}"),
    "p.rule.no_lead": ("任务 “{id}” 没有牵头单位：请在 lead 中至少写一个单位。", "task '{id}' has no lead unit: name at least one in lead."),
    "p.rule.lead_and_cooperate": ("“{name}” 在同一任务中既是牵头单位又是配合单位：请只保留一处。", "'{name}' is both lead and cooperating in one task: keep one."),
    "p.rule.due_outside": ("期限 {due} 不在方案执行期（{start} 至 {end}）内：请核对日期。", "deadline {due} is outside the plan period ({start} to {end}): check the date."),
    "p.rule.done_no_date": ("任务已办结但没有办结日期：请填写 completed。", "the task is done but has no completion date: fill in completed."),
    "p.rule.done_no_evidence": ("任务已办结但没有佐证材料：建议在进展中附上 evidence 链接。", "the task is done but has no evidence: add an evidence link in its updates."),
    "p.rule.update_future": ("进展日期 {date} 晚于今天（{today}）：请核对日期。", "update dated {date}, after today ({today}): check the date."),
    "p.rule.update_before_plan": ("进展日期 {date} 早于方案印发日期 {issued}：请核对日期。", "update dated {date}, before the plan was issued ({issued}): check the date."),
    "p.rule.unknown_reporter": ("报送单位 “{name}” 不是登记的单位。{hint}", "reporting unit '{name}' is not a registered unit.{hint}"),
    "p.rule.unresolved_group": ("“{name}” 尚未明确具体单位：请在 groups 中把它改为 covers: named 并列出 members。", "'{name}' has not been resolved to named units: in groups, set covers: named and list its members."),
    "p.rule.bad_period": ("周期 “{period}” 无效：请写成 2018Q4、2018H2、2018-11 或 2018。", "invalid period '{period}': write it as 2018Q4, 2018H2, 2018-11 or 2018."),
    "p.rule.period_outside": ("周期 {period} 不在方案执行期（{start} 至 {end}）内。", "period {period} is outside the plan period ({start} to {end})."),
    "p.rule.period_wrong_cycle": ("周期 {period} 与任务的周期（{cycle}）不符。", "period {period} does not match the task's cycle ({cycle})."),
    "p.rule.not_recurring": ("任务 “{id}” 不是周期性任务，不能有 reports：请设置 repeat 或改用 updates。", "task '{id}' is not recurring, so it cannot have reports: set repeat or use updates."),
    "p.rule.unused_unit": ("单位 “{name}” 没有出现在任何任务中。", "unit '{name}' is not used by any task."),
    "p.rule.unknown_section": ("章节 “{section}” 未在 sections 中登记。{hint}", "section '{section}' is not listed in sections.{hint}"),
    "p.rule.ongoing_done": ("长期坚持的任务不能办结：请保持 in_progress 并按期报送。", "an ongoing duty cannot be done: keep it in_progress and keep reporting."),
    "p.rule.period_end_before_start": ("方案执行期结束日期早于开始日期。", "the plan period ends before it starts."),
    "p.rule.doubt": ("导入时存疑，需人工核对：{message}（核对后删除该条 doubts）", "doubt from import, to be checked by a person: {message} (delete the doubts entry once resolved)"),
    # --- status / overdue / unit / units / show -----------------------------------------
    "report.as_of": ("截至 {date}", "as of {date}"),
    "report.total": ("任务 {n} 项", "{n} tasks"),
    "report.by_status": ("按状态", "by status"),
    "report.by_light": ("红黄绿灯", "traffic lights"),
    "report.progress": ("办结进度", "progress (closed)"),
    "report.overall": ("全部任务", "all tasks"),
    "report.sections": ("分章节进度", "progress by section"),
    "report.attention": ("需要关注", "needs attention"),
    "report.nothing": ("无", "none"),
    "report.more": ("另有 {n} 项未列出：用 --limit 0 列出全部，或运行 gongkai overdue。", "{n} more not shown: use --limit 0 to list them all, or run gongkai overdue."),
    "report.all_clear": ("没有逾期、临期或缺报事项。", "nothing overdue, due soon or missing a report."),
    "col.id": ("编号", "id"),
    "col.number": ("序号", "no."),
    "col.title": ("任务", "task"),
    "col.lead": ("牵头单位", "lead"),
    "col.cooperate": ("配合单位", "cooperating"),
    "col.due": ("期限", "due"),
    "col.light": ("灯", "light"),
    "col.reason": ("情况", "state"),
    "col.days_late": ("逾期天数", "days late"),
    "col.days_left": ("剩余天数", "days left"),
    "col.status": ("状态", "status"),
    "col.unit": ("单位", "unit"),
    "col.led": ("牵头", "leads"),
    "col.supported": ("配合", "supports"),
    "col.via_group": ("经群体", "via group"),
    "col.overdue": ("逾期", "overdue"),
    "col.missing": ("缺报", "no report"),
    "col.period": ("周期", "period"),
    "col.section": ("章节", "section"),
    "col.text": ("具体内容", "text"),
    "col.history": ("进展记录", "history"),
    "col.reports": ("周期报送", "period reports"),
    "col.group": ("群体", "group"),
    "col.role": ("角色", "role"),
    "col.date": ("日期", "date"),
    "col.by": ("报送单位", "by"),
    "col.note": ("说明", "note"),
    "col.evidence": ("佐证", "evidence"),
    "col.completed": ("办结日期", "completed"),
    "overdue.title": ("逾期事项（{n} 项）", "overdue ({n})"),
    "overdue.due_soon": ("{days} 天内到期（{n} 项）", "due within {days} days ({n})"),
    "overdue.none": ("截至 {date} 没有逾期事项。", "nothing overdue as of {date}."),
    "unit.title": ("{name} 的任务清单", "task list of {name}"),
    "unit.kind.department": ("机关部门", "department"),
    "unit.kind.unit": ("局属单位", "subordinate unit"),
    "unit.kind.external": ("局外单位", "external"),
    "unit.leads": ("牵头任务（{n} 项）", "leads ({n})"),
    "unit.supports": ("配合任务（点名，{n} 项）", "supports by name ({n})"),
    "unit.via_group": ("经群体涉及的任务（{n} 项）", "reached through a group ({n})"),
    "unit.via_unresolved": ("可能涉及（“{group}”尚未明确具体单位）", "may concern it ('{group}' not yet resolved)"),
    "unit.aliases": ("别名：{names}", "aliases: {names}"),
    "units.title": ("各单位任务统计", "tasks by unit"),
    "show.title": ("任务 {id}", "task {id}"),
    "show.open_list": ("（列表以“等部门”结尾，未列尽）", "(the list ends in 等部门: open-ended)"),
    "show.no_history": ("尚无进展报送。", "no progress reported yet."),
    "show.obligations": ("义务", "obligations"),
    "show.fulfilled": ("已报送", "reported"),
    "show.doubts": ("存疑", "doubts"),
    # --- check (issue 3) ---------------------------------------------------------------
    # --- edit (issue 4) ----------------------------------------------------------------
    # --- import (issue 5) --------------------------------------------------------------
    # --- export / report / bulletin (issue 6) -------------------------------------------
}


def resolve_lang(value: str | None) -> Lang:
    raw = value or os.environ.get("GONGKAI_LANG") or "zh"
    raw = raw.strip().lower()
    if raw.startswith("zh"):
        return "zh"
    if raw.startswith("en"):
        return "en"
    raise ValueError(raw)


def t(key: str, lang: Lang, /, **args: Any) -> str:
    zh, en = CATALOG[key]
    text = zh if lang == "zh" else en
    return text.format(**args) if args else text


def join(names: list[str] | tuple[str, ...], lang: Lang) -> str:
    return t("sep.list", lang).join(names)


def render(key: str, lang: Lang, args: dict[str, Any]) -> str:
    """Format a catalog entry whose arguments may be tagged tuples.

    ``("suggest", names)`` becomes a 'did you mean' hint (or nothing); ``("t", key)`` is
    translated; anything else is formatted as it is.
    """
    out: dict[str, Any] = {}
    for name, value in args.items():
        if isinstance(value, tuple) and len(value) == 2 and value[0] == "suggest":
            out[name] = t("hint.did_you_mean", lang, names=join(list(value[1]), lang)) if value[1] else ""
        elif isinstance(value, tuple) and len(value) == 2 and value[0] == "t":
            out[name] = t(value[1], lang)
        else:
            out[name] = value
    return t(key, lang, **out)
