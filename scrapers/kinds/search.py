"""A news-search feed built from the topics' keywords (``kind = "search"``).

No ``url`` is needed: the query is made of the keywords of the source's topics (a keyword with
spaces is quoted, and they are joined with ``OR``, e.g. ``banjir OR "tanah longsor"``), put into
the search engine's RSS address, and the result is read like an ``rss`` source. A very long
keyword list is split over several queries. A source whose topics have no keywords fetches
nothing; the poller reports it.

Limitation: the engines link to their own redirect pages (Google News article links point to
``news.google.com``), not to the publisher; those links are kept as they are, and the titles
keep the engine's " - Publisher" suffix.

Options:

- ``engine`` (string, default "google-news"): "google-news" or "bing-news".
- ``url_template`` (string, default none): your own search-feed address instead of an engine,
  an http(s) URL containing ``{query}``; ``{lang}`` and ``{region}`` are filled in too.
- ``lang`` (string, default "id"): interface/content language asked of the engine.
- ``region`` (string, default "ID"): country edition, two letters.
- ``max_items`` (integer, default 100): keep at most this many items, newest first.
- ``max_age`` (duration such as "2d"; default none): skip older items; undated ones are kept.

Example::

    [[sources]]
    id = "cari-banjir"
    kind = "search"
    topics = ["banjir"]
    interval = "1h30m"
    options = { engine = "google-news", lang = "id", region = "ID", max_age = "2d" }
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import quote

from claimwatch.models import SourceSpec
from scrapers.kinds import Kind, Listing, define_kind
from scrapers.kinds._options import (
    OptionsError,
    duration,
    opt,
    positive_int,
    suggest,
)
from scrapers.kinds.rss import ACCEPT, parse_feed
from scrapers.urls import canonical_url

__all__ = ["ENGINES", "KIND", "MAX_QUERY_CHARS", "Options", "build_queries"]

ENGINES = {
    "google-news": "https://news.google.com/rss/search?q={query}&hl={lang}&gl={region}&ceid={region}:{lang}",
    "bing-news": "https://www.bing.com/news/search?q={query}&format=rss&setlang={lang}&cc={region}",
}
MAX_QUERY_CHARS = 400  # of one query before URL-encoding; longer keyword lists are split
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_KNOWN_PLACEHOLDERS = {"query", "lang", "region"}


def _engine(value: str) -> str:
    name = value.strip().lower()
    if name not in ENGINES:
        hint = suggest(name, ENGINES)
        did = f" (did you mean {hint!r}?)" if hint else ""
        raise ValueError(f"unknown engine {value!r}{did}; known: {', '.join(sorted(ENGINES))}")
    return name


def _template(value: str) -> str:
    value = value.strip()
    names = set(_PLACEHOLDER.findall(value))
    if "query" not in names:
        raise ValueError("must contain {query}")
    unknown = sorted(names - _KNOWN_PLACEHOLDERS)
    if unknown:
        raise ValueError(f"unknown placeholder {{{unknown[0]}}}; use {{query}}, {{lang}}, {{region}}")
    sample = _fill(value, "x", "id", "ID")
    if canonical_url(sample) is None or not sample.lower().startswith(("http://", "https://")):
        raise ValueError(f"must be an http or https URL, got {value!r}")
    return value


def _lang(value: str) -> str:
    if not re.fullmatch(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})?", value.strip()):
        raise ValueError(f"not a language code: {value!r} (e.g. 'id', 'en', 'en-US')")
    return value.strip()


def _region(value: str) -> str:
    if not re.fullmatch(r"[A-Za-z]{2}", value.strip()):
        raise ValueError(f"not a two-letter country code: {value!r} (e.g. 'ID', 'US')")
    return value.strip().upper()


@dataclass(frozen=True, slots=True)
class Options:
    """Options of the ``search`` kind."""

    engine: str = opt("google-news", check=_engine, about="google-news or bing-news")
    url_template: str | None = opt(None, check=_template,
                                   about="own search-feed URL with {query} (overrides engine)")
    lang: str = opt("id", check=_lang, about="language asked of the engine")
    region: str = opt("ID", check=_region, about="country edition, two letters")
    max_items: int = opt(100, check=positive_int, about="keep at most this many items, newest first")
    max_age: str | None = opt(None, check=duration, about="skip items older than this (e.g. \"2d\")")

    def __post_init__(self) -> None:
        if self.url_template is None and self.engine not in ENGINES:
            raise OptionsError(f"option 'engine': unknown engine {self.engine!r}")


def _fill(template: str, query: str, lang: str, region: str) -> str:
    values = {"query": query, "lang": quote(lang, safe=""), "region": quote(region, safe="")}
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)


def _term(keyword: str) -> str | None:
    k = " ".join(keyword.replace('"', " ").split())
    if not k:
        return None
    return f'"{k}"' if " " in k else k


def build_queries(keywords: tuple[str, ...] | list[str], limit: int = MAX_QUERY_CHARS) -> list[str]:
    """Search queries for ``keywords``: quoted when they have spaces, joined with " OR "."""
    terms: list[str] = []
    seen: set[str] = set()
    for kw in keywords:
        term = _term(kw) if isinstance(kw, str) else None
        if term and term.lower() not in seen:
            seen.add(term.lower())
            terms.append(term)
    queries: list[str] = []
    current: list[str] = []
    for term in terms:
        if current and len(" OR ".join([*current, term])) > limit:
            queries.append(" OR ".join(current))
            current = []
        current.append(term)
    if current:
        queries.append(" OR ".join(current))
    return queries


def _listing_urls(spec: SourceSpec, options: Any) -> list[str]:
    """One search-feed URL per query; none when the topics have no keywords."""
    opts: Options = options
    template = opts.url_template or ENGINES[opts.engine]
    return [_fill(template, quote(q, safe=""), opts.lang, opts.region)
            for q in build_queries(tuple(spec.keywords))]


def _parse(body: bytes, url: str, content_type: str | None, options: Any, now: datetime) -> Listing:
    return parse_feed(body, url, content_type, max_items=options.max_items,
                      max_age=options.max_age, now=now)



KIND: Kind = define_kind(
    "search", "news-search feed (Google News, Bing News) queried with the topics' keywords",
    __doc__, Options, _parse, ACCEPT, listing_urls=_listing_urls,
)
