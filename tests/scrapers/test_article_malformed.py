"""Junk in, no exception out: ``extract_article`` on malformed, odd and hostile pages.

Every case must return a :class:`PageArticle` whose text and title carry no control
characters; many cases also check what a sensible reading is (empty text for binary data,
the right characters for mis-declared encodings, no date for impossible ones).
"""

from __future__ import annotations

import gzip
import json
import random
import re
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from claimwatch.models import SiteProfile
from scrapers.article import PageArticle, decode_page, extract_article

PAGES = Path(__file__).parent / "fixtures" / "pages"
LIPUTAN6 = (PAGES / "liputan6_like.html").read_bytes()
URL = "https://www.contoh.example/read/1"
NOW = datetime(2024, 11, 1, tzinfo=UTC)
WIB = timezone(timedelta(hours=7))
CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")

PARA = ("Badan Penanggulangan Bencana Daerah mencatat sebanyak 120 warga mengungsi dan dua rumah "
        "rusak berat akibat banjir yang terjadi di desa itu sejak Selasa malam.")


def page(body: str, head: str = "", html_attrs: str = 'lang="id"') -> str:
    return f"<!DOCTYPE html><html {html_attrs}><head>{head}</head><body>{body}</body></html>"


def ld(obj: str) -> str:
    return f'<script type="application/ld+json">{obj}</script>'


def sane(art: object) -> PageArticle:
    assert isinstance(art, PageArticle)
    assert isinstance(art.text, str)
    assert not CONTROL.search(art.text), repr(art.text[:200])
    assert art.title is None or (isinstance(art.title, str) and not CONTROL.search(art.title))
    assert art.title is None or len(art.title) <= 500
    assert art.published is None or art.published.tzinfo is not None
    assert art.lang in (None, "id", "en")
    assert art.url == URL
    return art


RNG = random.Random(1234)
RANDOM_BYTES = bytes(RNG.randrange(256) for _ in range(8192))
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + RANDOM_BYTES[:2000]

# (id, input, expect empty text: True / False / None for "either")
CASES: list[tuple[str, bytes | str, bool | None]] = [
    ("empty-bytes", b"", True),
    ("empty-str", "", True),
    ("whitespace", "  \n\t \r\n  ", True),
    ("bom-and-spaces", b"\xef\xbb\xbf   \n", True),
    ("random-bytes", RANDOM_BYTES, True),
    ("png", PNG, True),
    ("jpeg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + RANDOM_BYTES[:500], True),
    ("pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <</Type/Catalog>> endobj", True),
    ("zip", b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + RANDOM_BYTES[:300], True),
    ("gzip-of-junk", gzip.compress(RANDOM_BYTES), True),
    ("gzip-truncated", gzip.compress(LIPUTAN6)[:40], True),
    ("nul-bytes", b"\x00" * 4096, True),
    ("plain-text-no-markup", PARA * 3, True),
    ("lone-angle-brackets", "<<<<>>>> < > <", True),
    ("unclosed-tags", "<html><body><div><p>" + PARA + " <b>tebal <i>miring <p>" + PARA, False),
    ("stray-closers", "</div></p></body>" + "<p>" + PARA + "</p></html></html>", False),
    ("broken-attributes", '<div class=">"<p id=\'x>' + PARA + '</p><a href="javascript:', None),
    ("script-only", "<html><head><script>var a = '<p>not text</p>';</script></head>"
                    "<body><script>document.write('" + PARA + "')</script></body></html>", True),
    ("style-only", "<html><head><style>body{color:red}</style></head><body><style>p{}</style>"
                   "</body></html>", True),
    ("comments-only", "<html><body><!-- " + PARA + " --><!-- x --></body></html>", True),
    ("noise-only", page(
        "<nav><a href='/'>Beranda</a><a href='/n'>Nasional</a></nav>"
        "<div class='baca-juga'>Baca Juga: <a href='/1'>Banjir Lagi</a></div>"
        "<p>ADVERTISEMENT</p><p>SCROLL TO CONTINUE WITH CONTENT</p><p>Baca juga:</p>"
        "<div class='share'><a>Facebook</a><a>WhatsApp</a></div><p>Editor: Ayu Lestari</p>"
        "<p>Tags: banjir, bpbd</p><p>Iklan</p><footer>Hak Cipta 2024</footer>"), True),
    ("frameset", "<html><frameset cols='50%,50%'><frame src='a.html'><frame src='b.html'>"
                 "</frameset></html>", True),
    ("rss-feed", "<?xml version='1.0'?><rss version='2.0'><channel><title>Feed</title><item>"
                 "<title>Judul</title><description>" + PARA + "</description></item></channel>"
                 "</rss>", False),
    ("control-chars", page("<p>" + PARA + "\x00\x01\x07\x1b[31m\x7f\x85 selesai.</p>"), False),
    ("zero-width-and-bom", page("<p>\ufeff" + PARA.replace(" ", " \u200b") + "\u2028</p>"), False),
    ("bad-char-refs", page("<p>" + PARA + " &#0; &#xD800; &#x110000; &#1; &#x9f; &bogus;</p>"), False),
    ("lone-surrogate-str", page("<p>" + PARA + " \ud800 \udfff</p>"), False),
    ("huge-title", page("<p>" + PARA + "</p>", head="<title>\x07" + "Judul " * 5000 + "\x00</title>"),
     False),
    ("one-giant-word", page("<p>" + "a" * 1_000_000 + "</p>"), False),
    ("many-paragraphs", page("".join(f"<p>{i} {PARA}</p>" for i in range(5000))), False),
    ("ld-invalid-json", page("<p>" + PARA + "</p>",
                             ld('{"@type": "NewsArticle", "datePublished": "2024-10-24T10:00:00+07:00"')
                             ), False),
    ("ld-not-an-object", page("<p>" + PARA + "</p>", ld('"just a string"') + ld("42") + ld("null")
                              + ld("[1, 2, [3]]") + ld("true")), False),
    ("ld-date-types", page("<p>" + PARA + "</p>", ld(
        '[{"@type": "NewsArticle", "datePublished": 1729753500000},'
        ' {"@type": "Article", "datePublished": ["x", null, {"a": 1}]},'
        ' {"@type": 7, "datePublished": true}]')), False),
    ("ld-deeply-nested", page("<p>" + PARA + "</p>", ld("[" * 50_000 + "]" * 50_000)
                              + ld('{"@type": "NewsArticle", "datePublished": "2024-10-20"}')),
     False),
    ("ld-huge-graph", page("<p>" + PARA + "</p>", ld(json.dumps(
        {"@graph": [{"@type": "Thing", "n": i} for i in range(20_000)]}))), False),
    ("meta-odd-dates", page("<p>" + PARA + "</p>", "".join(
        f'<meta property="article:published_time" content="{v}">' for v in (
            "24.10.2024", "2024年10月24日", "yesterday", "0000-00-00 00:00:00", "-1", "1e308",
            "NaN", "2024-02-30T10:00:00", "T", "24 Oktober", "\x00\x01")) +
        '<meta name="pubdate" content="">'), False),
    ("year-9999", page("<p>" + PARA + "</p>",
                       '<meta property="article:published_time" content="9999-12-31T23:59:59-12:00">'
                       + ld('{"@type": "NewsArticle", "datePublished": "9999-12-31"}')), False),
    ("year-0001", page("<p>" + PARA + "</p>",
                       '<meta property="article:published_time" content="0001-01-01T00:00:00Z">'),
     False),
    ("time-tags-odd", page("<article><time datetime='soon'>later</time><time>"
                           + "9" * 500 + "</time><time datetime='99999-01-01'></time><p>"
                           + PARA + "</p></article>"), False),
    ("html-lang-zz", page("<p>" + PARA + "</p>", html_attrs='lang="zz"'), False),
    ("html-lang-garbage", page("<p>" + PARA + "</p>", html_attrs='lang="\x00--,;" xml:lang=""'),
     False),
    ("amp-lightning-attr", page("<p>" + PARA + "</p>", html_attrs="\u26a1 lang=id"), False),
    ("svg-and-math", page("<svg><text>" + PARA + "</text></svg><math><mi>x</mi></math><p>"
                          + PARA + "</p>"), False),
]


@pytest.mark.parametrize(("data", "empty"), [(c[1], c[2]) for c in CASES],
                         ids=[c[0] for c in CASES])
def test_junk_never_raises(data: bytes | str, empty: bool | None) -> None:
    art = sane(extract_article(data, URL, now=NOW))
    if empty is not None:
        assert (art.text == "") is empty


def test_case_count() -> None:
    assert len(CASES) + len(CUTS) + len(ENCODINGS) >= 40


# --------------------------------------------------------------------------- truncation

CUTS = [0, 1, 2, 9, 15, 60, 200, 513, 1024, 1500, 2222, 3000, 3333, 4096, 4444, 5000, 5555,
        6000, 6666, 7000, len(LIPUTAN6) - 1]


@pytest.mark.parametrize("cut", CUTS)
def test_truncated_page(cut: int) -> None:
    art = sane(extract_article(LIPUTAN6[:cut], URL, now=NOW))
    full = extract_article(LIPUTAN6, URL, now=NOW).text
    # what was read comes from the article, never from the chrome around it
    for line in art.text.splitlines():
        assert line in full or full.startswith(line[:40]) or any(
            p.startswith(line[:30]) for p in full.splitlines()), line


def test_truncated_inside_a_multibyte_character() -> None:
    data = page("<p>" + PARA + " “kutipan” — é</p>").encode("utf-8")
    cut = data.index("“".encode()) + 1
    art = sane(extract_article(data[:cut], URL))
    assert "Badan Penanggulangan" in art.text


# --------------------------------------------------------------------------- encodings

CAFE = "Pedagang di kafe itu menjual kopi seharga Rp 25.000 dan menyebutnya café crème, kata dia."


def _mixed() -> bytes:
    head = ("<html><body><p>" + CAFE + "</p><p>Ringkasan:").encode("utf-8")
    return head + " pr\xe9sident na\xefve".encode("latin-1") + b"</p></body></html>"


ENCODINGS: list[tuple[str, Callable[[], bytes], str | None, str]] = [
    ("latin1-declared-utf8", lambda: page("<p>" + CAFE + "</p>", '<meta charset="utf-8">')
     .encode("latin-1"), None, "café crème"),
    ("utf16-le-bom", lambda: b"\xff\xfe" + page("<p>" + CAFE + "</p>").encode("utf-16-le"), None,
     "café crème"),
    ("utf16-be-bom", lambda: b"\xfe\xff" + page("<p>" + CAFE + "</p>").encode("utf-16-be"), None,
     "café crème"),
    ("utf16-le-no-bom", lambda: page("<p>" + CAFE + "</p>").encode("utf-16-le"), None,
     "café crème"),
    ("utf32-bom", lambda: page("<p>" + CAFE + "</p>").encode("utf-32"), None, "café crème"),
    ("utf8-bom", lambda: b"\xef\xbb\xbf" + page("<p>" + CAFE + "</p>").encode("utf-8"), None,
     "café crème"),
    ("mixed-utf8-latin1", _mixed, None, "président naïve"),
    ("unknown-declared-charset", lambda: page("<p>" + CAFE + "</p>",
                                              '<meta charset="x-no-such-charset">').encode(),
     None, "café crème"),
    ("utf16-declared-ascii-bytes", lambda: page("<p>" + CAFE + "</p>",
                                                '<meta charset="utf-16">').encode(), None,
     "café crème"),
    ("bogus-charset-argument", lambda: page("<p>" + CAFE + "</p>").encode(), "nonsense-8",
     "café crème"),
    ("http-equiv-cp1252", lambda: page("<p>" + CAFE + " “kutip”</p>",
                                       '<meta http-equiv="Content-Type" content="text/html; '
                                       'charset=ISO-8859-1">').encode("cp1252"), None, "“kutip”"),
    ("charset-arg-latin1", lambda: page("<p>" + CAFE + "</p>").encode("latin-1"), "latin-1",
     "café crème"),
    ("gzip-of-page", lambda: gzip.compress(page("<p>" + CAFE + "</p>").encode()), None,
     "café crème"),
]


@pytest.mark.parametrize(("make", "charset", "want"), [(e[1], e[2], e[3]) for e in ENCODINGS],
                         ids=[e[0] for e in ENCODINGS])
def test_encodings(make: Callable[[], bytes], charset: str | None, want: str) -> None:
    art = sane(extract_article(make(), URL, charset=charset))
    assert want in art.text


def test_decode_page_direct() -> None:
    assert decode_page(b"\x89PNG\r\n") is None
    assert decode_page(b"<p>caf\xe9</p>") == "<p>café</p>"
    assert decode_page(b"<p>\x81\x8d</p>") == "<p>\ufffd\ufffd</p>"  # bytes cp1252 leaves undefined


# --------------------------------------------------------------------------- size and depth


def test_five_megabyte_page_is_cut_and_fast() -> None:
    body = LIPUTAN6.decode()
    body = body[body.index("<main"):body.index("</main>")]
    big = page(body * (5_000_000 // len(body) + 1))
    assert len(big) > 5_000_000
    t0 = time.perf_counter()
    art = sane(extract_article(big, URL))
    assert time.perf_counter() - t0 < 10
    assert "2.140 warga mengungsi" in art.text


def test_twenty_thousand_nested_divs() -> None:
    deep = page("<div>" * 20_000 + "<p>" + PARA + "</p>" + "</div>" * 20_000)
    t0 = time.perf_counter()
    art = sane(extract_article(deep, URL))
    assert time.perf_counter() - t0 < 10
    assert PARA in art.text


def test_twenty_thousand_unclosed_divs_with_a_profile() -> None:
    deep = "<html><body><div class='isi'><p>" + PARA + "</p>" + "<div class='isi'>x" * 20_000
    prof = SiteProfile(name="contoh", match=("contoh.example",), body="div.isi")
    t0 = time.perf_counter()
    art = sane(extract_article(deep, URL, profile=prof))
    assert time.perf_counter() - t0 < 10
    assert art.method == "profile:contoh" and PARA in art.text


# --------------------------------------------------------------------------- specifics


def test_dates_are_sane_or_absent() -> None:
    odd = dict(CASES_BY_ID)
    assert extract_article(odd["year-9999"], URL, now=NOW).published is None
    assert extract_article(odd["year-0001"], URL, now=NOW).published is None
    assert extract_article(odd["meta-odd-dates"], URL, now=NOW).published is None
    ms = extract_article(odd["ld-date-types"], URL, now=NOW)
    assert ms.published == datetime(2024, 10, 24, 7, 5, tzinfo=UTC)  # epoch milliseconds
    bad_ld = extract_article(odd["ld-invalid-json"], URL, now=NOW)
    assert bad_ld.published is None
    deep = extract_article(odd["ld-deeply-nested"], URL, now=NOW)  # the next script still counts
    assert deep.published == datetime(2024, 10, 20, tzinfo=WIB) and deep.date_source == "jsonld"


def test_language_fallbacks_on_odd_markup() -> None:
    odd = dict(CASES_BY_ID)
    assert extract_article(odd["html-lang-zz"], URL).lang == "id"  # guessed from the text
    assert extract_article(odd["html-lang-garbage"], URL).lang == "id"
    assert extract_article(odd["amp-lightning-attr"], URL).lang == "id"


def test_junk_with_a_profile_reports_a_miss() -> None:
    prof = SiteProfile(name="contoh", match=("contoh.example",), body="div.isi", date="[")
    for data in (b"", RANDOM_BYTES, PNG, "<html></html>"):
        art = sane(extract_article(data, URL, profile=prof))
        assert art.text == "" and art.profile_missed and art.method == "generic"


def test_wrong_input_types_do_not_raise() -> None:
    for data in (None, 42, ["<p>x</p>"], bytearray(b"<p>" + PARA.encode() + b"</p>")):
        art = sane(extract_article(data, URL))  # type: ignore[arg-type]
        assert isinstance(art.text, str)


CASES_BY_ID = [(c[0], c[1]) for c in CASES]
