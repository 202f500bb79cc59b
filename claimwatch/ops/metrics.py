"""Prometheus metrics of a running ClaimWatch.

:class:`Metrics` is what the monitor, the poller, the sender and the Bot API client report to; it
does nothing, so code can always call it (:data:`NO_METRICS`). :class:`PromMetrics` counts, in a
registry of its own (never ``prometheus_client``'s global one), imported only when it is built:

========================================  ===================================================
``claimwatch_polls_total``                source runs, by ``source`` and ``outcome`` (new,
                                          changed, unchanged, error, skipped)
``claimwatch_fetch_errors_total``         failed fetches, by ``source`` and ``stage``
                                          (``listing``: the feed/page itself; ``article``)
``claimwatch_articles_total``             new or updated articles stored, by ``source``
``claimwatch_alerts_total``               alerts raised, by ``source``
``claimwatch_deliveries_total``           messages to chats, by ``outcome`` (sent, failed,
                                          retried, dropped)
``claimwatch_send_seconds``               histogram: Bot API ``sendMessage`` latency
``claimwatch_telegram_requests_total``    Bot API calls, by ``method`` and ``status``
                                          (HTTP status, or ``error`` for no answer)
``claimwatch_queue_depth``                deliveries by ``state`` (due, scheduled, sending),
                                          read from the database at scrape time
``claimwatch_queue_oldest_seconds``       how long the oldest due delivery has waited
``claimwatch_source_last_poll_age_seconds``  per ``source``, from the database
``claimwatch_source_unhealthy``           1 for a source marked unhealthy
``claimwatch_telegram_last_contact_age_seconds``  from ``ops_meta``
========================================  ===================================================

The database gauges come from a custom collector that opens a short read-only connection per
scrape (the HTTP endpoint runs in a thread of its own).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Awaitable, Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol, TypeVar

from claimwatch.models import PollResult, SourceSpec

__all__ = ["NO_METRICS", "Metrics", "PromMetrics", "RunLike"]


class RunLike(Protocol):
    """What :meth:`Metrics.observe_run` reads of a ``monitor.SourceRun``."""

    source_id: str
    outcome: str
    articles: int

    @property
    def alerts(self) -> Any: ...


R = TypeVar("R", bound=RunLike)
PollerFn = Callable[[SourceSpec, Any, datetime], Awaitable[PollResult]]


class Metrics:
    """The hooks, doing nothing. Every method is cheap and never raises."""

    enabled = False

    def observe_run(self, run: R) -> R:
        """One source run finished (returns it, so the monitor can ``return metrics.observe_run(run)``)."""
        return run

    def fetch_failed(self, source_id: str, stage: str) -> None:
        """A fetch of a source's listing (``stage="listing"``) or of an article page failed."""

    def delivery(self, outcome: str, n: int = 1) -> None:
        """Messages to chats: ``sent``, ``failed`` (refused for good), ``retried``, ``dropped``."""

    def api_call(self, method: str, status: int | None, seconds: float) -> None:
        """One Bot API request: its method (``sendMessage``), HTTP status (``None``: no answer)."""

    def observe_poller(self, poller: PollerFn) -> PollerFn:
        """``poller`` wrapped so its fetch failures are counted."""
        if not self.enabled:
            return poller

        async def observed(spec: SourceSpec, state: Any, now: datetime) -> PollResult:
            res = await poller(spec, state, now)
            if res.status == "error":
                self.fetch_failed(spec.id, "listing")
            for fa in res.articles:
                if fa.article is None and not fa.no_text:
                    self.fetch_failed(spec.id, "article")
            return res

        return observed


NO_METRICS = Metrics()

SEND_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


class PromMetrics(Metrics):
    """Counters and a histogram in a registry of its own, plus the database gauges.

    ``db_path`` is read at scrape time (``None``: no database gauges); ``clock`` gives aware UTC
    datetimes for the ages.
    """

    enabled = True

    def __init__(self, db_path: str | Path | None, *, clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        from prometheus_client import CollectorRegistry, Counter, Histogram

        self.registry = CollectorRegistry(auto_describe=False)
        reg = self.registry
        self.polls = Counter("claimwatch_polls", "Source runs, by outcome", ["source", "outcome"], registry=reg)
        self.fetch_errors = Counter("claimwatch_fetch_errors", "Failed fetches of listings and article pages",
                                    ["source", "stage"], registry=reg)
        self.articles = Counter("claimwatch_articles", "New or updated articles stored", ["source"], registry=reg)
        self.alerts = Counter("claimwatch_alerts", "Alerts raised", ["source"], registry=reg)
        self.deliveries = Counter("claimwatch_deliveries", "Messages to chats, by outcome", ["outcome"], registry=reg)
        for outcome in ("sent", "failed", "retried", "dropped"):
            self.deliveries.labels(outcome)  # present at 0 from the start
        self.send_seconds = Histogram("claimwatch_send_seconds", "Bot API sendMessage latency (seconds)",
                                      buckets=SEND_BUCKETS, registry=reg)
        self.api = Counter("claimwatch_telegram_requests", "Bot API requests, by method and HTTP status",
                           ["method", "status"], registry=reg)
        if db_path is not None:
            reg.register(DatabaseCollector(Path(db_path), clock))

    def observe_run(self, run: R) -> R:
        try:
            self.polls.labels(run.source_id, run.outcome).inc()
            if run.articles:
                self.articles.labels(run.source_id).inc(run.articles)
            if n := len(run.alerts):
                self.alerts.labels(run.source_id).inc(n)
        except Exception:  # metrics never break a run
            pass
        return run

    def fetch_failed(self, source_id: str, stage: str) -> None:
        self.fetch_errors.labels(source_id, stage).inc()

    def delivery(self, outcome: str, n: int = 1) -> None:
        if n > 0:
            self.deliveries.labels(outcome).inc(n)

    def api_call(self, method: str, status: int | None, seconds: float) -> None:
        self.api.labels(method, "error" if status is None else str(status)).inc()
        if method == "sendMessage" and status == 200:
            self.send_seconds.observe(seconds)

    def exposition(self, accept: str = "") -> tuple[bytes, str]:
        """The registry as the scraper asked (``Accept``): Prometheus text format, or OpenMetrics;
        returns (body, content type)."""
        from prometheus_client.exposition import choose_encoder

        encode, content_type = choose_encoder(accept)
        return encode(self.registry), content_type


class DatabaseCollector:
    """Gauges computed from the database at each scrape, on a read-only connection of its own."""

    def __init__(self, path: Path, clock: Callable[[], datetime]) -> None:
        self.path, self.clock = path, clock

    def describe(self) -> list[Any]:
        return []  # computed at collect time only

    def collect(self) -> Iterator[Any]:
        from prometheus_client.core import GaugeMetricFamily

        now = self.clock()
        t = now.astimezone(UTC).isoformat()
        up = GaugeMetricFamily("claimwatch_db_up", "1 when the database could be read for this scrape")
        try:
            conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, timeout=2.0)
        except sqlite3.Error:
            up.add_metric([], 0)
            yield up
            return
        try:
            depth = GaugeMetricFamily("claimwatch_queue_depth", "Deliveries not yet sent, by state", labels=["state"])
            r = conn.execute("SELECT SUM(status = 'pending' AND due <= ?), SUM(status = 'pending' AND due > ?),"
                             " SUM(status = 'sending'), MIN(CASE WHEN due <= ? THEN due END) FROM deliveries"
                             " WHERE status IN ('pending', 'sending')", (t, t, t)).fetchone()
            for state, n in zip(("due", "scheduled", "sending"), r[:3], strict=True):
                depth.add_metric([state], float(n or 0))
            oldest = GaugeMetricFamily("claimwatch_queue_oldest_seconds",
                                       "Seconds the oldest due delivery has waited (0: none waiting)")
            oldest.add_metric([], _age(now, r[3]))
            ages = GaugeMetricFamily("claimwatch_source_last_poll_age_seconds",
                                     "Seconds since each source was last polled", labels=["source"])
            bad = GaugeMetricFamily("claimwatch_source_unhealthy", "1 when a source failed 3 times in a row",
                                    labels=["source"])
            for sid, last, unhealthy in conn.execute("SELECT id, last_run, unhealthy FROM sources ORDER BY id"):
                if last:
                    ages.add_metric([sid], _age(now, last))
                bad.add_metric([sid], float(bool(unhealthy)))
            families = [depth, oldest, ages, bad]
            try:
                row = conn.execute("SELECT value FROM ops_meta WHERE key = 'telegram_contact'").fetchone()
            except sqlite3.Error:
                row = None
            if row is not None:
                tg = GaugeMetricFamily("claimwatch_telegram_last_contact_age_seconds",
                                       "Seconds since Telegram last answered a Bot API call")
                tg.add_metric([], _age(now, row[0]))
                families.append(tg)
        except sqlite3.Error:
            up.add_metric([], 0)
            yield up
            return
        finally:
            conn.close()
        up.add_metric([], 1)
        yield up
        yield from families


def _age(now: datetime, iso: str | None) -> float:
    if not iso:
        return 0.0
    try:
        return max(0.0, (now - datetime.fromisoformat(iso)).total_seconds())
    except ValueError:
        return 0.0
