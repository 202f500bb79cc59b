"""``claimwatch run`` as a process: one-line errors, a clean SIGTERM, and a SIGKILL crash test.

The crash test fans 3 alerts out to 1,000 chats, kills the bot (SIGKILL) twice while it sends,
restarts it, and checks that every chat got every alert, with no more duplicates than the
messages that were in flight at each kill.
"""

from __future__ import annotations

import io
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest

from claimwatch import chats, outbox
from claimwatch.cli import main
from claimwatch.config import load_config
from claimwatch.models import Alert, AlertKind
from claimwatch.sources import sync_config
from claimwatch.store import open_store
from claimwatch.tracker import Tracker
from tests.support.botapi import FakeBotAPI

EXE = Path(sys.executable).with_name("claimwatch")
NOW = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)
ALERT_VALUES = (1111, 2222, 3333)
CHATS = range(100_001, 101_001)  # 1,000 private chats
ROUND = 60  # the sender's chats per round: the most that can be in flight at a kill


def write_config(tmp: Path, api: FakeBotAPI, **telegram: object) -> Path:
    extra = "".join(f"{k} = {v}\n" for k, v in telegram.items())
    p = tmp / "bot.toml"
    p.write_text(f"""
[storage]
path = "bot.db"
[telegram]
token_env = "CW_TEST_TOKEN"
base_url = "{api.base_url}"
admins = [4242]
{extra}
[[topics]]
id = "banjir"
name = "Banjir"
keywords = ["banjir"]
""", encoding="utf-8")
    return p


def start(cfg: Path, api: FakeBotAPI) -> subprocess.Popen[str]:
    env = {**os.environ, "CW_TEST_TOKEN": api.token, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen([str(EXE), "run", "--config", str(cfg)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, env=env)


def wait_until(pred, timeout: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not pred():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_missing_token_and_bad_config_are_one_line_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with FakeBotAPI() as api:
        cfg = write_config(tmp_path, api)
    os.environ.pop("CW_TEST_TOKEN", None)
    assert main(["run", "--config", str(cfg)], io.StringIO()) == 2
    err = capsys.readouterr().err.strip()
    assert "CW_TEST_TOKEN" in err and len(err.splitlines()) == 1
    cfg.write_text(cfg.read_text().replace("admins", "admin"))
    assert main(["run", "--config", str(cfg)], io.StringIO()) == 2
    err = capsys.readouterr().err.strip()
    assert "unknown key 'admin'" in err and "admins" in err and len(err.splitlines()) == 1


def test_sigterm_stops_cleanly_within_seconds(tmp_path: Path) -> None:
    with FakeBotAPI() as api:
        cfg = write_config(tmp_path, api)
        proc = start(cfg, api)
        try:
            wait_until(lambda: api.calls["getUpdates"] >= 1)
            api.user_says("/start", chat_id=77, user_id=77)
            api.wait_for_messages(77, 1, timeout=20)
            proc.send_signal(signal.SIGTERM)
            t0 = time.monotonic()
            _, err = proc.communicate(timeout=15)
            took = time.monotonic() - t0
        finally:
            proc.kill()
    assert proc.returncode == 0, err
    assert took < 10 and "Traceback" not in err
    assert "ClaimWatch" in (api.messages_to(77)[0].text or "")


def seed_fanout(db: Path, cfg_path: Path) -> None:
    store = open_store(db)
    try:
        sync_config(store, load_config(cfg_path), NOW)
        for cid in CHATS:
            chats.touch_chat(store, cid, NOW, lang="en")
            chats.subscribe(store, cid, "banjir", NOW)
        with store.transaction() as conn_db:
            alerts = [Tracker._insert_alert(conn_db.conn, Alert(
                kind=AlertKind.NEW, topic="banjir", dedupe_key=f"fanout-{v}", url=f"https://news.example/{v}",
                published=NOW, sentence=f"Sebanyak {v} warga mengungsi.", what="displaced", value=v,
                claimed_by="BNPB", source="news.example"), None, NOW) for v in ALERT_VALUES]
            assert outbox.enqueue(store, alerts, NOW) == 3 * len(CHATS)
    finally:
        store.close()


def receipts(api: FakeBotAPI) -> Counter[tuple[int, int]]:
    got: Counter[tuple[int, int]] = Counter()
    for m in list(api.sent):
        if m.method == "sendMessage" and m.chat_id in CHATS:
            for v in ALERT_VALUES:
                if f"{v:,}" in (m.text or "") or str(v) in (m.text or ""):
                    got[(m.chat_id, v)] += 1
    return got


def test_crash_fanout_every_chat_gets_every_alert(tmp_path: Path) -> None:
    with FakeBotAPI() as api:
        for cid in CHATS:
            api.add_chat(cid, "private")
        cfg = write_config(tmp_path, api, rate_limit=400, per_chat_interval=0.2)
        seed_fanout(tmp_path / "bot.db", cfg)
        kills = 0
        for stop_at in (120, 400, 700):  # messages sent when the bot is killed
            proc = start(cfg, api)
            try:
                wait_until(lambda n=stop_at: api.calls["sendMessage"] >= n, timeout=60)  # type: ignore[misc]
                proc.send_signal(signal.SIGKILL)
                proc.wait(timeout=10)
                kills += 1
            finally:
                proc.kill()
        proc = start(cfg, api)
        try:
            wait_until(lambda: len(receipts(api)) == 3 * len(CHATS), timeout=90)
            time.sleep(0.5)  # let the last round be marked sent
            proc.send_signal(signal.SIGTERM)
            proc.communicate(timeout=15)
        finally:
            proc.kill()
        got = receipts(api)
    assert proc.returncode == 0
    missing = [(c, v) for c in CHATS for v in ALERT_VALUES if got[(c, v)] == 0]
    assert missing == []
    duplicate_messages = sum(n - 1 for n in got.values() if n > 1) / len(ALERT_VALUES)
    print(f"crash test: {kills} kills, {api.calls['sendMessage']} sends, {duplicate_messages:g} duplicated messages")
    assert duplicate_messages <= kills * ROUND, f"{duplicate_messages} duplicated messages after {kills} kills"
    with sqlite3.connect(tmp_path / "bot.db") as conn:
        states = dict(conn.execute("SELECT status, COUNT(*) FROM deliveries GROUP BY status").fetchall())
    assert states == {"sent": 3 * len(CHATS)}
