"""Delivery bookkeeping that survives database errors: a lock held past the busy timeout right
after Telegram accepted the messages never makes the sender send them again; it records them as
sent once the database works again, with one warning and no traceback meanwhile."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from telegram import Bot

from bot import delivery
from claimwatch.manage import add_topic
from claimwatch.store import Store, open_store
from tests.bot.test_delivery import T0, Clock, alert, sender, subscriber
from tests.support.botapi import FakeBotAPI, Slow

CHATS = (21, 22, 23)


@pytest.fixture
def api() -> Iterator[FakeBotAPI]:
    with FakeBotAPI() as a:
        yield a


@pytest.fixture
async def bot(api: FakeBotAPI) -> AsyncIterator[Bot]:
    async with Bot(api.token, base_url=api.base_url) as b:
        yield b


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "locked.db"


@pytest.fixture
def store(db: Path) -> Iterator[Store]:
    s = open_store(db, busy_timeout_ms=300)  # a short busy timeout: the lock makes writes fail fast
    add_topic(s, "banjir", "Banjir Garut", T0, ["banjir"])
    yield s
    s.close()


def statuses(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:  # a reader: WAL lets it read while another holds the write lock
        return dict(conn.execute("SELECT status, COUNT(*) FROM deliveries GROUP BY status").fetchall())


async def drive(s: delivery.Sender, seconds: float) -> None:
    """What the delivery job does: a round every 0.2 s (the job runs every second)."""
    loop = asyncio.get_running_loop()
    end = loop.time() + seconds
    while loop.time() < end:
        await s.run_once()
        await asyncio.sleep(0.2)


async def test_a_database_locked_after_the_send_never_sends_twice(api: FakeBotAPI, bot: Bot, store: Store,
                                                                  db: Path, caplog: pytest.LogCaptureFixture) -> None:
    for cid in CHATS:
        subscriber(store, api, cid)
    alert(store, 12)
    api.inject("sendMessage", Slow(0.7), times=len(CHATS))  # Telegram takes its time to answer
    s = sender(bot, store, Clock())
    caplog.set_level(logging.DEBUG, logger="claimwatch.bot.delivery")
    locker = sqlite3.connect(db, isolation_level=None, timeout=0)
    first = asyncio.create_task(s.run_once())
    while api.calls["sendMessage"] < len(CHATS):  # the messages are on their way ...
        await asyncio.sleep(0.01)
    locker.execute("BEGIN EXCLUSIVE")  # ... and another process locks the database meanwhile
    try:
        await first
        assert s.unrecorded == len(CHATS)  # sent, not recorded yet: kept in memory
        await drive(s, 4.0)  # the lock stays for 4 s (past the busy timeout, many job rounds)
        assert statuses(db) == {"sending": len(CHATS)}  # never claimed again, never re-sent
        assert api.calls["sendMessage"] == len(CHATS)
        still = [r for r in caplog.records if "still failing" in r.getMessage()]
        assert 1 <= len(still) <= 3  # back-off 1, 2, 4 s: not a retry (nor a log line) per round
    finally:
        locker.execute("ROLLBACK")
        locker.close()
    await drive(s, 6.0)  # the next retry after the lock is gone records them
    assert statuses(db) == {"sent": len(CHATS)}
    assert s.unrecorded == 0
    assert api.calls["sendMessage"] == len(CHATS)
    assert sorted(m.chat_id for m in api.sent) == sorted(CHATS)  # each chat got it once
    with sqlite3.connect(db) as conn:
        ids = {r[0] for r in conn.execute("SELECT message_id FROM deliveries")}
    assert None not in ids  # the message ids Telegram gave are kept
    records = [r for r in caplog.records if r.name == "claimwatch.bot.delivery"]
    warnings = [r.getMessage() for r in records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1 and warnings[0].startswith("database error: ") and warnings[0].endswith("; retrying")
    assert "locked" in warnings[0]
    assert not any(r.exc_info for r in caplog.records)  # no traceback anywhere
    back = [r.getMessage() for r in records if r.levelno == logging.INFO and "works again" in r.getMessage()]
    assert len(back) == 1


async def test_a_database_locked_before_the_claim_sends_nothing_until_it_works(
        api: FakeBotAPI, bot: Bot, store: Store, db: Path, caplog: pytest.LogCaptureFixture) -> None:
    subscriber(store, api, 31)
    alert(store, 40)
    s = sender(bot, store, Clock())
    caplog.set_level(logging.INFO, logger="claimwatch.bot.delivery")
    locker = sqlite3.connect(db, isolation_level=None, timeout=0)
    locker.execute("BEGIN EXCLUSIVE")
    try:
        await drive(s, 2.5)
        assert api.calls["sendMessage"] == 0 and statuses(db) == {"pending": 1}
    finally:
        locker.execute("ROLLBACK")
        locker.close()
    await drive(s, 4.5)
    assert statuses(db) == {"sent": 1} and len(api.messages_to(31)) == 1
    msgs = [r.getMessage() for r in caplog.records if r.name == "claimwatch.bot.delivery"]
    assert sum(m.startswith("database error: ") for m in msgs) == 1
    assert sum("works again" in m for m in msgs) == 1
    assert not any(r.exc_info for r in caplog.records)
