"""The Telegram application, built in one place (rules-bot style composition root).

``build_application`` wires: the token and ``base_url`` from config, ``AIORateLimiter``,
``Defaults(parse_mode=HTML)``, the command table, the button and membership handlers, an error
handler; ``post_init`` opens the services (store, HTTP client, monitor — handed in as a factory
by ``claimwatch run``), puts interrupted deliveries back in the queue, rebuilds the jobs from the
store and sets the command menus; ``post_shutdown`` closes the services. ``run_polling`` stops
on SIGINT/SIGTERM within seconds: the sender ends its round, running source runs are cancelled
(``bot.jobs.StoppingJobQueue``) and articles are stored one transaction each, so nothing is
half-written.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from contextlib import AsyncExitStack
from datetime import datetime

from telegram import LinkPreviewOptions, Update
from telegram.constants import ChatMemberStatus, ParseMode
from telegram.error import RetryAfter
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ChatMemberHandler,
    ContextTypes,
    Defaults,
)

from bot.apiwatch import ApiCallback, observed_requests
from bot.commands import register, set_menus
from bot.delivery import Sender
from bot.handlers import admin, settings, user
from bot.handlers.common import chat_settings, lang_of, user_lang
from bot.i18n import t
from bot.jobs import StoppingJobQueue, schedule_all
from bot.state import BotState, Ctx, ServicesFactory
from claimwatch import chats, outbox
from claimwatch.config import Config
from claimwatch.ops.metrics import NO_METRICS, Metrics
from claimwatch.sources import list_topics

log = logging.getLogger("claimwatch.bot")


async def on_button(update: Update, ctx: Ctx) -> None:
    q = update.callback_query
    if q is None or not q.data:
        return
    kind, _, rest = q.data.partition(":")
    toast: str | None = None
    if kind in ("sub", "unsub"):
        toast = await user.change_subscription(update, ctx, rest, kind == "sub")
        if q.message is not None and update.effective_chat is not None:
            text, markup = user.topics_markup(ctx, update.effective_chat.id, lang_of(update, ctx))
            await q.edit_message_text(text, reply_markup=markup)
    elif kind == "set":
        key, _, value = rest.partition(":")
        toast = await settings.settings_button(update, ctx, key, value)
    elif kind == "mute":  # the button under an alert
        toast = await user.mute_button(update, ctx, rest)
    elif kind == "latest":  # /latest's ◀ ▶
        topic, _, page = rest.rpartition(":")
        if q.message is not None and page.isdigit():
            text, markup = user.latest_page(ctx, chat_settings(update, ctx), topic, int(page))
            await q.edit_message_text(text, reply_markup=markup)
    elif kind == "src":
        action, _, token = rest.partition(":")
        from bot.auth import is_bot_admin

        toast = (await admin.addsource_button(update, ctx, action, token) if is_bot_admin(update, ctx)
                 else t("not_admin", lang_of(update, ctx)))
    plain = html.unescape(toast).replace("<b>", "").replace("</b>", "") if toast else None
    await q.answer(plain[:200] if plain else None)


async def on_membership(update: Update, ctx: Ctx) -> None:
    """Early signal that the bot was blocked, kicked or added back."""
    m = update.my_chat_member
    if m is None:
        return
    store = ctx.bot_data.svc().store
    status = m.new_chat_member.status
    if status in (ChatMemberStatus.BANNED, ChatMemberStatus.LEFT):
        chats.deactivate(store, m.chat.id, f"bot {status}")
    elif chats.get_chat(store, m.chat.id) is not None:
        chats.activate(store, m.chat.id)


async def on_error(update: object, ctx: Ctx) -> None:
    log.error("error while handling an update", exc_info=ctx.error)
    if isinstance(update, Update) and update.effective_message is not None:
        try:
            # the user's own language: the chat's settings live in the store, which may be what failed
            await update.effective_message.reply_text(t("internal_error", user_lang(update)), do_quote=False)
        except Exception:  # the error reply is best effort
            log.debug("could not send the error reply", exc_info=True)


SAFETY = 0.95  # stay a little under the limits: Telegram counts in its own windows


def smooth_rate_limiter(per_second: float, group_per_minute: float) -> AIORateLimiter:
    """``AIORateLimiter`` tuned so that no sliding window ever exceeds Telegram's limits.

    Its limits are leaky buckets: a bucket of ``c`` tokens leaking ``r`` per second lets
    ``c + r·W`` requests through in any window of ``W`` seconds. The library's default (30 tokens
    per second) therefore allows about 60 in one sliding second, which Telegram answers with
    429s. Overall: one token refilled at 95 % of the rate (an even stream). Groups: half the
    per-minute limit as a burst (command replies stay snappy) and half as the refill, so a
    minute never holds more than the limit.
    """
    half = max(1.0, group_per_minute * SAFETY / 2)
    return AIORateLimiter(overall_max_rate=1, overall_time_period=1.0 / (per_second * SAFETY),
                          group_max_rate=half, group_time_period=60.0)


class RateLimitOneLine(logging.Filter):
    """PTB's ``AIORateLimiter`` logs every 429 it passes on with a full traceback; the sender
    handles ``RetryAfter`` itself (the message waits as told), so one warning line is enough."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        if isinstance(exc, RetryAfter):
            record.msg, record.args = "Telegram rate limit (429): retry after %s s", (exc.retry_after,)
            record.exc_info, record.exc_text = None, None
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


def quiet_rate_limit_tracebacks() -> None:
    rl_log = logging.getLogger("telegram.ext.AIORateLimiter")
    if not any(isinstance(f, RateLimitOneLine) for f in rl_log.filters):
        rl_log.addFilter(RateLimitOneLine())


def build_application(cfg: Config, token: str, services: ServicesFactory, *,
                      clock: Callable[[], datetime] | None = None, on_api_call: ApiCallback | None = None,
                      metrics: Metrics = NO_METRICS) -> Application:  # type: ignore[type-arg]
    tg = cfg.telegram
    quiet_rate_limit_tracebacks()
    requests = observed_requests(on_api_call or (lambda _method, _status, _seconds: None))  # ops: last contact

    async def post_init(app: Application) -> None:  # type: ignore[type-arg]
        state: BotState = app.bot_data
        stack = AsyncExitStack()
        state.services = await stack.enter_async_context(services())
        state.closers.append(stack.aclose)
        store = state.svc().store
        if n := outbox.recover(store):
            log.info("%d delivery(ies) were in flight at the last stop: sending them again", n)
        state.sender = Sender(app.bot, store, clock=state.clock,
                              topic_names=lambda: {tp.id: tp.name for tp in list_topics(store)},
                              per_chat_interval=tg.per_chat_interval)
        state.sender.metrics = metrics  # ops: deliveries by outcome
        schedule_all(app, state)
        await set_menus(app, tg.admins)

    async def post_shutdown(app: Application) -> None:  # type: ignore[type-arg]
        state: BotState = app.bot_data
        if state.sender is not None:
            state.sender.close()  # what it sent and could not record yet: one last try
        for close in reversed(state.closers):
            await close()
        state.services = None

    app = (
        ApplicationBuilder()
        .token(token)
        .base_url(tg.base_url)
        .request(requests[0])
        .get_updates_request(requests[1])
        .rate_limiter(smooth_rate_limiter(tg.rate_limit, tg.group_rate_limit))
        .defaults(Defaults(parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)))
        .context_types(ContextTypes(bot_data=BotState))
        .post_init(post_init)
        .post_shutdown(post_shutdown)
        .job_queue(StoppingJobQueue())  # stops within seconds: running source runs are cancelled
        .build()
    )
    state: BotState = app.bot_data
    state.cfg = cfg
    if clock is not None:
        state.clock = clock
    register(app)
    app.add_handler(CallbackQueryHandler(on_button))
    app.add_handler(ChatMemberHandler(on_membership, ChatMemberHandler.MY_CHAT_MEMBER))
    app.add_error_handler(on_error)
    return app
