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
from claimwatch.outbox import Batch
from claimwatch.store import Store

log = logging.getLogger("claimwatch.bot.delivery")


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
        self.stats = SendStats()

    async def run_once(self) -> SendStats:
        """Send what is due, round after round, until nothing due is sendable (or the budget)."""
        async with self._lock:
            started = time.monotonic()
            while time.monotonic() - started < self.round_budget:
                if time.monotonic() < self._paused_until:
                    break
                mono = time.monotonic()
                recent = [c for c, t in self._last.items() if mono - t < self.per_chat_interval]
                batches = outbox.claim(self.store, self.clock(), limit=self.chats_per_round, exclude=recent)
                if not batches:
                    break
                names = self.topic_names()
                await asyncio.gather(*(self._send(b, names) for b in batches))
            self._last = {c: t for c, t in self._last.items() if time.monotonic() - t < self.per_chat_interval}
            return self.stats

    async def _spacing(self, chat_id: int) -> None:
        wait = self._last.get(chat_id, -1e9) + self.per_chat_interval - time.monotonic()
        if wait > 0:
            await asyncio.sleep(wait)

    async def _send(self, b: Batch, names: Mapping[str, str]) -> None:
        async with self._sem:
            ids, chat_id = b.delivery_ids, b.chat.id
            try:
                msg: Message | None = None
                chunks = split_html(render_batch(b, names))
                for i, chunk in enumerate(chunks):
                    await self._spacing(chat_id)
                    markup = mute_markup(b, names) if i == len(chunks) - 1 else None
                    msg = await self._post(chat_id, b.thread_id, chunk, markup)
                    self._last[chat_id] = time.monotonic()
                outbox.mark_sent(self.store, ids, msg.message_id if msg else None, self.clock())
                self.stats.sent += 1
            except RetryAfter as e:
                wait = e.retry_after.total_seconds() if isinstance(e.retry_after, timedelta) else float(e.retry_after)
                self._paused_until = max(self._paused_until, time.monotonic() + wait)
                outbox.requeue(self.store, ids, self.clock() + timedelta(seconds=wait), f"RetryAfter {wait:g}s")
                self.stats.retried += 1
                log.warning("Telegram asked to wait %gs (chat %s)", wait, chat_id)
            except Forbidden as e:
                self.stats.dropped += chats.deactivate(self.store, chat_id, str(e))
                log.info("chat %s is inactive: %s", chat_id, e)
            except ChatMigrated as e:
                chats.migrate_chat(self.store, chat_id, e.new_chat_id)
                outbox.requeue(self.store, ids, self.clock(), f"chat migrated to {e.new_chat_id}")
                self.stats.migrated += 1
            except (TimedOut, NetworkError) as e:  # TimedOut is a NetworkError; BadRequest is too
                if isinstance(e, BadRequest):
                    outbox.mark_failed(self.store, ids, str(e))
                    self.stats.failed += 1
                    log.warning("Telegram refused a message to chat %s: %s", chat_id, e)
                else:
                    outbox.retry_later(self.store, ids, self.clock(), f"{type(e).__name__}: {e}")
                    self.stats.retried += 1
            except Exception as e:  # never leave rows 'sending' behind a surprise
                log.exception("sending to chat %s failed", chat_id)
                outbox.retry_later(self.store, ids, self.clock(), f"{type(e).__name__}: {e}")
                self.stats.retried += 1

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
