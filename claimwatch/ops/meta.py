"""Small facts a running instance notes for operators, in the ``ops_meta`` table (m013_ops).

The one written today is the time of the bot's last successful Bot API call
(:data:`TELEGRAM_CONTACT`): :class:`ContactRecorder` notes every call in memory and writes the
newest to the database at most every :data:`WRITE_EVERY` seconds, from a worker thread on a short
connection of its own (never the event loop's, never the store's), so a busy or locked database
cannot stall the bot and the store's thread affinity is untouched.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from claimwatch.store import Store, StoreError, utc_iso

__all__ = ["TELEGRAM_CONTACT", "WRITE_EVERY", "ContactRecorder", "read_meta_time", "write_meta_time"]

log = logging.getLogger("claimwatch.ops")

TELEGRAM_CONTACT = "telegram_contact"  # ISO time of the last Bot API call that Telegram answered with 200
WRITE_EVERY = 30.0  # seconds: at most one write per key in this many


def write_meta_time(path: str | Path, key: str, when: datetime, *, timeout: float = 5.0) -> None:
    """Set ``key`` to ``when`` on a connection of its own (any thread). ``sqlite3.Error`` on failure."""
    conn = sqlite3.connect(str(path), timeout=timeout)
    try:
        with conn:
            conn.execute("INSERT INTO ops_meta (key, value, updated) VALUES (?, ?, ?)"
                         " ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated = excluded.updated",
                         (key, utc_iso(when), utc_iso(when)))
    finally:
        conn.close()


def read_meta_time(store: Store, key: str) -> datetime | None:
    """The time stored under ``key``, or ``None`` (never written, or a database before m013)."""
    try:
        rows = store.rows("SELECT value FROM ops_meta WHERE key = ?", (key,))
    except StoreError:  # no such table: a database older than m013
        return None
    if not rows:
        return None
    try:
        return datetime.fromisoformat(str(rows[0]["value"]))
    except ValueError:
        return None


class ContactRecorder:
    """Notes successful Bot API calls; the newest reaches the database at most every ``every`` s.

    :meth:`note` runs on the event loop (from the bot's HTTP request class) and costs a clock read;
    when a write is due it is handed to the loop's default executor. A failed write (no table yet
    at the very first ``getMe``, a locked database) is logged at debug level and retried on the
    next call.
    """

    def __init__(self, db_path: str | Path, *, clock: Callable[[], datetime], every: float = WRITE_EVERY,
                 key: str = TELEGRAM_CONTACT) -> None:
        self.db_path, self.clock, self.every, self.key = Path(db_path), clock, every, key
        self.last: datetime | None = None  # newest contact noted
        self.written: datetime | None = None  # newest contact handed to the database
        self._busy = False

    def note(self) -> None:
        now = self.clock()
        self.last = now
        if self._busy or (self.written is not None and (now - self.written).total_seconds() < self.every):
            return
        self._busy, self.written = True, now
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no loop (a synchronous caller): write here
            self._write(now)
            return
        loop.run_in_executor(None, self._write, now)

    def _write(self, when: datetime) -> None:
        try:
            write_meta_time(self.db_path, self.key, when)
        except sqlite3.Error as exc:
            log.debug("could not note the last Telegram contact: %s", exc)
            self.written = None  # try again at the next call
        finally:
            self._busy = False
