"""robots.txt as RFC 9309 reads it: groups, longest match, ``*`` and ``$``.

:func:`parse_robots` reads the file (a UTF-8 byte-order mark is skipped, ``#`` comments dropped, keys
case-insensitive, lines that are not ``key: value`` ignored); :meth:`RobotsTxt.allows` answers for
one product token and URL:

- Groups: one or more ``user-agent`` lines followed by rules. The groups whose user agent equals
  our product token (case-insensitively; a value like ``ClaimWatch/1.0`` is read up to its first
  character outside ``A-Za-z_-``) apply, all of them merged; when none does, the ``*`` groups do;
  when there are none either, everything is allowed. Rules before any ``user-agent`` line belong
  to no group.
- Rules: ``allow`` / ``disallow`` with a path pattern; ``*`` matches any run of characters and a
  final ``$`` anchors the end. An empty pattern is no rule. The pattern and the URL's path (with
  its query) are compared after the same normalisation: percent-escapes of unreserved characters
  decoded, other escapes upper-cased, non-ASCII and spaces percent-encoded as UTF-8.
- The longest matching pattern (in characters, as written) wins; on equal length ``allow``
  wins; no match means allowed. ``/robots.txt`` itself is always allowed.

Matching walks the pattern's literal pieces left to right (no regular expressions), so it is
linear in the URL and cannot be made to backtrack.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

__all__ = ["RobotsTxt", "match", "parse_robots", "product_token"]

_TOKEN = re.compile(r"[A-Za-z_-]+")
_ESCAPE = re.compile(r"%([0-9A-Fa-f]{2})")
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


def product_token(value: str) -> str:
    """The product token of a user agent (``ClaimWatch/0.1 (+url)`` → ``claimwatch``), lower-case;
    ``*`` when there is none."""
    m = _TOKEN.match(value.strip())
    return m.group(0).lower() if m else "*"


def _normalize(path: str) -> str:
    def unescape(m: re.Match[str]) -> str:
        c = chr(int(m.group(1), 16))
        return c if c in _UNRESERVED else "%" + m.group(1).upper()

    path = _ESCAPE.sub(unescape, path)
    if path.isascii() and " " not in path:
        return path
    return "".join(c if c.isascii() and c != " " else "".join(f"%{b:02X}" for b in c.encode("utf-8"))
                   for c in path)


def match(pattern: str, path: str) -> bool:
    """Does the (normalised) ``pattern`` match the start of ``path`` (all of it, with ``$``)?"""
    anchored = pattern.endswith("$")
    if anchored:
        pattern = pattern[:-1]
    pieces = pattern.split("*")
    first, last = pieces[0], pieces[-1]
    if not path.startswith(first):
        return False
    if len(pieces) == 1:
        return not anchored or path == first
    pos = len(first)
    for piece in pieces[1:-1]:
        found = path.find(piece, pos)
        if found < 0:
            return False
        pos = found + len(piece)
    if anchored:  # the last piece must end the path, after everything matched so far
        return len(path) - len(last) >= pos and path.endswith(last)
    return path.find(last, pos) >= 0


@dataclass(frozen=True, slots=True)
class _Rule:
    allow: bool
    pattern: str  # normalised
    length: int  # as written, for precedence


@dataclass(slots=True)
class _Group:
    agents: list[str] = field(default_factory=list)  # product tokens, lower-case, or "*"
    rules: list[_Rule] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class RobotsTxt:
    groups: tuple[tuple[tuple[str, ...], tuple[_Rule, ...]], ...] = ()

    def rules_for(self, token: str) -> list[_Rule]:
        token = product_token(token)
        mine = [r for agents, rules in self.groups if token in agents for r in rules]
        if mine or any(token in agents for agents, _ in self.groups):
            return mine
        return [r for agents, rules in self.groups if "*" in agents for r in rules]

    def allows(self, token: str, url: str) -> bool:
        """May the crawler with product ``token`` fetch ``url``?"""
        parts = urlsplit(url)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        if parts.path == "/robots.txt":
            return True
        path = _normalize(path)
        best: _Rule | None = None
        for rule in self.rules_for(token):
            if best is not None and (rule.length < best.length or (rule.length == best.length and best.allow)):
                continue
            if match(rule.pattern, path):
                best = rule
        return best is None or best.allow


def parse_robots(text: str) -> RobotsTxt:
    """Read a robots.txt body (already decoded from bytes)."""
    groups: list[_Group] = []
    current: _Group | None = None
    in_rules = False
    for line in text.removeprefix("\ufeff").splitlines():
        line = line.split("#", 1)[0]
        key, sep, value = line.partition(":")
        if not sep:
            continue
        key, value = key.strip().lower().replace("_", "-"), value.strip()
        if key in ("user-agent", "useragent"):
            if current is None or in_rules:
                current = _Group()
                groups.append(current)
                in_rules = False
            current.agents.append("*" if value == "*" else product_token(value))
        elif key in ("allow", "disallow"):
            if current is None:
                continue  # a rule before any user-agent line belongs to no group
            in_rules = True
            if value:
                current.rules.append(_Rule(key == "allow", _normalize(value), len(value)))
    return RobotsTxt(tuple((tuple(g.agents), tuple(g.rules)) for g in groups))
