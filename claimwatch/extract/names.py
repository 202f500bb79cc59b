"""Names of speakers: titles, ranks, portfolios, people's names at the end of a phrase.

Shared by attribution (who says so) and statements (who denies or confirms).
"""

from __future__ import annotations

import re

TITLES = re.compile(
    r"""^(?:(?:wakil|mantan|plt\.?|plh\.?|sekretaris|former|deputy|acting|chief|senior)\s+)*?
    (?:presiden|wapres|perdana\s+menteri|pm|menteri(?:\s+\w+){0,3}?|juru\s*bicara|jubir|kepala(?:\s+\w+){0,3}?|
    direktur(?:\s+\w+){0,2}|gubernur|bupati|wali\s*kota|kapolri|kapolda|kapolres|panglima(?:\s+tni)?|
    jenderal|letjen|mayjen|brigjen|kolonel|kapten|komandan|ketua|sekjen|duta\s+besar|dubes|
    president|prime\s+minister|minister(?:\s+\w+){0,2}|spokesman|spokeswoman|spokesperson|
    secretary(?:\s+\w+){0,2}|director|governor|gen\.?|general|col\.?|colonel|lt\.?|commander|
    head(?:\s+of\s+\w+)?|chairman|ambassador|mr\.?|ms\.?|mrs\.?|dr\.?|sir)\s+""",
    re.IGNORECASE | re.VERBOSE,
)
LEADING_JUNK = re.compile(
    r"^(?:namun|tetapi|tapi|sementara\s+itu|sedangkan|adapun|sebelumnya|semula|awalnya|kemudian|lalu|dan|"
    r"initially|originally|at\s+first|"
    r"(?:dalam|lewat|melalui|in)\s+(?:sebuah\s+|a\s+|an\s+|its\s+|his\s+|her\s+)?(?:pernyataan|keterangan|"
    r"wawancara|konferensi\s+pers|statement|interview|briefing)(?:\s+(?:terbaru|terbarunya|resmi|resminya|"
    r"tertulis|tertulisnya|latest|new|written))?(?:nya)?|"
    r"meanwhile|however|but|and|separately|earlier|later|also|the|para|pihak|data|catatan|laporan|"
    r"rilis|perkiraan|estimasi|hasil(?:\s+(?:rekapitulasi|penghitungan|survei|pendataan))?)\s+",
    re.IGNORECASE,
)
DETERMINERS = frozenset({"a", "an", "the", "it", "this", "that", "ini", "itu", "hal", "hal ini"})
NUMBER_WORD_START = re.compile(
    r"^(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"hundreds?|thousands?|dozens?|fewer|more|less|some|many|several|satu|dua|tiga|empat|lima|"
    r"enam|tujuh|delapan|sembilan|sepuluh|puluhan|ratusan|ribuan|sebanyak|sekitar|lebih|kurang|"
    r"hampir|sedikitnya|setidaknya)\b",
    re.I,
)
INSTITUTION = re.compile(
    r"(?:\b(?:commission|bureau|agency|ministry|office|department|institute|authority|council|"
    r"service|committee|court|government|military|army|police|coast\s+guard|observatory|center|"
    r"centre|board|administration|network|association|coalition|union|foundation|federation)$|"
    r"^(?:badan|dinas|komisi|kementerian|lembaga|kantor|pemerintah|kepolisian|otoritas|pusat|biro|"
    r"balai|satgas|tim|jaringan|asosiasi|perhimpunan|serikat|koalisi|yayasan|persatuan|ikatan)\b)",
    re.I,
)
RANKS = frozenset(
    """kombes akbp kompol akp iptu ipda aiptu bripka brigjen irjen komjen jenderal letjen mayjen
    letkol mayor kolonel kapten laksamana marsekal lettu letda serka sertu kopral prajurit gen
    gen. lt lt. col col. maj maj. capt capt. sgt sgt. general colonel major captain lieutenant
    admiral sergeant dr dr. mr mr. ms ms. mrs mrs. prof prof. h. hj. ir. kh senior sr. brig.
    brig gen.""".split()
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
FIRST_NAMES = frozenset(
    """muhammad mohammad mohamad mochamad ahmad achmad abdul abdullah siti sri dewi nur nurul
    i made putu ketut kadek wayan gede ni andi daeng teuku cut raden rr tengku haji hajjah
    maria yohanes fransiskus agustinus""".split()
)


# offices that take a place after them: "BPBD Garut", "Polres Subang", "Dinkes Bandung"
_REGIONAL_UNITS = frozenset(
    """bpbd polres polda polsek polresta kodim korem kodam dinkes dinsos pemkab pemkot pemprov dprd kpud
    kpu bawaslu rsud kejari kejati pn sar basarnas kantor pos posko""".split())


# the second word of places like "Flores Timur", "Jawa Barat", "Sulawesi Tenggara"
_COMPASS = frozenset("timur barat utara selatan tengah tenggara daya laut raya".split())


def looks_like_region(words: list[str]) -> bool:
    """"Jawa Barat", "Kabupaten Garut", "Metro Jaya": words that name a region, not a person."""
    return bool(words) and (words[-1].lower() in _COMPASS or words[0].lower() in _PLACE_WORDS
                            or words[-1].lower() == "jaya")


_TOKEN = re.compile(r"[^\s,]+")


def trailing_person(np: str, matches: list) -> str | None:  # type: ignore[type-arg]
    """A personal name at the end of a phrase ("Kepala BNPB Bayu Santoso" -> "Bayu Santoso")."""
    tokens = np.replace(",", " ").split()  # (the words of _TOKEN)
    tok = tokens[-1] if tokens else ""
    if not ((tok[:1].isupper() and any(c.islower() for c in tok[1:])) or tok in ("bin", "binti")):
        return None  # the phrase does not end on a name (the loop below would stop at once)
    taken = [(m.start, m.end) for m in matches]
    words = list(_TOKEN.finditer(np))
    name: list[str] = []
    for w in reversed(words):
        tok = w.group(0)
        if any(a <= w.start() < b for a, b in taken) or tok.lower() in RANKS or tok.lower() in _PORTFOLIOS:
            break
        if not ((tok[:1].isupper() and any(c.islower() for c in tok[1:])) or tok in ("bin", "binti")):
            break
        if TITLES.match(tok + " "):
            break
        name.insert(0, tok)
    first = len(words) - len(name)
    if name and ((first > 0 and words[first - 1].group(0).lower() in _PLACE_WORDS) or name[0].lower() in _PLACE_WORDS):
        return None  # "KPU Provinsi Jawa Tengah", "Dinas Kesehatan Kota Bandung": a place, not a person
    if len(name) >= 3 and first > 0 and name[0].lower() not in FIRST_NAMES:
        name = name[1:]  # "Basarnas Bandung Joko Prasetyo", "Dinas Kesehatan Sumenep Nur Aini"
        first += 1
        while len(name) >= 3 and name[0].lower() in _COMPASS:
            name = name[1:]  # "BPBD Flores Timur Fredy Moat Aeng": the place goes on
            first += 1
    if name and first > 0 and matches and matches[-1].end >= words[first - 1].end() and (
        not TITLES.match(np[: matches[-1].start]) and matches[-1].start == 0
    ):
        return None  # "BPBD Tanjung Rawi": an institution and its place, not a person
    if (len(name) == 1 and first >= 2 and TITLES.match(np) and words[first - 1].group(0).isupper()
            and words[first - 1].group(0).lower() not in _REGIONAL_UNITS):
        return name[0]  # "Kepala BNPB Suharyanto" (but "Kepala BPBD Garut" names a place)
    if looks_like_region(name):
        return None  # "Kapolda Jawa Barat": a region after the title
    if len(name) >= 2 or (len(name) == 1 and len(words) == 1 and not matches):
        cand = " ".join(name)
        if not INSTITUTION.search(cand) and cand.lower() not in DETERMINERS:
            return cand
    return None


WORD_CAP = re.compile(r"\b[A-Z]")
PAREN_ACRONYM = re.compile(r"\(([A-Z][A-Za-z0-9&-]{1,9})\)?\s*$")
APPOSED_NAME = re.compile(
    r",\s*((?:(?:dr|drg|ir|prof|hj?)\.\s+)?[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,4})\s*(?=[,.;]|$)")
TITLE_WORD = re.compile(
    r"\b(?:spokes(?:man|woman|person)|juru\s*bicara|jubir|kepala|head|chief|director|direktur|"
    r"ministers?|menteri|governor|gubernur|bupati|wali\s*kota|mayor|commander|komandan|ketua|"
    r"chair(?:man|woman)?|president|presiden|secretary|sekretaris|sekjen|officials?|pejabat|"
    r"ambassador|duta\s+besar|dubes|kapolda|kapolres|kapolri|kapolsek|panglima|general|jenderal|"
    r"camat|lurah|kepala\s+desa|kades|anggota|member|analyst|analis|researcher|peneliti|"
    r"professor|profesor|guru\s+besar|coordinator|koordinator|manager|manajer|adviser|advisor|"
    r"penasihat|staf\s+khusus|deputi|deputy|wakil|komisioner|commissioner|kasubdit|kabid|kasi|"
    r"leader|pemimpin|chief|representative|perwakilan|envoy|utusan|officer|humas|lawmaker|"
    r"legislator|anggota\s+dpr|senator|observer|pengamat|founder|pendiri|owner|pemilik)\b",
    re.IGNORECASE,
)
NOT_A_NAME = re.compile(
    r"(?:on\s+|last\s+|this\s+)?\b(?:Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu|Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday|Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|"
    r"November|Desember|January|February|March|June|July|August|October|December|WIB|WITA|WIT)\b|\d"
)
GENERIC_SPEAKER = re.compile(
    r"\b(?:pejabat|petugas|polisi|aparat|saksi|warga|sumber|pihak\s+berwenang|otoritas|"
    r"officials?|police|witness(?:es)?|sources?|authorities|residents|rescuers|medics|"
    r"doctors|analysts|experts|observers|activists|diplomats?|media|junta|government|pemerintah|"
    r"militer|military|army|investigation|investigators?|penyelidik|ministry|kementerian|"
    r"lawmakers?|legislators?|intelligence|intelijen|spokes(?:man|woman|person)|juru\s+bicara|"
    r"jubir|officers?|commanders?|regime|rezim|navy|reports?|laporan|"
    r"(?:aid|rights|human\s+rights|humanitarian|relief|advocacy|monitoring|medical|local)\s+(?:groups?|"
    r"organi[sz]ations?|agencies|workers)|(?:kelompok|lembaga|organisasi)\s+(?:kemanusiaan|HAM|bantuan))\b",
    re.I,
)
