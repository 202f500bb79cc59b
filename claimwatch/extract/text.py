"""Stage 1 of extraction: page noise, paragraphs and sentences, with offsets kept.

Every span points into the caller's original text, so figures found later can report
``start``/``end`` offsets that are true for the text the user handed in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Whole lines that are page furniture, not article text.
_NOISE_LINE = re.compile(
    r"""^\s*(?:
        baca\s+juga\b.*
      | simak\s+juga\b.*
      | lihat\s+juga\b.*
      | tonton\s+juga\b.*
      | baca\s+selengkapnya\b.*
      | read\s+(?:also|more|next)\b.*
      | related\s*:.*
      | advertisement
      | iklan
      | scroll\s+(?:down\s+)?to\s+(?:continue|resume)(?:\s+with\s+content)?
      | artikel\s+ini\s+telah\s+tayang\b.*
      | editor\s*:.*
      | penulis\s*:.*
      | reporter\s*:.*
      | sumber\s*:.*
      | (?:share|bagikan)\s*:?
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_LINK_HEADER = re.compile(
    r"^\s*(?:baca\s+juga|simak\s+juga|lihat\s+juga|baca|read\s+(?:also|more|next)|related(?:\s+stories)?|"
    r"see\s+also|more\s+on\s+this)\s*:?\s*$", re.IGNORECASE)
_LINE_CLOSE = re.compile(r"[.!?:;\"”’')\]]\s*$")
_SENTENCE_CLOSE = re.compile(r"[.!?][\"”’')\]]*\s*$")
# Inline noise that sits inside a paragraph: "[baca: ...]", "(Baca juga: ...)".
_NOISE_INLINE = re.compile(
    r"\[\s*(?:baca|simak|lihat)(?:\s+juga)?\s*:[^\]]*\]|\(\s*(?:baca|simak)\s+juga\s*:[^)]*\)",
    re.IGNORECASE,
)

# Abbreviations after which a period does not end a sentence.
_ABBREV = frozenset(
    """
    jl jln no nomor dr drs ir prof h hj kh st sdr bpk ny tn mr mrs ms mt gen col lt sgt capt maj
    adm brig cmdr cpl pvt lt.col lt.gen maj.gen brig.gen jr sr mt fr rev hon pres supt insp comr
    cmdr sen gov atty
    gov sen rep dept est inc ltd co corp vs etc jan feb mar apr jun jul aug sep sept oct nov dec
    ags okt des u.s u.k u.n a.m p.m e.g i.e no. rp tbk pt cv kab kec kel ds
    """.split()
)

_SENT_END = re.compile(r"[.!?]+[\"”’')\]]*(?=\s+|$)")


# not frozen: a frozen instance costs ~6x more to build, and this one is built for every
# match of every sentence; it is never changed after it is built (dataclasses.replace makes a new one)
@dataclass(slots=True, unsafe_hash=True)
class Sentence:
    text: str
    start: int
    end: int
    paragraph: int


def clean_spans(text: str) -> list[tuple[int, int]]:
    """Return (start, end) spans of paragraphs that are article text (noise lines dropped).

    A bare "Read more:" / "Baca juga:" header also takes the link titles listed under it:
    short lines without a sentence's closing punctuation."""
    spans: list[tuple[int, int]] = []
    pos = 0
    in_links = False
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        start, end = pos, pos + len(body)
        pos += len(line)
        if in_links and body.strip() and len(body) <= 160 and not _SENTENCE_CLOSE.search(body):
            continue
        in_links = bool(_LINK_HEADER.match(body))
        if not body.strip() or _NOISE_LINE.match(body):
            continue
        # trim surrounding whitespace, keep offsets honest
        lead = len(body) - len(body.lstrip())
        trail = len(body) - len(body.rstrip())
        span = (start + lead, end - trail)
        # a line broken in mid-sentence ("... merusak\n lambung kapal ..."): one paragraph
        # or after a comma, or wrapped onto an indented line ("... kepresidenan\n Ukraina, ...")
        if spans and not _LINE_CLOSE.search(prev := text[spans[-1][0]:spans[-1][1]]) and (
                body.lstrip()[:1].islower() or prev.endswith(",") or (lead and body[:1] in " \t"
                                                                      and pos - len(line) == spans[-1][1] + 1)):
            span = (spans.pop()[0], span[1])
        spans.append(span)
    return spans


def mask_inline_noise(text: str) -> str:
    """Blank out inline noise with spaces so offsets stay aligned with the original."""
    return _NOISE_INLINE.sub(lambda m: " " * len(m.group(0)), text)


def _is_abbreviation(par: str, dot: int) -> bool:
    """True when the period at ``dot`` belongs to an abbreviation or a number."""
    j = dot
    while j > 0 and (par[j - 1].isalpha() or par[j - 1] == "."):
        j -= 1
    word = par[j:dot].lower().strip(".")
    if word in _ABBREV:
        return True
    # single capital letter initials: "J. Smith"
    if len(word) == 1 and word.isalpha():
        return True
    # decimal or thousands separator: 12.000
    return dot + 1 < len(par) and par[dot + 1].isdigit() and dot > 0 and par[dot - 1].isdigit()


def split_sentences(text: str) -> list[Sentence]:
    """Split text into sentences grouped by paragraph (one paragraph per non-noise line)."""
    masked = mask_inline_noise(text)
    out: list[Sentence] = []
    for pidx, (pstart, pend) in enumerate(clean_spans(masked)):
        par = masked[pstart:pend]
        cur = 0
        for m in _SENT_END.finditer(par):
            end = m.end()
            if _inside_quote(par, m.start()):
                continue
            first_dot = m.start()
            if par[first_dot] == "." and _is_abbreviation(par, first_dot) and m.end() - m.start() == 1:
                continue
            nxt = par[end:].lstrip()
            # a sentence only ends before an upper-case letter, a digit, a quote or the end
            if nxt and not (nxt[0].isupper() or nxt[0].isdigit() or nxt[0] in "\"“‘'([-—"):
                continue
            _emit(out, par, pstart, cur, end, pidx)
            cur = end
        _emit(out, par, pstart, cur, len(par), pidx)
    return out


def _inside_quote(par: str, pos: int) -> bool:
    """True when ``pos`` lies inside an open quotation (straight or curly quotes)."""
    before = par[:pos]
    curly = before.count("“") - before.count("”")
    straight = before.count('"') % 2
    return curly > 0 or straight == 1


_ALNUM = re.compile(r"[^\W_]")  # a letter or digit (str.isalnum)


def _emit(out: list[Sentence], par: str, pstart: int, a: int, b: int, pidx: int) -> None:
    chunk = par[a:b]
    lead = len(chunk) - len(chunk.lstrip())
    chunk = chunk.strip()
    if not chunk or not _ALNUM.search(chunk):
        return
    s = pstart + a + lead
    out.append(Sentence(text=chunk, start=s, end=s + len(chunk), paragraph=pidx))
