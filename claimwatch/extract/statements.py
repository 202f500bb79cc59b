"""Stage 5 of extraction: attributed statements (denials, non-denials, confirmations, quotes).

Negation matters: "Putin tidak membantah" / "did not deny" is a non-denial, never a denial.
The speaker is the subject before an active verb ("Kremlin menepis", "Russia denied") or the
agent after a passive one ("dibantah Korea Utara", "denied by Pyongyang").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimwatch.extract.attribution import Attributor
from claimwatch.extract.phrases import left_phrase, right_phrase
from claimwatch.models import Stance

_NEG = {
    "id": r"(?:(?:tidak|tak|enggan|belum|tidak\s+mau|menolak\s+untuk|urung)(?:\s+(?:mau|ingin|bisa|dapat|secara\s+tegas|langsung))?)",
    "en": r"(?:did\s+not|didn't|does\s+not|doesn't|do\s+not|don't|would\s+not|wouldn't|"
    r"could\s+not|couldn't|has\s+not|hasn't|have\s+not|haven't|had\s+not|hadn't|not|never|"
    r"declined\s+to|refused\s+to|stopped\s+short\s+of|failed\s+to|will\s+not|won't)"
    r"(?:\s+(?:yet|immediately|explicitly|directly|publicly|independently|outright))?",
}

_DENY_ACTIVE = {
    "id": r"(?:membantah|menepis|menyangkal|menampik|menolak\s+(?:tuduhan|klaim|laporan|kabar|"
    r"tudingan|anggapan)|mengecam\s+laporan)",
    "en": r"(?:denied|denies|deny|denying|dismissed|dismisses|dismissing|rejected|rejects|"
    r"refuted|refutes|refuting|disputed|disputes)",
}
_DENY_PASSIVE = {
    "id": r"(?:dibantah|ditepis|disangkal|ditampik)",
    "en": r"(?:(?:was|were|has\s+been|have\s+been)\s+(?:denied|dismissed|rejected|refuted)\s+by)",
}
_CONFIRM_ACTIVE = {
    "id": r"(?:mengonfirmasi|mengkonfirmasi|membenarkan|mengakui)",
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
    r"(?:membenarkan|mengonfirmasi))",
    re.IGNORECASE,
)
_CONJUNCTIONS = frozenset({"", "but", "and", "yet", "while", "namun", "tetapi", "tapi", "dan", "serta"})
_COORDINATED = re.compile(r"(?:,|\b(?:but|and|yet|while|namun|tetapi|tapi|dan|serta|sekaligus))\s*(?:but|and|yet|namun|tetapi|tapi|dan|serta)?\s*$", re.I)
_QUOTE = re.compile(r"[\"“]([^\"“”]{2,400})[\"”]")


@dataclass(frozen=True, slots=True)
class Found:
    speaker: str | None
    stance: Stance
    start: int
    end: int
    pronoun: bool
    phrase: str | None = None  # the words naming the speaker (resolved later when a pronoun)


class StatementFinder:
    def __init__(self, attributor: Attributor) -> None:
        self.attr = attributor
        self._active: dict[str, list[tuple[re.Pattern[str], Stance, Stance | None]]] = {}
        self._passive: dict[str, list[tuple[re.Pattern[str], Stance]]] = {}
        for lang in ("id", "en"):
            neg = _NEG[lang]
            self._active[lang] = [
                (re.compile(rf"(?<!\w)(?:{neg}\s+)?{_DENY_ACTIVE[lang]}(?!\w)", re.I),
                 Stance.DENIAL, Stance.NON_DENIAL),
                (re.compile(rf"(?<!\w)(?:{neg}\s+)?{_CONFIRM_ACTIVE[lang]}(?!\w)", re.I),
                 Stance.CONFIRMATION, None),
            ]
            self._passive[lang] = [
                (re.compile(rf"(?<!\w){_DENY_PASSIVE[lang]}(?!\w)\s*(?:oleh\s+)?", re.I), Stance.DENIAL),
                (re.compile(rf"(?<!\w){_CONFIRM_PASSIVE[lang]}(?!\w)\s*(?:oleh\s+)?", re.I),
                 Stance.CONFIRMATION),
            ]
        self._neg = {lg: re.compile(rf"^{_NEG[lg]}\s", re.I) for lg in ("id", "en")}

    def find(self, sentence: str, lang: str) -> list[Found]:
        lang = lang if lang in self._active else "id"
        out: list[Found] = []
        neither = _NEITHER.search(sentence)
        if neither:
            start, who = left_phrase(sentence, neither.start())
            speaker = self.attr.canonical(who)
            out.append(Found(speaker, Stance.NON_DENIAL, start, neither.end(), speaker is None, who))
        taken = [(neither.start(), neither.end())] if neither else []
        actives = sorted(((m, stance, negated) for rx, stance, negated in self._active[lang]
                          for m in rx.finditer(sentence)), key=lambda t: t[0].start())
        for m, stance, negated in actives:
            if _overlaps(taken, m.start(), m.end()):
                continue
            is_neg = bool(self._neg[lang].match(m.group(0)))
            if is_neg and negated is None:
                continue  # "did not confirm" states nothing
            st = negated if is_neg and negated else stance
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
                continue
            out.append(Found(speaker, st, start, m.end(), pron, phrase))
            taken.append((m.start(), m.end()))
        for rx, stance in self._passive[lang]:
            for m in rx.finditer(sentence):
                if _overlaps(taken, m.start(), m.end()):
                    continue
                # "tidak dibantah" is rare and not a stance of anyone named
                before = sentence[: m.start()].rstrip().lower()
                if before.endswith(("tidak", "tak", "not")):
                    continue
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
