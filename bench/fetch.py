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

Scaling (``--sources 10,100,1000 --figures 100000``): the feeds live on ``--hosts`` loopback
servers in this process; each N is polled by its own child process (the real ``runtime``) on a
copy of a store pre-filled with F figures (direct SQL through the migrated schema), so the
child's ``ru_maxrss`` is that N's peak alone. Per N: peak RSS, and sources per minute (wall and
CPU-based) for a first poll (all new), an unchanged poll (304s) and a poll with one new article
per source.

The last line of output is one JSON object with every number.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import json
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

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


# ---------------------------------------------------------------------------------------------
# Scaling: --sources N (one child process per N, so peak RSS never mixes) and --figures F
# ---------------------------------------------------------------------------------------------

SCALE_WHATS = ("killed", "injured", "missing", "displaced", "evacuated", "houses_damaged",
               "houses_flooded", "villages", "hectares", "people", "cases", "arrested", "troops",
               "casualties", "officers", "percent", "idr", "usd", "drones", "missiles")
SCALE_ACTORS = ("", "Indonesia", "Garut", "Bandung", "Bekasi", "Jakarta", "Bogor", "Depok",
                "Cianjur", "Sukabumi")
SCALE_TOPICS = 50  # "banjir" (the configured topic) and 49 others: 50 x 20 x 10 = 10,000 series
FIGURES_PER_ARTICLE = 20


def prefill_store(path: Path, n_figures: int) -> dict[str, int]:
    """A store holding ``n_figures`` figures, written fast with direct SQL through the real schema.

    ``open_store`` creates the file with every migration; then articles (``FIGURES_PER_ARTICLE``
    figures each, with their text), their ``figures`` rows, 10,000 series (50 topics, the
    configured "banjir" among them) and one observation per figure are inserted in one
    transaction. Everything is dated before the bench's feeds, so new articles come later.
    """
    import sqlite3

    from claimwatch.store import open_store

    open_store(path).close()
    n_articles = -(-n_figures // FIGURES_PER_ARTICLE)
    topics = ["banjir"] + [f"topik{t:02d}" for t in range(1, SCALE_TOPICS)]
    series = [(t, w, a) for t in topics for w in SCALE_WHATS for a in SCALE_ACTORS]
    start = T0 - timedelta(days=60)
    conn = sqlite3.connect(path)
    try:
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO series (id, topic, what, actor, scope, created) VALUES (?, ?, ?, ?, '', ?)",
                         [(i + 1, t, w, a, start.isoformat()) for i, (t, w, a) in enumerate(series)])
        fig_id = 0
        for a in range(n_articles):
            pub = (start + timedelta(seconds=a * 30)).isoformat()
            url = f"https://prefill.example/read/{a}"
            sents = [PARA.format(n=a + i, k=a % 50 + i, m=a * 3 + i) for i in range(12)]
            conn.execute("INSERT INTO articles (id, url, source, title, lang, published, fetched, content_hash, "
                         '"text") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
                         (a + 1, url, "prefill", f"Banjir {a}", "id", pub, pub, f"h{a}", "\n".join(sents)))
            figs, obs = [], []
            for idx in range(min(FIGURES_PER_ARTICLE, n_figures - fig_id)):
                fig_id += 1
                s_id = (a * FIGURES_PER_ARTICLE + idx) % len(series)
                _, what, actor = series[s_id]
                sentence = sents[idx % len(sents)]
                value = float(a % 500 + idx)
                figs.append((fig_id, a + 1, idx, value, 0, "exact", what, what, actor or None, "BPBD", sentence,
                             0, 10, None, 0))
                obs.append((s_id + 1, a + 1, url, "prefill", pub, value, "exact", "BPBD", sentence, "new", pub))
            conn.executemany('INSERT INTO figures (id, article_id, idx, value, approx, bound, what, noun, actor, '
                             'claimed_by, sentence, "start", "end", unit, past) '
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", figs)
            conn.executemany("INSERT INTO observations (series_id, article_id, url, source, published, value, bound, "
                             "claimed_by, sentence, decision, seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", obs)
        conn.execute("COMMIT")
        counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                  for t in ("articles", "figures", "series", "observations")}
    finally:
        conn.close()
    return counts


def _rss_now_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


async def scale_child(spec: dict[str, Any]) -> dict[str, Any]:
    """One N, in its own process: poll all sources new, then unchanged, then each with one new article."""
    import resource

    from claimwatch.cli.wiring import runtime as _runtime

    hosts = tuple(spec["hosts"])
    sources = tuple(SourceConfig(id=f"s{i}", kind="rss", url=u, topics=("banjir",), interval=600.0)
                    for i, u in enumerate(spec["feeds"]))
    cfg = Config(fetch=FetchConfig(allow_private_hosts=hosts, politeness_delay=0.0, timeout=30.0),
                 topics=(TOPIC,), sources=sources)
    n = len(sources)
    out: dict[str, Any] = {"sources": n, "rss_after_imports_mb": round(_rss_now_mb(), 1)}

    async def timed(label: str, outcomes: tuple[str, ...]) -> None:
        w, c = time.perf_counter(), time.process_time()
        runs = await rt.monitor.run_all()
        w, c = time.perf_counter() - w, time.process_time() - c
        if len(runs) != n:
            raise SystemExit(f"{label}: {len(runs)} runs for {n} sources")
        bad = [r for r in runs if r.outcome not in outcomes]  # counted and shown, not fatal
        out[label] = {"wall_s": round(w, 3), "cpu_s": round(c, 3), "sources_per_min_wall": round(n / w * 60),
                      "sources_per_min_cpu": round(n / c * 60), "cpu_ms_per_source": round(c / n * 1e3, 3),
                      "unexpected": len(bad), "unexpected_first": (f"{bad[0].outcome}: {bad[0].error}" if bad else None)}

    async with _runtime(cfg, db=spec["db"]) as rt:
        out["rss_store_open_mb"] = round(_rss_now_mb(), 1)
        await timed("first_poll_new", ("new", "changed"))
        await timed("unchanged", ("unchanged",))
        async with httpx.AsyncClient(trust_env=False) as c:
            for u in spec["bump"]:
                (await c.get(u)).raise_for_status()
        await timed("changed", ("new", "changed"))
        out["figures_in_store"] = rt.store.db.execute("SELECT count(*) FROM figures").fetchone()[0]
        out["series_in_store"] = rt.store.db.execute("SELECT count(*) FROM series").fetchone()[0]
    out["rss_end_mb"] = round(_rss_now_mb(), 1)
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)  # Linux: kB
    return out


def scale(ns: list[int], n_figures: int, n_hosts: int) -> dict[str, Any]:
    """Each N in a child process against feeds on ``n_hosts`` loopback servers held by this process."""
    import shutil
    import subprocess

    servers = [LocalServer().start() for _ in range(n_hosts)]
    res: dict[str, Any] = {"figures": n_figures, "hosts": n_hosts, "runs": []}
    try:
        with tempfile.TemporaryDirectory() as d:
            tmp = Path(d)
            base = tmp / "prefilled.db"
            t = time.perf_counter()
            res["prefill"] = prefill_store(base, n_figures) if n_figures else {}
            res["prefill_s"] = round(time.perf_counter() - t, 2)
            res["prefill_db_mb"] = round(base.stat().st_size / 1e6, 1) if n_figures else 0.0
            for run, n in enumerate(ns):
                feeds = [Feed(servers[i % n_hosts], f"/sc{run}-{i}") for i in range(n)]
                for i, f in enumerate(feeds):
                    f.add(30_000 + run * 10_000 + i)

                def bump(req: Seen, srv: LocalServer, fs: list[Feed] = feeds, run: int = run) -> Reply:
                    for i, f in enumerate(fs):
                        if f.srv is srv:
                            f.add(300_000 + run * 10_000 + i)
                    return Reply(body=b"ok")

                bumps = []
                for srv in servers:
                    srv.route(f"/__bump{run}", functools.partial(bump, srv=srv))
                    bumps.append(srv.url(f"/__bump{run}"))
                db = tmp / f"n{n}.db"
                if n_figures:
                    shutil.copy(base, db)
                spec = {"db": str(db), "hosts": [s.host_port for s in servers],
                        "feeds": [f.srv.url(f.path) for f in feeds], "bump": bumps}
                (tmp / "spec.json").write_text(json.dumps(spec))
                p = subprocess.run([sys.executable, __file__, "--child", str(tmp / "spec.json")],
                                   capture_output=True, text=True, check=False)
                if p.returncode != 0:
                    raise SystemExit(f"child for N={n} failed ({p.returncode}): {p.stderr.strip()[-800:]}")
                res["runs"].append(json.loads(p.stdout.strip().splitlines()[-1]))
                db.unlink(missing_ok=True)
    finally:
        for s in servers:
            s.close()
    return res


def print_scale(r: dict[str, Any]) -> None:
    pf = r["prefill"]
    print(f"store prefilled with {r['figures']:,} figures"
          + (f" ({pf['articles']:,} articles, {pf['series']:,} series, {pf['observations']:,} observations, "
             f"{r['prefill_db_mb']} MB, written in {r['prefill_s']} s)" if pf else "") + f"; {r['hosts']} hosts")
    print(f"{'N':>6} {'peak RSS':>9} {'RSS imports':>11} {'new/min':>9} {'unch/min':>9} {'changed/min':>11} "
          f"{'(CPU-based)':>12} {'CPU ms/src':>10}")
    for x in r["runs"]:
        ch = x["changed"]
        print(f"{x['sources']:>6} {x['peak_rss_mb']:>7.1f}MB {x['rss_after_imports_mb']:>9.1f}MB "
              f"{x['first_poll_new']['sources_per_min_wall']:>9,} {x['unchanged']['sources_per_min_wall']:>9,} "
              f"{ch['sources_per_min_wall']:>11,} {ch['sources_per_min_cpu']:>12,} {ch['cpu_ms_per_source']:>10.2f}")
        for label in ("first_poll_new", "unchanged", "changed"):
            if x[label]["unexpected"]:
                print(f"       N={x['sources']} {label}: {x[label]['unexpected']} source(s) with an unexpected "
                      f"outcome, first: {x[label]['unexpected_first']}")


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--sources", metavar="N[,N...]",
                    help="scaling run instead: N sources (e.g. 10,100,1000), each N in its own child process")
    ap.add_argument("--figures", type=int, default=0, metavar="F",
                    help="with --sources: pre-fill the store with F figures (e.g. 100000)")
    ap.add_argument("--hosts", type=int, default=20, help="with --sources: loopback servers (default 20)")
    ap.add_argument("--child", metavar="SPEC", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(asyncio.run(scale_child(json.loads(Path(args.child).read_text())))))
        raise SystemExit(0)
    if args.sources:
        try:
            ns = [int(x) for x in args.sources.split(",")]
        except ValueError:
            ap.error(f"--sources wants numbers like 10,100,1000, got {args.sources!r}")
        if not ns or min(ns) < 1 or args.figures < 0 or args.hosts < 1:
            ap.error("--sources, --hosts must be positive and --figures not negative")
        sr = scale(ns, args.figures, args.hosts)
        print_scale(sr)
        print(json.dumps(sr))
        raise SystemExit(0)
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
