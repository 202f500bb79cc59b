"""Number words, vague plurals, and the lexicons and context patterns of ``numbers``.

Cardinal words are read by a small state machine that rejects sequences which are not one
number ("dua tiga", "two and three"); the caller can then fall back to a shorter prefix.

Vague plurals stand for their lower bound (the finder marks them approx and AT_LEAST):

* Indonesian: belasan 11, puluhan 10, ratusan 100, ribuan 1000, jutaan 10**6, miliaran 10**9,
  triliunan 10**12; a following scale multiplies ("puluhan ribu" 10,000, "ratusan ribu"
  100,000, "belasan juta" 11,000,000); "beberapa ratus/ribu" counts beberapa as 2.
* English: a plural names at least two of its unit: dozens 24, scores (of) 40, hundreds 200,
  thousands 2,000, millions 2*10**6, billions 2*10**9, tens (of) 20; "X of thousands/millions"
  multiplies ("tens of thousands" 20,000, "hundreds of thousands" 200,000); "several" counts 3,
  "a few"/"few"/"a couple (of)" 2 ("several hundred" 300, "a few thousand" 2,000).
"""

from __future__ import annotations

import math
import re

_ID_UNITS = ("satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan")
_EN_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_EN_TEENS = (
    "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen",
)
_EN_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")

# word -> (kind, value); kinds drive the state machine in _value().
ID_WORDS: dict[str, tuple[str, float]] = {
    "nol": ("zero", 0.0),
    **{w: ("unit", float(i)) for i, w in enumerate(_ID_UNITS, 1)},
    "sepuluh": ("teen", 10.0), "sebelas": ("teen", 11.0),
    "belas": ("add10", 10.0), "puluh": ("mul10", 10.0), "ratus": ("mul100", 100.0),
    "seratus": ("h100", 100.0),
    "ribu": ("scale", 1e3), "juta": ("scale", 1e6), "miliar": ("scale", 1e9),
    "milyar": ("scale", 1e9), "triliun": ("scale", 1e12),
    "seribu": ("sscale", 1e3), "sejuta": ("sscale", 1e6), "semiliar": ("sscale", 1e9),
    "setriliun": ("sscale", 1e12),
    "setengah": ("half", 0.5), "separuh": ("half", 0.5), "seperempat": ("half", 0.25),
}
EN_WORDS: dict[str, tuple[str, float]] = {
    "zero": ("zero", 0.0),
    **{w: ("unit", float(i)) for i, w in enumerate(_EN_UNITS, 1)},
    **{w: ("teen", float(i)) for i, w in enumerate(_EN_TEENS, 10)},
    **{w: ("tens", float(i * 10)) for i, w in enumerate(_EN_TENS, 2)},
    "hundred": ("mul100", 100.0), "thousand": ("scale", 1e3), "million": ("scale", 1e6),
    "billion": ("scale", 1e9), "trillion": ("scale", 1e12), "dozen": ("dozen", 12.0),
    "half": ("half", 0.5), "and": ("and", 0.0), "a": ("a", 0.0), "an": ("a", 0.0),
}


def _rev_alt(words: list[str]) -> str:
    """Alternation of reversed words, longest first ('_' or ' ' inside a word: any spaces)."""
    rev = sorted((w.replace("_", " ")[::-1] for w in words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in rev)


def _alt(words: list[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_ID_W = (
    rf"(?:(?:{_alt(list(_ID_UNITS))})(?:puluh|belas|ratus|ribu|juta)|"
    rf"{_alt(list(ID_WORDS))})\b"
)
_EN_CORE = [w for w, (k, _) in EN_WORDS.items() if k not in ("and", "a")]
_EN_W = rf"(?:{_alt(_EN_CORE)})\b"
_EN_A = r"(?:an?\s+(?=(?:hundred|thousand|million|billion|trillion|dozen|half)\b))"
# Word patterns below are lowercase and run on lowercased text (much faster than re.I).
# A run of number words (validated later); English may hyphenate and use "and"/"a".
PHRASE_ID = re.compile(rf"(?<!\w){_ID_W}(?:\s+{_ID_W})*")
PHRASE_EN = re.compile(rf"(?<!\w){_EN_A}?{_EN_W}(?:(?:\s+(?:and\s+)?{_EN_A}?|-){_EN_W})*")
TOKEN_ID = re.compile(rf"(?:{_alt(list(_ID_UNITS))})(?=puluh|belas|ratus|ribu|juta)|[a-z]+")
TOKEN_EN = re.compile(r"[a-z]+")

VAGUE_ID = re.compile(
    r"\b(?:(?P<m>beberapa|belasan|puluhan|ratusan)\s+"
    r"(?P<s>ratus|ribu|juta|miliar|milyar|triliun)(?:an)?"
    r"|(?P<v>belasan|puluhan|ratusan|ribuan|jutaan|miliaran|milyaran|triliunan))\b"
)
VAGUE_EN = re.compile(
    r"\b(?:(?P<m>tens|dozens|scores|hundreds|thousands|millions)\s+of\s+"
    r"(?P<s>thousands|millions|billions)|(?P<f>several|a\s+few|a\s+couple(?:\s+of)?|few)\s+"
    r"(?P<s2>hundred|thousand|million|billion|dozen)"
    r"|(?P<v>dozens|hundreds|thousands|millions|billions|(?:tens|scores)(?=\s+of\b)))\b"
)
# every match of VAGUE_ID / VAGUE_EN holds one of these; every match of PHRASE_ID one of those
VAGUE_NEEDS = {"id": ("ratus", "ribu", "juta", "miliar", "milyar", "triliun", "belasan", "puluhan"),
               "en": ("dozen", "hundred", "thousand", "million", "billion", "tens", "scores")}
PHRASE_NEEDS_ID = ("nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh",
                   "sebelas", "seratus", "seribu", "sejuta", "semiliar", "setriliun", "seperempat", "setengah",
                   "separuh", "belas", "puluh", "ratus", "ribu", "juta", "miliar", "milyar", "triliun")
VAGUE_BASE: dict[str, float] = {
    "belasan": 11, "puluhan": 10, "ratusan": 100, "ribuan": 1e3, "jutaan": 1e6, "miliaran": 1e9,
    "milyaran": 1e9, "triliunan": 1e12, "beberapa": 2, "tens": 20, "dozens": 24, "scores": 40,
    "hundreds": 200, "thousands": 2e3, "millions": 2e6, "billions": 2e9, "several": 3,
    "a few": 2, "few": 2, "a couple": 2, "a couple of": 2,
}
VAGUE_SCALE: dict[str, float] = {
    "ratus": 100, "ribu": 1e3, "juta": 1e6, "miliar": 1e9, "milyar": 1e9, "triliun": 1e12,
    "thousands": 1e3, "millions": 1e6, "billions": 1e9, "hundred": 100, "thousand": 1e3,
    "million": 1e6, "billion": 1e9, "dozen": 12,
}


def vague_value(m: re.Match[str]) -> float:
    """Lower bound of a VAGUE_ID / VAGUE_EN match."""
    g = {k: re.sub(r"\s+", " ", v.lower()) for k, v in m.groupdict().items() if v}
    if "v" in g:
        return float(VAGUE_BASE[g["v"]])
    base = VAGUE_BASE[g.get("m") or g["f"]]
    return float(base * VAGUE_SCALE[g.get("s") or g["s2"]])


def _value(tokens: list[tuple[str, float]]) -> float | None:
    """Value of a token sequence, or None when it is not exactly one number."""
    total = group = small = 0.0
    last, last_scale, hundred, n = "", math.inf, False, len(tokens)
    for i, (kind, v) in enumerate(tokens):
        nxt = tokens[i + 1][0] if i + 1 < n else ""
        if kind == "zero":
            return 0.0 if n == 1 else None
        if kind == "a":
            if nxt not in ("mul100", "scale", "dozen", "half"):
                return None
            if nxt != "half" and last != "half":
                if small:
                    return None
                small = 1.0
        elif kind == "and":
            if last not in ("mul100", "h100", "scale", "sscale", "unit", "tens") or nxt not in (
                "unit", "teen", "tens", "a", "half"
            ):
                return None
            if last in ("unit", "tens") and nxt != "a":
                return None
        elif kind in ("unit", "teen", "tens"):
            if last in ("unit", "teen", "half", "dozen", "a", "add10"):
                return None
            if kind == "unit" and last in ("tens", "mul10"):
                small += v
            elif small:
                return None
            else:
                small = v
        elif kind in ("mul10", "add10"):
            if last != "unit" or small >= 10:
                return None
            small = small * 10 if kind == "mul10" else small + 10
        elif kind == "mul100":
            if last not in ("unit", "teen", "a") or hundred:
                return None
            group, small, hundred = group + small * 100, 0.0, True
        elif kind == "h100":
            if small or hundred:
                return None
            group, hundred = group + 100, True
        elif kind == "scale":
            if group + small > 0 and v < last_scale:
                total += (group + small) * v
            elif last == "scale" and v > last_scale and total:
                total *= v
            else:
                return None
            group = small = 0.0
            hundred, last_scale = False, v
        elif kind == "sscale":
            if group or small or v >= last_scale:
                return None
            total, last_scale = total + v, v
        elif kind == "half":
            if last not in ("", "a", "unit") or small % 1:
                return None
            small += v
        elif kind == "dozen":
            if last not in ("unit", "a", "teen", "tens") or not small:
                return None
            small *= 12
        last = kind
    if last in ("a", "and", ""):
        return None
    return total + group + small


def tokens_of(phrase: str, lang: str) -> list[tuple[str, int, int]]:
    """Tokens (lowercased word, start, end) of a number-word phrase."""
    tok = TOKEN_ID if lang == "id" else TOKEN_EN
    return [(m.group(), m.start(), m.end()) for m in tok.finditer(phrase.lower())]


def value_of(words: list[str], lang: str) -> float | None:
    lex = ID_WORDS if lang == "id" else EN_WORDS
    if any(w not in lex for w in words):
        return None
    if lang != "id" and words == ["half"]:
        return None
    return _value([lex[w] for w in words])


def words_to_number(words: str, lang: str) -> float | None:
    """Value of spelled-out number words; vague plurals give their lower bound.

    'dua puluh lima' -> 25, 'seribu' -> 1000, 'setengah' -> 0.5, 'twenty-five' -> 25,
    'a dozen' -> 12, 'ribuan' -> 1000, 'tens of thousands' -> 20000; None if not a number.
    """
    try:
        text = " ".join(words.lower().split())
        vague = VAGUE_ID if lang == "id" else VAGUE_EN
        m = vague.fullmatch(text)
        if m:
            return vague_value(m)
        return value_of([t for t, _, _ in tokens_of(text, lang)], lang) if text else None
    except Exception:  # never raise on arbitrary input
        return None


# --- qualifiers ------------------------------------------------------------------------------

# qualifier -> effect: about (approx), near (AT_MOST + approx), least, most, exact, between.
QUALIFIERS_ID: dict[str, str] = {
    "sekitar": "about", "sekira": "about", "kurang lebih": "about", "lebih kurang": "about",
    "kira-kira": "about", "kira kira": "about", "kurleb": "about", "±": "about", "~": "about",
    "hampir": "near", "nyaris": "near", "mendekati": "near",
    "lebih dari": "least", "di atas": "least", "diatas": "least", "setidaknya": "least",
    "sedikitnya": "least", "paling sedikit": "least", "minimal": "least", "minimum": "least",
    "sekurang-kurangnya": "least", "sekurangnya": "least", "tidak kurang dari": "least",
    "tak kurang dari": "least", "melebihi": "least", "melampaui": "least", "menembus": "least",
    "hingga": "most", "sampai": "most", "maksimal": "most", "maksimum": "most",
    "paling banyak": "most", "sebanyak-banyaknya": "most", "kurang dari": "most",
    "di bawah": "most", "dibawah": "most", "tidak lebih dari": "most", "tak lebih dari": "most",
    "tidak sampai": "most", "tak sampai": "most", "sampai dengan": "most", "s/d": "most",
    "sebanyak": "exact", "mencapai": "exact", "sejumlah": "exact", "berjumlah": "exact",
    "total": "exact", "antara": "between",
}
QUALIFIERS_EN: dict[str, str] = {
    "about": "about", "around": "about", "roughly": "about", "approximately": "about",
    "approx.": "about", "some": "about", "an estimated": "about", "estimated": "about",
    "circa": "about", "±": "about", "~": "about",
    "nearly": "near", "almost": "near", "close to": "near", "approaching": "near",
    "just under": "near", "just shy of": "near",
    "more than": "least", "over": "least", "upwards of": "least", "at least": "least",
    "no fewer than": "least", "no less than": "least", "not less than": "least",
    "in excess of": "least", "above": "least", "greater than": "least", "well over": "least",
    "just over": "least", "exceeding": "least", "exceeded": "least", "surpassed": "least",
    "topped": "least",
    "up to": "most", "as many as": "most", "as much as": "most", "less than": "most",
    "fewer than": "most", "under": "most", "below": "most", "at most": "most",
    "no more than": "most", "not more than": "most", "a maximum of": "most",
    "a total of": "exact", "between": "between",
}
# Qualifiers that also introduce years ("hingga 2024", "over 2023") or say nothing of a count;
# the other directional/exact ones make a following 19xx/20xx a count ("sebanyak 2000").
NOT_COUNT_QUALIFIERS = frozenset(
    {"hingga", "sampai", "sampai dengan", "s/d", "up to", "over", "under", "above", "below",
     "antara", "between", "mencapai", "total"}
)


def _qualifier_rx(table: dict[str, str]) -> re.Pattern[str]:
    return re.compile(rf"\s*(?P<q>{_rev_alt(list(table))})(?![\w-])")  # on reversed lowercase


QUALIFIER_RX = {"id": _qualifier_rx(QUALIFIERS_ID), "en": _qualifier_rx(QUALIFIERS_EN)}
QUALIFIER_TABLE = {"id": QUALIFIERS_ID, "en": QUALIFIERS_EN}

_COUNT_NOUNS = """orang jiwa warga personel prajurit tentara pasukan serdadu anggota korban
    pengungsi tahanan tawanan sandera unit buah ekor kasus rumah bangunan gedung keluarga kk
    kepala pekerja karyawan buruh pegawai siswa mahasiswa murid guru peserta pemilih suara kursi
    desa sekolah kendaraan mobil motor truk tank rudal roket drone pesawat jet helikopter kapal
    senjata peluru amunisi granat bom ranjau ton kg liter barel hektare hektar ha dosis vaksin
    pasien bayi anak balita perempuan wanita pria laki-laki tersangka pelaku demonstran polisi
    aparat relawan titik lokasi jenis item paket lembar batang butir set kali militan milisi
    penduduk pengunjung penumpang penonton pengikut akun posko tenda kamar perusahaan umkm
    petani nelayan jemaah calon napi narapidana artileri peluncur howitzer people persons troops
    soldiers personnel servicemen fighters militants civilians residents refugees migrants
    casualties victims deaths dead killed wounded injured prisoners pows detainees hostages
    workers employees staff students children kids women men families households homes houses
    buildings cases patients doses vehicles cars trucks tanks missiles rockets drones aircraft
    planes jets helicopters ships vessels boats weapons rifles rounds shells artillery units
    pieces tonnes tons barrels votes voters seats villages schools members officers police
    protesters demonstrators jobs companies firms sites items visitors passengers fans followers
    accounts mercenaries recruits conscripts reservists guns launchers"""
COUNT_NOUNS = frozenset(_COUNT_NOUNS.split())

# --- money, scales, percent -------------------------------------------------------------------

SP = r"[ \t\u00a0\u202f]"
CUR_CODES = {
    "rp": "IDR", "idr": "IDR", "$": "USD", "us$": "USD", "usd": "USD", "s$": "SGD", "sgd": "SGD",
    "a$": "AUD", "aud": "AUD", "hk$": "HKD", "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP",
    "¥": "JPY", "jpy": "JPY", "cny": "CNY", "rmb": "CNY", "₩": "KRW", "krw": "KRW", "₽": "RUB",
    "rub": "RUB", "₴": "UAH", "uah": "UAH", "rm": "MYR", "myr": "MYR", "₹": "INR", "inr": "INR",
    "rs": "INR",
}
CUR_PREFIX = re.compile(
    r"(?<![A-Za-z])((?i:rp)|IDR|US\$|USD|S\$|SGD|A\$|AUD|HK\$|EUR|GBP|JPY|CNY|RMB|KRW|RUB|UAH"
    r"|MYR|RM|INR|Rs|[$€£¥₩₽₴₹])\.?[ \t\u00a0]?\Z"
)
CUR_WORDS = {
    "rupiah": "IDR", "dolar": "USD", "dollar": "USD", "dollars": "USD", "euro": "EUR",
    "euros": "EUR", "pound": "GBP", "pounds": "GBP", "sterling": "GBP", "yen": "JPY",
    "yuan": "CNY", "renminbi": "CNY", "won": "KRW", "rubel": "RUB", "ringgit": "MYR",
    "rupee": "INR", "rupees": "INR", "baht": "THB",
}
DOLLAR_OF = {
    "singapura": "SGD", "singapore": "SGD", "australia": "AUD", "australian": "AUD",
    "hong kong": "HKD", "kanada": "CAD", "canadian": "CAD", "taiwan": "TWD", "new taiwan": "TWD",
}
CUR_SUFFIX = re.compile(
    rf"{SP}*(?:(?P<adj>US|U\.S\.|American|Singapore|Australian|Canadian|Hong{SP}Kong"
    rf"|New{SP}Taiwan|Taiwan){SP}+)?(?P<cur>rupiah|dollars?|dolar|euros?|pounds?|sterling|yen"
    r"|yuan|renminbi|won|r[ou]u?bles?|rubel|hryvni?as?|hryvnya|ringgit|rupees?|baht"
    r"|(?-i:IDR|USD|EUR|GBP|JPY|CNY|KRW|RUB|UAH|SGD|AUD|MYR|INR|HKD|CAD|CHF|THB))\b"
    rf"(?:{SP}+(?P<of>AS|Amerika{SP}Serikat|Amerika|Singapura|Australia|Hong{SP}Kong|Kanada"
    r"|Taiwan)\b)?",
    re.I,
)
SCALES: dict[str, float] = {
    "ribu": 1e3, "rb": 1e3, "juta": 1e6, "jt": 1e6, "miliar": 1e9, "milyar": 1e9, "triliun": 1e12,
    "ratus": 100, "hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9,
    "trillion": 1e12, "dozen": 12, "mln": 1e6, "mn": 1e6, "bn": 1e9, "tn": 1e12, "trn": 1e12,
}
SCALE_WORD = re.compile(rf"(?:{SP}*|-)({'|'.join(sorted(SCALES, key=len, reverse=True))})\b", re.I)
# single letters: only after a currency ("Rp 5 M", "$5m", "$2B"), or a glued k ("50k")
SCALE_ABBR = re.compile(rf"({SP}?)([MTBKmbk])\b(?![.'’-]\w)")
ABBR = {"T": 1e12, "B": 1e9, "b": 1e9, "K": 1e3, "k": 1e3}  # M/m: 10**9 with IDR, else 10**6
PERCENT = re.compile(
    rf"{SP}*(?:(?P<pp>poin{SP}+persentase|persentase{SP}+poin|percentage{SP}+points?)\b|%"
    rf"|(?:persen|prosen|percent|per{SP}cent|pct)\b)",
    re.I,
)
POST_Q = re.compile(
    rf"(?P<about>-?an\b|-odd\b|{SP}+(?:or{SP}+so|kurang{SP}+lebih|lebih{SP}+kurang)\b)"
    rf"|(?P<least>\+(?![0-9])|-plus\b|{SP}+(?:or{SP}+(?:more|above)|and{SP}+(?:more|above|over)"
    rf"|ke{SP}+atas)\b)|(?P<most>{SP}+(?:or{SP}+(?:less|fewer|below)|ke{SP}+bawah)\b)"
    rf"|(?P<leastx>{SP}+lebih\b(?!{SP}+(?:dari|banyak|sedikit|tinggi|rendah|besar|kecil|kurang"
    r"|cepat|lambat|murah|mahal|lama|awal|baik|buruk|jauh|dekat|parah|luas|tua|muda|mudah"
    r"|sulit)\b))",
    re.I,
)
CONNECT = re.compile(
    rf"{SP}*(?P<dash>[-–—]){SP}*|(?:{SP}*(?:…|\.\.\.))?{SP}+(?P<word>hingga|sampai(?:{SP}+dengan)?|s/d|s\.d\.?|to)"
    rf"{SP}+|{SP}+(?P<and>dan|and){SP}+",
    re.I,
)

# --- context ---------------------------------------------------------------------------------

MON = (
    r"(?:Januari|Februari|Pebruari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|Nopember"
    r"|November|Desember|January|February|March|May|June|July|August|October|December|Jan|Feb"
    r"|Mar|Apr|Jun|Jul|Agu|Agt|Aug|Sep|Sept|Okt|Oct|Nov|Des|Dec)\b\.?"
)
# Words right before the number (qualifiers stripped), one search on lowercased text; the
# leftmost alternative ending there wins ("jalan sudirman no." is an address, not a page).
_PRE_WORDS = {  # group -> words that may stand right before the number (a final "." allowed)
    "page_abbr": "no. nr. hlm. hal. p. pp. art. sec. para.",
    "time": "pukul pkl jam", "date": "tanggal tgl",
    "age": "berusia berumur usia umur usianya umurnya aged age ages age_of",
    "version": "versi version ver ios ipados android windows macos python php html usb bluetooth"
               " wifi wi-fi ubuntu linux",
    "model": "iphone galaxy pixel boeing airbus tipe type seri series model",
    "address": "jalan jl jln gang gg blok kav kavling lantai street avenue road floor suite apt"
               " rt rw km",
    "page": "pasal ayat halaman bab butir huruf nomor nomer article articles section paragraph"
            " paragraf page pages chapter clause resolusi resolution amendemen amandemen amendment"
            " perpres permen perda keppres inpres perppu uu nomor_urut no._urut no_urut",
    "calibre": "kaliber caliber calibre",
    "year": "tahun thn pada sejak semenjak akhir awal pertengahan medio periode musim sebelum"
            " sesudah setelah jelang menjelang in since by until till year during before after of"
            " early late mid fiscal fy ta anggaran pemilu pilpres pilkada election elections census"
            " sensus spring summer autumn fall winter januari februari maret april mei juni juli"
            " agustus september oktober november desember january february march may june july"
            " august october december",
    "decade": "era dekade decade the",
    "one": "no any every each this that which what last only another such",
    "salah": "salah", "between": "antara between", "from": "dari from",
}


# Context words and qualifiers are matched backwards: one anchored match on the reversed,
# lowercased text at the number's start instead of a search over a window (10x faster).
PRE_REV = re.compile(
    r"\s*(?:" + "|".join(
        rf"(?P<{g}>{'' if g == 'page_abbr' else '[.]?'}(?:{_rev_alt(w.split())}))"
        for g, w in _PRE_WORDS.items()) + r")(?![\w-])"
)
JALAN_NO = re.compile(r"\b(?:jalan|jl\.?|jln\.?)\s+[^\n,;]{1,40}?\b(?:no\.?|nomor)\s*\Z")
# case matters for these two: "Resolusi DK PBB 2231", "Jalan Melati No 5"
PRE_CAPS = re.compile(r"(?:\b[Rr]esolu(?:si|tion)(?:\s+[A-Z][\w.-]*){1,3}|(?<!\w)No)\s*\Z")
PRE_MONTH = re.compile(rf"{MON}{SP}*\Z")
PRE_DAYMONTH = re.compile(rf"(?:\b[0-9]{{1,2}}{SP}+{MON}|{MON}{SP}+[0-9]{{1,2}}),?{SP}*\Z")
PRE_SCORE = re.compile(
    r"\b(?:skor|menang|kalah|imbang|unggul|ditahan|takluk|tumbang|mengalahkan|menaklukkan|score"
    r"|scored|won|win|wins|beat|beats|lost|lose|loses|defeated|defeat|drew|draw|victory|lead|led"
    r"|trailed)\b[^.\n]{0,30}\Z"
)
PRE_PAREN = re.compile(r"(?:[A-Z][\w'.-]*\s*\(|\b[A-Z][a-z]+,\s)\s*\Z")
POST_PAREN = re.compile(r"\s*(?:tahun|thn|th\.?)?\s*[),]")


def _post(words: str) -> re.Pattern[str]:
    return re.compile(rf"{SP}*-?{SP}*(?:{words})", re.I)


POST_TIME = _post(
    r"(?-i:WITA|WIB|WIT|GMT|UTC|CET|CEST|EST|EDT|PST|PDT)\b|[ap]\.m\.|[ap]m\b|o'clock"
    r"|waktu\s+setempat|local\s+time"
)
POST_AGE = _post(r"years?[- ]old\b|year-olds?\b|years?\s+of\s+age\b")
POST_MONTH = re.compile(rf"{SP}*{MON}")
# "naik dari 312 pekan lalu menjadi 405": a time word after a number too large to count the
# periods "ago" is a reference period ("last week"), not a duration
AGO = re.compile(rf"{SP}*(hari|pekan|minggu|bulan|tahun|jam){SP}+(?:yang{SP}+)?(?:lalu|silam)\b",
                 re.I)
AGO_MAX = {"hari": 400, "pekan": 60, "minggu": 60, "bulan": 36, "tahun": 200, "jam": 72}
POST_UNITS = (
    (_post(r"(?:thirds?|quarters?|fifths?|tenths?|pertiga|perempat|perlima|persepuluh)\b"),
     "fraction"),
    (_post(r"(?:hari|pekan|minggu|bulan|tahun|jam|menit|detik|dekade|abad|windu|malam|days?"
           r"|nights?|weeks?|months?|years?|hours?|hrs?|minutes?|mins?|seconds?|secs?|decades?"
           r"|centur(?:y|ies))\b"), "duration"),
    (_post(r"(?:mm|milimeter|millimet(?:er|re)s?|kaliber|caliber|calibre)\b"), "calibre"),
    (_post(rf"(?:km|kilomet(?:er|re)s?|(?-i:m)|meters?|metres?|mil|miles?|mi|cm|sentimeter"
           rf"|centimet(?:er|re)s?|feet|ft|kaki|yards?|inci|inch(?:es)?|nautical{SP}+miles?"
           rf"|mil{SP}+laut|nmi)\b(?!{SP}*(?:persegi|kubik|per{SP}*(?:jam|detik|hour)|square"
           r"|[2²³]|/))"), "distance"),
    (re.compile(r"\s+(?:[A-Z][a-z]+\s+){1,3}(?:(?:Street|Road|Avenue|Boulevard|Lane|Drive)\b"
                r"|(?:St|Rd|Ave)\.)"), "address"),
)
# up to four words after a 19xx/20xx number, to find a counted noun ("2000 North Korean troops")
NEXT_WORDS = re.compile(rf"(?:{SP}+[A-Za-z][A-Za-z-]*){{1,4}}")
_COUNT_ADJ = "lebih more new additional other extra elite armed active foreign local young military"
COUNT_ADJ = frozenset((_COUNT_ADJ + " regular special combat enemy").split())
VAGUE_OF = re.compile(rf"{SP}+of(?={SP})", re.I)
POST_SATU = re.compile(r"-satunya\b|\s+(?:per\s*satu|sama\s+lain)\b", re.I)
POST_NYA = re.compile(r"-\w*nya\b", re.I)
POST_ONE = re.compile(
    r"\s+(?:of|another|by\s+one|or\s+another|who|whose|which|that|else|day|time|way|side|thing"
    r"|point)\b|['’]s\b|-(?:off|time|sided|way|on-one|stop)\b",
    re.I,
)
# glued letters after digits that are units, not model names ("155mm", "10km", "4G" is a model)
UNIT_GLUE = re.compile(
    r"(?i:km|mm|cm|kg|mg|ha|ml|mw|kw|gw|mah|gb|tb|mb|hz|ghz|mhz|wib|wita|wit)|[mgtlx]")
PRE_GLUED = re.compile(r"([A-Za-z]+)(-?)\Z")
GLUED = re.compile(r"[A-Za-z]+")
YEAR_PREFIX = frozenset(
    {"mid", "pre", "post", "pasca", "pra", "early", "late", "akhir", "awal", "tahun"}
)
PHONE_OR_DATE = re.compile(
    r"(?P<phone>\+[0-9]{1,3}[ .-]?(?:\([0-9]{1,4}\)[ .-]?)?[0-9]{2,4}(?:[ .-][0-9]{2,5}){1,4}"
    r"(?![0-9])"
    r"|\(0[0-9]{1,4}\) ?[0-9]{3,4}[ .-]?[0-9]{3,5}(?![0-9])"
    r"|(?<![\w.,])0[0-9]{2,4}[ -][0-9]{3,4}[ -][0-9]{3,5}(?![\w.,]?[0-9]))"
    r"|(?P<date>(?<![\w.,/-])[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?![\w-]))"
)


# --- token shapes ----------------------------------------------------------------------------

LINKISH = re.compile(r"://|www\.|@|/.*[A-Za-z].*/|/.*/.*[A-Za-z]|[A-Za-z].*/.*/"
            r"|[\w-]\.(?:com|net|org|co|id|go|ac|io|tv|news|info|ru|ua|kr|uk|us|gov)\b", re.I)


def in_link(text: str, s: int, e: int) -> bool:
    a, b = s, e
    lo, hi = max(0, s - 200), min(len(text), e + 200)
    while a > lo and not text[a - 1].isspace():
        a -= 1
    while b < hi and not text[b].isspace():
        b += 1
    return LINKISH.search(text, a, b) is not None


def colon_kind(raw: str) -> str:
    p = raw.split(":")
    if not all(x.isdigit() for x in p):
        return "id"
    if len(p) <= 3 and all(len(x) == 2 for x in p[1:]) and int(p[0]) <= 24 and int(p[1]) < 60:
        return "time"
    return "score" if len(p) == 2 and all(len(x) <= 2 for x in p) else "id"


def slash_kind(raw: str) -> str:
    p = raw.split("/")
    if len(p) == 2 and all(len(x) == 4 and 1900 <= int(x) <= 2100 for x in p):
        return "year"  # "2023/2024"
    if len(p) not in (2, 3) or max(map(len, p[:2])) > 2:
        return "id"
    d, m = int(p[0]), int(p[1])
    ok = (1 <= d <= 31 and 1 <= m <= 12) or (1 <= d <= 12 and 1 <= m <= 31)
    return "date" if ok and (len(p) == 2 or len(p[2]) in (2, 4)) else "id"
