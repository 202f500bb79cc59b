"""Hostile servers against the guarded fetcher, all on 127.0.0.1: stacked compression bombs,
odd Content-Encodings, robots.txt with a byte-order mark or tricky precedence, rate limiting,
and article text far longer than any article.

Memory is measured with ``tracemalloc`` (every bytes object the decoders make is traced), not
wall time: the bombs below stand for a gigabyte each once decoded.
"""

from __future__ import annotations

import gzip
import itertools
import logging
import struct
import tracemalloc
import zlib
from collections.abc import Awaitable, Callable, Collection, Iterator, Sequence
from datetime import UTC, datetime
from email.utils import formatdate
from functools import cache
from pathlib import Path

import pytest

from claimwatch.cli.wiring import runtime
from claimwatch.config import Config, FetchConfig, SourceConfig, TopicConfig
from claimwatch.models import FeedItem, SourceSpec
from scrapers.errors import BadEncoding, FetchError, RobotsDisallowed, TooLarge
from scrapers.fetch import Fetcher, FetchSettings, Response
from scrapers.kinds import ParseError, get_kind
from scrapers.poll import Poller
from tests.scrapers.test_fetch import FastServer, Sleeps, fetcher, resolver
from tests.support.httpserver import LocalServer, Reply
from tests.support.newssite import Site

GB = 1 << 30
MB = 1 << 20
MEMORY_BOUND = 50 * MB  # peak traced allocations while a bomb is fetched; unbounded would be ~1 GB


@pytest.fixture
def srv() -> Iterator[LocalServer]:
    with FastServer() as s:
        yield s


@cache
def raw_deflate_zeros(size: int = GB) -> tuple[bytes, int, int]:
    """Raw deflate of ``size`` zero bytes, built in a moment: after a full flush a block of zeros
    always compresses to the same bytes, so one compressed block is repeated. Also returns the
    CRC-32 and Adler-32 of the data, for honest gzip and zlib trailers."""
    block = bytes(MB)
    comp = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    unit = comp.compress(block) + comp.flush(zlib.Z_FULL_FLUSH)
    assert comp.compress(block) + comp.flush(zlib.Z_FULL_FLUSH) == unit  # the trick holds
    crc, adler = 0, 1
    for _ in range(size // MB):
        crc, adler = zlib.crc32(block, crc), zlib.adler32(block, adler)
    return unit * (size // MB) + comp.flush(), crc, adler


def gzip_of_zeros(size: int = GB) -> bytes:
    data, crc, _ = raw_deflate_zeros(size)
    return b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff" + data + struct.pack("<II", crc, size & 0xFFFFFFFF)


def zlib_of_zeros(size: int = GB) -> bytes:
    data, _, adler = raw_deflate_zeros(size)
    return b"\x78\xda" + data + struct.pack(">I", adler)


@cache
def gzip_gzip_bomb() -> bytes:
    inner = gzip_of_zeros()
    assert struct.unpack("<I", inner[-4:])[0] == GB  # the inner layer stands for 1 GB
    assert len(inner) < 2 * MB
    return gzip.compress(inner, mtime=0)


@cache
def deflate_deflate_bomb() -> bytes:
    return zlib.compress(zlib_of_zeros(), 9)


def test_the_bombs_are_what_they_claim() -> None:
    assert len(gzip_gzip_bomb()) < 20_000 and len(deflate_deflate_bomb()) < 20_000
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)  # a bounded peek: it really is zeros
    head = d.decompress(gzip.decompress(gzip_gzip_bomb()), 1 << 16)
    assert head == bytes(1 << 16)
    assert zlib.decompressobj().decompress(zlib.decompress(deflate_deflate_bomb()), 4096) == bytes(4096)


async def peak_of(get: Callable[[str], Awaitable[Response]], url: str) -> tuple[object, int]:
    """``get(url)``'s response or exception, and the peak of traced memory while it ran."""
    tracemalloc.start()
    try:
        outcome: object
        try:
            outcome = await get(url)
        except Exception as exc:  # the caller checks what it was
            outcome = exc
        return outcome, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize(("encoding", "bomb"), [("gzip, gzip", gzip_gzip_bomb), ("deflate, deflate", deflate_deflate_bomb),
                                                ("x-gzip,gzip", gzip_gzip_bomb)])
async def test_stacked_compression_bomb_stops_over_max_bytes_in_bounded_memory(
        srv: LocalServer, encoding: str, bomb: Callable[[], bytes]) -> None:
    body = bomb()
    srv.route("/bomb", Reply(body=body, headers={"Content-Encoding": encoding, "Content-Type": "text/html"}))
    async with fetcher(srv, max_bytes=1_000_000) as f:
        outcome, peak = await peak_of(f.get, srv.url("/bomb"))
        assert isinstance(outcome, TooLarge), outcome
        assert "over max_bytes" in str(outcome) and "1000000-byte limit" in str(outcome)
        assert f.stats.bytes < 1_200_000  # decoding stopped right after the cap
    assert peak < MEMORY_BOUND, f"peak {peak / MB:.1f} MB"
    assert srv.hits("/bomb") == 1  # a bomb is not retried


async def test_junk_after_an_inner_stream_is_capped_at_the_outer_layer(srv: LocalServer) -> None:
    """The inner layer ends after 5 bytes and ignores the rest, so only a cap on the *outer*
    layer's output stops 1 GB of trailing zeros from being inflated."""
    inner = gzip.compress(b"hello", mtime=0)
    zeros, _, _ = raw_deflate_zeros()
    # the outer gzip member holds the inner stream, then 1 GB of zeros: after a full flush the
    # compressor starts afresh, so the prefix and the zeros' stream just follow each other
    head = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    prefix = head.compress(inner) + head.flush(zlib.Z_FULL_FLUSH)
    crc, block = zlib.crc32(inner), bytes(MB)
    for _ in range(GB // MB):
        crc = zlib.crc32(block, crc)
    body = (b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff" + prefix + zeros
            + struct.pack("<II", crc, (len(inner) + GB) & 0xFFFFFFFF))
    assert gzip.decompress(zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(body, 4096)[:len(inner)]) == b"hello"
    srv.route("/junk", Reply(body=body, headers={"Content-Encoding": "gzip, gzip"}))
    async with fetcher(srv, max_bytes=2_000_000) as f:  # the 1 MB body itself is under the cap
        outcome, peak = await peak_of(f.get, srv.url("/junk"))
    assert isinstance(outcome, TooLarge) and "once decoded from gzip" in str(outcome), outcome
    assert "gzip, gzip" not in str(outcome)  # it was the outer layer that overflowed
    assert peak < MEMORY_BOUND


def chunked(data: bytes, size: int) -> Iterator[bytes]:
    for i in range(0, len(data), size):
        yield data[i: i + size]


async def test_small_bodies_decode_in_every_supported_form(srv: LocalServer) -> None:
    text = b"<p>Banjir di Garut: 12 orang meninggal.</p>" * 50
    raw = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    forms = {
        "gzip, gzip": gzip.compress(gzip.compress(text)),
        "deflate, deflate": zlib.compress(zlib.compress(text)),
        "deflate, gzip": gzip.compress(zlib.compress(text)),  # applied in order: deflate, then gzip
        "x-gzip": gzip.compress(text),
        "Identity, GZIP": gzip.compress(text),
        "deflate": raw.compress(text) + raw.flush(),  # raw deflate, as some servers send it
        "identity": text,
    }
    for i, (encoding, body) in enumerate(forms.items()):
        srv.route(f"/f{i}", Reply(body=body, headers={"Content-Encoding": encoding}))
        # and streamed in 7-byte pieces without a length: layers must carry state across reads
        srv.route(f"/s{i}", Reply(headers={"Content-Encoding": encoding}, chunks=chunked(body, 7)))
    async with fetcher(srv) as f:
        for i, encoding in enumerate(forms):
            assert (await f.get(srv.url(f"/f{i}"))).body == text, encoding
            assert (await f.get(srv.url(f"/s{i}"))).body == text, encoding
    assert srv.requests[0].headers["accept-encoding"] == "gzip, deflate"


async def test_three_layers_unknown_and_corrupt_encodings_are_refused(srv: LocalServer) -> None:
    triple = gzip.compress(gzip.compress(gzip.compress(b"ok")))
    srv.route("/triple", Reply(body=triple, headers={"Content-Encoding": "gzip, gzip, gzip"}))
    srv.route("/br", Reply(body=b"\x0b\x01\x80ok\x03", headers={"Content-Encoding": "br"}))
    srv.route("/corrupt", Reply(body=b"\x1f\x8b\x08\x00" + bytes(range(60)), headers={"Content-Encoding": "gzip"}))
    async with fetcher(srv, retries=2) as f:
        with pytest.raises(BadEncoding, match="too many content encodings: gzip, gzip, gzip"):
            await f.get(srv.url("/triple"))
        with pytest.raises(BadEncoding, match="unsupported content encoding 'br'"):
            await f.get(srv.url("/br"))
        with pytest.raises(BadEncoding, match="corrupt gzip data"):
            await f.get(srv.url("/corrupt"))
    assert srv.hits("/triple") == srv.hits("/br") == srv.hits("/corrupt") == 1  # not retried


def test_a_gzipped_sitemap_file_is_decoded_with_the_same_bound() -> None:
    kind = get_kind("sitemap")
    opts = kind.parse_options({})
    now = datetime(2026, 3, 5, tzinfo=UTC)
    xml = (b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
           b"<url><loc>https://kabar.example/a</loc><lastmod>2026-03-04</lastmod></url></urlset>")
    listing = kind.parse(gzip.compress(xml), "https://kabar.example/s.xml.gz", "application/gzip", opts, now)
    assert [it.url for it in listing.items] == ["https://kabar.example/a"]
    tracemalloc.start()
    try:
        with pytest.raises(ParseError, match="expands beyond 10 MB"):
            kind.parse(gzip_of_zeros(), "https://kabar.example/bomb.xml.gz", "application/gzip", opts, now)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < MEMORY_BOUND + 10 * MB  # the 10 MB the file may expand to, and no more


# ------------------------------------------------------------------------------ robots.txt


def robots_fetcher(srv: LocalServer) -> Fetcher:
    return fetcher(srv, respect_robots=True)


async def test_robots_with_a_byte_order_mark_is_obeyed(srv: LocalServer) -> None:
    srv.route("/robots.txt", Reply(body=b"\xef\xbb\xbfUser-agent: *\r\nDisallow: /berita/\r\n",
                                   headers={"Content-Type": "text/plain; charset=utf-8"}))
    srv.route("/berita/banjir", Reply(body=b"<p>secret</p>"))
    srv.route("/tentang", Reply(body=b"ok"))
    async with robots_fetcher(srv) as f:
        with pytest.raises(RobotsDisallowed, match=r"robots\.txt of .* disallows it for ClaimWatch"):
            await f.get(srv.url("/berita/banjir"))
        assert (await f.get(srv.url("/tentang"))).body == b"ok"
    assert srv.hits("/berita/banjir") == 0


async def test_robots_precedence_over_http(srv: LocalServer) -> None:
    srv.route("/robots.txt", Reply(body=gzip.compress(
        b"User-agent: *\nDisallow: /\n\n"
        b"User-agent: claimwatch/2.0\n"  # our product token, any case and version
        b"Disallow: /news\nAllow: /news/public\n"  # longest match wins
        b"Allow: /page\nDisallow: /page\n"  # equal length: allow wins
        b"Disallow: /*.pdf$\nDisallow: /search*q=\n"), headers={"Content-Encoding": "gzip"}))
    for path in ("/news/public/1", "/news/x", "/page", "/doc.pdf", "/doc.pdf?x", "/search?a=1&q=2", "/other"):
        srv.route(path.split("?")[0], Reply(body=b"ok"))
    allowed = {"/news/public/1": True, "/news/x": False, "/page": True, "/doc.pdf": False,
               "/doc.pdf?x": True, "/search?a=1&q=2": False, "/other": True}
    async with robots_fetcher(srv) as f:
        for path, ok in allowed.items():
            try:
                await f.get(srv.url(path))
                got = True
            except RobotsDisallowed:
                got = False
            assert got == ok, path
    assert srv.hits("/robots.txt") == 1


async def test_unavailable_robots_says_so(srv: LocalServer) -> None:
    srv.route("/robots.txt", Reply(503))
    srv.route("/p", Reply(body=b"ok"))
    async with robots_fetcher(srv) as f:
        with pytest.raises(RobotsDisallowed, match=r"robots\.txt of .* is unavailable \(HTTP 503"):
            await f.get(srv.url("/p"))
    assert srv.hits("/p") == 0


# ------------------------------------------------------------------------------ 429 logging


async def test_429_then_200_logs_one_warning_line_without_traceback(
        srv: LocalServer, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    count = itertools.count()
    srv.route("/busy", lambda req: Reply(429, b"slow down", headers={"Retry-After": "7"})
              if next(count) == 0 else Reply(body=b"ok"))
    sleeps = Sleeps()
    async with fetcher(srv, retries=2, sleep=sleeps) as f:
        assert (await f.get(srv.url("/busy"))).body == b"ok"
    assert sleeps.calls == [7.0]
    assert not [r for r in caplog.records if r.exc_info or r.exc_text or r.stack_info]
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1 and warnings[0].name == "scrapers.fetch"
    line = warnings[0].getMessage()
    assert "\n" not in line and srv.host_port in line
    assert "HTTP 429 Too Many Requests" in line and "Retry-After 7s" in line and "retry 1 of 2" in line


async def test_retry_after_as_a_date_uses_the_injected_wall_clock(srv: LocalServer) -> None:
    wall = 1_780_000_000.0
    count = itertools.count()
    srv.route("/busy", lambda req: Reply(503, headers={"Retry-After": formatdate(wall + 30, usegmt=True)})
              if next(count) == 0 else Reply(body=b"ok"))
    sleeps = Sleeps()
    settings = FetchSettings(allow_private_hosts=frozenset({srv.host_port}), respect_robots=False,
                             politeness_delay=0, retries=1)
    async with Fetcher(settings, resolver=resolver, sleep=sleeps, wall=lambda: wall) as f:
        assert (await f.get(srv.url("/busy"))).body == b"ok"
    assert sleeps.calls == [30.0]


# ------------------------------------------------------------------------------ article text cap


class _State:
    def validators(self, url: str) -> tuple[str | None, str | None]:
        return None, None

    def is_new(self, item: FeedItem) -> bool:
        return True

    def queued(self, now: datetime) -> tuple[Sequence[FeedItem], Collection[str]]:
        return (), ()


LONG = [f"Paragraf {i}: banjir merendam {i} rumah warga di Garut dan sekitarnya." for i in range(4000)]


async def test_long_article_text_is_cut_at_a_paragraph_end_and_marked() -> None:
    with LocalServer() as s:
        site = Site(s)
        site.publish("/news/long", "Banjir panjang", LONG, 2, 8)
        site.publish("/news/short", "Banjir pendek", LONG[:3], 2, 9)
        spec = SourceSpec(id="lokal", kind="rss", url=s.url("/feed.xml"))
        settings = FetchSettings(allow_private_hosts=frozenset({s.host_port}), politeness_delay=0)
        async with Fetcher(settings, resolver=resolver) as f:
            result = await Poller(f, max_article_chars=5_000)(spec, _State(), datetime(2026, 3, 5, tzinfo=UTC))
    arts = {fa.item.url.rsplit("/", 1)[1]: fa.article for fa in result.articles}
    long, short = arts["long"], arts["short"]
    assert long is not None and short is not None
    assert 2_500 <= len(long.text) <= 5_000
    assert long.text.splitlines()[-1] in LONG  # the last paragraph is whole
    assert long.extra["truncated"] > 4000 * 60  # the full length, for the record
    assert "truncated" not in short.extra and len(short.text.splitlines()) == 3


async def test_max_article_chars_is_wired_from_the_config(tmp_path: Path) -> None:
    with LocalServer() as s:
        site = Site(s)
        site.publish("/news/long", "Banjir panjang", LONG, 2, 8)
        source = SourceConfig(id="lokal", kind="rss", url=s.url("/feed.xml"), topics=("banjir",),
                              interval=600.0, baseline=False, max_age=3650 * 86400.0)
        cfg = Config(fetch=FetchConfig(allow_private_hosts=(s.host_port,), politeness_delay=0.0, timeout=3.0,
                                       max_article_chars=3_000),
                     topics=(TopicConfig(id="banjir", keywords=("banjir",)),), sources=(source,))
        async with runtime(cfg, db=tmp_path / "t.db") as rt:
            await rt.monitor.run_all()
            row = rt.store.get_article(s.url("/news/long"))
    assert row is not None and 1_500 <= len(row["text"]) <= 3_000


async def test_fetch_errors_stay_one_line(srv: LocalServer) -> None:
    srv.route("/t", Reply(body=b"x", headers={"Content-Encoding": "gzip,\tzz\x7f"}))
    async with fetcher(srv) as f:
        with pytest.raises(FetchError) as info:
            await f.get(srv.url("/t"))
    assert "\n" not in str(info.value) and "\t" not in str(info.value)
