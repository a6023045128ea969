"""The ledger as a normalised SQLite database, for SQL and the BI tools a city office already has.

One schema (``TABLES`` and ``VIEWS``, documented in docs/sql.md) holds the ledgers of many plans
and many bureaus: every row carries its plan's ``issuer`` and ``plan_id``. A plain export builds
the database in memory and writes it whole through ``safewrite.write_file``, so a killed export
never leaves half a database. ``append`` adds one plan (``append_plans`` any number) to an
existing gongkai database in one transaction, replacing the rows of an earlier export of the
same plan.

States, lights and obligations come from ``queries``, evaluated as of the export date and stored
beside what the ledger says; the views only join and count them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import UsageError
from ..models import Covers, Ledger, Task, UnitKind
from ..names import Directory
from ..queries import TaskState, overdue, states
from ..safewrite import write_file
from .rows import Sheet

APP = "gongkai"
SCHEMA_VERSION = 2
META = "gongkai_meta"
SQLITE_HEADER = b"SQLite format 3\x00"


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[tuple[str, str], ...]  # (name, SQL type); every table starts with issuer, plan_id
    key: tuple[str, ...]
    indexes: tuple[tuple[str, ...], ...] = ()

    @property
    def column_names(self) -> list[str]:
        return [c for c, _ in self.columns]


def _table(name: str, columns: str, key: str, *indexes: str) -> Table:
    cols = tuple((c.split()[0], c.split()[1]) for c in ("issuer TEXT, plan_id TEXT, " + columns).split(", "))
    return Table(name, cols, ("issuer", "plan_id", *key.split()), tuple(("issuer", "plan_id", *i.split()) for i in indexes))


# The schema: what docs/sql.md documents, column by column. Dates are ISO text (YYYY-MM-DD),
# booleans 0/1. Keys use the order of the ledger (seq) where a ledger that disabled a rule of
# ``gongkai check`` could repeat a name; the names are indexed.
TABLES: tuple[Table, ...] = (
    _table(
        "plans",
        "title TEXT, doc_number TEXT, issued DATE, period_start DATE, period_end DATE, reporting_cycle TEXT, "
        "due_soon_days INTEGER, copied_to TEXT, as_of DATE",
        "",
    ),
    _table("sections", "seq INTEGER, number TEXT, title TEXT, parent TEXT, text TEXT", "seq", "number"),
    _table(
        "tasks",
        "seq INTEGER, task_id TEXT, number TEXT, clause INTEGER, section TEXT, title TEXT, text TEXT, lead TEXT, lead_open BOOLEAN, "
        "cooperate TEXT, cooperate_open BOOLEAN, due DATE, due_text TEXT, effective_due DATE, repeat TEXT, ongoing BOOLEAN, "
        "status TEXT, completed DATE, note TEXT",
        "task_id",
        "seq",
    ),
    _table(
        "task_states",
        "task_id TEXT, as_of DATE, light TEXT, reason TEXT, next_due DATE, days_late INTEGER, last_report DATE, report_missing BOOLEAN",
        "task_id",
    ),
    _table("units", "seq INTEGER, unit TEXT, kind TEXT, note TEXT", "seq", "unit"),
    _table("unit_aliases", "alias TEXT, unit TEXT", "alias unit"),
    _table("unit_renames", "unit TEXT, seq INTEGER, old TEXT, date DATE", "unit seq", "old"),
    _table("groups", "seq INTEGER, group_name TEXT, covers TEXT, note TEXT", "seq", "group_name"),
    _table("group_aliases", "alias TEXT, group_name TEXT", "alias group_name"),
    _table("group_members", "group_name TEXT, unit TEXT", "group_name unit"),
    _table("task_units", "task_id TEXT, unit TEXT, role TEXT, via_group TEXT, group_role TEXT", "task_id role unit", "unit role task_id"),
    _table(
        "obligations",
        "task_id TEXT, period TEXT, due DATE, fulfilled BOOLEAN, fulfilled_on DATE, overdue BOOLEAN, days_late INTEGER",
        "task_id period",
        "due",
    ),
    _table("progress", "task_id TEXT, seq INTEGER, date DATE, by_unit TEXT, old_status TEXT, status TEXT, note TEXT", "task_id seq", "date"),
    _table("period_reports", "task_id TEXT, seq INTEGER, period TEXT, date DATE, by_unit TEXT, note TEXT", "task_id seq", "period"),
    _table("evidence", "task_id TEXT, source TEXT, entry INTEGER, seq INTEGER, url TEXT", "task_id source entry seq"),
)

# obligations' key: a one-off task's single obligation has period NULL, which a primary key
# would reject in some engines; the key columns are only a unique index there (see _ddl).
_NULLABLE_KEYS = {"obligations"}

VIEWS: dict[str, str] = {
    "lights": """
        SELECT t.issuer, t.plan_id, p.title AS plan_title, p.as_of, t.seq, t.task_id, t.number, t.section, t.title,
               t.lead, t.status, s.light, s.reason, s.next_due, s.days_late, s.last_report, s.report_missing
        FROM tasks t
        JOIN task_states s USING (issuer, plan_id, task_id)
        JOIN plans p USING (issuer, plan_id)""",
    # Two aggregates, so that only lead rows are joined to their tasks: the whole city's task_units
    # (a row per unit a group reaches) is scanned once, without a lookup per row.
    "unit_counts": """
        WITH roles AS (
            SELECT issuer, plan_id, unit,
                   COUNT(CASE WHEN role = 'lead' THEN 1 END) AS leads,
                   COUNT(CASE WHEN role = 'cooperate' THEN 1 END) AS supports,
                   COUNT(CASE WHEN role = 'via_group' THEN 1 END) AS via_group
            FROM task_units
            GROUP BY issuer, plan_id, unit
        ), lead_stats AS (
            SELECT tu.issuer, tu.plan_id, tu.unit,
                   COUNT(CASE WHEN t.status = 'done' THEN 1 END) AS leads_done,
                   COUNT(CASE WHEN t.status <> 'cancelled' THEN 1 END) AS leads_live,
                   COUNT(CASE WHEN s.reason = 'overdue' THEN 1 END) AS overdue,
                   COUNT(CASE WHEN s.report_missing = 1 THEN 1 END) AS report_missing
            FROM task_units tu
            JOIN tasks t USING (issuer, plan_id, task_id)
            JOIN task_states s USING (issuer, plan_id, task_id)
            WHERE tu.role = 'lead'
            GROUP BY tu.issuer, tu.plan_id, tu.unit
        )
        SELECT u.issuer, u.plan_id, u.seq, u.unit, u.kind,
               COALESCE(r.leads, 0) AS leads, COALESCE(l.leads_done, 0) AS leads_done, COALESCE(l.leads_live, 0) AS leads_live,
               COALESCE(r.supports, 0) AS supports, COALESCE(r.via_group, 0) AS via_group,
               COALESCE(l.overdue, 0) AS overdue, COALESCE(l.report_missing, 0) AS report_missing
        FROM units u
        LEFT JOIN roles r USING (issuer, plan_id, unit)
        LEFT JOIN lead_stats l USING (issuer, plan_id, unit)""",
}


def _ddl() -> list[str]:
    out = [f"CREATE TABLE {META} (key TEXT PRIMARY KEY, value TEXT NOT NULL)"]
    for table in TABLES:
        cols = ", ".join(f"{name} {typ}" for name, typ in table.columns)
        if table.name in _NULLABLE_KEYS:
            out.append(f"CREATE TABLE {table.name} ({cols})")
            out.append(f"CREATE UNIQUE INDEX {table.name}_key ON {table.name} ({', '.join(table.key)})")
        else:
            out.append(f"CREATE TABLE {table.name} ({cols}, PRIMARY KEY ({', '.join(table.key)}))")
        for i, index in enumerate(table.indexes):
            out.append(f"CREATE INDEX {table.name}_{i} ON {table.name} ({', '.join(index)})")
    out += [f"CREATE VIEW {name} AS {sql.strip()}" for name, sql in VIEWS.items()]
    return out


# --- rows ------------------------------------------------------------------------------------

Value = str | int | None
Rows = dict[str, list[tuple[Value, ...]]]
# A plan to export: the ledger, the as-of date, and its task states if already computed.
PlanInput = tuple[Ledger, dt.date, list[TaskState] | None]


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def plan_rows(ledger: Ledger, as_of: dt.date, all_states: list[TaskState] | None = None) -> Rows:
    """Every table's rows for one plan, keyed by table name, in the order of ``TABLES``' columns."""
    if all_states is None:
        all_states = states(ledger, as_of)
    plan = ledger.plan
    key: tuple[Value, ...] = (plan.issuer or "", plan.id)
    d = Directory(ledger)
    rows: Rows = {t.name: [] for t in TABLES}
    rows["plans"].append(
        (*key, plan.title, plan.doc_number, _day(plan.issued), _day(plan.period.start), _day(plan.period.end),
         plan.reporting.cycle.value if plan.reporting.cycle else None, plan.reporting.due_soon_days, "、".join(plan.copied_to), _day(as_of))
    )
    rows["sections"] += [(*key, i, s.number, s.title, s.parent, s.text) for i, s in enumerate(ledger.sections, 1)]
    rows["units"] += [(*key, i, u.name, u.kind.value, u.note) for i, u in enumerate(ledger.units, 1)]
    rows["unit_aliases"] += dict.fromkeys((*key, a, u.name) for u in ledger.units for a in u.aliases)
    rows["unit_renames"] += [(*key, u.name, i, r.old, _day(r.date)) for u in ledger.units for i, r in enumerate(u.renamed, 1)]
    rows["groups"] += [(*key, i, g.name, g.covers.value, g.note) for i, g in enumerate(ledger.groups, 1)]
    rows["group_aliases"] += dict.fromkeys((*key, a, g.name) for g in ledger.groups for a in g.aliases)
    rows["group_members"] += [(*key, g, m) for g in d.groups for m in dict.fromkeys(d.members(g))]
    late: dict[int, dict[str | None, int]] = {}
    for item in overdue(ledger, as_of).overdue:
        late.setdefault(id(item.obligation.task), {})[item.obligation.period] = item.days
    reach = Reach(d)
    for seq, st in enumerate(all_states, 1):
        task = st.task
        tid = task.id
        rows["tasks"].append(
            (*key, seq, tid, task.number, task.clause, task.section, task.title, task.text, "、".join(task.lead), int(task.lead_open),
             "、".join(task.cooperate), int(task.cooperate_open), _day(task.due), task.due_text,
             _day(next((o.due for o in st.obligations if o.period is None), None)), task.repeat.value if task.repeat else None,
             int(task.ongoing), task.status.value, _day(task.completed), task.note)
        )
        task_late = late.get(id(task), {})
        rows["task_states"].append(
            (*key, tid, _day(as_of), st.light.value, st.reason.value, _day(st.next_due), max(task_late.values(), default=None),
             _day(st.last_report), int(st.report_missing))
        )
        for ob in st.obligations:
            days = task_late.get(ob.period)
            rows["obligations"].append((*key, tid, ob.period, _day(ob.due), int(ob.fulfilled), _day(ob.fulfilled_on), int(days is not None), days))
        for i, u in enumerate(task.updates, 1):
            rows["progress"].append((*key, tid, i, _day(u.date), d.canonical(u.by) or u.by, _value(u.old_status), _value(u.status), u.note))
            rows["evidence"] += [(*key, tid, "progress", i, j, url) for j, url in enumerate(u.evidence, 1)]
        for i, r in enumerate(task.reports, 1):
            rows["period_reports"].append((*key, tid, i, r.period, _day(r.date), d.canonical(r.by) or r.by, r.note))
            rows["evidence"] += [(*key, tid, "period_report", i, j, url) for j, url in enumerate(r.evidence, 1)]
        rows["task_units"] += [(*key, tid, unit, *how) for unit, how in reach.units(task).items()]
    return rows


def _value(status: object) -> str | None:
    return getattr(status, "value", None)


class Reach:
    """How one task reaches each registered unit: ``queries.unit_view``'s rule, task by task.

    ``unit_view`` walks every task for one unit; a database of a whole city needs every unit for
    every task, which this does in one pass (a test holds the two to the same answer).
    """

    def __init__(self, d: Directory) -> None:
        self.d = d
        self.members = {g: set(d.members(g)) for g in d.groups}
        # In registry order, so that a database is written the same way every time.
        self.ordered = {g: [u for u in d.units if u in self.members[g]] for g in d.groups}
        self.internal = [name for name, unit in d.units.items() if unit.kind is not UnitKind.EXTERNAL]
        self.internal_set = set(self.internal)

    def units(self, task: Task) -> dict[str, tuple[str, str | None, str | None]]:
        """unit -> (role, via_group, group_role), roles as in docs/sql.md."""
        d = self.d
        out: dict[str, tuple[str, str | None, str | None]] = {}
        named = {"lead": [d.canonical(n) for n in task.lead], "cooperate": [d.canonical(n) for n in task.cooperate]}
        for role, names in named.items():
            for name in names:
                if name is not None and name in d.units:
                    out.setdefault(name, (role, None, None))
        for name in (d.canonical(n) for n in task.supervise):
            if name is not None and name in d.units:
                out.setdefault(name, ("supervise", None, None))
        groups = {role: [g for g in names if g is not None and g in d.groups] for role, names in named.items()}
        if not groups["lead"] and not groups["cooperate"]:
            return out
        unresolved = {role: next((g for g in gs if d.groups[g].covers is Covers.UNRESOLVED), None) for role, gs in groups.items()}
        candidates: dict[str, None] = {}
        for gs in groups.values():
            for g in gs:
                candidates.update(dict.fromkeys(self.ordered[g]))
        if any(unresolved.values()):
            candidates.update(dict.fromkeys(self.internal))
        for unit in candidates:
            if unit in out:
                continue
            for role in ("lead", "cooperate"):
                hit = next((g for g in groups[role] if unit in self.members[g]), None)
                if hit is not None:
                    out[unit] = ("via_group", hit, role)
                    break
                if unresolved[role] is not None and unit in self.internal_set:
                    out[unit] = ("maybe", unresolved[role], role)
                    break
        return out


# --- writing ---------------------------------------------------------------------------------


def _fill(conn: sqlite3.Connection, rows: Rows) -> None:
    for table in TABLES:
        marks = ", ".join("?" * len(table.columns))
        conn.executemany(f"INSERT INTO {table.name} ({', '.join(table.column_names)}) VALUES ({marks})", rows[table.name])


def _delete_plan(conn: sqlite3.Connection, issuer: str, plan_id: str) -> None:
    for table in TABLES:
        conn.execute(f"DELETE FROM {table.name} WHERE issuer = ? AND plan_id = ?", (issuer, plan_id))


def _analyze(conn: sqlite3.Connection) -> None:
    """Refresh the planner's statistics whenever the number of plans has doubled since the last time.

    Without them SQLite reads the large task_units table first for the questions of docs/sql.md.
    Sampled (``analysis_limit``), and only on doubling, so that 500 appends analyse ten times.
    """
    try:
        found = conn.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = 'plans'").fetchone()
    except sqlite3.OperationalError:  # never analysed
        found = None
    analysed = int(str(found[0]).split()[0]) if found else 0
    if conn.execute("SELECT COUNT(*) FROM plans").fetchone()[0] >= 2 * analysed:
        conn.execute("PRAGMA analysis_limit = 1000")
        conn.execute("ANALYZE")


def new_database(conn: sqlite3.Connection) -> None:
    for statement in _ddl():
        conn.execute(statement)
    conn.executemany(f"INSERT INTO {META} (key, value) VALUES (?, ?)", [("app", APP), ("schema_version", str(SCHEMA_VERSION))])


def build(ledgers: Iterable[PlanInput]) -> sqlite3.Connection:
    """A new in-memory database holding these plans."""
    conn = sqlite3.connect(":memory:")
    with conn:
        new_database(conn)
        for ledger, as_of, all_states in ledgers:
            _fill(conn, plan_rows(ledger, as_of, all_states))
        _analyze(conn)
    return conn


def check_whole(sheet: Sheet) -> None:
    if sheet.unit is not None:
        raise UsageError("sql.err.by_unit")
    _check_ids(sheet.ledger)


def _check_ids(ledger: Ledger) -> None:
    seen: set[str] = set()
    for task in ledger.tasks:
        if task.id in seen:
            raise UsageError("sql.err.duplicate_id", id=task.id)
        seen.add(task.id)


def _is_sqlite(path: Path) -> bool:
    with path.open("rb") as f:
        return f.read(16) == SQLITE_HEADER


def sheet_plan(sheet: Sheet) -> PlanInput:
    """The plan of a sheet, with the states its rows already hold."""
    check_whole(sheet)
    return sheet.ledger, sheet.as_of, [r.state for r in sheet.rows]


def write(sheet: Sheet, path: Path) -> None:
    """A new database holding this plan, written whole (an existing file is replaced atomically).

    Refuses to replace a database that is not gongkai's, or one that holds other plans too: that
    would lose them (``append`` adds to it instead).
    """
    write_plans([sheet], path)


def write_plans(sheets: list[Sheet], path: Path) -> None:
    """``write`` for the plans of a workspace, all in one new database."""
    plans = [sheet_plan(sheet) for sheet in sheets]
    keys = [(sheet.ledger.plan.issuer or "", sheet.ledger.plan.id) for sheet in sheets]
    twice = next((key for i, key in enumerate(keys) if key in keys[:i]), None)
    if twice is not None:
        raise UsageError("sql.err.duplicate_plan", plan=twice[1], issuer=twice[0] or "—")
    if path.is_file() and _is_sqlite(path):
        with _open(path, readonly=True) as conn:
            if not _is_gongkai(conn):
                raise UsageError("sql.err.replace_foreign", path=str(path))
            others = sum(1 for row in conn.execute("SELECT issuer, plan_id FROM plans") if tuple(row) not in keys)
            if others:
                raise UsageError("sql.err.replace_others", path=str(path), n=others)
    _write_new(path, plans)


def _write_new(path: Path, plans: list[PlanInput]) -> None:
    conn = build(plans)
    try:
        data = _serialize(conn)
    finally:
        conn.close()
    write_file(path, data)


def _serialize(conn: sqlite3.Connection) -> bytes:
    if hasattr(conn, "serialize"):
        return conn.serialize()
    with tempfile.TemporaryDirectory() as tmp:  # Python 3.10 has no serialize()
        copy = Path(tmp) / "copy.db"
        target = sqlite3.connect(copy)
        conn.backup(target)
        target.close()
        return copy.read_bytes()


def append(sheet: Sheet, path: Path) -> None:
    """Add the sheet's plan to the gongkai database at ``path`` (see ``append_plans``)."""
    append_plans([sheet_plan(sheet)], path)


def append_plans(plans: Iterable[PlanInput], path: Path) -> int:
    """Add plans to the gongkai database at ``path`` in one transaction; returns how many.

    A missing (or empty) file first becomes an empty gongkai database, written atomically. The
    rows of an earlier export of the same plan (same issuer and plan id) are replaced. A file that
    is not a gongkai database of this schema version is refused untouched.
    """
    if not path.exists() or (path.is_file() and path.stat().st_size == 0):
        _write_new(path, [])
    count = 0
    with _open(path, readonly=False) as conn:
        if not _is_gongkai(conn):
            raise UsageError("sql.err.not_gongkai", path=str(path))
        version = _schema_version(conn)
        if version != SCHEMA_VERSION:
            raise UsageError("sql.err.schema_version", path=str(path), found=version, expected=SCHEMA_VERSION)
        try:
            conn.execute("BEGIN IMMEDIATE")
            for ledger, as_of, all_states in plans:
                _check_ids(ledger)
                rows = plan_rows(ledger, as_of, all_states)
                _delete_plan(conn, ledger.plan.issuer or "", ledger.plan.id)
                _fill(conn, rows)
                count += 1
            _analyze(conn)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.rollback()
            raise
    return count


@contextlib.contextmanager
def _open(path: Path, *, readonly: bool) -> Iterator[sqlite3.Connection]:
    """A connection that turns SQLite's failures (not a database, locked, disk full) into usage errors."""
    uri = f"{path.resolve().as_uri()}?mode={'ro' if readonly else 'rw'}"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=30, isolation_level=None)
    except sqlite3.Error as exc:
        raise UsageError("err.write_failed", path=str(path), detail=str(exc)) from None
    try:
        yield conn
    except sqlite3.DatabaseError as exc:
        raise UsageError("sql.err.database", path=str(path), detail=str(exc)) from None
    finally:
        conn.close()


def _is_gongkai(conn: sqlite3.Connection) -> bool:
    try:
        found = conn.execute(f"SELECT value FROM {META} WHERE key = 'app'").fetchone()
    except sqlite3.DatabaseError:  # not a database at all, or no meta table
        return False
    return found is not None and found[0] == APP


def _schema_version(conn: sqlite3.Connection) -> str | int:
    found = conn.execute(f"SELECT value FROM {META} WHERE key = 'schema_version'").fetchone()
    raw = found[0] if found else "?"
    return int(raw) if str(raw).isdigit() else str(raw)
