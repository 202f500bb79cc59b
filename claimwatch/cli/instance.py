"""Start-up of the commands that write a database (``run``, ``run --console``, ``scan``): the
file passes ``PRAGMA quick_check`` and this process takes the instance lease, else one line and
exit 2 (:class:`UsageError`). The lease is released on a clean exit; when it is lost (taken over
after this process stalled past its expiry) the process stops itself with SIGTERM.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path

from claimwatch.cli.commands import UsageError
from claimwatch.lease import Holder, Lease, LeaseHeld, Owner, timing_from_env
from claimwatch.store import StoreError, check_integrity, open_store, recovery_hint

__all__ = ["hold_database", "while_holding"]


def _stop_this_process(_holder: Holder | None) -> None:
    os.kill(os.getpid(), signal.SIGTERM)  # run and scan stop cleanly on it


def _damaged(path: str, problem: str) -> UsageError:
    return UsageError(f"database {path} is damaged ({problem}): {recovery_hint(path)}")


def hold_database(db: str | Path | None, command: str, *, env: Mapping[str, str] | None = None,
                  clock: Callable[[], datetime] | None = None,
                  on_lost: Callable[[Holder | None], object] = _stop_this_process) -> Lease | None:
    """Check ``db`` and take its lease for ``command`` (e.g. ``"run"``); heartbeat started.
    ``None`` for an in-memory database (nothing to share). Call ``release()`` when done."""
    if db is None or str(db) == ":memory:":
        return None
    clock = clock or (lambda: datetime.now(UTC))
    try:
        every, ttl = timing_from_env(os.environ if env is None else env)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    path = str(Path(db).expanduser().resolve())
    try:
        store = open_store(path)
    except StoreError as exc:
        if (exc.code or "").startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
            raise _damaged(path, str(exc.__cause__ or exc)) from None
        raise
    try:
        if problem := check_integrity(store, full=False):
            raise _damaged(path, problem)
        lease = Lease(path, Owner.this_process(command, clock()), clock=clock, every=every, ttl=ttl,
                      on_lost=on_lost)
        try:
            lease.acquire(store)
        except LeaseHeld as exc:
            raise UsageError(str(exc)) from None
    finally:
        store.close()
    lease.start()
    return lease


def while_holding(db: str | Path | None, command: str, body: Callable[[str | None], int]) -> int:
    """Run ``body(lease owner id)`` holding the database (``hold_database``), release it after;
    exit 1 with one line when another instance took the database over meanwhile."""
    lease = hold_database(db, command)
    try:
        code = body(lease.owner.id if lease else None)
    finally:
        if lease is not None:
            lease.release()
    if lease is not None and lease.lost:
        print(f"claimwatch: stopped: another instance took over database {lease.path}", file=sys.stderr)
        return 1
    return code
