"""The extractor: text in, figures and statements out.

Stages (each a module of this package):

1. ``text``        — drop page noise, split paragraphs and sentences, keep offsets;
2. ``lang``        — Indonesian or English, per paragraph;
3. ``numbers``     — every number mention with its qualifier, range and unit, non-figures marked;
4. ``figures``     — what is counted and whose;
5. ``attribution`` — who claims it, with continuation across sentences;
6. ``statements``  — denials, non-denials, confirmations (and quotes on request).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime

from claimwatch.extract.attribution import Attribution, Attributor
from claimwatch.extract.figures import FigureReader
from claimwatch.extract.lang import detect_language
from claimwatch.extract.numbers import NumberMention, find_numbers
from claimwatch.extract.statements import StatementFinder
from claimwatch.extract.text import Sentence, split_sentences
from claimwatch.lexicon import ConceptLexicon, Gazetteer
from claimwatch.models import Bound, Extraction, Figure, Stance, Statement

_CHANGE_FROM = re.compile(
    r"(?:naik|bertambah|meningkat|melonjak|turun|berkurang|menurun|direvisi|rose|risen|"
    r"increased|climbed|jumped|fell|dropped|decreased|declined|revised|up|down|grew)"
    r"(?:\s+\w+){0,2}\s+(?:dari|from)\s*$",
    re.I,
)
_RANGE_CONNECTOR = re.compile(r"\s*(?:-|–|—|\bhingga\b|\bsampai\b|\bto\b|\bmenjadi\b|\bke\b)\s*", re.I)


@dataclass
class _State:
    """Who spoke last, for sentences that continue a report without naming the speaker."""

    last_in_paragraph: dict[int, str] = field(default_factory=dict)
    last: str | None = None

    def inherit(self, sent: Sentence, index_in_par: int, marked: bool) -> str | None:
        if marked:
            return self.last_in_paragraph.get(sent.paragraph) or self.last
        if index_in_par > 0:
            return self.last_in_paragraph.get(sent.paragraph)
        return None

    def note(self, sent: Sentence, speaker: str | None) -> None:
        if speaker:
            self.last_in_paragraph[sent.paragraph] = speaker
            self.last = speaker


class Extractor:
    """Reads figures and attributed statements out of Indonesian and English news text."""

    def __init__(
        self,
        concepts: ConceptLexicon | None = None,
        gazetteer: Gazetteer | None = None,
        *,
        include_quotes: bool = False,
    ) -> None:
        self.concepts = concepts or ConceptLexicon()
        self.gazetteer = gazetteer or Gazetteer()
        self.attributor = Attributor(self.gazetteer)
        self.reader = FigureReader(self.concepts, self.gazetteer)
        self.statements = StatementFinder(self.attributor)
        self.include_quotes = include_quotes

    def extract(
        self, text: str, lang: str | None = "auto", published: datetime | None = None
    ) -> Extraction:
        """Figures and statements of ``text``. ``published`` anchors relative dates."""
        if not isinstance(text, str) or not text.strip():
            return Extraction(lang=lang if lang in ("id", "en") else "id")
        doc_lang = lang if lang in ("id", "en") else detect_language(text)
        sentences = split_sentences(text)
        par_lang: dict[int, str] = {}
        if lang not in ("id", "en"):
            by_par: dict[int, list[str]] = {}
            for s in sentences:
                by_par.setdefault(s.paragraph, []).append(s.text)
            par_lang = {p: detect_language(" ".join(t), doc_lang) for p, t in by_par.items()}
        figures: list[Figure] = []
        statements: list[Statement] = []
        state = _State()
        pos_in_par: dict[int, int] = {}
        for sent in sentences:
            idx = pos_in_par.get(sent.paragraph, 0)
            pos_in_par[sent.paragraph] = idx + 1
            slang = par_lang.get(sent.paragraph, doc_lang)
            atts = self.attributor.find(sent.text, slang)
            marked = self.attributor.is_continuation(sent.text)
            inherited = state.inherit(sent, idx, marked)
            figures += self._figures(sent, slang, atts, inherited)
            statements += self._statements(sent, slang, atts, inherited)
            spoken = [a.speaker for a in atts if a.speaker and not a.relay]
            state.note(sent, spoken[-1] if spoken else None)
        return Extraction(lang=doc_lang, figures=tuple(figures), statements=tuple(statements))

    # -- figures ----------------------------------------------------------------------------------

    def _figures(
        self, sent: Sentence, lang: str, atts: list[Attribution], inherited: str | None
    ) -> list[Figure]:
        mentions = _split_changes(sent.text, [m for m in find_numbers(sent.text, lang) if not m.excluded])
        if not mentions:
            return []
        readings = self.reader.read(sent.text, mentions, lang)
        out: list[Figure] = []
        for m, r in zip(mentions, readings, strict=True):
            if r is None:
                continue
            out.append(
                Figure(
                    value=m.value,
                    value_max=m.value_max,
                    approx=m.approx,
                    bound=m.bound,
                    what=r.what,
                    noun=r.noun,
                    actor=r.actor,
                    claimed_by=_claimant(atts, m, inherited),
                    sentence=sent.text,
                    start=sent.start + m.start,
                    end=sent.start + m.end,
                    unit=m.unit,
                    past=r.past,
                )
            )
        return out

    # -- statements -------------------------------------------------------------------------------

    def _statements(
        self, sent: Sentence, lang: str, atts: list[Attribution], inherited: str | None
    ) -> list[Statement]:
        out: list[Statement] = []
        seen: set[tuple[str, str]] = set()
        quote = self.statements.quote(sent.text)
        for f in self.statements.find(sent.text, lang):
            speaker = f.speaker or inherited
            if not speaker or (speaker, f.stance) in seen:
                continue
            seen.add((speaker, f.stance))
            out.append(
                Statement(
                    speaker=speaker,
                    stance=f.stance,
                    quote=quote,
                    sentence=sent.text,
                    start=sent.start + f.start,
                    end=sent.start + f.end,
                    side=self.attributor.side_of(speaker),
                )
            )
        if self.include_quotes and quote and not out:
            named = [a.speaker for a in atts if a.speaker and not a.relay]
            speaker = named[0] if named else inherited
            if speaker:
                out.append(
                    Statement(
                        speaker=speaker,
                        stance=Stance.QUOTE,
                        quote=quote,
                        sentence=sent.text,
                        start=sent.start,
                        end=sent.end,
                        side=self.attributor.side_of(speaker),
                    )
                )
        return out


def _claimant(atts: list[Attribution], m: NumberMention, inherited: str | None) -> str | None:
    """The speaker whose reporting clause covers the mention."""
    direct = [a for a in atts if not a.relay]
    before = [a for a in direct if a.direction == "forward" and a.end <= m.qualifier_start]
    after = [a for a in direct if a.direction == "backward" and a.start >= m.end]
    cands: list[tuple[int, Attribution]] = []
    if before:
        a = max(before, key=lambda a: a.end)
        cands.append((m.qualifier_start - a.end, a))
    if after:
        a = min(after, key=lambda a: a.start)
        cands.append((a.start - m.end, a))
    if not cands and direct:
        a = min(direct, key=lambda a: min(abs(a.start - m.end), abs(m.start - a.end)))
        cands.append((0, a))
    if cands:
        cands.sort(key=lambda c: c[0])
        named = [a for _, a in cands if a.speaker]
        best = cands[0][1]
        if best.speaker is None and inherited is None and named:
            best = named[0]  # '"Kami memperkirakan 1.150 rumah rusak," ujar Rahmat'
        return best.speaker or inherited
    relays = [a for a in atts if a.relay]
    if inherited:
        return inherited
    return relays[0].speaker if relays else None


def _split_changes(s: str, mentions: Iterable[NumberMention]) -> list[NumberMention]:
    """'rose from 56 to 62' is two values, not a range: split ranges opened by a change verb."""
    out: list[NumberMention] = []
    for m in mentions:
        left = s[max(0, m.qualifier_start - 50) : m.qualifier_start]
        if m.value_max is not None and _CHANGE_FROM.search(left):
            body = s[m.start : m.end]
            conn = _RANGE_CONNECTOR.search(body)
            if conn:
                second = m.start + conn.end()
                out.append(replace(m, value_max=None, end=m.start + conn.start(),
                                   text=s[m.qualifier_start : m.start + conn.start()]))
                out.append(replace(m, value=m.value_max, value_max=None, start=second,
                                   qualifier_start=second, approx=False,
                                   bound=Bound.EXACT, text=s[second : m.end]))
                continue
        out.append(m)
    return out
