"""HTML to article text with BeautifulSoup: drop scripts, navigation and page noise.

A small, dependable converter used where no site profile applies. Block elements become
paragraph breaks so that the extractor sees one paragraph per line.
"""

from __future__ import annotations

import re
from typing import Any

from bs4 import BeautifulSoup, Tag

_DROP_TAGS = ("script", "style", "noscript", "nav", "aside", "footer", "header", "form", "iframe",
              "svg", "figure", "figcaption", "button", "template")
# Noise is judged per word of a class or id ("read__content" is not an ad; "ads-top" is).
_NOISE_WORDS = frozenset(
    """baca bacajuga readalso related advert advertisement ads ad iklan promo share sharing social
    comment comments newsletter breadcrumb breadcrumbs sidebar recommend recommended popular
    trending tags tag footer subscribe cookie banner rekomendasi terkait""".split()
)
_SPLIT = re.compile(r"[-_\s]+")
_BLOCKS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "br", "tr",
           "section", "article", "dd", "dt", "pre")
_LOOKS_HTML = re.compile(r"<\s*(?:!doctype|html|head|body|p|div|article|br|span|a\s)[\s>/]", re.I)


def looks_like_html(data: str) -> bool:
    """True when ``data`` is HTML rather than plain text."""
    return bool(_LOOKS_HTML.search(data[:5000]))


def html_to_text(html: str) -> str:
    """Readable article text of an HTML page or fragment, one paragraph per line."""
    try:
        soup = BeautifulSoup(html, "lxml")
    except Exception:  # lxml missing or unable: the pure-Python parser always works
        soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(True):
        if not isinstance(tag, Tag) or tag.attrs is None:
            continue
        classes: Any = tag.get("class") or []
        attrs = " ".join([*(classes if isinstance(classes, list) else [str(classes)]), str(tag.get("id") or "")])
        words = {w for w in _SPLIT.split(attrs.lower()) if w}
        if words & _NOISE_WORDS and tag.name not in ("body", "html", "article", "main"):
            tag.decompose()
    root = soup.find("article") or soup.find("main") or soup.body or soup
    for tag in root.find_all(_BLOCKS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    text = root.get_text()
    lines = [re.sub(r"[ \t\u00a0]+", " ", ln).strip() for ln in text.splitlines()]
    return "\n".join(ln for ln in lines if ln)
