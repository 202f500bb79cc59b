"""The bot's JobQueue (APScheduler 3): one named job per source, plus the delivery job.

Jobs live in memory only, so they are rebuilt from the store at start-up (:func:`schedule_all`).
Source jobs are named ``scrape:<id>`` (the same names ``claimwatch scan`` uses) and carry the
same APScheduler options: jitter, ``max_instances=1``, coalesced misfires.
"""

from __future__ import annotations

import logging

from telegram.ext import Application, JobQueue

from bot.state import BotState, Ctx
from claimwatch.schedule import JOB_KWARGS, jitter_for, job_name
from claimwatch.sources import list_sources

log = logging.getLogger("claimwatch.bot.jobs")

DELIVER_JOB = "deliver"
DELIVER_EVERY = 1.0  # seconds; per-chat spacing is kept by the sender
FIRST_SCRAPE_AFTER = 5.0


async def scrape(ctx: Ctx) -> None:
    job = ctx.job
    if job is None or not isinstance(job.data, str):
        return
    state = ctx.bot_data
    run = await state.svc().monitor.run_source(job.data)
    if run.outcome == "error":
        log.warning("source %s: %s", run.source_id, run.error)
    if run.alerts and state.sender is not None:
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
