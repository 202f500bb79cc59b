"""Per-article caps: an article dense with numbers tracks at most ``max_figures_per_article``
figures and raises at most ``max_alerts_per_article`` alerts; the surplus is counted, never sent.

The article: 300 sentences "Di Desa X, N rumah rusak." on 300 villages — 300 new series, so
300 alerts without the caps. Through the tracker, ``replay``, the monitor (loopback news site),
``scan --once`` and the /stats numbers.
"""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from claimwatch.cli import main
from claimwatch.cli.wiring import runtime
from claimwatch.config import (
    Config,
    ConfigError,
    FetchConfig,
    SourceConfig,
    TopicConfig,
    TrackingConfig,
    load_config,
)
from claimwatch.extract import Extractor
from claimwatch.manage import stats
from claimwatch.models import ArticleInput, Bound, Figure
from claimwatch.store import Store, open_store
from claimwatch.tracker import (
    MAX_ALERTS_PER_ARTICLE,
    MAX_FIGURES_PER_ARTICLE,
    Tracker,
    capped_figures,
)
from tests.support.httpserver import LocalServer
from tests.support.newssite import VILLAGES, Site, dense

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
TEXT = "\n\n".join(dense(300))
TOPIC = TopicConfig(id="banjir", keywords=("banjir",))


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = open_store(tmp_path / "caps.db")
    yield s  # type: ignore[misc]
    s.close()


def fig(i: int, *, claimed_by: str | None = None, past: bool = False, what: str | None = "killed") -> Figure:
    return Figure(value=float(i), value_max=None, approx=False, bound=Bound.EXACT, what=what, noun=None, actor=None,
                  claimed_by=claimed_by, sentence=f"s{i}", start=i, end=i + 1, past=past)


def test_the_figures_kept_name_a_claimant_first_then_current_values_in_text_order() -> None:
    figures = [fig(0), fig(1, past=True), fig(2, claimed_by="BNPB"), fig(3, what=None), fig(4),
               fig(5, claimed_by="BPBD"), fig(6)]
    kept, over = capped_figures(figures, 4)
    assert [f.value for f in kept] == [0, 2, 4, 5]  # claimants 2 and 5, then current 0 and 4; text order
    assert over == 2  # 1 (an earlier value) and 6; 3 has no concept and is never tracked
    assert capped_figures(figures, 60) == ([f for f in figures if f.what], 0)


def test_defaults() -> None:
    assert (MAX_FIGURES_PER_ARTICLE, MAX_ALERTS_PER_ARTICLE) == (60, 50)
    assert (TrackingConfig().max_figures_per_article, TrackingConfig().max_alerts_per_article) == (60, 50)


def test_an_article_with_300_figures_raises_at_most_the_cap_and_counts_the_rest(store: Store) -> None:
    ex = Extractor().extract(TEXT, lang="id")
    assert len([f for f in ex.figures if f.what]) == 300
    art = ArticleInput(url="https://news.example/dense", text=TEXT, published=NOW, source="lokal", lang="id")
    res = Tracker(store, max_figures=60, max_alerts=20).process(art, ex, ["banjir"], now=NOW)
    assert len(res.alerts) == 20 and (res.figures_over_cap, res.alerts_held) == (240, 40)
    assert [a.scope for a in res.alerts] == [f"Desa {v}" for v in VILLAGES[:20]]  # the first, in text order
    decisions = store.rows("SELECT decision, alert_id FROM observations")
    assert len(decisions) == 60 and all(r["decision"] == "new" for r in decisions)  # held ones are history
    assert sum(r["alert_id"] is not None for r in decisions) == 20
    assert store.rows("SELECT COUNT(*) AS n FROM alerts")[0]["n"] == 20
    row = store.rows("SELECT figures_over_cap, alerts_held FROM articles")[0]
    assert (row["figures_over_cap"], row["alerts_held"]) == (240, 40)
    assert store.rows("SELECT COUNT(*) AS n FROM figures")[0]["n"] == 300  # the article's reading is kept whole
    s = stats(store)
    assert (s["figures_over_cap"], s["alerts_held"]) == (240, 40)


def test_a_held_back_figure_repeated_later_is_no_news(store: Store) -> None:
    """Held back, a figure still counts as known: its series' next article repeats it, no alert."""
    extractor = Extractor()
    tracker = Tracker(store, max_figures=60, max_alerts=5)
    first = ArticleInput(url="https://news.example/a", text=TEXT, published=NOW, source="lokal", lang="id")
    tracker.process(first, extractor.extract(TEXT, lang="id"), ["banjir"], now=NOW)
    again = "Banjir di Garut. " + " ".join(dense(12)[1:])  # villages 0-11, same numbers
    later = ArticleInput(url="https://news.example/b", text=again, published=NOW + timedelta(hours=1), source="lokal")
    res = tracker.process(later, extractor.extract(again, lang="id"), ["banjir"], now=NOW + timedelta(hours=1))
    assert res.alerts == () and {d for d, _ in res.decisions} == {"repeat"}


def _config_file(tmp_path: Path, extra: str = "", source: str = "") -> Path:
    p = tmp_path / "config.toml"
    p.write_text(f"""
[storage]
path = "cw.db"
{extra}
[[topics]]
id = "banjir"
keywords = ["banjir"]
{source}
""", encoding="utf-8")
    return p


def test_replay_raises_at_most_the_configured_alerts_per_article(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    archive = tmp_path / "dense.jsonl"
    archive.write_text(json.dumps({"url": "https://news.example/dense", "published": "2026-03-02T09:00:00+07:00",
                                   "text": TEXT, "lang": "id"}) + "\n", encoding="utf-8")
    cfg = _config_file(tmp_path, "[tracking]\nmax_figures_per_article = 100\nmax_alerts_per_article = 7")
    out = io.StringIO()
    assert main(["replay", str(archive), "--config", str(cfg), "--format", "json"], out) == 0
    assert len(out.getvalue().splitlines()) == 7
    assert "200 figure(s) not tracked, 93 alert(s) held back" in capsys.readouterr().err
    out = io.StringIO()  # the defaults: 60 figures, 50 alerts
    assert main(["replay", str(archive), "--config", str(_config_file(tmp_path)), "--format", "json"], out) == 0
    assert len(out.getvalue().splitlines()) == 50


@pytest.mark.parametrize(("line", "message"), [
    ("max_alerts_per_article = 0", "[tracking] max_alerts_per_article: must be from 1 to 1000, got 0"),
    ("max_figures_per_article = 60.5", "[tracking] max_figures_per_article: expected an integer, got float"),
    ("max_alerts_per_articles = 5", "unknown key 'max_alerts_per_articles' (did you mean 'max_alerts_per_article'?)"),
])
def test_the_caps_are_validated(tmp_path: Path, line: str, message: str) -> None:
    with pytest.raises(ConfigError) as info:
        load_config(_config_file(tmp_path, f"[tracking]\n{line}"))
    assert message in str(info.value) and "\n" not in str(info.value)


async def test_the_monitor_path_alerts_at_most_the_cap(tmp_path: Path) -> None:
    with LocalServer() as srv:
        site = Site(srv)
        site.publish("/news/dense", "Banjir di 300 desa", dense(300), 2, 8)
        source = SourceConfig(id="lokal", kind="rss", url=srv.url("/feed.xml"), topics=("banjir",), baseline=False,
                              max_age=3650 * 86400.0)
        cfg = Config(fetch=FetchConfig(allow_private_hosts=(srv.host_port,), politeness_delay=0.0, timeout=5.0),
                     tracking=TrackingConfig(max_alerts_per_article=12), topics=(TOPIC,), sources=(source,))
        async with runtime(cfg, db=tmp_path / "m.db", clock=lambda: NOW) as rt:
            run = (await rt.monitor.run_all())[0]
            assert run.articles == 1 and len(run.alerts) == 12
            assert (run.figures_over_cap, run.alerts_held) == (240, 48)
            s = stats(rt.store)
            assert (s["figures_over_cap"], s["alerts_held"]) == (240, 48)
            assert rt.store.rows("SELECT COUNT(*) AS n FROM alerts")[0]["n"] == 12


def test_scan_prints_at_most_the_cap_per_article_and_reports_the_surplus(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with LocalServer() as srv:
        site = Site(srv)
        site.publish("/news/dense", "Banjir di 300 desa", dense(300), 2, 8)
        site.publish("/news/dense2", "Banjir di desa lain", dense(100, first=300), 3, 8)
        cfg_file = _config_file(tmp_path, f'[fetch]\nallow_private_hosts = ["{srv.host_port}"]\npoliteness_delay = 0',
                                f'[[sources]]\nid = "lokal"\nkind = "rss"\nurl = "{srv.url("/feed.xml")}"\n'
                                'baseline = false\nmax_age = "3650d"')
        out = io.StringIO()
        assert main(["scan", "--config", str(cfg_file), "--once"], out) == 0
    assert len(out.getvalue().splitlines()) == 100  # two articles, at most 50 alerts each (the default)
    err = capsys.readouterr().err
    assert "lokal: new" in err and "280 figures over the per-article cap, 20 alerts held back" in err
    with open_store(tmp_path / "cw.db") as store:
        s = stats(store)
    assert (s["alerts"], s["figures_over_cap"], s["alerts_held"]) == (100, 280, 20)
