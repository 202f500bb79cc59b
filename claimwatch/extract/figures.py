"""Stage 4 of extraction: from number mentions to figures (what is counted, and whose).

For each number mention that may be a figure:

1. unit: percent and currency mentions are figures of their own kind;
2. counted noun after the number, skipping classifiers ("orang", "unit") and demonyms
   ("3,000 North Korean soldiers");
3. a generic noun ("orang", "people") is sharpened by an event word next to it ("56 orang
   tewas", "30 people were killed") or by a verb right before ("menewaskan 56 orang");
4. otherwise the noun phrase before ("korban meninggal dunia mencapai 442 jiwa", "the death toll
   rose to 883");
5. actor: a country/organisation right after the noun (id), before it (en demonym), an owner
   ("North Korea's 12,000 troops"), a sender ("Korea Utara mengirim 3.000 tentara") or the
   previous figure of a coordinated list ("..., termasuk 500 perwira dan tiga jenderal").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimwatch.extract.numbers import NumberMention
from claimwatch.extract.parts import apply_parts
from claimwatch.lexicon import CLASSIFIER_DEFAULT, CLASSIFIERS, ConceptLexicon, Gazetteer
from claimwatch.lexicon.text import caseless, fold, literal_union, lower_aligned

_ACTOR_KINDS = frozenset({"country", "armed_group", "org", "agency"})
_OWNER_KINDS = frozenset({"country", "armed_group", "org"})
# Concepts that name an event happening to people: they sharpen a generic count.
_EVENT = frozenset(
    {"killed", "injured", "wounded", "missing", "displaced", "evacuated", "arrested", "detained", "prisoners",
     "rescued", "survivors", "affected", "refugees", "hostages", "casualties", "victims",
     "suspects", "layoffs", "bodies", "rescuers"}
)
_GENERIC = frozenset({"people", "civilians", "residents", "families", "victims", "casualties"})
# Concepts naming who people are; an outcome next to them ("tewas", "were arrested") wins.
_PEOPLE_LIKE = _GENERIC | frozenset(
    {"displaced", "troops", "officers", "generals", "police_officers", "protesters", "tourists", "pilgrims",
     "migrants", "students", "children", "workers", "passengers", "patients", "women", "elderly",
     "journalists", "militants", "farmers", "fishermen", "volunteers", "aid_workers",
     "medical_workers", "crew", "doctors", "nurses", "teachers", "voters", "visitors",
     "asylum_seekers", "prisoners", "suspects", "refugees", "survivors", "hostages"}
)
_STATE_AFTER = [
    (frozenset({"houses", "buildings", "schools", "hospitals", "places_of_worship", "bridges"}),
     re.compile(r"^(?:\s+(?:\w+\s+){0,2}?)?\s*(?:(?:yang|that\s+were|which\s+were)\s+)?(?:rusak|hancur|roboh|ambruk|runtuh|rata|terbakar|tertimbun|terkubur|"
                r"mengalami\s+kerusakan|kerusakan|sustained\s+damage|were\s+damaged|"
                r"hanyut|damaged|destroyed|collapsed|razed|flattened|burned|burnt|swept\s+away|washed\s+away)", re.I),
     "damaged"),
    (frozenset({"houses"}),
     re.compile(r"^(?:\s+(?:\w+\s+){0,2}?)?\s*(?:terendam|tergenang|kebanjiran|dilanda\s+banjir|"
                r"flooded|inundated|submerged|under\s+water)", re.I),
     "flooded"),
]
# (run on the lower-cased text: see caseless)
_VERB_BEFORE = [
    (caseless(re.compile(r"(?:menewaskan|merenggut\s+nyawa|menelan\s+korban(?:\s+jiwa)?|membunuh|menembak\s+mati|killed|"
                r"killing|kills|claimed\s+the\s+lives\s+of|left|shot\s+dead|shooting\s+dead|gunned\s+down)\s*$",
                re.I)), "killed"),
    (caseless(re.compile(r"(?:melukai|mencederai|injured|injuring|wounded|wounding)\s*$", re.I)), "injured"),
    (caseless(re.compile(r"(?:menangkap|meringkus|membekuk|mengamankan|arrested|arresting|rounded\s+up)\s*$", re.I)),
     "arrested"),
    (caseless(re.compile(r"(?:menahan|detained|detaining|held)\s*$", re.I)), "detained"),
    (caseless(re.compile(r"(?:mengubur|menimbun|menjebak|buried|burying|trapped|trapping)\s*$", re.I)), "missing"),
    (caseless(re.compile(r"(?:mengevakuasi|evacuated|evacuating)\s*$", re.I)), "evacuated"),
    (caseless(re.compile(r"(?:menyelamatkan|rescued|rescuing|pulled|pulling|dug\s+out|extracted)\s*$", re.I)), "rescued"),
    (caseless(re.compile(r"(?:menyandera|took|taking|abducted|kidnapped|menculik)\s*$", re.I)), "hostages"),
    (caseless(re.compile(r"(?:displaced|displacing|forced)\s*$", re.I)), "displaced"),
    (caseless(re.compile(r"(?:kehilangan|lost|losing|suffered|menderita|eliminated|eliminating|neutrali[sz]ed|"
                r"melumpuhkan|menghabisi)\s*$", re.I)), "casualties"),
]
# capitals the gazetteer also reads as their country ("Moscow denied"): as a place, the city
_CAPITALS = frozenset(
    """jakarta moscow moskow moskwa kyiv kiev seoul pyongyang washington riyadh tehran teheran beijing tokyo
    ankara damascus damaskus naypyidaw naypyitaw bangkok manila canberra london paris berlin minsk khartoum
    jerusalem yerusalem beirut baghdad kabul islamabad dhaka colombo hanoi kathmandu""".split())
_SENDER = re.compile(
    r"^(?:\s*\(\w{1,8}\))?(?:\s+(?:troops|soldiers|forces|units|tentara|pasukan|prajurit|army|military|militer))?"
    r"(?:\s+(?:mengatakan|menyatakan|mengumumkan|said|says|announced)"
    r"(?:\s+(?:bahwa|that))?(?:\s+(?:it|they|pihaknya|negaranya))?)?(?:\s+(?:telah|sudah|juga|akan|kini|disebut|dilaporkan|diduga|has|have|"
    r"had|also|reportedly|now|already|allegedly|was|is|been|could|would|will|may|might|"
    r"plans\s+to|planned\s+to|preparing\s+to|berencana|bersiap|kemungkinan|diperkirakan))*\s+(?:mengirim(?:kan)?|"
    r"meluncurkan|menembakkan|menderita|mengumpulkan|mengalokasikan|menyiapkan|menggelontorkan|"
    r"menyalurkan|menjanjikan|menyumbangkan|menempatkan|launched|fired|suffered|massed|amassed|"
    r"memusatkan|mengonsentrasikan|menumpuk|concentrated|gathered|"
    r"keeps|kept|maintains|allocated|pledged|promised|approved|donated|earmarked|"
    r"mengerahkan|menerjunkan|menempatkan|memasok|kehilangan|memiliki|punya|menyiagakan|"
    r"menambah|sent|send|sends|sending|deployed|deploy|deploys|deploying|dispatched|dispatching|"
    r"lost|fielded|supplied|mobili[sz]ed|stationed|moved|transferred|provided|provides|providing|sold|sells|"
    r"selling|shipped|delivered|delivers|menjual|memberikan|menyerahkan|mengirimi|has|have|had)\s+"
    r"(?:(?:[\w-]+\s+){0,5}?(?:senilai|sebesar|bernilai|worth|totaling|totalling|of)\s+)?"
    r"(?:(?:sebanyak|sekitar|lebih\s+dari|hampir|sedikitnya|setidaknya|about|around|some|more\s+"
    r"than|over|nearly|almost|at\s+least|up\s+to|as\s+many\s+as|an\s+estimated|roughly|another|"
    r"an\s+additional)\s+)*$",
    re.I,
)
_COORD = re.compile(
    r"^[\s,]*(?:termasuk|di\s+antaranya|diantaranya|antara\s+lain|yakni|yaitu|dan|serta|"
    r"including|among\s+them|of\s+whom|of\s+which|and|plus|as\s+well\s+as|,)[\s,]*"
    r"(?:(?:juga|also|sekitar|about|lebih\s+dari|more\s+than|some|around|another|a\s+further|an\s+additional)\s+)*$",
    re.I,
)
_OWNER_GAP = re.compile(r"\s*(?:(?:asal|dari|from)\s+)?", re.I)
_OF = re.compile(r"\s+of\s+", re.I)
_PARTITIVE = re.compile(
    r"\s+of\s+(?:the|its|their|his|her|these|those|our|them|whom|[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*['’]s?)\s+")
_SKIP_WORDS = frozenset(
    """warga anggota orang para lainnya lain tambahan baru more additional new other extra
    further fresh unit buah personel ekor""".split()
)
_NON_NOUN = frozenset(
    """kali di ke dari yang dan atau pada per dengan untuk oleh bagi akan telah sudah sejak
    times of in at to and or the a an is was were are be been by for on with from as than that
    this these those it its hingga sampai lebih kurang lalu lagi pun saja hari tahun bulan
    minggu pekan jam menit detik persen percent dollars rupiah km kilometer meter mm cm so far now
    yet already alone respectively apiece overall altogether total thus""".split()
)
_TOKEN = re.compile(r"\S+")
_WORD = re.compile(r"[A-Za-zÀ-ÿ][\w'’-]*")


# not frozen: a frozen instance costs ~6x more to build, and this one is built for every
# match of every sentence; it is never changed after it is built (dataclasses.replace makes a new one)
@dataclass(slots=True, unsafe_hash=True)
class Reading:
    """What a number mention means inside its sentence (offsets relative to the sentence)."""

    what: str | None
    noun: str | None
    actor: str | None
    noun_end: int
    past: bool
    noun_before: bool = False  # the counted noun was found before the number, not after it
    scope: str | None = None  # a part of a breakdown: its place, group, "total" or "part"


class FigureReader:
    def __init__(self, concepts: ConceptLexicon, gazetteer: Gazetteer) -> None:
        self.concepts = concepts
        self.gaz = gazetteer

    def read(self, s: str, mentions: list[NumberMention], lang: str,
             prior: Reading | None = None) -> list[Reading | None]:
        """One reading per mention (None when the mention is not a figure). ``prior``: the last
        reading of the sentences before, for a part that opens its sentence ("Menurutnya, 12 di
        antaranya berasal dari ...")."""
        entities = [e for e in self.gaz.find(s) if e.entity.kind != "media"]
        hits = self.concepts.find(s, None)
        # (a sentence with no word that can mark an earlier value only needs its opening checked)
        low = s.lower()
        marked = any(w in low for w in _MARKING_WORDS)
        pasts = [_is_past(s, m) for m in mentions] if marked else [bool(_EARLIER_SENTENCE.match(s))] * len(mentions)
        out: list[Reading | None] = []
        prev: Reading | None = None
        for i, m in enumerate(mentions):
            floor = prev.noun_end if (prev is not None and prev.noun is not None and not prev.noun_before
                                      and not prev.past and prev.noun_end <= m.qualifier_start) else 0
            r = self._read_one(s, m, lang, entities, hits, mentions, i, floor, pasts)
            if r is not None and r.actor is None and prev is not None and prev.actor:
                gap = _without_entities(s, prev.noun_end, m.qualifier_start, entities)
                if (_COORD.match(gap) and len(gap) < 40) or _INCLUDING.search(
                    s[max(0, m.qualifier_start - 30) : m.qualifier_start]
                ):
                    r = Reading(r.what, r.noun, prev.actor, r.noun_end, r.past)
            out.append(r)
            if r is not None:
                prev = r
        # a bare number coordinated with a counted one shares its noun: "won 2,417,305 votes ...
        # against 2,160,882", "in Turkey 12,391 people had died and in Syria 2,992"
        for i, (m, r) in enumerate(zip(mentions, out, strict=True)):
            weak = r is None or (r.what is None and _STATE_AFTER_NUMBER.match(s, m.end) is not None) or (
                r.what in _GENERIC and (r.noun or "").lower() in _CLASSIFIER_WORDS
                                 and (_TOTAL_OF_BEFORE.search(s[max(0, m.start - 40):m.start])
                                      or _EQUIVALENT.search(s[max(0, m.start - 30):m.start])))
            prv = next((x for j, x in reversed(list(enumerate(out[:i])))
                        if x is not None and x.what and x.what not in _UNIT_CONCEPTS
                        and (r is None or x.what not in _GENERIC) and mentions[j].unit is None), None)
            if prv is None and r is None and prior is not None and (
                    _OF_THEM.match(s, m.end) or _OF_THEM_OPENING.match(s[:m.qualifier_start])):
                out[i] = Reading(prior.what, prior.noun, prior.actor, m.end, False, scope="part")
                continue
            if weak and prv is not None and (not m.from_words or m.value > 1) and m.unit is None:
                gap = s[prv.noun_end:m.qualifier_start]
                total = (_TOTAL_OF_BEFORE.search(gap[-40:]) or _OF_THEM.match(s, m.end)  # "total at 15,383"
                         or _EQUIVALENT.search(gap[-30:]) or _INSTEAD.search(gap[-15:]))
                if (total or len(gap) <= 70) and not re.search(r"[;:]|\.\s", gap) and (
                        total or _ELLIPSIS.search(gap)) and _nothing_counted_after(s, m.end):
                    out[i] = Reading(prv.what, prv.noun, prv.actor, m.end, False)
        # "around 50 children were killed, along with two teachers": the outcome is shared
        shared = False
        for i, (m, r) in enumerate(zip(mentions, out, strict=True)):
            prv = out[i - 1] if i > 0 else None
            gap = s[prv.noun_end:m.qualifier_start] if prv is not None else ""
            if r is None and shared and prv is not None and m.unit is None and _COORD_ONLY.match(gap):
                r = Reading(None, None, None, m.end, False)  # "..., demikian pula 40 jurnalis dan 12 petugas pemadam"
            if (r is not None and prv is not None and (r.what in _PEOPLE_LIKE or (shared and r.what is None))
                    and prv.what in _EVENT and prv.what not in _GENERIC and (_ALONG_WITH.search(gap) or (
                        shared and _COORD_ONLY.match(gap) and (r.what is None or _nothing_counted_after(s, r.noun_end))))):
                out[i] = Reading(prv.what, r.noun, r.actor, r.noun_end, r.past, r.noun_before)
                shared = True  # "along with 397 elderly people and 1,709 women": the list goes on
            else:
                shared = False
        for i in range(len(out) - 2, -1, -1):
            r, nxt = out[i], out[i + 1]
            gap = s[r.noun_end:mentions[i + 1].qualifier_start] if r is not None else ""
            if (r is not None and nxt is not None and r.what in _PEOPLE_LIKE and nxt.what in _EVENT
                    and nxt.what not in _GENERIC and not nxt.noun_before
                    and (_ALONG_WITH.search(gap) or (_COORD_ONLY.match(gap) and r.what not in _GENERIC
                                                     and r.what not in _EVENT))):
                # "4,104 children and 2,641 women were among the deaths": both subjects of the outcome
                out[i] = Reading(nxt.what, r.noun, r.actor, r.noun_end, r.past, r.noun_before)
        # an earlier value with no noun of its own takes the noun of the value it changed into
        for i, (m, r) in enumerate(zip(mentions, out, strict=True)):
            nxt = out[i + 1] if i + 1 < len(out) else None
            prv = out[i - 1] if i > 0 else None
            other = nxt if nxt is not None and nxt.what else prv  # "rose to 883 from 761"
            # (also over a noun found *before* the earlier value: "in Russia's Kursk region, up
            # from 3,000 last week" counts troops, not regions)
            weak = r is None or r.what is None or r.noun_before or (
                r.what in _GENERIC and (r.noun or "").lower() in _CLASSIFIER_WORDS)
            if pasts[i] and other is not None and other.what and weak:
                out[i] = Reading(other.what, other.noun, other.actor, m.end, True)
        # and a new value with no noun takes the noun of the earlier value it changed from:
        # "naik dari 1.200 pekan lalu menjadi 3.400", "rose from 56 to 62"
        for i, (m, r) in enumerate(zip(mentions, out, strict=True)):
            prv = out[i - 1] if i > 0 else None
            weak_now = r is None or (r.what in _GENERIC and prv is not None and prv.what not in _GENERIC)
            if weak_now and prv is not None and prv.past and prv.what and _CHANGED_TO.search(
                    s[max(0, m.qualifier_start - 20):m.qualifier_start]):
                out[i] = Reading(prv.what, prv.noun, prv.actor, m.end, False)
        # "900.000 warga mengungsi ke Bangladesh, sedangkan 153.000 orang lainnya tiba di Malaysia": the
        # others who arrive somewhere are more of the people on the move counted before them
        for i, (m, r) in enumerate(zip(mentions, out, strict=True)):
            prv = out[i - 1] if i > 0 else None
            if (prv is not None and prv.what in _ON_THE_MOVE and (
                    r is None or r.what is None or r.what in _GENERIC or r.what in _ON_THE_MOVE or r.noun_before)
                    and m.unit is None and (arrive := _OTHERS_ARRIVE.match(s, m.end))):
                out[i] = Reading(prv.what, r.noun if r is not None else None, prv.actor, arrive.end(), False)
        return apply_parts(s, mentions, out, self.place, prior)  # type: ignore[arg-type,return-value]

    def place(self, words: str) -> str | None:
        """A place's canonical name: a country or place the gazetteer knows, else the words as
        written when they name an administrative unit or start with a capital."""
        words = words.strip()
        whole = [e for e in self.gaz.find(words) if e.start == 0 and e.end >= len(words) - 1]
        if whole:
            e = whole[0]
            if e.entity.kind == "country" and fold(words) in _CAPITALS:
                return words  # "30 orang dari Jakarta": the city, though "Jakarta" may speak for Indonesia
            return e.entity.name if e.entity.kind in ("country", "place") else None
        return words or None

    # -- one mention ------------------------------------------------------------------------------

    def _read_one(self, s, m, lang, entities, hits, mentions, i, floor, pasts) -> Reading | None:  # type: ignore[no-untyped-def]
        past = pasts[i]
        actor: str | None = None
        if m.unit == "percent":
            return Reading("percent", None, self._actor(s, m, entities), m.end, past)
        if m.unit:
            return Reading(m.unit.lower(), None, self._actor(s, m, entities), m.end, past)
        after = m.end
        if m.from_words and (of := _OF.match(s, after)):  # "Hundreds of Palestinian families"
            after = of.end()
        what, noun, noun_end, actor, classifier = self._noun_after(s, after, lang, entities)
        nothing_after = what is None and noun is None
        no_concept_after = what is None
        noun_before = False
        k = i + 1
        # "47,975 people, 6,278 of them foreigners, had died": an aside (opened by a comma) before the next number
        aside = _ASIDE.search(s, noun_end) if k < len(mentions) and s.find(
            ",", noun_end, mentions[k].qualifier_start + 1) >= 0 else None
        if aside is not None and (k >= len(mentions) or aside.start() > mentions[k].qualifier_start
                                  or not _LINK_TO_PREDICATE.search(s[aside.end():aside.end() + 30])):
            aside = None
        while aside is not None and k < len(mentions) and mentions[k].end <= aside.end():
            k += 1
        nxt_start = mentions[k].qualifier_start if k < len(mentions) else len(s)
        part_of = k < len(mentions) and _PART_OF_GAP.fullmatch(
            s, after if what is None and noun is None else noun_end, mentions[k].qualifier_start)
        if part_of:
            # "125 orang dari 448 korban itu meninggal dunia", "11 of the 90 people hurt had died": the
            # outcome after the whole (and its noun) is the part's
            nxt_start = mentions[k + 1].qualifier_start if k + 1 < len(mentions) else len(s)
            ev_from = self._noun_after(s, mentions[k].end, lang, entities)[2]
        else:
            # an aside right after the noun holds its own outcome: "4,000 casualties, including 1,000 killed,"
            ev_from = aside.end() if aside is not None and not s[noun_end:aside.start()].strip() else noun_end
        if what in _STATE_NOUNS:
            what = _refine_state(what, s[noun_end : noun_end + 40], s[max(0, m.qualifier_start - 40) : m.qualifier_start])
        generic_word = (what in _GENERIC and (noun or "").lower() in _CLASSIFIER_WORDS) or (
            what == "cases" and (noun or "").lower() in ("kasus", "case", "cases"))
        if generic_word and (hit := self._event_after(s, ev_from, nxt_start, hits)) is not None:
            what, noun_end, generic_word = hit.key, hit.end, False  # "4,715 persons were injured"
        elif generic_word and (verb := _verb_before(s, m.qualifier_start)) is not None:
            what, generic_word = verb, False  # "..., killing at least 112 people" (whatever came before)
        if (what is None and not part_of) or generic_word:
            before, b_noun, b_actor = self._noun_before(s, m, hits, mentions, i, entities, floor, pasts)
            if what == "cases" and before not in _EVENT:
                before = None  # "894 kasus" counts cases unless an outcome comes before ("Kematian ... 894 kasus")
                lead = next((h for h in hits if h.end <= mentions[0].qualifier_start and h.key in _TOPIC_OUTCOMES
                             and _TOPIC_NOUN.search(h.surface)), None)
                if lead is not None:
                    before = lead.key  # "angka kematian karena dengue ..., sedangkan Kendal 27 kasus, Malang 29 kasus"
            if before == "deployments" and (classifier or what in _PEOPLE_LIKE):
                before = None  # "rotasi ketiga sebanyak 850 personel": the rotation's soldiers, not rotations
            if before is not None and (what is None or before not in _GENERIC or (
                    b_noun or "").lower() not in _GENERIC_SURFACES or (generic_word and before != "people")):
                what, noun = before, b_noun or noun
                actor = actor or b_actor
                noun_before = no_concept_after  # nothing countable after the number: a weak reading
        specific = what == "casualties" and (noun or "").lower() not in _GENERIC_SURFACES  # "dead and wounded"
        # "125 orang dari 448 korban itu meninggal dunia": the outcome is the part's, not the whole's
        whole_of = i > 0 and _WHOLE_AFTER_PART.search(s, max(0, m.qualifier_start - 30), m.qualifier_start)
        if (what is None or what in _PEOPLE_LIKE or nothing_after) and not specific and not whole_of:
            hit = self._event_after(s, ev_from, nxt_start, hits)
            event = hit.key if hit is not None else (
                None if _STATE_AFTER_NUMBER.match(s, m.end) else _verb_before(s, m.qualifier_start))
            if event is not None:
                what = event
                if hit is not None:  # the outcome said after the number: a strong reading
                    noun_end, noun, noun_before = max(noun_end, hit.end), noun or hit.surface, False
        if what == "killed" and (joint := _JOINT_OUTCOME.match(s, noun_end)):
            what, noun_end = "casualties", joint.end()  # "killed or captured", "tewas dan luka-luka"
        elif what in _GENERIC and (took := _TOOK_PART.match(s, noun_end)):
            what, noun_end = "protesters", took.end()  # "31,000 people took part in 42 protest actions"
        if what is None and classifier:
            what = CLASSIFIER_DEFAULT.get(classifier.lower())
            noun = noun or classifier
        if what is None and noun is None:
            return None
        if actor is None:
            actor = self._actor(s, m, entities, what)
        if (what in ("displaced", "people", "civilians", "residents", None) or noun_before) and \
                self._fled_abroad(s, m, entities):
            what = "refugees"  # "mengungsi ke Bangladesh, yaitu 965.467 orang", "1.000 orang lari ke Indonesia"
        return Reading(what, noun, actor, noun_end, past, noun_before)

    def _fled_abroad(self, s: str, m: NumberMention, entities: list) -> str | None:  # type: ignore[type-arg]
        """The country people fled to, when the number's clause says they crossed into one."""
        # the number's own clause (an apposition "..., yaitu 965.467 orang" belongs to the one before)
        lo = 0
        for b in _CLAUSE_BREAK.finditer(s, 0, m.qualifier_start):
            if not _APPOSITION.fullmatch(s, b.end(), m.qualifier_start):
                lo = b.end()
        hi = _CLAUSE_BREAK.search(s, m.end)
        for f in _FLED_TO.finditer(s, lo, hi.start() if hi else len(s)):
            if f.group("across"):
                return "abroad"  # "escaped across Sudan's borders"
            if _NEIGHBOURS.match(s, f.end()):
                return "abroad"  # "crossed from Sudan into neighboring countries"
            dest = next((e for e in entities if e.start == f.end() and e.entity.kind == "country"), None)
            if dest is not None:
                return str(dest.entity.name)
        return None

    def _noun_after(self, s, pos, lang, entities):  # type: ignore[no-untyped-def]
        """(what, noun, noun_end, actor, classifier) for the words right after a number."""
        actor = None
        classifier = None
        unknown: tuple[str, int] | None = None
        cur = pos
        classifiers = CLASSIFIERS.get("id", frozenset()) | CLASSIFIERS.get("en", frozenset())
        partitive = _PARTITIVE.match(s, pos)  # "78 of the Russian drones", "3,000 of its soldiers"
        if partitive:
            cur = partitive.end()
            owner = next((e for e in entities if partitive.start() <= e.start < partitive.end()
                          and e.entity.kind in _ACTOR_KINDS), None)
            if owner is not None:  # "12,000 of Pyongyang's soldiers"
                actor = owner.entity.side or owner.entity.name
        for _ in range(6):
            while cur < len(s) and s[cur] in " \t\n\r-":
                cur += 1
            if cur >= len(s) or not s[cur].isalpha():
                break
            ent = next((e for e in entities if e.start == cur), None)
            hit = self.concepts.match_at(s, cur, None)
            if hit is not None and (ent is None or hit.end >= ent.end):
                if hit.surface.lower() in classifiers and not classifier:
                    # "3.000 orang tentara": a classifier first, maybe a real noun after it
                    nxt = self._noun_after(s, hit.end, lang, entities)
                    if nxt[0] is not None and nxt[0] not in _GENERIC:
                        return nxt[0], nxt[1], nxt[2], actor or nxt[3], hit.surface
                after = self._actor_right_after(s, hit.end, entities)
                return hit.key, hit.surface, hit.end, actor or after, classifier
            if ent is not None:
                if ent.entity.kind in _ACTOR_KINDS:
                    actor = actor or (ent.entity.side or ent.entity.name)
                cur = ent.end
                continue
            w = _WORD.match(s, cur)
            if not w:
                break
            word = w.group(0)
            low = word.lower()
            if low in classifiers:
                classifier = classifier or word
                cur = w.end()
                continue
            if low in _SKIP_WORDS:
                cur = w.end()
                continue
            if low in _NON_NOUN or (word[:1].isupper() and lang == "id"):
                break
            if unknown is None:
                unknown = (word, w.end())
            if lang != "en" or (unknown[0] != word and len(s[pos:cur].split()) >= 2):
                break
            cur = w.end()  # English adjectives before the noun: "15,000 suspected mpox cases"
        if unknown is not None:
            word, end = unknown
            return None, word, end, actor or self._actor_right_after(s, end, entities), classifier
        return None, None, cur if cur > pos else pos, actor, classifier

    def _actor_right_after(self, s, pos, entities):  # type: ignore[no-untyped-def]
        for e in entities:
            # "tentara Korea Utara", "migran asal Afghanistan", "troops from North Korea"
            if pos <= e.start <= pos + 8 and e.entity.kind in _ACTOR_KINDS and _OWNER_GAP.fullmatch(s[pos : e.start]):
                return e.entity.side or e.entity.name
        return None

    def _event_after(self, s, start, limit, hits):  # type: ignore[no-untyped-def]
        """The outcome predicated of the people counted: "56 orang tewas", "47,975 people, 6,278
        of them foreigners, had died", "empat warga ... yang sampai sekarang belum ditemukan"."""
        window_end = min(limit, start + 140)
        for h in hits:
            if start <= h.start < window_end and h.key in _EVENT and h.surface.lower() not in _NOUN_ONLY:
                between = s[start : h.start]
                if "," in between:  # (both asides open on a comma)
                    between = _ASIDE.sub(" ", _APPOSED_PLACE.sub(" ", between))
                between = _PLACE_PAIR.sub(" ", between)
                words = between.split()
                if re.search(r"\b(?:as|because|since|when|after|before|karena|sebab|saat|ketika|setelah|"
                             r"sebelum|sehingga|so(?!\s+far))\b", between, re.I):
                    continue  # "fallen to 700 as more bodies are identified": another clause
                if _PLACE_OF.search(between):
                    continue  # "12 di antaranya berasal dari kamp pengungsi": a place, no outcome
                if len(words) <= 4 and not re.search(r"[,;.]|\b(?:dan|and|serta)\b", between):
                    return h
                if len(words) <= 9 and not re.search(r"[;.]|\b(?:dan|and|serta|but|tetapi|namun)\b|\d", between) \
                        and _LINK_TO_PREDICATE.search(between):
                    return h
                if _JOINT_SUBJECT.fullmatch(between):
                    return h  # "27 soldiers and police officers were killed"
        return None

    def _noun_before(self, s, m, hits, mentions, i, entities, floor, pasts):  # type: ignore[no-untyped-def]
        """Noun phrase before the number: 'korban meninggal dunia mencapai 442 jiwa'."""
        j = i - 1
        while j >= 0 and pasts[j]:
            j -= 1
        lo = max(mentions[j].end if j >= 0 else 0, floor)
        cands = []
        for h in hits:
            if h.key in _UNIT_CONCEPTS:
                continue  # "1,2 ton sabu dan 2,4 juta butir": a unit belongs to its own number
            if h.start > 0 and s[h.start].isupper() and not s[: h.start].rstrip().endswith(
                    (".", '"', "“", "-", "–", "—", ":")):
                continue  # part of a name: "Kabupaten Agam", "Desa Cibenda"
            if lo <= h.start and h.end <= m.qualifier_start:
                between = s[h.end : m.qualifier_start]
                if _BREAKDOWN.search(between):
                    continue  # "45 orang meninggal akibat ... longsor, terdiri atas 21 orang": the whole's words
                reach = 14 if not s[: h.start].strip() else 8  # the sentence's subject reaches further
                if h.key in _EVENT and _LINKING.search(s[max(h.end, m.start - 40):m.start]):
                    reach = 22  # "korban meninggal dunia karena banjir ... sudah 37 orang"
                if len(between.split()) <= reach and ";" not in between:
                    cands.append(h)
        if not cands:
            return None, None, None
        # a noun in a place or cause phrase is not what is counted: "cases in the district",
        # "korban meninggal akibat kecelakaan bus" (unless nothing else is there)
        cands = [h for h in cands if not _OBLIQUE.search(s[max(0, h.start - 40):h.start])] or cands
        # the subject of a reporting verb is the speaker, not what is counted: "Jakarta police
        # acknowledged that 37 people ... had been arrested"
        cands = [h for h in cands if not _REPORTED.search(s[h.end:m.qualifier_start])
                 and not _TOLD_BEFORE.search(s[max(0, h.start - 20):h.start])]
        if not cands:
            return None, None, None
        states = [h for h in cands if h.key in _STATE_NOUNS]
        if states:
            refined = _refine_state(states[-1].key, s[states[-1].end:states[-1].end + 40])
            if refined != states[-1].key:
                return refined, states[-1].surface, None  # "rumah yang rusak atau tertimbun berjumlah 32"
        events = [h for h in cands if h.key in _EVENT]
        specific = [h for h in cands if h.key not in _GENERIC]
        best = (events or specific or cands)[-1]
        if len(events) > 1 and events[0].key not in _GENERIC and _RELATIVE.search(s[events[0].end:events[-1].start]):
            best = events[0]  # "korban meninggal dunia yang sudah dievakuasi berjumlah 67 orang"
        actor = None
        for e in entities:
            # inside the noun phrase or right after it: "warga Palestina yang tewas"
            near = best.start <= e.start <= best.end + 3 or 0 <= best.start - e.end <= 2
            if e.entity.kind in _OWNER_KINDS and near and e.end <= m.qualifier_start:
                actor = e.entity.side or e.entity.name
                if e.start >= best.end:
                    break
        return best.key, best.surface, actor

    def _actor(self, s, m, entities, what=None):  # type: ignore[no-untyped-def]
        for e in entities:
            if e.entity.kind not in _ACTOR_KINDS:
                continue
            name = e.entity.side or e.entity.name
            # owner: "North Korea's 12,000 troops"
            if e.end <= m.qualifier_start and re.fullmatch(r"['’]s\s+", s[e.end : m.qualifier_start]):
                return name
            # sender: "Korea Utara mengirim 3.000 tentara", "Russia has deployed 500 tanks"
            sent = _SENDER.match(s[e.end : m.qualifier_start]) if e.end <= m.qualifier_start else None
            if sent and (what not in _EVENT or _LOSS_VERB.search(sent.group(0))):
                return name  # ("Myanmar had a death toll of 2,719" is no sender's)
        return None


# an aside between the counted noun and its predicate: ", 6,278 of them foreigners,"
_ASIDE = re.compile(
    r",(?:[^,;]|,(?=\d)){0,60}?(?:\d|\bof\s+them\b|\bdi\s?antaranya\b|\btermasuk\b|\bincluding\b)"
    r"(?:[^,;]|,(?=\d)){0,40},")
# what lets a predicate stand further from its noun: a relative clause, an auxiliary, a place
_LINK_TO_PREDICATE = re.compile(
    r"\b(?:yang|who|that|which|have|has|had|were|was|are|is|been|be|may|might|could|telah|sudah|"
    r"masih|belum|dilaporkan|dinyatakan|reportedly|across|in|di)\b", re.I)
# a verb that links a toll to its number: "korban tewas ... telah bertambah menjadi 1.121 orang"
_LINKING = re.compile(
    r"\b(?:sudah|telah|tercatat|mencapai|berjumlah|sebanyak|menjadi|adalah|yakni|yaitu|bertambah|"
    r"naik|kini|sekarang|hingga|sampai|stood\s+at|stands\s+at|rose\s+to|risen\s+to|reached|"
    r"climbed\s+to|jumped\s+to|increased\s+to|is|was|at|to|now|totals?|totalled|totaled)\b"
    r"[^,;]{0,25}$", re.I)
# event words that are nouns, not predicates: "keluarga korban", "pencarian korban"
_NOUN_ONLY = frozenset({"korban", "para korban", "casualty", "casualties", "victim", "victims",
                        "losses", "korban-korban", "tahanan", "prisoner", "prisoners", "narapidana", "napi",
                        "tawanan", "inmate", "inmates", "convict", "convicts", "warga binaan", "pow", "pows"})
_PLACE_PAIR = re.compile(r"\b[A-Z][\w'’-]+\s+(?:and|dan)\s+[A-Z][\w'’-]+")
_JOINT_SUBJECT = re.compile(r"\s*(?:and|dan|serta)\s+(?:[a-z][\w-]*\s+){1,3}(?:were|was|have\s+been|had\s+been|"
                            r"are|telah|sudah|yang)\s+(?:\w+\s+)?", re.I)
_OF_THEM = re.compile(r"\s*(?:of\s+(?:them|whom)|di\s?antaranya)\b", re.I)
_PLACE_OF = re.compile(r"\b(?:dari|from|kamp|camp|camps|posko|shelter)\s+(?:[\w-]+\s+)?$", re.I)
_BREAKDOWN = re.compile(r"\b(?:terdiri\s+(?:atas|dari)|termasuk|di\s?antaranya|yakni|yaitu|rinciannya|including|"
                        r"of\s+whom|of\s+them|among\s+them|comprising|consisting\s+of)\b", re.I)
_COORDINATED_OBJECT = re.compile(r"\s+[\d.,]+\s+(?:[\w-]+\s+){1,4}(?:and|dan|serta)$", re.I)
_RELATIVE = re.compile(r"\b(?:yang|who|which|that|whose)\b", re.I)
_LOSS_VERB = re.compile(r"\b(?:lost|suffered|kehilangan|menderita)\b", re.I)
_TOTAL_OF_BEFORE = re.compile(
    r"\b(?:the|a|confirmed|combined|overall|grand|official)\s+(?:total|tally|toll)(?:\s+[\w-]+){0,3}?(?:\s+(?:at|to|of|is|was|"
    r"stood\s+at|now\s+stands\s+at|menjadi|mencapai))*\s*$|\b(?:total(?:nya)?|jumlah\s+(?:total|keseluruhan))"
    r"(?:\s+(?:menjadi|mencapai|sebanyak|adalah|kini|sekarang|now))*\s*$", re.I)
_EQUIVALENT = re.compile(r"\b(?:atau\s+(?:sama\s+dengan|setara\s+dengan|sekitar)|equivalent\s+to|or\s+(?:about|some))\s*$",
                         re.I)
# a sentence that opens on the whole before: "Of them, 150 were minors", "Dari jumlah itu, 12 ..."
_OF_THEM_OPENING = re.compile(r"^\W*(?:of\s+(?:them|these|those|whom)|among\s+them|dari\s+jumlah\s+(?:itu|tersebut)|"
                              r"di\s?antaranya)\s*,?\s*$", re.I)
_FLED_TO = re.compile(r"\b(?:mengungsi|lari|melarikan\s+diri|kabur|menyeberang|fled|escaped|crossed|fleeing)"
                      r"\s+(?:(?:from|dari)\s+\w+\s+)?(?:(?:ke|to|into)\s+|(?P<across>across\s+(?:[\w'’]+\s+){0,2}?"
                      r"borders?|melintasi\s+perbatasan))", re.I)
_CLAUSE_BREAK = re.compile(r"[,;]\s*|\s(?:and|dan|while|sementara|sedangkan|but|namun)\s")
_APPOSITION = re.compile(r"\s*(?:yaitu|yakni|namely|sebanyak|totalling|totaling|sekitar|about|some|around|hampir|"
                         r"nearly|lebih\s+dari|more\s+than)?\s*", re.I)
_NEIGHBOURS = re.compile(r"(?:the\s+)?(?:neighbou?ring\s+countries|negara(?:-negara)?\s+tetangga)", re.I)
# an apposition describing a place between the people counted and their outcome: "17 people in
# Mawasi, a humanitarian zone in Khan Younis, were reported dead", "..., sebuah desa di lereng gunung, ..."
_APPOSED_PLACE = re.compile(r",\s+(?:a|an|the|sebuah|suatu)\s+[^,;.()]{1,60}?,", re.I)
# a second outcome joined to a death ("killed or wounded", "killed or captured", "tewas atau ditangkap"):
# a toll of both, which the devset rules and ours count as casualties
_JOINT_OUTCOME = re.compile(
    r"\s+(?:and|or|and/or|dan|atau|maupun|dan/atau)\s+(?:were\s+|have\s+been\s+)?(?:wounded|injured|captured|"
    r"apprehended|arrested|detained|taken\s+prisoner|luka(?:-luka|\s+berat|\s+ringan)?|terluka|cedera|"
    r"ditangkap|tertangkap|ditawan|ditahan)\b", re.I)
# people who take part in a protest ("took part in 42 protest actions", "ikut dalam aksi unjuk rasa")
_TOOK_PART = re.compile(
    r"\s+(?:(?:have|had|has)\s+)?(?:took\s+part|taking\s+part|participated|joined|ikut(?:\s+serta)?|mengikuti|"
    r"bergabung)\s+(?:(?:in|dalam|di)\s+)?(?:(?:the|a|an)\s+)?(?:[\d.,]+\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:protests?|rall(?:y|ies)|demonstrations?|marches|march|aksi(?:\s+(?:unjuk\s+rasa|demo(?:nstrasi)?|"
    r"protes|massa))?|unjuk\s+rasa|demonstrasi|demo)\b", re.I)
_ON_THE_MOVE = frozenset({"refugees", "displaced", "migrants", "evacuated", "asylum_seekers"})
_OTHERS_ARRIVE = re.compile(
    r"\s+(?:(?:orang|warga|jiwa|people|persons)\s+)?(?:lainnya|lain|others|more)\s+(?:(?:telah|sudah|have|had|has|"
    r"were)\s+)?(?:tiba|sampai|masuk|mendarat|mengungsi|menyeberang|arrived|reached|crossed|fled|entered|landed)\b",
    re.I)
# a part taken from the whole that follows it: "125 orang dari 448 korban", "11 of the 90 people"
_OF_WHOLE = r"(?:dari|of|out\s+of)\s+(?:total\s+|the\s+|a\s+total\s+of\s+)?"
_PART_OF_GAP = re.compile(rf"\s+{_OF_WHOLE}", re.I)  # between the part and the whole
_WHOLE_AFTER_PART = re.compile(rf"\d\s+(?:[\w-]+\s+)?{_OF_WHOLE}$", re.I)  # before the whole
# a number followed only by the state of what it counts: "224 buildings destroyed and 325 damaged"
_STATE_AFTER_NUMBER = re.compile(r"\s*(?:damaged|destroyed|flattened|rusak|hancur|roboh)\b", re.I)
# outcomes a sentence can open with as its topic, for the "N kasus" of a list that follows
_TOPIC_OUTCOMES = frozenset({"killed", "injured", "missing", "hospitalized"})
_TOPIC_NOUN = re.compile(r"\b(?:angka|jumlah|kasus)\s+kematian|\bkematian\b|\bdeaths\b|\bdeath\s+toll\b", re.I)
_COORD_ONLY = re.compile(r"^\s*,?\s*(?:and|dan|serta)?\s*$", re.I)
_ALONG_WITH = re.compile(r"^[\s,]*(?:along\s+with|as\s+well\s+as|together\s+with|beserta|bersama(?:\s+dengan)?|"
                         r"serta|plus|demikian\s+pula|begitu\s+pula|begitu\s+juga|juga)\s*$", re.I)
_ELLIPSIS = re.compile(
    r"\b(?:and|against|versus|vs|while|whereas|with|to|dan|serta|sedangkan|sementara|dengan|lawan|"
    r"melawan|atas)\b|,", re.I)


def _nothing_counted_after(s: str, pos: int) -> bool:
    """Nothing but a place, a time or the clause's end follows: "... and in Syria 2,992."."""
    return bool(re.match(r"\s*(?:[,.;)]|$|(?:of|orang|jiwa|people|persons|are|is|were|was|berada|ada|in|at|for|"
                         r"di|untuk|bagi|from|damaged|destroyed|rusak|hancur|"
                         r"dari|on|pada|as|by|oleh|menurut|according)\b)", s[pos:]))


_REPORTED = re.compile(
    r"\b(?:said|says|acknowledged|confirmed|reported|announced|stated|told\s+\w+|estimated|believes|"
    r"revealed|noted|added|disclosed|explained|insisted|mengatakan|menyatakan|menyebutkan|melaporkan|"
    r"membenarkan|mengakui|mengumumkan|menjelaskan|mengungkapkan|menyampaikan|menegaskan|menambahkan)"
    r"\s+(?:that|bahwa)\b",
    re.I,
)
# the one spoken to is no count: "told reporters nearly 10,000 ...", "kepada wartawan"
_TOLD_BEFORE = re.compile(r"\b(?:told|tell|tells|telling|briefed|informed|kepada|memberi\s+tahu)\s+(?:the\s+)?$", re.I)
_OBLIQUE = re.compile(
    r"\b(?:in|at|near|across|inside|within|di|ke|akibat|karena|lantaran|due\s+to|caused\s+by|"
    r"because\s+of)\s+(?:(?:the|a|an|this|that|sebuah|suatu)\s+)?(?:[\w'’-]+\s+){0,2}$",
    re.I,
)
_STATE_NOUNS = frozenset({"houses", "buildings"})
# the words of a generic concept that say nothing of what befell people ("korban", "victims");
# "tewas atau terluka" is casualties too, but specific
_GENERIC_SURFACES = frozenset({"korban", "para korban", "korban-korban", "victim", "victims", "orang",
                               "warga", "people", "jiwa", "penduduk", "residents", "civilians",
                               "warga sipil", "families", "keluarga"})
_UNIT_CONCEPTS = frozenset({"tons", "hectares", "percent"})
_CLASSIFIER_WORDS = frozenset({"orang", "jiwa", "people", "persons", "warga"})
_INCLUDING = re.compile(
    r"(?:termasuk|di\s+antaranya|diantaranya|antara\s+lain|including|among\s+them|among\s+whom)"
    r"(?:\s+(?:sekitar|about|lebih\s+dari|more\s+than|some|around))?\s*$",
    re.I,
)


_STATE_BEFORE = [
    (re.compile(r"(?:merendam|menggenangi|flooded|inundated|submerged)\s+(?:\w+\s+){0,2}$", re.I), "flooded"),
    (re.compile(r"(?:merusak|menghancurkan|merobohkan|meratakan|menghanyutkan|menghanguskan|membakar|"
                r"melalap|damaged|destroyed|burned|burnt|gutted|"
                r"razed|flattened|levelled|leveled)\s+(?:\w+\s+){0,2}$", re.I), "damaged"),
]


def _refine_state(what: str, after: str, before: str = "") -> str:
    for nouns, rx, state in _STATE_AFTER:
        if what in nouns and rx.match(after):
            return f"{what}_{state}"
    for rx2, state in _STATE_BEFORE:
        if rx2.search(before) and (what == "houses" or state == "damaged"):
            return f"{what}_{state}"
    return what


def _without_entities(s: str, a: int, b: int, entities: list) -> str:  # type: ignore[type-arg]
    """Text between a and b with the names of entities taken out."""
    chars = list(s[a:b])
    for e in entities:
        for i in range(max(a, e.start), min(b, e.end)):
            chars[i - a] = " "
    return "".join(chars)


def _verb_before(s: str, pos: int) -> str | None:
    left = s[max(0, pos - 60) : pos].rstrip(" \"“'‘(")  # 'Ukraine lost “up to 620 servicemen”'
    left = _COORDINATED_OBJECT.sub("", left)  # "lost 27 tanks and 410 soldiers": the verb reaches both
    left += " " if left else ""
    tail = max(0, len(left) - 26)  # every verb ends the text and is shorter than this
    low = lower_aligned(left)
    for rx, key in _VERB_BEFORE:
        if rx.search(low, tail):
            return key
    return None


# a sentence that only tells what was reported before: "Sebelumnya, BNPB menyebut ...",
# "Previously, officials had put the toll at ...", "Kalau kemarin 20 orang, ..."
_EARLIER_SENTENCE = re.compile(
    r"^\W*(?:(?:sebelumnya|sebelum\s+ini|semula|awalnya)\b|(?:previously|earlier|initially|at\s+first|"
    r"(?:pada\s+)?(?:hari|pekan|minggu|bulan)\s+(?:sebelumnya|lalu)|last\s+(?:week|month))\s*,|"
    r"(?:last\s+(?:week|month)|(?:pekan|minggu|bulan)\s+lalu)\s)", re.I)
# a time word marking the number as an earlier value
_EARLIER_TIME_AFTER = re.compile(  # (but "since last year", "sejak bulan lalu" run up to now)
    r"(?<!since\s)(?<!sejak\s)\b(?:last\s+(?:week|month|year)|a\s+(?:week|month)\s+(?:ago|earlier)|(?:days|weeks|months)\s+"
    r"(?:ago|earlier)|(?:pekan|minggu|bulan|tahun)\s+lalu|(?:pada|di)\s+(?:awal\s+)?(?:Januari|Februari|"
    r"Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember)\s+lalu|"
    r"(?:hari|pekan)\s+sebelumnya|the\s+(?:previous|day\s+before)|earlier\s+(?:this|that)\s+(?:week|month))\b",
    re.I)
_EARLIER_TIME_BEFORE = re.compile(r"\b(?:kalau|jika|bila)\s+kemarin\b[^,;]*$|\byesterday['’]s\s+(?:\w+\s+)?$", re.I)
# every alternative of _PAST_BEFORE holds one of these
_PAST_WORDS = ("dari", "sebelumnya", "semula", "awalnya", "from", "previously", "earlier", "initially",
               "had ", "compared", "versus", "dibandingkan", "ketimbang", "rose", "risen", "climbed",
               "jumped", "increased", "grew", "fell", "dropped", "declined", "decreased", "naik",
               "bertambah", "meningkat", "melonjak", "turun", "berkurang", "menurun")
_PAST_WORD_RX = literal_union(_PAST_WORDS)
# every alternative of _EARLIER_TIME_AFTER and _EARLIER_TIME_BEFORE holds one of these
_EARLIER = ("last", "ago", "earlier", "lalu", "sebelumnya", "previous", "day before", "kemarin", "yesterday")
_EARLIER_WORDS = literal_union(_EARLIER)
# what any earlier value needs in its sentence (see _is_past): its words, or a rejected value's
_MARKING_WORDS = (*_PAST_WORDS, *_EARLIER, "bukan", "not")
_CLAUSE_END = re.compile(r"[,;.]|\b(?:dan|and|sementara|while|sedangkan)\b")
_REJECTED = re.compile(r"\b(?:bukan|not)\s*$", re.I)
_INSTEAD = re.compile(r"\s+(?:melainkan|tetapi|tapi|but|rather)\b", re.I)
_PAST_BEFORE = caseless(re.compile(
    r"(?:(?:naik|bertambah|meningkat|melonjak|turun|berkurang|menurun|direvisi)\s+(?:\w+\s+){0,2}dari"
    r"|dari\s+sebelumnya|sebelumnya(?:\s+(?:sebanyak|sekitar|hanya|tercatat|mencapai|berjumlah|"
    r"disebut|dilaporkan|diperkirakan|adalah))?|semula|awalnya|"
    r"(?:up|down|rising|falling|rose|fell|increased|decreased|climbed|jumped|revised)\s+(?:\w+\s+)?from|"
    r"previously|earlier\s+estimate\s+of|an\s+earlier|initially|"
    r"had\s+(?:said|put|estimated|reported|given|placed)(?:\s+(?:the|its|their)\s+(?:death\s+)?(?:toll|figure|"
    r"number|count|tally)(?:\s+at)?)?|"
    r"compared\s+(?:with|to)|versus|dibandingkan(?:\s+dengan)?|ketimbang|"
    r""
    r"(?:rose|risen|climbed|jumped|increased|grew|fell|dropped|declined|decreased|naik|bertambah|"
    r"meningkat|melonjak|turun|berkurang|menurun)\s+(?:to\s+|menjadi\s+)?[\d.,]+(?:\s+[a-z]+){0,2}\s+"
    r"(?:from|dari))"
    r"(?:\s+(?:sekitar|about|around|hanya|only|some|lebih\s+dari|more\s+than))?\s*\(?\s*$",
    re.I,
))


_CHANGED_TO = re.compile(r"(?:menjadi|jadi|hingga|ke|to|reaching|reached)\s+(?:sekitar\s+|about\s+|around\s+)?$", re.I)


def _is_past(s: str, m: NumberMention) -> bool:
    """True when the text marks the number as an earlier value ("naik dari 56", "up from",
    "Sebelumnya, BNPB menyebut ... 43 orang", "last week", "pada Januari lalu", "kalau kemarin")."""
    left = s[max(0, m.qualifier_start - 60) : m.qualifier_start]
    low = left.lower()
    if (_PAST_WORD_RX.search(low) and _PAST_BEFORE.search(low)) or _EARLIER_SENTENCE.match(s):
        return True
    if _REJECTED.search(left[-12:]) and _INSTEAD.match(s, m.end):
        return True  # "bukan 19 melainkan 18 orang", "not 19 but 18": 19 is the rejected value
    clause_end = _CLAUSE_END.search(s, m.end)
    after = s[m.end:(clause_end.start() if clause_end else m.end + 60)][:60]
    if not _EARLIER_WORDS.search(after.lower()) and not _EARLIER_WORDS.search(low[-30:]):
        return False
    return bool(_EARLIER_TIME_AFTER.search(after) or _EARLIER_TIME_BEFORE.search(left[-30:]))
