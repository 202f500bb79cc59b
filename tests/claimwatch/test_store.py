"""claimwatch.store: schema, migrations, round trips, transactions and error translation."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlite_utils import Database

from claimwatch.models import ArticleInput, Bound, Figure, Stance, Statement
from claimwatch.store import Store, StoreError, migrations, open_store, utc_iso

WIB = timezone(timedelta(hours=7))
FETCHED = datetime(2024, 5, 1, 12, 30, tzinfo=UTC)
URL = "https://example.com/news/1"


BASE = ["m001_initial", "m002_tracking", "m003_sources", "m004_chats", "m005_scopes_and_relays",
        "m006_topic_subjects", "m007_source_text_history", "m008_topic_exclusions",
        "m009_source_baselines", "m010_chat_snooze_and_concepts", "m011_instance_lease",
        "m012_item_queue_and_caps", "m013_ops", "m014_tracker_indexes", "m015_stance_side_index",
        "m016_series_live_counts"]


def _core_counts(store: Store) -> dict[str, int]:
    c = store.counts()
    return {k: c[k] for k in ("articles", "figures", "statements")}


@pytest.fixture
def store() -> Iterator[Store]:
    with open_store(None) as s:
        yield s


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "nested" / "dir" / "claimwatch.db"


@pytest.fixture
def file_store(db_path: Path) -> Iterator[Store]:
    with open_store(db_path) as s:
        yield s


def article(url: str = URL, **kw: object) -> ArticleInput:
    fields: dict = {
        "text": "Sekitar 1.500 tentara dikirim.",
        "published": datetime(2024, 5, 1, 9, 0, tzinfo=WIB),
        "title": "Judul",
        "source": "example",
        "lang": "id",
    }
    fields.update(kw)
    return ArticleInput(url=url, **fields)


FIGURES = [
    Figure(1500, None, True, Bound.ABOUT, "troops", "tentara", "North Korea", "NIS", "s1", 8, 13),
    Figure(2.5, 3.0, False, Bound.EXACT, "percent", None, None, None, "s2", 0, 3, "percent", True),
    Figure(10, None, False, Bound.AT_LEAST, None, None, None, None, "s3", 1, 2),
    Figure(99, None, False, Bound.AT_MOST, "usd", "dollars", "X", "Y", "s4", 4, 6, "USD"),
]
STATEMENTS = [
    Statement("Peskov", Stance.DENIAL, "nonsense", "s1", 0, 10, side="Russia", about="troops"),
    Statement("Unnamed official", Stance.NON_DENIAL, None, "s2", 3, 9),
    Statement("NIS", Stance.CONFIRMATION, None, "s3", 0, 3, side="South Korea"),
    Statement("Kyiv", Stance.CLAIM, "q", "s4", 1, 2),
    Statement("Reporter", Stance.QUOTE, "q2", "s5", 5, 7, about=None),
]


# -- opening and migrations ------------------------------------------------------------------


def test_memory_store(store: Store) -> None:
    assert store.path is None
    assert isinstance(store.db, Database)
    assert store.schema_version() == BASE
    assert _core_counts(store) == {"articles": 0, "figures": 0, "statements": 0}
    assert store.db.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    with open_store(":memory:") as other:
        assert other.path is None


def test_file_store_pragmas(file_store: Store, db_path: Path) -> None:
    assert db_path.exists()  # parent directories were created
    assert file_store.path == str(db_path)
    conn = file_store.db.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
    # WAL is a property of the file: a plain connection sees it too
    other = sqlite3.connect(db_path)
    assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    other.close()


def test_schema(store: Store) -> None:
    db = store.db
    assert {"articles", "figures", "statements"} <= set(db.table_names())
    indexes = {tuple(i.columns) for t in ("figures", "statements") for i in db.table(t).indexes}
    assert {("what", "actor"), ("article_id",)} <= indexes
    assert {(fk.column, fk.other_table) for fk in db.table("figures").foreign_keys} == {
        ("article_id", "articles")
    }
    fk_sql = db.table("statements").schema
    assert "ON DELETE CASCADE" in fk_sql


def test_migrations_idempotent(db_path: Path) -> None:
    with open_store(db_path) as s:
        s.save_article(article(), FIGURES, [], fetched=FETCHED)
    with open_store(db_path) as s:
        assert s.schema_version() == BASE
        rows = list(s.db.query("SELECT * FROM _sqlite_migrations"))
        assert [(r["migration_set"], r["name"]) for r in rows] == [("claimwatch", n) for n in BASE]
        assert s.counts()["figures"] == len(FIGURES)


def test_new_migration_is_one_function(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    open_store(db_path).close()
    monkeypatch.setattr(migrations, "_migrations", list(migrations._migrations))

    @migrations()
    def m002_test_series(db: Database) -> None:
        db.execute("CREATE TABLE test_series (id INTEGER PRIMARY KEY, key TEXT NOT NULL)")

    with open_store(db_path) as s:
        assert s.schema_version() == [*BASE, "m002_test_series"]
        assert s.counts()["test_series"] == 0


def test_failing_migration_leaves_schema_unchanged(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_store(db_path).close()
    monkeypatch.setattr(migrations, "_migrations", list(migrations._migrations))

    @migrations()
    def m002_broken(db: Database) -> None:
        db.execute("CREATE TABLE half_done (id INTEGER PRIMARY KEY)")
        db.execute("CREATE TABLE half_done (id INTEGER PRIMARY KEY)")  # already exists

    with pytest.raises(StoreError, match="already exists"):
        open_store(db_path)
    monkeypatch.undo()
    with open_store(db_path) as s:
        assert s.schema_version() == BASE
        assert "half_done" not in s.db.table_names()


# -- round trips -----------------------------------------------------------------------------


@pytest.mark.parametrize("fixture", ["store", "file_store"])
def test_round_trip(fixture: str, request: pytest.FixtureRequest) -> None:
    s: Store = request.getfixturevalue(fixture)
    aid = s.save_article(article(), FIGURES, STATEMENTS, fetched=FETCHED, content_hash="abc")
    row = s.get_article(URL)
    assert row is not None
    assert row["id"] == aid
    assert row["published"] == "2024-05-01T02:00:00+00:00"  # WIB 09:00 -> UTC
    assert row["fetched"] == "2024-05-01T12:30:00+00:00"
    assert datetime.fromisoformat(row["published"]) == article().published
    assert (row["title"], row["source"], row["lang"], row["content_hash"]) == (
        "Judul",
        "example",
        "id",
        "abc",
    )
    assert row["text"] == article().text
    assert s.article_figures(aid) == FIGURES
    assert s.article_statements(aid) == STATEMENTS
    assert all(type(f.bound) is Bound for f in s.article_figures(aid))
    assert all(type(st.stance) is Stance for st in s.article_statements(aid))
    assert _core_counts(s) == {"articles": 1, "figures": 4, "statements": 5}


def test_minimal_article_and_missing(store: Store) -> None:
    aid = store.save_article(
        ArticleInput(url="u", text=""), [], [], fetched=datetime(2024, 1, 1, tzinfo=WIB)
    )
    row = store.get_article("u")
    assert row is not None
    assert row["published"] is None and row["content_hash"] is None and row["title"] is None
    assert row["fetched"] == "2023-12-31T17:00:00+00:00"
    assert store.article_figures(aid) == [] and store.article_statements(aid) == []
    assert store.get_article("nope") is None
    assert store.article_figures(12345) == []


def test_upsert_replaces_children(store: Store) -> None:
    aid = store.save_article(article(), FIGURES, STATEMENTS, fetched=FETCHED)
    other = store.save_article(article("https://example.com/2"), FIGURES[:1], [], fetched=FETCHED)
    later = FETCHED + timedelta(hours=1)
    again = store.save_article(
        article(title="Updated", text="new"), FIGURES[2:3], [], fetched=later, content_hash="h2"
    )
    assert again == aid  # the id is stable across updates
    row = store.get_article(URL)
    assert row is not None
    assert (row["title"], row["text"], row["content_hash"]) == ("Updated", "new", "h2")
    assert row["fetched"] == utc_iso(later)
    assert store.article_figures(aid) == FIGURES[2:3]
    assert store.article_statements(aid) == []
    assert store.article_figures(other) == FIGURES[:1]  # other articles untouched
    assert _core_counts(store) == {"articles": 2, "figures": 2, "statements": 0}


def test_delete_cascades(store: Store) -> None:
    aid = store.save_article(article(), FIGURES, STATEMENTS, fetched=FETCHED)
    with store.transaction() as db:
        db.execute("DELETE FROM articles WHERE id = ?", [aid])
    assert _core_counts(store) == {"articles": 0, "figures": 0, "statements": 0}


# -- validation ------------------------------------------------------------------------------


def test_naive_datetimes_rejected(store: Store) -> None:
    with pytest.raises(ValueError, match="fetched must be timezone-aware"):
        store.save_article(article(), FIGURES, [], fetched=datetime(2024, 5, 1))  # noqa: DTZ001
    naive = article(published=datetime(2024, 5, 1))  # noqa: DTZ001
    with pytest.raises(ValueError, match="published must be timezone-aware"):
        store.save_article(naive, FIGURES, [], fetched=FETCHED)
    assert store.counts()["articles"] == 0
    with pytest.raises(ValueError):
        utc_iso(datetime(2024, 5, 1))  # noqa: DTZ001


def test_invalid_enum_rejected_before_writing(store: Store) -> None:
    bad = Figure(1, None, False, "roughly", None, None, None, None, "s", 0, 1)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        store.save_article(article(), [bad], [], fetched=FETCHED)
    assert store.counts()["articles"] == 0


# -- transactions ----------------------------------------------------------------------------


def test_transaction_rollback_on_exception(store: Store) -> None:
    with pytest.raises(RuntimeError, match="boom"), store.transaction() as db:
        store.save_article(article(), FIGURES, STATEMENTS, fetched=FETCHED)  # nested: no-op
        db.execute("INSERT INTO articles (url) VALUES ('direct')")
        assert store.counts()["articles"] == 2
        raise RuntimeError("boom")
    assert _core_counts(store) == {"articles": 0, "figures": 0, "statements": 0}
    assert not store.db.conn.in_transaction


def test_transaction_rollback_on_file(file_store: Store, db_path: Path) -> None:
    with pytest.raises(KeyError), file_store.transaction():
        file_store.save_article(article(), FIGURES, STATEMENTS, fetched=FETCHED)
        raise KeyError("x")
    other = sqlite3.connect(db_path)
    assert other.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
    other.close()


def test_transaction_commits_and_nests(store: Store) -> None:
    with store.transaction() as outer:
        with store.transaction() as inner:
            assert inner is outer is store.db
            store.save_article(article(), [], [], fetched=FETCHED)
        assert store.db.conn.in_transaction  # the inner block did not commit
    assert not store.db.conn.in_transaction
    assert store.counts()["articles"] == 1


def test_sql_error_in_transaction_is_store_error(store: Store) -> None:
    with pytest.raises(StoreError, match="no such table") as info, store.transaction() as db:
        db.execute("INSERT INTO articles (url) VALUES ('x')")
        db.execute("INSERT INTO nope VALUES (1)")
    assert isinstance(info.value.__cause__, sqlite3.OperationalError)
    assert store.counts()["articles"] == 0


def test_constraint_violation_is_store_error(store: Store) -> None:
    with pytest.raises(StoreError, match="UNIQUE") as info, store.transaction() as db:
        db.execute("INSERT INTO articles (url) VALUES ('x')")
        db.execute("INSERT INTO articles (url) VALUES ('x')")
    assert info.value.code == "SQLITE_CONSTRAINT_UNIQUE"
    assert store.counts()["articles"] == 0


# -- errors ----------------------------------------------------------------------------------


def _lock(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    return conn


def test_locked_database_raises_store_error(db_path: Path) -> None:
    with open_store(db_path, busy_timeout_ms=100) as s:
        locker = _lock(db_path)
        try:
            with pytest.raises(StoreError, match=r"database is locked after 0\.1s") as info:
                s.save_article(article(), FIGURES, STATEMENTS, fetched=FETCHED)
            assert not isinstance(info.value, sqlite3.Error)
            assert isinstance(info.value.__cause__, sqlite3.OperationalError)
            assert info.value.code == "SQLITE_BUSY"
            assert info.value.path == str(db_path)
            assert str(db_path) in str(info.value)
            assert s.get_article(URL) is None  # readers are not blocked under WAL
        finally:
            locker.execute("ROLLBACK")
            locker.close()
        s.save_article(article(), FIGURES, STATEMENTS, fetched=FETCHED)  # usable again
        assert s.counts()["articles"] == 1


def test_locked_database_during_open(tmp_path: Path) -> None:
    path = tmp_path / "fresh.db"
    locker = _lock(path)
    try:
        with pytest.raises(StoreError, match="database is locked"):
            open_store(path, busy_timeout_ms=100)
    finally:
        locker.close()


def test_read_only_open_rejects_writes(db_path: Path) -> None:
    with open_store(db_path) as s:
        s.save_article(article(), FIGURES, [], fetched=FETCHED)
    with open_store(db_path, read_only=True) as ro:
        row = ro.get_article(URL)
        assert row is not None and len(ro.article_figures(row["id"])) == len(FIGURES)
        with pytest.raises(StoreError, match="readonly database") as info:
            ro.save_article(article("https://example.com/2"), [], [], fetched=FETCHED)
        assert info.value.code == "SQLITE_READONLY"
        assert ro.counts()["articles"] == 1


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores file modes")
def test_read_only_file_rejects_writes(db_path: Path) -> None:
    with open_store(db_path) as s:
        s.save_article(article(), [], [], fetched=FETCHED)
    db_path.chmod(0o444)
    try:
        with open_store(db_path) as s, pytest.raises(StoreError, match="readonly database"):
            s.save_article(article("https://example.com/2"), [], [], fetched=FETCHED)
    finally:
        db_path.chmod(0o644)


def test_read_only_needs_current_schema(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    sqlite3.connect(path).close()
    with pytest.raises(StoreError, match="schema is out of date"):
        open_store(path, read_only=True)
    with pytest.raises(StoreError, match="cannot open database file"):
        open_store(tmp_path / "missing.db", read_only=True)
    with pytest.raises(ValueError):
        open_store(None, read_only=True)


def test_disk_full_raises_store_error(file_store: Store) -> None:
    conn = file_store.db.conn
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(StoreError, match="disk full"):
        file_store.save_article(article(text="x" * 200_000), [], [], fetched=FETCHED)
    assert not conn.in_transaction
    assert file_store.counts()["articles"] == 0


def test_not_a_database(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not sqlite at all " * 100)
    with pytest.raises(StoreError, match="not a database"):
        open_store(junk)


def test_closed_store_raises_store_error(db_path: Path) -> None:
    s = open_store(db_path)
    s.close()
    s.close()  # idempotent
    with pytest.raises(StoreError):
        s.get_article(URL)


def test_upgrade_keeps_series_observations_and_alerts(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A database made before series had a scope (m004) upgrades with every row and reference kept."""
    all_migrations = list(migrations._migrations)
    monkeypatch.setattr(migrations, "_migrations", all_migrations[:4])
    with open_store(db_path) as s:
        assert s.schema_version() == BASE[:4]
        with s.transaction() as db:  # rows as that schema had them (today's code writes more columns)
            db.execute("INSERT INTO articles (id, url, text) VALUES (1, ?, 'Sekitar 1.500 tentara dikirim.')", (URL,))
            db.execute("INSERT INTO figures (article_id, idx, value, approx, bound, sentence, start, end, past)"
                       " VALUES (1, 0, 1500, 1, 'about', 'Sekitar 1.500 tentara dikirim.', 8, 13, 0)")
            db.execute("INSERT INTO statements (article_id, idx, speaker, stance, sentence, start, end)"
                       " VALUES (1, 0, 'Kremlin', 'denial', 'Kremlin membantah.', 0, 7)")
            db.execute("INSERT INTO series (id, topic, what, actor, created) VALUES (7, 't', 'troops', 'North Korea', 'x')")
            db.execute("INSERT INTO alerts (id, dedupe_key, kind, topic, series_id, value, created)"
                       " VALUES (3, 'k', 'new', 't', 7, 1500, 'x')")
            db.execute("INSERT INTO observations (series_id, article_id, published, value, decision, alert_id)"
                       " VALUES (7, 1, '2024-05-01T02:00:00+00:00', 1500, 'new', 3)")
            db.execute("INSERT INTO topics (id, name) VALUES ('t', 'Korut')")
    monkeypatch.setattr(migrations, "_migrations", all_migrations)
    with open_store(db_path) as s:
        assert s.schema_version() == BASE
        assert s.rows("SELECT id, topic, what, actor, scope FROM series") == [
            {"id": 7, "topic": "t", "what": "troops", "actor": "North Korea", "scope": ""}]
        assert s.rows("SELECT series_id, alert_id, value FROM observations") == [
            {"series_id": 7, "alert_id": 3, "value": 1500.0}]
        assert s.rows("SELECT series_id, scope FROM alerts") == [{"series_id": 7, "scope": None}]
        assert s.rows("SELECT subject FROM topics") == [{"subject": None}]
        assert _core_counts(s) == {"articles": 1, "figures": 1, "statements": 1}
        assert s.rows("SELECT relayed_by, scope, increment FROM figures") == [
            {"relayed_by": None, "scope": None, "increment": 0}]
        assert s.db.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        # the rebuilt series table still cascades to its observations
        with s.transaction() as db:
            db.execute("DELETE FROM series WHERE id = 7")
        assert s.rows("SELECT COUNT(*) AS n FROM observations") == [{"n": 0}]


def test_tracker_lookups_use_their_indexes(file_store: Store) -> None:
    """The tracker's per-figure queries must not read a series' whole history: on a busy series
    (a thousand outlets restating one toll) that made each article cost more than the last."""
    from claimwatch.store.queries import NAMED_VALUE_SQL, STANDING_SQL, TRACK_STANDING_SQL

    conn = file_store.db.conn
    for sql, params in ((NAMED_VALUE_SQL, (1, 12.0, None)), (STANDING_SQL + " LIMIT 25", (1,)),
                        (TRACK_STANDING_SQL, (1,))):
        plan = " ".join(row[-1] for row in conn.execute("EXPLAIN QUERY PLAN " + sql, params))
        assert "INDEX" in plan and "SCAN" not in plan and "TEMP B-TREE" not in plan, plan
    named = " ".join(row[-1] for row in conn.execute("EXPLAIN QUERY PLAN " + NAMED_VALUE_SQL, (1, 12.0, None)))
    assert "observations_named (series_id=? AND value=?)" in named, named
    track = " ".join(row[-1] for row in conn.execute("EXPLAIN QUERY PLAN " + TRACK_STANDING_SQL, (1,)))
    assert "COVERING INDEX observations_standing" in track, track


def test_stance_lookups_use_their_indexes(file_store: Store) -> None:
    """A speaker's earlier stance on a topic, and an updated article's stances, are found by index."""
    conn = file_store.db.conn
    for sql, params in (
        ("SELECT 1 FROM stances WHERE topic = ? AND speaker = ? AND stance = ? AND superseded = 0",
         ("t", "Kremlin", "denial")),
        ("SELECT id FROM stances WHERE article_id = ? AND superseded = 0", (1,)),
    ):
        plan = " ".join(row[-1] for row in conn.execute("EXPLAIN QUERY PLAN " + sql, params))
        assert "SCAN" not in plan and ("stances_speaker" in plan or "stances_article" in plan), plan
    from claimwatch.store.queries import SIDE_STANCE_SQL

    side = " ".join(row[-1] for row in conn.execute("EXPLAIN QUERY PLAN " + SIDE_STANCE_SQL, ("t", "Russia")))
    assert "stances_side_decided (topic=? AND side=?)" in side and "TEMP B-TREE" not in side, side
