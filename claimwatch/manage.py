"""What admins change from chat: topics, keywords, sources, pause flags; and the /stats numbers.

Entries created here have ``origin = 'chat'``; a config sync never deletes them. Entries that
come from the config file can be paused and resumed from chat, but editing or removing them is
refused with a message saying to edit the file (the file would win at the next start-up).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from claimwatch.sources import get_source, list_topics
from claimwatch.store import Store, utc_iso

__all__ = [
    "ManageError", "add_source", "add_topic", "new_source_id", "remove_source", "remove_topic",
    "set_keywords", "set_paused", "stats", "valid_id",
]

_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")


class ManageError(ValueError):
    """A refused admin change; the message is one line for the chat."""


def valid_id(s: str) -> str:
    if not _ID.fullmatch(s):
        raise ManageError(f"invalid id {s!r}: use 1-64 of a-z 0-9 _ -, starting with a letter or digit")
    return s


def _topic_origin(store: Store, topic_id: str) -> str | None:
    rows = store.rows("SELECT origin FROM topics WHERE id = ?", (topic_id,))
    return rows[0]["origin"] if rows else None


def add_topic(store: Store, topic_id: str, name: str, now: datetime, keywords: Sequence[str] = ()) -> None:
    valid_id(topic_id)
    if _topic_origin(store, topic_id) is not None:
        raise ManageError(f"topic {topic_id!r} already exists")
    kws = list(keywords) or [name]
    with store.transaction() as db:
        db.conn.execute("INSERT INTO topics (id, name, keywords, origin, created) VALUES (?, ?, ?, 'chat', ?)",
                        (topic_id, name.strip() or topic_id, json.dumps(kws, ensure_ascii=False), utc_iso(now)))


def set_keywords(store: Store, topic_id: str, keywords: Sequence[str]) -> None:
    origin = _topic_origin(store, topic_id)
    if origin is None:
        raise ManageError(f"no topic {topic_id!r}")
    if origin == "config":
        raise ManageError(f"topic {topic_id!r} comes from the config file: change its keywords there")
    kws = [k.strip() for k in keywords if k.strip()]
    if not kws:
        raise ManageError("give at least one keyword")
    with store.transaction() as db:
        db.conn.execute("UPDATE topics SET keywords = ? WHERE id = ?", (json.dumps(kws, ensure_ascii=False), topic_id))


def remove_topic(store: Store, topic_id: str) -> int:
    """Remove a chat-made topic and its subscriptions; returns how many subscriptions went."""
    origin = _topic_origin(store, topic_id)
    if origin is None:
        raise ManageError(f"no topic {topic_id!r}")
    if origin == "config":
        raise ManageError(f"topic {topic_id!r} comes from the config file: remove it there")
    users = [r["id"] for r in store.rows("SELECT id, topics FROM sources") if topic_id in json.loads(r["topics"])]
    if users:
        raise ManageError(f"topic {topic_id!r} is used by source(s) {', '.join(users)}: remove them first")
    with store.transaction() as db:
        n = db.conn.execute("DELETE FROM subscriptions WHERE topic = ?", (topic_id,)).rowcount
        db.conn.execute("DELETE FROM topics WHERE id = ?", (topic_id,))
    return int(n)


def new_source_id(store: Store, url: str | None, kind: str) -> str:
    """A readable unused id from the URL's host (``kompas-com``, ``kompas-com-2`` …)."""
    from urllib.parse import urlsplit

    host = (urlsplit(url).hostname or kind) if url else kind
    base = re.sub(r"[^a-z0-9]+", "-", host.lower().removeprefix("www.")).strip("-")[:50] or kind
    taken = {r["id"] for r in store.rows("SELECT id FROM sources")}
    sid, n = base, 2
    while sid in taken:
        sid, n = f"{base}-{n}", n + 1
    return sid


def add_source(store: Store, source_id: str, kind: str, url: str | None, topics: Sequence[str], now: datetime,
               *, interval: float = 900.0, options: Mapping[str, Any] | None = None) -> None:
    valid_id(source_id)
    if get_source(store, source_id) is not None:
        raise ManageError(f"source {source_id!r} already exists")
    known = {t.id for t in list_topics(store)}
    missing = [t for t in topics if t not in known]
    if missing:
        raise ManageError(f"no topic {missing[0]!r}")
    with store.transaction() as db:
        db.conn.execute(
            "INSERT INTO sources (id, kind, url, topics, interval, options, origin, created)"
            " VALUES (?, ?, ?, ?, ?, ?, 'chat', ?)",
            (source_id, kind, url, json.dumps(list(topics)), interval,
             json.dumps(dict(options or {}), ensure_ascii=False), utc_iso(now)))


def remove_source(store: Store, source_id: str) -> None:
    src = get_source(store, source_id)
    if src is None:
        raise ManageError(f"no source {source_id!r}")
    if src.origin == "config":
        raise ManageError(f"source {source_id!r} comes from the config file: remove it there (or /pause it)")
    with store.transaction() as db:
        db.conn.execute("DELETE FROM sources WHERE id = ?", (source_id,))
        db.conn.execute("DELETE FROM seen_items WHERE source_id = ?", (source_id,))
        db.conn.execute("DELETE FROM item_queue WHERE source_id = ?", (source_id,))


def set_paused(store: Store, ident: str, paused: bool) -> str:
    """Pause or resume a source or a topic by id; returns "source" or "topic"."""
    with store.transaction() as db:
        if db.conn.execute("UPDATE sources SET paused = ? WHERE id = ?", (int(paused), ident)).rowcount:
            return "source"
        if db.conn.execute("UPDATE topics SET paused = ? WHERE id = ?", (int(paused), ident)).rowcount:
            return "topic"
    raise ManageError(f"no source or topic {ident!r}")


def stats(store: Store) -> dict[str, int]:
    one = store.rows(
        "SELECT (SELECT COUNT(*) FROM sources) AS sources,"
        " (SELECT COUNT(*) FROM sources WHERE unhealthy = 1) AS unhealthy_sources,"
        " (SELECT COUNT(*) FROM topics) AS topics,"
        " (SELECT COUNT(*) FROM articles) AS articles,"
        " (SELECT COUNT(*) FROM figures) AS figures,"
        " (SELECT COUNT(*) FROM statements) AS statements,"
        " (SELECT COUNT(*) FROM alerts) AS alerts,"
        " (SELECT COUNT(*) FROM deliveries WHERE status IN ('pending', 'sending')) AS pending_deliveries,"
        " (SELECT COUNT(*) FROM deliveries WHERE status = 'sent') AS sent_deliveries,"
        " (SELECT COUNT(*) FROM chats WHERE active = 1) AS chats,"
        " (SELECT COUNT(*) FROM chats WHERE active = 0) AS inactive_chats,"
        " (SELECT COUNT(*) FROM subscriptions) AS subscriptions,"
        # the per-article caps' surplus, never alerted; listed items still to read; pages given up
        " (SELECT COALESCE(SUM(figures_over_cap), 0) FROM articles) AS figures_over_cap,"
        " (SELECT COALESCE(SUM(alerts_held), 0) FROM articles) AS alerts_held,"
        " (SELECT COUNT(*) FROM item_queue) AS queued_items,"
        " (SELECT COALESCE(SUM(items_given_up), 0) FROM sources) AS items_given_up")[0]
    return {k: int(v) for k, v in one.items()}
