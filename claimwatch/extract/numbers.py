"""Numbers in Indonesian ("id") and English ("en") news: find, parse and format them.

``find_numbers`` works in five stages:

1. phone numbers and ISO dates are claimed whole (never figures);
2. digit atoms: optional currency prefix ("Rp", "US$", "€"), the digits, scale words ("ribu",
   "juta", "bn"; "M"/"T"/"K" only after a currency, or a glued "k"), then "%"/"persen"/
   "percent" or a currency word ("rupiah", "dollars"), then post-qualifiers;
3. word atoms: vague plurals ("ribuan", "tens of thousands") and spelled-out numbers;
4. ranges: two atoms joined by a dash, "hingga"/"sampai"/"to", or "antara/between X dan/and Y";
   a scale, currency or percent written once is shared ("10-12 juta" -> 10e6..12e6). "dari/from
   X to Y" is a change, not a range; "3-1" (small integers, not increasing) is a score;
5. qualifiers set bound/approx; the context sets ``excluded`` (values of excluded mentions are
   best effort).

Separators (``parse_number``): a dot or comma followed by digits that are not exactly three is a
decimal mark ("1.5 juta" and "1,5 juta" are both 1.5 million); repeated marks of one kind, or
both kinds, follow the usual grouping ("1.500.000", "1.234,5", "1,234.5"). One mark followed by
exactly three digits is ambiguous: the locale's grouping mark ("." in id, "," in en) groups;
the other mark groups too when no scale word follows ("12.000" in English text and "1,500" in
Indonesian text are read 12000 and 1500, because news almost never prints three decimals), but
is a decimal before a scale word ("$1.125 billion", "Rp1,125 triliun"). Babel's strict parser
reads en "12.000" as 12.0, hence our own parser; Babel formats.

Qualifiers (before the number, may stack; the first directional one read wins):
ABOUT+approx: sekitar, kurang lebih, kira-kira, about, around, roughly, approximately, some,
(an) estimated, circa; post "3.000-an", "or so", "-odd" (Indonesian estimate verbs such as
"ditaksir/diperkirakan mencapai" stay EXACT, as in the golden corpus).
AT_MOST+approx: hampir, nyaris, mendekati, nearly, almost, close to, just under.
AT_LEAST: lebih dari, di atas, setidaknya, sedikitnya, paling sedikit, minimal, more than, over,
upwards of, at least, no fewer than; post "or more", "+", "-plus", "ke atas"; post "500 lebih"
is AT_LEAST+approx. AT_MOST: hingga, sampai, maksimal, paling banyak, kurang dari, di bawah, up
to, as many as, less than, fewer than, under; post "or less". EXACT (no effect, but part of the
qualifier span): sebanyak, mencapai, sejumlah, a total of. Vague plurals are AT_LEAST+approx
(lower bounds in ``numwords``). A 19xx/20xx number is a year unless a counting qualifier
("sebanyak", "more than") precedes it or a counted noun ("orang", "troops") follows it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from decimal import Decimal

from babel.numbers import format_decimal

from claimwatch.extract import numwords as nw
from claimwatch.extract.numwords import words_to_number
from claimwatch.lexicon.text import lower_aligned
from claimwatch.models import Bound

__all__ = ["NumberMention", "find_numbers", "format_number", "parse_number", "words_to_number"]


# not frozen: a frozen instance costs ~6x more to build, and this one is built for every
# match of every sentence; it is never changed after it is built (dataclasses.replace makes a new one)
@dataclass(slots=True, unsafe_hash=True)
class NumberMention:
    value: float
    value_max: float | None
    start: int
    end: int
    approx: bool
    bound: Bound
    unit: str | None
    qualifier_start: int
    text: str
    from_words: bool
    excluded: str | None
    vague: bool = False  # "ratusan", "thousands", "several hundred": a lower bound, not a count


# --- parsing and formatting -----------------------------------------------------------------

_SHAPE = re.compile(r"[0-9]+(?:[.,][0-9]+)*")
_SEP = re.compile(r"[.,]")


def _groups_ok(groups: list[str]) -> bool:
    head = groups[0]
    return 1 <= len(head) <= 3 and head[0] != "0" and all(len(g) == 3 for g in groups[1:])


def _num(digits: str, frac: str = "") -> float:
    return float(Decimal(f"{digits}.{frac}" if frac else digits))


def _parse(tok: str, lang: str, scaled: bool = False) -> float | None:
    if len(tok) > 40 or not _SHAPE.fullmatch(tok):
        return None
    last = max(tok.rfind("."), tok.rfind(","))
    if last < 0:
        return _num(tok)
    mark, parts = tok[last], _SEP.split(tok)
    if "." in tok and "," in tok:  # both kinds: the last one is the decimal mark
        groups = _SEP.split(tok[:last])
        if tok.count(mark) != 1 or not _groups_ok(groups):
            return None
        return _num("".join(groups), parts[-1])
    if len(parts) > 2:
        return _num("".join(parts)) if _groups_ok(parts) else None
    grouping = "." if lang == "id" else ","
    if len(parts[1]) == 3 and _groups_ok(parts) and (mark == grouping or not scaled):
        return _num("".join(parts))
    return _num(parts[0], parts[1])


def parse_number(token: str, lang: str) -> float | None:
    """'12.000' -> 12000 (id), '1,5' -> 1.5 (id), '12,000' -> 12000 (en), '1.5' -> 1.5 (en)."""
    try:
        return _parse(token.strip(), lang)
    except Exception:
        return None


def format_number(value: float, lang: str) -> str:
    """Babel's decimal format for 'id' ('12.000', '1,5') or 'en' ('12,000', '1.5')."""
    try:
        d = Decimal(repr(float(value)))
        if d == d.to_integral_value():
            d = d.quantize(Decimal(1))
        return format_decimal(d, locale="id" if lang == "id" else "en", decimal_quantization=False)
    except Exception:
        return str(value)


# --- atoms ----------------------------------------------------------------------------------

# "12 000" grouped by spaces (not after another digit and a space), else digits with separators.
# The pattern opens on a digit so that the engine can skip to digits (a look-behind first would
# make it try every position): the look-behind checks the first digit's left from after it.
_CLUSTER = re.compile(r"[0-9](?:(?<![0-9][ \u00a0\u202f][0-9])[0-9]{0,2}(?:[ \u00a0\u202f][0-9]{3})+"
                      r"(?![0-9]|[.,:/][0-9])|[0-9]*(?:[.,:/][0-9]+)*)")
_SPACED = re.compile(r"[ \u00a0\u202f]")
_NOT_DIGIT = re.compile(r"[^0-9]")


class _Atom:
    """One number before pairing: digits or words, with scale, unit and post-qualifier."""

    __slots__ = ("base", "end", "hard", "pend", "post", "raw", "scale", "soft", "start", "unit",
                 "vague", "words")

    def __init__(self, start: int, end: int, raw: str, base: float, words: bool = False) -> None:
        self.start, self.end, self.pend, self.raw, self.base = start, end, end, raw, base
        self.scale, self.words, self.vague = 1.0, words, False
        self.unit: str | None = None
        self.hard: str | None = None  # token-level exclusion, certain
        self.soft: str | None = None  # token-level exclusion a context word may override
        self.post: str | None = None  # post-qualifier kind

    @property
    def value(self) -> float:
        return self.base * self.scale


def _year_like(a: _Atom) -> bool:
    return (a.raw.isdigit() and len(a.raw) == 4 and 1900 <= a.base <= 2100 and a.unit is None
            and a.scale == 1)


def _currency_before(text: str, a: _Atom, need_space: bool) -> bool:
    cp = nw.CUR_PREFIX.search(text, max(0, a.start - 8), a.start)
    if cp is None or (need_space and not cp.group()[-1].isspace()):
        return False
    a.start, a.unit = cp.start(), nw.CUR_CODES[cp.group(1).lower()]
    return True


def _finish(text: str, a: _Atom, pos: int) -> None:
    """Percent or currency word after the number, then post-qualifiers."""
    pm = nw.PERCENT.match(text, pos) if a.unit is None else None
    of = nw.VAGUE_OF.match(text, pos) if a.vague else None  # "millions of dollars"
    cm = nw.CUR_SUFFIX.match(text, of.end() if of else pos) if a.unit is None and not pm else None
    if pm:
        a.unit, pos = ("percentage_point" if pm.group("pp") else "percent"), pm.end()
    elif cm and not (cm.group("cur").lower() in ("won", "pound", "pounds") and a.scale == 1):
        cur, where = cm.group("cur").lower(), cm.group("of") or cm.group("adj")
        code = nw.CUR_WORDS.get(cur) or ("UAH" if cur.startswith("hryv") else None)
        a.unit, pos = code or ("RUB" if cur.startswith("r") else cur.upper()), cm.end("cur")
        if cur.startswith("dol") and where:
            a.unit, pos = nw.DOLLAR_OF.get(" ".join(where.lower().split()), "USD"), cm.end()
    a.end = a.pend = pos
    qm = nw.POST_Q.match(text, pos)
    if qm:
        a.post, a.pend = qm.lastgroup, qm.end()


def _digit_atom(text: str, m: re.Match[str], lang: str) -> _Atom:
    s, e, raw = m.start(), m.end(), _SPACED.sub("", m.group())
    a = _Atom(s, e, raw, 0.0)
    hard: str | None = "link" if nw.in_link(text, s, e) else None
    if ":" in raw:
        hard = hard or nw.colon_kind(raw)
    elif "/" in raw:
        a.soft = nw.slash_kind(raw)
    gp = None if _currency_before(text, a, False) else nw.PRE_GLUED.search(text, max(0, s - 12), s)
    if gp:
        low, hyphen = gp.group(1).lower(), gp.group(2)
        if low == "ke" and hyphen:
            hard = hard or "ordinal"
        elif low in ("v", "ver") and not hyphen:
            hard = hard or "version"
        elif hyphen and low in nw.YEAR_PREFIX and raw.isdigit() and len(raw) == 4:
            hard = hard or "year"
        else:
            hard = hard or "model"
    pos, prev = e, 0.0
    for _ in range(2):  # "ribu", "juta", "ratus ribu", "ribu triliun"
        if sm := nw.SCALE_WORD.match(text, pos):
            mult = nw.SCALES[sm.group(1).lower()]
        elif (sm := nw.SCALE_ABBR.match(text, pos)) and (
                a.unit is not None or (not sm.group(1) and sm.group(2) in "kK")):
            letter = sm.group(2)
            mult = (1e9 if a.unit == "IDR" else 1e6) if letter in "Mm" else nw.ABBR[letter]
        else:
            break
        if mult <= prev:
            break
        a.scale, prev, pos = a.scale * mult, mult, sm.end()
    if pos == e and (ga := nw.GLUED.match(text, e)):
        low = ga.group().lower()
        if low in ("st", "nd", "rd", "th"):
            hard = hard or "ordinal"
        elif low == "s" and raw.isdigit() and (len(raw) == 4 or (len(raw) == 2 and raw[1] == "0")):
            hard = hard or "year"
        elif ga.group().isupper() and not nw.UNIT_GLUE.fullmatch(ga.group()):
            hard = hard or "model"
    shaped = ":" in raw or "/" in raw
    val = None if shaped else _parse(raw, lang, scaled=a.scale > 1)
    if val is None and not shaped:
        a.soft = a.soft or ("version" if raw.count(".") >= 2 else "id")
    a.base, a.hard = float(_NOT_DIGIT.split(raw)[0][:15]) if val is None else val, hard
    _finish(text, a, pos)
    if raw.isdigit() and a.unit is None and a.scale == 1 and (
            len(raw) >= 7 or (len(raw) >= 2 and raw[0] == "0")):
        a.soft = a.soft or "id"
    return a


def _run_atoms(text: str, run: list[tuple[str, int, int]], lang: str) -> list[_Atom]:
    """Longest valid number-word prefixes of a run of adjacent number words."""
    lex, out, i = (nw.ID_WORDS if lang == "id" else nw.EN_WORDS), [], 0
    while i < len(run):
        j, val = len(run), None
        while j > i and (val := nw.value_of([w for w, _, _ in run[i:j]], lang)) is None:
            j -= 1
        if val is None:
            i += 1
            continue
        words = [w for w, _, _ in run[i:j]]
        a = _Atom(run[i][1], run[j - 1][2], text[run[i][1]:run[j - 1][2]], val, words=True)
        kinds = [lex[w][0] for w in words]
        if len(words) > 1 and kinds[-1] == "scale" and kinds.count("scale") == 1:
            base = nw.value_of(words[:-1], lang)
            if base:
                a.base, a.scale = base, lex[words[-1]][1]
        a.hard = "link" if nw.in_link(text, a.start, a.end) else None
        _currency_before(text, a, True)
        _finish(text, a, a.end)
        out.append(a)
        i = j
    return out


def _taken(busy: list[tuple[int, int]], starts: list[int], s: int, e: int) -> bool:
    i = bisect_right(starts, s) - 1
    return (i >= 0 and busy[i][1] > s) or (i + 1 < len(busy) and busy[i + 1][0] < e)


def _word_atoms(text: str, low: str, lang: str, busy: list[tuple[int, int]]) -> list[_Atom]:
    out: list[_Atom] = []
    starts = [s for s, _ in busy]
    # (a few `in` tests first: most sentences hold no number word at all)
    vague = nw.VAGUE_ID if lang == "id" else nw.VAGUE_EN
    for m in vague.finditer(low) if any(w in low for w in nw.VAGUE_NEEDS[lang]) else ():
        if not _taken(busy, starts, m.start(), m.end()):
            a = _Atom(m.start(), m.end(), text[m.start():m.end()], nw.vague_value(m), words=True)
            a.vague = True
            _finish(text, a, a.end)
            out.append(a)
    busy = sorted(busy + [(a.start, a.end) for a in out])
    starts = [s for s, _ in busy]
    tok_rx = nw.TOKEN_ID if lang == "id" else nw.TOKEN_EN
    phrase = nw.PHRASE_ID if lang == "id" else nw.PHRASE_EN
    for m in phrase.finditer(low) if lang == "en" or any(w in low for w in nw.PHRASE_NEEDS_ID) else ():
        runs: list[list[tuple[str, int, int]]] = []
        prev = -2
        for k, t in enumerate(tok_rx.finditer(low, m.start(), m.end())):
            if _taken(busy, starts, t.start(), t.end()):
                continue
            if k != prev + 1:
                runs.append([])
            runs[-1].append((t.group(), t.start(), t.end()))
            prev = k
        for run in runs:
            out.extend(_run_atoms(text, run, lang))
    return out


# --- pairing, qualifiers, context -----------------------------------------------------------

def _pre(rev: str, end: int) -> tuple[str, str]:
    """(group, word) right before ``end`` ('' if none); ``rev``: reversed lowercased text."""
    m = nw.PRE_REV.match(rev, len(rev) - end)
    if m is None:
        return "", ""
    return ("page" if m.lastgroup == "page_abbr" else m.lastgroup or ""), m.group().strip()[::-1]


def _pair(text: str, low: str, rev: str, a: _Atom, b: _Atom) -> tuple[str, float, float] | None:
    if a.hard or b.hard or a.soft or b.soft or a.vague or b.vague or a.post or b.start < a.end:
        return None
    g = nw.CONNECT.fullmatch(text, a.end, b.start)
    if not g or (a.unit and b.unit and a.unit != b.unit):
        return None
    spread = a.scale == 1 and b.scale > 1 and a.base <= b.base
    lo, hi, ctx = a.base * (b.scale if spread else a.scale), b.value, _pre(rev, a.start)[0]
    if g.lastgroup == "dash":
        small = all(x.raw.isdigit() and len(x.raw) <= 2 and x.scale == 1 and not x.unit
                    for x in (a, b))
        if small and (lo >= hi or nw.PRE_SCORE.search(low, max(0, a.start - 40), a.start)):
            return "score", a.value, b.value
    elif g.lastgroup == "and" and ctx != "between":
        return None
    elif g.lastgroup == "word" and ctx == "from" and _CHANGE_FROM_LEFT.search(low, max(0, a.start - 45), a.start):
        return None  # "rose from 56 to 62" is a change; "estimates from 10,000 to 13,000" a range
    elif g.lastgroup == "word" and _BY_BEFORE.search(low, max(0, a.start - 4), a.start):
        return None  # "increased by three to 57", "bertambah tiga menjadi 57": a delta, then the total
    return ("range", lo, hi) if lo < hi else None


def _counted_noun_follows(text: str, pos: int) -> bool:
    nxt = nw.NEXT_WORDS.match(text, pos)
    for word in nxt.group().split() if nxt else ():
        if word.lower() in nw.COUNT_NOUNS:
            return True
        if not (word[0].isupper() or word.lower() in nw.COUNT_ADJ):
            break
    return False


def _pronoun(text: str, a: _Atom, lang: str, ctx: tuple[str, str]) -> bool:
    w = a.raw.lower()
    if lang == "id":
        return bool(nw.POST_NYA.match(text, a.end)) or (
            w == "satu" and (ctx[0] == "salah" or bool(nw.POST_SATU.match(text, a.end))))
    return w == "one" and (ctx[0] == "one" or ctx[1] == "the"
                           or bool(nw.POST_ONE.match(text, a.end)))


def _exclusion(text: str, low: str, rev: str, lang: str, a: _Atom, last: _Atom, qs: int,
               count_q: bool) -> str | None:
    if a.hard or last.hard:
        return a.hard or last.hard
    ctx, lo = _pre(rev, qs), max(0, qs - 50)
    if ctx[1] in ("no", "no.", "nomor") and nw.JALAN_NO.search(low, lo, qs):
        return "address"
    if ctx[0] in ("time", "date", "age", "version", "model", "address", "page", "calibre"):
        return ctx[0]
    if ("no" in low[qs - 4:qs] or "resolu" in low[lo:qs]) and nw.PRE_CAPS.search(text, lo, qs):
        return "page"
    if a.soft:
        return a.soft
    end, v = last.end, a.value
    if a.unit is None and last.unit is None:
        if nw.POST_TIME.match(text, end) and v <= 24:
            return "time"
        if nw.POST_AGE.match(text, end) or (v <= 120 and v == int(v) and nw.PRE_PAREN.search(
                text, max(0, a.start - 40), a.start) and nw.POST_PAREN.match(text, end)):
            return "age"
        if v <= 120 and v == int(v) and _COMMA_AGE_BEFORE.search(text, max(0, a.start - 4), a.start) \
                and _COMMA_AGE_AFTER.match(text, end):
            return "age"  # "The suspect, 27, was charged", "Budi, 45, warga Tebet"
        if _PHONE_BEFORE.search(low, max(0, qs - 30), qs):
            return "phone"  # "call 119", "hubungi 112"
        if a.raw.isdigit() and len(a.raw) <= 2 and 1 <= v <= 31 and (
                nw.POST_MONTH.match(text, end) or nw.PRE_MONTH.search(text, lo, qs)):
            return "date"
        ago = nw.AGO.match(text, end)
        for rx, why in nw.POST_UNITS:
            if rx.match(text, end) and not (ago and v > nw.AGO_MAX[ago.group(1).lower()]):
                return why
        decade = last.post == "about" and text[last.end:last.pend].lstrip("-").lower() == "an"
        if _year_like(a) and (last is a or _year_like(last)):
            if nw.PRE_DAYMONTH.search(text, lo, qs):
                return "date"
            year_ctx = ctx[0] == "year" or (ctx[0] == "decade" and ctx[1] != "the")
            if decade or (not count_q and year_ctx):
                return "year"
            return None if count_q or _counted_noun_follows(text, last.pend) else "year"
        if decade and a.raw.isdigit() and len(a.raw) == 2 and ctx[0] in ("decade", "year"):
            return "year"
    if a.words and last is a and _pronoun(text, a, lang, ctx):
        return "pronoun"
    return None


_COMMA_AGE_BEFORE = re.compile(r"[A-Za-z)]\s*,\s*$")
_COMMA_AGE_AFTER = re.compile(
    r"\s*,\s*(?:was|is|who|has|had|were|said|told|died|yang|adalah|telah|sudah|diduga|mengaku|warga|"
    r"asal|from|of|a|an|the|seorang|pun)\b", re.I)
_PHONE_BEFORE = re.compile(
    r"(?:call|dial|text|hubungi|menghubungi|telepon|telp\.?|(?:hotline|helpline|emergency\s+number|"
    r"layanan\s+darurat|nomor\s+darurat|call\s+cent(?:er|re))(?:\s+(?:on|at|di|nomor|number))?)\s+$")

_CHANGE_VERB = re.compile(
    r"\b(?:bertambah|naik|meningkat|melonjak|melambung|membengkak|berkurang|turun|menurun|menyusut)"
    r"(?:\s+(?:lagi|menjadi|kembali))?\s*$", re.I)

_BY_BEFORE = re.compile(r"\bby\s+$")
_CHANGE_FROM_LEFT = re.compile(
    r"\b(?:rose|risen|rising|climbed|jumped|increased|grew|fell|dropped|declined|decreased|"
    r"revised|went|surged|soared|up|down|naik|turun|bertambah|berkurang|meningkat|menurun|"
    r"melonjak|direvisi|changed|moved)\b(?:\s+\w+){0,2}\s+(?:from|dari)\s*$")

_BOUNDS = {"least": Bound.AT_LEAST, "leastx": Bound.AT_LEAST, "most": Bound.AT_MOST,
           "near": Bound.AT_MOST}


def _mention(text: str, low: str, rev: str, lang: str, a: _Atom, b: _Atom | None, kind: str,
             lo: float, hi: float | None) -> NumberMention:
    last = b or a
    rx, table = nw.QUALIFIER_RX[lang], nw.QUALIFIER_TABLE[lang]
    qs, found = a.start, []
    for _ in range(3):  # stacked qualifiers: "sedikitnya sekitar", "lebih dari sekitar"
        qm = rx.match(rev, len(rev) - qs)
        q = " ".join(qm.group("q")[::-1].split()) if qm else ""
        effect = table.get(q)
        if qm is None or effect is None or (effect == "between" and b is None):
            break
        if q in ("hingga", "sampai") and _CHANGE_VERB.search(text, max(0, len(rev) - qm.end("q") - 30),
                                                           len(rev) - qm.end("q")):
            qs = len(rev) - qm.end("q")  # "bertambah hingga 284 jiwa": "to", not "up to"
            continue
        found.append((q, effect))
        qs = len(rev) - qm.end("q")
    effects = [e for _, e in reversed(found)] + ([last.post] if last.post else [])
    approx = a.vague or any(e in ("about", "near", "leastx") for e in effects)
    direction = next((_BOUNDS[e] for e in effects if e in _BOUNDS), None)
    bound = direction or (Bound.AT_LEAST if a.vague else Bound.ABOUT if approx else Bound.EXACT)
    count_q = any(e in ("least", "most", "near", "exact") and q not in nw.NOT_COUNT_QUALIFIERS
                  for q, e in found)
    excluded = ("score" if kind == "score"
                else _exclusion(text, low, rev, lang, a, last, qs, count_q))
    return NumberMention(
        value=lo, value_max=hi if kind == "range" else None, start=a.start, end=last.pend,
        approx=approx, bound=bound, unit=a.unit or last.unit, qualifier_start=qs,
        text=text[qs:last.pend], from_words=a.words or last.words, excluded=excluded,
        vague=a.vague or last.vague)


def _glue_hyphenated(text: str, atoms: list[_Atom]) -> list[_Atom]:
    """'four-thousand-100' is 4,100: a scaled word number, a hyphen, then the digits below it."""
    out: list[_Atom] = []
    for a in atoms:
        prev = out[-1] if out else None
        if (prev is not None and prev.words and prev.scale > 1 and not prev.vague and a.hard == "model"
                and a.start == prev.end + 1 and text[prev.end] == "-" and a.raw.isdigit()
                and a.value < prev.scale and a.unit is None):
            prev.base, prev.scale = prev.value + a.value, 1.0
            prev.end = prev.pend = a.pend
            prev.raw = text[prev.start:a.end]
            continue
        out.append(a)
    return out


def _find(text: str, lang: str) -> list[NumberMention]:
    out: list[NumberMention] = []
    low = lower_aligned(text)
    rev, atoms, busy = low[::-1], list[_Atom](), list[tuple[int, int]]()
    for m in _CLUSTER.finditer(text):
        s = m.start()
        if busy and s < busy[-1][1]:
            continue
        cm = nw.PHONE_OR_DATE.match(text, s - 1 if s and text[s - 1] in "+(" else s)
        if cm:  # phone numbers and ISO dates are claimed whole
            digits = _NOT_DIGIT.sub("", cm.group())
            why = "phone" if cm.lastgroup == "phone" else "date"
            out.append(NumberMention(float(digits[:4] if why == "date" else digits[:15]), None,
                                     cm.start(), cm.end(), False, Bound.EXACT, None, cm.start(),
                                     cm.group(), False, why))
            busy.append(cm.span())
            continue
        a = _digit_atom(text, m, lang)
        atoms.append(a)
        if busy and a.start < busy[-1][1]:
            busy[-1] = (busy[-1][0], max(busy[-1][1], a.pend))
        else:
            busy.append((a.start, a.pend))
    atoms.extend(_word_atoms(text, low, lang, busy))
    atoms.sort(key=lambda x: x.start)
    atoms = _glue_hyphenated(text, atoms)
    i = 0
    while i < len(atoms):
        a = atoms[i]
        pair = _pair(text, low, rev, a, atoms[i + 1]) if i + 1 < len(atoms) else None
        if pair:
            out.append(_mention(text, low, rev, lang, a, atoms[i + 1], *pair))
            i += 2
        else:
            out.append(_mention(text, low, rev, lang, a, None, "single", a.value, None))
            i += 1
    out.sort(key=lambda x: (x.start, x.end))
    return out


def find_numbers(text: str, lang: str) -> list[NumberMention]:
    """All numeric mentions in ``text`` in order; non-figures carry an ``excluded`` reason."""
    try:
        return _find(text, "id" if lang == "id" else "en") if isinstance(text, str) else []
    except Exception:  # never raise on arbitrary input
        return []
