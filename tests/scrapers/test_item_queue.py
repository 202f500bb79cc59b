"""No listed item is stranded: over the per-poll article cap, after a failed page, behind a 304.

Real components against the loopback news site: the guarded fetcher, the poller, the monitor, a
SQLite file. Each story names its own villages ("Di Desa X, 12 rumah rusak."), so every article
opens series of its own and alerts whatever order it is read in.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from claimwatch.cli.wiring import runtime
from claimwatch.config import Config, FetchConfig, SourceConfig, TopicConfig
from claimwatch.manage import stats
from claimwatch.sources import MAX_ATTEMPTS, SourceState
from scrapers.errors import (
    BlockedURL,
    FetchNetworkError,
    FetchTimeout,
    HTTPStatusError,
    RobotsDisallowed,
    TooLarge,
)
from scrapers.poll import MAX_ARTICLES, transient
from tests.support.httpserver import LocalServer, Reply
from tests.support.newssite import VILLAGES, Site

TOPIC = TopicConfig(id="banjir", keywords=("banjir",))
WIB = timezone(timedelta(hours=7))
T0 = datetime(2026, 3, 2, 8, 0, tzinfo=WIB)  # the first story's publication


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def site() -> Site:
    with LocalServer() as srv:
        yield Site(srv)  # type: ignore[misc]


def config(site: Site, *, baseline: bool = False, max_age: float = 3650 * 86400.0) -> Config:
    source = SourceConfig(id="lokal", kind="rss", url=site.srv.url("/feed.xml"), topics=("banjir",),
                          interval=600.0, baseline=baseline, max_age=max_age)
    # retries = 0: one request per attempt, so a page's failures are counted exactly
    return Config(fetch=FetchConfig(allow_private_hosts=(site.srv.host_port,), politeness_delay=0.0, timeout=3.0,
                                    retries=0), topics=(TOPIC,), sources=(source,))


def publish(site: Site, n: int, first: int = 0, start: datetime = T0) -> list[str]:
    """``n`` stories a minute apart, each on two villages of its own; their paths."""
    paths = []
    for i in range(first, first + n):
        a, b = VILLAGES[2 * i], VILLAGES[2 * i + 1]
        path = f"/news/{i}"
        site.publish(path, f"Banjir di Desa {a}", [
            "Banjir merendam sejumlah desa di Garut sejak Senin pagi.",
            f"Di Desa {a}, {i + 3} rumah rusak. Di Desa {b}, {i + 4} rumah rusak."],
            when=start + timedelta(minutes=i - first))
        paths.append(path)
    return paths


def feed_validator(rt_store: object, site: Site) -> tuple[str | None, str | None]:
    return SourceState(rt_store, "lokal").validators(site.srv.url("/feed.xml"))  # type: ignore[arg-type]


def alerted_urls(alerts: list[object]) -> set[str]:
    return {a.url for a in alerts}  # type: ignore[attr-defined]


async def test_forty_items_over_a_cap_of_thirty_are_all_read_in_two_polls_and_alert(site: Site, tmp_path: Path) -> None:
    assert MAX_ARTICLES == 30
    paths = publish(site, 40)
    urls = {site.srv.url(p) for p in paths}
    clock = Clock(T0 + timedelta(hours=1))
    async with runtime(config(site), db=tmp_path / "q.db", clock=clock) as rt:
        first = (await rt.monitor.run_all())[0]
        assert (first.articles, first.waiting) == (30, 10)
        assert feed_validator(rt.store, site) == (None, None)  # ten items wait: the listing is not cached yet
        assert alerted_urls(first.alerts) == {site.srv.url(f"/news/{i}") for i in range(10, 40)}  # the newest 30

        clock.now += timedelta(minutes=10)
        second = (await rt.monitor.run_all())[0]
        assert (second.articles, second.waiting) == (10, 0)
        assert alerted_urls(second.alerts) == {site.srv.url(f"/news/{i}") for i in range(10)}
        assert alerted_urls(first.alerts + second.alerts) == urls
        assert len(first.alerts) + len(second.alerts) == 80  # two villages a story, each new
        assert feed_validator(rt.store, site) == (f'"v{site.version}"', None)

        clock.now += timedelta(minutes=10)
        third = (await rt.monitor.run_all())[0]
        assert third.outcome == "unchanged" and third.articles == 0
        assert site.srv.requests[-1].route == "/feed.xml" and site.srv.requests[-1].headers.get("if-none-match")
        assert all(site.srv.hits(p) == 1 for p in paths)  # every page read exactly once
        assert {r["url"] for r in rt.store.rows("SELECT url FROM articles")} == urls
        assert stats(rt.store)["queued_items"] == 0


async def test_items_over_the_cap_in_a_baseline_poll_stay_silent_when_read_later(site: Site, tmp_path: Path) -> None:
    publish(site, 40)
    clock = Clock(T0 + timedelta(hours=1))
    async with runtime(config(site, baseline=True), db=tmp_path / "b.db", clock=clock) as rt:
        first = (await rt.monitor.run_all())[0]
        assert first.baseline == ("banjir",) and first.alerts == [] and first.waiting == 10
        clock.now += timedelta(minutes=10)
        second = (await rt.monitor.run_all())[0]
        assert second.articles == 10 and second.alerts == []  # listed by the baseline poll: part of it
        publish(site, 1, first=40, start=clock.now)
        clock.now += timedelta(minutes=10)
        third = (await rt.monitor.run_all())[0]
        assert alerted_urls(third.alerts) == {site.srv.url("/news/40")}  # news after the baseline alerts


async def test_a_page_that_fails_once_is_read_on_a_later_poll_and_alerts(site: Site, tmp_path: Path) -> None:
    """The source's baseline and max age judge the item by when it was first listed: read when
    13 minutes old, past a max age of 10 minutes, it still alerts (it was 3 minutes old then)."""
    publish(site, 2, start=T0 - timedelta(hours=5))
    clock = Clock(T0 - timedelta(hours=4))
    async with runtime(config(site, baseline=True, max_age=600.0), db=tmp_path / "r.db", clock=clock) as rt:
        base = (await rt.monitor.run_all())[0]
        assert base.baseline and base.alerts == [] and base.articles == 2
        paths = publish(site, 5, first=2)  # published T0 … T0 + 4 min; /news/4 at T0 + 2 min
        site.fail("/news/4", 1)
        clock.now = T0 + timedelta(minutes=5)
        second = (await rt.monitor.run_all())[0]
        assert second.articles == 4 and second.waiting == 1
        assert alerted_urls(second.alerts) == {site.srv.url(p) for p in paths if p != "/news/4"}
        assert any("/news/4" in p and "503" in p and f"attempt 1 of {MAX_ATTEMPTS}" in p for p in second.problems)
        assert feed_validator(rt.store, site) == ('"v2"', None)  # the baseline's: an item waits for its retry

        clock.now += timedelta(seconds=30)  # not due yet: the listing comes back, the page is not asked
        third = (await rt.monitor.run_all())[0]
        assert third.articles == 0 and third.waiting == 1 and site.srv.hits("/news/4") == 1
        assert feed_validator(rt.store, site) == (f'"v{site.version}"', None)  # this poll's items are all read

        clock.now = T0 + timedelta(minutes=15)
        fourth = (await rt.monitor.run_all())[0]
        feed = [r for r in site.srv.requests if r.route == "/feed.xml"]
        assert feed[-1].headers.get("if-none-match") == f'"v{site.version}"'  # answered 304 ...
        assert fourth.articles == 1 and fourth.waiting == 0  # ... and the queued page read all the same
        assert fourth.too_old == 0 and alerted_urls(fourth.alerts) == {site.srv.url("/news/4")}
        assert {(a.what, a.value) for a in fourth.alerts} == {("houses_damaged", 7), ("houses_damaged", 8)}


async def test_a_missing_page_does_not_hold_the_listing_back(site: Site, tmp_path: Path) -> None:
    paths = publish(site, 3)
    site.srv.route("/news/1", Reply(404, b"not found"))
    clock = Clock(T0 + timedelta(hours=1))
    async with runtime(config(site), db=tmp_path / "n.db", clock=clock) as rt:
        first = (await rt.monitor.run_all())[0]
        assert first.articles == 2 and first.given_up == 1 and first.waiting == 0
        assert any("/news/1" in p and "404" in p for p in first.problems)
        assert feed_validator(rt.store, site) == (f'"v{site.version}"', None)  # not blocked by the 404
        clock.now += timedelta(hours=1)
        again = (await rt.monitor.run_all())[0]
        assert again.outcome == "unchanged" and site.srv.hits(paths[1]) == 1  # a 304, the page not asked again
        assert stats(rt.store)["items_given_up"] == 1


async def test_a_page_that_keeps_failing_is_given_up_after_the_last_attempt(site: Site, tmp_path: Path) -> None:
    publish(site, 2)
    site.fail("/news/1", 1000)
    clock = Clock(T0 + timedelta(hours=1))
    async with runtime(config(site), db=tmp_path / "g.db", clock=clock) as rt:
        runs = []
        for _ in range(MAX_ATTEMPTS + 2):
            runs.append((await rt.monitor.run_all())[0])
            clock.now += timedelta(hours=1)  # past any back-off
        assert site.srv.hits("/news/1") == MAX_ATTEMPTS
        assert [r.waiting for r in runs[:MAX_ATTEMPTS]] == [1] * (MAX_ATTEMPTS - 1) + [0]
        assert any(f"given up after {MAX_ATTEMPTS} attempts" in p for p in runs[MAX_ATTEMPTS - 1].problems)
        assert runs[-1].outcome == "unchanged" and runs[-1].problems == []
        assert stats(rt.store)["items_given_up"] == 1 and stats(rt.store)["queued_items"] == 0
        assert feed_validator(rt.store, site) == (f'"v{site.version}"', None)


async def test_retries_back_off_2_4_8_minutes(site: Site, tmp_path: Path) -> None:
    publish(site, 1)
    site.fail("/news/0", 1000)
    clock = Clock(T0 + timedelta(hours=1))
    async with runtime(config(site), db=tmp_path / "w.db", clock=clock) as rt:
        start = clock.now
        asked = []
        for _ in range(16):  # a poll a minute
            await rt.monitor.run_all()
            asked.append(site.srv.hits("/news/0"))
            clock.now += timedelta(minutes=1)
        # tried at minute 0, then 2, 6 (2 + 4) and 14 (6 + 8) minutes later
        tries = [i for i in range(16) if asked[i] > (asked[i - 1] if i else 0)]
        assert tries == [0, 2, 6, 14], (tries, start)


def test_which_failures_are_retried() -> None:
    url = "http://127.0.0.1:1/x"
    assert transient(HTTPStatusError(url, 503)) and transient(HTTPStatusError(url, 429))
    assert transient(FetchTimeout(url, "ReadTimeout")) and transient(FetchNetworkError(url, "ConnectError"))
    assert not transient(HTTPStatusError(url, 404)) and not transient(HTTPStatusError(url, 410))
    assert not transient(RobotsDisallowed(url, "robots.txt of 127.0.0.1:1 disallows it for ClaimWatch"))
    assert transient(RobotsDisallowed(url, "robots.txt of 127.0.0.1:1 is unavailable (HTTP 503): not crawling it for now"))
    assert not transient(BlockedURL(url, "loopback")) and not transient(TooLarge(url, "too big"))



async def test_items_left_waiting_past_a_day_and_the_max_age_are_given_up(site: Site, tmp_path: Path) -> None:
    """A source that lists more than a poll reads, poll after poll, cannot grow its queue forever."""
    paths = publish(site, 40)
    clock = Clock(T0 + timedelta(minutes=50))
    async with runtime(config(site, max_age=3600.0), db=tmp_path / "e.db", clock=clock) as rt:
        first = (await rt.monitor.run_all())[0]
        assert first.waiting == 10
        clock.now += timedelta(hours=25)  # past a day (the max age, one hour, is shorter)
        later = (await rt.monitor.run_all())[0]
        assert (later.articles, later.waiting, later.given_up) == (0, 0, 10)
        assert sum("not read within 24 h of being listed" in p for p in later.problems) == 10
        assert all(site.srv.hits(p) == 0 for p in paths[:10])  # never fetched
        assert stats(rt.store)["items_given_up"] == 10
        assert feed_validator(rt.store, site) == (f'"v{site.version}"', None)
