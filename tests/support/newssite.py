"""A small news site on 127.0.0.1 for tests: a feed with ETag/304 and article pages with noise.

    with LocalServer() as srv:
        site = Site(srv)
        site.publish("/news/1", "Banjir Garut", P1, day=2, hour=8)
        site.srv.url("/feed.xml")
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from email.utils import format_datetime

from tests.support.httpserver import LocalServer, Reply, Seen

WIB = "+07:00"


def page(title: str, paragraphs: list[str], published: str, *, noise: bool = True,
         site_name: str | None = None) -> bytes:
    body = "".join(f"<p>{p}</p>" + ('<div class="baca-juga">Baca Juga: Harga cabai naik 40 persen</div>'
                                     if noise and i == 0 else "") for i, p in enumerate(paragraphs))
    og = f'<meta property="og:site_name" content="{site_name}">' if site_name else ""
    return f"""<!doctype html><html lang="id"><head><title>{title} - Kabar Lokal</title>
<meta property="article:published_time" content="{published}">{og}</head>
<body><nav><a href="/">Beranda</a> <a href="/daerah">Daerah</a></nav>
<article><h1>{title}</h1><div class="advertisement">Advertisement</div>{body}</article>
<footer>Hak cipta 2026 Kabar Lokal. 500 karyawan kami siap melayani.</footer></body></html>""".encode()


def rss(items: list[tuple[str, str, str]], base: str) -> bytes:
    """items: (path, title, RFC 822 date)."""
    xs = "".join(f"<item><title>{t}</title><link>{base}{p}</link><guid isPermaLink=\"false\">{p}</guid>"
                 f"<pubDate>{d}</pubDate></item>" for p, t, d in items)
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Kabar Lokal</title>'
            f"<link>{base}/</link><language>id</language>{xs}</channel></rss>").encode()


def d822(day: int, hour: int) -> str:
    return format_datetime(datetime(2026, 3, day, hour, 0, tzinfo=UTC))


class Site:
    """A small news site: a feed with ETag, article pages, counters."""

    def __init__(self, srv: LocalServer) -> None:
        self.srv = srv
        self.items: list[tuple[str, str, str]] = []
        self.version = 0
        srv.route("/feed.xml", self.feed)
        srv.route("/robots.txt", Reply(body=b"User-agent: *\nDisallow: /private/\n"))

    def publish(self, path: str, title: str, paragraphs: list[str], day: int = 1, hour: int = 0, *,
                link_suffix: str = "", when: datetime | None = None, noise: bool = True,
                site_name: str | None = None) -> None:
        """An article dated 2026-03-``day`` ``hour``:00 (WIB), or at ``when`` (an aware datetime)."""
        when = when or datetime(2026, 3, day, hour, tzinfo=timezone(timedelta(hours=7)))
        self.items.insert(0, (path + link_suffix, title, format_datetime(when.astimezone(UTC))))
        self.srv.route(path, Reply(body=page(title, paragraphs, when.isoformat(), noise=noise, site_name=site_name),
                                   headers={"Content-Type": "text/html; charset=utf-8"}))
        self.version += 1

    def fail(self, path: str, times: int, status: int = 503) -> None:
        """The page at ``path`` answers ``status`` to its next ``times`` requests, then as before."""
        route = self.srv.routes[path]
        left = [times]

        def flaky(req: Seen) -> Reply:
            if left[0] > 0:
                left[0] -= 1
                return Reply(status, b"busy", headers={"Retry-After": "0"})
            return route if isinstance(route, Reply) else route(req)

        self.srv.route(path, flaky)

    def feed(self, req: Seen) -> Reply:
        etag = f'"v{self.version}"'
        if req.headers.get("if-none-match") == etag:
            return Reply(304, headers={"ETag": etag})
        return Reply(body=rss(self.items, self.srv.url("")), headers={"ETag": etag, "Content-Type": "application/rss+xml"})


_SYL = ("Su", "Ka", "Ma", "Ci", "Ba", "Ra", "Wa", "Le", "To", "Pa")
_LOW = ("ka", "ma", "ju", "ba", "tu", "ra", "wa", "ngi", "sa", "ri")
# 1,000 made-up village names (Sukaka, Sukama, …): each a place of its own to the extractor
VILLAGES = tuple(a + b + c for a in _SYL for b in _LOW for c in _LOW)


def dense(n: int, first: int = 0) -> list[str]:
    """A story with ``n`` figures, one village each ("Di Desa Sukaka, 3 rumah rusak."): ``n``
    series of their own, each new — an article dense with numbers. Paragraphs of ten sentences."""
    lines = [f"Di Desa {VILLAGES[first + i]}, {i + 3} rumah rusak." for i in range(n)]
    return ["Banjir merendam puluhan desa di Garut sejak Senin pagi, kata warga."] + [
        " ".join(lines[i:i + 10]) for i in range(0, n, 10)]


P1 = ["Banjir merendam tiga kecamatan di Garut sejak Senin.",
      "Kepala BPBD Garut mengatakan 12 orang tewas dan 40 rumah rusak berat."]
P2 = ["Banjir susulan terjadi di Garut pada Rabu.",
      "Kepala BPBD Garut mengatakan jumlah korban tewas bertambah menjadi 19 orang."]
