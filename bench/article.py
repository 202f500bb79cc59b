"""Article-page reading benchmark: our generic extractor against trafilatura (and selectolax).

Run from the repository root::

    .venv/bin/python bench/article.py            # fixtures + 300 synthetic pages, 5 repeats
    .venv/bin/python bench/article.py --quick    # fixtures + 100 synthetic pages, 1 repeat

Two page sets, nothing from the network:

* ``tests/scrapers/fixtures/pages``: hand-written pages in the style of Indonesian and English
  news sites, with ``expected.json`` (title, published, paragraph snippets that must be read,
  noise snippets that must not be);
* the synthetic pages that ``bench/extract.py`` builds (about 16 kB each, known title and date).

Readers compared, all on the same pages:

* ``ours``: ``scrapers.article.extract_article`` without a profile (the generic path);
* ``trafilatura``: ``bare_extraction(with_metadata=True)`` asking htmldate for date *and* time;
  a date without an offset is compared by wall-clock (in its favour);
* ``selectolax``: a minimal reader on the lexbor parser (drop tags and noise classes, read
  ``p/li/h2-h4``, og:title, meta dates through our ``parse_date``), to see what a faster parser
  alone would buy. Only if ``selectolax`` is installed; it is not a project dependency.

Measured: title exact match, date exact to the minute, date same day, paragraph recall, noise
leaked (fixture noise snippets present; synthetic: extra non-article lines surviving the
extractor's own noise filter), empty outputs and ms/page (median of repeats). The last output
line is one JSON object with every number.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "tests" / "scrapers" / "fixtures" / "pages"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.extract import SEED, _load_pools, build_corpus, build_page, load_trafilatura  # noqa: E402


@dataclass
class Reading:
    title: str | None
    published: datetime | str | None
    text: str


@dataclass
class Page:
    name: str
    url: str
    html: str
    title: str
    published: datetime | None
    must: list[str]
    noise: list[str]
    article: Any = None  # bench.extract.Article for synthetic pages


# --------------------------------------------------------------------------- readers


def read_ours(page: Page) -> Reading:
    from scrapers.article import extract_article

    art = extract_article(page.html, page.url, now=datetime.fromisoformat("2030-01-01T00:00:00+00:00"))
    return Reading(art.title, art.published, art.text)


def make_trafilatura() -> Callable[[Page], Reading] | None:
    info = load_trafilatura()
    if info.module is None:
        return None
    bare = info.module.bare_extraction
    params = {"extensive_search": True, "original_date": True,
              "outputformat": "%Y-%m-%dT%H:%M:%S%z"}

    def read(page: Page) -> Reading:
        doc = bare(page.html, url=page.url, with_metadata=True, include_comments=False,
                   date_extraction_params=params)
        if doc is None:
            return Reading(None, None, "")
        return Reading(doc.title, doc.date, doc.text or "")

    return read


def make_selectolax() -> Callable[[Page], Reading] | None:
    try:
        from selectolax.lexbor import LexborHTMLParser
    except ImportError:
        return None
    from scrapers.html_text import _DROP_TAGS, _NOISE_WORDS, clean_line
    from scrapers.pagedate import parse_date

    drop = sorted(_DROP_TAGS - {"head"})
    split = re.compile(r"[-_\s]+")
    metas = ("article:published_time", "og:published_time", "pubdate", "date")

    def read(page: Page) -> Reading:
        tree = LexborHTMLParser(page.html)
        og = tree.css_first('meta[property="og:title"]')
        h1 = tree.css_first("h1")
        title = (og.attributes.get("content") if og else None) or (h1.text(strip=True) if h1 else None)
        published = None
        for key in metas:
            m = tree.css_first(f'meta[property="{key}"], meta[name="{key}"]')
            value = m.attributes.get("content") if m else None
            if value and (published := parse_date(value)):
                break
        tree.strip_tags(drop)
        for node in tree.css("[class], [id]"):
            words = split.split(f"{node.attributes.get('class') or ''} {node.attributes.get('id') or ''}".lower())
            if node.tag not in ("html", "body", "article", "main") and _NOISE_WORDS.intersection(words):
                node.decompose()
        root = tree.css_first("article") or tree.css_first("main") or tree.body
        lines: list[str] = []
        for node in root.css("p, li, h2, h3, h4") if root else []:
            line = clean_line(node.text(deep=True))
            if line and line not in lines:
                lines.append(line)
        return Reading(title, published, "\n".join(lines))

    return read


# --------------------------------------------------------------------------- page sets


def fixture_pages() -> list[Page]:
    expected = json.loads((PAGES / "expected.json").read_text("utf-8"))
    from scrapers.article import decode_page

    out = []
    for name, e in expected.items():
        html = decode_page((PAGES / name).read_bytes()) or ""
        pub = datetime.fromisoformat(e["published"]) if e["published"] else None
        out.append(Page(name, e["url"], html, e["title"], pub, e["must_contain"],
                        e["must_not_contain"]))
    return out


def synthetic_pages(n: int) -> list[Page]:
    articles = build_corpus(n)
    rng = random.Random(SEED + 1)
    pools = _load_pools()
    out = []
    for art in articles:
        art.page = build_page(art, rng, pools[art.lang])
        day = 1 + art.index % 28  # the date build_page writes into the page
        iso = f"2024-11-{day:02d}T{8 + art.index % 12:02d}:{art.index % 60:02d}:00+07:00"
        assert iso in art.page
        out.append(Page(f"synthetic-{art.index}", f"https://www.kabarwarta.example/{art.index}",
                        art.page, art.title, datetime.fromisoformat(iso), [], [], art))
    return out


# --------------------------------------------------------------------------- scoring


def _norm(s: str) -> str:
    return " ".join(s.split())


def date_match(got: datetime | str | None, want: datetime | None) -> tuple[bool, bool]:
    """(exact to the minute, same calendar day); naive values compare by wall clock."""
    if want is None:
        return got is None, got is None
    if got is None:
        return False, False
    if isinstance(got, str):
        try:
            got = datetime.fromisoformat(got)
        except ValueError:
            return False, False
    if got.tzinfo is not None and got.utcoffset() is not None:
        minute = abs((got - want).total_seconds()) < 60
        got = got.astimezone(want.tzinfo)
    else:
        minute = got.replace(second=0, microsecond=0) == want.replace(tzinfo=None, second=0)
    return minute, got.date() == want.date()


_NOISE_LED = re.compile(r"^(?:baca juga|read (?:also|more)|scroll to continue|advertisement|"
                        r"simak)", re.I)


def score(pages: Sequence[Page], read: Callable[[Page], Reading], repeats: int) -> dict[str, Any]:
    from bench.extract import read_check

    titles = minutes = days = empty = leaked = pages_leaking = 0
    recalls: list[float] = []
    clean_recalls: list[float] = []
    for p in pages:
        r = read(p)
        titles += _norm(r.title or "") == _norm(p.title)
        m, d = date_match(r.published, p.published)
        minutes += m
        days += d
        empty += not r.text.strip()
        flat = _norm(r.text)
        if p.article is None:
            found = [s for s in p.must if _norm(s) in flat]
            recalls.append(len(found) / len(p.must))
            leak = sum(1 for s in p.noise if s in r.text)
        else:
            rec, leak = read_check(p.article, r.text)
            recalls.append(rec)
            from scrapers.html_text import _INLINE_ASIDE  # asides may hold "(...)" themselves

            pars = [_INLINE_ASIDE.sub("", _norm(x)) for x in p.article.paragraphs
                    if not _NOISE_LED.match(x)]
            clean_recalls.append(sum(1 for x in pars if x in flat) / max(1, len(pars)))
        leaked += leak
        pages_leaking += leak > 0
    per_page: list[float] = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for p in pages:
            read(p)
        per_page.append((time.perf_counter() - t0) / len(pages) * 1e3)
    n = len(pages)
    out = {"pages": n, "title_exact": titles, "date_minute": minutes, "date_day": days,
           "paragraph_recall": round(statistics.mean(recalls), 4), "noise_leaked": leaked,
           "pages_leaking": pages_leaking, "empty": empty,
           "ms_per_page": round(statistics.median(per_page), 3)}
    if clean_recalls:
        out["paragraph_recall_excl_noise_led"] = round(statistics.mean(clean_recalls), 4)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="100 synthetic pages, 1 timed repeat")
    ap.add_argument("--articles", type=int, default=None, help="synthetic corpus size")
    args = ap.parse_args(argv)
    n = args.articles or (100 if args.quick else 300)
    repeats = 1 if args.quick else 5

    readers: dict[str, Callable[[Page], Reading]] = {"ours": read_ours}
    notes: dict[str, str] = {}
    traf = make_trafilatura()
    if traf:
        readers["trafilatura"] = traf
    else:
        notes["trafilatura"] = "not installed (pip install -e '.[bench]')"
    slx = make_selectolax()
    if slx:
        readers["selectolax"] = slx
    else:
        notes["selectolax"] = "not installed (optional: pip install selectolax)"

    sets = {"fixtures": fixture_pages(), "synthetic": synthetic_pages(n)}
    for pages in sets.values():  # warm-up: imports, dateparser's language data, caches
        for read in readers.values():
            for p in pages[:3]:
                read(p)
    result: dict[str, Any] = {"bench": "article", "repeats": repeats, "synthetic_pages": n,
                              "notes": notes, "sets": {}}
    print(f"Article-page reading: {len(sets['fixtures'])} fixture pages, {n} synthetic pages; "
          f"ms/page = median of {repeats} timed pass(es)")
    for set_name, pages in sets.items():
        print(f"\n{set_name}")
        print(f"  {'reader':<12} {'title':>7} {'date/min':>9} {'date/day':>9} {'recall':>7} "
              f"{'noise':>6} {'empty':>6} {'ms/page':>8}")
        result["sets"][set_name] = {}
        for name, read in readers.items():
            s = score(pages, read, repeats)
            result["sets"][set_name][name] = s
            k = s["pages"]
            print(f"  {name:<12} {s['title_exact']:>3}/{k:<3} {s['date_minute']:>5}/{k:<3} "
                  f"{s['date_day']:>5}/{k:<3} {s['paragraph_recall']:>7.3f} "
                  f"{s['noise_leaked']:>6} {s['empty']:>6} {s['ms_per_page']:>8.2f}")
            if "paragraph_recall_excl_noise_led" in s:
                print(f"  {'':<12} recall without the corpus' noise-led paragraphs: "
                      f"{s['paragraph_recall_excl_noise_led']:.3f}")
    for k, v in notes.items():
        print(f"note: {k}: {v}")
    print(json.dumps(result, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
