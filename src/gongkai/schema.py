"""The JSON Schema of tasks.yaml, generated from the models (``gongkai schema``).

Field titles and descriptions come from ``models.py`` (Chinese / English); the titles of
the definitions come from the i18n catalog. Two things the models cannot say by
themselves are added here: a report ``period`` may be a bare year (``period: 2018``
reads as a number), and ``check.disable`` takes rule codes, listed so editors complete them.
"""

from __future__ import annotations

import json
from typing import Any

from .i18n import t

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def generate() -> dict[str, Any]:
    from .dates import EARLIEST, LATEST
    from .diagnose import RULES
    from .models import Ledger, json_schema
    from .periods import PERIOD_PATTERN

    schema: dict[str, Any] = {"$schema": DIALECT, **json_schema(Ledger)}
    for name, definition in schema["$defs"].items():
        definition["title"] = f"{t(f'schema.def.{name}', 'zh')} / {t(f'schema.def.{name}', 'en')}"
        definition.pop("description", None)
    period = schema["$defs"]["PeriodReport"]["properties"]["period"]
    period.pop("type")
    period["anyOf"] = [{"type": "string", "pattern": PERIOD_PATTERN}, {"type": "integer", "minimum": EARLIEST.year, "maximum": LATEST.year}]
    schema["$defs"]["CheckConfig"]["properties"]["disable"]["items"] = {"type": "string", "enum": list(RULES)}
    return schema


def schema_text() -> str:
    return json.dumps(generate(), ensure_ascii=False, indent=2) + "\n"
