"""Stage 5 of extraction: attributed statements (denials, non-denials, confirmations, quotes).

Negation matters: "Putin tidak membantah" / "did not deny" is a non-denial, never a denial.
The speaker is the subject before an active verb ("Kremlin menepis", "Russia denied") or the
agent after a passive one ("dibantah Korea Utara", "denied by Pyongyang").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimwatch.extract.attribution import Attributor
from claimwatch.extract.cues import CUES, NEITHER_NOR
from claimwatch.extract.phrases import left_phrase, right_phrase
from claimwatch.lexicon.text import caseless, caseless_or_none, literal_union, lower_aligned
from claimwatch.models import Stance

_NEG = {
    "id": r"(?:(?:tidak|tak|enggan|belum|tidak\s+mau|menolak\s+untuk|urung)(?:\s+(?:mau|ingin|bisa|dapat|secara\s+tegas|langsung))?)",
    "en": r"(?:did\s+not|didn't|does\s+not|doesn't|do\s+not|don't|would\s+not|wouldn't|"
    r"could\s+not|couldn't|has\s+not|hasn't|have\s+not|haven't|had\s+not|hadn't|not|never|"
    r"declined\s+to|refused\s+to|stopped\s+short\s+of|failed\s+to|will\s+not|won't|"
    r"(?:has|have|had|is|are|was)\s+yet\s+to)"
    r"(?:\s+(?:yet|immediately|explicitly|directly|publicly|independently|outright))?",
}

_DENY_ACTIVE = {
    "id": r"(?:(?:membantah|menepis|menyangkal|menampik)(?:nya)?|menolak\s+(?:tuduhan|klaim|laporan|kabar|"
    r"tudingan|anggapan)|mengecam\s+laporan)",
    "en": r"(?:denied|denies|deny|denying|dismissed|dismisses|dismissing|rejected|rejects|"
    r"refuted|refutes|refuting|disputed|disputes)",
}
_DENY_PASSIVE = {
    "id": r"(?:dibantah|ditepis|disangkal|ditampik)",
    "en": r"(?:(?:was|were|has\s+been|have\s+been)\s+(?:denied|dismissed|rejected|refuted)\s+by)",
}
_CONFIRM_ACTIVE = {
    "id": r"(?:(?:mengonfirmasi|mengkonfirmasi|membenarkan|mengakui)(?:nya)?)",
    "en": r"(?:confirmed|confirms|confirm|confirming|acknowledged|acknowledges|acknowledge|"
    r"admitted|admits|admit)",
}
_CONFIRM_PASSIVE = {
    "id": r"(?:dikonfirmasi|dibenarkan|diakui)",
    "en": r"(?:(?:was|were|has\s+been|have\s+been)\s+(?:confirmed|acknowledged)\s+by)",
}
_NEITHER = re.compile(
    r"(?:neither\s+confirm(?:ed)?\s+nor\s+den(?:y|ied)|(?:declined|refused|would\s+not|wouldn't|did\s+not|"
    r"didn't|could\s+not|couldn't)\s+(?:to\s+)?(?:confirm\s+or\s+deny|deny\s+or\s+confirm)|tidak\s+(?:membenarkan|mengonfirmasi)\s+"
    r"(?:maupun|ataupun|atau)\s+membantah|tidak\s+membantah\s+(?:maupun|ataupun|atau)\s+"
    r"(?:membenarkan|mengonfirmasi)|(?:menolak|tidak\s+(?:dapat|bisa)|tak\s+(?:dapat|bisa)|enggan|"
    r"belum\s+(?:dapat|bisa))\s+(?:untuk\s+)?(?:mengonfirmasi|mengkonfirmasi|membenarkan)\s+"
    r"(?:atau|maupun|ataupun)\s+(?:menyangkal|membantah)|(?:would|could|did)\s+(?:neither|not)\s+"
    r"confirm\s+(?:n?or)\s+deny)",
    re.IGNORECASE,
)
# every verb and cue below holds one of these (lowercased): a sentence without any states nothing
# (Indonesian prefixes drop the first consonant: menepis, menyangkal, menampik, mengonfirmasi)
_STEMS = tuple(dict.fromkeys(
    ("bantah", "tepis", "nepis", "sangkal", "nyangkal", "tampik", "nampik", "tolak", "nolak", "kecam",
     "deni", "deny", "dismiss", "reject", "refut", "disput", "onfirm", "benar", "akui", "acknowledg",
     "admit", "neither", *(w for cues in CUES.values() for words, *_ in cues for w in words))))
_STEM_RX = literal_union(_STEMS)
_NEITHER_WORDS = ("onfirm", "membenar", "membantah")
# each cue with its words as one pattern: one search instead of a loop over the words
_GUARDED_CUES = {lang: tuple((literal_union(words), rx, stance, needs) for words, rx, stance, needs in cues)
                 for lang, cues in CUES.items()}
# (with each cue's pattern for the lower-cased sentence, where it can run there: see caseless)
_CUES_RUN = {lang: tuple((guard, rx, caseless_or_none(rx), stance, needs) for guard, rx, stance, needs in cues)
             for lang, cues in _GUARDED_CUES.items()}
_CONJUNCTIONS = frozenset({"", "but", "and", "yet", "while", "namun", "tetapi", "tapi", "dan", "serta"})
_COORDINATED = re.compile(r"(?:,|\b(?:but|and|yet|while|namun|tetapi|tapi|dan|serta|sekaligus))\s*(?:but|and|yet|namun|tetapi|tapi|dan|serta)?\s*$", re.I)
# a routine figure report ("confirmed 1,449 injured", "mengonfirmasi 312 kasus baru"), not a stance on
# someone's claim ("membenarkan angka tersebut" is one)
_NOT_A_CONFIRMATION = re.compile(
    r"\s+(?:(?:so\s+far|at\s+least|only|just|a\s+total\s+of|sebanyak|total|sedikitnya|setidaknya|"
    r"sekitar|lebih\s+dari)\s+)?(?:[\d.,]+|death|deaths|dead|toll|total|cases|case|infections|kasus|kematian|"
    r"korban|(?:number|figure|jumlah|angka)\b(?!\s+(?:tersebut|itu|ini|tadi)\b))\b",
    re.I,
)
_TOLL_WORDS = re.compile(
    r"(?i)\b(?:tewas|meninggal|korban|luka|kasus|hilang|kematian|killed|dead|deaths?|died|injur\w*|wounded|cases|"
    r"missing|infections)\b")
# a relative clause telling of an earlier stance: "tuduhan yang sebelumnya dibantah Korea Utara",
# "the report, which Moscow had earlier denied" — no new statement
_RELATIVE_BACK_REFERENCE = re.compile(
    r"(?:\byang\s+(?:sebelumnya|sempat|pernah|telah|sudah)?|,\s*which\s+(?:\w+\s+)?(?:had|has)?\s*"
    r"(?:earlier|previously|already)?)\s*(?:[\w'’-]+\s+){0,2}$", re.I)
_DISMISS_VERB = re.compile(r"(?i:rejected|rejects|rejecting|dismissed|dismisses|dismissing|disputed|disputes)")
_DISPUTED_OBJECT = re.compile(
    r"\s+(?:(?:the|a|an|these|those|such|all|any|his|her|their|its|[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*['’]s?)\s+)*"
    r"(?:[\w-]+\s+){0,3}?(?:claims?|reports?|allegations?|accusations?|accounts?|figures?|tolls?|"
    r"statements?|assertions?|suggestions?|charges?|stories|story|rumou?rs?|speculation|numbers?|"
    r"estimates?|it|them|this|that|as|any\s+(?:role|involvement|link))\b",
    re.I,
)
# "a figure the Israeli military rejected": the claim comes first
_CLAIM_BEFORE = re.compile(r"\b(?:figures?|claims?|reports?|allegations?|accounts?|tolls?|numbers?|estimates?|"
                           r"versions?|narratives?)\b", re.I)
_DITRANSITIVE = re.compile(r"\s+(?:[A-Z][\w'’-]+|him|her|them|us)\s+(?:the|a|an|any|its|their|his)\b")
_RELATIVE_BEFORE = re.compile(r"\b(?:[Kk]laim|[Kk]abar|[Ll]aporan|[Bb]erita|claims?|reports?)\s+(?:yang|that|which)\s*$")
_BACK_REFERENCE = re.compile(
    r"(?:\b(?:setelah|sesudah|usai|after|since)\s+(?:[\w'’-]+\s+){1,3}|"  # "sepekan setelah Kremlin membantah"
    r"\b(?:had|have|has)\s+(?:\w+\s+)?(?:earlier|previously|already)|\b(?:earlier|previously)|"
    r"\byang\s+(?:sebelumnya|sempat|pernah)|\bsempat|\bpernah|\bsebelumnya\s+(?:telah\s+|sudah\s+)?)"
    r"\s*(?:\w+\s+)?$",
    re.I,
)


# a verb inside the words before a cue: its subject speaks ("X described Y as ...")
_CUE_VERB = re.compile(r"\b(?:described|describes|called|calls|termed|considered|said|says|menyebut|menilai|"
                       r"menganggap|menyatakan)\b", re.I)


def _is_back_reference(sentence: str, verb_start: int) -> bool:
    return bool(_BACK_REFERENCE.search(sentence[max(0, verb_start - 40):verb_start]))


_QUOTE = re.compile(r"[\"“]([^\"“”]{2,400})[\"”]")


# not frozen: a frozen instance costs ~6x more to build, and this one is built for every
# match of every sentence; it is never changed after it is built (dataclasses.replace makes a new one)
@dataclass(slots=True, unsafe_hash=True)
class Found:
    speaker: str | None
    stance: Stance
    start: int
    end: int
    pronoun: bool
    phrase: str | None = None  # the words naming the speaker (resolved later when a pronoun)
    attributed: bool = False  # no subject: the sentence's reporting clause names the speaker
    past: bool = False  # a back-reference to an earlier stance ("had earlier denied")


class StatementFinder:
    def __init__(self, attributor: Attributor) -> None:
        self.attr = attributor
        self._active: dict[str, list[tuple[re.Pattern[str], Stance, Stance | None]]] = {}
        self._passive: dict[str, list[tuple[re.Pattern[str], Stance]]] = {}
        for lang in ("id", "en"):
            neg = _NEG[lang]
            # active and passive verbs run on the lower-cased sentence (see caseless)
            self._active[lang] = [
                (caseless(re.compile(rf"(?<!\w)(?:{neg}\s+)?{_DENY_ACTIVE[lang]}(?!\w)", re.I)),
                 Stance.DENIAL, Stance.NON_DENIAL),
                # "has not confirmed", "belum mengonfirmasi": a side that sidesteps, a non-denial
                (caseless(re.compile(rf"(?<!\w)(?:{neg}\s+)?{_CONFIRM_ACTIVE[lang]}(?!\w)", re.I)),
                 Stance.CONFIRMATION, Stance.NON_DENIAL),
            ]
            self._passive[lang] = [
                (caseless(re.compile(rf"(?<!\w){_DENY_PASSIVE[lang]}(?!\w)\s*(?:oleh\s+)?", re.I)), Stance.DENIAL),
                (caseless(re.compile(rf"(?<!\w){_CONFIRM_PASSIVE[lang]}(?!\w)\s*(?:oleh\s+)?", re.I)),
                 Stance.CONFIRMATION),
            ]
        self._neg = {lg: re.compile(rf"^{_NEG[lg]}\s", re.I) for lg in ("id", "en")}

    def find(self, sentence: str, lang: str) -> list[Found]:
        lang = lang if lang in self._active else "id"
        out: list[Found] = []
        low = lower_aligned(sentence)  # (offsets kept: the verbs run on it)
        if not _STEM_RX.search(low):
            return out
        # every alternative of _NEITHER holds one of these
        neither = _NEITHER.search(sentence) if any(w in low for w in _NEITHER_WORDS) else None
        if neither:
            start, who = left_phrase(sentence, neither.start())
            speaker = self.attr.canonical(who)
            out.append(Found(speaker, Stance.NON_DENIAL, start, neither.end(), speaker is None, who))
        taken = [(neither.start(), neither.end())] if neither else []
        for nn in NEITHER_NOR.finditer(sentence):
            for g in ("a", "b"):
                party = self.attr.canonical(nn.group(g))
                if party:
                    out.append(Found(party, Stance.NON_DENIAL, nn.start(g), nn.end(), False, nn.group(g)))
            taken.append((nn.start(), nn.end()))
        actives = sorted(((m, stance, negated) for rx, stance, negated in self._active[lang]
                          for m in rx.finditer(low)), key=lambda t: t[0].start())
        for m, stance, negated in actives:
            if _overlaps(taken, m.start(), m.end()):
                continue
            is_neg = bool(self._neg[lang].match(m.group(0)))
            st = negated if is_neg and negated else stance
            if st == Stance.DENIAL and _DISMISS_VERB.fullmatch(m.group(0).split()[-1]) and not _DISPUTED_OBJECT.match(
                    sentence, m.end()) and not (re.match(r"\s*(?:[.,;]|$)", sentence[m.end():]) and _CLAIM_BEFORE.search(
                    sentence[max(0, m.start() - 60):m.start()])):
                continue  # "rejected the budget bill", "dismissed the minister": no claim denied
            if _DITRANSITIVE.match(sentence, m.end()) or _RELATIVE_BEFORE.search(sentence[:m.start()]) or (
                    _is_back_reference(sentence, m.start()) and _RELATIVE_BACK_REFERENCE.search(sentence[:m.start()])):
                continue  # "denied Moscow the quick victory"; "klaim yang menyangkal serangan itu"
            if st == Stance.CONFIRMATION and _NOT_A_CONFIRMATION.match(sentence, m.end()) and _TOLL_WORDS.search(
                    sentence, m.end(), m.end() + 60):
                continue  # "the confirmed death toll", "confirmed 1,449 injured": a figure, no stance
            if st == Stance.CONFIRMATION and re.search(r"(?:\bthe|\bits|\btheir|['’]s|\byang\s+telah|\byang)\s*$",
                                                       sentence[:m.start()], re.I):
                continue  # an adjective or relative participle: "Turkey's confirmed toll"
            # passive participles are handled below; "denied by" is not an active denial
            if re.match(r"\s+by\b", sentence[m.end():], re.I):
                continue
            apposed = self.attr.appositive_before(sentence, m.start())  # "Jubir X, Nama, membantah"
            phrase = None
            if apposed is not None:
                start, speaker, pron = apposed[0], apposed[1], False
            else:
                start, left = left_phrase(sentence, m.start())
                phrase = left
                pron = self.attr.refers(left)
                speaker = None if pron else self.attr.canonical(left)
                if speaker is None and left.strip().lower() in _CONJUNCTIONS and out and _COORDINATED.search(
                        sentence[out[-1].end:start]):
                    speaker, pron, phrase = out[-1].speaker, out[-1].pronoun, out[-1].phrase  # "confirmed ..., but rejected"
            if speaker is None and not pron:
                # "penyelidik Rusia menyatakan bahwa hasil tes genetik mengonfirmasi ...": the
                # sentence's reporting clause names the side
                out.append(Found(None, st, m.start(), m.end(), False, None, attributed=True,
                                 past=_is_back_reference(sentence, m.start())))
                taken.append((m.start(), m.end()))
                continue
            out.append(Found(speaker, st, start, m.end(), pron, phrase,
                             past=_is_back_reference(sentence, m.start())))
            taken.append((m.start(), m.end()))
        for guard, rx, rx_low, stance, needs_speaker in _CUES_RUN[lang]:
            if not guard.search(low):
                continue
            for m in rx.finditer(sentence) if rx_low is None else rx_low.finditer(low):
                if _overlaps(taken, m.start(), m.end()):
                    continue
                # a cue with a context before its verb ("Asked about ..., X merely answered"): X speaks
                at = m.start("verb") if "verb" in rx.groupindex and m.group("verb") else m.start()
                start, left = left_phrase(sentence, at)
                verb = None if needs_speaker else _CUE_VERB.search(left)
                if verb is not None:  # "the ministry described cooperation with X as a sovereign matter"
                    start, left = left_phrase(sentence, start + verb.start())
                pron = self.attr.refers(left) and not needs_speaker
                speaker = None if pron or needs_speaker else self.attr.canonical(left)
                apposed = None if needs_speaker else self.attr.appositive_before(sentence, m.start())
                if apposed is not None:  # "Pemimpin junta Mali, Assimi Goita, memuji ..."
                    speaker, pron = apposed[1], False
                elif speaker is None and not needs_speaker and left.strip().lower() in _CONJUNCTIONS and out and \
                        _COORDINATED.search(sentence[out[-1].end:start]):
                    speaker, pron = out[-1].speaker, out[-1].pronoun  # "membantah ... dan menyebut laporan itu rumor"
                out.append(Found(speaker, stance, m.start(), m.end(), pron, left if pron else None,
                                 attributed=speaker is None and not pron))
                taken.append((m.start(), m.end()))
        for rx, stance in self._passive[lang]:
            for m in rx.finditer(low):
                if _overlaps(taken, m.start(), m.end()):
                    continue
                # "tidak dibantah" is rare and not a stance of anyone named
                before = sentence[: m.start()].rstrip().lower()
                if before.endswith(("tidak", "tak", "not")) or _RELATIVE_BACK_REFERENCE.search(sentence[: m.start()]):
                    continue  # (or "yang sebelumnya dibantah Moskow": a back-reference)
                end, phrase = right_phrase(sentence, m.end(), lang)
                speaker = self.attr.canonical(phrase)
                if speaker is None:
                    continue
                out.append(Found(speaker, stance, m.start(), end, False))
        out.sort(key=lambda f: f.start)
        return out

    @staticmethod
    def quote(sentence: str) -> str | None:
        m = _QUOTE.search(sentence)
        return m.group(1).strip() if m else None


def _overlaps(spans: list[tuple[int, int]], a: int, b: int) -> bool:
    return any(a < e and s < b for s, e in spans)
