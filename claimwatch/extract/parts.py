"""Stage 4b of extraction: breakdowns. A part of a figure is never a new value of the whole.

Inside one sentence a count is often split up:

- "47,975 people, 6,278 of them foreigners, had died"; "dari 19 korban, 12 di antaranya anak-anak";
- "11,000 troops, of whom 3,000 in Kursk"; "12.000 tentara, termasuk 500 perwira";
- "35 jenazah teridentifikasi, terdiri atas 19 orang dari Kabupaten Agam, sembilan orang dari ...";
- "19 orang dari 43 korban meninggal dunia ditemukan di Kabupaten Agam" (a part before its whole);
- "in Turkey 12,391 people had died and in Syria 2,992 ..., which put the confirmed total at 15,383".

A part takes the concept and the actor of its whole when it names none of its own ("19 orang"),
and gets a ``scope``: the place it is in ("Kabupaten Agam", "Syria"), the group it counts
("foreigners", "anak-anak"), ``total`` for a sum over places, or ``part``. The tracker keeps each
scope in its own series, so a part never revises the whole.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Protocol, TypeVar

from claimwatch.extract.numbers import NumberMention
from claimwatch.lexicon.text import caseless

_GENERIC = frozenset({"people", "civilians", "residents", None})
# who people are (not what befell them): a part naming them takes the whole's outcome
_PEOPLE = frozenset(
    {"children", "women", "civilians", "tourists", "foreigners", "students", "teachers", "journalists",
     "medical_workers", "aid_workers", "troops", "officers", "police_officers", "elderly", "workers",
     "passengers", "crew", "migrants", "refugees", "pilgrims", "protesters", "volunteers", "doctors",
     "nurses", "patients", "prisoners", "people", "residents", "families"})
# who people are by age, sex or nationality: a part counting them is a part of the whole's count
_GROUPS = frozenset({"children", "women", "men", "foreigners", "elderly", "minors", "infants"})
_AMONG_AFTER = re.compile(r"\s*,?\s*(?:among\s+(?:them|whom|those)|di\s?antaranya|termasuk\s+di\s+dalamnya)\b", re.I)
_GENERIC_NOUNS = frozenset({"korban", "victims", "victim", "orang", "jiwa", "warga", "people"})


def _generic(r: _Reading) -> bool:
    """Counts people without saying what befell them ("19 orang", "10 korban"), or says it only by
    a noun read back before the number (a weak reading)."""
    return r.what in _GENERIC or bool(getattr(r, "noun_before", False)) or (
        r.what in ("casualties", "victims") and (r.noun or "").lower() in _GENERIC_NOUNS)


class _Reading(Protocol):
    what: str | None
    noun: str | None
    actor: str | None
    noun_end: int
    past: bool
    scope: str | None


# right after the part's number: "6,278 of them", "12 di antaranya", "3,000 of whom"
_OF_THEM_AFTER = re.compile(
    r"\s*(?:of\s+(?:them|whom|which|those)|di\s?antaranya|diantaranya|dari\s+(?:jumlah\s+)?"
    r"(?:itu|tersebut)|among\s+them)\b[\s,]*(?:(?:were|are|was|is|adalah|merupakan|masih|yang)\s+)*",
    re.I,
)
# before the part's number: "including 500 officers", "di antaranya 12", "of whom 3,000"
_MARKER_BEFORE = caseless(re.compile(
    r"(?:\bincluding|\bamong\s+(?:them|whom|those)|\bof\s+(?:whom|which|them)|\btermasuk|"
    r"\bdi\s?antaranya|\bdiantaranya|\bdari\s+(?:jumlah\s+)?(?:itu|tersebut)|\bterdiri\s+(?:atas|dari)|"
    r"\bcomprising|\bconsisting\s+of|\brinciannya|\bmasing-masing|\byakni|\byaitu|\ban\s+additional|"
    r"\banother|\ba\s+further|\bplus)"
    r"[\s,:]*(?:(?:sekitar|about|lebih\s+dari|more\s+than|some|around|at\s+least|sebanyak)\s+)?$",
    re.I,
))
# a part before its whole: "19 orang dari 43 korban", "100 of the 1,000 soldiers"
_PART_OF_NEXT = re.compile(r"^\s*(?:[\w-]+\s+)?(?:dari|of\s+the|out\s+of|of\s+(?:a\s+)?total\s+of)\s*$", re.I)
# a list item continues a breakdown: separators only between two items
_LIST_GAP = re.compile(
    r"^(?:\s*(?:of\s+(?:them|whom)|di\s?antaranya))?(?:\s*(?:(?:berasal|tersebar|berada|living|located)\s+)?"
    r"(?:dari|di|in|at|from)\s+[^,;.()]{1,50}?)?[\s,;()]*(?:(?:dan|serta|and|plus|sedangkan|while|,)\s*)*"
    r"(?:[A-Z][^.;]{0,60}\(\s*)?$")
_SENTENCE_MARKER = re.compile(r"^\W*(?:rinciannya|di\s?antaranya|dari\s+jumlah\s+(?:itu|tersebut)|termasuk|"
                              r"of\s+them|of\s+these|among\s+them|including)\b", re.I)
_TOTAL_BEFORE = caseless(re.compile(
    r"(?:\b(?:the|a|confirmed|combined|overall|grand|official)\s+total|\btotal\s+(?:of|keseluruhan)|"
    r"\btotal\s+(?:[a-z]+\s+){1,3}(?=(?:mencapai|menjadi|sebanyak|sekitar|at|stood|now)\b)(?:\w+)|"
    r"\bcombined|\bin\s+total|\baltogether|\bsecara\s+keseluruhan|\bkeseluruhan|\bjumlah\s+total|"
    r"\btotalnya|\bseluruhnya|\boverall)"
    r"(?:\s+(?:at|to|is|was|stood\s+at|menjadi|mencapai|sebanyak|sekitar|about|more\s+than))*\s*$",
    re.I,
))
_TOTAL_AFTER = re.compile(r"\s*(?:\w+\s+){0,2}?(?:in\s+total|altogether|secara\s+keseluruhan|in\s+all)\b", re.I)
_PLACE = (
    r"(?P<place>(?:(?:Kabupaten|Kecamatan|Desa|Kota|Provinsi|Kelurahan|Dusun|Kampung|Posko|Polres(?:\s+Metro)?|"
    r"Polda)\s+)?[A-Z][\w'’-]+(?:\s+(?:[A-Z][\w'’-]+|Timur|Barat|Utara|Selatan|Tengah)){0,3})"
)
_PLACE_AFTER = re.compile(
    rf"\s*(?:[\w-]+\s+){{0,7}}?(?:in|at|di|dari|from|near|ke|into)\s+(?:the\s+)?(?:(?:northern|southern|eastern|western|"
    rf"central|rebel-held|government-held|sekitar|wilayah|kota|kawasan|daerah|around|near|the\s+town\s+of|"
    rf"the\s+city\s+of)\s+)*{_PLACE}")
_PLACE_BEFORE = re.compile(rf"(?:\b[Ii]n|\b[Dd]i)\s+{_PLACE}\s*,?\s*$")
_PAREN_PLACE_BEFORE = re.compile(rf"{_PLACE}\s*\(\s*$")
# what a count of people is never a part of: "11 ribu warga dari tujuh desa" (where they come from)
_NOT_PEOPLE = frozenset({"villages", "districts", "provinces", "regencies", "cities", "houses_damaged",
                         "houses_flooded", "buildings_damaged", "schools", "bases", "countries", "deployments"})
_OF_THE_WHOLE = re.compile(r"^\W*(?:of\s+(?:the|all|some|an\s+estimated)|dari(?:\s+(?:total|jumlah|sekitar))?)"
                           r"(?:\s+(?:roughly|about|around|some|nearly|sekitar|total))?\s*$", re.I)
_ORIGIN = re.compile(rf"\s(?:berasal\s+dari|tersebar\s+di|berada\s+di|(?:are|were|came)\s+from)\s+{_PLACE}")
_GROUP_AFTER = re.compile(
    r"\s*(?P<group>(?:[a-z][\w-]+\s+){0,1}(?:foreigners|foreign\s+nationals|children|women|civilians|"
    r"minors|adults|soldiers|officers|anak-anak|anak|perempuan|wanita|balita|lansia|dewasa|"
    r"warga\s+asing|WNA|WNI|pelajar|mahasiswa|tentara|perwira))\b",
    re.I,
)


def apply_parts(
    s: str,
    mentions: list[NumberMention],
    readings: list[_Reading | None],
    place: Callable[[str], str | None],
    prior: _Reading | None = None,
) -> list[_Reading | None]:
    """Readings with the parts of a breakdown marked (``scope``) and filled from their whole
    (``prior``: the last figure of the sentences before, the whole of "Rinciannya, 10 korban ...").

    ``place`` canonicalises a place name (``"Turki"`` -> ``"Turkey"``) or returns None when the
    words are not a place.
    """
    out = list(readings)
    if sum(r is not None for r in out) < (1 if prior is not None else 2):
        return out  # a part needs a whole beside it
    if prior is not None and prior.what in _WHOLE_OUTCOMES:
        _groups_of_prior(s, mentions, out, prior)
    n = len(mentions)
    for i in range(n):
        r = out[i]
        if r is None or r.past:
            continue
        m = mentions[i]
        whole: int | None = None
        # "6,278 of them foreigners", "12 di antaranya anak-anak": a part of the figure before
        of_them = _OF_THEM_AFTER.match(s, m.end)
        group_part = False
        if of_them is not None:
            whole = _previous(out, i)
            if whole is None and prior is not None and prior.what and _generic(r):
                # "Jenderal itu menambahkan, sekitar 3.000 di antaranya ...": the whole came before
                out[i] = replace(r, what=prior.what, actor=r.actor or prior.actor,  # type: ignore[type-var]
                                 scope=_place_after(s, of_them.end(), place) or "part")
                continue
            group = _GROUP_AFTER.match(s, of_them.end())
            # "1.4 million of them children": children who were affected; but "3,800 of them have
            # been injured or have died" says its own outcome
            group_part = r.what in _PEOPLE or _generic(r)
            scope = group.group("group").lower() if group else _place_after(s, m.end, place) or "part"
        elif _AMONG_AFTER.match(s, r.noun_end):
            whole = _previous(out, i)  # "the death toll is nearly 600, four Indian tourists among them"
            group_part = r.what in _PEOPLE or _generic(r)
            scope = (r.noun or "part").lower()
        elif _MARKER_BEFORE.search(s[max(0, m.qualifier_start - 35):m.qualifier_start].lower()):
            whole = _previous(out, i)
            w = out[whole] if whole is not None else None
            if w is None and prior is not None and prior.what and _SENTENCE_MARKER.match(s):
                # "Rinciannya, 10 korban hilang berasal dari Desa Cipongkor": the whole came before
                scope = (r.scope if r.scope not in (None, "part") else None) or _place_after(s, r.noun_end, place) \
                    or "part"
                if not _generic(r) and r.what != prior.what and scope == "part":
                    scope = None  # "Dari jumlah itu, 621 pasien meninggal dunia": the deaths, all of them
                out[i] = replace(r, what=prior.what if _generic(r) else r.what,  # type: ignore[type-var]
                                 actor=r.actor or prior.actor, scope=scope)
                continue
            if w is not None and r.what in _GROUPS and w.what not in _GROUPS:
                group_part, scope = True, (r.noun or str(r.what)).lower()  # "90 tahanan, termasuk 62 perempuan"
            elif w is not None and not _generic(r) and r.what != w.what:
                continue  # "termasuk 500 perwira": a count of its own kind, its own series
            else:
                scope = _place_after(s, r.noun_end, place) or "part"
        elif (j0 := _previous(out, i)) is not None and _OF_THE_WHOLE.match(s[:mentions[j0].qualifier_start]) \
                and re.fullmatch(r"[^,;.]*,\s*(?:(?:about|some|around|roughly|sekitar|sebanyak)\s+)?",
                                 s[out[j0].noun_end:m.qualifier_start]):  # type: ignore[union-attr]
            whole = j0  # "Of the roughly 11,000 soldiers in Russia, about 1,500 are stationed in Kursk"
            group_part = r.what in _PEOPLE or _generic(r)
            scope = _place_after(s, r.noun_end, place) or "part"
        elif (paren := _paren_place(s, m, place)) is not None and _generic(r) \
                and (j0 := _previous(out, i)) is not None and not _generic(out[j0]):  # type: ignore[arg-type]
            whole, scope = j0, paren  # "ditangkap tersebar di Polres Metro Jakarta Pusat (108 orang)"
        else:
            scope = None
            j = _previous(out, i)
            prev = out[j] if j is not None else None
            # a list item after a breakdown's first item: ", sembilan orang dari Kabupaten ..."
            if prev is not None and prev.scope not in (None, "total") and \
                    _LIST_GAP.match(s[prev.noun_end:m.qualifier_start]) and _same_kind(prev, r):
                whole = _whole_of(out, j or 0)
                scope = (r.scope if r.scope not in (None, "part") else None) or _place_after(s, r.noun_end, place) \
                    or _paren_place(s, m, place) or "part"
                if whole is None:  # the whole came in an earlier sentence: the list's first part says what
                    out[i] = replace(r, what=prev.what, actor=r.actor or prev.actor, scope=scope)  # type: ignore[type-var]
                    continue
        nxt = out[i + 1] if i + 1 < n else None
        if whole is None and nxt is not None and _PART_OF_NEXT.match(s[r.noun_end:mentions[i + 1].qualifier_start]) \
                and nxt.what not in _NOT_PEOPLE:
            whole = i + 1  # "19 orang dari 43 korban meninggal dunia ditemukan di Kabupaten Agam"
            origin = _ORIGIN.search(s, nxt.noun_end)  # "... di Kabupaten Cianjur berasal dari Desa Sukaresmi"
            scope = (place(origin.group("place")) if origin and not re.search(r"[,;.]", s[nxt.noun_end:origin.start()])
                     else None) or _place_after(s, nxt.noun_end, place) or "part"
        if whole is None or out[whole] is None or whole == i:
            continue
        w = out[whole]
        assert w is not None
        what = r.what
        if group_part or _generic(r):
            what = w.what
        elif scope == "part" and r.what != w.what:
            scope = None  # "1.540 kasus DBD, tiga di antaranya meninggal dunia": the deaths, all of them
        out[i] = replace(r, what=what, actor=r.actor or w.actor, scope=scope)  # type: ignore[type-var]
    _place_contrasts(s, mentions, out, place)
    return out


# what befell a whole that a later sentence splits by age or sex ("351 orang yang diamankan ...
# Sisanya, 196 orang, masih anak-anak"; "629 di antaranya masih tergolong anak-anak, sedangkan 611
# orang sudah dewasa")
_WHOLE_OUTCOMES = frozenset({"arrested", "detained", "killed", "injured", "missing", "displaced", "evacuated",
                             "casualties", "victims", "rescued", "hostages", "suspects", "prisoners"})
_GROUP_PREDICATE = re.compile(
    r"\s*(?:orang|people)?\s*(?:,\s*)?(?:(?:di\s?antaranya|of\s+them|of\s+whom)\s+)?(?:lainnya\s+|others\s+)?(?:(?:masih|sudah|adalah|merupakan|tergolong|"
    r"termasuk|were|are|was|is)\s+)*(?:masih\s+)?(?:tergolong\s+)?(?P<group>anak-anak|anak|dewasa|orang\s+dewasa|"
    r"perempuan|wanita|laki-laki|pria|lansia|balita|warga\s+(?:negara\s+)?asing|WNA|children|minors|adults|women|men|"
    r"elderly|foreigners|foreign\s+nationals)\b", re.I)


def _groups_of_prior(s: str, mentions: list[NumberMention], out: list[_Reading | None],
                     prior: _Reading) -> None:
    """Counts whose predicate is only a group of people, in a sentence with no whole of its own
    outcome: parts of the whole before, scoped to the group."""
    if any(r is not None and r.what in _WHOLE_OUTCOMES and r.scope is None for r in out):
        return  # the sentence has a whole of its own
    for i, (m, r) in enumerate(zip(mentions, out, strict=True)):
        g = _GROUP_PREDICATE.match(s, m.end)
        if g is None or (r is not None and r.what not in _GROUPS and not _generic(r) and r.what is not None
                         and r.scope != "part"):
            continue
        if r is None or r.past:
            continue
        out[i] = replace(r, what=prior.what, actor=r.actor or prior.actor,  # type: ignore[type-var]
                         scope=g.group("group").lower())


def _previous(out: list[_Reading | None], i: int) -> int | None:
    return next((j for j in range(i - 1, -1, -1) if out[j] is not None and not out[j].past), None)  # type: ignore[union-attr]


def _whole_of(out: list[_Reading | None], j: int) -> int | None:
    """The whole a list item belongs to: the last figure before it that is not itself a part."""
    for k in range(j - 1, -1, -1):
        r = out[k]
        if r is not None and not r.past and r.scope is None:
            return k
    return None


def _same_kind(a: _Reading, b: _Reading) -> bool:
    return _generic(b) or b.what == a.what


def _place_after(s: str, pos: int, place: Callable[[str], str | None]) -> str | None:
    m = _PLACE_AFTER.match(s, pos)
    if m is None:
        return None
    clause = re.split(r"[,;.]", s[pos:m.end()])[0]
    if len(clause) < m.end() - pos:
        return None
    return place(m.group("place"))


def _paren_place(s: str, m: NumberMention, place: Callable[[str], str | None]) -> str | None:
    lo = max(0, m.qualifier_start - 60)
    if not s[lo:m.qualifier_start].rstrip().endswith("("):
        return None  # (the pattern ends on an opening bracket)
    pm = _PAREN_PLACE_BEFORE.search(s, lo, m.qualifier_start)
    return place(pm.group("place")) if pm else None


def _place_contrasts(s: str, mentions: list[NumberMention], out: list[_Reading | None],
                     place: Callable[[str], str | None]) -> None:
    """Several values of one concept for different places in a sentence are each scoped to their
    place, and a sum of them to ``total``: "in Turkey 12,391 ... and in Syria 2,992 ... the
    confirmed total at 15,383"."""
    # nothing changes unless a value that may be scoped shares its concept with another value
    whats = [r.what for r in out if r is not None]
    if not any(whats.count(r.what) >= 2 for r in out if r is not None and not r.past and r.scope is None):
        return
    places: dict[int, str] = {}
    totals: list[int] = []
    for i, (m, r) in enumerate(zip(mentions, out, strict=True)):
        if r is None or r.past or r.scope is not None:
            continue
        left = s[max(0, m.qualifier_start - 45):m.qualifier_start]
        if _TOTAL_BEFORE.search(s[max(0, m.start - 45):m.start].lower()) or _TOTAL_AFTER.match(s, r.noun_end):
            totals.append(i)
            continue
        before = _PLACE_BEFORE.search(left)
        p = place(before.group("place")) if before else None
        p = p or _place_after(s, r.noun_end, place)
        if p:
            places[i] = p
    by_concept: dict[str | None, set[str]] = {}
    for i, p in places.items():
        by_concept.setdefault(out[i].what, set()).add(p)  # type: ignore[union-attr]
    for i, p in places.items():
        r = out[i]
        assert r is not None
        if len(by_concept.get(r.what, ())) >= 2:
            out[i] = replace(r, scope=p)  # type: ignore[type-var]
    for i in totals:
        r = out[i]
        assert r is not None
        if any(j != i and out[j] is not None and out[j].what == r.what for j in range(len(out))):  # type: ignore[union-attr]
            out[i] = replace(r, scope="total")  # type: ignore[type-var]


# a sentence that opens on its place: "Di Desa Cibatu, ...", "Sementara itu di Kecamatan Leles, ...",
# "In Kharkiv, ...", "Meanwhile in the Kursk region, ..."
_OPENING_PLACE = re.compile(
    rf"^\W*(?i:(?:sementara\s+(?:itu\s*,?\s*)?|adapun\s+|meanwhile\s*,?\s*|while\s+)?(?:di|in|at)\s+(?:the\s+)?)"
    rf"{_PLACE}\s*,")


class _Scoped(Protocol):  # read-only: frozen figures qualify
    @property
    def what(self) -> str | None: ...
    @property
    def actor(self) -> str | None: ...
    @property
    def past(self) -> bool: ...
    @property
    def increment(self) -> bool: ...
    @property
    def scope(self) -> str | None: ...
    @property
    def sentence(self) -> str: ...


_F = TypeVar("_F", bound=_Scoped)


def scope_places_across(figures: list[_F], place: Callable[[str], str | None]) -> list[_F]:
    """A breakdown over an article's sentences: when sentences opening on different places ("Di
    Desa Sukamaju, 100 rumah terendam ..."; "Di Desa Cibatu, 107 rumah ...") count the same
    concept, each figure is its place's, never a revision of the other places' figure."""
    opening: dict[int, str] = {}
    for i, f in enumerate(figures):
        if f.scope is not None or f.past or f.increment:
            continue
        m = _OPENING_PLACE.match(f.sentence)
        p = place(m.group("place")) if m else None
        if p:
            opening[i] = p
    places: dict[tuple[str | None, str | None], set[str]] = {}
    for i, p in opening.items():
        places.setdefault((figures[i].what, figures[i].actor), set()).add(p)
    return [replace(f, scope=opening[i]) if i in opening and len(places[(f.what, f.actor)]) >= 2 else f  # type: ignore[type-var]
            for i, f in enumerate(figures)]
