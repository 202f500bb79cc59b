"""The extractor on the real Liputan6 seed article (read from ../shared/seed where it exists)."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimwatch.extract import Extractor

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "liputan6-korea-utara-kursk.txt"


@pytest.fixture(scope="module")
def seed_result():  # type: ignore[no-untyped-def]
    if not SEED.is_file():
        pytest.skip(f"seed article not present: {SEED}")
    text = SEED.read_text(encoding="utf-8")
    return text, Extractor().extract(text, lang="auto")


def test_seed_figures_exactly(seed_result) -> None:  # type: ignore[no-untyped-def]
    text, res = seed_result
    got = sorted(
        (f.value, f.value_max, str(f.bound), f.what, f.actor, f.claimed_by) for f in res.figures
    )
    intel = "Ukraine's military intelligence"
    assert got == sorted(
        [
            (12000.0, None, "about", "troops", "North Korea", intel),
            (500.0, None, "exact", "officers", "North Korea", intel),
            (3.0, None, "exact", "generals", "North Korea", intel),
            (5.0, None, "exact", "bases", None, intel),
            (3000.0, None, "exact", "troops", "North Korea", "United States"),
            (3000.0, None, "exact", "troops", "North Korea", "South Korea's NIS"),
        ]
    )
    assert res.lang == "id"
    for f in res.figures:
        assert text[f.start : f.end].strip(), "offsets point into the original text"
        assert f.sentence in text


def test_seed_no_dates_or_ordinals(seed_result) -> None:  # type: ignore[no-untyped-def]
    text, res = seed_result
    spans = [text[f.start : f.end] for f in res.figures]
    for bad in ("24/10/2024", "2022", "23 Oktober", "25/10", "pertama"):
        assert not any(bad in s for s in spans)
    assert 2022.0 not in {f.value for f in res.figures}
    assert 23.0 not in {f.value for f in res.figures}


def test_seed_statements(seed_result) -> None:  # type: ignore[no-untyped-def]
    _, res = seed_result
    got = sorted((s.speaker, str(s.stance)) for s in res.statements)
    assert got == sorted(
        [("Kremlin", "denial"), ("Vladimir Putin", "non_denial"), ("North Korea", "denial")]
    )
    kremlin = next(s for s in res.statements if s.speaker == "Kremlin")
    assert kremlin.quote == "berita palsu"
    assert kremlin.side == "Russia"
