"""Article pages → title, text, published date and language, with optional site profiles.

:func:`extract_article` runs these stages and never raises (junk in, empty text out):

1. Decode (:func:`scrapers.html_text.decode_page`): the ``charset`` argument, else the page's
   ``<meta charset>`` / ``http-equiv``, else UTF-8, last UTF-8 with each bad byte read as
   cp1252; BOMs, UTF-16 without BOM and gzip bodies are handled. Binary content (images,
   archives, random bytes: many control characters) and text without markup give an empty
   article. Pages are cut at :data:`MAX_CHARS`; control characters are blanked.
2. Metadata, read before the tree is cleaned: title candidates, language hints, and the date
   (:mod:`scrapers.pagedate`; a profile's ``date`` selector goes first).
3. Text: with a profile, its ``drop`` selectors are removed and every ``body`` match (in order)
   goes through the paragraph logic of :mod:`scrapers.html_text`. When the body selector finds
   nothing (or only noise), the page is read generically and ``profile_missed`` is set, so the
   poller can flag a changed layout. Generic reading is :func:`scrapers.html_text.html_to_text`'s
   pipeline.
4. Title: the profile's ``title`` selector, else og:title / twitter:title / ``<title>`` /
   ``<h1>``; a " - Site" or " | Site" suffix goes when an ``<h1>`` agrees with the rest or the
   suffix names the site.
5. Language: ``<html lang>``, ``og:locale``, ``content-language``; else a function-word count on
   the text. A declared language that the text clearly contradicts yields to the text.
6. The date gets its zone (naive: +07:00 on Indonesian pages, UTC otherwise) and is dropped when
   later than ``now`` + 1 day.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from itertools import islice
from urllib.parse import urlsplit

from claimwatch.models import ArticleInput, SiteProfile
from scrapers.html_text import (
    blocks_to_text,
    clean,
    decode_page,
    generic_text,
    parse_html,
)
from scrapers.pagedate import find_published, localize, parse_date, plausible
from scrapers.tree import Node, attr, decompose, find, find_all, gone, meta_map, select, text_of

__all__ = ["MAX_CHARS", "PageArticle", "cut_text", "decode_page", "extract_article", "guess_lang",
           "pick_profile"]

MAX_CHARS = 3_000_000  # longer pages are cut here; real article pages are far smaller
_JUNK = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")
_DOC_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ud800-\udfff]")
_MARKUP = re.compile(r"<[A-Za-z!/?]")


@dataclass(frozen=True, slots=True)
class PageArticle:
    """What one article page says: title, text (one paragraph per line), date, language."""

    url: str
    title: str | None
    text: str  # "" when no article text was found
    published: datetime | None  # timezone-aware
    lang: str | None  # "id", "en" or None
    method: str  # "profile:<name>" or "generic"
    profile_missed: bool = False  # a profile was given but its body selector found nothing
    date_source: str | None = None  # "profile", "jsonld", "meta", "time" or "text"
    site_name: str | None = None  # og:site_name / application-name: the outlet as it names itself
    truncated: int | None = None  # the text was cut at ``max_chars``: its length before the cut

    def to_input(self, source: str | None = None,
                 fallback_published: datetime | None = None) -> ArticleInput:
        """The core's view of this page; ``fallback_published`` (e.g. the feed's date) fills in
        when the page had no date."""
        extra: dict[str, object] = {"method": self.method}
        if self.profile_missed:
            extra["profile_missed"] = True
        if self.date_source:
            extra["date_source"] = self.date_source
        if self.site_name:
            extra["site_name"] = self.site_name
        if self.truncated:
            extra["truncated"] = self.truncated
        return ArticleInput(url=self.url, text=self.text,
                            published=self.published or fallback_published, title=self.title,
                            source=source, lang=self.lang, extra=extra)


def pick_profile(profiles: Sequence[SiteProfile], url: str) -> SiteProfile | None:
    """The profile for ``url``'s host; the longest matching host suffix wins, then list order."""
    try:
        host = (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:
        return None
    if not host:
        return None
    best: SiteProfile | None = None
    best_len = -1
    for p in profiles:
        for m in (s.lower().strip(".") for s in p.match):
            if m and (host == m or host.endswith("." + m)) and len(m) > best_len:
                best, best_len = p, len(m)
    return best


def extract_article(html: bytes | str, url: str, *, profile: SiteProfile | None = None,
                    charset: str | None = None, now: datetime | None = None,
                    max_chars: int | None = None) -> PageArticle:
    """Read one article page (see the module docstring for the stages). Never raises.

    A text longer than ``max_chars`` is cut at the last paragraph end within it (at a word
    boundary when a single paragraph is that long) and ``truncated`` holds its full length."""
    try:
        page = _extract(html, url, profile, charset, now)
    except Exception:  # junk must never stop a poll: the caller flags the empty text
        return PageArticle(url=url, title=None, text="", published=None, lang=None,
                           method="generic", profile_missed=profile is not None)
    if max_chars is not None and len(page.text) > max_chars:
        page = replace(page, text=cut_text(page.text, max_chars), truncated=len(page.text))
    return page


def cut_text(text: str, max_chars: int) -> str:
    """``text`` (one paragraph per line) cut to at most ``max_chars`` characters: at the last
    line end, unless that loses more than half; then at the last space; else exactly there."""
    if len(text) <= max_chars:
        return text
    head = text[: max_chars + 1]  # a line end right after the limit still counts
    for sep in ("\n", " "):
        end = head.rfind(sep)
        if end >= max_chars // 2:
            return head[:end].rstrip()
    return text[:max_chars]


# --------------------------------------------------------------------------- 1. decoding


def _document(html: bytes | str, charset: str | None) -> str | None:
    doc = decode_page(bytes(html), charset) if isinstance(html, bytes | bytearray) else html
    if not isinstance(doc, str) or not doc.strip():
        return None
    doc = doc[:MAX_CHARS]
    sample = doc[:10000]
    junk = len(_JUNK.findall(sample))
    if (junk >= 16 and junk > 0.02 * len(sample)) or not _MARKUP.search(doc[:100000]):
        return None
    return _DOC_CONTROL.sub(" ", doc)


# --------------------------------------------------------------------------- 2-6. reading


def _extract(html: bytes | str, url: str, profile: SiteProfile | None, charset: str | None,
             now: datetime | None) -> PageArticle:
    empty = PageArticle(url=url, title=None, text="", published=None, lang=None,
                        method="generic", profile_missed=profile is not None)
    doc = _document(html, charset)
    if doc is None:
        return empty
    root = parse_html(doc)
    meta = meta_map(root)
    declared = _declared_lang(root, meta)

    found: tuple[datetime, str] | None = None
    title: str | None = None
    if profile is not None:
        found = _profile_date(root, profile, declared)
        if found is not None and not plausible(found[0], declared, now):
            found = None
        title = _squash(next((text_of(t, " ") for t in select(root, profile.title)), ""))
    if found is None:
        found = find_published(root, lang=declared, now=now, meta=meta)
    if not title:
        title = _generic_title(root, meta, url)

    text, method, missed = "", "generic", False
    if profile is not None:
        for sel in profile.drop:
            for el in select(root, sel):
                if not gone(el):
                    decompose(el)
        bodies = _outermost(select(root, profile.body))
        for body in bodies:
            clean(body)
        text = blocks_to_text(bodies) if bodies else ""
        method, missed = (f"profile:{profile.name}", False) if text else ("generic", True)
    if not text:
        text = generic_text(doc, root)

    lang = _final_lang(declared, text)
    published: datetime | None = None
    if found is not None:
        dt = localize(found[0], lang)
        published = dt if plausible(dt, lang, now) else None
    site = _squash(meta.get("og:site_name") or meta.get("application-name") or "")[:80] or None
    return PageArticle(url=url, title=title or None, text=text, published=published, lang=lang,
                       method=method, profile_missed=missed,
                       date_source=found[1] if published is not None and found else None, site_name=site)


def _outermost(tags: list[Node]) -> list[Node]:
    """Matches in document order, without those nested in an earlier kept match (linear even
    for a selector that matches every level of a deeply nested page)."""
    if not tags:
        return []
    root = tags[0].getroottree().getroot()
    pos = {el: i for i, el in enumerate(root.iter())}
    kept: list[Node] = []
    end = -1
    for t in sorted(tags, key=lambda x: pos.get(x, -1)):
        start = pos.get(t, -1)
        if start <= end:
            continue
        kept.append(t)
        end = start + sum(1 for _ in t.iterdescendants())
    return kept


def _profile_date(root: Node, profile: SiteProfile,
                  lang: str | None) -> tuple[datetime, str] | None:
    for el in select(root, profile.date)[:3]:
        for value in (attr(el, "datetime"), attr(el, "content"), text_of(el, " ", strip=True)):
            dt = parse_date(value, lang=lang) if isinstance(value, str) else None
            if dt is not None:
                return dt, "profile"
    return None


_SQUASH = re.compile(r"[\s\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060\ufeff]+")
_SEPARATORS = re.compile(r"\s+(?:[-|–—:·•»/]|::)\s+")


def _squash(s: str | None) -> str:
    return _SQUASH.sub(" ", s or "").strip()[:500]


def _norm(s: str) -> str:
    return re.sub(r"[\W_]+", "", s.lower())


def _generic_title(root: Node, meta: dict[str, str], url: str) -> str | None:
    titles = [_squash(meta.get("og:title")), _squash(meta.get("twitter:title"))]
    tag = find(root, "title")
    titles.append(_squash(text_of(tag)) if tag is not None else "")
    h1s = [_squash(text_of(h, " ")) for h in islice(find_all(root, "h1"), 5)]
    h1s = [h for h in h1s if h]
    for cand in (t for t in titles if t):
        c = _norm(cand)
        for h in h1s:  # the h1 that agrees with the title, minus its " - Site" part
            n = _norm(h)
            if n and n in c and len(c) - len(n) <= 40 and len(n) * 2 >= len(c):
                return h
        return _strip_site(cand, meta.get("og:site_name"), url)
    return h1s[0] if h1s else None


def _strip_site(title: str, site: str | None, url: str) -> str:
    parts = _SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    host = (urlsplit(url).hostname or "").lower()
    names = {_norm(site or "")} | {_norm(p) for p in host.split(".") if len(p) > 3}
    names.discard("")
    last = _norm(parts[-1])
    if last and (last in names or any(last.startswith(n) or n.startswith(last) for n in names)):
        head = title[: title.rfind(parts[-1])]
        return _SEPARATORS.sub(" - ", head).rstrip(" -|–—:·•»/") or title
    return title


_ID_WORDS = frozenset("yang dan di dengan untuk tidak dari ini itu akan pada dalam juga ke oleh "
                      "adalah telah bahwa sudah kata".split())
_EN_WORDS = frozenset("the and of to in that is for was with on said has have are by from it "
                      "were this".split())


def _counts(text: str) -> tuple[int, int]:
    ids = ens = 0
    for w in re.findall(r"[a-z]+", text[:20000].lower()):
        ids += w in _ID_WORDS
        ens += w in _EN_WORDS
    return ids, ens


def guess_lang(text: str) -> str | None:
    """"id", "en" or None from function-word counts in ``text``."""
    ids, ens = _counts(text)
    if ids + ens < 4:
        return None
    return "id" if ids >= 1.5 * ens else "en" if ens >= 1.5 * ids else None


def _lang_code(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    code = value.strip().lower().replace("_", "-").split("-")[0].split(",")[0].strip()
    code = "id" if code == "in" else code
    return code if code in ("id", "en") else None


def _declared_lang(root: Node, meta: dict[str, str]) -> str | None:
    html = find(root, "html")
    for value in (html.get("lang") if html is not None else None,
                  html.get("xml:lang") if html is not None else None,
                  meta.get("og:locale"), meta.get("content-language"), meta.get("language")):
        code = _lang_code(value)
        if code:
            return code
    return None


def _final_lang(declared: str | None, text: str) -> str | None:
    guessed = guess_lang(text)
    if declared is None or guessed in (None, declared):
        return declared or guessed
    # templates often say lang="en" on Indonesian pages: a clear majority in the text wins
    ids, ens = _counts(text)
    strong = (ids >= 20 and ids >= 4 * ens) if guessed == "id" else (ens >= 20 and ens >= 4 * ids)
    return guessed if strong else declared
