"""The monitor: poll a source, read its new articles, track them, record health. urlwatch-style.

One run of one source, in stages:

1. skip it when paused, or when it is backing off after failures (unless forced);
2. poll it through the injected ``poller`` (the scrapers: fetch, parse, new items, article pages);
3. for each new or updated article: relevant topics → extractor → tracker, then mark the item
   seen, **in one transaction per article** (``on_alerts`` runs inside it too: the bot writes its
   outbox there);
4. remember the listing's HTTP validators only after its articles are stored, so a crash
   mid-run re-reads them instead of losing them to a 304;
5. record health: success, or failure with exponential back-off.

The outcome verb per run: ``new`` (alerts raised), ``changed`` (new articles, no alerts),
``unchanged`` (nothing new, or a 304), ``error``, ``skipped``. Runs of one source never
overlap (a lock per source); runs of different sources are independent.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit

from claimwatch.extract import Extractor
from claimwatch.models import Alert, ArticleInput, FeedItem, PollResult, SiteProfile, SourceSpec
from claimwatch.sources import (
    TINY_TEXT,
    SourceState,
    get_source,
    list_sources,
    list_topics,
    mark_baseline,
    matchers,
    record_failure,
    record_success,
    spec_of,
)
from claimwatch.store import Store
from claimwatch.topics import TopicMatcher, gazetteer_names, relevant_topics
from claimwatch.tracker import Tracker

__all__ = ["Monitor", "Poller", "SourceRun"]

log = logging.getLogger("claimwatch.monitor")

Poller = Callable[[SourceSpec, SourceState, datetime], Awaitable[PollResult]]
AlertHook = Callable[[Store, Sequence[Alert], datetime], object]


@dataclass(slots=True)
class SourceRun:
    source_id: str
    outcome: str  # new / changed / unchanged / error / skipped
    items_found: int = 0
    articles: int = 0  # new or updated articles stored
    alerts: list[Alert] = field(default_factory=list)
    error: str | None = None
    problems: list[str] = field(default_factory=list)  # per-article one-liners
    layout_warning: str | None = None
    baseline: tuple[str, ...] = ()  # topics whose silent baseline this run took
    too_old: int = 0  # articles past the source's max age: recorded, never alerted


class Monitor:
    """Runs sources through poll → extract → track. ``clock`` gives aware UTC datetimes."""

    def __init__(self, store: Store, extractor: Extractor, tracker: Tracker, poller: Poller, *,
                 profiles: dict[str, SiteProfile] | None = None, on_alerts: AlertHook | None = None,
                 clock: Callable[[], datetime] | None = None) -> None:
        self.store = store
        self.extractor = extractor
        self.tracker = tracker
        self.poller = poller
        self.profiles = profiles or {}
        self.on_alerts = on_alerts
        self.clock = clock or (lambda: datetime.now(UTC))
        self._locks: dict[str, asyncio.Lock] = {}

    def source_ids(self) -> list[str]:
        return [s.id for s in list_sources(self.store)]

    async def run_all(self, *, force: bool = False) -> list[SourceRun]:
        """Every source once, concurrently; one source's failure never delays the others."""
        return list(await asyncio.gather(*(self.run_source(sid, force=force) for sid in self.source_ids())))

    async def run_source(self, source_id: str, *, force: bool = False) -> SourceRun:
        lock = self._locks.setdefault(source_id, asyncio.Lock())
        if lock.locked():
            return SourceRun(source_id, "skipped", error="a run of this source is in progress")
        async with lock:
            try:
                return await self._run(source_id, force)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # a bug in one source's run must not stop the others
                log.exception("source %s: unexpected error", source_id)
                msg = f"internal error: {type(exc).__name__}: {exc}"
                record_failure(self.store, source_id, self.clock(), msg)
                return SourceRun(source_id, "error", error=msg)

    async def _run(self, source_id: str, force: bool) -> SourceRun:
        now = self.clock()
        src = get_source(self.store, source_id)
        if src is None:
            return SourceRun(source_id, "skipped", error="no such source")
        if src.paused and not force:
            return SourceRun(source_id, "skipped", error="paused")
        if not force and src.failures and src.next_run and now < src.next_run:
            return SourceRun(source_id, "skipped", error=f"backing off until {src.next_run.isoformat()}")
        topics = list_topics(self.store)
        tracked = [m for m in matchers(topics, gazetteer_names(self.extractor.gazetteer))
                   if not src.topics or m.id in src.topics]
        if not tracked:
            return SourceRun(source_id, "skipped", error="none of its topics is active")
        state = SourceState(self.store, source_id)
        result = await self.poller(spec_of(src, topics, self.profiles), state, now)
        if result.status == "error":
            row = record_failure(self.store, source_id, self.clock(), result.error or "unknown error")
            if row is not None:
                log.warning("source %s failed (%d in a row, next try %s): %s", source_id, row.failures,
                            row.next_run.isoformat() if row.next_run else "?", result.error)
            return SourceRun(source_id, "error", items_found=result.items_found, error=result.error)
        run = SourceRun(source_id, "unchanged", items_found=result.items_found)
        # the first poll of a source, and its first for a topic added since, alert nothing
        run.baseline = tuple(m.id for m in tracked if src.baseline and m.id not in src.baseline_topics)
        pages: list[bool] = []  # for each page that came back: was there article text?
        for fa in result.articles:
            if fa.article is None:
                if fa.no_text:
                    pages.append(False)
                run.problems.append(fa.problem or f"{fa.item.url}: no article")
                continue
            tiny = len(fa.article.text.strip()) < TINY_TEXT
            pages.append(not tiny)
            if tiny:
                run.problems.append(f"{fa.item.url}: only {len(fa.article.text.strip())} characters of "
                                    "article text found")
            old = fa.article.published is not None and (now - fa.article.published).total_seconds() > src.max_age
            run.too_old += old
            silent = {m.id for m in tracked} if old else set(run.baseline)
            art = fa.article
            art.extra["outlet"] = src.name or art.extra.get("site_name") or _host(art.url)
            alerts = self._process(art, fa.item, state, tracked, silent)
            run.articles += 1
            run.alerts.extend(alerts)
        if result.validators:
            state.save_validators(result.validators, self.clock())
        run.layout_warning = record_success(self.store, source_id, self.clock(), articles=run.articles,
                                            pages=pages)
        if run.baseline:
            mark_baseline(self.store, source_id, run.baseline, self.clock())
        if run.layout_warning:
            log.warning("source %s: %s", source_id, run.layout_warning)
        run.outcome = "new" if run.alerts else "changed" if run.articles else "unchanged"
        return run

    def _process(self, art: ArticleInput, item: FeedItem, state: SourceState,
                 tracked: list[TopicMatcher], silent: set[str] | None = None) -> list[Alert]:
        now = self.clock()
        tids = relevant_topics(tracked, art.title, art.text)
        with self.store.transaction():
            alerts: list[Alert] = []
            if tids:
                # the page's declared language only breaks a tie: templates declare it wrongly
                ex = self.extractor.extract(art.text, lang="auto", published=art.published,
                                            title=art.title, lang_hint=art.lang)
                res = self.tracker.process(art, ex, tids, now=now, silent=silent or ())
                alerts = list(res.alerts)
                if alerts and self.on_alerts is not None:
                    self.on_alerts(self.store, alerts, now)
            state.mark_seen(item, now)
        return alerts


def _host(url: str) -> str | None:
    """The site's host without "www.": the outlet's name when nothing better is known."""
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None
