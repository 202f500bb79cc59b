"""Chats, their settings and their subscriptions (what the bot's users change).

Settings per chat: language (``id``/``en``); minimum change to alert (absolute and/or percent);
direction (``up``, ``down`` or ``both``); delivery mode (``instant``, ``hourly`` or ``daily``
digest); quiet hours in the chat's time zone (alerts wait until they end); topics muted per
subscription. A chat that blocked or removed the bot is *inactive*: its subscriptions are kept
and it becomes active again when someone talks to the bot there.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from claimwatch.models import AlertFilter
from claimwatch.store import Store, utc_iso

__all__ = [
    "DIRECTIONS", "MODES", "ChatSettings", "Subscription", "activate", "chat_from_row", "deactivate",
    "get_chat", "migrate_chat", "next_digest", "parse_quiet", "parse_tz", "quiet_until", "set_muted", "set_setting",
    "subscribe", "subscriptions", "touch_chat", "unsubscribe",
]

DIRECTIONS = ("both", "up", "down")
MODES = ("instant", "hourly", "daily")
DIGEST_HOUR = 8  # daily digests arrive at 08:00 in the chat's time zone


@dataclass(frozen=True, slots=True)
class ChatSettings:
    id: int
    type: str
    title: str | None
    lang: str
    active: bool
    inactive_reason: str | None
    tz: str
    min_abs: float
    min_pct: float
    direction: str
    mode: str
    quiet_start: int | None  # minutes after local midnight
    quiet_end: int | None
    snoozed_until: datetime | None = None  # no alerts before this
    concepts: tuple[str, ...] = ()  # only these concepts' figures (empty: all)

    @property
    def filter(self) -> AlertFilter:
        return AlertFilter(self.min_abs, self.min_pct, self.direction, self.concepts)

    def snoozed(self, now: datetime) -> bool:
        return self.snoozed_until is not None and now < self.snoozed_until

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.tz)

    def quiet_text(self) -> str | None:
        if self.quiet_start is None or self.quiet_end is None:
            return None
        return f"{_hhmm(self.quiet_start)}–{_hhmm(self.quiet_end)}"


@dataclass(frozen=True, slots=True)
class Subscription:
    chat_id: int
    topic: str
    thread_id: int | None
    muted: bool


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def chat_from_row(r: dict[str, object]) -> ChatSettings:
    return ChatSettings(
        id=int(r["id"]), type=str(r["type"]), title=r["title"], lang=str(r["lang"]),  # type: ignore[arg-type, call-overload]
        active=bool(r["active"]), inactive_reason=r["inactive_reason"], tz=str(r["tz"]),  # type: ignore[arg-type]
        min_abs=float(r["min_abs"]), min_pct=float(r["min_pct"]), direction=str(r["direction"]),  # type: ignore[arg-type]
        mode=str(r["mode"]), quiet_start=r["quiet_start"], quiet_end=r["quiet_end"],  # type: ignore[arg-type]
        snoozed_until=datetime.fromisoformat(str(r["snoozed_until"])) if r.get("snoozed_until") else None,
        concepts=tuple(json.loads(str(r.get("concepts") or "[]"))),
    )


def get_chat(store: Store, chat_id: int) -> ChatSettings | None:
    rows = store.rows("SELECT * FROM chats WHERE id = ?", (chat_id,))
    return chat_from_row(rows[0]) if rows else None


def touch_chat(store: Store, chat_id: int, now: datetime, *, type: str = "private", title: str | None = None,
               lang: str | None = None) -> ChatSettings:
    """Create the chat on first contact (language from the user's Telegram language), or
    reactivate it; existing settings are kept."""
    with store.transaction() as db:
        db.conn.execute(
            "INSERT INTO chats (id, type, title, lang, created) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT(id) DO UPDATE SET type = excluded.type, title = COALESCE(excluded.title, title),"
            " active = 1, inactive_reason = NULL",
            (chat_id, type, title, lang if lang in ("id", "en") else "en", utc_iso(now)))
    chat = get_chat(store, chat_id)
    assert chat is not None
    return chat



_SETTABLE = {"lang", "tz", "min_abs", "min_pct", "direction", "mode", "quiet_start", "quiet_end", "snoozed_until",
             "concepts"}


def set_setting(store: Store, chat_id: int, now: datetime, **values: object) -> ChatSettings:
    """Change settings (validated by the caller's parsers); returns the new settings."""
    bad = set(values) - _SETTABLE
    if bad:
        raise ValueError(f"unknown chat setting(s): {', '.join(sorted(bad))}")
    if "direction" in values and values["direction"] not in DIRECTIONS:
        raise ValueError(f"direction must be one of {', '.join(DIRECTIONS)}")
    if "mode" in values and values["mode"] not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}")
    if "lang" in values and values["lang"] not in ("id", "en"):
        raise ValueError("language must be id or en")
    if "snoozed_until" in values and isinstance(values["snoozed_until"], datetime):
        values["snoozed_until"] = utc_iso(values["snoozed_until"])
    if "concepts" in values:
        values["concepts"] = json.dumps(sorted(set(values["concepts"])))  # type: ignore[call-overload]
    cols = ", ".join(f"{k} = ?" for k in values)
    with store.transaction() as db:
        db.conn.execute(f"UPDATE chats SET {cols}, updated = ? WHERE id = ?",
                        (*values.values(), utc_iso(now), chat_id))
    chat = get_chat(store, chat_id)
    if chat is None:
        raise ValueError(f"unknown chat {chat_id}")
    return chat


def parse_tz(name: str) -> str:
    """A time zone name (``Asia/Jakarta``), or WIB/WITA/WIT; ``ValueError`` otherwise."""
    alias = {"wib": "Asia/Jakarta", "wita": "Asia/Makassar", "wit": "Asia/Jayapura", "utc": "UTC"}
    name = alias.get(name.strip().lower(), name.strip())
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {name!r} (e.g. Asia/Jakarta, WIB, WITA, WIT, UTC)") from None
    return name


def parse_quiet(text: str) -> tuple[int, int] | None:
    """``"22-06"`` / ``"22:30-06:00"`` → minutes (start, end); ``"off"`` → None."""
    s = text.strip().lower().replace("–", "-").replace(".", ":")
    if s in ("off", "none", "mati", "tidak"):
        return None
    parts = s.split("-")
    if len(parts) != 2:
        raise ValueError("quiet hours look like 22-06 or 22:30-06:00 (or 'off')")
    out = []
    for p in parts:
        hh, _, mm = p.strip().partition(":")
        if not (hh.isdigit() and (not mm or mm.isdigit())) or not (0 <= int(hh) <= 23 and 0 <= int(mm or 0) <= 59):
            raise ValueError(f"{p.strip()!r} is not a time of day (HH or HH:MM)")
        out.append(int(hh) * 60 + int(mm or 0))
    if out[0] == out[1]:
        raise ValueError("quiet hours need different start and end times")
    return out[0], out[1]


def quiet_until(chat: ChatSettings, now: datetime) -> datetime | None:
    """When the chat's quiet hours end, if ``now`` falls inside them (aware UTC), else None."""
    if chat.quiet_start is None or chat.quiet_end is None:
        return None
    local = now.astimezone(chat.zone)
    minute = local.hour * 60 + local.minute
    start, end = chat.quiet_start, chat.quiet_end
    inside = start <= minute < end if start < end else (minute >= start or minute < end)
    if not inside:
        return None
    end_t = time(end // 60, end % 60)
    day = local.date() if minute < end else local.date() + timedelta(days=1)
    return datetime.combine(day, end_t, tzinfo=chat.zone).astimezone(now.tzinfo)


def next_digest(chat: ChatSettings, now: datetime) -> datetime:
    """The next digest time for a digest chat: the next full hour, or the next 08:00 local."""
    local = now.astimezone(chat.zone)
    if chat.mode == "hourly":
        nxt = local.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
    else:
        nxt = local.replace(hour=DIGEST_HOUR, minute=0, second=0, microsecond=0)
        if nxt <= local:
            nxt += timedelta(days=1)
    return nxt.astimezone(now.tzinfo)


def subscribe(store: Store, chat_id: int, topic: str, now: datetime, thread_id: int | None = None) -> bool:
    """Subscribe (or move the subscription to ``thread_id``); False when already subscribed there."""
    with store.transaction() as db:
        old = db.conn.execute("SELECT thread_id FROM subscriptions WHERE chat_id = ? AND topic = ?",
                              (chat_id, topic)).fetchone()
        if old is not None and old[0] == thread_id:
            return False
        db.conn.execute(
            "INSERT INTO subscriptions (chat_id, topic, thread_id, created) VALUES (?, ?, ?, ?)"
            " ON CONFLICT(chat_id, topic) DO UPDATE SET thread_id = excluded.thread_id",
            (chat_id, topic, thread_id, utc_iso(now)))
    return True


def unsubscribe(store: Store, chat_id: int, topic: str) -> bool:
    with store.transaction() as db:
        cur = db.conn.execute("DELETE FROM subscriptions WHERE chat_id = ? AND topic = ?", (chat_id, topic))
        return cur.rowcount > 0


def set_muted(store: Store, chat_id: int, topic: str, muted: bool) -> bool:
    with store.transaction() as db:
        cur = db.conn.execute("UPDATE subscriptions SET muted = ? WHERE chat_id = ? AND topic = ?",
                              (int(muted), chat_id, topic))
        return cur.rowcount > 0


def subscriptions(store: Store, chat_id: int) -> list[Subscription]:
    return [Subscription(r["chat_id"], r["topic"], r["thread_id"], bool(r["muted"]))
            for r in store.rows("SELECT * FROM subscriptions WHERE chat_id = ? ORDER BY topic", (chat_id,))]


def deactivate(store: Store, chat_id: int, reason: str) -> int:
    """The bot was blocked or removed: the chat goes inactive (subscriptions kept); its
    undelivered alerts are dropped. Returns how many deliveries were dropped."""
    with store.transaction() as db:
        db.conn.execute("UPDATE chats SET active = 0, inactive_reason = ? WHERE id = ?", (reason, chat_id))
        cur = db.conn.execute(
            "UPDATE deliveries SET status = 'dropped', last_error = ? WHERE chat_id = ?"
            " AND status IN ('pending', 'sending')", (reason, chat_id))
        return cur.rowcount


def activate(store: Store, chat_id: int) -> None:
    with store.transaction() as db:
        db.conn.execute("UPDATE chats SET active = 1, inactive_reason = NULL WHERE id = ?", (chat_id,))


def migrate_chat(store: Store, old_id: int, new_id: int) -> None:
    """A group became a supergroup: settings, subscriptions and pending deliveries move."""
    with store.transaction() as db:
        conn = db.conn
        if conn.execute("SELECT 1 FROM chats WHERE id = ?", (new_id,)).fetchone():
            conn.execute("INSERT OR IGNORE INTO subscriptions (chat_id, topic, thread_id, muted, created)"
                         " SELECT ?, topic, thread_id, muted, created FROM subscriptions WHERE chat_id = ?",
                         (new_id, old_id))
            conn.execute("DELETE FROM chats WHERE id = ?", (old_id,))
        else:
            conn.execute("UPDATE chats SET id = ?, type = 'supergroup' WHERE id = ?", (new_id, old_id))
        conn.execute("UPDATE OR IGNORE deliveries SET chat_id = ? WHERE chat_id = ?", (new_id, old_id))
        conn.execute("DELETE FROM deliveries WHERE chat_id = ? AND status IN ('pending', 'sending')", (old_id,))
