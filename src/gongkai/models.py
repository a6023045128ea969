"""The ledger as plain dataclasses, plus pure helpers that take ``today`` as an argument.

Each entry of ``tasks`` is one responsibility clause: the unit of tracking. A numbered
item of the plan that carries several annotations (二（二）2 has four) becomes several
entries that share ``number`` and differ in ``clause``.

The classes are plain data: reading them back from the cache, querying and printing them
never imports pydantic. pydantic is still the authority on what a ledger may contain:
``Ledger.model_validate`` (and ``validate``) build a pydantic validator from these very
classes, their annotations and the constraints marked in them (``Date``, ``AtLeast1``...),
on first use. Field titles and descriptions (``metadata``) feed the JSON Schema.
"""

from __future__ import annotations

import copy
import datetime as dt
import enum
from collections.abc import Mapping
from dataclasses import MISSING, Field, dataclass, fields
from dataclasses import field as attr

from .dates import EARLIEST, LATEST, in_range

TYPE_CHECKING = False  # not from typing: a report never needs it (see ``resolve_types``)
if TYPE_CHECKING:
    from typing import Annotated, Any, ClassVar, TypeVar

    from pydantic import GetCoreSchemaHandler
    from pydantic_core import CoreSchema


def _desc(zh: str, en: str) -> str:
    return f"{zh} / {en}"


def _doc(title: str, description: str) -> dict[str, str]:
    return {"title": title, "description": description}


# --- constraints pydantic reads from the annotations ------------------------------------------


class _Check:
    """A constraint in an ``Annotated`` type: the schema pydantic builds for the plain type, adjusted."""

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return self.adjust(handler(source))

    def adjust(self, schema: CoreSchema) -> CoreSchema:
        raise NotImplementedError


class _InRange(_Check):
    def adjust(self, schema: CoreSchema) -> CoreSchema:
        from pydantic_core import core_schema

        return core_schema.no_info_after_validator_function(_in_range, schema)


class _AtLeast(_Check):
    def __init__(self, bound: int) -> None:
        self.bound = bound

    def adjust(self, schema: CoreSchema) -> CoreSchema:
        return {**schema, "ge": self.bound}


class _YearAsText(_Check):
    def adjust(self, schema: CoreSchema) -> CoreSchema:
        from pydantic_core import core_schema

        return core_schema.no_info_before_validator_function(_year_as_text, schema)


def _in_range(day: dt.date) -> dt.date:
    # One object for each day: a ledger names a few hundred days thousands of times, and the
    # cache writes an object it has written before as a reference to it. A day met before was
    # in range: one lookup for most.
    known = _DAYS.get(day)
    if known is not None:
        return known
    if not in_range(day):
        from .validator import core

        raise core().PydanticCustomError("date_range", "date outside {earliest} to {latest}", {"earliest": str(EARLIEST), "latest": str(LATEST)})
    _DAYS[day] = day
    return day


_DAYS: dict[dt.date, dt.date] = {}


def _year_as_text(value: object) -> object:
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


if TYPE_CHECKING:
    # Every date of a ledger: a real date, within the years gongkai can count periods and deadlines in.
    Date = Annotated[dt.date, _InRange()]
    AtLeast0 = Annotated[int, _AtLeast(0)]
    AtLeast1 = Annotated[int, _AtLeast(1)]
    YearOrText = Annotated[str, _YearAsText()]

    M = TypeVar("M", bound="Model")


def resolve_types() -> None:
    """Give the constrained types the annotations name (``Date``...) their meaning, for pydantic
    and ``typing.get_type_hints``. Reading, querying and printing a ledger never need them, and
    ``typing`` is not imported until something validates."""
    if "Date" in globals():
        return
    from typing import Annotated, Any, ClassVar

    globals().update(
        Any=Any,
        ClassVar=ClassVar,
        Date=Annotated[dt.date, _InRange()],
        AtLeast0=Annotated[int, _AtLeast(0)],
        AtLeast1=Annotated[int, _AtLeast(1)],
        YearOrText=Annotated[str, _YearAsText()],
    )


class Model:
    """What every part of the ledger shares: unknown keys are refused, and pydantic validates on demand."""

    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "forbid"}
    # Each model's fields by name, in the order tasks.yaml writes them (filled in below).
    model_fields: ClassVar[dict[str, Field[Any]]] = {}

    @classmethod
    def model_validate(cls: type[M], data: object) -> M:
        """``data`` checked and built into this class; raises pydantic's ValidationError."""
        return _adapter(cls).validate_python(data)  # type: ignore[no-any-return]

    def model_copy(self: M, *, update: Mapping[str, Any] | None = None) -> M:
        """A shallow copy with some fields replaced (not validated)."""
        made = copy.copy(self)
        for name, value in (update or {}).items():
            setattr(made, name, value)
        return made

    def model_dump(self, *, mode: str = "python", exclude_none: bool = False) -> dict[str, Any]:
        """The fields as plain data (``mode="json"``: dates as ISO text, enums as their values)."""
        return _adapter(type(self)).dump_python(self, mode=mode, exclude_none=exclude_none)  # type: ignore[no-any-return]


_ADAPTERS: dict[type, Any] = {}


def _adapter(cls: type) -> Any:
    found = _ADAPTERS.get(cls)
    if found is None:
        from pydantic import TypeAdapter

        resolve_types()
        found = _ADAPTERS[cls] = TypeAdapter(cls)
    return found


def json_schema(cls: type[Model]) -> dict[str, Any]:
    return _adapter(cls).json_schema()  # type: ignore[no-any-return]


def core_schema(cls: type[Model]) -> dict[str, Any]:
    """The pydantic-core schema pydantic generates for ``cls``, that its validator is built from."""
    return _adapter(cls).core_schema  # type: ignore[no-any-return]


def field_names(cls: type[Model]) -> tuple[str, ...]:
    """The fields of a model, in the order tasks.yaml writes them."""
    return tuple(cls.model_fields)


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


@dataclass(kw_only=True)
class Period(Model):
    """The plan period: its first and last day."""

    start: Date = attr(metadata=_doc("开始 / Start", _desc("方案执行期开始日期", "first day of the plan period")))
    end: Date = attr(
        metadata=_doc(
            "结束 / End",
            _desc("方案执行期结束日期；未写明时限的任务以此为期限", "last day of the plan period; the deadline of tasks that give none"),
        )
    )


@dataclass(kw_only=True)
class Reporting(Model):
    """How often units report progress, and how near a deadline turns the light yellow."""

    cycle: Cycle | None = attr(
        default=None,
        metadata=_doc(
            "报送周期 / Reporting cycle",
            _desc(
                "各单位报送进展的周期；超过一个周期未报送即为缺报（黄灯）",
                "how often units report progress; a task not reported for longer than one cycle is 'report missing' (yellow)",
            ),
        ),
    )
    due_soon_days: AtLeast0 = attr(
        default=14,
        metadata=_doc(
            "临期天数 / Due-soon window",
            _desc("距期限不足该天数即亮黄灯", "a deadline this many days away or fewer turns the light yellow"),
        ),
    )


@dataclass(kw_only=True)
class Doubt(Model):
    """Something an import could not decide, for a person to check."""

    field: str | None = attr(default=None, metadata=_doc("字段 / Field", _desc("存疑的字段", "the field in doubt")))
    message: str = attr(
        metadata=_doc("疑点 / Doubt", _desc("需人工核对的疑点；核对后删除", "what a person must check; delete it once resolved"))
    )


@dataclass(kw_only=True)
class PlanMeta(Model):
    """The plan itself: title, document number, issuer, dates, reporting rules."""

    id: str = attr(metadata=_doc("方案标识 / Plan id", _desc("简短标识", "a short identifier")))
    title: str = attr(metadata=_doc("方案标题 / Title", _desc("方案全称", "the plan's full title")))
    doc_number: str | None = attr(
        default=None,
        metadata=_doc("文号 / Document number", _desc("发文字号，如 双林发〔2018〕66号", "the document number, e.g. 双林发〔2018〕66号")),
    )
    issuer: str | None = attr(default=None, metadata=_doc("发文单位 / Issuer", _desc("发文机关", "the issuing body")))
    issued: Date = attr(metadata=_doc("印发日期 / Date issued", _desc("印发日期", "date the plan was issued")))
    copied_to: list[str] = attr(
        default_factory=list,
        metadata=_doc(
            "抄送 / Copied to", _desc("抄送单位，须为登记的单位", "units the plan was copied to; each must be a registered unit")
        ),
    )
    period: Period = attr(metadata=_doc("执行期 / Plan period", _desc("方案执行期", "the plan period")))
    reporting: Reporting = attr(
        default_factory=Reporting, metadata=_doc("进展报送 / Progress reporting", _desc("进展报送要求", "progress-reporting rules"))
    )
    doubts: list[Doubt] = attr(
        default_factory=list,
        metadata=_doc(
            "存疑 / Doubts",
            _desc(
                "导入时无法确定的方案信息（如推断的执行期），需人工核对；核对后删除",
                "plan facts an import could not decide (e.g. an inferred period); delete each once checked",
            ),
        ),
    )


@dataclass(kw_only=True)
class Rename(Model):
    """A unit's former name, and the day its present name took effect."""

    old: str = attr(metadata=_doc("原名称 / Former name", _desc("更名前的名称", "the name before this rename")))
    date: Date = attr(
        metadata=_doc(
            "更名日期 / Date renamed",
            _desc(
                "启用新名称的日期；此前的报告显示原名称",
                "the day the new name took effect; reports as of an earlier day show the former name",
            ),
        )
    )


@dataclass(kw_only=True)
class Unit(Model):
    """A unit of the registry, with its kind and other names."""

    name: str = attr(metadata=_doc("单位名称 / Unit name", _desc("文件中的单位名称", "the unit's name as the plan writes it")))
    kind: UnitKind = attr(
        default=UnitKind.DEPARTMENT,
        metadata=_doc(
            "单位类别 / Kind",
            _desc("department 机关部门, unit 局属单位, external 局外单位", "department, unit (subordinate unit) or external"),
        ),
    )
    aliases: list[str] = attr(
        default_factory=list,
        metadata=_doc("别名 / Aliases", _desc("简称、旧称（如机构改革前的名称）", "short or former names, e.g. the name before a reform")),
    )
    renamed: list[Rename] = attr(
        default_factory=list,
        metadata=_doc(
            "更名记录 / Renames",
            _desc(
                "每次更名前的名称和更名日期（gongkai rename-unit 记录）",
                "each former name and the day it changed (recorded by gongkai rename-unit)",
            ),
        ),
    )
    note: str | None = attr(default=None, metadata=_doc("备注 / Note", _desc("备注", "free note")))


@dataclass(kw_only=True)
class Group(Model):
    """A name that stands for a set of units (林业局各单位、部门)."""

    name: str = attr(
        metadata=_doc(
            "群体名称 / Group name",
            _desc("文件中的群体称谓，如 林业局各单位、部门", "a collective name the plan uses, e.g. 林业局各单位、部门"),
        )
    )
    covers: Covers = attr(
        metadata=_doc(
            "含义 / Covers",
            _desc(
                "all 全部单位和部门, departments 全部部门, units 全部局属单位, named 指定成员, unresolved 有关部门（尚未明确）",
                "all, departments, units, named (members), or unresolved (relevant units not yet named)",
            ),
        )
    )
    members: list[str] = attr(
        default_factory=list,
        metadata=_doc("成员 / Members", _desc("covers 为 named 时的成员单位", "the member units when covers is named")),
    )
    aliases: list[str] = attr(
        default_factory=list, metadata=_doc("别名 / Aliases", _desc("同义称谓", "other ways the plan writes this group"))
    )
    note: str | None = attr(default=None, metadata=_doc("备注 / Note", _desc("备注", "free note")))


@dataclass(kw_only=True)
class Section(Model):
    """A section of the plan, in its own numbering."""

    number: str = attr(metadata=_doc("编号 / Number", _desc("文件中的编号，如 二（一）", "the plan's own numbering, e.g. 二（一）")))
    title: str = attr(metadata=_doc("标题 / Title", _desc("章节标题", "section heading")))
    parent: str | None = attr(default=None, metadata=_doc("上级 / Parent", _desc("上级章节编号", "number of the enclosing section")))
    text: str | None = attr(default=None, metadata=_doc("原文 / Text", _desc("章节导语原文", "the section's introductory text")))


@dataclass(kw_only=True)
class Update(Model):
    """One progress entry: date, unit, status change, note, evidence."""

    date: Date = attr(metadata=_doc("日期 / Date", _desc("报送日期", "date of the report")))
    by: str = attr(metadata=_doc("报送单位 / Reporting unit", _desc("报送进展的单位", "the unit that reported")))
    old_status: Status | None = attr(default=None, metadata=_doc("原状态 / Old status", _desc("变更前状态", "status before this update")))
    status: Status | None = attr(default=None, metadata=_doc("新状态 / New status", _desc("变更后状态", "status after this update")))
    note: str | None = attr(default=None, metadata=_doc("进展情况 / Note", _desc("进展说明", "what was done")))
    evidence: list[str] = attr(default_factory=list, metadata=_doc("佐证 / Evidence", _desc("佐证材料链接", "links to evidence")))


@dataclass(kw_only=True)
class PeriodReport(Model):
    """One period of a recurring duty, reported."""

    # ``period: 2018`` reads as a number in YAML; a year is still a period.
    period: YearOrText = attr(
        metadata=_doc("周期 / Period", _desc("周期，如 2018Q4、2018-11、2018H2、2018", "the period, e.g. 2018Q4, 2018-11, 2018H2, 2018"))
    )
    date: Date = attr(metadata=_doc("日期 / Date", _desc("报送日期", "date of the report")))
    by: str = attr(metadata=_doc("报送单位 / Reporting unit", _desc("报送单位", "the unit that reported")))
    note: str | None = attr(default=None, metadata=_doc("情况 / Note", _desc("本周期完成情况", "what was done this period")))
    evidence: list[str] = attr(default_factory=list, metadata=_doc("佐证 / Evidence", _desc("佐证材料链接", "links to evidence")))


@dataclass(kw_only=True)
class Source(Model):
    """Where an import found a task."""

    file: str = attr(metadata=_doc("来源文件 / Source file", _desc("导入时的来源文件", "the document it was imported from")))
    line: int | None = attr(default=None, metadata=_doc("行 / Line", _desc("来源行号", "line in the source")))
    row: int | None = attr(default=None, metadata=_doc("表格行 / Row", _desc("来源表格行号", "table row in the source")))


@dataclass(kw_only=True)
class Contact(Model):
    """A person named for a task: role, name, phone."""

    role: str = attr(
        metadata=_doc(
            "角色 / Role",
            _desc("文件中的称谓或表格列名，如 牵头领导、责任人、联系人", "the plan's own word or column, e.g. 牵头领导, 责任人, 联系人"),
        )
    )
    name: str | None = attr(
        default=None, metadata=_doc("姓名 / Name", _desc("人员姓名（可含职务）", "the person's name, with a title if the plan gives one"))
    )
    phone: str | None = attr(default=None, metadata=_doc("联系电话 / Phone", _desc("电话号码，照原文", "the telephone number as written")))


@dataclass(kw_only=True)
class Task(Model):
    """One responsibility clause: the unit of tracking."""

    id: str = attr(
        metadata=_doc("编号 / Id", _desc("便于输入的简短编号，全表唯一，如 2-2-2a", "a short id that is easy to type, unique, e.g. 2-2-2a"))
    )
    number: str = attr(metadata=_doc("文件编号 / Number", _desc("文件中的编号，如 二（一）1", "the plan's own numbering, e.g. 二（一）1")))
    clause: AtLeast1 | None = attr(
        default=None,
        metadata=_doc("分句 / Clause", _desc("同一编号下的第几个责任分句", "which responsibility clause of a numbered item this is")),
    )
    section: str = attr(metadata=_doc("所属章节 / Section", _desc("所属章节编号", "number of the section it belongs to")))
    title: str = attr(metadata=_doc("任务 / Title", _desc("任务名称", "the task's title")))
    text: str = attr(metadata=_doc("具体内容 / Text", _desc("该责任分句的原文", "the clause's original text")))
    lead: list[str] = attr(
        default_factory=list, metadata=_doc("牵头单位 / Lead", _desc("牵头单位，按文件顺序", "lead units, in the plan's order"))
    )
    lead_open: bool = attr(
        default=False, metadata=_doc("牵头单位未列尽 / Lead list open", _desc("牵头单位列表以“等部门”结尾", "the lead list ends in 等部门"))
    )
    cooperate: list[str] = attr(
        default_factory=list,
        metadata=_doc("配合单位 / Cooperating", _desc("配合单位，按文件顺序", "cooperating units, in the plan's order")),
    )
    cooperate_open: bool = attr(
        default=False,
        metadata=_doc("配合单位未列尽 / Cooperating list open", _desc("配合单位列表以“等部门”结尾", "the cooperating list ends in 等部门")),
    )
    supervise: list[str] = attr(
        default_factory=list,
        metadata=_doc(
            "督导单位 / Supervising",
            _desc(
                "检查指导、督办、监督该任务的单位，按文件顺序：不牵头也不配合",
                "units that check, guide or oversee the task, in the plan's order: they neither lead nor cooperate",
            ),
        ),
    )
    contacts: list[Contact] = attr(
        default_factory=list,
        metadata=_doc(
            "联系人 / Contacts",
            _desc(
                "牵头领导、责任人、联系人及电话：是人，不是单位",
                "leaders, persons in charge and contacts, with their phone numbers: people, not units",
            ),
        ),
    )
    due: Date | None = attr(
        default=None,
        metadata=_doc("完成时限 / Due", _desc("完成期限；未写明时取方案执行期结束日", "deadline; when absent the plan period end applies")),
    )
    due_text: str | None = attr(
        default=None,
        metadata=_doc(
            "时限原文 / Due as written", _desc("文件中时限的原文，如 2018年12月底前、每季度", "the deadline as the plan words it")
        ),
    )
    repeat: Cycle | None = attr(
        default=None,
        metadata=_doc(
            "周期性 / Recurs",
            _desc("周期性任务：每个周期一项义务，期限为周期末", "a recurring duty: one obligation per period, due at the period's end"),
        ),
    )
    ongoing: bool = attr(
        default=False,
        metadata=_doc(
            "长期坚持 / Ongoing",
            _desc("长期坚持的任务：无期限、不办结，但须按期报送", "a standing duty: no deadline, never done, but must keep reporting"),
        ),
    )
    status: Status = attr(
        default=Status.NOT_STARTED,
        metadata=_doc(
            "状态 / Status",
            _desc(
                "not_started 未启动, in_progress 推进中, done 已完成（办结）, cancelled 已取消", "not_started, in_progress, done, cancelled"
            ),
        ),
    )
    completed: Date | None = attr(default=None, metadata=_doc("办结日期 / Completed", _desc("办结（销号）日期", "the date it was closed")))
    updates: list[Update] = attr(default_factory=list, metadata=_doc("进展 / Updates", _desc("进展报送记录", "progress-report history")))
    reports: list[PeriodReport] = attr(
        default_factory=list,
        metadata=_doc("周期报送 / Period reports", _desc("周期性任务每个周期的完成记录", "one record per period of a recurring duty")),
    )
    source: Source | None = attr(default=None, metadata=_doc("来源 / Source", _desc("导入来源", "where an import found it")))
    doubts: list[Doubt] = attr(
        default_factory=list, metadata=_doc("存疑 / Doubts", _desc("导入时无法确定、需人工核对的内容", "what an import could not decide"))
    )
    note: str | None = attr(default=None, metadata=_doc("备注 / Note", _desc("备注", "free note")))


@dataclass(kw_only=True)
class CheckConfig(Model):
    """Settings for gongkai check."""

    disable: list[str] = attr(
        default_factory=list,
        metadata=_doc(
            "停用规则 / Disabled rules", _desc("对本文件停用的规则编号，如 GK030", "rule codes switched off for this file, e.g. GK030")
        ),
    )


@dataclass(kw_only=True)
class Ledger(Model):
    """The whole of tasks.yaml."""

    plan: PlanMeta = attr(metadata=_doc("方案 / Plan", _desc("方案信息", "plan metadata")))
    units: list[Unit] = attr(default_factory=list, metadata=_doc("单位 / Units", _desc("单位名录", "the unit registry")))
    groups: list[Group] = attr(
        default_factory=list, metadata=_doc("群体称谓 / Groups", _desc("代表一组单位的称谓", "names that stand for sets of units"))
    )
    sections: list[Section] = attr(default_factory=list, metadata=_doc("章节 / Sections", _desc("方案的章节", "the plan's sections")))
    tasks: list[Task] = attr(
        default_factory=list, metadata=_doc("任务 / Tasks", _desc("责任分句，每项一个", "responsibility clauses, one per entry"))
    )
    check: CheckConfig | None = attr(
        default=None, metadata=_doc("检查设置 / Check settings", _desc("gongkai check 的设置", "settings for gongkai check"))
    )


# Set after the class: in its body, without ``typing`` imported, dataclasses would take it for a field.
Ledger.__pydantic_config__ = {
    "extra": "forbid",
    "title": "gongkai 任务分工台账 / gongkai task-responsibility ledger",
    "json_schema_extra": {"description": "gongkai 任务分工台账（tasks.yaml）的格式 / The format of a gongkai ledger (tasks.yaml)"},
}

# Every model of the ledger.
MODELS: tuple[type[Any], ...] = (
    Period,
    Reporting,
    Doubt,
    PlanMeta,
    Rename,
    Unit,
    Group,
    Section,
    Update,
    PeriodReport,
    Source,
    Contact,
    Task,
    CheckConfig,
    Ledger,
)
for _model in MODELS:
    _model.model_fields = {f.name: f for f in fields(_model)}


# --- as a cache entry holds them --------------------------------------------------------------


class _NoItems(list):  # type: ignore[type-arg]
    """The empty list a field reads as when a cache entry left it out (``LEFT_OUT``): one object
    shared by every such field, so it refuses to change."""

    __slots__ = ()

    def _refuse(self, *args: object, **kwargs: object) -> Any:
        raise TypeError("a list read from the cache is shared: copy it before changing it")

    append = extend = insert = remove = pop = clear = sort = reverse = _refuse
    __setitem__ = __delitem__ = __iadd__ = __imul__ = _refuse

    # A copy, and a pickle, is a plain list of its own.
    def __copy__(self) -> list[Any]:
        return []

    def __deepcopy__(self, memo: object) -> list[Any]:
        return []

    def __reduce_ex__(self, protocol: object) -> tuple[type[list[Any]], tuple[()]]:
        return list, ()


NO_ITEMS: list[Any] = _NoItems()

# Each model's fields that a cache entry leaves out when they hold their default: the fields with
# a plain default (None, False, a number, an enum), which the class itself holds, and the empty
# lists, which read as ``NO_ITEMS``. Most fields of most tasks are at their default, and a cache
# entry read back makes one object, and sets one attribute, per field it holds.
LEFT_OUT: dict[type, tuple[dict[str, object], frozenset[str]]] = {}
for _model in MODELS:
    _plain = {f.name: f.default for f in fields(_model) if f.default is not MISSING}
    _lists = frozenset(f.name for f in fields(_model) if f.default_factory is list)
    for _name in _lists:
        setattr(_model, _name, NO_ITEMS)
    LEFT_OUT[_model] = (_plain, _lists)


# --- derived facts --------------------------------------------------------------------


def effective_due(task: Task, plan: PlanMeta) -> dt.date | None:
    """The deadline of a one-off task: its own, else the plan period end. None if ongoing or recurring."""
    if task.ongoing or task.repeat is not None:
        return None
    return task.due or plan.period.end


def last_report_date(task: Task) -> dt.date | None:
    last: dt.date | None = None
    for entry in task.updates:
        if last is None or entry.date > last:
            last = entry.date
    for report in task.reports:
        if last is None or report.date > last:
            last = report.date
    return last


CLOSED = (Status.DONE, Status.CANCELLED)  # 办结 or cancelled: nothing more is due


def is_closed(task: Task) -> bool:
    return task.status in CLOSED
