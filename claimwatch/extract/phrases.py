"""Cutting the noun phrase of a speaker out of a sentence, left or right of a reporting verb."""

from __future__ import annotations

import re

_LEFT_STOP = re.compile(
    r"(?:[,;:“”\"]|\s[-–—]\s|\b(?:bahwa|that|yang|which|who|karena|because|setelah|after|when|ketika|saat|"
    r"dan|and|while|sementara|Namun|However|But|Meanwhile|Sementara)\b)"
)
_RIGHT_STOP = re.compile(
    r"""\s*(?:[,;:.!?“”"]|\s\((?!\w{1,6}\))|$|\s(?:
        pada|kepada|di|dalam|saat|ketika|seperti|sebagaimana|dikutip|dilansir|melalui|lewat|
        mengutip|sejak|hari|Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu|kemarin|bahwa|yang|
        on|in|at|to|via|told|citing|as|during|after|before|that|who|which|late|early|last|this|
        Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|said|says|
        sebanyak|sekitar|mencapai|ada|adalah|telah|sudah|tercatat|menunjukkan|showed|show)\b)""",
    re.VERBOSE,
)


# a comma-enclosed adverbial between a subject and its verb: "Russia, however, denied",
# "Rusia, beberapa hari sebelumnya, menyangkal"
_ASIDE_BEFORE_VERB = re.compile(
    r",\s*(?:however|though|meanwhile|in\s+turn|for\s+its\s+part|for\s+his\s+part|for\s+her\s+part|"
    r"too|also|later|earlier|previously|in\s+a\s+statement|on\s+\w+day|pun|sendiri|sementara\s+itu|"
    r"kemudian|sebelumnya|[a-z]+\s+(?:hari|pekan|minggu|bulan)\s+(?:sebelumnya|lalu|kemudian)|"
    r"(?:pada\s+)?(?:hari\s+)?(?:Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu)(?:\s+\([^)]*\))?|"
    r"(?:which|who|yang)\b[^,]{0,100}|(?:citing|quoting|mengutip)\s+[^,]{1,60}|"
    r"(?:lewat|melalui|dalam|via|in|through)\s+(?:a\s+|an\s+|the\s+|sebuah\s+)?(?:laporan|pernyataan|keterangan|"
    r"rilis|siaran\s+pers|konferensi\s+pers|unggahan|akun|report|statement|briefing|post|press\s+release)"
    r"[^,]{0,80})\s*,\s*$",
    re.IGNORECASE,
)


# a capitalised name and a conjunction just before the cut: "the United States and", "UNHCR dan"
_JOINED_NAMES = re.compile(r"(?:(?<=^)|(?<=[\s,(\-–—]))(?:the\s+)?(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*"
                           r"(?:\s+\([A-Z][\w-]*\))?\s+(?:and|dan|serta)\s*$")


# an item of a list of names: opened by the sentence, a comma or a parenthesis ("in Russia," is none)
_LIST_ITEM = re.compile(r"(?:(?<=^)|(?<=,\s)|(?<=,)|(?<=\())(?:the\s+)?(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*\s*,\s*$")


def left_phrase(s: str, verb_start: int) -> tuple[int, str]:
    """The noun phrase ending at ``verb_start``, cut at the nearest clause boundary."""
    # (each pattern below ends on what is checked before it: a comma, a conjunction)
    aside = _ASIDE_BEFORE_VERB.search(s, 0, verb_start) if s[:verb_start].rstrip().endswith(",") else None
    if aside is not None and not s[aside.end():verb_start].strip():
        verb_start = aside.start()
    left = s[:verb_start].rstrip()
    # swallow a parenthesis that belongs to the phrase: "Amerika Serikat (AS)"
    cut = 0
    for m in _LEFT_STOP.finditer(left):
        if _in_parens(left, m.start()):
            continue
        cut = m.end()
    joined = _JOINED_NAMES.search(left, 0, cut) if cut and left[:cut].rstrip().endswith(("and", "dan", "serta")) \
        else None
    if joined is not None and joined.end() == cut and re.sub(r"^the\s+", "", left[cut:].strip())[:1].isupper():
        cut = joined.start()  # "Amerika Serikat dan Korea Selatan mengatakan": both speak
        for _ in range(3):  # "Japan, South Korea and the United States said": a list of them
            item = _LIST_ITEM.search(left, 0, cut)
            if item is None or item.end() != cut:
                break
            cut = item.start()
    phrase = _TRAILING_ADVERBS.sub("", left[cut:])
    lead = len(phrase) - len(phrase.lstrip())
    words = phrase.split()
    if len(words) > 10:  # too long to be a speaker phrase
        keep = " ".join(words[-6:])
        return verb_start - len(keep), keep
    return cut + lead, phrase.strip()


_TRAILING_ADVERBS = re.compile(
    r"(?:\s+(?:sebelumnya|juga|telah|sudah|pun|kembali|sempat|bahkan|secara\s+\w+|dengan\s+tegas|"
    r"langsung|lagi|kemudian|hanya|tak|tidak|belum|enggan|masih|pernah|akhirnya|also|previously|"
    r"earlier|has|had|have|flatly|strongly|publicly|officially|later|then|again|separately|recently|"
    r"initially|repeatedly|not|never|did|didn't|does|do|would|could|will|may|had\s+not|"
    r"sejauh\s+ini|so\s+far|hingga\s+kini|sampai\s+(?:kini|saat\s+ini)|hingga\s+saat\s+ini|yet|"
    r"(?:pada\s+)?(?:hari\s+)?(?:Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu)|on\s+\w+day|"
    r"in\s+a\s+statement|dalam\s+(?:sebuah\s+)?(?:pernyataan|keterangan)(?:\s+\w+)?))+\s*$",
    re.IGNORECASE,
)


# a title that names a unit by a list of its fields: "Kepala Pusat Data, Informasi dan Komunikasi"
_TITLE_LIST = re.compile(r",\s*(?:[A-Z][\w-]*\s+){1,3}(?:dan|and|&)\s+[A-Z]")
_HEAD_OF = re.compile(r"\s*(?:Kepala|Ketua|Direktur|Deputi|Head|Director|Chief)\b")


def right_phrase(s: str, start: int, lang: str) -> tuple[int, str]:
    """The noun phrase starting at ``start``, cut at the next clause boundary."""
    m = _RIGHT_STOP.search(s, start + 1)
    end = m.start() if m else len(s)
    if m is not None and s.startswith(",", end) and _TITLE_LIST.match(s, end) and _HEAD_OF.match(s, start):
        m = _RIGHT_STOP.search(s, _TITLE_LIST.match(s, end).end())  # type: ignore[union-attr]
        end = m.start() if m else len(s)  # "Kepala Pusat Data, Informasi dan Komunikasi ... BNPB X"
    # keep "Amerika Serikat (AS)" whole
    if end < len(s) and s[end:].lstrip().startswith("("):
        close = s.find(")", end)
        if 0 < close - end < 12:
            end = close + 1
    return end, s[start:end].strip()


def _in_parens(s: str, pos: int) -> bool:
    return s.rfind("(", 0, pos) > s.rfind(")", 0, pos)


def clause_start(s: str, pos: int) -> bool:
    """True when ``pos`` opens a clause (sentence start or right after a comma/connective)."""
    before = s[:pos].rstrip()
    return not before or before.endswith((",", ";", ":")) or bool(
        re.search(r"(?:^|\s)(?:namun|tetapi|sementara|and|but|however|while)$", before, re.IGNORECASE)
    )
