"""``claimwatch run`` as a process: one-line errors, a clean SIGTERM, and a SIGKILL crash test.

The crash test fans 3 alerts out to 1,000 chats, kills the bot (SIGKILL) twice while it sends,
restarts it, and checks that every chat got every alert, with no more duplicates than the
messages that were in flight at each kill.
"""

from __future__ import annotations

import io
import logging
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
from tests.support.botapi import Drop, FakeBotAPI

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


SECRET = "999999:WRONG-SECRET-abcdefghijklmnopqrstuvwxyz"


def test_refused_token_is_one_line_exit_2_and_never_printed(tmp_path: Path) -> None:
    with FakeBotAPI() as api:
        cfg = write_config(tmp_path, api)
        env = {**os.environ, "CW_TEST_TOKEN": SECRET}
        quiet = subprocess.run([str(EXE), "run", "--config", str(cfg)], capture_output=True, text=True, env=env,
                               timeout=60)
        verbose = subprocess.run([str(EXE), "run", "-v", "--config", str(cfg)], capture_output=True, text=True,
                                 env=env, timeout=60)
    assert quiet.returncode == 2 and verbose.returncode == 2
    assert quiet.stderr.splitlines() == [
        "claimwatch: Telegram refused the bot token (401 Unauthorized): check CW_TEST_TOKEN / create a token "
        "with @BotFather"]
    # debug logging shows the Bot API URL: the filter hides the token there, and nothing else has it
    assert "bot<redacted>" in verbose.stderr and "Traceback" not in verbose.stderr
    assert verbose.stderr.splitlines()[-1] == quiet.stderr.strip()
    for err in (quiet.stderr, verbose.stderr):
        assert SECRET not in err and "WRONG-SECRET" not in err


def test_token_of_the_wrong_shape_is_refused_before_any_request(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    with FakeBotAPI() as api:
        cfg = write_config(tmp_path, api)
        os.environ["CW_TEST_TOKEN"] = "bot123456:abc"
        try:
            assert main(["run", "--config", str(cfg)], io.StringIO()) == 2
        finally:
            os.environ.pop("CW_TEST_TOKEN", None)
        assert api.calls["getMe"] == 0
    err = capsys.readouterr().err
    assert err == ("claimwatch: CW_TEST_TOKEN does not hold a bot token: expected <digits>:<secret> "
                   "(without 'bot' in front), as @BotFather gives it\n")


def test_unreachable_bot_api_is_retried_then_one_line_exit_1(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             capsys: pytest.CaptureFixture[str],
                                                             caplog: pytest.LogCaptureFixture) -> None:
    from claimwatch.cli import startup

    monkeypatch.setattr(startup, "RETRY_DELAYS", (0.05, 0.1))
    with FakeBotAPI() as api:
        cfg = write_config(tmp_path, api)
        api.inject("getMe", Drop(), times=10)  # Telegram hangs up on every getMe
        monkeypatch.setenv("CW_TEST_TOKEN", api.token)
        assert main(["run", "--config", str(cfg)], io.StringIO()) == 1
        assert api.calls["getMe"] == 3  # the first attempt and two retries
    err = capsys.readouterr().err
    assert err.splitlines() == [
        f"claimwatch: cannot reach the Telegram Bot API at {api.base_url} (httpx.RemoteProtocolError: Server "
        "disconnected without sending a response; 3 attempts over 0.15s): check the network connection and "
        "telegram.base_url, then start again"]
    assert api.token not in caplog.text


def test_a_network_error_at_start_up_is_retried_and_the_bot_comes_up(tmp_path: Path) -> None:
    with FakeBotAPI() as api:
        cfg = write_config(tmp_path, api)
        api.inject("getMe", Drop(), times=2)  # back-off 1 s, then 2 s, then it answers
        proc = start(cfg, api)
        try:
            api.user_says("/start", chat_id=77, user_id=77)
            welcome = api.wait_for_messages(77, 1, timeout=30)[0].text or ""
            proc.send_signal(signal.SIGTERM)
            _, err = proc.communicate(timeout=15)
        finally:
            proc.kill()
        assert api.calls["getMe"] >= 3
    assert proc.returncode == 0 and "Traceback" not in err and "claimwatch: " not in err
    assert "Your Telegram user id: <code>77</code>" in welcome  # what to put in telegram.admins


def test_redaction_filter_covers_messages_arguments_and_tracebacks() -> None:
    from claimwatch.cli.startup import RedactToken

    token = "123456789:AAHsecretsecretsecretsecretsecret12"
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactToken([token]))
    logger = logging.getLogger("telegram.ext.test_redaction")  # a child: only the handler's filter sees it
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.warning("POST https://api.telegram.org/bot%s/getMe failed", token)
        logger.warning("another bot's URL: /bot987654:ZYX-other_secret/getUpdates")
        try:
            raise RuntimeError(f"The token `{token}` was rejected by the server.")
        except RuntimeError:
            logger.exception("initialize failed")
    finally:
        logger.removeHandler(handler)
    text = stream.getvalue()
    assert token not in text and "AAHsecret" not in text and "ZYX-other_secret" not in text
    assert "https://api.telegram.org/bot<redacted>/getMe failed" in text
    assert "/bot<redacted>/getUpdates" in text
    assert "The token `bot<redacted>` was rejected" in text and "Traceback" in text
