"""HTML to article text on lxml's tree: drop scripts, navigation and page noise.

A small, dependable converter used where no site profile applies, and the paragraph logic that
profiles use too. Stages:

0. :func:`decode_page`: page bytes to text (declared charset, BOM, sniffing, gzip, binary).
1. :func:`parse_html`: libxml2's HTML parser through lxml (:mod:`scrapers.tree`), one parse.
2. :func:`clean`: remove non-content tags (scripts, nav, aside, footer, forms, figures and
   their captions, ...), ``hidden`` elements, and elements whose class or id carries a noise
   word ("baca-juga", "ads-top", "share", "related", "author", "caption", ...). A word is one
   piece of a class split on ``-``/``_``, so ``read__content`` is not an ad and ``ads-top`` is.
3. :func:`main_content`: the deepest container that still holds 85 % of the page's non-link
   text. This trims whatever chrome survived stage 2 (author boxes, copyright lines, teasers)
   without ever cutting into an article that is spread over several paragraphs.
4. :func:`blocks_to_text`: drop link-heavy blocks (related lists, "Baca juga: <a>" lines,
   tag lists) and the headline ``<h1>`` (the title is kept separately), put block elements on
   their own lines, then drop noise lines ("Baca Juga", "ADVERTISEMENT", "Scroll to continue",
   bylines, captions, share/follow prompts, tag lines, copyright, date-only lines) and inline
   "(Baca juga: ...)" asides. Control characters never reach the output.

The result has one paragraph per line, so the extractor sees the article and little else.
"""

from __future__ import annotations

import codecs
import re
import zlib
from collections.abc import Iterable, Iterator

from scrapers import tree
from scrapers.pagedate import DATE_RE
from scrapers.tree import GONE, Node, contents, decompose, gone, tags_under

__all__ = ["blocks_to_text", "clean", "clean_line", "decode_page", "generic_text", "html_to_text",
           "looks_like_html", "main_content", "parse_html"]

_DROP_TAGS = frozenset(
    """script style noscript nav aside footer header form iframe svg figure figcaption button
    template select textarea object embed video audio canvas picture map dialog menu head amp-ad
    amp-embed amp-sidebar amp-social-share amp-analytics amp-iframe amp-consent amp-sticky-ad
    amp-auto-ads amp-video amp-carousel amp-img amp-lightbox amp-user-notification annotation""".split()
)
# Noise is judged per word of a class or id ("read__content" is not an ad; "ads-top" is).
_NOISE_WORDS = frozenset(
    """baca bacajuga readalso readmore related advert advertisement advertorial ads ad adsbygoogle
    iklan promo share sharing sharer social sosmed comment comments komentar disqus newsletter
    breadcrumb breadcrumbs sidebar recommend recommended recommendation popular populer
    terpopuler trending most tags tag topik topic topics footer subscribe subscription cookie
    consent banner rekomendasi terkait lainnya pilihan author byline penulis editor reporter
    credit credits caption photo foto gallery thumbnail thumb meta date time timestamp
    pagination paging pager widget toolbar print popup modal overlay outbrain taboola mgid
    sponsor sponsored signup login nav navbar navigation menu masthead authors relatedposts
    skip reply replies timeline video""".split()
)
_KEEP_TAGS = frozenset({"html", "body", "article", "main", "[document]"})
# noise words no container of a story carries, however much text it holds
_ALWAYS_NOISE = frozenset("comment comments komentar disqus related relatedposts recommend recommended "
                          "outbrain taboola mgid newsletter footer reply replies".split())
_NO_TEXT = frozenset({"script", "style", "noscript", "template", "svg", "head"})
# containers a layout may wrap the story in: kept when they hold most of the page's text
_WRAPPERS = frozenset({"form", "header", "section", "figure", "center"})
_PARAGRAPHS = frozenset({"p", "pre", "blockquote", "h2", "h3", "ul", "ol", "span", "b", "i", "em", "strong", "font",
                         "a", "br", "code", "small", "u", "sup", "sub"})
_CORE_MIN = 200  # characters of paragraphs before a container counts as the story's
_SPLIT = re.compile(r"[-_\s]+")
_BLOCKS = frozenset(("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "br",
                     "tr", "section", "article", "dd", "dt", "pre", "ul", "ol", "table", "main",
                     "td", "th", "hr", "address", "details", "summary", "center"))
_CONTAINERS = frozenset({"html", "body", "div", "section", "article", "main", "td", "tr",
                         "tbody", "table", "center", "[document]"})
_LINK_CHECK = frozenset({"p", "li", "ul", "ol", "div", "section", "h2", "h3", "h4", "h5", "h6",
                         "dl", "dd", "dt", "table", "blockquote"})  # blocks: never inline tags
_LOOKS_HTML = re.compile(r"<\s*(?:!doctype|html|head|body|p|div|article|br|span|a\s)[\s>/]", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060\ufeff\ufffe]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INLINE_ASIDE = re.compile(  # "(Baca juga: Headline (With Parens) Here)"
    r"\s*[(\[]\s*(?:baca|lihat|simak|tonton)(?:\s+juga)?\s*:(?:[^()\[\]]|\([^()]*\)){0,200}[)\]]",
    re.I)
_NOISE_LINE = re.compile(
    r"""^(?:
      (?:baca|lihat|simak|tonton|cek)\s+(?:juga|selengkapnya|berita|video)\b.{0,200}
    | (?:read|see|watch)\s+(?:also|more|next)\b.{0,200}
    | (?:advertisement|advertisment|iklan|ads|sponsored|sponsor|promoted|konten\s+bersponsor|live)
    | scroll\s+(?:to|untuk|ke)\s+\w+.{0,40}
    | (?:story|article|artikel|berita)\s+(?:continues|berlanjut|lanjut).{0,60}
    | (?:continue|lanjutkan)\s+(?:reading|membaca).{0,40}
    | (?:penulis|editor|reporter|pewarta|redaktur|kontributor|sumber|foto|photo|video|ilustrasi
        |writer|author|editing|reporting|penyunting|fotografer|grafis)\s*:.{0,120}
    | (?:(?:additional\s+)?reporting|editing|writing|compiled)\s+by\b.{0,160}
    | by\s+(?-i:[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})
        (?:\s*(?:,|and|&|\|)\s*(?-i:[A-Z])[^\d.!?]{0,60})?
    | (?:share|bagikan|bagikan\s+artikel|share\s+this(?:\s+article|\s+story)?|copy\s+link
        |salin\s+(?:tautan|link)|tweet|whatsapp|facebook|telegram|line|email|print|cetak)
    | (?:follow|ikuti|dapatkan|download|unduh|gabung|join|klik)\b.{0,120}
        (?:google\s+news|whatsapp|telegram|channel|aplikasi|app|update|instagram)\b.{0,60}
    | (?:tags?|topik(?:\s+terkait)?|topics?|kata\s+kunci|keywords?|tagar)\s*(?::.{0,200})?
    | (?:©|\(c\)|copyright|hak\s+cipta).{0,200}
    | .{0,80}\ball\s+rights\s+reserved.{0,80}
    | (?:sign\s+up|subscribe|berlangganan|daftar)\b.{0,100}(?:newsletter|buletin|email|surel).{0,80}
    | (?:\d+\s+)?(?:komentar|comments?)\s*(?:\(\d+\)|:)?
    | (?:tulis|lihat|kirim|beri)\s+komentar.{0,40}|leave\s+a\s+(?:comment|reply).{0,40}
    | comments\s+are\s+closed\.?|komentar\s+(?:dinonaktifkan|ditutup)\.?
    | \(\s*[a-z]{2,4}(?:\s*/\s*[a-z]{2,4}){1,2}\s*\)
    | \[[^\]]{1,60}\]
    | (?:halaman|page)\s+(?:selanjutnya|berikutnya|sebelumnya|next|\d+).{0,30}
    | pilihan\s+(?:redaksi|editor)\s*:.{0,200}
    | (?:pilihan\s+redaksi|berita\s+terkait|related\s+(?:stories|articles|news)|terpopuler
        |most\s+(?:popular|read)|trending|rekomendasi)\s*:?
    )$""", re.I | re.X)
# a template's markup shown as text ("<span class="pin_img">", "#{img_src}")
_MARKUP_LINE = re.compile(r"^(?:</?[a-zA-Z][\w-]*(?:\s[^<>]*)?/?>\s*)+$|.*#\{\w+\}")
_DATE_LEFTOVER = re.compile(
    r"^(?:(?:published|updated|posted|last\s+updated|diperbarui|dipublikasikan|diterbitkan|"
    r"terbit|dibuat|on|pada|oleh|\S+\.(?:com|co\.id|id|net|org|example))\b|[\s:,|\-–—·•/()])*$",
    re.I)
_MAX_GUNZIP = 8_000_000
_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe\x00\x00", "utf-32-le"),
         (b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
_BINARY_MAGIC = (b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"%PDF", b"PK\x03\x04", b"RIFF",
                 b"\x00asm", b"\x7fELF", b"BZh", b"\xfd7zXZ", b"OggS", b"ID3", b"fLaC", b"wOF",
                 b"\x00\x00\x01\x00", b"7z\xbc\xaf", b"II*\x00", b"MM\x00*")
_META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]{2,40})", re.I)
_ALIASES = {"latin-1": "cp1252", "latin1": "cp1252", "iso-8859-1": "cp1252", "iso8859-1": "cp1252",
            "us-ascii": "cp1252", "ascii": "cp1252", "windows-1252": "cp1252", "x-sjis": "shift_jis"}


def _cp1252_bytes(err: UnicodeError) -> tuple[str, int]:
    if not isinstance(err, UnicodeDecodeError):
        raise err
    return err.object[err.start:err.end].decode("cp1252", errors="replace"), err.end


codecs.register_error("claimwatch.cp1252", _cp1252_bytes)


def decode_page(data: bytes, charset: str | None = None) -> str | None:
    """Stage 0: page bytes → HTML text, or None for binary content.

    The ``charset`` argument, else ``<meta charset>`` / ``http-equiv``, else UTF-8; a charset
    that does not fit the bytes is skipped, and the last resort is UTF-8 with each bad byte read
    as cp1252. A BOM always wins, UTF-16 without a BOM is sniffed, a gzip body is unpacked (at
    most 8 MB). Images, archives and other binary formats give None.
    """
    if data[:2] == b"\x1f\x8b":
        try:
            data = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data, _MAX_GUNZIP)
        except zlib.error:
            return None
    if data.startswith(_BINARY_MAGIC):
        return None
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(enc, errors="replace")
    head = data[:200]
    if len(head) >= 8 and head.count(0) >= len(head) // 3:  # UTF-16 without a BOM
        enc = "utf-16-le" if head[1::2].count(0) > head[0::2].count(0) else "utf-16-be"
        return data.decode(enc, errors="replace")
    m = _META_CHARSET.search(data[:4096])
    declared = m.group(1).decode("ascii", "ignore") if m else None
    for name in (charset, declared, "utf-8"):
        codec = _codec(name)
        if codec:
            try:
                return data.decode(codec)
            except (UnicodeDecodeError, LookupError):
                continue
    return data.decode("utf-8", errors="claimwatch.cp1252")


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    key = name.strip().strip("\"'").lower()
    key = _ALIASES.get(key, key)
    try:
        info = codecs.lookup(key)
    except LookupError:
        return None
    # an ASCII-compatible page cannot really be UTF-16/32 (the BOM check came first)
    return "utf-8" if info.name.startswith(("utf-16", "utf-32")) else info.name


def looks_like_html(data: str) -> bool:
    """True when ``data`` is HTML rather than plain text."""
    return bool(_LOOKS_HTML.search(data[:5000]))


def html_to_text(html: str) -> str:
    """Readable article text of an HTML page or fragment, one paragraph per line."""
    return generic_text(html, parse_html(html))


def _body(root: Node) -> Node:
    body = tree.find(root, "body")
    return root if body is None else body


def generic_text(html: str, root: Node) -> str:
    """Stages 2-4 on a parsed page (``root`` is consumed). When the text found is empty or tiny
    beside the page's own prose, the page is read again without the class-name rules (only
    scripts, navigation and forms dropped): a story is never lost to a layout's names."""
    body = _body(root)
    weights, prose_of = _measure(root)
    prose = prose_of.get(body, (0, 0))[1]
    clean(root, weights)
    text = blocks_to_text([main_content(root)])
    if prose >= _FALLBACK_MIN and len(text) < _FALLBACK_SHARE * prose:
        again = parse_html(html)
        for tag in tags_under(again):
            if not gone(tag) and tag.tag in _DROP_TAGS and tag.tag not in _WRAPPERS:
                decompose(tag)
        lenient = blocks_to_text([main_content(again)])
        if len(lenient) > len(text):
            return lenient
    return text


def parse_html(html: str) -> Node:
    """Stage 1: the parsed page's root element (never raises on odd markup: an empty or
    unreadable page is an empty ``<html>``)."""
    return tree.parse(html)


def _words(tag: Node) -> set[str]:
    attrs = tag.attrib
    classes = attrs.get("class") or ""
    ident = [w for w in _SPLIT.split(str(attrs.get("id") or "").lower()) if w]
    if len(ident) > 3:
        ident = []  # a heading's slug ("sharing-with-a-single-developer") is no layout name
    return {w for w in _SPLIT.split(classes.lower()) if w} | set(ident)


def clean(root: Node, weights: dict[Node, tuple[int, int]] | None = None) -> None:
    """Stage 2: remove non-content tags, hidden elements and noise-classed elements under
    ``root`` (``root`` itself is never removed). An element that holds most of the page's text is
    never removed for its name or class: a WordPress article is ``has-post-thumbnail``, an
    ASP.NET page sits in one ``<form>``, a layout column is ``non-ad-column``. ``weights`` are
    :func:`_weights` of the page as it is, when already measured."""
    tags = tags_under(root)
    keep = _core_line(root, tags, _weights(root) if weights is None else weights)
    for tag in tags:
        if gone(tag):
            continue
        name = tag.tag
        if name in _DROP_TAGS:
            if name in _WRAPPERS and tag in keep:
                continue  # the whole page in a <form>, the story in a <section>
            decompose(tag)
            continue
        if name in _KEEP_TAGS:
            continue
        attrs = tag.attrib
        if attrs and ("hidden" in attrs or _words(tag) & _NOISE_WORDS):
            if "hidden" not in attrs and tag in keep and not _words(tag) & _ALWAYS_NOISE:
                continue
            decompose(tag)


def _core_line(root: Node, tags: list[Node], w: dict[Node, tuple[int, int]]) -> set[Node]:
    """The element holding the most paragraph text (the story's own container) and all its
    ancestors: what no class name may remove."""
    best, best_len = None, 0
    for tag in tags:
        if tag.tag in _NO_TEXT:
            continue
        # the text it holds itself: bare text and paragraphs, not what nested blocks hold
        n = len(tag.text.strip()) if tag.text else 0
        for c in tag:
            if c.tag in _PARAGRAPHS:  # (a comment's tag is no string: never in the set)
                n += w.get(c, (0, 0))[1]  # (links not counted: an archive list is no story)
            if c.tail:
                n += len(c.tail.strip())
        if n > best_len:
            best, best_len = tag, n
    if best is None or best_len < _CORE_MIN:
        return set()
    out = {best}
    node = best.getparent()
    while node is not None and node is not root:
        out.add(node)
        node = node.getparent()
    return out


def _weights(root: Node) -> dict[Node, tuple[int, int]]:
    """(all text, non-link text) lengths of every tag under and including ``root``, in one
    bottom-up pass (no recursion: 20k nested divs are fine)."""
    return _measure(root)[0]


def main_content(root: Node) -> Node:
    """Stage 3: the deepest container holding ≥ 85 % of the page's prose: the non-link text of
    blocks long enough to be paragraphs (a feedback form's labels, a menu's entries and teaser
    headlines are short; a story's paragraphs are not). Pages without such blocks count all
    their non-link text."""
    body = _body(root)
    weights, w = _measure(body)
    if w.get(body, (0, 0))[1] < _PROSE_MIN_PAGE:
        w = weights
    need = 0.85 * w.get(body, (0, 0))[1]
    if need <= 0:
        return body
    node = body
    while True:
        nxt = next((c for c in node if c.tag in _CONTAINERS and w.get(c, (0, 0))[1] >= need), None)
        if nxt is None:
            return node
        node = nxt


_REPEAT_MIN = 40  # a paragraph this long said twice on a page is said once
_FALLBACK_MIN = 400  # prose a page must hold before its reading may be called too small
_FALLBACK_SHARE = 0.15  # the text read must hold at least this share of the page's prose
_PROSE_LINE = 80  # characters of its own text that make a block a paragraph
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_PROSE_MIN_PAGE = 300


def _measure(root: Node) -> tuple[dict[Node, tuple[int, int]], dict[Node, tuple[int, int]]]:
    """:func:`_weights` of ``root``'s tree and its prose, in one bottom-up pass. Prose is the
    non-link text a block holds itself (inline elements included), counted when it is a
    paragraph's length, plus its nested blocks' prose; a Chinese or Japanese character counts
    as a word's worth."""
    tags = [root, *tags_under(root)]
    weights: dict[Node, tuple[int, int]] = {}
    prose: dict[Node, tuple[int, int]] = {}
    plain_of: dict[Node, int] = {}  # weighted non-link length of each tag's text
    for tag in reversed(tags):
        total = plain = nested = own = 0
        pieces = [tag.text] if tag.text else []
        for child in tag:
            name = child.tag
            if isinstance(name, str) and name != GONE and name not in _NO_TEXT:
                t, p = weights[child]
                total += t
                plain += p
                if name in _BLOCKS:
                    nested += prose[child][1]
                else:
                    own += plain_of[child]
            if child.tail:
                pieces.append(child.tail)
        for piece in pieces:
            text = piece.strip()
            n = len(text)
            total += n
            plain += n
            own += n if text.isascii() else n + 2 * len(_CJK.findall(text))  # a Chinese character says a word's worth
        name = tag.tag
        link = name == "a"
        weights[tag] = (total, 0 if link or name == "h1" else plain)
        plain_of[tag] = 0 if link else own + nested
        prose[tag] = (total, 0 if link or name == "h1" else nested + (own if own >= _PROSE_LINE else 0))
    return weights, prose


def _drop_link_blocks(root: Node) -> None:
    w = _weights(root)
    for tag in tags_under(root):
        if gone(tag):
            continue
        if tag.tag == "a" and _standalone(tag):  # a kicker or a bare related link
            decompose(tag)
            continue
        if tag.tag not in _LINK_CHECK:
            continue
        total, plain = w.get(tag, (0, 0))
        if total == 0:
            continue
        density = 1.0 - plain / total
        if density >= 0.9 or (density >= 0.6 and plain < 60):
            decompose(tag)


def _standalone(link: Node) -> bool:
    """A link that is a line of its own: its container holds no text next to it."""
    parent = link.getparent()
    if parent is None or parent.tag not in _CONTAINERS:
        return False
    for sib in contents(parent):
        if sib is link:
            continue
        if isinstance(sib, str):
            if sib.strip():
                return False
        elif sib.tag not in _BLOCKS:
            return False
    return True


def clean_line(line: str) -> str:
    """One output line: control characters and asides removed, spaces collapsed; "" for a
    noise line."""
    line = _CONTROL.sub(" ", line)
    line = _INLINE_ASIDE.sub("", line)
    line = _SPACES.sub(" ", line).strip()
    if not line or _NOISE_LINE.match(line) or _MARKUP_LINE.match(line):
        return ""
    if len(line) <= 120 and DATE_RE.search(line) and _DATE_LEFTOVER.match(DATE_RE.sub(" ", line)):
        return ""
    return line


def blocks_to_text(nodes: Iterable[Node]) -> str:
    """Stage 4: text of ``nodes`` (in order; already cleaned), one paragraph per line."""
    lines: list[str] = []
    for node in nodes:
        if gone(node):
            continue
        for h1 in list(tree.find_all(node, "h1")):
            if not gone(h1):
                decompose(h1)
        _drop_link_blocks(node)
        for raw in _render(node).splitlines():
            line = clean_line(raw)
            if line:
                lines.append(line)
    return "\n".join(_once(lines))


def _once(lines: list[str]) -> list[str]:
    """The lines without a second copy of the story: two long, different paragraphs that follow
    each other again, in the same order, are a repeated body (a print or mobile copy)."""
    pairs: set[tuple[str, str]] = set()
    drop: set[int] = set()
    for i in range(len(lines) - 1):
        a, b = lines[i], lines[i + 1]
        if len(a) < _REPEAT_MIN or len(b) < _REPEAT_MIN or a == b:
            continue
        if (a, b) in pairs:
            drop.update((i, i + 1))
        else:
            pairs.add((a, b))
    return [line for i, line in enumerate(lines) if i not in drop] if drop else lines


def _render(root: Node) -> str:
    """The text under ``root`` with a line break around every block element: an explicit-stack
    walk, so that no depth makes it slow."""
    out: list[str] = []
    stack: list[tuple[Iterator[Node | str], bool]] = [(contents(root), False)]
    while stack:
        it, block = stack[-1]
        child = next(it, None)
        if child is None:
            stack.pop()
            if block:
                out.append("\n")
        elif isinstance(child, str):
            out.append(child)
        else:
            is_block = child.tag in _BLOCKS
            if is_block:
                out.append("\n")
            stack.append((contents(child), is_block))
    return "".join(out)
