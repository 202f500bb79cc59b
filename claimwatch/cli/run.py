"""``claimwatch run --config FILE``: the Telegram bot with the monitor on its JobQueue."""

from __future__ import annotations

import argparse
import logging
import os
import signal
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TextIO

from claimwatch import outbox
from claimwatch.cli.commands import UsageError
from claimwatch.cli.wiring import Runtime, check_sources, quiet_http_logs, runtime
from claimwatch.config import Config, load_config

log = logging.getLogger("claimwatch.run")


def services_factory(cfg: Config):  # type: ignore[no-untyped-def]
    """What ``post_init`` opens: store (config synced in), guarded HTTP client, monitor whose
    alerts write their deliveries in the same transaction (the outbox)."""

    @asynccontextmanager
    async def open_services() -> AsyncIterator[Runtime]:
        async with runtime(cfg, db=cfg.storage.path, on_alerts=outbox.enqueue) as rt:
            yield rt

    return open_services


def cmd_run(args: argparse.Namespace, out: TextIO) -> int:
    cfg = load_config(args.config)
    token = cfg.telegram.token(os.environ)
    check_sources(cfg)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    quiet_http_logs()  # httpx would log every Bot API URL, token included
    # a delivery round still running when the next is due is skipped by design (max_instances=1)
    logging.getLogger("apscheduler").setLevel(logging.DEBUG if args.verbose else logging.ERROR)

    os.environ.setdefault("PTB_TIMEDELTA", "1")  # RetryAfter.retry_after as a timedelta (PTB ≥ 22.2)
    from telegram import Update
    from telegram.error import InvalidToken, NetworkError

    from bot.app import build_application

    app = build_application(cfg, token, services_factory(cfg))
    try:
        app.run_polling(allowed_updates=Update.ALL_TYPES, stop_signals=(signal.SIGINT, signal.SIGTERM),
                        close_loop=False)
    except InvalidToken:
        raise UsageError(f"the Bot API refused the token in {cfg.telegram.token_env} (invalid or revoked)") from None
    except NetworkError as exc:
        raise UsageError(f"cannot reach the Bot API at {cfg.telegram.base_url}: {exc}") from None
    log.info("stopped")
    return 0
