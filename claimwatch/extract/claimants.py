"""Stage 5b of extraction: who claims each figure, across the sentences of an article.

A sentence often names its source only by pronoun or description ("he said", "It added", "the
ministry said", "katanya", "kementerian itu", "Menurutnya"), or not at all because it goes on
with the report of the sentence before. :class:`Speakers` remembers who has spoken in the article
and resolves those references:

- a personal pronoun ("he", "dia", "-nya") → the last person who spoke, else the last speaker;
- "it", "they", "pihaknya" → the last speaker;
- a definite description ("the ministry", "kementerian itu", "the junta", "the commander") → the
  last speaker whose name or words share its head ("ministry" ~ "Kementerian Pertahanan
  Rusia"), else the description itself as written ("the ministry");
- nothing found → None (an unresolved "he" names nobody).

:func:`claim` then picks, for one number, the reporting clause that covers it, and sorts the
parties into the claimant, further claimants ("the US and South Korea said") and relays: a source
cited ("citing the NIS", "mengutip laporan HUR") is the claimant and whoever cites it a relay; an
outlet passing words on ("seperti dilansir CNA", "as quoted by AFP") is a relay, and the claimant
only when nobody else is named.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from claimwatch.extract.attribution import Attribution
from claimwatch.lexicon.gazetteer import possessive
from claimwatch.lexicon.text import fold

_PERSONAL = frozenset({"he", "she", "him", "her", "his", "ia", "dia", "beliau", "nya"})
_ANY = frozenset({"it", "they", "them", "we", "mereka", "pihaknya", "kami", "its"})
# head word of a description -> words that name the same kind of party (folded)
_HEADS: dict[str, tuple[str, ...]] = {
    "ministry": ("ministry", "kementerian", "kemen", "mod", "kemenhan", "kemenkes"),
    "kementerian": ("ministry", "kementerian", "kemen", "kemenhan", "kemenkes"),
    "agency": ("agency", "badan", "lembaga", "service", "afad", "bnpb", "bpbd", "nis", "hur", "basarnas"),
    "badan": ("agency", "badan", "lembaga", "bnpb", "bpbd", "basarnas"),
    "lembaga": ("agency", "badan", "lembaga", "institute"),
    "junta": ("junta", "military", "militer", "min aung hlaing", "government"),
    "regime": ("regime", "rezim", "government", "junta"),
    "government": ("government", "pemerintah", "administration", "junta", "cabinet"),
    "pemerintah": ("government", "pemerintah", "junta"),
    "military": ("military", "militer", "army", "forces", "idf", "tni", "defence", "defense"),
    "militer": ("military", "militer", "army", "tni", "idf", "junta"),
    "army": ("army", "military", "forces", "idf", "tentara"),
    "police": ("police", "polisi", "kepolisian", "polri", "polda", "polres"),
    "kepolisian": ("police", "polisi", "kepolisian", "polri", "polda", "polres"),
    "committee": ("committee", "komite", "commission", "komisi"),
    "komite": ("committee", "komite", "commission", "komisi"),
    "commission": ("commission", "komisi", "committee"),
    "komisi": ("commission", "komisi", "committee", "kpu"),
    "office": ("office", "kantor"),
    "kantor": ("office", "kantor"),
    "group": ("group", "kelompok", "organisation", "organization"),
    "investigation": ("investigat", "penyelidik", "mediazona"),
    "investigators": ("investigat", "penyelidik"),
    "penyelidik": ("investigat", "penyelidik", "komite investigasi"),
}
# descriptions of a person by role: the last person speaker whose words carry the role, else the
# last person speaker
_ROLES = frozenset(
    """spokesman spokeswoman spokesperson commander chief head president minister governor general
    officer official juru bicara jubir kepala presiden menteri gubernur panglima komandan jenderal
    pejabat pemimpin leader director direktur""".split()
)
_DETERMINER = re.compile(r"^(?:the|this|that|these|those)\s+|\s+(?:itu|tersebut|ini)$", re.I)


def _is_description(phrase: str) -> bool:
    low = " ".join(phrase.lower().split())
    return low not in _PERSONAL and low not in _ANY and len(low) > 3


@dataclass
class _Spoken:
    name: str
    words: str  # folded name and phrase, for matching descriptions
    person: bool
    spoke: bool = True  # False: only mentioned as a sentence's subject ("Maria Zakharova was asked")


@dataclass
class Speakers:
    """Who has spoken so far in one article, for references and continuations."""

    history: list[_Spoken] = field(default_factory=list)
    last_in_paragraph: dict[int, str] = field(default_factory=dict)
    texts: list[str] = field(default_factory=list)  # the sentences read so far
    current: str = ""  # the sentence being read
    organisations: Callable[[str], list[str]] | None = None  # the organisations a text names
    countries: Callable[[str], list[str]] | None = None  # the countries a text names

    # -- remembering ------------------------------------------------------------------------------

    def note(self, paragraph: int, atts: list[Attribution], is_person: bool | None = None) -> None:
        for a in atts:
            if a.phrase == "":
                continue  # a report a speaker denies or asks about: its source is not speaking here
            if a.speaker and not a.relay:
                self.remember(paragraph, a.speaker, a.phrase, is_person)
            elif a.pronoun and not a.relay and a.phrase and _is_description(a.phrase):
                # "the ministry said": later "It said" / "The ministry added" mean the same party
                named = self.resolve(a.phrase)
                if named:
                    self.remember(paragraph, named, a.phrase, None if is_person is None else is_person)

    def full_name(self, name: str) -> str:
        """A surname or first name alone ("Dahnil", "Peskov") as the person named in full before."""
        if " " in name or not name[:1].isupper():
            return name
        low = name.lower()
        for h in reversed(self.history):
            if h.person and low in h.name.lower().split():
                return h.name
        return name

    def remember(self, paragraph: int, name: str, phrase: str | None = None,
                 is_person: bool | None = None) -> None:
        name = self.full_name(name)
        person = _looks_like_person(name) if is_person is None else is_person
        self.history.append(_Spoken(name, fold(f"{name} {phrase or ''}"), person))
        self.last_in_paragraph[paragraph] = name

    def the_country(self, phrase: str, countries: Callable[[str], list[str]] | None = None) -> str:
        """"the country's health ministry" → "Sudan's health ministry", after the country the
        article named last; unchanged when it named none."""
        find = countries or self.countries
        if not _THE_COUNTRY.search(phrase):
            return phrase
        for text in reversed(self.texts):
            named = find(text) if find else []
            if named:
                rest = _THE_COUNTRY.sub("", phrase).strip()
                return f"{possessive(named[-1])} {rest}" if _THE_COUNTRY.match(phrase) else f"{rest} {named[-1]}"
        return phrase

    def abroad(self, name: str, phrase: str | None) -> str:
        """A bare Indonesian office ("Kementerian Kesehatan", "Kemenkes") in an article about
        another country is that country's: "Sri Lanka's health ministry"."""
        if not name.startswith(_HOME) or _HOME_NAMED.search(phrase or "") or self.countries is None:
            return name
        named = [c for t in (*self.texts, self.current) for c in self.countries(t)]
        if not named or "Indonesia" in named:
            return name
        return f"{possessive(named[-1])} {name[len(_HOME):]}"

    def mention(self, name: str) -> None:
        """A person the article names as a subject without a reporting verb, for "she", "he"."""
        self.history.append(_Spoken(self.full_name(name), fold(name), True, spoke=False))

    @property
    def last(self) -> str | None:
        return next((h.name for h in reversed(self.history) if h.spoke), None)

    # -- inheriting and resolving -------------------------------------------------------------------

    def inherit(self, paragraph: int, index_in_par: int, marked: bool) -> str | None:
        """The claimant of a sentence that names none: the report it continues."""
        if marked:
            return self.last_in_paragraph.get(paragraph) or self.last
        if index_in_par > 0:
            return self.last_in_paragraph.get(paragraph)
        return None

    def resolve(self, phrase: str | None) -> str | None:
        """The party a pronoun or a description stands for (see the module docstring)."""
        phrase = " ".join((phrase or "").split())
        low = phrase.lower()
        if not low:
            return None  # a report nobody is named for
        if low in _PERSONAL or "year-old" in low or "tahun" in low:
            person = next((h.name for h in reversed(self.history) if h.person), None)
            return person or self.last
        if low in _ANY:
            return self.last
        core = _DETERMINER.sub("", _DETERMINER.sub("", low)).strip()
        words = core.split()
        head = words[-1] if words else ""
        if core.startswith(("juru bicara", "jubir")):
            head = "juru bicara"
        keys = _HEADS.get(head) or _HEADS.get(words[0] if words else "", ())
        for h in reversed(self.history):
            if keys and h.spoke and any(k in h.words for k in keys):
                return h.name
        if keys and self.organisations is not None:  # "briefed by the NIS ... Citing the spy agency"
            for text in (self.current, *reversed(self.texts[-4:])):
                named = [n for n in self.organisations(text) if any(k in fold(n) for k in keys)]
                if named:
                    return named[-1]
        if head in _ROLES or (words and words[0] in _ROLES):
            for h in reversed(self.history):
                if h.person and (head in h.words or any(w in h.words for w in words)):
                    return h.name
            person = next((h.name for h in reversed(self.history) if h.person), None)
            if person:
                return person
        else:
            org = next((h.name for h in reversed(self.history) if not h.person and h.spoke), None)
            if org:
                return org  # "Organisasi itu", "the agency" after "WHO melaporkan ..."
        return phrase if words else None


_HOME = "Indonesia's "
_HOME_NAMED = re.compile(r"\b(?:indonesia|RI)\b", re.I)
_THE_COUNTRY = re.compile(r"^(?:the\s+)?country['’]s\s+|\s+(?:negara\s+(?:itu|tersebut))$", re.I)


@dataclass(frozen=True, slots=True)
class Claim:
    claimant: str | None
    others: tuple[str, ...] = ()
    relays: tuple[str, ...] = ()


def claim(atts: list[Attribution], start: int, end: int, inherited: str | None,
          speakers: Speakers) -> Claim:
    """Who claims the number at ``start``..``end`` of a sentence (``start``: its qualifier)."""
    direct = [a for a in atts if not a.relay and not a.cites]
    best = _covering(direct, start, end)
    speaker: str | None = None
    others: tuple[str, ...] = ()
    if best is not None:
        speaker = speakers.abroad(speakers.full_name(best.speaker), best.phrase) if best.speaker \
            else speakers.resolve(best.phrase)
        others = best.others
        if best.speaker is None and best.pronoun and inherited is None:
            named = [a for a in direct if a.speaker]
            if named and not speaker:
                speaker = named[0].speaker  # '"Kami memperkirakan 1.150 rumah rusak," ujar Rahmat'
    else:
        speaker = inherited
    relays = [a.speaker or speakers.resolve(a.phrase) for a in atts if a.relay]
    cited = next((a for a in atts if a.cites), None)
    if speaker and _THE_COUNTRY.match(speaker):
        speaker = speakers.the_country(speaker)
    if cited is not None and (source := speakers.abroad(cited.speaker, cited.phrase) if cited.speaker
                              else speakers.resolve(cited.phrase)):
        if speaker and speaker != source:
            relays.insert(0, speaker)
        speaker, others = source, cited.others
    elif speaker is None and relays:
        speaker = relays.pop(0)  # the outlet is the only source named
    return Claim(speaker, others, tuple(dict.fromkeys(r for r in relays if r and r != speaker)))


def _covering(direct: list[Attribution], start: int, end: int) -> Attribution | None:
    """The reporting clause whose scope covers the number: the nearest one pointing at it."""
    before = [a for a in direct if a.direction == "forward" and a.end <= start]
    after = [a for a in direct if a.direction == "backward" and a.start >= end]
    cands: list[tuple[int, Attribution]] = []
    if before:
        a = max(before, key=lambda a: a.end)
        cands.append((start - a.end, a))
    if after:
        a = min(after, key=lambda a: a.start)
        cands.append((a.start - end, a))
    if not cands and direct:
        a = min(direct, key=lambda a: min(abs(a.start - end), abs(start - a.end)))
        cands.append((0, a))
    if not cands:
        return None
    cands.sort(key=lambda c: c[0])
    return cands[0][1]


def _looks_like_person(name: str) -> bool:
    words = name.split()
    return 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words) and not re.search(
        r"(?i)\b(?:ministry|agency|kementerian|badan|office|service|forces|army|police|council|"
        r"committee|government|intelligence|'s)\b|'s\b", name)
