"""The instance lease, start-up recovery of deliveries in flight, and the integrity check — on
real SQLite files (the heartbeat in a real thread with its own connection)."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from claimwatch import chats, lease, outbox
from claimwatch.lease import Holder, Lease, LeaseHeld, Owner
from claimwatch.models import Alert, AlertKind
from claimwatch.store import Store, check_integrity, open_store
from claimwatch.tracker import Tracker

NOW = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = open_store(tmp_path / "cw.db")
    yield s
    s.close()


def dead_pid() -> int:
    """The pid of a process that has exited (and was reaped)."""
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid


def other(command: str = "run", *, pid: int | None = None, node: str | None = None, at: datetime = NOW) -> Owner:
    """Another process's owner: a live one (our parent) unless told otherwise."""
    me = Owner.this_process(command, at)
    pid = os.getppid() if pid is None else pid
    return replace(me, id=f"{me.host}:{pid}:{at.isoformat()}/other", pid=pid, node=me.node if node is None else node)


def test_a_second_owner_is_refused_with_one_line_naming_the_holder(store: Store) -> None:
    first = other("run")
    assert lease.acquire(store, first, NOW) is None
    me = Owner.this_process("run", NOW)
    with pytest.raises(LeaseHeld) as err:
        lease.acquire(store, me, NOW + timedelta(seconds=4))
    assert str(err.value) == (f"database {store.path} is in use by claimwatch run (pid {first.pid} on host "
                              f"{first.host}, heartbeat 4 s ago); stop it first")
    assert err.value.holder.owner == first.id
    held = lease.current(store)
    assert held is not None and held.owner == first.id and held.command == "run"  # untouched
    assert held.expires == NOW + timedelta(seconds=lease.EXPIRES_AFTER)
    # renewed, it stays refused past the first expiry
    assert lease.renew(store, first.id, NOW + timedelta(seconds=25))
    with pytest.raises(LeaseHeld):
        lease.acquire(store, me, NOW + timedelta(seconds=40))
    assert lease.acquire(store, first, NOW + timedelta(seconds=41)) is None  # its holder again: fine


def test_an_expired_lease_is_taken_over_with_a_log_line(store: Store, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="claimwatch.lease")
    stalled = other("scan")  # alive (our parent), but its heartbeat stopped
    lease.acquire(store, stalled, NOW, ttl=30)
    me = Owner.this_process("run", NOW)
    with pytest.raises(LeaseHeld):
        lease.acquire(store, me, NOW + timedelta(seconds=29))
    previous = lease.acquire(store, me, NOW + timedelta(seconds=45))
    assert previous is not None and previous.owner == stalled.id
    held = lease.current(store)
    assert held is not None and held.owner == me.id and held.pid == os.getpid()
    [line] = [r.getMessage() for r in caplog.records]
    assert line == (f"database {store.path}: taking over the lease of claimwatch scan (pid {stalled.pid} on host "
                    f"{stalled.host}, heartbeat 45 s ago): its heartbeat stopped 45 s ago")
    # the old holder finds out at its next renewal, and cannot release the new holder's lease
    assert not lease.renew(store, stalled.id, NOW + timedelta(seconds=46))
    assert not lease.release(store, stalled.id)
    assert lease.release(store, me.id) and lease.current(store) is None


def test_a_holder_whose_process_is_gone_is_taken_over_at_once(store: Store,
                                                              caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="claimwatch.lease")
    crashed = other("run", pid=dead_pid())
    lease.acquire(store, crashed, NOW)
    me = Owner.this_process("run", NOW)
    previous = lease.acquire(store, me, NOW + timedelta(seconds=1))  # long before its expiry
    assert previous is not None and previous.owner == crashed.id
    held = lease.current(store)
    assert held is not None and held.owner == me.id
    assert any("its process is gone" in r.getMessage() and f"pid {crashed.pid}" in r.getMessage()
               for r in caplog.records)


def test_a_dead_pid_on_another_machine_means_nothing_until_the_lease_expires(store: Store) -> None:
    elsewhere = other("run", pid=dead_pid(), node="other-host|boot|pid:[1]")
    lease.acquire(store, elsewhere, NOW)
    me = Owner.this_process("run", NOW)
    with pytest.raises(LeaseHeld):
        lease.acquire(store, me, NOW + timedelta(seconds=10))
    assert lease.acquire(store, me, NOW + timedelta(seconds=31)) is not None


def test_heartbeat_thread_renews_and_release_frees_the_lease(tmp_path: Path) -> None:
    path = str(tmp_path / "cw.db")
    open_store(path).close()
    held = Lease(path, Owner.this_process("run", datetime.now(UTC)), clock=lambda: datetime.now(UTC),
                 every=0.05, ttl=0.5)
    with open_store(path) as s:
        held.acquire(s)
        first = lease.current(s)
    held.start()
    try:
        time.sleep(1.2)  # more than twice the expiry: only the heartbeat keeps it
        with open_store(path) as s:
            now = lease.current(s)
            assert now is not None and first is not None and now.owner == first.owner
            assert now.heartbeat > first.heartbeat and now.expires > datetime.now(UTC)
            with pytest.raises(LeaseHeld):
                lease.acquire(s, Owner.this_process("scan", datetime.now(UTC)), datetime.now(UTC))
    finally:
        held.release()
    with open_store(path) as s:
        assert lease.current(s) is None
    held.release()  # twice is fine


def test_a_holder_that_lost_its_lease_is_told_and_does_not_release_the_new_one(tmp_path: Path) -> None:
    path = str(tmp_path / "cw.db")
    open_store(path).close()
    told: list[Holder | None] = []
    lost = threading.Event()

    def on_lost(h: Holder | None) -> None:
        told.append(h)
        lost.set()

    held = Lease(path, Owner.this_process("run", datetime.now(UTC)), clock=lambda: datetime.now(UTC),
                 every=0.05, ttl=0.5, on_lost=on_lost)
    with open_store(path) as s:
        held.acquire(s)
    held.start()
    try:
        thief = other("run")
        with open_store(path) as s, s.transaction() as db:  # it took over (as after an expiry)
            db.conn.execute("UPDATE instance_lease SET owner = ?, pid = ? WHERE id = 1", (thief.id, thief.pid))
        assert lost.wait(5)
    finally:
        held.release()
    assert held.lost and [h.owner if h else None for h in told] == [thief.id]
    with open_store(path) as s:
        cur = lease.current(s)
        assert cur is not None and cur.owner == thief.id  # release left the new holder's lease alone


def test_lease_timing_from_the_environment() -> None:
    assert lease.timing_from_env({}) == (lease.HEARTBEAT_EVERY, lease.EXPIRES_AFTER) == (10.0, 30.0)
    assert lease.timing_from_env({"CLAIMWATCH_LEASE_TIMING": "0.5, 2"}) == (0.5, 2.0)
    for bad in ("3", "2,1", "a,b", "0,1"):
        with pytest.raises(ValueError, match="CLAIMWATCH_LEASE_TIMING"):
            lease.timing_from_env({"CLAIMWATCH_LEASE_TIMING": bad})


# ---- deliveries in flight ------------------------------------------------------------------------

def in_flight(store: Store, n: int) -> list[int]:
    """``n`` chats subscribed to one alert, its deliveries enqueued."""
    for cid in range(1, n + 1):
        chats.touch_chat(store, cid, NOW, lang="en")
        chats.subscribe(store, cid, "banjir", NOW)
    a = Alert(kind=AlertKind.NEW, topic="banjir", dedupe_key="k", url="https://x.example/a", published=NOW,
              sentence="12 tewas.", what="killed", value=12, claimed_by="BPBD")
    with store.transaction() as db:
        stored = Tracker._insert_alert(db.conn, a, None, NOW)
        assert outbox.enqueue(store, [stored], NOW) == n
    return list(range(1, n + 1))


def statuses(store: Store) -> dict[int, tuple[str, str | None]]:
    return {r["chat_id"]: (r["status"], r["claimed_by"])
            for r in store.rows("SELECT chat_id, status, claimed_by FROM deliveries")}


def test_recovery_spares_the_live_holders_rows_and_resets_a_gone_owners(store: Store) -> None:
    in_flight(store, 3)
    a = other("run", pid=dead_pid())
    lease.acquire(store, a, NOW)
    store.lease_owner = a.id
    claimed = outbox.claim(store, NOW, limit=2)  # two chats in flight, claimed by a
    assert len(claimed) == 2
    assert sorted(s for s in statuses(store).values()) == [("pending", None), ("sending", a.id), ("sending", a.id)]
    assert outbox.recover(store) == 0  # a still holds the lease: its messages are in flight
    # a crashed; b starts, takes the lease over, and recovers a's rows: each sent again at most once
    b = Owner.this_process("run", NOW)
    lease.acquire(store, b, NOW + timedelta(seconds=1))
    store.lease_owner = b.id
    assert outbox.recover(store) == 2
    assert all(s == ("pending", None) for s in statuses(store).values())
    assert outbox.recover(store) == 0
    assert sum(len(x.delivery_ids) for x in outbox.claim(store, NOW)) == 3
    assert {s for s in statuses(store).values()} == {("sending", b.id)}


def test_an_instance_that_lost_its_lease_claims_nothing(store: Store) -> None:
    in_flight(store, 2)
    a, b = Owner.this_process("run", NOW), other("run")
    lease.acquire(store, a, NOW)
    store.lease_owner = a.id
    with store.transaction() as db:  # b took over while a was suspended
        db.conn.execute("UPDATE instance_lease SET owner = ? WHERE id = 1", (b.id,))
    assert outbox.claim(store, NOW) == []
    assert {s for s in statuses(store).values()} == {("pending", None)}


# ---- integrity -----------------------------------------------------------------------------------

def filled(path: Path, n: int = 400) -> None:
    with open_store(path) as s, s.transaction() as db:
        db.conn.executemany('INSERT INTO articles (url, title, "text") VALUES (?, ?, ?)',
                            [(f"https://x.example/{i}", f"t{i}", f"Banjir {i}. " * 120) for i in range(n)])


def corrupt_tail(path: Path, pages: int = 8) -> None:
    """Overwrite some of the last pages (the articles' leaves; the schema stays readable)."""
    size, page = path.stat().st_size, 4096
    with path.open("r+b") as f:
        for k in range(2, 2 + pages):
            f.seek(size - k * page)
            f.write(bytes([0xA5]) * page)


def test_integrity_check_passes_a_sound_file_and_names_the_damage_of_a_corrupted_one(tmp_path: Path) -> None:
    db = tmp_path / "cw.db"
    filled(db)
    with open_store(db) as s:
        assert check_integrity(s) is None and check_integrity(s, full=True) is None
    corrupt_tail(db)
    with open_store(db) as s:
        quick, full = check_integrity(s), check_integrity(s, full=True)
    assert quick and full and "\n" not in quick and "\n" not in full
    print(f"quick_check: {quick}")
