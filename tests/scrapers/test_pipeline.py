"""The whole pipeline against real HTTP servers on 127.0.0.1: source → fetch → read → track → store.

Real components throughout: the guarded fetcher, the kinds' parsers, the article extractor, the
monitor, a SQLite file. Only the news site is ours (``LocalServer``).
"""

from __future__ import annotations

import io
import logging
from datetime import UTC, datetime
from pathlib import Path

import pytest

from claimwatch.cli import main
from claimwatch.cli.wiring import runtime
from claimwatch.config import Config, FetchConfig, ProfileConfig, SourceConfig, TopicConfig
from claimwatch.sources import get_source
from tests.support.httpserver import LocalServer, Reply
from tests.support.newssite import P1, P2, Site, d822, rss

TOPIC = TopicConfig(id="banjir", keywords=("banjir", "flood"))


@pytest.fixture
def site() -> Site:
    with LocalServer() as srv:
        yield Site(srv)  # type: ignore[misc]


def config(site: Site, tmp_path: Path, retries: int = 2, profiles: tuple[ProfileConfig, ...] = (),
           **src: object) -> Config:
    src.setdefault("baseline", False)  # these stories alert from their first article
    src.setdefault("max_age", 3650 * 86400.0)  # the test site's pages are dated March 2026
    source = SourceConfig(id="lokal", kind=str(src.pop("kind", "rss")), url=str(src.pop("url", site.srv.url("/feed.xml"))),
                          topics=("banjir",), interval=600.0, **src)  # type: ignore[arg-type]
    return Config(fetch=FetchConfig(allow_private_hosts=(site.srv.host_port,), politeness_delay=0.0, timeout=3.0,
                                         retries=retries), topics=(TOPIC,), sources=(source,), profiles=profiles)


async def test_new_articles_alert_once_and_an_unchanged_feed_costs_one_304(site: Site, tmp_path: Path) -> None:
    site.publish("/news/1", "Banjir Garut", P1, 2, 8)
    async with runtime(config(site, tmp_path), db=tmp_path / "a.db") as rt:
        run = (await rt.monitor.run_all())[0]
        assert run.outcome == "new", run
        assert {(a.what, a.value) for a in run.alerts} >= {("killed", 12)}
        assert site.srv.hits("/news/1") == 1 and site.srv.hits("/robots.txt") == 1
        again = (await rt.monitor.run_all())[0]
        assert again.outcome == "unchanged" and again.alerts == []
        assert site.srv.hits("/news/1") == 1  # no page fetched again
        feed_requests = [r for r in site.srv.requests if r.route == "/feed.xml"]
        assert feed_requests[-1].headers.get("if-none-match") == '"v1"'

        site.publish("/news/2", "Banjir susulan", P2, 4, 9, link_suffix="?utm_source=twitter")
        site.items.append(("/news/1?utm_medium=rss&fbclid=x", "Banjir Garut", d822(2, 8)))  # same article, tracking params
        third = (await rt.monitor.run_all())[0]
        assert [(str(a.kind), a.previous, a.value) for a in third.alerts if a.what == "killed"] == [("revised", 12, 19)]  # same claimant, new figure
        assert site.srv.hits("/news/1") == 1  # de-duplicated before any fetch
        assert (await rt.monitor.run_all())[0].alerts == []
        assert get_source(rt.store, "lokal").articles == 2  # type: ignore[union-attr]


async def test_a_page_without_article_text_flags_the_layout(site: Site, tmp_path: Path) -> None:
    site.publish("/news/empty", "Banjir", [], 2, 8)
    site.srv.route("/news/empty", Reply(body=b"<html><body><nav>Beranda</nav><footer>(c)</footer></body></html>"))
    async with runtime(config(site, tmp_path), db=tmp_path / "b.db") as rt:
        run = (await rt.monitor.run_all())[0]
        assert run.layout_warning and "layout" in run.layout_warning
        assert get_source(rt.store, "lokal").layout_warning  # type: ignore[union-attr]


async def test_a_profile_that_no_longer_matches_is_visible(site: Site, tmp_path: Path) -> None:
    site.publish("/news/1", "Banjir Garut", P1, 2, 8)
    gone = ProfileConfig(name="kabar", match=("127.0.0.1",), body="div.gone-after-redesign")
    cfg = config(site, tmp_path, profile="kabar", profiles=(gone,))
    async with runtime(cfg, db=tmp_path / "p.db") as rt:
        run = (await rt.monitor.run_all())[0]
        assert run.articles == 1  # the generic reader still got the text
        art = rt.store.get_article(site.srv.url("/news/1"))
        assert art is not None and "12 orang tewas" in art["text"] and "Baca Juga" not in art["text"]


async def test_failing_source_backs_off_and_is_unhealthy(site: Site, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    site.srv.route("/feed.xml", Reply(503, b"maintenance"))
    clock_now = [datetime(2026, 3, 2, 8, 0, tzinfo=UTC)]
    caplog.set_level(logging.WARNING)
    async with runtime(config(site, tmp_path, retries=0), db=tmp_path / "c.db", clock=lambda: clock_now[0]) as rt:
        for n in (1, 2, 3):
            run = await rt.monitor.run_source("lokal", force=True)
            assert run.outcome == "error" and "503" in (run.error or "")
            row = get_source(rt.store, "lokal")
            assert row is not None and row.failures == n
        assert row.unhealthy and row.next_run is not None and row.next_run > clock_now[0]
    assert any("lokal" in r.getMessage() and "503" in r.getMessage() for r in caplog.records)


async def test_sitemap_and_html_listing_sources(site: Site, tmp_path: Path) -> None:
    site.publish("/news/1", "Banjir Garut", P1, 2, 8)
    base = site.srv.url("")
    site.srv.route("/sitemap.xml", Reply(body=(
        '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>{base}/news/1</loc><lastmod>2099-01-01T00:00:00+00:00</lastmod></url></urlset>").encode(),
        headers={"Content-Type": "application/xml"}))
    site.srv.route("/terkini", Reply(body=b'<html><body><nav><a href="/">Home</a></nav><ul>'
                                          b'<li><a class="article-link" href="/news/1">Banjir</a></li></ul></body></html>'))
    for kind, url, options in (("sitemap", "/sitemap.xml", {"max_age": "3650d"}),
                               ("html", "/terkini", {"link_selector": "a.article-link"})):
        async with runtime(config(site, tmp_path, kind=kind, url=base + url, options=options),
                           db=tmp_path / f"{kind}.db") as rt:
            run = (await rt.monitor.run_all())[0]
            assert run.outcome == "new", (kind, run)
            assert any(a.what == "killed" and a.value == 12 for a in run.alerts)


async def test_search_source_queries_the_topic_keywords(site: Site, tmp_path: Path) -> None:
    site.publish("/news/1", "Banjir Garut", P1, 2, 8)
    site.srv.route("/search", lambda req: Reply(body=rss(site.items, site.srv.url(""))))
    opts = {"url_template": site.srv.url("/search?q={query}&hl={lang}")}
    cfg = config(site, tmp_path, kind="search", options=opts)
    cfg = Config(fetch=cfg.fetch, topics=cfg.topics,
                 sources=(SourceConfig(id="cari", kind="search", topics=("banjir",), interval=600.0, options=opts,
                                       baseline=False, max_age=3650 * 86400.0),))
    async with runtime(cfg, db=tmp_path / "s.db") as rt:
        run = (await rt.monitor.run_all())[0]
    assert run.outcome == "new", run
    q = next(r.path for r in site.srv.requests if r.route == "/search")
    assert "banjir" in q and "flood" in q and "OR" in q


def _write_config(site: Site, tmp_path: Path) -> Path:
    p = tmp_path / "config.toml"
    p.write_text(f"""
[storage]
path = "scan.db"
[fetch]
allow_private_hosts = ["{site.srv.host_port}"]
politeness_delay = 0
[[topics]]
id = "banjir"
keywords = ["banjir"]
[[sources]]
id = "lokal"
kind = "rss"
url = "{site.srv.url('/feed.xml')}"
baseline = false
max_age = "3650d"
""", encoding="utf-8")
    return p


def test_cli_scan_once_prints_alerts_then_nothing(site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site.publish("/news/1", "Banjir Garut", P1, 2, 8)
    cfg = _write_config(site, tmp_path)
    out = io.StringIO()
    assert main(["scan", "--config", str(cfg), "--once"], out) == 0
    assert "killed" in out.getvalue() and "12" in out.getvalue()
    assert "lokal: new" in capsys.readouterr().err
    out2 = io.StringIO()
    assert main(["scan", "--config", str(cfg), "--once"], out2) == 0
    assert out2.getvalue() == ""
    assert "lokal: unchanged" in capsys.readouterr().err
    assert (tmp_path / "scan.db").is_file()


def test_cli_scan_rejects_unknown_kind_and_option(site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cfg = _write_config(site, tmp_path)
    cfg.write_text(cfg.read_text().replace('kind = "rss"', 'kind = "rs"'))
    assert main(["scan", "--config", str(cfg), "--once"], io.StringIO()) == 2
    err = capsys.readouterr().err.strip()
    assert "(id='lokal') kind" in err and "rss" in err and len(err.splitlines()) == 1
    cfg.write_text(cfg.read_text().replace('kind = "rs"', 'kind = "rss"\noptions = { max_itemz = 5 }'))
    assert main(["scan", "--config", str(cfg), "--once"], io.StringIO()) == 2
    err = capsys.readouterr().err.strip()
    assert "options" in err and "max_itemz" in err and "max_items" in err


def test_cli_extract_url_goes_through_the_guard(site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site.publish("/news/1", "Banjir Garut", P1, 2, 8)
    cfg = _write_config(site, tmp_path)
    out = io.StringIO()
    assert main(["extract", site.srv.url("/news/1"), "--config", str(cfg), "--format", "json"], out) == 0
    assert '"what": "killed"' in out.getvalue() and "Baca Juga" not in out.getvalue()
    assert main(["extract", site.srv.url("/news/1")], io.StringIO()) == 2  # no allow-list: refused
    assert "refused" in capsys.readouterr().err


MALFORMED_FEEDS = {
    "empty": b"",
    "whitespace": b"  \n\t ",
    "truncated": rss([("/news/1", "Banjir", d822(2, 8))], "http://x")[:90],
    "binary": bytes(range(256)) * 20,
    "png": b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
    "gzip-junk": b"\x1f\x8b\x08\x00" + b"\xff" * 100,
    "json": b'{"items": [1, 2, 3]}',
    "html-page": b"<html><body><p>Not a feed</p></body></html>",
    "utf16-no-bom": '<rss version="2.0"><channel><title>x</title></channel></rss>'.encode("utf-16-le"),
    "entity-bomb": b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
                   b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]><rss><channel><title>&c;</title></channel></rss>',
}


@pytest.mark.parametrize("name", sorted(MALFORMED_FEEDS))
async def test_malformed_feed_is_a_clear_one_line_error(name: str, site: Site, tmp_path: Path,
                                                        caplog: pytest.LogCaptureFixture) -> None:
    site.srv.route("/feed.xml", Reply(body=MALFORMED_FEEDS[name], headers={"Content-Type": "application/rss+xml"}))
    caplog.set_level(logging.WARNING)
    async with runtime(config(site, tmp_path), db=tmp_path / "m.db") as rt:
        run = (await rt.monitor.run_all())[0]
    # either nothing usable (an error naming the source's URL) or an empty listing: never a crash
    assert run.outcome in ("error", "unchanged"), run
    if run.outcome == "error":
        assert run.error and "\n" not in run.error and "/feed.xml" in run.error
        assert any("source lokal failed" in r.getMessage() for r in caplog.records)


def _stored(db: Path) -> bool:
    """The first run committed its article (seen items are written in the article's transaction)."""
    import sqlite3

    if not db.exists():
        return False
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            return bool(conn.execute("SELECT COUNT(*) FROM seen_items").fetchone()[0])
    except sqlite3.Error:
        return False


def test_scan_runs_on_schedule_until_sigterm(site: Site, tmp_path: Path) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    site.publish("/news/1", "Banjir Garut", P1, 2, 8)
    cfg = _write_config(site, tmp_path)
    exe = Path(sys.executable).with_name("claimwatch")
    proc = subprocess.Popen([str(exe), "scan", "--config", str(cfg)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        deadline = time.monotonic() + 30
        while not _stored(tmp_path / "scan.db") and time.monotonic() < deadline:
            time.sleep(0.05)
        assert site.srv.hits("/news/1") == 1
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=10)
    finally:
        proc.kill()
    assert proc.returncode == 0, err
    assert "killed" in out and "scan: stopped" in err and "Traceback" not in err


async def test_several_new_articles_are_tracked_oldest_first(site: Site, tmp_path: Path) -> None:
    """The feed lists the newest first; the tracker must still see 12 before 19."""
    site.publish("/news/1", "Banjir Garut", P1, 2, 8)
    site.publish("/news/2", "Banjir susulan", P2, 4, 9)
    async with runtime(config(site, tmp_path), db=tmp_path / "o.db") as rt:
        run = (await rt.monitor.run_all())[0]
        killed = [(str(a.kind), a.previous, a.value) for a in run.alerts if a.what == "killed"]
        decisions = [r["decision"] for r in rt.store.rows(
            "SELECT o.decision FROM observations o JOIN series s ON s.id = o.series_id WHERE s.what = 'killed'"
            " ORDER BY o.id")]
    assert killed == [("new", None, 12), ("revised", 12, 19)]
    assert "late" not in decisions


def test_pages_mostly_without_text_are_reported_on_scan_and_sources(site: Site, tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """One good page, then pages that come back empty or with a scrap of text: once 3 of the last
    5 pages had no article text, `scan` says so for the source and /sources shows it."""
    site.publish("/news/1", "Banjir Garut", P1, 2, 8)
    cfg = _write_config(site, tmp_path)
    assert main(["scan", "--config", str(cfg), "--once"], io.StringIO()) == 0
    assert "article text not found" not in capsys.readouterr().err
    bare = b"<html><body><nav>Beranda | Nasional</nav><p>Banjir.</p><footer>(c) Kabar</footer></body></html>"
    for n in (2, 3, 4):
        site.publish(f"/news/{n}", f"Banjir {n}", [], 2, 8 + n)
        site.srv.route(f"/news/{n}", Reply(body=bare, headers={"Content-Type": "text/html; charset=utf-8"}))
    assert main(["scan", "--config", str(cfg), "--once"], io.StringIO()) == 0
    err = capsys.readouterr().err
    assert "lokal: article text not found on 3 of the last 4 pages" in err
    from claimwatch.store import open_store

    with open_store(tmp_path / "scan.db") as store:
        src = get_source(store, "lokal")
        assert src is not None and src.layout_warning and "3 of the last 4 pages" in src.layout_warning
