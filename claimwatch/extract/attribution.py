"""Stage 3 of extraction: who says so.

Finds reporting clauses in a sentence ("kata X", "menurut X", "X mengatakan", "X said",
"according to X", "citing X", "dibantah X" ...), cuts out the speaker's noun phrase and turns it
into a canonical name through the gazetteer. Figures and statements then pick the attribution
whose scope covers them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from claimwatch.extract.names import (
    APPOSED_NAME,
    DETERMINERS,
    FIRST_NAMES,
    GENERIC_SPEAKER,
    INSTITUTION,
    LEADING_JUNK,
    NOT_A_NAME,
    NUMBER_WORD_START,
    PAREN_ACRONYM,
    RANKS,
    TITLE_WORD,
    TITLES,
    WORD_CAP,
    looks_like_region,
    trailing_person,
)
from claimwatch.extract.phrases import clause_start, left_phrase, right_phrase
from claimwatch.lexicon import Gazetteer
from claimwatch.lexicon.text import caseless, fold, literal_union, lower_aligned

# --- reporting patterns ----------------------------------------------------------------------

# Speaker BEFORE the verb: "X mengatakan", "X said".
_VERB_AFTER_SPEAKER = {
    "id": r"""mengatakan|menunjukkan|mencatat|menyatakan|menyebut(?:kan)?|memperkirakan|melaporkan|mengklaim|mencatat|
        mengungkapkan|menjelaskan|menuturkan|menambahkan|menegaskan|mengumumkan|merilis|
        memperingatkan|menduga|menaksir|meyakini|menilai|menyampaikan|memastikan|menerangkan|
        mengestimasi|menghitung|berkata|bilang|mengabarkan|memaparkan|mengonfirmasi|membenarkan|
        menerima\s+bahwa|mengakui\s+bahwa|
        mengakui|membantah|menepis|menyangkal|menampik|mencatatkan|memproyeksikan|memprediksi|
        memprakirakan|menargetkan|mengeklaim|memperbarui|merevisi|merinci|melansir|mengungkap|
        menjawab|menanggapi|membalas|merespons|menekankan|
        membeberkan|menginformasikan|melaporkannya|mendata|menerbitkan|mengutip""",
    "en": r"""said|says|say|estimated|estimates|estimate|claimed|claims|reported|reports|told|
        announced|announces|stated|states|added|noted|warned|believes|believed|assessed|assesses|
        counted|recorded|confirmed|confirms|acknowledged|admitted|denied|denies|alleged|wrote|
        put\s+the\s+(?:number|toll|figure)\s+at|puts\s+the\s+(?:number|toll|figure)\s+at|
        tallied|calculated|projected|showed|shows|found|finds|forecast|forecasts|predicted|
        predicts|expects|expected|tells|tell|revealed|reveals|disclosed|discloses|identified|
        declared|declares|updated|listed|cited|quoted|put\s+out|gave|gives|released|published|
        replied|responded|answered|retorted|countered|insisted|maintained|stressed|emphasi[sz]ed|
        informed|briefed|indicated|suggested|insisted|explained|asserted|argued|told\s+\w+""",
}
# Speaker AFTER the verb: ", kata X", "said X", "according to X".
_SPEAKER_AFTER = {
    "id": r"""kata|ujar|ucap|tutur|jelas|ungkap|terang|imbuh|tambah|tegas|sebut|papar|pungkas|lanjut|
        menurut|berdasarkan\s+(?:data|catatan|laporan|keterangan)|merujuk\s+(?:pada\s+)?data|
        sesuai\s+data|data|catatan|(?:dikeluarkan|dirilis|diterbitkan|disampaikan|diumumkan|dihimpun|
        diterima|dicatat|dilaporkan)(?:\s+oleh)?""",
    "en": r"""said|says|according\s+to|figures\s+from|data\s+from|per|(?:released|issued|published|
        compiled|provided|announced|reported|given)(?:\s+\w+day)?\s+by""",
}
# Outlets that pass someone else's words on ("seperti dilansir CNA", "as quoted by AFP"): the
# claimant is whoever else is named; the outlet alone is the claimant only when nobody else is.
_RELAY = {
    "id": r"""seperti\s+dilansir(?:\s+dari)?|dilansir(?:\s+dari)?|dikutip\s+dari|
        sebagaimana\s+dilaporkan(?:\s+oleh)?|sebagaimana\s+dikutip(?:\s+dari)?|seperti\s+dikutip(?:\s+dari)?|
        seperti\s+dilaporkan(?:\s+oleh)?|seperti\s+diberitakan|dikutip|dilaporkan\s+oleh|
        (?:dalam\s+pernyataan\s+yang\s+)?disiarkan\s+(?:oleh|kantor\s+berita)""",
    "en": r"""as\s+reported\s+by|reported\s+by|as\s+quoted\s+by|quoted\s+by|cited\s+by|via|
        (?:in\s+a\s+statement\s+)?carried\s+by|published\s+by\s+(?=(?:the\s+)?(?:official\s+|state\s+)?\w+\s+news)""",
}
# every relay and citing pattern holds one of these (lowercased): the patterns are tried only then
_RELAY_WORDS = {"id": literal_union(("dilansir", "dikutip", "dilaporkan", "diberitakan", "disiarkan")),
                "en": literal_union(("reported by", "quoted by", "cited by", "via", "carried by", "published by"))}
_CITING_WORDS = {"id": literal_union(("mengutip", "merujuk")), "en": literal_union(("citing", "quoting", "cites", "quotes"))}
# The source a speaker passes on ("citing the NIS", "mengutip laporan HUR"): the claimant, with
# the speaker who cites it as the relay.
_CITING = {
    "id": r"""mengutip(?:\s+(?:laporan|keterangan|pernyataan|data))?|merujuk\s+(?:pada\s+|kepada\s+)?(?:laporan|keterangan)""",
    "en": r"""citing|quoting|cites|quotes""",
}
# "ujarnya", "katanya", "menurutnya": a speaker named earlier
_SUFFIXED = re.compile(
    r"(?<!\w)(?:(?P<after>kata|ujar|ucap|tutur|jelas|ungkap|terang|imbuh|tambah|tegas|sebut|papar|"
    r"pungkas|lanjut|sambung|katanya)|(?P<before>menurut))nya(?!\w)", re.I)

_ADVERBS = {
    "id": r"(?:\s+(?:sebelumnya|juga|telah|sudah|pun|kembali|sempat|bahkan|secara\s+\w+|dengan\s+tegas|langsung|lagi|kemudian|hanya|tak|tidak|belum|enggan|masih))*",
    "en": r"(?:\s+(?:also|previously|earlier|has|had|have|flatly|strongly|publicly|officially|later|then|again|separately|recently|initially|repeatedly|not|never|has\s+not|did\s+not|didn't))*",
}

_PRONOUN = re.compile(
    r"^(?:ia|dia|beliau|mereka|pihaknya|kami|he|she|they|it|we|the\s+\d+-year-old(?:\s+[a-z]+)?|(?:the|this|that)\s+(?:[a-z-]+\s+){0,2}"
    r"(?:agency|ministry|official|officials|spokesman|spokeswoman|spokesperson|report|statement|"
    r"military|office|group|department|army|police|government|agensi|organisation|organization|"
    r"source|sources|commander|chief|head|president|minister|governor|committee|commission|"
    r"council|service|authority|authorities|investigation|investigators|junta|regime|navy|"
    r"force|forces|general|officer|spokesperson)|"
    r"(?:kementerian|badan|lembaga|organisasi|pihak|instansi|militer|kepolisian|kantor|"
    r"dinas|komisi|komite|otoritas|pemerintah|junta|jenderal|pejabat|juru\s+bicara|jubir|"
    r"menteri|presiden|gubernur|kepala|panglima|komandan|polisi|penyelidik|tim|lembaga\s+\w+)"
    r"(?:\s+[a-z]+){0,3}\s+(?:itu|tersebut|ini))$",
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

# "Western estimates putting ...", "reports of ...": the noun, not the reporting verb
_NOUN_USE = (r"(?!\s+(?:putting|put|of|by|were|are|was|is|from|have|had|show|showed|suggest|"
             r"suggested|indicate|indicated|say|said|vary|differ|ranged?|came|come|and|or)\b)")
# a token that is a number ("12,000", "2024"), not a name with a digit ("M23", "G20")
_NUMERIC_TOKEN = re.compile(r"(?<![\w-])\d[\d.,:/]*(?![\w-])|\d+-(?:year|tahun)")
_ORG_TAIL = re.compile(r"\b(?:agency|authority|office|ministry|service|group|badan|lembaga)\s+([A-Z]{2,8})\s*$")
_ORG_WORDS = re.compile(
    r"(?i)\b(?:red\s+crescent|red\s+cross|bulan\s+sabit\s+merah|palang\s+merah|rights\s+group|"
    r"watch|institute|foundation|yayasan|lembaga|LBH|KontraS|komnas|civil\s+defen[cs]e|pertahanan\s+sipil)\b")
_LEADING_ACRONYM = re.compile(r"^[A-Z]{2,8}\b")
_ASKED = re.compile(
    r"\b(?:[Aa]sked|[Qq]uestioned|[Pp]ressed)\s+(?:\w+\s+){0,3}?(?:about|on|over|whether)\b(?:\s+(?:the\s+)?"
    r"(?:reports?|claims?|allegations?)\s+(?:that|of))?|\b[Dd]itanya(?:kan)?\s+(?:\w+\s+){0,2}?"
    r"(?:soal|tentang|mengenai|perihal|apakah|terkait)\b(?:\s+(?:laporan|kabar|klaim)\s+(?:yang\s+menyebut|bahwa))?")
_NOT_NAME_START = frozenset(
    "di dalam pada menurut sejak dari ke untuk in at on from since by after before during the a an".split())
_DATELINE = re.compile(r"^[^-–—]{0,60}\s[-–—]{1,2}\s+")
_MAY_BE_SEVERAL = re.compile(r",| and | dan | serta | as well as ")
# several speakers of one clause: "the US and South Korea", "UNHCR dan IOM"
_CO_SPEAKERS = re.compile(r"\s*(?:,\s*|\s(?:and|dan|serta|as\s+well\s+as)\s+)", re.I)
# words before a source that are not its name: "laporan Reuters", "state media reports"
_REPORT_WORDS = re.compile(
    r"^(?:(?:the|a|an)\s+)?(?:(?:latest|new|terbaru|terkini|resmi|official|first)\s+)*"
    r"(?:laporan|keterangan|pernyataan|data|catatan|rilis|report|reports|statement|figures|data|"
    r"updates?|estimates?|tally)\s+(?:(?:of|from|by|dari|oleh)\s+)?|\s+(?:reports?|laporan|statement|"
    r"figures|data|estimates?)$", re.I)
# a fronted source clause: "Menurut data terkini yang dikeluarkan BNPB", "According to updates released by"
_FRONTED = re.compile(r"^\s*(?:menurut|berdasarkan|merujuk|sesuai|according\s+to)\b[^,]*$", re.I)


# stems of the verbs a stance can turn on: no pattern below needs trying without one
_STANCE_STEMS = ("bantah", "tepis", "nepis", "sangkal", "nyangkal", "tampik", "nampik", "tolak", "nolak", "deni", "deny", "dismiss", "reject",
                 "refut", "disput")
_NOUN_BEFORE = re.compile(r"\b(?:about|the|a|of|on|these|those|such|recent|latest|unconfirmed|its|their|"
                          r"his|her|in)\s+$", re.I)
_REPORT_NOUNS = tuple("report claim allegation account assertion estimate laporan klaim kabar tudingan "
                      "tuduhan perkiraan berita informasi".split())
_REPORT_NOUN = literal_union(_REPORT_NOUNS)
# a report a speaker denies or will not deny, asks about or confirms; or "Kyiv's claim that ...":
# the figures in it are the report's source's, or nobody's: its figures are the report's source's, or nobody's
_DISPUTED = re.compile(
    r"(?:\b(?:denied|denies|deny|denying|dismissed|dismisses|dismissing|rejected|rejects|rejecting|"
    r"refuted|refutes|disputed|disputes|membantah|menepis|menyangkal|menampik|menolak|about|on|over|"
    r"soal|tentang|mengenai|terkait|mengomentari|menanggapi|confirm|mengonfirmasi|membenarkan|menyebut|"
    r"menilai|menganggap|called|calling|described|describing|branded|branding)\s+|"
    r"(?<![Ii]n\s)(?<![Ii]ts\s)(?<!their\s)(?<![Dd]alam\s)(?<![Mm]elalui\s)\b(?=[A-Z]\w+['’]s\s))"
    r"(?:(?:a|an|the|these|those|such)\s+)?(?P<before>(?:[\w'’.-]+\s+){0,4}?)"
    r"(?P<noun>reports?|claims?|allegations?|accounts?|assertions?|estimates?|laporan|klaim|kabar|tudingan|"
    r"tuduhan|berita|informasi|perkiraan)\b(?:(?P<after>[^,;.]{0,60}?)\s*,?\s+"
    r"(?:that|bahwa|yang\s+menyebut(?:kan)?|yang\s+mengatakan)\b|"
    r"(?=\s+(?:of|on|about|pengiriman|tentang|soal|mengenai|kematian|tewasnya)\s))", re.I)
_UNSOURCED_WORDS = tuple("reported alleged rumored rumoured purported kabar adanya presence existence".split())


# every way _DISPUTED opens holds one of these (lowercased) before the report's noun
_DISPUTE_LEAD = literal_union(
    "denied denies deny denying dismiss reject refut disput bantah tepis nepis sangkal nyangkal tampik nampik tolak "
    "nolak about on over "
    "soal tentang mengenai terkait mengomentari menanggapi confirm mengonfirmasi membenarkan menyebut menilai "
    "menganggap called calling described describing brand 's ’s".split())


def _disputes(sentence: str, low: str) -> list[re.Match[str]]:
    """The reports a sentence disputes or asks about, looked for only around their nouns."""
    out: list[re.Match[str]] = []
    last_end = 0
    # (a few `in` tests cost less than a scan for the words: most sentences name no report)
    for noun in _REPORT_NOUN.finditer(low) if any(w in low for w in _REPORT_NOUNS) else ():
        if noun.start() < last_end or not _DISPUTE_LEAD.search(low, max(0, noun.start() - 60), noun.start()):
            continue
        for d in _DISPUTED.finditer(sentence, max(last_end, noun.start() - 60), min(len(sentence), noun.end() + 80)):
            if d.start("noun") == noun.start():
                out.append(d)
                last_end = d.end()
                break
    return out


# what the press says without a source: "the reported loss of two jets", "the reported deployment of
# 10,000 of its soldiers", "3,000 workers reportedly sent": nobody in the sentence claims it
_UNSOURCED = caseless(re.compile(
    r"\b(?:the|a|an|its|their|his|her)\s+(?:reported|alleged|rumou?red|purported)\s+(?=(?:[\w-]+\s+){0,3}?(?:of|that)\s)|"
    r"(?<=\s)reportedly\b|\bkabarnya\b|\bdikabarkan\b|"
    r"\b(?:tidak|tak|enggan|belum)\s+(?:membantah|menyangkal|mengonfirmasi|membenarkan)\s+adanya\b|"
    r"\b(?:did\s+not|would\s+not|declined\s+to|refused\s+to)\s+(?:deny|confirm)\s+the\s+(?:presence|existence)\s+of\b",
    re.I))  # run on the lower-cased sentence


_TO_THE_UN = re.compile(r"\b(?:to|at|di|untuk|pada)\s+(?:the\s+)?(?:UN|United\s+Nations|PBB|Perserikatan\s+Bangsa)")
_CITING_INSIDE = re.compile(r"\s(?:citing|quoting|mengutip)\s", re.I)
_OUTLET_WORDS = re.compile(r"\b(?:news\s+agency|kantor\s+berita|newspaper|surat\s+kabar|harian|broadcaster)\b", re.I)


# not frozen: a frozen instance costs ~6x more to build, and this one is built for every
# match of every sentence; it is never changed after it is built (dataclasses.replace makes a new one)
@dataclass(slots=True, unsafe_hash=True)
class Attribution:
    """A reporting clause in a sentence: who, where, and which way its scope extends."""

    speaker: str | None  # canonical, or None for a pronoun/continuation
    start: int  # span of the whole clause in the sentence
    end: int
    direction: str  # "forward" (covers what follows) or "backward" (covers what precedes)
    relay: bool = False  # an outlet relaying someone else's words
    pronoun: bool = False  # "he", "the ministry", "kementerian itu": resolved from the article
    phrase: str | None = None  # the words as written (for pronouns and descriptions)
    cites: bool = False  # "citing X": X is the source, the speaker who cites it a relay
    others: tuple[str, ...] = ()  # further speakers of one clause ("the US and South Korea said")


_SPACES = re.compile(r"\s+")


class Attributor:
    """Finds reporting clauses and canonical speakers, using a gazetteer."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        self._before: dict[str, re.Pattern[str]] = {}
        self._after: dict[str, re.Pattern[str]] = {}
        self._relay: dict[str, re.Pattern[str]] = {}
        self._citing: dict[str, re.Pattern[str]] = {}
        for lang in ("id", "en"):
            verbs = _VERB_AFTER_SPEAKER[lang]
            self._before[lang] = re.compile(rf"(?<!\w)(?:{verbs})(?!\w){_NOUN_USE}", re.VERBOSE)
            # these three run on the lower-cased sentence (see caseless)
            self._after[lang] = caseless(re.compile(
                rf"(?<!\w)(?:{_SPEAKER_AFTER[lang]})(?!\w)\s+", re.IGNORECASE | re.VERBOSE
            ))
            self._relay[lang] = caseless(re.compile(
                rf"(?<!\w)(?:{_RELAY[lang]})(?!\w)\s+", re.IGNORECASE | re.VERBOSE
            ))
            self._citing[lang] = caseless(re.compile(
                rf"(?<!\w)(?:{_CITING[lang]})(?!\w)\s+", re.IGNORECASE | re.VERBOSE
            ))

    # -- public ---------------------------------------------------------------------------------

    def find(self, sentence: str, lang: str) -> list[Attribution]:
        low = lower_aligned(sentence)
        found: list[Attribution] = []
        found += self._speaker_before(sentence, lang)
        found += self._speaker_after(sentence, low, lang)
        found += self._relays(sentence, low, lang)
        found += self._suffixed(sentence)
        for d in _disputes(sentence, low):
            # "the Kremlin denied a report that ...": the figure is the report's, not the Kremlin's
            found = [a for a in found if not (d.start("noun") <= a.start < d.end() or
                                              d.start("noun") < a.end <= d.end())]
            names = self._report_source(d.group("before") or "") or self._report_source(d.group("after") or "")
            found.append(Attribution(names[0] if names else None, d.start("noun"), d.end(), "forward",
                                     others=names[1:], phrase=""))
        if any(w in low for w in _UNSOURCED_WORDS):
            for u in _UNSOURCED.finditer(low):
                if any(a.start <= u.start() < a.end and a.phrase == "" for a in found):
                    continue
                forward = u.group(0).lower().strip() not in ("reportedly", "kabarnya", "dikabarkan")
                found.append(Attribution(None, u.start(), u.end(), "forward" if forward else "backward",
                                         phrase=""))
        found.sort(key=lambda a: a.start)
        return self._outlets_relay(found)

    def _outlets_relay(self, found: list[Attribution]) -> list[Attribution]:
        """"..., South Korea's military said, Yonhap reported": beside a source named in the same
        sentence, a news outlet that reports is a relay."""
        direct = [a for a in found if a.speaker and not a.relay and not a.cites and a.phrase != ""]
        if len(direct) < 2:
            return found
        media = [a for a in direct if self._is_outlet(a.speaker)]
        if not media or len(media) == len(direct):
            return found
        return [replace(a, relay=True) if a in media else a for a in found]

    def _is_outlet(self, name: str | None) -> bool:
        if not name:
            return False
        if _OUTLET_WORDS.search(name):
            return True
        e = self.gaz.lookup(name)
        return e is not None and e.kind == "media"

    def _report_source(self, words: str) -> tuple[str, ...]:
        """Whose a report is, from the words around its noun: "Ukraina" in "laporan Ukraina bahwa",
        "aid groups'" in "aid groups' estimates that", "RSF" in "tuduhan RSF bahwa"."""
        words = re.sub(r"['’]s?$", "", words.strip())
        if not words or not (self.gaz.find(words) or words[:1].isupper() or GENERIC_SPEAKER.search(words)
                             or re.search(r"\b(?:groups?|organi[sz]ations?|kelompok|lembaga)\b", words, re.I)):
            return ()
        return self.canonical_all(words)

    def subject_person(self, sentence: str) -> str | None:
        """The person a sentence opens with, named but not reporting: "Maria Zakharova, the
        foreign ministry spokeswoman, was asked ...", "Bupati Cianjur Hendra Gunawan meninjau ..."."""
        head = _DATELINE.sub("", sentence)
        segs = head.split(",", 2)
        if len(segs) == 3 and TITLE_WORD.search(segs[0]):
            person = self._person(segs[1])  # "Kepala Dinas Kesehatan ..., Hendra Tarmizi, angkat bicara"
            if person:
                return person
        words: list[str] = []
        for tok in head.split()[:8]:
            clean = tok.strip(",;:")
            if not clean or not (clean[:1].isupper() or TITLE_WORD.fullmatch(clean) or clean.lower() in RANKS
                                 or (words and TITLE_WORD.fullmatch(f"{words[-1]} {clean}"))):
                break  # ("Juru bicara Kremlin Dmitry Peskov ditanya ...": a title goes on in lower case)
            words.append(clean)
            if tok.endswith((",", ";", ":")):
                break
        if len(words) < 2:
            return None
        phrase = " ".join(words)
        persons = [m.entity.name for m in self.gaz.find(phrase) if m.entity.kind == "person"]
        if persons:
            return persons[-1]
        name = trailing_person(phrase, self.gaz.find(phrase))
        if name is None or name.split()[0].lower() in _NOT_NAME_START:
            return None  # "Di Cipongkor, ...": a place phrase
        return self._person(name)

    def refers(self, phrase: str) -> bool:
        """A pronoun or a description ("the ministry", "kementerian itu") that names nobody the
        gazetteer knows ("the Israeli military" and "the UN refugee agency" are names)."""
        np = phrase.strip()
        return bool(_PRONOUN.match(np)) and not any(
            e.entity.kind != "place" for e in self.gaz.find(np))

    def canonical_all(self, phrase: str) -> tuple[str, ...]:
        """Every speaker a phrase names: "the US and South Korea" -> (United States, South Korea);
        one name, or nothing, otherwise."""
        parts = [p for p in _CO_SPEAKERS.split(phrase) if p.strip()] if _MAY_BE_SEVERAL.search(phrase) else []
        if len(parts) >= 2:
            names = [self.canonical(p) for p in parts]
            for first in range(len(parts) - 1):  # "Tuesday, Japan, South Korea and the US": the known ones
                known = [n for n, p in zip(names[first:], parts[first:], strict=True) if n and self.gaz.find(p)]
                if len(known) == len(parts) - first and len(set(known)) == len(known):
                    return tuple(known)
        one = self.canonical(phrase)
        return (one,) if one else ()

    def canonical(self, phrase: str) -> str | None:
        """Canonical speaker name for a noun phrase, or None when nothing usable is in it."""
        np = phrase.strip(" ,.;:\"“”'()-—")
        np = _SPACES.sub(" ", np)
        for _ in range(3):
            cut = LEADING_JUNK.sub("", np)
            if cut == np:
                break  # (nothing more to cut)
            np = cut
        if not np or _PRONOUN.match(np) or _NUMERIC_TOKEN.search(np) or np.lower() in DETERMINERS or (
                NOT_A_NAME.fullmatch(np)):
            return None  # (a day, a month or a time word names nobody: "... yang dirilis Minggu")
        if NUMBER_WORD_START.match(np):
            return None
        found = matches = self.gaz.find(np)
        if _TO_THE_UN.search(np) and any(m.entity.kind == "country" for m in matches):
            # "North Korea's mission to the United Nations", "Dubes Rusia untuk PBB": the country speaks
            matches = [m for m in matches if m.entity.kind == "country"]
        persons = [m for m in matches if m.entity.kind == "person"]
        if persons:
            return persons[-1].entity.name
        person = trailing_person(np, found)
        if person:
            return person
        stripped = TITLES.sub("", np)
        acronym = PAREN_ACRONYM.search(np)
        if acronym and not matches:  # "Asosiasi Bantuan untuk Tahanan Politik (AAPP)" -> AAPP
            return acronym.group(1)
        if matches:
            best = max(matches, key=lambda m: (m.entity.kind not in ("country", "place"), m.end - m.start))
            if best.entity.kind in ("country", "place") and not best.composed:
                if stripped != np and fold(stripped) == fold(best.surface) and best.entity.kind == "place":
                    return np  # "Kapolda Jawa Barat": the office, not the province
                bare = PAREN_ACRONYM.sub("", stripped).strip()
                if acronym and len(bare.split()) > len(best.surface.split()) + 1:
                    return acronym.group(1)  # "Pakistan's National Disaster Management Authority (NDMA)"
                tail = _ORG_TAIL.search(stripped)
                if tail and not self.gaz.find(tail.group(1)):
                    return tail.group(1)  # "Turkey's disaster agency AFAD"
                if INSTITUTION.search(stripped) or _ORG_WORDS.search(stripped) or (
                        len(stripped.split()) > len(best.surface.split()) and _LEADING_ACRONYM.match(stripped)):
                    return stripped  # "Dinas Kesehatan DKI Jakarta", "Libyan Red Crescent", "LBH Jakarta"
            return best.entity.name
        words = stripped.split()
        if 0 < len(words) <= 6 and WORD_CAP.search(stripped):
            if stripped != np and looks_like_region(words):
                return np  # "Kapolda Jawa Barat": the office of a region, not the region
            return stripped
        if 0 < len(words) <= 5 and (GENERIC_SPEAKER.search(stripped) or INSTITUTION.search(stripped)):
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
        while words and words[0].lower() in RANKS:  # "Maj. Pete Nguyen", "Kombes Ade Ary"
            words = words[1:]
        np = " ".join(words)
        if not 1 <= len(words) <= 5 or NOT_A_NAME.search(np):
            return None
        persons = [m for m in self.gaz.find(np) if m.entity.kind == "person"]
        if persons:
            return persons[-1].entity.name
        if len(words) >= 2 and all(w[:1].isupper() or w.lower() in ("bin", "binti", "van", "de", "al") for w in words):
            cand = self.canonical(np)
            if cand == np or (cand and np.endswith(" " + cand) and words[0].lower() in FIRST_NAMES):
                return np  # not an organisation, place or country the gazetteer knows ("I Made Suarjana")
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
        part, cut = inner, comma
        for _ in range(2):  # "Arief Cahyono, Ketua Kelompok ..., Setjen Kementan, menyampaikan"
            if name is not None or cut <= 0 or not (TITLE_WORD.search(part) or self.gaz.find(part)):
                break
            prev = left.rfind(",", 0, cut)
            seg = left[prev + 1:cut]
            person = self._person(seg)
            if person is not None:
                return (prev + 1 + len(seg) - len(seg.lstrip())), person
            part, cut = seg, prev
        if name is None:
            # "NAME, DESCRIPTION, verb": "Budi Santoso, warga Tebet, mengatakan"
            if not inner.strip()[:1].islower() and not TITLE_WORD.search(inner):
                return None
            name_start, before = left_phrase(s, comma)
            person = self._person(before)
            return (name_start, person) if person and before.strip() == before.strip(" ,") else None
        title_start, title = left_phrase(s, comma)
        if not title.strip() or not (TITLE_WORD.search(title) or self.gaz.find(title)):
            return None  # "Di Jakarta, Budi Santoso, ..." is not "title, name"
        return title_start, name

    def _appositive_after(self, s: str, np_end: int) -> tuple[int, str] | None:
        """After ``kata TITLE``: ``, NAME`` closing the clause → (end, NAME)."""
        m = APPOSED_NAME.match(s, np_end)
        if m is None:
            return None
        if " " not in m.group(1):  # one word names a person only after a title: "kata Kepala BPBD X, Sumani"
            one = m.group(1)
            if not TITLE_WORD.search(s[max(0, np_end - 60):np_end]) or NOT_A_NAME.search(one) or (
                    self.gaz.find(one) or one.isupper() or one.lower() in RANKS):
                return None
            return m.end(1), one
        name = self._person(m.group(1))
        return (m.end(1), name) if name else None

    # -- patterns -------------------------------------------------------------------------------

    def _speaker_before(self, s: str, lang: str) -> list[Attribution]:
        out: list[Attribution] = []
        for m in self._before[lang].finditer(s):
            if _NOUN_BEFORE.search(s, max(0, m.start() - 12), m.start()):
                continue  # "asked about reports that", "the latest estimates": nouns, not verbs
            apposed = self.appositive_before(s, m.start())
            if apposed is not None:
                out.append(Attribution(apposed[1], apposed[0], m.end(), "forward"))
                continue
            np_start, np = left_phrase(s, m.start())
            citing = _CITING_INSIDE.search(np)
            if citing is not None:
                np = np[:citing.start()]  # "lawmakers citing the NIS said": the lawmakers speak
            if not np.strip():
                continue
            if self.refers(np):
                out.append(Attribution(None, np_start, m.end(), "forward", pronoun=True, phrase=np.strip()))
                continue
            names = self.canonical_all(np)
            if names:
                out.append(Attribution(names[0], np_start, m.end(), "forward", others=names[1:],
                                       phrase=np.strip()))
        return out

    def _speaker_after(self, s: str, low: str, lang: str) -> list[Attribution]:
        out: list[Attribution] = []
        for m in self._after[lang].finditer(low):
            word = m.group(0).strip().lower()
            np_end, np = right_phrase(s, m.end(), lang)
            if not np.strip():
                continue
            if lang == "en" and word in ("said", "says"):
                # "said X" only when X is a name that closes the clause: "..., said John Kirby."
                if not (np[:1].isupper() or np.lower().startswith("the ")) or NOT_A_NAME.fullmatch(np.strip()):
                    continue  # "..., authorities said Friday": a day is not a speaker
                if s[np_end:].strip()[:1] not in ("", ",", ".", ";", "!", "?"):
                    continue
            if lang == "id" and word in ("data", "catatan") and not self.gaz.find(np):
                continue
            leading = word.startswith(("menurut", "berdasarkan", "merujuk", "sesuai", "according")) or (
                _FRONTED.search(s[: m.start()]) is not None)  # "Menurut data yang dirilis BNPB, ..."
            direction = "forward" if leading and (clause_start(s, m.start()) or _FRONTED.search(s[: m.start()])) \
                else "backward"
            if self.refers(np) or np.strip().lower() in ("nya", "dia", "him", "her", "them"):
                out.append(Attribution(None, m.start(), np_end, direction, pronoun=True, phrase=np.strip()))
                continue
            names = self.canonical_all(_REPORT_WORDS.sub("", np))
            named = self._appositive_after(s, np_end)
            if named is not None:  # "kata Kepala BPBD Garut, Satria Budi, Senin": the person
                np_end, names = named[0], (named[1],)
            if not names:
                continue
            out.append(Attribution(names[0], m.start(), np_end, direction, others=names[1:],
                                   phrase=np.strip()))
        return out

    def _suffixed(self, s: str) -> list[Attribution]:
        """"ujarnya", "katanya" (backward), "menurutnya" (forward): a speaker named before."""
        return [Attribution(None, m.start(), m.end(), "forward" if m.group("before") else "backward",
                            pronoun=True, phrase="nya") for m in _SUFFIXED.finditer(s)] if "nya" in s else []

    def _relays(self, s: str, low: str, lang: str) -> list[Attribution]:
        out: list[Attribution] = []
        relays = self._relay[lang].finditer(low) if _RELAY_WORDS[lang].search(low) else ()
        for m in relays:
            np_end, np = right_phrase(s, m.end(), lang)
            speaker = self.canonical(_REPORT_WORDS.sub("", np))
            if speaker:
                out.append(Attribution(speaker, m.start(), np_end, "backward", relay=True, phrase=np))
        for m in self._citing[lang].finditer(low) if _CITING_WORDS[lang].search(low) else ():
            np_end, np = right_phrase(s, m.end(), lang)
            if self.refers(np):
                out.append(Attribution(None, m.start(), np_end, "forward", pronoun=True, phrase=np.strip(),
                                       cites=True))
                continue
            names = self.canonical_all(_REPORT_WORDS.sub("", np))
            if names:
                out.append(Attribution(names[0], m.start(), np_end, "forward", cites=True,
                                       others=names[1:], phrase=np))
        return out


# --- phrase cutting ------------------------------------------------------------------------------
