"""The monitor's stages with a scripted poller: tracking, seen items, validators, health, back-off."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from claimwatch.config import Config, SourceConfig, TopicConfig
from claimwatch.extract import Extractor
from claimwatch.models import ArticleInput, FeedItem, FetchedArticle, PollResult, SourceSpec
from claimwatch.monitor import Monitor
from claimwatch.schedule import JOB_KWARGS, jitter_for, job_name, schedule_sources
from claimwatch.sources import (
    MAX_BACKOFF,
    SourceState,
    backoff_seconds,
    get_source,
    list_sources,
    list_topics,
    sync_config,
)
from claimwatch.store import Store, open_store
from claimwatch.tracker import Tracker

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
TOPIC = TopicConfig(id="banjir", keywords=("banjir",))
SRC = SourceConfig(id="feed", kind="rss", url="https://news.example/feed.xml", topics=("banjir",), interval=600.0,
                   baseline=False, max_age=3650 * 86400.0)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


def article(n: int, dead: int, url: str | None = None) -> FetchedArticle:
    u = url or f"https://news.example/{n}"
    text = f"Banjir bandang melanda Garut. Sebanyak {dead} orang tewas, kata BNPB, Senin."
    return FetchedArticle(FeedItem(u, guid=f"g{n}", published=T0 + timedelta(hours=n)),
                          ArticleInput(url=u, text=text, published=T0 + timedelta(hours=n), source="feed", lang="id"))


class ScriptedPoller:
    """Returns the scripted results in turn; records the state it was handed."""

    def __init__(self, *results: PollResult) -> None:
        self.results = list(results)
        self.calls: list[SourceSpec] = []

    async def __call__(self, spec: SourceSpec, state: SourceState, now: datetime) -> PollResult:
        self.calls.append(spec)
        res = self.results.pop(0)
        # the poller itself filters by state: emulate it
        arts = tuple(a for a in res.articles if state.is_new(a.item))
        return PollResult(res.source_id, res.status, res.items_found, arts, res.validators, res.error)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = open_store(tmp_path / "m.db")
    sync_config(s, Config(topics=(TOPIC,), sources=(SRC,)), T0)
    yield s  # type: ignore[misc]
    s.close()


def monitor(store: Store, poller: ScriptedPoller, clock: Clock) -> Monitor:
    return Monitor(store, Extractor(), Tracker(store), poller, clock=clock)


async def test_new_article_alerts_once_and_is_marked_seen(store: Store) -> None:
    ok = PollResult("feed", "ok", 1, (article(1, 12),), (("https://news.example/feed.xml", '"v1"', None),))
    poller = ScriptedPoller(ok, ok)
    m = monitor(store, poller, Clock())
    first = await m.run_source("feed")
    assert first.outcome == "new" and [a.value for a in first.alerts] == [12]
    assert SourceState(store, "feed").validators("https://news.example/feed.xml") == ('"v1"', None)
    second = await m.run_source("feed")
    assert second.outcome == "unchanged" and second.alerts == [] and second.articles == 0
    assert poller.calls[0].keywords == ("banjir",)


async def test_changed_figure_and_updated_item(store: Store) -> None:
    clock = Clock()
    a1 = article(1, 12)
    later = FetchedArticle(FeedItem(a1.item.url, guid="g1", published=T0, updated=T0 + timedelta(hours=5)),
                           ArticleInput(url=a1.item.url, text=a1.article.text.replace("12", "19"),  # type: ignore[union-attr]
                                        published=T0 + timedelta(hours=5), source="feed", lang="id"))
    m = monitor(store, ScriptedPoller(PollResult("feed", "ok", 1, (a1,)), PollResult("feed", "ok", 1, (later,))), clock)
    await m.run_source("feed")
    clock.now += timedelta(hours=6)
    run = await m.run_source("feed")
    assert [(str(a.kind), a.previous, a.value) for a in run.alerts] == [("revised", 12, 19)]


async def test_failures_back_off_exponentially_and_mark_unhealthy(store: Store) -> None:
    clock = Clock()
    err = PollResult("feed", "error", error="GET https://news.example/feed.xml: HTTP 503")
    m = monitor(store, ScriptedPoller(err, err, err, PollResult("feed", "ok", 0)), clock)
    for n in range(1, 4):
        run = await m.run_source("feed")
        assert run.outcome == "error"
        row = get_source(store, "feed")
        assert row is not None and row.failures == n and row.last_error and "503" in row.last_error
        assert row.next_run == clock.now + timedelta(seconds=600 * 2**n)
        assert (await m.run_source("feed")).outcome == "skipped"  # backing off
        clock.now = row.next_run
    assert get_source(store, "feed").unhealthy  # type: ignore[union-attr]
    run = await m.run_source("feed")
    row = get_source(store, "feed")
    assert run.outcome == "unchanged" and row is not None and row.failures == 0 and not row.unhealthy
    assert row.last_success == clock.now


def test_backoff_is_capped_at_a_day() -> None:
    assert backoff_seconds(600, 0) == 600
    assert backoff_seconds(600, 1) == 1200
    assert backoff_seconds(600, 50) == MAX_BACKOFF == 86400


async def test_pages_without_text_raise_a_layout_warning(store: Store) -> None:
    item = FeedItem("https://news.example/x", guid="x")
    res = PollResult("feed", "ok", 1, (FetchedArticle(item, None, "no article text found", no_text=True),))
    run = await monitor(store, ScriptedPoller(res), Clock()).run_source("feed")
    assert run.layout_warning and "layout" in run.layout_warning
    assert get_source(store, "feed").layout_warning == run.layout_warning  # type: ignore[union-attr]


async def test_paused_source_is_skipped_unless_forced(store: Store) -> None:
    with store.transaction() as db:
        db.conn.execute("UPDATE sources SET paused = 1 WHERE id = 'feed'")
    poller = ScriptedPoller(PollResult("feed", "ok", 0))
    m = monitor(store, poller, Clock())
    assert (await m.run_source("feed")).outcome == "skipped" and poller.calls == []
    assert (await m.run_source("feed", force=True)).outcome == "unchanged"


async def test_one_slow_source_does_not_delay_another(tmp_path: Path) -> None:
    s = open_store(tmp_path / "two.db")
    fast = SourceConfig(id="fast", kind="rss", url="https://a.example/f", interval=600.0)
    slow = SourceConfig(id="slow", kind="rss", url="https://b.example/f", interval=600.0)
    sync_config(s, Config(topics=(TOPIC,), sources=(fast, slow)), T0)
    done: list[str] = []

    async def poller(spec: SourceSpec, state: SourceState, now: datetime) -> PollResult:
        await asyncio.sleep(0.3 if spec.id == "slow" else 0)
        done.append(spec.id)
        return PollResult(spec.id, "ok")

    m = Monitor(s, Extractor(), Tracker(s), poller, clock=Clock())
    runs = await m.run_all()
    assert done == ["fast", "slow"] and {r.outcome for r in runs} == {"unchanged"}
    s.close()


async def test_a_crashing_poller_is_an_error_for_that_source_only(store: Store) -> None:
    async def poller(spec: SourceSpec, state: SourceState, now: datetime) -> PollResult:
        raise RuntimeError("boom")

    run = await Monitor(store, Extractor(), Tracker(store), poller, clock=Clock()).run_source("feed")
    assert run.outcome == "error" and "boom" in (run.error or "")


def test_sync_config_keeps_chat_entries_and_pause_flags(store: Store) -> None:
    with store.transaction() as db:
        db.conn.execute("INSERT INTO topics (id, name, origin) VALUES ('chat-topic', 'From chat', 'chat')")
        db.conn.execute("UPDATE sources SET paused = 1 WHERE id = 'feed'")
    other = SourceConfig(id="other", kind="rss", url="https://c.example/f", interval=60.0)
    sync_config(store, Config(topics=(TOPIC,), sources=(other,)), T0)
    assert [s.id for s in list_sources(store)] == ["other"]  # 'feed' left the config
    assert [t.id for t in list_topics(store)] == ["banjir", "chat-topic"]
    sync_config(store, Config(topics=(TOPIC,), sources=(SRC, other)), T0)
    assert get_source(store, "feed").paused is False  # type: ignore[union-attr]  # re-added fresh
    with store.transaction() as db:
        db.conn.execute("UPDATE sources SET paused = 1 WHERE id = 'other'")
    sync_config(store, Config(topics=(TOPIC,), sources=(SRC, other)), T0)
    assert get_source(store, "other").paused is True  # type: ignore[union-attr]  # survives a sync


def test_schedule_adds_one_named_job_per_source(store: Store) -> None:
    from apscheduler.schedulers.background import BackgroundScheduler

    sched = BackgroundScheduler(timezone=UTC)
    m = monitor(store, ScriptedPoller(), Clock())
    ids = schedule_sources(sched, m, first_run=T0)
    job = sched.get_job(job_name("feed"))
    assert ids == ["scrape:feed"] and job is not None and job.name == "scrape:feed"
    assert job.max_instances == 1 and job.coalesce is True
    assert job.misfire_grace_time == JOB_KWARGS["misfire_grace_time"]
    assert job.trigger.interval == timedelta(seconds=600) and job.trigger.jitter == jitter_for(600) == 60


async def test_outbox_hook_runs_in_the_article_transaction(store: Store) -> None:
    """If writing the deliveries fails, the article, its alerts and its 'seen' mark roll back
    together, and the next run reads the article again: alerts are never stored undelivered."""
    calls: list[int] = []

    def failing_hook(s: Store, alerts: object, now: datetime) -> None:
        calls.append(len(alerts))  # type: ignore[arg-type]
        raise RuntimeError("disk full")

    res = PollResult("feed", "ok", 1, (article(1, 12),))
    m = Monitor(store, Extractor(), Tracker(store), ScriptedPoller(res, res), on_alerts=failing_hook, clock=Clock())
    run = await m.run_source("feed")
    assert run.outcome == "error" and "disk full" in (run.error or "") and calls == [1]
    assert store.rows("SELECT COUNT(*) AS n FROM alerts")[0]["n"] == 0
    assert store.rows("SELECT COUNT(*) AS n FROM articles")[0]["n"] == 0
    assert store.rows("SELECT COUNT(*) AS n FROM seen_items")[0]["n"] == 0
    m.on_alerts = None
    get_source(store, "feed")  # still there, backing off; a forced run reads the article again
    again = await m.run_source("feed", force=True)
    assert again.outcome == "new" and [a.value for a in again.alerts] == [12]
