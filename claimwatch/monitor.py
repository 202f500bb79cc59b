"""The monitor: poll a source, read its new articles, track them, record health. urlwatch-style.

One run of one source, in stages:

1. skip it when paused, or when it is backing off after failures (unless forced);
2. poll it through the injected ``poller`` (the scrapers: fetch, parse, new items, article pages);
3. for each new or updated article: relevant topics → extractor → tracker, then mark the item
   seen, **in one transaction per article** (``on_alerts`` runs inside it too: it always writes
   the alerts' deliveries to the outbox, whichever command — ``run``, ``scan`` — stored them);
4. a page that could not be read is retried with back-off when its failure may pass (the item
   waits in the queue, see :mod:`claimwatch.sources`), else given up for good with a problem
   line; the items over the poll's article cap are queued for the next polls;
5. remember the listing's HTTP validators only after its articles are stored, and only when
   every item of the poll was read or given up for good (none queued, none to retry), so a crash
   mid-run, a cap or a failed page never leaves an item behind a 304;
6. record health: success, or failure with exponential back-off.

Every write of a run (3 to 6, and the expiry of items that waited too long) goes through one
writer: the article worker thread with its own connection (``claimwatch.worker``), so the event
loop never waits for the database lock on the monitor's account and the monitor's writes never
queue behind each other's transactions; reads (the source, its topics, its queue for the poller)
stay on the loop's connection, which WAL lets read while the worker writes. An in-memory store
has one connection: there everything runs inline.

Whether an article is too old (``max_age``) or part of a baseline is decided by when its item
was first listed, not when its page was finally read: a page read after a retry still alerts.

The outcome verb per run: ``new`` (alerts raised), ``changed`` (new articles, no alerts),
``unchanged`` (nothing new, or a 304), ``error``, ``skipped``. Runs of one source never
overlap (a lock per source); runs of different sources are independent.
"""

from __future__ import annotations

import asyncio
import copy
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TypeVar
from urllib.parse import urlsplit

from claimwatch import outbox
from claimwatch.extract import Extractor
from claimwatch.models import (
    Alert,
    ArticleInput,
    FeedItem,
    FetchedArticle,
    PollResult,
    SiteProfile,
    SourceSpec,
)
from claimwatch.ops.metrics import NO_METRICS, Metrics
from claimwatch.sources import (
    MAX_ATTEMPTS,
    TINY_TEXT,
    SourceRow,
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
from claimwatch.worker import ArticleWorker

__all__ = ["Monitor", "Poller", "SourceRun"]

log = logging.getLogger("claimwatch.monitor")

T = TypeVar("T")

QUEUE_MIN_WAIT = 86400.0  # seconds an item may wait in the queue at least (else the source's max age)

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
    waiting: int = 0  # items left in the queue after this run (over the cap, or to retry)
    given_up: int = 0  # items whose page will not be read (failed for good, or too often)
    figures_over_cap: int = 0  # figures of its articles over the per-article cap: not tracked
    alerts_held: int = 0  # alerts over the per-article cap: kept silent, never sent


class Monitor:
    """Runs sources through poll → extract → track. ``clock`` gives aware UTC datetimes."""

    metrics: Metrics = NO_METRICS  # ops: polls, articles and alerts per source (wiring sets its own)

    def __init__(self, store: Store, extractor: Extractor, tracker: Tracker, poller: Poller, *,
                 profiles: dict[str, SiteProfile] | None = None, on_alerts: AlertHook | None = None,
                 clock: Callable[[], datetime] | None = None) -> None:
        self.store = store
        self.extractor = extractor
        self.tracker = tracker
        self.poller = poller
        self.profiles = profiles or {}
        # runs in each article's transaction after its deliveries are written (the outbox enqueue
        # is not a hook: whichever command stores an alert writes its deliveries)
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
                return self.metrics.observe_run(await self._run(source_id, force))
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # a bug in one source's run must not stop the others
                log.exception("source %s: unexpected error", source_id)
                msg = f"internal error: {type(exc).__name__}: {exc}"
                try:
                    await self._on_writer(lambda store: record_failure(store, source_id, self.clock(), msg))
                except Exception:  # (the writer itself failing: the run is an error all the same)
                    log.exception("source %s: its failure could not be recorded", source_id)
                return self.metrics.observe_run(SourceRun(source_id, "error", error=msg))

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
        expired = await self._on_writer(lambda store: _expire(_state_on(state, store), now, src.max_age))
        result = await self.poller(spec_of(src, topics, self.profiles), state, now)
        if result.status == "error":
            row = await self._on_writer(
                lambda store: record_failure(store, source_id, self.clock(), result.error or "unknown error"))
            if row is not None:
                log.warning("source %s failed (%d in a row, next try %s): %s", source_id, row.failures,
                            row.next_run.isoformat() if row.next_run else "?", result.error)
            return SourceRun(source_id, "error", items_found=result.items_found, error=result.error)
        run = SourceRun(source_id, "unchanged", items_found=result.items_found)
        # the first poll of a source, and its first for a topic added since, alert nothing
        run.baseline = tuple(m.id for m in tracked if src.baseline and m.id not in src.baseline_topics)
        run.problems.extend(expired)
        run.given_up += len(expired)
        return await self._on_writer(lambda store: self._settle(store, src, state, result, run, tracked, now))

    def _settle(self, store: Store, src: SourceRow, state: SourceState, result: PollResult, run: SourceRun,
                tracked: list[TopicMatcher], now: datetime) -> SourceRun:
        """Everything a poll leaves to store — its articles (a transaction each), the items to retry or
        queue, the validators, the source's health — written through ``store``, the monitor's writer."""
        source_id, state = src.id, _state_on(state, store)
        pages: list[bool] = []  # for each page that came back: was there article text?
        queued = state.entries([fa.item for fa in result.articles])
        left = bool(result.queued)  # items of this poll not read yet (validators wait for them)
        for fa in result.articles:
            entry = queued.get(fa.item.key)
            if fa.article is None:
                if fa.no_text:
                    pages.append(False)
                line, retrying = _unread(state, fa, now, run.baseline)
                run.problems.append(line)
                left |= retrying
                run.given_up += not retrying
                continue
            tiny = len(fa.article.text.strip()) < TINY_TEXT
            pages.append(not tiny)
            if tiny:
                run.problems.append(f"{fa.item.url}: only {len(fa.article.text.strip())} characters of "
                                    "article text found")
            old = _too_old(fa.article.published, entry.first_seen if entry else now, src.max_age)
            run.too_old += old
            silent = {m.id for m in tracked} if old else set(run.baseline) | set(entry.silent if entry else ())
            art = fa.article
            art.extra["outlet"] = src.name or art.extra.get("site_name") or _host(art.url)
            alerts = self._read_article(store, art, fa.item, state, tracked, silent, self._worker)
            run.articles += 1
            run.alerts.extend(alerts)
            _count_surplus(store, art.url, run)
        if result.queued:
            state.enqueue(result.queued, now, run.baseline)
        run.waiting = state.waiting()
        for line in run.problems:
            log.warning("source %s: %s", source_id, line)
        if run.figures_over_cap or run.alerts_held:
            log.info("source %s: %d figures over the per-article cap, %d alerts held back", source_id,
                     run.figures_over_cap, run.alerts_held)
        if result.validators and not left:
            state.save_validators(result.validators, self.clock())
        run.layout_warning = record_success(store, source_id, self.clock(), articles=run.articles, pages=pages)
        if run.baseline:
            mark_baseline(store, source_id, run.baseline, self.clock())
        if run.layout_warning:
            log.warning("source %s: %s", source_id, run.layout_warning)
        run.outcome = "new" if run.alerts else "changed" if run.articles else "unchanged"
        return run

    async def _on_writer(self, fn: Callable[[Store], T]) -> T:
        """``fn(store)`` where the monitor writes: on the article worker thread with its own
        connection to the database file (``claimwatch.worker``: the event loop stays free, and with
        one thread writing the monitor's rows no write of the loop waits for an article's
        transaction); inline for an in-memory store."""
        if self.store.path is None:
            return fn(self.store)
        if self._worker is None:
            self._worker = ArticleWorker(self.store.path, self.store.busy_timeout_ms)
        return await self._worker.run(fn)

    def _read_article(self, store: Store, art: ArticleInput, item: FeedItem, state: SourceState,
                      tracked: list[TopicMatcher], silent: set[str] | None, worker: ArticleWorker | None) -> list[Alert]:
        now = self.clock()
        tids = relevant_topics(tracked, art.title, art.text)
        # the page's declared language only breaks a tie: templates declare it wrongly
        ex = self.extractor.extract(art.text, lang="auto", published=art.published, title=art.title,
                                    lang_hint=art.lang) if tids else None
        if worker is not None:
            worker.checkpoint()  # shutting down: not stored, read again next time
        tracker, seen = self._bound_to(store), _state_on(state, store)
        with store.transaction():
            alerts: list[Alert] = []
            if ex is not None:
                res = tracker.process(art, ex, tids, now=now, silent=silent or ())
                alerts = list(res.alerts)
                if alerts:
                    outbox.enqueue(store, alerts, now)
                    if self.on_alerts is not None:
                        self.on_alerts(store, alerts, now)
            seen.mark_seen(item, now)
        return alerts

    _worker: ArticleWorker | None = None  # the article worker thread, started at the first article
    _bound: tuple[Store, Tracker] | None = None  # the tracker on the worker's store

    def _bound_to(self, store: Store) -> Tracker:
        """The tracker, writing through ``store`` (the worker's connection)."""
        if store is self.tracker.store:
            return self.tracker
        if self._bound is None or self._bound[0] is not store:
            tracker = copy.copy(self.tracker)  # same settings and memo, the worker's connection
            tracker.store = store
            self._bound = (store, tracker)
        return self._bound[1]

    def close(self) -> None:
        """Stop the article worker: the article in hand finishes (a few seconds at most), or is
        read again next time. Call it before closing the store."""
        if self._worker is not None and not self._worker.close():
            log.info("an article was still being read at shutdown: it is read again next time")


def _state_on(state: SourceState, store: Store) -> SourceState:
    """``state`` writing through ``store`` (the article worker's connection)."""
    if state.store is store:
        return state
    bound = copy.copy(state)
    bound.store = store
    return bound


def _too_old(published: datetime | None, seen: datetime, max_age: float) -> bool:
    """Past the source's max age when its item was first listed (not when finally read)."""
    return published is not None and (seen - published).total_seconds() > max_age


def _unread(state: SourceState, fa: FetchedArticle, now: datetime, silent: Sequence[str]) -> tuple[str, bool]:
    """Record a page that could not be read: queued to retry when its failure may pass, else (or
    after ``MAX_ATTEMPTS``) given up for good. Returns the problem line and whether it will be retried."""
    problem = fa.problem or f"{fa.item.url}: no article"
    if not fa.retry:
        state.give_up(fa.item, now)
        return problem, False
    entry = state.retry(fa.item, problem, now, silent)
    if entry is None:
        return f"{problem} — given up after {MAX_ATTEMPTS} attempts", False
    return (f"{problem} — attempt {entry.attempts} of {MAX_ATTEMPTS}, "
            f"retrying after {entry.next_try.strftime('%Y-%m-%d %H:%M')} UTC"), True


def _expire(state: SourceState, now: datetime, max_age: float) -> list[str]:
    """Give up the queued items that waited longer than the source's max age (a day at least)
    since first listed — more new items than a poll reads, poll after poll: problem lines."""
    wait = max(max_age, QUEUE_MIN_WAIT)
    return [f"{e.item.url}: not read within {wait / 3600:g} h of being listed (the source lists more new items "
            "than a poll reads, poll after poll: shorten its interval); given up" for e in state.expire(now, wait)]


def _count_surplus(store: Store, url: str, run: SourceRun) -> None:
    """Add the article's figures and alerts over the per-article caps (as the tracker stored them)."""
    rows = store.rows("SELECT figures_over_cap, alerts_held FROM articles WHERE url = ?", (url,))
    if rows:
        run.figures_over_cap += int(rows[0]["figures_over_cap"])
        run.alerts_held += int(rows[0]["alerts_held"])


def _host(url: str) -> str | None:
    """The site's host without "www.": the outlet's name when nothing better is known."""
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None
