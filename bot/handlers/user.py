"""User commands: /start, /topics, /subscribe, /unsubscribe, /mysubs, /latest, /history, /snooze."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.auth import may_change_chat
from bot.handlers.common import (
    args_of,
    chat_settings,
    esc,
    lang_of,
    reply,
    say,
    thread_of,
    topic_by_id,
)
from bot.i18n import concept_name, fmt_when, t
from bot.render import latest_pages, render_history, render_latest
from bot.state import Ctx
from claimwatch import chats
from claimwatch.sources import list_topics
from claimwatch.store.queries import latest_per_series, series_history


async def start(update: Update, ctx: Ctx) -> None:
    settings = chat_settings(update, ctx)
    text = t("start", settings.lang)
    user = update.effective_user
    if user is not None and settings.type == "private":  # what telegram.admins needs
        text += "\n\n" + t("start_your_id", settings.lang, id=user.id)
    await reply(update, ctx, text)


def topics_markup(ctx: Ctx, chat_id: int, lang: str) -> tuple[str, InlineKeyboardMarkup | None]:
    store = ctx.bot_data.svc().store
    topics = list_topics(store)
    if not topics:
        return t("topics_none", lang), None
    mine = {s.topic for s in chats.subscriptions(store, chat_id)}
    lines = [t("topics_head", lang)]
    buttons = []
    for tp in topics:
        sub = tp.id in mine
        lines.append(t("topic_line", lang, mark="✅" if sub else "▫️", id=esc(tp.id), name=esc(tp.name),
                       paused=t("paused", lang) if tp.paused else ""))
        buttons.append([InlineKeyboardButton(t("btn_unsub" if sub else "btn_sub", lang, id=tp.id),
                                             callback_data=f"{'unsub' if sub else 'sub'}:{tp.id}")])
    return "\n".join(lines), InlineKeyboardMarkup(buttons)


async def topics(update: Update, ctx: Ctx) -> None:
    settings = chat_settings(update, ctx)
    text, markup = topics_markup(ctx, settings.id, settings.lang)
    await reply(update, ctx, text, markup=markup)


async def change_subscription(update: Update, ctx: Ctx, topic_id: str, on: bool) -> str:
    """Subscribe or unsubscribe this chat; returns the answer text (refusals included)."""
    settings = chat_settings(update, ctx)
    lang = settings.lang
    if not await may_change_chat(update, ctx):
        return t("not_group_admin", lang)
    tp = topic_by_id(ctx, topic_id)
    if tp is None:
        return t("no_topic", lang, topic=esc(topic_id))
    store, now = ctx.bot_data.svc().store, ctx.bot_data.clock()
    name = esc(tp.name)
    if on:
        thread = thread_of(update)
        if not chats.subscribe(store, settings.id, tp.id, now, thread_id=thread):
            return t("already_subscribed", lang, name=name)
        return t("subscribed_thread" if thread else "subscribed", lang, name=name)
    return t("unsubscribed" if chats.unsubscribe(store, settings.id, tp.id) else "not_subscribed", lang, name=name)


async def subscribe(update: Update, ctx: Ctx) -> None:
    args = args_of(ctx)
    if len(args) != 1:
        await say(update, ctx, "usage", usage="/subscribe &lt;topic-id&gt;")
        return
    await reply(update, ctx, await change_subscription(update, ctx, args[0].lower(), True))


async def unsubscribe(update: Update, ctx: Ctx) -> None:
    args = args_of(ctx)
    if len(args) != 1:
        await say(update, ctx, "usage", usage="/unsubscribe &lt;topic-id&gt;")
        return
    await reply(update, ctx, await change_subscription(update, ctx, args[0].lower(), False))


async def mysubs(update: Update, ctx: Ctx) -> None:
    settings = chat_settings(update, ctx)
    lang = settings.lang
    subs = chats.subscriptions(ctx.bot_data.svc().store, settings.id)
    if not subs:
        await reply(update, ctx, t("mysubs_none", lang))
        return
    names = {tp.id: tp.name for tp in list_topics(ctx.bot_data.svc().store)}
    lines = [t("mysubs_head", lang)]
    for s in subs:
        extra = (t("muted", lang) if s.muted else "") + (t("thread", lang, thread=s.thread_id) if s.thread_id else "")
        lines.append(f"• <code>{esc(s.topic)}</code> — {esc(names.get(s.topic, s.topic))}{extra}")
    await reply(update, ctx, "\n".join(lines))


def latest_page(ctx: Ctx, chat: chats.ChatSettings, topic_id: str, page: int) -> tuple[str, InlineKeyboardMarkup | None]:
    """One page of /latest, with ◀ ▶ buttons when the topic has more series than a page holds."""
    tp = topic_by_id(ctx, topic_id)
    if tp is None:
        return t("no_topic", chat.lang, topic=esc(topic_id)), None
    series = latest_per_series(ctx.bot_data.svc().store, tp.id)
    pages = latest_pages(series)
    page = min(max(page, 1), pages)
    text = render_latest(tp.id, tp.name, series, chat.lang, tz=chat.zone, page=page)
    if pages == 1:
        return text, None
    buttons = ([InlineKeyboardButton("◀", callback_data=f"latest:{tp.id}:{page - 1}")] if page > 1 else []) + (
        [InlineKeyboardButton("▶", callback_data=f"latest:{tp.id}:{page + 1}")] if page < pages else [])
    return text, InlineKeyboardMarkup([buttons])


async def latest(update: Update, ctx: Ctx) -> None:
    args = args_of(ctx)
    chat = chat_settings(update, ctx)
    if len(args) not in (1, 2) or (len(args) == 2 and not args[1].isdigit()):
        await say(update, ctx, "usage", usage="/latest &lt;topic-id&gt; [page]")
        return
    text, markup = latest_page(ctx, chat, args[0].lower(), int(args[1]) if len(args) == 2 else 1)
    await reply(update, ctx, text, markup=markup)


async def snooze(update: Update, ctx: Ctx) -> None:
    """/snooze 2h: no alerts for that long (1 minute to 7 days); /snooze off ends it."""
    from claimwatch.config import parse_duration

    chat = chat_settings(update, ctx)
    args = args_of(ctx)
    if not await may_change_chat(update, ctx):
        await reply(update, ctx, t("not_group_admin", chat.lang))
        return
    store, now = ctx.bot_data.svc().store, ctx.bot_data.clock()
    if len(args) == 1 and args[0].lower() in ("off", "mati", "batal"):
        chats.set_setting(store, chat.id, now, snoozed_until=None)
        await say(update, ctx, "snooze_off")
        return
    try:
        seconds = parse_duration(args[0]) if len(args) == 1 else 0.0
    except ValueError:
        seconds = 0.0
    if not 60 <= seconds <= 7 * 86400:
        await say(update, ctx, "snooze_usage")
        return
    until = now + timedelta(seconds=seconds)
    chats.set_setting(store, chat.id, now, snoozed_until=until)
    await say(update, ctx, "snoozed", until=esc(fmt_when(until, chat.lang, chat.zone)))


async def history(update: Update, ctx: Ctx) -> None:
    from bot.chart import history_chart

    args = args_of(ctx)
    lang = lang_of(update, ctx)
    if len(args) < 2:
        await say(update, ctx, "usage", usage="/history &lt;topic-id&gt; &lt;concept&gt;")
        return
    topic_id, asked = args[0].lower(), " ".join(args[1:]).lower()
    tp = topic_by_id(ctx, topic_id)
    if tp is None:
        await reply(update, ctx, t("no_topic", lang, topic=esc(topic_id)))
        return
    store = ctx.bot_data.svc().store
    known = [r["what"] for r in store.rows("SELECT DISTINCT what FROM series WHERE topic = ? ORDER BY what", (tp.id,))]
    # the concept key ("killed") or its name in either language ("korban tewas", "killed")
    names = {k: k for k in known} | {concept_name(k, lg).lower(): k for k in known for lg in ("id", "en")}
    what = names.get(asked) or names.get(asked.replace("_", " ")) or asked.replace(" ", "_")
    rows = series_history(store, tp.id, what)
    if not rows:
        avail = ", ".join(f"<code>{esc(k)}</code> ({esc(concept_name(k, lang))})" for k in known) or "—"
        await reply(update, ctx, t("history_none", lang, topic=esc(tp.id), what=esc(asked)) + "\n"
                    + t("history_known", lang, concepts=avail))
        return
    await reply(update, ctx, render_history(tp.id, what, rows, lang))
    title = f"{concept_name(what, lang)} — {tp.name}"
    png = await asyncio.to_thread(history_chart, title, rows, lang)  # off the event loop
    msg = update.effective_message
    if msg is not None:
        await msg.reply_photo(png, caption=t("history_caption", lang, what=esc(concept_name(what, lang)), topic=esc(tp.name)),
                              do_quote=False)


async def mute_button(update: Update, ctx: Ctx, topic_id: str) -> str:
    """"Mute this topic" under an alert: the chat stops getting the topic's alerts."""
    chat = chat_settings(update, ctx)
    if not await may_change_chat(update, ctx):
        return t("not_group_admin", chat.lang)
    if not chats.set_muted(ctx.bot_data.svc().store, chat.id, topic_id, True):
        return t("not_subscribed", chat.lang, name=esc(topic_id))
    tp = topic_by_id(ctx, topic_id)
    return t("muted_toast", chat.lang, topic=esc(tp.name if tp else topic_id), id=esc(topic_id))
