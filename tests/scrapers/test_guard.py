"""The SSRF guard as pure functions: IP literal spellings, address classes, URL checks.

No test here opens a socket: resolvers are fakes (the one call to the system resolver asks for a
numeric host, which getaddrinfo answers without any lookup).
"""

from __future__ import annotations

import socket
from ipaddress import IPv4Address, IPv6Address, ip_address

import pytest

from scrapers.errors import (
    BlockedURL,
    FetchError,
    FetchNetworkError,
    HTTPStatusError,
    RobotsDisallowed,
    TooLarge,
)
from scrapers.guard import Target, check_url, classify_ip, default_resolver, parse_ip_literal

LOOPBACK = "127.0.0.1"

# host as written -> the address the resolver would use (inet_aton semantics)
LITERALS: list[tuple[str, str]] = [
    ("127.0.0.1", LOOPBACK),
    ("2130706433", LOOPBACK),
    ("0x7f000001", LOOPBACK),
    ("0X7F000001", LOOPBACK),
    ("0177.0.0.1", LOOPBACK),
    ("0177.0.0.01", LOOPBACK),
    ("017700000001", LOOPBACK),
    ("127.1", LOOPBACK),
    ("127.0.1", LOOPBACK),
    ("0x7f.1", LOOPBACK),
    ("0x7f.0x0.0x0.0x1", LOOPBACK),
    ("0", "0.0.0.0"),
    ("0.0.0.0", "0.0.0.0"),
    ("10.1", "10.0.0.1"),
    ("192.168.257", "192.168.1.1"),
    ("3232235777", "192.168.1.1"),
    ("0xa9fea9fe", "169.254.169.254"),
    ("8.8.8.8", "8.8.8.8"),
    ("134744072", "8.8.8.8"),
    ("255.255.255.255", "255.255.255.255"),
    ("4294967295", "255.255.255.255"),
]
IPV6_LITERALS: list[tuple[str, str]] = [
    ("[::1]", "::1"),
    ("[::ffff:127.0.0.1]", "::ffff:7f00:1"),
    ("[0:0:0:0:0:ffff:7f00:1]", "::ffff:7f00:1"),
    ("[2606:4700:4700::1111]", "2606:4700:4700::1111"),
    ("::1", "::1"),
]
NAMES = ["example.com", "news.test", "localhost", "1e100.net", "xn--bcher-kva.example", "a.0b",
         "0x7g.example", "sub.example.com."]
NOT_ADDRESSES = ["256.0.0.1", "1.2.3.4.5", "08.0.0.1", "0189.1", "4294967296", "1.16777216",
                 "1..2", "example.123", "example.0x10", "[fe80::1%25eth0]", "[fe80::1%eth0]",
                 "fe80::1%eth0", "[::1", "[not-v6]", "[1.2.3.4]", "[::1]]"]


@pytest.mark.parametrize(("host", "expected"), LITERALS + IPV6_LITERALS)
def test_parse_ip_literal_reads_odd_spellings(host: str, expected: str) -> None:
    assert parse_ip_literal(host) == ip_address(expected)


@pytest.mark.parametrize(("host", "expected"), LITERALS)
def test_parse_ip_literal_agrees_with_inet_aton(host: str, expected: str) -> None:
    parsed = parse_ip_literal(host)
    assert isinstance(parsed, IPv4Address)
    assert socket.inet_aton(host) == parsed.packed  # pure function, no network


def test_trailing_dot_is_the_same_address() -> None:
    assert parse_ip_literal("127.0.0.1.") == IPv4Address(LOOPBACK)
    assert parse_ip_literal("2130706433.") == IPv4Address(LOOPBACK)


@pytest.mark.parametrize("host", NAMES)
def test_parse_ip_literal_leaves_names_alone(host: str) -> None:
    assert parse_ip_literal(host) is None


@pytest.mark.parametrize("host", NOT_ADDRESSES)
def test_parse_ip_literal_refuses_near_addresses(host: str) -> None:
    with pytest.raises(ValueError):
        parse_ip_literal(host)


PUBLIC = [
    "8.8.8.8", "1.1.1.1", "93.184.216.34", "100.63.255.255", "100.128.0.0", "172.15.255.255",
    "172.32.0.0", "192.169.0.1", "11.0.0.1", "223.255.255.254", "198.20.0.1",
    "2606:4700:4700::1111", "2a00:1450:4001::1", "2001:4860:4860::8888",
    "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1",
]
# address -> a fragment of the reason
REFUSED: list[tuple[str, str]] = [
    ("127.0.0.1", "loopback"), ("127.255.255.254", "loopback"), ("10.1.2.3", "private"),
    ("172.16.0.1", "private"), ("172.31.255.255", "private"), ("192.168.1.1", "private"),
    ("100.64.0.1", "CGNAT"), ("100.127.255.255", "CGNAT"), ("169.254.169.254", "link-local"),
    ("0.0.0.0", "unspecified"), ("0.1.2.3", "this-network"), ("224.0.0.1", "multicast"),
    ("239.255.255.250", "multicast"), ("240.0.0.1", "reserved"), ("255.255.255.255", "broadcast"),
    ("192.0.2.1", "documentation"), ("198.51.100.7", "documentation"),
    ("203.0.113.9", "documentation"), ("198.18.0.1", "benchmarking"), ("198.19.255.1", "benchmarking"),
    ("192.0.0.8", "IETF"), ("192.88.99.1", "6to4 relay"),
    ("::1", "loopback"), ("::", "unspecified"), ("fe80::1", "link-local"), ("fc00::1", "unique-local"),
    ("fd12:3456::1", "unique-local"), ("fec0::1", "site-local"), ("ff02::1", "multicast"),
    ("2001:db8::1", "documentation"), ("3fff::1", "documentation"), ("2001:2::1", "benchmarking"),
    ("100::1", "discard-only"), ("2001:10::1", "ORCHID"), ("5f00::1", "SRv6"), ("4000::1", "reserved"),
    ("::ffff:127.0.0.1", "IPv4-mapped form of 127.0.0.1 (loopback)"),
    ("::ffff:10.0.0.1", "IPv4-mapped form of 10.0.0.1 (private)"),
    ("::ffff:169.254.169.254", "IPv4-mapped form of 169.254.169.254 (link-local)"),
    ("::ffff:100.64.0.1", "IPv4-mapped form of 100.64.0.1 (CGNAT)"),
    ("::127.0.0.1", "IPv4-compatible form of 127.0.0.1 (loopback)"),
    ("::8.8.8.8", "IPv4-compatible form of 8.8.8.8 (deprecated)"),
    ("::ffff:0:7f00:1", "IPv4-translated form of 127.0.0.1 (loopback)"),
    ("64:ff9b::7f00:1", "NAT64 form of 127.0.0.1 (loopback)"),
    ("64:ff9b::a00:1", "NAT64 form of 10.0.0.1 (private)"),
    ("64:ff9b::a9fe:a9fe", "NAT64 form of 169.254.169.254 (link-local)"),
    ("64:ff9b:1::7f00:1", "local-use NAT64 form of 127.0.0.1 (loopback)"),
    ("64:ff9b:1::808:808", "local-use NAT64"),
    ("2002:7f00:1::", "6to4 form of 127.0.0.1 (loopback)"),
    ("2002:a9fe:a9fe::1", "6to4 form of 169.254.169.254 (link-local)"),
    ("2002:c0a8:101::", "6to4 form of 192.168.1.1 (private)"),
    ("2002:6440:1::", "6to4 form of 100.64.0.1 (CGNAT)"),
    ("2001:0:4136:e378:8000:63bf:80ff:fffe", "Teredo form of 127.0.0.1 (loopback)"),
    ("2001:0:4136:e378:8000:63bf:f7f7:f7f7", "Teredo"),
]


@pytest.mark.parametrize("address", PUBLIC)
def test_public_addresses_pass(address: str) -> None:
    assert classify_ip(ip_address(address)) is None


@pytest.mark.parametrize(("address", "reason"), REFUSED)
def test_refused_addresses_name_their_class(address: str, reason: str) -> None:
    got = classify_ip(ip_address(address))
    assert got is not None and reason in got


def test_the_tables_are_big_enough() -> None:
    assert len(PUBLIC) + len(REFUSED) >= 60
    assert len(LITERALS) + len(IPV6_LITERALS) + len(NOT_ADDRESSES) >= 40


# check_url


class FakeResolver:
    def __init__(self, answers: dict[str, list[str]]) -> None:
        self.answers = answers
        self.calls: list[tuple[str, int]] = []

    async def __call__(self, host: str, port: int) -> list[str]:
        self.calls.append((host, port))
        if host not in self.answers:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return self.answers[host]


RESOLVE = FakeResolver({
    "example.com": ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"],
    "news.test": [LOOPBACK],
    "mixed.test": ["93.184.216.34", "10.0.0.7"],
    "mapped.test": ["::ffff:93.184.216.34"],
    "localhost": [LOOPBACK, "::1"],
    "empty.test": [],
    "scoped.test": ["fe80::1%eth0"],
    "xn--bcher-kva.example": ["93.184.216.35"],
    "garbage.test": ["not-an-ip"],
})
NONE: frozenset[str] = frozenset()


async def test_public_url_becomes_a_target() -> None:
    t = await check_url("https://Example.COM/a?b=1#frag", NONE, RESOLVE)
    assert t == Target(url="https://Example.COM/a?b=1#frag", scheme="https", host="example.com",
                       port=443, ip="93.184.216.34", host_port="example.com:443")


async def test_idna_and_upper_case_scheme() -> None:
    t = await check_url("HTTP://BÜCHER.example:8080/", NONE, RESOLVE)
    assert (t.scheme, t.host, t.port, t.host_port) == ("http", "xn--bcher-kva.example", 8080,
                                                         "xn--bcher-kva.example:8080")


async def test_ipv4_mapped_answer_is_connected_as_ipv4() -> None:
    assert (await check_url("http://mapped.test/", NONE, RESOLVE)).ip == "93.184.216.34"


async def test_ipv6_literal_target() -> None:
    t = await check_url("http://[2606:4700:4700::1111]:8080/x", NONE, RESOLVE)
    assert (t.host, t.ip, t.host_port) == ("2606:4700:4700::1111", "2606:4700:4700::1111",
                                           "[2606:4700:4700::1111]:8080")


async def test_literals_need_no_dns() -> None:
    async def no_dns(host: str, port: int) -> list[str]:
        raise AssertionError("resolver called for a literal")

    t = await check_url("http://0x5db8d822/", NONE, no_dns)
    assert (t.host, t.ip) == ("0x5db8d822", "93.184.216.34")
    with pytest.raises(BlockedURL):
        await check_url("http://2130706433/", NONE, no_dns)


BAD_URLS: list[tuple[str, str]] = [
    ("file:///etc/passwd", "scheme 'file'"),
    ("file:/etc/passwd", "scheme 'file'"),
    ("file:etc/passwd", "scheme 'file'"),
    ("FILE:///etc/passwd", "scheme 'file'"),
    ("source:file:///etc/passwd", "scheme 'source'"),
    ("ftp://example.com/", "scheme 'ftp'"),
    ("gopher://example.com:70/_x", "scheme 'gopher'"),
    ("javascript:alert(1)", "scheme 'javascript'"),
    ("data:text/plain,hi", "scheme 'data'"),
    ("//example.com/", "not an absolute URL"),
    ("example.com/", "not an absolute URL"),
    ("http:/example.com/", "no host"),
    ("http:example.com", "no host"),
    ("http:\\\\example.com\\", "backslash"),
    ("http://example.com\\@127.0.0.1/", "backslash"),
    ("http:///example.com/", "no host"),
    ("http://", "no host"),
    ("http://:80/", "no host"),
    ("http://?x", "no host"),
    ("http://user:pass@example.com/", "user info"),
    ("http://user@example.com/", "user info"),
    ("http://example.com@127.0.0.1/", "user info"),
    ("http://example.com:0/", "invalid port"),
    ("http://example.com:65536/", "invalid port"),
    ("http://example.com:8o/", "invalid port"),
    ("http://example.com:+80/", "invalid port"),
    ("http://example.com:٨٠/", "invalid port"),
    ("http://exa mple.com/", "whitespace"),
    (" http://example.com/", "whitespace"),
    ("http://example.com/\n", "whitespace"),
    ("http://example.com/\x00", "control"),
    ("http://example.com\u3000/", "whitespace"),
    ("http://exa%6dple.com/", "percent-encoded"),
    ("http://%31%32%37.0.0.1/", "percent-encoded"),
    ("http://::1/", "IPv6 literals must be in brackets"),
    ("http://[::1/", "unterminated"),
    ("http://[::1]x/", "garbage"),
    ("http://[fe80::1%25eth0]/", "zone"),
    ("http://exa$mple.com/", "invalid character"),
    ("http://256.0.0.1/", "not a valid IPv4"),
    ("http://example.123/", "ends in a number"),
    ("http://127.1:8080/x", "127.0.0.1 is a loopback address"),
    ("http://0/", "0.0.0.0 is an unspecified address"),
    ("http://[::ffff:127.0.0.1]/", "IPv4-mapped form of 127.0.0.1 (loopback)"),
    ("http://[2002:7f00:1::]/", "6to4 form of 127.0.0.1"),
    ("http://[64:ff9b::a9fe:a9fe]/", "NAT64 form of 169.254.169.254"),
    ("http://１２７。０。０。１/", "127.0.0.1 is a loopback address"),
    ("http://127.0.0.1./", "loopback"),
    ("http://100.64.1.1/", "CGNAT"),
    ("http://localhost/", "localhost resolves to 127.0.0.1, a loopback address"),
    ("http://mixed.test/", "mixed.test resolves to 10.0.0.7, a private address"),
    ("http://scoped.test/", "link-local"),
    ("http://garbage.test/", "malformed address"),
]


@pytest.mark.parametrize(("url", "reason"), BAD_URLS)
async def test_bad_urls_are_refused_with_a_reason(url: str, reason: str) -> None:
    with pytest.raises(BlockedURL) as info:
        await check_url(url, NONE, RESOLVE)
    assert reason in info.value.reason
    line = str(info.value)
    assert line.startswith("refused ") and "\n" not in line and reason in line


async def test_refusal_message_is_one_exact_line() -> None:
    with pytest.raises(BlockedURL) as info:
        await check_url("http://127.1:8080/x", NONE, RESOLVE)
    assert str(info.value) == "refused http://127.1:8080/x: 127.0.0.1 is a loopback address"


async def test_allow_list_is_exact_host_and_port() -> None:
    allow = frozenset({"news.test:8080", "127.0.0.1:9000", "[::1]:9001", "localhost:80"})
    assert (await check_url("http://news.test:8080/feed", allow, RESOLVE)).ip == LOOPBACK
    assert (await check_url("http://NEWS.test:8080/", allow, RESOLVE)).host_port == "news.test:8080"
    assert (await check_url("http://127.0.0.1:9000/", allow, RESOLVE)).ip == LOOPBACK
    assert (await check_url("http://[::1]:9001/", allow, RESOLVE)).ip == "::1"
    assert (await check_url("http://localhost/", allow, RESOLVE)).port == 80  # default port filled
    for url in ("http://news.test:8081/", "http://news.test/", "https://news.test/",
                "http://127.0.0.1:9001/", "http://127.1:9000/", "http://2130706433:9000/",
                "http://localhost:8080/", "https://localhost/", "http://[::1]:9000/"):
        with pytest.raises(BlockedURL):
            await check_url(url, allow, RESOLVE)


async def test_allow_list_does_not_lift_syntax_checks() -> None:
    allow = frozenset({"news.test:80"})
    for url in ("file://news.test/", "http://u:p@news.test/", "http://news.test\\x"):
        with pytest.raises(BlockedURL):
            await check_url(url, allow, RESOLVE)


async def test_dns_failures_are_network_errors() -> None:
    for url, reason in (("http://nowhere.test/", "DNS lookup of nowhere.test failed"),
                        ("http://empty.test/", "no addresses")):
        with pytest.raises(FetchNetworkError) as info:
            await check_url(url, NONE, RESOLVE)
        assert reason in str(info.value)
        assert not isinstance(info.value, BlockedURL)


async def test_default_resolver_on_a_numeric_host() -> None:
    assert await default_resolver(LOOPBACK, 80) == [LOOPBACK]


def test_error_lines() -> None:
    assert str(FetchError("http://x/", "boom")) == "failed http://x/: boom"
    assert str(TooLarge("http://x/", "too big")) == "stopped http://x/: too big"
    assert str(RobotsDisallowed("http://x/", "no")) == "skipped http://x/: no"
    err = HTTPStatusError("http://x/", 503, retry_after=5.0)
    assert (err.status, err.retry_after, str(err)) == (503, 5.0, "failed http://x/: HTTP 503")
    masked = str(BlockedURL("http://user:secret@x/\r\nSet-Cookie: a", "bad\nthing"))
    assert "secret" not in masked and "\n" not in masked and "\r" not in masked
    assert masked == "refused http://***@x/\\x0d\\x0aSet-Cookie: a: bad\\x0athing"
    assert len(str(BlockedURL("http://x/" + "a" * 5000, "long"))) < 400
    assert isinstance(parse_ip_literal("[::1]"), IPv6Address)
