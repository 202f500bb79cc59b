"""``claimwatch health`` and ``claimwatch backup``: what operators (and container health checks) run.

``health`` prints one line (``--json``: one object) and exits 0 when healthy, 1 when not — a
database that is missing or cannot be opened is unhealthy too. ``backup PATH`` copies the live
database (see :mod:`claimwatch.ops.backup`) and prints one line. Configuration mistakes are one
line and exit 2, as for every command.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from claimwatch.cli.commands import UsageError
from claimwatch.config import Config, default_config, load_config
from claimwatch.ops.health import Limits, health_of

if TYPE_CHECKING:
    from claimwatch.ops.httpd import OpsServer

__all__ = ["RunOps", "cmd_backup", "cmd_health", "limits_of"]


def limits_of(cfg: Config) -> Limits:
    return Limits(max_backlog_age=cfg.ops.max_backlog_age, max_telegram_silence=cfg.ops.max_telegram_silence)


def _db(args: argparse.Namespace, command: str) -> tuple[Config, Path]:
    cfg = load_config(args.config) if args.config else default_config()
    if args.db:
        return cfg, Path(args.db).expanduser()
    if cfg.path is None:
        raise UsageError(f"{command} needs a database: pass --config FILE (its [storage] path) or --db PATH")
    return cfg, cfg.storage.path


def cmd_health(args: argparse.Namespace, out: TextIO) -> int:
    cfg, db = _db(args, "health")
    rep = health_of(db, datetime.now(UTC), limits_of(cfg), full=args.full)
    if args.json:
        out.write(json.dumps({**rep.to_dict(), "database": str(db)}, ensure_ascii=False) + "\n")
    else:
        out.write(rep.line + "\n")
    return 0 if rep.ok else 1


def cmd_backup(args: argparse.Namespace, out: TextIO) -> int:
    from claimwatch.ops.backup import BackupError, backup_database

    _, db = _db(args, "backup")
    try:
        result = backup_database(db, args.path, force=args.force)
    except BackupError as exc:
        print(f"claimwatch: {exc}", file=sys.stderr)
        return exc.code
    out.write(result.line() + "\n")
    return 0


class RunOps:
    """What ``claimwatch run`` wires for operators: the Bot API observer (last Telegram contact,
    always; request metrics) and, with ``[ops] listen``, the metrics and the ``/healthz`` +
    ``/metrics`` endpoint. :meth:`close` stops the endpoint."""

    def __init__(self, cfg: Config, *, clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        from claimwatch.ops.meta import ContactRecorder
        from claimwatch.ops.metrics import NO_METRICS, Metrics

        self.contact = ContactRecorder(cfg.storage.path, clock=clock)
        self.metrics: Metrics = NO_METRICS
        self.server: OpsServer | None = None
        if cfg.ops.listen:
            from claimwatch.ops.httpd import start_ops_server
            from claimwatch.ops.metrics import PromMetrics

            prom = PromMetrics(cfg.storage.path, clock=clock)
            try:
                self.server = start_ops_server(cfg.ops.listen, cfg.storage.path, metrics=prom, clock=clock,
                                               limits=limits_of(cfg))
            except OSError as exc:
                raise UsageError(f"cannot listen on {cfg.ops.listen} ({exc.strerror or exc}): "
                                 f"check [ops] listen in {cfg.path or 'the config'}") from None
            self.metrics = prom

    def on_api_call(self, method: str, status: int | None, seconds: float) -> None:
        self.metrics.api_call(method, status, seconds)
        if status == 200:
            self.contact.note()

    def close(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None
