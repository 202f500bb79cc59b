"""The article worker: one thread, off the event loop, where the monitor reads its articles.

Reading a number-dense article — topic matching, extraction, tracking and its transaction — is
seconds of CPU; on the event loop it kept the bot from answering for as long. The monitor hands
that work to one dedicated thread, which owns its own connection to the database file:

* an ``sqlite3`` connection belongs to the thread that opened it (``check_same_thread``), so the
  worker opens a second :class:`~claimwatch.store.Store` on the same file, in its thread, and
  every article is written there: one transaction per article, one article at a time;
* every write of the monitor goes through the worker (its articles and its bookkeeping: queue,
  validators, health), so they never wait for each other's locks; the database is in WAL mode:
  the event loop's connection (bot handlers, the sender) reads while the worker writes, never
  waiting; a write from the loop (a subscription, a delivery marked sent) waits at most for one
  article's transaction (the busy timeout is 5 s) — extraction runs before that transaction,
  outside it;
* an in-memory store cannot be shared between two connections: the monitor then reads inline;
* stopping: :meth:`ArticleWorker.close` lets the article in hand finish within a grace period;
  an article whose extraction ends after that is not stored (it is read again next time), and the
  thread is a daemon, so a straggler never holds the process: its transaction never committed.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import queue
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from claimwatch.store import Store, open_store

__all__ = ["CLOSE_GRACE", "ArticleWorker", "Stopped"]

log = logging.getLogger("claimwatch.worker")

T = TypeVar("T")

CLOSE_GRACE = 3.0  # seconds the article in hand gets to finish at shutdown


class Stopped(Exception):
    """Raised by :meth:`ArticleWorker.checkpoint` once the worker is closing."""


class ArticleWorker:
    """A single daemon thread with its own store on ``path``; started at its first job."""

    def __init__(self, path: str | Path, busy_timeout_ms: int) -> None:
        self.path, self.busy_timeout_ms = str(path), busy_timeout_ms
        self._jobs: queue.SimpleQueue[tuple[Callable[[Store], Any], concurrent.futures.Future[Any]] | None] = (
            queue.SimpleQueue())
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()
        self._closing = threading.Event()
        self._abandoned = False

    @property
    def closing(self) -> bool:
        return self._closing.is_set()

    async def run(self, fn: Callable[[Store], T]) -> T:
        """``fn(store)`` on the worker thread, with the worker's store; its result or exception.
        Cancelling the caller cancels a job not started yet; a started one runs to its end."""
        if self._closing.is_set():
            raise asyncio.CancelledError("the article worker is closed")
        self._start()
        fut: concurrent.futures.Future[T] = concurrent.futures.Future()
        self._jobs.put((fn, fut))
        return await asyncio.wrap_future(fut)

    def checkpoint(self) -> None:
        """Called by a job between its stages: raises :class:`Stopped` once the worker closes, so
        that an article is not stored after shutdown began (it is read again next time)."""
        if self._closing.is_set():
            raise Stopped

    def close(self, grace: float = CLOSE_GRACE) -> bool:
        """Stop taking jobs, let the one in hand finish within ``grace`` seconds, close the store.
        False when the thread is still busy after that (it is a daemon: it never holds the exit)."""
        self._closing.set()
        with self._start_lock:
            thread = self._thread
        if thread is None:
            return True
        self._jobs.put(None)
        thread.join(grace)
        if thread.is_alive():
            self._abandoned = True  # its caller is gone (the event loop may be closed): no result
            return False
        return True

    def _start(self) -> None:
        with self._start_lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._main, name="claimwatch-articles", daemon=True)
                self._thread.start()

    def _main(self) -> None:
        store: Store | None = None
        try:
            while (job := self._jobs.get()) is not None:
                fn, fut = job
                if self._closing.is_set():
                    fut.cancel()  # not started: the caller sees a cancellation
                if not fut.set_running_or_notify_cancel():
                    continue
                try:
                    if store is None:
                        store = open_store(self.path, busy_timeout_ms=self.busy_timeout_ms)
                    result = fn(store)
                except Stopped:
                    if not self._abandoned:
                        fut.set_exception(concurrent.futures.CancelledError())  # the caller: CancelledError
                except BaseException as exc:  # handed to the caller, on the event loop
                    if not self._abandoned:
                        fut.set_exception(exc)
                else:
                    if not self._abandoned:
                        fut.set_result(result)
                if self._abandoned:
                    break
        finally:
            if store is not None:
                store.close()
