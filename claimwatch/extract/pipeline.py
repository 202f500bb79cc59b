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
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime

from claimwatch.extract.actors import fill_actors, owner_in, possessor
from claimwatch.extract.attribution import Attribution, Attributor
from claimwatch.extract.claimants import Claim, Speakers, claim
from claimwatch.extract.figures import FigureReader, Reading
from claimwatch.extract.framing import is_increment, non_figure
from claimwatch.extract.lang import detect_language
from claimwatch.extract.numbers import NumberMention, find_numbers
from claimwatch.extract.parts import scope_places_across
from claimwatch.extract.phrases import right_phrase
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
        self, text: str, lang: str | None = "auto", published: datetime | None = None,
        title: str | None = None, lang_hint: str | None = None,
    ) -> Extraction:
        """Figures and statements of ``text``. ``published`` anchors relative dates; ``title``
        (the headline) tells whose troops an article is about when its sentences do not."""
        if not isinstance(text, str) or not text.strip():
            return Extraction(lang=lang if lang in ("id", "en") else "id")
        self.gazetteer.forget()  # lookups are cached within one article only
        self.concepts.forget()
        hint = lang_hint if lang_hint in ("id", "en") else "id"
        doc_lang = lang if lang in ("id", "en") else detect_language(text, hint)
        sentences = split_sentences(text)
        par_lang: dict[int, str] = {}
        if lang not in ("id", "en"):
            by_par: dict[int, list[str]] = {}
            for s in sentences:
                by_par.setdefault(s.paragraph, []).append(s.text)
            par_lang = {p: detect_language(" ".join(t), doc_lang) for p, t in by_par.items()}
        figures: list[Figure] = []
        measures: list[Figure] = []
        statements: list[Statement] = []
        speakers = Speakers(countries=lambda t: [e.entity.name for e in self.gazetteer.find(t)
                                                  if e.entity.kind == "country"],
                            organisations=lambda t: [e.entity.name for e in self.gazetteer.find(t)
                                                     if e.entity.kind in ("agency", "org")])
        pos_in_par: dict[int, int] = {}
        per_sentence: list[_Read] = []
        prior: Reading | None = None  # the last figure read, for a part in a later sentence
        for sent in sentences:
            idx = pos_in_par.get(sent.paragraph, 0)
            pos_in_par[sent.paragraph] = idx + 1
            slang = par_lang.get(sent.paragraph, doc_lang)
            atts = self.attributor.find(sent.text, slang)
            speakers.current = sent.text
            marked = self.attributor.is_continuation(sent.text)
            inherited = speakers.inherit(sent.paragraph, idx, marked)
            figs, meas, prior = self._figures(sent, slang, atts, inherited, speakers, prior)
            per_sentence.append(_Read(sent, atts, figs, _closing(sent.text, atts, inherited, speakers),
                                      _names_source(sent.text, atts, speakers, self.attributor.canonical)))
            measures += meas
            statements += self._statements(sent, slang, atts, inherited, speakers)
            speakers.note(sent.paragraph, atts)
            if not any(a.speaker and a.phrase != "" for a in atts) and (
                    subject := self.attributor.subject_person(sent.text)):
                speakers.mention(subject)
            speakers.texts.append(sent.text)
        for k, read in enumerate(per_sentence):
            figures += _cataphoric(per_sentence, k) or read.figures
        title_owner = owner_in(title or "", self.gazetteer, self.concepts)
        figures = fill_actors(_victims_as_deaths(figures, text), title_owner)
        figures = scope_places_across(figures, self.reader.place)
        # the places of the headline and of the sentences that carry figures (already looked up)
        places = tuple(e.entity.name for t in (title or "", *(r.sentence.text for r in per_sentence if r.figures))
                       for e in self.gazetteer.find(t) if e.entity.kind in ("country", "place") and not e.demonym)
        return Extraction(lang=doc_lang, figures=tuple(figures), statements=tuple(statements),
                          measures=tuple(measures), places=places)

    # -- figures ----------------------------------------------------------------------------------

    def _figures(
        self, sent: Sentence, lang: str, atts: list[Attribution], inherited: str | None,
        speakers: Speakers, prior: Reading | None = None,
    ) -> tuple[list[Figure], list[Figure], Reading | None]:
        """(figures, measures, the last figure's reading) of one sentence."""
        mentions = _split_changes(sent.text, [m for m in find_numbers(sent.text, lang) if not m.excluded])
        # magnitudes, rates, labels and fractions count nothing: never let them take a noun
        why_not = {id(m): non_figure(sent.text, m) for m in mentions}
        # a magnitude or a rate is read as a measure as it stands ("7.8-magnitude", "M 5,6")
        measures: list[Figure] = [
            Figure(value=m.value, value_max=m.value_max, approx=m.approx, bound=m.bound, what=None, noun=None,
                   actor=None, claimed_by=claim(atts, m.qualifier_start, m.end, inherited, speakers).claimant,
                   sentence=sent.text, start=sent.start + m.start, end=sent.start + m.end)
            for m in mentions if m.unit is None and why_not[id(m)] == "measure"]
        mentions = [m for m in mentions if m.unit is not None or why_not[id(m)] not in ("measure", "label")]
        if not mentions:
            return [], measures, prior
        readings = self.reader.read(sent.text, mentions, lang, prior)
        figures: list[Figure] = []
        for m, r in zip(mentions, readings, strict=True):
            if r is None:
                continue
            why = "measure" if r.what in _MEASURE_CONCEPTS else (
                non_figure(sent.text, m, bool(figures)) if why_not.get(id(m)) == "delta" else why_not.get(id(m)))
            if why is not None and why != "measure":
                continue  # vague, a projection or a delta
            c = claim(atts, m.qualifier_start, m.end, inherited, speakers)
            # "its soldiers" is the speaker's, even in a report the speaker will not discuss
            owner = c.claimant or next((a.speaker for a in atts if a.speaker and not a.relay), None)
            actor = r.actor or possessor(sent.text, m.qualifier_start, m.end, owner, self.attributor.side_of)
            fig = Figure(
                value=m.value,
                value_max=m.value_max,
                approx=m.approx,
                bound=m.bound,
                what=r.what,
                noun=r.noun,
                actor=actor,
                claimed_by=c.claimant,
                also_claimed_by=c.others,
                relayed_by=c.relays,
                sentence=sent.text,
                start=sent.start + m.start,
                end=sent.start + m.end,
                unit=m.unit,
                past=r.past,
                increment=is_increment(sent.text, m, _clause_end(sent.text, r.noun_end)),
                scope=r.scope,
            )
            (measures if why == "measure" else figures).append(fig)
            if why is None:
                prior = r
        return figures, measures, prior

    # -- statements -------------------------------------------------------------------------------

    def _side_in(self, phrase: str) -> str | None:
        """The side the first country or institution named in ``phrase`` speaks for."""
        for e in self.gazetteer.find(phrase):
            if e.entity.kind != "media" and (e.entity.side or e.entity.kind == "country"):
                return e.entity.side or e.entity.name
        return None

    def _statements(
        self, sent: Sentence, lang: str, atts: list[Attribution], inherited: str | None,
        speakers: Speakers,
    ) -> list[Statement]:
        out: list[Statement] = []
        seen: set[tuple[str, str]] = set()
        quote = self.statements.quote(sent.text)
        for f in self.statements.find(sent.text, lang):
            speaker = f.speaker or (speakers.resolve(f.phrase) if f.pronoun else None)
            if speaker is None and (f.attributed or f.pronoun):
                speaker = claim([a for a in atts if not a.relay], f.start, f.end, inherited, speakers).claimant
            speaker = speaker or (inherited if f.pronoun else None)
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
                    # a person's side, else the side their title names ("Juru bicara Kementerian Luar
                    # Negeri Israel Oren Marmorstein membantah")
                    side=self.attributor.side_of(speaker) or self._side_in(
                        " ".join([sent.text[f.start:f.end], *(sent.text[a.start:a.end] for a in atts
                                                              if a.speaker == speaker)])),
                    past=f.past,
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


# counted in units, not in things: read as measures, never tracked as figures
_MEASURE_CONCEPTS = frozenset({"percent", "hectares", "tons"})
_CLAUSE_END = re.compile(r"[;,.]\s|\b(?:and|while|whereas|sementara|sedangkan|dan|serta)\b")


def _clause_end(s: str, pos: int) -> int:
    m = _CLAUSE_END.search(s, pos)
    return m.start() if m else len(s)


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


_SOURCE_NEXT = re.compile(
    r"^\s*(?:(?:seluruh|semua)\s+)?(?:(?:data|angka|jumlah|catatan)(?:nya|\s+(?:tersebut|itu|ini))|"
    r"(?:the|these|this|all\s+the)\s+(?:figures?|data|numbers?|toll|tally|estimates?))\b", re.I)
_SOURCE_FROM = re.compile(
    r"\b(?:bersumber\s+dari|berasal\s+dari|diperoleh\s+dari|dihimpun\s+(?:oleh|dari)|dirilis\s+oleh|"
    r"dikeluarkan\s+oleh|comes?\s+from|came\s+from|(?:was|were)\s+(?:compiled|published|released|issued|"
    r"provided)\s+by)\s+(?:the\s+)?(?:(?:laporan|data|catatan|report|figures|records?)\s+(?:of\s+|dari\s+)?)?",
    re.I)
# what may follow a paragraph's closing speaker: "lewat keterangannya", "pada Senin pagi",
# "ketika ditemui di lokasi pada Sabtu (1/4/2017)", ", Senin (4/11), kepada VOA", "in a statement"
_AFTER_CLOSING = re.compile(
    r"^(?:[\s,]*(?:(?:lewat|melalui|dalam|saat|ketika|pada|kepada|di|usai|seusai|seperti|sebagaimana|"
    r"to|in|on|at|during|via|after|while|as|late|early|last|this)\b[^.;,]*|"
    r"(?:Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
    r"Sunday|kemarin|yesterday|today)\b[^.;,]*|(?-i:[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2})(?:\s*\([^)]*\))?))*"
    r"[\s.\"”'’]*$", re.I)


@dataclass(frozen=True)
class _Read:
    """One sentence as read: its reporting clauses, figures, and the claim of a speaker that
    closes it ("..., kata Sutopo lewat keterangan tertulis.")."""

    sentence: Sentence
    atts: list[Attribution]
    figures: list[Figure]
    closing: Claim | None
    source: Claim | None  # "Data tersebut bersumber dari laporan HUR": the source of the sentence before


def _names_source(text: str, atts: list[Attribution], speakers: Speakers,
                  canonical: Callable[[str], str | None]) -> Claim | None:
    if not _SOURCE_NEXT.match(text):
        return None
    src = _SOURCE_FROM.search(text)  # "The tally comes from the rights group X", "bersumber dari laporan Dinkes"
    name = canonical(right_phrase(text, src.end(), "en")[1]) if src else None
    if name:
        return Claim(speakers.the_country(name))
    named = [a for a in atts if a.speaker and not a.relay]
    if not named:
        return None
    relays = tuple(a.speaker for a in atts if a.relay and a.speaker)
    return Claim(speakers.the_country(named[0].speaker or ""), named[0].others, relays)


def _closing(text: str, atts: list[Attribution], inherited: str | None, speakers: Speakers) -> Claim | None:
    """The claim of a reporting clause that ends the sentence, resolved as it is read."""
    last = max((a for a in atts if not a.relay and not a.cites), key=lambda a: a.end, default=None)
    if last is None or any(a.direction == "forward" and not a.relay and a is not last for a in atts) or not (
            _AFTER_CLOSING.match(text[last.end:])):
        return None  # "..., komite tersebut menjelaskan melalui akun Telegram, seperti dikutip Reuters."
    if last.direction == "forward":
        last = replace(last, direction="backward")
        atts = [last if a.start == last.start and a.end == last.end else a for a in atts]
    c = claim(atts, last.start, last.start, inherited, speakers)
    return c if c.claimant else None


def _cataphoric(per_sentence: list[_Read], k: int) -> list[Figure] | None:
    """Figures of sentence ``k`` whose source a later sentence of the paragraph names: "Data
    tersebut bersumber dari laporan HUR", "Angka tersebut diumumkan oleh junta", or a closing
    "..., ujar Nadia." one or two sentences on, with nobody named between. None when nothing
    changes."""
    read = per_sentence[k]
    if not read.figures or read.atts or any(f.claimed_by for f in read.figures):
        return None
    source: Claim | None = None
    for later in per_sentence[k + 1 : k + 3]:
        if later.sentence.paragraph != read.sentence.paragraph:
            return None
        if later is per_sentence[k + 1] and later.source is not None:
            source = later.source
            break
        if later.closing is not None:
            source = later.closing
            break
        if later.atts:
            return None
    if source is None:
        return None
    return [replace(f, claimed_by=source.claimant, also_claimed_by=source.others, relayed_by=source.relays)
            for f in read.figures]


_DEATH_WORDS = re.compile(
    r"\b(?:meninggal|tewas|korban\s+jiwa|wafat|gugur|kematian|jenazah|died|killed|dead|deaths?|fatalit)", re.I)
_INJURY_WORDS = re.compile(r"\b(?:luka|terluka|cedera|injur|wound|hurt|dirawat)", re.I)
# "35 orang, terdiri atas sembilan orang meninggal dunia dan 26 orang luka-luka": both, casualties
_SPLIT_AFTER = re.compile(r"[^.;]{0,25}?\b(?:terdiri\s+(?:atas|dari)|termasuk|di\s?antaranya|rinciannya|including|"
                          r"of\s+whom|comprising)\b", re.I)
# the whole a breakdown is taken from: "125 orang dari 448 korban itu meninggal dunia, 21 luka berat, ..."
_WHOLE_OF = re.compile(r"\b(?:dari|of)\s+(?:total\s+|the\s+)?$", re.I)
_BARE_VICTIMS = frozenset({"korban", "korban-korban", "para korban"})


def _victims_as_deaths(figures: list[Figure], text: str) -> list[Figure]:
    """A bare "korban" toll means deaths where the article speaks of deaths, or counts the injured
    apart ("732 orang terluka, sementara korban naik menjadi 144"), unless its own clause names
    injuries too ("448 korban, termasuk luka-luka")."""
    injured_apart = any(f.what in ("injured", "wounded") for f in figures)
    if not injured_apart and not _DEATH_WORDS.search(text):
        return figures
    out = []
    for f in figures:
        if f.what == "casualties" and (f.noun or "").lower() in _BARE_VICTIMS and not _INJURY_WORDS.search(
                _clause_around(text, f.start, f.end)) and not _SPLIT_AFTER.match(text, f.end) and not (
                _WHOLE_OF.search(text, max(0, f.start - 12), f.start) and _INJURY_WORDS.search(f.sentence)):
            f = replace(f, what="killed")
        out.append(f)
    return out


def _clause_around(text: str, start: int, end: int) -> str:
    """The clause of ``text`` that holds ``start``..``end``."""
    left = max(text.rfind(c, 0, start) for c in ",;.\n") + 1
    rights = [i for i in (text.find(c, end) for c in ",;.\n") if i >= 0]
    return text[left:min(rights) if rights else len(text)]
