"""The registry of source kinds: how a source's listing is fetched and read.

A *kind* turns one source (``[[sources]]`` with ``kind = "..."``) into URLs to fetch and turns
each fetched body into a ``Listing`` of ``FeedItem``s. Built-in kinds:

- ``rss``: RSS 0.9x/2.0, RDF (RSS 1.0) and Atom feeds;
- ``sitemap``: XML sitemaps and sitemap indexes, with Google News tags, gzipped or not;
- ``html``: a listing page read with a CSS selector for its article links;
- ``search``: a news-search feed built from the topics' keywords.

Rules every kind follows: parsing is pure (bytes in, items out; no network, no files); item URLs
are canonical (``scrapers.urls.canonical_url``), so only http/https links survive; dates are
timezone-aware UTC, and implausible ones (before 1990, or more than two days after ``now``)
become unknown; duplicates within one listing are merged; items come newest first (undated ones
after the dated, in source order), and ``Listing.skipped`` counts the entries dropped for having
no usable link, being older than ``max_age`` or exceeding ``max_items``.
"""

from __future__ import annotations

import html as _html
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from types import MappingProxyType
from typing import Any

from claimwatch.models import FeedItem, SourceSpec
from scrapers.kinds._options import OptionsError, parse_duration, suggest
from scrapers.xmlsafe import sniff_root

__all__ = [
    "KINDS",
    "Kind",
    "Listing",
    "OptionsError",
    "ParseError",
    "UnknownKind",
    "detect_kind",
    "get_kind",
]


class ParseError(ValueError):
    """The body cannot be read as this kind; the message is one line saying why."""

    def __init__(self, message: str) -> None:
        super().__init__(one_line(message))


class UnknownKind(ValueError):
    """No kind has this name; the message suggests the closest and lists the known ones."""


@dataclass(frozen=True, slots=True)
class Listing:
    """What one fetched listing body holds."""

    items: tuple[FeedItem, ...]
    children: tuple[str, ...] = ()  # sitemap index: child sitemap URLs to fetch and parse next
    skipped: int = 0  # entries dropped (no/invalid link, too old, over max_items)


@dataclass(frozen=True, slots=True)
class Kind:
    """One source kind: its options, what to fetch, and how to read what was fetched."""

    name: str
    summary: str  # one line for users (/help, docs)
    doc: str  # the module docstring, shown to users
    options_type: type  # a frozen dataclass; every field has a default unless required
    parse_options: Callable[[Mapping[str, Any]], Any]  # raises OptionsError
    listing_urls: Callable[[SourceSpec, Any], list[str]]  # what to fetch for this source
    parse: Callable[[bytes, str, str | None, Any, datetime], Listing]  # raises ParseError
    accept: str  # Accept header to send


# ----------------------------------------------------------------- helpers for the kind modules


def own_url(spec: SourceSpec, options: Any) -> list[str]:
    """The source's own URL; none when it has no url (the poller reports it)."""
    return [spec.url] if spec.url else []


def define_kind(name: str, summary: str, doc: str | None, options_type: type,
                parse: Callable[[bytes, str, str | None, Any, datetime], Listing], accept: str,
                listing_urls: Callable[[SourceSpec, Any], list[str]] = own_url) -> Kind:
    """A :class:`Kind` whose options are parsed from its options dataclass's fields."""
    from scrapers.kinds._options import parse_options

    return Kind(name=name, summary=summary, doc=doc or "", options_type=options_type,
                parse_options=lambda raw: parse_options(options_type, raw),
                listing_urls=listing_urls, parse=parse, accept=accept)


_EARLIEST = datetime(1990, 1, 1, tzinfo=UTC)
_FUTURE_SLACK = timedelta(days=2)
_TAGS = re.compile(r"<[^>]*>")
_BLOCK_TAGS = re.compile(r"<\s*/?\s*(?:br|p|div|li|h[1-6]|tr|blockquote)\b[^>]*>", re.I)
_LANG_ALIASES = {"in": "id", "ind": "id", "eng": "en"}
SUMMARY_LIMIT = 1000
TITLE_LIMIT = 500


def one_line(text: object) -> str:
    """``text`` on one line, never empty."""
    return " ".join(str(text).split()) or "unreadable body"


def check_now(now: datetime) -> None:
    if not isinstance(now, datetime) or now.tzinfo is None or now.utcoffset() is None:
        raise TypeError("now must be a timezone-aware datetime")


def plausible(dt: datetime | None, now: datetime) -> datetime | None:
    """``dt`` in UTC, or None when missing, naive-and-odd, before 1990 or far in the future."""
    if dt is None:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    try:
        dt = dt.astimezone(UTC)
    except (OverflowError, ValueError):
        return None
    if dt < _EARLIEST or dt > now + _FUTURE_SLACK:
        return None
    return dt


def norm_lang(tag: object) -> str | None:
    """Primary language subtag: "id-ID" → "id", "en_US" → "en", old "in" → "id"; else None."""
    if not isinstance(tag, str):
        return None
    primary = re.split(r"[-_\s]", tag.strip().lower(), maxsplit=1)[0]
    if not re.fullmatch(r"[a-z]{2,3}", primary):
        return None
    return _LANG_ALIASES.get(primary, primary)


def plain_text(value: object, *, is_html: bool, limit: int) -> str | None:
    """Text of a (sanitised) HTML or plain string, whitespace collapsed, cut at ``limit``."""
    if not isinstance(value, str):
        return None
    text = value
    if is_html:
        text = _html.unescape(_TAGS.sub(" ", _BLOCK_TAGS.sub(" ", text)))
    text = " ".join(text.split())
    if not text:
        return None
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def max_age_cutoff(max_age: str | None, now: datetime) -> datetime | None:
    return None if max_age is None else now - parse_duration(max_age)


def finish(items: Iterable[FeedItem], *, max_items: int, cutoff: datetime | None,
           skipped: int = 0, children: tuple[str, ...] = ()) -> Listing:
    """Merge duplicates, drop items older than ``cutoff``, order newest first, cap, count drops."""
    merged: dict[str, FeedItem] = {}
    by_url: dict[str, str] = {}
    for it in items:
        key = it.key if it.key in merged else by_url.get(it.url, it.key)
        if key in merged:
            old = merged[key]
            merged[key] = replace(old, title=old.title or it.title, summary=old.summary or it.summary,
                                  published=old.published or it.published,
                                  updated=old.updated or it.updated, lang=old.lang or it.lang)
            continue
        merged[key] = it
        by_url.setdefault(it.url, key)
    kept = []
    for it in merged.values():
        stamp = it.stamp
        if cutoff is not None and stamp is not None and stamp < cutoff:
            skipped += 1
            continue
        kept.append(it)
    kept.sort(key=lambda i: -i.stamp.timestamp() if i.stamp else float("inf"))
    skipped += max(0, len(kept) - max_items)
    return Listing(tuple(kept[:max_items]), children=children, skipped=skipped)


# ----------------------------------------------------------------------------- registry

from scrapers.kinds import html as _html_kind  # noqa: E402 - the kinds import the helpers above
from scrapers.kinds import rss as _rss_kind  # noqa: E402
from scrapers.kinds import search as _search_kind  # noqa: E402
from scrapers.kinds import sitemap as _sitemap_kind  # noqa: E402

KINDS: Mapping[str, Kind] = MappingProxyType(
    {k.name: k for k in (_rss_kind.KIND, _sitemap_kind.KIND, _html_kind.KIND, _search_kind.KIND)}
)


def get_kind(name: str) -> Kind:
    """The kind called ``name``; ``UnknownKind`` (a ``ValueError``) with a suggestion otherwise."""
    kind = KINDS.get(name) if isinstance(name, str) else None
    if kind is not None:
        return kind
    known = ", ".join(sorted(KINDS))
    hint = suggest(str(name), KINDS)
    did = f" (did you mean {hint!r}?)" if hint else ""
    raise UnknownKind(f"unknown kind {str(name)!r}{did}; known: {known}")


_FEED_ROOTS = {"rss", "feed", "rdf", "channel"}
_SITEMAP_ROOTS = {"urlset", "sitemapindex"}
_HTML_ROOTS = {"html", "head", "body"}


def detect_kind(body: bytes, content_type: str | None) -> str | None:
    """Guess the kind of a body: "rss" (RSS/Atom/RDF), "sitemap", "html", or None.

    The first element decides; the content type only helps when there is none (or for an HTML
    fragment served as ``text/html``).
    """
    ctype = (content_type or "").split(";", 1)[0].strip().lower()
    root = sniff_root(body) if body else None
    if root in _FEED_ROOTS:
        return "rss"
    if root in _SITEMAP_ROOTS:
        return "sitemap"
    if root in _HTML_ROOTS:
        return "html"
    if ctype in ("text/html", "application/xhtml+xml"):
        return "html"
    if root is None and ctype in ("application/rss+xml", "application/atom+xml", "application/rdf+xml"):
        return "rss"
    return None
