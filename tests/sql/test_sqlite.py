"""`gongkai export --format sqlite`: the schema, rows that agree with the queries, --append and its refusals."""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from pathlib import Path

import pytest

from gongkai.export import sqlite as sql_export
from gongkai.loader import load_ledger
from gongkai.models import Ledger
from gongkai.queries import states, units_table

from ..gen import ledgers as ledger_gen
from ..support import LEDGER, REPORTS_PROGRESS, ROOT, Run
from .common import AS_OF, LEDGERS, export_city


def _query(db: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def _tables(conn: sqlite3.Connection, kind: str) -> set[str]:
    return {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = ? AND name NOT LIKE 'sqlite_%'", (kind,))}


def test_schema_has_every_table_the_views_and_a_version(city: sqlite3.Connection) -> None:
    assert _tables(city, "table") == {"gongkai_meta", *(t.name for t in sql_export.TABLES)}
    assert _tables(city, "view") == {"lights", "unit_counts"}
    assert dict(city.execute("SELECT key, value FROM gongkai_meta")) == {"app": "gongkai", "schema_version": "2"}
    for table in sql_export.TABLES:
        columns = [row[1] for row in city.execute(f"PRAGMA table_info({table.name})")]
        assert columns == table.column_names
        assert columns[:2] == ["issuer", "plan_id"]


def test_plans_are_keyed_by_issuer_and_plan_id(city: sqlite3.Connection) -> None:
    rows = city.execute("SELECT issuer, plan_id, as_of FROM plans ORDER BY issuer, plan_id").fetchall()
    # Two bureaus use the same plan id; the issuer keeps them apart.
    assert rows == [
        ("示例市交通局", "gongkai-2018", AS_OF),
        ("示例市林业局", "anquan-2018", AS_OF),
        ("示例市林业局", "gongkai-2018", AS_OF),
    ]


def test_lights_view_holds_the_states_of_the_queries(city: sqlite3.Connection, ledgers: list[Ledger]) -> None:
    as_of = dt.date.fromisoformat(AS_OF)
    for ledger in ledgers:
        expected = [(s.task.id, s.light.value, s.reason.value, s.next_due.isoformat() if s.next_due else None, int(s.report_missing)) for s in states(ledger, as_of)]
        got = city.execute(
            "SELECT task_id, light, reason, next_due, report_missing FROM lights WHERE issuer = ? AND plan_id = ? ORDER BY seq",
            (ledger.plan.issuer, ledger.plan.id),
        ).fetchall()
        assert got == expected


def test_unit_counts_view_matches_gongkai_units(city: sqlite3.Connection, ledgers: list[Ledger]) -> None:
    as_of = dt.date.fromisoformat(AS_OF)
    for ledger in ledgers:
        expected = [
            (u.name, len(u.leads), len(u.supports), len(u.via_group), u.overdue_count(), u.missing_count())
            for u in units_table(ledger, as_of)
        ]
        got = city.execute(
            "SELECT unit, leads, supports, via_group, overdue, report_missing FROM unit_counts WHERE issuer = ? AND plan_id = ? ORDER BY seq",
            (ledger.plan.issuer, ledger.plan.id),
        ).fetchall()
        assert got == expected


def test_task_units_say_how_a_task_reaches_a_unit(city: sqlite3.Connection) -> None:
    rows = city.execute(
        "SELECT task_id, unit, role, via_group, group_role FROM task_units WHERE issuer = '示例市林业局' AND plan_id = 'gongkai-2018' "
        "AND task_id IN ('f2', 'f4') ORDER BY task_id, unit"
    ).fetchall()
    assert rows == [
        ("f2", "信息中心", "cooperate", None, None),
        ("f2", "宣传科", "lead", None, None),
        ("f4", "办公室", "lead", None, None),  # written as the alias 局办
        ("f4", "宣传科", "via_group", "各科室", "cooperate"),
        ("f4", "营林科", "via_group", "各科室", "cooperate"),
    ]


def test_obligations_one_per_period_and_one_per_one_off_task(city: sqlite3.Connection) -> None:
    rows = city.execute(
        "SELECT task_id, period, due, fulfilled, fulfilled_on, overdue, days_late FROM obligations "
        "WHERE issuer = '示例市林业局' AND plan_id = 'gongkai-2018' AND task_id IN ('f1', 'f2', 'f3') ORDER BY task_id, due"
    ).fetchall()
    assert rows == [
        ("f1", None, "2018-06-30", 1, "2018-06-20", 0, None),
        ("f2", None, "2018-09-30", 0, None, 1, 71),
        ("f3", "2018Q1", "2018-03-31", 1, "2018-03-28", 0, None),
        ("f3", "2018Q2", "2018-06-30", 1, "2018-07-10", 0, None),
        ("f3", "2018Q3", "2018-09-30", 0, None, 1, 71),
        ("f3", "2018Q4", "2018-12-31", 0, None, 0, None),
    ]


def test_progress_reports_and_evidence(city: sqlite3.Connection) -> None:
    key = ("示例市林业局", "gongkai-2018")
    progress = city.execute("SELECT task_id, seq, date, by_unit, old_status, status, note FROM progress WHERE issuer = ? AND plan_id = ? AND task_id IN ('f1', 'f4')", key).fetchall()
    assert progress == [
        ("f1", 1, "2018-06-20", "办公室", "not_started", "done", "已在门户网站公开"),
        ("f4", 1, "2018-11-30", "办公室", "not_started", "in_progress", None),
    ]
    reports = city.execute("SELECT period, date, by_unit, note FROM period_reports WHERE issuer = ? AND plan_id = ? ORDER BY seq", key).fetchall()
    assert reports == [("2018Q1", "2018-03-28", "信息中心", "检查栏目 12 个"), ("2018Q2", "2018-07-10", "信息中心", "检查栏目 12 个")]
    evidence = city.execute("SELECT task_id, source, entry, url FROM evidence WHERE issuer = ? AND plan_id = ? ORDER BY task_id", key).fetchall()
    assert evidence == [("f1", "progress", 1, "https://example.org/f1/budget.html"), ("f3", "period_report", 2, "https://example.org/f3/2018Q2.pdf")]


def test_registry_tables(city: sqlite3.Connection) -> None:
    key = ("示例市林业局", "gongkai-2018")
    assert city.execute("SELECT alias, unit FROM unit_aliases WHERE issuer = ? AND plan_id = ?", key).fetchall() == [("局办", "办公室")]
    members = city.execute("SELECT group_name, unit FROM group_members WHERE issuer = ? AND plan_id = ? ORDER BY unit", key).fetchall()
    assert members == [("各科室", "办公室"), ("各科室", "宣传科"), ("各科室", "营林科")]
    sections = city.execute("SELECT seq, number, title FROM sections WHERE issuer = ? AND plan_id = ?", key).fetchall()
    assert sections == [(1, "一", "公开重点"), (2, "二", "保障措施")]


def test_reexport_of_a_plan_replaces_its_rows_only(run: Run, city_db: Path) -> None:
    def counts() -> dict[str, object]:
        return {t.name: _query(city_db, f"SELECT COUNT(*) FROM {t.name}") for t in sql_export.TABLES}

    before = counts()
    result = run("export", "--format", "sqlite", "-o", city_db, "--append", "--file", LEDGERS[0], "--as-of", "2018-12-31")
    assert result.exit_code == 0, result.stderr
    assert counts() == before
    with sqlite3.connect(city_db) as conn:
        assert conn.execute("SELECT issuer, plan_id, as_of FROM plans ORDER BY as_of, issuer").fetchall() == [
            ("示例市交通局", "gongkai-2018", AS_OF),
            ("示例市林业局", "anquan-2018", AS_OF),
            ("示例市林业局", "gongkai-2018", "2018-12-31"),
        ]
        # As of the last day, f5 (due 2018-12-20) is overdue in the replaced rows.
        assert conn.execute("SELECT light FROM lights WHERE plan_id = 'gongkai-2018' AND task_id = 'f5'").fetchall() == [("red",)]


def test_append_to_a_missing_file_creates_the_database(run: Run, tmp_path: Path) -> None:
    db = tmp_path / "全市 台账?#1.db"  # a name that needs quoting in an SQLite URI
    for ledger in (LEDGERS[2], LEDGERS[1]):
        result = run("export", "--format", "sqlite", "-o", db, "--append", "--file", ledger, "--as-of", AS_OF)
        assert result.exit_code == 0, result.stderr
    assert _query(db, "SELECT plan_id, COUNT(*) FROM tasks GROUP BY plan_id ORDER BY plan_id") == [("anquan-2018", 2), ("gongkai-2018", 4)]
    assert [p.name for p in tmp_path.iterdir()] == [db.name]


def _foreign_sqlite(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE plans (issuer TEXT, plan_id TEXT)")
        conn.execute("INSERT INTO plans VALUES ('x', 'y')")
    conn.close()


@pytest.mark.parametrize("kind", ["foreign sqlite", "text file"])
def test_append_refuses_a_file_that_is_not_a_gongkai_database(kind: str, run: Run, tmp_path: Path) -> None:
    target = tmp_path / "other.db"
    if kind == "text file":
        target.write_text("序号,任务\n1,x\n", encoding="utf-8")
    else:
        _foreign_sqlite(target)
    before = target.read_bytes()
    result = run("export", "--format", "sqlite", "-o", target, "--append", "--file", LEDGERS[0], "--as-of", AS_OF)
    assert result.exit_code == 3
    assert "不是 gongkai 数据库" in result.stderr and "gongkai_meta" in result.stderr
    assert "Traceback" not in result.stderr
    assert target.read_bytes() == before


def test_append_refuses_another_schema_version(run: Run, city_db: Path) -> None:
    with sqlite3.connect(city_db) as conn:
        conn.execute("UPDATE gongkai_meta SET value = '99' WHERE key = 'schema_version'")
    conn.close()
    before = city_db.read_bytes()
    result = run("export", "--format", "sqlite", "-o", city_db, "--append", "--file", LEDGERS[0], "--as-of", AS_OF, "--lang", "en")
    assert result.exit_code == 3
    assert "schema 99" in result.stderr
    assert city_db.read_bytes() == before


def test_plain_export_will_not_overwrite_other_plans_or_foreign_databases(run: Run, city_db: Path, tmp_path: Path) -> None:
    before = city_db.read_bytes()
    result = run("export", "--format", "sqlite", "-o", city_db, "--file", LEDGERS[0], "--as-of", AS_OF, "--lang", "en")
    assert result.exit_code == 3 and "already exists" in result.stderr  # like every export, an existing file needs --force
    # and even with --force, a database holding other plans is not replaced by one plan
    result = run("export", "--format", "sqlite", "-o", city_db, "--force", "--file", LEDGERS[0], "--as-of", AS_OF, "--lang", "en")
    assert result.exit_code == 3
    assert "holds 2 other plan(s)" in result.stderr and "--append" in result.stderr
    assert city_db.read_bytes() == before

    foreign = tmp_path / "foreign.db"
    _foreign_sqlite(foreign)
    before = foreign.read_bytes()
    result = run("export", "--format", "sqlite", "-o", foreign, "--force", "--file", LEDGERS[0], "--as-of", AS_OF, "--lang", "en")
    assert result.exit_code == 3
    assert "gongkai did not write" in result.stderr
    assert foreign.read_bytes() == before


def test_plain_export_replaces_a_database_of_the_same_plan(run: Run, tmp_path: Path) -> None:
    db = tmp_path / "one.db"
    for as_of in (AS_OF, "2018-12-31"):
        result = run("export", "--format", "sqlite", "-o", db, "--force", "--file", LEDGERS[0], "--as-of", as_of)
        assert result.exit_code == 0, result.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT as_of FROM plans").fetchall() == [("2018-12-31",)]
    assert [p.name for p in tmp_path.iterdir()] == ["one.db"]  # no temporary file left beside it


def test_a_failed_append_leaves_the_database_as_it_was(run: Run, city_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = {t.name: _query(city_db, f"SELECT * FROM {t.name} ORDER BY 1, 2, 3") for t in sql_export.TABLES}

    def half_then_fail(conn: sqlite3.Connection, rows: sql_export.Rows) -> None:
        conn.executemany("INSERT INTO tasks (issuer, plan_id, seq, task_id) VALUES (?, ?, ?, ?)", [("示例市林业局", "gongkai-2018", 1, "x")])
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(sql_export, "_fill", half_then_fail)
    result = run("export", "--format", "sqlite", "-o", city_db, "--append", "--file", LEDGERS[0], "--as-of", "2018-12-31", "--lang", "en")
    assert result.exit_code == 3
    assert "disk is full" in result.stderr and "was not changed" in result.stderr
    after = {t.name: _query(city_db, f"SELECT * FROM {t.name} ORDER BY 1, 2, 3") for t in sql_export.TABLES}
    assert after == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "csv", "-o", "x.csv", "--append"], "--append works with --format sqlite only"),
        (["--format", "sqlite", "--by-unit", "dir", "--append"], "--append cannot be used with --by-unit"),
        (["--format", "sqlite", "--by-unit", "dir"], "cannot be split by unit"),
    ],
)
def test_usage_errors(args: list[str], message: str, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("export", *args, "--file", LEDGERS[0], "--as-of", AS_OF, "--lang", "en")
    assert result.exit_code == 3
    assert message in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_export_the_same_city_twice_gives_the_same_rows(run: Run, city_db: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.db"
    export_city(run, again)
    for table in sql_export.TABLES:
        one = _query(city_db, f"SELECT * FROM {table.name} ORDER BY 1, 2, 3")
        two = _query(again, f"SELECT * FROM {table.name} ORDER BY 1, 2, 3")
        assert one == two and one, table.name


def _gen_ledger(tmp_path: Path, n: int, seed: int) -> Ledger:
    path = tmp_path / f"gen-{seed}.yaml"
    path.write_text(ledger_gen.ledger(n, seed=seed).text, encoding="utf-8")
    return load_ledger(path, use_cache=False)


def test_task_units_follow_the_rule_of_gongkai_unit(ledgers: list[Ledger], tmp_path: Path) -> None:
    """Every (task, unit) role in the database is what ``gongkai unit`` lists, on ledgers with
    aliases, named, covering and unresolved groups, and external units."""
    samples = [*ledgers, load_ledger(LEDGER, use_cache=False), load_ledger(REPORTS_PROGRESS, use_cache=False)]
    samples += [_gen_ledger(tmp_path, 300, seed) for seed in (1, 2)]
    as_of = dt.date.fromisoformat(AS_OF)
    roles: set[str] = set()
    for ledger in samples:
        expected: dict[tuple[str, str], tuple[object, ...]] = {}
        for view in units_table(ledger, as_of):
            for st in view.leads:
                expected.setdefault((st.task.id, view.name), ("lead", None, None))
            for st in view.supports:
                expected.setdefault((st.task.id, view.name), ("cooperate", None, None))
            for st in view.supervises:
                expected.setdefault((st.task.id, view.name), ("supervise", None, None))
            for via in view.via_group:
                expected.setdefault((via.state.task.id, view.name), ("via_group", via.group, via.role))
            for via in view.maybe:
                expected.setdefault((via.state.task.id, view.name), ("maybe", via.group, via.role))
        rows = sql_export.plan_rows(ledger, as_of)["task_units"]
        got = {(r[2], r[3]): r[4:] for r in rows}
        assert len(got) == len(rows)
        assert got == expected, ledger.plan.id
        roles |= {str(role) for role, *_ in got.values()}
    assert roles == {"lead", "cooperate", "via_group", "maybe"}


def test_hostile_text_is_stored_as_it_is(run: Run, tmp_path: Path) -> None:
    hostile = "'); DROP TABLE tasks; --"
    text = (LEDGERS[2]).read_text(encoding="utf-8").replace("公开重大项目信息", json.dumps(hostile))
    ledger = tmp_path / "hostile.yaml"
    ledger.write_text(text, encoding="utf-8")
    db = tmp_path / "h.db"
    assert run("export", "--format", "sqlite", "-o", db, "--file", ledger, "--as-of", AS_OF).exit_code == 0
    assert _query(db, "SELECT title FROM tasks WHERE task_id = 't1'") == [(hostile,)]


def test_planner_statistics_are_refreshed_as_the_city_grows(city: sqlite3.Connection) -> None:
    # Three plans were exported one by one: analysed at 1 and 2 plans, not yet again at 3.
    stat = city.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = 'plans'").fetchone()
    assert stat is not None and stat[0].split()[0] == "2"
    plan = city.execute("EXPLAIN QUERY PLAN SELECT * FROM task_units WHERE issuer = 'x' AND plan_id = 'y' AND task_id = 'z' AND role = 'lead'").fetchall()
    assert "sqlite_autoindex_task_units_1 (issuer=? AND plan_id=? AND task_id=? AND role=?)" in plan[0][3]


def test_a_failed_write_keeps_the_old_database(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "one.db"
    assert run("export", "--format", "sqlite", "-o", db, "--file", LEDGERS[0], "--as-of", AS_OF).exit_code == 0
    before = db.read_bytes()

    def disk_full(path: Path, data: bytes) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(sql_export, "write_file", disk_full)
    result = run("export", "--format", "sqlite", "-o", db, "--force", "--file", LEDGERS[0], "--as-of", "2018-12-31", "--lang", "en")
    assert result.exit_code == 3
    assert f"cannot write {db}: No space left on device" in result.stderr
    assert db.read_bytes() == before


def test_a_file_that_is_not_a_database_is_replaced_like_any_export(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "old-export.db"
    target.write_text("序号,任务\n", encoding="utf-8")
    assert run("export", "--format", "sqlite", "-o", target, "--file", LEDGERS[0], "--as-of", AS_OF).exit_code == 3
    assert run("export", "--format", "sqlite", "-o", target, "--force", "--file", LEDGERS[0], "--as-of", AS_OF).exit_code == 0
    assert target.read_bytes().startswith(sql_export.SQLITE_HEADER)
    assert _query(target, "SELECT COUNT(*) FROM tasks") == [(6,)]


def test_every_reason_the_queries_give_is_documented() -> None:
    from gongkai.queries import Reason

    doc = (ROOT / "docs" / "sql.md").read_text(encoding="utf-8")
    row = next(line for line in doc.splitlines() if line.startswith("| `reason` |"))
    assert {r.value for r in Reason} == set(re.findall(r"`([a-z_]+)`", row)) - {"reason"}
