"""A real HTTP server on 127.0.0.1 for tests: routes, recorded requests, odd behaviour.

    with LocalServer() as srv:
        srv.route("/feed.xml", Reply(body=b"<rss>...", headers={"ETag": '"v1"'}))
        srv.route("/slow", lambda req: Reply(body=b"late", delay=3.0))
        url = srv.url("/feed.xml")        # http://127.0.0.1:<port>/feed.xml
        srv.requests                      # every request seen: method, path, headers

A route is a ``Reply`` or a function of the ``Seen`` request returning one. ``Reply.chunks``
streams a (possibly endless) iterator of byte chunks; ``Reply.drop`` closes the connection
without answering. Nothing here touches any address but 127.0.0.1.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before the status line
    chunks: Iterable[bytes] | None = None  # streamed body (no Content-Length)
    drop: bool = False  # close the connection without any answer


@dataclass(frozen=True)
class Seen:
    method: str
    path: str  # with the query string
    headers: dict[str, str]
    host_header: str | None

    @property
    def route(self) -> str:
        return urlsplit(self.path).path


Route = Reply | Callable[[Seen], Reply]


class LocalServer:
    """Threaded HTTP/1.1 server bound to 127.0.0.1 on a free port."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Seen] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # quiet
                return

            def do_GET(self) -> None:
                server._serve(self)

            def do_HEAD(self) -> None:
                server._serve(self)

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self.port = int(self._httpd.server_address[1])
        self.host_port = f"127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def route(self, path: str, reply: Route) -> None:
        self.routes[path] = reply

    def hits(self, path: str) -> int:
        with self._lock:
            return sum(1 for r in self.requests if r.route == path)

    def start(self) -> LocalServer:
        self._thread.start()
        return self

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> LocalServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _serve(self, h: BaseHTTPRequestHandler) -> None:
        seen = Seen(h.command, h.path, {k.lower(): v for k, v in h.headers.items()}, h.headers.get("Host"))
        with self._lock:
            self.requests.append(seen)
        route = self.routes.get(seen.route)
        reply = Reply(404, b"not found") if route is None else route if isinstance(route, Reply) else route(seen)
        if reply.delay:
            time.sleep(reply.delay)
        if reply.drop:
            h.close_connection = True
            return
        try:
            h.send_response(reply.status)
            for k, v in reply.headers.items():
                h.send_header(k, v)
            if reply.chunks is not None:
                h.send_header("Connection", "close")
                h.end_headers()
                if h.command != "HEAD":
                    for chunk in reply.chunks:
                        h.wfile.write(chunk)
                h.close_connection = True
                return
            h.send_header("Content-Length", str(len(reply.body)))
            h.end_headers()
            if h.command != "HEAD" and reply.status not in (204, 304):
                h.wfile.write(reply.body)
        except (BrokenPipeError, ConnectionResetError):
            h.close_connection = True
