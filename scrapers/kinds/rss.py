"""RSS and Atom feeds (``kind = "rss"``).

Reads RSS 0.9x and 2.0, RDF (RSS 1.0) and Atom 0.3/1.0 feeds. Each entry becomes an item with its
link (relative links resolved against the feed URL, tracking parameters such as ``utm_*``
removed), its GUID/id, title, publication and update dates, a short plain-text summary (HTML
stripped, at most 1,000 characters) and the feed's language ("id-ID" → "id").

Entries without a usable http(s) link are skipped. A feed with small defects is still read if
it has entries; a body with no readable entries is an error, except for a well-formed feed that
is simply empty. When a damaged feed ends before its closing tag, its last entry is dropped (it
may be cut short).

Options:

- ``max_items`` (integer, default 100): keep at most this many items, newest first.
- ``max_age`` (duration such as "2d", "6h", "30m"; default: none): skip items whose latest date
  is older than this. Items without a date are kept.

Example::

    [[sources]]
    id = "contoh-nasional"
    kind = "rss"
    url = "https://www.example.org/rss/nasional.xml"
    topics = ["banjir"]
    options = { max_items = 50, max_age = "3d" }
"""

from __future__ import annotations

import calendar
import io
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import feedparser

from claimwatch.models import FeedItem
from scrapers.kinds import (
    SUMMARY_LIMIT,
    TITLE_LIMIT,
    Kind,
    Listing,
    ParseError,
    check_now,
    define_kind,
    finish,
    max_age_cutoff,
    norm_lang,
    one_line,
    plain_text,
    plausible,
)
from scrapers.kinds._options import duration, opt, positive_int
from scrapers.urls import canonical_url
from scrapers.xmlsafe import XmlError, gunzip_capped, is_gzip

__all__ = ["ACCEPT", "KIND", "Options", "parse_feed"]

ACCEPT = ("application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, "
          "application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5")
# Bozo reasons that do not mean damage: the declared encoding or media type was overridden.
_HARMLESS_BOZO = ("CharacterEncodingOverride", "NonXMLContentType")
_CLOSING_ROOT = re.compile(r"</(?:[\w.-]+:)?(?:rss|feed|rdf)\s*>", re.I)
_SAX_WHERE = re.compile(r"^<unknown>:(\d+):(\d+):\s*(.*)$")
GUID_LIMIT = 1000


@dataclass(frozen=True, slots=True)
class Options:
    """Options of the ``rss`` kind."""

    max_items: int = opt(100, check=positive_int, about="keep at most this many items, newest first")
    max_age: str | None = opt(None, check=duration,
                              about="skip items older than this (e.g. \"2d\"); undated items are kept")


def _when(struct: Any, now: datetime) -> datetime | None:
    """feedparser's UTC ``struct_time`` as an aware datetime (None when odd)."""
    if not struct:
        return None
    try:
        return plausible(datetime.fromtimestamp(calendar.timegm(struct), tz=UTC), now)
    except (OverflowError, ValueError, TypeError, OSError):
        return None


def _detail_text(entry: Any, name: str, limit: int) -> str | None:
    detail = dict.get(entry, f"{name}_detail") or {}
    value = dict.get(entry, name)
    is_html = "html" in str(detail.get("type", "text/html") if isinstance(detail, dict) else "")
    return plain_text(value, is_html=is_html, limit=limit)


def _truncated(body: bytes, encoding: str | None) -> bool:
    """True when a damaged feed lacks its closing root tag (it was cut off)."""
    tail = body[-65536:]  # junk appended after the closing tag (a server banner) is tolerated
    try:
        text = tail.decode(encoding or "utf-8", errors="ignore")
    except LookupError:
        text = tail.decode("utf-8", errors="ignore")
    return _CLOSING_ROOT.search(text) is None


def _bozo_reason(result: Any) -> str:
    exc = result.get("bozo_exception")
    if exc is None:
        return "unknown problem"
    text = one_line(exc)
    m = _SAX_WHERE.match(text)
    if m:
        return f"{m.group(3)} (line {m.group(1)}, column {m.group(2)})"
    name = type(exc).__name__
    return text if name in ("SAXParseException", "Exception") else f"{name}: {text}"


def parse_feed(body: bytes, url: str, content_type: str | None, *, max_items: int,
               max_age: str | None, now: datetime) -> Listing:
    """Read an RSS/RDF/Atom body (shared by the ``rss`` and ``search`` kinds)."""
    check_now(now)
    if not body or not body.removeprefix(b"\xef\xbb\xbf").strip():
        raise ParseError("empty body")
    if is_gzip(body):
        try:
            body = gunzip_capped(body)
        except XmlError as exc:
            raise ParseError(str(exc)) from None
    headers = {"content-type": content_type or "application/xml"}
    if url:
        headers["content-location"] = url
    try:
        # Bytes wrapped in a stream: feedparser never reads a URL or a file path from it.
        result = feedparser.parse(io.BytesIO(body), response_headers=headers)
    except Exception as exc:  # a third-party parser on hostile input: report, never crash
        raise ParseError(f"feed parser failed: {type(exc).__name__}: {one_line(exc)}") from None
    entries = list(result.get("entries") or [])
    bozo = bool(result.get("bozo"))
    harmless = type(result.get("bozo_exception")).__name__ in _HARMLESS_BOZO
    if not entries:
        if bozo and not (harmless and result.get("version")):
            raise ParseError(f"not a readable feed: {_bozo_reason(result)}")
        if not result.get("version"):
            raise ParseError("not a feed: no RSS, RDF or Atom root element")
        return Listing(())
    skipped = 0
    if bozo and not harmless and _truncated(body, result.get("encoding")):
        entries.pop()  # cut off mid-entry: its link or title may be incomplete
        skipped += 1
    feed = result.get("feed") or {}
    feed_lang = norm_lang(feed.get("language"))
    items: list[FeedItem] = []
    for entry in entries:
        link = canonical_url(str(dict.get(entry, "link") or ""), url or None)
        if link is None:
            skipped += 1
            continue
        guid = dict.get(entry, "id")
        guid = one_line(guid)[:GUID_LIMIT] if isinstance(guid, str) and guid.strip() else None
        title_detail = dict.get(entry, "title_detail") or {}
        lang = norm_lang(title_detail.get("language") if isinstance(title_detail, dict) else None)
        items.append(FeedItem(
            url=link,
            guid=guid,
            title=_detail_text(entry, "title", TITLE_LIMIT),
            published=_when(dict.get(entry, "published_parsed"), now),
            # dict.get: feedparser's own .get maps a missing "updated" to "published" (deprecated)
            updated=_when(dict.get(entry, "updated_parsed"), now),
            summary=_detail_text(entry, "summary", SUMMARY_LIMIT),
            lang=lang or feed_lang,
        ))
    return finish(items, max_items=max_items, cutoff=max_age_cutoff(max_age, now), skipped=skipped)


def _parse(body: bytes, url: str, content_type: str | None, options: Any, now: datetime) -> Listing:
    return parse_feed(body, url, content_type, max_items=options.max_items,
                      max_age=options.max_age, now=now)




KIND: Kind = define_kind(
    "rss", "RSS, RDF or Atom feed: every entry's link, title, dates and summary",
    __doc__, Options, _parse, ACCEPT,
)
