"""The fetch errors: one base class, one subclass per way a fetch can fail.

Every error carries the ``url`` it concerns and a human ``reason``; ``str()`` is always one line,
``"<verb> <url>: <reason>"``, e.g. ``refused http://127.1:8080/x: 127.0.0.1 is a loopback address``.
The line is safe to log or show to a chat: user info in the URL (``user:pass@``) is masked,
control characters are escaped and very long URLs are shortened.

They live in their own module so that both ``scrapers.guard`` and ``scrapers.fetch`` can raise
them without importing each other.
"""

from __future__ import annotations

import re

__all__ = [
    "BadEncoding",
    "BlockedURL",
    "FetchError",
    "FetchNetworkError",
    "FetchTimeout",
    "HTTPStatusError",
    "RobotsDisallowed",
    "TooLarge",
    "TooManyRedirects",
]

_USERINFO = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*:/*)[^/?#@]*@")
_MAX_URL = 300


def _one_line(text: str) -> str:
    """Escape anything unprintable (newlines included) so the text stays on one line."""
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" if ord(c) < 256 else f"\\u{ord(c):04x}"
                   for c in text)


def _safe_url(url: str) -> str:
    url = _one_line(_USERINFO.sub(r"\1***@", url))
    return url if len(url) <= _MAX_URL else url[: _MAX_URL - 1] + "…"


class FetchError(Exception):
    """Base class: fetching ``url`` failed for ``reason``."""

    verb = "failed"

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(url, reason)
        self.url = url
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.verb} {_safe_url(self.url)}: {_one_line(self.reason)}"


class BlockedURL(FetchError):
    """The SSRF guard refused the URL (scheme, syntax or a non-public address)."""

    verb = "refused"


class TooLarge(FetchError):
    """The body (counted after decompression) or its announced length exceeds the cap."""

    verb = "stopped"


class BadEncoding(FetchError):
    """The body's Content-Encoding is unknown, stacked too deep, or its data is corrupt."""


class HTTPStatusError(FetchError):
    """The server answered with an error status (after any retries)."""

    def __init__(self, url: str, status: int, reason: str | None = None, *,
                 retry_after: float | None = None) -> None:
        super().__init__(url, reason or f"HTTP {status}")
        self.status = status
        self.retry_after = retry_after


class TooManyRedirects(FetchError):
    """More than ``max_redirects`` redirects (a loop, or a very long chain)."""


class RobotsDisallowed(FetchError):
    """robots.txt of the host disallows the URL for our user agent."""

    verb = "skipped"


class FetchTimeout(FetchError):
    """Connecting, resolving or reading took too long (after any retries)."""

    verb = "timed out"


class FetchNetworkError(FetchError):
    """DNS failure, refused or dropped connection, broken HTTP (after any retries)."""
