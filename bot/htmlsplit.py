"""Telegram-safe HTML splitting and the plain-text fallback.

``split_html`` cuts a message at ≤ ``limit`` characters as Telegram counts them (UTF-16 code
units after entity parsing), preferring paragraph, then line, then word boundaries, never inside
a tag or an entity; tags open at a cut are closed there and reopened (same attributes) in the
next chunk. ``html_to_plain`` is for re-sending a message Telegram refused to parse.
"""

from __future__ import annotations

import html
import re

MAX_MESSAGE = 4096


_ATOM = re.compile(r"<[^<>]*>|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);|[^<&]|[<&]", re.S)
_TAG = re.compile(r"<(/?)\s*([A-Za-z][\w-]*)")


def _utf16(s: str) -> int:
    return sum(2 if ord(c) > 0xFFFF else 1 for c in s)


def _atoms(text: str) -> list[tuple[str, int, str, int]]:
    """(raw, kind: 0 text / 1 open / 2 close, tag name, visible UTF-16 length) per atom."""
    out: list[tuple[str, int, str, int]] = []
    for m in _ATOM.finditer(text):
        raw = m.group()
        tag = _TAG.match(raw) if raw.startswith("<") and raw.endswith(">") else None
        if tag:
            out.append((raw, 2 if tag.group(1) else 1, tag.group(2).lower(), 0))
        else:
            out.append((raw, 0, "", _utf16(html.unescape(raw))))
    return out


def _emit(opened: list[tuple[str, str]], body: list[tuple[str, int, str, int]],
          closing: list[tuple[str, str]]) -> tuple[str, bool]:
    """The chunk's HTML (reopened tags, body, closing tags) and whether it shows any text."""
    out: list[tuple[str, int, str]] = []
    for raw, kind, name in [(r, 1, n) for r, n in opened] + [(r, k, n) for r, k, n, _ in body] + [
            (f"</{n}>", 2, n) for _, n in reversed(closing)]:
        if kind == 2 and out and out[-1][1] == 1 and out[-1][2] == name:
            out.pop()  # drop an empty <x></x> pair
        else:
            out.append((raw, kind, name))
    visible = any(kind == 0 and not raw.isspace() for raw, kind, _ in out)
    return "".join(raw for raw, _, _ in out), visible


def _strip(body: list[tuple[str, int, str, int]], head: bool, tail: bool) -> list[tuple[str, int, str, int]]:
    """Drop whitespace text at a cut edge (tags there are kept)."""
    def edge(seq: list[tuple[str, int, str, int]]) -> list[tuple[str, int, str, int]]:
        i = 0
        while i < len(seq) and (seq[i][1] != 0 or seq[i][0].isspace()):
            i += 1
        return [a for a in seq[:i] if a[1] != 0] + seq[i:]
    if head:
        body = edge(body)
    if tail:
        body = edge(body[::-1])[::-1]
    return body


def split_html(text: str, limit: int = MAX_MESSAGE) -> list[str]:
    """Split Telegram HTML into chunks of at most ``limit`` visible UTF-16 units each.

    Cuts prefer a paragraph break, then a line break, then a space, in the second half of the
    chunk when there is one; a word longer than ``limit`` is cut hard. Never cuts inside a tag or
    an entity; tags open at a cut are closed and reopened (same attributes) in the next chunk.
    """
    if limit < 1:
        raise ValueError("limit must be positive")
    atoms = _atoms(text)
    chunks: list[str] = []
    stack: list[tuple[str, str]]
    start, stack = 0, []  # stack: (raw opening tag, name) open at ``start``
    while start < len(atoms):
        used, i, st = 0, start, list(stack)
        breaks: dict[int, tuple[int, int, list[tuple[str, str]]]] = {}  # priority -> (index, used, stack)
        while i < len(atoms):
            raw, kind, name, vis = atoms[i]
            if used + vis > limit and i > start:
                break
            used, i = used + vis, i + 1
            if kind == 1:
                st.append((raw, name))
            elif kind == 2 and any(n == name for _, n in st):
                while st.pop()[1] != name:
                    pass
            elif raw in ("\n", " ", "\t"):
                prio = 0 if raw != "\n" else 2 if i - 2 >= start and atoms[i - 2][0] == "\n" else 1
                breaks[prio] = (i, used, list(st))
        end, end_stack = i, st
        if i < len(atoms) and breaks:
            good = [b for p, b in sorted(breaks.items(), reverse=True) if b[1] * 2 >= limit]
            end, _, end_stack = good[0] if good else max(breaks.values(), key=lambda b: b[1])
        body = _strip(atoms[start:end], start > 0, end < len(atoms))
        chunk, visible = _emit(stack, body, end_stack)
        if visible:
            chunks.append(chunk)
        start, stack = end, end_stack
    return chunks


_LINK = re.compile(r'<a\s+href="([^"]*)"[^<>]*>(.*?)</a>', re.S | re.I)


def html_to_plain(text: str, *, links: bool = False) -> str:
    """Telegram HTML as plain text (tags stripped, entities unescaped), for a plain resend.

    ``links=True`` keeps each link's address: ``<a href="U">label</a>`` → ``label (U)``.
    """
    if links:
        text = _LINK.sub(lambda m: m.group(2) if m.group(1) == m.group(2) else f"{m.group(2)} ({m.group(1)})", text)
    return html.unescape(re.sub(r"<[^<>]*>", "", text))
