"""Stance cues beyond the verbs "deny" and "confirm", as real reporting words them.

Each cue is a pattern and the stance it signals; the speaker is found by the statement finder
(the subject before the cue) or by the sentence's reporting clause ("..., kata X", "X said").

- **dismissals** (denial): "called the reports a lie", "described claims ... as absurd", "are
  absurd", "accused Peskov of lying", "menyebut kabar itu hoaks", "fiksi belaka", "tidak benar";
- **negated assertions** (denial, only with a named speaker): "has not sent troops", "there were
  no ...", "had no role", "tidak ada peristiwa seperti itu", "tak ada anggota yang tewas",
  "tidak pernah hadir";
- **refusals and conditions** (non-denial): "declined to comment", "did not reply", "had no
  information", "has yet to confirm", "enggan berkomentar", "menolak menjawab", "tidak punya
  informasi", "if there is such a thing", "jika benar ada", "our sovereign business";
- **implicit confirmations**: "congratulated the army ... on the capture of", "praised the role
  of X's troops", "thanked the soldiers for liberating", "berterima kasih kepada tentara",
  "estimates ... were approximately correct", "dapat diandalkan".
"""

from __future__ import annotations

import re

from claimwatch.models import Stance

_I = re.IGNORECASE

_DISMISS_EN = re.compile(
    r"\b(?:called|calls|call|calling|described|describes|describing|dismissed|dismissing|branded|brands|"
    r"labell?ed|termed|dubbed|characteri[sz]ed|derided)\b(?:[^.;]|\.(?=\d)){0,140}?\b(?:as\s+)?(?:an?\s+|pure\s+|"
    r"complete\s+|total\s+|utter\s+)?[\"“‘']?(?:lies?|lying|fake(?:\s+news)?|false|baseless|groundless|"
    r"nonsense|absurd|fabricat\w*|fiction|propaganda|provocation|untrue|fantas(?:y|ies)|"
    r"disinformation|misinformation|hoax|slander|rubbish|speculation|provocative)\b"
    r"|\baccused\s+\S+(?:\s+\S+)?\s+of\s+(?:simply\s+)?[\"“‘']?(?:lying|spreading\s+(?:lies|"
    r"disinformation))",
    _I,
)
_UNTRUE_EN = re.compile(
    r"\b(?:is|are|was|were)\s+(?:simply\s+|completely\s+|totally\s+|utterly\s+)?[\"“‘']?(?:absurd|"
    r"false|untrue|baseless|groundless|nonsense|a\s+lie|lies|fake|fiction|not\s+true|fabricated|"
    r"fabrications|a\s+fabrication|propaganda|disinformation)\b"
    r"|\b(?:this|that|it|the\s+(?:report|claim|allegation)s?)\s+(?:was|is|were|are)\s+[\"“‘']?not\s+true"
    r"|\bnot\s+true\b|\bno\s+truth\b",
    _I,
)
_DISMISS_ID = re.compile(
    r"\b(?:menyebut|menyebutnya|menilai|menganggap|menyatakan|mengatakan|menegaskan)\b(?:[^.;]|\.(?=\d)){0,100}?"
    r"\b(?:hoaks|hoax|fitnah|bohong|kebohongan|tidak\s+benar|tak\s+benar|palsu|fiksi|mengada-ada|"
    r"tidak\s+berdasar|tak\s+berdasar|omong\s+kosong|propaganda|provokasi|disinformasi|"
    r"isapan\s+jempol)\b",
    _I,
)
_UNTRUE_ID = re.compile(
    r"\b(?:kabar|berita|informasi|laporan|klaim|isu|tudingan|tuduhan|hal)\s+(?:itu|tersebut|ini)?\s*"
    r"(?:(?:benar-benar|sama\s+sekali|jelas)\s+)?(?:tidak|tak)\s+benar\b"
    r"|\bfiksi\s+belaka\b|\binformasi\s+palsu\b|\bberita\s+bohong\b|\b(?:sudah\s+|telah\s+)?bantah\b|"
    r"\b(?:pernyataan|keterangan)\s+bantahan\b|\bmustahil\b|"
    r"\btidak\s+(?:mencerminkan|menggambarkan|sesuai\s+dengan)\s+(?:kenyataan|fakta|realitas|kondisi)\b",
    _I,
)
_NEGATED_EN = re.compile(
    r"\bthere\s+(?:was|were|is|are|have\s+been|had\s+been)\s+no\b"
    r"|\b(?:had|has|have)\s+no\s+(?:role|part|involvement|hand|troops|soldiers|forces|plans?|"
    r"intention|connection|relation)\b"
    r"|\b(?:has|have|had)\s+not\s+(?:sent|deployed|dispatched|supplied|delivered|taken|carried\s+out|"
    r"launched|attacked|shipped|transferred|provided)\b"
    r"|\bdid\s+not\s+(?:send|deploy|dispatch|supply|deliver|take\s+part|carry\s+out|launch|attack|ship|"
    r"transfer|provide|happen|occur)\b"
    r"|\bnever\s+(?:sent|deployed|dispatched|supplied|delivered|took\s+part|carried\s+out|launched|"
    r"attacked|happened|occurred)\b"
    r"|\bno\s+such\s+(?:thing|event|incident|call|conversation|meeting|deployment|attack)\b"
    r"|\bno\s+(?:North\s+Korean|Russian|Iranian|Chinese|foreign|Ukrainian|Israeli)\s+"
    r"(?:troops|soldiers|forces|fighters|weapons)\b",
    _I,
)
_NEGATED_ID = re.compile(
    r"\b(?:tidak|tak)\s+ada\s+(?!(?:komentar|yang\s+perlu\s+dikomentari|informasi|jawaban|tanggapan|"
    r"laporan|data|kepastian)\b)\w+"
    r"|\b\w+\s+(?:tidak|tak)\s+ada\b(?!\s+(?:komentar|informasi))"
    r"|\b(?:tidak|tak)\s+pernah\s+(?:ada|hadir|mengirim\w*|terjadi|menyerang|memasok|menempatkan|"
    r"mengerahkan|menggunakan|memiliki|melakukan)\b"
    r"|\b(?:tidak|tak)\s+(?:memiliki|punya)\s+(?!informasi|data|komentar)\w+"
    r"|\b(?:tidak|tak)\s+(?:mengirim|mengerahkan|menempatkan|memasok)\w*\b",
    _I,
)
_REFUSAL_EN = re.compile(
    r"\b(?:declined|refused|would\s+not|wouldn't|did\s+not\s+want|was\s+unable|were\s+unable|could\s+not)"
    r"\s+(?:immediately\s+)?to\s+(?:comment|say|discuss|elaborate|give\s+details|specify|answer|respond|"
    r"provide\s+(?:details|a\s+comment))\b"
    r"|\b(?:did\s+not|didn't|has\s+not|hasn't|have\s+not|haven't|had\s+not)\s+(?:(?:immediately|yet|directly|"
    r"publicly|officially)\s+)?(?:reply|replied|respond|responded|answer|answered|comment|commented)\b"
    r"|\b(?:had|has|have)\s+no\s+(?:information|comment|details|data)\b|\bno\s+comment\b"
    r"|\b(?:is|are|was|were)\s+(?:still\s+)?yet\s+to\s+(?:confirm|comment|respond)\b"
    r"|\bneither\b[^.;]{0,80}\bnor\b[^.;]{0,60}\b(?:has|have)\s+(?:publicly\s+)?(?:confirmed|"
    r"acknowledged)\b"
    r"|\b(?:if|even\s+if)\s+(?:there\s+(?:is|are|were|was)\s+(?:such|any)|that\s+(?:is|were)\s+true|it\s+"
    r"(?:is|were)\s+true|such\s+a\s+thing)\b"
    r"|\bsovereign\s+(?:business|right|matter|affair|decision)\b|\bour\s+own\s+business\b"
    r"|\brefused\s+to\s+(?:say|give|disclose|reveal)\b|\bdeclined\s+to\s+(?:say|give|disclose|reveal)\b"
    r"|\beven\s+if\b|\b(?:a|our)\s+(?:matter|business|affair)\s+(?:for|of)\b|\bnobody\s+else['’]s\s+business\b"
    r"|\bnot\s+something\s+we\s+(?:comment|discuss|talk)|\bwe\s+do\s+not\s+comment\b|\bno\s+comment\b"
    r"|\b(?:referred|directed|redirected)\s+(?:questions|reporters|journalists)\s+to\b"
    r"|\bto\s+(?:verify|establish|determine|confirm)\s+whether\b|\bawaiting\s+(?:the\s+)?results\b"
    r"|\basked\b[^.;]{0,200}?\b(?P<verb>(?:merely|only|simply)\s+(?:answered|replied|said|responded|smiled|laughed))\b",
    _I,
)
_REFUSAL_ID = re.compile(
    r"\b(?:menolak|enggan|tidak\s+mau|tak\s+mau|belum\s+mau)\s+(?:untuk\s+)?(?:mengomentari|berkomentar|"
    r"memberikan\s+(?:komentar|tanggapan|keterangan|penjelasan)|menanggapi|menjawab|merinci|"
    r"mengungkapkan|menjelaskan|membeberkan)\b"
    r"|\b(?:tidak|belum|tak)\s+(?:merespons|merespon|menanggapi|menjawab|membalas)\s+(?:permintaan|"
    r"pertanyaan|pesan|konfirmasi)\b"
    r"|\b(?:belum|tidak)\s+(?:bisa|dapat)\s+(?:langsung\s+)?(?:memberikan\s+)?(?:komentar|tanggapan|"
    r"berkomentar|menanggapi|memastikan)\b"
    r"|\b(?:belum|tidak|tak)\s+(?:memberikan|memberi|menyampaikan)\s+(?:komentar|tanggapan|keterangan)\b"
    r"|\b(?:tidak|tak)\s+(?:ada|punya|memiliki)\s+(?:informasi|komentar|tanggapan)\b"
    r"|\btidak\s+ada\s+yang\s+perlu\s+dikomentari\b"
    r"|\b(?:jika|kalau|apabila|seandainya|andaikan)\s+(?:memang\s+)?(?:benar|ada|itu\s+benar|hal\s+itu\s+"
    r"benar)\b"
    r"|\burusan\s+(?:kedaulatan|dalam\s+negeri|internal|kami|sendiri)\b|\bhak\s+(?:berdaulat|kedaulatan)\b"
    r"|\bmenunggu\s+hasil\b|\b(?:guna|untuk)\s+memastikan\s+apakah\b"
    r"|\bsebaiknya\s+diajukan\s+(?:kepada|ke)\b|\bmeminta\s+wartawan\s+bertanya\s+(?:kepada|ke)\b"
    r"|\bmengarahkan\s+(?:para\s+)?wartawan\s+(?:kepada|ke)\b|\btidak\s+perlu\s+dikomentari\b"
    r"|\bditanya\b[^.;]{0,200}?\b(?P<verb>(?:hanya|cuma)\s+(?:menjawab|berkata|mengatakan|tersenyum|tertawa))\b",
    _I,
)
_IMPLICIT_CONFIRM_ATTRIBUTED = re.compile(
    r"\b(?:were|was|is|are)\s+(?:approximately|roughly|broadly|largely|basically)?\s*(?:correct|"
    r"accurate|right)\b|\b(?:dapat|bisa)\s+diandalkan\b|\bakurat\b",
    _I,
)
_IMPLICIT_CONFIRM = re.compile(
    r"\b(?:congratulated|congratulates|thanked|thanks|praised|praises|hailed|hails|commended|commends|"
    r"lauded|honou?red|memuji|berterima\s+kasih|mengucapkan\s+(?:terima\s+kasih|selamat)|"
    r"memberi(?:kan)?\s+selamat|menyampaikan\s+(?:terima\s+kasih|selamat))\b"
    r"(?=(?:[^.;]|\.(?=\d)){0,120}\b(?:troops|soldiers|forces|army|fighters|units|servicemen|military|wagner|"
    r"capture|liberat\w+|tentara|pasukan|prajurit|militer|pembebasan|merebut|membebaskan)\b)",
    _I,
)

# "Neither North Korea nor Russia ... has publicly confirmed": a non-denial by each
NEITHER_NOR = re.compile(
    r"\bneither\s+(?P<a>[^,;]+?)\s+nor\s+(?P<b>[^,;]+?)(?:\s*,[^,;]*,)?\s+(?:has|have|had)\s+"
    r"(?:(?:publicly|officially|yet|so\s+far)\s+)*(?:confirmed|acknowledged|commented|admitted)\b",
    _I,
)

def _words(s: str | tuple[str, ...]) -> tuple[str, ...]:
    return tuple(s.split()) if isinstance(s, str) else s


# Each cue: (words one of which must be in the lowercased sentence before the pattern is tried,
# pattern, stance, speaker from the reporting clause only: the words before the cue are the claim,
# not who makes it — "claims ... are absurd", "tidak ada peristiwa seperti itu").
Cue = tuple[tuple[str, ...], re.Pattern[str], Stance, bool]
_CONFIRM_WORDS = _words("congratulat thank prais hail commend laud honour honor memuji berterima "
                        "mengucapkan memberi menyampaikan")
_CORRECT_WORDS = _words("correct accurate right diandalkan akurat")
CUES: dict[str, tuple[Cue, ...]] = {
    "en": ((_words("call describ dismiss brand label term dub characteri derid accus"), _DISMISS_EN,
            Stance.DENIAL, False),
           (_words("absurd false untrue baseless groundless nonsense lie fake fiction fabricat propaganda "
                   "disinformation true truth"), _UNTRUE_EN, Stance.DENIAL, True),
           (_words(("there was no", "there were no", "there is no", "there are no", "been no", "had no", "has no",
             "have no", "has not", "have not", "had not", "did not", "never", "no such", "no north",
             "no russian", "no iranian", "no chinese", "no foreign", "no ukrainian", "no israeli")),
            _NEGATED_EN, Stance.DENIAL, True),
           (_words(("declin", "refus", "would not", "wouldn't", "unable", "could not", "did not", "didn't",
             "has not", "hasn't", "have not", "haven't", "had not", "no information", "no comment",
             "no details", "no data", "yet to", "neither", "if ", "sovereign", "our own", "verify",
             "establish", "determine", "await", "matter", "business", "something we", "comment",
             "referred", "directed", "merely", "only", "simply")), _REFUSAL_EN, Stance.NON_DENIAL, False),
           (_CONFIRM_WORDS, _IMPLICIT_CONFIRM, Stance.CONFIRMATION, False),
           (_CORRECT_WORDS, _IMPLICIT_CONFIRM_ATTRIBUTED, Stance.CONFIRMATION, True)),
    "id": ((_words("menyebut menilai menganggap menyatakan mengatakan menegaskan"), _DISMISS_ID,
            Stance.DENIAL, False),
           (_words("benar fiksi palsu bohong bantah mustahil mencerminkan menggambarkan sesuai"), _UNTRUE_ID,
            Stance.DENIAL, True),
           (_words(("tidak ada", "tak ada", "tidak pernah", "tak pernah", "tidak memiliki", "tak memiliki",
             "tidak punya", "tak punya", "tidak mengirim", "tak mengirim", "tidak mengerahkan",
             "tidak menempatkan", "tidak memasok")), _NEGATED_ID, Stance.DENIAL, True),
           (_words(("menolak", "enggan", "mau ", "merespon", "menanggapi", "menjawab", "membalas", "bisa",
             "dapat", "komentar", "dikomentari", "tanggapan", "informasi", "jika", "kalau", "apabila",
             "seandainya", "andaikan", "urusan", "hak ", "menunggu", "memastikan", "diajukan",
             "wartawan", "memberikan", "memberi", "menyampaikan", "hanya", "cuma")), _REFUSAL_ID,
            Stance.NON_DENIAL, False),
           (_CONFIRM_WORDS, _IMPLICIT_CONFIRM, Stance.CONFIRMATION, False),
           (_CORRECT_WORDS, _IMPLICIT_CONFIRM_ATTRIBUTED, Stance.CONFIRMATION, True)),
}
