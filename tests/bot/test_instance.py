"""One instance per database, and every stored alert delivered — the real ``claimwatch`` command
(in-process ``main`` or a subprocess) on SQLite files, a news site and the stand-in Bot API on
127.0.0.1.

* ``scan --once`` stores alerts *with* their deliveries: the ``run`` that follows sends each one
  exactly once (a chat that subscribes in between gets no backlog);
* a second ``run`` (or a ``scan``) while a bot runs exits 2 with one line naming the holder, and
  the bot keeps delivering without a duplicate;
* a holder killed with SIGKILL is taken over at once, a hung one (SIGSTOP) after its lease
  expires; their in-flight messages are sent again at most once, and a resumed hung holder stops
  itself without sending more;
* a damaged database file is refused with one line telling how to recover.
"""

from __future__ import annotations

import io
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from claimwatch import chats, outbox
from claimwatch.cli import main
from claimwatch.config import load_config
from claimwatch.models import Alert, AlertKind
from claimwatch.sources import sync_config
from claimwatch.store import open_store
from claimwatch.tracker import Tracker
from tests.support.botapi import FakeBotAPI, Slow
from tests.support.newssite import Site
from tests.support.runconfig import write_run_config

EXE = Path(sys.executable).with_name("claimwatch")
EN, ID, LATE = 501, 502, 503  # two chats subscribed before the scan, one after it
VILLAGES = ["Sukamaju", "Cibatu", "Tarogong", "Leles", "Kadungora"]


def write_config(tmp: Path, api: FakeBotAPI, site: Site, **telegram: object) -> Path:
    return write_run_config(tmp / "bot.toml", site.srv, api=api, token_env="CW_INSTANCE_TOKEN",
                            telegram={"admins": [4242], **telegram}, source={"baseline": False})


def env(api: FakeBotAPI, **extra: str) -> dict[str, str]:
    return {**os.environ, "CW_INSTANCE_TOKEN": api.token, "PYTHONUNBUFFERED": "1", **extra}


def start(cfg: Path, api: FakeBotAPI, err: Path, **extra: str) -> subprocess.Popen[str]:
    """``claimwatch run`` in the background, its stderr to a file (read it after it stopped)."""
    return subprocess.Popen([str(EXE), "run", "--config", str(cfg)], stdout=subprocess.DEVNULL,
                            stderr=err.open("w"), text=True, env=env(api, **extra))


def wait_until(pred, timeout: float = 30.0, what: str = "") -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not pred():
        assert time.monotonic() < deadline, f"timed out: {what}"
        time.sleep(0.02)


def stop(proc: subprocess.Popen[str]) -> int:
    proc.send_signal(signal.SIGTERM)
    return proc.wait(timeout=30)


def subscribe(db: Path, cfg: Path, chat_ids: list[int], lang: str = "en") -> None:
    store = open_store(db)
    try:
        now = datetime.now(UTC)
        sync_config(store, load_config(cfg), now)
        for cid in chat_ids:
            chats.touch_chat(store, cid, now, lang=lang)
            chats.subscribe(store, cid, "banjir", now)
    finally:
        store.close()


def query(db: Path, sql: str, *params: object) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()


def alert_messages(api: FakeBotAPI, chat_id: int) -> list[str]:
    return [m.text or "" for m in api.messages_to(chat_id) if m.method == "sendMessage" and (m.text or "").startswith("📰")]


# ---- scan, then run: nothing lost, nothing twice -------------------------------------------------

def test_alerts_stored_by_scan_are_delivered_by_run_exactly_once(api: FakeBotAPI, site: Site, tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    for cid in (EN, ID, LATE):
        api.add_chat(cid, "private")
    cfg = write_config(tmp_path, api, site)
    db = tmp_path / "bot.db"
    subscribe(db, cfg, [EN])
    subscribe(db, cfg, [ID], lang="id")
    when = datetime.now(UTC) - timedelta(hours=3)
    for i, village in enumerate(VILLAGES):
        site.publish(f"/news/{i}", f"Banjir di {village}", [
            f"Banjir merendam Desa {village} di Garut sejak Senin.",
            f"Kepala BPBD Garut mengatakan {12 + i} orang tewas dan {40 + 10 * i} rumah rusak berat di {village}."],
            when=when + timedelta(minutes=10 * i))

    out = io.StringIO()
    assert main(["scan", "--once", "--config", str(cfg)], out) == 0
    printed = out.getvalue().splitlines()
    alerts = query(db, "SELECT id, url FROM alerts")
    assert alerts and len(printed) == len(alerts)  # scan shows what it stored
    urls = {str(u) for _, u in alerts}
    assert len(urls) == len(VILLAGES)
    # stored with their deliveries, in the same transaction: every alert, to both chats subscribed now
    assert sorted(query(db, "SELECT chat_id, COUNT(*) FROM deliveries WHERE status = 'pending' GROUP BY chat_id")) == [
        (EN, len(alerts)), (ID, len(alerts))]
    assert query(db, "SELECT COUNT(*) FROM instance_lease") == [(0,)]  # released on exit
    capsys.readouterr()

    subscribe(db, cfg, [LATE])  # subscribes after the alerts were stored: no backlog
    err = tmp_path / "run.err"
    proc = start(cfg, api, err)
    try:
        wait_until(lambda: len(alert_messages(api, EN)) >= len(urls) and len(alert_messages(api, ID)) >= len(urls),
                   what="the scan's alerts delivered")
        wait_until(lambda: query(db, "SELECT COUNT(*) FROM deliveries WHERE status != 'sent'") == [(0,)],
                   what="every delivery marked sent")
        time.sleep(1.5)  # several delivery rounds more: nothing is sent again
        assert stop(proc) == 0, err.read_text()
    finally:
        proc.kill()
    for cid, lang_word in ((EN, "killed"), (ID, "tewas")):
        texts = alert_messages(api, cid)
        assert len(texts) == len(urls) and len(set(texts)) == len(texts)  # one message per article, once
        for village in VILLAGES:
            [msg] = [t for t in texts if f"Banjir di {village}" in t]
            assert lang_word in msg
    assert alert_messages(api, LATE) == []
    assert query(db, "SELECT COUNT(*) FROM deliveries WHERE chat_id = ?", LATE) == [(0,)]
    assert sorted(query(db, "SELECT chat_id, COUNT(*) FROM deliveries WHERE status = 'sent' GROUP BY chat_id")) == [
        (EN, len(alerts)), (ID, len(alerts))]
    print(f"scan then run: {len(alerts)} alerts of {len(urls)} articles, each delivered once to 2 chats")


# ---- one instance per database -------------------------------------------------------------------

FANOUT = range(200_001, 200_151)  # 150 chats, one alert each


def seed(db: Path, cfg: Path, chat_ids: range | list[int], key: str = "one") -> None:
    store = open_store(db)
    try:
        now = datetime.now(UTC)
        sync_config(store, load_config(cfg), now)
        for cid in chat_ids:
            chats.touch_chat(store, cid, now, lang="en")
            chats.subscribe(store, cid, "banjir", now)
        with store.transaction() as conn_db:
            a = Tracker._insert_alert(conn_db.conn, Alert(
                kind=AlertKind.NEW, topic="banjir", dedupe_key=key, url=f"https://news.example/{key}",
                published=now, sentence="Sebanyak 4321 warga mengungsi.", what="displaced", value=4321,
                claimed_by="BNPB", source="news.example"), None, now)
            assert outbox.enqueue(store, [a], now) == len(chat_ids)
    finally:
        store.close()


def got(api: FakeBotAPI, chat_ids: range | list[int]) -> Counter[int]:
    ids = set(chat_ids)
    return Counter(m.chat_id for m in list(api.sent) if m.method == "sendMessage" and m.chat_id in ids
                   and "4,321" in (m.text or ""))


def test_a_second_run_or_a_scan_is_refused_while_a_bot_runs(api: FakeBotAPI, site: Site, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    for cid in FANOUT:
        api.add_chat(cid, "private")
    cfg = write_config(tmp_path, api, site, rate_limit=25, per_chat_interval=0.2)  # ~6 s of sending
    db = tmp_path / "bot.db"
    seed(db, cfg, FANOUT)
    first = start(cfg, api, tmp_path / "first.err")
    try:
        wait_until(lambda: sum(got(api, FANOUT).values()) >= 10, what="the first bot sending")
        second = subprocess.run([str(EXE), "run", "--config", str(cfg)], capture_output=True, text=True,
                                env=env(api), timeout=60)
        assert second.returncode == 2
        [line] = second.stderr.splitlines()
        assert re.fullmatch(rf"claimwatch: database {re.escape(str(db.resolve()))} is in use by claimwatch run "
                            rf"\(pid {first.pid} on host \S+, heartbeat \d+ s ago\); stop it first", line), line
        # scan, run --console: the same one line; timeline (read-only) needs no lease
        assert main(["scan", "--once", "--config", str(cfg)], io.StringIO()) == 2
        assert main(["run", "--console", "--once", "--config", str(cfg)], io.StringIO()) == 2
        lines = capsys.readouterr().err.strip().splitlines()
        assert len(lines) == 2 and all(f"is in use by claimwatch run (pid {first.pid} on host " in x for x in lines)
        assert main(["timeline", "banjir", "--config", str(cfg)], io.StringIO()) == 2  # no series yet: a usage line
        assert "no series for topic 'banjir'" in capsys.readouterr().err
        assert first.poll() is None  # the first bot was not disturbed
        wait_until(lambda: len(got(api, FANOUT)) == len(FANOUT), timeout=60, what="every chat served")
        time.sleep(1.5)
        assert stop(first) == 0
    finally:
        first.kill()
    counts = got(api, FANOUT)
    assert set(counts) == set(FANOUT) and set(counts.values()) == {1}  # every chat once: no duplicate
    assert query(db, "SELECT status, COUNT(*) FROM deliveries GROUP BY status") == [("sent", len(FANOUT))]
    assert query(db, "SELECT COUNT(*) FROM instance_lease") == [(0,)]  # released on a clean stop


FEW = [300_001, 300_002, 300_003, 300_004, 300_005]
SLOW = FEW[0]  # its message is in flight (the Bot API answers late) when the holder dies or hangs


def few_chats_seeded(api: FakeBotAPI, site: Site, tmp_path: Path) -> tuple[Path, Path]:
    """The FEW private chats known to the stand-in and subscribed, one alert each waiting: (config, db)."""
    for cid in FEW:
        api.add_chat(cid, "private")
    cfg = write_config(tmp_path, api, site)
    db = tmp_path / "bot.db"
    seed(db, cfg, FEW)
    return cfg, db


def in_flight_then(api: FakeBotAPI, db: Path, proc: subprocess.Popen[str]) -> None:
    """Wait until the others got theirs and SLOW's delivery is ``sending``, claimed by ``proc``."""
    wait_until(lambda: sum(got(api, FEW[1:]).values()) == len(FEW) - 1, what="the others served")
    # and recorded as sent (under load the record may lag the send: those would be in flight too)
    wait_until(lambda: query(db, "SELECT COUNT(*) FROM deliveries WHERE chat_id != ? AND status != 'sent'", SLOW)
               == [(0,)], what="the others recorded as sent")
    wait_until(lambda: query(db, "SELECT status, claimed_by FROM deliveries WHERE chat_id = ?", SLOW)[0][0] == "sending",
               what="SLOW in flight")
    [(claimer,)] = query(db, "SELECT claimed_by FROM deliveries WHERE chat_id = ?", SLOW)
    assert f":{proc.pid}:" in str(claimer)  # the lease owner that claimed it


def test_a_killed_holder_is_taken_over_and_its_in_flight_message_sent_again_at_most_once(
        api: FakeBotAPI, site: Site, tmp_path: Path) -> None:
    cfg, db = few_chats_seeded(api, site, tmp_path)
    api.inject("sendMessage", Slow(4.0), chat_id=SLOW)  # accepted (so: sent) 4 s later
    first = start(cfg, api, tmp_path / "first.err")
    try:
        in_flight_then(api, db, first)
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
    finally:
        first.kill()
    err = tmp_path / "second.err"
    second = start(cfg, api, err)  # at once: the holder's process is gone, no need to wait for the expiry
    try:
        wait_until(lambda: got(api, [SLOW])[SLOW] == 2, timeout=30, what="SLOW: the killed bot's and the re-sent")
        wait_until(lambda: query(db, "SELECT COUNT(*) FROM deliveries WHERE status != 'sent'") == [(0,)])
        time.sleep(1.5)
        assert stop(second) == 0
    finally:
        second.kill()
    log = err.read_text()
    assert f"taking over the lease of claimwatch run (pid {first.pid} on host " in log
    assert "its process is gone" in log and "1 delivery(ies) were in flight" in log
    assert got(api, FEW) == {SLOW: 2, **{c: 1 for c in FEW[1:]}}  # the in-flight one twice at most


def test_a_hung_holder_is_taken_over_after_its_lease_expires_and_stops_itself_when_resumed(
        api: FakeBotAPI, site: Site, tmp_path: Path) -> None:
    cfg, db = few_chats_seeded(api, site, tmp_path)
    timing = {"CLAIMWATCH_LEASE_TIMING": "0.3,2.5"}  # heartbeat, expiry (seconds)
    api.inject("sendMessage", Slow(4.0), chat_id=SLOW)
    first_err, second_err = tmp_path / "first.err", tmp_path / "second.err"
    first = start(cfg, api, first_err, **timing)
    second: subprocess.Popen[str] | None = None
    try:
        in_flight_then(api, db, first)
        first.send_signal(signal.SIGSTOP)  # hung: alive, but its heartbeat stops
        [(expires,)] = query(db, "SELECT expires FROM instance_lease")
        wait_until(lambda: datetime.now(UTC) > datetime.fromisoformat(str(expires)) + timedelta(seconds=0.3),
                   what="the hung holder's lease expiring")
        second = start(cfg, api, second_err, **timing)
        wait_until(lambda: got(api, [SLOW])[SLOW] == 2, timeout=30, what="SLOW: the hung bot's and the re-sent")
        seed(db, cfg, FEW, key="two")  # a second alert: only the new holder may send it
        wait_until(lambda: query(db, "SELECT COUNT(*) FROM deliveries WHERE status != 'sent'") == [(0,)],
                   what="the new holder sending")
        first.send_signal(signal.SIGCONT)
        assert first.wait(timeout=30) == 1  # it found its lease taken and stopped itself
        time.sleep(1.0)
        assert second.poll() is None and stop(second) == 0
    finally:
        first.kill()
        if second is not None:
            second.kill()
    log = second_err.read_text()
    assert f"taking over the lease of claimwatch run (pid {first.pid} on host " in log
    assert re.search(r"its heartbeat stopped \d+ s ago", log) and "1 delivery(ies) were in flight" in log
    assert "claimwatch: stopped: another instance took over database" in first_err.read_text()
    # the only tracebacks: PTB's, for Telegram's 409 Conflict while both polled for a moment
    both = log + first_err.read_text()
    assert both.count("Traceback") == both.count("telegram.error.Conflict: Conflict: terminated by other getUpdates")
    # the first alert: SLOW's in flight at the hang, so twice at most; the second alert once each
    assert got(api, FEW) == {SLOW: 3, **{c: 2 for c in FEW[1:]}}
    assert query(db, "SELECT COUNT(*) FROM instance_lease") == [(0,)]


# ---- a damaged database ---------------------------------------------------------------------------

def test_a_damaged_database_is_refused_with_how_to_recover(api: FakeBotAPI, site: Site, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    cfg = write_config(tmp_path, api, site)
    db = tmp_path / "bot.db"
    with open_store(db) as s, s.transaction() as conn_db:
        conn_db.conn.executemany('INSERT INTO articles (url, title, "text") VALUES (?, ?, ?)',
                                 [(f"https://x.example/{i}", f"t{i}", f"Banjir {i}. " * 120) for i in range(400)])
    size = db.stat().st_size
    with db.open("r+b") as f:  # some pages of the articles' table overwritten
        for k in range(2, 10):
            f.seek(size - k * 4096)
            f.write(b"\xa5" * 4096)
    os.environ["CW_INSTANCE_TOKEN"] = api.token
    try:
        for argv in (["scan", "--once"], ["run"], ["run", "--console", "--once"]):
            assert main([*argv, "--config", str(cfg)], io.StringIO()) == 2, argv
            [line] = capsys.readouterr().err.strip().splitlines()
            assert line.startswith(f"claimwatch: database {db.resolve()} is damaged (")
            assert "restore the last backup" in line and f"sqlite3 {db.resolve()} .recover | sqlite3 " in line
    finally:
        os.environ.pop("CW_INSTANCE_TOKEN", None)
    assert api.calls["getMe"] == 0  # refused before any Telegram call

    db.write_bytes(b"this is not a database, just some text" * 200)  # not even a header
    assert main(["scan", "--once", "--config", str(cfg)], io.StringIO()) == 2
    [line] = capsys.readouterr().err.strip().splitlines()
    assert f"database {db.resolve()} is damaged (" in line and ".recover" in line
