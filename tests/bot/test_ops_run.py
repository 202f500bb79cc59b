"""``claimwatch run`` with ``[ops] listen``: ``/metrics`` and ``/healthz`` served by the real process
while it scans a loopback news site and delivers through the stand-in Bot API; ``claimwatch
health`` sees the last Telegram contact the bot recorded; a busy port is one line, exit 2."""

from __future__ import annotations

import io
import os
import signal
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest

from claimwatch import chats
from claimwatch.cli import main
from claimwatch.config import load_config
from claimwatch.sources import sync_config
from claimwatch.store import open_store
from tests.claimwatch.test_ops import get, sample
from tests.support.botapi import FakeBotAPI
from tests.support.httpserver import Reply
from tests.support.newssite import P1, Site, page
from tests.support.runconfig import write_run_config

EXE = Path(sys.executable).with_name("claimwatch")
READER = 555


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def write_config(tmp: Path, api: FakeBotAPI, site: Site, port: int) -> Path:
    p = write_run_config(tmp / "ops.toml", site.srv, api=api, token_env="CW_OPS_TEST_TOKEN",
                         extra={"ops": {"listen": f"127.0.0.1:{port}"}},
                         source={"topics": None, "interval": "10s", "baseline": False})
    store = open_store(tmp / "ops.db")
    try:
        now = datetime.now(UTC)
        sync_config(store, load_config(p), now)
        chats.touch_chat(store, READER, now, type="private", title="Rina", lang="en")
        chats.subscribe(store, READER, "banjir", now)
    finally:
        store.close()
    return p


def publish_now(site: Site, path: str, title: str, paragraphs: list[str]) -> None:
    when = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
    site.items.insert(0, (path, title, format_datetime(when)))
    site.srv.route(path, Reply(body=page(title, paragraphs, when.isoformat()),
                               headers={"Content-Type": "text/html; charset=utf-8"}))
    site.version += 1


def test_run_serves_metrics_and_healthz_that_move_with_scans_and_sends(tmp_path: Path, api: FakeBotAPI,
                                                                       site: Site) -> None:
    api.add_chat(READER, "private")
    port = free_port()
    cfg = write_config(tmp_path, api, site, port)
    publish_now(site, "/news/1", "Banjir Garut", P1)
    env = {**os.environ, "CW_OPS_TEST_TOKEN": api.token, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([str(EXE), "run", "--config", str(cfg)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:  # the endpoint comes up before the first scan
            try:
                status, _, first = get(base + "/metrics")
                break
            except OSError:
                assert time.monotonic() < deadline and proc.poll() is None, "no ops endpoint"
                time.sleep(0.1)
        assert status == 200 and sample(first, "claimwatch_deliveries_total", outcome="sent") == 0
        msg = api.wait_for_messages(READER, 1, timeout=40)[0]
        assert "Banjir Garut" in (msg.text or "")
        time.sleep(0.5)  # the send is marked sent after Telegram answered
        _, _, after = get(base + "/metrics")
        status, _, line = get(base + "/healthz")
        code_out = io.StringIO()
        health_code = main(["health", "--config", str(cfg)], code_out)
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=20)
    finally:
        proc.kill()
    assert proc.returncode == 0 and "Traceback" not in err, err
    assert sample(after, "claimwatch_polls_total", source="lokal", outcome="new") == 1
    assert sample(after, "claimwatch_articles_total", source="lokal") == 1
    assert sample(after, "claimwatch_alerts_total", source="lokal") >= 1
    assert sample(after, "claimwatch_deliveries_total", outcome="sent") == 1  # one message to the one chat
    assert sample(after, "claimwatch_send_seconds_count") == 1
    assert sample(after, "claimwatch_telegram_requests_total", method="sendMessage", status="200") == 1
    assert sample(after, "claimwatch_telegram_requests_total", method="getMe", status="200") == 1
    assert sample(after, "claimwatch_queue_depth", state="due") == 0
    assert 0 <= sample(after, "claimwatch_telegram_last_contact_age_seconds") < 60  # recorded at getMe
    assert status == 200 and line.startswith("ok: db ok · 1 source polled (newest ") and "· backlog 0 ·" in line
    assert "telegram never" not in line and line.rstrip().endswith("s ago")
    health_line = code_out.getvalue()
    assert health_code == 0 and health_line.startswith("ok: db ok") and "telegram never" not in health_line
    with pytest.raises(OSError):  # the endpoint stopped with the bot
        get(base + "/healthz")


def test_a_busy_ops_port_is_one_line_exit_2_before_any_telegram_call(tmp_path: Path, api: FakeBotAPI, site: Site,
                                                                     monkeypatch: pytest.MonkeyPatch,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = int(busy.getsockname()[1])
        cfg = write_config(tmp_path, api, site, port)
        monkeypatch.setenv("CW_OPS_TEST_TOKEN", api.token)
        assert main(["run", "--config", str(cfg)], io.StringIO()) == 2
    err = capsys.readouterr().err
    assert err.splitlines() == [f"claimwatch: cannot listen on 127.0.0.1:{port} (Address already in use): "
                                f"check [ops] listen in {cfg}"]
    assert api.calls["getMe"] == 0
