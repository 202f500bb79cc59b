"""The phrase matcher's one-pass scanner (issue 14) finds exactly what the word-by-word walk finds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimwatch.lexicon import ConceptLexicon, Gazetteer, PhraseMatcher, flatten

GOLDEN = Path(__file__).parent / "golden"

TRICKY = [
    "Rumah-rumah dan rumah  sakit di AS, as, US and us; U.S. officials and the UN.",
    "Countries, country-wide, the countrys; soldiers, soldieres, troops and troop.",
    "North  Korea, north-korea, NORTH KOREA, Korean, Koreans and Korea's army.",
    "Kementerian Kesehatan Gaza dan kementerian-kementerian; BNPB, bnpb, Bnpb.",
    "_underscore start, 3,000 tewas, luka-luka, orang hilang, 12-thousand killed.",
    "",
    "   ",
    "A",
]


def _texts() -> list[str]:
    out = list(TRICKY)
    for path in sorted(GOLDEN.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.append(json.loads(line)["text"])
    return out


def _reference(m: PhraseMatcher[object], text: str) -> list[tuple[int, int, str, object]]:
    # the word-by-word walk: every word start tried, its own two-letter and one-letter buckets
    return [tuple(s) for s in m._finditer_slow(text, flatten(text))]  # type: ignore[misc]


def _matchers() -> list[PhraseMatcher[object]]:
    gaz, lex = Gazetteer(), ConceptLexicon()
    return [gaz._name_matcher(), gaz._inst_matcher(), lex._matcher("en"), lex._matcher("id"),
            lex._matcher(None)]  # type: ignore[list-item]


@pytest.mark.parametrize("which", range(5))
def test_scanner_finds_what_the_word_walk_finds(which: int) -> None:
    m = _matchers()[which]
    texts = _texts()
    assert len(texts) > 100
    list(m.finditer("warm up"))  # compiles buckets and scanner
    assert m._scan is not None  # the ASCII path under test is the one in use
    hits = 0
    for text in texts:
        got = [tuple(s) for s in m.finditer(text)]
        assert got == _reference(m, text), text
        hits += len(got)
    assert hits > 50


def test_scanner_is_a_superset_for_exact_plural_and_reduplicated_phrases() -> None:
    m: PhraseMatcher[int] = PhraseMatcher()
    m.add("rumah", 1, redup=True)
    m.add("rumah sakit", 2)
    m.add("AS", 3)
    m.add("country", 4, plural=True)
    m.add("=Tempo", 5)
    m.add("al-Qassam", 6)
    text = "Rumah-rumah, rumah  sakit, AS as, countries, Countries, Tempo tempo, Al Qassam, al-qassam."
    got = [(s.surface, s.payload) for s in m.finditer(text)]
    assert got == [("Rumah-rumah", 1), ("rumah  sakit", 2), ("AS", 3), ("countries", 4), ("Countries", 4),
                   ("Tempo", 5), ("Al Qassam", 6), ("al-qassam", 6)]
    assert got == [(s[2], s[3]) for s in _reference(m, text)]  # type: ignore[arg-type]


def test_non_ascii_text_takes_the_word_walk() -> None:
    m: PhraseMatcher[int] = PhraseMatcher()
    m.add("yildirim", 1)
    m.add("kelvin", 2)
    # dotless ı and the Kelvin sign match i and k case-insensitively; the scanner is ASCII-only
    text = "Binali Yıldırım said; \u212aelvin and Kelvin."
    got = [(s.surface, s.payload) for s in m.finditer(text)]
    assert got == [(s[2], s[3]) for s in _reference(m, text)]  # type: ignore[arg-type]
    assert ("Kelvin", 2) in got
