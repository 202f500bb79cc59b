"""The one command table. It drives handler registration, the command menus (``setMyCommands``
per language; admin commands only in the admins' own chats) and ``/help``."""

from __future__ import annotations

import difflib
import html
import logging
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from telegram import BotCommand, BotCommandScopeChat, Update
from telegram.error import TelegramError
from telegram.ext import Application, CommandHandler, MessageHandler, filters

from bot.auth import is_bot_admin
from bot.handlers import admin, settings, user
from bot.handlers.common import lang_of, reply
from bot.handlers.export import export
from bot.i18n import t
from bot.state import Ctx

log = logging.getLogger("claimwatch.bot")

Handler = Callable[[Update, Ctx], Coroutine[Any, Any, None]]


@dataclass(frozen=True, slots=True)
class Command:
    name: str
    handler: Handler
    id: str  # description in Indonesian
    en: str  # description in English
    admin: bool = False  # only user ids in telegram.admins

    def description(self, lang: str) -> str:
        return self.id if lang == "id" else self.en


async def help_command(update: Update, ctx: Ctx) -> None:
    lang = lang_of(update, ctx)
    lines = [t("help_head", lang)] + [f"/{c.name} — {c.description(lang)}" for c in COMMANDS if not c.admin]
    if is_bot_admin(update, ctx):
        lines += ["", t("help_admin_head", lang)] + [f"/{c.name} — {c.description(lang)}" for c in COMMANDS if c.admin]
    await reply(update, ctx, "\n".join(lines))


COMMANDS: tuple[Command, ...] = (
    Command("start", user.start, "mulai dan pilih bahasa", "start and see what the bot does"),
    Command("help", help_command, "daftar perintah", "list of commands"),
    Command("topics", user.topics, "topik yang bisa diikuti", "topics you can follow"),
    Command("subscribe", user.subscribe, "ikuti topik: /subscribe ID", "follow a topic: /subscribe ID"),
    Command("unsubscribe", user.unsubscribe, "berhenti mengikuti topik", "stop following a topic"),
    Command("mysubs", user.mysubs, "langganan obrolan ini", "this chat's subscriptions"),
    Command("latest", user.latest, "angka terkini per seri: /latest ID", "current figure per series: /latest ID"),
    Command("history", user.history, "riwayat angka dan grafik: /history ID KONSEP",
            "a series' timeline and chart: /history ID CONCEPT"),
    Command("export", export, "unduh angka topik (CSV/JSON): /export ID [json]",
            "download a topic's figures (CSV/JSON): /export ID [json]"),
    Command("snooze", user.snooze, "tunda peringatan: /snooze 2h · /snooze off",
            "pause alerts: /snooze 2h · /snooze off"),
    Command("settings", settings.settings, "bahasa, ambang, ringkasan, jam tenang",
            "language, thresholds, digests, quiet hours"),
    Command("addtopic", admin.addtopic, "tambah topik: /addtopic ID NAMA", "add a topic: /addtopic ID NAME", admin=True),
    Command("keywords", admin.keywords, "kata kunci topik: /keywords ID kw1, kw2", "topic keywords: /keywords ID kw1, kw2", admin=True),
    Command("removetopic", admin.removetopic, "hapus topik", "remove a topic", admin=True),
    Command("addsource", admin.addsource, "tambah sumber: /addsource URL TOPIK [jenis]",
            "add a source: /addsource URL TOPIC [kind]", admin=True),
    Command("removesource", admin.removesource, "hapus sumber", "remove a source", admin=True),
    Command("sources", admin.sources, "sumber dan kesehatannya", "sources and their health", admin=True),
    Command("pause", admin.pause, "jeda sumber atau topik", "pause a source or topic", admin=True),
    Command("resume", admin.resume, "lanjutkan sumber atau topik", "resume a source or topic", admin=True),
    Command("scan", admin.scan, "pindai sekarang: /scan [ID]", "scan now: /scan [ID]", admin=True),
    Command("stats", admin.stats, "statistik", "statistics", admin=True),
)


def _guarded(cmd: Command) -> Handler:
    async def run(update: Update, ctx: Ctx) -> None:
        if cmd.admin and not is_bot_admin(update, ctx):
            await reply(update, ctx, t("not_admin", lang_of(update, ctx)))
            return
        await cmd.handler(update, ctx)
    run.__name__ = f"cmd_{cmd.name}"
    return run


async def unknown_command(update: Update, ctx: Ctx) -> None:
    """Any other /command: say so, with the closest known command."""
    msg = update.effective_message
    word = ((msg.text or "") if msg else "").split()[0][1:] if msg and msg.text else ""
    name = word.split("@", 1)[0].lower()
    lang = lang_of(update, ctx)
    names = [c.name for c in COMMANDS if not c.admin or is_bot_admin(update, ctx)]
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
    hint = t("did_you_mean", lang, cmd=close[0]) if close else ""
    await reply(update, ctx, t("unknown_command", lang, cmd=html.escape(name[:40]), hint=hint))


async def free_text(update: Update, ctx: Ctx) -> None:
    """Text that is no command, in a private chat: point to /help (groups stay quiet)."""
    await reply(update, ctx, t("free_text", lang_of(update, ctx)))


def register(app: Application) -> None:  # type: ignore[type-arg]
    for cmd in COMMANDS:
        app.add_handler(CommandHandler(cmd.name, _guarded(cmd)))
    # after every known command: the rest gets an answer, never silence
    app.add_handler(MessageHandler(filters.COMMAND, unknown_command))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND & filters.ChatType.PRIVATE, free_text))


async def set_menus(app: Application, admins: tuple[int, ...]) -> None:  # type: ignore[type-arg]
    """Command menus: users' commands per language; all commands in each admin's private chat."""
    public = [c for c in COMMANDS if not c.admin]
    try:
        await app.bot.set_my_commands([BotCommand(c.name, c.en) for c in public])
        for lang in ("id", "en"):
            await app.bot.set_my_commands([BotCommand(c.name, c.description(lang)) for c in public], language_code=lang)
        for admin_id in admins:
            await app.bot.set_my_commands([BotCommand(c.name, c.en) for c in COMMANDS],
                                          scope=BotCommandScopeChat(admin_id))
    except TelegramError as exc:  # menus are a convenience: never fatal
        log.warning("could not set the command menus: %s", exc)
