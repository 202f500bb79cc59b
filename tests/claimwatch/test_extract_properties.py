"""Properties of the extractor on arbitrary input: it never raises, offsets stay in bounds."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimwatch.extract import Extractor

EX = Extractor()
NEWSY = st.lists(
    st.sampled_from(
        ["12.000", "1,5 juta", "tentara", "kata", "BNPB", "sekitar", "hingga", "(24/10)", "\n",
         "Baca Juga", '"', "said", "about", "3,000", "troops", "-", "tidak membantah", "Rp", "%",
         "dibantah", "Korea Utara", "menurut", ",", ".", "between", "and", "2024", "ribuan"]
    ),
    max_size=40,
).map(" ".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=400), NEWSY), st.sampled_from(["id", "en", "auto"]))
def test_never_raises_and_offsets_in_bounds(text: str, lang: str) -> None:
    res = EX.extract(text, lang=lang)
    assert res.lang in ("id", "en")
    for f in res.figures:
        assert 0 <= f.start < f.end <= len(text)
        assert f.value == f.value  # not NaN
        if f.value_max is not None:
            assert f.value_max >= f.value
    for s in res.statements:
        assert 0 <= s.start <= s.end <= len(text)
