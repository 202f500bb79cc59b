"""`claimwatch replay` then `claimwatch timeline` on a story whose snippets often omit the actor
("the troops", "pasukan itu", "the North"): one series per thing counted, shown as such."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from claimwatch.cli import main

STREAMS = Path(__file__).parent / "streams"


@pytest.mark.parametrize("stream", ["korut_omitted_actor_en.jsonl", "korut_omitted_actor_id.jsonl"])
def test_replay_keeps_one_series_and_timeline_shows_it(stream: str, tmp_path: Path) -> None:
    db = tmp_path / "story.db"
    alerts = io.StringIO()
    assert main(["replay", str(STREAMS / stream), "--db", str(db)], alerts) == 0
    troops = [line for line in alerts.getvalue().splitlines() if ": troops (" in line]
    assert troops and all(": troops (North Korea)" in line for line in troops)
    assert sum(line.startswith("[new]") and "[Kursk]" not in line for line in troops) == 1  # never new twice

    current = io.StringIO()
    assert main(["timeline", "default", "--db", str(db)], current) == 0
    cells = [[c.strip() for c in r.split("│")[1:-1]] for r in current.getvalue().splitlines()
             if r.startswith("│ troops")]
    whole = [c for c in cells if c[2] == ""]  # columns: what, actor, part, value, ...
    assert len(whole) == 1 and whole[0][1] == "North Korea"  # one current value for the whole contingent

    history = io.StringIO()
    assert main(["timeline", "default", "troops", "--db", str(db)], history) == 0
    lines = [r for r in history.getvalue().splitlines() if r.startswith("│ 20")]
    assert len(lines) >= 5 and all("North Korea" in r for r in lines)
