"""``claimwatch backup PATH``: a consistent copy of a live database, with SQLite's online backup API.

The source is read on a read-only connection inside one read transaction, so the copy is one
snapshot; in WAL mode (how ClaimWatch opens its database) a reader never blocks the writer, and
the writer's commits never restart the copy. Pages are copied :data:`PAGES_PER_STEP` at a time
with a short pause between steps (spreading the I/O). The copy is written next to ``PATH`` under
a temporary name, switched to a single-file journal mode, checked with ``PRAGMA quick_check`` and
only then renamed to ``PATH``: ``PATH`` is never a half-written file. An existing ``PATH`` is
refused unless ``force``.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

__all__ = ["PAGES_PER_STEP", "PAUSE", "BackupError", "BackupResult", "backup_database"]

PAGES_PER_STEP = 256  # pages copied per step (1 MiB at SQLite's default 4 KiB pages)
PAUSE = 0.002  # seconds between steps


class BackupError(Exception):
    """A backup that cannot be made; the message is one line for the operator. ``code``: the exit
    code (2: what was asked cannot be done, e.g. the file exists; 1: the copy failed)."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True, slots=True)
class BackupResult:
    source: Path
    path: Path
    bytes: int
    pages: int
    seconds: float
    rows: dict[str, int]  # rows of a few telling tables in the copy

    def line(self) -> str:
        counts = ", ".join(f"{n:,} {t}" for t, n in self.rows.items())
        return (f"backed up {self.source} to {self.path}: {_size(self.bytes)}, {counts}; quick_check ok "
                f"({self.seconds:.1f}s)")


def _size(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return f"{n} bytes"  # pragma: no cover


_TELLING = ("articles", "alerts", "deliveries", "chats")


def backup_database(source: str | Path, dest: str | Path, *, force: bool = False, pages: int = PAGES_PER_STEP,
                    pause: float = PAUSE, sleep: Callable[[float], None] = time.sleep) -> BackupResult:
    src, dst = Path(source).expanduser(), Path(dest).expanduser()
    if not src.is_file():
        raise BackupError(f"no database at {src}")
    if dst.is_dir():
        raise BackupError(f"{dst} is a directory: name the backup file, e.g. {dst / 'claimwatch-backup.db'}")
    if dst.exists() and not force:
        raise BackupError(f"{dst} exists: pass --force to overwrite it")
    if dst.exists() and dst.resolve() == src.resolve():
        raise BackupError(f"{dst} is the database itself: name another file")
    if not dst.parent.is_dir():
        raise BackupError(f"no such directory: {dst.parent}")
    tmp = dst.with_name(f".{dst.name}.partial-{os.getpid()}")
    started = time.monotonic()
    try:
        copied = _copy(src, tmp, pages, pause, sleep)
        rows = _verify(tmp)
        os.replace(tmp, dst)
    except sqlite3.Error as exc:
        raise BackupError(f"backup of {src} failed: {exc}", 1) from None
    except OSError as exc:
        raise BackupError(f"cannot write {dst}: {exc.strerror or exc}", 1) from None
    finally:
        for leftover in (tmp, tmp.with_name(tmp.name + "-journal")):
            with contextlib.suppress(OSError):
                leftover.unlink()
    return BackupResult(src, dst, dst.stat().st_size, copied, time.monotonic() - started, rows)


def _copy(src: Path, tmp: Path, pages: int, pause: float, sleep: Callable[[float], None]) -> int:
    """One snapshot of ``src`` into a new file ``tmp``; returns the page count."""
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    source = sqlite3.connect(f"{src.resolve().as_uri()}?mode=ro", uri=True, timeout=30.0, isolation_level=None)
    try:
        source.execute("BEGIN")  # one read transaction: one snapshot, never restarted by the writer
        source.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        target = sqlite3.connect(tmp, isolation_level=None)
        try:
            total = [0]

            def progress(_status: int, remaining: int, count: int) -> None:
                total[0] = count
                if remaining:
                    sleep(pause)

            source.backup(target, pages=max(1, pages), progress=progress)
            # one self-contained file: no -wal beside it to lose when it is copied elsewhere
            target.execute("PRAGMA journal_mode = DELETE").fetchone()
        finally:
            target.close()
        source.execute("COMMIT")
    finally:
        source.close()
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    return total[0]


def _verify(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        result = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()]
        if result != ["ok"]:
            raise BackupError(f"the copy fails quick_check: {'; '.join(map(str, result[:3]))}", 1)
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        return {t: int(conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0]) for t in _TELLING if t in names}
    finally:
        conn.close()
