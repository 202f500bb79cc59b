"""The ClaimWatch schema, as ordered ``sqlite_utils.Migrations``.

Applied migrations are recorded in ``_sqlite_migrations`` (``migration_set = 'claimwatch'``).
To change the schema, append one function (never edit an applied one)::

    @migrations()
    def m002_series(db: Database) -> None:
        db.execute("CREATE TABLE series (...)")

``Store`` applies all pending migrations in one ``BEGIN IMMEDIATE`` transaction, so two
processes opening the same file cannot both apply them, and a failure leaves the schema as it
was. Hence every migration must be transactional: no ``VACUUM``, no ``transactional=False``.
Write raw SQL with ``db.execute`` (sqlite-utils cannot declare ``ON DELETE CASCADE``).
"""

from __future__ import annotations

from sqlite_utils import Database, Migrations

__all__ = ["migrations"]

migrations = Migrations("claimwatch")


@migrations()
def m001_initial(db: Database) -> None:
    for sql in (
        """CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL UNIQUE,
            source TEXT,
            title TEXT,
            lang TEXT,
            published TEXT,
            fetched TEXT,
            content_hash TEXT,
            "text" TEXT
        )""",
        """CREATE TABLE figures (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            value REAL NOT NULL,
            value_max REAL,
            approx INTEGER NOT NULL,
            bound TEXT NOT NULL,
            what TEXT,
            noun TEXT,
            actor TEXT,
            claimed_by TEXT,
            sentence TEXT NOT NULL,
            "start" INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            unit TEXT,
            past INTEGER NOT NULL
        )""",
        """CREATE TABLE statements (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            speaker TEXT NOT NULL,
            side TEXT,
            stance TEXT NOT NULL,
            quote TEXT,
            about TEXT,
            sentence TEXT NOT NULL,
            "start" INTEGER NOT NULL,
            "end" INTEGER NOT NULL
        )""",
        "CREATE INDEX idx_figures_what_actor ON figures (what, actor)",
        "CREATE INDEX idx_figures_article_id ON figures (article_id)",
        "CREATE INDEX idx_statements_article_id ON statements (article_id)",
    ):
        db.execute(sql)


@migrations()
def m002_tracking(db: Database) -> None:
    """Series of figures, their observations, statement stances and alerts (deduplicated)."""
    for sql in (
        """CREATE TABLE series (
            id INTEGER PRIMARY KEY,
            topic TEXT NOT NULL,
            what TEXT NOT NULL,
            actor TEXT NOT NULL DEFAULT '',
            created TEXT,
            UNIQUE (topic, what, actor)
        )""",
        """CREATE TABLE observations (
            id INTEGER PRIMARY KEY,
            series_id INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,
            article_id INTEGER REFERENCES articles(id) ON DELETE SET NULL,
            url TEXT,
            source TEXT,
            published TEXT NOT NULL,
            value REAL NOT NULL,
            value_max REAL,
            bound TEXT,
            approx INTEGER NOT NULL DEFAULT 0,
            unit TEXT,
            claimed_by TEXT,
            sentence TEXT,
            decision TEXT NOT NULL,
            alert_id INTEGER REFERENCES alerts(id) ON DELETE SET NULL,
            superseded INTEGER NOT NULL DEFAULT 0,
            seen TEXT
        )""",
        "CREATE INDEX observations_series ON observations (series_id, superseded, published)",
        "CREATE INDEX observations_article ON observations (article_id)",
        """CREATE TABLE stances (
            id INTEGER PRIMARY KEY,
            topic TEXT NOT NULL,
            speaker TEXT NOT NULL,
            side TEXT NOT NULL,
            stance TEXT NOT NULL,
            published TEXT NOT NULL,
            article_id INTEGER REFERENCES articles(id) ON DELETE SET NULL,
            url TEXT,
            quote TEXT,
            sentence TEXT,
            decision TEXT NOT NULL,
            superseded INTEGER NOT NULL DEFAULT 0
        )""",
        "CREATE INDEX stances_side ON stances (topic, side, superseded, published)",
        """CREATE TABLE alerts (
            id INTEGER PRIMARY KEY,
            dedupe_key TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            topic TEXT NOT NULL,
            series_id INTEGER REFERENCES series(id) ON DELETE SET NULL,
            what TEXT, actor TEXT, value REAL, value_max REAL, approx INTEGER, bound TEXT, unit TEXT,
            claimed_by TEXT, previous REAL, previous_max REAL, previous_claimed_by TEXT,
            previous_published TEXT, url TEXT, source TEXT, published TEXT, sentence TEXT,
            speaker TEXT, side TEXT, stance TEXT, previous_stance TEXT, quote TEXT,
            corroboration INTEGER NOT NULL DEFAULT 0,
            created TEXT NOT NULL
        )""",
        "CREATE INDEX alerts_topic ON alerts (topic, id)",
    ):
        db.execute(sql)


@migrations()
def m003_sources(db: Database) -> None:
    """Topics and sources (from config and from chat), their health, HTTP validators, seen items."""
    for sql in (
        """CREATE TABLE topics (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            keywords TEXT NOT NULL DEFAULT '[]',
            require_any TEXT NOT NULL DEFAULT '[]',
            lang TEXT NOT NULL DEFAULT '["id", "en"]',
            origin TEXT NOT NULL DEFAULT 'config',
            paused INTEGER NOT NULL DEFAULT 0,
            created TEXT
        )""",
        """CREATE TABLE sources (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            url TEXT,
            topics TEXT NOT NULL DEFAULT '[]',
            interval REAL NOT NULL,
            profile TEXT,
            options TEXT NOT NULL DEFAULT '{}',
            origin TEXT NOT NULL DEFAULT 'config',
            paused INTEGER NOT NULL DEFAULT 0,
            created TEXT,
            last_run TEXT,
            last_success TEXT,
            last_error TEXT,
            last_error_at TEXT,
            failures INTEGER NOT NULL DEFAULT 0,
            next_run TEXT,
            unhealthy INTEGER NOT NULL DEFAULT 0,
            layout_warning TEXT,
            articles INTEGER NOT NULL DEFAULT 0
        )""",
        """CREATE TABLE http_cache (
            url TEXT PRIMARY KEY,
            etag TEXT,
            last_modified TEXT,
            updated TEXT NOT NULL
        )""",
        """CREATE TABLE seen_items (
            source_id TEXT NOT NULL,
            key TEXT NOT NULL,
            url TEXT NOT NULL,
            stamp TEXT,
            first_seen TEXT NOT NULL,
            PRIMARY KEY (source_id, key)
        )""",
        "CREATE INDEX seen_items_url ON seen_items (url)",
    ):
        db.execute(sql)


@migrations()
def m004_chats(db: Database) -> None:
    """Telegram chats with their settings, subscriptions, and the delivery outbox."""
    for sql in (
        """CREATE TABLE chats (
            id INTEGER PRIMARY KEY,
            type TEXT NOT NULL DEFAULT 'private',
            title TEXT,
            lang TEXT NOT NULL DEFAULT 'en',
            active INTEGER NOT NULL DEFAULT 1,
            inactive_reason TEXT,
            tz TEXT NOT NULL DEFAULT 'Asia/Jakarta',
            min_abs REAL NOT NULL DEFAULT 0,
            min_pct REAL NOT NULL DEFAULT 0,
            direction TEXT NOT NULL DEFAULT 'both',
            mode TEXT NOT NULL DEFAULT 'instant',
            quiet_start INTEGER,
            quiet_end INTEGER,
            created TEXT NOT NULL,
            updated TEXT
        )""",
        """CREATE TABLE subscriptions (
            chat_id INTEGER NOT NULL REFERENCES chats(id) ON UPDATE CASCADE ON DELETE CASCADE,
            topic TEXT NOT NULL,
            thread_id INTEGER,
            muted INTEGER NOT NULL DEFAULT 0,
            created TEXT NOT NULL,
            PRIMARY KEY (chat_id, topic)
        )""",
        "CREATE INDEX subscriptions_topic ON subscriptions (topic)",
        """CREATE TABLE deliveries (
            id INTEGER PRIMARY KEY,
            alert_id INTEGER NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
            chat_id INTEGER NOT NULL,
            thread_id INTEGER,
            status TEXT NOT NULL DEFAULT 'pending',
            digest TEXT,
            due TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT,
            message_id INTEGER,
            created TEXT NOT NULL,
            sent_at TEXT,
            UNIQUE (alert_id, chat_id)
        )""",
        "CREATE INDEX deliveries_due ON deliveries (status, due)",
        "CREATE INDEX deliveries_chat ON deliveries (chat_id, status)",
    ):
        db.execute(sql)


@migrations()
def m005_scopes_and_relays(db: Database) -> None:
    """Series keyed by scope too (a part of a breakdown is its own series); relays, co-claimants,
    scope and increments of figures; back-referenced statements; the places each topic mentions.

    ``series`` is rebuilt for its new UNIQUE key (the store applies migrations with foreign keys
    off, as SQLite's procedure for such changes requires, and checks them before committing).
    """
    for sql in (
        "ALTER TABLE figures ADD COLUMN relayed_by TEXT",  # JSON list
        "ALTER TABLE figures ADD COLUMN also_claimed_by TEXT",  # JSON list
        "ALTER TABLE figures ADD COLUMN scope TEXT",
        "ALTER TABLE figures ADD COLUMN increment INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE statements ADD COLUMN past INTEGER NOT NULL DEFAULT 0",
        """CREATE TABLE series_new (
            id INTEGER PRIMARY KEY,
            topic TEXT NOT NULL,
            what TEXT NOT NULL,
            actor TEXT NOT NULL DEFAULT '',
            scope TEXT NOT NULL DEFAULT '',
            created TEXT,
            UNIQUE (topic, what, actor, scope)
        )""",
        "INSERT INTO series_new (id, topic, what, actor, created) SELECT id, topic, what, actor, created FROM series",
        "DROP TABLE series",
        "ALTER TABLE series_new RENAME TO series",
        "ALTER TABLE alerts ADD COLUMN scope TEXT",
        "ALTER TABLE alerts ADD COLUMN relayed_by TEXT",  # JSON list
        """CREATE TABLE topic_places (
            topic TEXT NOT NULL,
            place TEXT NOT NULL,
            mentions INTEGER NOT NULL DEFAULT 0,
            first_seen TEXT,
            PRIMARY KEY (topic, place)
        )""",
    ):
        db.execute(sql)


@migrations()
def m006_topic_subjects(db: Database) -> None:
    """A topic's declared subject: whose figures a story counts when a sentence names nobody."""
    db.execute("ALTER TABLE topics ADD COLUMN subject TEXT")


@migrations()
def m007_source_text_history(db: Database) -> None:
    """What the last pages of each source gave: article text, or none (empty or tiny), newest last."""
    db.execute("ALTER TABLE sources ADD COLUMN text_history TEXT NOT NULL DEFAULT '[]'")


@migrations()
def m008_topic_exclusions(db: Database) -> None:
    """Words that keep an article out of a topic."""
    db.execute("ALTER TABLE topics ADD COLUMN exclude TEXT NOT NULL DEFAULT '[]'")


@migrations()
def m009_source_baselines(db: Database) -> None:
    """Sources: the outlet's name, the silent baseline (on by default; when taken, and for which
    topics), the age past which an article never alerts; alerts: the outlet and the headline."""
    for sql in (
        "ALTER TABLE sources ADD COLUMN name TEXT",
        "ALTER TABLE sources ADD COLUMN baseline INTEGER NOT NULL DEFAULT 1",
        "ALTER TABLE sources ADD COLUMN max_age REAL NOT NULL DEFAULT 259200",
        "ALTER TABLE sources ADD COLUMN baseline_at TEXT",
        "ALTER TABLE sources ADD COLUMN baseline_topics TEXT NOT NULL DEFAULT '[]'",
        "ALTER TABLE alerts ADD COLUMN outlet TEXT",
        "ALTER TABLE alerts ADD COLUMN title TEXT",
    ):
        db.execute(sql)


@migrations()
def m010_chat_snooze_and_concepts(db: Database) -> None:
    """A chat's snooze (no alerts until then) and its concept filter (only these figures)."""
    db.execute("ALTER TABLE chats ADD COLUMN snoozed_until TEXT")
    db.execute("ALTER TABLE chats ADD COLUMN concepts TEXT NOT NULL DEFAULT '[]'")


@migrations()
def m011_instance_lease(db: Database) -> None:
    """One instance per database: the lease its holder renews (one row at most), and on each
    delivery in flight the owner that claimed it (start-up recovery leaves a live owner's alone)."""
    for sql in (
        """CREATE TABLE instance_lease (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            owner TEXT NOT NULL,
            command TEXT NOT NULL,
            host TEXT NOT NULL,
            pid INTEGER NOT NULL,
            node TEXT NOT NULL DEFAULT '',
            started TEXT NOT NULL,
            heartbeat TEXT NOT NULL,
            expires TEXT NOT NULL
        )""",
        "ALTER TABLE deliveries ADD COLUMN claimed_by TEXT",
    ):
        db.execute(sql)


@migrations()
def m012_item_queue_and_caps(db: Database) -> None:
    """Listed items not read yet: over a poll's article cap, or waiting to retry a page that failed
    (with the poll's silent topics, so a baseline item stays silent when read later); per article,
    the figures and alerts over the per-article caps; per source, the items given up."""
    for sql in (
        """CREATE TABLE item_queue (
            source_id TEXT NOT NULL,
            key TEXT NOT NULL,
            url TEXT NOT NULL,
            item TEXT NOT NULL,
            stamp TEXT,
            first_seen TEXT NOT NULL,
            silent TEXT NOT NULL DEFAULT '[]',
            attempts INTEGER NOT NULL DEFAULT 0,
            next_try TEXT NOT NULL,
            last_error TEXT,
            PRIMARY KEY (source_id, key)
        )""",
        "CREATE INDEX item_queue_url ON item_queue (url)",
        "ALTER TABLE articles ADD COLUMN figures_over_cap INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE articles ADD COLUMN alerts_held INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE sources ADD COLUMN items_given_up INTEGER NOT NULL DEFAULT 0",
    ):
        db.execute(sql)


@migrations()
def m013_ops(db: Database) -> None:
    """What operators read back: small facts a running instance notes (its last successful Bot
    API call), one row per key, written at most every ~30 s."""
    db.execute("""CREATE TABLE ops_meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated TEXT NOT NULL
    )""")


@migrations()
def m014_tracker_indexes(db: Database) -> None:
    """Indexes for the tracker's per-figure and per-statement questions, which otherwise read a
    topic's or a series' whole history (each article then cost more than the one before):

    * what a series stands at: its newest observations, read from the index alone;
    * who claimed a value that the newest observation restates without naming anyone: the claimed
      observations alone;
    * has this speaker taken this stance on the topic before;
    * the stances an updated article had recorded (to supersede them)."""
    for sql in (
        "CREATE INDEX observations_named ON observations (series_id, value, published, id)"
        " WHERE superseded = 0 AND claimed_by IS NOT NULL",
        # (it replaces observations_series, whose columns it starts with)
        "CREATE INDEX observations_standing ON observations"
        " (series_id, superseded, published, id, decision, value, value_max, claimed_by)",
        "DROP INDEX observations_series",
        "CREATE INDEX stances_speaker ON stances (topic, speaker, stance, superseded)",
        "CREATE INDEX stances_article ON stances (article_id)",
    ):
        db.execute(sql)


@migrations()
def m015_stance_side_index(db: Database) -> None:
    """A side's last stance that counted (a statement or a change) read from an index of those
    alone: stances_side held every repeat too, so on a long story (a denial retold in each of
    thousands of articles) each lookup walked back through all of them, and each article cost more
    than the one before (1.1 ms per lookup after 2,000 articles; 8 us with this index)."""
    db.execute(
        "CREATE INDEX stances_side_decided ON stances (topic, side, published, id)"
        " WHERE superseded = 0 AND decision IN ('statement', 'stance_change')"
    )


@migrations()
def m016_series_live_counts(db: Database) -> None:
    """Each series counts its live (not superseded) observations, kept exact by triggers, so a
    topic's subject is recounted over its series instead of over every observation it ever had
    (the recount follows an alert in a story with no subject yet: on a long story it read a
    hundred thousand rows each time)."""
    for sql in (
        "ALTER TABLE series ADD COLUMN live INTEGER NOT NULL DEFAULT 0",
        "UPDATE series SET live = (SELECT count(*) FROM observations o WHERE o.series_id = series.id"
        " AND o.superseded = 0)",
        "CREATE TRIGGER observations_live_insert AFTER INSERT ON observations WHEN NEW.superseded = 0"
        " BEGIN UPDATE series SET live = live + 1 WHERE id = NEW.series_id; END",
        "CREATE TRIGGER observations_live_delete AFTER DELETE ON observations WHEN OLD.superseded = 0"
        " BEGIN UPDATE series SET live = live - 1 WHERE id = OLD.series_id; END",
        "CREATE TRIGGER observations_live_update AFTER UPDATE OF superseded, series_id ON observations"
        " WHEN (OLD.superseded = 0) IS NOT (NEW.superseded = 0) OR OLD.series_id IS NOT NEW.series_id"
        " BEGIN UPDATE series SET live = live - 1 WHERE id = OLD.series_id AND OLD.superseded = 0;"
        " UPDATE series SET live = live + 1 WHERE id = NEW.series_id AND NEW.superseded = 0; END",
    ):
        db.execute(sql)
