"""Topic relevance: keywords matched the way news words them, in Indonesian and English.

A keyword matches case- and diacritic-insensitively on word boundaries, and also:

- its other names and demonyms, when the gazetteer knows it ("North Korea" → "North Korean",
  "Korea Utara", "Korut", "DPRK"; "Russia" → "Russian", "Rusia");
- inflected and derived forms of its words: English endings (plural "-s"/"-es", "-ed", "-ing",
  demonym "-n"/"-an"/"-ian"), Indonesian affixes ("me-", "di-", "ber-", "ter-", "pe-", "ke-",
  "-kan", "-an", "-i", "-nya", "-lah"), so "banjir" finds "kebanjiran" and "dibanjiri" and
  "flood" finds "floods" and "flooding".

A topic's ``require_any`` words must appear too, and any of its ``exclude`` words keeps an article
out ("Korea Utara" but not a football story: exclude "sepak bola").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from claimwatch.lexicon.text import fold

IMPLICIT_TOPIC = "default"

# the other names of a keyword (the gazetteer's aliases and demonyms), folded; none by default
Expand = Callable[[str], Iterable[str]]

_EN_SUFFIX = r"(?:s|es|ed|d|ing|n|an|ian|ians|ns|ans|ese|i|ers?)?"
_ID_SUFFIX = r"(?:kan|an|i|nya|lah|pun|kah)*"
_ID_PREFIX = r"(?:me|mem|men|meng|meny|di|ber|be|ter|pe|pem|pen|peng|peny|per|ke|se)?"
_NASAL = {"k": "meng|peng", "p": "mem|pem", "t": "men|pen", "s": "meny|peny"}
_MIN_AFFIXED = 4  # shorter words ("AS", "UN", "war") match only as written


def _word(w: str) -> str:
    """Pattern for one folded word with its affixes."""
    esc = re.escape(w)
    if len(w) < _MIN_AFFIXED or not w.isalpha():
        return esc
    forms = [f"{_ID_PREFIX}{esc}"]
    if w[0] in _NASAL:  # "tembak" → "menembak", "pukul" → "memukul"
        forms.append(f"(?:{_NASAL[w[0]]}){re.escape(w[1:])}")
    return f"(?:{'|'.join(forms)})(?:{_EN_SUFFIX}|{_ID_SUFFIX})"


def _phrase(words: list[str]) -> str:
    """A multi-word keyword: each word as written but the first takes prefixes, the last suffixes."""
    if len(words) == 1:
        return _word(words[0])
    esc = [re.escape(w) for w in words]
    first = _word(words[0]) if len(words[0]) >= _MIN_AFFIXED and words[0].isalpha() else esc[0]
    last = words[-1]
    tail = f"{re.escape(last)}{_EN_SUFFIX}{_ID_SUFFIX}" if len(last) >= _MIN_AFFIXED and last.isalpha() else esc[-1]
    middle = esc[1:-1]
    return r"[\s-]+".join([first, *middle, tail])


@lru_cache(maxsize=256)
def _compile(words: tuple[str, ...]) -> re.Pattern[str] | None:
    parts = sorted({_phrase(w.split()) for w in words if w.split()}, key=len, reverse=True)
    if not parts:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)")


@lru_cache(maxsize=256)
def _forms(words: tuple[str, ...], expand: Expand | None) -> tuple[str, ...]:
    """The folded words with their expansions (aliases, demonyms), worked out once per topic."""
    out: dict[str, None] = {}
    for w in words:
        if not w.strip():
            continue
        out[fold(w)] = None
        for other in expand(w) if expand else ():
            if other.strip():
                out[fold(other)] = None
    return tuple(out)


@dataclass(frozen=True, slots=True)
class TopicMatcher:
    id: str
    keywords: tuple[str, ...]
    require_any: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    expand: Expand | None = None

    def _rx(self, words: Sequence[str]) -> re.Pattern[str] | None:
        return _compile(_forms(tuple(words), self.expand))

    def matches(self, title: str | None, text: str) -> bool:
        hay = fold(f"{title or ''}\n{text}")
        kw = self._rx(self.keywords)
        if kw is None or not kw.search(hay):
            return False
        req = self._rx(self.require_any)
        if req is not None and not req.search(hay):
            return False
        ex = self._rx(self.exclude)
        return ex is None or not ex.search(hay)


def gazetteer_names(gazetteer: object) -> Expand:
    """An :data:`Expand` over a gazetteer: a known name's aliases and demonyms (not its
    case-sensitive acronyms, which read as common words once folded)."""

    def names(word: str) -> tuple[str, ...]:
        e = gazetteer.lookup(word)  # type: ignore[attr-defined]
        if e is None or e.kind not in ("country", "place", "agency", "org", "armed_group", "person"):
            return ()
        out = [e.name, *e.aliases, *e.demonyms]
        if e.kind == "country":  # "Russia" is also said by its places: "di Kursk", "in Belgorod"
            out += [p.name for p in gazetteer.entities() if p.kind == "place" and p.side == e.name]  # type: ignore[attr-defined]
        return tuple(a for a in out if not a.startswith("=") and len(a) >= 3)

    return names


def relevant_topics(matchers: Sequence[TopicMatcher], title: str | None, text: str) -> list[str]:
    """Ids of the topics an article belongs to; with no topics defined, the implicit one."""
    if not matchers:
        return [IMPLICIT_TOPIC]
    return [m.id for m in matchers if m.matches(title, text)]
