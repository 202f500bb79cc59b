"""Series identity and what stays silent, on short stories written for these tests (both languages).

Each story is a list of articles, each with the alerts it must raise (kind, value); after the
story, the current value of each series is checked. The categories are the ones real reporting
showed: actors omitted or named by demonym, alias or possessive; parts of a breakdown; a day's
finds; repeats with another hedge or inside a range; values the text marks as earlier; statements
that only refer back; one side speaking through several voices.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from claimwatch.extract import Extractor
from claimwatch.models import ArticleInput
from claimwatch.store import Store, open_store
from claimwatch.store.queries import latest_per_series
from claimwatch.tracker import Tracker

T0 = datetime(2025, 3, 3, 1, 0, tzinfo=UTC)
NOW = datetime(2026, 1, 1, tzinfo=UTC)
EX = Extractor()

# (title, text, alerts expected as (kind, value)); articles a day apart
Story = list[tuple[str, str, list[tuple[str, float]]]]

STORIES: dict[str, tuple[Story, dict[tuple[str, str, str], float]]] = {
    "actor omitted, named by demonym, possessive and alias": (
        [
            ("Seoul: Pyongyang sends troops", "South Korea's spy agency said North Korea had sent about 2,000 "
             "troops to Russia's far east.", [("new", 2000)]),
            ("Troops seen in Primorye", "The troops, some 2,000 of them, were seen at a base near Ussuriysk, "
             "the agency added.", []),
            ("Kyiv: 2,000 of Pyongyang's soldiers", "Ukraine's defence intelligence said 2,000 of Pyongyang's "
             "soldiers were training near Vladivostok.", []),
            ("Pasukan Korut bertambah", "Badan intelijen Korea Selatan kini menyebut jumlah tentara Korut di "
             "Rusia sekitar 4.000 orang.", [("changed", 4000)]),
            ("Pasukan itu ke Kursk", "Pasukan itu, menurut NIS, kini berjumlah sekitar 4.000 personel.", []),
        ],
        {("troops", "North Korea", ""): 4000},
    ),
    "event-only toll keeps one series": (
        [
            ("Gempa Sulbar", "Gempa berkekuatan M 6,1 mengguncang Mamuju. BPBD mencatat 12 orang meninggal dunia.",
             [("new", 12)]),
            ("Korban gempa bertambah", "Korban meninggal akibat gempa Mamuju bertambah menjadi 19 orang, kata BNPB.",
             [("changed", 19)]),
            ("Quake toll", "The death toll from the Mamuju quake stands at 19, the disaster agency said.", []),
        ],
        {("killed", "", ""): 19},
    ),
    "a breakdown is a part, never a revision of the whole": (
        [
            ("NIS update", "North Korea has sent some 11,000 troops to Russia, of whom about 3,000 are in Kursk, "
             "the NIS said.", [("new", 11000), ("new", 3000)]),
            ("Rincian NIS", "Dari sekitar 11.000 tentara Korea Utara di Rusia, sekitar 3.000 di antaranya berada "
             "di Kursk, kata NIS.", []),
        ],
        {("troops", "North Korea", ""): 11000, ("troops", "North Korea", "Kursk"): 3000},
    ),
    "a day's finds are increments, not a new toll": (
        [
            ("Banjir Bima", "BPBD Bima mencatat korban meninggal akibat banjir bandang mencapai 21 orang.",
             [("new", 21)]),
            ("Tiga jenazah", "Tim SAR kembali menemukan tiga jenazah korban banjir pagi ini, kata Basarnas.", []),
            ("Bima floods", "Rescuers found two more bodies on Tuesday alone, bringing the death toll to 26, "
             "the agency said.", [("changed", 26)]),
        ],
        {("killed", "", ""): 26},
    ),
    "repeats with another hedge or inside a range are silent": (
        [
            ("Toll", "At least 140 people were killed in the clashes, the health ministry said.", [("new", 140)]),
            ("Toll 2", "Some 140 people died in the clashes, according to hospital officials.", []),
            ("Korban", "Lebih dari 140 orang tewas dalam bentrokan itu, kata kementerian kesehatan.", []),
            ("Korban 2", "Korban tewas 140-an orang, menurut pejabat rumah sakit.", []),
            ("Range", "Between 130 and 150 people were killed, a rights group said.", []),
        ],
        {("killed", "", ""): 140},
    ),
    "values the text marks as earlier are history": (
        [
            ("Toll", "The death toll from the landslide rose to 68, the regional agency said.", [("new", 68)]),
            ("Earlier", "Last week the agency had put the toll at 41.", []),
            ("Sebelumnya", "Sebelumnya, BPBD menyebut korban meninggal 52 orang.", []),
            ("From", "The toll climbed to 74 from 68, officials said.", [("changed", 74)]),
        ],
        {("killed", "", ""): 74},
    ),
}


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "cw.db") as s:
        yield s


@pytest.mark.parametrize("name", sorted(STORIES))
def test_story(store: Store, name: str) -> None:
    story, current = STORIES[name]
    tracker = Tracker(store)
    for day, (title, text, expected) in enumerate(story):
        published = T0 + timedelta(days=day)
        art = ArticleInput(url=f"https://news.example/{day}", text=text, title=title, published=published,
                           source=f"outlet{day}")
        res = tracker.process(art, EX.extract(text, title=title, published=published), ["t"], now=NOW)
        # "changed" in the sense: changed, revised or conflict (who says it decides which)
        got = [("changed" if str(a.kind) in ("revised", "conflict") else str(a.kind), a.value)
               for a in res.alerts if a.value is not None]
        assert got == [(k, float(v)) for k, v in expected], (day, text)
    latest = {(s.what, s.actor or "", s.scope or ""): s.value for s in latest_per_series(store, "t")}
    assert {k: v for k, v in latest.items() if k in current} == {k: float(v) for k, v in current.items()}
    whole = [k for k in latest if k[0] in {w for w, _, _ in current} and k not in current]
    assert not whole, f"series split: {whole}"


def test_changed_names_the_value_it_replaces(store: Store) -> None:
    tracker = Tracker(store)
    texts = [
        "Ukraine's military intelligence said about 12,000 North Korean troops were in Russia.",
        "The troops now number some 12,000, a Ukrainian official said.",  # an unnamed repeat
        "The Pentagon said 10,000 North Korean troops were in Russia.",
    ]
    alerts = []
    for day, text in enumerate(texts):
        art = ArticleInput(url=f"u{day}", text=text, published=T0 + timedelta(days=9 * day), source=f"s{day}")
        alerts += tracker.process(art, EX.extract(text), ["t"], now=NOW).alerts
    changed = alerts[-1]
    assert str(changed.kind) == "changed" and changed.value == 10000
    assert changed.previous == 12000 and changed.previous_claimed_by == "Ukraine's military intelligence"


def test_back_reference_and_one_side_many_voices(store: Store) -> None:
    tracker = Tracker(store)
    texts = [
        ("Kremlin spokesman Dmitry Peskov denied that North Korean troops were in Russia.", ["statement"]),
        ("The report, which Moscow had earlier denied, was confirmed by Seoul.", []),  # Moscow's: a back-reference
        ("Putin did not deny that North Korean soldiers were in Russia.", ["stance_change"]),
        # a new voice of the same side with the same stance: a statement, never a stance change
        ("Russia's foreign ministry declined to comment on the soldiers.", ["statement"]),
        # articles retell who said what: a speaker's earlier stance, told again, moves nothing
        ("Kremlin spokesman Dmitry Peskov had denied that the soldiers were there.", []),
    ]
    for day, (text, kinds) in enumerate(texts):
        art = ArticleInput(url=f"u{day}", text=text, published=T0 + timedelta(days=day), source=f"s{day}")
        res = tracker.process(art, EX.extract(text), ["t"], now=NOW)
        russia = [str(a.kind) for a in res.alerts if a.side == "Russia"]
        assert russia == kinds, text
