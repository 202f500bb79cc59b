"""Per-source jobs on APScheduler 3 — the scheduler python-telegram-bot's JobQueue is built on.

``claimwatch scan`` uses an ``AsyncIOScheduler`` directly; the bot puts the same job function
(:func:`make_job`) on its JobQueue. Either way each source is one job named ``scrape:<id>``,
running every ``interval`` seconds with a jitter of up to 10 % (at most 5 minutes), never
overlapping itself (``max_instances=1``), with missed runs coalesced into one.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from claimwatch.monitor import Monitor, SourceRun

__all__ = ["JOB_KWARGS", "jitter_for", "job_name", "make_job", "schedule_sources"]

log = logging.getLogger("claimwatch.schedule")

JOB_KWARGS: dict[str, Any] = {"max_instances": 1, "coalesce": True, "misfire_grace_time": 300}

OnRun = Callable[[SourceRun], Awaitable[None] | None]


def job_name(source_id: str) -> str:
    return f"scrape:{source_id}"


def jitter_for(interval: float) -> int:
    """Seconds of random jitter for a job running every ``interval`` seconds."""
    return int(min(interval * 0.1, 300.0))


def make_job(monitor: Monitor, source_id: str, on_run: OnRun | None = None,
             stopping: Callable[[], bool] | None = None) -> Callable[[], Awaitable[SourceRun | None]]:
    """The coroutine function a scheduler calls for one source. Cancelled while ``stopping()``
    (shutting down), it ends quietly: what was not stored is read again next time."""
    async def job() -> SourceRun | None:
        try:
            run = await monitor.run_source(source_id)
        except asyncio.CancelledError:
            if stopping is not None and stopping():
                log.info("source %s: stopped mid-run; what was not stored is read again next time", source_id)
                return None
            raise
        if on_run is not None:
            maybe = on_run(run)
            if maybe is not None:
                await maybe
        return run
    job.__name__ = job_name(source_id)
    return job


def schedule_sources(scheduler: Any, monitor: Monitor, *, on_run: OnRun | None = None,
                     first_run: datetime | None = None, stopping: Callable[[], bool] | None = None) -> list[str]:
    """Add (or replace) one interval job per source of the store; returns the job ids.

    ``scheduler`` is an APScheduler 3 scheduler; ``first_run`` (aware) makes every job run once
    at that time before settling on its interval (default: one interval from now).
    """
    from claimwatch.sources import list_sources

    ids = []
    for src in list_sources(monitor.store):
        name = job_name(src.id)
        kwargs: dict[str, Any] = {"next_run_time": first_run} if first_run is not None else {}
        scheduler.add_job(make_job(monitor, src.id, on_run, stopping), "interval", seconds=src.interval,
                          jitter=jitter_for(src.interval), id=name, name=name, replace_existing=True,
                          **JOB_KWARGS, **kwargs)
        ids.append(name)
    log.info("scheduled %d source job(s)", len(ids))
    return ids
