"""The malformed-input corpus served over HTTP and run through the monitor, one source per case:
no crash, and every failure is one clear log line naming the source.

The listing parsers' own test (``test_kinds_malformed.py``) checks what each case parses to;
here the same bodies travel the real path: guarded fetcher → kind → poller → monitor → log.
Links in the bodies point at ``*.example`` hosts: the resolver here refuses every name, so no
lookup ever leaves the machine.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path
from types import MappingProxyType

import pytest

from claimwatch.config import Config, SourceConfig, TopicConfig
from claimwatch.extract import Extractor
from claimwatch.monitor import Monitor
from claimwatch.sources import sync_config
from claimwatch.store import open_store
from claimwatch.tracker import Tracker
from scrapers.fetch import Fetcher, FetchSettings
from scrapers.poll import Poller
from tests.scrapers.test_kinds_malformed import CASES, OPTIONS
from tests.support.httpserver import LocalServer, Reply

MAX_SERVED = 1_000_000  # the few multi-megabyte cases stay in the parser test (they are slow here)
SERVED = [c for c in CASES if c.kind in ("rss", "sitemap", "html")
          and len(c.body() if callable(c.body) else c.body) <= MAX_SERVED]


async def no_dns(host: str, port: int) -> list[str]:
    if host == "127.0.0.1":
        return ["127.0.0.1"]
    raise OSError(f"name resolution disabled in tests ({host})")


def test_at_least_a_hundred_cases_are_served() -> None:
    assert len(SERVED) >= 100


async def test_malformed_bodies_through_the_monitor(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING)
    topic = TopicConfig(id="banjir", keywords=("banjir",))
    with LocalServer() as srv:
        sources = []
        for i, case in enumerate(SERVED):
            body = case.body() if callable(case.body) else case.body
            headers = {"Content-Type": case.content_type} if case.content_type else {}
            srv.route(f"/c{i}", Reply(body=body, headers=headers))
            sources.append(SourceConfig(id=f"c{i}", kind=case.kind, url=srv.url(f"/c{i}"), interval=600.0,
                                        options=MappingProxyType({**OPTIONS[case.kind], **case.options})))
        store = open_store(tmp_path / "m.db")
        now = datetime(2025, 3, 14, 6, 0, tzinfo=UTC)
        sync_config(store, Config(topics=(topic,), sources=tuple(sources)), now)
        settings = FetchSettings(allow_private_hosts=frozenset({srv.host_port}), politeness_delay=0.0,
                                 respect_robots=False, retries=0, timeout=5.0)
        async with Fetcher(settings, resolver=no_dns) as fetcher:
            monitor = Monitor(store, Extractor(), Tracker(store), Poller(fetcher, max_articles=3), clock=lambda: now)
            runs = await monitor.run_all()
        store.close()
    by_id = {r.source_id: r for r in runs}
    assert len(by_id) == len(SERVED)
    messages = [r.getMessage() for r in caplog.records]
    errors = 0
    for i, case in enumerate(SERVED):
        run = by_id[f"c{i}"]
        assert run.outcome in ("error", "unchanged", "changed", "new"), (case.id, run)
        assert "internal error" not in (run.error or ""), (case.id, run.error)
        if run.outcome == "error":
            errors += 1
            assert run.error and "\n" not in run.error, case.id
            assert any(m.startswith(f"source c{i} failed") for m in messages), case.id
        for problem in run.problems:  # pages that could not be read: one line each, logged
            assert "\n" not in problem and any(problem in m for m in messages), (case.id, problem)
    assert errors >= 30  # most of the corpus is unreadable on purpose
