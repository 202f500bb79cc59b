"""Alerts a desk keeps reading, end to end: the real bot over HTTP to the stand-in Bot API, a news
site on 127.0.0.1 with articles dated around now, a SQLite file. Topic matching on inflected
words, the silent baseline and the age limit, one message per article with outlet and headline,
the chat's time zone and language, replies to everything, snooze, mute, concept filters and
paged /latest."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from claimwatch import chats
from claimwatch.config import Config, SourceConfig, TopicConfig
from tests.bot.harness import ADMIN, Running, bot_config, running_bot
from tests.bot.test_e2e import ask, scan_as_admin
from tests.support.botapi import FakeBotAPI, Sent
from tests.support.newssite import Site

USER, GROUP = 1001, -100500
KORUT = TopicConfig(id="korut", name="North Korean troops", keywords=("North Korea",))
BANJIR = TopicConfig(id="banjir", name="Banjir Garut", keywords=("banjir",))
VILLAGES = ["Sukamaju", "Cibatu", "Karangpawitan", "Tarogong", "Leles", "Kadungora", "Bayongbong", "Cisurupan",
            "Samarang", "Pasirwangi", "Banyuresmi", "Wanaraja", "Sucinaraja", "Pangatikan", "Sukawening",
            "Karangtengah", "Cilawu", "Cikajang", "Pameungpeuk", "Cibalong"]


def now() -> datetime:
    return datetime.now(UTC)


def config(api: FakeBotAPI, site: Site, db: Path, *, topics: tuple[TopicConfig, ...], baseline: bool = False,
           name: str | None = None) -> Config:
    cfg = bot_config(api, site, db)
    src = SourceConfig(id="kabar", kind="rss", url=site.srv.url("/feed.xml"), topics=tuple(t.id for t in topics),
                       interval=3600.0, baseline=baseline, name=name)  # the default maximum age: 3 days
    return replace(cfg, topics=topics, sources=(src,))


@pytest.fixture
async def korut(api: FakeBotAPI, site: Site, tmp_path: Path) -> AsyncIterator[Running]:
    async with running_bot(config(api, site, tmp_path / "bot.db", topics=(KORUT,)), api) as r:
        yield r


@pytest.fixture
async def banjir(api: FakeBotAPI, site: Site, tmp_path: Path) -> AsyncIterator[Running]:
    async with running_bot(config(api, site, tmp_path / "bot.db", topics=(BANJIR,), name="Kabar Garut"), api) as r:
        yield r


def alerts_to(api: FakeBotAPI, chat_id: int) -> list[Sent]:
    return [m for m in api.messages_to(chat_id) if (m.text or "").startswith("📰")]


async def wait_alerts(api: FakeBotAPI, chat_id: int, n: int) -> list[Sent]:
    await api.wait_for_async(lambda _s: len(alerts_to(api, chat_id)) >= n)
    return alerts_to(api, chat_id)


# ---- topic matching ----------------------------------------------------------------------------

async def test_a_topic_keyed_north_korea_alerts_on_north_korean_troops(korut: Running, api: FakeBotAPI,
                                                                       site: Site) -> None:
    await ask(api, "/subscribe korut")
    site.publish("/world/1", "North Korean troops reach the Kursk front", [
        "Some 12,000 North Korean soldiers have been sent to Russia, Ukraine's military intelligence said on Monday.",
        "The North Korean units include 500 officers and three generals, it said."], when=now() - timedelta(hours=2))
    site.publish("/sport/1", "Cup final goes to extra time", [
        "Some 40,000 fans watched the final, the club said."], when=now() - timedelta(hours=1))
    await scan_as_admin(api)
    [alert] = await wait_alerts(api, USER, 1)
    text = alert.text or ""
    assert "12,000" in text and "North Korean troops reach the Kursk front" in text
    assert "Ukraine" in text and "40,000" not in text
    await scan_as_admin(api)  # nothing new on a second scan
    assert len(alerts_to(api, USER)) == 1


# ---- the silent baseline and the age limit -------------------------------------------------------

async def test_first_poll_of_a_50_item_feed_sends_nothing_then_a_new_item_sends_one_message(
        api: FakeBotAPI, site: Site, tmp_path: Path) -> None:
    for i in range(50):
        site.publish(f"/arsip/{i}", f"Banjir di Garut, laporan {i}",
                     [f"Kepala BPBD Garut mengatakan {i + 3} rumah rusak berat akibat banjir."],
                     when=now() - timedelta(hours=60 - i))
    cfg = config(api, site, tmp_path / "bot.db", topics=(BANJIR,), baseline=True)
    async with running_bot(cfg, api) as bot:
        await ask(api, "/subscribe banjir")
        assert "baseline not taken yet" in await ask(api, "/sources", chat_id=ADMIN)
        summary = await scan_as_admin(api)
        assert "kabar" in summary
        assert "baseline taken" in await ask(api, "/sources", chat_id=ADMIN)
        assert alerts_to(api, USER) == []
        store = bot.state.svc().store
        [[articles, alerts]] = [list(r.values()) for r in store.rows(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM alerts)")]
        assert articles >= 30 and alerts == 0  # recorded, not alerted

        # an archived article showing up late (older than 3 days) never alerts; a fresh one does
        site.publish("/arsip/lama", "Banjir Garut tahun lalu", ["Banjir menewaskan 31 orang, kata BPBD."],
                     when=now() - timedelta(days=9))
        site.publish("/berita/baru", "Korban banjir Garut bertambah",
                     ["Kepala BPBD Garut mengatakan 7 orang tewas akibat banjir, dan 60 rumah rusak berat."],
                     when=now() - timedelta(minutes=20))
        await scan_as_admin(api)
        [alert] = await wait_alerts(api, USER, 1)
        assert "Korban banjir Garut bertambah" in (alert.text or "")
        assert "/arsip/lama" not in (alert.text or "")
        await scan_as_admin(api)
        assert len(alerts_to(api, USER)) == 1


# ---- one message per article per chat ------------------------------------------------------------

async def test_a_40_figure_article_is_one_message_per_chat_with_outlet_and_headline(
        banjir: Running, api: FakeBotAPI, site: Site) -> None:
    api.add_chat(GROUP, "supergroup", title="Redaksi", admins=[7], creator=7)
    await ask(api, "/subscribe banjir")
    await ask(api, "/subscribe banjir", chat_id=GROUP, user_id=7, chat_type="supergroup")
    paragraphs = ["Banjir bandang melanda 20 desa di Garut, Jawa Barat, pada Selasa."] + [
        f"Di Desa {v}, sebanyak {100 + 7 * i} rumah terendam dan {30 + 3 * i} warga mengungsi, kata Kepala BPBD Garut."
        for i, v in enumerate(VILLAGES)]
    site.publish("/berita/bandang", "Banjir bandang rendam 20 desa di Garut", paragraphs,
                 when=now() - timedelta(hours=1), site_name="Kabar Lokal Online")
    await scan_as_admin(api)
    for chat_id in (USER, GROUP):
        [alert] = await wait_alerts(api, chat_id, 1)
        text = alert.text or ""
        url = site.srv.url("/berita/bandang")
        # the configured name beats og:site_name; the headline is the link
        assert text.startswith(f'📰 <b>Kabar Garut</b>: <a href="{url}">Banjir bandang rendam 20 desa di Garut</a>')
        figure_lines = [ln for ln in text.splitlines() if ln.startswith("🆕")]
        assert len(figure_lines) >= 40, text
        assert "Desa Cibalong" in text and "233" in text  # the last village's houses: 100 + 7 × 19
    assert len(alerts_to(api, USER)) == 1 and len(alerts_to(api, GROUP)) == 1


async def test_outlet_falls_back_to_og_site_name_then_the_host(api: FakeBotAPI, site: Site, tmp_path: Path) -> None:
    async with running_bot(config(api, site, tmp_path / "bot.db", topics=(BANJIR,)), api):
        await ask(api, "/subscribe banjir")
        site.publish("/a", "Banjir Garut surut", ["BPBD mengatakan 12 rumah terendam banjir."],
                     when=now() - timedelta(hours=3), site_name="Kabar Lokal Online")
        await scan_as_admin(api)
        [first] = await wait_alerts(api, USER, 1)
        assert (first.text or "").startswith("📰 <b>Kabar Lokal Online</b>: ")
        site.publish("/b", "Banjir Garut meluas", ["BPBD mengatakan 40 warga mengungsi akibat banjir."],
                     when=now() - timedelta(hours=2))
        await scan_as_admin(api)
        second = (await wait_alerts(api, USER, 2))[1]
        assert (second.text or "").startswith("📰 <b>127.0.0.1</b>: ")


# ---- the chat's time zone and language --------------------------------------------------------------

async def test_a_wita_chat_sees_wita_times_and_indonesian_labels(korut: Running, api: FakeBotAPI,
                                                                 site: Site) -> None:
    await ask(api, "/start", language_code="id")
    await ask(api, "/subscribe korut")
    assert "WITA" in await ask(api, "/settings tz WITA")
    published = (now() - timedelta(hours=5)).replace(second=0, microsecond=0)
    site.publish("/world/2", "North Korea sends more troops", [
        "About 3,000 North Korean troops have been moved to the front, Ukraine's military intelligence said.",
        "Russia's defence ministry said 500 officers were among them."], when=published)
    await scan_as_admin(api)
    [alert] = await wait_alerts(api, USER, 1)
    text = alert.text or ""
    wita = published.astimezone(ZoneInfo(chats.parse_tz("WITA")))
    assert f"{wita:%H.%M} WITA" in text or f"{wita:%H:%M} WITA" in text, text
    assert "UTC" not in text
    assert "tentara" in text and "Korea Utara" in text  # the concept and the country in Indonesian
    assert "intelijen militer Ukraina" in text and "military intelligence" not in text
    assert "perwira" in text and "officers" not in text
    assert "3.000" in text  # Indonesian digit grouping


# ---- replies to everything --------------------------------------------------------------------------

async def test_unknown_commands_and_free_text_get_a_reply(banjir: Running, api: FakeBotAPI) -> None:
    foo = await ask(api, "/foo")
    assert "/foo" in foo and "/help" in foo
    close = await ask(api, "/subscrib banjir")
    assert "/subscribe" in close
    assert "/help" in await ask(api, "/digest")
    assert "/help" in await ask(api, "what is the toll now?")
    assert "/help" in await ask(api, "/mute", chat_id=2002, language_code="id")


async def test_snooze_mute_button_and_concept_filter(banjir: Running, api: FakeBotAPI, site: Site) -> None:
    await ask(api, "/subscribe banjir")
    assert "Usage" in await ask(api, "/snooze forever") or "/snooze" in api.messages_to(USER)[-1].text  # type: ignore[operator]
    snoozed = await ask(api, "/snooze 2h")
    assert re.search(r"\d", snoozed)
    site.publish("/s1", "Banjir Garut: 5 tewas", ["BPBD mengatakan 5 orang tewas akibat banjir."],
                 when=now() - timedelta(hours=5))
    await scan_as_admin(api)
    await ask(api, "/help")  # a round trip after the scan: the delivery job ran meanwhile
    assert alerts_to(api, USER) == []
    await ask(api, "/snooze off")

    assert "Saved" in await ask(api, "/settings concepts missing")
    site.publish("/s2", "Banjir Garut: korban bertambah",
                 ["BPBD mengatakan 9 orang tewas dan 4 orang hilang akibat banjir."], when=now() - timedelta(hours=4))
    await scan_as_admin(api)
    [alert] = await wait_alerts(api, USER, 1)
    text = alert.text or ""
    assert "missing" in text and "killed" not in text, text
    assert "Not understood" in await ask(api, "/settings concepts unicorns") or "unicorns" in api.messages_to(USER)[-1].text  # type: ignore[operator]
    assert "Saved" in await ask(api, "/settings concepts all")

    # the mute button under the alert mutes its topic in this chat
    assert alert.reply_markup is not None
    [[button]] = alert.reply_markup["inline_keyboard"]
    assert button["callback_data"] == "mute:banjir"
    api.user_presses(button["callback_data"], chat_id=USER, user_id=USER, message_id=alert.message_id)
    await api.wait_for_async(lambda _s: bool(api.callback_answers))
    assert [s.muted for s in chats.subscriptions(banjir.state.svc().store, USER)] == [True]
    site.publish("/s3", "Banjir Garut: korban bertambah lagi", ["BPBD mengatakan 14 orang tewas akibat banjir."],
                 when=now() - timedelta(hours=3))
    await scan_as_admin(api)
    await ask(api, "/help")
    assert len(alerts_to(api, USER)) == 1


async def test_latest_is_paginated(api: FakeBotAPI, site: Site, tmp_path: Path) -> None:
    async with running_bot(config(api, site, tmp_path / "bot.db", topics=(BANJIR,)), api):
        paragraphs = [f"Di Desa {v}, sebanyak {20 + i} rumah terendam banjir, kata BPBD." for i, v in enumerate(VILLAGES)]
        site.publish("/p", "Banjir rendam 20 desa", paragraphs, when=now() - timedelta(hours=2))
        await scan_as_admin(api)
        first = await ask(api, "/latest banjir")
        msg = api.messages_to(USER)[-1]
        assert msg.reply_markup is not None
        buttons = [b for row in msg.reply_markup["inline_keyboard"] for b in row]
        nxt = next(b for b in buttons if b["callback_data"].startswith("latest:banjir:"))
        api.user_presses(nxt["callback_data"], chat_id=USER, user_id=USER, message_id=msg.message_id)
        edited = await api.wait_for_async(lambda s: any(m.method == "editMessageText" for m in s))
        second = next(m for m in edited if m.method == "editMessageText").text or ""
        assert second != first
        shown = set(re.findall(r"Desa (\w+)", first)) | set(re.findall(r"Desa (\w+)", second))
        assert len(shown) > len(set(re.findall(r"Desa (\w+)", first)))
