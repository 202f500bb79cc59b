"""Topics and sources as the running monitor sees them: in the store, from config and from chat.

The config file is the source of truth for entries it defines (``origin = 'config'``): at start-up
:func:`sync_config` inserts or updates them and deletes config entries no longer in the file.
Entries added from chat (``origin = 'chat'``) are kept. Pause flags and health survive a sync.

Health: every run records ``last_run``; a success clears the failure count, a failure increments
it and pushes ``next_run`` back exponentially (``interval × 2^failures``, capped at a day). A
source with 3 or more consecutive failures is *unhealthy*. A source whose pages come back
without article text gets a ``layout_warning``.

The item queue: a listed item that is not read in the poll that found it waits in ``item_queue``
— over the poll's article cap (read on the next polls, even when the listing answers 304), or
its page failed in a way that may pass (timeout, 5xx: retried after 2, 4, 8, 16, 32 minutes, and
given up for good after the 6th failed attempt). It keeps when it was first seen and which
topics were silent then (a source's baseline), so reading it late changes neither. An item
leaves the queue when it is marked seen: read, or given up (counted in ``items_given_up``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from types import MappingProxyType
from typing import Any

from claimwatch.config import Config, ProfileConfig, SourceConfig, TopicConfig
from claimwatch.models import FeedItem, SiteProfile, SourceSpec
from claimwatch.store import Store, utc_iso
from claimwatch.topics import Expand, TopicMatcher

__all__ = [
    "MAX_ATTEMPTS",
    "MAX_BACKOFF",
    "RETRY_BASE",
    "TINY_TEXT",
    "UNHEALTHY_AFTER",
    "QueueEntry",
    "SourceRow",
    "SourceState",
    "TopicRow",
    "backoff_seconds",
    "get_source",
    "list_sources",
    "list_topics",
    "mark_baseline",
    "matchers",
    "profile_of",
    "record_failure",
    "record_success",
    "spec_of",
    "sync_config",
    "text_warning",
]

MAX_BACKOFF = 86400.0
UNHEALTHY_AFTER = 3
RETRY_BASE = 120.0  # seconds before a failed page is tried again; doubles with each failure
MAX_ATTEMPTS = 6  # failed attempts at one page before it is given up for good


@dataclass(frozen=True, slots=True)
class TopicRow:
    id: str
    name: str
    keywords: tuple[str, ...]
    require_any: tuple[str, ...]
    lang: tuple[str, ...]
    origin: str
    paused: bool
    subject: str | None = None
    exclude: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SourceRow:
    id: str
    kind: str
    url: str | None
    topics: tuple[str, ...]
    interval: float
    profile: str | None
    options: Mapping[str, Any]
    origin: str
    paused: bool
    last_run: datetime | None
    last_success: datetime | None
    last_error: str | None
    last_error_at: datetime | None
    failures: int
    next_run: datetime | None
    unhealthy: bool
    layout_warning: str | None
    articles: int
    name: str | None = None  # the outlet's name, as alerts show it
    baseline: bool = True  # the first poll (and the first for a new topic) alerts nothing
    max_age: float = 259200.0  # seconds; older articles never alert
    baseline_at: datetime | None = None
    baseline_topics: tuple[str, ...] = ()  # topics whose baseline this source has taken


def _dt(s: str | None) -> datetime | None:
    return datetime.fromisoformat(s) if s else None


def _topic_row(r: Mapping[str, Any]) -> TopicRow:
    return TopicRow(r["id"], r["name"], tuple(json.loads(r["keywords"])), tuple(json.loads(r["require_any"])),
                    tuple(json.loads(r["lang"])), r["origin"], bool(r["paused"]), r["subject"],
                    tuple(json.loads(r["exclude"] or "[]")))


def _source_row(r: Mapping[str, Any]) -> SourceRow:
    return SourceRow(
        id=r["id"], kind=r["kind"], url=r["url"], topics=tuple(json.loads(r["topics"])),
        interval=float(r["interval"]), profile=r["profile"],
        options=MappingProxyType(json.loads(r["options"])), origin=r["origin"], paused=bool(r["paused"]),
        last_run=_dt(r["last_run"]), last_success=_dt(r["last_success"]), last_error=r["last_error"],
        last_error_at=_dt(r["last_error_at"]), failures=int(r["failures"]), next_run=_dt(r["next_run"]),
        unhealthy=bool(r["unhealthy"]), layout_warning=r["layout_warning"], articles=int(r["articles"]),
        name=r["name"], baseline=bool(r["baseline"]), max_age=float(r["max_age"]), baseline_at=_dt(r["baseline_at"]),
        baseline_topics=tuple(json.loads(r["baseline_topics"] or "[]")),
    )


def _plain(v: Any) -> Any:
    """Config values (MappingProxy, tuples) as JSON-ready values."""
    if isinstance(v, Mapping):
        return {k: _plain(x) for k, x in v.items()}
    if isinstance(v, list | tuple):
        return [_plain(x) for x in v]
    return v


def _topic_values(t: TopicConfig) -> tuple[Any, ...]:
    return (t.name, json.dumps(list(t.keywords), ensure_ascii=False),
            json.dumps(list(t.require_any), ensure_ascii=False), json.dumps(list(t.lang)), t.subject,
            json.dumps(list(t.exclude), ensure_ascii=False))


def _source_values(s: SourceConfig) -> tuple[Any, ...]:
    return (s.kind, s.url, json.dumps(list(s.topics)), s.interval, s.profile,
            json.dumps(_plain(s.options), ensure_ascii=False, sort_keys=True), s.name, int(s.baseline), s.max_age)


def sync_config(store: Store, cfg: Config, now: datetime) -> None:
    """Bring config-defined topics and sources into the store (one transaction)."""
    created = utc_iso(now, "now")
    with store.transaction() as db:
        conn = db.conn
        for t in cfg.topics:
            conn.execute(
                "INSERT INTO topics (id, name, keywords, require_any, lang, subject, exclude, origin, created)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, 'config', ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name,"
                " keywords = excluded.keywords, require_any = excluded.require_any, lang = excluded.lang,"
                " subject = excluded.subject, exclude = excluded.exclude, origin = 'config'",
                (t.id, *_topic_values(t), created))
        ids = [t.id for t in cfg.topics]
        conn.execute(f"DELETE FROM topics WHERE origin = 'config' AND id NOT IN ({','.join('?' * len(ids))})", ids)
        for s in cfg.sources:
            conn.execute(
                "INSERT INTO sources (id, kind, url, topics, interval, profile, options, name, baseline, max_age,"
                " origin, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'config', ?) ON CONFLICT(id) DO UPDATE SET"
                " kind = excluded.kind, url = excluded.url, topics = excluded.topics, interval = excluded.interval,"
                " profile = excluded.profile, options = excluded.options, name = excluded.name,"
                " baseline = excluded.baseline, max_age = excluded.max_age, origin = 'config'",
                (s.id, *_source_values(s), created))
        sids = [s.id for s in cfg.sources]
        conn.execute(f"DELETE FROM sources WHERE origin = 'config' AND id NOT IN ({','.join('?' * len(sids))})", sids)
        conn.execute("DELETE FROM item_queue WHERE source_id NOT IN (SELECT id FROM sources)")


def list_topics(store: Store) -> list[TopicRow]:
    return [_topic_row(r) for r in store.rows("SELECT * FROM topics ORDER BY id")]


def list_sources(store: Store) -> list[SourceRow]:
    return [_source_row(r) for r in store.rows("SELECT * FROM sources ORDER BY id")]


def get_source(store: Store, source_id: str) -> SourceRow | None:
    rows = store.rows("SELECT * FROM sources WHERE id = ?", (source_id,))
    return _source_row(rows[0]) if rows else None


def matchers(topics: Sequence[TopicRow], expand: Expand | None = None) -> list[TopicMatcher]:
    """Matchers for the topics that are not paused (``expand``: other names of a keyword)."""
    return [TopicMatcher(t.id, t.keywords, t.require_any, t.exclude, expand) for t in topics if not t.paused]


def profile_of(p: ProfileConfig) -> SiteProfile:
    return SiteProfile(p.name, tuple(p.match), p.body, p.title, p.date, tuple(p.drop))


def spec_of(src: SourceRow, topics: Sequence[TopicRow], profiles: Mapping[str, SiteProfile]) -> SourceSpec:
    """What the scrapers need to poll ``src``; keywords are its topics' (all topics when none)."""
    mine = [t for t in topics if t.id in src.topics] if src.topics else list(topics)
    keywords = tuple(dict.fromkeys(k for t in mine if not t.paused for k in t.keywords))
    lang = tuple(dict.fromkeys(lang for t in mine for lang in t.lang)) or ("id", "en")
    return SourceSpec(id=src.id, kind=src.kind, url=src.url, topics=src.topics, keywords=keywords,
                      interval=src.interval, options=src.options,
                      profile=profiles.get(src.profile) if src.profile else None, lang=lang)


def backoff_seconds(interval: float, failures: int) -> float:
    """Delay before the next attempt after ``failures`` consecutive failures (capped at a day)."""
    if failures <= 0:
        return interval
    return min(interval * 2.0 ** min(failures, 30), MAX_BACKOFF)


# a page whose article text is shorter than this is no article read ("tiny")
TINY_TEXT = 80
_HISTORY = 5  # pages a source's text warning looks back on
_WARN_AT = 3  # of them without article text


def text_warning(history: Sequence[bool]) -> str | None:
    """The warning for a source whose last pages (``True``: article text found) mostly had none."""
    last = list(history)[-_HISTORY:]
    missed = sum(not ok for ok in last)
    if missed >= min(_WARN_AT, len(last)) and missed:
        return (f"article text not found on {missed} of the last {len(last)} pages (empty or tiny): "
                "the site's layout may have changed, or it needs a profile")
    return None


def record_success(store: Store, source_id: str, now: datetime, *, articles: int,
                   layout_warning: str | None = None, pages: Sequence[bool] = ()) -> str | None:
    """Record a run that worked. ``pages``: for each article page read, whether it had article
    text. Returns the source's text warning, if its recent pages call for one."""
    src = get_source(store, source_id)
    if src is None:
        return None
    when = utc_iso(now, "now")
    with store.transaction() as db:
        row = db.conn.execute("SELECT text_history FROM sources WHERE id = ?", (source_id,)).fetchone()
        history = [bool(x) for x in json.loads(row[0] or "[]")][-_HISTORY:] + list(pages)
        history = history[-_HISTORY:]
        warning = layout_warning or (text_warning(history) if pages or history else None)
        db.conn.execute(
            "UPDATE sources SET last_run = ?, last_success = ?, failures = 0, unhealthy = 0,"
            " next_run = ?, layout_warning = ?, articles = articles + ?, text_history = ? WHERE id = ?",
            (when, when, utc_iso(now + timedelta(seconds=src.interval)), warning, articles,
             json.dumps(history), source_id))
    return warning


def record_failure(store: Store, source_id: str, now: datetime, error: str) -> SourceRow | None:
    """Count a failed run; returns the updated row (for logging the back-off)."""
    src = get_source(store, source_id)
    if src is None:
        return None
    failures = src.failures + 1
    delay = backoff_seconds(src.interval, failures)
    with store.transaction() as db:
        db.conn.execute(
            "UPDATE sources SET last_run = ?, last_error = ?, last_error_at = ?, failures = ?,"
            " unhealthy = ?, next_run = ? WHERE id = ?",
            (utc_iso(now), error, utc_iso(now), failures, int(failures >= UNHEALTHY_AFTER),
             utc_iso(now + timedelta(seconds=delay)), source_id))
    return get_source(store, source_id)


@dataclass(frozen=True, slots=True)
class QueueEntry:
    """An item waiting in the queue: when it was first listed, the topics silent then (a
    baseline), the failed attempts at its page so far, when it may be tried next."""

    item: FeedItem
    first_seen: datetime
    silent: tuple[str, ...]
    attempts: int
    next_try: datetime
    last_error: str | None


def _item_json(item: FeedItem) -> str:
    def iso(d: datetime | None) -> str | None:
        return d.isoformat() if d is not None else None

    return json.dumps({"url": item.url, "guid": item.guid, "title": item.title, "published": iso(item.published),
                       "updated": iso(item.updated), "summary": item.summary, "lang": item.lang},
                      ensure_ascii=False)


def _item_of(text: str) -> FeedItem:
    d = json.loads(text)
    return FeedItem(url=d["url"], guid=d.get("guid"), title=d.get("title"), published=_dt(d.get("published")),
                    updated=_dt(d.get("updated")), summary=d.get("summary"), lang=d.get("lang"))


def _entry(r: Mapping[str, Any]) -> QueueEntry:
    return QueueEntry(_item_of(r["item"]), datetime.fromisoformat(r["first_seen"]),
                      tuple(json.loads(r["silent"] or "[]")), int(r["attempts"]),
                      datetime.fromisoformat(r["next_try"]), r["last_error"])


def retry_delay(attempts: int) -> float:
    """Seconds to wait after ``attempts`` failed attempts at a page: 2, 4, 8, 16, 32 minutes."""
    return RETRY_BASE * 2.0 ** max(0, attempts - 1)


class SourceState:
    """What the poller asks the store while polling one source (validators, seen items, the
    items queued by earlier polls); what the monitor records of the items it could not read."""

    def __init__(self, store: Store, source_id: str) -> None:
        self.store = store
        self.source_id = source_id

    def validators(self, url: str) -> tuple[str | None, str | None]:
        rows = self.store.rows("SELECT etag, last_modified FROM http_cache WHERE url = ?", (url,))
        return (rows[0]["etag"], rows[0]["last_modified"]) if rows else (None, None)

    def is_new(self, item: FeedItem) -> bool:
        """Not seen before (by key in this source, or by URL in any source), or updated since."""
        rows = self.store.rows(
            "SELECT stamp FROM seen_items WHERE (source_id = ? AND key = ?) OR url = ?",
            (self.source_id, item.key, item.url))
        if not rows:
            return True
        stamp = item.stamp
        if stamp is None or stamp.tzinfo is None:
            return False
        known = [datetime.fromisoformat(r["stamp"]) for r in rows if r["stamp"]]
        return bool(known) and stamp > max(known)

    def mark_seen(self, item: FeedItem, now: datetime) -> None:
        """Seen for good (read, or given up): out of the queue too, in the same transaction."""
        stamp = item.stamp
        with self.store.transaction() as db:
            db.conn.execute(
                "INSERT INTO seen_items (source_id, key, url, stamp, first_seen) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT(source_id, key) DO UPDATE SET stamp = excluded.stamp, url = excluded.url",
                (self.source_id, item.key, item.url,
                 utc_iso(stamp) if stamp is not None and stamp.tzinfo else None, utc_iso(now)))
            db.conn.execute("DELETE FROM item_queue WHERE source_id = ? AND (key = ? OR url = ?)",
                            (self.source_id, item.key, item.url))

    # -- the item queue ---------------------------------------------------------------------------

    def queued(self, now: datetime) -> tuple[list[FeedItem], set[str]]:
        """The items due to be read at ``now`` (oldest listed first), and the keys (``item.key``
        and ``"url:" + url``) of every item waiting, due or backing off."""
        rows = self.store.rows("SELECT key, url, item, next_try FROM item_queue WHERE source_id = ?"
                               " ORDER BY first_seen, rowid", (self.source_id,))
        due = [_item_of(r["item"]) for r in rows if datetime.fromisoformat(r["next_try"]) <= now]
        return due, {k for r in rows for k in (r["key"], f"url:{r['url']}")}

    def entries(self, items: Sequence[FeedItem]) -> dict[str, QueueEntry]:
        """The queue entries of ``items`` that are queued, by item key."""
        rows = self.store.rows("SELECT * FROM item_queue WHERE source_id = ?", (self.source_id,))
        keys = {it.key for it in items} | {f"url:{it.url}" for it in items}
        found = {}
        for r in rows:
            e = _entry(r)
            if r["key"] in keys or f"url:{r['url']}" in keys:
                found[e.item.key] = e
                found[f"url:{e.item.url}"] = e
        return found

    def waiting(self) -> int:
        """How many items of this source wait in the queue."""
        return int(self.store.rows("SELECT COUNT(*) AS n FROM item_queue WHERE source_id = ?",
                                   (self.source_id,))[0]["n"])

    def enqueue(self, items: Sequence[FeedItem], now: datetime, silent: Sequence[str] = ()) -> None:
        """Queue listed items to be read by a later poll (kept as they are when already queued)."""
        when = utc_iso(now, "now")
        with self.store.transaction() as db:
            db.conn.executemany(
                "INSERT INTO item_queue (source_id, key, url, item, stamp, first_seen, silent, next_try)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(source_id, key) DO NOTHING",
                [(self.source_id, it.key, it.url, _item_json(it),
                  utc_iso(it.stamp) if it.stamp is not None and it.stamp.tzinfo else None, when,
                  json.dumps(list(silent)), when) for it in items])

    def retry(self, item: FeedItem, error: str, now: datetime, silent: Sequence[str] = ()) -> QueueEntry | None:
        """Count a failed attempt at ``item``'s page that may pass. Returns its queue entry, with
        the time of the next try; ``None`` when that was attempt ``MAX_ATTEMPTS``: given up (seen)."""
        when = utc_iso(now, "now")
        with self.store.transaction() as db:
            conn = db.conn
            conn.execute(
                "INSERT INTO item_queue (source_id, key, url, item, stamp, first_seen, silent, next_try)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(source_id, key) DO NOTHING",
                (self.source_id, item.key, item.url, _item_json(item),
                 utc_iso(item.stamp) if item.stamp is not None and item.stamp.tzinfo else None, when,
                 json.dumps(list(silent)), when))
            row = conn.execute("SELECT attempts FROM item_queue WHERE source_id = ? AND key = ?",
                               (self.source_id, item.key)).fetchone()
            attempts = int(row[0]) + 1
            if attempts >= MAX_ATTEMPTS:
                self.give_up(item, now)
                return None
            conn.execute("UPDATE item_queue SET attempts = ?, next_try = ?, last_error = ?"
                         " WHERE source_id = ? AND key = ?",
                         (attempts, utc_iso(now + timedelta(seconds=retry_delay(attempts))), error,
                          self.source_id, item.key))
        return self.entries([item]).get(item.key)

    def give_up(self, item: FeedItem, now: datetime) -> None:
        """An item whose page will not be read: seen for good, out of the queue, counted."""
        with self.store.transaction() as db:
            self.mark_seen(item, now)
            db.conn.execute("UPDATE sources SET items_given_up = items_given_up + 1 WHERE id = ?",
                            (self.source_id,))

    def expire(self, now: datetime, max_wait: float) -> list[QueueEntry]:
        """Give up the items that waited longer than ``max_wait`` (seconds) since first listed —
        a source that lists more new items per poll than are read, poll after poll."""
        cutoff = utc_iso(now - timedelta(seconds=max_wait), "now")
        rows = self.store.rows("SELECT * FROM item_queue WHERE source_id = ? AND first_seen < ?",
                               (self.source_id, cutoff))
        gone = [_entry(r) for r in rows]
        for e in gone:
            self.give_up(e.item, now)
        return gone

    def save_validators(self, entries: Sequence[tuple[str, str | None, str | None]], now: datetime) -> None:
        with self.store.transaction() as db:
            db.conn.executemany(
                "INSERT INTO http_cache (url, etag, last_modified, updated) VALUES (?, ?, ?, ?)"
                " ON CONFLICT(url) DO UPDATE SET etag = excluded.etag,"
                " last_modified = excluded.last_modified, updated = excluded.updated",
                [(u, e, lm, utc_iso(now)) for u, e, lm in entries])


def mark_baseline(store: Store, source_id: str, topics: Sequence[str], now: datetime) -> None:
    """Record that ``source_id`` has taken its silent baseline for ``topics``."""
    src = get_source(store, source_id)
    if src is None:
        return
    done = list(dict.fromkeys([*src.baseline_topics, *topics]))
    with store.transaction() as db:
        db.conn.execute("UPDATE sources SET baseline_at = COALESCE(baseline_at, ?), baseline_topics = ? WHERE id = ?",
                        (utc_iso(now, "now"), json.dumps(done), source_id))
