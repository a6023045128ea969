"""Unit names: splitting a list, telling groups from units, and the registry with aliases.

A list such as ``宣传部、新闻中心及林业局各单位、部门`` holds two units and one group whose
own name contains 、; ``省工信厅、财政厅`` means 省财政厅; ``市发改委等部门`` is open-ended.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..models import Covers

# Endings that make a string look like the name of an office, a body or a unit.
BODY_SUFFIXES = (
    "局", "委", "办", "厅", "部", "室", "科", "处", "院", "会", "中心", "站", "所", "队", "司", "行",
    "社", "馆", "府", "集团", "公司", "组", "署", "庭", "团", "校", "台", "场", "段", "区", "县",
    "市", "镇", "乡", "街道", "村", "银行", "部门", "单位", "机构", "分局", "支队", "大队",
    "办公室", "小组", "指挥部", "联", "协", "园", "关", "厂", "矿", "所", "盟", "旗", "州", "省",
    "监狱", "医院", "学校", "中队", "分公司", "事务所", "法院", "检察院", "委员会",
)
# Words that turn a phrase into running text: 牵头起草部门 is a role, not a unit.
_NOT_NAME = re.compile(r"牵头|配合|负责|起草|承担|主管|要|应当|必须|的|按照|根据|进行|开展|加强|推进|做好|建立|落实|完成")
_NAME_CHARS = re.compile(r"^[\u4e00-\u9fff0-9A-Za-z（）()·\-]+$")
_ADMIN_PREFIX = "省市县区州旗镇乡"
# 各单位、部门 / 局属各单位 / 各有关部门 / 各区县人民政府 / 林业局有关部门 ...
_GROUP = re.compile(r"^(?P<prefix>.{0,12}?)(?P<marker>各|有关|相关|其他|其它|所有|全体)(?P<rest>.{1,14})$")
_GROUP_TAIL = re.compile(r"^(?:各)?(?:单位|部门|科室|处室|直属单位|局属单位|机关部门|基层单位|职能部门|相关部门|有关部门)$")
_OPEN_TAIL = re.compile(r"等(?:有关|相关|其他|其它)?(?:部门|单位|机构|科室|处室|部门和单位|单位和部门|部门、单位|单位、部门)?$")
_SEP = re.compile(r"[、，,；;\s/]+|以及|及")
_CONJ = re.compile(r"[和与]")


@dataclass
class UnitList:
    names: list[str] = field(default_factory=list)
    open: bool = False
    odd: list[str] = field(default_factory=list)  # names kept as written but not unit-like
    expanded: dict[str, str] = field(default_factory=dict)  # shared prefix: written -> meant


def group_covers(name: str) -> Covers | None:
    """The coverage of a group name, or None if ``name`` is not a group."""
    m = _GROUP.match(name)
    if not m:
        return None
    rest, marker = m["rest"], m["marker"]
    if not _looks_like_body(rest) and not _GROUP_TAIL.match(rest):
        return None
    if marker in ("有关", "相关", "其他", "其它") or "有关" in rest or "相关" in rest:
        return Covers.UNRESOLVED
    has_units = "单位" in rest or "单位" in m["prefix"]
    has_departments = bool(re.search(r"部门|科室|处室|科、室", rest))
    if has_units and has_departments:
        return Covers.ALL
    if has_departments:
        return Covers.DEPARTMENTS
    if has_units:
        return Covers.UNITS
    # 各区县人民政府, 各乡镇: a set the plan does not spell out.
    return Covers.UNRESOLVED


def is_group(name: str) -> bool:
    return group_covers(name) is not None


def _looks_like_body(name: str) -> bool:
    return name.endswith(BODY_SUFFIXES)


def is_unit_name(name: str) -> bool:
    """True if ``name`` reads as the name of a unit (not running text, not a group)."""
    if not 2 <= len(name) <= 30 or not _NAME_CHARS.match(name) or _NOT_NAME.search(name):
        return False
    # 省编办（省审改办）, 区招商局（产业办）: the bracket gives another name or a division.
    bare = re.sub(r"[（(][^（）()]{1,15}[）)]$", "", name)
    return _looks_like_body(bare) or len(bare) <= 6


def split_units(text: str, *, share_prefix: bool = True) -> UnitList:
    """Split a written list of units and groups, keeping the plan's order."""
    out = UnitList()
    s = text.strip().strip("：:。.；;，,、 \u3000")
    if s.startswith("由"):
        s = s[1:]
    if re.search(r"等(?:和|及|以及|与)(?=各|有关|相关)", s):
        # A、B等和各省级人民政府负责: the units' list is open, the group is a group of its own
        out.open = True
        s = re.sub(r"等(?:和|及|以及|与)(?=各|有关|相关)", "、", s)
    m = _OPEN_TAIL.search(s)
    if m and m.start() > 0:
        out.open = True
        s = s[: m.start()]
    pieces = [p.replace("\x00", "、").replace("\x01", "，") for p in _SEP.split(_protect(s)) if p]
    merged: list[str] = []
    for piece in pieces:
        # 林业局各单位、部门: the second half of one group name, not a list item of its own.
        if merged and is_group(merged[-1]) and _GROUP_TAIL.match(piece):
            merged[-1] = f"{merged[-1]}、{piece}"
            continue
        merged.extend(_split_conjunction(piece))
    merged = _share_suffix(merged, out)
    prefix = ""
    for i, name in enumerate(merged):
        if name.endswith("等") and i == len(merged) - 1:
            out.open = True
            name = name[:-1]
        # 区社会事业局（牵头医疗医美板块）: the bracket says which part it leads, not its name.
        name = re.sub(r"[（(](?=[^（）()]{3,}[）)]$)[^（）()]*(?:牵头|负责|配合)[^（）()]*[）)]$", "", name) or name
        tail = _OPEN_TAIL.search(name)
        if tail and tail.start() >= 2:
            # 省人社厅、教育厅等相关部门，各设区市: the list is open after its first part.
            out.open = True
            name = name[: tail.start()]
        if i == 0 and share_prefix and name[:1] in _ADMIN_PREFIX and len(name) > 2 and not is_group(name):
            prefix = name[0]
        elif prefix and _takes_prefix(name):
            out.expanded[prefix + name] = name
            name = prefix + name
        out.names.append(name)
        if not is_group(name) and not is_unit_name(name):
            out.odd.append(name)
    return out


_PLACE_BODY = re.compile(r"^(?P<place>[\u4e00-\u9fff]{2,3}?)(?P<body>(?:片区|园区|新区|开发区|乡|镇|街道)[\u4e00-\u9fff]*(?:局|委|办|中心|指挥部|管委会|公司|政府))$")


def _share_suffix(names: list[str], out: UnitList) -> list[str]:
    """金井、澳前片区开发管理局: two 片区开发管理局, each expansion recorded with its spelling."""
    result = list(names)
    for i in range(len(result) - 2, -1, -1):
        name = result[i]
        m = _PLACE_BODY.match(result[i + 1])
        if m is None or not 2 <= len(name) <= 3 or name.endswith(BODY_SUFFIXES) or is_group(name) or _NOT_NAME.search(name):
            continue
        meant = name + m["body"]
        out.expanded[meant] = name
        result[i] = meant
    return result


def _protect(s: str) -> str:
    """Hide separators inside brackets: 各县（市、区）人民政府 is one name."""
    out: list[str] = []
    depth = 0
    for ch in s:
        if ch in "（(":
            depth += 1
        elif ch in "）)" and depth:
            depth -= 1
        elif depth and ch in "、，,":
            ch = "\x00" if ch == "、" else "\x01"
        out.append(ch)
    return "".join(out)


# Bodies that carry their own place or belong to another level (平潭海关, 人行平潭支行,
# 国家税务总局…) and companies: a level word shared along a list never applies to them.
_OWN_PLACE = re.compile(r"中国|国家|中央|人民政府|海关|边检|海事|银保监|证监|人民银行|人行|支行|分行|公司|[省县区州]|(?<!城)市(?!场)")


def _takes_prefix(name: str) -> bool:
    return (
        (name[:1] not in _ADMIN_PREFIX or name.startswith("市场"))  # 市场监督管理局 has no level word
        and not is_group(name)
        and not _OWN_PLACE.search(name)
        and len(name) <= 10
        and _looks_like_body(name)
    )


def _split_conjunction(piece: str) -> list[str]:
    """Split at 和/与 only where both sides are whole names (住房和城乡建设局 stays whole)."""
    for m in _CONJ.finditer(piece):
        left, right = piece[: m.start()], piece[m.end() :]
        if len(left) >= 2 and len(right) >= 2 and _looks_like_body(left) and (is_unit_name(right) or is_group(right)):
            return [left, *_split_conjunction(right)]
    return [piece]


# --- the registry ------------------------------------------------------------------------


def _squash(name: str) -> str:
    return re.sub(r"[和与、]", "", name)


def _abbrev_of(short: str, long: str) -> bool:
    """True if ``short`` is a plain abbreviation of ``long`` (发改委 / 发展和改革委员会)."""
    long = long.replace("委员会", "委").replace("办公室", "办")
    if len(short) < 2 or len(short) >= len(long) or short[0] != long[0] or short[-1] != long[-1]:
        return False
    it = iter(long)
    return all(ch in it for ch in short)


def _prefix_dropped(short: str, long: str) -> bool:
    if not long.endswith(short) or len(short) < 2 or long == short:
        return False
    prefix = long[: -len(short)]
    return prefix.endswith((*_ADMIN_PREFIX, "局", "委", "政府"))


@dataclass
class Variant:
    name: str  # as written
    canonical: str
    suspected: bool  # True for abbreviations: a person should confirm


def resolve_variants(names: list[str], *, abbreviations: bool = True) -> dict[str, Variant]:
    """Map each name that is a variant of another found name to that fuller name.

    Prefix dropped (财政局 / 县财政局) and 与/和 dropped (人力资源与社会保障局 /
    人力资源社会保障局) are plainly the same; an abbreviation (发改委 / 发展和改革委员会)
    is taken as the same but marked suspected.
    """
    found = list(dict.fromkeys(names))
    out: dict[str, Variant] = {}
    by_length = sorted(found, key=len, reverse=True)
    for name in found:
        for other in by_length:
            if other == name or len(other) < len(name) or other in out:
                continue
            if _squash(other) == _squash(name) and (len(other) > len(name) or (len(other) == len(name) and found.index(other) < found.index(name))):
                out[name] = Variant(name, other, False)
                break
            if _prefix_dropped(name, other):
                out[name] = Variant(name, other, False)
                break
        else:
            if not abbreviations:
                continue
            candidates = [o for o in by_length if o != name and o not in out and _abbrev_of(name, o)]
            if len(candidates) == 1:
                out[name] = Variant(name, candidates[0], True)
    return out
