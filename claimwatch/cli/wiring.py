"""Wiring: config → store, fetcher, poller, monitor. Used by ``scan``, ``demo``, ``extract URL``
and the bot's ``run`` — the only place where core and scrapers meet.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from claimwatch.config import Config, ConfigError
from claimwatch.extract import extractor_from_config, topic_subjects
from claimwatch.models import Figure, SourcePreview
from claimwatch.monitor import AlertHook, Monitor
from claimwatch.ops.metrics import NO_METRICS, Metrics
from claimwatch.sources import profile_of, sync_config
from claimwatch.store import Store, open_store
from claimwatch.tracker import Tracker
from scrapers.article import extract_article, pick_profile
from scrapers.errors import FetchError
from scrapers.fetch import Fetcher, FetchSettings
from scrapers.kinds import OptionsError, detect_kind, get_kind
from scrapers.poll import Poller

__all__ = [
    "FetchError", "PreviewError", "Runtime", "check_sources", "fetch_page", "fetch_settings", "quiet_http_logs",
    "runtime",
]


def quiet_http_logs() -> None:
    """httpx logs every URL at INFO (the bot token is in Bot API URLs): keep it at WARNING."""
    for name in ("httpx", "httpcore"):
        logging.getLogger(name).setLevel(logging.WARNING)


def fetch_settings(cfg: Config) -> FetchSettings:
    f = cfg.fetch
    return FetchSettings(user_agent=f.user_agent, allow_private_hosts=frozenset(f.allow_private_hosts),
                         timeout=f.timeout, max_bytes=f.max_bytes, per_host_concurrency=f.per_host_concurrency,
                         politeness_delay=f.politeness_delay, respect_robots=f.respect_robots,
                         retries=f.retries)


def check_sources(cfg: Config) -> None:
    """Kinds and their options, checked by the scrapers registry; one-line ``ConfigError``."""
    origin = str(cfg.path) if cfg.path else "config"
    for i, src in enumerate(cfg.sources):
        where = f"{origin}: [sources][{i}] (id={src.id!r})"
        try:
            kind = get_kind(src.kind)
        except ValueError as exc:
            raise ConfigError(f"{where} kind: {exc}") from None
        try:
            kind.parse_options(src.options)
        except OptionsError as exc:
            raise ConfigError(f"{where} options: {exc}") from None


DEFAULT_HTML_OPTIONS = {"link_selector": "article a[href], h2 a[href], h3 a[href]"}


@dataclass
class Runtime:
    """The services of a running ClaimWatch: what ``scan``, ``demo`` and the bot share."""

    cfg: Config
    store: Store
    fetcher: Fetcher
    monitor: Monitor

    async def preview(self, url: str, kind: str | None) -> SourcePreview:
        """Fetch ``url`` once through the guard, detect or check its kind, read its listing and
        the newest article's figures. Raises ``PreviewError`` (one line) when it cannot."""
        if kind == "search":
            raise PreviewError("search sources are built from topic keywords: add them in the config file")
        try:
            resp = await self.fetcher.get(url)
        except FetchError as exc:
            raise PreviewError(str(exc)) from None
        name = kind or detect_kind(resp.body, resp.content_type)
        if name is None:
            raise PreviewError(f"{url}: cannot tell what kind of source this is; add the kind: rss, sitemap or html")
        try:
            k = get_kind(name)
            opts = k.parse_options(DEFAULT_HTML_OPTIONS if name == "html" else {})
            listing = k.parse(resp.body, resp.url, resp.content_type, opts, datetime.now(UTC))
        except ValueError as exc:  # UnknownKind, OptionsError, ParseError: one line each
            raise PreviewError(f"{url}: {exc}") from None
        items = list(listing.items)
        saved_opts = dict(DEFAULT_HTML_OPTIONS) if name == "html" else {}
        if not items:
            return SourcePreview(url=url, kind=name, items_found=0, options=saved_opts)
        newest = items[0]
        figures: tuple[Figure, ...] = ()
        title = newest.title
        try:
            page = await self.fetcher.get(newest.url)
            art = extract_article(page.body, page.url, charset=page.charset, max_chars=self.cfg.fetch.max_article_chars,
                                  profile=pick_profile([profile_of(p) for p in self.cfg.profiles], page.url))
            title = art.title or title
            if art.text:
                figures = tuple(f for f in self.monitor.extractor.extract(art.text, lang=art.lang or "auto").figures if f.what)
        except FetchError:
            pass  # the listing works; the newest page could not be read now
        return SourcePreview(url=url, kind=name, items_found=len(items), newest_title=title,
                             newest_url=newest.url, figures=figures, options=saved_opts)


class PreviewError(Exception):
    """A source that cannot be added, in one line."""


@asynccontextmanager
async def runtime(cfg: Config, *, db: str | Path | None, now: datetime | None = None,
                  on_alerts: AlertHook | None = None,
                  clock: Callable[[], datetime] | None = None,
                  lease_owner: str | None = None, metrics: Metrics = NO_METRICS) -> AsyncIterator[Runtime]:
    """Open the store (config topics and sources synced into it), the fetcher and the monitor.
    Its alerts always write their deliveries (the outbox); ``on_alerts`` is an extra hook after that.
    ``lease_owner``: the instance lease the caller holds on ``db`` (``cli/instance.py``)."""
    check_sources(cfg)
    quiet_http_logs()
    store = open_store(db)
    store.lease_owner = lease_owner
    try:
        sync_config(store, cfg, now or datetime.now(UTC))
        profiles = {p.name: profile_of(p) for p in cfg.profiles}
        fetcher = Fetcher(fetch_settings(cfg))
        try:
            poller = Poller(fetcher, tuple(profiles.values()), max_article_chars=cfg.fetch.max_article_chars)
            ex = extractor_from_config(cfg)
            tracker = Tracker(store, cfg.tracking.conflict_window, subjects=topic_subjects(cfg, ex),
                              max_figures=cfg.tracking.max_figures_per_article,
                              max_alerts=cfg.tracking.max_alerts_per_article)
            monitor = Monitor(store, ex, tracker, metrics.observe_poller(poller), profiles=profiles, on_alerts=on_alerts,
                              clock=clock)
            monitor.metrics = metrics  # ops: polls, fetch errors, articles, alerts ([ops] listen)
            try:
                yield Runtime(cfg, store, fetcher, monitor)
            finally:
                monitor.close()  # its article worker thread (claimwatch/worker.py), before the store
        finally:
            await fetcher.aclose()
    finally:
        store.close()


async def fetch_page(cfg: Config, url: str) -> tuple[bytes, str, str | None]:
    """One page through the guarded fetcher: (body, final url, charset). ``FetchError`` on failure."""
    quiet_http_logs()
    async with Fetcher(fetch_settings(cfg)) as fetcher:
        resp = await fetcher.get(url)
    return resp.body, resp.url, resp.charset

