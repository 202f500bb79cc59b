"""Extraction benchmark: text throughput, HTML→claims against trafilatura, peak memory.

Run from the repository root::

    .venv/bin/python bench/extract.py            # full run: median of 3 timed repeats
    .venv/bin/python bench/extract.py --quick    # one timed repeat over a smaller corpus

The corpus is synthetic and deterministic (``random.Random(7)``): articles are assembled
from the golden sentences (``tests/claimwatch/golden/extract_*.jsonl``) and the demo
articles (``claimwatch/data/demo_article_*.txt``), with page-noise lines mixed in. Each
article is also wrapped into a news-site HTML page for the HTML part. Nothing touches the
network. The report is printed for people; the last line of output is one JSON object
with every number, for scripts.

Two further parts: light pages (the corpus above) beside dense pages (18 paragraphs of
figure-bearing golden sentences), each timed HTML → text, text → claims, HTML → claims and
trafilatura in CPU and wall time; and ``claimwatch replay`` on a synthetic archive
(10,000 articles; ``--replay N``), run as a child process, in articles/s: with ``--jobs 1`` and
with replay's default (worker processes reading the archive on a machine with several cores).
"""

from __future__ import annotations

import argparse
import gc
import html
import json
import platform
import random
import re
import statistics
import sys
import tempfile
import time
import tracemalloc
import types
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
GOLDEN_DIR = ROOT / "tests" / "claimwatch" / "golden"
DATA_DIR = ROOT / "claimwatch" / "data"

SEED = 7
FULL_ARTICLES = 300
QUICK_ARTICLES = 100
FULL_REPEATS = 3
QUICK_REPEATS = 1
CONSTRUCT_REPEATS = 5
FULL_DENSE = 100
QUICK_DENSE = 30
FULL_REPLAY = 10_000
QUICK_REPLAY = 2_000

# Demo-article lines that are page furniture rather than article text.
_DEMO_NOISE = re.compile(r"^(?:baca juga\b.*|advertisement|scroll to continue with content)$", re.I)


# ---------------------------------------------------------------------------------------------
# Corpus
# ---------------------------------------------------------------------------------------------


@dataclass
class Block:
    """One line of an article: a paragraph of text or a piece of page noise."""

    kind: str  # "p", "related", "ad", "scroll", "credit"
    text: str
    links: list[str] = field(default_factory=list)  # headlines, for "related" boxes


@dataclass
class Article:
    index: int
    lang: str
    title: str
    blocks: list[Block]
    units: int  # golden/demo sentences used
    text: str = ""
    page: str = ""

    @property
    def paragraphs(self) -> list[str]:
        return [b.text for b in self.blocks if b.kind == "p"]


def _load_pools() -> dict[str, list[str]]:
    """Sentences by language: golden case texts plus the demo articles' text lines."""
    pools: dict[str, list[str]] = {"id": [], "en": []}
    for lang in ("id", "en"):
        path = GOLDEN_DIR / f"extract_{lang}.jsonl"
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    text = json.loads(line)["text"].strip()
                    if text:
                        pools[lang].append(text)
        demo = (DATA_DIR / f"demo_article_{lang}.txt").read_text(encoding="utf-8")
        for line in demo.splitlines():
            line = line.strip()
            if line and not _DEMO_NOISE.match(line):
                pools[lang].append(line)
    return pools


def _headline(rng: random.Random, pool: Sequence[str]) -> str:
    """A plausible headline: the opening words of some sentence, without end punctuation."""
    words = rng.choice(pool).split()
    n = min(len(words), rng.randint(6, 11))
    return " ".join(words[:n]).rstrip(".,;:!?\"'”’)")


_DATELINES = {
    "id": ["Jakarta, KabarWarta.example -", "JAKARTA, KabarWarta.example -",
           "Surabaya, KabarWarta.example -", "KabarWarta.example, Medan -"],
    "en": ["JAKARTA (Newsdesk) -", "SEOUL (Newsdesk) -", "Newsdesk, Kyiv -",
           "LONDON (Newsdesk) -"],
}
_NAMES = ["Rina Kartika", "Dimas Pratama", "Ayu Lestari", "Bagus Santoso", "Sari Wulandari",
          "Hendra Gunawan", "Maya Putri", "Yoga Saputra"]


def build_corpus(n_articles: int, seed: int = SEED) -> list[Article]:
    """``n_articles`` deterministic articles of 12–25 golden/demo sentences each."""
    rng = random.Random(seed)
    pools = _load_pools()
    articles: list[Article] = []
    for i in range(n_articles):
        lang = "id" if rng.random() < 0.55 else "en"
        pool = pools[lang]
        other = pools["en" if lang == "id" else "id"]
        n_units = rng.randint(12, 25)
        units = rng.sample(pool, n_units)
        # a few articles carry a quoted paragraph in the other language
        if rng.random() < 0.08:
            units[rng.randrange(1, n_units)] = rng.choice(other)
        blocks: list[Block] = []
        pos = 0
        while pos < n_units:
            size = rng.choices((1, 2, 3), weights=(5, 4, 1))[0]
            par = " ".join(units[pos:pos + size])
            if pos == 0:
                par = f"{rng.choice(_DATELINES[lang])} {par}"
            pos += size
            if lang == "id" and rng.random() < 0.04:
                par += f" (Baca juga: {_headline(rng, pool)})"
            blocks.append(Block("p", par))
            if pos < n_units and rng.random() < 0.22:
                blocks.append(_noise_block(rng, lang, pool))
        if rng.random() < 0.5:
            label = "Editor" if lang == "en" or rng.random() < 0.5 else "Penulis"
            blocks.append(Block("credit", f"{label}: {rng.choice(_NAMES)}"))
        title = _headline(rng, units[:1])
        art = Article(index=i, lang=lang, title=title, blocks=blocks, units=n_units)
        art.text = "\n".join(b.text for b in blocks) + "\n"
        articles.append(art)
    return articles


def _noise_block(rng: random.Random, lang: str, pool: Sequence[str]) -> Block:
    kind = rng.choices(("related", "ad", "scroll"), weights=(5, 4, 1))[0]
    if kind == "related":
        links = [_headline(rng, pool) for _ in range(rng.randint(1, 3))]
        lead = rng.choice(("Baca Juga", "Baca juga")) if lang == "id" else "Read also"
        return Block("related", f"{lead}: {links[0]}", links)
    if kind == "ad":
        return Block("ad", "ADVERTISEMENT" if lang == "id" else "Advertisement")
    return Block("scroll", "SCROLL TO CONTINUE WITH CONTENT" if lang == "id"
                 else "Scroll to continue with content")


DENSE_PARAGRAPHS = 18


def _load_figure_pools() -> dict[str, list[str]]:
    """Golden case texts that carry at least one figure, by language."""
    pools: dict[str, list[str]] = {"id": [], "en": []}
    for lang in ("id", "en"):
        with (GOLDEN_DIR / f"extract_{lang}.jsonl").open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    case = json.loads(line)
                    if case.get("figures") and case["text"].strip():
                        pools[lang].append(case["text"].strip())
    return pools


def build_dense_corpus(n_articles: int, seed: int = SEED + 3) -> list[Article]:
    """Dense pages: ``DENSE_PARAGRAPHS`` paragraphs of 2–3 figure-bearing golden sentences each."""
    rng = random.Random(seed)
    pools = _load_figure_pools()
    articles: list[Article] = []
    for i in range(n_articles):
        lang = "id" if rng.random() < 0.55 else "en"
        pool = pools[lang]
        blocks: list[Block] = []
        units = 0
        for k in range(DENSE_PARAGRAPHS):
            size = rng.choice((2, 3))
            par = " ".join(rng.sample(pool, size))
            units += size
            if k == 0:
                par = f"{rng.choice(_DATELINES[lang])} {par}"
            blocks.append(Block("p", par))
        title = _headline(rng, pool)
        art = Article(index=n_articles + i, lang=lang, title=title, blocks=blocks, units=units)
        art.text = "\n".join(b.text for b in blocks) + "\n"
        articles.append(art)
    return articles


# ---------------------------------------------------------------------------------------------
# HTML pages
# ---------------------------------------------------------------------------------------------

_SECTIONS = {
    "id": ["Beranda", "Nasional", "Regional", "Global", "Ekonomi", "Bisnis", "Megapolitan",
           "Hukum", "Politik", "Olahraga", "Bola", "Tekno", "Sains", "Edukasi", "Kesehatan",
           "Gaya Hidup", "Hiburan", "Otomotif", "Properti", "Travel", "Food", "Foto", "Video",
           "Cek Fakta", "Opini", "Kolom", "Infografik", "Humaniora", "Lingkungan", "Indeks"],
    "en": ["Home", "National", "World", "Asia", "Business", "Markets", "Economy", "Politics",
           "Law", "Sports", "Football", "Tech", "Science", "Education", "Health", "Lifestyle",
           "Entertainment", "Autos", "Property", "Travel", "Food", "Photos", "Video",
           "Fact Check", "Opinion", "Columns", "Graphics", "Environment", "Climate", "Archive"],
}
_SITE = {"id": ("KabarWarta", "https://www.kabarwarta.example"),
         "en": ("Newsdesk Daily", "https://www.newsdesk.example")}
_FOOTER = {"id": ["Tentang Kami", "Redaksi", "Pedoman Media Siber", "Kode Etik", "Karir",
                  "Kontak", "Info Iklan", "Kebijakan Data Pribadi"],
           "en": ["About Us", "Editorial Team", "Editorial Policy", "Code of Ethics", "Careers",
                  "Contact", "Advertise", "Privacy Policy"]}
_COPYRIGHT = {"id": "Hak Cipta © 2024 KabarWarta.example. Seluruh hak dilindungi.",
              "en": "Copyright © 2024 Newsdesk.example. All rights reserved."}
_POPULAR = {"id": "Terpopuler", "en": "Most Popular"}

_STYLE = (
    "body{margin:0;font-family:Roboto,Arial,sans-serif;color:#222}"
    ".nav__wrap{display:flex;overflow-x:auto}.nav__item a{padding:8px 12px;color:#333}"
    ".read__title{font-size:28px;line-height:1.3}.read__content p{font-size:18px;margin:0 0 16px}"
    ".baca-juga{border-left:4px solid #0a5;padding:8px 12px;margin:16px 0}"
    ".ads-on-body{text-align:center;min-height:250px;background:#f5f5f5}"
    ".footer__link{color:#999}.share__item{display:inline-block;width:32px;height:32px}"
) * 4
_GTM = (
    "(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':new Date().getTime(),"
    "event:'gtm.js'});var f=d.getElementsByTagName(s)[0],j=d.createElement(s),"
    "dl=l!='dataLayer'?'&l='+l:'';j.async=true;j.src='/gtm.js?id='+i+dl;"
    "f.parentNode.insertBefore(j,f);})(window,document,'script','dataLayer','GTM-XXXX');"
)
_TAIL_JS = (
    "window.googletag=window.googletag||{cmd:[]};googletag.cmd.push(function(){"
    "googletag.defineSlot('/1234/news/article',[[300,250],[336,280]],'div-gpt-ad-%d')"
    ".addService(googletag.pubads());googletag.pubads().enableSingleRequest();"
    "googletag.enableServices();});"
    "document.querySelectorAll('.share__item').forEach(function(el){el.addEventListener("
    "'click',function(ev){ev.preventDefault();window.open(el.href,'share','width=600,"
    "height=400');});});"
)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80]


def _a(href: str, label: str, cls: str = "") -> str:
    c = f' class="{cls}"' if cls else ""
    return f'<a href="{html.escape(href)}"{c}>{html.escape(label, quote=False)}</a>'


def build_page(art: Article, rng: random.Random, pool: Sequence[str]) -> str:
    """A news-site page around ``art``: head metadata, nav, body, related boxes, ads, footer."""
    site, base = _SITE[art.lang]
    day = 1 + art.index % 28
    published = f"2024-11-{day:02d}T{8 + art.index % 12:02d}:{art.index % 60:02d}:00+07:00"
    url = f"{base}/read/2024/11/{day:02d}/{100000 + art.index}/{_slug(art.title)}"
    author = rng.choice(_NAMES)
    desc = art.paragraphs[0][:160]
    esc = html.escape
    jsonld = json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "mainEntityOfPage": {"@type": "WebPage", "@id": url},
            "headline": art.title,
            "description": desc,
            "image": [f"{base}/img/{art.index}/cover.jpg"],
            "datePublished": published,
            "dateModified": published,
            "author": [{"@type": "Person", "name": author}],
            "publisher": {"@type": "Organization", "name": site,
                          "logo": {"@type": "ImageObject", "url": f"{base}/logo.png"}},
            "inLanguage": art.lang,
        },
        ensure_ascii=False,
    ).replace("</", "<\\/")
    sections = _SECTIONS[art.lang]

    out: list[str] = [
        "<!DOCTYPE html>",
        f'<html lang="{art.lang}"><head>',
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(art.title, quote=False)} - {site}</title>",
        f'<meta name="description" content="{esc(desc)}">',
        '<meta property="og:type" content="article">',
        f'<meta property="og:site_name" content="{site}">',
        f'<meta property="og:title" content="{esc(art.title)}">',
        f'<meta property="og:description" content="{esc(desc)}">',
        f'<meta property="og:url" content="{url}">',
        f'<meta property="og:image" content="{base}/img/{art.index}/cover.jpg">',
        f'<meta property="article:published_time" content="{published}">',
        f'<meta property="article:section" content="{rng.choice(sections)}">',
        f'<meta name="author" content="{author}">',
        f'<link rel="canonical" href="{url}">',
        f'<link rel="stylesheet" href="{base}/assets/css/main.min.css?v=20241101">',
        f"<style>{_STYLE}</style>",
        f'<script type="application/ld+json">{jsonld}</script>',
        f"<script>{_GTM}</script>",
        f'<script async src="{base}/assets/js/vendor.min.js"></script>',
        "</head><body>",
        '<div class="top-bar"><div class="container">',
        _a(base, site, "logo"),
        '<form class="search" action="/search"><input type="text" name="q"></form>',
        "</div></div>",
        '<header class="header"><nav class="nav"><ul class="nav__wrap">',
    ]
    out += [f'<li class="nav__item">{_a(f"{base}/{_slug(s)}", s)}</li>' for s in sections]
    out += [
        "</ul></nav></header>",
        '<div class="ads-leaderboard"><div id="div-gpt-ad-top"></div></div>',
        '<div class="container clearfix"><div class="col-bs10-7">',
        '<ul class="breadcrumb">',
        f"<li>{_a(base, sections[0])}</li><li>{_a(f'{base}/{_slug(sections[1])}', sections[1])}</li>",
        "</ul>",
        f'<h1 class="read__title">{esc(art.title, quote=False)}</h1>',
        f'<div class="read__time">{published[:10]}, {published[11:16]} WIB</div>',
        f'<div class="read__credit">{"Penulis" if art.lang == "id" else "By"} {author}</div>',
        '<div class="photo"><figure><img src="cover.jpg" alt="">'
        f"<figcaption>{esc(_headline(rng, pool), quote=False)}</figcaption></figure></div>",
        '<div class="read__content"><div class="clearfix">',
    ]
    n_ad = 0
    for b in art.blocks:
        if b.kind == "p":
            out.append(f"<p>{esc(b.text, quote=False)}</p>")
        elif b.kind == "related":
            lead = b.text.split(":", 1)[0]
            if rng.random() < 0.6:
                items = "".join(
                    f"<li>{_a(f'{base}/read/{_slug(h)}', h)}</li>" for h in b.links
                )
                out.append(f'<div class="baca-juga"><strong>{lead}:</strong><ul>{items}</ul></div>')
            else:  # the inline variant many sites use inside the body
                h = b.links[0]
                out.append(f"<p><strong>{lead}: {_a(f'{base}/read/{_slug(h)}', h)}</strong></p>")
        elif b.kind == "ad":
            n_ad += 1
            out.append(
                f'<div class="ads-on-body"><span class="ads__label">{b.text}</span>'
                f'<div id="div-gpt-ad-{art.index}-{n_ad}"><script>googletag.cmd.push(function()'
                f"{{googletag.display('div-gpt-ad-{art.index}-{n_ad}');}});</script></div></div>"
            )
        elif b.kind == "scroll":
            out.append(f'<div class="ads-scroll"><p>{b.text}</p></div>')
        elif b.kind == "credit":
            out.append(f'<div class="read__editor"><p>{esc(b.text, quote=False)}</p></div>')
    out.append("</div></div>")  # read__content

    tags = [_headline(rng, pool).split()[0] for _ in range(5)]
    out.append('<div class="tag__article"><ul>')
    out += [f"<li>{_a(f'{base}/tag/{_slug(t)}', t)}</li>" for t in tags]
    out.append("</ul></div>")
    out.append('<div class="social-share">')
    out += [_a(f"https://share.example/{n}?u={url}", n, "share__item")
            for n in ("Facebook", "X", "WhatsApp", "Telegram", "Copy link")]
    out.append("</div>")
    related = [_headline(rng, pool) for _ in range(6)]
    out.append('<div class="related-news"><h3>'
               + ("Berita Terkait" if art.lang == "id" else "Related Stories") + "</h3><ul>")
    out += [f"<li>{_a(f'{base}/read/{_slug(h)}', h)}</li>" for h in related]
    out.append("</ul></div>")
    out.append('<div id="comments" class="comment-box"><p>'
               + ("Komentar dinonaktifkan." if art.lang == "id" else "Comments are closed.")
               + "</p></div>")
    out.append("</div>")  # col-bs10-7
    popular = [_headline(rng, pool) for _ in range(10)]
    out.append(f'<aside class="col-bs10-3"><div class="most"><h3>{_POPULAR[art.lang]}</h3><ol>')
    out += [f"<li>{_a(f'{base}/read/{_slug(h)}', h)}</li>" for h in popular]
    out.append('</ol></div><div class="ads-sidebar"><div id="div-gpt-ad-side"></div></div></aside>')
    out.append("</div>")  # container
    out.append('<footer class="footer"><div class="footer__links">')
    out += [_a(f"{base}/{_slug(x)}", x, "footer__link") for x in _FOOTER[art.lang]]
    out.append(f'</div><p class="footer__copy">{_COPYRIGHT[art.lang]}</p></footer>')
    out.append(f"<script>{_TAIL_JS % art.index}</script>")
    out.append(f'<script src="{base}/assets/js/app.min.js" defer></script>')
    out.append("</body></html>")
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------
# Timing helpers
# ---------------------------------------------------------------------------------------------


@dataclass
class Timing:
    totals: list[float]  # seconds per timed repeat
    per_item: list[float]  # seconds per item, from the median repeat

    @property
    def median_total(self) -> float:
        return statistics.median(self.totals)

    def ms_mean(self, n: int) -> float:
        return self.median_total / n * 1e3

    def ms_pct(self, q: float) -> float:
        xs = sorted(self.per_item)
        return xs[min(len(xs) - 1, round(q * (len(xs) - 1)))] * 1e3


def time_pass(fn: Callable[[Any], Any], items: Sequence[Any], repeats: int) -> Timing:
    """One untimed warm-up pass, then ``repeats`` timed passes; per-item times kept."""
    for it in items:
        fn(it)
    runs: list[tuple[float, list[float]]] = []
    clock = time.perf_counter
    for _ in range(repeats):
        gc.collect()
        per: list[float] = []
        t_start = clock()
        for it in items:
            t0 = clock()
            fn(it)
            per.append(clock() - t0)
        runs.append((clock() - t_start, per))
    runs_sorted = sorted(runs, key=lambda r: r[0])
    median_run = runs_sorted[len(runs_sorted) // 2]
    return Timing(totals=[r[0] for r in runs], per_item=median_run[1])


# ---------------------------------------------------------------------------------------------
# trafilatura
# ---------------------------------------------------------------------------------------------


@dataclass
class TrafilaturaInfo:
    module: Any = None
    version: str | None = None
    error: str | None = None
    shim: bool = False
    shim_calls: list[str] = field(default_factory=list)


def load_trafilatura() -> TrafilaturaInfo:
    """Import trafilatura; work around a missing ``lxml_html_clean`` without changing it.

    With lxml >= 5.2, ``lxml.html.clean`` is a separate distribution. jusText imports its
    ``Cleaner`` at module import, but only jusText's own ``preprocessor()`` uses it, and
    trafilatura never calls that. When the import fails for exactly this reason, a stand-in
    module is placed in ``sys.modules`` (this process only) whose ``Cleaner`` records any use
    and raises. The report flags the stand-in, and a non-zero use count marks the trafilatura
    numbers invalid.
    """
    info = TrafilaturaInfo()
    try:
        import trafilatura
    except ImportError as exc:
        if "lxml_html_clean" not in str(exc) and "lxml.html.clean" not in str(exc):
            info.error = f"{type(exc).__name__}: {exc}"
            return info
        calls = info.shim_calls

        class _UnavailableCleaner:
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                calls.append("Cleaner()")
                raise RuntimeError("lxml_html_clean is not installed (bench stand-in)")

        stand_in = types.ModuleType("lxml.html.clean")
        stand_in.Cleaner = _UnavailableCleaner  # type: ignore[attr-defined]
        sys.modules["lxml.html.clean"] = stand_in
        info.shim = True
        try:
            import trafilatura
        except ImportError as exc2:
            info.error = f"{type(exc2).__name__}: {exc2}"
            return info
    info.module = trafilatura
    info.version = getattr(trafilatura, "__version__", None)
    return info


# ---------------------------------------------------------------------------------------------
# Quality checks (untimed): is each HTML→text path reading the same article?
# ---------------------------------------------------------------------------------------------


def _norm(s: str) -> str:
    return " ".join(s.split())


_INLINE_RELATED = re.compile(r"\s*\(Baca juga:[^)]*\)")


def read_check(art: Article, text: str) -> tuple[float, int]:
    """How well ``text`` (an HTML→text output) reads the article.

    Returns the share of article paragraphs found in ``text`` and the number of extra lines:
    lines the extractor would keep (its own noise-line filter applied) that are not part of
    the article, such as navigation, related headlines, bylines, tags or footer text.
    """
    from claimwatch.extract.text import clean_spans

    flat = _norm(text)
    pars = [_INLINE_RELATED.sub("", _norm(p)) for p in art.paragraphs]
    found = sum(1 for p in pars if p in flat)
    source = _norm(art.text)
    extra = sum(1 for a, b in clean_spans(text) if _norm(text[a:b]) not in source)
    return found / max(1, len(pars)), extra


# ---------------------------------------------------------------------------------------------
# Light and dense pages side by side, wall and CPU time
# ---------------------------------------------------------------------------------------------


def time_pass_cpu(fn: Callable[[Any], Any], items: Sequence[Any], repeats: int) -> tuple[float, float]:
    """One untimed warm-up pass, then ``repeats`` passes; median wall and median CPU seconds per pass."""
    for it in items:
        fn(it)
    walls: list[float] = []
    cpus: list[float] = []
    for _ in range(repeats):
        gc.collect()
        w, c = time.perf_counter(), time.process_time()
        for it in items:
            fn(it)
        walls.append(time.perf_counter() - w)
        cpus.append(time.process_time() - c)
    return statistics.median(walls), statistics.median(cpus)


def measure_set(articles: Sequence[Article], ex: Any, html_to_text: Callable[[str], str],
                traf_extract: Callable[[str], Any] | None, repeats: int) -> dict[str, Any]:
    """HTML → text, text → claims, HTML → claims and trafilatura on one page set (ms/article)."""
    n = len(articles)
    texts = [a.text for a in articles]
    pages = [a.page for a in articles]
    paths: list[tuple[str, Callable[[str], Any], Sequence[str]]] = [
        ("html_to_text", html_to_text, pages),
        ("text_to_claims", lambda t: ex.extract(t, lang="auto"), texts),
        ("html_to_claims", lambda p: ex.extract(html_to_text(p), lang="auto"), pages),
    ]
    if traf_extract is not None:
        paths.append(("trafilatura", traf_extract, pages))
    out: dict[str, Any] = {
        "articles": n,
        "paragraphs_mean": round(statistics.mean(len(a.paragraphs) for a in articles), 1),
        "sentences_mean": round(statistics.mean(a.units for a in articles), 1),
        "text_kb_mean": round(sum(len(t.encode("utf-8")) for t in texts) / n / 1e3, 2),
        "html_kb_mean": round(sum(len(p.encode("utf-8")) for p in pages) / n / 1e3, 2),
        "figures_per_article": round(sum(len(ex.extract(t, lang="auto").figures) for t in texts) / n, 1),
    }
    for name, fn, items in paths:
        wall, cpu = time_pass_cpu(fn, items, repeats)
        out[name] = {"wall_ms": round(wall / n * 1e3, 3), "cpu_ms": round(cpu / n * 1e3, 3)}
    if traf_extract is not None:
        for k in ("wall_ms", "cpu_ms"):
            out[f"ratio_html_to_claims_vs_trafilatura_{k[:-3]}"] = round(
                out["html_to_claims"][k] / out["trafilatura"][k], 3)
    return out


def print_sets(sets: dict[str, dict[str, Any]]) -> None:
    cols = ("html_to_text", "text_to_claims", "html_to_claims", "trafilatura")
    heads = ("(a) HTML→text", "text→claims", "(b) HTML→claims", "(c) trafilatura")
    print("   ms/article, CPU (wall in brackets)")
    print(f"   {'pages':<7}{'n':>5}{'paras':>6}{'figs':>6}{'kB html':>8}  "
          + "".join(f"{h:>20}" for h in heads) + f"{'(b)/(c) CPU':>13}")
    for name, d in sets.items():
        cells = "".join(
            f"{d[c]['cpu_ms']:>11.2f} ({d[c]['wall_ms']:>5.2f})" if c in d else f"{'n/a':>20}" for c in cols)
        ratio = d.get("ratio_html_to_claims_vs_trafilatura_cpu")
        print(f"   {name:<7}{d['articles']:>5}{d['paragraphs_mean']:>6}{d['figures_per_article']:>6}"
              f"{d['html_kb_mean']:>8}  {cells}{(f'{ratio:.2f}x' if ratio else 'n/a'):>13}")


# ---------------------------------------------------------------------------------------------
# `claimwatch replay` throughput on a synthetic archive
# ---------------------------------------------------------------------------------------------

REPLAY_CONFIG = """\
[[topics]]
id = "korut"
keywords = ["North Korea", "Korea Utara", "Korut", "Pyongyang"]

[[topics]]
id = "perang"
keywords = ["Russia", "Rusia", "Ukraine", "Ukraina", "Gaza", "Israel", "Hamas", "Palestina",
            "Palestine", "Lebanon", "Sudan", "Myanmar", "militer", "military", "troops"]

[[topics]]
id = "bencana"
keywords = ["banjir", "flood", "gempa", "earthquake", "longsor", "landslide", "korban", "victims",
            "tewas", "killed", "meninggal", "dead", "pengungsi", "evacuated"]

[[topics]]
id = "ekonomi"
keywords = ["inflasi", "inflation", "rupiah", "harga", "price", "persen", "percent", "anggaran",
            "budget", "triliun", "trillion", "miliar", "billion"]
"""

_REPLAY_CHILD = (
    "import sys; sys.path.insert(0, sys.argv[1]); from claimwatch.cli import main; "
    "raise SystemExit(main(sys.argv[2:]))"
)


def write_archive(path: Path, articles: Sequence[Article]) -> None:
    """One JSON line per article: url, source, title, lang, published (one a minute), text."""
    start = 1_730_419_200  # 2024-11-01T00:00:00Z
    with path.open("w", encoding="utf-8") as fh:
        for a in articles:
            published = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(start + 60 * a.index))
            rec = {"url": f"https://archive.example/read/{a.index}", "source": "archive.example",
                   "title": a.title, "lang": a.lang, "published": published, "text": a.text}
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")


def run_replay_cli(archive: Path, config: Path, jobs: int | None = 1) -> dict[str, Any]:
    """``claimwatch replay ARCHIVE --config CONFIG --format json --jobs JOBS`` in a child process
    (``jobs`` None: replay's default). CPU time counts the workers too (they are reaped)."""
    import os
    import subprocess

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        p = subprocess.Popen([sys.executable, "-c", _REPLAY_CHILD, str(ROOT), "replay", str(archive),
                              "--config", str(config), "--format", "json",
                              *(["--jobs", str(jobs)] if jobs is not None else [])], stdout=out, stderr=err)
        _, status, usage = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        alerts = sum(1 for line in out if line.strip())
        err.seek(0)
        errtext = err.read().decode("utf-8", "replace").strip()
    if p.returncode != 0:
        raise SystemExit(f"claimwatch replay exited {p.returncode}: {errtext[-600:]}")
    return {"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime, "alerts": alerts,
            "max_rss_mb": usage.ru_maxrss / 1024}


def measure_replay(n_articles: int) -> dict[str, Any]:
    """Replay throughput on ``n_articles`` synthetic articles, net of the CLI's start-up."""
    import tempfile as _tf

    from claimwatch.cli.commands import _load, _topics
    from claimwatch.extract import Extractor
    from claimwatch.topics import relevant_topics

    articles = build_corpus(n_articles, seed=SEED + 2)
    with _tf.TemporaryDirectory() as d:
        tmp = Path(d)
        cfg_path = tmp / "replay.toml"
        cfg_path.write_text(REPLAY_CONFIG, encoding="utf-8")
        archive = tmp / "archive.jsonl"
        write_archive(archive, articles)
        one = tmp / "one.jsonl"
        write_archive(one, articles[:1])
        matchers = _topics(_load(str(cfg_path)), Extractor())
        matched = sum(1 for a in articles if relevant_topics(matchers, a.title, a.text))
        startup = run_replay_cli(one, cfg_path)
        full = run_replay_cli(archive, cfg_path)
        from claimwatch.cli.commands import replay_jobs

        jobs = replay_jobs(None, archive)
        workers = run_replay_cli(archive, cfg_path, None) if jobs > 1 else None
        size = archive.stat().st_size
    net_wall = max(1e-9, full["wall_s"] - startup["wall_s"])
    net_cpu = max(1e-9, full["cpu_s"] - startup["cpu_s"])
    return {
        "articles": n_articles, "articles_on_a_topic": matched, "archive_mb": round(size / 1e6, 2),
        "alerts": full["alerts"], "wall_s": round(full["wall_s"], 2), "cpu_s": round(full["cpu_s"], 2),
        "startup_wall_s": round(startup["wall_s"], 2), "startup_cpu_s": round(startup["cpu_s"], 2),
        "articles_per_s_wall": round(n_articles / full["wall_s"], 1),
        "articles_per_s_cpu": round(n_articles / full["cpu_s"], 1),
        "articles_per_s_wall_net": round((n_articles - 1) / net_wall, 1),
        "articles_per_s_cpu_net": round((n_articles - 1) / net_cpu, 1),
        "max_rss_mb": round(full["max_rss_mb"], 1),
        # replay's default on this archive: worker processes read, the main one tracks
        "workers": None if workers is None else {
            "jobs": jobs, "wall_s": round(workers["wall_s"], 2), "cpu_s": round(workers["cpu_s"], 2),
            "same_alerts": workers["alerts"] == full["alerts"],
            "articles_per_s_wall": round(n_articles / workers["wall_s"], 1),
            "articles_per_s_wall_net": round((n_articles - 1) / max(1e-9, workers["wall_s"] - startup["wall_s"]), 1),
            "speedup_wall": round(full["wall_s"] / workers["wall_s"], 2),
            "max_rss_mb": round(workers["max_rss_mb"], 1),
        },
    }


# ---------------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------------


def _fmt_bytes(n: float) -> str:
    return f"{n / 1e6:.2f} MB" if n >= 1e6 else f"{n / 1e3:.1f} kB"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help=f"1 timed repeat over {QUICK_ARTICLES} articles "
                             f"(default: {FULL_REPEATS} repeats over {FULL_ARTICLES})")
    parser.add_argument("--articles", type=int, default=None, help="corpus size override")
    parser.add_argument("--dense", type=int, default=None, metavar="N",
                        help=f"dense pages ({DENSE_PARAGRAPHS} paragraphs of figure-bearing sentences) "
                             f"timed beside the light ones (default {FULL_DENSE}, quick {QUICK_DENSE})")
    parser.add_argument("--replay", type=int, default=None, metavar="N",
                        help=f"articles in the synthetic archive for `claimwatch replay` "
                             f"(default {FULL_REPLAY}, quick {QUICK_REPLAY}; 0 skips it)")
    args = parser.parse_args(argv)
    n_dense = args.dense if args.dense is not None else (QUICK_DENSE if args.quick else FULL_DENSE)
    n_replay = args.replay if args.replay is not None else (QUICK_REPLAY if args.quick else FULL_REPLAY)
    if n_dense < 0 or n_replay < 0:
        parser.error("--dense and --replay must not be negative")
    repeats = QUICK_REPEATS if args.quick else FULL_REPEATS
    n_articles = args.articles or (QUICK_ARTICLES if args.quick else FULL_ARTICLES)
    if n_articles < 1:
        parser.error("--articles must be positive")

    # Measure this checkout, whatever the venv's install points at.
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))

    wall_start = time.perf_counter()
    result: dict[str, Any] = {
        "bench": "extract",
        "mode": "quick" if args.quick else "full",
        "seed": SEED,
        "repeats": repeats,
        "python": platform.python_version(),
        "platform": platform.platform(terse=True),
    }

    # -- imports and construction -------------------------------------------------------------
    t0 = time.perf_counter()
    from claimwatch.extract import Extractor
    import_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    ex = Extractor()
    construct_cold_s = time.perf_counter() - t0
    warm: list[float] = []
    for _ in range(CONSTRUCT_REPEATS):
        t0 = time.perf_counter()
        Extractor()
        warm.append(time.perf_counter() - t0)
    construct_warm_s = statistics.median(warm)

    t0 = time.perf_counter()
    from scrapers.html_text import html_to_text
    html_import_s = time.perf_counter() - t0

    # -- corpus -------------------------------------------------------------------------------
    t0 = time.perf_counter()
    articles = build_corpus(n_articles)
    page_rng = random.Random(SEED + 1)
    pools = _load_pools()
    for art in articles:
        art.page = build_page(art, page_rng, pools[art.lang])
    corpus_s = time.perf_counter() - t0
    texts = [a.text for a in articles]
    pages = [a.page for a in articles]
    text_bytes = sum(len(t.encode("utf-8")) for t in texts)
    page_bytes = sum(len(p.encode("utf-8")) for p in pages)
    n_id = sum(1 for a in articles if a.lang == "id")
    units = [a.units for a in articles]

    print("ClaimWatch extraction benchmark")
    print(f"  python {result['python']} on {result['platform']}; "
          f"{'quick' if args.quick else 'full'} run, median of {repeats} timed repeat(s) "
          f"after 1 warm-up pass")
    print(f"  corpus: {n_articles} articles ({n_id} id, {n_articles - n_id} en), "
          f"{min(units)}–{max(units)} sentences each (mean {statistics.mean(units):.1f}), "
          f"text {_fmt_bytes(text_bytes)}, HTML {_fmt_bytes(page_bytes)} "
          f"(mean {page_bytes / n_articles / 1e3:.1f} kB/page); built in {corpus_s:.2f} s")
    print()

    # -- 1. text throughput -------------------------------------------------------------------
    t0 = time.perf_counter()
    ex.extract(texts[0], lang="auto")
    first_call_s = time.perf_counter() - t0  # with the fresh extractor's caches still cold
    counts = {"figures": 0, "statements": 0}

    def run_text(text: str) -> None:
        ex.extract(text, lang="auto")

    text_t = time_pass(run_text, texts, repeats)
    for t in texts:
        r = ex.extract(t, lang="auto")
        counts["figures"] += len(r.figures)
        counts["statements"] += len(r.statements)
    med = text_t.median_total
    print("1. Text → claims  (Extractor().extract(text, lang='auto'))")
    print(f"   import claimwatch.extract      {import_s * 1e3:8.1f} ms")
    print(f"   Extractor() first / warm       {construct_cold_s * 1e3:8.1f} ms / "
          f"{construct_warm_s * 1e3:.2f} ms (median of {CONSTRUCT_REPEATS})")
    print(f"   first extract() call           {first_call_s * 1e3:8.1f} ms")
    print(f"   throughput                     {n_articles / med:8.1f} articles/s, "
          f"{text_bytes / med / 1e6:.3f} MB/s")
    print(f"   per article                    {text_t.ms_mean(n_articles):8.2f} ms mean, "
          f"p50 {text_t.ms_pct(0.5):.2f}, p95 {text_t.ms_pct(0.95):.2f}")
    print(f"   found                          {counts['figures']} figures, "
          f"{counts['statements']} statements "
          f"({counts['figures'] / n_articles:.1f} figures/article)")
    print(f"   repeats (s)                    {', '.join(f'{x:.3f}' for x in text_t.totals)}")
    print()

    # -- 3. peak memory (separate pass: tracemalloc slows execution) ---------------------------
    gc.collect()
    tracemalloc.start()
    base_current, _ = tracemalloc.get_traced_memory()
    tracemalloc.reset_peak()
    for t in texts:
        ex.extract(t, lang="auto")
    end_current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    peak_over = peak - base_current
    retained = end_current - base_current

    # -- 2. HTML → claims vs trafilatura -------------------------------------------------------
    traf = load_trafilatura()

    def run_ours_text(page: str) -> None:
        html_to_text(page)

    def run_ours_full(page: str) -> None:
        ex.extract(html_to_text(page), lang="auto")

    ours_text_t = time_pass(run_ours_text, pages, repeats)
    ours_full_t = time_pass(run_ours_full, pages, repeats)
    traf_t: Timing | None = None
    if traf.module is not None:
        traf_extract = traf.module.extract

        def run_traf(page: str) -> None:
            traf_extract(page)

        traf_t = time_pass(run_traf, pages, repeats)

    # quality (untimed): does each path read the article, and only the article?
    q: dict[str, Any] = {}
    paths: list[tuple[str, Callable[[str], str]]] = [("ours", html_to_text)]
    if traf.module is not None:
        traf_mod = traf.module
        paths.append(("trafilatura", lambda page: traf_mod.extract(page) or ""))
    for name, conv in paths:
        recalls: list[float] = []
        extra_lines = pages_extra = figs = stmts = empty = 0
        for art in articles:
            out = conv(art.page)
            empty += not out.strip()
            rec, extra = read_check(art, out)
            recalls.append(rec)
            extra_lines += extra
            pages_extra += extra > 0
            res = ex.extract(out, lang="auto")
            figs += len(res.figures)
            stmts += len(res.statements)
        q[name] = {
            "paragraph_recall": round(statistics.mean(recalls), 4),
            "pages_complete": sum(1 for x in recalls if x == 1.0),
            "pages_empty": empty,
            "extra_lines_per_page": round(extra_lines / n_articles, 2),
            "pages_with_extra_lines": pages_extra,
            "figures": figs,
            "statements": stmts,
        }

    o_text = ours_text_t.ms_mean(n_articles)
    o_full = ours_full_t.ms_mean(n_articles)
    text_ms = text_t.ms_mean(n_articles)
    # what (b) would cost if html_to_text handed the whole body to the extractor
    o_projected = o_text + text_ms
    t_ms = traf_t.ms_mean(n_articles) if traf_t else None
    ratio_text = o_text / t_ms if t_ms else None
    ratio_full = o_full / t_ms if t_ms else None
    ratio_projected = o_projected / t_ms if t_ms else None
    shim_invalid = bool(traf.shim_calls)
    ours_recall = q["ours"]["paragraph_recall"]
    problems: list[str] = []
    if t_ms is None:
        problems.append(f"trafilatura unavailable ({traf.error})")
    if shim_invalid:
        problems.append("the lxml.html.clean stand-in was called")
    if ours_recall < 0.95:
        problems.append(
            f"our html_to_text kept only {ours_recall:.0%} of the article paragraphs, so (b) "
            "times the extractor on a near-empty text"
        )
    goal_timing = (o_full <= t_ms) if t_ms else None
    goal = goal_timing if not problems else None
    goal_projected = (o_projected <= t_ms) if t_ms else None

    print("2. HTML → claims per article vs trafilatura (HTML → text only)")
    print(f"   import scrapers.html_text      {html_import_s * 1e3:8.1f} ms")
    print(f"   (a) ours html_to_text          {o_text:8.2f} ms/article "
          f"(p95 {ours_text_t.ms_pct(0.95):.2f})")
    print(f"   (b) ours html_to_text+extract  {o_full:8.2f} ms/article "
          f"(p95 {ours_full_t.ms_pct(0.95):.2f})")
    if traf_t is not None and t_ms is not None:
        note = "  [lxml.html.clean stand-in, see note]" if traf.shim else ""
        print(f"   (c) trafilatura.extract        {t_ms:8.2f} ms/article "
              f"(p95 {traf_t.ms_pct(0.95):.2f}; v{traf.version}){note}")
        print(f"   ratio (a)/(c)                  {ratio_text:8.2f}x")
        print(f"   ratio (b)/(c)                  {ratio_full:8.2f}x")
        print(f"   (a) + text extract, projected  {o_projected:8.2f} ms/article "
              f"= {ratio_projected:.2f}x (c)")
    else:
        print(f"   (c) trafilatura                unavailable: {traf.error}")
    if goal is not None:
        verdict = "HOLDS" if goal else "DOES NOT HOLD"
        print(f"   goal (b) ≤ (c), HTML→claims within trafilatura's HTML→text time: {verdict} "
              f"({o_full:.2f} vs {t_ms:.2f} ms)")
    else:
        print("   goal (b) ≤ (c): NOT JUDGEABLE: " + "; ".join(problems))
        if goal_timing is not None:
            print(f"     raw timing says {'yes' if goal_timing else 'no'} "
                  f"({o_full:.2f} vs {t_ms:.2f} ms); with the full body, projected "
                  f"{'yes' if goal_projected else 'no'} ({o_projected:.2f} ms)")
    if traf.shim:
        print("   note: trafilatura's import needs lxml_html_clean, which this venv lacks; a")
        print("         stand-in lxml.html.clean was used in this process only (jusText imports")
        print("         Cleaner, trafilatura never calls it). Stand-in calls: "
              f"{len(traf.shim_calls)}" + (" -> trafilatura numbers INVALID" if shim_invalid else ""))
        print("         Fix the environment: pip install lxml_html_clean")
    print("   reading check (untimed): article paragraphs found; extra non-article lines that")
    print("   survive the extractor's noise filter; claims extracted from that text")
    for name, d in q.items():
        print(f"     {name:<12} recall {d['paragraph_recall']:.3f} "
              f"({d['pages_complete']}/{n_articles} complete, {d['pages_empty']} empty), "
              f"extra lines {d['extra_lines_per_page']:.2f}/page on {d['pages_with_extra_lines']} "
              f"pages; {d['figures']} figures, {d['statements']} statements")
    print(f"     {'plain text':<12} {counts['figures']} figures, {counts['statements']} statements")
    print()

    print("3. Peak memory during the text-throughput pass (tracemalloc, separate untimed pass)")
    print(f"   peak above baseline            {_fmt_bytes(peak_over)}")
    print(f"   retained after the pass        {_fmt_bytes(retained)}")
    rss_mb: float | None = None
    try:
        import resource

        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kB
        print(f"   process max RSS (whole run)    {rss_mb:8.1f} MB")
    except (ImportError, AttributeError):
        pass
    print()

    # -- 4. light and dense pages, CPU and wall ---------------------------------------------
    sets: dict[str, dict[str, Any]] = {}
    traf_fn = traf.module.extract if traf.module is not None else None
    sets["light"] = measure_set(articles, ex, html_to_text, traf_fn, repeats)
    if n_dense:
        dense = build_dense_corpus(n_dense)
        dense_rng = random.Random(SEED + 4)
        for art in dense:
            art.page = build_page(art, dense_rng, pools[art.lang])
        sets["dense"] = measure_set(dense, ex, html_to_text, traf_fn, repeats)
    print(f"4. Light and dense pages (dense: {DENSE_PARAGRAPHS} paragraphs of 2–3 figure-bearing golden "
          f"sentences), median of {repeats}")
    print_sets(sets)
    print()

    # -- 5. claimwatch replay -------------------------------------------------------------------
    replay_r: dict[str, Any] | None = None
    if n_replay:
        replay_r = measure_replay(n_replay)
        rp = replay_r
        print(f"5. `claimwatch replay` on a synthetic {rp['articles']:,}-article archive "
              f"({rp['archive_mb']} MB of JSON lines; {rp['articles_on_a_topic']:,} on a topic), child process")
        print(f"   total                          {rp['wall_s']:8.2f} s wall, {rp['cpu_s']:.2f} s CPU; "
              f"{rp['alerts']:,} alerts; max RSS {rp['max_rss_mb']:.1f} MB")
        print(f"   start-up (1-article archive)   {rp['startup_wall_s']:8.2f} s wall, {rp['startup_cpu_s']:.2f} s CPU")
        print(f"   throughput                     {rp['articles_per_s_wall']:8.1f} articles/s wall, "
              f"{rp['articles_per_s_cpu']:.1f} per CPU-second")
        print(f"   net of start-up                {rp['articles_per_s_wall_net']:8.1f} articles/s wall, "
              f"{rp['articles_per_s_cpu_net']:.1f} per CPU-second  (one process: --jobs 1)")
        if (wk := rp["workers"]) is not None:
            print(f"   default: {wk['jobs']} reading workers    {wk['wall_s']:8.2f} s wall, {wk['cpu_s']:.2f} s CPU; "
                  f"{wk['articles_per_s_wall']:.1f} articles/s wall ({wk['articles_per_s_wall_net']:.1f} net), "
                  f"{wk['speedup_wall']:.2f}x one process; same alert count: {wk['same_alerts']}")
    wall = time.perf_counter() - wall_start
    print()
    print(f"total wall time {wall:.1f} s")

    def r(x: float | None, nd: int = 3) -> float | None:
        return None if x is None else round(x, nd)

    result.update({
        "corpus": {
            "articles": n_articles, "articles_id": n_id, "articles_en": n_articles - n_id,
            "sentences_min": min(units), "sentences_max": max(units),
            "sentences_mean": r(statistics.mean(units), 2),
            "text_bytes": text_bytes, "html_bytes": page_bytes,
            "html_kb_per_page": r(page_bytes / n_articles / 1e3, 1),
        },
        "text": {
            "import_ms": r(import_s * 1e3),
            "construct_first_ms": r(construct_cold_s * 1e3),
            "construct_warm_ms": r(construct_warm_s * 1e3),
            "first_extract_ms": r(first_call_s * 1e3),
            "articles_per_s": r(n_articles / med, 2),
            "mb_per_s": r(text_bytes / med / 1e6, 4),
            "ms_per_article": r(text_t.ms_mean(n_articles)),
            "ms_p50": r(text_t.ms_pct(0.5)),
            "ms_p95": r(text_t.ms_pct(0.95)),
            "repeat_s": [r(x, 4) for x in text_t.totals],
            "figures": counts["figures"],
            "statements": counts["statements"],
        },
        "html": {
            "import_html_text_ms": r(html_import_s * 1e3),
            "ours_html_to_text_ms": r(o_text),
            "ours_html_to_text_p95_ms": r(ours_text_t.ms_pct(0.95)),
            "ours_full_ms": r(o_full),
            "ours_full_p95_ms": r(ours_full_t.ms_pct(0.95)),
            "trafilatura_ms": r(t_ms),
            "trafilatura_p95_ms": r(traf_t.ms_pct(0.95)) if traf_t else None,
            "trafilatura_version": traf.version,
            "trafilatura_error": traf.error,
            "trafilatura_lxml_clean_stand_in": traf.shim,
            "trafilatura_stand_in_calls": len(traf.shim_calls),
            "ratio_html_to_text_vs_trafilatura": r(ratio_text),
            "ratio_full_vs_trafilatura": r(ratio_full),
            "ours_full_projected_ms": r(o_projected),
            "ratio_projected_vs_trafilatura": r(ratio_projected),
            "goal_full_le_trafilatura": goal,
            "goal_raw_timing": goal_timing,
            "goal_projected": goal_projected,
            "goal_problems": problems,
            "quality": q,
        },
        "memory": {
            "tracemalloc_peak_bytes": peak_over,
            "tracemalloc_retained_bytes": retained,
            "max_rss_mb": r(rss_mb, 1),
        },
        "pages": sets,
        "replay": replay_r,
        "wall_s": r(wall, 2),
    })
    print(json.dumps(result, ensure_ascii=False, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
