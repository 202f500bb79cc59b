"""When was an article page published? Finding and parsing its date.

Stages, tried in order; the first date that parses and is plausible wins:

1. JSON-LD: ``datePublished`` of a ``NewsArticle`` / ``Article`` / ``ReportageNewsArticle``
   (any ``*Article``, ``BlogPosting``, ``LiveBlogPosting``), found through ``@graph``, lists and
   nested objects.
2. ``<meta>``: ``article:published_time``, ``og:published_time``, ``pubdate``, ``publishdate``,
   ``date``, ``dc.date``, ``DC.date.issued`` (then a few other common names), then any element
   with ``itemprop="datePublished"`` (its ``content`` or ``datetime``).
3. ``<time datetime>`` within the article (``<article>`` / ``<main>``; else outside navigation,
   sidebars and related lists).
4. Visible date text near the title ("Kamis, 24 Oktober 2024, 14:05 WIB", "24 Okt 2024 14.05
   WIB", "Oct 24, 2024 2:05 PM ET", "Published 24 October 2024").

Strings are parsed by :func:`parse_date`: ISO 8601, RFC 2822 and epoch numbers directly, other
forms through :data:`DATE_RE` candidates and **dateparser**, which is only ever handed a candidate
substring, never a whole paragraph. Zones: WIB=+07:00, WITA=+08:00, WIT=+09:00, ET/CT/PT with US
daylight saving, and the usual abbreviations and numeric offsets. A date without a zone stays naive
here; :func:`localize` gives it +07:00 on Indonesian pages and UTC otherwise.
"""

from __future__ import annotations

import json
import re
from collections import deque
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from itertools import islice
from typing import Any

from scrapers.tree import Node, classes, find, find_all, is_tag, meta_map, text_of

__all__ = ["DATE_RE", "find_published", "localize", "parse_date"]

WIB = timezone(timedelta(hours=7))
MIN_YEAR = 1990

_MONTH = (r"(?:januari|februari|pebruari|maret|april|mei|juni|juli|agustus|september|oktober|"
          r"november|nopember|desember|january|february|march|may|june|july|august|october|"
          r"december|jan|feb|peb|mar|apr|jun|jul|agu|agt|ags|aug|sept|sep|okt|oct|nov|nop|des|dec)\.?")
_WEEKDAY = (r"(?:senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad|monday|tuesday|wednesday|"
            r"thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?")
_ZONE = (r"(?:(?:WITA|WIB|WIT|UTC|GMT|EST|EDT|ET|CST|CDT|CT|PST|PDT|PT|BST|CEST|CET|SGT|JST|AEST|AEDT)"
         r"(?:\s?[+-]\s?\d{1,2}(?::?\d{2})?)?|[+-]\d{2}:?\d{2})\b")
_TIME = r"\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?!\d)(?:\s?[ap]\.?\s?m\b\.?)?"
_DAY_FIRST = rf"\b\d{{1,2}}\s+{_MONTH}\s+\d{{4}}"
_MONTH_FIRST = rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
_NUMERIC = r"\b(?:\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}-\d{1,2}-\d{4}|\d{4}/\d{2}/\d{2})"
_TIME_PART = rf"(?:\s*(?:,|\||-|–|—|\bpukul\b|\bjam\b|\bat\b|T)?\s*{_TIME}(?:\s*\(?{_ZONE}\)?)?)"
#: A date (with optional weekday, time and zone) inside visible text.
DATE_RE = re.compile(
    rf"(?:\b{_WEEKDAY},?\s*)?(?:{_DAY_FIRST}|{_MONTH_FIRST}|{_NUMERIC}){_TIME_PART}?", re.I)
_ZONE_AT_END = re.compile(rf"\(?({_ZONE})\)?\s*$", re.I)
_WEEKDAY_AT_START = re.compile(rf"^\s*{_WEEKDAY},?\s*", re.I)

_FIXED = {"WIB": 7, "WITA": 8, "WIT": 9, "UTC": 0, "GMT": 0, "Z": 0, "BST": 1, "CET": 1,
          "CEST": 2, "SGT": 8, "JST": 9, "AEST": 10, "AEDT": 11, "EST": -5, "EDT": -4,
          "CST": -6, "CDT": -5, "PST": -8, "PDT": -7}
_US_DST = {"ET": -5, "CT": -6, "PT": -8}  # standard offsets; +1 hour in US daylight time
_OFFSET = re.compile(r"([+-])\s?(\d{1,2}):?(\d{2})?$")

_ARTICLE_TYPES = frozenset({"newsarticle", "article", "reportagenewsarticle", "blogposting",
                            "liveblogposting", "analysisnewsarticle",
                            "opinionnewsarticle", "backgroundnewsarticle", "reviewnewsarticle",
                            "techarticle", "scholarlyarticle", "socialmediaposting"})
_META_KEYS = ("article:published_time", "og:published_time", "pubdate", "publishdate", "date",
              "dc.date", "dc.date.issued", "publish-date", "publish_date", "article:published",
              "parsely-pub-date", "sailthru.date", "dcterms.created", "dcterms.issued")
_NOISE_SCOPE = re.compile(r"related|terkait|popular|populer|sidebar|recommend|rekomendasi|comment|"
                          r"komentar|trending|most|lainnya|footer|widget", re.I)
_DATE_CLASS = re.compile(r"date|time|tanggal|waktu|publish|posted|terbit|byline|meta", re.I)
_ITEMPROP_DATE = re.compile(r"^\s*datepublished\s*$", re.I)
_PROSE = frozenset({"p", "li", "blockquote", "td", "dd"})
_SKIP_TEXT_IN = frozenset({"script", "style", "noscript", "template", "nav", "footer", "option"})
_dateparser: Any = None


# --------------------------------------------------------------------------- parsing strings


def localize(dt: datetime, lang: str | None) -> datetime:
    """A naive ``dt`` gets +07:00 on Indonesian pages and UTC otherwise; aware ones pass."""
    if dt.tzinfo is not None and dt.utcoffset() is not None:
        return dt
    return dt.replace(tzinfo=WIB if lang == "id" else UTC)


def plausible(dt: datetime, lang: str | None, now: datetime | None) -> bool:
    """Not before 1990 and not after ``now`` + 1 day (``now`` defaults to the clock)."""
    try:
        aware = localize(dt, lang)
        limit = (now or datetime.now(UTC)) + timedelta(days=1)
        return aware.year >= MIN_YEAR and aware <= limit
    except (OverflowError, ValueError, TypeError):
        return False


def parse_date(value: object, *, lang: str | None = None) -> datetime | None:
    """One date value (meta content, JSON-LD value, visible text) → datetime, or None.

    Aware when the value names a zone or offset, else naive (see :func:`localize`).
    """
    try:
        if isinstance(value, bool):
            return None
        if isinstance(value, int | float):
            return _from_epoch(float(value))
        if not isinstance(value, str):
            return None
        s = " ".join(value.split())[:200]
        if not s:
            return None
        if re.fullmatch(r"\d{10}(?:\d{3})?(?:\.\d+)?", s):
            return _from_epoch(float(s))
        iso = _from_iso(s)
        if iso is not None:
            return iso
        if re.match(r"^[A-Za-z]{3}, \d{1,2} [A-Za-z]{3} \d{4} \d", s):
            try:
                return parsedate_to_datetime(s)
            except (TypeError, ValueError, IndexError):
                pass
        m = DATE_RE.search(s)
        return _parse_candidate(m.group(0), lang) if m else None
    except Exception:  # a date is optional: never let an odd value stop a page
        return None


def _from_epoch(x: float) -> datetime | None:
    if 1e12 <= x < 1e14:  # milliseconds
        x /= 1000.0
    if 6e8 <= x < 5e9:
        return datetime.fromtimestamp(x, UTC)
    return None


def _from_iso(s: str) -> datetime | None:
    if not re.match(r"^\d{4}-\d{2}-\d{2}(?:$|[T ]\d)", s):
        return None
    t = re.sub(r"\s*(?:Z|UTC|GMT)$", "+00:00", s)
    t = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", t)
    t = re.sub(r"(\.\d{6})\d+", r"\1", t)
    try:
        return datetime.fromisoformat(t)
    except ValueError:
        return None


def _zone(token: str, naive: datetime) -> timezone | None:
    tok = re.sub(r"\s", "", token).upper()
    m = re.fullmatch(r"([A-Z]+)?([+-]\d{1,2}(?::?\d{2})?)?", tok)
    if not m:
        return None
    name, off = m.group(1), m.group(2)
    if off:
        om = _OFFSET.search(off)
        if not om:
            return None
        mins = int(om.group(2)) * 60 + int(om.group(3) or 0)
        return timezone(timedelta(minutes=-mins if om.group(1) == "-" else mins))
    if name in _FIXED:
        return timezone(timedelta(hours=_FIXED[name]))
    if name in _US_DST:
        return timezone(timedelta(hours=_US_DST[name] + _us_dst(naive)))
    return None


def _us_dst(dt: datetime) -> int:
    """1 when US daylight time is in force at local ``dt`` (2nd Sunday of March to 1st of Nov)."""
    def sunday(month: int, nth: int) -> datetime:
        first = datetime(dt.year, month, 1)  # noqa: DTZ001 - local wall-clock comparison
        return first + timedelta(days=(6 - first.weekday()) % 7 + 7 * (nth - 1), hours=2)

    return int(sunday(3, 2) <= dt.replace(tzinfo=None) < sunday(11, 1))


def _parse_candidate(text: str, lang: str | None) -> datetime | None:
    """A :data:`DATE_RE` match → datetime; dateparser reads the cleaned date-time part."""
    s = _WEEKDAY_AT_START.sub("", text).strip()
    zone = ""
    zm = _ZONE_AT_END.search(s)
    if zm:
        zone, s = zm.group(1), s[: zm.start()]
    s = re.sub(r"\b(\d{1,2})\.(\d{2})(?:\.(\d{2}))?(?=\s*(?:[ap]\.?\s?m\b|$))",
               lambda m: ":".join(g for g in m.groups() if g), s.strip(), flags=re.I)
    s = re.sub(r"\b([ap])\.?\s?m\b\.?", lambda m: m.group(1).upper() + "M", s, flags=re.I)
    s = re.sub(r"\s*(?:\||–|—|\bpukul\b|\bjam\b|\bat\b)\s*", " ", s, flags=re.I).strip(" ,-")
    naive = _from_iso(s)
    if naive is None:
        naive = _dateparse(s, lang)
    if naive is None:
        return None
    naive = naive.replace(tzinfo=None) if zone else naive
    if zone:
        tz = _zone(zone, naive)
        return naive.replace(tzinfo=tz) if tz else naive
    return naive


def _dateparse(s: str, lang: str | None) -> datetime | None:
    global _dateparser
    if _dateparser is None:
        import dateparser

        _dateparser = dateparser
    order = "DMY"
    nums = re.match(r"(\d{1,2})[/-](\d{1,2})[/-]\d{4}", s)
    if nums and lang == "en" and int(nums.group(1)) <= 12:
        order = "MDY"
    settings = {"REQUIRE_PARTS": ["day", "month", "year"], "DATE_ORDER": order,
                "PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    out = _dateparser.parse(s, languages=["id", "en"], settings=settings)
    return out if isinstance(out, datetime) else None


# --------------------------------------------------------------------------- finding on a page


def find_published(root: Node, *, lang: str | None = None, now: datetime | None = None,
                   meta: dict[str, str] | None = None) -> tuple[datetime, str] | None:
    """The page's publication date and the stage that found it ("jsonld", "meta", "time",
    "text"), or None. ``root`` is the parsed page (:func:`scrapers.tree.parse`); ``lang`` is
    the page-language hint used for naive values and numeric day/month order. Call it before
    the tree is cleaned for text. ``meta`` is :func:`scrapers.tree.meta_map` of the page, when
    the caller has read it already."""
    stages: tuple[tuple[str, Callable[[Node], Iterator[object]]], ...] = (
        ("jsonld", _jsonld_values), ("meta", lambda r: _meta_values(r, meta)), ("time", _time_values),
        ("text", _text_values))
    for name, values in stages:
        try:
            for raw in values(root):
                dt = parse_date(raw, lang=lang)
                if dt is not None and plausible(dt, lang, now):
                    return dt, name
        except Exception:  # a broken stage must not hide the later ones
            continue
    return None


def _jsonld_values(root: Node) -> Iterator[object]:
    for script in find_all(root, "script"):
        if "ld+json" not in str(script.get("type") or "").lower():
            continue
        raw = text_of(script)
        raw = re.sub(r"^\s*(?:<!--|//\s*<!\[CDATA\[)|(?:-->|//\s*\]\]>)\s*$", "", raw)
        try:
            data = json.loads(raw, strict=False)
        except (ValueError, RecursionError):
            try:  # trailing commas are the usual hand-written mistake
                data = json.loads(re.sub(r",\s*([}\]])", r"\1", raw), strict=False)
            except (ValueError, RecursionError):
                continue
        queue: deque[Any] = deque([data])  # breadth first: the page's own article comes first
        seen = 0
        while queue and seen < 5000:
            node = queue.popleft()
            seen += 1
            if isinstance(node, list):
                queue.extendleft(reversed(node))
            elif isinstance(node, dict):
                types = node.get("@type")
                names = types if isinstance(types, list) else [types]
                if any(isinstance(t, str) and t.lower() in _ARTICLE_TYPES for t in names):
                    value = node.get("datePublished")
                    yield from (value if isinstance(value, list) else [value])
                queue.extend(v for v in node.values() if isinstance(v, dict | list))


def _meta_values(root: Node, found: dict[str, str] | None = None) -> Iterator[object]:
    if found is None:
        found = meta_map(root)
    for key in _META_KEYS:
        if key in found:
            yield found[key]
    for el in root.iter():
        prop = el.get("itemprop") if is_tag(el) else None
        if prop is None or not _ITEMPROP_DATE.search(prop):
            continue
        for name in ("content", "datetime"):
            if el.get(name):
                yield el.get(name)
        yield text_of(el, " ", strip=True)[:120]


def _scope(root: Node) -> Node | None:
    article = find(root, "article")
    return find(root, "main") if article is None else article


def _time_values(root: Node) -> Iterator[object]:
    scope = _scope(root)
    for t in find_all(root if scope is None else scope, "time"):
        if scope is None and _in_noise(t):
            continue
        if t.get("datetime"):
            yield t.get("datetime")
        yield text_of(t, " ", strip=True)[:120]


def _text_values(root: Node) -> Iterator[object]:
    """Date-like substrings of short visible blocks just after (then before) the headline, of
    elements whose class names a date, then of the top of ``<article>`` / ``<main>``."""
    h1 = find(root, "h1")
    if h1 is not None:
        pieces, start, end = _document_strings(root, h1)
        yield from _candidates(iter(pieces[end:]), 25)  # not the headline's own words
        yield from _candidates(reversed(pieces[:start]), 15)
    n = 0
    for el in root.iter():
        if n >= 20:
            break
        if is_tag(el) and _DATE_CLASS.search(classes(el)):
            n += 1
            yield from _candidates(_strings_under(el), 6)
    start_el = _scope(root)
    if start_el is not None:
        yield from _candidates(_strings_under(start_el), 20)


def _strings_under(node: Node) -> Iterator[tuple[str, Node]]:
    """The text pieces inside ``node`` in document order, each with the element that holds it."""
    for el in node.iter():
        if not is_tag(el):
            if el is not node and el.tail:
                yield el.tail, el.getparent()
            continue
        if el.text:
            yield el.text, el
        if el is not node and el.tail:
            yield el.tail, el.getparent()


def _document_strings(root: Node, mark: Node) -> tuple[list[tuple[str, Node]], int, int]:
    """Every text piece of the page in document order, and the positions where ``mark`` starts
    and where what follows ``mark`` starts."""
    pieces: list[tuple[str, Node]] = []
    start = end = 0
    if root.text:
        pieces.append((root.text, root))
    stack = [iter(root)]
    ends: list[Node | None] = [None]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            closed = ends.pop()
            if closed is not None:
                if closed is mark:
                    end = len(pieces)
                if closed.tail:
                    pieces.append((closed.tail, closed.getparent()))
            continue
        if not is_tag(child):
            if child.tail:
                pieces.append((child.tail, child.getparent()))
            continue
        if child is mark:
            start = len(pieces)
        if child.text:
            pieces.append((child.text, child))
        stack.append(iter(child))
        ends.append(child)
    return pieces, start, end


def _candidates(pieces: Iterator[tuple[str, Node]], limit: int) -> Iterator[str]:
    """Date matches in up to ``limit`` visible strings; a string inside a long paragraph is
    article prose, not a dateline, and is skipped."""
    n = 0
    for text, parent in pieces:
        if parent is None or parent.tag in _SKIP_TEXT_IN:
            continue
        s = " ".join(text.split())
        if not s:
            continue
        n += 1
        if n > limit:
            return
        if len(s) > 160:
            continue
        block = next((p for p in islice(_up(parent), 8) if p.tag in _PROSE), None)
        if block is not None and len(text_of(block)) > 160:
            continue
        for m in DATE_RE.finditer(s):
            yield m.group(0)


def _up(node: Node) -> Iterator[Node]:
    yield node
    yield from node.iterancestors()


def _in_noise(tag: Node) -> bool:
    for parent in islice(tag.iterancestors(), 40):
        if parent.tag in ("nav", "aside", "footer"):
            return True
        if _NOISE_SCOPE.search(classes(parent) + " " + str(parent.get("id") or "")):
            return True
    return False
