"""Hardened XML reading for fetched documents (sitemaps), and capped gzip.

The parser never resolves entities (``&x;`` from ``<!ENTITY x SYSTEM "file:///etc/passwd">``
stays an unexpanded reference, and its text is left out), never loads a DTD, never touches the
network, and keeps libxml2's limits on depth, text size and entity amplification
(``huge_tree=False``), so a billion-laughs document is refused.

Parsing is strict first. Only when that fails is common junk repaired — text before the root
(a PHP warning), a bare ``&`` in a URL, Latin-1/cp1252 bytes in a UTF-8 document — and, if the
document is still broken, libxml2's recovery mode keeps what it can read. A recovered document
that lacks its closing root tag is marked ``truncated``: its last element may be cut short.
"""

from __future__ import annotations

import codecs
import re
import zlib
from dataclasses import dataclass
from typing import Any

from lxml import etree

from scrapers.decoding import DecodeError, DecodeTooLarge, decode_capped

__all__ = [
    "MAX_DECOMPRESSED",
    "XmlDoc",
    "XmlError",
    "gunzip_capped",
    "is_gzip",
    "local_name",
    "parse_xml",
    "sniff_root",
    "text_of",
]

MAX_DECOMPRESSED = 10_000_000  # bytes a gzipped body may expand to
_GZIP_MAGIC = b"\x1f\x8b"
_UTF16_32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_DECL_ENCODING = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_BARE_AMP = re.compile(rb"&(?!(?:[A-Za-z_][\w.-]*|#[0-9]+|#x[0-9A-Fa-f]+);)")
_FALLBACK = "claimwatch-cp1252"


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    """Decode error handler: read the offending bytes as cp1252 (mixed-encoding documents)."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start : exc.end]
    return bytes(bad).decode("cp1252", errors="replace"), exc.end


codecs.register_error(_FALLBACK, _cp1252_fallback)


class XmlError(ValueError):
    """The body is not XML we can read; the message is one line."""


@dataclass(frozen=True, slots=True)
class XmlDoc:
    root: Any  # lxml.etree._Element
    recovered: bool = False  # strict parsing failed; junk was repaired or skipped
    truncated: bool = False  # recovered and the closing root tag is missing


def _parser(recover: bool) -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
        huge_tree=False, recover=recover, remove_comments=True, remove_pis=True,
        remove_blank_text=True,
    )


def is_gzip(body: bytes) -> bool:
    return body[:2] == _GZIP_MAGIC


def gunzip_capped(body: bytes, limit: int = MAX_DECOMPRESSED) -> bytes:
    """Decompress a gzip body (a ``.gz`` sitemap) with the fetcher's bounded decoder
    (:mod:`scrapers.decoding`); refuse more than ``limit`` bytes of output (a zip bomb)."""
    try:
        out = decode_capped(body, ("gzip",), limit)
    except DecodeTooLarge:
        raise XmlError(f"gzip body expands beyond {limit // 1_000_000} MB; refused") from None
    except DecodeError as exc:
        raise XmlError(str(exc)) from None
    if not out:
        raise XmlError("truncated gzip data")
    return out


def _ascii_compatible(body: bytes) -> bool:
    return not body.startswith(_UTF16_32_BOMS) and b"\x00" not in body[:64]


def _trim_start(body: bytes) -> bytes:
    """Drop a UTF-8 BOM and leading whitespace (lxml refuses ``\\n<?xml``)."""
    if body.startswith(codecs.BOM_UTF8):
        body = body[3:]
    return body.lstrip(b" \t\r\n\x0c") if _ascii_compatible(body) else body


def _repair(body: bytes) -> bytes:
    """Fix common junk in an ASCII-compatible document; other encodings are left alone."""
    if not _ascii_compatible(body):
        return body
    decl = body.find(b"<?xml", 0, 4096)
    start = decl if decl >= 0 else body.find(b"<")
    if start > 0:
        body = body[start:]  # text before the document (a server warning, a stray byte)
    m = _DECL_ENCODING.match(body)
    declared = m.group(1).decode("ascii").lower().replace("_", "-") if m else "utf-8"
    if declared in ("utf-8", "utf8"):
        text = body.decode("utf-8", errors=_FALLBACK)
        body = text.encode("utf-8")
    return _BARE_AMP.sub(b"&amp;", body)


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return re.sub(r"\s*\(<string>, line \d+\)$", "", text) or type(exc).__name__


def _closes_root(body: bytes, name: str) -> bool:
    tail = body[-65536:]
    if not _ascii_compatible(body):
        return True  # cannot tell cheaply; trust the parser
    pattern = rb"</(?:[\w.-]+:)?" + re.escape(name.encode("ascii", "ignore")) + rb"\s*>"
    return re.search(pattern, tail) is not None


def parse_xml(body: bytes) -> XmlDoc:
    """Parse ``body`` with the hardened parser; raise ``XmlError`` when nothing can be read."""
    body = _trim_start(body)
    if not body.strip():
        raise XmlError("empty body")
    try:
        return XmlDoc(etree.fromstring(body, _parser(False)))
    except etree.XMLSyntaxError as exc:
        first = exc
    if "amplification" in str(first) or "entity reference loop" in str(first):
        raise XmlError(f"refused: {_one_line(first)}")
    fixed = _repair(body)
    try:
        return XmlDoc(etree.fromstring(fixed, _parser(False)), recovered=True)
    except etree.XMLSyntaxError:
        pass
    try:
        root = etree.fromstring(fixed, _parser(True))
    except etree.XMLSyntaxError:
        root = None
    if root is None:
        raise XmlError(f"not well-formed XML: {_one_line(first)}")
    return XmlDoc(root, recovered=True, truncated=not _closes_root(fixed, local_name(root)))


def local_name(el: Any) -> str:
    """Tag name without namespace, lowercased ("" for comments, entities and other nodes)."""
    tag = getattr(el, "tag", None)
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].split(":")[-1].lower()


def text_of(el: Any) -> str:
    """The element's own text and its children's tails, trimmed; unexpanded entities are skipped."""
    parts = [el.text or ""]
    parts.extend(child.tail or "" for child in el)
    return "".join(parts).strip()


_SKIP_PROLOG = re.compile(
    r"""\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE(?:[^\[>]|\[.*?\])*>)""", re.S | re.I)
_FIRST_TAG = re.compile(r"\s*<([A-Za-z_][\w.:-]*)")


def _decode_prefix(body: bytes) -> str:
    head = body[:8192]
    for bom, enc in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF32_LE, "utf-32-le"),
                     (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                     (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom):].decode(enc, errors="ignore")
    if head[:2] == b"<\x00" or head[:4] == b"\x20\x00<\x00":
        return head.decode("utf-16-le", errors="ignore")
    if head[:2] == b"\x00<":
        return head.decode("utf-16-be", errors="ignore")
    return head.decode("latin-1")


def sniff_root(body: bytes) -> str | None:
    """Lowercased local name of the first element in ``body`` (cheap, no full parse)."""
    if is_gzip(body):
        try:  # the first 64 KB of output are enough to sniff (and bound a bomb)
            body = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(body, 65536)
        except zlib.error:
            return None
    text = _decode_prefix(body)
    pos = 0
    while True:
        m = _SKIP_PROLOG.match(text, pos)
        if not m or m.end() == pos:
            break
        pos = m.end()
    m = _FIRST_TAG.match(text, pos)
    return m.group(1).split(":")[-1].lower() if m else None
