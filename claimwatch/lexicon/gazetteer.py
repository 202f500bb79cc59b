"""Gazetteer of actors: countries, organisations, agencies, people, media.

Built-in data lives in :mod:`claimwatch.lexicon.data_gazetteer`; config
entries extend it.  Besides plain names the gazetteer composes
"<institution> <country>" (Indonesian: ``Kementerian Pertahanan Rusia``) and
"<country/demonym> <institution>" (English: ``Russia's defence ministry``,
``the South Korean military``) into ``"<Country>'s <institution>"`` with the
country as side -- unless an explicit entry covers it, which wins.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from claimwatch.lexicon.data_gazetteer import COUNTRIES, ENTITIES, INSTITUTIONS
from claimwatch.lexicon.text import EXACT_MARK, PhraseMatcher, SpanMatch, fold

__all__ = ["KINDS", "Entity", "EntityMatch", "Gazetteer", "possessive"]

KINDS: frozenset[str] = frozenset(
    {"country", "org", "agency", "person", "armed_group", "place", "media"}
)


@dataclass(frozen=True, slots=True)
class Entity:
    name: str
    kind: str
    side: str | None
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...] = ()  # English adjectival forms ("North Korean")


# not frozen: a frozen instance costs ~6x more to build, and this one is built for every
# match of every sentence; it is never changed after it is built (dataclasses.replace makes a new one)
@dataclass(slots=True, unsafe_hash=True)
class EntityMatch:
    entity: Entity
    start: int
    end: int
    surface: str
    demonym: bool = False  # the surface is a demonym/adjective ("North Korean")
    composed: bool = False  # built from "<institution> <country>" or its English order


@dataclass(frozen=True, slots=True)
class _Inst:
    name: str
    kind: str
    countable: bool
    langs: frozenset[str]


_FIND_CACHE_SIZE = 4096


def possessive(name: str) -> str:
    """``Russia`` -> ``Russia's``; ``United States`` -> ``United States'``."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _clean(alias: str) -> str:
    return alias[len(EXACT_MARK) :] if alias.startswith(EXACT_MARK) else alias


def _split(aliases: str | Sequence[str] | None) -> list[str]:
    if not aliases:
        return []
    items = aliases.split("|") if isinstance(aliases, str) else list(aliases)
    return [a.strip() for a in items if a and a.strip()]


# A number or count word right before a countable institution: then the word is a
# counted noun ("12.000 tentara Korea Utara"), not an institution.
_COUNT_BEFORE = re.compile(
    r"(?:\d[\d.,]*|\b(?:ribu|juta|ratus|puluh|belas|ratusan|ribuan|puluhan|belasan|jutaan|"
    r"para|anggota|personel|sejumlah|hundreds?|thousands?|millions?|dozens?|several|"
    r"some|many|more))(?:\s+of)?\s*$",
    re.IGNORECASE,
)


def _counted(text: str, pos: int) -> bool:
    """True if a number or count word ends right before ``pos``."""
    return _COUNT_BEFORE.search(text[max(0, pos - 40) : pos]) is not None


_GAP_ID = re.compile(r"\s+$")
_GAP_OF = re.compile(r"\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_GAP_EN = re.compile(r"(?:['\u2019]s?)?\s+")


class _Raw:
    """Mutable entry while the gazetteer is being built."""

    __slots__ = ("aliases", "demonyms", "kind", "name", "side")

    def __init__(self, name: str, kind: str, side: str | None) -> None:
        self.name, self.kind, self.side = name, kind, side
        self.aliases: list[str] = []
        self.demonyms: list[str] = []


# territories that are no country a story's figures belong to, or names too common as words
_NOT_COUNTRIES = frozenset({"AC", "AQ", "BV", "CP", "DG", "EA", "EU", "EZ", "HM", "IC", "QO", "TA", "UM", "UN", "XA",
                            "XB", "XK", "ZZ"})


@lru_cache(maxsize=1)
def _other_countries() -> tuple[tuple[str, str], ...]:
    """(English name, Indonesian name) of every country CLDR knows, through Babel."""
    from babel import Locale

    en, idn = Locale("en").territories, Locale("id").territories
    return tuple((en[c].replace(" & ", " and "), idn.get(c, en[c]).replace(" & ", " dan "))
                 for c in sorted(en) if len(c) == 2 and c.isalpha() and c not in _NOT_COUNTRIES)


class Gazetteer:
    """Actors with aliases; finds them (and institution compositions) in text.

    ``extra`` entries (from config) are mappings with ``name`` and optionally
    ``kind`` (one of :data:`KINDS`, default ``org``), ``side`` (``"="``: itself;
    None/omitted: keep the existing side, a new country speaks for itself,
    anything else new has none), ``aliases`` and ``demonyms`` (lists or
    ``|``-separated strings; a leading ``=`` makes an alias case-sensitive).
    An entry whose name is an existing canonical name extends that entity;
    an alias given in ``extra`` is taken away from any other entity.
    """

    def __init__(self, extra: Sequence[Mapping[str, Any]] | None = None) -> None:
        self._find_cache: dict[str, tuple[EntityMatch, ...]] = {}
        raws: dict[str, _Raw] = {}
        for name, aliases, demonyms in COUNTRIES:
            raw = raws[fold(name)] = _Raw(name, "country", name)
            raw.aliases, raw.demonyms = _split(aliases), _split(demonyms)
        known = {fold(a) for r in raws.values() for a in (r.name, *r.aliases)}
        for name, alias in _other_countries():  # every other country, in English and Indonesian (CLDR)
            if fold(name) not in known and fold(alias) not in known:
                raws[fold(name)] = _Raw(name, "country", name)
                raws[fold(name)].aliases = [alias] if fold(alias) != fold(name) else []
        for name, kind, side, aliases in ENTITIES:
            raw = raws[fold(name)] = _Raw(name, kind, name if side == "=" else side)
            raw.aliases = _split(aliases)
        for item in extra or ():
            self._merge(raws, item)

        self._entities: tuple[Entity, ...] = tuple(
            Entity(
                r.name,
                r.kind,
                r.side,
                tuple(dict.fromkeys(_clean(a) for a in r.aliases)),
                tuple(dict.fromkeys(_clean(d) for d in r.demonyms)),
            )
            for r in raws.values()
        )
        self._marked: dict[str, tuple[list[str], list[str]]] = {
            r.name: (r.aliases, r.demonyms) for r in raws.values()
        }
        self._index: dict[str, Entity] = {}
        for e in self._entities:
            self._index.setdefault(fold(e.name), e)
        for e in self._entities:
            for alias in (*e.aliases, *e.demonyms):
                self._index.setdefault(fold(alias), e)
        self._names: PhraseMatcher[tuple[Entity, bool]] | None = None
        self._insts: PhraseMatcher[_Inst] | None = None

    @staticmethod
    def _merge(raws: dict[str, _Raw], item: Mapping[str, Any]) -> None:
        name = str(item.get("name") or "").strip()
        if not name:
            raise ValueError(f"gazetteer entry without a name: {item!r}")
        kind = item.get("kind")
        if kind is not None and kind not in KINDS:
            raise ValueError(f"gazetteer entry {name!r}: unknown kind {kind!r}")
        raw = raws.get(fold(name))
        if raw is None:
            raw = raws[fold(name)] = _Raw(name, kind or "org", None)
            if raw.kind == "country":
                raw.side = name
        elif kind is not None:
            raw.kind = kind
        side = item.get("side")
        if side:  # None/empty: keep the side it has (a new country: itself)
            raw.side = raw.name if side == "=" else str(side)
        aliases, demonyms = _split(item.get("aliases")), _split(item.get("demonyms"))
        taken = {fold(_clean(a)) for a in (raw.name, *aliases, *demonyms)}
        for other in raws.values():
            if other is not raw:
                other.aliases = [a for a in other.aliases if fold(_clean(a)) not in taken]
                other.demonyms = [d for d in other.demonyms if fold(_clean(d)) not in taken]
        raw.aliases.extend(aliases)
        raw.demonyms.extend(demonyms)

    # --- matchers, built lazily once per instance

    def _name_matcher(self) -> PhraseMatcher[tuple[Entity, bool]]:
        if self._names is None:
            matcher: PhraseMatcher[tuple[Entity, bool]] = PhraseMatcher()
            for e in self._entities:
                aliases, demonyms = self._marked[e.name]
                name = EXACT_MARK + e.name if EXACT_MARK + e.name in aliases else e.name
                for phrase in (name, *aliases):
                    matcher.add(phrase, (e, False))
                for phrase in demonyms:
                    matcher.add(phrase, (e, True))
            self._names = matcher
        return self._names

    def _inst_matcher(self) -> PhraseMatcher[_Inst]:
        if self._insts is None:
            langs: dict[str, tuple[str, str, bool, set[str], str]] = {}
            for name, kind, countable, id_words, en_words in INSTITUTIONS:
                for lang, words in (("id", id_words), ("en", en_words)):
                    for w in _split(words):
                        entry = langs.setdefault(fold(w), (name, kind, countable, set(), w))
                        entry[3].add(lang)
            matcher: PhraseMatcher[_Inst] = PhraseMatcher()
            for name, kind, countable, lgs, phrase in langs.values():
                matcher.add(phrase, _Inst(name, kind, countable, frozenset(lgs)))
            self._insts = matcher
        return self._insts

    # --- public API

    def entities(self) -> tuple[Entity, ...]:
        """All entities, countries first."""
        return self._entities

    def lookup(self, name: str) -> Entity | None:
        """Entity by canonical name or any alias/demonym, fold()-insensitive."""
        key = fold(_clean(name.strip()))
        found = self._index.get(key)
        if found is None and key.startswith("the "):
            found = self._index.get(key[4:])
        return found

    def side_of(self, name: str) -> str | None:
        """The side ``name`` speaks for (``Vladimir Putin`` -> ``Russia``);
        also understands composed names (``Russia's defence ministry``)."""
        entity = self.lookup(name)
        if entity is not None:
            return entity.side
        text = name.strip()
        matches = self.find(text)
        if len(matches) == 1 and matches[0].start == 0 and matches[0].end == len(text):
            return matches[0].entity.side
        return None

    def find(self, text: str) -> list[EntityMatch]:
        """All non-overlapping actor mentions, left to right, longest first;
        institution compositions win over the bare country inside them.

        Results are cached per text: the same sentence and phrase are looked up by several
        stages of one extraction (see :meth:`forget`)."""
        cache = self._find_cache
        hit = cache.get(text)
        if hit is None:
            if len(cache) >= _FIND_CACHE_SIZE:
                cache.clear()
            hit = cache[text] = tuple(self._find(text))
        return list(hit)

    def forget(self) -> None:
        """Empty the lookup cache (the extractor does so per article: texts rarely repeat)."""
        self._find_cache.clear()

    def _find(self, text: str) -> list[EntityMatch]:
        raw = [
            EntityMatch(m.payload[0], m.start, m.end, m.surface, m.payload[1])
            for m in self._name_matcher().finditer(text)
        ]
        candidates = list(raw)
        if any(m.entity.kind == "country" for m in raw):
            insts = list(self._inst_matcher().finditer(text))
            by_end = {i.end: i for i in insts}
            by_start = {i.start: i for i in insts}
            for m in raw:
                if m.entity.kind == "country":
                    comp = self._compose(text, m, by_end, by_start)
                    if comp is not None:
                        candidates.append(comp)
        candidates.sort(key=lambda c: (c.start, c.start - c.end, c.composed))
        out: list[EntityMatch] = []
        last = 0
        for c in candidates:
            if c.start >= last:
                out.append(c)
                last = c.end
        return out

    def _compose(
        self,
        text: str,
        country: EntityMatch,
        by_end: Mapping[int, SpanMatch[_Inst]],
        by_start: Mapping[int, SpanMatch[_Inst]],
    ) -> EntityMatch | None:
        head = text[max(0, country.start - 40) : country.start]
        offset = country.start - len(head)
        # Indonesian order: "<institution> <country>"; English: "<institution> of <country>"
        for gap, lang in ((_GAP_ID, "id"), (_GAP_OF, "en")):
            g = gap.search(head)
            if g is None:
                continue
            inst = by_end.get(offset + g.start())
            if inst is not None and lang in inst.payload.langs:
                if inst.payload.countable and _counted(text, inst.start):
                    continue
                return self._composed(text, inst.start, country.end, inst.payload, country)
        # English order: "<country|demonym>['s] <institution>"
        g2 = _GAP_EN.match(text, country.end)
        if g2 is not None and not (country.demonym and g2.group().strip()):
            inst = by_start.get(g2.end())
            if inst is not None and "en" in inst.payload.langs:
                if inst.payload.countable and _counted(text, country.start):
                    return None
                return self._composed(text, country.start, inst.end, inst.payload, country)
        return None

    def _composed(
        self, text: str, start: int, end: int, inst: _Inst, country: EntityMatch
    ) -> EntityMatch:
        name = f"{possessive(country.entity.name)} {inst.name}"
        explicit = self.lookup(name)
        surface = text[start:end]
        if explicit is not None:
            return EntityMatch(explicit, start, end, surface)
        entity = Entity(name, inst.kind, country.entity.side, ())
        return EntityMatch(entity, start, end, surface, composed=True)
