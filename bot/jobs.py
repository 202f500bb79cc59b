"""The bot's JobQueue (APScheduler 3): one named job per source, plus the delivery job.

Jobs live in memory only, so they are rebuilt from the store at start-up (:func:`schedule_all`).
Source jobs are named ``scrape:<id>`` (the same names ``claimwatch scan`` uses) and carry the
same APScheduler options: jitter, ``max_instances=1``, coalesced misfires.

Stopping (SIGTERM, Ctrl-C): PTB's ``JobQueue.stop`` waits for every running job, and a source
run can take minutes (a slow-drip server, three attempts of a minute each). The
:class:`StoppingJobQueue` first asks the sender to end after its current round and cancels the
running source runs: the fetch in flight is dropped, and an article whose transaction has not
committed is simply read again next time (the article being stored finishes its transaction).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from telegram.ext import Application, JobQueue

from bot.state import BotState, Ctx
from claimwatch.schedule import JOB_KWARGS, jitter_for, job_name
from claimwatch.sources import list_sources

log = logging.getLogger("claimwatch.bot.jobs")

DELIVER_JOB = "deliver"
DELIVER_EVERY = 1.0  # seconds; per-chat spacing is kept by the sender
FIRST_SCRAPE_AFTER = 5.0


class StoppingJobQueue(JobQueue):  # type: ignore[type-arg]
    """The JobQueue, stopped promptly: running source runs are cancelled, the sender finishes
    its round (what it sent is recorded; rows left ``sending`` are recovered at the next start)."""

    def __init__(self) -> None:
        super().__init__()
        self.stopping = False
        self.scrapes: set[asyncio.Task[Any]] = set()

    async def stop(self, wait: bool = True) -> None:
        self.stopping = True
        sender = getattr(self.application.bot_data, "sender", None)
        if sender is not None:
            sender.stop()
        if self.scrapes:
            log.info("stopping: cancelling %d running source run(s)", len(self.scrapes))
        for task in list(self.scrapes):
            task.cancel()
        await super().stop(wait)


async def scrape(ctx: Ctx) -> None:
    job = ctx.job
    if job is None or not isinstance(job.data, str):
        return
    state = ctx.bot_data
    queue = ctx.job_queue if isinstance(ctx.job_queue, StoppingJobQueue) else None
    task = asyncio.current_task()
    if queue is not None and queue.stopping:
        return
    if queue is not None and task is not None:
        queue.scrapes.add(task)
    try:
        run = await state.svc().monitor.run_source(job.data)
    except asyncio.CancelledError:
        if queue is not None and queue.stopping:
            # our own cancellation at shutdown: the job ends quietly (no traceback from the scheduler)
            log.info("source %s: stopped mid-run; what was not stored is read again next time", job.data)
            return
        raise
    finally:
        if queue is not None and task is not None:
            queue.scrapes.discard(task)
    if run.outcome == "error":
        log.warning("source %s: %s", run.source_id, run.error)
    if run.alerts and state.sender is not None and not (queue is not None and queue.stopping):
        await state.sender.run_once()


async def deliver(ctx: Ctx) -> None:
    if ctx.bot_data.sender is not None:
        await ctx.bot_data.sender.run_once()


def _queue(app: Application) -> JobQueue:  # type: ignore[type-arg]
    if app.job_queue is None:
        raise RuntimeError("the JobQueue is missing: install python-telegram-bot[job-queue]")
    return app.job_queue


def add_source_job(app: Application, source_id: str, interval: float, first: float = FIRST_SCRAPE_AFTER) -> None:  # type: ignore[type-arg]
    remove_source_job(app, source_id)
    _queue(app).run_repeating(scrape, interval=interval, first=first, name=job_name(source_id), data=source_id,
                              job_kwargs={**JOB_KWARGS, "jitter": jitter_for(interval)})


def remove_source_job(app: Application, source_id: str) -> int:  # type: ignore[type-arg]
    jobs = _queue(app).get_jobs_by_name(job_name(source_id))
    for j in jobs:
        j.schedule_removal()
    return len(jobs)


def schedule_all(app: Application, state: BotState) -> list[str]:  # type: ignore[type-arg]
    """Rebuild every job from the store: one per source, and the delivery job."""
    names = []
    for src in list_sources(state.svc().store):
        add_source_job(app, src.id, src.interval)
        names.append(job_name(src.id))
    _queue(app).run_repeating(deliver, interval=DELIVER_EVERY, first=0.2, name=DELIVER_JOB,
                              job_kwargs={"max_instances": 1, "coalesce": True, "misfire_grace_time": 60})
    log.info("scheduled %d source job(s) and the delivery job", len(names))
    return names
