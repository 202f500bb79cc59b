"""Format checks for the golden extraction corpus (tests/claimwatch/golden/*.jsonl).

These tests do not run the extractor; they only guard the corpus itself so that
scoring against it stays meaningful: every line parses, ids are unique, fields
and enums are valid, and the coverage minimums per language and per tag hold.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from babel.numbers import list_currencies

from claimwatch.lexicon import ConceptLexicon

GOLDEN_DIR = Path(__file__).parent / "golden"
FILES = {"id": GOLDEN_DIR / "extract_id.jsonl", "en": GOLDEN_DIR / "extract_en.jsonl"}
MIN_CASES = {"id": 240, "en": 225}
MIN_PER_TAG = 6
MIN_NEGATIVE = 40

CASE_KEYS = {"id", "lang", "text", "figures", "statements", "tags"}
OPTIONAL_CASE_KEYS = {"measures"}  # percentages, money, hectares, tonnes: read, never tracked
FIGURE_KEYS = {"value", "value_max", "bound", "what", "actor", "claimed_by"}
OPTIONAL_FIGURE_KEYS = {"past", "relayed_by", "also_claimed_by", "scope", "increment"}
MEASURE_WHATS = frozenset({"percent", "hectares", "tons"})
STATEMENT_KEYS = {"speaker", "stance"}
BOUNDS = {"exact", "about", "at_least", "at_most"}
STANCES = {"denial", "non_denial", "confirmation"}

CONCEPTS = frozenset(
    {
        "troops",
        "officers",
        "generals",
        "killed",
        "injured",
        "wounded",
        "casualties",
        "missing",
        "displaced",
        "refugees",
        "evacuated",
        "affected",
        "arrested",
        "detained",
        "suspects",
        "bases",
        "missiles",
        "shells",
        "drones",
        "houses_damaged",
        "houses_flooded",
        "buildings_damaged",
        "people",
        "civilians",
        "tanks",
        "aircraft",
        "ships",
        "vehicles",
        "villages",
        "hostages",
        "prisoners",
        "cases",
        "votes",
        "workers",
        "layoffs",
        "schools",
        "families",
        "students",
        "teachers",
        "police",
        "protesters",
        "victims",
        "survivors",
        "rescued",
        "bodies",
        "passengers",
        "migrants",
        "tourists",
        "percent",
        "hectares",
        "tons",
    }
)
CURRENCY_RE = re.compile(r"^[a-z]{3}$")
LEXICON_KEYS = ConceptLexicon().keys()
ISO_CURRENCIES = frozenset(code.lower() for code in list_currencies())

REQUIRED_TAGS = frozenset(
    {
        "separators",
        "scale",
        "words",
        "vague",
        "range",
        "qualifier",
        "percent",
        "money",
        "noun_first",
        "coordination",
        "actor",
        "claimant_before",
        "claimant_after",
        "continuation",
        "statement_denial",
        "statement_non_denial",
        "statement_confirmation",
        "multi",
        "negative",
        "past_value",
        # the real-reporting round: each category of error on real text has its own cases
        "casualty",
        "claimant_resolve",
        "relay",
        "co_claimants",
        "stance",
        "part",
        "increment",
        "distractor",
        "appositive",
    }
)


def _load(lang: str) -> list[tuple[int, dict[str, Any]]]:
    cases = []
    with FILES[lang].open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            cases.append((lineno, json.loads(line)))
    return cases


@pytest.fixture(scope="module")
def corpus() -> dict[str, list[dict[str, Any]]]:
    return {lang: [case for _, case in _load(lang)] for lang in FILES}


def _is_number(x: object) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool)


def _is_name(x: object) -> bool:
    return x is None or (isinstance(x, str) and x.strip() == x and x != "")


def _valid_what(what: object) -> bool:
    if what is None:
        return True
    if not isinstance(what, str):
        return False
    return what in CONCEPTS or what in LEXICON_KEYS or (CURRENCY_RE.match(what) is not None and what in ISO_CURRENCIES)


@pytest.mark.parametrize("lang", sorted(FILES))
def test_every_line_parses_to_an_object(lang: str) -> None:
    with FILES[lang].open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            assert line.strip(), f"{FILES[lang].name}:{lineno}: blank line"
            obj = json.loads(line)
            assert isinstance(obj, dict), f"{FILES[lang].name}:{lineno}: not an object"


def test_ids_unique_and_well_formed(corpus: dict[str, list[dict[str, Any]]]) -> None:
    ids = [case["id"] for cases in corpus.values() for case in cases]
    dupes = [i for i, n in Counter(ids).items() if n > 1]
    assert not dupes, f"duplicate ids: {dupes}"
    for lang, cases in corpus.items():
        for case in cases:
            assert re.fullmatch(rf"{lang}-\d{{3,}}", case["id"]), case["id"]


@pytest.mark.parametrize("lang", sorted(FILES))
def test_case_structure(lang: str) -> None:
    for lineno, case in _load(lang):
        where = f"{FILES[lang].name}:{lineno} ({case.get('id')})"
        assert CASE_KEYS <= set(case) <= CASE_KEYS | OPTIONAL_CASE_KEYS, f"{where}: keys {sorted(case)}"
        assert case["lang"] == lang, where
        assert isinstance(case["text"], str), where
        assert case["text"].strip(), where
        assert isinstance(case["figures"], list), where
        assert isinstance(case["statements"], list), where
        tags = case["tags"]
        assert isinstance(tags, list), where
        assert tags, f"{where}: no tags"
        assert all(isinstance(t, str) and t for t in tags), where
        assert len(set(tags)) == len(tags), f"{where}: duplicate tags"

        for meas in case.get("measures", []):
            assert FIGURE_KEYS <= set(meas) <= FIGURE_KEYS | {"past"}, f"{where}: measure keys {sorted(meas)}"
            assert meas["what"] is None or meas["what"] in MEASURE_WHATS or (  # None: a magnitude, a rate
                CURRENCY_RE.match(meas["what"]) and meas["what"] in ISO_CURRENCIES), where
        for fig in case["figures"]:
            assert isinstance(fig, dict), where
            assert fig["what"] not in MEASURE_WHATS, f"{where}: {fig['what']} is a measure, not a figure"
            assert float(fig["value"]).is_integer(), f"{where}: a figure counts whole things"
            for key in ("relayed_by", "also_claimed_by"):
                assert all(_is_name(x) and x for x in fig.get(key, [])), f"{where}: {key}"
            assert fig.get("increment", True) is True, f"{where}: increment must be true when present"
            assert FIGURE_KEYS <= set(fig) <= FIGURE_KEYS | OPTIONAL_FIGURE_KEYS, (
                f"{where}: figure keys {sorted(fig)}"
            )
            assert _is_number(fig["value"]), f"{where}: value {fig['value']!r}"
            assert fig["value"] >= 0, where
            vmax = fig["value_max"]
            if vmax is not None:
                assert _is_number(vmax), f"{where}: value_max {vmax!r}"
                assert vmax > fig["value"], f"{where}: value_max {vmax} <= value {fig['value']}"
            assert fig["bound"] in BOUNDS, f"{where}: bound {fig['bound']!r}"
            assert _valid_what(fig["what"]), f"{where}: what {fig['what']!r}"
            assert _is_name(fig["actor"]), f"{where}: actor {fig['actor']!r}"
            assert _is_name(fig["claimed_by"]), f"{where}: claimed_by {fig['claimed_by']!r}"
            if "past" in fig:
                assert fig["past"] is True, f"{where}: past must be true when present"

        for st in case["statements"]:
            assert isinstance(st, dict), where
            assert set(st) == STATEMENT_KEYS, f"{where}: statement keys {sorted(st)}"
            assert isinstance(st["speaker"], str), where
            assert _is_name(st["speaker"]), where
            assert st["stance"] in STANCES, f"{where}: stance {st['stance']!r}"


@pytest.mark.parametrize("lang", sorted(FILES))
def test_minimum_cases_per_language(corpus: dict[str, list[dict[str, Any]]], lang: str) -> None:
    assert len(corpus[lang]) >= MIN_CASES[lang]


def test_every_tag_has_enough_cases(corpus: dict[str, list[dict[str, Any]]]) -> None:
    counts = Counter(t for cases in corpus.values() for case in cases for t in case["tags"])
    missing = sorted(REQUIRED_TAGS - set(counts))
    assert not missing, f"required tags never used: {missing}"
    thin = {t: n for t, n in counts.items() if n < MIN_PER_TAG}
    assert not thin, f"tags with fewer than {MIN_PER_TAG} cases: {thin}"


def test_negative_cases(corpus: dict[str, list[dict[str, Any]]]) -> None:
    negatives = [c for cases in corpus.values() for c in cases if "negative" in c["tags"]]
    assert len(negatives) >= MIN_NEGATIVE
    wrong = [c["id"] for c in negatives if c["figures"]]
    assert not wrong, f"negative cases must have no figures: {wrong}"


def test_tags_agree_with_annotations(corpus: dict[str, list[dict[str, Any]]]) -> None:
    stance_tags = {
        "statement_denial": "denial",
        "statement_non_denial": "non_denial",
        "statement_confirmation": "confirmation",
    }
    for case in (c for cases in corpus.values() for c in cases):
        tags, figs = set(case["tags"]), case["figures"]
        measures = case.get("measures", [])
        stances = {s["stance"] for s in case["statements"]}
        cid = case["id"]
        for tag, stance in stance_tags.items():
            assert (tag in tags) == (stance in stances), f"{cid}: {tag} vs statements"
        if "past_value" in tags:
            both = figs + measures
            assert any(f.get("past") for f in both), f"{cid}: past_value without a past figure"
            assert any(not f.get("past") for f in both), f"{cid}: past_value without current value"
        if "range" in tags:
            assert any(f["value_max"] is not None for f in figs), f"{cid}: range without value_max"
        if "percent" in tags:
            assert any(f["what"] == "percent" for f in measures), f"{cid}: percent tag, no percent"
        if "money" in tags:
            assert any(f["what"] is not None and f["what"] not in CONCEPTS for f in measures), (
                f"{cid}: money tag without a currency measure"
            )
        if "multi" in tags or "coordination" in tags:
            assert len(figs) + len(measures) >= 2, f"{cid}: multi/coordination needs several figures"
        if "continuation" in tags:
            assert case["text"].count(". ") >= 1, f"{cid}: continuation needs 2+ sentences"
        if "part" in tags:
            assert any(f.get("scope") for f in figs) or len(figs) >= 2, f"{cid}: part without a whole and a part"
        if "increment" in tags:
            assert not figs or any(f.get("increment") for f in figs), (  # none: a delta ("three more")
                f"{cid}: increment tag without an increment")
        if "co_claimants" in tags:
            assert any(f.get("also_claimed_by") for f in figs) or len(case["statements"]) >= 2, (
                f"{cid}: co_claimants without further claimants")
