"""Canonical URLs: one spelling per article, only http(s), no tracking parameters."""

from __future__ import annotations

import pytest

from scrapers.urls import canonical_url, host_of, same_site

BASE = "https://www.wartanusantara.example/nasional/index.html"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # scheme and host lowercased, default port and fragment dropped
        ("HTTPS://WWW.WartaNusantara.Example:443/Berita/Satu#komentar",
         "https://www.wartanusantara.example/Berita/Satu"),
        ("http://kabar.example:80/a", "http://kabar.example/a"),
        ("http://kabar.example:8080/a", "http://kabar.example:8080/a"),
        ("https://kabar.example:80/a", "https://kabar.example:80/a"),
        # empty path becomes "/", an empty query disappears
        ("https://kabar.example", "https://kabar.example/"),
        ("https://kabar.example/berita?", "https://kabar.example/berita"),
        ("https://kabar.example/berita?#atas", "https://kabar.example/berita"),
        # tracking parameters dropped, the rest kept as written and in order
        ("https://kabar.example/b?utm_source=rss&id=7&utm_medium=feed&page=2",
         "https://kabar.example/b?id=7&page=2"),
        ("https://kabar.example/b?fbclid=IwAR0&gclid=x&dclid=y&msclkid=z",
         "https://kabar.example/b"),
        ("https://kabar.example/b?mc_cid=1&mc_eid=2&igshid=3&yclid=4&_ga=5&ref=home&ref_src=tw"
         "&cmpid=6&ito=7&spm=8&share=9", "https://kabar.example/b"),
        ("https://kabar.example/b?UTM_Source=x&q=banjir+bandang&tag=a%20b",
         "https://kabar.example/b?q=banjir+bandang&tag=a%20b"),
        ("https://kabar.example/b?z=1&a=2&z=3", "https://kabar.example/b?z=1&a=2&z=3"),
        ("https://kabar.example/b?&&id=1&&", "https://kabar.example/b?id=1"),
        ("https://kabar.example/b?flag&utm_x", "https://kabar.example/b?flag"),
        # credentials dropped, spaces and non-ASCII percent-encoded, IDN hosts in punycode
        ("https://user:rahasia@kabar.example/x", "https://kabar.example/x"),
        ("https://kabar.example/foto banjir", "https://kabar.example/foto%20banjir"),
        ("https://kabar.example/kota/bogor–kini", "https://kabar.example/kota/bogor%E2%80%93kini"),
        ("https://bücher.example/a", "https://xn--bcher-kva.example/a"),
        ("https://kabar.example./a", "https://kabar.example/a"),
        ("https://[2001:DB8::1]:443/a", "https://[2001:db8::1]/a"),
        # whitespace and newlines inside, backslashes before the query
        ("  https://kabar.example/a\n/b\t ", "https://kabar.example/a/b"),
        ("https:\\\\kabar.example\\a", "https://kabar.example/a"),
    ],
)
def test_canonical_forms(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/daerah/2025/03/14/longsor", "https://www.wartanusantara.example/daerah/2025/03/14/longsor"),
        ("berita-lain?utm_source=x", "https://www.wartanusantara.example/nasional/berita-lain"),
        ("../ekonomi/harga", "https://www.wartanusantara.example/ekonomi/harga"),
        ("//cdn.wartanusantara.example/a.html", "https://cdn.wartanusantara.example/a.html"),
        ("?page=2", "https://www.wartanusantara.example/nasional/index.html?page=2"),
        ("#atas", "https://www.wartanusantara.example/nasional/index.html"),
        ("https://lain.example/x", "https://lain.example/x"),
    ],
)
def test_relative_links_resolve_against_base(url: str, expected: str) -> None:
    assert canonical_url(url, BASE) == expected


@pytest.mark.parametrize(
    "url",
    [
        "javascript:void(0)", " JavaScript:alert(1)", "mailto:redaksi@kabar.example",
        "tel:+620000000", "data:text/html,<b>x</b>", "ftp://kabar.example/berkas",
        "file:///etc/passwd", "file:/etc/passwd", "file:etc/passwd", "source:file:///etc/passwd",
        "feed://kabar.example/rss", "about:blank", "", "   ", "/relatif/tanpa/basis",
        "https://", "https:///jalur", "http://:80/", "https://kabar.example:99999/",
        "https://kabar.example:port/", "https://exa mple.example/",
    ],
)
def test_non_web_links_are_refused(url: str) -> None:
    assert canonical_url(url) is None


def test_javascript_is_refused_even_with_a_base() -> None:
    assert canonical_url("javascript:bukaMenu()", BASE) is None
    assert canonical_url("mailto:a@b.example", BASE) is None


def test_canonical_url_is_idempotent() -> None:
    for url in ("https://kabar.example/a b?x=1&utm_source=y#z", "https://bücher.example/ä?q=ä"):
        once = canonical_url(url)
        assert once is not None
        assert canonical_url(once) == once


def test_host_of() -> None:
    assert host_of("https://WWW.Kabar.Example:8443/x") == "www.kabar.example"
    assert host_of("https://kabar.example./x") == "kabar.example"
    assert host_of("mailto:a@b") == ""
    assert host_of("not a url") == ""
    assert host_of("http://[::1") == ""


def test_same_site() -> None:
    assert same_site("kabar.example", "www.kabar.example")
    assert same_site("www.kabar.example", "kabar.example")
    assert not same_site("kabar.example", "nasional.kabar.example")
    assert same_site("kabar.example", "nasional.kabar.example", ("kabar.example",))
    assert not same_site("kabar.example", "kabarkabar.example", ("kabar.example",))
    assert not same_site("", "")
