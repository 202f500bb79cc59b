"""Plain data shared by every stage: figures, statements, extraction results.

Everything here is immutable and free of I/O so that any package may import it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import datetime
from enum import StrEnum
from typing import Any


def _as_dict(obj: Any) -> dict[str, Any]:
    """A model's fields as a dict: ``dataclasses.asdict`` without its deep copy (every field of
    these models is immutable: a string, a number, a date, a tuple of strings), ~10x faster."""
    return {f.name: getattr(obj, f.name) for f in fields(obj)}


class Bound(StrEnum):
    """How a figure relates to the true quantity."""

    EXACT = "exact"
    ABOUT = "about"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"


class Stance(StrEnum):
    DENIAL = "denial"
    NON_DENIAL = "non_denial"
    CONFIRMATION = "confirmation"
    CLAIM = "claim"
    QUOTE = "quote"


@dataclass(frozen=True, slots=True)
class Figure:
    """One number in the text with its meaning and its source."""

    value: float
    value_max: float | None
    approx: bool
    bound: Bound
    what: str | None  # concept key, e.g. "troops", "killed", "percent", "usd"
    noun: str | None  # the counted noun as written
    actor: str | None  # whose (canonical name), e.g. "North Korea"
    claimed_by: str | None  # who asserts it
    sentence: str
    start: int
    end: int
    unit: str | None = None  # "percent", currency code, ...
    past: bool = False  # the text marks it as an earlier value ("sebelumnya", "up from")
    relayed_by: tuple[str, ...] = ()  # outlets passing the claim on ("citing", "seperti dilansir")
    also_claimed_by: tuple[str, ...] = ()  # further claimants ("the US and South Korea said")
    scope: str | None = None  # a part of the whole: a place ("Kursk"), a group ("foreigners"), "total"
    increment: bool = False  # a day's count ("found today"), never a new value of a running toll

    def to_dict(self) -> dict[str, Any]:
        d = _as_dict(self)
        d["bound"] = str(self.bound)
        return d


@dataclass(frozen=True, slots=True)
class Statement:
    """An attributed statement: who said what, and with which stance."""

    speaker: str
    stance: Stance
    quote: str | None
    sentence: str
    start: int
    end: int
    side: str | None = None  # the side the speaker speaks for (Putin -> Russia)
    about: str | None = None  # short text of what was denied/confirmed, if found
    past: bool = False  # refers back to an earlier stance ("had earlier denied"): never a change

    def to_dict(self) -> dict[str, Any]:
        d = _as_dict(self)
        d["stance"] = str(self.stance)
        return d


@dataclass(frozen=True, slots=True)
class Extraction:
    lang: str
    figures: tuple[Figure, ...] = ()
    statements: tuple[Statement, ...] = ()
    measures: tuple[Figure, ...] = ()  # percentages, money, magnitudes: read, never tracked
    places: tuple[str, ...] = ()  # countries and places the text names, once per mention


@dataclass(frozen=True, slots=True)
class ArticleInput:
    """An article as the extractor and tracker see it."""

    url: str
    text: str
    published: datetime | None = None
    title: str | None = None
    source: str | None = None
    lang: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


class AlertKind(StrEnum):
    NEW = "new"
    CHANGED = "changed"
    REVISED = "revised"
    CONFLICT = "conflict"
    STATEMENT = "statement"
    STANCE_CHANGE = "stance_change"


@dataclass(frozen=True, slots=True)
class AlertFilter:
    """A chat's thresholds, applied at delivery: minimum change and direction."""

    min_abs: float = 0.0
    min_pct: float = 0.0
    direction: str = "both"  # "up", "down" or "both"
    concepts: tuple[str, ...] = ()  # only figures of these concepts (statements always); () = all


@dataclass(frozen=True, slots=True)
class Alert:
    """A decision worth telling someone about."""

    kind: AlertKind
    topic: str
    dedupe_key: str
    url: str
    published: datetime | None
    sentence: str
    what: str | None = None
    actor: str | None = None
    value: float | None = None
    value_max: float | None = None
    approx: bool = False
    bound: str | None = None
    unit: str | None = None
    claimed_by: str | None = None
    previous: float | None = None
    previous_max: float | None = None
    previous_claimed_by: str | None = None
    previous_published: datetime | None = None
    source: str | None = None
    speaker: str | None = None
    side: str | None = None
    stance: str | None = None
    previous_stance: str | None = None
    quote: str | None = None
    id: int | None = None
    scope: str | None = None  # the part of the whole a figure counts ("Kursk", "foreigners")
    relayed_by: tuple[str, ...] = ()  # outlets that passed the claim on
    outlet: str | None = None  # who published the article ("Kabar Lokal", og:site_name, the host)
    title: str | None = None  # the article's headline
    corroboration: int = 0  # other sources that repeated it since

    @property
    def delta(self) -> float | None:
        if self.value is None or self.previous is None:
            return None
        return _mid(self.value, self.value_max) - _mid(self.previous, self.previous_max)

    @property
    def pct(self) -> float | None:
        d = self.delta
        if d is None or self.previous in (None, 0):
            return None
        assert self.previous is not None
        return 100.0 * d / abs(_mid(self.previous, self.previous_max))

    @property
    def direction(self) -> str | None:
        d = self.delta
        if d is None:
            return None
        return "up" if d > 0 else "down" if d < 0 else "same"

    def passes(self, f: AlertFilter) -> bool:
        """True when this alert clears a chat's filter (non-change alerts always do, unless the
        chat follows only some concepts and this figure counts another)."""
        if f.concepts and self.what is not None and self.what not in f.concepts:
            return False
        if self.kind not in (AlertKind.CHANGED, AlertKind.REVISED, AlertKind.CONFLICT):
            return True
        d = self.delta
        if d is None:
            return True
        if (f.direction == "up" and d < 0) or (f.direction == "down" and d > 0):
            return False
        if abs(d) < f.min_abs:
            return False
        pct = self.pct
        return not (pct is not None and abs(pct) < f.min_pct)

    def to_dict(self) -> dict[str, Any]:
        d = _as_dict(self)
        d["kind"] = str(self.kind)
        for k in ("published", "previous_published"):
            v = d[k]
            d[k] = v.isoformat() if isinstance(v, datetime) else v
        d["delta"] = self.delta
        d["pct"] = self.pct
        d["direction"] = self.direction
        return d


def _mid(lo: float, hi: float | None) -> float:
    """A range compared by its midpoint for change size only (values themselves keep both ends)."""
    return lo if hi is None else (lo + hi) / 2.0


# --------------------------------------------------------------------------- sources
# Shared by the scrapers (which fill them) and the core monitor (which consumes them).


@dataclass(frozen=True, slots=True)
class SiteProfile:
    """How to read article pages of one site: CSS selectors (see ``[[profiles]]``)."""

    name: str
    match: tuple[str, ...]  # host suffixes, e.g. ("liputan6.com",)
    body: str
    title: str = "h1"
    date: str | None = None
    drop: tuple[str, ...] = ()

    def applies_to(self, host: str) -> bool:
        host = host.lower().rstrip(".")
        return any(host == m or host.endswith("." + m) for m in (s.lower().lstrip(".") for s in self.match))


@dataclass(frozen=True, slots=True)
class SourceSpec:
    """One source to poll, as the scrapers need it (built from config or from the store)."""

    id: str
    kind: str
    url: str | None
    topics: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()  # the topics' keywords (the search kind queries them)
    interval: float = 900.0
    options: Mapping[str, Any] = field(default_factory=dict)
    profile: SiteProfile | None = None
    lang: tuple[str, ...] = ("id", "en")


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One entry a source lists (feed item, sitemap URL, listing link)."""

    url: str  # canonical: no fragment, no tracking parameters
    guid: str | None = None
    title: str | None = None
    published: datetime | None = None
    updated: datetime | None = None
    summary: str | None = None
    lang: str | None = None

    @property
    def key(self) -> str:
        """Identity for de-duplication: the GUID when the source gives one, else the URL."""
        return f"guid:{self.guid}" if self.guid else f"url:{self.url}"

    @property
    def stamp(self) -> datetime | None:
        """When the item last changed, as far as the source says."""
        return self.updated or self.published


@dataclass(frozen=True, slots=True)
class FetchedArticle:
    """A listed item and what became of its page: an article, or a one-line problem."""

    item: FeedItem
    article: ArticleInput | None
    problem: str | None = None
    no_text: bool = False  # the page came back but no article text was found in it
    retry: bool = False  # the failure may pass (timeout, 5xx, dropped connection): try again later


@dataclass(frozen=True, slots=True)
class PollResult:
    """The outcome of polling one source once."""

    source_id: str
    status: str  # "ok", "not_modified" or "error"
    items_found: int = 0
    articles: tuple[FetchedArticle, ...] = ()
    # (url, etag, last_modified) to remember once the articles are safely stored
    validators: tuple[tuple[str, str | None, str | None], ...] = ()
    error: str | None = None
    queued: tuple[FeedItem, ...] = ()  # new items over the per-poll article cap: read on a later poll


@dataclass(frozen=True, slots=True)
class SourcePreview:
    """What an admin sees before a source is saved: kind, what it lists, figures of the newest."""

    url: str
    kind: str
    items_found: int
    newest_title: str | None = None
    newest_url: str | None = None
    figures: tuple[Figure, ...] = ()
    options: Mapping[str, Any] = field(default_factory=dict)  # what the source will be saved with
