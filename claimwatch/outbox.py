"""The delivery outbox: one row per (alert, chat), written in the alert's own transaction.

Why: the Bot API has no idempotency key, so exactly-once is impossible; the honest promise is
*no loss, and at most the message that was in flight duplicated*. States of a delivery::

    pending ──claim──▶ sending ──sent──▶ sent
       ▲                  │
       └──── requeue ─────┘   (429 wait, timeout/network back-off, crash: ``recover``)
    pending/sending ──▶ dropped (chat blocked the bot)  ·  failed (Telegram refused it for good)

1. :func:`enqueue` — inside the article transaction (the monitor always calls it, whichever
   command — ``run``, ``run --console``, ``scan`` — stores the alerts): every
   active, unmuted subscription of the alert's topic whose filter the alert passes gets a row;
   its ``due`` time honours quiet hours, and digest chats get the next digest time instead.
2. :func:`claim` — due rows, grouped per chat and thread, are marked ``sending`` and committed
   *before* anything is sent.
3. the sender (``bot/delivery.py``) sends and then calls :func:`mark_sent` — or :func:`requeue`
   / :func:`mark_failed`; at start-up :func:`recover` puts ``sending`` rows back to ``pending``
   unless the live holder of the database lease (``claimwatch.lease``) claimed them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from claimwatch.chats import ChatSettings, chat_from_row, next_digest, quiet_until
from claimwatch.models import Alert
from claimwatch.store import Store, utc_iso
from claimwatch.store.queries import alert_from_row

__all__ = [
    "Batch", "backoff", "claim", "counts", "enqueue", "mark_failed", "mark_sent", "recover", "requeue",
    "retry_later",
]

_DELIVERY_COLS = ("delivery_id", "chat_id", "thread_id", "digest")


@dataclass(frozen=True, slots=True)
class Batch:
    """What one message to one chat (thread) carries: one or more alerts, or a digest."""

    chat: ChatSettings
    thread_id: int | None
    delivery_ids: tuple[int, ...]
    alerts: tuple[Alert, ...]
    digest: str | None  # "hourly" / "daily" for digest messages


def enqueue(store: Store, alerts: Sequence[Alert], now: datetime) -> int:
    """Write the deliveries of freshly stored ``alerts`` (call inside their transaction)."""
    n = 0
    with store.transaction() as db:
        conn = db.conn
        for a in alerts:
            if a.id is None:
                raise ValueError("enqueue needs stored alerts (with an id)")
            cur = conn.execute(
                "SELECT c.*, s.thread_id AS sub_thread FROM subscriptions s JOIN chats c ON c.id = s.chat_id"
                " WHERE s.topic = ? AND s.muted = 0 AND c.active = 1", (a.topic,))
            keys = [d[0] for d in cur.description]
            for row in cur.fetchall():
                r = dict(zip(keys, row, strict=True))
                chat = chat_from_row(r)
                if not a.passes(chat.filter) or chat.snoozed(now):
                    continue
                digest = chat.mode if chat.mode in ("hourly", "daily") else None
                due = next_digest(chat, now) if digest else now
                due = quiet_until(chat, due) or due
                n += conn.execute(
                    "INSERT OR IGNORE INTO deliveries (alert_id, chat_id, thread_id, digest, due, created)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (a.id, chat.id, r["sub_thread"], digest, utc_iso(due), utc_iso(now))).rowcount
    return n


def claim(store: Store, now: datetime, *, limit: int = 200, exclude: Sequence[int] = ()) -> list[Batch]:
    """Due deliveries for up to ``limit`` chats, marked ``sending``, as one batch per chat
    and thread (an article's alerts in one message; a digest is one message). Nothing when the
    store works under a lease (``store.lease_owner``) that another instance has taken over."""
    skip = ",".join(str(int(c)) for c in exclude)
    with store.transaction() as db:
        conn = db.conn
        if store.lease_owner is not None and conn.execute(  # fenced: another instance took over
                "SELECT 1 FROM instance_lease WHERE id = 1 AND owner = ?", (store.lease_owner,)).fetchone() is None:
            return []
        cur = conn.execute(
            "SELECT d.id AS delivery_id, d.chat_id, d.thread_id, d.digest, a.* FROM deliveries d"
            " JOIN alerts a ON a.id = d.alert_id JOIN chats c ON c.id = d.chat_id"
            " WHERE d.status = 'pending' AND d.due <= ? AND c.active = 1"
            + (f" AND d.chat_id NOT IN ({skip})" if skip else "")
            + " AND d.chat_id IN (SELECT DISTINCT d2.chat_id FROM deliveries d2 WHERE d2.status = 'pending'"
            " AND d2.due <= ? ORDER BY d2.id LIMIT ?)"
            " ORDER BY d.chat_id, d.id", (utc_iso(now), utc_iso(now), limit))
        keys = [d[0] for d in cur.description]
        rows = [dict(zip(keys, r, strict=True)) for r in cur.fetchall()]
        groups: dict[tuple[int, int | None, str | None], list[dict[str, object]]] = {}
        for r in rows:
            groups.setdefault((int(r["chat_id"]), r["thread_id"], r["digest"]), []).append(r)  # type: ignore[arg-type]
        ccur = conn.execute(f"SELECT * FROM chats WHERE id IN ({','.join('?' * len(groups))})",
                            sorted({k[0] for k in groups}))
        ckeys = [d[0] for d in ccur.description]
        chats = {int(r[0]): chat_from_row(dict(zip(ckeys, r, strict=True))) for r in ccur.fetchall()}
        batches: list[Batch] = []
        for (chat_id, thread, digest), rs in groups.items():
            # one message per chat and round: a digest takes all, else one article's alerts (the
            # other articles wait for the next rounds: ≤ 1 msg/s/chat)
            chunk = rs if digest else [r for r in rs if r["url"] == rs[0]["url"]]
            ids = tuple(int(r["delivery_id"]) for r in chunk)  # type: ignore[call-overload]
            alerts = tuple(alert_from_row({k: v for k, v in r.items() if k not in _DELIVERY_COLS}) for r in chunk)
            batches.append(Batch(chats[chat_id], thread, ids, alerts, digest))
        # claimed_by: the lease holder (the one instance that delivers), so recovery spares its rows
        conn.executemany("UPDATE deliveries SET status = 'sending', attempts = attempts + 1,"
                         " claimed_by = COALESCE(?, (SELECT owner FROM instance_lease WHERE id = 1)) WHERE id = ?",
                         [(store.lease_owner, i) for b in batches for i in b.delivery_ids])
    return batches


def _set(store: Store, ids: Sequence[int], sql: str, params: Sequence[object]) -> None:
    with store.transaction() as db:
        db.conn.executemany(sql, [(*params, i) for i in ids])


def mark_sent(store: Store, ids: Sequence[int], message_id: int | None, now: datetime) -> None:
    _set(store, ids, "UPDATE deliveries SET status = 'sent', message_id = ?, sent_at = ?, last_error = NULL"
         " WHERE id = ?", (message_id, utc_iso(now)))


def requeue(store: Store, ids: Sequence[int], due: datetime, error: str) -> None:
    _set(store, ids, "UPDATE deliveries SET status = 'pending', due = ?, last_error = ? WHERE id = ?"
         " AND status = 'sending'", (utc_iso(due), error))


def mark_failed(store: Store, ids: Sequence[int], error: str) -> None:
    _set(store, ids, "UPDATE deliveries SET status = 'failed', last_error = ? WHERE id = ?", (error,))


def recover(store: Store) -> int:
    """At start-up, once this process holds the database lease (``claimwatch.lease``): rows left
    ``sending`` by an owner that no longer holds it (it crashed, or its lease expired) go back to
    ``pending`` — they may have been sent: the one possible duplicate. Rows claimed by the current
    lease holder are in flight in a live process and stay as they are. Returns how many."""
    with store.transaction() as db:
        return int(db.conn.execute(
            "UPDATE deliveries SET status = 'pending', claimed_by = NULL WHERE status = 'sending'"
            " AND (claimed_by IS NULL OR claimed_by NOT IN (SELECT owner FROM instance_lease))").rowcount)


def backoff(attempts: int, base: float = 2.0, cap: float = 600.0) -> timedelta:
    """Retry delay after ``attempts`` failed sends: 2 s, 4 s, 8 s … capped at 10 minutes."""
    return timedelta(seconds=min(cap, base * 2 ** max(0, attempts - 1)))


def counts(store: Store) -> dict[str, int]:
    return {r["status"]: int(r["n"]) for r in store.rows("SELECT status, COUNT(*) AS n FROM deliveries GROUP BY status")}



def retry_later(store: Store, ids: Sequence[int], now: datetime, error: str) -> None:
    """Back to pending after a timeout or network error, with back-off by attempts so far."""
    with store.transaction() as db:
        for i in ids:
            row = db.conn.execute("SELECT attempts FROM deliveries WHERE id = ?", (i,)).fetchone()
            if row is None:
                continue
            db.conn.execute("UPDATE deliveries SET status = 'pending', due = ?, last_error = ? WHERE id = ?"
                            " AND status = 'sending'", (utc_iso(now + backoff(int(row[0]))), error, i))
