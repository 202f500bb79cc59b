"""Concept lexicon: which counted noun means what (``tentara`` -> ``troops``).

Built-in data lives in :mod:`claimwatch.lexicon.data_concepts`; config
``[[concepts]]`` entries extend it.  Matching is case- and
diacritic-insensitive on word boundaries, longest phrase first, and accepts
English plurals and Indonesian reduplication of the listed forms.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from claimwatch.lexicon.data_concepts import (
    BROADER,
    CLASSIFIER_DEFAULT,
    CLASSIFIERS,
    CONCEPTS,
    MODIFIERS,
)
from claimwatch.lexicon.text import PhraseMatcher, fold

__all__ = [
    "BROADER",
    "CLASSIFIERS",
    "CLASSIFIER_DEFAULT",
    "LANGS",
    "MODIFIERS",
    "ConceptLexicon",
    "ConceptMatch",
]

LANGS: tuple[str, ...] = ("id", "en")


# not frozen: a frozen instance costs ~6x more to build, and this one is built for every
# match of every sentence; it is never changed after it is built (dataclasses.replace makes a new one)
@dataclass(slots=True, unsafe_hash=True)
class ConceptMatch:
    key: str
    start: int
    end: int
    surface: str


def _langs(lang: str | None) -> tuple[str, ...]:
    """Languages to match for ``lang``; None or an unknown code means all."""
    return (lang,) if lang in LANGS else LANGS


class ConceptLexicon:
    """Concept key -> words per language, with compiled matchers.

    ``extra`` maps a key to ``{"id": [...], "en": [...]}`` (config
    ``[[concepts]]``).  New keys are added; words of existing keys are
    appended.  A phrase given in ``extra`` is removed from any other key that
    had it, so config can re-map a built-in word.
    """

    def __init__(self, extra: Mapping[str, Mapping[str, Sequence[str]]] | None = None) -> None:
        data: dict[str, dict[str, list[str]]] = {
            key: {lang: list(words.get(lang, ())) for lang in LANGS}
            for key, words in CONCEPTS.items()
        }
        for key, words in (extra or {}).items():
            if isinstance(words, str | bytes) or not isinstance(words, Mapping):
                raise TypeError(f"concept {key!r}: expected a mapping of lang -> words")
            for lang, phrases in words.items():
                if lang not in LANGS:
                    raise ValueError(f"concept {key!r}: unknown language {lang!r}")
                if isinstance(phrases, str):
                    phrases = [phrases]
                folded = {fold(p.lstrip("=")) for p in phrases}
                for other, other_words in data.items():
                    if other != key:
                        other_words[lang] = [
                            w for w in other_words[lang] if fold(w.lstrip("=")) not in folded
                        ]
                data.setdefault(key, {lg: [] for lg in LANGS})[lang].extend(phrases)
        self._data: dict[str, dict[str, tuple[str, ...]]] = {
            key: {
                lang: tuple(dict.fromkeys(p.strip() for p in ws if p.strip()))
                for lang, ws in v.items()
            }
            for key, v in data.items()
        }
        self._matchers: dict[tuple[str, ...], PhraseMatcher[str]] = {}
        self._find_cache: dict[tuple[str, str | None], tuple[ConceptMatch, ...]] = {}

    def _matcher(self, lang: str | None) -> PhraseMatcher[str]:
        langs = _langs(lang)
        matcher = self._matchers.get(langs)
        if matcher is None:
            matcher = PhraseMatcher()
            for key, words in self._data.items():
                for lg in langs:
                    for phrase in words[lg]:
                        matcher.add(phrase, key, plural=lg == "en", redup=lg == "id")
            self._matchers[langs] = matcher
        return matcher

    def find(self, text: str, lang: str | None = None) -> list[ConceptMatch]:
        """All non-overlapping concept phrases, left to right, longest first (cached per text)."""
        cache = self._find_cache
        key = (text, lang)
        hit = cache.get(key)
        if hit is None:
            if len(cache) >= 4096:
                cache.clear()
            hit = cache[key] = tuple(
                ConceptMatch(m.payload, m.start, m.end, m.surface) for m in self._matcher(lang).finditer(text))
        return list(hit)

    def forget(self) -> None:
        """Empty the lookup cache (the extractor does so per article)."""
        self._find_cache.clear()

    def match_at(self, text: str, pos: int, lang: str | None = None) -> ConceptMatch | None:
        """The concept phrase starting at ``pos`` after skipping whitespace."""
        n = len(text)
        while pos < n and text[pos].isspace():
            pos += 1
        if pos >= n:
            return None
        m = self._matcher(lang).match_at(text, pos)
        return ConceptMatch(m.payload, m.start, m.end, m.surface) if m else None

    def keys(self) -> frozenset[str]:
        return frozenset(self._data)

    def words(self, key: str) -> dict[str, tuple[str, ...]]:
        """Words of ``key`` per language; KeyError for an unknown key."""
        return {lang: tuple(w.lstrip("=") for w in ws) for lang, ws in self._data[key].items()}

    def broader(self, key: str) -> str | None:
        """The broader concept ``key`` belongs to (``wounded`` -> ``injured``)."""
        return BROADER.get(key)
