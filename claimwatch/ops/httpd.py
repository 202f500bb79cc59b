"""The operator endpoint of ``claimwatch run`` (``[ops] listen = "127.0.0.1:9464"``):

* ``GET /healthz`` — ``200`` or ``503`` with the one line of ``claimwatch health``;
* ``GET /metrics`` — Prometheus text format (:class:`~claimwatch.ops.metrics.PromMetrics`).

A stdlib ``ThreadingHTTPServer`` in a daemon thread: it answers even while the event loop is busy,
and every request reads the database on a short read-only connection of its own. The integrity
check of ``/healthz`` is cached for :data:`INTEGRITY_EVERY` seconds (``quick_check`` reads the
whole file); everything else is read fresh.
"""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Callable
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from claimwatch.config import parse_host_port
from claimwatch.ops.health import DEFAULT_LIMITS, HealthReport, Limits, health_of
from claimwatch.ops.metrics import PromMetrics
from claimwatch.store import Store, check_integrity

__all__ = ["INTEGRITY_EVERY", "HealthProbe", "OpsServer", "start_ops_server"]

log = logging.getLogger("claimwatch.ops")

INTEGRITY_EVERY = 600.0  # seconds between two quick_checks behind /healthz


class HealthProbe:
    """``claimwatch health`` for a server: a fresh read-only store per call, a cached quick_check."""

    def __init__(self, db_path: str | Path, *, clock: Callable[[], datetime], limits: Limits = DEFAULT_LIMITS,
                 integrity_every: float = INTEGRITY_EVERY) -> None:
        self.db_path, self.clock, self.limits, self.every = Path(db_path), clock, limits, integrity_every
        self._lock = threading.Lock()
        self._checked = -1e18  # monotonic time of the last quick_check
        self._problem: str | None = None

    def _integrity(self, store: Store) -> str | None:
        with self._lock:
            if time.monotonic() - self._checked >= self.every:
                self._problem = check_integrity(store, False)
                self._checked = time.monotonic()
            return self._problem

    def __call__(self) -> HealthReport:
        return health_of(self.db_path, self.clock(), self.limits, integrity=self._integrity)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


class OpsServer:
    """``/healthz`` and ``/metrics`` on ``host:port`` (port 0: any free port; see :attr:`port`)."""

    def __init__(self, host: str, port: int, *, health: Callable[[], HealthReport], metrics: PromMetrics) -> None:
        self.health, self.metrics = health, metrics
        handler = _handler(self)
        cls = type("_Server6", (_Server,), {"address_family": socket.AF_INET6}) if ":" in host else _Server
        self.httpd = cls((host.strip("[]"), port), handler)  # OSError when it cannot listen
        self._thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.5},
                                        name="claimwatch-ops-http", daemon=True)

    @property
    def host(self) -> str:
        return str(self.httpd.server_address[0])

    @property
    def port(self) -> int:
        return int(self.httpd.server_address[1])

    def start(self) -> OpsServer:
        self._thread.start()
        log.info("ops endpoint on http://%s:%d (/healthz, /metrics)", self.host, self.port)
        return self

    def close(self) -> None:
        if self._thread.is_alive():
            self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> OpsServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _handler(server: OpsServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "ClaimWatch"
        sys_version = ""

        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            try:
                if path == "/healthz":
                    rep = server.health()
                    self._reply(200 if rep.ok else 503, (rep.line + "\n").encode(), "text/plain; charset=utf-8")
                elif path == "/metrics":
                    self._reply(200, *server.metrics.exposition(self.headers.get("Accept", "")))
                else:
                    self._reply(404, b"not found: try /healthz or /metrics\n", "text/plain; charset=utf-8")
            except Exception as exc:  # a broken probe answers 500 in one line, never kills the thread
                log.warning("ops endpoint %s failed: %s: %s", path, type(exc).__name__, exc)
                self._reply(500, f"error: {type(exc).__name__}: {exc}\n".encode(), "text/plain; charset=utf-8")

        def _reply(self, status: int, body: bytes, ctype: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # scrapes every 15 s: keep them out of the log
            log.debug("ops endpoint: " + format, *args)

    return Handler


def start_ops_server(listen: str, db_path: str | Path, *, metrics: PromMetrics, clock: Callable[[], datetime],
                     limits: Limits = DEFAULT_LIMITS) -> OpsServer:
    """Listen on ``listen`` (``host:port``, as ``[ops] listen`` holds it) and serve in a thread.
    ``OSError`` when the address cannot be bound."""
    host, port = parse_host_port(listen)
    return OpsServer(host, port, health=HealthProbe(db_path, clock=clock, limits=limits), metrics=metrics).start()
