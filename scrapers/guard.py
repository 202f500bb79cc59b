"""SSRF guard: decide whether a URL may be fetched, and pin the address to connect to.

Watched URLs come from users and from redirects, so every URL is checked here before any
request, and the fetcher connects to the address that was checked (``Target.ip``), never
resolving the name a second time (no DNS-rebinding window).

Design, after changedetection.io's SSRF history (see the field notes, "Fetching safely"):

* Parse first, then allow-list: the scheme must be ``http``/``https`` (``file:``, ``source:file:``
  and friends simply are not ``http``), followed by ``//`` and a non-empty host. Anything on
  which URL parsers disagree is refused rather than interpreted: backslashes, whitespace and
  control characters, user info (``user:pass@``), percent-encoded hosts, unbracketed IPv6,
  IPv6 zone ids, malformed ports, and host names that end in a number but are no valid IPv4.
* Hosts are lowercased and IDNA-encoded with UTS #46 mapping, so ``１２７。０。０。１`` is judged
  as the ``127.0.0.1`` it maps to.
* IP literals are read with ``inet_aton`` semantics, the resolver's own, so ``2130706433``,
  ``0x7f000001``, ``0177.0.0.1``, ``127.1`` and ``0`` are recognised (and need no DNS).
* Every resolved address must be public; one private answer among public ones refuses the URL.
  ``classify_ip`` goes beyond ``ipaddress``'s flags: CGNAT, and IPv6 forms that embed an IPv4
  address (IPv4-mapped, -compatible, -translated, NAT64, 6to4, Teredo) are judged by the
  embedded address, and the reason says so.
* The only exception is the exact ``host:port`` (as written, default port filled in) in the
  operator's allow-list, e.g. a feed server on the LAN.
"""

from __future__ import annotations

import asyncio
import re
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network, ip_address

import idna

from .errors import BlockedURL, FetchNetworkError

__all__ = ["DEFAULT_PORTS", "Resolver", "Target", "check_url", "classify_ip", "default_resolver", "parse_ip_literal"]

Resolver = Callable[[str, int], Awaitable[list[str]]]
IPAddress = IPv4Address | IPv6Address

DEFAULT_PORTS = {"http": 80, "https": 443}

_V4_RANGES: tuple[tuple[IPv4Network, str], ...] = tuple((IPv4Network(n), r) for n, r in (
    ("0.0.0.0/32", "unspecified"), ("0.0.0.0/8", "this-network"), ("10.0.0.0/8", "private"),
    ("100.64.0.0/10", "CGNAT"), ("127.0.0.0/8", "loopback"), ("169.254.0.0/16", "link-local"),
    ("172.16.0.0/12", "private"), ("192.0.0.0/24", "IETF protocol assignment"),
    ("192.0.2.0/24", "documentation"), ("192.88.99.0/24", "6to4 relay anycast"),
    ("192.168.0.0/16", "private"), ("198.18.0.0/15", "benchmarking"),
    ("198.51.100.0/24", "documentation"), ("203.0.113.0/24", "documentation"),
    ("224.0.0.0/4", "multicast"), ("255.255.255.255/32", "broadcast"), ("240.0.0.0/4", "reserved"),
))
_V6_RANGES: tuple[tuple[IPv6Network, str], ...] = tuple((IPv6Network(n), r) for n, r in (
    ("::/128", "unspecified"), ("::1/128", "loopback"), ("100::/64", "discard-only"),
    ("2001:2::/48", "benchmarking"), ("2001:10::/28", "ORCHID"), ("2001:db8::/32", "documentation"),
    ("3fff::/20", "documentation"), ("5f00::/16", "SRv6 SID"), ("fc00::/7", "unique-local"),
    ("fe80::/10", "link-local"), ("fec0::/10", "site-local"), ("ff00::/8", "multicast"),
))
_GLOBAL_UNICAST = IPv6Network("2000::/3")
_V4_MAPPED = IPv6Network("::ffff:0:0/96")
_V4_TRANSLATED = IPv6Network("::ffff:0:0:0/96")
_V4_COMPATIBLE = IPv6Network("::/96")
_NAT64 = IPv6Network("64:ff9b::/96")
_NAT64_LOCAL = IPv6Network("64:ff9b:1::/48")

_NUMBER = re.compile(r"(?:0[xX][0-9a-fA-F]*|[0-9]+)\Z")
_HOST_CHARS = re.compile(r"[a-z0-9_.-]+\Z")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_UNSAFE = re.compile(r"[\x00-\x20\x7f-\x9f]|\s")


@dataclass(frozen=True, slots=True)
class Target:
    """A checked URL: where to connect (``ip``) and what to call the host (``host``)."""

    url: str
    scheme: str
    host: str  # as written, lowercased, IDNA-encoded; IPv6 without brackets
    port: int
    ip: str  # the checked address to connect to
    host_port: str  # "host:port", IPv6 in brackets; the allow-list and per-host key


def _ipv4_number(part: str) -> int | None:
    if part[:2].lower() == "0x":
        return int(part[2:] or "0", 16)
    if len(part) > 1 and part.startswith("0"):
        return int(part, 8) if set(part) <= set("01234567") else None
    return int(part)


def parse_ip_literal(host: str) -> IPAddress | None:
    """The address ``host`` spells, read as the resolver would (``inet_aton`` for IPv4).

    Returns None for ordinary host names. Raises ValueError for hosts that look like an address
    but are not a valid one (``256.1.1.1``, ``1.2.3.4.5``, ``08.1``, a name ending in a number
    such as ``example.123``), for IPv6 zone ids (``[fe80::1%25eth0]``) and bad brackets: URL
    parsers disagree on those, so they are refused rather than guessed at.
    """
    if host.startswith("[") or ":" in host:
        inner = host[1:-1] if host.startswith("[") and host.endswith("]") else host
        if "[" in inner or "]" in inner:
            raise ValueError(f"malformed IPv6 literal {host!r}")
        if "%" in inner:
            raise ValueError("IPv6 zone ids are not allowed")
        try:
            return IPv6Address(inner)
        except ValueError:
            raise ValueError(f"malformed IPv6 literal {host!r}") from None
    labels = host.split(".")
    if len(labels) > 1 and labels[-1] == "":
        labels.pop()  # one trailing dot, as in a fully qualified name
    if not _NUMBER.match(labels[-1]):
        return None
    numbers = [_ipv4_number(p) if _NUMBER.match(p) else None for p in labels]
    if len(labels) > 4 or any(n is None for n in numbers):
        raise ValueError(f"{host!r} ends in a number but is not an IPv4 address")
    *head, last = [n for n in numbers if n is not None]
    if any(n > 255 for n in head) or last >= 256 ** (4 - len(head)):
        raise ValueError(f"{host!r} is not a valid IPv4 address (part out of range)")
    value = last
    for i, n in enumerate(head):
        value |= n << (24 - 8 * i)
    return IPv4Address(value)


def _embedded(kind: str, v4: IPv4Address, always: str | None = None) -> str | None:
    reason = classify_ip(v4)
    if reason is None:
        return always
    return f"{kind} form of {v4} ({reason})"


def classify_ip(ip: IPAddress) -> str | None:
    """None if ``ip`` is publicly routable, else a short reason such as ``"loopback"``.

    IPv6 forms that embed an IPv4 address are judged by it: ``"6to4 form of 127.0.0.1
    (loopback)"``. Deprecated or tunnel forms (IPv4-compatible, Teredo, local-use NAT64) are
    refused even when the embedded address is public.
    """
    if isinstance(ip, IPv4Address):
        for net4, reason in _V4_RANGES:
            if ip in net4:
                return reason
        return None if ip.is_global else "reserved"
    if ip.ipv4_mapped is not None:
        return _embedded("IPv4-mapped", ip.ipv4_mapped)
    low32 = IPv4Address(int(ip) & 0xFFFFFFFF)
    if ip in _V4_TRANSLATED:
        return _embedded("IPv4-translated", low32)
    if ip in _NAT64:
        return _embedded("NAT64", low32)
    if ip in _NAT64_LOCAL:
        return _embedded("local-use NAT64", low32, "local-use NAT64")
    if ip.sixtofour is not None:
        return _embedded("6to4", ip.sixtofour)
    if ip.teredo is not None:
        return _embedded("Teredo", ip.teredo[1], "Teredo")
    for net6, reason in _V6_RANGES:
        if ip in net6:
            return reason
    if ip in _V4_COMPATIBLE:
        return _embedded("IPv4-compatible", low32, f"IPv4-compatible form of {low32} (deprecated)")
    if ip not in _GLOBAL_UNICAST or not ip.is_global:
        return "reserved"
    return None


def _explain(ip: IPAddress, reason: str, host: str | None) -> str:
    """``127.0.0.1 is a loopback address`` / ``x.test resolves to 10.0.0.1, a private address``."""
    if " form of " in reason:
        what = f"the {reason}"
    else:
        what = f"{'an' if reason[0].lower() in 'aeio' or reason.startswith('unsp') else 'a'} {reason} address"
    return f"{ip} is {what}" if host is None else f"{host} resolves to {ip}, {what}"


async def default_resolver(host: str, port: int) -> list[str]:
    """All addresses of ``host`` from the system resolver, in its order, without duplicates."""
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _split_authority(url: str, authority: str) -> tuple[str, int | None]:
    if "@" in authority:
        raise BlockedURL(url, "user info (user:pass@) in the URL is not allowed")
    if authority.startswith("["):
        end = authority.find("]")
        if end < 0:
            raise BlockedURL(url, "unterminated IPv6 literal")
        host, rest = authority[: end + 1], authority[end + 1:]
        if rest and not rest.startswith(":"):
            raise BlockedURL(url, "garbage after the IPv6 literal")
        port_s = rest[1:]
    elif authority.count(":") > 1:
        raise BlockedURL(url, "IPv6 literals must be in brackets")
    else:
        host, _, port_s = authority.partition(":")
    if not host:
        raise BlockedURL(url, "no host in the URL")
    if not port_s:
        return host, None
    if not (port_s.isascii() and port_s.isdigit() and 0 < int(port_s) < 65536):
        raise BlockedURL(url, f"invalid port {port_s[:20]!r}")
    return host, int(port_s)


def _normalise_host(url: str, raw: str) -> tuple[str, IPAddress | None]:
    """(host as it will be named and resolved, the address if it is a literal)."""
    if "%" in raw and not raw.startswith("["):
        raise BlockedURL(url, "percent-encoded host names are not allowed")
    host = raw.lower()
    if not host.startswith("[") and not host.isascii():
        try:
            host = idna.encode(host, uts46=True).decode("ascii")
        except (idna.IDNAError, UnicodeError, ValueError) as exc:
            raise BlockedURL(url, f"invalid international host name ({exc})") from None
    if not host.startswith("[") and not _HOST_CHARS.match(host):
        raise BlockedURL(url, "invalid character in the host name")
    try:
        ip = parse_ip_literal(host)
    except ValueError as exc:
        raise BlockedURL(url, str(exc)) from None
    return host.strip("[]"), ip


async def check_url(url: str, allow: frozenset[str], resolve: Resolver) -> Target:
    """Check ``url`` and resolve its host; the returned Target says where to connect.

    Raises BlockedURL when the URL is refused and FetchNetworkError when the name does not
    resolve. ``allow`` holds exact ``host:port`` strings (lowercase host as written in the URL,
    default port filled in, IPv6 in brackets) that may resolve to non-public addresses.
    """
    if _UNSAFE.search(url):
        raise BlockedURL(url, "whitespace or control character in the URL")
    if "\\" in url:
        raise BlockedURL(url, "backslash in the URL")
    m = _SCHEME.match(url)
    if m is None:
        raise BlockedURL(url, "not an absolute URL")
    scheme = m.group(1).lower()
    if scheme not in DEFAULT_PORTS:
        raise BlockedURL(url, f"scheme {scheme!r} is not allowed (only http and https)")
    rest = url[m.end():]
    if not rest.startswith("//"):
        raise BlockedURL(url, f"no host: {scheme}: must be followed by //host")
    authority = re.split(r"[/?#]", rest[2:], maxsplit=1)[0]
    if not authority:
        raise BlockedURL(url, "no host in the URL")
    raw_host, port = _split_authority(url, authority)
    host, literal = _normalise_host(url, raw_host)
    port = port or DEFAULT_PORTS[scheme]
    host_port = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    if literal is not None:
        addresses: list[IPAddress] = [literal]
    else:
        addresses = await _resolve(url, host, port, resolve)
    if host_port not in allow:
        for ip in addresses:
            reason = classify_ip(ip)
            if reason is not None:
                raise BlockedURL(url, _explain(ip, reason, None if literal is not None else host))
    first = addresses[0]
    if isinstance(first, IPv6Address) and first.ipv4_mapped is not None:
        first = first.ipv4_mapped
    return Target(url=url, scheme=scheme, host=host, port=port, ip=str(first), host_port=host_port)


async def _resolve(url: str, host: str, port: int, resolve: Resolver) -> list[IPAddress]:
    try:
        answers = await resolve(host, port)
    except (OSError, UnicodeError) as exc:
        detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise FetchNetworkError(url, f"DNS lookup of {host} failed: {detail}") from None
    if not answers:
        raise FetchNetworkError(url, f"DNS lookup of {host} returned no addresses")
    addresses: list[IPAddress] = []
    for answer in answers:
        try:  # a scoped answer (fe80::1%eth0) is link-local whatever its zone
            addresses.append(ip_address(answer.split("%", 1)[0]))
        except ValueError:
            raise BlockedURL(url, f"resolver returned a malformed address {answer[:60]!r}") from None
    return addresses
