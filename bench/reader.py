"""Article-text reading on real pages: our reader beside trafilatura, in the same run.

Run from the repository root::

    .venv/bin/python bench/reader.py              # readerdev (all and real pages) + our fixture pages
    .venv/bin/python bench/reader.py --real-only  # readerdev's 94 real pages only
    .venv/bin/python bench/reader.py --json out.json

Pages:

* ``../shared/readerdev/``: 125 saved pages (94 from real sites) from mozilla/readability's test
  set, with their expected text, scored by that folder's own ``score.py`` (token P, R, F1 per
  page; an empty output counts R = 0). It stays outside the repository and is read at run time;
  without it that part is skipped.
* ``tests/scrapers/fixtures/pages``: our own Indonesian and English pages, through
  ``bench/article.py``'s checks (paragraph recall, noise snippets leaked).

Readers, each timed on the same pages in the same process: ``ours``
(``scrapers.article.extract_article``, the generic path with title, date and language),
``ours+claims`` (the same, then ``Extractor.extract`` on its text: HTML → claims, as the monitor
reads an article; same text and scores, its time is the one to set beside trafilatura's),
``trafilatura`` (``extract``, defaults) and ``trafilatura-precision``
(``favor_precision=True``). Titles are compared with readerdev's expected title (exact after
folding spaces and case), dates by whether a date was found where the page states one.

The last output line is one JSON object with every number.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
READERDEV = ROOT.parent / "shared" / "readerdev"

Read = Callable[[str, str], str]


def _ours() -> Read:
    from scrapers.article import extract_article

    return lambda html, url: extract_article(html, url).text


def _ours_with_claims() -> Read:
    """Our reader and then the extractor on its text, as the monitor reads an article: HTML →
    claims (the text is returned, so the scores are ours; only the time differs)."""
    from claimwatch.extract import Extractor
    from scrapers.article import extract_article

    ex = Extractor()

    def run(html: str, url: str) -> str:
        art = extract_article(html, url)
        ex.extract(art.text, lang="auto", published=art.published, title=art.title, lang_hint=art.lang)
        return art.text

    return run


def _trafilatura(precision: bool) -> Read | None:
    try:
        import trafilatura
    except ImportError:
        return None
    return lambda html, url: trafilatura.extract(html, url=url, favor_precision=precision) or ""


def _with_our_rules(read: Read) -> Read:
    """Another reader's text with our line rules on top ("Baca Juga", "ADVERTISEMENT", bylines)."""
    from scrapers.html_text import clean_line

    def run(html: str, url: str) -> str:
        return "\n".join(line for line in map(clean_line, read(html, url).splitlines()) if line)

    return run


def readers() -> dict[str, Read]:
    out: dict[str, Read] = {"ours": _ours(), "ours+claims": _ours_with_claims()}
    for name, precision in (("trafilatura", False), ("trafilatura-precision", True)):
        r = _trafilatura(precision)
        if r is not None:
            out[name] = r
    if "trafilatura" in out:
        out["trafilatura+our-rules"] = _with_our_rules(out["trafilatura"])
    return out


def _fold(s: str | None) -> str:
    return " ".join((s or "").split()).casefold()


def metadata(real_only: bool) -> dict[str, Any]:
    """Our title and date on readerdev's pages against its expected title and date."""
    from scrapers.article import extract_article

    truth = json.loads((READERDEV / "truth.json").read_text(encoding="utf-8"))
    titles = found = dated = with_date = pages = 0
    for name, t in sorted(truth.items()):
        if real_only and t.get("synthetic"):
            continue
        with gzip.open(READERDEV / "pages" / f"{name}.html.gz") as fh:
            html = fh.read().decode("utf-8", "replace")
        art = extract_article(html, "http://fakehost/test/page.html")
        pages += 1
        titles += bool(t.get("title")) and _fold(art.title) == _fold(t["title"])
        found += bool(art.title)
        if t.get("published"):
            with_date += 1
            dated += art.published is not None
    return {"pages": pages, "title_found": found, "title_exact": titles, "pages_with_date": with_date,
            "date_found": dated}


def readerdev(real_only: bool) -> dict[str, Any]:
    sys.path.insert(0, str(READERDEV))
    from score import score  # readerdev's own scorer

    out: dict[str, Any] = {}
    for name, read in readers().items():
        res = score(read, data_dir=str(READERDEV), real_only=real_only)
        out[name] = {k: res[k] for k in ("pages", "precision", "recall", "f1", "real_pages", "real_precision",
                                         "real_recall", "real_f1", "ms_per_page")}
        out[name]["empty"] = len(res["empty"])
        out[name]["empty_pages"] = res["empty"]
        out[name]["errors"] = len(res["errors"])
    return out


def fixtures() -> dict[str, Any]:
    sys.path.insert(0, str(ROOT / "bench"))
    import article as bench_article  # bench/article.py: the fixture pages and their checks

    pages = bench_article.fixture_pages()
    out = {"ours": bench_article.score(pages, bench_article.read_ours, 3)}
    traf = bench_article.make_trafilatura()
    if traf is not None:
        out["trafilatura"] = bench_article.score(pages, traf, 3)
        from scrapers.html_text import clean_line

        def traf_rules(page: Any) -> Any:
            r = traf(page)
            lines = [line for line in map(clean_line, r.text.splitlines()) if line]
            return bench_article.Reading(r.title, r.published, "\n".join(lines))

        out["trafilatura+our-rules"] = bench_article.score(pages, traf_rules, 3)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--real-only", action="store_true", help="readerdev's real pages only")
    ap.add_argument("--json", type=Path, help="write the numbers to this file")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    result: dict[str, Any] = {"bench": "reader"}
    if READERDEV.exists():
        result["readerdev"] = rd = readerdev(args.real_only)
        result["metadata"] = md = metadata(args.real_only)
        print(f"readerdev ({'real pages' if args.real_only else 'all pages, real pages apart'})")
        print("| reader | pages | P | R | F1 | real P | real R | real F1 | empty | ms/page | vs trafilatura |")
        print("|---|---|---|---|---|---|---|---|---|---|---|")
        base = rd.get("trafilatura", {}).get("ms_per_page")
        for name, r in rd.items():
            ratio = f"{r['ms_per_page'] / base:.2f}x" if base else "-"
            print(f"| {name} | {r['pages']} | {r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} | "
                  f"{r['real_precision']:.3f} | {r['real_recall']:.3f} | {r['real_f1']:.3f} | {r['empty']} | "
                  f"{r['ms_per_page']:.1f} | {ratio} |")
        print(f"ours, metadata: a title on {md['title_found']}/{md['pages']} pages ({md['title_exact']} exactly "
              f"readability's), date found on "
              f"{md['date_found']}/{md['pages_with_date']} pages that state one")
    else:
        print(f"no readerdev at {READERDEV}: skipped")
    result["fixtures"] = fx = fixtures()
    print("our fixture pages (tests/scrapers/fixtures/pages)")
    for name, r in fx.items():
        print(f"  {name:12s} recall {r['paragraph_recall']:.3f}  noise leaked {r['noise_leaked']}  "
              f"empty {r['empty']}  titles {r['title_exact']}/{r['pages']}  {r['ms_per_page']:.2f} ms/page")
    result["wall_s"] = round(time.perf_counter() - t0, 2)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(json.dumps(result, sort_keys=True, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
