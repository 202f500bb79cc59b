"""Is ClaimWatch healthy? One line and a verdict, from what the database records.

* **database** — it opens, and passes ``PRAGMA quick_check`` (``integrity_check`` with ``full``);
* **sources** — each active source was polled within 3 × its interval (a source never polled
  counts from when it was added); a source marked unhealthy (3 failures in a row) is named;
* **backlog** — deliveries due and not yet sent, and how long the oldest has waited; unhealthy
  when it waited longer than ``max_backlog_age``;
* **telegram** — the last Bot API call Telegram answered (``ops_meta``, written by ``run``);
  judged only while a ``claimwatch run`` holds the database: unhealthy when older than
  ``max_telegram_silence`` (a ``scan``-only installation has no Telegram to judge);
* **instance** — the lease of the instance holding the database (``instance_lease``): a lease
  whose heartbeat stopped is a process that died without letting go.

::

    ok: db ok · 4 sources polled (newest 2m ago) · backlog 0 · telegram 12s ago
    unhealthy: source feed-x last polled 3h ago (interval 15m) · backlog 240 (oldest 2h)

Everything takes ``now``; nothing here writes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from claimwatch.ops.meta import TELEGRAM_CONTACT, read_meta_time
from claimwatch.store import Store, StoreError, check_integrity, open_store, utc_iso

__all__ = ["DEFAULT_LIMITS", "STALE_FACTOR", "Backlog", "HealthReport", "Instance", "Limits", "SourceHealth", "backlog",
           "check_health", "fmt_duration", "health_of", "instance", "source_health", "unreadable"]

STALE_FACTOR = 3.0  # a source not polled for this many intervals is stale


@dataclass(frozen=True, slots=True)
class Limits:
    stale_factor: float = STALE_FACTOR
    max_backlog_age: float = 1800.0  # seconds the oldest due delivery may wait
    max_telegram_silence: float = 600.0  # seconds without a Bot API answer while `run` holds the database


DEFAULT_LIMITS = Limits()


def fmt_duration(seconds: float) -> str:
    """``42s``, ``2m``, ``2m5s``, ``3h``, ``1h30m``, ``2d``, ``2d4h``: at most two units, floored."""
    s = max(0, int(seconds))
    parts: list[tuple[int, str]] = []
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60), ("s", 1)):
        n, s = divmod(s, size)
        if n or (parts and len(parts) < 2):
            parts.append((n, unit))
        if len(parts) == 2:
            break
    shown = [f"{n}{u}" for n, u in parts if n]
    return "".join(shown) or "0s"


def _dt(value: object) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return None


def _age(now: datetime, then: datetime | None) -> float | None:
    return None if then is None else max(0.0, (now - then).total_seconds())


@dataclass(frozen=True, slots=True)
class SourceHealth:
    id: str
    interval: float
    paused: bool
    last_poll: datetime | None
    added: datetime | None
    failures: int
    unhealthy: bool
    last_error: str | None
    problem: str | None  # None: healthy (or paused)

    def age(self, now: datetime) -> float | None:
        return _age(now, self.last_poll)


def _short(text: str | None, n: int = 80) -> str:
    one = " ".join((text or "").split())
    return one if len(one) <= n else one[: n - 1] + "…"


def source_health(store: Store, now: datetime, limits: Limits = Limits()) -> list[SourceHealth]:
    rows = store.rows("SELECT id, interval, paused, last_run, created, failures, unhealthy, last_error"
                      " FROM sources ORDER BY id")
    out = []
    for r in rows:
        interval, last, added = float(r["interval"]), _dt(r["last_run"]), _dt(r["created"])
        paused, failures = bool(r["paused"]), int(r["failures"] or 0)
        stale_after = limits.stale_factor * interval
        problem = None
        if paused:
            pass
        elif r["unhealthy"]:
            problem = f"source {r['id']} failing ({failures} in a row: {_short(r['last_error'])})"
        elif last is None:
            since = _age(now, added)
            if since is None or since > stale_after:
                problem = (f"source {r['id']} never polled (added {fmt_duration(since)} ago, interval "
                           f"{fmt_duration(interval)})" if since is not None else f"source {r['id']} never polled")
        elif (now - last).total_seconds() > stale_after:
            problem = (f"source {r['id']} last polled {fmt_duration((now - last).total_seconds())} ago "
                       f"(interval {fmt_duration(interval)})")
        out.append(SourceHealth(str(r["id"]), interval, paused, last, added, failures, bool(r["unhealthy"]),
                                r["last_error"], problem))
    return out


@dataclass(frozen=True, slots=True)
class Backlog:
    due: int  # pending (or in flight) deliveries whose time has come
    oldest_age: float | None  # seconds the oldest of them has been due
    scheduled: int  # pending deliveries due later (quiet hours, digests, retry back-off)


def backlog(store: Store, now: datetime) -> Backlog:
    t = utc_iso(now)
    r = store.rows("SELECT SUM(due <= ?) AS due, MIN(CASE WHEN due <= ? THEN due END) AS oldest,"
                   " SUM(due > ?) AS later FROM deliveries WHERE status IN ('pending', 'sending')", (t, t, t))[0]
    return Backlog(int(r["due"] or 0), _age(now, _dt(r["oldest"])), int(r["later"] or 0))


@dataclass(frozen=True, slots=True)
class Instance:
    """The lease row of the instance holding the database."""

    command: str
    pid: int
    host: str
    started: datetime | None
    heartbeat: datetime | None
    expires: datetime | None

    def live(self, now: datetime) -> bool:
        return self.expires is not None and now < self.expires


def instance(store: Store) -> Instance | None:
    """The lease holder, or ``None`` (nobody holds it, or a database without leases)."""
    try:
        rows = store.rows("SELECT command, pid, host, started, heartbeat, expires FROM instance_lease")
    except StoreError:  # no such table
        return None
    if not rows:
        return None
    r = rows[0]
    return Instance(str(r["command"]), int(r["pid"]), str(r["host"]), _dt(r["started"]), _dt(r["heartbeat"]),
                    _dt(r["expires"]))


@dataclass(slots=True)
class HealthReport:
    now: datetime
    db_problem: str | None = None
    sources: list[SourceHealth] = field(default_factory=list)
    backlog: Backlog | None = None
    telegram: datetime | None = None
    instance: Instance | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def line(self) -> str:
        if self.problems:
            return "unhealthy: " + " · ".join(self.problems)
        parts = ["db ok"]
        active = [s for s in self.sources if not s.paused]
        ages = [a for s in active if (a := s.age(self.now)) is not None]
        paused = len(self.sources) - len(active)
        if not self.sources:
            parts.append("no sources")
        else:
            polled = f"{len(ages)} source{'s' if len(ages) != 1 else ''} polled"
            if ages:
                polled += f" (newest {fmt_duration(min(ages))} ago)"
            if len(ages) < len(active):
                polled += f", {len(active) - len(ages)} not yet"
            if paused:
                polled += f", {paused} paused"
            parts.append(polled)
        if self.backlog is not None:
            b = self.backlog
            parts.append(f"backlog {b.due}" + (f" (oldest {fmt_duration(b.oldest_age)})" if b.due and b.oldest_age
                                               is not None else ""))
        tg = _age(self.now, self.telegram)
        parts.append(f"telegram {fmt_duration(tg)} ago" if tg is not None else "telegram never")
        return "ok: " + " · ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        now = self.now

        def iso(d: datetime | None) -> str | None:
            return None if d is None else utc_iso(d)

        return {
            "ok": self.ok,
            "line": self.line,
            "checked": iso(now),
            "problems": list(self.problems),
            "db": {"ok": self.db_problem is None, "problem": self.db_problem},
            "sources": [{"id": s.id, "interval": s.interval, "paused": s.paused, "last_poll": iso(s.last_poll),
                         "age": s.age(now), "failures": s.failures, "unhealthy": s.unhealthy,
                         "last_error": s.last_error, "problem": s.problem} for s in self.sources],
            "backlog": asdict(self.backlog) if self.backlog is not None else None,
            "telegram": {"last_contact": iso(self.telegram), "age": _age(now, self.telegram)},
            "instance": None if self.instance is None else {
                "command": self.instance.command, "pid": self.instance.pid, "host": self.instance.host,
                "started": iso(self.instance.started), "heartbeat": iso(self.instance.heartbeat),
                "live": self.instance.live(now)},
        }


def unreadable(now: datetime, problem: str) -> HealthReport:
    """The report for a database that cannot be opened at all (``problem``: the whole one-liner)."""
    return HealthReport(now, db_problem=problem, problems=[problem])


def check_health(store: Store, now: datetime, limits: Limits = Limits(), *, full: bool = False,
                 integrity: Callable[[Store], str | None] | None = None) -> HealthReport:
    """Everything above, on an open (read-only is enough) store. ``integrity`` replaces the
    ``quick_check`` (``/healthz`` passes a cached one)."""
    rep = HealthReport(now)
    rep.db_problem = integrity(store) if integrity is not None else check_integrity(store, full)
    if rep.db_problem is not None:
        rep.problems.append(f"db {'integrity_check' if full else 'quick_check'} failed: {rep.db_problem}")
    try:
        rep.sources = source_health(store, now, limits)
        rep.backlog = backlog(store, now)
        rep.telegram = read_meta_time(store, TELEGRAM_CONTACT)
        rep.instance = instance(store)
    except StoreError as exc:
        rep.problems.append(f"db unreadable: {exc}")
        return rep
    rep.problems += [s.problem for s in rep.sources if s.problem]
    b = rep.backlog
    if b.due and b.oldest_age is not None and b.oldest_age > limits.max_backlog_age:
        rep.problems.append(f"backlog {b.due} (oldest {fmt_duration(b.oldest_age)})")
    inst = rep.instance
    if inst is not None and not inst.live(now):
        ago = fmt_duration(_age(now, inst.heartbeat) or 0)
        rep.problems.append(f"claimwatch {inst.command} (pid {inst.pid} on {inst.host}) stopped renewing its lease "
                            f"{ago} ago")
    if _judge_telegram(inst, rep.telegram, now, limits):
        tg = _age(now, rep.telegram)
        rep.problems.append(f"telegram last answered {fmt_duration(tg)} ago" if tg is not None
                            else "telegram never answered")
    return rep


def _judge_telegram(inst: Instance | None, contact: datetime | None, now: datetime, limits: Limits) -> bool:
    """Is Telegram too quiet? Only a live `claimwatch run` talks to it (not --console, not scan)."""
    if inst is None or not inst.live(now) or inst.command != "run":
        return False
    since = contact if contact is not None and (inst.started is None or contact >= inst.started) else inst.started
    age = _age(now, since)
    return age is not None and age > limits.max_telegram_silence


def health_of(db: Path, now: datetime, limits: Limits = Limits(), *, full: bool = False,
              integrity: Callable[[Store], str | None] | None = None) -> HealthReport:
    """:func:`check_health` of the database file ``db``, opened read-only (never migrated, never
    written); a missing file or one that cannot be opened is an unhealthy report, not a raise."""
    if not db.exists():
        return unreadable(now, f"no database at {db}")
    try:
        store = open_store(db, read_only=True)
    except StoreError as exc:
        return unreadable(now, f"database cannot be opened: {exc}")
    try:
        return check_health(store, now, limits, full=full, integrity=integrity)
    finally:
        store.close()
