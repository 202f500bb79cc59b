"""``claimwatch run --console``: the bot without Telegram.

The same services as ``claimwatch run`` (store with the config synced in, guarded fetcher,
monitor whose alerts write their deliveries to the outbox) and the bot's own ``Sender`` — claim,
merge, render in each chat's language, split, mark sent — with :class:`ConsoleBot` in place of
``telegram.Bot``: each message is printed to stdout as plain text under a line naming the chat.
No token is needed and nothing is sent. Deliveries printed count as sent in the database, as they
would for the bot. Without ``--once`` the sources run on their schedule and deliveries every
second until Ctrl-C or SIGTERM; with it, every source once, one delivery pass, then exit.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TextIO, cast

from bot.delivery import Sender
from bot.htmlsplit import html_to_plain
from claimwatch import chats, outbox
from claimwatch.config import Config
from claimwatch.monitor import Monitor, SourceRun
from claimwatch.sources import list_topics
from claimwatch.store import Store

if TYPE_CHECKING:
    from telegram import Bot

__all__ = ["ConsoleBot", "run_console"]

log = logging.getLogger("claimwatch.console")

DELIVER_EVERY = 1.0  # seconds, as the bot's delivery job
_UNSET: Any = object()


@dataclass(frozen=True)
class Printed:
    """What ``send_message`` returns: the sender only reads ``message_id``."""

    message_id: int


class ConsoleBot:
    """The one ``telegram.Bot`` method the sender uses, printing instead of sending."""

    def __init__(self, store: Store, out: TextIO) -> None:
        self.store, self.out = store, out
        self.count = 0

    async def send_message(self, chat_id: int, text: str, *, message_thread_id: int | None = None,
                           parse_mode: Any = _UNSET, **_: Any) -> Printed:
        chat = chats.get_chat(self.store, chat_id)
        title = f" ({chat.title})" if chat is not None and chat.title else ""
        thread = f", thread {message_thread_id}" if message_thread_id else ""
        plain = text if parse_mode is None else html_to_plain(text, links=True)  # None: already plain
        self.count += 1
        self.out.write(f"── to chat {chat_id}{title}{thread} ──\n{plain.strip()}\n\n")
        self.out.flush()
        return Printed(self.count)


def _subscribed_chats(store: Store) -> int:
    rows = store.rows("SELECT COUNT(DISTINCT s.chat_id) AS n FROM subscriptions s JOIN chats c ON c.id = s.chat_id"
                      " WHERE c.active = 1")
    return int(rows[0]["n"]) if rows else 0


async def _once(monitor: Monitor, sender: Sender) -> int:
    """Every source once (their failures are logged by the monitor), then one delivery pass."""
    runs = await asyncio.gather(*(monitor.run_source(sid) for sid in monitor.source_ids()))
    await sender.run_once()
    return 0 if not runs or any(r.outcome != "error" for r in runs) else 1


async def _forever(monitor: Monitor, sender: Sender) -> int:
    from apscheduler.schedulers.asyncio import AsyncIOScheduler

    from claimwatch.schedule import schedule_sources

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):  # non-POSIX, or not the main thread
            loop.add_signal_handler(sig, stop.set)

    async def on_run(run: SourceRun) -> None:
        if run.alerts:
            await sender.run_once()

    scheduler = AsyncIOScheduler(timezone=UTC)
    schedule_sources(scheduler, monitor, on_run=on_run, first_run=datetime.now(UTC))
    scheduler.add_job(sender.run_once, "interval", seconds=DELIVER_EVERY, id="deliver", name="deliver",
                      max_instances=1, coalesce=True, misfire_grace_time=60)
    scheduler.start()
    try:
        await stop.wait()
    finally:
        scheduler.shutdown(wait=False)
    print("console: stopped", file=sys.stderr)
    return 0


def run_console(cfg: Config, out: TextIO, *, once: bool, lease_owner: str | None = None) -> int:
    from claimwatch.cli.run import services_factory

    async def main() -> int:
        async with services_factory(cfg, lease_owner)() as rt:
            store = rt.store
            if n := outbox.recover(store):
                log.info("%d delivery(ies) were in flight at the last stop: printing them again", n)
            sender = Sender(cast("Bot", ConsoleBot(store, out)), store, clock=lambda: datetime.now(UTC),
                            topic_names=lambda: {tp.id: tp.name for tp in list_topics(store)},
                            per_chat_interval=0.0)
            n_chats, n_sources = _subscribed_chats(store), len(rt.monitor.source_ids())
            print(f"console: {n_sources} source(s), {n_chats} subscribed chat(s); messages are printed here, "
                  f"not sent{'' if once else '; Ctrl-C to stop'}", file=sys.stderr)
            if not n_chats:
                print("console: no chat is subscribed yet, so nothing would be sent (chats subscribe with "
                      "/subscribe in Telegram; claimwatch scan shows the alerts themselves)", file=sys.stderr)
            return await (_once if once else _forever)(rt.monitor, sender)

    return asyncio.run(main())
