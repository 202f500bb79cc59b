"""`claimwatch export`: a topic's figures as CSV/JSON, row for row what `claimwatch timeline TOPIC
CONCEPT` shows. Data comes from replaying a golden stream into a real SQLite file."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from claimwatch.cli import main
from claimwatch.export import COLUMNS, ExportError, export_rows, to_csv
from claimwatch.report import _v
from claimwatch.store import open_store
from claimwatch.store.queries import latest_per_series, series_history

STREAMS = Path(__file__).parent / "streams"


def _replayed(stream: str, tmp_path: Path) -> Path:
    db = tmp_path / "story.db"
    assert main(["replay", str(STREAMS / stream), "--db", str(db)], io.StringIO()) == 0
    return db


def _run(argv: list[str]) -> tuple[int, str]:
    out = io.StringIO()
    return main(argv, out), out.getvalue()


def _timeline_cells(db: Path, topic: str, what: str) -> list[list[str]]:
    code, text = _run(["timeline", topic, what, "--db", str(db)])
    assert code == 0
    return [[c.strip() for c in line.split("│")[1:-1]] for line in text.splitlines() if line.startswith("│ 20")]


def _num(cell: str) -> float | None:
    return float(cell) if cell else None


def _as_timeline(row: dict[str, str]) -> list[str]:
    """A CSV row as the timeline prints it: published, actor, part, value, claimed by, decision, source."""
    return [row["published"][:16].replace("T", " "), row["actor"], row["scope"],
            _v(_num(row["value"]), _num(row["value_max"])),
            row["claimed_by"], row["decision"], row["source"] or row["url"]]


@pytest.mark.parametrize(("stream", "topic"), [("banjir_id.jsonl", "default"),
                                               ("korut_omitted_actor_en.jsonl", "default")])
def test_csv_rows_are_the_timeline_rows_of_every_concept(stream: str, topic: str, tmp_path: Path) -> None:
    db = _replayed(stream, tmp_path)
    code, text = _run(["export", topic, "--db", str(db)])
    assert code == 0
    reader = csv.DictReader(io.StringIO(text))
    assert tuple(reader.fieldnames or ()) == COLUMNS
    rows = list(reader)
    concepts = sorted({r["what"] for r in rows})
    assert len(concepts) >= 2
    with open_store(str(db)) as store:
        assert len(rows) == sum(len(series_history(store, topic, w)) for w in concepts)
    for what in concepts:
        mine = [_as_timeline(r) for r in rows if r["what"] == what]
        assert mine == _timeline_cells(db, topic, what), what
    published = [r["published"] for r in rows]
    assert published == sorted(published) and all(p.endswith("+00:00") for p in published)


def test_csv_has_actor_and_part_columns_filled_when_the_story_has_them(tmp_path: Path) -> None:
    db = _replayed("korut_omitted_actor_en.jsonl", tmp_path)
    rows = list(csv.DictReader(io.StringIO(_run(["export", "default", "--db", str(db)])[1])))
    troops = [r for r in rows if r["what"] == "troops"]
    assert troops and all(r["actor"] == "North Korea" for r in troops)
    assert any(r["scope"] == "Kursk" for r in troops)
    assert all(r["url"].startswith("https://") for r in rows)
    assert any(r["value_max"] == "" for r in rows)  # None is an empty cell


def test_json_has_the_topic_the_current_values_and_the_rows(tmp_path: Path) -> None:
    db = _replayed("banjir_id.jsonl", tmp_path)
    code, text = _run(["export", "default", "--format", "json", "--db", str(db)])
    assert code == 0
    doc = json.loads(text)
    assert doc["topic"] == "default" and doc["columns"] == list(COLUMNS)
    csv_rows = list(csv.DictReader(io.StringIO(_run(["export", "default", "--db", str(db)])[1])))
    assert len(doc["rows"]) == len(csv_rows)
    assert [{k: "" if v is None else str(v) for k, v in r.items()} for r in doc["rows"]] == csv_rows
    with open_store(str(db)) as store:
        now = latest_per_series(store, "default")
    assert [(s["what"], s["value"]) for s in doc["latest"]] == [(s.what, s.value) for s in now]
    assert {s["what"]: s["value"] for s in doc["latest"]} == {"displaced": 5100, "killed": 47, "missing": 9}
    killed = next(s for s in doc["latest"] if s["what"] == "killed")
    assert killed["claimed_by"] == "BNPB" and killed["sources"] >= 2 and killed["published"].endswith("+00:00")


def test_out_writes_the_same_text_to_a_file(tmp_path: Path) -> None:
    db = _replayed("banjir_id.jsonl", tmp_path)
    target = tmp_path / "banjir.csv"
    code, printed = _run(["export", "default", "--db", str(db), "--out", str(target)])
    assert code == 0 and printed == ""
    assert target.read_text(encoding="utf-8") == _run(["export", "default", "--db", str(db)])[1]


def test_unknown_topic_or_missing_db_is_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = _replayed("banjir_id.jsonl", tmp_path)
    capsys.readouterr()
    assert _run(["export", "gempa", "--db", str(db)]) == (2, "")
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "gempa" in err and "Traceback" not in err
    assert _run(["export", "gempa", "--db", str(tmp_path / "none.db")]) == (2, "")
    err = capsys.readouterr().err
    assert err.strip() == f"claimwatch: no database at {tmp_path / 'none.db'}"
    assert not (tmp_path / "none.db").exists()


def test_core_refuses_an_empty_topic_with_a_value_error(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "empty.db")) as store, \
            pytest.raises(ValueError, match="no figures for topic 'banjir'") as info:
        export_rows(store, "banjir")
    assert isinstance(info.value, ExportError)
    assert to_csv([]) == ",".join(COLUMNS) + "\n"
