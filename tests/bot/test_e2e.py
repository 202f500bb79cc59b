"""End to end, as users would: the real bot over real HTTP to the stand-in Bot API, a news site
on 127.0.0.1, a SQLite file. Users type commands; the tests read what the bot sent."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from claimwatch import chats
from claimwatch.sources import list_sources, list_topics, record_success
from tests.bot.harness import ADMIN, Running, bot_config, running_bot
from tests.support.botapi import BadRequest, FakeBotAPI, Forbidden, Migrated, TooManyRequests
from tests.support.newssite import P1, P2, Site

USER = 1001


@pytest.fixture
async def bot(api: FakeBotAPI, site: Site, tmp_path: Path) -> AsyncIterator[Running]:
    async with running_bot(bot_config(api, site, tmp_path / "bot.db"), api) as r:
        yield r


async def ask(api: FakeBotAPI, text: str, chat_id: int = USER, user_id: int | None = None, **kw: object) -> str:
    """A user sends ``text``; returns the text of the bot's next message to that chat."""
    before = len(api.messages_to(chat_id))
    api.user_says(text, chat_id=chat_id, user_id=user_id or chat_id, **kw)  # type: ignore[arg-type]
    got = await api.wait_for_messages_async(chat_id, before + 1)
    return got[before].text or ""


async def scan_as_admin(api: FakeBotAPI) -> str:
    before = len(api.messages_to(ADMIN))
    api.user_says("/scan", chat_id=ADMIN, user_id=ADMIN)
    got = await api.wait_for_messages_async(ADMIN, before + 2)  # "scanning…" then the summary
    return got[before + 1].text or ""


async def test_new_user_subscribes_and_gets_the_alert_after_a_scan(bot: Running, api: FakeBotAPI, site: Site) -> None:
    welcome = await ask(api, "/start", language_code="id")
    assert "ClaimWatch" in welcome and "Bahasa obrolan ini: Indonesia" in welcome
    topics = await ask(api, "/topics")
    assert "banjir" in topics and api.messages_to(USER)[-1].reply_markup is not None
    assert "sekarang mengikuti" in await ask(api, "/subscribe banjir")
    assert "banjir" in await ask(api, "/mysubs")

    site.publish("/news/1", "Banjir Garut", P1, 2, 8)
    summary = await scan_as_admin(api)
    assert "lokal" in summary and "new" in summary
    msgs = await api.wait_for_async(lambda s: any("12" in (m.text or "") and m.chat_id == USER and "🆕" in (m.text or "")
                                                  for m in s))
    alert = next(m for m in reversed(msgs) if m.chat_id == USER and "🆕" in (m.text or ""))
    assert "korban tewas" in (alert.text or "") and "Banjir Garut" in (alert.text or "")
    assert site.srv.url("/news/1") in (alert.text or "") and alert.parse_mode == "HTML"
    assert sum(1 for m in msgs if m.chat_id == USER and "🆕" in (m.text or "")) == 1  # one message per article

    site.publish("/news/2", "Banjir susulan", P2, 4, 9)
    await scan_as_admin(api)
    await api.wait_for_async(lambda s: any(m.chat_id == USER and "✏️" in (m.text or "")
                                           and "12 → <b>19</b>" in (m.text or "") for m in s))
    # the same scan again: nothing new for anyone
    n = len(api.messages_to(USER))
    await scan_as_admin(api)
    assert len(api.messages_to(USER)) == n


async def test_topic_buttons_subscribe_and_unsubscribe(bot: Running, api: FakeBotAPI) -> None:
    await ask(api, "/topics")
    msg = api.messages_to(USER)[-1]
    api.user_presses("sub:banjir", chat_id=USER, user_id=USER, message_id=msg.message_id)
    await api.wait_for_async(lambda s: any(m.method == "editMessageText" and "✅" in (m.text or "") for m in s))
    await api.wait_for_async(lambda _s: bool(api.callback_answers))  # the toast comes after the edit
    assert [s.topic for s in chats.subscriptions(bot.state.svc().store, USER)] == ["banjir"]
    assert "banjir" in api.callback_answers[-1].get("text", "").lower()


async def test_group_member_who_is_not_admin_is_refused(bot: Running, api: FakeBotAPI) -> None:
    group = -100777
    api.add_chat(group, "supergroup", title="Redaksi", admins=[7], creator=6)
    refused = await ask(api, "/subscribe banjir", chat_id=group, user_id=8, chat_type="supergroup")
    assert "hanya admin grup" in refused or "only this group's administrators" in refused
    store = bot.state.svc().store
    assert chats.subscriptions(store, group) == []
    assert "Banjir Garut" in await ask(api, "/subscribe banjir", chat_id=group, user_id=7, chat_type="supergroup")
    assert [s.topic for s in chats.subscriptions(store, group)] == ["banjir"]
    # an anonymous administrator (speaking as the group) may change it too
    out = await ask(api, "/unsubscribe banjir", chat_id=group, user_id=1, chat_type="supergroup", sender_chat_id=group)
    assert "no longer follow" in out


async def test_forum_alerts_go_to_the_thread_of_subscribe(bot: Running, api: FakeBotAPI, site: Site) -> None:
    forum = -100888
    api.add_chat(forum, "supergroup", title="Desk", is_forum=True, admins=[9])
    assert "thread" in await ask(api, "/subscribe banjir", chat_id=forum, user_id=9, chat_type="supergroup", thread_id=55)
    site.publish("/news/1", "Banjir Garut", P1, 2, 8)
    await scan_as_admin(api)
    msgs = await api.wait_for_async(lambda s: any(m.chat_id == forum and "12" in (m.text or "") for m in s))
    alert = next(m for m in msgs if m.chat_id == forum and "12" in (m.text or ""))
    assert alert.thread_id == 55


async def test_non_admin_is_refused_politely_and_nothing_changes(bot: Running, api: FakeBotAPI) -> None:
    store = bot.state.svc().store
    before = [t.id for t in list_topics(store)]
    for cmd in ("/addtopic gempa Gempa bumi", "/removetopic banjir", "/scan", "/stats", "/addsource http://x.example/ banjir"):
        assert "admin" in await ask(api, cmd)
    assert [t.id for t in list_topics(store)] == before


async def test_history_returns_text_and_a_picture(bot: Running, api: FakeBotAPI, site: Site) -> None:
    site.publish("/news/1", "Banjir Garut", P1, 2, 8)
    site.publish("/news/2", "Banjir susulan", P2, 4, 9)
    await scan_as_admin(api)
    text = await ask(api, "/history banjir killed")
    assert "12" in text and "19" in text
    photos = await api.wait_for_async(lambda s: any(m.method == "sendPhoto" and m.chat_id == USER for m in s))
    photo = next(m for m in photos if m.method == "sendPhoto")
    assert photo.photo is not None and photo.photo.startswith(b"\x89PNG") and len(photo.photo) > 5000
    latest = await ask(api, "/latest banjir")
    assert "19" in latest
    missing = await ask(api, "/history banjir troops")
    assert "No data yet" in missing and "<code>killed</code>" in missing  # it lists what there is
    by_name = await ask(api, "/history banjir korban tewas")  # the concept's name works too
    assert "12" in by_name and "19" in by_name


async def test_admin_manages_topics_and_sources(bot: Running, api: FakeBotAPI, site: Site) -> None:
    store = bot.state.svc().store
    assert "added" in await ask(api, "/addtopic gempa Gempa bumi", chat_id=ADMIN)
    assert "gempa, earthquake" in await ask(api, "/keywords gempa gempa, earthquake", chat_id=ADMIN)
    site.publish("/news/1", "Banjir Garut", P1, 2, 8)
    api.user_says(f"/addsource {site.srv.url('/feed.xml')} gempa", chat_id=ADMIN, user_id=ADMIN)
    msgs = await api.wait_for_async(lambda s: any(m.chat_id == ADMIN and "preview" in (m.text or "").lower() for m in s))
    preview = next(m for m in msgs if m.chat_id == ADMIN and "preview" in (m.text or "").lower())
    assert "rss" in (preview.text or "") and "killed: 12" in (preview.text or "")
    assert "127-0-0-1" not in [s.id for s in list_sources(store)]  # not saved before "Save"
    token = preview.reply_markup["inline_keyboard"][0][0]["callback_data"]  # type: ignore[index]
    api.user_presses(token, chat_id=ADMIN, user_id=ADMIN, message_id=preview.message_id)
    await api.wait_for_async(lambda s: any(m.chat_id == ADMIN and "saved" in (m.text or "") for m in s))
    new = [s for s in list_sources(store) if s.origin == "chat"]
    assert len(new) == 1 and new[0].topics == ("gempa",)
    assert bot.app.job_queue is not None and bot.app.job_queue.get_jobs_by_name(f"scrape:{new[0].id}")
    assert new[0].id in await ask(api, "/sources", chat_id=ADMIN)
    assert "paused" in await ask(api, f"/pause {new[0].id}", chat_id=ADMIN)
    assert "resumed" in await ask(api, f"/resume {new[0].id}", chat_id=ADMIN)
    assert "removed" in await ask(api, f"/removesource {new[0].id}", chat_id=ADMIN)
    assert "config file" in await ask(api, "/removesource lokal", chat_id=ADMIN)
    stats = await ask(api, "/stats", chat_id=ADMIN)
    assert "Sources: 1" in stats and "Topics: 2" in stats
    api.user_says("/addsource http://127.0.0.1:9/feed banjir", chat_id=ADMIN, user_id=ADMIN)
    msgs = await api.wait_for_async(lambda s: any(m.chat_id == ADMIN and "refused" in (m.text or "") for m in s))
    assert "loopback" in next(m.text or "" for m in msgs if m.chat_id == ADMIN and "refused" in (m.text or ""))


async def test_settings_filter_and_language(bot: Running, api: FakeBotAPI, site: Site) -> None:
    await ask(api, "/subscribe banjir")
    assert "Saved" in await ask(api, "/settings min 60%")
    settings_msg = api.messages_to(USER)[-1]
    api.user_presses("set:lang:id", chat_id=USER, user_id=USER, message_id=settings_msg.message_id)
    await api.wait_for_async(lambda s: any(m.method == "editMessageText" and "Bahasa" in (m.text or "") for m in s))
    site.publish("/news/1", "Banjir Garut", P1, 2, 8)
    await scan_as_admin(api)
    await api.wait_for_async(lambda s: any(m.chat_id == USER and "🆕" in (m.text or "") for m in s))
    site.publish("/news/2", "Banjir susulan", P2, 4, 9)  # 12 → 19 is +58 %: under the 60 % minimum
    n = len(api.messages_to(USER))
    await scan_as_admin(api)
    assert not any("19" in (m.text or "") for m in api.messages_to(USER)[n:])
    assert "Not understood" in await ask(api, "/settings quiet 25-99") or "Tidak dimengerti" in api.messages_to(USER)[-1].text  # type: ignore[operator]


async def test_delivery_faults(bot: Running, api: FakeBotAPI, site: Site, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    store = bot.state.svc().store
    blocked, moving, busy, picky = 2001, -2002, 2003, 2004
    api.add_chat(moving, "group", title="Old group", admins=[5])
    for cid in (blocked, busy, picky):
        await ask(api, "/subscribe banjir", chat_id=cid)
    await ask(api, "/subscribe banjir", chat_id=moving, user_id=5, chat_type="group")
    api.inject("sendMessage", Forbidden(), chat_id=blocked, times=5)
    api.inject("sendMessage", Migrated(-1002002), chat_id=moving)
    api.inject("sendMessage", TooManyRequests(1), chat_id=busy)
    api.inject("sendMessage", BadRequest("Bad Request: can't parse entities: Unsupported start tag \"x\" at byte offset 3"),
               chat_id=picky)
    site.publish("/news/1", "Banjir Garut", P1, 2, 8)
    await scan_as_admin(api)
    await api.wait_for_async(lambda s: any(m.chat_id == -1002002 and "12" in (m.text or "") for m in s))
    await api.wait_for_async(lambda s: any(m.chat_id == busy and "12" in (m.text or "") for m in s), timeout=15)
    plain = await api.wait_for_async(lambda s: any(m.chat_id == picky and "12" in (m.text or "") for m in s))
    assert next(m for m in plain if m.chat_id == picky and "12" in (m.text or "")).parse_mode is None
    blocked_chat = chats.get_chat(store, blocked)
    assert blocked_chat is not None and not blocked_chat.active
    assert [s.topic for s in chats.subscriptions(store, blocked)] == ["banjir"]  # kept
    assert [s.topic for s in chats.subscriptions(store, -1002002)] == ["banjir"]
    assert chats.get_chat(store, moving) is None
    # the 429 is one warning line from the rate limiter, no library traceback
    limited = [r for r in caplog.records if r.name == "telegram.ext.AIORateLimiter" and r.levelno >= logging.WARNING]
    assert limited and all(r.exc_info is None and "429" in r.getMessage() for r in limited)


async def test_jobs_are_rebuilt_from_the_store_at_start_up(bot: Running, api: FakeBotAPI) -> None:
    jq = bot.app.job_queue
    assert jq is not None
    assert [j.name for j in jq.get_jobs_by_name("scrape:lokal")] == ["scrape:lokal"]
    assert jq.get_jobs_by_name("deliver")
    listing = await ask(api, "/sources", chat_id=ADMIN)
    assert "lokal" in listing and "next run: 20" in listing  # the job's next run time, not "never"


async def test_command_table_drives_menus_and_help(bot: Running, api: FakeBotAPI) -> None:
    from bot.commands import COMMANDS

    public = [c.name for c in COMMANDS if not c.admin]
    menus = {k: [c["command"] for c in v] for k, v in api.commands.items()}
    assert menus[("default", "id")] == public and menus[("default", "en")] == public
    assert menus[(f"chat:{ADMIN}", "")] == [c.name for c in COMMANDS]
    id_desc = {c["command"]: c["description"] for c in api.commands[("default", "id")]}
    assert id_desc["topics"] == next(c.id for c in COMMANDS if c.name == "topics")
    user_help = await ask(api, "/help")
    assert all(f"/{n}" in user_help for n in public) and "/addsource" not in user_help
    admin_help = await ask(api, "/help", chat_id=ADMIN)
    assert all(f"/{c.name}" in admin_help for c in COMMANDS)


async def test_blocked_bot_marks_the_chat_inactive_and_start_brings_it_back(bot: Running, api: FakeBotAPI) -> None:
    store = bot.state.svc().store
    await ask(api, "/subscribe banjir")
    api.bot_removed(USER, "kicked")
    for _ in range(200):
        c = chats.get_chat(store, USER)
        if c is not None and not c.active:
            break
        await asyncio.sleep(0.02)
    assert c is not None and not c.active and [s.topic for s in chats.subscriptions(store, USER)] == ["banjir"]
    await ask(api, "/start")
    assert chats.get_chat(store, USER).active  # type: ignore[union-attr]


async def test_sources_says_when_pages_come_back_without_article_text(bot: Running, api: FakeBotAPI) -> None:
    store = bot.state.svc().store
    record_success(store, "lokal", datetime.now(UTC), articles=0, pages=[True, False, False, False])
    listing = await ask(api, "/sources", chat_id=ADMIN)
    assert "lokal" in listing and "article text not found on 3 of the last 4 pages" in listing
