"""A stand-in Telegram Bot API server on 127.0.0.1 for tests and benchmarks.

python-telegram-bot talks to it over real HTTP, exactly as it talks to api.telegram.org:

    with FakeBotAPI() as api:                       # or FakeBotAPI(...).start() ... api.close()
        api.add_chat(-100123, "supergroup", title="Desk", is_forum=True, admins=[42], creator=7)
        app = ApplicationBuilder().token(api.token).base_url(api.base_url).build()
        ...                                         # or Bot(api.token, base_url=api.base_url)
        api.user_says("/watch banjir", chat_id=42, user_id=42)        # queued for getUpdates
        api.user_presses("mute:3", chat_id=42, user_id=42, message_id=5)
        api.wait_for_messages(42, n=1)              # sync; from async tests use the *_async forms
        api.sent[-1].text, api.commands[("default", "id")], api.calls["sendMessage"]
        api.inject("sendMessage", TooManyRequests(3), chat_id=42)     # next matching call fails

Answers are shaped as the Bot API documents them (``{"ok": true, "result": ...}`` or ``{"ok":
false, "error_code", "description", "parameters"}``), so PTB raises its real exceptions: RetryAfter,
Forbidden, ChatMigrated, BadRequest, InvalidToken, Conflict (two concurrent getUpdates), TimedOut
(``Slow`` with a short read timeout) and NetworkError (``Drop``). HTML text and captions go through
Telegram's entity parser (``botapi_html``; strict about bare ``&``). Sends to an unknown chat fail
with "chat not found": register chats with ``add_chat`` (``user_says`` registers its chat).

State that outlives one call, like Telegram's: after ``bot_removed`` sends to that chat get 403
(a private chat is reachable again once its user writes); after a ``Migrated`` fault the old group
id keeps answering "upgraded to a supergroup" and the new id is a known supergroup; a
callback query can be answered once. ``enforce_limits=True`` adds Telegram's flood limits to
sendMessage/sendPhoto (a 429 with ``retry_after``; edits and chat actions are not limited).
A ``Slow`` call is processed after its delay: a client that timed out still had its message sent.
"""

from __future__ import annotations

import asyncio
import collections
import itertools
import json
import math
import re
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from tests.support.botapi_html import HTMLEntityError, Parsed, parse_html, utf16_len

GROUP_ANONYMOUS_BOT_ID = 1087968824
TEXT_LIMIT, CAPTION_LIMIT = 4096, 1024
_COMMAND_RE = re.compile(r"^/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?(?![A-Za-z0-9_@])")
_CHAT_ACTIONS = frozenset(
    "typing upload_photo record_video upload_video record_voice upload_voice upload_document "
    "choose_sticker find_location record_video_note upload_video_note".split()
)
Json = dict[str, Any]


@dataclass
class Sent:
    """One message the bot sent (or edited), as the server accepted it."""

    method: str  # sendMessage / sendPhoto / sendDocument / editMessageText
    chat_id: int
    message_id: int
    text: str | None  # text or caption, as sent (HTML source)
    parse_mode: str | None
    thread_id: int | None
    reply_markup: dict[str, Any] | None
    photo: bytes | None  # the uploaded file's bytes for sendPhoto
    at: float  # time.monotonic() when accepted
    params: dict[str, Any] = field(default_factory=dict)  # all request fields, as raw strings
    document: bytes | None = None  # the uploaded file's bytes for sendDocument
    filename: str | None = None  # its file name, as uploaded


# Faults for ``FakeBotAPI.inject``: the next matching call(s) fail this way.
@dataclass(frozen=True)
class TooManyRequests:
    retry_after: int


@dataclass(frozen=True)
class Forbidden:
    description: str = "Forbidden: bot was blocked by the user"


@dataclass(frozen=True)
class Migrated:
    new_chat_id: int


@dataclass(frozen=True)
class BadRequest:
    description: str


@dataclass(frozen=True)
class Slow:
    seconds: float


@dataclass(frozen=True)
class Drop:
    pass


Fault = TooManyRequests | Forbidden | Migrated | BadRequest | Slow | Drop


class ApiError(Exception):
    def __init__(self, code: int, description: str, parameters: Json | None = None) -> None:
        super().__init__(description)
        self.code, self.description, self.parameters = code, description, parameters


def _bad(description: str) -> ApiError:
    return ApiError(400, f"Bad Request: {description}")


@dataclass
class _Chat:
    id: int
    type: str
    title: str | None = None
    is_forum: bool = False
    admins: set[int] = field(default_factory=set)
    creator: int | None = None
    members: set[int] = field(default_factory=set)
    removed: str | None = None  # "kicked" / "left" after bot_removed
    migrated_to: int | None = None
    last_message_id: int = 0


@dataclass
class _Injected:
    method: str
    fault: Fault
    chat_id: int | None
    times: int


class FakeBotAPI:
    def __init__(
        self,
        token: str = "123456:TEST-TOKEN",
        *,
        bot_username: str = "claimwatch_test_bot",
        enforce_limits: bool = False,
        global_rate: float = 30,
        per_chat_interval: float = 1.0,
        group_per_minute: int = 20,
        strict_html: bool = True,
    ) -> None:
        self.token, self.bot_username = token, bot_username
        self.bot_id = int(token.split(":", 1)[0]) if token.split(":", 1)[0].isdigit() else 1
        self.enforce_limits, self.global_rate = enforce_limits, global_rate
        self.per_chat_interval, self.group_per_minute = per_chat_interval, group_per_minute
        self.strict_html = strict_html
        self.sent: list[Sent] = []
        self.commands: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.callback_answers: list[dict[str, Any]] = []
        self.calls: collections.Counter[str] = collections.Counter()
        self.errors_returned: collections.Counter[int] = collections.Counter()
        self.server_errors: list[str] = []  # our own bugs (answered with 500)
        self._cond = threading.Condition()  # guards everything above and below
        self._chats: dict[int, _Chat] = {}
        self._users: dict[int, Json] = {}
        self._messages: dict[tuple[int, int], Json] = {}
        self._files: dict[str, bytes] = {}
        self._updates: list[Json] = []
        self._update_ids = itertools.count(100_000)
        self._query_ids = itertools.count(7_000_000)
        self._open_queries: set[str] = set()
        self._faults: list[_Injected] = []
        self._poll_gen = 0
        self._sends: collections.deque[float] = collections.deque()
        self._last_private: dict[int, float] = {}
        self._group_sends: dict[int, collections.deque[float]] = {}
        self._closed = threading.Event()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.port = 0
        self._methods: dict[str, tuple[str, Callable[[Json, dict[str, bytes]], Any]]] = {
            name.lower(): (name, func)
            for name, func in {
                "getMe": lambda p, f: self._bot_user(full=True),
                "getUpdates": self._get_updates,
                "sendMessage": self._send_message,
                "sendPhoto": self._send_photo,
                "sendDocument": self._send_document,
                "editMessageText": self._edit_message_text,
                "answerCallbackQuery": self._answer_callback_query,
                "setMyCommands": self._set_my_commands,
                "getMyCommands": lambda p, f: self.commands.get(self._commands_key(p), []),
                "deleteMyCommands": self._delete_my_commands,
                "getChatMember": self._get_chat_member,
                "deleteWebhook": lambda p, f: True,
                "getWebhookInfo": lambda p, f: {
                    "url": "",
                    "has_custom_certificate": False,
                    "pending_update_count": len(self._updates),
                },
                "sendChatAction": self._send_chat_action,
            }.items()
        }

    # ---- lifecycle -------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    def start(self) -> FakeBotAPI:
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.api = self
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def close(self) -> None:
        self._closed.set()
        with self._cond:
            self._cond.notify_all()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> FakeBotAPI:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- control: the world ------------------------------------------------------------------
    def add_chat(
        self, chat_id: int, type: str = "private", *, title: str | None = None,
        is_forum: bool = False, admins: Iterable[int] = (), creator: int | None = None,
    ) -> None:  # fmt: skip
        with self._cond:
            if type != "private" and title is None:
                title = f"Chat {chat_id}"
            self._chats[chat_id] = _Chat(chat_id, type, title, is_forum, set(admins), creator)

    def inject(
        self, method: str, fault: Fault, *, chat_id: int | None = None, times: int = 1
    ) -> None:
        with self._cond:
            self._faults.append(_Injected(method.lower(), fault, chat_id, times))

    def user_says(
        self, text: str, *, chat_id: int, user_id: int, chat_type: str = "private",
        language_code: str | None = "en", thread_id: int | None = None,
        sender_chat_id: int | None = None, first_name: str = "Test",
    ) -> int:  # fmt: skip
        with self._cond:
            chat = self._chat_for_user(chat_id, chat_type, user_id, first_name)
            user = self._user(user_id, first_name, language_code)
            if chat.type == "private":
                chat.removed = None  # writing to a bot means it is not blocked any more
            chat.members.add(user_id)
            chat.last_message_id += 1
            msg: Json = {"message_id": chat.last_message_id, "date": int(time.time()),
                         "chat": self._chat_dict(chat), "from": user, "text": text}  # fmt: skip
            if m := _COMMAND_RE.match(text):
                msg["entities"] = [{"type": "bot_command", "offset": 0, "length": utf16_len(m[0])}]
            if thread_id is not None:
                msg.update(message_thread_id=thread_id, is_topic_message=True)
            if sender_chat_id is not None:
                sender = self._chats.get(sender_chat_id, chat)
                msg["from"] = {"id": GROUP_ANONYMOUS_BOT_ID, "is_bot": True,
                               "first_name": "Group", "username": "GroupAnonymousBot"}  # fmt: skip
                msg["sender_chat"] = self._chat_dict(sender)
            self._messages[(chat.id, msg["message_id"])] = msg
            return self._enqueue({"message": msg})

    def user_presses(
        self, data: str, *, chat_id: int, user_id: int, message_id: int,
        chat_type: str = "private", language_code: str | None = "en",
    ) -> int:  # fmt: skip
        with self._cond:
            chat = self._chat_for_user(chat_id, chat_type, user_id, "Test")
            message = self._messages.get((chat_id, message_id)) or {
                "message_id": message_id, "date": int(time.time()),
                "chat": self._chat_dict(chat), "from": self._bot_user(),
            }  # fmt: skip
            query_id = str(next(self._query_ids))
            self._open_queries.add(query_id)
            query = {"id": query_id, "from": self._user(user_id, None, language_code),
                     "chat_instance": str(abs(chat_id) * 7919), "data": data, "message": message}  # fmt: skip
            return self._enqueue({"callback_query": query})

    def bot_removed(self, chat_id: int, status: str = "kicked") -> int:
        with self._cond:
            chat = self._chats.get(chat_id) or self._chat_for_user(
                chat_id, "private", chat_id, "Test"
            )
            chat.removed = status
            actor = (
                chat_id if chat.type == "private" else (chat.creator or min(chat.admins, default=1))
            )
            new: Json = {"status": status, "user": self._bot_user()}
            if status == "kicked":
                new["until_date"] = 0
            change = {"chat": self._chat_dict(chat), "from": self._user(actor, None, None),
                      "date": int(time.time()), "new_chat_member": new,
                      "old_chat_member": {"status": "member", "user": self._bot_user()}}  # fmt: skip
            return self._enqueue({"my_chat_member": change})

    # ---- control: what the bot did -----------------------------------------------------------
    def messages_to(self, chat_id: int) -> list[Sent]:
        with self._cond:
            return [s for s in self.sent if s.chat_id == chat_id]

    def wait_for(self, pred: Callable[[list[Sent]], bool], timeout: float = 10) -> list[Sent]:
        """Block until ``pred(sent)`` holds. Don't call it on the event loop the bot runs on."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while not pred(snapshot := list(self.sent)):
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(self._summary(timeout, blocking=True))
                self._cond.wait(min(left, 0.05))
            return snapshot

    def wait_for_messages(self, chat_id: int, n: int = 1, timeout: float = 10) -> list[Sent]:
        """Wait until ``n`` records (sends and edits) exist for ``chat_id``; return them all."""
        self.wait_for(lambda sent: sum(s.chat_id == chat_id for s in sent) >= n, timeout)
        return self.messages_to(chat_id)

    async def wait_for_async(
        self, pred: Callable[[list[Sent]], bool], timeout: float = 10
    ) -> list[Sent]:
        """``wait_for`` for async tests: yields to the event loop the bot runs on."""
        deadline = time.monotonic() + timeout
        while True:
            with self._cond:
                snapshot = list(self.sent)
            if pred(snapshot):
                return snapshot
            if time.monotonic() > deadline:
                raise AssertionError(self._summary(timeout, blocking=False))
            await asyncio.sleep(0.01)

    async def wait_for_messages_async(
        self, chat_id: int, n: int = 1, timeout: float = 10
    ) -> list[Sent]:
        await self.wait_for_async(lambda s: sum(x.chat_id == chat_id for x in s) >= n, timeout)
        return self.messages_to(chat_id)

    def _summary(self, timeout: float, *, blocking: bool) -> str:
        lines = [f"timed out after {timeout}s; {len(self.sent)} message(s) recorded"]
        for s in self.sent[-10:]:
            lines.append(
                f"  {s.method} chat={s.chat_id} id={s.message_id} text={(s.text or '')[:80]!r}"
            )
        lines.append(f"  calls={dict(self.calls)} errors={dict(self.errors_returned)}")
        if self.server_errors:
            lines.append(f"  server errors: {self.server_errors[-3:]}")
        try:
            asyncio.get_running_loop()
            if blocking:
                lines.append("  (wait_for blocked a running event loop: use wait_for_async)")
        except RuntimeError:
            pass
        return "\n".join(lines)

    # ---- request handling --------------------------------------------------------------------
    def _answer(self, target: str, content_type: str, body: bytes) -> tuple[int, Json] | None:
        """HTTP status and JSON answer for one request; None means: hang up without one."""
        path = urlsplit(target)
        token, _, method = path.path.removeprefix("/bot").partition("/")
        if not path.path.startswith("/bot") or not method:
            return 404, _error(404, "Not Found")
        if token != self.token:
            return self._err(ApiError(401, "Unauthorized"))
        entry = self._methods.get(method.lower())
        with self._cond:
            self.calls[entry[0] if entry else method] += 1
        try:
            if entry is None:
                raise ApiError(404, "Not Found")
            params, files = _parse_body(content_type, body)
            params.update(parse_qsl(path.query))
            with self._cond:
                fault = self._take_fault(entry[0], params)
            if isinstance(fault, Drop):
                return None
            if isinstance(fault, Slow):
                self._closed.wait(fault.seconds)
            elif fault is not None:
                raise self._fault_error(fault, params)
            with self._cond:
                result = entry[1](params, files)
                self._cond.notify_all()
            return 200, {"ok": True, "result": result}
        except ApiError as exc:
            return self._err(exc)
        except Exception as exc:  # a bug here, not in the bot: make it visible
            self.server_errors.append(f"{method}: {exc!r}")
            return self._err(ApiError(500, f"Internal Server Error: {exc!r}"))

    def _err(self, exc: ApiError) -> tuple[int, Json]:
        with self._cond:
            self.errors_returned[exc.code] += 1
        return exc.code, _error(exc.code, exc.description, exc.parameters)

    def _take_fault(self, method: str, params: Json) -> Fault | None:
        chat_id = _opt_int(params, "chat_id")
        for item in self._faults:
            if item.method == method.lower() and item.chat_id in (None, chat_id):
                item.times -= 1
                if item.times <= 0:
                    self._faults.remove(item)
                return item.fault
        return None

    def _fault_error(self, fault: Fault, params: Json) -> ApiError:
        if isinstance(fault, TooManyRequests):
            return _too_many(fault.retry_after)
        if isinstance(fault, Forbidden):
            return ApiError(403, fault.description)
        if isinstance(fault, BadRequest):
            d = fault.description
            return ApiError(400, d if d.startswith("Bad Request") else f"Bad Request: {d}")
        assert isinstance(fault, Migrated)
        with self._cond:
            old = self._chats.get(_opt_int(params, "chat_id") or 0)
            if old is not None:
                old.migrated_to = fault.new_chat_id
                self._chats[fault.new_chat_id] = _Chat(
                    fault.new_chat_id, "supergroup", old.title, False, set(old.admins), old.creator,
                    set(old.members),
                )  # fmt: skip
        return _migrated(fault.new_chat_id)

    # ---- Bot API methods (called with the lock held) -----------------------------------------
    def _get_updates(self, params: Json, files: dict[str, bytes]) -> list[Json]:
        offset, limit = _opt_int(params, "offset"), _opt_int(params, "limit") or 100
        deadline = time.monotonic() + float(params.get("timeout") or 0)
        self._poll_gen += 1
        generation = self._poll_gen
        self._cond.notify_all()  # an older poll waiting now ends with 409 Conflict
        while True:
            if offset is not None and offset < 0:
                self._updates = self._updates[offset:]
            elif offset is not None:
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
            left = deadline - time.monotonic()
            if self._updates or left <= 0 or self._closed.is_set():
                return self._updates[: max(1, min(limit, 100))]
            self._cond.wait(left)
            if self._poll_gen != generation:
                raise ApiError(409, "Conflict: terminated by other getUpdates request; make sure "
                                    "that only one bot instance is running")  # fmt: skip

    def _send_message(self, params: Json, files: dict[str, bytes]) -> Json:
        chat = self._target(params)
        parsed = self._check_text(params.get("text"), params.get("parse_mode"), caption=False)
        markup = _markup(params)
        return self._accept("sendMessage", chat, params, markup, None, parsed)

    def _send_photo(self, params: Json, files: dict[str, bytes]) -> Json:
        chat = self._target(params)
        ref = params.get("photo")
        photo = files.get("photo") if ref is None else files.get(str(ref).removeprefix("attach://"))
        if photo is None and ref is not None:
            photo = self._files.get(str(ref))
            if photo is None:
                raise _bad("wrong file identifier/HTTP URL specified")
        if photo is None:
            raise _bad("there is no photo in the request")
        if not photo:
            raise _bad("file must be non-empty")
        parsed = self._check_text(params.get("caption"), params.get("parse_mode"), caption=True)
        return self._accept("sendPhoto", chat, params, _markup(params), photo, parsed)

    def _send_document(self, params: Json, files: dict[str, bytes]) -> Json:
        chat = self._target(params)
        ref = params.get("document")
        doc = files.get("document") if ref is None else files.get(str(ref).removeprefix("attach://"))
        if doc is None and ref is not None:
            doc = self._files.get(str(ref))
            if doc is None:
                raise _bad("wrong file identifier/HTTP URL specified")
        if doc is None:
            raise _bad("there is no document in the request")
        if not doc:
            raise _bad("file must be non-empty")
        parsed = self._check_text(params.get("caption"), params.get("parse_mode"), caption=True)
        return self._accept("sendDocument", chat, params, _markup(params), None, parsed, document=doc)

    def _edit_message_text(self, params: Json, files: dict[str, bytes]) -> Json:
        if "inline_message_id" in params:
            raise _bad("inline messages are not supported by this stand-in")
        chat = self._target(params, sending=False)
        message = self._messages.get((chat.id, _opt_int(params, "message_id") or 0))
        if message is None or message.get("from", {}).get("id") != self.bot_id:
            raise _bad(
                "message to edit not found" if message is None else "message can't be edited"
            )
        if "text" not in message:
            raise _bad("there is no text in the message to edit")
        parsed = self._check_text(params.get("text"), params.get("parse_mode"), caption=False)
        markup = _markup(params)
        if (parsed.text, parsed.entities, markup) == (
            message["text"],
            message.get("entities", []),
            message.get("reply_markup"),
        ):
            raise _bad("message is not modified: specified new message content and reply markup "
                       "are exactly the same as a specified content and reply markup of a message")  # fmt: skip
        message.update(text=parsed.text, entities=parsed.entities, edit_date=int(time.time()))
        message.pop("reply_markup", None)
        if markup:
            message["reply_markup"] = markup
        self._record("editMessageText", chat.id, message["message_id"], params, markup, None)
        return message

    def _answer_callback_query(self, params: Json, files: dict[str, bytes]) -> bool:
        query_id = str(params.get("callback_query_id"))
        if query_id not in self._open_queries:
            raise _bad("query is too old and response timeout expired or query ID is invalid")
        self._open_queries.discard(query_id)
        self.callback_answers.append(dict(params))
        return True

    def _set_my_commands(self, params: Json, files: dict[str, bytes]) -> bool:
        commands = _json_field(params, "commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise _bad(
                "BOT_COMMANDS_TOO_MUCH" if isinstance(commands, list) else "commands are empty"
            )
        for c in commands:
            if not re.fullmatch(r"[a-z0-9_]{1,32}", str(c.get("command", ""))):
                raise _bad("BOT_COMMAND_INVALID")
            if not 1 <= len(str(c.get("description", "")).strip()) <= 256:
                raise _bad("BOT_COMMAND_DESCRIPTION_INVALID")
        self.commands[self._commands_key(params)] = commands
        return True

    def _delete_my_commands(self, params: Json, files: dict[str, bytes]) -> bool:
        self.commands.pop(self._commands_key(params), None)
        return True

    def _commands_key(self, params: Json) -> tuple[str, str]:
        scope = _json_field(params, "scope") or {"type": "default"}
        language = str(params.get("language_code") or "")
        if language and not re.fullmatch(r"[a-z]{2}", language):
            raise _bad("invalid language code specified")
        kind = str(scope.get("type", "default"))
        if "chat_id" in scope:  # chat scopes are keyed "chat:<id>" / "chat_member:<id>:<user>"
            kind += f":{scope['chat_id']}" + (f":{scope['user_id']}" if "user_id" in scope else "")
        return kind, language

    def _get_chat_member(self, params: Json, files: dict[str, bytes]) -> Json:
        chat = self._target(params, sending=False)
        user_id = _opt_int(params, "user_id")
        if user_id is None:
            raise _bad("user_id is required")
        user = self._bot_user() if user_id == self.bot_id else self._user(user_id, None, None)
        if user_id == chat.creator:
            return {"status": "creator", "user": user, "is_anonymous": False}
        if user_id in chat.admins:
            rights = ("can_be_edited is_anonymous can_manage_chat can_delete_messages "
                      "can_manage_video_chats can_restrict_members can_promote_members "
                      "can_change_info can_invite_users can_post_stories can_edit_stories "
                      "can_delete_stories can_pin_messages can_manage_topics").split()  # fmt: skip
            return {"status": "administrator", "user": user,
                    **{r: r not in ("can_be_edited", "is_anonymous") for r in rights}}  # fmt: skip
        is_member = user_id == self.bot_id and chat.removed is None
        is_member |= user_id == chat.id if chat.type == "private" else user_id in chat.members
        return {"status": "member" if is_member else "left", "user": user}

    def _send_chat_action(self, params: Json, files: dict[str, bytes]) -> bool:
        self._target(params)
        if params.get("action") not in _CHAT_ACTIONS:
            raise _bad("wrong parameter action in request")
        return True

    # ---- helpers (lock held) -----------------------------------------------------------------
    def _target(self, params: Json, *, sending: bool = True) -> _Chat:
        if params.get("chat_id") in (None, ""):
            raise _bad("chat_id is empty")
        chat = self._chats.get(_opt_int(params, "chat_id") or 0)  # "@channel" names: not known
        if chat is None:
            raise _bad("chat not found")
        if chat.migrated_to is not None:
            raise _migrated(chat.migrated_to)
        if sending and chat.removed is not None:
            kind = {
                "group": "group chat",
                "supergroup": "supergroup chat",
                "channel": "channel chat",
            }
            if chat.type == "private":
                raise ApiError(403, "Forbidden: bot was blocked by the user")
            verb = "was kicked from the" if chat.removed == "kicked" else "is not a member of the"
            raise ApiError(403, f"Forbidden: bot {verb} {kind.get(chat.type, 'chat')}")
        return chat

    def _check_text(self, source: object, parse_mode: object, *, caption: bool) -> Parsed:
        text = "" if source is None else str(source)
        if str(parse_mode or "").lower() == "html":
            try:
                parsed = parse_html(text, strict=self.strict_html)
            except HTMLEntityError as exc:
                raise _bad(f"can't parse entities: {exc}") from None
        else:  # Markdown is not parsed here: its length is counted as given
            parsed = Parsed(text)
        if not caption and not parsed.text.strip():
            raise _bad("message text is empty")
        if utf16_len(parsed.text.strip()) > (CAPTION_LIMIT if caption else TEXT_LIMIT):
            raise _bad("message caption is too long" if caption else "message is too long")
        return parsed

    def _accept(self, method: str, chat: _Chat, params: Json, markup: Json | None,
                photo: bytes | None, parsed: Parsed, *, document: bytes | None = None) -> Json:  # fmt: skip
        now = time.monotonic()
        if self.enforce_limits:
            self._check_limits(chat.id, now)
        chat.last_message_id += 1
        message: Json = {"message_id": chat.last_message_id, "date": int(time.time()),
                         "chat": self._chat_dict(chat), "from": self._bot_user()}  # fmt: skip
        thread_id = _opt_int(params, "message_thread_id")
        if thread_id is not None:
            message.update(message_thread_id=thread_id, is_topic_message=chat.is_forum)
        if photo is not None:
            file_id = f"AgAC-photo-{len(self._files) + 1}"
            self._files[file_id] = photo
            width, height = _image_size(photo)
            message["photo"] = [{"file_id": file_id, "file_unique_id": f"u{len(self._files)}",
                                 "width": width, "height": height, "file_size": len(photo)}]  # fmt: skip
            if parsed.text:
                message.update(caption=parsed.text, caption_entities=parsed.entities)
        elif document is not None:
            file_id = f"BQAC-doc-{len(self._files) + 1}"
            self._files[file_id] = document
            message["document"] = {"file_id": file_id, "file_unique_id": f"u{len(self._files)}",
                                   "file_name": getattr(document, "filename", None) or "file",
                                   "mime_type": getattr(document, "mime_type", None) or "application/octet-stream",
                                   "file_size": len(document)}  # fmt: skip
            if parsed.text:
                message.update(caption=parsed.text, caption_entities=parsed.entities)
        else:
            message.update(text=parsed.text, entities=parsed.entities)
        if markup:
            message["reply_markup"] = markup
        self._messages[(chat.id, chat.last_message_id)] = message
        self._record(method, chat.id, chat.last_message_id, params, markup, photo, now, document=document)
        if self.enforce_limits:
            self._sends.append(now)
            if chat.id > 0:
                self._last_private[chat.id] = now
            else:
                self._group_sends.setdefault(chat.id, collections.deque()).append(now)
        return message

    def _check_limits(self, chat_id: int, now: float) -> None:
        while self._sends and self._sends[0] <= now - 1.0:
            self._sends.popleft()
        waits = [self._sends[0] + 1.0 - now] if len(self._sends) >= self.global_rate else []
        if chat_id > 0 and chat_id in self._last_private:
            waits.append(self._last_private[chat_id] + self.per_chat_interval - now)
        group = self._group_sends.get(chat_id)
        while group and group[0] <= now - 60.0:
            group.popleft()
        if group is not None and len(group) >= self.group_per_minute:
            waits.append(group[0] + 60.0 - now)
        wait = max(waits, default=0.0)
        if wait > 0:
            raise _too_many(max(1, math.ceil(wait)))

    def _record(self, method: str, chat_id: int, message_id: int, params: Json,
                markup: Json | None, photo: bytes | None, at: float | None = None,
                document: bytes | None = None) -> None:  # fmt: skip
        text = params.get("caption" if method in ("sendPhoto", "sendDocument") else "text")
        self.sent.append(Sent(
            method, chat_id, message_id, None if text is None else str(text),
            params.get("parse_mode"), _opt_int(params, "message_thread_id"), markup, photo,
            time.monotonic() if at is None else at, dict(params),
            None if document is None else bytes(document), getattr(document, "filename", None),
        ))  # fmt: skip

    def _enqueue(self, payload: Json) -> int:
        update_id = next(self._update_ids)
        self._updates.append({"update_id": update_id, **payload})
        self._cond.notify_all()
        return update_id

    def _chat_for_user(self, chat_id: int, chat_type: str, user_id: int, first_name: str) -> _Chat:
        if chat_id not in self._chats:
            if chat_type == "private" and chat_id < 0:  # a group id: guess its kind from the id
                chat_type = "supergroup" if chat_id <= -1_000_000_000_000 else "group"
            self.add_chat(chat_id, chat_type)
            if chat_type == "private":
                self._users.setdefault(user_id, {"id": user_id, "is_bot": False,
                                                 "first_name": first_name})  # fmt: skip
        return self._chats[chat_id]

    def _user(self, user_id: int, first_name: str | None, language_code: str | None) -> Json:
        user = self._users.setdefault(
            user_id, {"id": user_id, "is_bot": False, "first_name": "Test"}
        )
        if first_name is not None:
            user["first_name"] = first_name
        user.pop("language_code", None)
        if language_code:
            user["language_code"] = language_code
        return dict(user)

    def _chat_dict(self, chat: _Chat) -> Json:
        if chat.type == "private":
            user = self._users.get(chat.id, {})
            return {"id": chat.id, "type": "private", "first_name": user.get("first_name", "Test")}
        return {"id": chat.id, "type": chat.type, "title": chat.title} | (
            {"is_forum": True} if chat.is_forum else {})  # fmt: skip

    def _bot_user(self, *, full: bool = False) -> Json:
        user = {"id": self.bot_id, "is_bot": True, "first_name": "ClaimWatch Test",
                "username": self.bot_username}  # fmt: skip
        if full:
            user.update(can_join_groups=True, can_read_all_group_messages=False,
                        supports_inline_queries=False, can_connect_to_business=False,
                        has_main_web_app=False)  # fmt: skip
        return user


# ---- HTTP plumbing ---------------------------------------------------------------------------
class _Server(ThreadingHTTPServer):
    daemon_threads = True
    api: FakeBotAPI

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that timed out and hung up is normal here


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out in two writes: no 40 ms stalls
    server: _Server

    def do_POST(self) -> None:
        answer = self.server.api._answer(
            self.path, self.headers.get("Content-Type", ""), self.read_body()
        )
        if answer is None:  # a Drop fault: the request was read, no answer comes
            self.close_connection = True
            return
        body = json.dumps(answer[1], ensure_ascii=False).encode("utf-8")
        try:
            self.send_response(answer[0])
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except OSError:  # the client gave up (a read timeout): Telegram would not notice either
            self.close_connection = True

    do_GET = do_POST

    def read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks = []
            while size := int(self.rfile.readline().split(b";")[0].strip() or b"0", 16):
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            while self.rfile.readline().strip():
                pass
            return b"".join(chunks)
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Upload(bytes):
    """An uploaded file's bytes, with the file name and type of its multipart part."""

    filename: str | None = None
    mime_type: str | None = None


def _parse_body(content_type: str, body: bytes) -> tuple[Json, dict[str, bytes]]:
    """Form fields and uploaded files of a urlencoded, multipart or JSON request body."""
    kind = content_type.split(";")[0].strip().lower()
    if kind == "application/json":
        return dict(json.loads(body or b"{}")), {}
    if kind != "multipart/form-data":
        return dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True)), {}
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode()
    message = BytesParser(policy=HTTP).parsebytes(head + body)
    fields: Json = {}
    files: dict[str, bytes] = {}
    for part in message.iter_parts():  # type: ignore[attr-defined]
        name = part.get_param("name", header="content-disposition")
        data = part.get_payload(decode=True)
        data = data if isinstance(data, bytes) else b""
        if part.get_filename() is not None:
            upload = _Upload(data)
            upload.filename, upload.mime_type = part.get_filename(), part.get_content_type()
            files[str(name)] = upload
        else:
            fields[str(name)] = data.decode("utf-8")
    return fields, files


def _error(code: int, description: str, parameters: Json | None = None) -> Json:
    payload: Json = {"ok": False, "error_code": code, "description": description}
    if parameters:
        payload["parameters"] = parameters
    return payload


def _too_many(retry_after: int) -> ApiError:
    return ApiError(429, f"Too Many Requests: retry after {retry_after}",
                    {"retry_after": retry_after})  # fmt: skip


def _migrated(new_chat_id: int) -> ApiError:
    return ApiError(400, "Bad Request: group chat was upgraded to a supergroup chat",
                    {"migrate_to_chat_id": new_chat_id})  # fmt: skip


def _opt_int(params: Json, key: str) -> int | None:
    value = params.get(key)
    try:
        return None if value is None or value == "" else int(value)
    except (TypeError, ValueError):
        return None


def _json_field(params: Json, key: str) -> Any:
    value = params.get(key)
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            raise _bad(f"can't parse {key} JSON object") from None
    return value


def _markup(params: Json) -> Json | None:
    markup = _json_field(params, "reply_markup")
    for row in (markup or {}).get("inline_keyboard", []):
        for button in row:
            data = button.get("callback_data")
            if data is not None and not 1 <= len(str(data).encode("utf-8")) <= 64:
                raise _bad("BUTTON_DATA_INVALID")
            if not button.get("text"):
                raise _bad(
                    "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
                )
    return markup or None


def _image_size(data: bytes) -> tuple[int, int]:
    """PNG width and height from the IHDR chunk; other formats get a nominal 100x100."""
    if data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24:
        return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    return 100, 100
