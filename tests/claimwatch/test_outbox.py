"""Chats, subscriptions and the delivery outbox on a real SQLite file."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from claimwatch import chats, outbox
from claimwatch.manage import (
    ManageError,
    add_source,
    add_topic,
    new_source_id,
    remove_source,
    remove_topic,
    set_keywords,
    set_paused,
    stats,
)
from claimwatch.models import Alert, AlertKind
from claimwatch.store import Store, open_store
from claimwatch.tracker import Tracker

NOW = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)  # 10:00 WIB


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = open_store(tmp_path / "o.db")
    add_topic(s, "banjir", "Banjir", NOW, ["banjir"])
    yield s  # type: ignore[misc]
    s.close()


def stored_alert(store: Store, value: float = 23, previous: float | None = 17, key: str = "k1",
                 kind: AlertKind = AlertKind.CHANGED) -> Alert:
    a = Alert(kind=kind, topic="banjir", dedupe_key=key, url="https://x.example/a", published=NOW,
              sentence="BPBD: 23 tewas.", what="killed", value=value, previous=previous, claimed_by="BPBD")
    with store.transaction() as db:
        return Tracker._insert_alert(db.conn, a, None, NOW)


def chat(store: Store, cid: int, **settings: object) -> None:
    chats.touch_chat(store, cid, NOW, lang="id")
    chats.subscribe(store, cid, "banjir", NOW)
    if settings:
        chats.set_setting(store, cid, NOW, **settings)


def test_enqueue_respects_filters_mutes_and_inactive_chats(store: Store) -> None:
    chat(store, 1)
    chat(store, 2, min_pct=50.0)  # 17 → 23 is +35 %: filtered out
    chat(store, 3, direction="down")
    chat(store, 4)
    chats.set_muted(store, 4, "banjir", True)
    chat(store, 5)
    chats.deactivate(store, 5, "blocked")
    a = stored_alert(store)
    with store.transaction():
        assert outbox.enqueue(store, [a], NOW) == 1
        assert outbox.enqueue(store, [a], NOW) == 0  # idempotent per (alert, chat)
    batches = outbox.claim(store, NOW)
    assert [(b.chat.id, [x.value for x in b.alerts]) for b in batches] == [(1, [23])]
    assert outbox.claim(store, NOW) == []  # already sending


def test_quiet_hours_delay_and_digest_due_times(store: Store) -> None:
    chat(store, 1, quiet_start=9 * 60, quiet_end=11 * 60 + 30)  # 09:00-11:30 WIB, now is 10:00 WIB
    chat(store, 2, mode="hourly")
    chat(store, 3, mode="daily", tz="UTC")
    with store.transaction():
        outbox.enqueue(store, [stored_alert(store)], NOW)
    due = {r["chat_id"]: (datetime.fromisoformat(r["due"]), r["digest"])
           for r in store.rows("SELECT chat_id, due, digest FROM deliveries")}
    assert due[1] == (NOW + timedelta(hours=1, minutes=30), None)
    assert due[2] == (NOW + timedelta(hours=1), "hourly")
    assert due[3] == (datetime(2026, 3, 2, 8, 0, tzinfo=UTC), "daily")
    assert outbox.claim(store, NOW) == []
    later = outbox.claim(store, NOW + timedelta(hours=2))
    assert {b.chat.id for b in later} == {1, 2}


def test_quiet_hours_across_midnight() -> None:
    c = chats.ChatSettings(1, "private", None, "en", True, None, "UTC", 0, 0, "both", "instant", 22 * 60, 6 * 60)
    assert chats.quiet_until(c, datetime(2026, 3, 2, 23, 0, tzinfo=UTC)) == datetime(2026, 3, 3, 6, 0, tzinfo=UTC)
    assert chats.quiet_until(c, datetime(2026, 3, 2, 5, 0, tzinfo=UTC)) == datetime(2026, 3, 2, 6, 0, tzinfo=UTC)
    assert chats.quiet_until(c, datetime(2026, 3, 2, 12, 0, tzinfo=UTC)) is None
    assert chats.parse_quiet("22-06") == (1320, 360) and chats.parse_quiet("off") is None
    for bad in ("25-06", "22", "aa-bb", "10-10"):
        with pytest.raises(ValueError):
            chats.parse_quiet(bad)
    assert chats.parse_tz("wita") == "Asia/Makassar"
    with pytest.raises(ValueError, match="unknown time zone"):
        chats.parse_tz("Mars/Olympus")


def test_an_articles_alerts_are_one_message_per_chat_and_round(store: Store) -> None:
    chat(store, 1)
    alerts = [stored_alert(store, value=20 + i, key=f"k{i}") for i in range(7)]  # one article
    other = Alert(kind=AlertKind.NEW, topic="banjir", dedupe_key="o", url="https://x.example/b", published=NOW,
                  sentence="BPBD: 5 hilang.", what="missing", value=5)
    with store.transaction() as db:
        alerts.append(Tracker._insert_alert(db.conn, other, None, NOW))
        outbox.enqueue(store, alerts, NOW)
    first = outbox.claim(store, NOW)
    assert len(first) == 1 and len(first[0].alerts) == 7 and {a.url for a in first[0].alerts} == {"https://x.example/a"}
    outbox.mark_sent(store, first[0].delivery_ids, 99, NOW)
    second = outbox.claim(store, NOW)
    assert len(second) == 1 and [a.what for a in second[0].alerts] == ["missing"]


def test_crash_recovery_and_requeue(store: Store) -> None:
    chat(store, 1)
    with store.transaction():
        outbox.enqueue(store, [stored_alert(store)], NOW)
    (b,) = outbox.claim(store, NOW)
    assert outbox.recover(store) == 1  # a crash left it 'sending': back to pending
    (b2,) = outbox.claim(store, NOW)
    assert b2.delivery_ids == b.delivery_ids
    outbox.requeue(store, b2.delivery_ids, NOW + timedelta(seconds=30), "RetryAfter 30")
    assert outbox.claim(store, NOW) == []
    (b3,) = outbox.claim(store, NOW + timedelta(seconds=31))
    outbox.mark_sent(store, b3.delivery_ids, 7, NOW)
    assert outbox.counts(store) == {"sent": 1}
    assert outbox.backoff(1).total_seconds() == 2 and outbox.backoff(30).total_seconds() == 600


def test_blocked_chat_keeps_subscriptions_and_migration_moves_everything(store: Store) -> None:
    chat(store, 1)
    chat(store, -100)
    with store.transaction():
        outbox.enqueue(store, [stored_alert(store)], NOW)
    assert chats.deactivate(store, 1, "Forbidden: bot was blocked by the user") == 1
    assert [s.topic for s in chats.subscriptions(store, 1)] == ["banjir"]
    assert chats.get_chat(store, 1).active is False  # type: ignore[union-attr]
    chats.touch_chat(store, 1, NOW)  # the user came back
    assert chats.get_chat(store, 1).active is True  # type: ignore[union-attr]
    chats.migrate_chat(store, -100, -1001234)
    assert chats.get_chat(store, -100) is None
    assert [s.topic for s in chats.subscriptions(store, -1001234)] == ["banjir"]
    assert [b.chat.id for b in outbox.claim(store, NOW)] == [-1001234]


def test_forum_thread_follows_the_subscription(store: Store) -> None:
    chats.touch_chat(store, -200, NOW, type="supergroup")
    assert chats.subscribe(store, -200, "banjir", NOW, thread_id=42)
    assert not chats.subscribe(store, -200, "banjir", NOW, thread_id=42)
    with store.transaction():
        outbox.enqueue(store, [stored_alert(store)], NOW)
    assert [b.thread_id for b in outbox.claim(store, NOW)] == [42]


def test_admin_management(store: Store) -> None:
    with pytest.raises(ManageError, match="already exists"):
        add_topic(store, "banjir", "x", NOW)
    with pytest.raises(ManageError, match="invalid id"):
        add_topic(store, "Bad Id", "x", NOW)
    set_keywords(store, "banjir", ["banjir", "flood"])
    add_source(store, new_source_id(store, "https://www.kompas.example/feed", "rss"), "rss",
               "https://www.kompas.example/feed", ["banjir"], NOW)
    assert new_source_id(store, "https://www.kompas.example/x", "rss") == "kompas-example-2"
    with pytest.raises(ManageError, match="used by source"):
        remove_topic(store, "banjir")
    assert set_paused(store, "kompas-example", True) == "source"
    assert set_paused(store, "banjir", True) == "topic"
    with pytest.raises(ManageError, match="no source or topic"):
        set_paused(store, "nope", True)
    remove_source(store, "kompas-example")
    chat(store, 9)
    assert remove_topic(store, "banjir") == 1
    s = stats(store)
    assert s["sources"] == 0 and s["topics"] == 0 and s["chats"] == 1
