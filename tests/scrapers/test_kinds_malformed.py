"""Malformed and odd bodies: every kind either returns a sane ``Listing`` or raises a one-line
``ParseError`` — never another exception, never an endless parse, never an expanded entity.

Cases are generated (truncations at many cut points, encodings, junk, sizes) and hand-written.
Every ``Listing`` is checked for the invariants the poller relies on: canonical http(s) URLs,
aware UTC dates, one-line titles, at most ``max_items`` items.
"""

from __future__ import annotations

import gzip
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from scrapers.kinds import Listing, ParseError, get_kind
from scrapers.urls import canonical_url

FIXTURES = Path(__file__).parent / "fixtures" / "kinds"
NOW = datetime(2025, 3, 14, 6, 0, tzinfo=UTC)
TIME_LIMIT = 30.0  # seconds per case: a sanity bound against runaway parsing, not a benchmark
URLS = {"rss": "https://www.wartanusantara.example/rss/nasional.xml",
        "search": "https://news.google.com/rss/search?q=banjir",
        "sitemap": "https://news.beritacepat.example/sitemap-news.xml",
        "html": "https://daerah.kabarlokal.example/terkini"}
OPTIONS: dict[str, dict[str, Any]] = {"rss": {}, "search": {}, "sitemap": {"max_age": "3650d"},
                                      "html": {"link_selector": "a"}}


@dataclass
class Case:
    id: str
    kind: str
    body: bytes | Callable[[], bytes]
    content_type: str | None = None
    options: dict[str, Any] = field(default_factory=dict)
    min_items: int = 0  # the body is readable enough that at least this many items must come out
    max_items: int | None = None  # and at most this many
    check: Callable[[Listing], None] | None = None


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def rss(items: str, decl: str = '<?xml version="1.0" encoding="utf-8"?>', extra: str = "") -> str:
    return f'{decl}{extra}<rss version="2.0"><channel><title>Uji</title>{items}</channel></rss>'


def item(title: str = "Banjir", link: str = "https://kabar.example/a", date: str = "") -> str:
    pub = f"<pubDate>{date}</pubDate>" if date else ""
    return f"<item><title>{title}</title><link>{link}</link>{pub}</item>"


def urlset(urls: str, decl: str = '<?xml version="1.0" encoding="UTF-8"?>') -> str:
    return f'{decl}<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'


def url(loc: str = "https://kabar.example/a", lastmod: str = "") -> str:
    lm = f"<lastmod>{lastmod}</lastmod>" if lastmod else ""
    return f"<url><loc>{loc}</loc>{lm}</url>"


def lol_doctype(root: str) -> str:
    ents = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10 if i else "haha"}">' for i in range(10))
    return f"<!DOCTYPE {root} [{ents}]>"


def _cases() -> list[Case]:
    cases: list[Case] = []
    rng = random.Random(20250314)

    # 1. truncations at many cut points (feeds, sitemaps, pages)
    for name, kind, cuts in (("rss-id-berita.xml", "rss", 14), ("rss-en-atom.xml", "rss", 6),
                             ("rss-rdf-daerah.rdf", "rss", 4), ("sitemap-news.xml", "sitemap", 8),
                             ("sitemap-index.xml", "sitemap", 4), ("search-google-news.xml", "search", 4),
                             ("html-listing-terkini.html", "html", 4)):
        data = fixture(name)
        for i in range(1, cuts + 1):
            cut = len(data) * i // (cuts + 1)
            cases.append(Case(f"truncated-{name}-{cut}", kind, data[:cut]))
    # cut inside a link: the damaged last entry must not leak a half URL
    data = fixture("rss-id-berita.xml")
    cases.append(Case("truncated-inside-link", "rss", data[: data.index(b"bnpb-catat") + 4],
                      check=lambda lst: _no_url_contains(lst, "bnpb")))
    data = fixture("sitemap-news.xml")
    cases.append(Case("sitemap-truncated-inside-loc", "sitemap", data[: data.index(b"english-edition") + 7],
                      options={"max_age": "3650d"}, min_items=2, check=lambda lst: _no_url_contains(lst, "english")))

    # 2. encodings
    feed_kafe = rss(item("Kafé “Rindu” di Depok Terendam", "https://kabar.example/kafe"))
    cases += [
        Case("latin1-declared-utf8", "rss", feed_kafe.replace("“", '"').replace("”", '"').encode("latin-1"), min_items=1),
        Case("cp1252-smart-quotes-declared-utf8", "rss", feed_kafe.encode("cp1252"), min_items=1),
        Case("cp1252-declared-windows-1252", "rss",
             feed_kafe.replace("utf-8", "windows-1252").encode("cp1252"), min_items=1,
             check=lambda lst: _title_is(lst, "Kafé “Rindu” di Depok Terendam")),
        Case("cp1252-no-declaration", "rss", feed_kafe.split("?>", 1)[1].encode("cp1252"), min_items=1),
        Case("utf8-declared-latin1", "rss", feed_kafe.replace("utf-8", "iso-8859-1").encode("utf-8"), min_items=1),
        Case("utf16-with-bom", "rss", feed_kafe.replace("utf-8", "utf-16").encode("utf-16"), min_items=1,
             check=lambda lst: _title_is(lst, "Kafé “Rindu” di Depok Terendam")),
        Case("utf16le-without-bom", "rss", feed_kafe.replace("utf-8", "utf-16").encode("utf-16-le")),
        Case("utf16be-without-bom-undeclared", "rss", feed_kafe.split("?>", 1)[1].encode("utf-16-be")),
        Case("utf32-with-bom", "rss", feed_kafe.replace("utf-8", "utf-32").encode("utf-32")),
        Case("unknown-declared-encoding", "rss", feed_kafe.replace("utf-8", "x-klingon").encode()),
        Case("content-type-charset-lies", "rss", feed_kafe.encode("utf-8"), "text/xml; charset=us-ascii", min_items=1),
        Case("sitemap-latin1-declared-utf8", "sitemap",
             urlset(url("https://kabar.example/kafé")).encode("latin-1"), min_items=1,
             check=lambda lst: _urls_are(lst, ["https://kabar.example/kaf%C3%A9"])),
        Case("sitemap-utf16-with-bom", "sitemap",
             urlset(url(), '<?xml version="1.0" encoding="UTF-16"?>').encode("utf-16"), min_items=1),
        Case("sitemap-utf16le-without-bom", "sitemap",
             urlset(url(), '<?xml version="1.0" encoding="UTF-16"?>').encode("utf-16-le")),
        Case("html-utf16-with-bom", "html", '<a href="/berita/kafé">Kafé</a>'.encode("utf-16"), min_items=1),
        Case("html-bogus-charset", "html", '<a href="/berita/x">Kafé</a>'.encode("cp1252"),
             "text/html; charset=x-klingon", min_items=1),
        Case("html-cp1252-undeclared", "html", '<a href="/berita/x">“Kami kewalahan”</a>'.encode("cp1252"), min_items=1),
    ]

    # 3. empty and whitespace-only bodies, for every kind
    for kind in ("rss", "sitemap", "html", "search"):
        cases.append(Case(f"{kind}-empty", kind, b""))
        cases.append(Case(f"{kind}-whitespace", kind, b" \n\t\r\n   "))
        cases.append(Case(f"{kind}-bom-only", kind, b"\xef\xbb\xbf"))

    # 4. binary junk
    junk = bytes(rng.getrandbits(8) for _ in range(4096))
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06" + junk[:64]
    for kind in ("rss", "sitemap", "html"):
        cases.append(Case(f"{kind}-random-bytes", kind, junk))
        cases.append(Case(f"{kind}-png", kind, png, "image/png"))
        cases.append(Case(f"{kind}-gzip-of-garbage", kind, gzip.compress(junk)))
        cases.append(Case(f"{kind}-nul-bytes", kind, b"\x00" * 1000))
    cases += [
        Case("sitemap-truncated-gzip", "sitemap", fixture("sitemap-gz-arsip.xml.gz")[:120]),
        Case("sitemap-gzip-magic-only", "sitemap", b"\x1f\x8b"),
        Case("sitemap-gzip-bomb", "sitemap", lambda: gzip.compress(b"<urlset>" + b"\n" * 12_000_000)),
        Case("rss-gzipped-feed", "rss", gzip.compress(fixture("rss-id-berita.xml")), min_items=5),
    ]

    # 5. the wrong kind of document
    page = fixture("html-listing-terkini.html")
    cases += [
        Case("html-served-as-feed", "rss", page, "application/rss+xml"),
        Case("html-served-as-sitemap", "sitemap", page, "application/xml"),
        Case("html-served-as-search-feed", "search", page),
        Case("json-as-feed", "rss", b'{"items": [{"url": "https://kabar.example/a"}]}', "application/json"),
        Case("json-as-sitemap", "sitemap", b'{"urlset": []}', "application/json"),
        Case("json-as-html", "html", b'{"a": "<a href=\\"/x\\">x</a>"}', "application/json"),
        Case("feed-as-html-listing", "html", fixture("rss-id-berita.xml"), "text/html"),
        Case("sitemap-as-feed", "rss", fixture("sitemap-news.xml")),
        Case("plain-text-url-list-as-sitemap", "sitemap", b"https://kabar.example/a\nhttps://kabar.example/b\n"),
        Case("body-is-a-path", "rss", b"/etc/passwd"),
        Case("body-is-a-url", "sitemap", b"https://kabar.example/sitemap.xml"),
    ]

    # 6. sizes
    def huge_feed() -> bytes:
        return rss("".join(item(f"Berita {i}", f"https://kabar.example/b/{i}?utm_source=x",
                                f"Fri, 14 Mar 2025 {i % 24:02d}:{i % 60:02d}:00 +0700") for i in range(10_000))).encode()

    def sitemap_50001() -> bytes:
        return urlset("".join(url(f"https://kabar.example/b/{i}", f"2025-03-{1 + i % 14:02d}")
                              for i in range(50_001))).encode()

    def nested_divs() -> bytes:
        n = 10_000_000 // 11
        return b"<html><body>" + b"<div>" * n + b'<a href="/x">x</a>' + b"</div>" * n + b"</body></html>"

    cases += [
        Case("rss-10000-items", "rss", huge_feed, options={"max_items": 100}, min_items=100, max_items=100),
        Case("sitemap-50001-urls", "sitemap", sitemap_50001, options={"max_age": "3650d"},
             min_items=200, max_items=200),
        Case("html-10mb-nested-divs", "html", nested_divs),
        Case("html-5000-links", "html", lambda: ("".join(f'<a href="/b/{i}">B {i}</a>' for i in range(5000))).encode(),
             min_items=50, max_items=50),
        Case("rss-1mb-title", "rss", rss(item("x" * 1_000_000)).encode(), min_items=1,
             check=lambda lst: _title_len_at_most(lst, 500)),
        Case("sitemap-index-10000-children", "sitemap",
             ("<sitemapindex>" + "".join(f"<sitemap><loc>https://kabar.example/s{i}.xml</loc></sitemap>"
                                         for i in range(10_000)) + "</sitemapindex>").encode(),
             check=lambda lst: _children_at_most(lst, 5)),
        Case("rss-deeply-nested", "rss", lambda: rss("<x>" * 100_000 + "</x>" * 100_000 + item()).encode()),
        Case("sitemap-deeply-nested", "sitemap", lambda: ("<urlset>" + "<x>" * 100_000 + "</urlset>").encode()),
        Case("rss-10000-char-url", "rss", rss(item(link="https://kabar.example/" + "a" * 10_000)).encode()),
    ]

    # 7. links
    cases += [
        Case("rss-items-without-links", "rss", rss(item(link="") * 3).encode(), max_items=0),
        Case("rss-javascript-links", "rss",
             rss(item(link="javascript:alert(1)") + item(link="mailto:a@kabar.example")
                 + item(link="data:text/html,x") + item(link="file:///etc/passwd")).encode(), max_items=0),
        Case("rss-control-chars-in-link", "rss", rss(item(link="https://kabar.example/a\tb\x0bc")).encode()),
        Case("rss-duplicate-guids-and-links", "rss",
             rss("<item><guid>g1</guid><link>https://kabar.example/a</link></item>" * 50).encode(),
             min_items=1, max_items=1),
        Case("sitemap-javascript-locs", "sitemap",
             urlset(url("javascript:void(0)") + url("  ") + url("ftp://kabar.example/x")).encode(), max_items=0),
        Case("sitemap-missing-locs", "sitemap", urlset("<url><lastmod>2025-03-14</lastmod></url>" * 5).encode(), max_items=0),
        Case("html-base-href-javascript", "html",
             b'<base href="javascript:alert(1)"><a href="/berita/a">A</a><a href="javascript:x()">J</a>', min_items=1),
        Case("html-anchors-without-href", "html", b"<a name='atas'>x</a><a>y</a><a href=''>z</a>"),
        Case("html-only-other-hosts", "html", b'<a href="https://lain.example/a">A</a>', max_items=0),
    ]

    # 8. dates
    dated = [("unparsable", "kemarin sore"), ("future", "Sat, 14 Mar 2099 10:00:00 +0700"),
             ("year-0001", "Mon, 01 Jan 0001 00:00:00 +0000"), ("year-9999", "Fri, 31 Dec 9999 23:59:59 +0000"),
             ("bad-offset", "Fri, 14 Mar 2025 10:00:00 +9900"), ("month-13", "2025-13-45T99:99:99Z")]
    for name, date in dated:
        cases.append(Case(f"rss-date-{name}", "rss", rss(item(date=date)).encode(), min_items=1))
        cases.append(Case(f"sitemap-date-{name}", "sitemap", urlset(url(lastmod=date)).encode(),
                          options={"max_age": "1d"}, min_items=1))
    cases.append(Case("sitemap-date-year-0001-iso", "sitemap", urlset(url(lastmod="0001-01-01T00:00:00Z")).encode(),
                      options={"max_age": "1d"}, min_items=1))

    # 9. entities: billion laughs, quadratic blow-up, external entities and DTDs
    big = "A" * 50_000
    cases += [
        Case("rss-billion-laughs", "rss", (rss(item("&l9;"), extra=lol_doctype("rss"))).encode()),
        Case("sitemap-billion-laughs", "sitemap", urlset(url("&l9;"), '<?xml version="1.0"?>' + lol_doctype("urlset")).encode()),
        Case("rss-quadratic-blowup", "rss",
             rss(item("&a;" * 2000), extra=f'<!DOCTYPE rss [<!ENTITY a "{big}">]>').encode(),
             check=lambda lst: _title_len_at_most(lst, 500)),
        Case("sitemap-quadratic-blowup", "sitemap",
             urlset(url("https://kabar.example/" + "&a;" * 2000),
                    f'<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY a "{big}">]>').encode()),
        Case("rss-external-dtd", "rss",
             rss(item(), extra='<!DOCTYPE rss SYSTEM "http://127.0.0.1:9/rss.dtd">').encode(), min_items=1),
        Case("sitemap-external-dtd", "sitemap",
             urlset(url(), '<?xml version="1.0"?><!DOCTYPE urlset SYSTEM "http://127.0.0.1:9/s.dtd">').encode(),
             min_items=1),
        Case("rss-parameter-entity", "rss",
             rss(item(), extra='<!DOCTYPE rss [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>').encode(),
             check=lambda lst: _no_text(lst, "root:")),
        Case("sitemap-parameter-entity", "sitemap",
             urlset(url(), '<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>').encode(),
             check=lambda lst: _no_text(lst, "root:")),
        Case("rss-xxe-passwd", "rss",
             rss(item("&x;"), extra='<!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>').encode(),
             check=lambda lst: _no_text(lst, "root:")),
        Case("sitemap-xxe-passwd-in-loc", "sitemap",
             urlset(url("https://kabar.example/&x;"),
                    '<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY x SYSTEM "file:///etc/passwd">]>').encode(),
             check=lambda lst: _no_text(lst, "root")),
    ]

    # 10. odd but readable structure
    cases += [
        Case("rss-unterminated-cdata", "rss", rss("<item><title><![CDATA[Banjir</title>"
                                                   "<link>https://kabar.example/a</link></item>").encode()),
        Case("rss-unescaped-ampersand", "rss", rss(item("Banjir & Longsor", "https://kabar.example/a?x=1&y=2")).encode(),
             min_items=1),
        Case("rss-undefined-html-entities", "rss", rss(item("Banjir&nbsp;Bandang &mdash; Update")).encode(), min_items=1),
        Case("atom-without-namespace", "rss",
             b"<feed><entry><title>A</title><link href='https://kabar.example/a'/></entry></feed>"),
        Case("rss-nested-rss", "rss", rss(rss(item(), decl="")).encode()),
        Case("sitemap-nested-urlset", "sitemap", urlset(urlset(url(), decl="")).encode()),
        Case("sitemap-index-and-urls-mixed", "sitemap",
             (b"<sitemapindex><sitemap><loc>https://kabar.example/s1.xml</loc></sitemap>"
              b"<url><loc>https://kabar.example/a</loc></url></sitemapindex>")),
        Case("rss-trailing-junk-after-root", "rss",
             fixture("rss-id-berita.xml") + b"<!-- cache: HIT -->\n<script>hitung()</script>\n", min_items=5),
        Case("sitemap-trailing-junk-after-root", "sitemap",
             fixture("sitemap-news.xml") + b"\n<p>Generated in 0.02s</p>\n", options={"max_age": "3650d"},
             min_items=6),
        Case("html-broken-markup", "html", b"<html><body><a href='/a'>A<a href='/b'>B</p></div></td><a href=/c>C",
             min_items=3),
    ]
    return cases


def _no_url_contains(listing: Listing, word: str) -> None:
    assert not any(word in i.url for i in listing.items), [i.url for i in listing.items]


def _urls_are(listing: Listing, urls: list[str]) -> None:
    assert [i.url for i in listing.items] == urls


def _title_is(listing: Listing, title: str) -> None:
    assert listing.items[0].title == title


def _title_len_at_most(listing: Listing, n: int) -> None:
    assert all(len(i.title or "") <= n for i in listing.items)


def _children_at_most(listing: Listing, n: int) -> None:
    assert len(listing.children) <= n


def _no_text(listing: Listing, text: str) -> None:
    assert text not in repr(listing)


CASES = _cases()


def test_there_are_at_least_seventy_cases() -> None:
    assert len(CASES) >= 70
    assert len({c.id for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id) for c in CASES])
def test_malformed_input_gives_a_listing_or_a_parse_error(case: Case) -> None:
    body = case.body() if callable(case.body) else case.body
    kind = get_kind(case.kind)
    options = kind.parse_options({**OPTIONS[case.kind], **case.options})
    start = time.perf_counter()
    try:
        listing = kind.parse(body, URLS[case.kind], case.content_type, options, NOW)
    except ParseError as exc:
        message = str(exc)
        assert message and message == message.strip() and "\n" not in message and "\r" not in message
        assert case.min_items == 0, f"expected items, got ParseError: {message}"
        listing = None
    assert time.perf_counter() - start < TIME_LIMIT
    if listing is None:
        return
    assert isinstance(listing, Listing)
    assert len(listing.items) >= case.min_items
    if case.max_items is not None:
        assert len(listing.items) <= case.max_items
    assert len(listing.items) <= getattr(options, "max_items", 10**9)
    assert listing.skipped >= 0
    for it in listing.items:
        assert it.url.startswith(("http://", "https://")) and canonical_url(it.url) == it.url
        for dt in (it.published, it.updated):
            assert dt is None or (dt.tzinfo is UTC and dt <= datetime(2025, 3, 17, tzinfo=UTC))
        assert it.title is None or (it.title and "\n" not in it.title)
    for child in listing.children:
        assert canonical_url(child) == child
    if case.check is not None:
        case.check(listing)
