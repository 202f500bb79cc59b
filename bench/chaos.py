"""Chaos: ``kill -9`` at random moments of scans and fan-outs, then count what every chat received.

    .venv/bin/python bench/chaos.py                # 20 kills, 40 chats (~3-4 minutes)
    .venv/bin/python bench/chaos.py --kills 6 --chats 10 --seed 1

Everything runs for real on 127.0.0.1: a news site (``tests/support/newssite.py``) that publishes
new articles, the stand-in Telegram Bot API (``tests/support/botapi.py``) with every chat
subscribed, and the ``claimwatch`` executable as separate processes on one database. Kills
alternate between

* **scan** — new articles are published, ``claimwatch scan --once`` starts, and it is killed
  (SIGKILL) a random moment after it fetched the feed, while it reads and stores articles;
* **fan-out** — ``claimwatch run`` starts (it sends what is due and scrapes on its own) and is
  killed after a random number (1..60) of further ``sendMessage`` calls.

Then one ``claimwatch run`` is left to finish, and stopped with SIGTERM. Every article is written
to alert (a new figure, all published at the same time, so none is ever "late" however the kills
reorder the reading), so every chat must receive one message per article. Printed:
per chat, messages expected, received, lost and duplicated; the totals; and as the last line one
JSON object. Expected: 0 lost; duplicates only for messages in flight at a fan-out kill (at most
the sender's 60 chats per round, per kill).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from claimwatch import chats
from claimwatch.config import load_config
from claimwatch.sources import sync_config
from claimwatch.store import open_store
from tests.support.botapi import FakeBotAPI
from tests.support.httpserver import LocalServer, Reply
from tests.support.newssite import Site, page
from tests.support.runconfig import write_run_config

EXE = Path(sys.executable).with_name("claimwatch")
FIRST_CHAT = 700_001
ROUND = 60  # the sender's chats per round: the most messages in flight at a kill
PLACES = ("Cibatu", "Sukamaju", "Mekarsari", "Cikarang", "Pasirjaya", "Sindangsari", "Karangtengah", "Sukaresmi",
          "Cipanas", "Margamulya", "Tanjungsari", "Bojongsoang", "Citeureup", "Jatinangor", "Cileunyi", "Rancaekek")
ARTICLE_RE = re.compile(r"/chaos/(\d+)\"")


def write_config(tmp: Path, api: FakeBotAPI, site: Site) -> Path:
    return write_run_config(tmp / "chaos.toml", site.srv, api=api, token_env="CW_CHAOS_TOKEN", topic_name="Banjir",
                            telegram={"rate_limit": 400, "per_chat_interval": 0.2},
                            source={"topics": None, "interval": "10s", "baseline": False})


def seed(cfg: Path, chat_ids: range) -> None:
    store = open_store(cfg.parent / "chaos.db")
    try:
        now = datetime.now(UTC)
        sync_config(store, load_config(cfg), now)
        for cid in chat_ids:
            chats.touch_chat(store, cid, now, lang="en")
            chats.subscribe(store, cid, "banjir", now)
    finally:
        store.close()


class Newsroom:
    """Publishes articles that each alert: a flood in its own village, with its own figure."""

    def __init__(self, site: Site) -> None:
        self.site, self.n = site, 0
        self.start = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=2)

    def publish(self, k: int) -> None:
        for _ in range(k):
            i = self.n
            self.n += 1
            place = f"{PLACES[i % len(PLACES)]} {i // len(PLACES) + 1}"
            # one publication time for all: the order a crash leaves them to be read in never makes
            # one "late" (older than the series' newest figure, which never alerts), so every
            # article must alert, whatever the kills did
            when = self.start
            title = f"Banjir di Desa {place}"
            paras = [f"Banjir merendam Desa {place} sejak Senin pagi.",
                     f"Kepala BPBD mengatakan {120 + 7 * i} rumah terendam banjir di Desa {place}."]
            path = f"/chaos/{i}"
            self.site.items.insert(0, (path, title, format_datetime(when)))
            self.site.srv.route(path, Reply(body=page(title, paras, when.isoformat()),
                                            headers={"Content-Type": "text/html; charset=utf-8"}))
        self.site.version += 1


def receipts(api: FakeBotAPI, chat_ids: range) -> Counter[tuple[int, int]]:
    got: Counter[tuple[int, int]] = Counter()
    for m in list(api.sent):
        if m.method == "sendMessage" and m.chat_id in chat_ids:
            for art in set(ARTICLE_RE.findall(m.text or "")):
                got[(m.chat_id, int(art))] += 1
    return got


def spawn(args: list[str], cfg: Path, api: FakeBotAPI) -> subprocess.Popen[bytes]:
    env = {**os.environ, "CW_CHAOS_TOKEN": api.token, "CLAIMWATCH_LEASE_TIMING": "0.5,2"}
    return subprocess.Popen([str(EXE), *args, "--config", str(cfg)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, env=env)


def kill(proc: subprocess.Popen[bytes]) -> bool:
    """SIGKILL; True when it was still running (a real crash), False when it had already exited."""
    alive = proc.poll() is None
    if alive:
        proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    return alive


def wait_until(pred, timeout: float, every: float = 0.01) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not pred():
        if time.monotonic() > deadline:
            return False
        time.sleep(every)
    return True


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--kills", type=int, default=20, help="SIGKILLs in all, alternating scan / fan-out (default 20)")
    ap.add_argument("--chats", type=int, default=40, help="subscribed chats (default 40)")
    ap.add_argument("--articles", type=int, default=4, help="articles published before each scan kill (default 4)")
    ap.add_argument("--seed", type=int, default=None, help="random seed (default: random)")
    ap.add_argument("--per-chat", action="store_true", help="a line for every chat (default: only chats with a problem)")
    args = ap.parse_args(argv)
    seed_value = args.seed if args.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed_value)
    chat_ids = range(FIRST_CHAT, FIRST_CHAT + args.chats)
    started = time.monotonic()
    stats = Counter[str]()
    with tempfile.TemporaryDirectory(prefix="cw-chaos-") as tmpdir, FakeBotAPI() as api, LocalServer() as srv:
        tmp = Path(tmpdir)
        srv._httpd.handle_error = lambda *_: None  # type: ignore[method-assign]  # resets by killed processes
        site = Site(srv)
        news = Newsroom(site)
        for cid in chat_ids:
            api.add_chat(cid, "private")
        cfg = write_config(tmp, api, site)
        seed(cfg, chat_ids)
        for k in range(args.kills):
            if k % 2 == 0:  # during a scan: it has fetched the feed and is reading/storing articles
                news.publish(args.articles)
                feeds = srv.hits("/feed.xml")
                proc = spawn(["scan", "--once"], cfg, api)
                wait_until(lambda f=feeds, p=proc: srv.hits("/feed.xml") > f or p.poll() is not None, 30)
                time.sleep(rng.uniform(0.0, 0.6))
                stats["scan kills" if kill(proc) else "scans finished before the kill"] += 1
            else:  # during a fan-out: after 1..ROUND more messages (no more than are still to come)
                sends = api.calls["sendMessage"]
                owed = args.chats * news.n - len(set(receipts(api, chat_ids)))
                proc = spawn(["run"], cfg, api)
                if owed:
                    target = sends + rng.randint(1, min(ROUND, owed))
                    reached = wait_until(lambda t=target, p=proc: api.calls["sendMessage"] >= t or p.poll() is not None,
                                         60)
                else:  # everything was delivered already: a kill of an idle bot
                    reached = False
                    time.sleep(rng.uniform(1.0, 3.0))
                stats["fan-out kills" if kill(proc) and reached else "fan-out kills while idle"] += 1
            print(f"kill {k + 1}/{args.kills}: {api.calls['sendMessage']} messages sent so far, "
                  f"{news.n} articles published", file=sys.stderr)
        expected = {(c, a) for c in chat_ids for a in range(news.n)}
        proc = spawn(["run"], cfg, api)
        # the stand-in runs in this process: check rarely, it competes for the GIL
        done = wait_until(lambda: expected <= set(receipts(api, chat_ids)), 300, every=1.0)
        time.sleep(1.0)  # the last sends are marked sent
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
        got = receipts(api, chat_ids)
        import sqlite3

        with sqlite3.connect(tmp / "chaos.db") as conn:
            states = dict(conn.execute("SELECT status, COUNT(*) FROM deliveries GROUP BY status").fetchall())
            stored = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
            alerting = conn.execute("SELECT COUNT(DISTINCT url) FROM alerts").fetchone()[0]
    lost = sorted(expected - set(got))
    dup = {k: n - 1 for k, n in got.items() if n > 1}
    per_chat = []
    for c in chat_ids:
        exp = sum(1 for a in range(news.n) if (c, a) in expected)
        rec = sum(1 for a in range(news.n) if got.get((c, a)))
        lost_c = sum(1 for a in range(news.n) if (c, a) in expected and not got.get((c, a)))
        dup_c = sum(n for (cc, _), n in dup.items() if cc == c)
        per_chat.append((c, exp, rec, lost_c, dup_c))
        if args.per_chat or lost_c or dup_c:
            print(f"chat {c}: expected {exp}, received {rec}, lost {lost_c}, duplicated {dup_c}")
    fan_kills = stats["fan-out kills"]
    result = {
        "seed": seed_value, "kills": args.kills, **{k.replace(" ", "_"): v for k, v in sorted(stats.items())},
        "chats": args.chats, "articles": news.n, "articles_stored": stored, "articles_alerting": alerting,
        "expected_messages": len(expected), "received_distinct": len(expected & set(got)),
        "lost": len(lost), "duplicated": sum(dup.values()), "chats_with_duplicates": len({c for c, _ in dup}),
        "duplicate_bound": fan_kills * ROUND, "send_calls": api.calls["sendMessage"], "deliveries": states,
        "finished": done, "seconds": round(time.monotonic() - started, 1),
    }
    print(f"chaos: {args.kills} kills ({stats['scan kills']} during a scan, {fan_kills} during a fan-out; "
          f"{stats['scans finished before the kill']} scans and {stats['fan-out kills while idle']} runs had "
          f"nothing in flight), {args.chats} chats, {news.n} articles ({stored} stored, {alerting} alerting)")
    print(f"messages: {len(expected)} expected, {result['received_distinct']} received, {len(lost)} lost, "
          f"{result['duplicated']} duplicated in {result['chats_with_duplicates']} chats "
          f"(bound: {fan_kills} fan-out kills × {ROUND} in flight = {fan_kills * ROUND}); deliveries {states}; "
          f"{result['seconds']}s")
    if lost:
        print("lost (chat, article): " + ", ".join(map(str, lost[:20])) + (" …" if len(lost) > 20 else ""))
    print(json.dumps(result))
    return 0 if not lost and done else 1


if __name__ == "__main__":
    raise SystemExit(main())
