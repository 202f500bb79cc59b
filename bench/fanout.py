"""Fan-out: one alert to N chats (default 10,000) through the real bot and rate limiter.

    .venv/bin/python bench/fanout.py               # 10,000 chats: ≥ 333 s by Telegram's limit
    .venv/bin/python bench/fanout.py --chats 1000  # ~35 s

The bot (``bot.app.build_application`` with the CLI's services, ``AIORateLimiter`` at the
configured 30 messages/s) talks over real HTTP to the stand-in Bot API on 127.0.0.1, which
*enforces* Telegram's flood limits (30 messages/s overall in a sliding second, 1/s per chat) and
answers 429 with ``retry_after`` when they are broken. Reported: time from start to the last
message against the floor (N / 30 s), achieved messages/s, 429s received (goal 0), and that every
chat got the alert exactly once. The last line of output is one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from claimwatch import chats, outbox
from claimwatch.models import Alert, AlertKind
from claimwatch.sources import sync_config
from claimwatch.store import open_store
from claimwatch.tracker import Tracker
from tests.bot.harness import bot_config, running_bot
from tests.support.botapi import FakeBotAPI

NOW = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)
FIRST_CHAT = 500_000


def seed(db: Path, cfg: object, n: int) -> None:
    store = open_store(db)
    try:
        sync_config(store, cfg, NOW)  # type: ignore[arg-type]
        with store.transaction():
            for cid in range(FIRST_CHAT, FIRST_CHAT + n):
                chats.touch_chat(store, cid, NOW, lang="id" if cid % 2 else "en")
                chats.subscribe(store, cid, "banjir", NOW)
        with store.transaction() as db_:
            a = Tracker._insert_alert(db_.conn, Alert(
                kind=AlertKind.CHANGED, topic="banjir", dedupe_key="fanout", url="https://news.example/banjir-23",
                published=NOW, sentence="Kepala BPBD mengatakan 23 orang tewas.", what="killed", value=23,
                previous=17, previous_claimed_by="BNPB", previous_published=NOW, claimed_by="BPBD",
                source="news.example"), None, NOW)
            outbox.enqueue(store, [a], NOW)
    finally:
        store.close()


async def run(n: int, rate: float) -> dict[str, float]:
    with FakeBotAPI(enforce_limits=True, global_rate=30, per_chat_interval=1.0) as api, \
            tempfile.TemporaryDirectory() as tmp:
        for cid in range(FIRST_CHAT, FIRST_CHAT + n):
            api.add_chat(cid, "private")
        cfg = bot_config(api, None, Path(tmp) / "fanout.db", rate_limit=rate)
        seed(Path(tmp) / "fanout.db", cfg, n)
        t0 = time.monotonic()
        async with running_bot(cfg, api) as bot:
            last_report = 0.0
            while True:
                delivered = {m.chat_id for m in list(api.sent) if m.method == "sendMessage" and m.chat_id >= FIRST_CHAT}
                if len(delivered) >= n:
                    break
                el = time.monotonic() - t0
                if el - last_report >= 15:
                    print(f"  {el:5.0f} s: {len(delivered):,}/{n:,} chats, 429s: {api.errors_returned[429]}", flush=True)
                    last_report = el
                if el > n / 5 + 120:
                    raise SystemExit(f"gave up after {el:.0f} s with {len(delivered):,}/{n:,} delivered")
                await asyncio.sleep(0.2)
            elapsed = time.monotonic() - t0
            counts = bot.state.svc().store.rows("SELECT status, COUNT(*) AS n FROM deliveries GROUP BY status")
        sends = [m for m in api.sent if m.method == "sendMessage" and m.chat_id >= FIRST_CHAT]
        per_chat = len(sends) - len({m.chat_id for m in sends})
        return {"chats": n, "seconds": elapsed, "floor_seconds": n / 30.0, "messages_per_second": n / elapsed,
                "http_429": api.errors_returned[429], "duplicates": per_chat,
                "sent_rows": sum(r["n"] for r in counts if r["status"] == "sent")}


if __name__ == "__main__":
    import logging

    logging.getLogger("apscheduler").setLevel(logging.ERROR)  # skipped overlapping rounds are by design
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--chats", type=int, default=10_000)
    ap.add_argument("--rate", type=float, default=30.0, help="telegram.rate_limit (messages/s)")
    args = ap.parse_args()
    print(f"fan-out of one alert to {args.chats:,} chats at rate_limit={args.rate:g}/s "
          f"(floor {args.chats / 30:.0f} s at Telegram's 30/s)", flush=True)
    r = asyncio.run(run(args.chats, args.rate))
    print(f"delivered to {r['chats']:,} chats in {r['seconds']:.1f} s (floor {r['floor_seconds']:.1f} s, "
          f"{r['seconds'] / r['floor_seconds']:.2f}x); {r['messages_per_second']:.1f} messages/s; "
          f"429s: {r['http_429']:g}; duplicates: {r['duplicates']:g}")
    print(json.dumps(r))
