"""Article pages → title, text, date, language; site profiles; date parsing; language hints.

The saved pages in ``fixtures/pages`` are written for these tests in the style of Indonesian
and English news sites; ``expected.json`` says what each must yield. Every page is read
generically, and again with its profile when it has one.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from claimwatch.models import ArticleInput, SiteProfile
from scrapers.article import PageArticle, extract_article, guess_lang, pick_profile
from scrapers.html_text import html_to_text, parse_html
from scrapers.pagedate import find_published, parse_date

PAGES = Path(__file__).parent / "fixtures" / "pages"
EXPECTED: dict[str, dict[str, Any]] = json.loads((PAGES / "expected.json").read_text("utf-8"))
NOW = datetime(2024, 11, 1, tzinfo=UTC)


def profile_of(spec: dict[str, Any]) -> SiteProfile:
    return SiteProfile(name=spec["name"], match=tuple(spec["match"]), body=spec["body"],
                       title=spec.get("title", "h1"), date=spec.get("date"),
                       drop=tuple(spec.get("drop", ())))


@cache
def read(name: str, mode: str) -> PageArticle:
    e = EXPECTED[name]
    profile = profile_of(e["profile"]) if mode == "profile" else None
    return extract_article((PAGES / name).read_bytes(), e["url"], profile=profile, now=NOW)


RUNS = [(name, mode) for name, e in EXPECTED.items()
        for mode in (("generic", "profile") if "profile" in e else ("generic",))]


def test_fixture_set_is_complete() -> None:
    files = {p.name for p in PAGES.glob("*.html")}
    assert files == set(EXPECTED), "every page has an expected.json entry and vice versa"
    assert len(files) >= 10
    for name in files:
        size = (PAGES / name).stat().st_size
        assert 2_000 < size < 20_000, name


# --------------------------------------------------------------------------- data-driven


@pytest.mark.parametrize(("name", "mode"), RUNS)
def test_title(name: str, mode: str) -> None:
    assert read(name, mode).title == EXPECTED[name]["title"]


@pytest.mark.parametrize(("name", "mode"), RUNS)
def test_published(name: str, mode: str) -> None:
    want = EXPECTED[name]["published"]
    got = read(name, mode).published
    if want is None:
        assert got is None
    else:
        assert got is not None and got.tzinfo is not None
        expected = datetime.fromisoformat(want)
        assert got == expected
        assert got.utcoffset() == expected.utcoffset()  # the page's own zone is kept


@pytest.mark.parametrize(("name", "mode"), RUNS)
def test_lang(name: str, mode: str) -> None:
    assert read(name, mode).lang == EXPECTED[name]["lang"]


@pytest.mark.parametrize(("name", "mode"), RUNS)
def test_paragraphs_present(name: str, mode: str) -> None:
    text = read(name, mode).text
    missing = [s for s in EXPECTED[name]["must_contain"] if s not in text]
    assert not missing, text


@pytest.mark.parametrize(("name", "mode"), RUNS)
def test_noise_absent(name: str, mode: str) -> None:
    text = read(name, mode).text
    leaked = [s for s in EXPECTED[name]["must_not_contain"] if s in text]
    assert not leaked, text


@pytest.mark.parametrize(("name", "mode"), RUNS)
def test_method_and_shape(name: str, mode: str) -> None:
    e = EXPECTED[name]
    art = read(name, mode)
    assert art.url == e["url"]
    if mode == "generic":
        assert (art.method, art.profile_missed) == ("generic", False)
    elif e.get("profile_missed"):
        assert (art.method, art.profile_missed) == ("generic", True)
    else:
        assert (art.method, art.profile_missed) == (f"profile:{e['profile']['name']}", False)
    lines = art.text.split("\n")
    assert all(line == line.strip() and line for line in lines)
    assert e["title"] not in lines  # the headline is the title, not a paragraph


def test_profile_reads_its_date_selector() -> None:
    art = read("liputan6_like.html", "profile")
    assert art.date_source == "profile"
    # the <time datetime> has no zone: an Indonesian page means WIB
    assert art.published == datetime(2024, 10, 24, 14, 5, tzinfo=timezone(timedelta(hours=7)))


# --------------------------------------------------------------------------- profiles

PAGE = """<html lang="id"><head><title>Judul Berita - Situs</title></head><body>
<nav><a href="/">Beranda</a></nav>
<h1 class="judul">Judul Berita</h1><span class="tgl">Senin, 28 Oktober 2024 08:30 WIB</span>
<div class="isi"><p>Paragraf pertama berisi keterangan dari pejabat setempat yang ditulis cukup panjang.</p>
<div class="kotak-x"><p>Promosi yang tidak punya kelas iklan yang dikenal.</p></div>
<p>Paragraf kedua menjelaskan angka yang dilaporkan oleh dinas terkait kemarin sore.</p></div>
<div class="isi"><p>Paragraf ketiga di bagian bawah halaman yang juga milik artikel.</p>
<div class="isi"><p>Bagian bersarang yang tidak boleh terbaca dua kali oleh profil.</p></div></div>
<footer>Hak cipta</footer></body></html>"""


def test_profile_drop_title_date_and_body_order() -> None:
    prof = SiteProfile(name="contoh", match=("contoh.example",), body="div.isi", title="h1.judul",
                       date="span.tgl", drop=("div.kotak-x",))
    art = extract_article(PAGE, "https://www.contoh.example/a", profile=prof, now=NOW)
    assert art.method == "profile:contoh" and not art.profile_missed
    assert art.title == "Judul Berita"
    assert art.published == datetime(2024, 10, 28, 8, 30, tzinfo=timezone(timedelta(hours=7)))
    assert art.date_source == "profile"
    lines = art.text.split("\n")
    assert [ln.split()[1] for ln in lines] == ["pertama", "kedua", "ketiga", "bersarang"]
    assert "Promosi" not in art.text and "Beranda" not in art.text


def test_profile_without_drop_keeps_unknown_boxes() -> None:
    prof = SiteProfile(name="contoh", match=("contoh.example",), body="div.isi")
    art = extract_article(PAGE, "https://www.contoh.example/a", profile=prof, now=NOW)
    assert "Promosi" in art.text  # the drop selector is what removed it above


@pytest.mark.parametrize("body", ["div.tidak-ada", "section#isi > p.hilang", "div[", ":::"])
def test_profile_miss_falls_back_to_generic(body: str) -> None:
    prof = SiteProfile(name="contoh", match=("contoh.example",), body=body, title="h1.none",
                       date="span.none")
    art = extract_article(PAGE, "https://www.contoh.example/a", profile=prof, now=NOW)
    assert art.method == "generic" and art.profile_missed
    assert "Paragraf pertama" in art.text and "Paragraf ketiga" in art.text
    assert art.title == "Judul Berita"  # generic title when the title selector misses
    assert art.published is not None  # generic date finder (visible text near the title)


def test_profile_matching_only_noise_counts_as_a_miss() -> None:
    prof = SiteProfile(name="contoh", match=("contoh.example",), body="footer")
    art = extract_article(PAGE, "https://www.contoh.example/a", profile=prof, now=NOW)
    assert art.profile_missed and art.method == "generic"
    assert "Paragraf kedua" in art.text


def test_profile_drop_selector_that_is_invalid_is_ignored() -> None:
    prof = SiteProfile(name="contoh", match=("contoh.example",), body="div.isi", drop=("p[",))
    art = extract_article(PAGE, "https://www.contoh.example/a", profile=prof, now=NOW)
    assert art.method == "profile:contoh" and "Paragraf kedua" in art.text


P_DETIK = SiteProfile(name="detik", match=("detik.com",), body="div.x")
P_NEWS = SiteProfile(name="detiknews", match=("news.detik.com",), body="div.y")
P_MULTI = SiteProfile(name="kompas", match=("kompas.com", "kompas.id"), body="div.z")


@pytest.mark.parametrize(("url", "want"), [
    ("https://www.detik.com/a", "detik"),
    ("https://detik.com/a", "detik"),
    ("https://news.detik.com/berita/d-1", "detiknews"),  # the longest suffix wins
    ("https://sport.news.detik.com/x", "detiknews"),
    ("https://finance.detik.com/x", "detik"),
    ("https://NEWS.DETIK.COM./x", "detiknews"),
    ("https://notdetik.com/x", None),
    ("https://detik.com.evil.example/x", None),
    ("https://www.kompas.id/baca/1", "kompas"),
    ("https://megapolitan.kompas.com/read/1", "kompas"),
    ("http://user@tekno.kompas.com:8080/read", "kompas"),
    ("/relative/path", None),
    ("not a url", None),
    ("https://[::1/x", None),
    ("", None),
])
def test_pick_profile_host_suffix(url: str, want: str | None) -> None:
    got = pick_profile([P_DETIK, P_NEWS, P_MULTI], url)
    assert (got.name if got else None) == want


def test_pick_profile_order_breaks_ties() -> None:
    a = SiteProfile(name="a", match=("detik.com",), body="x")
    b = SiteProfile(name="b", match=("detik.com",), body="y")
    assert pick_profile([a, b], "https://news.detik.com/") is a
    assert pick_profile([], "https://news.detik.com/") is None


# --------------------------------------------------------------------------- dates

WIB, WITA, WIT = (timezone(timedelta(hours=h)) for h in (7, 8, 9))
EDT, EST = timezone(timedelta(hours=-4)), timezone(timedelta(hours=-5))


def dt(y: int, mo: int, d: int, h: int = 0, mi: int = 0, tz: timezone | None = None) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=tz)


DATES = [
    ("Kamis, 24 Oktober 2024, 14:05 WIB", "id", dt(2024, 10, 24, 14, 5, WIB)),
    ("24 Okt 2024 14.05 WIB", "id", dt(2024, 10, 24, 14, 5, WIB)),
    ("Kamis, 24 Okt 2024 14:05 WIB", "id", dt(2024, 10, 24, 14, 5, WIB)),
    ("Senin, 4 Nov 2024 08:00 WITA", "id", dt(2024, 11, 4, 8, 0, WITA)),
    ("24/10/2024 14:05 WIT", "id", dt(2024, 10, 24, 14, 5, WIT)),
    ("Kompas.com - 22/10/2024, 09:30 WIB", "id", dt(2024, 10, 22, 9, 30, WIB)),
    ("Jumat, 1 Maret 2024 pukul 09.15 WIB", "id", dt(2024, 3, 1, 9, 15, WIB)),
    ("Rabu, 23 Oktober 2024 | 21:30 WIB", "id", dt(2024, 10, 23, 21, 30, WIB)),
    ("17 Agustus 2024 10:00", "id", dt(2024, 8, 17, 10, 0)),
    ("2 Mei 2024", "id", dt(2024, 5, 2)),
    ("Selasa, 31 Des 2024 23:59 WIB", "id", dt(2024, 12, 31, 23, 59, WIB)),
    ("Diperbarui 24 Okt. 2024, 14.05 WITA", "id", dt(2024, 10, 24, 14, 5, WITA)),
    ("Oct 24, 2024 2:05 PM ET", "en", dt(2024, 10, 24, 14, 5, EDT)),
    ("Published October 24, 2024 at 2:05 p.m. ET", "en", dt(2024, 10, 24, 14, 5, EDT)),
    ("Jan 5, 2024, 10:30 a.m. EST", "en", dt(2024, 1, 5, 10, 30, EST)),
    ("December 3, 2024 9:00 AM ET", "en", dt(2024, 12, 3, 9, 0, EST)),  # after DST ended
    ("July 4, 2024 9:00 PM PT", "en", dt(2024, 7, 4, 21, 0, timezone(timedelta(hours=-7)))),
    ("Published 24 October 2024", "en", dt(2024, 10, 24)),
    ("Thursday 24 October 2024 14:05 GMT", "en", dt(2024, 10, 24, 14, 5, UTC)),
    ("24 October 2024 14:05 GMT+7", "en", dt(2024, 10, 24, 14, 5, WIB)),
    ("10/24/2024 14:05", "en", dt(2024, 10, 24, 14, 5)),
    ("05/11/2024", "en", dt(2024, 5, 11)),
    ("05/11/2024", "id", dt(2024, 11, 5)),
    ("2024-10-24T14:05:00+07:00", None, dt(2024, 10, 24, 14, 5, WIB)),
    ("2024-10-24T07:05:00Z", None, dt(2024, 10, 24, 7, 5, UTC)),
    ("2024-10-24 14:05:00", None, dt(2024, 10, 24, 14, 5)),
    ("2024-10-24T14:05:00.123+0700", None, datetime(2024, 10, 24, 14, 5, 0, 123000, WIB)),
    ("Thu, 24 Oct 2024 07:05:00 GMT", None, dt(2024, 10, 24, 7, 5, UTC)),
    ("1729753500", None, dt(2024, 10, 24, 7, 5, UTC)),
    ("2024/10/24 14:05:00", None, dt(2024, 10, 24, 14, 5)),
]


@pytest.mark.parametrize(("text", "lang", "want"), DATES)
def test_parse_date(text: str, lang: str | None, want: datetime) -> None:
    got = parse_date(text, lang=lang)
    assert got == want
    assert (got.utcoffset() if got else None) == want.utcoffset()


@pytest.mark.parametrize("value", ["", "   ", "kemarin", "besok pagi", "24 Oktober", "2024",
                                   "Oktober 2024", "99/99/2024", "not a date", None, True, 12,
                                   [], {"a": 1}, "2024-13-45", "x" * 10_000])
def test_parse_date_rejects(value: object) -> None:
    assert parse_date(value) is None


def _page(head: str = "", body: str = "") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


LD = '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-10-20T10:00:00+07:00"}</script>'
META = '<meta property="article:published_time" content="2024-10-21T10:00:00+07:00">'
TIME = '<article><time datetime="2024-10-22T10:00:00+07:00">22 Okt</time><p>x</p></article>'
TEXT = "<h1>Judul</h1><div>Rabu, 23 Oktober 2024 10:00 WIB</div>"


@pytest.mark.parametrize(("head", "body", "day", "stage"), [
    (LD + META, TIME + TEXT, 20, "jsonld"),
    (META, TIME + TEXT, 21, "meta"),
    ("", TIME + TEXT, 22, "time"),
    ("", TEXT, 23, "text"),
])
def test_date_stage_order(head: str, body: str, day: int, stage: str) -> None:
    found = find_published(parse_html(_page(head, body)), now=NOW)
    assert found is not None
    assert (found[0].day, found[1]) == (day, stage)


@pytest.mark.parametrize("key", ["og:published_time", "pubdate", "publishdate", "date", "dc.date",
                                 "DC.date.issued"])
def test_meta_date_names(key: str) -> None:
    attr = "property" if key.startswith("og:") else "name"
    html = _page(f'<meta {attr}="{key}" content="2024-10-24T14:05:00+07:00">', "<p>x</p>")
    found = find_published(parse_html(html), now=NOW)
    assert found == (dt(2024, 10, 24, 14, 5, WIB), "meta")


def test_itemprop_date_published() -> None:
    html = _page("", '<span itemprop="datePublished" content="2024-10-24T14:05:00+07:00">24 Okt</span>')
    assert find_published(parse_html(html), now=NOW) == (dt(2024, 10, 24, 14, 5, WIB), "meta")


def test_jsonld_graph_nested_and_list_types() -> None:
    ld = ('<script type="application/ld+json">{"@graph":[{"@type":"WebPage","datePublished":'
          '"2020-01-01"},{"@type":"WebPage","mainEntity":{"@type":["ReportageNewsArticle"],'
          '"datePublished":"2024-10-24T14:05:00+07:00"}}]}</script>')
    assert find_published(parse_html(_page(ld)), now=NOW) == (dt(2024, 10, 24, 14, 5, WIB), "jsonld")


def test_future_dates_fall_through_to_the_next_stage() -> None:
    ld = '<script type="application/ld+json">{"@type":"Article","datePublished":"2030-01-01T00:00:00Z"}</script>'
    found = find_published(parse_html(_page(ld + META)), now=NOW)
    assert found == (dt(2024, 10, 21, 10, 0, WIB), "meta")
    art = extract_article(_page(ld, "<p>Teks yang cukup panjang untuk dibaca.</p>"), "https://x.example/",
                          now=NOW)
    assert art.published is None
    # a day of slack for clocks and zones
    soon = '<meta property="article:published_time" content="2024-11-01T20:00:00+00:00">'
    assert extract_article(_page(soon, "<p>Teks.</p>"), "https://x.example/", now=NOW).published


def test_naive_dates_take_the_page_language_zone() -> None:
    head = '<meta property="article:published_time" content="2024-10-24 14:05">'
    body = "<p>Warga yang mengungsi di posko ini dan itu untuk dari dengan tidak yang.</p>"
    art_id = extract_article(f'<html lang="id"><head>{head}</head><body>{body}</body></html>',
                             "https://x.example/", now=NOW)
    art_en = extract_article(f'<html lang="en"><head>{head}</head><body>{body}</body></html>',
                             "https://x.example/", now=NOW)
    assert art_id.published == dt(2024, 10, 24, 14, 5, WIB)
    assert art_en.published == dt(2024, 10, 24, 14, 5, UTC)


def test_dates_inside_long_paragraphs_are_not_publication_dates() -> None:
    body = ("<h1>Judul</h1><p>" + "Pada rapat tanggal 12 September 2024 pemerintah menyebut angka "
            "yang jauh lebih besar dibanding tahun lalu, dan itu menjadi perdebatan panjang. " * 2
            + "</p>")
    assert extract_article(_page("", body), "https://x.example/", now=NOW).published is None


# --------------------------------------------------------------------------- language

ID_TEXT = ("Pemerintah daerah mengatakan bahwa warga yang tinggal di bantaran sungai akan "
           "dipindahkan ke lokasi yang lebih aman dan tidak jauh dari pusat kota ini.")
EN_TEXT = ("The regional government said that residents who live on the river banks will be "
           "moved to a safer location that is not far from the city center and the port.")


@pytest.mark.parametrize(("attrs", "head", "text", "want"), [
    ('lang="id-ID"', "", EN_TEXT[:40], "id"),
    ('lang="in"', "", "", "id"),
    ('lang="en_US"', "", "", "en"),
    ('lang="EN"', "", "", "en"),
    ('xml:lang="id"', "", "", "id"),
    ("", '<meta property="og:locale" content="id_ID">', "", "id"),
    ("", '<meta http-equiv="content-language" content="en-GB">', "", "en"),
    ('lang="zz"', "", ID_TEXT, "id"),
    ('lang="zz"', "", EN_TEXT, "en"),
    ('lang="fr"', "", "", None),
    ("", "", ID_TEXT, "id"),
    ("", "", EN_TEXT, "en"),
    ("", "", "Jakarta 2024 Rp 5.000", None),
    ('lang="en"', "", (ID_TEXT + " ") * 3, "id"),  # a template's lang="en" on an Indonesian page
    ('lang="en"', "", ID_TEXT[:80], "en"),  # too little text to overrule the markup
])
def test_language(attrs: str, head: str, text: str, want: str | None) -> None:
    html = f"<html {attrs}><head>{head}</head><body><p>{text}</p></body></html>"
    assert extract_article(html, "https://x.example/").lang == want


def test_guess_lang_counts_function_words() -> None:
    assert guess_lang(ID_TEXT) == "id"
    assert guess_lang(EN_TEXT) == "en"
    assert guess_lang("") is None
    assert guess_lang("yang the dan and di of ini to") is None  # undecided


# --------------------------------------------------------------------------- plumbing


def test_to_input() -> None:
    art = read("no_date.html", "generic")
    fallback = dt(2024, 10, 30, 8, 0, WIB)
    inp = art.to_input(source="kabarwarta", fallback_published=fallback)
    assert isinstance(inp, ArticleInput)
    assert (inp.url, inp.title, inp.lang, inp.source) == (art.url, art.title, "id", "kabarwarta")
    assert inp.text == art.text and inp.published == fallback
    assert inp.extra["method"] == "generic"
    dated = read("wire_en.html", "generic").to_input(fallback_published=fallback)
    assert dated.published == dt(2024, 10, 24, 6, 5, UTC) and dated.extra["date_source"] == "meta"
    missed = read("profile_mismatch.html", "profile").to_input()
    assert missed.extra["profile_missed"] is True


def test_charset_argument_wins_over_meta() -> None:
    body = "<p>Caf\u00e9 na esquina vende p\u00e3o e caf\u00e9 todos os dias da semana.</p>"
    data = f'<html><head><meta charset="utf-8"></head><body>{body}</body></html>'.encode("cp1252")
    assert "Café" in extract_article(data, "https://x.example/", charset="windows-1252").text
    assert "Café" in extract_article(data, "https://x.example/").text  # utf-8 fails → cp1252


def test_html_to_text_drops_page_noise() -> None:
    html = (PAGES / "kompas_like.html").read_text("utf-8")
    text = html_to_text(html)
    for s in EXPECTED["kompas_like.html"]["must_contain"]:
        assert s in text
    for s in EXPECTED["kompas_like.html"]["must_not_contain"]:
        assert s not in text
    assert html_to_text("<p>Satu.</p><p>Dua (Baca juga: Tiga) empat.</p>") == "Satu.\nDua empat."


def test_linked_words_inside_sentences_survive() -> None:
    html = ('<div class="isi"><p>Menurut <strong><a href="/tag/bps">BPS</a></strong>, inflasi '
            'Oktober <a href="/t/1">1,71 persen</a>.</p><p><b><a href="/tag/x">Jakarta</a></b> - '
            'Sebanyak 40 warga <span><a href="/t/2">mengungsi</a></span> sejak pagi.</p>'
            '<p><a href="/lain">Berita lain yang ditautkan</a></p></div>')
    assert html_to_text(html) == ("Menurut BPS, inflasi Oktober 1,71 persen.\n"
                                  "Jakarta - Sebanyak 40 warga mengungsi sejak pagi.")


def test_text_over_max_chars_is_cut_at_a_paragraph_end() -> None:
    from scrapers.article import cut_text

    paras = [f"Paragraf {i} tentang banjir di Garut." for i in range(200)]
    html = "<html><body><article>" + "".join(f"<p>{p}</p>" for p in paras) + "</article></body></html>"
    full = extract_article(html, "https://x.example/a")
    assert full.truncated is None and full.text.splitlines() == paras
    art = extract_article(html, "https://x.example/a", max_chars=1000)
    assert art.truncated == len(full.text) and 500 <= len(art.text) <= 1000
    assert full.text.startswith(art.text) and art.text.splitlines()[-1] in paras  # whole paragraphs
    assert art.to_input().extra["truncated"] == len(full.text)
    assert "truncated" not in full.to_input().extra
    assert extract_article(html, "https://x.example/a", max_chars=len(full.text)).truncated is None
    # one paragraph longer than the cap: cut at a word; no spaces at all: cut exactly
    assert cut_text("kata " * 100, 52) == ("kata " * 10).rstrip()
    assert cut_text("x" * 100, 40) == "x" * 40
    assert cut_text("satu\n" + "dua " * 100, 300).startswith("satu\ndua dua")  # a far line end loses too much
