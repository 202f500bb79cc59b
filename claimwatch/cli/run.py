"""``claimwatch run --config FILE``: the Telegram bot with the monitor on its JobQueue.

Start-up failures are one line on stderr, the token never in it (nor in any log line):
configuration (no token, not a token, refused by Telegram) exits 2; a Bot API that stays
unreachable after a few retries with back-off exits 1. ``--console`` runs the same monitor and
delivery pipeline without Telegram, printing what each chat would receive (``console.py``).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TextIO

from claimwatch.cli.commands import UsageError
from claimwatch.cli.instance import while_holding
from claimwatch.cli.ops import RunOps
from claimwatch.cli.startup import (
    RETRY_DELAYS,
    RedactToken,
    StartupFailed,
    check_token_shape,
    connect,
    install_redaction,
    refused,
    unreachable,
)
from claimwatch.cli.wiring import Runtime, check_sources, quiet_http_logs, runtime
from claimwatch.config import Config, ConfigError, load_config
from claimwatch.ops.metrics import NO_METRICS, Metrics

log = logging.getLogger("claimwatch.run")


def services_factory(cfg: Config, lease_owner: str | None = None, metrics: Metrics = NO_METRICS):  # type: ignore[no-untyped-def]
    """What ``post_init`` opens: store (config synced in), guarded HTTP client, monitor (whose
    alerts write their deliveries in the same transaction: the outbox, as for every command)."""

    @asynccontextmanager
    async def open_services() -> AsyncIterator[Runtime]:
        async with runtime(cfg, db=cfg.storage.path, lease_owner=lease_owner, metrics=metrics) as rt:
            yield rt

    return open_services


def cmd_run(args: argparse.Namespace, out: TextIO) -> int:
    cfg = load_config(args.config)
    console = getattr(args, "console", False)
    if getattr(args, "once", False) and not console:
        raise UsageError("--once works with --console only (the bot itself keeps running)")
    token: str | None = None
    if not console:
        env = cfg.telegram.token_env
        try:
            token = cfg.telegram.token(os.environ)
        except ConfigError as exc:
            raise ConfigError(f"{exc}: create a bot with @BotFather and export its token as {env} "
                              "(or try it without Telegram: claimwatch run --console)") from None
        check_token_shape(token, env)
    check_sources(cfg)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    install_redaction(token)  # the token never reaches a log line, a traceback included
    quiet_http_logs()  # httpx would log every Bot API URL, token included
    # a delivery round still running when the next is due is skipped by design (max_instances=1)
    logging.getLogger("apscheduler").setLevel(logging.DEBUG if args.verbose else logging.ERROR)
    # one instance per database, on a sound file: else one line, exit 2 (before any Telegram call)
    return while_holding(cfg.storage.path, "run --console" if console else "run",
                         lambda owner: _serve(cfg, args, out, token, console, owner))


def _serve(cfg: Config, args: argparse.Namespace, out: TextIO, token: str | None, console: bool,
           lease_owner: str | None) -> int:
    if console:
        from claimwatch.cli.console import run_console

        return run_console(cfg, out, once=args.once, lease_owner=lease_owner)
    assert token is not None

    os.environ.setdefault("PTB_TIMEDELTA", "1")  # RetryAfter.retry_after as a timedelta (PTB ≥ 22.2)
    from telegram import Update
    from telegram.error import InvalidToken, NetworkError

    from bot.app import build_application

    ops = RunOps(cfg)  # the last Telegram contact; with [ops] listen, /healthz and /metrics
    app = build_application(cfg, token, services_factory(cfg, lease_owner, ops.metrics), on_api_call=ops.on_api_call,
                            metrics=ops.metrics)
    loop = asyncio.new_event_loop()  # run_polling runs on it too: the HTTP clients belong to one loop
    asyncio.set_event_loop(loop)
    try:
        loop.run_until_complete(connect(app, cfg, token))  # getMe, with back-off on network errors
        app.run_polling(allowed_updates=Update.ALL_TYPES, stop_signals=(signal.SIGINT, signal.SIGTERM),
                        close_loop=False, bootstrap_retries=len(RETRY_DELAYS))
    except StartupFailed as exc:
        print(f"claimwatch: {exc}", file=sys.stderr)
        return 1
    except InvalidToken as exc:
        raise UsageError(refused(cfg, exc)) from None
    except NetworkError as exc:  # after getMe worked: deleteWebhook failed on every retry
        print(f"claimwatch: {unreachable(cfg, RedactToken([token]).redact(str(exc)))}", file=sys.stderr)
        return 1
    finally:
        ops.close()
        loop.close()
        asyncio.set_event_loop(None)
    log.info("stopped")
    return 0
