"""``claimwatch run --console``: the bot's sources and delivery pipeline without Telegram — a
local news site, a chat subscribed in the store, the messages on stdout; no token anywhere."""

from __future__ import annotations

import io
import os
import signal
import sqlite3
import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest

from claimwatch import chats
from claimwatch.cli import main
from claimwatch.config import load_config
from claimwatch.sources import sync_config
from claimwatch.store import open_store
from tests.support.httpserver import Reply
from tests.support.newssite import P1, Site, page
from tests.support.runconfig import write_run_config

EXE = Path(sys.executable).with_name("claimwatch")
DESK = -100777  # a group subscribed to the topic
READER = 555  # a private chat, in Indonesian


def publish_now(site: Site, path: str, title: str, paragraphs: list[str]) -> None:
    """``Site.publish`` dated an hour ago (its own dates are March 2026: too old to alert today)."""
    when = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
    site.items.insert(0, (path, title, format_datetime(when)))
    site.srv.route(path, Reply(body=page(title, paragraphs, when.isoformat()),
                               headers={"Content-Type": "text/html; charset=utf-8"}))
    site.version += 1


def write_config(tmp: Path, site: Site) -> Path:
    p = write_run_config(tmp / "console.toml", site.srv, token_env="CW_CONSOLE_TEST_TOKEN")
    store = open_store(tmp / "console.db")
    try:
        now = datetime.now(UTC)
        sync_config(store, load_config(p), now)
        chats.touch_chat(store, DESK, now, type="supergroup", title="Desk Banjir", lang="en")
        chats.subscribe(store, DESK, "banjir", now)
        chats.touch_chat(store, READER, now, type="private", title="Rina", lang="id")
        chats.subscribe(store, READER, "banjir", now)
    finally:
        store.close()
    return p


def console_once(cfg: Path) -> tuple[int, str]:
    out = io.StringIO()
    return main(["run", "--config", str(cfg), "--console", "--once"], out), out.getvalue()


def test_console_once_prints_each_chats_alert_without_a_token(site: Site, tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    os.environ.pop("CW_CONSOLE_TEST_TOKEN", None)
    cfg = write_config(tmp_path, site)
    assert console_once(cfg) == (0, "")  # nothing published yet (a first poll may only take the baseline)
    assert "console: 1 source(s), 2 subscribed chat(s); messages are printed here, not sent" in capsys.readouterr().err

    publish_now(site, "/news/1", "Banjir Garut", P1)
    code, out = console_once(cfg)
    assert code == 0 and out.count("── to chat ") == 2  # one message per chat, its alerts merged
    blocks = {b.split(" ", 1)[0]: b for b in out.split("── to chat ")[1:]}
    desk, reader = blocks[str(DESK)], blocks[str(READER)]
    assert desk.startswith("-100777 (Desk Banjir) ──\n") and reader.startswith("555 (Rina) ──\n")
    assert "Banjir Garut" in desk and "killed" in desk and "12" in desk and "BPBD" in desk
    assert "Banjir Garut" in reader and "korban tewas" in reader and "12" in reader  # the reader's language
    assert "killed" not in reader and "korban tewas" not in desk
    assert "<b>" not in out and "<a " not in out and "&lt;" not in out  # plain text, tags stripped
    assert site.srv.url("/news/1") in out  # the link's address is kept
    with sqlite3.connect(tmp_path / "console.db") as conn:
        states = set(conn.execute("SELECT chat_id, status FROM deliveries").fetchall())
    assert states == {(DESK, "sent"), (READER, "sent")}  # printed counts as delivered, as for the bot

    assert console_once(cfg) == (0, "")  # printed once: a second pass has nothing new


def test_console_runs_on_schedule_until_sigterm(site: Site, tmp_path: Path) -> None:
    cfg = write_config(tmp_path, site)
    assert console_once(cfg) == (0, "")  # the source's first poll, before anything is published
    publish_now(site, "/news/1", "Banjir Garut", P1)
    env = {k: v for k, v in os.environ.items() if k != "CW_CONSOLE_TEST_TOKEN"} | {"PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([str(EXE), "run", "--config", str(cfg), "--console"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)
    lines: list[str] = []
    seen = threading.Event()

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.append(line)
            if "── to chat -100777 (Desk Banjir) ──" in line:
                seen.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        assert seen.wait(30), "".join(lines)
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=15)
        reader.join(timeout=5)
        err = proc.stderr.read() if proc.stderr else ""
    finally:
        proc.kill()
    assert proc.returncode == 0 and "Traceback" not in err
    assert "console: stopped" in err and "Ctrl-C to stop" in err
    assert any("Banjir Garut" in line for line in lines)
