"""Stage 6 of extraction: whose figure it is, across the sentences of an article.

A sentence that reports a figure often leaves out whose troops or losses they are: "the troops",
"pasukan itu", "the soldiers", "2.000 tentaranya". Within one article such a figure belongs to:

1. the side its possessive names ("its troops", "tentaranya", "our soldiers"): the side of the
   claimant who says so ("Ukraine said 300 of its soldiers were killed" → Ukraine), found while
   the sentence is read (:func:`possessor`);
2. else the actor named last for the same concept earlier in the article;
3. else, for concepts a side owns (troops, casualties, killed …), the actor named last for any
   such concept earlier in the article, or the one in the headline ("North Korean troops …").

Places the article names (countries and known places, once per mention) are collected too: the
tracker learns a topic's main place from them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from claimwatch.lexicon import ConceptLexicon, Gazetteer
from claimwatch.models import Figure
from claimwatch.series import OWNED

_POSSESSIVE_BEFORE = re.compile(r"\b(?:its|their|our)\s+(?:own\s+)?(?:[\w-]+\s+){0,2}$", re.I)
_POSSESSIVE_AFTER = re.compile(r"^\s+(?:of\s+(?:its|their|our)\b|[\w-]*nya\b|(?:[\w-]+\s+){0,1}[\w-]+nya\b)", re.I)
_TROOP_WORDS = frozenset({"troops", "officers", "generals"})
_SENDS = re.compile(
    r"\s+(?:[\w-]+\s+){0,3}?(?:sends?|sent|sending|deploys?|deployed|deploying|moves?|moved|moving|"
    r"dispatch(?:es|ed|ing)?|ships?|shipped|kirim|mengirim(?:kan)?|mengerahkan|menerjunkan|memberangkatkan)"
    r"\s+(?:(?:more|its|their|new|additional|elite|special|thousands\s+of|ribuan|lebih\s+banyak)\s+)*", re.I)


def owner_in(text: str, gaz: Gazetteer, concepts: ConceptLexicon) -> str | None:
    """The side whose troops a headline or phrase names: "North Korean troops", "pasukan Korea
    Utara", "Pyongyang's soldiers"."""
    if not text:
        return None
    ents = [e for e in gaz.find(text) if e.entity.kind in ("country", "armed_group")]
    for h in concepts.find(text, None):
        if h.key not in _TROOP_WORDS:
            continue
        for e in ents:
            before = text[e.end:h.start]
            after = text[h.end:e.start]
            if 0 <= h.start - e.end <= 3 and re.fullmatch(r"(?:['’]s)?\s*", before):
                return e.entity.side or e.entity.name  # "North Korean troops", "Pyongyang's soldiers"
            if 0 <= e.start - h.end <= 8 and re.fullmatch(r"\s*(?:asal|dari|from)?\s*", after):
                return e.entity.side or e.entity.name  # "pasukan Korea Utara"
            if e.end <= h.start and _SENDS.fullmatch(before):
                return e.entity.side or e.entity.name  # "North Korea has started moving soldiers"
    return None


def possessor(s: str, start: int, end: int, claimant: str | None,
              side_of: Callable[[str | None], str | None]) -> str | None:
    """"its troops", "300 of their soldiers", "2.000 tentaranya": the claimant's side."""
    if claimant and (_POSSESSIVE_BEFORE.search(s[max(0, start - 30):start]) or _POSSESSIVE_AFTER.match(s[end:end + 30])):
        return side_of(claimant)
    return None


def fill_actors(figures: Sequence[Figure], title_owner: str | None) -> list[Figure]:
    """The figures with their actor filled where the article says whose they are."""
    out: list[Figure] = []
    by_concept: dict[str, str] = {}
    owned: str | None = None
    for f in figures:
        actor = f.actor
        if actor is None and f.what:
            actor = by_concept.get(f.what)
            if actor is None and f.what in OWNED:
                actor = owned or title_owner
        if actor and f.what:
            by_concept[f.what] = actor
            if f.what in OWNED:
                owned = actor
        out.append(f if actor == f.actor else replace(f, actor=actor))
    return out
