"""Who may do what. Bot admins: user ids in ``telegram.admins``, nobody else whatever their rank
in a group. A group's subscriptions and settings: only its administrators (``getChatMember``),
including anonymous administrators (messages sent on behalf of the group itself)."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import TelegramError

from bot.state import Ctx

GROUP_ANONYMOUS_BOT = 1087968824  # the "from" of messages sent by anonymous group admins


def is_bot_admin(update: Update, ctx: Ctx) -> bool:
    user = update.effective_user
    cfg = ctx.bot_data.cfg
    return bool(user and cfg and user.id in cfg.telegram.admins and user.id != GROUP_ANONYMOUS_BOT)


async def may_change_chat(update: Update, ctx: Ctx) -> bool:
    """True in private chats; in groups only for the group's administrators."""
    chat, user, msg = update.effective_chat, update.effective_user, update.effective_message
    if chat is None or chat.type == ChatType.PRIVATE:
        return True
    if msg is not None and msg.sender_chat is not None and msg.sender_chat.id == chat.id:
        return True  # an anonymous administrator speaking as the group
    if user is None or user.id == GROUP_ANONYMOUS_BOT:
        return False
    try:
        member = await ctx.bot.get_chat_member(chat.id, user.id)
    except TelegramError:
        return False
    return member.status in (ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR)
