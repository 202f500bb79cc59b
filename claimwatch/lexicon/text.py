"""Text folding and word-boundary phrase matching shared by the lexicons.

Two normal forms are used:

* :func:`fold` -- for *comparing* strings: casefolded, diacritics stripped,
  typographic quotes/dashes made plain, whitespace collapsed.  Its length may
  differ from the input, so it is used for keys and look-ups only.
* :func:`flatten` -- for *matching* running text: every character is replaced
  by at most one character (diacritics stripped, quotes/dashes made plain, case
  kept), so offsets into the flattened text are offsets into the original.

:class:`PhraseMatcher` compiles many phrases into one alternation regex,
longest phrase first, wrapped as ``(?<!\\w)(?:...)(?!\\w)`` with IGNORECASE.
It runs on ``flatten(text)`` and reports spans of the original text.
Short all-capital phrases (``AS``, ``US``, ``UN``) and phrases written with a
leading ``=`` (``=Tempo``) are matched case-sensitively and exactly.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any, Generic, NamedTuple, TypeVar

__all__ = [
    "EXACT_MARK",
    "PhraseMatcher",
    "SpanMatch",
    "build_alternation",
    "flatten",
    "fold",
    "is_exact",
    "literal_union",
    "phrase_regex",
]

T = TypeVar("T")

#: Prefix marking a phrase as case-sensitive and exact.
EXACT_MARK = "="

_QUOTES_DASHES: dict[int, str] = {
    0x2018: "'",  # ‘
    0x2019: "'",  # ’
    0x201A: "'",  # ‚
    0x201B: "'",  # ‛
    0x2032: "'",  # ′
    0x02BC: "'",  # ʼ
    0x02B9: "'",  # ʹ
    0x00B4: "'",  # ´
    0x201C: '"',  # “
    0x201D: '"',  # ”
    0x201E: '"',  # „
    0x201F: '"',  # ‟
    0x00AB: '"',  # «
    0x00BB: '"',  # »
    0x2033: '"',  # ″
    0x2010: "-",  # ‐
    0x2011: "-",  # ‑
    0x2012: "-",  # ‒
    0x2013: "-",  # –
    0x2014: "-",  # —
    0x2015: "-",  # ―
    0x2212: "-",  # −
    0xFE63: "-",  # ﹣
    0xFF0D: "-",  # －
}

# Latin letter blocks scanned for letters that carry diacritics.
_LATIN_RANGES = ((0x00C0, 0x0250), (0x1E00, 0x1F00))

_SEP = r"(?:\s*-\s*|\s+)"  # between words of a multiword phrase
_WORD_SPLIT = re.compile(r"[\s\-]+")
_VOWELS = frozenset("aeiou")
_WORD_START = re.compile(r"(?<!\w)\w")
_ASCII_LEAD = re.compile(r"[A-Za-z0-9]+")
_GAP = "\x00"  # the scanner trie's key for _SEP
_SCAN_WORDS = 2  # words of a phrase the scanner checks


def fold(s: str) -> str:
    """Casefold, strip diacritics, plain quotes/dashes, collapse whitespace."""
    s = s.translate(_QUOTES_DASHES).replace("\u00ad", "")
    if s.isascii():  # nothing to decompose: the common case, done in C
        return " ".join(s.lower().split())
    s = unicodedata.normalize("NFKD", s.casefold())
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return " ".join(s.split())


@lru_cache(maxsize=1)
def _flatten_table() -> dict[int, str]:
    table = dict(_QUOTES_DASHES)
    for lo, hi in _LATIN_RANGES:
        for cp in range(lo, hi):
            ch = chr(cp)
            base = "".join(
                c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)
            )
            if len(base) == 1 and base != ch and base.isascii():
                table[cp] = base
    return table


@lru_cache(maxsize=32)
def flatten(s: str) -> str:
    """Length-preserving fold for matching: strips diacritics and plains
    quotes/dashes one character for one, keeping case."""
    return s.translate(_flatten_table())


def is_exact(phrase: str) -> bool:
    """True if the phrase must match case-sensitively: a leading ``=`` or an
    all-capital short form of at most five letters (``AS``, ``U.S.``, ``BNPB``)."""
    if phrase.startswith(EXACT_MARK):
        return True
    letters = [c for c in phrase if c.isalpha()]
    return 0 < len(letters) <= 5 and all(c.isupper() for c in letters)


def _strip_mark(phrase: str) -> str:
    return phrase[len(EXACT_MARK) :] if phrase.startswith(EXACT_MARK) else phrase


def phrase_regex(
    phrase: str, *, exact: bool = False, plural: bool = False, redup: bool = False
) -> str:
    """Regex source (no boundaries) for one phrase, to be run on flattened text.

    Spaces and hyphens inside the phrase match any run of whitespace or one
    hyphen.  ``plural`` lets the last word take English ``-s``/``-es``
    (``-y`` -> ``-ies``); ``redup`` lets the first word be reduplicated
    Indonesian-style (``rumah`` -> ``rumah-rumah``).  Inflection is never
    applied to exact phrases.
    """
    phrase = _strip_mark(phrase)
    text = flatten(phrase).strip() if exact else fold(phrase)
    words = [w for w in _WORD_SPLIT.split(text) if w]
    if not words:
        raise ValueError(f"empty phrase: {phrase!r}")
    parts = [re.escape(w) for w in words]
    if not exact:
        first = words[0]
        if redup and first.isalpha() and len(first) >= 3 and words[1:2] != [first]:
            parts[0] = f"{parts[0]}(?:-{parts[0]})?"
        last = words[-1]
        if plural and last.isalpha() and len(last) >= 3 and not last.endswith("s"):
            if last.endswith("y") and last[-2] not in _VOWELS:
                parts[-1] = re.escape(last[:-1]) + "(?:y|ies)"
            else:
                parts[-1] = f"{parts[-1]}(?:e?s)?"
    body = _SEP.join(parts)
    return f"(?-i:{body})" if exact else body


def _head(folded: str) -> str:
    """Bucket key of a phrase: its first two characters if both are word
    characters, else its first one (lowercased)."""
    head = folded[:2].lower()
    return head if len(head) == 2 and head.isalnum() else head[:1]


def build_alternation(sources: Iterable[str], *, capture: bool = False) -> re.Pattern[str]:
    """Compile regex sources (in the given order) into one bounded alternation.

    Apply the result to ``flatten(text)``; its offsets are those of ``text``.
    With ``capture`` every alternative is its own group, so ``m.lastindex``
    tells which one matched.
    """
    wrap = "({})" if capture else "(?:{})"
    body = "|".join(wrap.format(s) for s in sources) or r"(?!x)x"
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)


class SpanMatch(NamedTuple, Generic[T]):
    start: int
    end: int
    surface: str
    payload: T


_Bucket = tuple[re.Pattern[str], list[T], re.Pattern[str] | None]


class PhraseMatcher(Generic[T]):
    """Many phrases -> compiled alternations; each phrase carries a payload.

    Phrases are tried longest first (by folded length), so at any position the
    longest phrase wins.  A phrase whose regex duplicates an earlier one is
    ignored (the first payload wins).  For speed the phrases are bucketed by
    their first two letters and only the bucket for the text at a word start
    is tried; each bucket is one alternation built by :func:`build_alternation`.
    Compiled lazily, once.
    """

    def __init__(self) -> None:
        self._entries: list[tuple[int, int, str, str, T]] = []
        self._seen: set[str] = set()
        # head -> (alternation for the flattened text, payloads, the same for its lower-cased form
        # when no phrase of the bucket is case-sensitive: faster without IGNORECASE)
        self._buckets: dict[str, _Bucket[T]] | None = None
        self._scan: re.Pattern[str] | None = None  # see _scanner

    def __len__(self) -> int:
        return len(self._entries)

    def add(
        self,
        phrase: str,
        payload: T,
        *,
        exact: bool | None = None,
        plural: bool = False,
        redup: bool = False,
    ) -> None:
        if exact is None:
            exact = is_exact(phrase)
        src = phrase_regex(phrase, exact=exact, plural=plural, redup=redup)
        if src in self._seen:
            return
        self._seen.add(src)
        clean = _strip_mark(phrase)
        head = _head(flatten(clean).strip() if exact else fold(clean))
        self._entries.append((len(fold(clean)), len(self._entries), head, src, payload))
        self._buckets = None
        self._scan = None

    def _compiled(self) -> dict[str, _Bucket[T]]:
        if self._buckets is None:
            grouped: dict[str, list[tuple[int, int, str, str, T]]] = {}
            for entry in self._entries:
                grouped.setdefault(entry[2], []).append(entry)
            buckets: dict[str, _Bucket[T]] = {}
            for head, entries in grouped.items():
                entries.sort(key=lambda e: (-e[0], e[1]))
                rx = build_alternation((e[3] for e in entries), capture=True)
                # (a phrase source is letters, \\w and \\s: lower-cased, it reads lower-cased text as
                # IGNORECASE reads any; a bucket with a case-sensitive phrase has no such twin)
                lowered = None if "(?-i" in rx.pattern else re.compile(rx.pattern.lower())
                buckets[head] = (rx, [e[4] for e in entries], lowered)
            self._buckets = buckets
            self._scan = _scanner(grouped)
        return self._buckets

    def _match(self, text: str, flat: str, pos: int) -> SpanMatch[T] | None:
        low = flat[pos : pos + 2].lower()
        return self._best(self._compiled(), text, flat, None, pos, low[:2], low[:1])

    @staticmethod
    def _best(buckets: dict[str, _Bucket[T]], text: str, flat: str, low: str | None, pos: int,
              head2: str, head1: str) -> SpanMatch[T] | None:
        """The longest phrase at ``pos``; ``low``: ``flat`` lower-cased with its offsets, if at hand."""
        best_end, best_idx, best_bucket = -1, 0, None
        # a one-letter phrase lives in its own bucket; try the two-letter one first
        for head in (head2, head1):
            bucket = buckets.get(head)
            if bucket is None:
                continue
            m = bucket[0].match(flat, pos) if low is None or bucket[2] is None else bucket[2].match(low, pos)
            if m is not None and m.end() > best_end:
                best_end, best_idx, best_bucket = m.end(), m.lastindex or 0, bucket
        if best_bucket is None:
            return None
        return SpanMatch(pos, best_end, text[pos:best_end], best_bucket[1][best_idx - 1])

    def finditer(self, text: str) -> Iterator[SpanMatch[T]]:
        """Non-overlapping matches left to right (leftmost, then longest)."""
        flat = flatten(text)
        low = flat.lower()
        if len(low) != len(flat):  # a letter whose lower case is longer: lower each head alone
            yield from self._finditer_slow(text, flat)
            return
        buckets = self._compiled()
        scan = self._scan
        if scan is not None and flat.isascii():
            # The scanner finds the next word start at which some phrase could match (a superset
            # of where _best succeeds), so the other word starts cost no Python step.
            last = 0
            while (m := scan.search(low, last)) is not None:
                pos = m.start()
                found = self._best(buckets, text, flat, low, pos, low[pos : pos + 2], low[pos])
                if found is None:
                    last = pos + 1
                    continue
                last = found.end
                yield found
            return
        last = 0
        for w in _WORD_START.finditer(flat):
            pos = w.start()
            if pos < last:
                continue
            head2, head1 = low[pos : pos + 2], low[pos]
            if head2 not in buckets and head1 not in buckets:
                continue
            found = self._best(buckets, text, flat, low, pos, head2, head1)
            if found is not None:
                last = found.end
                yield found

    def _finditer_slow(self, text: str, flat: str) -> Iterator[SpanMatch[T]]:
        last = 0
        for w in _WORD_START.finditer(flat):
            pos = w.start()
            if pos < last:
                continue
            found = self._match(text, flat, pos)
            if found is not None:
                last = found.end
                yield found

    def match_at(self, text: str, pos: int) -> SpanMatch[T] | None:
        """A phrase starting exactly at ``pos`` (no whitespace skipping)."""
        if not 0 <= pos < len(text):
            return None
        return self._match(text, flatten(text), pos)


def _scanner(grouped: dict[str, list[tuple[int, int, str, str, T]]]) -> re.Pattern[str] | None:
    """A pattern for the lower-cased flattened text of an all-ASCII text that finds every word
    start at which some phrase of a bucket :meth:`PhraseMatcher.finditer` tries could match: a
    word start followed by the literal letters every such phrase begins with (of its first two
    words and the gap between them), and by a word end when they make up a whole word (a
    superset; :meth:`PhraseMatcher._best` decides).
    None when some phrase begins with no ASCII letter."""
    root: dict[str, Any] = {}  # letter -> subtree; "" -> "word" or "prefix" where a lead ends
    for head, entries in grouped.items():
        if not re.match(r"\w", head[:1]):
            continue  # finditer never tries a bucket whose head is not a word character
        for e in entries:
            src = e[3][5:-1] if e[3].startswith("(?-i:") else e[3]
            lead = _ASCII_LEAD.match(src)
            if lead is None:
                return None
            node = root
            for n_word in range(_SCAN_WORDS):  # the letters of up to two words and the gap between
                for ch in lead.group().lower():
                    node = node.setdefault(ch, {})
                rest = src[lead.end() :]
                nxt = _ASCII_LEAD.match(rest, len(_SEP)) if rest.startswith(_SEP) else None
                if nxt is None or n_word + 1 == _SCAN_WORDS:
                    break
                node = node.setdefault(_GAP, {})
                src, lead = rest, nxt
            whole = rest == "" or rest.startswith((_SEP, "(?:-"))  # the word ends there
            if node.get("") != "prefix":
                node[""] = "word" if whole else "prefix"
    if not root:
        return None

    def build(node: dict[str, Any]) -> str:
        if node.get("") == "prefix":
            return ""  # these letters suffice, whatever follows
        alts = [(_SEP if ch == _GAP else re.escape(ch)) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if node.get("") == "word":
            alts.append(r"(?!\w)")
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return re.compile(r"(?<!\w)" + build(root))


def literal_union(words: Iterable[str], flags: int = 0) -> re.Pattern[str]:
    """One pattern matching any of ``words`` literally, built as a trie ("ban(?:tah|jir)")
    so that the engine tries each position once instead of once per word: several times faster
    than a plain alternation, or a loop of ``in`` tests, over long word lists."""
    root: dict[str, dict] = {}  # type: ignore[type-arg]
    words = [w for w in words if w]
    if not words:
        raise ValueError("literal_union needs at least one word")
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:  # type: ignore[type-arg]
        alts = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return re.compile(build(root), flags)


def lower_aligned(text: str) -> str:
    """``text`` lower-cased with every offset kept (only U+0130 grows when lowered: it stays)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if c == "\u0130" else c.lower() for c in text)


_CASE_ESCAPES = re.compile(r"\\[ABDSWZbdsw]")


def caseless(rx: re.Pattern[str]) -> re.Pattern[str]:
    """``rx`` (compiled with IGNORECASE) recompiled to run on :func:`lower_aligned` text, with
    the same matches and offsets: a long alternation runs about twice as fast without
    IGNORECASE. A pattern whose own letters hold a capital, or that switches case
    sensitivity inline, cannot be carried over: ValueError (keep it on the original text)."""
    src = rx.pattern
    bare = _CASE_ESCAPES.sub("", src)
    if not rx.flags & re.IGNORECASE or "(?-i" in src or "(?i" in src or any(c.isupper() for c in bare):
        raise ValueError(f"not a case-insensitive pattern of lower-case letters: {src[:60]!r}")
    return re.compile(src, rx.flags & ~re.IGNORECASE)


def caseless_or_none(rx: re.Pattern[str]) -> re.Pattern[str] | None:
    """:func:`caseless`, or None for a pattern that must run on the original text."""
    try:
        return caseless(rx)
    except ValueError:
        return None
