"""``claimwatch scan``: the monitor without Telegram — poll sources, print alerts as raised.

``--once`` runs every source once (concurrently) and exits: 0 when at least one source worked,
1 when all failed. Without it the sources run on their schedule (APScheduler, the same job
functions the bot uses) until Ctrl-C or SIGTERM.
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
from claimwatch.cli.wiring import runtime
from claimwatch.config import Config, default_config, load_config
from claimwatch.monitor import Monitor, SourceRun
from claimwatch.replay import alert_json
from claimwatch.report import alert_line

log = logging.getLogger("claimwatch.scan")


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
    return (f"{run.source_id}: {run.outcome}{extra} — {run.items_found} listed, {run.articles} new articles, "
            f"{len(run.alerts)} alerts")


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

    jobs = schedule_sources(scheduler, monitor, on_run=on_run, first_run=datetime.now(UTC))
    scheduler.start()
    print(f"scan: watching {len(jobs)} source(s); Ctrl-C to stop", file=sys.stderr)
    try:
        await stop.wait()
    finally:
        scheduler.shutdown(wait=False)
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

    async def main() -> int:
        async with runtime(cfg, db=db) as rt:
            return await (_once if args.once else _forever)(rt.monitor, out, args.format)

    return asyncio.run(main())
