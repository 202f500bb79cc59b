"""Poll one source once: listing → new items → article pages. Stages:

1. the kind builds the listing URL(s) (one feed, or a search feed from the topic keywords);
2. each listing is fetched with its stored validators — a 304 costs nothing more;
3. the body is parsed by the kind (a sitemap index adds its child sitemaps, fetched the same way);
4. items are de-duplicated (GUID, canonical URL) and only new or updated ones kept
   (``state.is_new``), together with the items queued by earlier polls that are due now
   (``state.queued``) — those are read even when the listing answers 304: the newest
   ``max_articles`` of them, returned oldest first so that the tracker sees the story in the order
   it was told; the new items over that cap come back in ``queued``, for a later poll;
5. their pages are fetched (the fetcher keeps per-host limits) and read by the article extractor
   with the source's (or the matching) site profile. A page that failed in a way that may pass
   (timeout, 5xx, 429, dropped connection) is flagged ``retry``; any other failure (404, robots,
   not an article) is for good.

Nothing here writes to the store: the result carries the articles, the queued items and the
validators, and the monitor stores them in that order.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol

from claimwatch.models import (
    ArticleInput,
    FeedItem,
    FetchedArticle,
    PollResult,
    SiteProfile,
    SourceSpec,
)
from scrapers.article import extract_article, pick_profile
from scrapers.errors import (
    FetchError,
    FetchNetworkError,
    FetchTimeout,
    HTTPStatusError,
    RobotsDisallowed,
)
from scrapers.fetch import Fetcher, Response
from scrapers.kinds import Kind, Listing, OptionsError, ParseError, get_kind

__all__ = ["PollState", "Poller", "poll", "transient"]

log = logging.getLogger("claimwatch.poll")

MAX_ARTICLES = 30
MAX_ARTICLE_CHARS = 200_000  # article text is cut here (fetch.max_article_chars); "truncated" in extra


class PollState(Protocol):
    def validators(self, url: str) -> tuple[str | None, str | None]: ...

    def is_new(self, item: FeedItem) -> bool: ...

    def queued(self, now: datetime) -> tuple[Sequence[FeedItem], Collection[str]]:
        """Items earlier polls left to read: those due at ``now``, and the keys of all waiting
        (``item.key`` and ``"url:" + item.url`` of each, due or backing off)."""
        ...


@dataclass
class _Listed:
    items: list[FeedItem]
    validators: list[tuple[str, str | None, str | None]]
    fetched: int = 0  # listing bodies fetched (not 304)
    not_modified: int = 0
    errors: list[str] = field(default_factory=list)


async def _listing(fetcher: Fetcher, kind: Kind, opts: object, url: str, state: PollState,
                   now: datetime, out: _Listed, depth: int = 0) -> None:
    etag, last_mod = state.validators(url)
    try:
        resp: Response = await fetcher.get(url, etag=etag, last_modified=last_mod, accept=kind.accept)
    except FetchError as exc:
        out.errors.append(str(exc))
        return
    if resp.not_modified:
        out.not_modified += 1
        return
    try:
        listing: Listing = kind.parse(resp.body, resp.url, resp.content_type, opts, now)
    except ParseError as exc:
        out.errors.append(f"{url}: cannot read as {kind.name}: {exc}")
        return
    out.fetched += 1
    out.items.extend(listing.items)
    if resp.etag or resp.last_modified:
        out.validators.append((url, resp.etag, resp.last_modified))
    if depth == 0:  # a sitemap index: its children (the kind caps how many), not theirs
        for child in listing.children:
            await _listing(fetcher, kind, opts, child, state, now, out, depth + 1)


def _dedupe(items: Sequence[FeedItem]) -> list[FeedItem]:
    seen: set[str] = set()
    out = []
    for it in items:
        if it.key in seen or f"url:{it.url}" in seen:
            continue
        seen.update((it.key, f"url:{it.url}"))
        out.append(it)
    return out


def _newest_first(items: list[FeedItem]) -> list[FeedItem]:
    epoch = datetime.min.replace(tzinfo=UTC)
    return sorted(items, key=lambda i: i.stamp if i.stamp and i.stamp.tzinfo else epoch, reverse=True)


# statuses worth asking again later: the server is busy, down for a moment, or rate-limiting us
_TRANSIENT_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})


def transient(exc: FetchError) -> bool:
    """Whether a failed page may come back later (timeout, 5xx, 429, dropped connection), as
    opposed to a failure for good (404, disallowed by robots.txt, refused address, too large, not
    HTML). A robots.txt that could not be read (5xx, network) disallows all only for a while."""
    if isinstance(exc, FetchTimeout | FetchNetworkError):
        return True
    if isinstance(exc, RobotsDisallowed):  # robots.txt unreachable (5xx …) disallows all for a while only
        return getattr(exc, "temporary", False) or "unavailable" in exc.reason
    return isinstance(exc, HTTPStatusError) and (exc.status in _TRANSIENT_STATUS or exc.status >= 500)


async def _article(fetcher: Fetcher, spec: SourceSpec, profiles: Sequence[SiteProfile],
                   item: FeedItem, max_chars: int | None = None) -> FetchedArticle:
    try:
        resp = await fetcher.get(item.url, accept="text/html,application/xhtml+xml;q=0.9,*/*;q=0.5")
    except FetchError as exc:
        return FetchedArticle(item, None, str(exc), retry=transient(exc))
    profile = spec.profile or pick_profile(profiles, resp.url)
    # HTML → text is CPU work (half a second for a 1 MB page): a worker thread, not the event loop
    page = await asyncio.to_thread(extract_article, resp.body, resp.url, profile=profile, charset=resp.charset,
                                   max_chars=max_chars)
    if not page.text.strip():
        return FetchedArticle(item, None, f"{item.url}: no article text found ({page.method})", no_text=True)
    lang = page.lang if page.lang in ("id", "en") else item.lang
    art = ArticleInput(url=item.url, text=page.text, published=page.published or item.published,
                       title=page.title or item.title, source=spec.id, lang=lang,
                       extra={"final_url": resp.url, "method": page.method,
                              **({"site_name": page.site_name} if page.site_name else {}),
                              **({"truncated": page.truncated} if page.truncated else {})})
    return FetchedArticle(item, art)


async def poll(fetcher: Fetcher, spec: SourceSpec, state: PollState, now: datetime, *,
               profiles: Sequence[SiteProfile] = (), max_articles: int = MAX_ARTICLES,
               max_article_chars: int | None = MAX_ARTICLE_CHARS) -> PollResult:
    """Poll ``spec`` once. Never raises for bad input: problems become ``status="error"``."""
    try:
        kind = get_kind(spec.kind)
        opts = kind.parse_options(spec.options)
    except (OptionsError, ValueError) as exc:
        return PollResult(spec.id, "error", error=f"source {spec.id}: {exc}")
    urls = kind.listing_urls(spec, opts)
    if not urls:
        return PollResult(spec.id, "error", error=f"source {spec.id}: nothing to fetch (no url, or no topic keywords)")
    out = _Listed([], [])
    for url in urls:
        await _listing(fetcher, kind, opts, url, state, now, out)
    errors = out.errors
    if errors and not out.fetched and not out.not_modified:
        return PollResult(spec.id, "error", error="; ".join(errors[:3]))
    for e in errors:
        log.warning("source %s: %s", spec.id, e)
    due, waiting = state.queued(now)
    if not out.fetched and not due:
        return PollResult(spec.id, "not_modified")
    items = _dedupe(out.items)
    # items already waiting in the queue are read when due, not sooner (a page backing off)
    fresh = [it for it in items if it.key not in waiting and f"url:{it.url}" not in waiting and state.is_new(it)]
    picked = _newest_first(_dedupe([*due, *fresh]))
    read, over = picked[:max_articles], picked[max_articles:]
    read.reverse()  # the newest N, read oldest first: the tracker must see a story in order
    arts = await asyncio.gather(*(_article(fetcher, spec, profiles, it, max_article_chars) for it in read))
    # (the monitor logs each page's problem, with what becomes of the item)
    queued_keys = {it.key for it in due}
    return PollResult(spec.id, "ok", items_found=len(items), articles=tuple(arts),
                      validators=tuple(out.validators),
                      queued=tuple(it for it in over if it.key not in queued_keys))


class Poller:
    """The monitor's poller: a fetcher and the site profiles, bound once."""

    def __init__(self, fetcher: Fetcher, profiles: Sequence[SiteProfile] = (), max_articles: int = MAX_ARTICLES,
                 max_article_chars: int | None = MAX_ARTICLE_CHARS) -> None:
        self.fetcher = fetcher
        self.profiles = tuple(profiles)
        self.max_articles = max_articles
        self.max_article_chars = max_article_chars

    async def __call__(self, spec: SourceSpec, state: PollState, now: datetime) -> PollResult:
        return await poll(self.fetcher, spec, state, now, profiles=self.profiles, max_articles=self.max_articles,
                          max_article_chars=self.max_article_chars)
