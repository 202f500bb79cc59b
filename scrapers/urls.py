"""Canonical article URLs: one spelling per article, so that de-duplication works.

``canonical_url`` resolves a link against its page, allows only ``http``/``https`` after parsing
(``javascript:``, ``mailto:``, ``data:``, ``tel:``, ``ftp:``, ``file:`` and scheme-less junk give
``None``), lowercases the scheme and host, drops credentials, the default port, the fragment and
tracking parameters (``utm_*``, ``fbclid``, ``gclid`` ...), and keeps every other query parameter
exactly as written and in order.
"""

from __future__ import annotations

import re
from urllib.parse import quote, unquote, urljoin, urlsplit, urlunsplit

__all__ = ["TRACKING_PARAMS", "canonical_url", "host_of", "same_site"]

# Parameters that only say how a reader arrived, never which article it is.
TRACKING_PARAMS = frozenset(
    """fbclid gclid gclsrc dclid msclkid mc_cid mc_eid igshid yclid _ga _gl _hsenc _hsmi ref
    ref_src ref_url cmpid ito spm share wt_mc wt.mc_id s_cid ncid ocid twclid ttclid li_fat_id
    mkt_tok trk trkcampaign sr_share fb_action_ids fb_action_types fb_source""".split()
)
_TRACKING_PREFIXES = ("utm_", "at_", "pk_", "mtm_")
_DEFAULT_PORTS = {"http": 80, "https": 443}
# Characters kept literally in a path; everything else (spaces, non-ASCII) is percent-encoded.
_PATH_SAFE = "/%:@!$&'()*+,;=-._~"
_QUERY_SAFE = _PATH_SAFE + "?"
_CONTROL = re.compile(r"[\x00-\x20\x7f]")
_TAB_NL = re.compile(r"[\t\r\n]")


def _is_tracking(raw_key: str) -> bool:
    key = unquote(raw_key.replace("+", " ")).strip().lower()
    return key in TRACKING_PARAMS or key.startswith(_TRACKING_PREFIXES)


def _clean_query(query: str) -> str:
    kept = []
    for piece in query.split("&"):
        if not piece:
            continue
        key = piece.split("=", 1)[0]
        if _is_tracking(key):
            continue
        kept.append(quote(piece, safe=_QUERY_SAFE))
    return "&".join(kept)


def canonical_url(url: str, base: str | None = None) -> str | None:
    """The canonical http(s) form of ``url`` (resolved against ``base``), or None if it is not one."""
    if not isinstance(url, str):
        return None
    # As browsers do: drop surrounding whitespace and tabs/newlines inside, and read backslashes
    # before the query as slashes (otherwise a URL-parser differential).
    url = _TAB_NL.sub("", url.strip())
    head, sep, tail = url.partition("?")
    url = head.replace("\\", "/") + sep + tail
    if not url:
        return None
    try:
        if base:
            url = urljoin(base.strip(), url)
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme not in _DEFAULT_PORTS:
            return None
        host = (parts.hostname or "").rstrip(".")
        port = parts.port  # raises ValueError for a non-numeric or out-of-range port
    except ValueError:
        return None
    if not host or _CONTROL.search(host) or "@" in host:
        return None
    host = host.lower()
    if not host.isascii():
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            return None
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    path = quote(parts.path or "/", safe=_PATH_SAFE)
    query = _clean_query(parts.query)
    return urlunsplit((scheme, netloc, path, query, ""))


def host_of(url: str) -> str:
    """Lowercase host of ``url`` without port or trailing dot; "" when there is none."""
    try:
        return (urlsplit(url.strip()).hostname or "").rstrip(".").lower()
    except ValueError:
        return ""


def same_site(host: str, other: str, extra: tuple[str, ...] = ()) -> bool:
    """True when ``other`` is ``host`` (ignoring a leading ``www.``) or ends with one of ``extra``.

    ``extra`` lists host suffixes that also count, e.g. ``("example.co.id",)`` admits
    ``nasional.example.co.id`` and ``example.co.id`` itself.
    """

    def bare(h: str) -> str:
        h = h.lower().rstrip(".")
        return h[4:] if h.startswith("www.") else h

    a, b = bare(host), bare(other)
    if a == b and a:
        return True
    for suffix in extra:
        s = suffix.lower().strip(".")
        if s and (b == s or b.endswith("." + s)):
            return True
    return False
