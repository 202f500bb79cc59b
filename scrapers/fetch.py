"""One guarded, polite HTTP client for every fetch the scrapers make.

``Fetcher.get`` is the only way out to the network. Each hop of a fetch goes through:

1. ``check_url`` (scrapers.guard): scheme, syntax, and every resolved address must be public
   unless ``host:port`` is allow-listed. Redirects are followed by hand and every ``Location``
   is checked the same way *before* anything is sent to it.
2. robots.txt of the origin (RFC 9309, read by :mod:`scrapers.robots`: BOM skipped, longest
   match wins, ``*``/``$``), fetched through this same guarded path, cached per origin for
   ``robots_ttl``; concurrent callers share one fetch. 4xx means allow all; 5xx, 429, network
   errors and undecodable bodies mean disallow all, cached for ten minutes (RFC 9309 §2.3.1.4).
   It is read up to 500 kB.
3. A per-host semaphore (``per_host_concurrency``) and a politeness gate: request starts to
   one ``host:port`` are at least ``politeness_delay`` apart (slots are reserved in order).
4. The request goes to the *checked address*: the URL's host is replaced by ``Target.ip``, the
   ``Host`` header names the real host and, for https, the ``sni_hostname`` extension makes TLS
   send and verify the real name. No second DNS lookup, so no rebinding window. Since the
   connection pool then keys connections by IP, https connections are pooled per server name
   (``_PerNameTransport``) so that one verified for ``a.example`` never carries ``b.example``.
5. The body is streamed raw and decoded here (:mod:`scrapers.decoding`), never by httpx: each
   ``Content-Encoding`` layer (gzip, deflate; at most two) is inflated in steps of 64 kB and its
   output counted against ``max_bytes`` before the next layer sees it, so a gzip bomb, even one
   compressed twice, stops at the cap with bounded memory (``TooLarge``); unknown encodings,
   three layers or corrupt data raise ``BadEncoding``. A ``Content-Length`` over the cap is
   refused before reading. Each attempt also has a total deadline of
   ``3 × timeout``, so a body dripping in below the per-read timeout cannot run forever.
6. Timeouts, network errors, 5xx and 429 are retried ``retries`` times with exponential backoff
   (``retry_backoff`` doubled per attempt). ``Retry-After`` is honoured when it is at most 60 s;
   a longer one ends the fetch at once with ``HTTPStatusError.retry_after`` set. Other 4xx are
   raised without retry. Each retry logs one WARNING line (host, status or error, Retry-After,
   the wait), never a traceback.

An https page may redirect to http (as browsers allow): the hop is checked like any other, and
refusing would break feeds that move between schemes. Requests are logged at DEBUG, one line
each, never with headers; raising the ``httpx`` logger to WARNING is the app's job.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC
from email.utils import parsedate_to_datetime
from http import HTTPStatus
from types import MappingProxyType
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx

from .decoding import BodyDecoder, DecodeError, DecodeTooLarge, parse_encodings
from .errors import (
    BadEncoding,
    BlockedURL,
    FetchError,
    FetchNetworkError,
    FetchTimeout,
    HTTPStatusError,
    RobotsDisallowed,
    TooLarge,
    TooManyRedirects,
    _one_line,
)
from .guard import DEFAULT_PORTS, Resolver, Target, check_url, default_resolver, parse_ip_literal
from .robots import RobotsTxt, parse_robots

__all__ = ["FetchSettings", "FetchStats", "Fetcher", "Response"]

log = logging.getLogger(__name__)

REDIRECTS = frozenset({301, 302, 303, 307, 308})
ROBOTS_MAX_BYTES = 500_000
ROBOTS_ERROR_TTL = 600.0
ROBOTS_MAX_REDIRECTS = 5
RETRY_AFTER_CAP = 60.0
TOTAL_TIMEOUT_FACTOR = 3


@dataclass(frozen=True, slots=True)
class FetchSettings:
    user_agent: str = "ClaimWatch/0.1 (+https://example.org/claimwatch)"
    allow_private_hosts: frozenset[str] = frozenset()  # exact "host:port" strings
    timeout: float = 20.0
    max_bytes: int = 5_000_000
    per_host_concurrency: int = 2
    politeness_delay: float = 1.0  # min seconds between request starts to one host
    respect_robots: bool = True
    retries: int = 2  # extra attempts on timeouts, network errors, 5xx
    retry_backoff: float = 0.5  # seconds, doubled per attempt
    max_redirects: int = 5
    robots_ttl: float = 86400.0


@dataclass(frozen=True, slots=True)
class Response:
    url: str  # final URL after redirects
    status: int
    headers: Mapping[str, str]  # lower-case names
    body: bytes
    not_modified: bool
    etag: str | None
    last_modified: str | None
    content_type: str | None  # media type only, lower-case
    charset: str | None
    redirects: tuple[str, ...]
    elapsed: float

    def text(self) -> str:
        """The body decoded by its charset, else UTF-8, else cp1252 with replacement."""
        for encoding in (self.charset, "utf-8-sig"):
            if encoding:
                try:
                    return self.body.decode(encoding)
                except (LookupError, UnicodeError):
                    pass
        return self.body.decode("cp1252", errors="replace")


@dataclass(slots=True)
class FetchStats:
    requests: int = 0  # HTTP requests sent (every hop, retry and robots.txt)
    not_modified: int = 0
    bytes: int = 0  # decoded body bytes received
    retries: int = 0
    refused: int = 0  # BlockedURL raised
    robots_blocked: int = 0


@dataclass(slots=True)
class _Raw:
    status: int
    headers: Mapping[str, str]
    body: bytes

    @property
    def is_success(self) -> bool:
        return 200 <= self.status < 300


@dataclass(slots=True)
class _Gate:
    sem: asyncio.Semaphore
    next_start: float = float("-inf")


@dataclass(slots=True)
class _Robots:
    expires: float = 0.0
    verdict: bool | None = None  # allow all / disallow all; None: ask the rules
    rules: RobotsTxt = field(default_factory=RobotsTxt)
    unavailable: str | None = None  # why the verdict is disallow-all, when it is an error

    def allows(self, token: str, url: str) -> bool:
        return self.verdict if self.verdict is not None else self.rules.allows(token, url)


class _PerNameTransport(httpx.AsyncBaseTransport):
    """One connection pool per TLS server name (plain http shares one pool)."""

    def __init__(self) -> None:
        self._pools: dict[str, httpx.AsyncHTTPTransport] = {}

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        name = str(request.extensions.get("sni_hostname", "")) if request.url.scheme == "https" else ""
        pool = self._pools.get(name)
        if pool is None:
            pool = self._pools[name] = httpx.AsyncHTTPTransport(trust_env=False)
        return await pool.handle_async_request(request)

    async def aclose(self) -> None:
        for pool in self._pools.values():
            await pool.aclose()


def _media_type(value: str | None) -> tuple[str | None, str | None]:
    if not value:
        return None, None
    media, *params = value.split(";")
    charset = None
    for param in params:
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset":
            charset = val.strip().strip("\"'").lower() or None
    return media.strip().lower() or None, charset


async def _one(data: bytes) -> AsyncIterator[bytes]:
    yield data


def _status_text(status: int) -> str:
    try:
        return f"HTTP {status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"HTTP {status}"


def _retry_after(value: str | None, now: float) -> float | None:
    """Seconds to wait from a ``Retry-After`` value (seconds, or an HTTP date; ``now`` is the
    wall clock as a POSIX timestamp); None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, OverflowError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, when.timestamp() - now)


class Fetcher:
    """Guarded, polite GETs; see the module docstring. Use as ``async with Fetcher(...)``."""

    def __init__(self, settings: FetchSettings, *, transport: httpx.AsyncBaseTransport | None = None,
                 resolver: Resolver | None = None,
                 sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
                 clock: Callable[[], float] = time.monotonic,
                 wall: Callable[[], float] = time.time) -> None:
        self.settings = settings
        self._wall = wall  # POSIX time, only to read a Retry-After date
        self.stats = FetchStats()
        self._resolve = resolver or default_resolver
        self._sleep = sleep
        self._clock = clock
        self._token = settings.user_agent.split("/")[0].split()[0] if settings.user_agent.strip() else "*"
        self._client = httpx.AsyncClient(
            transport=transport or _PerNameTransport(), trust_env=False, follow_redirects=False,
            timeout=httpx.Timeout(settings.timeout),
            headers={"User-Agent": settings.user_agent, "Accept-Encoding": "gzip, deflate"},
        )
        self._gates: dict[str, _Gate] = {}
        self._robots: dict[str, _Robots] = {}
        self._robots_inflight: dict[str, asyncio.Task[_Robots]] = {}

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        for task in list(self._robots_inflight.values()):
            task.cancel()
        await self._client.aclose()

    async def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
                  accept: str | None = None) -> Response:
        """GET ``url`` (following redirects); raises a FetchError subclass on any failure."""
        started = self._clock()
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        if accept:
            headers["Accept"] = accept
        s = self.settings
        target, raw, redirects = await self._follow(url, headers, s.max_bytes, s.max_redirects,
                                                    robots=s.respect_robots)
        final = target.url
        if raw.status == 304:
            self.stats.not_modified += 1
        elif not raw.is_success:
            raise HTTPStatusError(final, raw.status, _status_text(raw.status))
        media, charset = _media_type(raw.headers.get("content-type"))
        return Response(
            url=final, status=raw.status, headers=raw.headers, body=raw.body,
            not_modified=raw.status == 304, etag=raw.headers.get("etag") or etag,
            last_modified=raw.headers.get("last-modified") or last_modified,
            content_type=media, charset=charset, redirects=tuple(redirects),
            elapsed=self._clock() - started,
        )

    async def _check(self, url: str) -> Target:
        try:
            async with asyncio.timeout(self.settings.timeout):
                return await check_url(url, self.settings.allow_private_hosts, self._resolve)
        except BlockedURL:
            self.stats.refused += 1
            raise
        except TimeoutError:
            raise FetchTimeout(url, "DNS lookup timed out") from None

    async def _follow(self, url: str, headers: dict[str, str], cap: int, max_redirects: int, *,
                      robots: bool, truncate: bool = False) -> tuple[Target, _Raw, list[str]]:
        """Check and fetch ``url``, following up to ``max_redirects`` redirects by hand."""
        redirects: list[str] = []
        while True:
            target = await self._check(url)
            if robots:
                await self._obey_robots(target)
            raw = await self._attempts(target, headers, cap, truncate)
            location = raw.headers.get("location")
            if raw.status not in REDIRECTS or not location:
                return target, raw, redirects
            if len(redirects) >= max_redirects:
                raise TooManyRedirects(target.url, f"more than {max_redirects} redirects")
            url = urljoin(target.url, location.strip())
            redirects.append(url)

    async def _attempts(self, target: Target, headers: dict[str, str], cap: int,
                        truncate: bool) -> _Raw:
        """One request with retries on timeouts, network errors, 5xx and 429."""
        s = self.settings
        attempt = 0
        while True:
            wait = s.retry_backoff * 2 ** attempt
            try:
                raw = await self._send(target, headers, cap, truncate)
            except (FetchTimeout, FetchNetworkError) as exc:
                if attempt >= s.retries:
                    raise
                why = exc.reason
            else:
                if raw.status < 500 and raw.status != 429:
                    return raw
                after = _retry_after(raw.headers.get("retry-after"), self._wall())
                if after is not None and after > RETRY_AFTER_CAP:
                    raise HTTPStatusError(target.url, raw.status, f"{_status_text(raw.status)}, Retry-After "
                                          f"{after:g}s is over the {RETRY_AFTER_CAP:g}s cap", retry_after=after)
                if attempt >= s.retries:
                    raise HTTPStatusError(target.url, raw.status, f"{_status_text(raw.status)} after "
                                          f"{attempt + 1} attempt(s)", retry_after=after)
                wait = max(wait, after or 0.0)
                why = _status_text(raw.status) + (f", Retry-After {after:g}s" if after is not None else "")
            attempt += 1
            self.stats.retries += 1
            # one line, never a traceback: a busy or flaky server is routine
            log.warning("%s: %s; retry %d of %d in %.1fs", target.host_port, _one_line(why)[:200],
                        attempt, s.retries, wait)
            await self._sleep(wait)

    def _gate(self, host_port: str) -> _Gate:
        gate = self._gates.get(host_port)
        if gate is None:
            gate = self._gates[host_port] = _Gate(asyncio.Semaphore(self.settings.per_host_concurrency))
        return gate

    async def _polite(self, gate: _Gate) -> None:
        """Reserve the next start slot for this host and wait for it (no await in between)."""
        delay = self.settings.politeness_delay
        if delay <= 0:
            return
        now = self._clock()
        start = max(now, gate.next_start)
        gate.next_start = start + delay
        if start > now:
            await self._sleep(start - now)

    async def _send(self, target: Target, headers: dict[str, str], cap: int, truncate: bool) -> _Raw:
        """One request to the checked address; reads the body only for 2xx."""
        parts = urlsplit(target.url)
        ip = f"[{target.ip}]" if ":" in target.ip else target.ip
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        host = f"[{target.host}]" if ":" in target.host else target.host
        if target.port != DEFAULT_PORTS[target.scheme]:
            host = f"{host}:{target.port}"
        extensions: dict[str, Any] = {}
        if target.scheme == "https":  # TLS sends and verifies the real name, not the IP
            is_literal = parse_ip_literal(target.host) is not None
            extensions["sni_hostname"] = target.ip if is_literal else target.host
        request = self._client.build_request("GET", f"{target.scheme}://{ip}:{target.port}{path}",
                                             headers={**headers, "Host": host}, extensions=extensions)
        gate = self._gate(target.host_port)
        async with gate.sem:
            await self._polite(gate)
            self.stats.requests += 1
            started = self._clock()
            try:
                async with asyncio.timeout(self.settings.timeout * TOTAL_TIMEOUT_FACTOR):
                    resp = await self._client.send(request, stream=True)
                    try:
                        body = await self._read(resp, target, cap, truncate) if resp.is_success else b""
                    finally:
                        await resp.aclose()
            except httpx.TimeoutException as exc:
                raise FetchTimeout(target.url, f"{type(exc).__name__} after {self.settings.timeout:g}s") from None
            except TimeoutError:
                raise FetchTimeout(target.url, f"not complete within {self.settings.timeout * TOTAL_TIMEOUT_FACTOR:g}s") from None
            except httpx.RequestError as exc:
                raise FetchNetworkError(target.url, f"{type(exc).__name__}: {exc}".rstrip(": ")) from None
        log.debug("GET %s -> %d, %d bytes in %.2fs", target.url, resp.status_code, len(body),
                  self._clock() - started)
        return _Raw(resp.status_code, MappingProxyType({k.lower(): v for k, v in resp.headers.items()}), body)

    async def _read(self, resp: httpx.Response, target: Target, cap: int, truncate: bool) -> bytes:
        announced = resp.headers.get("content-length", "").strip()
        if not truncate and announced.isdigit() and int(announced) > cap:
            raise TooLarge(target.url, f"Content-Length {announced} exceeds the {cap}-byte limit")
        # An in-memory response (httpx.MockTransport) arrives read and decoded: count it as is.
        preread = resp.is_stream_consumed
        chunks: list[bytes] = []
        decoder = BodyDecoder((), cap, truncate=truncate)
        try:
            if not preread:
                decoder = BodyDecoder(parse_encodings(resp.headers.get("content-encoding")), cap,
                                      truncate=truncate)
            async for chunk in _one(resp.content) if preread else resp.aiter_raw():
                chunks.extend(decoder.feed(chunk))  # raw above: httpx must not inflate anything
                if decoder.full:
                    break
        except DecodeTooLarge as exc:
            raise TooLarge(target.url, str(exc)) from None
        except DecodeError as exc:
            raise BadEncoding(target.url, str(exc)) from None
        finally:
            self.stats.bytes += decoder.decoded
        return b"".join(chunks)

    # robots.txt

    async def _obey_robots(self, target: Target) -> None:
        key = f"{target.scheme}://{target.host_port}"
        entry = self._robots.get(key)
        if entry is None or entry.expires <= self._clock():
            task = self._robots_inflight.get(key)
            if task is None:
                task = asyncio.create_task(self._fetch_robots(key))
                self._robots_inflight[key] = task
                task.add_done_callback(lambda _t: self._robots_inflight.pop(key, None))
            entry = await asyncio.shield(task)
        if not entry.allows(self._token, target.url):
            self.stats.robots_blocked += 1
            if entry.unavailable:
                raise RobotsDisallowed(target.url, f"robots.txt of {target.host_port} is unavailable "
                                       f"({entry.unavailable}): not crawling it for now")
            raise RobotsDisallowed(target.url, f"robots.txt of {target.host_port} disallows it for {self._token}")

    async def _fetch_robots(self, origin: str) -> _Robots:
        entry, ttl = _Robots(), self.settings.robots_ttl
        try:
            _, raw, _ = await self._follow(f"{origin}/robots.txt", {"Accept": "text/plain"},
                                           ROBOTS_MAX_BYTES, ROBOTS_MAX_REDIRECTS, robots=False,
                                           truncate=True)
        except (BlockedURL, TooManyRedirects):
            entry.verdict = True  # RFC 9309: unreachable through redirects = unavailable
        except FetchError as exc:
            log.debug("robots.txt of %s unreachable (%s): disallowing for now", origin, exc)
            entry.verdict = False  # 5xx/429 (after retries), network error, bad encoding: disallow all
            entry.unavailable = exc.reason
            ttl = min(ttl, ROBOTS_ERROR_TTL)
        else:
            if raw.is_success:
                lines = raw.body.decode("utf-8", errors="replace").splitlines()
                if len(raw.body) >= ROBOTS_MAX_BYTES and lines:
                    lines.pop()  # the last line may be cut
                entry.rules = parse_robots("\n".join(lines))
            else:
                entry.verdict = True  # 4xx (and odd statuses): unavailable, allow all
        entry.expires = self._clock() + ttl
        self._robots[origin] = entry
        return entry
