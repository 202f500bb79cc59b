"""XML sitemaps and sitemap indexes (``kind = "sitemap"``).

Reads a ``<urlset>`` (each ``<url>`` becomes an item: its ``<loc>``, ``<lastmod>`` as the update
date and, with the Google News extension, ``<news:publication_date>``, ``<news:title>`` and
``<news:language>``) or a ``<sitemapindex>``, whose child sitemaps (newest ``<lastmod>`` first)
are returned for fetching next. Gzipped sitemaps (``.xml.gz``) are unpacked, up to 10 MB.

The XML parser is hardened: no entity expansion, no DTD, no network. A sitemap with common junk
(a bare ``&`` in a URL, text before the XML, Latin-1 bytes) is still read; if it was cut off,
its last entry is dropped. Namespaces are matched loosely, so old or missing ones do not matter.

Options:

- ``max_age`` (duration, default "2d"): skip URLs and child sitemaps whose latest date is older
  than this. URLs without any date are kept. Set a longer one for slow sites.
- ``max_items`` (integer, default 200): keep at most this many URLs, newest first.
- ``max_children`` (integer, default 5): of an index, follow at most this many child sitemaps.

Example::

    [[sources]]
    id = "contoh-sitemap"
    kind = "sitemap"
    url = "https://news.example.com/sitemap-news.xml"
    topics = ["banjir"]
    options = { max_age = "2d", max_items = 200 }
"""

from __future__ import annotations

import email.utils
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from claimwatch.models import FeedItem
from scrapers.kinds import (
    TITLE_LIMIT,
    Kind,
    Listing,
    ParseError,
    check_now,
    define_kind,
    finish,
    max_age_cutoff,
    norm_lang,
    plain_text,
    plausible,
)
from scrapers.kinds._options import duration, opt, positive_int
from scrapers.urls import canonical_url
from scrapers.xmlsafe import XmlError, gunzip_capped, is_gzip, local_name, parse_xml, text_of

__all__ = ["ACCEPT", "KIND", "Options", "parse_w3c_datetime"]

ACCEPT = "application/xml, text/xml;q=0.9, application/gzip;q=0.8, */*;q=0.5"
_COMPACT_OFFSET = re.compile(r"([+-]\d{2})(\d{2})$")


@dataclass(frozen=True, slots=True)
class Options:
    """Options of the ``sitemap`` kind."""

    max_age: str | None = opt("2d", check=duration,
                              about="skip URLs older than this; undated URLs are kept")
    max_items: int = opt(200, check=positive_int, about="keep at most this many URLs, newest first")
    max_children: int = opt(5, check=positive_int,
                            about="follow at most this many child sitemaps of an index")


def parse_w3c_datetime(text: str | None) -> datetime | None:
    """A W3C/ISO date ("2024-10-24", "2024-10-24T10:15:00+07:00", "...Z") or RFC 822 date."""
    if not text:
        return None
    s = text.strip()
    if not s:
        return None
    iso = s[:-1] + "+00:00" if s[-1:] in ("Z", "z") else s
    iso = _COMPACT_OFFSET.sub(r"\1:\2", iso) if "T" in iso else iso
    try:
        dt = datetime.fromisoformat(iso)
    except ValueError:
        try:
            dt = email.utils.parsedate_to_datetime(s)
        except (TypeError, ValueError, IndexError):
            return None
        if str(dt.year) not in s:  # email.utils reads "0001" as 2001 and "99" as 1999
            return None
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def _child(el: Any, name: str) -> Any:
    for c in el:
        if local_name(c) == name:
            return c
    return None


def _child_text(el: Any, name: str) -> str | None:
    c = _child(el, name)
    return text_of(c) if c is not None else None


def _url_item(el: Any, base: str, now: datetime) -> FeedItem | None:
    loc = canonical_url(_child_text(el, "loc") or "", base or None)
    if loc is None:
        return None
    news = _child(el, "news")
    title = published = lang = None
    if news is not None:
        title = plain_text(_child_text(news, "title"), is_html=False, limit=TITLE_LIMIT)
        published = plausible(parse_w3c_datetime(_child_text(news, "publication_date")), now)
        pub = _child(news, "publication")
        if pub is not None:
            lang = norm_lang(_child_text(pub, "language"))
    updated = plausible(parse_w3c_datetime(_child_text(el, "lastmod")), now)
    return FeedItem(url=loc, title=title, published=published, updated=updated, lang=lang)


def _index(root: Any, base: str, opts: Options, now: datetime, truncated: bool) -> Listing:
    cutoff = max_age_cutoff(opts.max_age, now)
    entries = [el for el in root if local_name(el) == "sitemap"]
    skipped = 0
    if truncated and entries:
        entries.pop()
        skipped += 1
    children: list[tuple[datetime | None, str]] = []
    seen: set[str] = set()
    for el in entries:
        loc = canonical_url(_child_text(el, "loc") or "", base or None)
        if loc is None:
            skipped += 1
            continue
        if loc in seen:
            continue
        seen.add(loc)
        when = plausible(parse_w3c_datetime(_child_text(el, "lastmod")), now)
        if cutoff is not None and when is not None and when < cutoff:
            skipped += 1
            continue
        children.append((when, loc))
    children.sort(key=lambda c: -c[0].timestamp() if c[0] else float("inf"))
    skipped += max(0, len(children) - opts.max_children)
    return Listing((), children=tuple(loc for _, loc in children[: opts.max_children]), skipped=skipped)


def _parse(body: bytes, url: str, content_type: str | None, options: Any, now: datetime) -> Listing:
    check_now(now)
    opts: Options = options
    if not body or not body.strip():
        raise ParseError("empty body")
    try:
        if is_gzip(body):
            body = gunzip_capped(body)
        doc = parse_xml(body)
    except XmlError as exc:
        raise ParseError(str(exc)) from None
    root_name = local_name(doc.root)
    if root_name == "sitemapindex":
        return _index(doc.root, url, opts, now, doc.truncated)
    if root_name != "urlset":
        raise ParseError(f"not a sitemap: the root element is <{root_name or '?'}>, "
                         "not <urlset> or <sitemapindex>")
    entries = [el for el in doc.root if local_name(el) == "url"]
    skipped = 0
    if doc.truncated and entries:
        entries.pop()  # cut off: its <loc> may be incomplete
        skipped += 1
    items: list[FeedItem] = []
    for el in entries:
        item = _url_item(el, url, now)
        if item is None:
            skipped += 1
        else:
            items.append(item)
    return finish(items, max_items=opts.max_items, cutoff=max_age_cutoff(opts.max_age, now),
                  skipped=skipped)




KIND: Kind = define_kind(
    "sitemap", "XML sitemap or sitemap index (Google News tags, gzip): recent article URLs",
    __doc__, Options, _parse, ACCEPT,
)
