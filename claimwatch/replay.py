"""``claimwatch replay``: run an archive of articles through extract + track, in file order.

Also a product feature: backtest a topic definition on an archive before going live.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import multiprocessing
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import islice
from typing import Any

from claimwatch.extract import Extractor
from claimwatch.models import Alert, ArticleInput, Extraction
from claimwatch.topics import TopicMatcher, relevant_topics
from claimwatch.tracker import Tracker

REPLAY_FIELDS = (
    "kind", "topic", "what", "actor", "value", "value_max", "approx", "bound", "unit", "previous",
    "previous_max", "previous_claimed_by", "previous_published", "claimed_by", "url", "source",
    "published", "sentence", "speaker", "side", "stance", "previous_stance", "quote", "delta",
    "pct", "direction",
)


@dataclass(frozen=True, slots=True)
class ReplayEvent:
    line: int
    alerts: tuple[Alert, ...] = ()
    error: str | None = None
    figures_over_cap: int = 0  # the article's figures over the per-article cap (not tracked)
    alerts_held: int = 0  # its alerts over the per-article cap (kept silent)


def parse_article(rec: Any, html_to_text: Callable[[str], str] | None) -> ArticleInput:
    if not isinstance(rec, dict):
        raise ValueError("a line must be a JSON object")
    url = rec.get("url")
    if not isinstance(url, str) or not url:
        raise ValueError("needs 'url' (a string)")
    text = rec.get("text")
    if text is None and isinstance(rec.get("html"), str):
        if html_to_text is None:
            raise ValueError("'html' given but no HTML converter is available")
        text = html_to_text(rec["html"])
    if not isinstance(text, str):
        raise ValueError("needs 'text' or 'html' (a string)")
    published = rec.get("published")
    if not isinstance(published, str):
        raise ValueError("needs 'published' (ISO-8601)")
    try:
        dt = datetime.fromisoformat(published.replace("Z", "+00:00"))
    except ValueError as exc:
        raise ValueError(f"'published' is not ISO-8601: {published!r}") from exc
    lang = rec.get("lang")
    if lang not in (None, "id", "en", "auto"):
        raise ValueError(f"'lang' must be id, en or auto, got {lang!r}")
    return ArticleInput(
        url=url, text=text, published=dt if dt.tzinfo else dt.replace(tzinfo=UTC),
        title=rec.get("title") if isinstance(rec.get("title"), str) else None,
        source=rec.get("source") if isinstance(rec.get("source"), str) else None, lang=lang,
    )


def replay(
    lines: Iterable[str],
    extractor: Extractor,
    tracker: Tracker,
    topics: list[TopicMatcher],
    *,
    now: datetime,
    html_to_text: Callable[[str], str] | None = None,
    jobs: int = 1,
    batch: int = 1,
) -> Iterator[ReplayEvent]:
    """One event per input line (alerts raised, or the line's error), in file order.

    ``jobs`` > 1 reads the lines (parse, topic match, extraction: no database) in that many
    worker processes while this one tracks them, still in file order: the same events as one
    job, sooner on a machine with cores to spare. Workers are forked (where the platform can),
    so they start with the extractor already built; elsewhere one job is used.

    ``batch`` > 1 tracks that many articles per transaction instead of one: the same events and
    rows, with far fewer pages written (an index page that many articles touch is written once
    per batch). A failure rolls back the batch it happens in; stopping early (the consumer
    closes this generator) keeps every article whose event was handed out."""
    reader = _Reader(extractor, topics, html_to_text)
    numbered = ((n, line) for n, line in enumerate(lines, 1) if line.strip())
    reads = _read_in_workers(reader, numbered, jobs) if jobs > 1 and can_fork() else map(reader, numbered)
    open_batch, in_batch = contextlib.ExitStack(), 0
    try:
        for r in reads:
            if r.error is not None:
                yield ReplayEvent(r.line, error=r.error)
                continue
            if r.article is None or r.extraction is None:
                yield ReplayEvent(r.line)
                continue
            if batch > 1 and in_batch == 0:
                open_batch.enter_context(tracker.store.transaction())
            res = tracker.process(r.article, r.extraction, list(r.topics), now=now)
            in_batch += 1
            if in_batch >= batch:
                open_batch.close()  # commit
                in_batch = 0
            yield ReplayEvent(r.line, alerts=res.alerts, figures_over_cap=res.figures_over_cap,
                              alerts_held=res.alerts_held)
    except GeneratorExit:
        open_batch.close()  # stopped by the consumer: what it was handed stays
        raise
    except BaseException as exc:
        if not open_batch.__exit__(type(exc), exc, exc.__traceback__):  # roll the batch back
            raise
    else:
        open_batch.close()


@dataclass(frozen=True, slots=True)
class _Read:
    """One line read: its error, or the article with its topics and extraction (no article when it
    is on no topic)."""

    line: int
    error: str | None = None
    article: ArticleInput | None = None
    topics: tuple[str, ...] = ()
    extraction: Extraction | None = None


class _Reader:
    """The part of a replay that needs no database: parse a line, match topics, extract."""

    def __init__(self, extractor: Extractor, topics: list[TopicMatcher],
                 html_to_text: Callable[[str], str] | None) -> None:
        self.extractor = extractor
        self.topics = topics
        self.html_to_text = html_to_text

    def __call__(self, numbered: tuple[int, str]) -> _Read:
        lineno, line = numbered
        try:
            art = parse_article(json.loads(line), self.html_to_text)
        except (ValueError, json.JSONDecodeError) as exc:
            return _Read(lineno, error=f"line {lineno}: {exc}")
        tids = relevant_topics(self.topics, art.title, art.text)
        if not tids:
            return _Read(lineno)
        ex = self.extractor.extract(art.text, lang=art.lang or "auto", published=art.published, title=art.title)
        return _Read(lineno, article=art, topics=tuple(tids), extraction=ex)

    def chunk(self, items: list[tuple[int, str]]) -> list[_Read]:
        return [self(it) for it in items]


def can_fork() -> bool:
    """Worker processes can start as copies of this one (Linux): no re-import, no lexicon rebuilt."""
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


_CHUNK = 8  # lines per task: fewer round trips between processes
_AHEAD = 4  # tasks in flight per worker: enough to keep them busy, few enough to bound memory

# the reader a worker process serves (set once in each worker by _start_worker, never in the parent)
_worker_reader: list[_Reader] = []


def _start_worker(reader: _Reader) -> None:
    # Ctrl-C is the main process's to handle (it stops the workers): no traceback from each worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()
    _worker_reader.append(reader)


_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """Ask Linux to kill this worker when the main process dies (killed, say): it stops at once
    instead of failing to hand back its lines with a traceback. Best effort."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def _read_chunk(items: list[tuple[int, str]]) -> list[_Read]:
    return _worker_reader[0].chunk(items)


def _read_in_workers(reader: _Reader, numbered: Iterable[tuple[int, str]], jobs: int) -> Iterator[_Read]:
    """``map(reader, numbered)`` in ``jobs`` forked workers, in order, with a bounded number of
    lines in flight (an archive of any size is never all in memory)."""
    ctx = multiprocessing.get_context("fork")
    pool = ctx.Pool(jobs, initializer=_start_worker, initargs=(reader,))
    try:
        pending: deque[Any] = deque()
        it = iter(numbered)
        while chunk := list(islice(it, _CHUNK)):
            pending.append(pool.apply_async(_read_chunk, (chunk,)))
            if len(pending) >= jobs * _AHEAD:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
        pool.close()
    finally:
        pool.terminate()
        pool.join()


def alert_json(a: Alert) -> dict[str, Any]:
    d = a.to_dict()
    return {k: d.get(k) for k in REPLAY_FIELDS}
