"""What operators run: ``claimwatch health`` (line, JSON, exit code), the ``/healthz`` and
``/metrics`` endpoint moving with a real scan of a loopback news site, ``claimwatch backup`` of a
database another process keeps writing, the Telegram contact recorder, the ``[ops]`` config."""

from __future__ import annotations

import asyncio
import io
import json
import os
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from claimwatch import chats, lease, outbox
from claimwatch.cli import main
from claimwatch.cli.wiring import runtime
from claimwatch.config import ConfigError, load_config
from claimwatch.models import Alert, AlertKind
from claimwatch.ops.backup import BackupError, backup_database
from claimwatch.ops.health import fmt_duration
from claimwatch.ops.httpd import HealthProbe, OpsServer
from claimwatch.ops.meta import TELEGRAM_CONTACT, ContactRecorder, read_meta_time, write_meta_time
from claimwatch.ops.metrics import PromMetrics
from claimwatch.sources import record_failure, record_success, sync_config
from claimwatch.store import open_store
from claimwatch.tracker import Tracker
from tests.support.httpserver import LocalServer, Reply
from tests.support.newssite import P1, Site, page


def write_config(tmp: Path, sources: str, ops: str = "", fetch: str = "") -> Path:
    p = tmp / "cw.toml"
    p.write_text(f"""
[storage]
path = "cw.db"
[fetch]
politeness_delay = 0.0
timeout = 5.0
retries = 0
{fetch}
{sources}
[ops]
{ops}
[[topics]]
id = "banjir"
name = "Banjir"
keywords = ["banjir"]
""", encoding="utf-8")
    return p


TWO_SOURCES = """
[[sources]]
id = "feed-a"
kind = "rss"
url = "https://a.example/feed.xml"
interval = "15m"
[[sources]]
id = "feed-x"
kind = "rss"
url = "https://x.example/feed.xml"
interval = "15m"
"""


def seed(cfg_path: Path, now: datetime) -> Path:
    db = cfg_path.parent / "cw.db"
    store = open_store(db)
    try:
        sync_config(store, load_config(cfg_path), now - timedelta(days=1))
    finally:
        store.close()
    return db


def health(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(["health", *args], out)
    return code, out.getvalue()


def enqueue_alert(store_path: Path, chat_id: int, when: datetime, value: int) -> None:
    store = open_store(store_path)
    try:
        chats.touch_chat(store, chat_id, when, lang="en")
        chats.subscribe(store, chat_id, "banjir", when)
        with store.transaction() as db:
            a = Tracker._insert_alert(db.conn, Alert(
                kind=AlertKind.NEW, topic="banjir", dedupe_key=f"ops-{value}", url=f"https://a.example/{value}",
                published=when, sentence=f"Sebanyak {value} warga mengungsi.", what="displaced", value=value,
                claimed_by="BNPB", source="feed-a"), None, when)
            assert outbox.enqueue(store, [a], when) >= 1  # to every chat subscribed so far
    finally:
        store.close()


# ------------------------------------------------------------------------------ health


def test_health_is_one_line_exit_0_when_everything_is_fresh(tmp_path: Path) -> None:
    now = datetime.now(UTC)
    cfg = write_config(tmp_path, TWO_SOURCES)
    db = seed(cfg, now)
    store = open_store(db)
    try:
        record_success(store, "feed-a", now - timedelta(minutes=2), articles=0)
        record_success(store, "feed-x", now - timedelta(minutes=5), articles=0)
    finally:
        store.close()
    write_meta_time(db, TELEGRAM_CONTACT, now - timedelta(seconds=12))
    code, out = health("--config", str(cfg))
    assert code == 0
    assert out.splitlines() == ["ok: db ok · 2 sources polled (newest 2m ago) · backlog 0 · telegram 12s ago"]


def test_health_names_a_stale_source_a_failing_one_and_an_old_backlog(tmp_path: Path) -> None:
    now = datetime.now(UTC)
    cfg = write_config(tmp_path, TWO_SOURCES + """
[[sources]]
id = "feed-dead"
kind = "rss"
url = "https://dead.example/feed.xml"
""")
    db = seed(cfg, now)
    store = open_store(db)
    try:
        record_success(store, "feed-a", now - timedelta(minutes=2), articles=0)
        record_success(store, "feed-x", now - timedelta(hours=3, minutes=1), articles=0)
        for m in (30, 20, 10):
            record_failure(store, "feed-dead", now - timedelta(minutes=m), "http://dead.example/feed.xml: HTTP 503")
    finally:
        store.close()
    enqueue_alert(db, 9000, now - timedelta(hours=2, minutes=5), 1000)
    store = open_store(db)
    try:  # 239 more chats waiting for the same alert: one backlog
        a_id = store.rows("SELECT id FROM alerts")[0]["id"]
        with store.transaction() as d:
            d.conn.executemany("INSERT INTO deliveries (alert_id, chat_id, due, created) VALUES (?, ?, ?, ?)",
                               [(a_id, 20_000 + i, (now - timedelta(minutes=i % 50)).isoformat(), now.isoformat())
                                for i in range(239)])
    finally:
        store.close()
    code, out = health("--config", str(cfg))
    assert code == 1
    line = out.strip()
    assert "\n" not in line and line.startswith("unhealthy: ")
    assert "source feed-x last polled 3h1m ago (interval 15m)" in line
    assert "source feed-dead failing (3 in a row: http://dead.example/feed.xml: HTTP 503)" in line
    assert "backlog 240 (oldest 2h5m)" in line
    assert "feed-a" not in line  # a healthy source is not named

    code, out = health("--config", str(cfg), "--json")
    rep = json.loads(out)
    assert code == 1 and rep["ok"] is False and rep["line"] == line
    assert rep["backlog"]["due"] == 240 and rep["backlog"]["oldest_age"] > 2 * 3600
    by_id = {s["id"]: s for s in rep["sources"]}
    assert by_id["feed-a"]["problem"] is None and by_id["feed-dead"]["failures"] == 3
    assert rep["db"] == {"ok": True, "problem": None} and rep["telegram"]["last_contact"] is None


def test_health_backlog_due_later_is_not_a_backlog(tmp_path: Path) -> None:
    now = datetime.now(UTC)
    cfg = write_config(tmp_path, "")
    db = seed(cfg, now)
    enqueue_alert(db, 77, now + timedelta(hours=3), 1)  # quiet hours / a digest: due later
    code, out = health("--config", str(cfg), "--json")
    rep = json.loads(out)
    assert code == 0 and rep["backlog"] == {"due": 0, "oldest_age": None, "scheduled": 1}
    assert "no sources · backlog 0" in rep["line"]


def test_health_of_a_missing_or_damaged_database_is_unhealthy_in_one_line(tmp_path: Path) -> None:
    cfg = write_config(tmp_path, "")
    code, out = health("--config", str(cfg))
    assert (code, out) == (1, f"unhealthy: no database at {tmp_path / 'cw.db'}\n")

    db = seed(cfg, datetime.now(UTC))
    store = open_store(db)
    try:
        with store.transaction() as d:
            d.conn.executemany("INSERT INTO seen_items (source_id, key, url, first_seen) VALUES (?, ?, ?, ?)",
                               [("feed-a", f"k{i}", f"https://a.example/{i}" * 20, "2026") for i in range(3000)])
        store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        store.close()
    size = db.stat().st_size
    with open(db, "r+b") as fh:  # scribble over pages in the middle of the file
        fh.seek(size // 2)
        fh.write(bytes(range(256)) * 48)  # 12 KiB of garbage: b-tree pages no longer parse
    code, out = health("--config", str(cfg), "--full")
    assert code == 1 and out.startswith("unhealthy: ") and out.count("\n") == 1
    assert out == "unhealthy: db integrity_check failed: database disk image is malformed\n"


def test_telegram_silence_counts_only_while_a_run_holds_the_database(tmp_path: Path) -> None:
    now = datetime.now(UTC)
    cfg = write_config(tmp_path, "", ops='max_telegram_silence = "5m"')
    db = seed(cfg, now)
    write_meta_time(db, TELEGRAM_CONTACT, now - timedelta(minutes=25))
    assert health("--config", str(cfg))[0] == 0  # nobody runs the bot: nothing to judge
    store = open_store(db)
    try:
        me = lease.Owner.this_process("run", now - timedelta(hours=1))
        lease.acquire(store, me, now, ttl=600)
    finally:
        store.close()
    code, out = health("--config", str(cfg))
    assert (code, out) == (1, "unhealthy: telegram last answered 25m ago\n")
    write_meta_time(db, TELEGRAM_CONTACT, now - timedelta(seconds=40))
    code, out = health("--config", str(cfg))
    assert code == 0 and out.endswith("telegram 40s ago\n")


def test_a_lease_whose_heartbeat_stopped_is_unhealthy(tmp_path: Path) -> None:
    now = datetime.now(UTC)
    cfg = write_config(tmp_path, "")
    db = seed(cfg, now)
    store = open_store(db)
    try:
        lease.acquire(store, lease.Owner.this_process("scan", now - timedelta(hours=1)), now - timedelta(minutes=10),
                      ttl=30)
    finally:
        store.close()
    code, out = health("--config", str(cfg), "--json")
    rep = json.loads(out)
    assert code == 1 and rep["instance"]["command"] == "scan" and rep["instance"]["live"] is False
    assert rep["problems"] == [f"claimwatch scan (pid {os.getpid()} on {rep['instance']['host']}) stopped renewing "
                               "its lease 10m ago"]


def test_fmt_duration() -> None:
    assert [fmt_duration(s) for s in (0, 12, 60, 125, 3600, 5400, 3 * 3600 + 59, 86400, 2 * 86400 + 4 * 3600 + 5)] == [
        "0s", "12s", "1m", "2m5s", "1h", "1h30m", "3h", "1d", "2d4h"]


def test_health_needs_a_database_and_refuses_bad_ops_keys(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["health"], io.StringIO()) == 2
    assert "health needs a database" in capsys.readouterr().err
    for ops, msg in (('listen = "nowhere"', "[ops] listen: expected 'host:port', got 'nowhere'"),
                     ('listen = "127.0.0.1:99999"', "[ops] listen: '127.0.0.1:99999': port must be an integer"),
                     ('listn = "127.0.0.1:9464"', "[ops]: unknown key 'listn' (did you mean 'listen'?)"),
                     ('max_backlog_age = "soon"', "[ops] max_backlog_age: invalid duration 'soon'")):
        cfg = write_config(tmp_path, "", ops=ops)
        with pytest.raises(ConfigError) as exc:
            load_config(cfg)
        assert msg in str(exc.value) and "\n" not in str(exc.value)
        assert main(["health", "--config", str(cfg)], io.StringIO()) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and msg in err
    cfg = write_config(tmp_path, "", ops='listen = "[::1]:9464"')
    assert load_config(cfg).ops.listen == "[::1]:9464"
    assert load_config(write_config(tmp_path, "")).ops.listen is None  # off unless configured


# --------------------------------------------------------------------- the contact recorder


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def test_contact_recorder_writes_at_most_every_30_seconds(tmp_path: Path) -> None:
    t0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    db = tmp_path / "c.db"
    open_store(db).close()
    clock = Clock(t0)
    rec = ContactRecorder(db, clock=clock)

    def stored() -> datetime | None:
        s = open_store(db, read_only=True)
        try:
            return read_meta_time(s, TELEGRAM_CONTACT)
        finally:
            s.close()

    writes: list[datetime] = []
    for second in range(0, 95):  # a call every second (no event loop here: written in line)
        clock.now = t0 + timedelta(seconds=second)
        rec.note()
        if (value := stored()) is not None and (not writes or writes[-1] != value):
            writes.append(value)
    assert [(w - t0).total_seconds() for w in writes] == [0, 30, 60, 90]
    assert rec.last == t0 + timedelta(seconds=94)


async def test_contact_recorder_on_a_loop_writes_off_the_loop_and_retries_a_missing_table(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    sqlite3.connect(db).close()  # no ops_meta table yet (the very first getMe of a fresh install)
    clock = Clock(datetime(2026, 3, 2, 8, 0, tzinfo=UTC))
    rec = ContactRecorder(db, clock=clock)
    rec.note()
    for _ in range(100):
        if not rec._busy:
            break
        await asyncio.sleep(0.01)
    assert rec.written is None  # failed: to be tried again
    open_store(db).close()  # migrated now
    clock.now += timedelta(seconds=1)
    rec.note()
    for _ in range(100):
        if not rec._busy:
            break
        await asyncio.sleep(0.01)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT value FROM ops_meta WHERE key = 'telegram_contact'").fetchone() == (
            clock.now.isoformat(),)


# ---------------------------------------------------------------- /healthz and /metrics


def get(url: str) -> tuple[int, str, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, r.headers.get("Content-Type", ""), r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type", ""), e.read().decode()


def sample(text: str, name: str, **labels: str) -> float:
    """The value of one sample in a Prometheus text exposition (0 when absent)."""
    from prometheus_client.parser import text_string_to_metric_families

    for fam in text_string_to_metric_families(text):
        for s in fam.samples:
            if s.name == name and all(s.labels.get(k) == v for k, v in labels.items()):
                return float(s.value)
    return 0.0


def publish_now(site: Site, path: str, title: str, paragraphs: list[str]) -> None:
    when = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
    from email.utils import format_datetime

    site.items.insert(0, (path, title, format_datetime(when)))
    site.srv.route(path, Reply(body=page(title, paragraphs, when.isoformat()),
                               headers={"Content-Type": "text/html; charset=utf-8"}))
    site.version += 1


async def test_metrics_and_healthz_move_after_a_scan(tmp_path: Path) -> None:
    with LocalServer() as srv:
        site = Site(srv)
        cfg_path = write_config(tmp_path, f"""
[[sources]]
id = "lokal"
kind = "rss"
url = "{srv.url('/feed.xml')}"
baseline = false
[[sources]]
id = "broken"
kind = "rss"
url = "{srv.url('/gone.xml')}"
""", fetch=f'allow_private_hosts = ["{srv.host_port}"]')
        cfg = load_config(cfg_path)
        srv.route("/gone.xml", Reply(503, b"down"))
        db = cfg.storage.path
        now = datetime.now(UTC)
        seed(cfg_path, now)
        store = open_store(db)
        try:
            chats.touch_chat(store, 555, now, lang="en")
            chats.subscribe(store, 555, "banjir", now)
        finally:
            store.close()
        prom = PromMetrics(db)
        with OpsServer("127.0.0.1", 0, health=HealthProbe(db, clock=lambda: datetime.now(UTC)), metrics=prom) as ops:
            ops.start()
            base = f"http://127.0.0.1:{ops.port}"
            status, ctype, before = get(base + "/metrics")
            assert status == 200 and ctype.startswith("text/plain; version=")
            assert sample(before, "claimwatch_polls_total", source="lokal") == 0
            assert sample(before, "claimwatch_deliveries_total", outcome="sent") == 0  # present at 0
            assert sample(before, "claimwatch_db_up") == 1
            status, _, line = get(base + "/healthz")
            assert status == 503 and line == ("unhealthy: source broken never polled (added 1d ago, interval 15m) · "
                                              "source lokal never polled (added 1d ago, interval 15m)\n")

            publish_now(site, "/news/1", "Banjir Garut", P1)
            async with runtime(cfg, db=db, metrics=prom) as rt:
                runs = {r.source_id: r for r in await rt.monitor.run_all()}
            assert runs["lokal"].outcome == "new" and runs["broken"].outcome == "error"

            status, _, after = get(base + "/metrics")
            assert sample(after, "claimwatch_polls_total", source="lokal", outcome="new") == 1
            assert sample(after, "claimwatch_polls_total", source="broken", outcome="error") == 1
            assert sample(after, "claimwatch_fetch_errors_total", source="broken", stage="listing") == 1
            assert sample(after, "claimwatch_articles_total", source="lokal") == 1
            n_alerts = len(runs["lokal"].alerts)
            assert n_alerts >= 1 and sample(after, "claimwatch_alerts_total", source="lokal") == n_alerts
            # chat 555's deliveries (one per alert, to go out as one message) wait
            assert sample(after, "claimwatch_queue_depth", state="due") == n_alerts
            assert sample(after, "claimwatch_source_unhealthy", source="broken") == 0
            assert 0 <= sample(after, "claimwatch_source_last_poll_age_seconds", source="lokal") < 60
            # no default-registry noise: only our families
            assert "python_gc_objects_collected_total" not in after and "process_cpu_seconds_total" not in after

            status, ctype, line = get(base + "/healthz")
            assert status == 200 and ctype.startswith("text/plain")
            assert line.startswith("ok: db ok · 2 sources polled (newest ") and f"backlog {n_alerts} (oldest " in line
            assert line.count("\n") == 1
            assert get(base + "/nope")[0] == 404

            site.srv.route("/news/2", Reply(503, b"down"))  # an article page that fails
            site.items.insert(0, ("/news/2", "Banjir susulan", site.items[0][2]))
            site.version += 1
            async with runtime(cfg, db=db, metrics=prom) as rt:
                await rt.monitor.run_source("lokal")
            _, _, later = get(base + "/metrics")
            assert sample(later, "claimwatch_fetch_errors_total", source="lokal", stage="article") == 1


# ---------------------------------------------------------------------------- backup

WRITER = """
import sqlite3, sys, time, os
conn = sqlite3.connect(sys.argv[1], timeout=30)
n = 0
while not os.path.exists(sys.argv[2]):
    conn.execute("INSERT INTO seen_items (source_id, key, url, first_seen) VALUES ('w', ?, 'https://w.example/', '2026')",
                 (f"live-{n}",))
    conn.commit()
    n += 1
    if n == 50:
        open(sys.argv[3], "w").close()
print(n)
"""


def test_backup_of_a_database_another_process_keeps_writing(tmp_path: Path) -> None:
    db = tmp_path / "live.db"
    store = open_store(db)
    try:  # ~25 MB, so that the copy takes many steps
        with store.transaction() as d:
            d.conn.executemany("INSERT INTO seen_items (source_id, key, url, first_seen) VALUES (?, ?, ?, ?)",
                               [("seed", f"k{i}", "https://seed.example/" + "x" * 200, "2026") for i in range(100_000)])
    finally:
        store.close()
    stop, started = tmp_path / "stop", tmp_path / "started"
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(db), str(stop), str(started)],
                              stdout=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while not started.exists():
            assert time.monotonic() < deadline and writer.poll() is None
            time.sleep(0.01)

        def live_rows() -> int:
            with sqlite3.connect(db, timeout=30) as c:
                return int(c.execute("SELECT COUNT(*) FROM seen_items WHERE source_id = 'w'").fetchone()[0])

        before = live_rows()
        result = backup_database(db, tmp_path / "copy.db", pages=64)
        during = live_rows() - before
    finally:
        stop.touch()
        out, _ = writer.communicate(timeout=30)
    assert writer.returncode == 0 and int(out) > 0
    assert result.pages > 64 * 20  # copied in many steps, with pauses between them
    assert during > 0, "the writer was blocked for the whole backup"
    copy = sqlite3.connect(tmp_path / "copy.db")
    try:
        assert copy.execute("PRAGMA quick_check").fetchone() == ("ok",)
        assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)  # one self-contained file
        assert copy.execute("SELECT COUNT(*) FROM seen_items WHERE source_id = 'seed'").fetchone() == (100_000,)
        live = copy.execute("SELECT COUNT(*) FROM seen_items WHERE source_id = 'w'").fetchone()[0]
        assert live >= before  # a snapshot taken after those rows were committed
        keys = {r[0] for r in copy.execute("SELECT key FROM seen_items WHERE source_id = 'w'")}
        assert keys == {f"live-{i}" for i in range(live)}  # a consistent prefix, no holes
    finally:
        copy.close()
    reopened = open_store(tmp_path / "copy.db", read_only=True)  # ClaimWatch opens it as a database
    try:
        assert reopened.schema_version() == open_store(db, read_only=True).schema_version()
    finally:
        reopened.close()
    assert not [p for p in tmp_path.iterdir() if ".partial-" in p.name]


def test_backup_cli_one_line_refuses_to_overwrite_unless_forced(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    now = datetime.now(UTC)
    cfg = write_config(tmp_path, TWO_SOURCES)
    db = seed(cfg, now)
    enqueue_alert(db, 77, now, 4242)
    target = tmp_path / "backups" / "cw-1.db"
    target.parent.mkdir()
    out = io.StringIO()
    assert main(["backup", str(target), "--config", str(cfg)], out) == 0
    line = out.getvalue()
    assert line.count("\n") == 1 and line.startswith(f"backed up {db} to {target}: ")
    assert "1 alerts, 1 deliveries, 1 chats; quick_check ok" in line
    assert main(["backup", str(target), "--config", str(cfg)], io.StringIO()) == 2
    assert capsys.readouterr().err == f"claimwatch: {target} exists: pass --force to overwrite it\n"
    enqueue_alert(db, 78, now, 4243)
    assert main(["backup", str(target), "--config", str(cfg), "--force"], io.StringIO()) == 0
    with sqlite3.connect(target) as c:
        assert c.execute("SELECT COUNT(*) FROM deliveries").fetchone() == (3,)  # 1 + the second alert to 2 chats
    for args, msg in (([str(tmp_path / "nodir" / "x.db")], f"no such directory: {tmp_path / 'nodir'}"),
                      ([str(tmp_path)], f"{tmp_path} is a directory"),
                      ([str(tmp_path / "y.db"), "--db", str(tmp_path / "none.db")], "no database at")):
        assert main(["backup", *args, *([] if "--db" in args else ["--config", str(cfg)])], io.StringIO()) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and msg in err
    with pytest.raises(BackupError):
        backup_database(db, db, force=True)


def test_metrics_cost_nothing_until_switched_on() -> None:
    """prometheus_client (whose import registers process collectors in its global registry) is
    imported only when [ops] listen builds the metrics; the hooks are no-ops without it."""
    code = ("import sys, claimwatch.monitor, claimwatch.cli.wiring, claimwatch.cli.run, bot.app, bot.delivery;"
            "from claimwatch.ops.metrics import NO_METRICS;"
            "assert 'prometheus_client' not in sys.modules, 'imported';"
            "r = object(); assert NO_METRICS.observe_run(r) is r;"
            "print('ok')")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                       cwd=Path(__file__).resolve().parents[2])
    assert r.stdout.strip() == "ok", r.stderr
