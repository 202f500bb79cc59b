"""Fetch costs: re-polling an unchanged source, a full fetch + extract, sources per minute.

    .venv/bin/python bench/fetch.py            # ~30 s
    .venv/bin/python bench/fetch.py --quick    # ~10 s

Everything runs against real HTTP servers on 127.0.0.1 (``tests/support/httpserver.py``, a
threaded stdlib server: its own cost is part of every number, so real sites cost more network
time and less server time). Numbers:

1. **bare 304**: one conditional GET with a plain ``httpx.AsyncClient`` — the floor;
2. **re-poll unchanged**: ``Monitor.run_source`` on a source whose feed answers 304 — guard,
   robots cache, validators from SQLite, health update;
3. **full fetch + extract**: a feed with 20 new articles (~15 kB pages with page noise), each
   fetched, read, extracted, tracked and stored;
4. **sources per minute**: N sources spread over 20 hosts, polled concurrently by one process —
   all unchanged (304), and all with one new article each.

The last line of output is one JSON object with every number.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from claimwatch.cli.wiring import runtime
from claimwatch.config import Config, FetchConfig, SourceConfig, TopicConfig
from tests.support.httpserver import LocalServer, Reply, Seen

T0 = datetime(2026, 3, 1, tzinfo=UTC)
TOPIC = TopicConfig(id="banjir", keywords=("banjir",))
PARA = ("Banjir bandang melanda {n} desa di Kabupaten Garut sejak Senin malam. Kepala BPBD Garut "
        "mengatakan {k} orang tewas dan {m} rumah rusak berat, sementara 1.{n:03d} warga mengungsi.")
NOISE = ('<div class="baca-juga">Baca Juga: Harga beras naik lagi</div><div class="advertisement">'
         'Advertisement</div><ul class="related">' + "<li><a href='/x'>Berita terkait lain</a></li>" * 20 + "</ul>")


def article_html(n: int) -> bytes:
    paras = "".join(f"<p>{PARA.format(n=n + i, k=n % 50 + i, m=n * 3 + i)}</p>" + (NOISE if i % 3 == 0 else "")
                    for i in range(12))
    head = "<script>" + "var x=1;" * 400 + "</script>"
    return (f"<!doctype html><html lang='id'><head><title>Banjir {n}</title>{head}"
            f"<meta property='article:published_time' content='2026-03-01T08:{n % 60:02d}:00+07:00'></head>"
            f"<body><nav>{'<a href=/>Menu</a>' * 30}</nav><article><h1>Banjir Garut {n}</h1>{paras}</article>"
            f"<footer>{'Tentang kami. ' * 50}</footer></body></html>").encode()


class Feed:
    """A feed route with ETag/304; ``items`` paths are served as article pages."""

    def __init__(self, srv: LocalServer, path: str) -> None:
        self.srv, self.path, self.items, self.version = srv, path, [], 0
        srv.route(path, self)
        srv.route("/robots.txt", Reply(body=b"User-agent: *\nAllow: /\n"))

    def add(self, n: int) -> None:
        p = f"{self.path}/a{n}"
        self.items.insert(0, (p, n))
        self.srv.route(p, Reply(body=article_html(n), headers={"Content-Type": "text/html; charset=utf-8"}))
        self.version += 1

    def __call__(self, req: Seen) -> Reply:
        etag = f'"{self.version}"'
        if req.headers.get("if-none-match") == etag:
            return Reply(304, headers={"ETag": etag})
        items = "".join(f"<item><title>Banjir {n}</title><link>{self.srv.url(p)}</link><guid>{p}</guid>"
                        f"<pubDate>{format_datetime(T0 + timedelta(minutes=n))}</pubDate></item>" for p, n in self.items)
        return Reply(body=f"<rss version='2.0'><channel><title>t</title>{items}</channel></rss>".encode(),
                     headers={"ETag": etag, "Content-Type": "application/rss+xml"})


def cfg_for(feeds: list[Feed]) -> Config:
    hosts = tuple(sorted({f.srv.host_port for f in feeds}))
    sources = tuple(SourceConfig(id=f"s{i}", kind="rss", url=f.srv.url(f.path), topics=("banjir",), interval=600.0)
                    for i, f in enumerate(feeds))
    return Config(fetch=FetchConfig(allow_private_hosts=hosts, politeness_delay=0.0, timeout=10.0),
                  topics=(TOPIC,), sources=sources)


async def bare_304(srv: LocalServer, n: int) -> float:
    feed = Feed(srv, "/bare")
    feed.add(1)
    async with httpx.AsyncClient(trust_env=False) as c:
        etag = (await c.get(srv.url("/bare"))).headers["etag"]
        times = []
        for _ in range(n):
            t = time.perf_counter()
            r = await c.get(srv.url("/bare"), headers={"If-None-Match": etag})
            times.append(time.perf_counter() - t)
            assert r.status_code == 304
    return statistics.median(times) * 1000


async def repoll_unchanged(srv: LocalServer, tmp: Path, n: int) -> float:
    feed = Feed(srv, "/unchanged")
    feed.add(1)
    async with runtime(cfg_for([feed]), db=tmp / "repoll.db") as rt:
        await rt.monitor.run_source("s0")
        times = []
        for _ in range(n):
            t = time.perf_counter()
            run = await rt.monitor.run_source("s0")
            times.append(time.perf_counter() - t)
            assert run.outcome == "unchanged"
    return statistics.median(times) * 1000


async def full_fetch(srv: LocalServer, tmp: Path, repeats: int) -> dict[str, float]:
    """Source 0 warms up (regex compilation, first connections); sources 1..repeats are timed."""
    feeds = [Feed(srv, f"/full{r}") for r in range(repeats + 1)]
    for r, feed in enumerate(feeds):
        for n in range(20):
            feed.add(r * 100 + n)
    per_article = []
    async with runtime(cfg_for(feeds), db=tmp / "full.db") as rt:
        for r in range(repeats + 1):
            t = time.perf_counter()
            run = await rt.monitor.run_source(f"s{r}")
            el = time.perf_counter() - t
            assert run.articles == 20, run
            if r:
                per_article.append(el / 20)
    return {"ms_per_article": statistics.median(per_article) * 1000,
            "ms_per_source_poll_20_articles": statistics.median(per_article) * 20000}


async def per_minute(servers: list[LocalServer], tmp: Path, n_sources: int, changed: bool) -> float:
    feeds = [Feed(servers[i % len(servers)], f"/pm{int(changed)}-{i}") for i in range(n_sources)]
    for i, f in enumerate(feeds):
        f.add(10_000 + i)
    async with runtime(cfg_for(feeds), db=tmp / f"pm{int(changed)}.db") as rt:
        await rt.monitor.run_all()  # first poll: everything new
        if changed:
            for i, f in enumerate(feeds):
                f.add(20_000 + i)
        t = time.perf_counter()
        runs = await rt.monitor.run_all()
        el = time.perf_counter() - t
        assert all(r.outcome in (("new", "changed") if changed else ("unchanged",)) for r in runs), runs[:3]
    return n_sources / el * 60


async def main(quick: bool) -> dict[str, float]:
    servers = [LocalServer().start() for _ in range(20)]
    try:
        with tempfile.TemporaryDirectory() as d:
            tmp = Path(d)
            res: dict[str, float] = {}
            res["bare_304_ms"] = await bare_304(servers[0], 100 if quick else 300)
            res["repoll_unchanged_ms"] = await repoll_unchanged(servers[1], tmp, 100 if quick else 300)
            res.update(await full_fetch(servers[2], tmp, 1 if quick else 3))
            n = 100 if quick else 300
            res["sources"] = n
            res["unchanged_sources_per_min"] = await per_minute(servers, tmp, n, changed=False)
            res["changed_sources_per_min"] = await per_minute(servers, tmp, n, changed=True)
            return res
    finally:
        for s in servers:
            s.close()


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    r = asyncio.run(main(args.quick))
    print(f"bare 304 (httpx, no guard):           {r['bare_304_ms']:.2f} ms")
    print(f"re-poll of an unchanged source:        {r['repoll_unchanged_ms']:.2f} ms "
          f"({r['repoll_unchanged_ms'] / r['bare_304_ms']:.1f}x the bare 304)")
    print(f"full fetch + read + extract + track:   {r['ms_per_article']:.2f} ms per article "
          f"({r['ms_per_source_poll_20_articles']:.0f} ms for a poll with 20 new articles)")
    print(f"sources per minute, one process ({int(r['sources'])} sources on 20 hosts):")
    print(f"  all unchanged (304):                 {r['unchanged_sources_per_min']:,.0f}")
    print(f"  each with one new article:           {r['changed_sources_per_min']:,.0f}")
    print(json.dumps(r))
