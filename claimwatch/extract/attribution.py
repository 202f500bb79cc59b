"""Stage 3 of extraction: who says so.

Finds reporting clauses in a sentence ("kata X", "menurut X", "X mengatakan", "X said",
"according to X", "citing X", "dibantah X" ...), cuts out the speaker's noun phrase and turns it
into a canonical name through the gazetteer. Figures and statements then pick the attribution
whose scope covers them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimwatch.lexicon import Gazetteer

# --- reporting patterns ----------------------------------------------------------------------

# Speaker BEFORE the verb: "X mengatakan", "X said".
_VERB_AFTER_SPEAKER = {
    "id": r"""mengatakan|menunjukkan|mencatat|menyatakan|menyebut(?:kan)?|memperkirakan|melaporkan|mengklaim|mencatat|
        mengungkapkan|menjelaskan|menuturkan|menambahkan|menegaskan|mengumumkan|merilis|
        memperingatkan|menduga|menaksir|meyakini|menilai|menyampaikan|memastikan|menerangkan|
        mengestimasi|menghitung|berkata|bilang|mengabarkan|memaparkan|mengonfirmasi|membenarkan|
        mengakui|membantah|menepis|menyangkal|menampik|mencatatkan|memproyeksikan|memprediksi|
        memprakirakan|menargetkan""",
    "en": r"""said|says|say|estimated|estimates|estimate|claimed|claims|reported|reports|told|
        announced|announces|stated|states|added|noted|warned|believes|believed|assessed|assesses|
        counted|recorded|confirmed|confirms|acknowledged|admitted|denied|denies|alleged|wrote|
        put\s+the\s+(?:number|toll|figure)\s+at|puts\s+the\s+(?:number|toll|figure)\s+at|
        tallied|calculated|projected|showed|shows|found|finds|forecast|forecasts|predicted|
        predicts|expects|expected""",
}
# Speaker AFTER the verb: ", kata X", "said X", "according to X".
_SPEAKER_AFTER = {
    "id": r"""kata|ujar|ucap|tutur|jelas|ungkap|terang|imbuh|tambah|tegas|sebut|papar|pungkas|
        menurut|berdasarkan\s+(?:data|catatan|laporan|keterangan)|merujuk\s+(?:pada\s+)?data|
        sesuai\s+data|data|catatan""",
    "en": r"""said|says|according\s+to|figures\s+from|data\s+from|per""",
}
# Outlets that relay someone else's words: only used when no other speaker is named.
_RELAY = {
    "id": r"""seperti\s+dilansir(?:\s+dari)?|dilansir(?:\s+dari)?|dikutip\s+dari|mengutip|
        sebagaimana\s+dilaporkan|seperti\s+dikutip(?:\s+dari)?|melansir|dilaporkan""",
    "en": r"""citing|as\s+reported\s+by|reported\s+by|quoted\s+by|cited\s+by""",
}

_ADVERBS = {
    "id": r"(?:\s+(?:sebelumnya|juga|telah|sudah|pun|kembali|sempat|bahkan|secara\s+\w+|dengan\s+tegas|langsung|lagi|kemudian|hanya|tak|tidak|belum|enggan|masih))*",
    "en": r"(?:\s+(?:also|previously|earlier|has|had|have|flatly|strongly|publicly|officially|later|then|again|separately|recently|initially|repeatedly|not|never|has\s+not|did\s+not|didn't))*",
}

_PRONOUN = re.compile(
    r"^(?:ia|dia|beliau|mereka|pihaknya|kami|he|she|they|it|we|the\s+(?:agency|ministry|"
    r"official|officials|spokesman|spokeswoman|spokesperson|report|statement|military|office|"
    r"group|department|army|police|government|agensi|organisation|organization|source|sources)|"
    r"(?:kementerian|badan|lembaga|organisasi|pihak|instansi|militer|kepolisian|kantor|"
    r"dinas|komisi|otoritas|pemerintah)\s+(?:itu|tersebut|ini))$",
    re.IGNORECASE,
)
_CONTINUATION = re.compile(
    r"^\s*(?:disebutkan|dikatakan|ditambahkan|dijelaskan|diungkapkan|dilaporkan|menurutnya|"
    r"ia\s+\w+|dia\s+\w+|beliau\s+\w+|mereka\s+\w+|pihaknya|lebih\s+lanjut|selain\s+itu|"
    r"(?:kementerian|badan|lembaga|organisasi|pihak|instansi|kantor|dinas|komisi)\s+(?:itu|tersebut)|"
    r"it\s+(?:said|added|estimated|reported|noted|claimed)|(?:he|she|they)\s+(?:said|added|noted)|"
    r"the\s+(?:agency|ministry|official|spokesman|spokeswoman|report|statement|military|office|"
    r"group|department)\s+(?:said|added|estimated|reported|noted|claimed)|"
    r"(?:it|he|she|they)\s+(?:also\s+)?(?:said|added)|according\s+to\s+(?:the\s+)?(?:agency|"
    r"ministry|report|statement|it|him|her|them))\b",
    re.IGNORECASE,
)

_TITLES = re.compile(
    r"""^(?:(?:wakil|mantan|plt\.?|plh\.?|sekretaris|former|deputy|acting|chief|senior)\s+)*?
    (?:presiden|wapres|perdana\s+menteri|pm|menteri(?:\s+\w+){0,3}?|juru\s*bicara|jubir|kepala(?:\s+\w+){0,3}?|
    direktur(?:\s+\w+){0,2}|gubernur|bupati|wali\s*kota|kapolri|kapolda|kapolres|panglima(?:\s+tni)?|
    jenderal|letjen|mayjen|brigjen|kolonel|kapten|komandan|ketua|sekjen|duta\s+besar|dubes|
    president|prime\s+minister|minister(?:\s+\w+){0,2}|spokesman|spokeswoman|spokesperson|
    secretary(?:\s+\w+){0,2}|director|governor|gen\.?|general|col\.?|colonel|lt\.?|commander|
    head(?:\s+of\s+\w+)?|chairman|ambassador|mr\.?|ms\.?|mrs\.?|dr\.?|sir)\s+""",
    re.IGNORECASE | re.VERBOSE,
)
_LEADING_JUNK = re.compile(
    r"^(?:namun|tetapi|tapi|sementara\s+itu|sedangkan|adapun|sebelumnya|kemudian|lalu|dan|"
    r"meanwhile|however|but|and|separately|earlier|later|also|the|para|pihak|data|catatan|laporan|"
    r"rilis|perkiraan|estimasi|hasil(?:\s+(?:rekapitulasi|penghitungan|survei|pendataan))?)\s+",
    re.IGNORECASE,
)
_DETERMINERS = frozenset({"a", "an", "the", "it", "this", "that", "ini", "itu", "hal", "hal ini"})
_NUMBER_WORD_START = re.compile(
    r"^(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"hundreds?|thousands?|dozens?|fewer|more|less|some|many|several|satu|dua|tiga|empat|lima|"
    r"enam|tujuh|delapan|sembilan|sepuluh|puluhan|ratusan|ribuan|sebanyak|sekitar|lebih|kurang|"
    r"hampir|sedikitnya|setidaknya)\b",
    re.I,
)
_INSTITUTION = re.compile(
    r"(?:\b(?:commission|bureau|agency|ministry|office|department|institute|authority|council|"
    r"service|committee|court|government|military|army|police|coast\s+guard|observatory|center|"
    r"centre|board|administration|network|association|coalition|union|foundation|federation)$|"
    r"^(?:badan|dinas|komisi|kementerian|lembaga|kantor|pemerintah|kepolisian|otoritas|pusat|biro|"
    r"balai|satgas|tim|jaringan|asosiasi|perhimpunan|serikat|koalisi|yayasan|persatuan|ikatan)\b)",
    re.I,
)
_RANKS = frozenset(
    """kombes akbp kompol akp iptu ipda aiptu bripka brigjen irjen komjen jenderal letjen mayjen
    letkol mayor kolonel kapten laksamana marsekal lettu letda serka sertu kopral prajurit gen
    gen. lt lt. col col. maj maj. capt capt. sgt sgt. general colonel major captain lieutenant
    admiral sergeant dr dr. mr mr. ms ms. mrs mrs. prof prof. h. hj. ir. kh""".split()
)


# Words of a minister's portfolio or an office ("Menteri Keuangan Sri Mulyani", "Finance
# Minister"): part of the title, never of the name that follows it.
_PORTFOLIOS = frozenset(
    """keuangan pertahanan kesehatan luar dalam negeri agama sosial perhubungan pendidikan kebudayaan
    perdagangan perindustrian pertanian kelautan perikanan kehutanan lingkungan hidup energi hukum
    ham keamanan koordinator politik perekonomian investasi pariwisata ketenagakerjaan komunikasi
    informatika desa bumn pupr pemuda olahraga sekretaris negara kabinet umum pusat daerah provinsi
    finance defense defence foreign interior health home affairs justice state treasury economy
    trade energy education agriculture transport labour labor""".split()
)


# A capitalised word after these is a place: "Kabupaten Garut", "Provinsi Jawa Tengah".
_PLACE_WORDS = frozenset(
    "provinsi kabupaten kota kecamatan desa kelurahan province regency city district county".split()
)
# First words of Indonesian names that are never places: a three-word name starting with one
# of them is kept whole ("Kepala BPBD Muhammad Rizal Fauzi").
_FIRST_NAMES = frozenset(
    """muhammad mohammad mohamad mochamad ahmad achmad abdul abdullah siti sri dewi nur nurul
    i made putu ketut kadek wayan gede ni andi daeng teuku cut raden rr tengku haji hajjah
    maria yohanes fransiskus agustinus""".split()
)


def _trailing_person(np: str, matches: list) -> str | None:  # type: ignore[type-arg]
    """A personal name at the end of a phrase ("Kepala BNPB Bayu Santoso" -> "Bayu Santoso")."""
    taken = [(m.start, m.end) for m in matches]
    words = list(re.finditer(r"[^\s,]+", np))
    name: list[str] = []
    for w in reversed(words):
        tok = w.group(0)
        if any(a <= w.start() < b for a, b in taken) or tok.lower() in _RANKS or tok.lower() in _PORTFOLIOS:
            break
        if not ((tok[:1].isupper() and any(c.islower() for c in tok[1:])) or tok in ("bin", "binti")):
            break
        if _TITLES.match(tok + " "):
            break
        name.insert(0, tok)
    first = len(words) - len(name)
    if name and first > 0 and words[first - 1].group(0).lower() in _PLACE_WORDS:
        return None  # "KPU Provinsi Jawa Tengah": a place, not a person
    if len(name) >= 3 and first > 0 and name[0].lower() not in _FIRST_NAMES:
        name = name[1:]  # "Basarnas Bandung Joko Prasetyo", "Dinas Kesehatan Sumenep Nur Aini"
        first += 1
    if name and first > 0 and matches and matches[-1].end >= words[first - 1].end() and (
        not _TITLES.match(np[: matches[-1].start]) and matches[-1].start == 0
    ):
        return None  # "BPBD Tanjung Rawi": an institution and its place, not a person
    if len(name) >= 2 or (len(name) == 1 and len(words) == 1 and not matches):
        cand = " ".join(name)
        if not _INSTITUTION.search(cand) and cand.lower() not in _DETERMINERS:
            return cand
    return None


_WORD_CAP = re.compile(r"\b[A-Z]")
_PAREN_ACRONYM = re.compile(r"\(([A-Z][A-Za-z0-9&-]{1,9})\)?\s*$")
_APPOSED_NAME = re.compile(
    r",\s*((?:(?:dr|drg|ir|prof|hj?)\.\s+)?[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){1,4})\s*(?=[,.;]|$)")
_TITLE_WORD = re.compile(
    r"\b(?:spokes(?:man|woman|person)|juru\s*bicara|jubir|kepala|head|chief|director|direktur|"
    r"ministers?|menteri|governor|gubernur|bupati|wali\s*kota|mayor|commander|komandan|ketua|"
    r"chair(?:man|woman)?|president|presiden|secretary|sekretaris|sekjen|officials?|pejabat|"
    r"ambassador|duta\s+besar|dubes|kapolda|kapolres|kapolri|kapolsek|panglima|general|jenderal|"
    r"camat|lurah|kepala\s+desa|kades|anggota|member|analyst|analis|researcher|peneliti|"
    r"professor|profesor|guru\s+besar|coordinator|koordinator|manager|manajer|adviser|advisor|"
    r"penasihat|staf\s+khusus|deputi|deputy|wakil|komisioner|commissioner|kasubdit|kabid|kasi)\b",
    re.IGNORECASE,
)
_NOT_A_NAME = re.compile(
    r"(?:on\s+|last\s+|this\s+)?\b(?:Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu|Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday|Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|"
    r"November|Desember|January|February|March|June|July|August|October|December|WIB|WITA|WIT)\b|\d"
)
_GENERIC_SPEAKER = re.compile(
    r"\b(?:pejabat|petugas|polisi|aparat|saksi|warga|sumber|pihak\s+berwenang|otoritas|"
    r"officials?|police|witness(?:es)?|sources?|authorities|residents|rescuers|medics|"
    r"doctors|analysts|experts|observers|activists|diplomats?)\b",
    re.I,
)


def is_pronoun(phrase: str) -> bool:
    """True for a pronoun or an anaphoric reference ("ia", "the agency", "kementerian itu")."""
    return bool(_PRONOUN.match(phrase.strip()))


@dataclass(frozen=True, slots=True)
class Attribution:
    """A reporting clause in a sentence: who, where, and which way its scope extends."""

    speaker: str | None  # canonical, or None for a pronoun/continuation
    start: int  # span of the whole clause in the sentence
    end: int
    direction: str  # "forward" (covers what follows) or "backward" (covers what precedes)
    relay: bool = False  # an outlet relaying someone else's words
    pronoun: bool = False


class Attributor:
    """Finds reporting clauses and canonical speakers, using a gazetteer."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        self._before: dict[str, re.Pattern[str]] = {}
        self._after: dict[str, re.Pattern[str]] = {}
        self._relay: dict[str, re.Pattern[str]] = {}
        for lang in ("id", "en"):
            verbs = _VERB_AFTER_SPEAKER[lang]
            self._before[lang] = re.compile(rf"(?<!\w)(?:{verbs})(?!\w)", re.VERBOSE)
            self._after[lang] = re.compile(
                rf"(?<!\w)(?:{_SPEAKER_AFTER[lang]})(?!\w)\s+", re.IGNORECASE | re.VERBOSE
            )
            self._relay[lang] = re.compile(
                rf"(?<!\w)(?:{_RELAY[lang]})(?!\w)\s+", re.IGNORECASE | re.VERBOSE
            )

    # -- public ---------------------------------------------------------------------------------

    def find(self, sentence: str, lang: str) -> list[Attribution]:
        langs = (lang, "en" if lang == "id" else "id")
        found: list[Attribution] = []
        for lg in langs[:1]:
            found += self._speaker_before(sentence, lg)
            found += self._speaker_after(sentence, lg)
            found += self._relays(sentence, lg)
        found.sort(key=lambda a: a.start)
        return found

    def canonical(self, phrase: str) -> str | None:
        """Canonical speaker name for a noun phrase, or None when nothing usable is in it."""
        np = phrase.strip(" ,.;:\"“”'()-—")
        np = re.sub(r"\s+", " ", np)
        for _ in range(3):
            np = _LEADING_JUNK.sub("", np)
        if not np or _PRONOUN.match(np) or re.search(r"\d", np) or np.lower() in _DETERMINERS:
            return None
        if _NUMBER_WORD_START.match(np):
            return None
        matches = self.gaz.find(np)
        persons = [m for m in matches if m.entity.kind == "person"]
        if persons:
            return persons[-1].entity.name
        person = _trailing_person(np, matches)
        if person:
            return person
        stripped = _TITLES.sub("", np)
        acronym = _PAREN_ACRONYM.search(np)
        if acronym and not matches:  # "Asosiasi Bantuan untuk Tahanan Politik (AAPP)" -> AAPP
            return acronym.group(1)
        if matches:
            best = max(matches, key=lambda m: (m.entity.kind not in ("country", "place"), m.end - m.start))
            if best.entity.kind in ("country", "place") and not best.composed and _INSTITUTION.search(stripped):
                return stripped  # "Dinas Kesehatan DKI Jakarta", "Jakarta Survey Institute"
            return best.entity.name
        words = stripped.split()
        if 0 < len(words) <= 6 and _WORD_CAP.search(stripped):
            return stripped
        if 0 < len(words) <= 5 and (_GENERIC_SPEAKER.search(stripped) or _INSTITUTION.search(stripped)):
            return stripped
        return None

    def side_of(self, name: str | None) -> str | None:
        if not name:
            return None
        return self.gaz.side_of(name)

    @staticmethod
    def is_continuation(sentence: str) -> bool:
        return bool(_CONTINUATION.match(sentence))

    # -- appositives: "Kepala BPBD Garut, Satria Budi, mengatakan" ------------------------------

    def _person(self, phrase: str) -> str | None:
        """A person's name, when ``phrase`` is one: in the gazetteer, or two or more
        capitalised words that are not a day, a month, a place or an institution."""
        np = phrase.strip(" ,;.")
        words = np.split()
        while words and words[0].lower() in _RANKS:  # "Maj. Pete Nguyen", "Kombes Ade Ary"
            words = words[1:]
        np = " ".join(words)
        if not 1 <= len(words) <= 5 or _NOT_A_NAME.search(np):
            return None
        persons = [m for m in self.gaz.find(np) if m.entity.kind == "person"]
        if persons:
            return persons[-1].entity.name
        if len(words) >= 2 and all(w[:1].isupper() or w.lower() in ("bin", "binti", "van", "de", "al") for w in words):
            cand = self.canonical(np)
            if cand == np:  # not an organisation, place or country the gazetteer knows
                return cand
        return None

    def appositive_before(self, s: str, verb_start: int) -> tuple[int, str] | None:
        """``TITLE, NAME, verb`` → (start of TITLE, NAME)."""
        left = s[:verb_start].rstrip()
        if not left.endswith(","):
            return None
        inner_end = len(left) - 1
        comma = left.rfind(",", 0, inner_end)
        if comma < 0:
            return None
        inner = left[comma + 1:inner_end]
        name = self._person(inner)
        if name is None:
            # "NAME, DESCRIPTION, verb": "Budi Santoso, warga Tebet, mengatakan"
            if not inner.strip()[:1].islower() and not _TITLE_WORD.search(inner):
                return None
            name_start, before = _left_phrase(s, comma)
            person = self._person(before)
            return (name_start, person) if person and before.strip() == before.strip(" ,") else None
        title_start, title = _left_phrase(s, comma)
        if not title.strip() or not (_TITLE_WORD.search(title) or self.gaz.find(title)):
            return None  # "Di Jakarta, Budi Santoso, ..." is not "title, name"
        return title_start, name

    def _appositive_after(self, s: str, np_end: int) -> tuple[int, str] | None:
        """After ``kata TITLE``: ``, NAME`` closing the clause → (end, NAME)."""
        m = _APPOSED_NAME.match(s, np_end)
        if m is None:
            return None
        name = self._person(m.group(1))
        return (m.end(1), name) if name else None

    # -- patterns -------------------------------------------------------------------------------

    def _speaker_before(self, s: str, lang: str) -> list[Attribution]:
        out: list[Attribution] = []
        for m in self._before[lang].finditer(s):
            apposed = self.appositive_before(s, m.start())
            if apposed is not None:
                out.append(Attribution(apposed[1], apposed[0], m.end(), "forward"))
                continue
            np_start, np = _left_phrase(s, m.start())
            if not np.strip():
                continue
            if _PRONOUN.match(np.strip()):
                out.append(Attribution(None, np_start, m.end(), "forward", pronoun=True))
                continue
            speaker = self.canonical(np)
            if speaker:
                out.append(Attribution(speaker, np_start, m.end(), "forward"))
        return out

    def _speaker_after(self, s: str, lang: str) -> list[Attribution]:
        out: list[Attribution] = []
        for m in self._after[lang].finditer(s):
            word = m.group(0).strip().lower()
            np_end, np = _right_phrase(s, m.end(), lang)
            if not np.strip():
                continue
            if lang == "en" and word in ("said", "says"):
                # "said X" only when X is a name that closes the clause: "..., said John Kirby."
                if not (np[:1].isupper() or np.lower().startswith("the ")) or _NOT_A_NAME.fullmatch(np.strip()):
                    continue  # "..., authorities said Friday": a day is not a speaker
                if s[np_end:].strip()[:1] not in ("", ",", ".", ";", "!", "?"):
                    continue
            if lang == "id" and word in ("data", "catatan") and not self.gaz.find(np):
                continue
            if _PRONOUN.match(np.strip()) or np.strip().lower() in ("nya", "dia", "him", "her"):
                out.append(Attribution(None, m.start(), np_end, "backward", pronoun=True))
                continue
            speaker = self.canonical(np)
            named = self._appositive_after(s, np_end)
            if named is not None:  # "kata Kepala BPBD Garut, Satria Budi, Senin": the person
                np_end, speaker = named
            if not speaker:
                continue
            leading = word.startswith(("menurut", "berdasarkan", "merujuk", "sesuai", "according"))
            direction = "forward" if leading and _clause_start(s, m.start()) else "backward"
            out.append(Attribution(speaker, m.start(), np_end, direction))
        return out

    def _relays(self, s: str, lang: str) -> list[Attribution]:
        out: list[Attribution] = []
        for m in self._relay[lang].finditer(s):
            np_end, np = _right_phrase(s, m.end(), lang)
            speaker = self.canonical(np)
            if speaker:
                out.append(Attribution(speaker, m.start(), np_end, "backward", relay=True))
        return out


# --- phrase cutting ------------------------------------------------------------------------------

_LEFT_STOP = re.compile(
    r"(?:[,;:“”\"]|\b(?:bahwa|that|yang|which|who|karena|because|setelah|after|when|ketika|saat|"
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


def _left_phrase(s: str, verb_start: int) -> tuple[int, str]:
    """The noun phrase ending at ``verb_start``, cut at the nearest clause boundary."""
    left = s[:verb_start].rstrip()
    # swallow a parenthesis that belongs to the phrase: "Amerika Serikat (AS)"
    cut = 0
    for m in _LEFT_STOP.finditer(left):
        if _in_parens(left, m.start()):
            continue
        cut = m.end()
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
    r"(?:pada\s+)?(?:hari\s+)?(?:Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu)|on\s+\w+day|"
    r"in\s+a\s+statement|dalam\s+(?:sebuah\s+)?(?:pernyataan|keterangan)(?:\s+\w+)?))+\s*$",
    re.IGNORECASE,
)


def _right_phrase(s: str, start: int, lang: str) -> tuple[int, str]:
    """The noun phrase starting at ``start``, cut at the next clause boundary."""
    m = _RIGHT_STOP.search(s, start + 1)
    end = m.start() if m else len(s)
    # keep "Amerika Serikat (AS)" whole
    if end < len(s) and s[end:].lstrip().startswith("("):
        close = s.find(")", end)
        if 0 < close - end < 12:
            end = close + 1
    return end, s[start:end].strip()


def _in_parens(s: str, pos: int) -> bool:
    return s.rfind("(", 0, pos) > s.rfind(")", 0, pos)


def _clause_start(s: str, pos: int) -> bool:
    """True when ``pos`` opens a clause (sentence start or right after a comma/connective)."""
    before = s[:pos].rstrip()
    return not before or before.endswith((",", ";", ":")) or bool(
        re.search(r"(?:^|\s)(?:namun|tetapi|sementara|and|but|however|while)$", before, re.IGNORECASE)
    )
