"""The ledger as pydantic models, plus pure helpers that take ``today`` as an argument.

Each entry of ``tasks`` is one responsibility clause: the unit of tracking. A numbered
item of the plan that carries several annotations (二（二）2 has four) becomes several
entries that share ``number`` and differ in ``clause``.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from .dates import EARLIEST, LATEST, in_range


def _desc(zh: str, en: str) -> str:
    return f"{zh} / {en}"


def _in_range(day: dt.date) -> dt.date:
    if not in_range(day):
        from pydantic_core import PydanticCustomError

        raise PydanticCustomError("date_range", "date outside {earliest} to {latest}", {"earliest": str(EARLIEST), "latest": str(LATEST)})
    return day


# Every date of a ledger: a real date, within the years gongkai can count periods and deadlines in.
Date = Annotated[dt.date, AfterValidator(_in_range)]


class Strict(BaseModel):
    # defer_build: a cache hit reads pickled models and never needs the validators built.
    model_config = ConfigDict(extra="forbid", frozen=False, populate_by_name=True, defer_build=True)


class Status(str, enum.Enum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"


class Cycle(str, enum.Enum):
    """How often something recurs: a reporting cycle or a recurring duty."""

    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    HALF_YEARLY = "half_yearly"
    YEARLY = "yearly"


class UnitKind(str, enum.Enum):
    DEPARTMENT = "department"  # 机关部门
    UNIT = "unit"  # 局属单位
    EXTERNAL = "external"  # outside the bureau, e.g. only copied to (抄送)


class Covers(str, enum.Enum):
    """What a group name stands for."""

    ALL = "all"  # every unit and department (林业局各单位、部门)
    DEPARTMENTS = "departments"  # every department (林业局各部门)
    UNITS = "units"  # every subordinate unit (局属各单位)
    NAMED = "named"  # exactly ``members``
    UNRESOLVED = "unresolved"  # relevant units, not named yet (林业局有关部门)


class Period(Strict):
    start: Date = Field(title="开始 / Start", description=_desc("方案执行期开始日期", "first day of the plan period"))
    end: Date = Field(title="结束 / End", description=_desc("方案执行期结束日期；未写明时限的任务以此为期限", "last day of the plan period; the deadline of tasks that give none"))


class Reporting(Strict):
    cycle: Cycle | None = Field(
        default=None,
        title="报送周期 / Reporting cycle",
        description=_desc("各单位报送进展的周期；超过一个周期未报送即为缺报（黄灯）", "how often units report progress; a task not reported for longer than one cycle is 'report missing' (yellow)"),
    )
    due_soon_days: int = Field(
        default=14,
        ge=0,
        title="临期天数 / Due-soon window",
        description=_desc("距期限不足该天数即亮黄灯", "a deadline this many days away or fewer turns the light yellow"),
    )


class Doubt(Strict):
    field: str | None = Field(default=None, title="字段 / Field", description=_desc("存疑的字段", "the field in doubt"))
    message: str = Field(title="疑点 / Doubt", description=_desc("需人工核对的疑点；核对后删除", "what a person must check; delete it once resolved"))


class PlanMeta(Strict):
    id: str = Field(title="方案标识 / Plan id", description=_desc("简短标识", "a short identifier"))
    title: str = Field(title="方案标题 / Title", description=_desc("方案全称", "the plan's full title"))
    doc_number: str | None = Field(default=None, title="文号 / Document number", description=_desc("发文字号，如 双林发〔2018〕66号", "the document number, e.g. 双林发〔2018〕66号"))
    issuer: str | None = Field(default=None, title="发文单位 / Issuer", description=_desc("发文机关", "the issuing body"))
    issued: Date = Field(title="印发日期 / Date issued", description=_desc("印发日期", "date the plan was issued"))
    copied_to: list[str] = Field(default_factory=list, title="抄送 / Copied to", description=_desc("抄送单位，须为登记的单位", "units the plan was copied to; each must be a registered unit"))
    period: Period = Field(title="执行期 / Plan period", description=_desc("方案执行期", "the plan period"))
    reporting: Reporting = Field(default_factory=Reporting, title="进展报送 / Progress reporting", description=_desc("进展报送要求", "progress-reporting rules"))
    doubts: list[Doubt] = Field(default_factory=list, title="存疑 / Doubts", description=_desc("导入时无法确定的方案信息（如推断的执行期），需人工核对；核对后删除", "plan facts an import could not decide (e.g. an inferred period); delete each once checked"))


class Rename(Strict):
    former: str = Field(alias="from", title="原名称 / Former name", description=_desc("更名前的名称", "the name before this rename"))
    date: Date = Field(title="更名日期 / Date renamed", description=_desc("启用新名称的日期；此前的报告显示原名称", "the day the new name took effect; reports as of an earlier day show the former name"))


class Unit(Strict):
    name: str = Field(title="单位名称 / Unit name", description=_desc("文件中的单位名称", "the unit's name as the plan writes it"))
    kind: UnitKind = Field(default=UnitKind.DEPARTMENT, title="单位类别 / Kind", description=_desc("department 机关部门, unit 局属单位, external 局外单位", "department, unit (subordinate unit) or external"))
    aliases: list[str] = Field(default_factory=list, title="别名 / Aliases", description=_desc("简称、旧称（如机构改革前的名称）", "short or former names, e.g. the name before a reform"))
    renamed: list[Rename] = Field(
        default_factory=list,
        title="更名记录 / Renames",
        description=_desc("每次更名前的名称和更名日期（gongkai rename-unit 记录）", "each former name and the day it changed (recorded by gongkai rename-unit)"),
    )
    note: str | None = Field(default=None, title="备注 / Note", description=_desc("备注", "free note"))


class Group(Strict):
    name: str = Field(title="群体名称 / Group name", description=_desc("文件中的群体称谓，如 林业局各单位、部门", "a collective name the plan uses, e.g. 林业局各单位、部门"))
    covers: Covers = Field(title="含义 / Covers", description=_desc("all 全部单位和部门, departments 全部部门, units 全部局属单位, named 指定成员, unresolved 有关部门（尚未明确）", "all, departments, units, named (members), or unresolved (relevant units not yet named)"))
    members: list[str] = Field(default_factory=list, title="成员 / Members", description=_desc("covers 为 named 时的成员单位", "the member units when covers is named"))
    aliases: list[str] = Field(default_factory=list, title="别名 / Aliases", description=_desc("同义称谓", "other ways the plan writes this group"))
    note: str | None = Field(default=None, title="备注 / Note", description=_desc("备注", "free note"))


class Section(Strict):
    number: str = Field(title="编号 / Number", description=_desc("文件中的编号，如 二（一）", "the plan's own numbering, e.g. 二（一）"))
    title: str = Field(title="标题 / Title", description=_desc("章节标题", "section heading"))
    parent: str | None = Field(default=None, title="上级 / Parent", description=_desc("上级章节编号", "number of the enclosing section"))
    text: str | None = Field(default=None, title="原文 / Text", description=_desc("章节导语原文", "the section's introductory text"))


class Update(Strict):
    date: Date = Field(title="日期 / Date", description=_desc("报送日期", "date of the report"))
    by: str = Field(title="报送单位 / Reporting unit", description=_desc("报送进展的单位", "the unit that reported"))
    old_status: Status | None = Field(default=None, title="原状态 / Old status", description=_desc("变更前状态", "status before this update"))
    status: Status | None = Field(default=None, title="新状态 / New status", description=_desc("变更后状态", "status after this update"))
    note: str | None = Field(default=None, title="进展情况 / Note", description=_desc("进展说明", "what was done"))
    evidence: list[str] = Field(default_factory=list, title="佐证 / Evidence", description=_desc("佐证材料链接", "links to evidence"))


class PeriodReport(Strict):
    period: str = Field(title="周期 / Period", description=_desc("周期，如 2018Q4、2018-11、2018H2、2018", "the period, e.g. 2018Q4, 2018-11, 2018H2, 2018"))

    @field_validator("period", mode="before")
    @classmethod
    def _year_as_text(cls, value: object) -> object:
        # ``period: 2018`` reads as a number in YAML; a year is still a period.
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value
    date: Date = Field(title="日期 / Date", description=_desc("报送日期", "date of the report"))
    by: str = Field(title="报送单位 / Reporting unit", description=_desc("报送单位", "the unit that reported"))
    note: str | None = Field(default=None, title="情况 / Note", description=_desc("本周期完成情况", "what was done this period"))
    evidence: list[str] = Field(default_factory=list, title="佐证 / Evidence", description=_desc("佐证材料链接", "links to evidence"))


class Source(Strict):
    file: str = Field(title="来源文件 / Source file", description=_desc("导入时的来源文件", "the document it was imported from"))
    line: int | None = Field(default=None, title="行 / Line", description=_desc("来源行号", "line in the source"))
    row: int | None = Field(default=None, title="表格行 / Row", description=_desc("来源表格行号", "table row in the source"))


class Task(Strict):
    id: str = Field(title="编号 / Id", description=_desc("便于输入的简短编号，全表唯一，如 2-2-2a", "a short id that is easy to type, unique, e.g. 2-2-2a"))
    number: str = Field(title="文件编号 / Number", description=_desc("文件中的编号，如 二（一）1", "the plan's own numbering, e.g. 二（一）1"))
    clause: int | None = Field(default=None, ge=1, title="分句 / Clause", description=_desc("同一编号下的第几个责任分句", "which responsibility clause of a numbered item this is"))
    section: str = Field(title="所属章节 / Section", description=_desc("所属章节编号", "number of the section it belongs to"))
    title: str = Field(title="任务 / Title", description=_desc("任务名称", "the task's title"))
    text: str = Field(title="具体内容 / Text", description=_desc("该责任分句的原文", "the clause's original text"))
    lead: list[str] = Field(default_factory=list, title="牵头单位 / Lead", description=_desc("牵头单位，按文件顺序", "lead units, in the plan's order"))
    lead_open: bool = Field(default=False, title="牵头单位未列尽 / Lead list open", description=_desc("牵头单位列表以“等部门”结尾", "the lead list ends in 等部门"))
    cooperate: list[str] = Field(default_factory=list, title="配合单位 / Cooperating", description=_desc("配合单位，按文件顺序", "cooperating units, in the plan's order"))
    cooperate_open: bool = Field(default=False, title="配合单位未列尽 / Cooperating list open", description=_desc("配合单位列表以“等部门”结尾", "the cooperating list ends in 等部门"))
    due: Date | None = Field(default=None, title="完成时限 / Due", description=_desc("完成期限；未写明时取方案执行期结束日", "deadline; when absent the plan period end applies"))
    due_text: str | None = Field(default=None, title="时限原文 / Due as written", description=_desc("文件中时限的原文，如 2018年12月底前、每季度", "the deadline as the plan words it"))
    repeat: Cycle | None = Field(default=None, title="周期性 / Recurs", description=_desc("周期性任务：每个周期一项义务，期限为周期末", "a recurring duty: one obligation per period, due at the period's end"))
    ongoing: bool = Field(default=False, title="长期坚持 / Ongoing", description=_desc("长期坚持的任务：无期限、不办结，但须按期报送", "a standing duty: no deadline, never done, but must keep reporting"))
    status: Status = Field(default=Status.NOT_STARTED, title="状态 / Status", description=_desc("not_started 未启动, in_progress 推进中, done 已完成（办结）, cancelled 已取消", "not_started, in_progress, done, cancelled"))
    completed: Date | None = Field(default=None, title="办结日期 / Completed", description=_desc("办结（销号）日期", "the date it was closed"))
    updates: list[Update] = Field(default_factory=list, title="进展 / Updates", description=_desc("进展报送记录", "progress-report history"))
    reports: list[PeriodReport] = Field(default_factory=list, title="周期报送 / Period reports", description=_desc("周期性任务每个周期的完成记录", "one record per period of a recurring duty"))
    source: Source | None = Field(default=None, title="来源 / Source", description=_desc("导入来源", "where an import found it"))
    doubts: list[Doubt] = Field(default_factory=list, title="存疑 / Doubts", description=_desc("导入时无法确定、需人工核对的内容", "what an import could not decide"))
    note: str | None = Field(default=None, title="备注 / Note", description=_desc("备注", "free note"))


class CheckConfig(Strict):
    disable: list[str] = Field(default_factory=list, title="停用规则 / Disabled rules", description=_desc("对本文件停用的规则编号，如 GK030", "rule codes switched off for this file, e.g. GK030"))


class Ledger(Strict):
    """The whole of tasks.yaml."""

    model_config = ConfigDict(
        extra="forbid",
        defer_build=True,
        title="gongkai 任务分工台账 / gongkai task-responsibility ledger",
        json_schema_extra={"description": "gongkai 任务分工台账（tasks.yaml）的格式 / The format of a gongkai ledger (tasks.yaml)"},
    )

    plan: PlanMeta = Field(title="方案 / Plan", description=_desc("方案信息", "plan metadata"))
    units: list[Unit] = Field(default_factory=list, title="单位 / Units", description=_desc("单位名录", "the unit registry"))
    groups: list[Group] = Field(default_factory=list, title="群体称谓 / Groups", description=_desc("代表一组单位的称谓", "names that stand for sets of units"))
    sections: list[Section] = Field(default_factory=list, title="章节 / Sections", description=_desc("方案的章节", "the plan's sections"))
    tasks: list[Task] = Field(default_factory=list, title="任务 / Tasks", description=_desc("责任分句，每项一个", "responsibility clauses, one per entry"))
    check: CheckConfig | None = Field(default=None, title="检查设置 / Check settings", description=_desc("gongkai check 的设置", "settings for gongkai check"))


# --- derived facts --------------------------------------------------------------------


def effective_due(task: Task, plan: PlanMeta) -> dt.date | None:
    """The deadline of a one-off task: its own, else the plan period end. None if ongoing or recurring."""
    if task.ongoing or task.repeat is not None:
        return None
    return task.due or plan.period.end


def last_report_date(task: Task) -> dt.date | None:
    dates = [u.date for u in task.updates] + [r.date for r in task.reports]
    return max(dates) if dates else None


def is_closed(task: Task) -> bool:
    return task.status in (Status.DONE, Status.CANCELLED)
