"""People a plan names for a task (牵头领导 张三, 联系人：李四 0591-12345678): contacts, never units."""

from __future__ import annotations

import re

_PHONE = re.compile(r"(?:\+?86[-\s]?)?(?:1[3-9]\d{9}|0\d{2,3}[-－—\s]?\d{7,8}(?:[-－转]\d{1,5})?|\d{7,8})")
_PHONE_COLUMN = re.compile(r"^(?:联系|办公|手机)?(?:电话|手机|方式)(?:号码)?$|^联系方式$")
_PHONE_WORD = re.compile(r"(?:电话|手机|Tel|TEL)\s*[:：]?")
_EMPTY_BRACKETS = re.compile(r"[（(]\s*[)）]")


def _parts(value: str) -> list[str]:
    """林文耀（区党工委副书记、管委会主任）、张三 → two people: a separator inside brackets is the title's;
    a space after a title's bracket separates too (张三（副主任） 李四), one inside a name (张 三) does not."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(value):
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth = max(0, depth - 1)
        elif depth == 0 and (ch in "、，,；;/\n" or (ch in " \u3000" and value[:i].rstrip()[-1:] in "）)")):
            parts.append(value[start:i])
            start = i + 1
    parts.append(value[start:])
    return [p.strip() for p in parts if p.strip()]


def is_phone_column(role: str) -> bool:
    return _PHONE_COLUMN.match(role) is not None


def contact_entries(pairs: list[tuple[str, str]]) -> list[dict[str, str]]:
    """(the plan's word, what it says) → contacts. A number alone (a 联系电话 column, 张三、13800000000)
    belongs to the person before it; several people in one cell are several contacts."""
    out: list[dict[str, str]] = []
    for role, value in pairs:
        mine: list[dict[str, str]] = []
        for part in _parts(value):
            if part in ("/", "-", "—", "无"):
                continue
            phone = "、".join(m.group(0).strip() for m in _PHONE.finditer(part)) or None
            rest = _EMPTY_BRACKETS.sub("", _PHONE_WORD.sub("", _PHONE.sub("", part)))
            name = rest.strip(" \u3000:：-—") or None
            if name is None and phone is not None:
                earlier = mine or (out if is_phone_column(role) else [])
                if earlier and "phone" not in earlier[-1]:
                    earlier[-1]["phone"] = phone
                    continue
            entry = {"role": role}
            if name is not None:
                entry["name"] = name
            if phone is not None:
                entry["phone"] = phone
            mine.append(entry)
        out.extend(mine)
    return out


__all__ = ["contact_entries", "is_phone_column"]
