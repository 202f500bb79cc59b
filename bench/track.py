"""Tracking benchmark: articles/s through extract + track + store, with 10,000 series stored.

Run from the repository root::

    .venv/bin/python bench/track.py            # 300 measured articles
    .venv/bin/python bench/track.py --quick    # 60 measured articles

Two phases, both on a real SQLite file (WAL mode, as in production) in a temporary
directory:

1. **Seed**: 2,500 synthetic articles, each carrying 4 figures built directly as
   ``Figure`` objects (no extractor), go through ``Tracker.process``. Their
   (topic, concept, actor) keys cover 50 topics x 200 (concept, actor) pairs, so the
   store holds exactly 10,000 series afterwards. This phase is timed too: it is the
   track + store rate without extraction.
2. **Measure**: N realistic articles, 10-20 golden sentences each
   (``tests/claimwatch/golden/extract_{id,en}.jsonl``, ``random.Random(11)``), with
   increasing publication times, go through ``Extractor.extract`` and then
   ``Tracker.process`` for two topics. Extraction and track + store are timed per
   article, separately, and the loop as a whole.

The concepts and actors of the seeded series are the ones the golden sentences use most,
so the measured articles meet existing series (changes, conflicts, repeats) as well as
creating new ones. Nothing touches the network. Importing this module has no side
effects. The last output line is one JSON object with every number.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
GOLDEN_DIR = ROOT / "tests" / "claimwatch" / "golden"

SEED = 11
FULL_ARTICLES = 300
QUICK_ARTICLES = 60

SEED_TOPICS = 50
SEED_ARTICLES = 2_500
FIGURES_PER_SEED_ARTICLE = 4
# 20 concepts x 10 actors = 200 (concept, actor) pairs per topic; 50 topics -> 10,000 series.
SEED_WHATS = (
    "killed", "troops", "displaced", "percent", "injured", "cases", "missing", "houses_damaged",
    "drones", "missiles", "idr", "casualties", "arrested", "houses_flooded", "hectares", "usd",
    "people", "villages", "evacuated", "officers",
)
SEED_ACTORS: tuple[str | None, ...] = (
    None, "North Korea", "Russia", "Ukraine", "Indonesia", "United States", "Palestine", "Israel",
    "China", "South Korea",
)
SEED_CLAIMANTS = ("Pentagon", "Reuters", "BNPB", "UN OCHA", "South Korea's NIS", None)
SEED_UNITS = {"percent": "percent", "usd": "USD", "idr": "IDR"}
EXPECTED_SERIES = SEED_TOPICS * len(SEED_WHATS) * len(SEED_ACTORS)

MEASURE_TOPICS = ["t7", "t23"]
CONFLICT_WINDOW_S = 48 * 3600

NOW = datetime(2026, 1, 1, tzinfo=UTC)
SEED_START = datetime(2025, 11, 1, tzinfo=UTC)  # seed articles: one a minute from here
MEASURE_START = datetime(2025, 12, 1, tzinfo=UTC)  # measured articles: after every seed article


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------


def _pct(values: Sequence[float], q: float) -> float:
    """The q-quantile (0..1) by linear interpolation; 0.0 for no values."""
    if not values:
        return 0.0
    s = sorted(values)
    pos = (len(s) - 1) * q
    lo = int(pos)
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (pos - lo)


def _rate(count: int, seconds: float) -> float:
    return count / seconds if seconds > 0 else float("inf")


def _ms(seconds: float) -> float:
    return seconds * 1000.0


def _file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


@dataclass
class Timing:
    """Per-call durations (seconds) of one stage."""

    name: str
    samples: list[float] = field(default_factory=list)

    @property
    def total(self) -> float:
        return sum(self.samples)

    def summary(self) -> dict[str, float]:
        s = self.samples
        return {
            "articles_per_s": round(_rate(len(s), self.total), 2),
            "ms_mean": round(_ms(statistics.fmean(s)) if s else 0.0, 3),
            "ms_p50": round(_ms(_pct(s, 0.50)), 3),
            "ms_p95": round(_ms(_pct(s, 0.95)), 3),
            "ms_max": round(_ms(max(s)) if s else 0.0, 3),
            "seconds": round(self.total, 3),
        }


# ---------------------------------------------------------------------------------------------
# Corpus
# ---------------------------------------------------------------------------------------------


def load_pools() -> dict[str, list[str]]:
    """Golden case texts by language."""
    pools: dict[str, list[str]] = {}
    for lang in ("id", "en"):
        texts: list[str] = []
        with (GOLDEN_DIR / f"extract_{lang}.jsonl").open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    text = str(json.loads(line)["text"]).strip()
                    if text:
                        texts.append(text)
        pools[lang] = texts
    return pools


@dataclass(frozen=True)
class MeasuredArticle:
    url: str
    lang: str
    title: str
    text: str
    published: datetime
    sentences: int


def build_articles(n: int, rng: random.Random) -> list[MeasuredArticle]:
    """``n`` articles of 10-20 golden sentences, grouped in paragraphs, published in order."""
    pools = load_pools()
    out: list[MeasuredArticle] = []
    published = MEASURE_START
    for i in range(n):
        lang = "id" if rng.random() < 0.55 else "en"
        pool = pools[lang]
        k = rng.randint(10, 20)
        sentences = rng.sample(pool, k)
        paragraphs: list[str] = []
        pos = 0
        while pos < k:
            size = rng.choice((1, 1, 2, 2, 3))
            paragraphs.append(" ".join(sentences[pos:pos + size]))
            pos += size
        title = " ".join(sentences[0].split()[:9]).rstrip(".,;:")
        published += timedelta(minutes=rng.randint(3, 25))
        out.append(MeasuredArticle(
            url=f"https://news.example/{lang}/{i:05d}", lang=lang, title=title,
            text="\n\n".join(paragraphs), published=published, sentences=k,
        ))
    return out


def seed_extraction(i: int, rng: random.Random) -> tuple[str, Any, str]:
    """Seed article ``i``: its topic, an ``Extraction`` of 4 figures on 4 distinct series, its text.

    Article i belongs to topic ``t{i % 50}``; its figures take the (concept, actor) pairs
    ``4*(i // 50) .. 4*(i // 50) + 3`` of the 200, so the 2,500 articles cover every pair of
    every topic exactly once.
    """
    from claimwatch.models import Bound, Extraction, Figure

    topic = f"t{i % SEED_TOPICS}"
    base = FIGURES_PER_SEED_ARTICLE * (i // SEED_TOPICS)
    figures: list[Figure] = []
    sentences: list[str] = []
    offset = 0
    for j in range(FIGURES_PER_SEED_ARTICLE):
        combo = base + j
        what = SEED_WHATS[combo % len(SEED_WHATS)]
        actor = SEED_ACTORS[combo // len(SEED_WHATS)]
        value = float(rng.randint(1, 50_000))
        claimed_by = rng.choice(SEED_CLAIMANTS)
        sentence = (f"{claimed_by or 'Officials'} put the number of {what.replace('_', ' ')}"
                    f" for {actor or 'the area'} at {int(value):,}.")
        num = f"{int(value):,}"
        start = offset + sentence.index(num)
        figures.append(Figure(
            value=value, value_max=None, approx=False, bound=Bound.EXACT, what=what,
            noun=what.replace("_", " "), actor=actor, claimed_by=claimed_by, sentence=sentence,
            start=start, end=start + len(num), unit=SEED_UNITS.get(what),
        ))
        sentences.append(sentence)
        offset += len(sentence) + 1
    return topic, Extraction(lang="en", figures=tuple(figures)), " ".join(sentences)


# ---------------------------------------------------------------------------------------------
# Phases
# ---------------------------------------------------------------------------------------------


def run_seed(tracker: Any, rng: random.Random) -> dict[str, Any]:
    """Track the 2,500 synthetic articles; returns timings and counts."""
    from claimwatch.models import ArticleInput

    timing = Timing("seed track+store")
    alerts = 0
    decisions: collections.Counter[str] = collections.Counter()
    wall0 = time.perf_counter()
    for i in range(SEED_ARTICLES):
        topic, extraction, text = seed_extraction(i, rng)
        article = ArticleInput(
            url=f"https://seed.example/{i:05d}", text=text,
            published=SEED_START + timedelta(minutes=i), title=f"Seed {i}", source="seed.example",
            lang="en",
        )
        t0 = time.perf_counter()
        res = tracker.process(article, extraction, [topic], now=NOW)
        timing.samples.append(time.perf_counter() - t0)
        alerts += len(res.alerts)
        decisions.update(d for d, _ in res.decisions)
    wall = time.perf_counter() - wall0
    return {
        "articles": SEED_ARTICLES,
        "figures": SEED_ARTICLES * FIGURES_PER_SEED_ARTICLE,
        "wall_s": round(wall, 3),
        "track": timing.summary(),
        "alerts": alerts,
        "decisions": dict(sorted(decisions.items())),
    }


def run_measure(extractor: Any, tracker: Any, articles: Sequence[MeasuredArticle]) -> dict[str, Any]:
    """Extract + track every measured article; per-stage and whole-loop timings."""
    from claimwatch.models import ArticleInput

    ex_t = Timing("extract")
    tr_t = Timing("track+store")
    tot_t = Timing("total")
    figures = statements = 0
    alerts: collections.Counter[str] = collections.Counter()
    decisions: collections.Counter[str] = collections.Counter()
    wall0 = time.perf_counter()
    for art in articles:
        t0 = time.perf_counter()
        extraction = extractor.extract(art.text, lang="auto", published=art.published)
        t1 = time.perf_counter()
        article = ArticleInput(
            url=art.url, text=art.text, published=art.published, title=art.title,
            source="news.example", lang=extraction.lang,
        )
        t2 = time.perf_counter()
        res = tracker.process(article, extraction, MEASURE_TOPICS, now=NOW)
        t3 = time.perf_counter()
        ex_t.samples.append(t1 - t0)
        tr_t.samples.append(t3 - t2)
        tot_t.samples.append(t3 - t0)
        figures += len(extraction.figures)
        statements += len(extraction.statements)
        alerts.update(str(a.kind) for a in res.alerts)
        decisions.update(d for d, _ in res.decisions)
    wall = time.perf_counter() - wall0
    chars = sum(len(a.text) for a in articles)
    return {
        "articles": len(articles),
        "topics": list(MEASURE_TOPICS),
        "sentences": sum(a.sentences for a in articles),
        "chars": chars,
        "langs": dict(sorted(collections.Counter(a.lang for a in articles).items())),
        "figures": figures,
        "statements": statements,
        "wall_s": round(wall, 3),
        "articles_per_s_wall": round(_rate(len(articles), wall), 2),
        "extract": ex_t.summary(),
        "track": tr_t.summary(),
        "total": tot_t.summary(),
        "alerts": sum(alerts.values()),
        "alerts_by_kind": dict(sorted(alerts.items())),
        "decisions": dict(sorted(decisions.items())),
    }


def _count(store: Any, table: str) -> int:
    return int(store.rows(f"SELECT COUNT(*) AS n FROM {table}")[0]["n"])


# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------


def _line(label: str, s: dict[str, float]) -> str:
    return (f"  {label:<13} {s['articles_per_s']:>9.1f} art/s   mean {s['ms_mean']:>8.2f} ms"
            f"   p50 {s['ms_p50']:>8.2f}   p95 {s['ms_p95']:>8.2f}   max {s['ms_max']:>8.2f}")


def print_report(r: dict[str, Any]) -> None:
    env, setup, seed, meas, db = r["env"], r["setup"], r["seed"], r["measure"], r["db"]
    print("ClaimWatch tracking benchmark (extract + track + store)")
    print(f"  python {env['python']} on {env['platform']}, {env['cpus']} CPUs"
          f"{'  [quick]' if r['quick'] else ''}")
    print()
    print("Setup")
    print(f"  open_store (create + migrate)   {setup['open_store_ms']:8.2f} ms")
    print(f"  Extractor() construction        {setup['extractor_init_ms']:8.2f} ms")
    print(f"  first extract() call (warm-up)  {setup['first_extract_ms']:8.2f} ms")
    print()
    print(f"Seed: {seed['articles']:,} articles x {FIGURES_PER_SEED_ARTICLE} figures, "
          f"no extraction, 1 topic each -> {seed['series_after']:,} series")
    print(_line("track+store", seed["track"]))
    print(f"  wall {seed['wall_s']:.2f} s; alerts {seed['alerts']:,}; "
          f"decisions {seed['decisions']}")
    print()
    print(f"Measure: {meas['articles']} articles ({meas['sentences']:,} golden sentences, "
          f"{meas['chars'] / 1e3:,.0f} k chars, {meas['langs']}), topics {meas['topics']}, "
          f"{meas['series_before']:,} series stored")
    print(_line("extract", meas["extract"]))
    print(_line("track+store", meas["track"]))
    print(_line("total", meas["total"]))
    print(f"  loop wall {meas['wall_s']:.2f} s = {meas['articles_per_s_wall']:.1f} articles/s "
          f"(extract {100 * meas['extract']['seconds'] / max(meas['wall_s'], 1e-9):.0f} % of it)")
    print(f"  extracted {meas['figures']:,} figures, {meas['statements']:,} statements")
    print(f"  alerts raised {meas['alerts']:,}: {meas['alerts_by_kind']}")
    print(f"  decisions {meas['decisions']}")
    print()
    print("Database")
    print(f"  series {db['series']:,} (seeded {seed['series_after']:,}, "
          f"+{db['series'] - seed['series_after']:,} new); observations {db['observations']:,}; "
          f"alerts {db['alerts']:,}; articles {db['articles']:,}")
    print(f"  file {db['file_bytes'] / 2**20:.2f} MiB + WAL {db['wal_bytes'] / 2**20:.2f} MiB "
          f"while open; {db['file_bytes_closed'] / 2**20:.2f} MiB after close (checkpointed)")
    print()
    print(f"Run time {r['elapsed_s']:.1f} s")


# ---------------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true",
                        help=f"{QUICK_ARTICLES} measured articles instead of {FULL_ARTICLES}")
    args = parser.parse_args(argv)

    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from claimwatch.extract import Extractor
    from claimwatch.store import open_store
    from claimwatch.tracker import Tracker

    run0 = time.perf_counter()
    n = QUICK_ARTICLES if args.quick else FULL_ARTICLES
    rng = random.Random(SEED)
    articles = build_articles(n, rng)

    with tempfile.TemporaryDirectory(prefix="claimwatch-bench-") as tmp:
        path = Path(tmp) / "bench.sqlite"
        t0 = time.perf_counter()
        store = open_store(path)
        open_ms = _ms(time.perf_counter() - t0)
        try:
            tracker = Tracker(store, conflict_window=CONFLICT_WINDOW_S)

            seed = run_seed(tracker, rng)
            seed["series_after"] = _count(store, "series")
            if seed["series_after"] != EXPECTED_SERIES:
                raise SystemExit(f"seed built {seed['series_after']} series, "
                                 f"expected {EXPECTED_SERIES}")

            t0 = time.perf_counter()
            extractor = Extractor()
            init_ms = _ms(time.perf_counter() - t0)
            # Warm-up on a text outside the measured set (lazy tables, regex caches).
            warm = build_articles(1, random.Random(SEED + 1))[0]
            t0 = time.perf_counter()
            extractor.extract(warm.text, lang="auto", published=warm.published)
            first_ms = _ms(time.perf_counter() - t0)

            series_before = _count(store, "series")
            meas = run_measure(extractor, tracker, articles)
            meas["series_before"] = series_before

            db = {
                "series": _count(store, "series"),
                "observations": _count(store, "observations"),
                "alerts": _count(store, "alerts"),
                "articles": _count(store, "articles"),
                "stances": _count(store, "stances"),
                "file_bytes": _file_size(path),
                "wal_bytes": _file_size(Path(f"{path}-wal")),
            }
        finally:
            store.close()
        db["file_bytes_closed"] = _file_size(path)
        db["wal_bytes_closed"] = _file_size(Path(f"{path}-wal"))

    result: dict[str, Any] = {
        "bench": "track",
        "quick": bool(args.quick),
        "seed_rng": SEED,
        "env": {
            "python": platform.python_version(),
            "platform": platform.platform(terse=True),
            "cpus": os.cpu_count(),
        },
        "setup": {
            "open_store_ms": round(open_ms, 3),
            "extractor_init_ms": round(init_ms, 3),
            "first_extract_ms": round(first_ms, 3),
        },
        "seed": seed,
        "measure": meas,
        "db": db,
        "elapsed_s": round(time.perf_counter() - run0, 2),
    }
    print_report(result)
    print(json.dumps(result, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
