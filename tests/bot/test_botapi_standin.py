"""The stand-in Bot API server, driven by python-telegram-bot itself over real HTTP."""

from __future__ import annotations

import asyncio
import functools
import struct
import time
import warnings
import zlib
from collections.abc import AsyncIterator, Iterator
from datetime import timedelta

import pytest
import pytest_asyncio
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeChat,
    CallbackQuery,
    ChatMemberBanned,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
)
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Conflict,
    EndPointNotFound,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TimedOut,
)
from telegram.ext import ApplicationBuilder
from telegram.request import HTTPXRequest

from tests.support import botapi
from tests.support.botapi import GROUP_ANONYMOUS_BOT_ID, FakeBotAPI
from tests.support.botapi_html import HTMLEntityError, parse_html

pytestmark = pytest.mark.filterwarnings(  # RetryAfter.retry_after: int now, timedelta later
    "ignore:.*retry_after.*:telegram.warnings.PTBDeprecationWarning"
)
HTML = ParseMode.HTML
USER = 42
GROUP = -1001234567890


@pytest.fixture
def api() -> Iterator[FakeBotAPI]:
    with FakeBotAPI() as server:
        server.add_chat(USER)
        yield server


def make_bot(api: FakeBotAPI, token: str | None = None) -> Bot:
    """A Bot talking to the stand-in. Certificate checks are off only because loading the CA
    bundle costs ~20 ms per HTTP client (a Bot has two) and nothing here speaks TLS."""
    return Bot(
        token or api.token,
        base_url=api.base_url,
        request=HTTPXRequest(httpx_kwargs={"verify": False}),
        get_updates_request=HTTPXRequest(httpx_kwargs={"verify": False}),
    )


@pytest_asyncio.fixture
async def bot(api: FakeBotAPI) -> AsyncIterator[Bot]:
    async with make_bot(api) as b:
        yield b


def seconds(exc: RetryAfter) -> float:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # PTB 22 deprecates the int form
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw))
            + chunk(b"IEND", b""))  # fmt: skip


# ---- getMe, sendMessage ----------------------------------------------------------------------
async def test_get_me_parses_and_initializes(api: FakeBotAPI, bot: Bot) -> None:
    me = await bot.get_me()
    assert (me.id, me.is_bot, me.username) == (123456, True, "claimwatch_test_bot")
    assert me.can_join_groups is True and me.can_read_all_group_messages is False
    assert me.supports_inline_queries is False
    app = ApplicationBuilder().token(api.token).base_url(api.base_url).build()
    async with app:  # Application.initialize -> Bot.initialize -> getMe
        assert app.bot.username == "claimwatch_test_bot"
    assert api.calls["getMe"] == 3


async def test_send_message_round_trip_with_html(api: FakeBotAPI, bot: Bot) -> None:
    source = (
        '<b>Korban</b> naik ke <i>12.000</i> &amp; <a href="https://x.id/?a=1&amp;b=2">sumber</a>'
    )
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Mute", callback_data="mute:7")]])
    msg = await bot.send_message(
        USER, source, parse_mode=HTML, reply_markup=keyboard, disable_notification=True,
        link_preview_options=LinkPreviewOptions(is_disabled=True), message_thread_id=5,
    )  # fmt: skip
    assert msg.text == "Korban naik ke 12.000 & sumber"
    assert msg.text_html == source.replace("&amp;b=2", "&b=2")  # PTB does not escape hrefs
    assert [e.type for e in msg.entities] == ["bold", "italic", "text_link"]
    assert msg.entities[2].url == "https://x.id/?a=1&b=2"
    assert msg.from_user is not None and msg.from_user.is_bot
    assert abs(msg.date.timestamp() - time.time()) < 5  # seconds, not milliseconds
    [sent] = api.messages_to(USER)
    assert (sent.method, sent.chat_id, sent.message_id, sent.text) == (
        "sendMessage",
        USER,
        msg.message_id,
        source,
    )
    assert (sent.parse_mode, sent.thread_id, sent.photo) == ("HTML", 5, None)
    assert sent.reply_markup == {"inline_keyboard": [[{"text": "Mute", "callback_data": "mute:7"}]]}
    assert sent.params["disable_notification"] == "true"
    assert sent.params["link_preview_options"] == '{"is_disabled": true}'
    second = await bot.send_message(USER, "plain & simple")  # no parse mode: no entity check
    assert second.message_id == msg.message_id + 1


# ---- the HTML entity checker -----------------------------------------------------------------
VALID = [
    ("<b>b</b> <i>i</i> <u>u</u> <s>s</s>", "b i u s"),
    ("<strong>a</strong><em>b</em><ins>c</ins><strike>d</strike><del>e</del>", "abcde"),
    ('<span class="tg-spoiler">x</span><tg-spoiler>y</tg-spoiler>', "xy"),
    ('<a href="https://e.com/?a=1&amp;b=2">link</a>', "link"),
    ('<pre><code class="language-python">x = 1</code></pre>', "x = 1"),
    ("<blockquote expandable>q</blockquote><blockquote>r</blockquote>", "qr"),
    ('<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>', "👍"),
    ("1 &lt; 2 &gt; 0 &amp; &quot;q&quot; &#65;&#x42;", '1 < 2 > 0 & "q" AB'),
    ("<b>nested <i>fine</i> <u><s>deep</s></u></b>", "nested fine deep"),
    ("a > b, <B>upper</B> <b>x</b >", "a > b, upper x"),
]
INVALID = [
    ("<div>x</div>", 'Unsupported start tag "div" at byte offset 0'),
    ("café <br>", 'Unsupported start tag "br" at byte offset 6'),  # offsets count UTF-8 bytes
    ("a < b", 'Unsupported start tag "" at byte offset 2'),
    ("<b>open", 'Can\'t find end tag corresponding to start tag "b"'),
    ("x</b>", "Unexpected end tag at byte offset 1"),
    ("<b><i>x</b></i>", 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'),
    ("Q&A", "Character entity expected at byte offset 1"),
    ("&nbsp;", 'Unsupported HTML entity "&nbsp;" at byte offset 0'),
    ("<span>x</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
    ('<a href="x', "Unclosed start tag at byte offset 0"),
    ("<tg-emoji>x</tg-emoji>", "Invalid custom emoji identifier specified"),
    (
        "<b class>x</b>",
        'Expected equal sign in declaration of an attribute of the tag "b" at byte offset 0',
    ),
]


@pytest.mark.parametrize(("source", "expected"), VALID)
async def test_html_accepted(bot: Bot, source: str, expected: str) -> None:
    msg = await bot.send_message(USER, source, parse_mode=HTML)
    assert msg.text == expected == parse_html(source).text


@pytest.mark.parametrize(("source", "expected"), INVALID)
async def test_html_rejected_like_telegram(bot: Bot, source: str, expected: str) -> None:
    with pytest.raises(HTMLEntityError) as direct:
        parse_html(source)
    assert str(direct.value) == expected
    with pytest.raises(BadRequest) as over_http:
        await bot.send_message(USER, source, parse_mode=HTML)
    # PTB strips "Bad Request: " and capitalizes what is left
    assert over_http.value.message == f"Can't parse entities: {expected}".capitalize()


def test_html_entities_count_utf16_and_lenient_mode() -> None:
    parsed = parse_html("😀 <b>é😀</b>")
    assert parsed.entities == [{"offset": 3, "length": 3, "type": "bold"}]
    assert parse_html("Q&A &nbsp &copy;", strict=False).text == "Q&A &nbsp &copy;"  # like Telegram


async def test_length_limits(api: FakeBotAPI, bot: Bot) -> None:
    await bot.send_message(USER, "😀" * 2048)  # 4096 UTF-16 code units
    await bot.send_message(USER, "<b>" + "x" * 4096 + "</b>", parse_mode=HTML)  # tags don't count
    for too_long, mode in [("x" * 4097, None), ("😀" * 2049, None), ("&amp;" * 4097, HTML)]:
        with pytest.raises(BadRequest, match="Message is too long"):
            await bot.send_message(USER, too_long, parse_mode=mode)
    for empty in ["<b></b>", "  "]:
        with pytest.raises(BadRequest, match="Message text is empty"):
            await bot.send_message(USER, empty, parse_mode=HTML)
    with pytest.raises(BadRequest, match="Message caption is too long"):
        await bot.send_photo(USER, png(1, 1), caption="<i>" + "c" * 1025 + "</i>", parse_mode=HTML)
    assert len(api.sent) == 2 and api.errors_returned[400] == 6


# ---- faults ----------------------------------------------------------------------------------
async def test_faults_map_to_ptb_exceptions(api: FakeBotAPI, bot: Bot) -> None:
    api.add_chat(-555, "group", title="Old group")
    api.inject("sendMessage", botapi.TooManyRequests(7))
    with pytest.raises(RetryAfter) as flood:
        await bot.send_message(USER, "a")
    assert seconds(flood.value) == 7
    api.inject("sendMessage", botapi.Forbidden(), chat_id=USER)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(USER, "a")
    api.inject("sendMessage", botapi.BadRequest("message thread not found"))
    with pytest.raises(BadRequest, match="Message thread not found"):
        await bot.send_message(USER, "a")
    api.inject("sendMessage", botapi.Migrated(GROUP))
    with pytest.raises(ChatMigrated) as migrated:
        await bot.send_message(-555, "a")
    assert migrated.value.new_chat_id == GROUP
    with pytest.raises(ChatMigrated):  # the old id stays upgraded, as on Telegram
        await bot.send_message(-555, "again")
    moved = await bot.send_message(GROUP, "a")
    assert (moved.chat.type, moved.chat.title) == ("supergroup", "Old group")
    api.inject("sendMessage", botapi.Drop())
    with pytest.raises(NetworkError, match="RemoteProtocolError"):
        await bot.send_message(USER, "a")
    api.inject("sendMessage", botapi.Slow(0.4))
    with pytest.raises(TimedOut):
        await bot.send_message(USER, "slow", read_timeout=0.1)
    await api.wait_for_async(lambda sent: sent[-1].text == "slow", timeout=2)  # delivered anyway
    assert api.errors_returned == {429: 1, 403: 1, 400: 3}


async def test_fault_targeting_and_unknowns(api: FakeBotAPI, bot: Bot) -> None:
    api.add_chat(43)
    api.inject("sendmessage", botapi.Forbidden(), chat_id=43, times=2)
    await bot.send_message(USER, "unaffected")
    for _ in range(2):
        with pytest.raises(Forbidden):
            await bot.send_message(43, "x")
    await bot.send_message(43, "third time lucky")
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message(999, "x")
    with pytest.raises(EndPointNotFound):
        await bot.do_api_request("getClaims", {"chat_id": USER})
    assert api.calls["getClaims"] == 1 and api.errors_returned[404] == 1


async def test_wrong_token_is_invalid_token(api: FakeBotAPI) -> None:
    with pytest.raises(InvalidToken):
        async with make_bot(api, "654321:WRONG"):
            pass
    assert api.errors_returned[401] == 1


# ---- updates ---------------------------------------------------------------------------------
async def test_get_updates_long_polls(api: FakeBotAPI, bot: Bot) -> None:
    asyncio.get_running_loop().call_later(
        0.1, functools.partial(api.user_says, "halo", chat_id=USER, user_id=USER)
    )
    started = time.monotonic()
    [update] = await bot.get_updates(timeout=5)
    assert time.monotonic() - started < 1.0
    assert update.message is not None and update.message.text == "halo"
    started = time.monotonic()
    assert await bot.get_updates(offset=update.update_id + 1, timeout=1) == ()
    assert 0.9 <= time.monotonic() - started < 2.0


async def test_offsets_confirm_updates(api: FakeBotAPI, bot: Bot) -> None:
    ids = [api.user_says(f"m{i}", chat_id=USER, user_id=USER) for i in range(3)]
    assert [u.update_id for u in await bot.get_updates()] == ids
    assert [u.update_id for u in await bot.get_updates(limit=1)] == ids[:1]
    assert [u.update_id for u in await bot.get_updates(offset=ids[1])] == ids[1:]
    assert [u.update_id for u in await bot.get_updates()] == ids[1:]  # ids[0] is confirmed
    assert await bot.get_updates(offset=ids[2] + 1) == ()
    assert (await bot.get_webhook_info()).pending_update_count == 0
    assert await bot.delete_webhook()


async def test_group_messages_commands_topics_anonymous_admins(api: FakeBotAPI, bot: Bot) -> None:
    api.add_chat(GROUP, "supergroup", title="Desk", is_forum=True)
    api.user_says("/watch@claimwatch_test_bot banjir", chat_id=GROUP, user_id=7, thread_id=3,
                  language_code="id", first_name="Sari")  # fmt: skip
    api.user_says("/pause", chat_id=GROUP, user_id=9, sender_chat_id=GROUP)
    first, second = [u.message for u in await bot.get_updates()]
    assert first is not None and second is not None
    assert first.parse_entities() and first.entities[0].length == len("/watch@claimwatch_test_bot")
    assert (first.message_thread_id, first.is_topic_message, first.chat.is_forum) == (3, True, True)
    assert first.from_user is not None and first.from_user.language_code == "id"
    assert first.from_user.first_name == "Sari"
    assert second.from_user is not None and second.from_user.id == GROUP_ANONYMOUS_BOT_ID
    assert second.sender_chat is not None and second.sender_chat.id == GROUP
    assert second.text == "/pause" and second.entities[0].type == "bot_command"


async def test_callback_query_parses_and_is_answered_once(api: FakeBotAPI, bot: Bot) -> None:
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Mute", callback_data="mute:1")]])
    sent = await bot.send_message(USER, "<b>alert</b>", parse_mode=HTML, reply_markup=keyboard)
    api.user_presses("mute:1", chat_id=USER, user_id=USER, message_id=sent.message_id)
    [update] = await bot.get_updates()
    query = update.callback_query
    assert isinstance(query, CallbackQuery) and query.data == "mute:1"
    assert query.message is not None and query.message.message_id == sent.message_id
    assert query.from_user.id == USER
    assert await bot.answer_callback_query(query.id, text="Muted")
    assert api.callback_answers == [{"callback_query_id": query.id, "text": "Muted"}]
    with pytest.raises(BadRequest, match="Query is too old"):
        await bot.answer_callback_query(query.id)
    edited = await bot.edit_message_text("<b>alert</b> (muted)", USER, sent.message_id,
                                         parse_mode=HTML)  # fmt: skip
    assert not isinstance(edited, bool) and edited.text == "alert (muted)"
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_text("<b>alert</b> (muted)", USER, sent.message_id, parse_mode=HTML)
    assert [s.method for s in api.messages_to(USER)] == ["sendMessage", "editMessageText"]
    long_data = InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="d" * 65)]])
    with pytest.raises(BadRequest, match="Button_data_invalid"):
        await bot.send_message(USER, "x", reply_markup=long_data)


async def test_bot_removed_then_sends_are_forbidden(api: FakeBotAPI, bot: Bot) -> None:
    api.add_chat(GROUP, "supergroup", title="Desk", creator=7)
    api.bot_removed(GROUP)
    [update] = await bot.get_updates()
    change = update.my_chat_member
    assert change is not None and isinstance(change.new_chat_member, ChatMemberBanned)
    assert change.chat.id == GROUP and change.from_user.id == 7
    with pytest.raises(Forbidden, match="bot was kicked from the supergroup chat"):
        await bot.send_message(GROUP, "x")
    api.bot_removed(USER)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(USER, "x")
    api.user_says("/start", chat_id=USER, user_id=USER)  # the user unblocked and wrote again
    await bot.send_message(USER, "welcome back")


async def test_get_chat_member_statuses(api: FakeBotAPI, bot: Bot) -> None:
    api.add_chat(GROUP, "supergroup", title="Desk", admins=[8], creator=7)
    api.user_says("hi", chat_id=GROUP, user_id=9)
    statuses = {uid: (await bot.get_chat_member(GROUP, uid)).status for uid in (7, 8, 9, 10)}
    assert statuses == {7: "creator", 8: "administrator", 9: "member", 10: "left"}
    admin = await bot.get_chat_member(GROUP, 8)
    assert admin.user.id == 8 and getattr(admin, "can_delete_messages", None) is True
    assert (await bot.get_chat_member(USER, USER)).status == "member"
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.get_chat_member(-1, 7)


# ---- photos, commands, chat actions ----------------------------------------------------------
async def test_send_photo_multipart_is_recorded(api: FakeBotAPI, bot: Bot) -> None:
    picture = png(3, 2) + bytes(range(256)) * 4  # CR/LF/NUL bytes survive the multipart parser
    msg = await bot.send_photo(USER, picture, caption="<b>Grafik</b> korban", parse_mode=HTML,
                               message_thread_id=2)  # fmt: skip
    assert msg.caption == "Grafik korban" and msg.caption_entities[0].type == "bold"
    assert (msg.photo[-1].width, msg.photo[-1].height, msg.photo[-1].file_size) == (
        3,
        2,
        len(picture),
    )
    [sent] = api.sent
    assert (sent.method, sent.photo, sent.text, sent.thread_id) == (
        "sendPhoto",
        picture,
        "<b>Grafik</b> korban",
        2,
    )
    again = await bot.send_photo(USER, msg.photo[-1].file_id)  # re-send by file_id
    assert api.sent[-1].photo == picture and again.caption is None
    with pytest.raises(BadRequest, match="Wrong file identifier"):
        await bot.send_photo(USER, "https://example.com/x.png")
    assert await bot.send_chat_action(USER, "upload_photo")


async def test_set_my_commands_per_scope_and_language(api: FakeBotAPI, bot: Bot) -> None:
    await bot.set_my_commands([BotCommand("watch", "Watch a topic")])
    await bot.set_my_commands([BotCommand("watch", "Pantau topik")], language_code="id")
    await bot.set_my_commands([BotCommand("sources", "Sources")],
                              scope=BotCommandScopeAllGroupChats())  # fmt: skip
    await bot.set_my_commands([BotCommand("pause", "Pause")], scope=BotCommandScopeChat(GROUP))
    assert api.commands[("default", "")] == [{"command": "watch", "description": "Watch a topic"}]
    assert api.commands[("default", "id")] == [{"command": "watch", "description": "Pantau topik"}]
    assert set(api.commands) == {("default", ""), ("default", "id"), ("all_group_chats", ""),
                                 (f"chat:{GROUP}", "")}  # fmt: skip
    fetched = await bot.get_my_commands(language_code="id")
    assert [c.description for c in fetched] == ["Pantau topik"]
    assert await bot.get_my_commands(language_code="en") == ()
    assert await bot.delete_my_commands(language_code="id")
    assert ("default", "id") not in api.commands
    with pytest.raises(BadRequest, match="Bot_command_invalid"):
        await bot.set_my_commands([BotCommand("Watch-Now", "bad name")])


# ---- limits, conflicts, waiting --------------------------------------------------------------
async def test_enforce_limits_answers_429_on_a_burst() -> None:
    with FakeBotAPI(enforce_limits=True, global_rate=5, group_per_minute=3) as api:
        for chat in (USER, 43, 44, 45, GROUP):
            api.add_chat(chat, "supergroup" if chat < 0 else "private")
        async with make_bot(api) as bot:
            await bot.send_message(USER, "one")
            with pytest.raises(RetryAfter) as private:
                await bot.send_message(USER, "two")  # 1 message/s in one private chat
            assert seconds(private.value) == 1
            for chat in (GROUP, GROUP, 44, 45):  # five sends within a second: the global cap
                await bot.send_message(chat, "fan-out")
            with pytest.raises(RetryAfter) as burst:
                await bot.send_message(43, "over the global rate")
            assert seconds(burst.value) == 1
    assert api.errors_returned[429] == 2 and len(api.sent) == 5


async def test_group_per_minute_limit() -> None:
    with FakeBotAPI(enforce_limits=True, group_per_minute=2) as api:
        api.add_chat(GROUP, "supergroup")
        async with make_bot(api) as bot:
            await bot.send_message(GROUP, "1")
            await bot.send_message(GROUP, "2")
            with pytest.raises(RetryAfter) as flood:
                await bot.send_message(GROUP, "3")
    assert 59 <= seconds(flood.value) <= 60


async def test_two_pollers_conflict(api: FakeBotAPI) -> None:
    async with (
        make_bot(api) as one,
        make_bot(api) as two,
    ):
        first = asyncio.create_task(one.get_updates(timeout=3))
        await asyncio.sleep(0.2)
        second = asyncio.create_task(two.get_updates(timeout=0))
        with pytest.raises(Conflict, match="terminated by other getUpdates request"):
            await first
        assert await second == ()


def test_wait_for_reports_what_was_sent(api: FakeBotAPI) -> None:
    async def send() -> None:
        async with make_bot(api) as bot:
            await bot.send_message(USER, "<i>hello</i>", parse_mode=HTML)

    asyncio.run(send())
    assert api.wait_for_messages(USER, 1, timeout=1)[0].text == "<i>hello</i>"
    with pytest.raises(AssertionError, match=r"(?s)1 message\(s\) recorded.*'<i>hello</i>'"):
        api.wait_for_messages(USER, 2, timeout=0.1)
