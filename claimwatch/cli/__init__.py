"""The ``claimwatch`` command: the one composition root that wires core, scrapers and bot.

Every user error (bad config, unreadable input, refused URL, bad JSON line) is one line on
stderr and exit code 2; a traceback is a bug.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TextIO

from claimwatch import __version__
from claimwatch.cli.commands import (
    UsageError,
    cmd_export,
    cmd_extract,
    cmd_replay,
    cmd_timeline,
    parse_published,
)
from claimwatch.config import ConfigError
from claimwatch.store import StoreError

__all__ = ["UsageError", "build_parser", "main", "parse_published"]


def _cmd_scan(args: argparse.Namespace, out: TextIO) -> int:
    from claimwatch.cli.scan import cmd_scan

    return cmd_scan(args, out)


def _cmd_run(args: argparse.Namespace, out: TextIO) -> int:
    from claimwatch.cli.run import cmd_run

    return cmd_run(args, out)


def _cmd_health(args: argparse.Namespace, out: TextIO) -> int:
    from claimwatch.cli.ops import cmd_health

    return cmd_health(args, out)


def _cmd_backup(args: argparse.Namespace, out: TextIO) -> int:
    from claimwatch.cli.ops import cmd_backup

    return cmd_backup(args, out)


def _cmd_demo(args: argparse.Namespace, out: TextIO) -> int:
    if args.replay:
        from claimwatch.demo import run_demo

        return run_demo(out)
    from claimwatch.cli.site_demo import cmd_demo

    return cmd_demo(args, out)


def _jobs(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = 0
    if not 1 <= n <= 64:
        raise argparse.ArgumentTypeError(f"expected a number of processes from 1 to 64, got {text!r}")
    return n


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="claimwatch", description="Watch running news stories for figures and statements that change.")
    p.add_argument("--version", action="version", version=f"claimwatch {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    e = sub.add_parser("extract", help="read figures and statements from a text or HTML file, or a URL")
    e.add_argument("input", nargs="?", help="FILE, http(s) URL (fetched through the guarded client) or - for stdin (default: stdin)")
    e.add_argument("--lang", choices=["id", "en", "auto"], default="auto")
    e.add_argument("--format", choices=["text", "json"], default="text")
    e.add_argument("--config", help="config file ([fetch], [[profiles]], [[concepts]], [[actors]])")
    e.add_argument("--batch", metavar="FILE.jsonl", help="one JSON object per line: id, text|html, lang?, published?")
    e.add_argument("--quotes", action="store_true", help="also report direct quotes as statements")
    e.set_defaults(func=cmd_extract)

    s = sub.add_parser("scan", help="poll the configured sources and print alerts as they are raised (no Telegram)")
    s.add_argument("--config", help="config file with [[topics]] and [[sources]] (default: ./config.toml)")
    s.add_argument("--once", action="store_true", help="run every source once and exit (default: keep running on schedule)")
    s.add_argument("--db", help="database (default: [storage] path of the config)")
    s.add_argument("--format", choices=["text", "json"], default="text")
    s.add_argument("-v", "--verbose", action="store_true", help="log each fetch and decision")
    s.set_defaults(func=_cmd_scan)

    b = sub.add_parser("run", help="run the Telegram bot: subscriptions, admin commands, sources on schedule, alerts")
    b.add_argument("--config", required=True, help="config file ([telegram] with token_env and admins, topics, sources)")
    b.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    b.add_argument("--console", action="store_true",
                   help="no Telegram, no token: the same sources on schedule and the same delivery pipeline, "
                        "each chat's messages printed to stdout instead of sent (until Ctrl-C)")
    b.add_argument("--once", action="store_true",
                   help="with --console: scan every source once, print one delivery pass, then exit "
                        "(exit code 1 when every source failed)")
    b.set_defaults(func=_cmd_run)

    r = sub.add_parser("replay", help="run an archive (JSON lines) through extract + track; print alerts")
    r.add_argument("file", metavar="FILE.jsonl")
    r.add_argument("--config", help="config file (topics, concepts, actors, tracking)")
    r.add_argument("--db", help="keep the database here (default: a temporary one)")
    r.add_argument("--append", action="store_true", help="allow --db to name an existing database")
    r.add_argument("--format", choices=["text", "json"], default="text")
    r.add_argument("--jobs", type=_jobs, default=None, metavar="N",
                   help="processes reading the archive while this one tracks it (default: the "
                        "machine's cores, at most 4, for an archive over 1 MB, else 1; 1: read here)")
    r.set_defaults(func=cmd_replay)

    t = sub.add_parser("timeline", help="current figure per series of a topic, or one series' history")
    t.add_argument("topic")
    t.add_argument("concept", nargs="?")
    t.add_argument("--config")
    t.add_argument("--db")
    t.set_defaults(func=cmd_timeline)

    x = sub.add_parser("export", help="every figure of a topic's series (the timeline rows) as CSV or JSON")
    x.add_argument("topic")
    x.add_argument("--format", choices=["csv", "json"], default="csv",
                   help="csv: one row per observation; json: also the current value per series")
    x.add_argument("--config")
    x.add_argument("--db")
    x.add_argument("--out", metavar="FILE", help="write here instead of stdout")
    x.set_defaults(func=cmd_export)

    d = sub.add_parser("demo", help="serve a bundled news site on 127.0.0.1, run the real pipeline on it, show the alerts")
    d.add_argument("--replay", action="store_true", help="instead: the offline demo (bundled articles and a replayed story)")
    d.add_argument("--delay", type=float, default=0.0, help="seconds to pause between publishing steps (default 0)")
    d.add_argument("--lang", choices=["en", "id"], default="en", help="language of the alerts, as a chat set to it sees them")
    d.set_defaults(func=_cmd_demo)

    h = sub.add_parser("health", help="one line: database, sources polled, delivery backlog, last Telegram contact "
                                      "(exit 0 healthy, 1 not)")
    h.add_argument("--config", help="config file ([storage] path, [ops] limits)")
    h.add_argument("--db", help="database (default: [storage] path of the config)")
    h.add_argument("--json", action="store_true", help="one JSON object instead of the line")
    h.add_argument("--full", action="store_true", help="PRAGMA integrity_check (reads every index) instead of quick_check")
    h.set_defaults(func=_cmd_health)

    k = sub.add_parser("backup", help="copy the live database to PATH (SQLite online backup, checked with quick_check)")
    k.add_argument("path", metavar="PATH", help="the backup file to write")
    k.add_argument("--config", help="config file ([storage] path)")
    k.add_argument("--db", help="database (default: [storage] path of the config)")
    k.add_argument("--force", action="store_true", help="overwrite PATH if it exists")
    k.set_defaults(func=_cmd_backup)
    return p


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help(out)
        return 2
    try:
        return int(args.func(args, out))
    except (ConfigError, UsageError, StoreError) as exc:
        print(f"claimwatch: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("claimwatch: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
