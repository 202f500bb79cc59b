"""Helpers shared by the handlers: the chat's settings and language, replies, argument parsing."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatType

from bot.htmlsplit import split_html
from bot.i18n import t
from bot.state import Ctx
from claimwatch.chats import ChatSettings, get_chat, touch_chat
from claimwatch.sources import TopicRow, list_topics


def esc(value: object) -> str:
    return html.escape(str(value), quote=False)


def user_lang(update: Update) -> str:
    code = (update.effective_user.language_code or "") if update.effective_user else ""
    return "id" if code.lower().startswith(("id", "in", "ms")) else "en"


def chat_settings(update: Update, ctx: Ctx) -> ChatSettings:
    """The chat's settings, creating the chat on first contact (language from the user's
    Telegram language) and reactivating a chat that had blocked or removed the bot."""
    store = ctx.bot_data.svc().store
    chat = update.effective_chat
    assert chat is not None
    known = get_chat(store, chat.id)
    if known is not None and known.active:
        return known
    title = chat.title or chat.full_name
    return touch_chat(store, chat.id, ctx.bot_data.clock(), type=chat.type, title=title,
                      lang=known.lang if known else user_lang(update))


def lang_of(update: Update, ctx: Ctx) -> str:
    return chat_settings(update, ctx).lang


async def reply(update: Update, ctx: Ctx, text: str, *, markup: InlineKeyboardMarkup | None = None) -> Message | None:
    """Answer in the chat (and forum thread) the command came from; long texts are split."""
    msg = update.effective_message
    if msg is None:
        return None
    chunks = split_html(text)
    last: Message | None = None
    for i, chunk in enumerate(chunks):
        last = await msg.reply_text(chunk, reply_markup=markup if i == len(chunks) - 1 else None,
                                    do_quote=False)
    return last


async def say(update: Update, ctx: Ctx, key: str, **kw: Any) -> Message | None:
    return await reply(update, ctx, t(key, lang_of(update, ctx), **kw))


def topic_by_id(ctx: Ctx, topic_id: str) -> TopicRow | None:
    return next((x for x in list_topics(ctx.bot_data.svc().store) if x.id == topic_id), None)


def thread_of(update: Update) -> int | None:
    msg = update.effective_message
    if msg is None or update.effective_chat is None or update.effective_chat.type == ChatType.PRIVATE:
        return None
    return msg.message_thread_id if msg.is_topic_message else None


def args_of(ctx: Ctx) -> Sequence[str]:
    return list(ctx.args or [])
