"""``StoreError`` and the translation of ``sqlite3`` errors into clear messages."""

from __future__ import annotations

import sqlite3

__all__ = ["StoreError", "translate"]


class StoreError(Exception):
    """A database operation failed; ``__cause__`` holds the original ``sqlite3`` error."""

    def __init__(self, message: str, *, path: str | None = None, code: str | None = None):
        super().__init__(message)
        self.path = path
        self.code = code  # SQLite error name, e.g. "SQLITE_BUSY", when known


# Primary SQLite result codes (extended codes carry them in the low byte).
_BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 5, 6, 8, 10, 11, 13, 14, 26


def translate(exc: sqlite3.Error, op: str, path: str | None, busy_timeout_ms: int) -> StoreError:
    """A :class:`StoreError` for ``exc`` raised during ``op`` (raise it ``from exc``)."""
    where = path or ":memory:"
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    if primary in (_BUSY, _LOCKED):
        what = f"database is locked after {busy_timeout_ms / 1000:g}s"
    elif primary == _FULL:
        what = "disk full"
    elif primary == _READONLY:
        what = "readonly database (check file/directory permissions)"
    elif primary == _CANTOPEN:
        what = "cannot open database file"
    elif primary in (_CORRUPT, _NOTADB):
        what = "database file is corrupt or not a database"
    elif primary == _IOERR:
        what = "disk I/O error"
    else:
        what = "database error"
    name = getattr(exc, "sqlite_errorname", None)
    return StoreError(f"{what}: {where} ({op}: {exc})", path=path, code=name)
