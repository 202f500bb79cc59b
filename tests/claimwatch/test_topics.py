"""Topic matching as news words it: demonyms and other names, inflections and affixes in both
languages, exclusions; and a story replayed with a topic keyed on its subject raises exactly the
alerts it raises with no topic at all."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from claimwatch.extract import Extractor
from claimwatch.lexicon import Gazetteer
from claimwatch.replay import replay
from claimwatch.store import open_store
from claimwatch.topics import TopicMatcher, gazetteer_names
from claimwatch.tracker import Tracker

NAMES = gazetteer_names(Gazetteer())
STREAMS = Path(__file__).parent / "streams"

CASES = [
    # (keywords, require_any, exclude, text, matches)
    (("North Korea",), ("Russia",), (), "About 1,500 North Korean soldiers were seen in Russia's far east.", True),
    (("North Korea",), ("Russia",), (), "Pasukan Korut sudah tiba di Rusia, kata NIS.", True),
    (("North Korea",), ("Russia",), (), "Tentara Korea Utara dikirim ke wilayah Kursk di Rusia.", True),
    (("North Korea",), ("Russia",), (), "Pyongyang's troops reached the Russian border.", True),
    (("North Korea",), (), (), "South Korea's president visited Japan.", False),
    (("Korea Utara",), (), (), "North Korean artillery fired 200 shells.", True),
    (("banjir",), (), (), "Dua desa kebanjiran setelah hujan deras semalaman.", True),
    (("banjir",), (), (), "Luapan sungai membanjiri permukiman warga.", True),
    (("banjir",), (), (), "Banjirnya baru surut pada Minggu pagi.", True),
    (("banjir",), (), (), "Warga Banjar merayakan hari jadi kota.", False),
    (("flood",), (), (), "Floods and flooding have displaced 3,000 people.", True),
    (("tembak",), (), (), "Polisi menembak mati seorang pelaku.", True),
    (("gempa",), (), (), "GEMPA berkekuatan M 5,6 mengguncang Cianjur.", True),
    (("Sudan",), (), (), "Sudanese refugees crossed into Chad.", True),
    (("Korea Utara",), ("Rusia",), (), "Sedikitnya 100 tentara Korut tewas di Kursk.", True),
    (("Korea Utara",), (), ("sepak bola", "football"), "Timnas sepak bola Korea Utara kalah 0-3.", False),
    (("Korea Utara",), (), ("sepak bola",), "Korea Utara menembakkan rudal balistik.", True),
    (("war",), (), (), "A warning was issued.", False),  # short words match only as written
]


@pytest.mark.parametrize(("keywords", "require", "exclude", "text", "expected"), CASES)
def test_keywords_match_as_news_words_them(keywords: tuple[str, ...], require: tuple[str, ...],
                                           exclude: tuple[str, ...], text: str, expected: bool) -> None:
    m = TopicMatcher("t", keywords, require, exclude, NAMES)
    assert m.matches(None, text) is expected


def test_the_title_counts_and_case_and_diacritics_do_not() -> None:
    m = TopicMatcher("t", ("Türkiye",), expand=NAMES)
    assert m.matches("Turkiye quake toll rises", "The toll rose again.")
    assert not TopicMatcher("t", ("Türkiye",)).matches(None, "Nothing about it.")


def _alerts(stream: Path, tmp_path: Path, topics: list[TopicMatcher]) -> list[tuple[str, object, object, object]]:
    ex = Extractor()
    with open_store(tmp_path / f"{stream.stem}-{len(topics)}.db") as store:
        events = replay(stream.read_text(encoding="utf-8").splitlines(), ex, Tracker(store), topics,
                        now=datetime(2026, 1, 1, tzinfo=UTC))
        return [(str(a.kind), a.what or a.speaker, a.value, a.stance) for ev in events for a in ev.alerts]


# (korut_omitted_actor_en.jsonl is left out on purpose: some of its snippets name neither North
# Korea nor Russia — "the North's soldiers in Kursk" — and no keyword can know that)
@pytest.mark.parametrize(("stream", "keyword", "require"), [
    ("korut_troops_en.jsonl", "North Korea", "Russia"),
    ("korut_pasukan_id.jsonl", "Korea Utara", "Rusia"),
    ("korut_omitted_actor_id.jsonl", "Korea Utara", "Rusia"),  # "di Kursk" says Russia
])
def test_a_story_replayed_with_a_topic_raises_what_it_raises_without(stream: str, keyword: str, require: str,
                                                                     tmp_path: Path) -> None:
    path = STREAMS / stream
    without = _alerts(path, tmp_path, [])
    with_topic = _alerts(path, tmp_path, [TopicMatcher("korut", (keyword,), (require,), (), NAMES)])
    assert without and with_topic == without
