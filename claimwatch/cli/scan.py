"""``claimwatch scan``: the monitor without Telegram — poll sources, print alerts as raised.

``--once`` runs every source once (concurrently) and exits: 0 when at least one source worked,
1 when all failed. Without it the sources run on their schedule (APScheduler, the same job
functions the bot uses) until Ctrl-C or SIGTERM. Alerts write their deliveries to the outbox as
in ``run`` (the bot sends them later); a scan holds the database's instance lease like ``run``,
so it refuses (exit 2) while a bot or another scan runs on the same database.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import signal
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from claimwatch.cli.commands import UsageError
from claimwatch.cli.instance import while_holding
from claimwatch.cli.wiring import runtime
from claimwatch.config import Config, default_config, load_config
from claimwatch.monitor import Monitor, SourceRun
from claimwatch.replay import alert_json
from claimwatch.report import alert_line

log = logging.getLogger("claimwatch.scan")

STOP_GRACE = 5.0  # seconds the cancelled runs get to unwind at Ctrl-C / SIGTERM


def _config(path: str | None) -> Config:
    if path:
        return load_config(path)
    if Path("config.toml").is_file():
        return load_config("config.toml")
    return default_config()


def print_run(run: SourceRun, out: TextIO, fmt: str) -> None:
    for a in run.alerts:
        out.write((json.dumps(alert_json(a), ensure_ascii=False) if fmt == "json" else alert_line(a)) + "\n")
    out.flush()
    if run.outcome == "error":
        print(f"claimwatch: source {run.source_id}: {run.error}", file=sys.stderr)
    elif run.layout_warning:
        print(f"claimwatch: source {run.source_id}: {run.layout_warning}", file=sys.stderr)


def _summary(run: SourceRun) -> str:
    extra = f" ({run.error})" if run.error else ""
    more = "".join(f", {n} {what}" for n, what in (
        (run.figures_over_cap, "figures over the per-article cap"), (run.alerts_held, "alerts held back"),
        (run.waiting, "items waiting to be read"), (run.given_up, "items given up")) if n)
    return (f"{run.source_id}: {run.outcome}{extra} — {run.items_found} listed, {run.articles} new articles, "
            f"{len(run.alerts)} alerts{more}")


async def _once(monitor: Monitor, out: TextIO, fmt: str) -> int:
    ids = monitor.source_ids()
    tasks = [asyncio.ensure_future(monitor.run_source(sid)) for sid in ids]
    runs: list[SourceRun] = []
    show = sys.stderr.isatty()
    for i, fut in enumerate(asyncio.as_completed(tasks), 1):
        run = await fut
        runs.append(run)
        print_run(run, out, fmt)
        if show or len(ids) > 5:
            print(f"scan: {i}/{len(ids)} sources done — {_summary(run)}", file=sys.stderr)
    if not show and len(ids) <= 5:
        for run in runs:
            print(f"scan: {_summary(run)}", file=sys.stderr)
    worked = [r for r in runs if r.outcome != "error"]
    return 0 if worked or not runs else 1


async def _forever(monitor: Monitor, out: TextIO, fmt: str) -> int:
    from apscheduler.schedulers.asyncio import AsyncIOScheduler

    from claimwatch.schedule import schedule_sources

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):  # non-POSIX
            loop.add_signal_handler(sig, stop.set)
    scheduler = AsyncIOScheduler(timezone=UTC)

    def on_run(run: SourceRun) -> None:
        print_run(run, out, fmt)
        print(f"scan: {_summary(run)}", file=sys.stderr)

    jobs = schedule_sources(scheduler, monitor, on_run=on_run, first_run=datetime.now(UTC), stopping=stop.is_set)
    scheduler.start()
    print(f"scan: watching {len(jobs)} source(s); Ctrl-C to stop", file=sys.stderr)
    try:
        await stop.wait()
    finally:
        # cancels the runs in progress (a fetch can take minutes); let them unwind before the
        # store closes: an article whose transaction did not commit is read again next time
        scheduler.shutdown(wait=False)
        running = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        if running:
            await asyncio.wait(running, timeout=STOP_GRACE)
    print("scan: stopped", file=sys.stderr)
    return 0


def cmd_scan(args: argparse.Namespace, out: TextIO) -> int:
    cfg = _config(args.config)
    cfg.require_topics()
    cfg.require_sources()
    db = args.db or cfg.storage.path
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if args.db and not Path(args.db).parent.exists():
        raise UsageError(f"--db {args.db}: directory does not exist")

    async def main(owner: str | None) -> int:
        async with runtime(cfg, db=db, lease_owner=owner) as rt:
            return await (_once if args.once else _forever)(rt.monitor, out, args.format)

    # one instance per database (a running bot included), on a sound file: else one line, exit 2
    return while_holding(db, "scan --once" if args.once else "scan", lambda owner: asyncio.run(main(owner)))
