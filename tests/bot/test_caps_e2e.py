"""The per-article alert cap as chats see it: the real bot, the stand-in Bot API, the loopback news
site. An article with 300 figures reaches a subscriber as at most ``max_alerts_per_article``
alerts, and /stats shows what the caps kept back."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from pathlib import Path

from claimwatch.config import TrackingConfig
from tests.bot.harness import ADMIN, bot_config, running_bot
from tests.support.botapi import FakeBotAPI
from tests.support.newssite import Site, dense

USER = 1001


async def ask(api: FakeBotAPI, text: str, chat_id: int = USER) -> str:
    before = len(api.messages_to(chat_id))
    api.user_says(text, chat_id=chat_id, user_id=chat_id)
    got = await api.wait_for_messages_async(chat_id, before + 1)
    return got[before].text or ""


async def test_a_dense_article_reaches_a_chat_as_at_most_the_cap(api: FakeBotAPI, site: Site, tmp_path: Path) -> None:
    cfg = bot_config(api, site, tmp_path / "bot.db")
    cfg = replace(cfg, tracking=TrackingConfig(max_alerts_per_article=5))
    async with running_bot(cfg, api) as bot:
        await ask(api, "/start")
        assert "Banjir Garut" in await ask(api, "/subscribe banjir")
        site.publish("/news/dense", "Banjir di 300 desa", dense(300), 2, 8)
        summary_before = len(api.messages_to(ADMIN))
        api.user_says("/scan", chat_id=ADMIN, user_id=ADMIN)
        await api.wait_for_messages_async(ADMIN, summary_before + 2)  # "scanning…", then the summary
        store = bot.state.svc().store
        for _ in range(100):  # until the outbox is drained
            rows = store.rows("SELECT status FROM deliveries WHERE chat_id = ?", (USER,))
            if rows and all(r["status"] == "sent" for r in rows):
                break
            await asyncio.sleep(0.1)
        assert [r["status"] for r in rows] == ["sent"] * 5  # five alerts, not 300
        sent = "\n".join(m.text or "" for m in api.messages_to(USER))
        assert sum(f"Desa {v}" in sent for v in ("Sukaka", "Sukama", "Sukaju", "Sukaba", "Sukatu")) == 5
        assert "Desa Sukawa" not in sent  # the seventh village: over the cap, never sent
        stats = await ask(api, "/stats", chat_id=ADMIN)
        assert "Figures over the per-article cap: 240" in stats and "Alerts held back: 55" in stats
