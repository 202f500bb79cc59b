"""The source kinds: parsing each fixture to exact items, options, detection, hardening, and the
definition of done for every registered kind (fixture, parse test, example config entry)."""

from __future__ import annotations

import dataclasses
import gzip
import re
import sys
import tomllib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from claimwatch.models import FeedItem, SourceSpec
from scrapers.kinds import (
    KINDS,
    Kind,
    Listing,
    OptionsError,
    ParseError,
    UnknownKind,
    detect_kind,
    get_kind,
)
from scrapers.kinds._options import describe_options, parse_duration

FIXTURES = Path(__file__).parent / "fixtures" / "kinds"
CONFIG_EXAMPLE = Path(__file__).resolve().parents[2] / "config.example.toml"
NOW = datetime(2025, 3, 14, 6, 0, tzinfo=UTC)  # Friday 13:00 WIB


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


def load(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def parse(kind: str, body: bytes, url: str, options: dict | None = None,
          content_type: str | None = None, now: datetime = NOW) -> Listing:
    k = get_kind(kind)
    return k.parse(body, url, content_type, k.parse_options(options or {}), now)


# ------------------------------------------------------------------------------------ rss

WN = "https://www.wartanusantara.example"
RSS_ID_EXPECTED = (
    FeedItem(url=f"{WN}/nasional/2025/03/14/banjir-rendam-1250-rumah-sukamaju",
             guid="wn-20250314-0012",
             title="Banjir Rendam 1.250 Rumah di Kabupaten Sukamaju, 3.400 Warga Mengungsi",
             published=at(2025, 3, 14, 4, 20),
             summary="Hujan deras sejak Kamis malam membuat Sungai Cikaro meluap. Menurut BPBD "
                     "setempat, 1.250 rumah terendam dan sekitar 3.400 warga mengungsi ke balai desa.",
             lang="id"),
    FeedItem(url=f"{WN}/daerah/2025/03/14/longsor-tebing-desa-wanasari", guid="wn-20250314-0009",
             title="Longsor Tebing di Desa Wanasari, Dua Rumah Tertimbun",
             published=at(2025, 3, 14, 2, 5),
             summary="Tebing setinggi 15 meter runtuh pada Jumat (14/3/2025) pagi. Tidak ada korban "
                     "jiwa, kata kepala desa.",
             lang="id"),
    FeedItem(url=f"{WN}/nasional/2025/03/13/bnpb-catat-korban-banjir-bertambah",
             guid="wn-20250313-0031", title="BNPB: Korban Banjir Bertambah Jadi 27 Orang",
             published=at(2025, 3, 13, 13, 45),
             summary="Jumlah korban meninggal akibat banjir di tiga provinsi bertambah menjadi 27 "
                     "orang, sebelumnya 19 orang.",
             lang="id"),
    FeedItem(url=f"{WN}/ekonomi/2025/03/13/harga-beras-naik-jelang-ramadan",
             guid=f"{WN}/ekonomi/2025/03/13/harga-beras-naik-jelang-ramadan",
             title="Harga Beras Naik Jelang Ramadan, Pemerintah Siapkan Operasi Pasar",
             published=at(2025, 3, 13, 8, 10),
             summary="Harga beras medium naik menjadi Rp14.200 per kilogram — tertinggi sejak tahun lalu.",
             lang="id"),
    FeedItem(url=f"{WN}/nasional/2025/03/03/tinjauan-sepekan-curah-hujan?page=2",
             guid="wn-20250303-0004", title="Tinjauan Sepekan: Curah Hujan di Atas Normal",
             published=at(2025, 3, 3, 1, 0),
             summary="BMKG memperkirakan curah hujan tinggi hingga akhir Maret.", lang="id"),
)


def test_rss_indonesian_feed_exact_items() -> None:
    listing = parse("rss", load("rss-id-berita.xml"), f"{WN}/rss/nasional.xml")
    assert listing.items == RSS_ID_EXPECTED
    assert listing.children == ()
    assert listing.skipped == 2  # no link; javascript: link


def test_rss_max_age_and_max_items() -> None:
    body = load("rss-id-berita.xml")
    listing = parse("rss", body, f"{WN}/rss/nasional.xml", {"max_age": "2d"})
    assert listing.items == RSS_ID_EXPECTED[:4]
    assert listing.skipped == 3
    listing = parse("rss", body, f"{WN}/rss/nasional.xml", {"max_items": 2})
    assert listing.items == RSS_ID_EXPECTED[:2]
    assert listing.skipped == 2 + 3


def test_rss_keys_and_stamps() -> None:
    first = parse("rss", load("rss-id-berita.xml"), f"{WN}/rss/nasional.xml").items[0]
    assert first.key == "guid:wn-20250314-0012"
    assert first.stamp == at(2025, 3, 14, 4, 20)
    assert first.published is not None and first.published.tzinfo is UTC


def test_rss_atom_english_feed_exact_items() -> None:
    ht = "https://harbourtimes.example"
    listing = parse("rss", load("rss-en-atom.xml"), f"{ht}/feeds/world.atom", content_type="application/atom+xml")
    assert listing.items == (
        FeedItem(url=f"{ht}/world/2025/03/14/flood-toll-rises-to-27",
                 guid="tag:harbourtimes.example,2025:article-90215",
                 title="Flood toll rises to 27 as rivers & reservoirs overflow",
                 published=at(2025, 3, 14, 2, 10), updated=at(2025, 3, 14, 5, 35),
                 summary="Disaster officials said on Friday that 27 people had died, up from 19 a day earlier.",
                 lang="en"),
        FeedItem(url=f"{ht}/world/2025/03/13/ports-reopen-after-closure",
                 guid="tag:harbourtimes.example,2025:article-90177",
                 title="Ports reopen after two-day closure",
                 published=at(2025, 3, 13, 16, 0), updated=at(2025, 3, 13, 16, 0),
                 summary="Shipping resumed at three ports on Thursday after storms forced a two-day closure.",
                 lang="en"),
        FeedItem(url=f"{ht}/opinion/2025/03/12/why-flood-maps-need-updating",
                 guid="tag:harbourtimes.example,2025:article-90102",
                 title="Opinion: Why flood maps need updating", updated=at(2025, 3, 12, 2, 30),
                 summary="Maps drawn a decade ago no longer show where water goes.", lang="en"),
    )
    assert listing.skipped == 0


def test_rss_rdf_feed_exact_items() -> None:
    kp = "https://kabarpesisir.example/berita"
    listing = parse("rss", load("rss-rdf-daerah.rdf"), "https://kabarpesisir.example/rdf")
    assert listing.items == (
        FeedItem(url=f"{kp}/rob-genangi-pelabuhan-lama", guid=f"{kp}/rob-genangi-pelabuhan-lama",
                 title="Rob Genangi Kawasan Pelabuhan Lama Setinggi 40 Sentimeter",
                 updated=at(2025, 3, 14, 0, 30),
                 summary="Air laut pasang menggenangi jalan dan permukiman di sekitar pelabuhan.", lang="id"),
        FeedItem(url=f"{kp}/nelayan-libur-melaut", guid=f"{kp}/nelayan-libur-melaut",
                 title="Gelombang Tinggi, Ratusan Nelayan Libur Melaut", updated=at(2025, 3, 13, 9, 0),
                 summary="Sekitar 300 nelayan memilih tidak melaut karena gelombang mencapai 2,5 meter.",
                 lang="id"),
        FeedItem(url=f"{kp}/tanggul-darurat-dibangun", guid=f"{kp}/tanggul-darurat-dibangun",
                 title="Tanggul Darurat Dibangun di Muara",
                 summary="Pemerintah kabupaten membangun tanggul darurat sepanjang 200 meter.", lang="id"),
    )


def test_rss_empty_well_formed_feed_is_an_empty_listing() -> None:
    body = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Sepi</title></channel></rss>'
    assert parse("rss", body, "https://kabar.example/rss") == Listing(())


@pytest.mark.parametrize("body", [b"/etc/passwd", b"https://kabar.example/feed.xml",
                                  b"file:///etc/passwd", b"feed.xml"])
def test_rss_body_that_looks_like_a_path_or_url_is_data(body: bytes, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import feedparser.api

    def no_network(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("feedparser tried to fetch a URL")

    monkeypatch.setattr(feedparser.api.http, "get", no_network)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "feed.xml").write_bytes(load("rss-id-berita.xml"))  # a real feed at that path
    with pytest.raises(ParseError):
        parse("rss", body, "https://kabar.example/rss")
    with pytest.raises(ParseError):
        parse("rss", str(tmp_path / "feed.xml").encode(), "https://kabar.example/rss")


def test_rss_xxe_is_not_expanded(tmp_path: Path) -> None:
    secret = tmp_path / "rahasia.txt"
    secret.write_text("RAHASIA-XXE-7731", encoding="utf-8")
    for doctype in (f'<!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">]>',
                    f'<!DOCTYPE rss [\n<!ENTITY x SYSTEM "file://{secret}">\n]>'):
        body = (f'<?xml version="1.0"?>\n{doctype}\n<rss version="2.0"><channel><title>t</title>'
                '<item><title>Judul &x;</title><description>Isi &x;</description>'
                '<link>https://kabar.example/a</link></item></channel></rss>').encode()
        listing = parse("rss", body, "https://kabar.example/rss")
        assert "RAHASIA" not in repr(listing)
        assert [i.url for i in listing.items] == ["https://kabar.example/a"]


# -------------------------------------------------------------------------------- sitemap

BC = "https://news.beritacepat.example"


def test_sitemap_news_exact_items() -> None:
    listing = parse("sitemap", load("sitemap-news.xml"), f"{BC}/sitemap-news.xml")
    assert listing.items == (
        FeedItem(url=f"{BC}/read/2025/03/14/081530/pengungsi-banjir-capai-5000-jiwa",
                 title="Pengungsi Banjir Capai 5.000 Jiwa, Posko Kekurangan Air Bersih",
                 published=at(2025, 3, 14, 1, 15, 30), updated=at(2025, 3, 14, 1, 40), lang="id"),
        FeedItem(url=f"{BC}/kanal/daerah", updated=at(2025, 3, 14)),
        FeedItem(url=f"{BC}/read/2025/03/14/060200/jalur-kereta-selatan-kembali-dibuka",
                 title="Jalur Kereta Selatan Kembali Dibuka Setelah Longsor & Banjir",
                 published=at(2025, 3, 13, 23, 2), lang="id"),
        FeedItem(url=f"{BC}/read/2025/03/13/223000/english-edition-flood-update",
                 title="Flood update: evacuees reach 5,000", published=at(2025, 3, 13, 15, 30), lang="en"),
        FeedItem(url=f"{BC}/tentang-kami"),  # undated: kept, after the dated ones
    )
    assert listing.skipped == 2  # mailto: loc; the 9 March article is older than 2 days


def test_sitemap_options_max_age_and_max_items() -> None:
    body = load("sitemap-news.xml")
    assert len(parse("sitemap", body, BC, {"max_age": "30d"}).items) == 6
    listing = parse("sitemap", body, BC, {"max_items": 2})
    assert [i.url.rsplit("/", 1)[1] for i in listing.items] == ["pengungsi-banjir-capai-5000-jiwa", "daerah"]
    assert listing.skipped == 2 + 3


KK = "https://www.kabarkota.example/sitemap"


def test_sitemap_index_children_newest_first() -> None:
    listing = parse("sitemap", load("sitemap-index.xml"), "https://www.kabarkota.example/sitemap.xml")
    assert listing.items == ()
    assert listing.children == (f"{KK}/2025-03-14.xml", f"{KK}/foto.xml", f"{KK}/2025-03-13.xml",
                                f"{KK}/2025-03-12.xml", f"{KK}/video.xml")
    assert listing.skipped == 3  # javascript: loc; 2025-03-11 and 2025-02 older than 2 days
    few = parse("sitemap", load("sitemap-index.xml"), f"{KK}.xml", {"max_children": 2, "max_age": "60d"})
    assert few.children == (f"{KK}/2025-03-14.xml", f"{KK}/foto.xml")
    assert few.skipped == 1 + 5


def test_sitemap_index_child_exact_items() -> None:
    metro = "https://www.kabarkota.example/metro/2025/03/14"
    listing = parse("sitemap", load("sitemap-index-child-2025-03-14.xml"), f"{KK}/2025-03-14.xml")
    assert listing.items == (
        FeedItem(url=f"{metro}/pompa-air-dikerahkan-ke-kampung-melayu-baru", updated=at(2025, 3, 14, 10, 5)),
        FeedItem(url=f"{metro}/genangan-di-12-titik-jalan-protokol", updated=at(2025, 3, 14, 5, 20)),
        FeedItem(url=f"{metro}/sekolah-diliburkan-sementara", updated=at(2025, 3, 14, 0, 45)),
    )


def test_sitemap_gzip_is_unpacked() -> None:
    gz = load("sitemap-gz-arsip.xml.gz")
    assert gzip.decompress(gz) == load("sitemap-gz-arsip.xml")
    arsip = "https://arsip.kabarkota.example/2025/03"
    expected = (
        FeedItem(url=f"{arsip}/14/warga-bantaran-diminta-waspada", updated=at(2025, 3, 14, 2, 30)),
        FeedItem(url=f"{arsip}/13/debit-sungai-naik-dua-kali-lipat", updated=at(2025, 3, 13, 12, 0)),
    )
    assert parse("sitemap", gz, "https://arsip.kabarkota.example/sitemap.xml.gz").items == expected
    assert parse("sitemap", load("sitemap-gz-arsip.xml"), "https://arsip.kabarkota.example/s.xml").items == expected


def test_sitemap_gzip_bomb_is_refused() -> None:
    bomb = gzip.compress(b"<urlset>" + b" " * 11_000_000 + b"</urlset>")
    with pytest.raises(ParseError, match="10 MB"):
        parse("sitemap", bomb, "https://kabar.example/s.xml.gz")


def test_sitemap_xxe_is_not_expanded(tmp_path: Path) -> None:
    secret = tmp_path / "rahasia.txt"
    secret.write_text("RAHASIA-XXE-9902", encoding="utf-8")
    body = (f'<?xml version="1.0"?>\n<!DOCTYPE urlset [<!ENTITY x SYSTEM "file://{secret}">]>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            '<url><loc>https://kabar.example/a&x;</loc></url></urlset>').encode()
    listing = parse("sitemap", body, "https://kabar.example/s.xml", {"max_age": "1d"})
    assert "RAHASIA" not in repr(listing)
    assert [i.url for i in listing.items] == ["https://kabar.example/a"]


def test_sitemap_billion_laughs_is_refused_quickly() -> None:
    ents = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10 if i else "ha"}">' for i in range(10))
    body = f'<?xml version="1.0"?><!DOCTYPE urlset [{ents}]><urlset><url><loc>&l9;</loc></url></urlset>'
    try:
        listing = parse("sitemap", body.encode(), "https://kabar.example/s.xml")
    except ParseError as exc:
        assert "\n" not in str(exc)
    else:
        assert listing.items == ()


@pytest.mark.parametrize(
    "body",
    [
        b"\n\n  <?xml version='1.0' encoding='UTF-8'?>\n<urlset><url><loc>https://kabar.example/a?x=1&y=2</loc></url></urlset>",
        b"\xef\xbb\xbf\n<?xml version='1.0'?><urlset><url><loc>https://kabar.example/a?x=1&y=2</loc></url></urlset>",
        b"<b>Warning</b>: Undefined index in sitemap.php on line 4\n<?xml version='1.0'?>"
        b"<urlset><url><loc>https://kabar.example/a?x=1&amp;y=2</loc></url></urlset>",
        b"<urlset xmlns='http://www.google.com/schemas/sitemap/0.84'><url><loc> https://kabar.example/a?x=1&y=2 "
        b"</loc></url></urlset>",
    ],
    ids=["whitespace-before-declaration", "bom-then-newline", "php-warning-first", "old-namespace"],
)
def test_sitemap_common_junk_is_repaired(body: bytes) -> None:
    listing = parse("sitemap", body, "https://kabar.example/s.xml")
    assert [i.url for i in listing.items] == ["https://kabar.example/a?x=1&y=2"]


def test_sitemap_cut_off_drops_the_last_entry() -> None:
    full = b"<urlset>" + b"".join(b"<url><loc>https://kabar.example/berita-%d</loc></url>" % i
                                   for i in range(5)) + b"</urlset>"
    cut = full[: full.index(b"berita-4") + 5]  # inside the last <loc>
    listing = parse("sitemap", cut, "https://kabar.example/s.xml")
    assert [i.url for i in listing.items] == [f"https://kabar.example/berita-{i}" for i in range(4)]
    assert listing.skipped == 1


def test_sitemap_of_a_feed_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="not a sitemap: the root element is <rss>"):
        parse("sitemap", load("rss-id-berita.xml"), "https://kabar.example/s.xml")


# ----------------------------------------------------------------------------------- html

KD = "https://daerah.kabarlokal.example"


def test_html_listing_exact_items() -> None:
    listing = parse("html", load("html-listing-terkini.html"), f"{KD}/terkini",
                    {"link_selector": "a.article-link"})
    assert listing.items == (
        FeedItem(url=f"{KD}/banjir/2025/03/14/air-sungai-citarum-meluap",
                 title="Air Sungai Citarum Meluap, 800 Rumah Terendam", lang="id"),
        FeedItem(url=f"{KD}/banjir/2025/03/14/posko-pengungsian-dibuka-di-gor",
                 title="Posko Pengungsian Dibuka di GOR Kecamatan", lang="id"),
        FeedItem(url="https://www.daerah.kabarlokal.example/ekonomi/2025/03/14/harga-cabai-melonjak",
                 title="Harga Cabai Melonjak Usai Banjir", lang="id"),
        FeedItem(url=f"{KD}/politik/2025/03/13/dprd-minta-anggaran-darurat",
                 title="DPRD Minta Anggaran Darurat Ditambah", lang="id"),
    )
    assert listing.skipped == 3  # other host, javascript:, "#"


def test_html_container_selector_other_hosts_and_caps() -> None:
    body = load("html-listing-terkini.html")
    urls = [i.url for i in parse("html", body, f"{KD}/terkini", {"link_selector": "article.kartu h2"}).items]
    assert len(urls) == 4 and urls[0].endswith("air-sungai-citarum-meluap")
    anywhere = parse("html", body, f"{KD}/terkini", {"link_selector": "a.article-link", "same_host": False})
    assert "https://mitra.beritatetangga.example/artikel/hujan-es-di-dataran-tinggi" in [i.url for i in anywhere.items]
    allowed = parse("html", body, f"{KD}/terkini",
                    {"link_selector": "a.article-link", "allow_hosts": ["beritatetangga.example"]})
    assert len(allowed.items) == 5
    capped = parse("html", body, f"{KD}/terkini", {"link_selector": "a.article-link", "max_items": 1})
    assert len(capped.items) == 1 and capped.skipped == 3 + 3


def test_html_noise_links_never_pass_a_broad_selector() -> None:
    listing = parse("html", load("html-listing-terkini.html"), f"{KD}/terkini",
                    {"link_selector": "a", "max_items": 500})
    urls = [i.url for i in listing.items]
    assert all(u.startswith(("https://daerah.kabarlokal.example/", "https://www.daerah.kabarlokal.example/"))
               for u in urls)
    assert not any("utm_" in u or "fbclid" in u or "#" in u for u in urls)
    assert f"{KD}/terkini" not in urls


def test_html_empty_or_unmatched_pages_are_empty_listings() -> None:
    opts = {"link_selector": "a.article-link"}
    assert parse("html", b"", f"{KD}/terkini", opts) == Listing(())
    assert parse("html", b"<html><body><p>Halaman kosong</p></body></html>", f"{KD}/x", opts).items == ()


def test_html_charset_from_content_type() -> None:
    body = '<a class="article-link" href="/berita/kafé">Kafé Terendam</a>'.encode("cp1252")
    listing = parse("html", body, f"{KD}/x", {"link_selector": "a.article-link"},
                    content_type="text/html; charset=windows-1252")
    assert listing.items == (FeedItem(url=f"{KD}/berita/kaf%C3%A9", title="Kafé Terendam"),)


# --------------------------------------------------------------------------------- search

def spec(*keywords: str) -> SourceSpec:
    return SourceSpec(id="cari-banjir", kind="search", url=None, topics=("banjir",), keywords=keywords)


def test_search_listing_urls_google_and_bing() -> None:
    k = get_kind("search")
    urls = k.listing_urls(spec("banjir", "banjir bandang", "Banjir", "tanah longsor"), k.parse_options({}))
    assert urls == ["https://news.google.com/rss/search?q=banjir%20OR%20%22banjir%20bandang%22%20OR%20"
                    "%22tanah%20longsor%22&hl=id&gl=ID&ceid=ID:id"]
    bing = k.listing_urls(spec("North Korea"), k.parse_options({"engine": "bing-news", "lang": "en", "region": "us"}))
    assert bing == ["https://www.bing.com/news/search?q=%22North%20Korea%22&format=rss&setlang=en&cc=US"]


def test_search_listing_urls_template_split_and_no_keywords() -> None:
    k = get_kind("search")
    opts = k.parse_options({"url_template": "https://cari.example/rss?kata={query}&bahasa={lang}"})
    assert k.listing_urls(spec("a&b", 'kata "kutip"'), opts) == [
        "https://cari.example/rss?kata=a%26b%20OR%20%22kata%20kutip%22&bahasa=id"]
    assert k.listing_urls(spec(), opts) == []
    assert k.listing_urls(spec(" ", ""), opts) == []
    many = k.listing_urls(spec(*(f"kata kunci nomor {i}" for i in range(60))), opts)
    assert len(many) > 1
    assert all(len(u) < 2000 for u in many)


def test_search_google_news_feed_exact_items() -> None:
    g = "https://news.google.com/rss/articles/"
    listing = parse("search", load("search-google-news.xml"), "https://news.google.com/rss/search?q=banjir",
                    {"max_age": "7d"})
    ids = ["CBMiZkFVX3lxTE5hQ29udG9oU2FqYU1pc2FsbnlhVW50dWtQZW5ndWppYW4",
           "CBMiXkFVX3lxTFBlbmd1amlhbkxvbmdzb3JKYWxhblByb3ZpbnNpQ29udG9o",
           "CBMiWkFVX3lxTFRpZ2FIYXJpQmFuamlyUGFuZ2FuQ29udG9oVWppYW4"]
    titles = [("Banjir Bandang Terjang Dua Kecamatan di Sukamaju", "Warta Nusantara"),
              ("Tanah Longsor Tutup Jalan Provinsi, Arus Lalu Lintas Dialihkan", "Kabar Daerah"),
              ("Tiga Hari Banjir, Warga Mulai Kekurangan Pangan", "Berita Cepat")]
    dates = [at(2025, 3, 14, 4, 30), at(2025, 3, 14, 1, 15), at(2025, 3, 13, 23, 40)]
    assert listing.items == tuple(
        FeedItem(url=f"{g}{i}?oc=5", guid=i, title=f"{t} - {src}", published=d,
                 summary=f"{t} {src}", lang="id")
        for i, (t, src), d in zip(ids, titles, dates, strict=True))
    assert listing.skipped == 1  # the 1 March item


# -------------------------------------------------------------------------------- options

@pytest.mark.parametrize(
    ("kind", "raw", "message"),
    [
        ("html", {"linkselector": "a"}, "unknown option 'linkselector' (did you mean 'link_selector'?)"),
        ("html", {"link-selector": "a"}, "unknown option 'link-selector' (did you mean 'link_selector'?)"),
        ("rss", {"max_item": 5}, "unknown option 'max_item' (did you mean 'max_items'?)"),
        ("sitemap", {"zzz": 1}, "unknown option 'zzz'; known options: max_age, max_children, max_items"),
        ("html", {}, "missing required option 'link_selector'"),
        ("html", {"link_selector": 5}, "option 'link_selector': expected a string, got int"),
        ("html", {"link_selector": "a", "same_host": "yes"}, "option 'same_host': expected true or false, got str"),
        ("rss", {"max_items": "100"}, "option 'max_items': expected an integer, got str"),
        ("rss", {"max_items": True}, "option 'max_items': expected an integer, got bool"),
        ("rss", {"max_items": 2.5}, "option 'max_items': expected an integer, got float"),
        ("rss", {"max_items": 0}, "option 'max_items': must be at least 1, got 0"),
        ("rss", {"max_age": 2}, "option 'max_age': expected a string, got int"),
        ("rss", {"max_age": "2 hari"}, "option 'max_age': not a duration: '2 hari'"),
        ("sitemap", {"max_age": "0m"}, "option 'max_age': duration must be positive"),
        ("html", {"link_selector": "a[href"}, "option 'link_selector': invalid CSS selector"),
        ("html", {"link_selector": "  "}, "option 'link_selector': must not be empty"),
        ("html", {"link_selector": "a", "allow_hosts": "kabar.example"}, "option 'allow_hosts': expected a list of strings, got str"),
        ("html", {"link_selector": "a", "allow_hosts": ["https://kabar.example/"]}, "option 'allow_hosts': not a host name"),
        ("search", {"engine": "example"}, "option 'engine': unknown engine 'example'; known: bing-news, google-news"),
        ("search", {"engine": "google"}, "option 'engine': unknown engine 'google' (did you mean 'google-news'?)"),
        ("search", {"url_template": "https://cari.example/?q="}, "option 'url_template': must contain {query}"),
        ("search", {"url_template": "https://cari.example/?q={kueri}&x={query}"}, "option 'url_template': unknown placeholder {kueri}"),
        ("search", {"url_template": "file:///tmp/{query}"}, "option 'url_template': must be an http or https URL"),
        ("search", {"lang": "Bahasa Indonesia"}, "option 'lang': not a language code"),
        ("search", {"region": "IDN"}, "option 'region': not a two-letter country code"),
    ],
)
def test_options_errors_are_one_line_and_name_the_option(kind: str, raw: dict, message: str) -> None:
    with pytest.raises(OptionsError) as info:
        get_kind(kind).parse_options(raw)
    assert str(info.value).startswith(message)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("raw", [["max_items", 5], "max_items=5", 5])
def test_options_must_be_a_table(raw: object) -> None:
    with pytest.raises(OptionsError, match="options must be a table"):
        get_kind("rss").parse_options(raw)  # type: ignore[arg-type]


def test_options_defaults_and_values() -> None:
    rss = get_kind("rss").parse_options({})
    assert (rss.max_items, rss.max_age) == (100, None)
    sm = get_kind("sitemap").parse_options({"max_age": " 1h30m "})
    assert (sm.max_age, sm.max_items, sm.max_children) == ("1h30m", 200, 5)
    html = get_kind("html").parse_options({"link_selector": "h2 a", "allow_hosts": ["Kabar.Example"]})
    assert (html.max_items, html.same_host, html.allow_hosts) == (50, True, ("kabar.example",))
    s = get_kind("search").parse_options({"region": "us", "engine": "Bing-News"})
    assert (s.engine, s.url_template, s.lang, s.region) == ("bing-news", None, "id", "US")
    assert get_kind("rss").parse_options(None) == rss  # type: ignore[arg-type]
    with pytest.raises(dataclasses.FrozenInstanceError):
        rss.max_items = 5


@pytest.mark.parametrize(("text", "seconds"), [("30s", 30), ("10m", 600), ("6h", 21600), ("2d", 172800),
                                               ("1w", 604800), ("1h30m", 5400), ("1D", 86400)])
def test_parse_duration(text: str, seconds: int) -> None:
    assert parse_duration(text) == timedelta(seconds=seconds)


def test_describe_options_lists_every_field() -> None:
    rows = describe_options(get_kind("html").options_type)
    assert rows[0] == ("link_selector", "a string", "required", "CSS selector of the article links (required)")
    assert rows[2][:3] == ("same_host", "true or false", "true")


# ----------------------------------------------------------------------- registry, detection

def test_get_kind_unknown_suggests_and_lists() -> None:
    with pytest.raises(UnknownKind) as info:
        get_kind("rs")
    assert str(info.value) == "unknown kind 'rs' (did you mean 'rss'?); known: html, rss, search, sitemap"
    assert isinstance(info.value, ValueError)
    with pytest.raises(UnknownKind, match="unknown kind 'telegram'; known: html"):
        get_kind("telegram")


@pytest.mark.parametrize(
    ("name", "content_type", "expected"),
    [
        ("rss-id-berita.xml", None, "rss"),
        ("rss-en-atom.xml", "application/atom+xml", "rss"),
        ("rss-rdf-daerah.rdf", "text/xml", "rss"),
        ("search-google-news.xml", None, "rss"),
        ("sitemap-news.xml", None, "sitemap"),
        ("sitemap-index.xml", "application/xml", "sitemap"),
        ("sitemap-gz-arsip.xml.gz", "application/gzip", "sitemap"),
        ("html-listing-terkini.html", None, "html"),
        ("html-listing-terkini.html", "text/html; charset=utf-8", "html"),
    ],
)
def test_detect_kind_of_fixtures(name: str, content_type: str | None, expected: str) -> None:
    assert detect_kind(load(name), content_type) == expected


@pytest.mark.parametrize(
    ("body", "content_type", "expected"),
    [
        ("<?xml version='1.0' encoding='utf-16'?><rss version='2.0'/>".encode("utf-16"), None, "rss"),
        ("<feed xmlns='http://www.w3.org/2005/Atom'/>".encode("utf-16-le"), None, "rss"),
        (b"<!-- dibuat otomatis --><?xml-stylesheet href='s.xsl'?><sm:urlset xmlns:sm='x'/>", None, "sitemap"),
        (b"<!DOCTYPE html><HTML><body></body></HTML>", None, "html"),
        (b"<div><a href='/x'>x</a></div>", "text/html", "html"),
        (b"<div><a href='/x'>x</a></div>", None, None),
        (b'{"items": []}', "application/json", None),
        (b"", "application/rss+xml", "rss"),
        (b"", None, None),
        (b"\x89PNG\r\n\x1a\n", "image/png", None),
        (b"<?xml version='1.0'?><svg/>", "image/svg+xml", None),
    ],
)
def test_detect_kind_odd_bodies(body: bytes, content_type: str | None, expected: str | None) -> None:
    assert detect_kind(body, content_type) == expected


def test_naive_now_is_a_programming_error() -> None:
    with pytest.raises(TypeError):
        parse("rss", load("rss-id-berita.xml"), "https://kabar.example/rss", now=datetime(2025, 3, 14))  # noqa: DTZ001


@pytest.mark.parametrize("name", sorted(KINDS))
def test_every_kind_documents_itself(name: str) -> None:
    kind = KINDS[name]
    assert isinstance(kind, Kind) and kind.name == name
    assert kind.summary and "\n" not in kind.summary
    assert "Options:" in kind.doc and "Example::" in kind.doc and kind.accept
    assert dataclasses.is_dataclass(kind.options_type)
    assert kind.options_type.__dataclass_params__.frozen  # type: ignore[attr-defined]
    for f_name, *_ in describe_options(kind.options_type):
        assert f"``{f_name}``" in kind.doc, f"{name}: option {f_name} is not documented"
    # The doc's example entry is valid TOML with valid options for this kind.
    example = kind.doc.split("Example::", 1)[1]
    entry = tomllib.loads(re.sub(r"(?m)^    ", "", example))["sources"][0]
    assert entry["kind"] == name
    kind.parse_options(entry.get("options", {}))


# ---------------------------------------------------------------------- definition of done

def _this_modules_tests() -> list[str]:
    return [n for n, v in vars(sys.modules[__name__]).items() if n.startswith("test_") and callable(v)]


@pytest.mark.parametrize("name", sorted(KINDS))
def test_definition_of_done_for_every_kind(name: str) -> None:
    # (1) a fixture whose file name starts with the kind name
    assert any(p.name.startswith(name) for p in FIXTURES.iterdir()), f"no fixture for {name}"
    # (2) a parse test here naming the kind
    assert any(re.search(rf"(^|_){name}(_|$)", t) and "options" not in t for t in _this_modules_tests()), \
        f"no parse test for {name}"
    # (3) an entry in config.example.toml whose options this kind accepts
    config = tomllib.loads(CONFIG_EXAMPLE.read_text(encoding="utf-8"))
    entries = [s for s in config.get("sources", []) if s.get("kind") == name]
    assert entries, f"config.example.toml has no [[sources]] entry with kind = {name!r}"
    for entry in entries:
        try:
            KINDS[name].parse_options(entry.get("options", {}))
        except OptionsError as exc:
            pytest.fail(f"config.example.toml source {entry.get('id')!r}: {exc}")
