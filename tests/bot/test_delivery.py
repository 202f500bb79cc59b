"""The sender on its own, with a controlled clock: digests, per-chat spacing, retries, splitting."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from telegram import Bot
from telegram.request import HTTPXRequest

from bot.delivery import Sender
from claimwatch import chats, outbox
from claimwatch.manage import add_topic
from claimwatch.models import Alert, AlertKind
from claimwatch.store import Store, open_store
from claimwatch.tracker import Tracker
from tests.support.botapi import Drop, FakeBotAPI, Slow

T0 = datetime(2026, 3, 2, 3, 10, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def api() -> FakeBotAPI:
    with FakeBotAPI() as a:
        yield a  # type: ignore[misc]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = open_store(tmp_path / "d.db")
    add_topic(s, "banjir", "Banjir Garut", T0, ["banjir"])
    yield s  # type: ignore[misc]
    s.close()


@pytest.fixture
async def bot(api: FakeBotAPI) -> AsyncIterator[Bot]:
    async with Bot(api.token, base_url=api.base_url) as b:
        yield b


_keys = itertools.count()


def alert(store: Store, value: float, previous: float | None = None, sentence: str = "BPBD: korban tewas.",
          url: str = "https://news.example/a?x=1&y=2") -> Alert:
    a = Alert(kind=AlertKind.CHANGED if previous is not None else AlertKind.NEW, topic="banjir",
              dedupe_key=f"k{next(_keys)}", url=url, published=T0, sentence=sentence,
              what="killed", value=value, previous=previous, claimed_by="BPBD", source="news.example")
    with store.transaction() as db:
        stored = Tracker._insert_alert(db.conn, a, None, T0)
        outbox.enqueue(store, [stored], T0)
    return stored


def subscriber(store: Store, api: FakeBotAPI, cid: int, **settings: object) -> None:
    api.add_chat(cid, "private")
    chats.touch_chat(store, cid, T0, lang="en")
    chats.subscribe(store, cid, "banjir", T0)
    if settings:
        chats.set_setting(store, cid, T0, **settings)


def sender(bot: Bot, store: Store, clock: Clock, **kw: float) -> Sender:
    return Sender(bot, store, clock=clock, topic_names=lambda: {"banjir": "Banjir Garut"}, **kw)  # type: ignore[arg-type]


async def test_hourly_digest_is_one_message_at_the_next_hour(api: FakeBotAPI, bot: Bot, store: Store) -> None:
    subscriber(store, api, 11, mode="hourly")
    clock = Clock()
    for v, p in ((12, None), (17, 12), (23, 17)):
        alert(store, v, p)
    s = sender(bot, store, clock)
    await s.run_once()
    assert api.messages_to(11) == []
    clock.now = T0.replace(minute=0) + timedelta(hours=1)
    await s.run_once()
    (msg,) = api.messages_to(11)
    assert "digest" in (msg.text or "").lower() and "23" in (msg.text or "")
    assert outbox.counts(store) == {"sent": 3}


async def test_one_message_per_second_per_chat(api: FakeBotAPI, bot: Bot, store: Store) -> None:
    subscriber(store, api, 12)
    clock = Clock()
    s = sender(bot, store, clock, per_chat_interval=0.5)
    for v in range(1, 13):  # 12 alerts from 3 articles: one message per article
        alert(store, 100 + v, url=f"https://news.example/a{v % 3}")
        clock.now += timedelta(seconds=1)
    while outbox.counts(store).get("pending"):
        await s.run_once()
    msgs = api.messages_to(12)
    assert len(msgs) == 3 and all((m.text or "").count("killed") == 4 for m in msgs)
    gaps = [b.at - a.at for a, b in itertools.pairwise(msgs)]
    assert all(g >= 0.45 for g in gaps), gaps


async def test_dropped_connection_is_retried_with_backoff(api: FakeBotAPI, bot: Bot, store: Store) -> None:
    subscriber(store, api, 13)
    clock = Clock()
    alert(store, 42)
    api.inject("sendMessage", Drop(), chat_id=13)
    s = sender(bot, store, clock)
    await s.run_once()
    row = store.rows("SELECT status, attempts, due, last_error FROM deliveries")[0]
    assert row["status"] == "pending" and row["attempts"] == 1 and "NetworkError" in row["last_error"]
    assert datetime.fromisoformat(row["due"]) == T0 + timedelta(seconds=2)
    await s.run_once()
    assert api.messages_to(13) == []  # not due yet
    clock.now += timedelta(seconds=2)
    await s.run_once()
    assert len(api.messages_to(13)) == 1 and outbox.counts(store) == {"sent": 1}


async def test_a_slow_answer_times_out_and_the_resend_is_the_only_duplicate(api: FakeBotAPI, store: Store) -> None:
    subscriber(store, api, 14)
    clock = Clock()
    alert(store, 7)
    api.inject("sendMessage", Slow(1.5), chat_id=14)
    async with Bot(api.token, base_url=api.base_url, request=HTTPXRequest(read_timeout=0.5)) as b:
        s = sender(b, store, clock)
        await s.run_once()
        clock.now += timedelta(seconds=5)
        api.wait_for_messages(14, 1, timeout=5)  # the slow send was still accepted by the server
        await s.run_once()
    assert len(api.messages_to(14)) == 2  # the in-flight duplicate, and nothing lost
    assert outbox.counts(store) == {"sent": 1}


async def test_an_article_is_one_message_and_html_is_escaped(api: FakeBotAPI, bot: Bot, store: Store) -> None:
    subscriber(store, api, 15)
    clock = Clock()
    for i in range(40):  # a 40-figure article: one message, however many figures
        a = alert(store, 1000 + i, sentence="<b>bold?</b> & " + "kata " * 400)
    with store.transaction() as db:
        db.conn.execute("UPDATE alerts SET title = ?, outlet = ?", ("Banjir <Garut> & longsor", "Kabar & Co"))
    await sender(bot, store, clock).run_once()
    msgs = api.messages_to(15)  # the stand-in parsed it with Telegram's rules: it is valid HTML
    text = "".join(m.text or "" for m in msgs)
    assert len(msgs) == 1 and len(text) <= 4096 and text.count("killed") == 40
    assert "Kabar &amp; Co" in text and "Banjir &lt;Garut&gt; &amp; longsor" in text and a.url.split("?")[0] in text
    assert outbox.counts(store) == {"sent": 40}
