"""Prompt shutdown: SIGTERM stops ``claimwatch run`` and a scheduled ``claimwatch scan`` within
10 s while a source is a slow-drip server (a byte a second for minutes), with exit code 0 and no
traceback; the fetch in flight is cancelled, nothing half-written."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.botapi import FakeBotAPI
from tests.support.httpserver import LocalServer, Reply
from tests.support.runconfig import write_run_config

EXE = Path(sys.executable).with_name("claimwatch")


def drip() -> Iterator[bytes]:
    """An RSS feed that never ends: one byte a second for five minutes."""
    yield b'<?xml version="1.0"?><rss version="2.0"><channel><title>Slow</title>'
    for _ in range(300):
        time.sleep(1.0)
        yield b" "


def write_config(tmp: Path, srv: LocalServer, api: FakeBotAPI | None) -> Path:
    return write_run_config(tmp / "cw.toml", srv, api=api, topic_name="Banjir",
                            telegram={"admins": [4242]} if api is not None else None,
                            fetch={"timeout": 30.0, "retries": 2}, source={"id": "slow", "interval": "1m"})


def wait_until(pred, timeout: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not pred():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def stop(proc: subprocess.Popen[str]) -> tuple[float, str]:
    """SIGTERM, then the seconds it took to exit and its stderr."""
    proc.send_signal(signal.SIGTERM)
    t0 = time.monotonic()
    try:
        _, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    return time.monotonic() - t0, err


def source_row(db: Path) -> tuple[int, str | None]:
    with sqlite3.connect(db) as conn:
        failures, error = conn.execute("SELECT failures, last_error FROM sources WHERE id = 'slow'").fetchone()
    return int(failures or 0), error


def assert_stopped_promptly(proc: subprocess.Popen[str], took: float, err: str) -> None:
    assert proc.returncode == 0, err
    assert took < 10, f"took {took:.1f}s to stop"
    assert "Traceback" not in err, err


@pytest.fixture
def slow_site() -> Iterator[LocalServer]:
    with LocalServer() as srv:
        srv.route("/feed.xml", lambda req: Reply(headers={"Content-Type": "application/rss+xml"}, chunks=drip()))
        yield srv


def test_sigterm_stops_run_within_10s_while_a_fetch_drips(tmp_path: Path, slow_site: LocalServer) -> None:
    with FakeBotAPI() as api:
        cfg = write_config(tmp_path, slow_site, api)
        env = {**os.environ, "CW_TEST_TOKEN": api.token, "PYTHONUNBUFFERED": "1"}
        proc = subprocess.Popen([str(EXE), "run", "--config", str(cfg)], stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True, env=env)
        try:
            wait_until(lambda: slow_site.hits("/feed.xml") >= 1)  # the first scrape runs 5 s after start
            time.sleep(1.5)  # the body is dripping in
            took, err = stop(proc)
        finally:
            proc.kill()
    assert_stopped_promptly(proc, took, err)
    assert slow_site.hits("/feed.xml") == 1  # cancelled, not retried
    # a cancelled fetch is not the source's failure: no back-off recorded for it
    assert source_row(tmp_path / "cw.db")[0] == 0


def test_sigterm_stops_scheduled_scan_within_10s_while_a_fetch_drips(tmp_path: Path,
                                                                     slow_site: LocalServer) -> None:
    cfg = write_config(tmp_path, slow_site, None)
    proc = subprocess.Popen([str(EXE), "scan", "--config", str(cfg)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"},
                            cwd=tmp_path)
    try:
        wait_until(lambda: slow_site.hits("/feed.xml") >= 1)
        time.sleep(1.5)
        took, err = stop(proc)
    finally:
        proc.kill()
    assert_stopped_promptly(proc, took, err)
    assert "scan: stopped" in err
    assert slow_site.hits("/feed.xml") == 1
    assert source_row(tmp_path / "cw.db")[0] == 0
