"""The parsed page: lxml's HTML tree and the few walks the reader needs on it.

lxml keeps a page's text on its elements (``text`` before the first child, ``tail`` after an
element's end) rather than as nodes of their own. The reader thinks in terms of a block's
*contents* (its text pieces and child elements, in order) and *strings* in document order; this
module gives those views, so :mod:`scrapers.html_text`, :mod:`scrapers.pagedate` and
:mod:`scrapers.article` read one tree built once by libxml2 (no Python object per node while
parsing, which is where BeautifulSoup spent most of its time).

Removing an element (:func:`decompose`) empties it and renames it :data:`GONE` instead of
unlinking it: the text that followed it stays a piece of its own, not glued onto the text
before it, and every walk here skips it. Comments and processing instructions are no text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any, TypeAlias

from lxml import etree

__all__ = ["GONE", "Node", "attr", "classes", "contents", "decompose", "find",
           "find_all", "gone", "is_tag", "meta_map", "parse", "select", "tags_under", "text_of"]

Node: TypeAlias = etree._Element
GONE = "x-removed"  # the name a removed element carries (no HTML element is called that)
# whose strings a text reading skips, as BeautifulSoup's get_text() does
_NOT_TEXT = frozenset({"script", "style", "template"})
_ASCII_SPACE = " \t\n\r\x0c"
_RESOURCE_LIMIT = etree.ErrorTypes.ERR_RESOURCE_LIMIT


def parse(doc: str) -> Node:
    """The page's root element (``<html>``), never None: an empty or unreadable page is an
    empty ``<html>``. libxml2's recovering HTML parser, as BeautifulSoup's lxml builder used.
    libxml2 builds no tree deeper than 256 elements; such a page is built again from the
    parser's events (as BeautifulSoup did), which has no depth limit."""
    data = doc.encode("utf-8", "replace")
    root = None
    try:
        parser = etree.HTMLParser(encoding="utf-8", no_network=True)
        root = etree.fromstring(data, parser)
        if any(e.type == _RESOURCE_LIMIT for e in parser.error_log):
            events = etree.HTMLParser(encoding="utf-8", no_network=True, target=etree.TreeBuilder())
            events.feed(data)
            root = events.close()
    except (etree.LxmlError, ValueError):
        root = None
    return root if root is not None else etree.Element("html")


def is_tag(node: object) -> bool:
    """An element still in the page (not a comment, a processing instruction or removed)."""
    tag = getattr(node, "tag", None)
    return isinstance(tag, str) and tag != GONE


def gone(node: Node) -> bool:
    """True once ``node`` (or an element around it) was removed with :func:`decompose`."""
    return node.tag == GONE


def decompose(node: Node) -> None:
    """Remove ``node`` and everything in it; the text after it stays where it was."""
    for el in node.iter():
        if isinstance(el.tag, str):
            el.tag = GONE
    node.clear(keep_tail=True)


def tags_under(root: Node) -> list[Node]:
    """Every element under ``root`` (not ``root``), in document order."""
    return [el for el in root.iterdescendants() if isinstance(el.tag, str) and el.tag != GONE]


def contents(node: Node) -> Iterator[Node | str]:
    """``node``'s text pieces and child elements, in order (comments left out, the text after
    them kept)."""
    if node.text:
        yield node.text
    for child in node:
        tag = child.tag
        if isinstance(tag, str) and tag != GONE:
            yield child
        if child.tail:
            yield child.tail


def strings(node: Node) -> Iterator[str]:
    """The text pieces under ``node`` in document order, without scripts', styles' and
    templates' source (unless ``node`` is one of those) or comments."""
    skip = _NOT_TEXT if node.tag not in _NOT_TEXT else frozenset()
    if node.text:
        yield node.text
    stack = [iter(node)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        tag = child.tag
        if isinstance(tag, str) and tag != GONE and tag not in skip:
            if child.text:
                yield child.text
            stack.append(iter(child))
        if child.tail:
            yield child.tail


def text_of(node: Node, sep: str = "", *, strip: bool = False) -> str:
    """The text under ``node`` (BeautifulSoup's ``get_text(sep, strip=...)``: a piece that is
    only layout whitespace counts as one line break or one space)."""
    if strip:
        return sep.join(s for s in (p.strip() for p in strings(node)) if s)
    return sep.join(_layout(p) for p in strings(node))


def _layout(piece: str) -> str:
    if piece.strip(_ASCII_SPACE):
        return piece
    return "\n" if "\n" in piece else " "


def attr(node: Node, name: str) -> str | None:
    value = node.get(name)
    return value if isinstance(value, str) else None


def classes(node: Node) -> str:
    """The element's class names, separated by single spaces."""
    value = node.get("class")
    return " ".join(value.split()) if value else ""


def meta_map(root: Node) -> dict[str, str]:
    """The page's ``<meta>`` tags: the lower-cased ``property``, ``name``, ``http-equiv`` or
    ``itemprop`` of each, to its ``content`` (the first tag wins a key)."""
    out: dict[str, str] = {}
    for m in find_all(root, "meta"):
        content = attr(m, "content")
        if content is None:
            continue
        for name in ("property", "name", "http-equiv", "itemprop"):
            key = attr(m, name)
            if key is not None:
                out.setdefault(key.strip().lower(), content)
    return out


def find(root: Node, name: str) -> Node | None:
    """The first element called ``name`` at or under ``root``."""
    return next(find_all(root, name), None)


def find_all(root: Node, name: str) -> Iterator[Node]:
    """Elements called ``name`` at or under ``root``, in document order."""
    return root.iter(name)  # (a removed element is renamed: never ``name``)


def select(root: Node, selector: str | None) -> list[Node]:
    """Elements under ``root`` matching a CSS selector (cssselect), in document order; an empty
    or invalid selector matches nothing."""
    if not selector:
        return []
    try:
        found = _compiled(selector)(root)
    except Exception:  # (selectors are checked where configs load; a page must never crash us)
        return []
    return [el for el in found if isinstance(el, etree._Element) and is_tag(el)]


@lru_cache(maxsize=256)
def _compiled(selector: str) -> Callable[[Node], list[Any]]:
    from lxml.cssselect import CSSSelector  # (needs the cssselect package)

    return CSSSelector(selector, translator="html")
