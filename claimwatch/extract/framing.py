"""Stage 3b of extraction: how the text frames a number, before anyone reads what it counts.

A number that names a count in a sentence is not always a figure of the story:

- **measures** — percentages, money, magnitudes ("7.8-magnitude", "7,7 skala Richter", "magnitudo
  7"), rates ("22 per 100.000 penduduk") and any value that is not a whole count ("4,5");
- **vague quantities** — "ratusan", "thousands", "several hundred": no value to track;
- **projections** — "could top 20,000", "expected to exceed 3,000", "diperkirakan akan melampaui
  3.000": a forecast, not a count that stands now;
- **deltas** — "two more soldiers", "another 38", "bertambah 38 orang", "increased by three":
  a change, not a toll.

Of the figures that remain, some are **increments** (a day's finds: "three bodies were found
today", "in the past 24 hours", "kasus baru hari ini"): counted, but never a new value of the
toll they add to.
"""

from __future__ import annotations

import re

from claimwatch.extract.numbers import NumberMention
from claimwatch.lexicon.text import caseless, literal_union

_CURRENCY_OR_PERCENT = frozenset({"percent", "percentage_point"})

_MAGNITUDE_BEFORE = re.compile(
    r"(?:magnitud[eo]|\bskala(?:\s+richter)?|berkekuatan|\bkekuatan|\bM|\bMw|\bSR|richter|"
    r"guncangan|gempa(?:\s+bumi)?(?:\s+(?:berkekuatan|bermagnitudo|magnitudo))?)\s*[:=-]?\s*$",
    re.I,
)
_MAGNITUDE_AFTER = re.compile(
    r"^\s*-?\s*(?:magnitud[eo]|M\b|Mw\b|SR\b|skala\s+richter|on\s+the\s+richter|richter|degrees?\b|"
    r"derajat|points?\s+on\s+the)",
    re.I,
)
_RATE_AFTER = re.compile(r"^\s*(?:per|/|tiap|setiap)\s*(?:[\d.,]+|seratus|seribu|kapita|capita)\b", re.I)
_RATE_BEFORE = re.compile(r"(?:\bper|/|\btiap|\bsetiap)\s*$", re.I)

# a level, phase or number that names something rather than counting it
_LABEL_BEFORE = caseless(re.compile(
    r"\b(?:siaga|level|status|waspada|awas|fase|phase|tahap|stage|gelombang|wave|zona|zone|"
    r"kelas|class|tingkat|grade|category|kategori|nomor\s+urut|no\.?\s+urut|pair\s+number|"
    r"number|nomor|no\.|paslon|pasangan\s+calon|urutan|ranked|peringkat|rank|tier|type|tipe|"
    r"decree\s+number|keputusan\s+nomor|bintang|star)\s*$", re.I))

_MODAL = (
    r"(?:could|might|may|would|will|is\s+likely\s+to|are\s+likely\s+to|likely\s+to|"
    r"(?:is|are|was|were)\s+(?:expected|projected|feared|forecast|set|poised)\s+to|expected\s+to|"
    r"projected\s+to|feared\s+to|set\s+to|threatens?\s+to|diperkirakan(?:\s+(?:akan|bisa|dapat|"
    r"terus))?|diprediksi(?:\s+(?:akan|bisa))?|diproyeksikan(?:\s+(?:akan|bisa))?|berpotensi|"
    r"dikhawatirkan(?:\s+akan)?|bisa|dapat|akan|kemungkinan(?:\s+(?:akan|besar))?)"
)
_MOTION = (
    r"(?:top|exceed|surpass|reach|rise|climb|go\s+up|hit|pass|double|soar|increase|grow|"
    r"melampaui|mencapai|menembus|bertambah|naik|melebihi|meningkat|melonjak|menyentuh)"
)
_PROJECTION = caseless(re.compile(
    rf"\b{_MODAL}(?:\s+(?:still|further|even|well|easily|terus|lagi|lebih|jauh))*\s+{_MOTION}\w*"
    r"(?:\s+(?:to|hingga|sampai|menjadi|ke|beyond|past|above|over|well\s+over|lebih\s+dari|more\s+than|"
    r"sekitar|about|around))?\s*$",
    re.I,
))
_TO_TOTAL = re.compile(r"\s*(?:hingga|menjadi|sampai|to)\b", re.I)
_DELTA_BEFORE = caseless(re.compile(
    r"(?:\banother|\ban?\s+(?:additional|further)|\bbertambah(?!\s+(?:hingga|menjadi|sampai))|\bincreased\s+by|\brose\s+by|"
    r"\bup\s+by|\bjumped\s+by|\bclimbed\s+by|\bgrew\s+by|\bnaik|\bmeningkat|\btambahan|"
    r"\bbertambah\s+lagi|\bdown\s+by|\bfell\s+by|\bberkurang|\bturun)\s*$",
    re.I,
))
_DELTA_AFTER = re.compile(r"^\s*(?:more|additional|extra|lagi)\b", re.I)
_NOT_DELTA_AFTER = re.compile(r"^\s*(?:than|dari|persen|percent|%)", re.I)

_INCREMENT = re.compile(
    r"\b(?:(?:found|recovered|retrieved|pulled|discovered|added|ditemukan|dievakuasi|bertambah)"
    r"(?:\s+[\w-]+){0,4}?\s+(?:today|overnight|on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday)|hari\s+ini|pada\s+hari\s+ini|kemarin|(?:pagi|siang|sore|malam)\s+ini|this\s+"
    r"(?:morning|afternoon|evening)|tonight)|kembali\s+ditemukan|(?:were|was)\s+(?:also\s+)?found\s+again|"
    r"on\s+(?:Monday|Tuesday|Wednesday|"
    r"Thursday|Friday|Saturday|Sunday)\s+alone|(?:in|over)\s+the\s+(?:past|last)\s+(?:(?:24|twenty-four|48)\s+"
    r"hours|day)|in\s+a\s+single\s+day|per\s+day|a\s+day(?!\s+(?:earlier|before|ago|later))|each\s+day|"
    r"every\s+day|daily|"
    r"dalam\s+(?:24|48)\s+jam\s+terakhir|sehari|per\s+hari|setiap\s+hari|tiap\s+hari)\b",
    re.I,
)
# a sentence that opens with the period it counts: "Dalam 24 jam terakhir, ...", "In the past 24 hours, ..."
_INCREMENT_LEAD = re.compile(r"^\W*(?:dalam|selama)\s+(?:24|48)\s+jam\s+terakhir\s*,|^\W*(?:in|over|during)\s+the\s+"
                             r"(?:past|last)\s+(?:24|twenty-four|48)\s+hours\s*,", re.I)
# "new cases", "kasus baru sebanyak", "kembali menemukan tiga jenazah" (but "baru enam orang" is "only six")
_NEW_BEFORE = re.compile(r"\b(?:new|fresh|(?:kasus|pasien|infeksi|korban)\s+baru(?:\s+sebanyak)?|"
                         r"kembali\s+(?:menemukan|mengevakuasi|ditemukan|dievakuasi)|found\s+another|"
                         r"recovered\s+another)\s*$", re.I)
_NEW_AFTER = re.compile(r"^\s*(?:\w+\s+){0,1}(?:baru|new)\b", re.I)


_GROUPS_AFTER = re.compile(
    r"^\s+(?:\w+\s+)?(?:kelompok|pihak|kubu|faksi|sisi|negara\s+itu|groups?|sides|factions|parties|camps)\b", re.I)
_THOSE_AFTER = re.compile(r"^\s+(?:[\w-]+\s+){1,2}(?:itu|tersebut)\b", re.I)
_STAR_RANK = re.compile(r"^-?\s*(?:star|bintang)\b", re.I)


def non_figure(s: str, m: NumberMention, follows_figure: bool = False) -> str | None:
    """Why the mention is not a figure of the story (None when it may be one).

    ``follows_figure``: another figure comes earlier in the sentence; then "another 8.6 million
    are displaced" or "an additional 790 deaths in rebel-held areas" counts a further group,
    not a change.
    """
    if m.unit is not None:
        return "measure"
    if m.value != int(m.value) or (m.value_max is not None and m.value_max != int(m.value_max)):
        return "measure"
    if m.vague:
        return "vague"
    left = s[max(0, m.qualifier_start - 40):m.qualifier_start]
    right = s[m.end:m.end + 30]
    near = f"{left[-25:]} {right}".lower()
    if _MAGNITUDE_RX.search(near) and (_MAGNITUDE_BEFORE.search(left) or _MAGNITUDE_AFTER.match(right)):
        return "measure"
    if _RATE_RX.search(near) and (_RATE_AFTER.match(right) or _RATE_BEFORE.search(left)):
        return "measure"
    if _LABEL_BEFORE.search(left[-30:].lower()) or _STAR_RANK.match(right):
        return "label"  # "Jenderal bintang empat", "a four-star general"
    if m.value <= 20 and (_GROUPS_AFTER.match(right) or _THOSE_AFTER.match(right)):
        return "label"  # "dua kelompok warga", "two warring factions", "tujuh desa itu": no count
    wide = s[max(0, m.qualifier_start - 70):m.start]  # "akan melampaui 3.000": the hedge is the verb
    low = wide.lower()
    if _MODAL_RX.search(low) and _PROJECTION.search(low):
        return "projection"
    if not follows_figure and not _NOT_DELTA_AFTER.match(right) and (
            _DELTA_AFTER.match(right) or (_DELTA_BEFORE.search(s[max(0, m.qualifier_start - 25):m.qualifier_start].lower())
                                          and not _TO_TOTAL.match(s, m.qualifier_start, m.start))):
        return "delta"  # (but "bertambah hingga 284 jiwa" says the new total)
    return None


_MAGNITUDE_WORDS = ("magnitud", "skala", "kekuatan", "richter", "sr", "mw", "m ", "m-", "degree", "derajat",
                    "gempa", "guncangan", "point")
_RATE_WORDS = ("per", "/", "tiap")
_MODAL_WORDS = ("could", "might", "may", "would", "will", "likely", "expected", "projected", "feared",
                "forecast", "set to", "poised", "threat", "diperkirakan", "diprediksi", "diproyeksikan",
                "berpotensi", "dikhawatirkan", "bisa", "dapat", "akan", "kemungkinan")
_MAGNITUDE_RX = literal_union(_MAGNITUDE_WORDS)
_RATE_RX = literal_union(_RATE_WORDS)
_MODAL_RX = literal_union(_MODAL_WORDS)
# every alternative of _INCREMENT holds one of these (lowercased)
_INCREMENT_WORDS = literal_union(("found", "recovered", "retrieved", "pulled", "discovered", "added", "ditemukan",
                                  "dievakuasi", "bertambah", "alone", "24", "twenty-four", "48", "day", "daily",
                                  "jam", "hari"))


def is_increment(s: str, m: NumberMention, clause_end: int) -> bool:
    """A day's count ("found today", "in the past 24 hours", "kasus baru"), not a running total."""
    before = s[max(0, m.qualifier_start - 30):m.qualifier_start]
    after = s[m.end:clause_end]
    if _NEW_BEFORE.search(before) or _NEW_AFTER.match(after) or _INCREMENT_LEAD.match(s[:m.qualifier_start]):
        return True
    return bool(_INCREMENT_WORDS.search(after.lower()) and _INCREMENT.search(after))


MEASURE_UNITS = _CURRENCY_OR_PERCENT
