"""The bundled demo news site, against the real server on 127.0.0.1 with httpx."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from xml.etree import ElementTree as ET

import httpx
import pytest

from claimwatch.demo_site import DemoSite, StoryArticle, Version, load_story
from claimwatch.extract import Extractor
from scrapers.html_text import html_to_text

EX = Extractor()
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def site() -> Iterator[DemoSite]:
    with DemoSite() as s:
        yield s


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=10.0) as c:
        yield c


def feed_links(client: httpx.Client, url: str) -> list[str]:
    r = client.get(url)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/rss+xml")
    root = ET.fromstring(r.content)
    return [item.findtext("link") or "" for item in root.iter("item")]


def article_at(site: DemoSite, url: str) -> StoryArticle:
    return next(a for a in site.story if site.url(a) == url)


def page_text(client: httpx.Client, url: str) -> str:
    r = client.get(url)
    assert r.status_code == 200, url
    return html_to_text(r.text)


# -- the story ------------------------------------------------------------------------------------


def test_story_spans_six_days_in_two_languages() -> None:
    story = load_story()
    assert 10 <= len(story) <= 14
    langs = [a.lang for a in story]
    assert langs.count("id") >= 7 and langs.count("en") >= 4
    times = [v.time for a in story for v in a.versions]
    assert all(t.utcoffset() == timedelta(hours=7) for t in times)
    assert min(times).date().isoformat() == "2025-11-03"
    assert max(times).date().isoformat() == "2025-11-08"
    assert len({a.slug for a in story}) == len(story)
    assert sum(len(a.versions) > 1 for a in story) == 1  # one article is updated in place


# -- publishing -----------------------------------------------------------------------------------


def test_nothing_is_published_at_step_zero(site: DemoSite, client: httpx.Client) -> None:
    assert site.steps == sum(len(a.versions) for a in site.story)
    assert feed_links(client, site.feed_url("id")) == []
    assert feed_links(client, site.feed_url("en")) == []
    assert "article-link" not in client.get(site.base_url + "/").text
    assert "<url>" not in client.get(site.base_url + "/sitemap-news.xml").text
    for art in site.story:
        assert client.get(site.url(art)).status_code == 404


def test_steps_publish_in_time_order(site: DemoSite, client: httpx.Client) -> None:
    seen: list[str] = []
    times: list[datetime] = []
    for step in range(site.steps):
        urls = site.publish_next()
        assert len(urls) == 1 and urls[0].startswith(site.base_url)
        art = article_at(site, urls[0])
        times.append(art.versions[seen.count(urls[0])].time)
        if urls[0] not in seen:
            assert feed_links(client, site.feed_url(art.lang))[0] == urls[0], f"step {step + 1}"
        seen.append(urls[0])
        assert site.step == step + 1
    assert times == sorted(times)
    assert site.publish_next() == []
    feeds = feed_links(client, site.feed_url("id")) + feed_links(client, site.feed_url("en"))
    assert sorted(feeds) == sorted(site.url(a) for a in site.story)
    index = client.get(site.base_url + "/").text + client.get(site.base_url + "/en/").text
    links = re.findall(r'<a class="article-link" href="([^"]+)"', index)
    assert sorted(site.base_url + p for p in links) == sorted(feeds)


def test_feed_items_carry_guid_date_title_and_description(site: DemoSite, client: httpx.Client) -> None:
    site.publish_next()
    root = ET.fromstring(client.get(site.feed_url("id")).content)
    item = next(root.iter("item"))
    first = site.story[0]
    assert item.findtext("guid") == site.url(first)
    assert item.findtext("title") == first.versions[0].title
    assert item.findtext("pubDate") == "Mon, 03 Nov 2025 07:40:00 +0700"
    assert (item.findtext("description") or "").startswith("Wartalintas.example, Sigarang - ")


def test_feed_answers_304_until_something_new(site: DemoSite, client: httpx.Client) -> None:
    site.publish_next()  # an Indonesian article
    first = client.get(site.feed_url("id"))
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    assert modified == "Mon, 03 Nov 2025 00:40:00 GMT"
    assert client.get(site.feed_url("id"), headers={"If-None-Match": etag}).status_code == 304
    assert client.get(site.feed_url("id"), headers={"If-Modified-Since": modified}).status_code == 304
    en = client.get(site.feed_url("en"))
    site.publish_next()  # an English article: the Indonesian feed is unchanged
    assert client.get(site.feed_url("id"), headers={"If-None-Match": etag}).status_code == 304
    again = client.get(site.feed_url("en"), headers={"If-None-Match": en.headers["etag"]})
    assert again.status_code == 200 and again.headers["etag"] != en.headers["etag"]
    site.publish_next()  # Indonesian again
    after = client.get(site.feed_url("id"), headers={"If-None-Match": etag, "If-Modified-Since": modified})
    assert after.status_code == 200
    assert after.headers["etag"] != etag and len(feed_links(client, site.feed_url("id"))) == 2
    assert client.get(site.feed_url("id"), headers={"If-Modified-Since": modified}).status_code == 200


def test_unpublished_and_unknown_pages_are_404(site: DemoSite, client: httpx.Client) -> None:
    url = site.publish_next()[0]
    assert client.get(url).status_code == 200
    later = site.url(site.story[-1])
    assert client.get(later).status_code == 404
    assert client.get(site.base_url + "/news/no-such-article").status_code == 404


def test_sitemap_and_robots(site: DemoSite, client: httpx.Client) -> None:
    robots = client.get(site.base_url + "/robots.txt").text
    assert "Allow: /" in robots and f"Sitemap: {site.base_url}/sitemap-news.xml" in robots
    published = [site.publish_next()[0] for _ in range(3)]
    root = ET.fromstring(client.get(site.base_url + "/sitemap-news.xml").content)
    locs = [u.findtext(f"{SM}loc") for u in root.iter(f"{SM}url")]
    assert sorted(locs) == sorted(published)  # type: ignore[type-var]
    dates = [e.text for e in root.iter(f"{NEWS}publication_date")]
    assert "2025-11-03T07:40:00+07:00" in dates


# -- pages ----------------------------------------------------------------------------------------


def test_indonesian_page_has_chrome_and_paragraphs(site: DemoSite, client: httpx.Client) -> None:
    url = site.publish_next()[0]
    page = client.get(url).text
    art = site.story[0]
    for marker in ('<h1 class="read-page--header--title', 'class="read-page--header--author__datetime',
                   'datetime="2025-11-03T07:40:00+07:00"', '<div class="article-content-body__item-content">',
                   'class="baca-juga"', '<div class="advertisement">Advertisement</div>',
                   'property="og:title"', 'content="2025-11-03T07:40:00+07:00"', f'rel="canonical" href="{url}"',
                   "read-page--breadcrumb", "read-page--social-share", "tags--snippet", "related-articles",
                   "<footer", "<script"):
        assert marker in page, marker
    for par in art.versions[0].paragraphs:
        assert f"<p>{html.escape(par)}</p>" in page
    text = html_to_text(page)
    assert text.splitlines() == list(art.versions[0].paragraphs)  # the noise all goes


def test_english_page_has_its_own_layout(site: DemoSite, client: httpx.Client) -> None:
    site.publish_next()
    url = site.publish_next()[0]
    assert "/en/news/" in url
    page = client.get(url).text
    for marker in ('<div class="story-body">', "Read also", '<div class="advertisement">Advertisement</div>',
                   'property="article:published_time"', "breadcrumbs", "<footer"):
        assert marker in page, marker
    text = html_to_text(page)
    for par in article_at(site, url).versions[0].paragraphs:
        assert par in text
    assert "Read also" not in text and "Advertisement" not in text


def test_update_in_place_changes_the_page(site: DemoSite, client: httpx.Client) -> None:
    art = next(a for a in site.story if len(a.versions) > 1)
    url = site.url(art)
    before = None
    for _ in range(site.steps):
        urls = site.publish_next()
        if urls == [url] and before is None:
            before = client.get(url).text
        elif urls == [url]:
            break
    assert before is not None
    after = client.get(url).text
    assert after != before
    old, new = art.versions
    assert new.title in after and old.title not in after
    assert f'property="article:modified_time" content="{new.time.isoformat()}"' in after
    assert "Diperbarui" in after
    assert old.paragraphs[2] in html_to_text(before) and new.paragraphs[2] in html_to_text(after)
    assert feed_links(client, site.feed_url(art.lang)).count(url) == 1


def test_gzip_head_and_recorded_requests(site: DemoSite, client: httpx.Client) -> None:
    url = site.publish_next()[0]
    zipped = client.get(url, headers={"Accept-Encoding": "gzip"})
    plain = client.get(url, headers={"Accept-Encoding": "identity"})
    assert zipped.headers["content-encoding"] == "gzip" and "content-encoding" not in plain.headers
    assert zipped.text == plain.text
    head = client.head(url)
    assert head.status_code == 200 and head.content == b""
    path = url.removeprefix(site.base_url)
    assert site.requests.count(path) == 3


def test_binds_to_loopback_only() -> None:
    with pytest.raises(ValueError):
        DemoSite(host="0.0.0.0")
    with DemoSite() as s:
        assert s.host_port.startswith("127.0.0.1:") and s.base_url == f"http://{s.host_port}"


# -- the extractor reads the story ----------------------------------------------------------------


def _walk(site: DemoSite, client: httpx.Client) -> Iterator[tuple[str, Version, str]]:
    """Every step: (url, version shown, page text)."""
    versions_seen: dict[str, int] = {}
    for _ in range(site.steps):
        (url,) = site.publish_next()
        art = article_at(site, url)
        i = versions_seen[url] = versions_seen.get(url, -1) + 1
        yield url, art.versions[i], page_text(client, url)


def test_every_article_yields_a_figure_with_a_concept(site: DemoSite, client: httpx.Client) -> None:
    for url, _, text in _walk(site, client):
        figures = EX.extract(text).figures
        assert any(f.what for f in figures), url


def test_story_yields_the_intended_figures_and_statements(site: DemoSite, client: httpx.Client) -> None:
    checked = 0
    for url, ver, text in _walk(site, client):
        ex = EX.extract(text, published=ver.time)
        assert ver.expect, f"{url}: the manifest documents what the article says"
        for e in ver.expect:
            hits = [f for f in ex.figures if f.what == e["what"] and f.value == e["value"]
                    and f.claimed_by == e["claimed_by"] and not f.past]
            if "bound" in e:
                hits = [f for f in hits if str(f.bound) == e["bound"]]
            found = [(f.what, f.value, f.claimed_by) for f in ex.figures]
            assert hits, f"{url}: expected {e}, found {found}"
            checked += 1
        for s in ver.stance:
            assert any(st.speaker == s["speaker"] and str(st.stance) == s["stance"] for st in ex.statements), (
                f"{url}: expected {s}, found {[(st.speaker, str(st.stance)) for st in ex.statements]}")
            checked += 1
    assert checked >= 30
