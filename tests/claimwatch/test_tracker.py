"""Tracker decisions on hand-built scenarios, against a real SQLite file."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from claimwatch.extract import Extractor
from claimwatch.models import AlertFilter, AlertKind, ArticleInput
from claimwatch.series import same_value
from claimwatch.store import Store, open_store
from claimwatch.store.queries import alerts_after, latest_per_series, series_history
from claimwatch.tracker import Tracker

T0 = datetime(2024, 10, 23, 2, 0, tzinfo=UTC)
NOW = datetime(2026, 1, 1, tzinfo=UTC)
EX = Extractor()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "cw.db") as s:
        yield s


def feed(tracker: Tracker, url: str, text: str, hours: float, source: str = "s", topic: str = "t"):  # type: ignore[no-untyped-def]
    art = ArticleInput(url=url, text=text, published=T0 + timedelta(hours=hours), source=source)
    res = tracker.process(art, EX.extract(text, published=art.published), [topic], now=NOW)
    return [(str(a.kind), a.value, a.value_max) for a in res.alerts], res


def test_new_conflict_changed_revised(store: Store) -> None:
    tr = Tracker(store)
    a, _ = feed(tr, "u1", "Amerika Serikat mengatakan Korea Utara telah mengirim 3.000 tentara ke Rusia.", 0)
    assert a == [("new", 3000.0, None)]
    a, _ = feed(tr, "u2", "Intelijen militer Ukraina mengatakan sekitar 12.000 tentara Korea Utara berada di Rusia.", 24)
    assert a == [("conflict", 12000.0, None)]
    a, _ = feed(tr, "u3", "The Pentagon said about 10,000 North Korean troops are in Russia.", 24 * 12)
    assert a == [("changed", 10000.0, None)]
    a, res = feed(tr, "u4", "The Pentagon said 11,000 to 12,000 North Korean troops are in Russia.", 24 * 14)
    assert a == [("revised", 11000.0, 12000.0)]
    alert = res.alerts[0]
    assert alert.previous == 10000 and alert.previous_claimed_by == "Pentagon"
    assert alert.direction == "up" and alert.delta == 1500
    assert alert.previous_published == T0 + timedelta(hours=24 * 12)


def test_repeats_corroborate_and_alert_once(store: Store) -> None:
    tr = Tracker(store)
    text = "Menurut BNPB, korban meninggal dunia akibat banjir mencapai 47 orang."
    assert feed(tr, "a", text, 0, source="a")[0] == [("new", 47.0, None)]
    for i in range(20):
        assert feed(tr, f"b{i}", text.replace("mencapai", "sebanyak"), 1 + i, source=f"o{i}")[0] == []
    row = store.rows("SELECT corroboration FROM alerts")
    assert row == [{"corroboration": 20}]
    now = latest_per_series(store, "t")
    assert now[0].corroboration == 21 and now[0].value == 47


def test_about_repeats_exact_and_known_value_does_not_flip_flop(store: Store) -> None:
    tr = Tracker(store)
    assert feed(tr, "a", "The ministry said 12,000 troops were deployed.", 0)[0] == [("new", 12000.0, None)]
    assert feed(tr, "b", "About 12,000 troops were deployed, the ministry said.", 1)[0] == []
    assert feed(tr, "c", "Some 3,000 troops were deployed, officials said.", 100)[0] == [("changed", 3000.0, None)]
    assert feed(tr, "d", "The ministry said 12,000 troops were deployed.", 200)[0] == []


def test_past_values_and_late_articles_do_not_alert(store: Store) -> None:
    tr = Tracker(store)
    assert feed(tr, "a", "Basarnas mencatat 56 orang tewas akibat longsor.", 0)[0] == [("new", 56.0, None)]
    a, res = feed(tr, "b", "Jumlah korban tewas longsor naik dari 56 menjadi 62 orang, kata Basarnas.", 24)
    assert a == [("revised", 62.0, None)]
    assert ("history", "t/killed/-=56") in res.decisions
    a, res = feed(tr, "old", "Basarnas mencatat 30 orang tewas akibat longsor.", -5)
    assert a == []
    assert res.decisions[0][0] == "late"
    hist = series_history(store, "t", "killed")
    assert [r["value"] for r in hist] == [30, 56, 56, 62]  # in publication order


def test_updated_article_alerts_only_what_moved(store: Store) -> None:
    tr = Tracker(store)
    v1 = "BNPB mencatat 47 orang tewas. Sebanyak 18 orang masih hilang, kata BNPB."
    assert [k for k, *_ in feed(tr, "same-url", v1, 0)[0]] == ["new", "new"]
    _, res = feed(tr, "same-url", v1, 0)
    assert res.unchanged and res.alerts == ()
    v2 = "BNPB mencatat 52 orang tewas. Sebanyak 18 orang masih hilang, kata BNPB."
    a, _ = feed(tr, "same-url", v2, 2)
    assert a == [("revised", 52.0, None)]
    assert [r["value"] for r in series_history(store, "t", "killed")] == [52]  # old version superseded


def test_statements_and_stance_change_by_side(store: Store) -> None:
    tr = Tracker(store)
    _, res = feed(tr, "a", 'Kremlin menepis laporan itu sebagai "berita palsu".', 0)
    assert [(str(x.kind), x.speaker, x.stance) for x in res.alerts] == [("statement", "Kremlin", "denial")]
    _, res = feed(tr, "b", "Kremlin kembali membantah laporan tersebut.", 1)
    assert res.alerts == ()
    _, res = feed(tr, "c", "Putin tidak membantah bahwa pasukan Korea Utara berada di Rusia.", 2)
    assert [(str(x.kind), x.speaker, x.previous_stance, x.stance) for x in res.alerts] == [
        ("stance_change", "Vladimir Putin", "denial", "non_denial")
    ]


def test_conflict_window_is_configurable(store: Store) -> None:
    tr = Tracker(store, conflict_window=3600)
    feed(tr, "a", "Amerika Serikat mengatakan Korea Utara mengirim 3.000 tentara ke Rusia.", 0)
    a, _ = feed(tr, "b", "Intelijen militer Ukraina mengatakan Korea Utara mengirim 12.000 tentara ke Rusia.", 5)
    assert a == [("changed", 12000.0, None)]


def test_everything_is_in_the_store_after_reopen(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    with open_store(path) as s:
        feed(Tracker(s), "a", "BNPB mencatat 47 orang tewas.", 0)
    with open_store(path) as s:
        alerts = alerts_after(s, 0)
        assert [(a.kind, a.value, a.what) for a in alerts] == [(AlertKind.NEW, 47.0, "killed")]


@pytest.mark.parametrize(
    ("prev", "new", "flt", "passes"),
    [
        (100, 110, AlertFilter(min_abs=5), True),
        (100, 103, AlertFilter(min_abs=5), False),
        (100, 104, AlertFilter(min_pct=5), False),
        (100, 120, AlertFilter(min_pct=5), True),
        (100, 90, AlertFilter(direction="up"), False),
        (100, 90, AlertFilter(direction="down"), True),
        (100, 110, AlertFilter(direction="down"), False),
    ],
)
def test_alert_filters(store: Store, prev: int, new: int, flt: AlertFilter, passes: bool) -> None:
    tr = Tracker(store)
    feed(tr, "a", f"BNPB mencatat {prev} orang tewas.", 0)
    _, res = feed(tr, "b", f"BNPB mencatat {new} orang tewas.", 1)
    assert res.alerts[0].passes(flt) is passes
    assert res.alerts[0].passes(AlertFilter()) is True


def test_same_value_rules() -> None:
    assert same_value(12000, None, 12000.0, None)
    assert not same_value(11000, 12000, 12000, None)
    assert same_value(11000, 12000, 11000, 12000)
    assert not same_value(11000, 12000, 11000, 13000)


@pytest.mark.parametrize("declared", ["tracker", "stored topic"])
def test_declared_subject_owns_actorless_figures_from_the_first_article(store: Store, declared: str) -> None:
    if declared == "tracker":
        tr = Tracker(store, subjects={"t": "North Korea"})
    else:
        store.db["topics"].insert({"id": "t", "name": "t", "subject": "North Korea"})
        tr = Tracker(store)
    a, res = feed(tr, "u1", "Sekitar 1.500 tentara telah tiba di Vladivostok, kata badan intelijen Korea Selatan.", 0)
    assert a == [("new", 1500.0, None)] and res.alerts[0].actor == "North Korea"
    # the same figure with the actor named, and again without it: one series, silent repeats
    assert feed(tr, "u2", "South Korea's spy agency said some 1,500 North Korean troops had reached Russia.", 5)[0] == []
    assert feed(tr, "u3", "Pasukan itu berjumlah sekitar 1.500 orang tentara, kata NIS.", 9)[0] == []
    a, res = feed(tr, "u4", "The NIS now says 3,000 troops have been sent.", 30)
    assert a == [("revised", 3000.0, None)] and res.alerts[0].previous == 1500
    assert [(s.actor, s.value) for s in latest_per_series(store, "t")] == [("North Korea", 3000.0)]


def test_standing_first_is_the_first_standing_row() -> None:
    """The tracker reads a series' standing lazily: the same row as ``standing(rows)[0]``."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from claimwatch.store.queries import standing
    from claimwatch.tracker import _standing_first

    cols = ("value", "value_max", "claimed_by", "published", "decision")
    row = st.tuples(st.sampled_from([10.0, 12.0, 15.0]), st.sampled_from([None, 14.0, 20.0]),
                    st.sampled_from([None, "BNPB"]), st.sampled_from(["2024-05-01", "2024-05-02", "2024-05-03"]),
                    st.sampled_from(["repeat", "new", "changed", "conflict"]))

    @settings(max_examples=300, deadline=None)
    @given(st.lists(row, max_size=8))
    def check(rows: list[tuple[object, ...]]) -> None:
        dicts = standing([dict(zip(cols, r, strict=True)) for r in rows])
        expected = tuple(dicts[0].values()) if dicts else None
        got = _standing_first(iter(rows))
        assert (tuple(got) if got is not None else None) == expected

    check()


def test_series_live_counts_stay_exact(tmp_path: Path) -> None:
    """Each series' live count (kept by triggers, m016) equals its observations that are not
    superseded, through a replay of every golden stream (updated articles supersede) and through
    direct updates and deletes; the subject recount reads the same counts as the full one did."""
    from claimwatch.replay import replay
    from claimwatch.series import OWNED

    streams = sorted((Path(__file__).resolve().parent / "streams").glob("*.jsonl"))
    lines = [ln for p in streams for ln in p.read_text(encoding="utf-8").splitlines()]
    with open_store(tmp_path / "live.db") as store:
        for _ in replay(lines, Extractor(), Tracker(store), [], now=NOW):
            pass
        conn = store.db.conn

        def mismatches() -> list[tuple[int, int, int]]:
            return conn.execute(
                "SELECT s.id, s.live, (SELECT count(*) FROM observations o WHERE o.series_id = s.id"
                " AND o.superseded = 0) AS n FROM series s WHERE s.live != n").fetchall()

        assert conn.execute("SELECT count(*) FROM observations WHERE superseded = 1").fetchone()[0] > 0
        assert mismatches() == []
        with store.transaction():
            conn.execute("UPDATE observations SET superseded = 1 WHERE id % 3 = 0")
            conn.execute("UPDATE observations SET superseded = 0 WHERE id % 5 = 0")
            conn.execute("UPDATE observations SET superseded = superseded WHERE id % 2 = 0")  # no change
            conn.execute("DELETE FROM observations WHERE id % 7 = 0")
            other = conn.execute("SELECT max(id) FROM series").fetchone()[0]
            conn.execute("UPDATE observations SET series_id = ? WHERE id % 11 = 0", (other,))
        assert mismatches() == []
        marks = ",".join("?" * len(OWNED))
        full = conn.execute(
            f"SELECT s.actor, count(*) FROM observations o JOIN series s ON s.id = o.series_id"
            f" WHERE s.topic = ? AND s.what IN ({marks}) AND o.superseded = 0 GROUP BY s.actor",
            ("default", *sorted(OWNED))).fetchall()
        counted = conn.execute(
            f"SELECT actor, sum(live) FROM series WHERE topic = ? AND what IN ({marks})"
            f" GROUP BY actor HAVING sum(live) > 0", ("default", *sorted(OWNED))).fetchall()
        assert counted == full and len(full) > 1
