"""SQLite persistence for articles, figures and statements (through sqlite-utils).

* ``open_store(path)`` opens (and migrates) a database; ``None`` / ``":memory:"`` gives an
  in-memory one for tests. File databases use WAL, ``synchronous=NORMAL``, foreign keys and a
  busy timeout.
* Every write runs inside ``Store.transaction()`` (``BEGIN IMMEDIATE`` … ``COMMIT`` or
  ``ROLLBACK``); every ``sqlite3`` error leaves a public method as :class:`StoreError`.
* Datetimes must be timezone-aware; they are stored as ISO-8601 UTC text
  (``2024-05-01T12:00:00+00:00``), which sorts chronologically.
* The schema lives in :mod:`claimwatch.store.migrations`; opening a store applies what is
  pending.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlite_utils import Database

from claimwatch.models import ArticleInput, Bound, Figure, Stance, Statement
from claimwatch.store.errors import StoreError, translate
from claimwatch.store.migrations import migrations

__all__ = ["DEFAULT_BUSY_TIMEOUT_MS", "Store", "open_store", "utc_iso"]

DEFAULT_BUSY_TIMEOUT_MS = 5000


def utc_iso(value: datetime, name: str = "datetime") -> str:
    """``value`` as ISO-8601 UTC text; naive datetimes raise ``ValueError``."""
    if not isinstance(value, datetime):
        raise TypeError(f"{name} must be a datetime, got {type(value).__name__}")
    text = _utc_text(value)
    if text is None:
        raise ValueError(f"{name} must be timezone-aware, got naive {value.isoformat()}")
    return text


@lru_cache(maxsize=256)  # an article's figures all carry the same few instants
def _utc_text(value: datetime) -> str | None:
    if value.tzinfo is None or value.utcoffset() is None:
        return None
    return value.astimezone(UTC).isoformat()


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


_FIGURE_COLS = (
    "value",
    "value_max",
    "approx",
    "bound",
    "what",
    "noun",
    "actor",
    "claimed_by",
    "sentence",
    "start",
    "end",
    "unit",
    "past",
    "relayed_by",
    "also_claimed_by",
    "scope",
    "increment",
)
_STATEMENT_COLS = ("speaker", "side", "stance", "quote", "about", "sentence", "start", "end", "past")


def _insert_sql(table: str, cols: Sequence[str]) -> str:
    names = ", ".join(_q(c) for c in ("article_id", "idx", *cols))
    return f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * (len(cols) + 2))})"


def _select_sql(table: str, cols: Sequence[str]) -> str:
    names = ", ".join(_q(c) for c in cols)
    return f"SELECT {names} FROM {table} WHERE article_id = ? ORDER BY idx"


class Store:
    """A ClaimWatch database. Use :func:`open_store`; close it (or use ``with``) when done.

    Not thread-safe: use one ``Store`` per thread (the connection checks the thread).
    """

    path: str | None
    db: Database

    def __init__(
        self,
        path: str | Path | None = None,
        *,
        busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
        read_only: bool = False,
    ) -> None:
        if busy_timeout_ms < 0:
            raise ValueError(f"busy_timeout_ms must be >= 0, got {busy_timeout_ms}")
        memory = path is None or str(path) == ":memory:"
        if memory and read_only:
            raise ValueError("read_only needs a database file")
        self.path = None if path is None or memory else str(Path(path).expanduser())
        self.busy_timeout_ms = int(busy_timeout_ms)
        self.read_only = read_only
        # the instance lease (claimwatch.lease) this process works under, if any: deliveries are
        # claimed only while it holds the lease, and record it as their claimer
        self.lease_owner: str | None = None
        with self._guard("open"):
            conn = None if memory else self._connect()
            try:
                self.db = Database(memory=True) if conn is None else Database(conn)
            except BaseException:
                if conn is not None:
                    conn.close()
                raise
        try:
            with self._guard("open"):
                self._configure()
            self._migrate()
        except BaseException:
            self.db.close()
            raise

    # -- lifecycle ---------------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        assert self.path is not None
        file = Path(self.path)
        timeout = self.busy_timeout_ms / 1000
        if self.read_only:
            return sqlite3.connect(f"{file.resolve().as_uri()}?mode=ro", uri=True, timeout=timeout)
        try:
            file.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                f"cannot create directory {file.parent}: {exc}", path=self.path
            ) from exc
        return sqlite3.connect(file, timeout=timeout)

    def _configure(self) -> None:
        conn = self.db.conn
        conn.execute(f"PRAGMA busy_timeout = {self.busy_timeout_ms}")
        conn.execute("PRAGMA foreign_keys = ON")
        if self.path is None:
            return
        if not self.read_only:
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise StoreError(
                    f"cannot enable WAL journal mode (got {mode!r}): {self.path}", path=self.path
                )
        conn.execute("PRAGMA synchronous = NORMAL")

    def _migrate(self) -> None:
        with self._guard("migrate"):
            pending = [m.name for m in migrations.pending(self.db)]
        if not pending:
            return
        if self.read_only:
            raise StoreError(
                f"database schema is out of date (pending: {', '.join(pending)}) and it is "
                f"opened read-only: {self.path}",
                path=self.path,
            )
        # SQLite's procedure for schema changes that rebuild a table: foreign keys off (a
        # connection setting, outside the transaction), change, check them, commit, back on.
        conn = self.db.conn
        conn.execute("PRAGMA foreign_keys = OFF")
        try:
            with self._transaction("migrate"):
                migrations.apply(self.db)  # re-checks pending under the write lock
                broken = conn.execute("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise StoreError(f"migration left broken references: {broken[:3]}", path=self.path)
        finally:
            conn.execute("PRAGMA foreign_keys = ON")

    def close(self) -> None:
        """Close the connection; an open transaction is rolled back. Safe to call twice."""
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Store {self.path or ':memory:'}>"

    # -- errors and transactions -------------------------------------------------------------

    def _error(self, exc: sqlite3.Error, op: str) -> StoreError:
        return translate(exc, op, self.path, self.busy_timeout_ms)

    @contextmanager
    def _guard(self, op: str) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as exc:
            raise self._error(exc, op) from exc

    def _rollback(self, exc: BaseException) -> None:
        conn = self.db.conn
        try:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
        except sqlite3.Error as rollback_exc:  # keep the original error, note this one
            exc.add_note(f"ROLLBACK also failed: {rollback_exc}")

    @contextmanager
    def _transaction(self, op: str) -> Iterator[Database]:
        conn = self.db.conn
        if conn.in_transaction:  # nested: part of the enclosing transaction
            with self._guard(op):
                yield self.db
            return
        with self._guard(f"{op}: BEGIN IMMEDIATE"):
            conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException as exc:
            self._rollback(exc)
            if isinstance(exc, sqlite3.Error):
                raise self._error(exc, op) from exc
            raise
        try:
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            self._rollback(exc)
            raise self._error(exc, f"{op}: COMMIT") from exc

    def transaction(self) -> AbstractContextManager[Database]:
        """``with store.transaction() as db:`` — ``BEGIN IMMEDIATE`` … ``COMMIT``, or
        ``ROLLBACK`` when the block raises. Inside an open transaction it is a no-op (the outer
        one commits or rolls back). ``sqlite3`` errors in the block become :class:`StoreError`.
        """
        return self._transaction("transaction")

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cur = self.db.conn.execute(sql, params)
        keys = [d[0] for d in cur.description]
        return [dict(zip(keys, row, strict=True)) for row in cur.fetchall()]

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Rows of a read query as dicts; sqlite3 errors become :class:`StoreError`."""
        with self._guard("query"):
            return self._rows(sql, params)

    # -- articles ----------------------------------------------------------------------------

    def save_article(
        self,
        article: ArticleInput,
        figures: Sequence[Figure],
        statements: Sequence[Statement],
        *,
        fetched: datetime,
        content_hash: str | None = None,
    ) -> int:
        """Insert or update the article with ``article.url``, replacing its figures and
        statements, in one transaction. Returns the article id (stable across updates).
        ``article.extra`` is not stored.
        """
        row = (
            article.source,
            article.title,
            article.lang,
            None if article.published is None else utc_iso(article.published, "published"),
            utc_iso(fetched, "fetched"),
            content_hash,
            article.text,
        )
        fig_rows = [
            (
                f.value,
                f.value_max,
                int(f.approx),
                str(Bound(f.bound)),
                f.what,
                f.noun,
                f.actor,
                f.claimed_by,
                f.sentence,
                f.start,
                f.end,
                f.unit,
                int(f.past),
                json.dumps(list(f.relayed_by)) if f.relayed_by else None,
                json.dumps(list(f.also_claimed_by)) if f.also_claimed_by else None,
                f.scope,
                int(f.increment),
            )
            for f in figures
        ]
        st_rows = [
            (s.speaker, s.side, str(Stance(s.stance)), s.quote, s.about, s.sentence, s.start, s.end,
             int(s.past))
            for s in statements
        ]
        with self._transaction(f"save_article({article.url})") as db:
            conn = db.conn
            found = conn.execute("SELECT id FROM articles WHERE url = ?", (article.url,)).fetchone()
            if found is None:
                cur = conn.execute(
                    "INSERT INTO articles (source, title, lang, published, fetched, content_hash,"
                    ' "text", url) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
                    (*row, article.url),
                )
                article_id = cur.lastrowid
                assert article_id is not None
            else:
                article_id = int(found[0])
                conn.execute(
                    "UPDATE articles SET source = ?, title = ?, lang = ?, published = ?,"
                    ' fetched = ?, content_hash = ?, "text" = ? WHERE id = ?',
                    (*row, article_id),
                )
                conn.execute("DELETE FROM figures WHERE article_id = ?", (article_id,))
                conn.execute("DELETE FROM statements WHERE article_id = ?", (article_id,))
            conn.executemany(
                _insert_sql("figures", _FIGURE_COLS),
                [(article_id, i, *r) for i, r in enumerate(fig_rows)],
            )
            conn.executemany(
                _insert_sql("statements", _STATEMENT_COLS),
                [(article_id, i, *r) for i, r in enumerate(st_rows)],
            )
        return article_id

    def get_article(self, url: str) -> dict[str, Any] | None:
        """The ``articles`` row for ``url`` (datetimes as ISO-8601 UTC text), or ``None``."""
        with self._guard(f"get_article({url})"):
            rows = self._rows("SELECT * FROM articles WHERE url = ?", (url,))
        return rows[0] if rows else None

    def article_figures(self, article_id: int) -> list[Figure]:
        """The figures of an article, in the order they were saved."""
        with self._guard(f"article_figures({article_id})"):
            rows = self._rows(_select_sql("figures", _FIGURE_COLS), (article_id,))
        return [
            Figure(
                **{
                    **r,
                    "approx": bool(r["approx"]),
                    "past": bool(r["past"]),
                    "increment": bool(r["increment"]),
                    "bound": Bound(r["bound"]),
                    "relayed_by": tuple(json.loads(r["relayed_by"] or "[]")),
                    "also_claimed_by": tuple(json.loads(r["also_claimed_by"] or "[]")),
                }
            )
            for r in rows
        ]

    def article_statements(self, article_id: int) -> list[Statement]:
        """The statements of an article, in the order they were saved."""
        with self._guard(f"article_statements({article_id})"):
            rows = self._rows(_select_sql("statements", _STATEMENT_COLS), (article_id,))
        return [Statement(**{**r, "stance": Stance(r["stance"]), "past": bool(r["past"])}) for r in rows]

    # -- introspection -----------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Rows per data table (every table except ``sqlite_*`` and ``_*`` bookkeeping)."""
        with self._guard("counts"):
            names = [
                r["name"]
                for r in self._rows(
                    "SELECT name FROM sqlite_master WHERE type = 'table'"
                    " AND name NOT LIKE 'sqlite!_%' ESCAPE '!' AND name NOT LIKE '!_%' ESCAPE '!'"
                    " ORDER BY name"
                )
            ]
            return {
                n: int(self.db.conn.execute(f"SELECT count(*) FROM {_q(n)}").fetchone()[0])
                for n in names
            }

    def schema_version(self) -> list[str]:
        """Names of the applied migrations, oldest first."""
        with self._guard("schema_version"):
            return [m.name for m in migrations.applied(self.db)]


def open_store(
    path: str | Path | None,
    *,
    busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
    read_only: bool = False,
) -> Store:
    """Open (creating parent directories and migrating) the database at ``path``.

    ``None`` or ``":memory:"`` opens a private in-memory database. ``read_only=True`` opens an
    existing file without write access (``mode=ro``); writes then raise :class:`StoreError`.
    """
    return Store(path, busy_timeout_ms=busy_timeout_ms, read_only=read_only)
