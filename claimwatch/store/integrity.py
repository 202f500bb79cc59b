"""Is the database file sound? ``PRAGMA quick_check`` (fast: pages, records, no index
cross-check) at start-up; ``PRAGMA integrity_check`` (thorough, reads every index) on demand."""

from __future__ import annotations

import shlex
import sqlite3

from claimwatch.store.core import Store

__all__ = ["check_integrity", "recovery_hint"]

_SHOWN = 3  # problems named in the one line; the rest are counted


def check_integrity(store: Store, full: bool = False) -> str | None:
    """``None`` when the database passes ``quick_check`` (``integrity_check`` when ``full``),
    else one line naming its first problems. An unreadable file is a problem too, never a raise."""
    pragma = "integrity_check" if full else "quick_check"
    try:
        rows = [str(r[0]) for r in store.db.conn.execute(f"PRAGMA {pragma}").fetchall()]
    except sqlite3.DatabaseError as exc:  # "database disk image is malformed", "file is not a database"
        return str(exc)
    if rows == ["ok"]:
        return None
    problems = [" ".join(r.split()) for r in rows if r != "ok"] or ["no result"]
    more = len(problems) - _SHOWN
    return "; ".join(problems[:_SHOWN]) + (f" (and {more} more)" if more > 0 else "")


def recovery_hint(path: str) -> str:
    """How an operator gets a damaged database back: a backup, or SQLite's own salvage."""
    src, dst = shlex.quote(path), shlex.quote(path + ".recovered")
    return (f"restore the last backup (claimwatch backup makes one), or salvage what is readable with "
            f"sqlite3 {src} .recover | sqlite3 {dst} and point [storage] path at the copy")
