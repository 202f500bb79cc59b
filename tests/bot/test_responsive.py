"""The bot answers while the monitor reads heavy articles: extraction, tracking and the article
transaction run on the article worker thread (``claimwatch/worker.py``), HTML → text in a thread
too, so ``/help`` is answered within a second while a scan of number-dense pages is under way."""

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
from tests.support.httpserver import LocalServer
from tests.support.newssite import Site
from tests.support.runconfig import write_run_config

EXE = Path(sys.executable).with_name("claimwatch")
ARTICLES = 5
CHAT = 77


def heavy_paragraphs(n: int, size: int = 1_300_000) -> list[str]:
    """About ``size`` characters of flood reports, every sentence full of figures."""
    out: list[str] = []
    total, i = 0, 0
    while total < size:
        i += 1
        p = (f"Banjir di Desa Cibatu {n}-{i}: BPBD Garut mengatakan {i * 7 % 900 + 12} orang tewas, "
             f"{i * 13 % 5000 + 40} rumah rusak dan {i * 3 % 800 + 5} warga mengungsi.")
        out.append(p)
        total += len(p)
    return out


@pytest.fixture
def site() -> Iterator[Site]:
    with LocalServer() as srv:
        s = Site(srv)
        for n in range(1, ARTICLES + 1):
            s.publish(f"/news/{n}", f"Banjir Garut hari ke-{n}", heavy_paragraphs(n), day=2, hour=n)
        yield s


def write_config(tmp: Path, site: Site, api: FakeBotAPI) -> Path:
    return write_run_config(tmp / "cw.toml", site.srv, api=api, topic_name="Banjir", telegram={"admins": [4242]},
                            fetch={"timeout": 30.0, "retries": None}, source={"interval": "1m", "max_age": "3650d"})


def stored(db: Path) -> int:
    """Articles the monitor has stored (each in its own transaction)."""
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM seen_items").fetchone()[0])
    except sqlite3.Error:
        return 0


def test_help_is_answered_within_a_second_while_heavy_articles_are_read(tmp_path: Path, site: Site) -> None:
    db = tmp_path / "cw.db"
    with FakeBotAPI() as api:
        cfg = write_config(tmp_path, site, api)
        env = {**os.environ, "CW_TEST_TOKEN": api.token, "PYTHONUNBUFFERED": "1"}
        proc = subprocess.Popen([str(EXE), "run", "--config", str(cfg)], stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True, env=env)
        try:
            api.user_says("/start", chat_id=CHAT, user_id=CHAT)  # the chat is known: /help only reads
            api.wait_for_messages(CHAT, 1, timeout=30)
            deadline = time.monotonic() + 60
            while site.srv.hits("/news/1") == 0:  # the first scrape starts 5-11 s after start-up
                assert time.monotonic() < deadline, "the source was never read"
                time.sleep(0.05)
            latencies: list[float] = []  # of the /help replies sent while articles were being read
            deadline = time.monotonic() + 240
            while stored(db) < ARTICLES:
                assert time.monotonic() < deadline, f"only {stored(db)} of {ARTICLES} articles stored"
                n = len(api.messages_to(CHAT))
                t0 = time.monotonic()
                api.user_says("/help", chat_id=CHAT, user_id=CHAT)
                reply = api.wait_for_messages(CHAT, n + 1, timeout=60)[n]
                assert "/subscribe" in (reply.text or ""), reply.text  # the list of commands
                if stored(db) < ARTICLES:  # still reading after the reply: it counts
                    latencies.append(reply.at - t0)
                time.sleep(0.3)
            proc.send_signal(signal.SIGTERM)
            _, err = proc.communicate(timeout=30)
        finally:
            proc.kill()
    print(f"/help during the scan: {len(latencies)} replies, slowest {max(latencies, default=0):.3f}s, "
          f"mean {sum(latencies) / max(1, len(latencies)):.3f}s")
    assert proc.returncode == 0 and "Traceback" not in err, err
    assert len(latencies) >= 3, f"the scan was over too soon to measure ({len(latencies)} replies)"
    assert max(latencies) < 1.0, latencies
