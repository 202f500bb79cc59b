"""``replay`` with worker processes and batched transactions: the same events as one process
tracking one article per transaction, in file order, with a bounded number of lines in flight, a
worker's failure surfacing instead of hanging, and a failure rolling back only its batch."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from claimwatch.cli import main
from claimwatch.cli.commands import PARALLEL_REPLAY_BYTES, replay_jobs
from claimwatch.extract import Extractor
from claimwatch.models import Extraction
from claimwatch.replay import ReplayEvent, alert_json, can_fork, replay
from claimwatch.store import open_store
from claimwatch.topics import TopicMatcher, gazetteer_names
from claimwatch.tracker import Tracker

ROOT = Path(__file__).resolve().parents[2]
STREAMS = Path(__file__).resolve().parent / "streams"
NOW = datetime(2026, 1, 1, tzinfo=UTC)

needs_fork = pytest.mark.skipif(not can_fork(), reason="worker processes are forked (Linux)")


def _archive_lines() -> list[str]:
    """Every golden stream, one after the other, with a blank line and a malformed one inside."""
    lines: list[str] = []
    for path in sorted(STREAMS.glob("*.jsonl")):
        lines += path.read_text(encoding="utf-8").splitlines()
    lines.insert(7, "")
    lines.insert(12, '{"url": "https://x.example.com/1", "text": "no date"}')
    lines.insert(20, "not json")
    return lines


def _events(lines: list[str], db: Path, jobs: int, topics: bool = False, batch: int = 1) -> list[tuple[object, ...]]:
    ex = Extractor()
    matchers = ([TopicMatcher("korut", ("North Korea", "Korea Utara"), (), (), gazetteer_names(ex.gazetteer)),
                 TopicMatcher("banjir", ("banjir", "flood"), (), (), gazetteer_names(ex.gazetteer))]
                if topics else [])
    with open_store(db) as store:
        events = [_plain(ev) for ev in replay(lines, ex, Tracker(store), matchers, now=NOW, jobs=jobs, batch=batch)]
        rows = {t: store.rows(f"SELECT COUNT(*) AS n FROM {t}")[0]["n"] for t in ("articles", "observations", "stances", "alerts")}
    return [*events, rows]


def _plain(ev: ReplayEvent) -> tuple[object, ...]:
    return (ev.line, ev.error, [alert_json(a) for a in ev.alerts], ev.figures_over_cap, ev.alerts_held)


@needs_fork
@pytest.mark.parametrize("topics", [False, True], ids=["implicit-topic", "two-topics"])
def test_workers_and_batches_give_the_events_of_one_process(tmp_path: Path, topics: bool) -> None:
    lines = _archive_lines()
    one = _events(lines, tmp_path / "one.db", jobs=1, topics=topics)
    two = _events(lines, tmp_path / "two.db", jobs=2, topics=topics)
    assert two == one
    assert _events(lines, tmp_path / "batched.db", jobs=1, topics=topics, batch=7) == one  # events and rows
    assert _events(lines, tmp_path / "both.db", jobs=2, topics=topics, batch=50) == one
    one, two = one[:-1], two[:-1]  # (without the row counts)
    assert [e[0] for e in two] == sorted(e[0] for e in two)  # file order
    assert sum(len(e[2]) for e in one) > 30  # the streams raise alerts to compare  # type: ignore[arg-type]
    errors = [str(e[1]) for e in one if e[1]]
    assert len(errors) == 2 and errors[0].startswith("line 13: needs 'published'") and errors[1].startswith("line 21:")
    if topics:  # articles on neither topic are events without alerts, not errors
        assert any(not e[1] and not e[2] for e in one)


@needs_fork
def test_workers_read_ahead_a_bounded_amount(tmp_path: Path) -> None:
    """An endless archive still yields its first events: lines are read as they are needed."""
    lines = _flood_lines()
    consumed = 0

    def source() -> Iterator[str]:
        nonlocal consumed
        for i in itertools.count():
            consumed += 1
            rec = json.loads(lines[i % len(lines)])
            rec["url"] += f"?copy={i}"
            yield json.dumps(rec)

    with open_store(tmp_path / "endless.db") as store:
        events = replay(source(), Extractor(), Tracker(store), [], now=NOW, jobs=2)
        first = list(itertools.islice(events, 30))
        events.close()  # type: ignore[attr-defined]
    assert [e.line for e in first] == list(range(1, 31))
    assert consumed <= 30 + 2 * 4 * 8 + 8  # what was handed out: at most 4 tasks of 8 lines per worker ahead


@needs_fork
def test_a_worker_failure_surfaces_in_the_parent(tmp_path: Path) -> None:
    lines = _flood_lines()
    with open_store(tmp_path / "fail.db") as store, pytest.raises(RuntimeError, match="on purpose"):
        list(replay(lines, _FailingAt(json.loads(lines[2])["text"]), Tracker(store), [], now=NOW, jobs=2))


def _flood_lines() -> list[str]:
    return [ln for ln in (STREAMS / "flood_en.jsonl").read_text(encoding="utf-8").splitlines() if ln]


class _FailingAt(Extractor):
    """Fails on one article's text."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.failing_text = text

    def extract(self, text: str, *args: object, **kwargs: object) -> Extraction:  # type: ignore[override]
        if text == self.failing_text:
            raise RuntimeError("extractor failed on purpose")
        return super().extract(text, *args, **kwargs)  # type: ignore[arg-type]


def test_a_failure_rolls_back_its_batch_only(tmp_path: Path) -> None:
    lines = _flood_lines()
    assert len(lines) >= 8
    bad = json.loads(lines[7])["text"]  # the 8th article fails: the first batch of 5 was committed
    with open_store(tmp_path / "fail.db") as store, pytest.raises(RuntimeError, match="on purpose"):
        list(replay(lines, _FailingAt(bad), Tracker(store), [], now=NOW, batch=5))
    with open_store(tmp_path / "fail.db") as store:
        assert store.rows("SELECT COUNT(*) AS n FROM articles")[0]["n"] == 5
        assert store.rows("SELECT COUNT(*) AS n FROM observations WHERE article_id > 5")[0]["n"] == 0


def test_stopping_early_keeps_what_was_handed_out(tmp_path: Path) -> None:
    lines = _flood_lines()
    with open_store(tmp_path / "early.db") as store:
        events = replay(lines, Extractor(), Tracker(store), [], now=NOW, batch=5)
        first = list(itertools.islice(events, 7))
        events.close()  # type: ignore[attr-defined]
        assert len(first) == 7
        assert store.rows("SELECT COUNT(*) AS n FROM articles")[0]["n"] == 7
        assert not store.db.conn.in_transaction


def test_jobs_default_to_the_cores_for_a_large_archive_only(tmp_path: Path) -> None:
    small = tmp_path / "small.jsonl"
    small.write_text("{}\n", encoding="utf-8")
    large = tmp_path / "large.jsonl"
    large.write_text("\n" * PARALLEL_REPLAY_BYTES, encoding="utf-8")
    assert replay_jobs(None, small, cores=4) == 1
    assert replay_jobs(None, large, cores=4) == 4
    assert replay_jobs(None, large, cores=1) == 1
    assert replay_jobs(None, large, cores=32) == 4
    assert replay_jobs(3, small, cores=1) == 3  # asked for: as asked


@pytest.mark.parametrize("bad", ["0", "x", "65", "-2"])
def test_bad_jobs_is_a_one_line_usage_error(bad: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    archive = tmp_path / "a.jsonl"
    archive.write_text((STREAMS / "flood_en.jsonl").read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(SystemExit) as exc:
        main(["replay", str(archive), "--jobs", bad])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "--jobs" in err and "from 1 to 64" in err and "Traceback" not in err


@needs_fork
def test_cli_replay_with_workers_prints_what_one_process_prints(tmp_path: Path) -> None:
    archive = tmp_path / "archive.jsonl"
    archive.write_text("\n".join(_archive_lines()) + "\n", encoding="utf-8")
    outs = []
    for jobs in ("1", "2"):
        p = subprocess.run([str(Path(sys.executable).parent / "claimwatch"), "replay", str(archive),
                            "--format", "json", "--jobs", jobs], cwd=ROOT, capture_output=True, text=True,
                           timeout=300, check=False)
        assert p.returncode == 2, p.stderr  # the two malformed lines
        assert "2 line(s) skipped" in p.stderr and "Traceback" not in p.stderr
        outs.append(p.stdout)
    assert outs[0] == outs[1]
    assert len(outs[0].splitlines()) > 30


def _processes_reading(path: Path) -> list[int]:
    """Pids whose command line names ``path`` (workers are forks: they share the parent's)."""
    pids = []
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and str(path).encode() in (proc / "cmdline").read_bytes():
                pids.append(int(proc.name))
        except OSError:
            continue
    return pids


def _long_archive(tmp_path: Path) -> Path:
    lines = [ln for ln in _archive_lines() if ln.startswith("{") and '"published"' in ln]
    archive = tmp_path / "long.jsonl"
    with archive.open("w", encoding="utf-8") as fh:
        for copy in range(40):  # long enough to be stopped halfway
            for ln in lines:
                rec = json.loads(ln)
                rec["url"] += f"?copy={copy}"
                fh.write(json.dumps(rec) + "\n")
    return archive


@needs_fork
@pytest.mark.parametrize("how", ["ctrl-c", "kill"])
def test_stopping_replay_stops_its_workers_quietly(tmp_path: Path, how: str) -> None:
    """Ctrl-C (SIGINT to the process group): one line and exit 130. The main process killed
    (SIGTERM to it alone): the workers go with it, without a traceback each."""
    import signal

    archive = _long_archive(tmp_path)
    p = subprocess.Popen([str(Path(sys.executable).parent / "claimwatch"), "replay", str(archive), "--format", "json",
                          "--jobs", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         start_new_session=True, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        assert p.stdout is not None and p.stdout.readline()  # replaying, workers running
        assert len(_processes_reading(archive)) == 3
        if how == "ctrl-c":
            os.killpg(p.pid, signal.SIGINT)  # as Ctrl-C does: to the whole process group
        else:
            p.terminate()
        _, err = p.communicate(timeout=60)
    finally:
        p.kill()
    if how == "ctrl-c":
        assert p.returncode == 130
        assert err == "claimwatch: interrupted\n"  # no traceback from the workers
    else:
        assert p.returncode == -signal.SIGTERM
        assert err == ""
    for _ in range(50):
        if not _processes_reading(archive):
            break
        time.sleep(0.1)
    assert _processes_reading(archive) == []
