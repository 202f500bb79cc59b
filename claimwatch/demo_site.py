"""A bundled fixture news site for ``claimwatch demo``: a running story, published step by step.

The story (``claimwatch/data/site/story.toml``) is a fictional flash flood in an Indonesian regency
told over six days by one outlet in Indonesian (``/news/<slug>``) and English (``/en/news/<slug>``).
Each step publishes one article, or replaces one in place (same URL, revised text), in the order
of the manifest's times, whatever the wall clock says. Pages carry the chrome of a real site
(navigation, breadcrumbs, share bars, "Baca Juga" boxes, advertisements, tags, related links);
the feeds and the news sitemap list what is published so far and answer conditional requests
with 304. Stdlib only; binds to 127.0.0.1.
"""

from __future__ import annotations

import gzip
import hashlib
import html
import json
import threading
import tomllib
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from string import Template
from typing import Any
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

_MONTHS_ID = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")
_NAMES = {"id": "Warta Lintas - Berita Terkini", "en": "Warta Lintas English - Latest"}
_HOME = {"id": "/", "en": "/en/"}  # index page of each language
_HTML, _XML = "text/html; charset=utf-8", "application/xml; charset=utf-8"


def _resource(name: str) -> str:
    return resources.files("claimwatch.data").joinpath("site").joinpath(name).read_text(encoding="utf-8")


@dataclass(frozen=True, slots=True)
class Version:
    """One text of an article: the first one, or a replacement published in place."""

    title: str
    paragraphs: tuple[str, ...]
    time: datetime  # when this version went up
    expect: tuple[dict[str, Any], ...] = ()  # figures the extractor must read: what, value, claimed_by
    stance: tuple[dict[str, str], ...] = ()  # statements it must yield: speaker, stance


@dataclass(frozen=True, slots=True)
class StoryArticle:
    """An article of the story with all its versions, oldest first."""

    slug: str
    lang: str
    section: str
    author: str
    caption: str
    tags: tuple[str, ...]
    versions: tuple[Version, ...]

    @property
    def published(self) -> datetime:
        return self.versions[0].time

    @property
    def path(self) -> str:
        return f"/news/{self.slug}" if self.lang == "id" else f"/en/news/{self.slug}"


def _version(d: dict[str, Any], title: str, time: str) -> Version:
    return Version(d.get("title", title), tuple(d["paragraphs"]), datetime.fromisoformat(time),
                   tuple(d.get("expect", ())), tuple(d.get("stance", ())))


def load_story() -> tuple[StoryArticle, ...]:
    """The bundled story, in manifest order."""
    return tuple(
        StoryArticle(a["slug"], a["lang"], a["section"], a["author"], a.get("caption", ""),
                     tuple(a.get("tags", ())), (_version(a, a["title"], a["published"]),
                     *(_version(u, a["title"], u["modified"]) for u in a.get("update", ()))))
        for a in tomllib.loads(_resource("story.toml"))["article"]
    )


def _when(dt: datetime, lang: str) -> str:
    if lang == "id":
        return f"{dt.day:02d} {_MONTHS_ID[dt.month - 1]} {dt.year}, {dt:%H:%M} WIB"
    return f"{dt:%B} {dt.day}, {dt.year}, {dt.hour % 12 or 12}:{dt:%M} {'AM' if dt.hour < 12 else 'PM'} (GMT+7)"


def _e(text: str) -> str:
    return html.escape(text, quote=True)


class DemoSite:
    """A bundled news site served on 127.0.0.1, publishing its story one step at a time."""

    def __init__(self, *, host: str = "127.0.0.1", port: int = 0) -> None:
        if host not in ("127.0.0.1", "localhost"):
            raise ValueError("the demo site binds to 127.0.0.1 only")
        self._port = port
        self.story = load_story()
        self._events = sorted(((v.time, a, i) for a in self.story for i, v in enumerate(a.versions)),
                              key=lambda e: e[0])
        self._epoch = self._events[0][0].replace(hour=0, minute=0)  # Last-Modified of an empty site
        self._templates = {name: Template(_resource(f"{name}.html")) for name in ("page_id", "page_en", "index")}
        self._live: dict[str, int] = {}  # slug -> index of the version on the site
        self._step = 0
        self._lock = threading.Lock()
        self._requests: list[str] = []
        self._httpd: ThreadingHTTPServer | None = None

    # -- lifecycle and public state ---------------------------------------------------------------

    def start(self) -> DemoSite:
        """Bind to 127.0.0.1 and serve from a daemon thread."""
        if self._httpd is None:
            site = self

            class Handler(BaseHTTPRequestHandler):
                protocol_version = "HTTP/1.1"
                disable_nagle_algorithm = True

                def log_message(self, format: str, *args: Any) -> None:  # quiet
                    return

                def do_GET(self) -> None:
                    site._serve(self, head=False)

                def do_HEAD(self) -> None:
                    site._serve(self, head=True)

            self._httpd = ThreadingHTTPServer(("127.0.0.1", self._port), Handler)
            self._httpd.daemon_threads = True
            threading.Thread(target=self._httpd.serve_forever, args=(0.05,), daemon=True,
                             name="claimwatch-demo-site").start()
        return self

    def close(self) -> None:
        """Stop serving and release the port."""
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self) -> DemoSite:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def host_port(self) -> str:
        if self._httpd is None:
            raise RuntimeError("DemoSite is not started")
        return f"127.0.0.1:{self._httpd.server_address[1]}"

    @property
    def base_url(self) -> str:
        return f"http://{self.host_port}"

    @property
    def steps(self) -> int:
        """Number of publishing steps (articles plus in-place updates)."""
        return len(self._events)

    @property
    def step(self) -> int:
        """Steps published so far."""
        return self._step

    @property
    def requests(self) -> list[str]:
        """Paths served so far (with query strings), in order."""
        with self._lock:
            return list(self._requests)

    def feed_url(self, lang: str) -> str:
        if lang not in _NAMES:
            raise ValueError(f"no feed for language {lang!r}")
        return f"{self.base_url}/rss/{lang}.xml"

    def url(self, article: StoryArticle) -> str:
        return self.base_url + article.path

    def publish_next(self) -> list[str]:
        """Publish the next step; the URLs published or updated by it ([] once all is out)."""
        with self._lock:
            if self._step >= len(self._events):
                return []
            _, article, index = self._events[self._step]
            self._live[article.slug] = index
            self._step += 1
        return [self.url(article)]

    # -- content ----------------------------------------------------------------------------------

    def _published(self, lang: str | None = None) -> list[tuple[StoryArticle, Version]]:
        """Live articles with the version shown, newest publication first."""
        with self._lock:
            live = dict(self._live)
        out = [(a, a.versions[live[a.slug]]) for a in self.story
               if a.slug in live and lang in (None, a.lang)]
        return sorted(out, key=lambda av: av[0].published, reverse=True)

    def _latest(self, items: list[tuple[StoryArticle, Version]]) -> datetime:
        return max((v.time for _, v in items), default=self._epoch)

    def _page(self, art: StoryArticle, ver: Version) -> str:
        others = [(a, v) for a, v in self._published(art.lang) if a.slug != art.slug][:4]
        links = "".join(f'<li><a href="{a.path}">{_e(v.title)}</a></li>' for a, v in others)
        links = links or f'<li><a href="{_HOME[art.lang]}">{_NAMES[art.lang]}</a></li>'
        box = ('<div class="baca-juga"><span class="baca-juga__title">Baca Juga</span><ul>{}</ul></div>'
               if art.lang == "id" else '<div class="read-also related-inline"><b>Read also:</b><ul>{}</ul></div>')
        parts = []
        for i, par in enumerate(ver.paragraphs):
            parts.append(f"<p>{_e(par)}</p>")
            if i == 1:
                parts.append(box.format(links))
            elif i == 3:
                parts.append('<div class="advertisement">Advertisement</div>')
        updated = ""
        if ver.time != art.published:
            label = "Diperbarui" if art.lang == "id" else " · Updated"
            updated = (f'<span class="updated-at">{label} <time datetime="{ver.time.isoformat()}">'
                       f"{_when(ver.time, art.lang)}</time></span>")
        jsonld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle",
                             "headline": ver.title, "datePublished": art.published.isoformat(),
                             "dateModified": ver.time.isoformat(), "inLanguage": art.lang,
                             "author": {"@type": "Person", "name": art.author}}).replace("</", "<\\/")
        return self._templates[f"page_{art.lang}"].substitute(
            title=_e(ver.title), description=_e(ver.paragraphs[0][:200]), url=self.url(art),
            base=self.base_url, slug=art.slug, section=_e(art.section), author=_e(art.author),
            caption=_e(art.caption), published_iso=art.published.isoformat(),
            modified_iso=ver.time.isoformat(), published_text=_when(art.published, art.lang),
            updated_line=updated, jsonld=jsonld, body="\n".join(parts), related=links,
            tags="".join(f'<li><a href="{_HOME[art.lang]}">{_e(t)}</a></li>' for t in art.tags))

    def _index(self, lang: str) -> str:
        items = "\n".join(
            f'<li><a class="article-link" href="{a.path}">{_e(v.title)}</a> '
            f'<time datetime="{a.published.isoformat()}">{_when(a.published, lang)}</time></li>'
            for a, v in self._published(lang))
        return self._templates["index"].substitute(lang=lang, name=_NAMES[lang], base=self.base_url, items=items)

    def _rss(self, lang: str) -> str:
        items = self._published(lang)
        entries = "".join(
            f"<item><title>{escape(v.title)}</title><link>{self.url(a)}</link>"
            f'<guid isPermaLink="true">{self.url(a)}</guid><pubDate>{format_datetime(a.published)}</pubDate>'
            f"<dc:creator>{escape(a.author)}</dc:creator><category>{escape(a.section)}</category>"
            f"<description>{escape(v.paragraphs[0][:200])}</description></item>\n" for a, v in items)
        return ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
                'xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">'
                f"<channel><title>{_NAMES[lang]}</title><link>{self.base_url}{_HOME[lang]}</link>"
                f"<description>{_NAMES[lang]}</description><language>{lang}</language>"
                f"<lastBuildDate>{format_datetime(self._latest(items))}</lastBuildDate>"
                f'<atom:link href="{self.feed_url(lang)}" rel="self" type="application/rss+xml"/>\n'
                f"{entries}</channel></rss>\n")

    def _sitemap(self) -> str:
        urls = "".join(
            f"<url><loc>{self.url(a)}</loc><lastmod>{v.time.isoformat()}</lastmod><news:news>"
            f"<news:publication><news:name>Warta Lintas</news:name><news:language>{a.lang}</news:language>"
            f"</news:publication><news:publication_date>{a.published.isoformat()}</news:publication_date>"
            f"<news:title>{escape(v.title)}</news:title></news:news></url>\n" for a, v in self._published())
        return ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/'
                'sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n'
                f"{urls}</urlset>\n")

    # -- HTTP -------------------------------------------------------------------------------------

    def _route(self, path: str) -> tuple[int, str, str, datetime]:
        """(status, content type, body, last modified) for a path."""
        if path == "/robots.txt":
            robots = f"User-agent: *\nAllow: /\nSitemap: {self.base_url}/sitemap-news.xml\n"
            return 200, "text/plain; charset=utf-8", robots, self._epoch
        if path in ("/rss/id.xml", "/rss/en.xml"):
            lang = path[5:7]
            return 200, "application/rss+xml; charset=utf-8", self._rss(lang), self._latest(self._published(lang))
        if path == "/sitemap-news.xml":
            return 200, _XML, self._sitemap(), self._latest(self._published())
        if path in ("/", "/en", "/en/"):
            lang = "id" if path == "/" else "en"
            return 200, _HTML, self._index(lang), self._latest(self._published(lang))
        for a, v in self._published():
            if path.rstrip("/") == a.path:
                return 200, _HTML, self._page(a, v), v.time
        return 404, _HTML, "<!DOCTYPE html><html><body><h1>404 Halaman tidak ditemukan</h1>", self._epoch

    def _serve(self, req: BaseHTTPRequestHandler, *, head: bool) -> None:
        with self._lock:
            self._requests.append(req.path)
        status, ctype, text, modified = self._route(urlsplit(req.path).path)
        body = text.encode("utf-8")
        etag = f'"{hashlib.sha256(body).hexdigest()[:20]}"'
        etags = (etag, etag[:-1] + '-gz"')  # plain and gzip representations
        zipped = "gzip" in (req.headers.get("Accept-Encoding") or "") and len(body) > 256
        headers = {"Vary": "Accept-Encoding"}
        if status == 200:
            headers |= {"ETag": etags[zipped], "Cache-Control": "max-age=0, must-revalidate",
                        "Last-Modified": format_datetime(modified.astimezone(UTC), usegmt=True)}
            if self._not_modified(req, set(etags), modified):
                status, body = 304, b""
        if status != 304:
            if zipped:
                body, headers["Content-Encoding"] = gzip.compress(body, mtime=0), "gzip"
            headers |= {"Content-Type": ctype, "Content-Length": str(len(body))}
        req.send_response(status)
        for name, value in headers.items():
            req.send_header(name, value)
        req.end_headers()
        if body and not head:
            req.wfile.write(body)

    @staticmethod
    def _not_modified(req: BaseHTTPRequestHandler, etags: set[str], modified: datetime) -> bool:
        """If-None-Match decides when sent; otherwise If-Modified-Since (RFC 9110, 13.1.3)."""
        inm = req.headers.get("If-None-Match")
        if inm is not None:
            sent = {t.strip().removeprefix("W/") for t in inm.split(",")}
            return "*" in sent or bool(sent & etags)
        ims = req.headers.get("If-Modified-Since")
        if ims:
            try:
                return modified <= parsedate_to_datetime(ims)
            except (TypeError, ValueError):
                return False
        return False
