"""Run the real bot (``bot.app.build_application`` + the CLI's services) against the stand-in
Bot API and a local news site, inside a test's event loop — what ``run_polling`` does, step by
step, so the test can talk to it as users would."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from telegram.ext import Application

from bot.app import build_application
from bot.state import BotState
from claimwatch.cli.run import services_factory
from claimwatch.config import (
    Config,
    FetchConfig,
    SourceConfig,
    StorageConfig,
    TelegramConfig,
    TopicConfig,
)
from tests.support.botapi import FakeBotAPI
from tests.support.newssite import Site

ADMIN = 4242
TOPIC = TopicConfig(id="banjir", name="Banjir Garut", keywords=("banjir", "flood"))


# the test site's articles are dated March 2026: old to a real clock, so no age limit here
STORY_AGE = 3650 * 86400.0


def bot_config(api: FakeBotAPI, site: Site | None, db: Path, *, baseline: bool = False,
               **telegram: object) -> Config:
    sources: tuple[SourceConfig, ...] = ()
    hosts: tuple[str, ...] = ()
    if site is not None:
        sources = (SourceConfig(id="lokal", kind="rss", url=site.srv.url("/feed.xml"), topics=("banjir",),
                                interval=3600.0, baseline=baseline, max_age=STORY_AGE),)
        hosts = (site.srv.host_port,)
    tg = replace(TelegramConfig(base_url=api.base_url, admins=(ADMIN,)), **telegram)  # type: ignore[arg-type]
    return Config(storage=StorageConfig(path=db), telegram=tg,
                  fetch=FetchConfig(allow_private_hosts=hosts, politeness_delay=0.0, timeout=5.0, retries=0),
                  topics=(TOPIC,), sources=sources)


@dataclass
class Running:
    app: Application  # type: ignore[type-arg]
    api: FakeBotAPI

    @property
    def state(self) -> BotState:
        return self.app.bot_data  # type: ignore[no-any-return]


@asynccontextmanager
async def running_bot(cfg: Config, api: FakeBotAPI) -> AsyncIterator[Running]:
    app = build_application(cfg, api.token, services_factory(cfg))
    await app.initialize()
    assert app.post_init is not None and app.post_shutdown is not None
    await app.post_init(app)
    assert app.updater is not None
    await app.updater.start_polling(poll_interval=0.0, timeout=1)
    await app.start()
    try:
        yield Running(app, api)
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()
        await app.post_shutdown(app)
