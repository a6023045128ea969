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
    "p.yaml.syntax_context": ("YAML 语法错误：{detail}（{context}，始于第 {context_line} 行第 {context_col} 列）。请检查缩进、冒号、引号和括号。", "YAML syntax error: {detail} ({context} that starts at line {context_line}, column {context_col}). Check indentation, colons, quotes and brackets."),
    "p.schema.expected": ("“{key}” 的值应为{expected}，而不是{found}。", "the value of '{key}' must be {expected}, not {found}."),
    "p.schema.at_least": ("“{key}” 的值 {value} 太小：不能小于 {bound}。", "the value {value} of '{key}' is too small: it must be at least {bound}."),
    "p.rule.duplicate_id_line": ("任务编号 “{id}” 重复（第一次出现在第 {first} 行）：每个编号必须唯一。", "task id '{id}' is used twice (first at line {first}): ids must be unique."),
    "p.rule.unknown_rule_code": ("check.disable 中的 “{rule}” 不是 gongkai 的规则编号。{hint}规则列表见 docs/rules.md。", "'{rule}' in check.disable is not a gongkai rule code.{hint} The rules are listed in docs/rules.md."),
    "yaml.kind.list": ("列表", "a list"),
    "yaml.kind.scalar": ("单个值", "a single value"),
    "yaml.kind.mapping": ("映射（键: 值）", "a mapping (key: value)"),
    "yaml.kind.text": ("文本", "text"),
    "yaml.kind.integer": ("整数", "an integer"),
    "yaml.kind.number": ("数字", "a number"),
    "yaml.kind.bool": ("true 或 false", "true or false"),
    "yaml.kind.null": ("空值", "an empty value"),
    # --- edit (issue 4) ----------------------------------------------------------------
    # --- import (issue 5) --------------------------------------------------------------
    "import.help": ("读取实施方案（txt、md、docx、xlsx），生成任务分工台账草稿", "read a plan (txt, md, docx, xlsx) and draft its task ledger"),
    "import.arg.plan": ("实施方案文件：.txt、.md、.docx 或 .xlsx", "the plan document: .txt, .md, .docx or .xlsx"),
    "import.opt.output": ("写入的台账文件（默认 tasks.yaml）", "ledger file to write (default tasks.yaml)"),
    "import.opt.dry_run": ("只显示摘要和 YAML，不写文件", "show the summary and the YAML, write nothing"),
    "import.opt.encoding": ("文本文件的编码，如 gb18030（默认自动识别 UTF-8/GB18030）", "encoding of a text file, e.g. gb18030 (default: detect UTF-8/GB18030)"),
    "import.opt.force": ("覆盖已存在的输出文件", "overwrite an existing output file"),
    "import.err.exists": ("{path} 已存在：如需覆盖请加 --force，或用 -o 指定其他文件。", "{path} already exists: add --force to overwrite it, or name another file with -o."),
    "import.err.write": ("无法写入 {path}：{detail}", "cannot write {path}: {detail}"),
    "import.err.missing": ("找不到文件 {path}：请检查路径。", "file not found: {path}. Check the path."),
    "import.err.directory": ("{path} 是目录：请指定方案文件。", "{path} is a directory: name the plan file."),
    "import.err.permission": ("没有读取 {path} 的权限。", "permission denied reading {path}."),
    "import.err.os": ("无法读取 {path}：{detail}", "cannot read {path}: {detail}"),
    "import.err.too_large": ("文件过大（{size} 字节），不像实施方案。", "the file is too large ({size} bytes) to be a plan."),
    "import.err.old_format": ("不支持 {suffix} 格式：请先另存为 .docx、.xlsx 或 .txt（WPS/Word/Excel 的“另存为”）。", "{suffix} files are not supported: save the plan as .docx, .xlsx or .txt first (Save As in WPS, Word or Excel)."),
    "import.err.unsupported": ("无法识别 {suffix} 文件：请用 .txt、.md、.docx 或 .xlsx。", "cannot read a {suffix} file: use .txt, .md, .docx or .xlsx."),
    "import.err.unknown_encoding": ("未知的编码 “{encoding}”：可用 utf-8、gb18030、gbk 等。", "unknown encoding '{encoding}': use utf-8, gb18030, gbk and the like."),
    "import.err.decode": ("按 {encoding} 无法解码（第 {offset} 字节）：请换用正确的 --encoding。", "the file is not {encoding} (byte {offset} cannot be decoded): give the right --encoding."),
    "import.err.undecodable": ("无法确定文件编码（不是 UTF-8，按 GB18030 解码得到的是乱码，第 {offset} 字节起）：请用 --encoding 指定，如 --encoding big5。", "cannot tell the file's encoding (not UTF-8, and GB18030 gives mojibake; from byte {offset}): name it with --encoding, e.g. --encoding big5."),
    "import.err.binary": ("文件含有空字节，不是文本文件：Word 和 Excel 文件请用 .docx/.xlsx 扩展名。", "the file contains NUL bytes, so it is not text: give Word and Excel files their .docx/.xlsx names."),
    "import.err.missing_library": ("缺少 {library}：请重新安装 gongkai。", "{library} is missing: reinstall gongkai."),
    "import.err.bad_docx": ("无法读取 Word 文件（{detail}）：请确认是 .docx 格式。", "cannot read the Word file ({detail}): check that it is a .docx file."),
    "import.err.bad_xlsx": ("无法读取 Excel 文件（{detail}）：请确认是 .xlsx 格式。", "cannot read the Excel file ({detail}): check that it is an .xlsx file."),
    "import.err.nothing": ("没有找到任何责任分工（牵头单位、配合单位等）：台账草稿中没有任务。", "no responsibility annotations found (牵头单位, 配合单位 ...): the draft has no tasks."),
    "import.header.generated": ("由 gongkai import 从 {source}（{kind}）生成的台账草稿。", "Draft ledger generated by gongkai import from {source} ({kind})."),
    "import.header.review": ("请对照原文核对后再提交；每项任务的 source 指向原文位置。", "Review it against the plan before committing; each task's source points into the plan."),
    "import.header.doubts": ("doubts 列出导入时无法确定的内容：核对并修正后删除该条，gongkai check 会一直提示。", "doubts lists what the import could not decide: fix it, then delete the entry; gongkai check warns until then."),
    "import.label.body": ("正文", "body"),
    "import.note.unresolved_group": ("方案未列明具体是哪些单位，待明确", "the plan does not say which units; to be resolved"),
    "import.doubt.deadline_no_year": ("时限“{text}”未写年份，方案年份也无法确定：请填写 due。", "deadline '{text}' gives no year and the plan's year is unknown: fill in due."),
    "import.doubt.deadline_unparsed": ("无法解析时限“{text}”：请填写 due，或改写 due_text。", "cannot parse the deadline '{text}': fill in due, or reword due_text."),
    "import.doubt.month_before": ("“{text}”按 {due}（当月底）理解：若指当月之前，请改 due。", "'{text}' is read as {due} (end of that month): if it means before that month, change due."),
    "import.doubt.deadline_next_year": ("时限“{text}”未写年份，早于印发日期，按次年 {due} 理解：请核对。", "deadline '{text}' gives no year and falls before the plan was issued; read as next year, {due}: check it."),
    "import.doubt.deadline_relative": ("相对时限“{text}”没有起算日，无法换算成日期：请核对是否为任务期限。", "relative deadline '{text}' has no starting date, so it has no date: check whether it is the task's deadline."),
    "import.doubt.working_days": ("“{text}”按印发日起算、只跳过周末（未计节假日）得 {due}：请核对。", "'{text}' counted from the issue date skipping weekends only (not holidays) gives {due}: check it."),
    "import.doubt.cycle_unsupported": ("周期“{text}”不在 monthly/quarterly/half_yearly/yearly 之中：请决定 repeat。", "cycle '{text}' is not monthly, quarterly, half_yearly or yearly: decide repeat."),
    "import.doubt.cycle_unspecified": ("“{text}”未写明周期：如为周期性任务请设置 repeat。", "'{text}' names no cycle: set repeat if the duty recurs."),
    "import.doubt.several_deadlines": ("有多个时限（{text}）：已取第一个，请核对。", "several deadlines ({text}): the first was taken; check it."),
    "import.doubt.odd_name": ("“{name}”不像单位名称：请核对。", "'{name}' does not look like a unit name: check it."),
    "import.doubt.ambiguous_lead": ("责任单位（{names}）未区分牵头和配合：已全部列为牵头单位，请核对。", "the responsible units ({names}) are not split into lead and cooperating: all are listed as lead; check."),
    "import.doubt.resp_and_lead": ("同时写了牵头单位和责任单位：责任单位（{names}）已列为配合单位，请核对。", "both a lead and responsible units are given: the responsible units ({names}) are listed as cooperating; check."),
    "import.doubt.no_lead": ("未能确定牵头单位（原文：{text}）：请填写 lead。", "no lead unit could be found (plan says: {text}): fill in lead."),
    "import.doubt.lead_and_cooperate": ("{names} 同时出现在牵头和配合单位中：请核对原文。", "{names} appear as both lead and cooperating: check the plan."),
    "import.doubt.each_leads": ("{names} 分别牵头：各自负责哪一部分需人工拆分。", "{names} each lead a part: split the clause by hand."),
    "import.doubt.unclosed": ("责任分工的括号没有闭合（{text}）：请核对。", "the annotation's bracket is not closed ({text}): check it."),
    "import.doubt.no_annotation": ("该项没有责任分工标注（同级各项都有）：请填写 lead，或删除该任务。", "this item has no annotation while its siblings do: fill in lead, or delete the task."),
    "import.doubt.unnumbered": ("这段责任分工不在任何编号项下：请核对编号和章节。", "this annotation is under no numbered item: check number and section."),
    "import.doubt.trailing_text": ("编号项最后的文字未标注责任单位（“{text}”）：请核对是否为单独任务。", "the item ends with text that carries no annotation ('{text}'): check whether it is a task of its own."),
    "import.doubt.duplicate_number": ("编号 {number} 在文件中重复出现：已改用不同的 id，请核对。", "number {number} occurs twice in the plan: a different id was used; check."),
    "import.doubt.variant": ("“{name}”按“{canonical}”的简称处理（同一单位）：请核对。", "'{name}' is taken as an abbreviation of '{canonical}' (the same unit): check it."),
    "import.doubt.shared_prefix": ("“{written}”按列表的共同前缀理解为“{meant}”：请核对。", "'{written}' is read with the list's shared prefix as '{meant}': check it."),
    "import.doubt.due_outside": ("期限 {due} 不在推定的执行期（{start} 至 {end}）内：未填 due，请核对执行期和期限。", "deadline {due} is outside the inferred plan period ({start} to {end}): due left empty; check period and deadline."),
    "import.doubt.plan_title": ("未找到方案标题：请填写 title。", "no plan title found: fill in title."),
    "import.doubt.plan_issued": ("未找到印发日期：暂填 {date}，请改为实际日期。", "no issue date found: {date} is a placeholder; put the real date."),
    "import.doubt.plan_year": ("无法确定方案年份：暂按 {year} 年，请核对。", "the plan's year is unknown: {year} is assumed; check it."),
    "import.doubt.plan_period": ("执行期由导入推定（{start} 至 {end}）：方案通常不写明，请核对。", "the plan period ({start} to {end}) is inferred by the import: plans seldom state it; check it."),
    "import.summary.title": ("导入 {source}", "import of {source}"),
    "import.summary.counts": ("章节 {sections} 个，任务（责任分句）{clauses} 项，单位 {units} 个，群体 {groups} 个，解析出时限 {deadlines} 项，存疑 {doubts} 条。", "{sections} sections, {clauses} clauses, {units} units, {groups} groups, {deadlines} deadlines parsed, {doubts} doubts."),
    "import.summary.doubts": ("存疑（需人工核对）：", "doubts (for a person to check):"),
    "import.summary.at_line": ("第 {line} 行", "line {line}"),
    "import.summary.at_row": ("第 {row} 行（表格）", "row {row}"),
    "import.summary.plan": ("方案", "plan"),
    "import.summary.written": ("已写入 {path}。下一步：核对 doubts，然后运行 gongkai check。", "wrote {path}. Next: resolve the doubts, then run gongkai check."),
    "import.summary.dry_run": ("（--dry-run：未写入文件）", "(--dry-run: nothing written)"),
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
