"""Telegram's ``parse_mode=HTML`` checked the way the Bot API checks it.

Follows the HTML parser of tdlib (``td/telegram/MessageEntity.cpp::parse_html``), which the Bot API
server runs: the same accepted tags and attributes, the same error texts and byte offsets (offsets
are into the UTF-8 encoding of the source), entity offsets and lengths in UTF-16 code units.

    parsed = parse_html('<b>12.000</b> &amp; more')   # Parsed(text='12.000 & more', entities=[...])
    parse_html("<div>x</div>")  # HTMLEntityError('Unsupported start tag "div" at byte offset 0')

One deliberate difference: with ``strict=True`` (the default) an ``&`` that does not start
``&lt;``, ``&gt;``, ``&amp;``, ``&quot;`` or a numeric reference ending in ``;`` is an error.
Telegram itself keeps such an ``&`` literally, but a bot that leaves one unescaped has an escaping
bug that the next ``<`` in scraped text will turn into a rejected message. ``strict=False``
behaves like Telegram.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

ALLOWED_TAGS = frozenset(
    "a b strong i em u ins s strike del span tg-spoiler tg-emoji pre code blockquote".split()
)
_SIMPLE = {
    "b": "bold", "strong": "bold", "i": "italic", "em": "italic", "u": "underline",
    "ins": "underline", "s": "strikethrough", "strike": "strikethrough", "del": "strikethrough",
    "span": "spoiler", "tg-spoiler": "spoiler",
}  # fmt: skip
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ENTITY_RE = re.compile(r"&(?:#[xX]([0-9a-fA-F]+)|#([0-9]+)|([A-Za-z]+))(;?)")
_NAME_TOKEN_RE = re.compile(r"[A-Za-z0-9.-]*")


class HTMLEntityError(ValueError):
    """Telegram's reason, as it follows ``Bad Request: can't parse entities: ``."""


@dataclass
class Parsed:
    text: str  # the message text Telegram stores
    entities: list[dict[str, Any]] = field(default_factory=list)  # Bot API MessageEntity dicts


@dataclass
class _Open:
    tag: str
    argument: str
    offset: int  # UTF-16 offset in the parsed text
    text_pos: int  # index into the output list


def utf16_len(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units (an emoji outside the BMP counts 2)."""
    return len(text.encode("utf-16-le")) // 2


def _decode_entity(src: str, pos: int, strict: bool, byte_at: Any) -> tuple[str, int] | None:
    """The character an ``&`` at ``pos`` stands for and the index after it, or None (literal)."""
    m = _ENTITY_RE.match(src, pos)
    char: str | None = None
    if m:
        hex_digits, dec_digits, name, semicolon = m.groups()
        if name is not None:
            char = _NAMED.get(name)
            if char is None and strict and semicolon:
                raise HTMLEntityError(
                    f'Unsupported HTML entity "&{name};" at byte offset {byte_at(pos)}'
                )
        else:
            code = int(hex_digits, 16) if hex_digits is not None else int(dec_digits)
            if 0 < code < 0x10FFFF and not 0xD800 <= code <= 0xDFFF:
                char = chr(code)
        if char is not None and (semicolon or not strict):
            return char, m.end()
    if strict:
        raise HTMLEntityError(f"Character entity expected at byte offset {byte_at(pos)}")
    return None


def parse_html(src: str, *, strict: bool = True) -> Parsed:
    """Parse Telegram HTML into text and entities; raise HTMLEntityError as Telegram would."""
    out: list[str] = []
    u16 = 0
    stack: list[_Open] = []
    entities: list[dict[str, Any]] = []
    n = len(src)

    def byte_at(pos: int) -> int:
        return len(src[:pos].encode("utf-8"))

    def emit(chars: str) -> None:
        nonlocal u16
        out.append(chars)
        u16 += utf16_len(chars)

    def skip_spaces(j: int) -> int:
        while j < n and src[j].isspace():
            j += 1
        return j

    i = 0
    while i < n:
        c = src[i]
        if c == "&":
            decoded = _decode_entity(src, i, strict, byte_at)
            if decoded is not None:
                emit(decoded[0])
                i = decoded[1]
                continue
        if c != "<":
            emit(c)
            i += 1
            continue
        begin = i
        if i + 1 < n and src[i + 1] == "/":  # an end tag
            if not stack:
                raise HTMLEntityError(f"Unexpected end tag at byte offset {byte_at(begin)}")
            j = i + 2
            while j < n and not src[j].isspace() and src[j] != ">":
                j += 1
            end_name = src[i + 2 : j].lower()
            j = skip_spaces(j)
            if j >= n or src[j] != ">":
                raise HTMLEntityError(f"Unclosed end tag at byte offset {byte_at(begin)}")
            top = stack.pop()
            if end_name and end_name != top.tag:
                raise HTMLEntityError(
                    f'Unmatched end tag at byte offset {byte_at(begin)}, expected "</{top.tag}>", '
                    f'found "</{end_name}>"'
                )
            _close(top, u16, "".join(out[top.text_pos :]), entities)
            i = j + 1
            continue
        # a start tag
        j = i + 1
        while j < n and not src[j].isspace() and src[j] != ">":
            j += 1
        if j >= n:
            raise HTMLEntityError(f"Unclosed start tag at byte offset {byte_at(begin)}")
        tag = src[i + 1 : j].lower()
        if tag not in ALLOWED_TAGS:
            raise HTMLEntityError(f'Unsupported start tag "{tag}" at byte offset {byte_at(begin)}')
        argument = ""
        while True:
            j = skip_spaces(j)
            if j >= n:
                raise HTMLEntityError(f'Unclosed start tag "{tag}" at byte offset {byte_at(begin)}')
            if src[j] == ">":
                break
            name_start = j
            while j < n and not src[j].isspace() and src[j] not in "=>":
                j += 1
            attr = src[name_start:j].lower()
            if not attr:
                raise HTMLEntityError(
                    f'Empty attribute name in the tag "{tag}" at byte offset {byte_at(begin)}'
                )
            j = skip_spaces(j)
            if j >= n or src[j] != "=":
                if tag == "blockquote" and attr == "expandable":
                    argument = "expandable"
                    continue
                raise HTMLEntityError(
                    "Expected equal sign in declaration of an attribute of the tag "
                    f'"{tag}" at byte offset {byte_at(begin)}'
                )
            j = skip_spaces(j + 1)
            if j >= n:
                raise HTMLEntityError(f'Unclosed start tag "{tag}" at byte offset {byte_at(begin)}')
            if src[j] in "'\"":
                quote, j, chars = src[j], j + 1, []
                while j < n and src[j] != quote:
                    decoded = _decode_entity(src, j, strict, byte_at) if src[j] == "&" else None
                    if decoded is not None:
                        chars.append(decoded[0])
                        j = decoded[1]
                    else:
                        chars.append(src[j])
                        j += 1
                if j >= n:
                    raise HTMLEntityError(f"Unclosed start tag at byte offset {byte_at(begin)}")
                value, j = "".join(chars), j + 1
            else:
                token = _NAME_TOKEN_RE.match(src, j)
                assert token is not None  # the pattern matches the empty string
                value = token.group().lower()
                if token.end() >= n or not (src[token.end()].isspace() or src[token.end()] == ">"):
                    raise HTMLEntityError(
                        f"Unexpected end of name token at byte offset {byte_at(token.end())}"
                    )
                j = token.end()
            if tag == "a" and attr == "href":
                argument = value
            elif tag == "code" and attr == "class" and value.startswith("language-"):
                argument = value[len("language-") :]
            elif tag == "span" and attr == "class" and value.startswith("tg-"):
                argument = value[len("tg-") :]
            elif tag == "tg-emoji" and attr == "emoji-id":
                argument = value
        if tag == "span" and argument != "spoiler":
            raise HTMLEntityError(
                f'Tag "span" must have class "tg-spoiler" at byte offset {byte_at(begin)}'
            )
        stack.append(_Open(tag, argument, u16, len(out)))
        i = j + 1
    if stack:
        raise HTMLEntityError(f'Can\'t find end tag corresponding to start tag "{stack[-1].tag}"')
    for entity in entities:
        entity.pop("_language", None)
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return Parsed("".join(out), entities)


def _close(top: _Open, u16: int, inner: str, entities: list[dict[str, Any]]) -> None:
    """Turn a matched tag into a MessageEntity (empty ones are dropped, as Telegram does)."""
    if top.tag == "tg-emoji" and not (top.argument.isdigit() and int(top.argument) > 0):
        raise HTMLEntityError("Invalid custom emoji identifier specified")
    length = u16 - top.offset
    if length == 0:
        return
    entity: dict[str, Any] = {"offset": top.offset, "length": length}
    if top.tag in _SIMPLE:
        entity["type"] = _SIMPLE[top.tag]
    elif top.tag == "a":
        entity.update(type="text_link", url=top.argument or inner)
    elif top.tag == "tg-emoji":
        entity.update(type="custom_emoji", custom_emoji_id=top.argument)
    elif top.tag == "blockquote":
        entity["type"] = "expandable_blockquote" if top.argument else "blockquote"
    elif top.tag == "code":
        entity["type"] = "code"
        if top.argument:
            entity["_language"] = top.argument  # kept only if a <pre> wraps it exactly
    else:  # pre: absorbs a <code class="language-…"> spanning exactly the same text
        entity["type"] = "pre"
        last = entities[-1] if entities else None
        if (
            last
            and last["type"] == "code"
            and (last["offset"], last["length"])
            == (
                top.offset,
                length,
            )
        ):
            entities.pop()
            if "_language" in last:
                entity["language"] = last["_language"]
    entities.append(entity)
