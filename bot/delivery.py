"""The sender: pending deliveries from the outbox to Telegram, through the rate limiter.

Each round claims due deliveries (marked ``sending`` and committed *before* sending), renders
one message per chat (several alerts merged, or a digest), and sends them concurrently; the
library's ``AIORateLimiter`` keeps the overall 30 messages/s and 20/min per group, and the
sender keeps each chat to one message per ``per_chat_interval`` (the limiter does not).

Outcomes: sent → ``sent`` with the message id; ``RetryAfter`` → pending again after the wait
Telegram asked for (and no new sends until then); ``Forbidden`` (blocked, kicked) → the chat is
inactive, its subscriptions kept; ``ChatMigrated`` → subscriptions and deliveries move to the
new id and the message is retried there; ``BadRequest`` "can't parse entities" → re-sent as plain
text; timeouts and network errors → pending again with back-off. A crash leaves rows ``sending``;
start-up (``outbox.recover``) puts them back: at most the in-flight message is duplicated.

Database errors (a lock held past the busy timeout, a full disk) never re-send a message: once
Telegram accepted it, "sent" is recorded — now, or kept in memory and retried with back-off (1, 2,
4 … s, at most a minute) while its rows stay ``sending``, so this process never claims them
again. Meanwhile nothing new is claimed; the log says one warning when the database fails and
one line when it works again (no traceback).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions, Message
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.htmlsplit import html_to_plain, split_html
from bot.i18n import t
from bot.render import render_article, render_digest
from claimwatch import chats, outbox
from claimwatch.ops.metrics import NO_METRICS, Metrics
from claimwatch.outbox import Batch
from claimwatch.store import Store, StoreError

log = logging.getLogger("claimwatch.bot.delivery")

DB_RETRY_FIRST = 1.0  # seconds before the first retry of a refused bookkeeping write; doubles
DB_RETRY_MAX = 60.0


@dataclass
class SendStats:
    sent: int = 0
    retried: int = 0
    dropped: int = 0
    failed: int = 0
    migrated: int = 0
    plain_fallbacks: int = 0


def render_batch(b: Batch, names: Mapping[str, str]) -> str:
    """A digest, or one article's alerts in one message, in the chat's language and time zone."""
    lang, tz = b.chat.lang, b.chat.zone
    if b.digest:
        return render_digest(b.alerts, lang, period=b.digest, topic_names=names, tz=tz)
    return render_article(b.alerts, lang, topic_names=names, tz=tz)


def mute_markup(b: Batch, names: Mapping[str, str]) -> InlineKeyboardMarkup | None:
    """A "mute this topic" button under an article's alerts (not under digests)."""
    if b.digest or not b.alerts:
        return None
    topic = b.alerts[0].topic
    label = t("btn_mute", b.chat.lang, topic=names.get(topic) or topic)
    return InlineKeyboardMarkup([[InlineKeyboardButton(label[:60], callback_data=f"mute:{topic}"[:64])]])


class Sender:
    metrics: Metrics = NO_METRICS  # ops: claimwatch run sets its own (deliveries by outcome)

    def __init__(self, bot: Bot, store: Store, *, clock: Callable[[], datetime],
                 topic_names: Callable[[], Mapping[str, str]], per_chat_interval: float = 1.0,
                 concurrency: int = 30, chats_per_round: int = 60, round_budget: float = 20.0) -> None:
        self.bot, self.store, self.clock, self.topic_names = bot, store, clock, topic_names
        self.per_chat_interval = per_chat_interval
        self.chats_per_round = chats_per_round
        self.round_budget = round_budget
        self._sem = asyncio.Semaphore(concurrency)
        self._lock = asyncio.Lock()
        self._last: dict[int, float] = {}  # chat id -> monotonic time of the last send
        self._paused_until = 0.0  # after a 429: no new sends before this (monotonic)
        self._stopping = False
        # bookkeeping the database refused (locked, disk full), retried in order: the messages are
        # out, their rows stay 'sending' meanwhile, so this process never claims them again
        self._unrecorded: list[Callable[[], object]] = []
        self._db_error: str | None = None  # the database is failing: the first error
        self._db_since = 0.0
        self._db_delay = 0.0
        self._db_retry_at = 0.0  # monotonic; no database work before it
        self.stats = SendStats()

    @property
    def unrecorded(self) -> int:
        """Bookkeeping writes waiting for the database."""
        return len(self._unrecorded)

    def stop(self) -> None:
        """Shutting down: end after the messages in flight (the current round)."""
        self._stopping = True

    def close(self) -> None:
        """At shutdown: one last try of the writes the database refused."""
        if not self._unrecorded:
            return
        self._db_retry_at = 0.0
        if not self._flush():
            log.warning("%d delivery write(s) could not be recorded (%s): their messages may be sent "
                        "again after the next start", len(self._unrecorded), self._db_error)

    async def run_once(self) -> SendStats:
        """Send what is due, round after round, until nothing due is sendable (or the budget).

        While the database fails, nothing new is claimed: the writes it refused are retried with
        back-off (1, 2, 4 … s, at most a minute), one warning when it starts, one line when it ends.
        """
        async with self._lock:
            if not self._flush():
                return self.stats
            started = time.monotonic()
            while time.monotonic() - started < self.round_budget and not self._stopping:
                if time.monotonic() < self._paused_until:
                    break
                mono = time.monotonic()
                recent = [c for c, t in self._last.items() if mono - t < self.per_chat_interval]
                try:
                    batches = outbox.claim(self.store, self.clock(), limit=self.chats_per_round, exclude=recent)
                    self._db_ok()
                    names = self.topic_names() if batches else {}
                except StoreError as exc:  # claimed rows are rolled back with the transaction
                    self._db_failed(exc)
                    break
                if not batches:
                    break
                await asyncio.gather(*(self._send(b, names) for b in batches))
                if self._db_error is not None:
                    break
            self._last = {c: t for c, t in self._last.items() if time.monotonic() - t < self.per_chat_interval}
            return self.stats

    # -- the database's bookkeeping, surviving its errors ---------------------------------------

    def _record(self, write: Callable[[], object]) -> None:
        """One bookkeeping write: now, or — while the database fails — queued for retries."""
        if self._db_error is None and not self._unrecorded:
            try:
                write()
                return
            except StoreError as exc:
                self._db_failed(exc)
        self._unrecorded.append(write)

    def _flush(self) -> bool:
        """Retry the queued writes, oldest first; False while the database still fails."""
        if self._db_error is not None and time.monotonic() < self._db_retry_at:
            return False
        wrote = False
        while self._unrecorded:
            try:
                self._unrecorded[0]()
            except StoreError as exc:
                self._db_failed(exc)
                return False
            self._unrecorded.pop(0)
            wrote = True
        if wrote:  # else the round's claim tells whether the database works again
            self._db_ok()
        return True

    def _db_failed(self, exc: StoreError) -> None:
        mono = time.monotonic()
        if self._db_error is None:
            self._db_error, self._db_since, self._db_delay = str(exc), mono, DB_RETRY_FIRST
            log.warning("database error: %s; retrying", exc)
        else:
            self._db_delay = min(DB_RETRY_MAX, self._db_delay * 2)
            log.debug("database still failing (retry in %gs): %s", self._db_delay, exc)
        self._db_retry_at = mono + self._db_delay

    def _db_ok(self) -> None:
        if self._db_error is not None:
            log.info("database works again after %.0fs: delivery bookkeeping is up to date",
                     time.monotonic() - self._db_since)
            self._db_error = None

    # -- one message -----------------------------------------------------------------------------

    async def _spacing(self, chat_id: int) -> None:
        wait = self._last.get(chat_id, -1e9) + self.per_chat_interval - time.monotonic()
        if wait > 0:
            await asyncio.sleep(wait)

    async def _send(self, b: Batch, names: Mapping[str, str]) -> None:
        async with self._sem:
            ids, chat_id = b.delivery_ids, b.chat.id
            store, now = self.store, self.clock()
            try:
                msg: Message | None = None
                chunks = split_html(render_batch(b, names))
                for i, chunk in enumerate(chunks):
                    await self._spacing(chat_id)
                    markup = mute_markup(b, names) if i == len(chunks) - 1 else None
                    msg = await self._post(chat_id, b.thread_id, chunk, markup)
                    self._last[chat_id] = time.monotonic()
            except RetryAfter as e:
                wait = e.retry_after.total_seconds() if isinstance(e.retry_after, timedelta) else float(e.retry_after)
                self._paused_until = max(self._paused_until, time.monotonic() + wait)
                due = now + timedelta(seconds=wait)
                self._record(lambda: outbox.requeue(store, ids, due, f"RetryAfter {wait:g}s"))
                self.stats.retried += 1
                log.warning("Telegram asked to wait %gs (chat %s)", wait, chat_id)
            except Forbidden as e:
                def drop(reason: str = str(e)) -> None:
                    self.stats.dropped += chats.deactivate(store, chat_id, reason)

                self._record(drop)
                log.info("chat %s is inactive: %s", chat_id, e)
            except ChatMigrated as e:
                new_id = e.new_chat_id
                self._record(lambda: chats.migrate_chat(store, chat_id, new_id))
                self._record(lambda: outbox.requeue(store, ids, now, f"chat migrated to {new_id}"))
                self.stats.migrated += 1
            except (TimedOut, NetworkError) as e:  # TimedOut is a NetworkError; BadRequest is too
                reason = str(e) if isinstance(e, BadRequest) else f"{type(e).__name__}: {e}"
                if isinstance(e, BadRequest):
                    self._record(lambda: outbox.mark_failed(store, ids, reason))
                    self.stats.failed += 1
                    self.metrics.delivery("failed")
                    log.warning("Telegram refused a message to chat %s: %s", chat_id, e)
                else:
                    self._record(lambda: outbox.retry_later(store, ids, now, reason))
                    self.stats.retried += 1
            except Exception as e:  # never leave rows 'sending' behind a surprise
                log.exception("sending to chat %s failed", chat_id)
                reason = f"{type(e).__name__}: {e}"
                self._record(lambda: outbox.retry_later(store, ids, now, reason))
                self.stats.retried += 1
            else:  # Telegram has it: record it, now or (the database failing) as soon as it works
                message_id, sent_at = (msg.message_id if msg else None), self.clock()
                self._record(lambda: outbox.mark_sent(store, ids, message_id, sent_at))
                self.stats.sent += 1
                self.metrics.delivery("sent")

    async def _post(self, chat_id: int, thread_id: int | None, html_text: str,
                    markup: InlineKeyboardMarkup | None = None) -> Message:
        opts = LinkPreviewOptions(is_disabled=True)
        try:
            return await self.bot.send_message(chat_id, html_text, message_thread_id=thread_id,
                                               link_preview_options=opts, reply_markup=markup)
        except BadRequest as e:
            if "parse entities" not in str(e).lower():
                raise
            self.stats.plain_fallbacks += 1
            log.warning("Telegram could not parse a message to chat %s (%s): re-sent as plain text", chat_id, e)
            return await self.bot.send_message(chat_id, html_to_plain(html_text, links=True), message_thread_id=thread_id,
                                               parse_mode=None, link_preview_options=opts, reply_markup=markup)
