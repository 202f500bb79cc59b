"""One instance per database: a lease row in the database that its holder keeps renewing.

``claimwatch run`` (``--console`` too) and ``claimwatch scan`` take the lease at start-up and
hold it until they stop; a second one on the same database is refused with one line naming the
holder. The holder renews it every :data:`HEARTBEAT_EVERY` seconds from a thread of its own (its
own connection: a busy event loop never lets the lease lapse); a lease not renewed for
:data:`EXPIRES_AFTER` seconds has expired and the next start takes it over, with a log line.
A holder on this machine whose process is gone (``kill -9``, a crash) is taken over at once.

Every step is one ``BEGIN IMMEDIATE`` transaction (``Store.transaction``): two processes can
never both believe they took it. Deliveries in flight record the lease owner that claimed them
(``deliveries.claimed_by``), so start-up recovery (``outbox.recover``) leaves a live owner's alone.

The owner string is ``host:pid:start-time/uuid``; ``node`` says where a pid means something
(host, boot id, pid namespace): only there is "that process is gone" checked.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from claimwatch.store import Store, StoreError, open_store, utc_iso

__all__ = [
    "EXPIRES_AFTER", "HEARTBEAT_EVERY", "Holder", "Lease", "LeaseHeld", "Owner", "acquire", "current",
    "release", "renew", "timing_from_env",
]

log = logging.getLogger("claimwatch.lease")

HEARTBEAT_EVERY = 10.0  # seconds between renewals
EXPIRES_AFTER = 30.0  # seconds without a renewal after which the lease is free to take
TIMING_ENV = "CLAIMWATCH_LEASE_TIMING"  # "HEARTBEAT,EXPIRY" seconds: for tests and chaos runs


def timing_from_env(env: Mapping[str, str]) -> tuple[float, float]:
    """(heartbeat, expiry) from ``CLAIMWATCH_LEASE_TIMING="0.5,2"``, else the defaults."""
    raw = env.get(TIMING_ENV, "").strip()
    if not raw:
        return HEARTBEAT_EVERY, EXPIRES_AFTER
    try:
        every, ttl = (float(x) for x in raw.split(","))
    except ValueError:
        raise ValueError(f"{TIMING_ENV}={raw!r}: expected two numbers of seconds, HEARTBEAT,EXPIRY") from None
    if not 0 < every < ttl:
        raise ValueError(f"{TIMING_ENV}={raw!r}: need 0 < heartbeat < expiry")
    return every, ttl


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="ascii").strip()
    except OSError:
        return ""


def _pid_namespace() -> str:
    try:
        return os.readlink("/proc/self/ns/pid")
    except OSError:
        return ""


def this_node() -> str:
    """Where a pid names one process: the host, its boot, the pid namespace (containers)."""
    return f"{socket.gethostname()}|{_read('/proc/sys/kernel/random/boot_id')}|{_pid_namespace()}"


def process_alive(pid: int) -> bool:
    """Is ``pid`` a running (not zombie) process on this node? Unsure counts as alive."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    stat = _read(f"/proc/{pid}/stat")
    state = stat.rpartition(")")[2].split()[:1]
    return state not in (["Z"], ["X"])


@dataclass(frozen=True, slots=True)
class Owner:
    """Who would hold the lease: this process, running ``command``."""

    id: str
    command: str
    host: str
    pid: int
    node: str
    started: datetime

    @classmethod
    def this_process(cls, command: str, now: datetime) -> Owner:
        host, pid = socket.gethostname(), os.getpid()
        oid = f"{host}:{pid}:{utc_iso(now)}/{uuid.uuid4().hex[:12]}"
        return cls(oid, command, host, pid, this_node(), now)


@dataclass(frozen=True, slots=True)
class Holder:
    """The lease as stored."""

    owner: str
    command: str
    host: str
    pid: int
    node: str
    started: datetime
    heartbeat: datetime
    expires: datetime

    def describe(self, now: datetime) -> str:
        ago = max(0, round((now - self.heartbeat).total_seconds()))
        return f"claimwatch {self.command} (pid {self.pid} on host {self.host}, heartbeat {ago} s ago)"


class LeaseHeld(Exception):
    """Another live instance holds the database; the message is the one line to show."""

    def __init__(self, path: str, holder: Holder, now: datetime) -> None:
        super().__init__(f"database {path} is in use by {holder.describe(now)}; stop it first")
        self.holder = holder


def current(store: Store) -> Holder | None:
    """The lease row, expired or not, or ``None`` when nobody holds it."""
    rows = store.rows("SELECT * FROM instance_lease WHERE id = 1")
    if not rows:
        return None
    r = rows[0]
    return Holder(r["owner"], r["command"], r["host"], int(r["pid"]), r["node"],
                  *(datetime.fromisoformat(r[k]) for k in ("started", "heartbeat", "expires")))


def acquire(store: Store, me: Owner, now: datetime, *, ttl: float = EXPIRES_AFTER,
            alive: Callable[[int], bool] = process_alive) -> Holder | None:
    """Take the lease for ``me``, or raise :class:`LeaseHeld`. Returns the holder taken over
    (expired, or its process gone), ``None`` when the lease was free (or already ``me``'s)."""
    with store.transaction() as db:
        held = current(store)
        if held is not None and held.owner != me.id:
            gone = held.node == me.node and held.pid != me.pid and not alive(held.pid)
            if now < held.expires and not gone:
                raise LeaseHeld(store.path or ":memory:", held, now)
            why = ("its process is gone" if now < held.expires else
                   f"its heartbeat stopped {max(0, round((now - held.heartbeat).total_seconds()))} s ago")
            log.warning("database %s: taking over the lease of %s: %s", store.path, held.describe(now), why)
        db.conn.execute(
            "INSERT OR REPLACE INTO instance_lease (id, owner, command, host, pid, node, started, heartbeat, expires)"
            " VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)",
            (me.id, me.command, me.host, me.pid, me.node, utc_iso(me.started), utc_iso(now),
             utc_iso(now + timedelta(seconds=ttl))))
    return held if held is not None and held.owner != me.id else None


def renew(store: Store, owner: str, now: datetime, *, ttl: float = EXPIRES_AFTER) -> bool:
    """Push the expiry on; ``False`` when ``owner`` no longer holds the lease (it was taken over)."""
    with store.transaction() as db:
        cur = db.conn.execute("UPDATE instance_lease SET heartbeat = ?, expires = ? WHERE id = 1 AND owner = ?",
                              (utc_iso(now), utc_iso(now + timedelta(seconds=ttl)), owner))
        return cur.rowcount == 1


def release(store: Store, owner: str) -> bool:
    """Give the lease up (a clean exit); ``False`` when ``owner`` did not hold it."""
    with store.transaction() as db:
        return db.conn.execute("DELETE FROM instance_lease WHERE id = 1 AND owner = ?", (owner,)).rowcount == 1


class Lease:
    """The holder's side: :meth:`acquire`, then a heartbeat thread until :meth:`release`.

    ``on_lost`` runs (in the heartbeat thread) when a renewal finds the lease taken over, e.g.
    after this process was suspended past the expiry: the caller stops the process.
    """

    def __init__(self, path: str, owner: Owner, *, clock: Callable[[], datetime],
                 every: float = HEARTBEAT_EVERY, ttl: float = EXPIRES_AFTER,
                 on_lost: Callable[[Holder | None], object] | None = None) -> None:
        if not 0 < every < ttl:
            raise ValueError(f"heartbeat every {every} s must be shorter than the expiry {ttl} s")
        self.path, self.owner, self.clock = path, owner, clock
        self.every, self.ttl, self.on_lost = every, ttl, on_lost
        self.lost = False
        self.taken_over: Holder | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def acquire(self, store: Store) -> None:
        """Take it (raises :class:`LeaseHeld`) through ``store``, an open store of :attr:`path`."""
        self.taken_over = acquire(store, self.owner, self.clock(), ttl=self.ttl)

    def start(self) -> None:
        """Start renewing (a daemon thread with its own connection)."""
        self._thread = threading.Thread(target=self._beat, name="claimwatch-lease", daemon=True)
        self._thread.start()

    def _beat(self) -> None:
        store: Store | None = None
        try:
            while not self._stop.wait(self.every):
                try:
                    store = store or open_store(self.path)
                    if renew(store, self.owner.id, self.clock(), ttl=self.ttl):
                        continue
                    holder = current(store)
                except StoreError as exc:  # busy or I/O trouble: try again at the next beat
                    log.warning("could not renew the database lease: %s", exc)
                    continue
                self.lost = True
                log.error("database %s: lost the lease to %s: stopping", self.path,
                          holder.describe(self.clock()) if holder else "nobody (it was released)")
                if self.on_lost is not None:
                    self.on_lost(holder)
                return
        finally:
            if store is not None:
                store.close()

    def release(self) -> None:
        """Stop the heartbeat and give the lease up (safe to call twice, or after it was lost)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=self.ttl)
            self._thread = None
        if self.lost:
            return
        try:
            with open_store(self.path) as store:
                release(store, self.owner.id)
        except StoreError as exc:  # it expires on its own
            log.warning("could not release the database lease (it expires in %g s): %s", self.ttl, exc)
