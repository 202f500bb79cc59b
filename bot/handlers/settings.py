"""/settings: language, minimum change, direction, instant or digest, quiet hours, time zone, mutes.

Enumerated choices are inline buttons (``set:<key>:<value>``); numbers and times are arguments::

    /settings min 10%        /settings min 100      /settings min 0
    /settings quiet 22-06    /settings quiet off    /settings tz WITA
    /settings mute banjir    /settings unmute banjir
    /settings concepts killed, missing           /settings concepts all
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.auth import may_change_chat
from bot.handlers.common import args_of, chat_settings, esc, reply
from bot.i18n import concept_name, fmt_number, t
from bot.state import Ctx
from claimwatch import chats
from claimwatch.chats import ChatSettings
from claimwatch.lexicon import ConceptLexicon


def settings_text(ctx: Ctx, c: ChatSettings) -> tuple[str, InlineKeyboardMarkup]:
    lang = c.lang
    mins = [f"{fmt_number(c.min_abs, lang)}" if c.min_abs else "", f"{fmt_number(c.min_pct, lang)}%" if c.min_pct else ""]
    muted = [s.topic for s in chats.subscriptions(ctx.bot_data.svc().store, c.id) if s.muted]
    text = t("settings", lang, language=t(f"lang_{c.lang}", lang), min=" + ".join(m for m in mins if m) or t("none", lang),
             direction=t(f"dir_{c.direction}", lang), mode=t(f"mode_{c.mode}", lang),
             quiet=c.quiet_text() or t("none", lang), tz=esc(c.tz), muted=esc(", ".join(muted)) or t("none", lang),
             concepts=esc(", ".join(concept_name(k, lang) for k in c.concepts)) or t("all_concepts", lang))

    def row(key: str, values: tuple[str, ...], label: str, current: str) -> list[InlineKeyboardButton]:
        return [InlineKeyboardButton(("• " if v == current else "") + t(f"{label}_{v}", lang), callback_data=f"set:{key}:{v}")
                for v in values]

    markup = InlineKeyboardMarkup([
        row("lang", ("id", "en"), "lang", c.lang),
        row("direction", chats.DIRECTIONS, "dir", c.direction),
        row("mode", chats.MODES, "mode", c.mode),
    ])
    return text, markup


def parse_concepts(text: str) -> tuple[tuple[str, ...], list[str]]:
    """``killed, hilang, korban tewas`` → concept keys; ``all``/``semua`` → () (every concept).
    Returns (keys, names not understood)."""
    if text.strip().lower() in ("all", "semua", "*", ""):
        return (), []
    known = ConceptLexicon().keys()
    names = {k: k for k in known} | {concept_name(k, lg).lower(): k for k in known for lg in ("id", "en")}
    keys: list[str] = []
    unknown: list[str] = []
    for part in (p.strip().lower() for p in text.replace(";", ",").split(",")):
        if part:
            (keys.append(names[part]) if part in names else unknown.append(part))
    return tuple(dict.fromkeys(keys)), unknown


def _apply(ctx: Ctx, c: ChatSettings, args: list[str]) -> str | None:
    """Apply ``/settings <key> <value>``; returns an error text or None."""
    store, now, lang = ctx.bot_data.svc().store, ctx.bot_data.clock(), c.lang
    key, rest = args[0].lower(), " ".join(args[1:])
    try:
        if key == "min":
            value = rest.replace(" ", "").replace(",", ".")
            if value.endswith("%"):
                pct = float(value[:-1])
                if not 0 <= pct < 10_000:
                    raise ValueError
                chats.set_setting(store, c.id, now, min_pct=pct)
            else:
                amount = float(value)
                if not 0 <= amount < 1e15:
                    raise ValueError
                chats.set_setting(store, c.id, now, min_abs=amount, **({"min_pct": 0.0} if amount == 0 else {}))
        elif key == "quiet":
            q = chats.parse_quiet(rest)
            chats.set_setting(store, c.id, now, quiet_start=q[0] if q else None, quiet_end=q[1] if q else None)
        elif key == "tz":
            chats.set_setting(store, c.id, now, tz=chats.parse_tz(rest))
        elif key in ("mute", "unmute"):
            if not chats.set_muted(store, c.id, rest.lower(), key == "mute"):
                return t("not_subscribed", lang, name=esc(rest))
        elif key in ("concepts", "concept", "konsep"):
            keys, unknown = parse_concepts(rest)
            if unknown:
                return t("concepts_bad", lang, names=esc(", ".join(unknown)))
            chats.set_setting(store, c.id, now, concepts=keys)
        elif key in ("lang", "direction", "mode"):
            chats.set_setting(store, c.id, now, **{key: rest.lower()})
        else:
            return t("settings_bad", lang, arg=esc(key),
                     hint="min · quiet · tz · mute · unmute · concepts · lang · direction · mode")
    except ValueError as exc:
        hint = t("settings_min_hint", lang) if key == "min" else esc(str(exc))
        return t("settings_bad", lang, arg=esc(rest or key), hint=hint)
    return None


async def settings(update: Update, ctx: Ctx) -> None:
    c = chat_settings(update, ctx)
    args = args_of(ctx)
    if args:
        if not await may_change_chat(update, ctx):
            await reply(update, ctx, t("not_group_admin", c.lang))
            return
        error = _apply(ctx, c, list(args))
        if error:
            await reply(update, ctx, error)
            return
        c = chat_settings(update, ctx)
    text, markup = settings_text(ctx, c)
    await reply(update, ctx, (t("settings_saved", c.lang) + "\n\n" if args else "") + text, markup=markup)


async def settings_button(update: Update, ctx: Ctx, key: str, value: str) -> str | None:
    """A settings button was pressed: apply it and refresh the message; returns a toast text."""
    c = chat_settings(update, ctx)
    if not await may_change_chat(update, ctx):
        return t("not_group_admin", c.lang)
    if key not in ("lang", "direction", "mode"):
        return None
    try:
        c = chats.set_setting(ctx.bot_data.svc().store, c.id, ctx.bot_data.clock(), **{key: value})
    except ValueError as exc:
        return str(exc)
    text, markup = settings_text(ctx, c)
    q = update.callback_query
    if q is not None and q.message is not None:
        await q.edit_message_text(text, reply_markup=markup)
    return t("settings_saved", c.lang)
