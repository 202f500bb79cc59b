"""A listing page read with a CSS selector (``kind = "html"``).

For sites without a feed or sitemap: the page that lists the latest articles (an index, a
"terkini"/"latest" page) is fetched and every element matching ``link_selector`` gives one
article link, in page order. The selector may point at the ``<a>`` itself or at a container
(then its first link is used). Links are resolved against the page (and its ``<base href>``),
canonicalised (tracking parameters removed) and de-duplicated; ``javascript:``, ``mailto:`` and
other non-web links are skipped. The title is the link text (or its ``title``/image ``alt``).
Listing pages carry no dates, so items have none. Only the first 2 MB of a page are read.

A page where the selector matches nothing gives an empty listing, not an error: the poller
reports a source that keeps coming back empty (the site may have changed its layout).

Options:

- ``link_selector`` (string, required): CSS selector of the article links, e.g.
  ``"h2.title a"`` or ``"a.article-link"``.
- ``max_items`` (integer, default 50): keep at most this many links, in page order.
- ``same_host`` (true/false, default true): skip links to other hosts ("www." is ignored).
- ``allow_hosts`` (list of host suffixes, default none): with ``same_host``, also accept these,
  e.g. ``["example.co.id"]`` for a site whose sections live on ``nasional.example.co.id``.

Example::

    [[sources]]
    id = "contoh-terkini"
    kind = "html"
    url = "https://daerah.example.com/terkini"
    topics = ["banjir"]
    options = { link_selector = "article h2 a", max_items = 30 }
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import soupsieve
from bs4 import BeautifulSoup, Tag

from claimwatch.models import FeedItem
from scrapers.kinds import (
    TITLE_LIMIT,
    Kind,
    Listing,
    check_now,
    define_kind,
    finish,
    norm_lang,
    plain_text,
)
from scrapers.kinds._options import opt, positive_int
from scrapers.urls import canonical_url, host_of, same_site

__all__ = ["ACCEPT", "KIND", "MAX_HTML_BYTES", "Options"]

ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
MAX_HTML_BYTES = 2_000_000  # a listing's links are near the top; BeautifulSoup is slow on more


def _selector(value: str) -> str:
    """Field check: a CSS selector soupsieve can compile."""
    if not value.strip():
        raise ValueError("must not be empty")
    try:
        soupsieve.compile(value)
    except (soupsieve.SelectorSyntaxError, ValueError, TypeError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ValueError(f"invalid CSS selector {value!r}: {first}") from None
    return value.strip()


def _hosts(value: tuple[str, ...]) -> tuple[str, ...]:
    out = []
    for h in value:
        h = h.strip().lower().strip(".")
        if not h or "/" in h or " " in h or ":" in h:
            raise ValueError(f"not a host name: {h!r}")
        out.append(h)
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Options:
    """Options of the ``html`` kind."""

    link_selector: str = opt(check=_selector, about="CSS selector of the article links (required)")
    max_items: int = opt(50, check=positive_int, about="keep at most this many links, in page order")
    same_host: bool = opt(True, about="skip links to other hosts")
    allow_hosts: tuple[str, ...] = opt((), check=_hosts,
                                       about="host suffixes also accepted when same_host is on")


def _charset(content_type: str | None) -> str | None:
    for part in (content_type or "").split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def _link_of(el: Tag) -> Tag | None:
    if el.get("href") is not None:
        return el
    found = el.find(["a", "area"], href=True)
    return found if isinstance(found, Tag) else None


def _title_of(a: Tag, container: Tag) -> tuple[str | None, bool]:
    """The link's title and whether it is the link text (better than an attribute or image alt)."""
    text = plain_text(a.get_text(" "), is_html=False, limit=TITLE_LIMIT)
    if text:
        return text, True
    for attr in ("title", "aria-label"):
        value = a.get(attr)
        if isinstance(value, str) and value.strip():
            return plain_text(value, is_html=False, limit=TITLE_LIMIT), False
    img = a.find("img", alt=True)
    if isinstance(img, Tag) and isinstance(img.get("alt"), str):
        alt = plain_text(str(img.get("alt")), is_html=False, limit=TITLE_LIMIT)
        if alt:
            return alt, False
    if container is not a:
        return plain_text(container.get_text(" "), is_html=False, limit=TITLE_LIMIT), False
    return None, False


def _soup(body: bytes, content_type: str | None) -> BeautifulSoup | None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "looks like a URL/filename", "XML parsed as HTML" ...
        for charset in dict.fromkeys((_charset(content_type), None)):  # a bogus charset: sniff
            try:
                return BeautifulSoup(body[:MAX_HTML_BYTES], "lxml", from_encoding=charset)
            except Exception:  # an unreadable page is an empty listing, never a crash
                continue
        return None


def _parse(body: bytes, url: str, content_type: str | None, options: Any, now: datetime) -> Listing:
    check_now(now)
    opts: Options = options
    if not body or not body.strip():
        return Listing(())
    soup = _soup(body, content_type)
    if soup is None:
        return Listing(())
    base = url
    base_tag = soup.find("base", href=True)
    if isinstance(base_tag, Tag):
        base = canonical_url(str(base_tag.get("href") or ""), url or None) or url
    html_tag = soup.find("html")
    lang = norm_lang(html_tag.get("lang")) if isinstance(html_tag, Tag) else None
    page_host = host_of(url)
    try:
        matches = soup.select(opts.link_selector)
    except Exception:  # selectors are checked in parse_options; a page must never crash us
        return Listing(())
    own = {canonical_url(url or ""), canonical_url(base or "")} - {None}
    found: dict[str, tuple[str | None, bool]] = {}  # url -> (title, title is link text); page order
    skipped = 0
    for el in matches:
        a = _link_of(el)
        href = a.get("href") if a is not None else None
        link = canonical_url(href, base or None) if isinstance(href, str) else None
        if a is None or link is None or link in own:  # no link, not http(s), or "#" (the page)
            skipped += 1
            continue
        if opts.same_host and page_host and not same_site(page_host, host_of(link), opts.allow_hosts):
            skipped += 1
            continue
        title, from_text = _title_of(a, el)
        old = found.get(link)
        if old is None or (not old[1] and from_text) or (old[0] is None and title):
            found[link] = (title, from_text)  # an image link first, its headline link later
    items = [FeedItem(url=link, title=title, lang=lang) for link, (title, _) in found.items()]
    return finish(items, max_items=opts.max_items, cutoff=None, skipped=skipped)




KIND: Kind = define_kind(
    "html", "a listing page of a site, read with a CSS selector for its article links",
    __doc__, Options, _parse, ACCEPT,
)
