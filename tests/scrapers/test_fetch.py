"""The guarded fetcher against real HTTP servers on 127.0.0.1.

The main server is allow-listed by its exact ``127.0.0.1:<port>``; the canary server is not,
and must never see a request. Names (``news.test``, ``localhost``) come from a fake resolver.
Sleeps for backoff are recorded by a fake ``sleep`` so that retries cost no time.
"""

from __future__ import annotations

import asyncio
import gzip
import itertools
import threading
import time
import zlib
from collections.abc import Iterator
from functools import cache

import httpx
import pytest

from scrapers.errors import (
    BlockedURL,
    FetchNetworkError,
    FetchTimeout,
    HTTPStatusError,
    RobotsDisallowed,
    TooLarge,
    TooManyRedirects,
)
from scrapers.fetch import Fetcher, FetchSettings
from tests.support.httpserver import LocalServer, Reply, Seen


class FastServer(LocalServer):
    """LocalServer whose shutdown is quick (serve_forever polls every 20 ms, not 500 ms)."""

    def __init__(self) -> None:
        super().__init__()
        httpd = self._httpd
        self._thread = threading.Thread(target=lambda: httpd.serve_forever(poll_interval=0.02),
                                        daemon=True)


@pytest.fixture
def srv() -> Iterator[LocalServer]:
    with FastServer() as s:
        yield s


@pytest.fixture
def canary() -> Iterator[LocalServer]:
    with FastServer() as s:
        s.route("/", Reply(body=b"canary"))
        yield s


class Sleeps:
    """A fake asyncio.sleep that records durations and yields once."""

    def __init__(self) -> None:
        self.calls: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.calls.append(round(seconds, 3))
        await asyncio.sleep(0)


async def resolver(host: str, port: int) -> list[str]:
    names = {"news.test": ["127.0.0.1"], "localhost": ["127.0.0.1", "::1"],
             "mixed.test": ["127.0.0.1", "93.184.216.34"]}
    return names[host]


def fetcher(*servers: LocalServer, sleep: Sleeps | None = None, **kw: object) -> Fetcher:
    opts: dict[str, object] = {"respect_robots": False, "politeness_delay": 0.0, "retries": 0,
                               "timeout": 2.0}
    opts.update(kw)
    allow = frozenset(s.host_port for s in servers) | frozenset(opts.pop("allow", frozenset()))  # type: ignore[call-overload]
    settings = FetchSettings(allow_private_hosts=allow, **opts)  # type: ignore[arg-type]
    return Fetcher(settings, resolver=resolver, sleep=sleep or Sleeps())


async def test_plain_get(srv: LocalServer) -> None:
    srv.route("/a", Reply(body="héllo".encode("latin-1"),
                          headers={"Content-Type": "Text/HTML; Charset=\"ISO-8859-1\"", "X-Thing": "1"}))
    async with fetcher(srv) as f:
        r = await f.get(srv.url("/a?q=1"), accept="text/html")
    assert (r.status, r.url, r.body, r.redirects, r.not_modified) == (
        200, srv.url("/a?q=1"), "héllo".encode("latin-1"), (), False)
    assert (r.content_type, r.charset, r.text()) == ("text/html", "iso-8859-1", "héllo")
    assert r.headers["x-thing"] == "1" and "X-Thing" not in r.headers
    seen = srv.requests[-1]
    assert seen.path == "/a?q=1" and seen.host_header == srv.host_port
    assert seen.headers["user-agent"].startswith("ClaimWatch/") and seen.headers["accept"] == "text/html"
    assert (f.stats.requests, f.stats.bytes) == (1, 5)


async def test_a_name_connects_to_the_checked_address(srv: LocalServer) -> None:
    calls: list[tuple[str, int]] = []

    async def counting(host: str, port: int) -> list[str]:
        calls.append((host, port))
        return ["127.0.0.1"]

    srv.route("/x", Reply(body=b"ok"))
    name = f"news.test:{srv.port}"
    settings = FetchSettings(allow_private_hosts=frozenset({name}), respect_robots=False,
                             politeness_delay=0)
    async with Fetcher(settings, resolver=counting) as f:
        r = await f.get(f"http://{name}/x")
    assert r.body == b"ok" and r.url == f"http://{name}/x"
    assert srv.requests[-1].host_header == name
    assert calls == [("news.test", srv.port)]  # one lookup, no second one by the HTTP stack


async def test_https_request_carries_the_real_name_for_tls() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, content=b"x")

    settings = FetchSettings(allow_private_hosts=frozenset({"news.test:8443"}), respect_robots=False,
                             politeness_delay=0)
    async with Fetcher(settings, transport=httpx.MockTransport(handler), resolver=resolver) as f:
        await f.get("https://news.test:8443/feed?x=1")
    req = seen[0]
    assert str(req.url) == "https://127.0.0.1:8443/feed?x=1"
    assert req.headers["host"] == "news.test:8443"
    assert req.extensions["sni_hostname"] == "news.test"


async def test_text_fallbacks() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        bodies = {"/utf8": (b"caf\xc3\xa9", "text/plain"), "/cp": (b"caf\xe9 \x81", "text/plain"),
                  "/bogus": (b"caf\xc3\xa9", "text/plain; charset=rot13")}
        body, ctype = bodies[request.url.path]
        return httpx.Response(200, content=body, headers={"Content-Type": ctype})

    settings = FetchSettings(allow_private_hosts=frozenset({"news.test:80"}), respect_robots=False,
                             politeness_delay=0)
    async with Fetcher(settings, transport=httpx.MockTransport(handler), resolver=resolver) as f:
        assert (await f.get("http://news.test/utf8")).text() == "café"
        assert (await f.get("http://news.test/cp")).text() == "café \ufffd"
        assert (await f.get("http://news.test/bogus")).text() == "café"
    assert "sni_hostname" not in seen[0].extensions


async def test_conditional_get(srv: LocalServer) -> None:
    def feed(req: Seen) -> Reply:
        if req.headers.get("if-none-match") == '"v1"':
            return Reply(304, headers={"ETag": '"v1"'})
        return Reply(body=b"<rss/>", headers={"ETag": '"v1"', "Last-Modified": "Mon, 01 Jan 2024 00:00:00 GMT"})

    srv.route("/feed", feed)
    async with fetcher(srv) as f:
        first = await f.get(srv.url("/feed"))
        again = await f.get(srv.url("/feed"), etag=first.etag, last_modified=first.last_modified)
        assert f.stats.not_modified == 1
    assert (first.status, first.etag, first.last_modified) == (200, '"v1"', "Mon, 01 Jan 2024 00:00:00 GMT")
    assert (again.status, again.not_modified, again.body) == (304, True, b"")
    assert (again.etag, again.last_modified) == ('"v1"', "Mon, 01 Jan 2024 00:00:00 GMT")
    assert srv.requests[-1].headers["if-modified-since"] == "Mon, 01 Jan 2024 00:00:00 GMT"
    assert "if-none-match" not in srv.requests[0].headers


async def test_redirects_relative_absolute_and_chains(srv: LocalServer) -> None:
    srv.route("/a", Reply(301, headers={"Location": "b"}))
    srv.route("/b", Reply(302, headers={"Location": srv.url("/c?x=1")}))
    srv.route("/c", Reply(307, headers={"Location": "//" + srv.host_port + "/d"}))
    srv.route("/d", Reply(body=b"done"))
    async with fetcher(srv) as f:
        r = await f.get(srv.url("/a"))
    assert r.body == b"done" and r.url == srv.url("/d")
    assert r.redirects == (srv.url("/b"), srv.url("/c?x=1"), srv.url("/d"))
    assert [s.path for s in srv.requests] == ["/a", "/b", "/c?x=1", "/d"]


async def test_redirect_loop_stops_at_max_redirects(srv: LocalServer) -> None:
    srv.route("/loop", Reply(302, headers={"Location": "/loop"}))
    async with fetcher(srv, max_redirects=3) as f:
        with pytest.raises(TooManyRedirects, match="more than 3 redirects"):
            await f.get(srv.url("/loop"))
    assert srv.hits("/loop") == 4


async def test_redirect_to_a_refused_address_is_never_requested(srv: LocalServer, canary: LocalServer) -> None:
    srv.route("/go", Reply(302, headers={"Location": f"http://127.0.0.1:{canary.port}/"}))
    srv.route("/file", Reply(302, headers={"Location": "file:///etc/passwd"}))
    async with fetcher(srv) as f:
        with pytest.raises(BlockedURL, match="loopback"):
            await f.get(srv.url("/go"))
        with pytest.raises(BlockedURL, match="scheme 'file'"):
            await f.get(srv.url("/file"))
        assert f.stats.refused == 2
    assert canary.requests == []


async def test_slow_response_times_out(srv: LocalServer) -> None:
    srv.route("/slow", Reply(body=b"late", delay=1.0))
    t0 = time.monotonic()
    async with fetcher(srv, timeout=0.2) as f:
        with pytest.raises(FetchTimeout, match="ReadTimeout"):
            await f.get(srv.url("/slow"))
    assert time.monotonic() - t0 < 0.9


async def test_dropped_connection_is_retried_then_fails(srv: LocalServer) -> None:
    srv.route("/drop", Reply(drop=True))
    sleeps = Sleeps()
    async with fetcher(srv, retries=2, sleep=sleeps) as f:
        with pytest.raises(FetchNetworkError) as info:
            await f.get(srv.url("/drop"))
        assert f.stats.retries == 2
    assert "\n" not in str(info.value) and "RemoteProtocolError" in str(info.value)
    assert srv.hits("/drop") == 3 and sleeps.calls == [0.5, 1.0]


async def test_server_error_is_retried_until_success(srv: LocalServer) -> None:
    count = itertools.count()
    srv.route("/flaky", lambda req: Reply(500) if next(count) < 2 else Reply(body=b"ok"))
    sleeps = Sleeps()
    async with fetcher(srv, retries=2, sleep=sleeps) as f:
        assert (await f.get(srv.url("/flaky"))).body == b"ok"
    assert srv.hits("/flaky") == 3 and sleeps.calls == [0.5, 1.0]


async def test_server_error_after_the_last_attempt(srv: LocalServer) -> None:
    srv.route("/down", Reply(503))
    async with fetcher(srv, retries=1) as f:
        with pytest.raises(HTTPStatusError, match="HTTP 503 Service Unavailable after 2") as info:
            await f.get(srv.url("/down"))
    assert info.value.status == 503 and srv.hits("/down") == 2


async def test_client_errors_are_not_retried(srv: LocalServer) -> None:
    srv.route("/gone", Reply(410))
    async with fetcher(srv, retries=2) as f:
        with pytest.raises(HTTPStatusError) as info:
            await f.get(srv.url("/missing"))
        assert info.value.status == 404 and "Not Found" in str(info.value)
        with pytest.raises(HTTPStatusError, match="410"):
            await f.get(srv.url("/gone"))
    assert srv.hits("/missing") == 1 and srv.hits("/gone") == 1


async def test_429_honours_retry_after(srv: LocalServer) -> None:
    count = itertools.count()
    srv.route("/busy", lambda req: Reply(429, headers={"Retry-After": "7"}) if next(count) == 0 else Reply(body=b"ok"))
    srv.route("/later", Reply(429, headers={"Retry-After": "3600"}))
    sleeps = Sleeps()
    async with fetcher(srv, retries=2, sleep=sleeps) as f:
        assert (await f.get(srv.url("/busy"))).body == b"ok"
        with pytest.raises(HTTPStatusError, match="over the 60s cap") as info:
            await f.get(srv.url("/later"))
    assert sleeps.calls == [7.0] and srv.hits("/later") == 1
    assert (info.value.status, info.value.retry_after) == (429, 3600.0)


@cache
def gzip_bomb() -> bytes:
    """50 MB of zeros, gzip-compressed to about 50 kB."""
    comp = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = bytes(1 << 20)
    data = b"".join(comp.compress(block) for _ in range(50)) + comp.flush()
    assert len(data) < 100_000
    return data


async def test_gzip_bomb_is_stopped_at_the_decoded_cap(srv: LocalServer) -> None:
    srv.route("/bomb", Reply(body=gzip_bomb(), headers={"Content-Encoding": "gzip"}))
    srv.route("/small", Reply(body=gzip.compress(b"x" * 1000), headers={"Content-Encoding": "gzip"}))
    t0 = time.monotonic()
    async with fetcher(srv, max_bytes=1_000_000) as f:
        assert (await f.get(srv.url("/small"))).body == b"x" * 1000
        with pytest.raises(TooLarge, match="body exceeds the 1000000-byte limit"):
            await f.get(srv.url("/bomb"))
    assert time.monotonic() - t0 < 1.5


def endless_chunked() -> Iterator[bytes]:
    chunk = b"a" * 8192
    while True:
        yield b"%x\r\n%s\r\n" % (len(chunk), chunk)


async def test_endless_chunked_body_is_stopped(srv: LocalServer) -> None:
    srv.route("/endless", Reply(headers={"Transfer-Encoding": "chunked"}, chunks=endless_chunked()))
    async with fetcher(srv, max_bytes=200_000) as f:
        with pytest.raises(TooLarge):
            await f.get(srv.url("/endless"))
        assert 200_000 < f.stats.bytes < 300_000


async def test_announced_length_over_the_cap_is_refused_unread(srv: LocalServer) -> None:
    srv.route("/huge", Reply(headers={"Content-Length": str(10**12)}, chunks=iter([b"a" * 1000] * 100)))
    async with fetcher(srv, max_bytes=1_000_000) as f:
        with pytest.raises(TooLarge, match="Content-Length 1000000000000 exceeds"):
            await f.get(srv.url("/huge"))
        assert f.stats.bytes == 0


def robots_fetcher(srv: LocalServer, sleep: Sleeps | None = None, **kw: object) -> Fetcher:
    return fetcher(srv, respect_robots=True, sleep=sleep, **kw)


async def test_robots_disallow_is_obeyed_and_cached(srv: LocalServer) -> None:
    srv.route("/robots.txt", Reply(body=b"User-agent: *\nDisallow: /\n\n"
                                        b"User-agent: ClaimWatch\nDisallow: /private\n"))
    srv.route("/public", Reply(body=b"ok"))
    async with robots_fetcher(srv) as f:
        assert (await f.get(srv.url("/public"))).body == b"ok"
        with pytest.raises(RobotsDisallowed, match="disallows it for ClaimWatch"):
            await f.get(srv.url("/private/page"))
        await asyncio.gather(*(f.get(srv.url("/public")) for _ in range(3)))
        assert f.stats.robots_blocked == 1
    assert srv.hits("/robots.txt") == 1 and srv.hits("/private/page") == 0


async def test_robots_fetched_once_by_concurrent_callers(srv: LocalServer) -> None:
    srv.route("/robots.txt", Reply(body=b"User-agent: *\nAllow: /\n", delay=0.1))
    srv.route("/p", Reply(body=b"ok"))
    async with robots_fetcher(srv, per_host_concurrency=5) as f:
        await asyncio.gather(*(f.get(srv.url("/p")) for _ in range(5)))
    assert srv.hits("/robots.txt") == 1 and srv.hits("/p") == 5


async def test_robots_404_allows_everything(srv: LocalServer) -> None:
    srv.route("/p", Reply(body=b"ok"))
    async with robots_fetcher(srv) as f:
        assert (await f.get(srv.url("/p"))).body == b"ok"
        assert (await f.get(srv.url("/p"))).body == b"ok"
    assert srv.hits("/robots.txt") == 1


async def test_robots_5xx_disallows_for_ten_minutes(srv: LocalServer) -> None:
    now = [1000.0]
    srv.route("/robots.txt", Reply(500))
    srv.route("/p", Reply(body=b"ok"))
    settings = FetchSettings(allow_private_hosts=frozenset({srv.host_port}), politeness_delay=0,
                             retries=1)
    async with Fetcher(settings, resolver=resolver, sleep=Sleeps(), clock=lambda: now[0]) as f:
        for _ in range(2):
            with pytest.raises(RobotsDisallowed):
                await f.get(srv.url("/p"))
        assert srv.hits("/robots.txt") == 2  # one fetch, retried once, then cached
        srv.route("/robots.txt", Reply(404))
        now[0] += 601
        assert (await f.get(srv.url("/p"))).body == b"ok"
    assert srv.hits("/robots.txt") == 3 and srv.hits("/p") == 1


async def test_robots_is_read_through_redirects_and_the_guard(srv: LocalServer, canary: LocalServer) -> None:
    srv.route("/robots.txt", Reply(301, headers={"Location": "/real-robots.txt"}))
    srv.route("/real-robots.txt", Reply(body=b"User-agent: ClaimWatch\nDisallow: /x\n"))
    async with robots_fetcher(srv) as f:
        with pytest.raises(RobotsDisallowed):
            await f.get(srv.url("/x"))
    srv.route("/robots.txt", Reply(301, headers={"Location": canary.url("/robots.txt")}))
    srv.route("/y", Reply(body=b"ok"))
    async with robots_fetcher(srv) as f:  # robots.txt behind a refused hop: unavailable, allow
        assert (await f.get(srv.url("/y"))).body == b"ok"
    assert canary.requests == []


async def test_per_host_concurrency_is_capped(srv: LocalServer) -> None:
    lock = threading.Lock()
    state = {"now": 0, "max": 0}

    def slow(req: Seen) -> Reply:
        with lock:
            state["now"] += 1
            state["max"] = max(state["max"], state["now"])
        time.sleep(0.1)
        with lock:
            state["now"] -= 1
        return Reply(body=b"ok")

    srv.route("/c", slow)
    async with fetcher(srv, per_host_concurrency=2) as f:
        await asyncio.gather(*(f.get(srv.url("/c")) for _ in range(6)))
    assert state["max"] == 2 and srv.hits("/c") == 6


async def test_politeness_delay_spaces_request_starts(srv: LocalServer) -> None:
    starts: list[float] = []

    def stamp(req: Seen) -> Reply:
        starts.append(time.monotonic())
        return Reply(body=b"ok")

    srv.route("/p", stamp)
    async with fetcher(srv, politeness_delay=0.2, sleep=asyncio.sleep, per_host_concurrency=3) as f:  # type: ignore[arg-type]
        await asyncio.gather(*(f.get(srv.url("/p")) for _ in range(3)))
    gaps = [b - a for a, b in itertools.pairwise(sorted(starts))]
    # Exact slotting is checked with a fake clock below; here only that real starts are spread
    # (server-side arrival times jitter by connection set-up, so allow slack per gap).
    assert len(gaps) == 2 and all(g >= 0.1 for g in gaps) and sum(gaps) >= 0.33


async def test_politeness_slots_with_a_fake_clock(srv: LocalServer) -> None:
    now = [50.0]
    sleeps = Sleeps()
    srv.route("/p", Reply(body=b"ok"))
    settings = FetchSettings(allow_private_hosts=frozenset({srv.host_port}), respect_robots=False,
                             politeness_delay=1.0, per_host_concurrency=4)
    async with Fetcher(settings, resolver=resolver, sleep=sleeps, clock=lambda: now[0]) as f:
        await asyncio.gather(*(f.get(srv.url("/p")) for _ in range(4)))
    assert sorted(sleeps.calls) == [1.0, 2.0, 3.0]


CANARY_URLS = [
    "http://127.0.0.1:{p}/", "http://2130706433:{p}/", "http://0x7f000001:{p}/",
    "http://0177.0.0.1:{p}/", "http://127.1:{p}/", "http://127.0.1:{p}/", "http://0:{p}/",
    "http://0.0.0.0:{p}/", "http://127.0.0.1.:{p}/", "http://[::ffff:127.0.0.1]:{p}/",
    "http://[::ffff:7f00:1]:{p}/", "http://[::1]:{p}/", "http://[::]:{p}/", "http://localhost:{p}/",
    "http://LOCALHOST:{p}/", "http://mixed.test:{p}/", "http://１２７。０。０。１:{p}/",
    "http://%31%32%37.0.0.1:{p}/", "http://user:pw@127.0.0.1:{p}/", "http://x@127.0.0.1:{p}/",
    "http://127.0.0.1:{p}\\@example.com/", "http:\\\\127.0.0.1:{p}/", "http:/127.0.0.1:{p}/",
    "http://127.0.0.1:{p}/\r\nX: y", "file://127.0.0.1:{p}/", "gopher://127.0.0.1:{p}/_GET",
]


async def test_canary_is_never_reached(srv: LocalServer, canary: LocalServer) -> None:
    p = canary.port
    for target in (f"http://127.0.0.1:{p}/", f"http://localhost:{p}/", f"http://[::1]:{p}/",
                   f"http://0x7f000001:{p}/"):
        srv.route(f"/to{len(srv.routes)}", Reply(302, headers={"Location": target}))
    srv.route("/to-rel", Reply(302, headers={"Location": f"//127.1:{p}/"}))
    redirects = [srv.url(path) for path in srv.routes]
    settings = FetchSettings(allow_private_hosts=frozenset({srv.host_port}), politeness_delay=0,
                             timeout=1.0)  # robots on, as in production
    async with Fetcher(settings, resolver=resolver) as f:
        for url in [u.format(p=p) for u in CANARY_URLS] + redirects:
            with pytest.raises(BlockedURL) as info:
                await f.get(url)
            line = str(info.value)
            assert line.startswith("refused ") and "\n" not in line and "\r" not in line, line
            assert len(line.split(": ", 1)[1]) > 5, line
        assert f.stats.refused == len(CANARY_URLS) + len(redirects)
    assert canary.requests == []
    assert all(s.route.startswith(("/to", "/robots.txt")) for s in srv.requests)
