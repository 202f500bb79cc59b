"""Framing: what is *not* a figure, and how number forms resolve.

Guards the category of error where a number that counts nothing of the story is tracked
(magnitudes, degrees, percentages, money, projections, vague quantities, deltas), and where a
written number form ("15-thousand", "1,5 juta", "10.000-12.000", "31 643", "3.000-an") is read
to the wrong value, range or bound. Conventions: ``tests/claimwatch/golden/README.md``.

All sentences are invented for this file in the style of wire copy and Indonesian portals.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from claimwatch.extract import Extractor

EX = Extractor()

# (value, value_max, bound, what) of one expected figure
Fig = tuple[float, float | None, str, str | None]


@dataclass(frozen=True)
class Case:
    lang: str
    text: str
    figures: list[Fig]  # exactly these figures, in text order ([] = no figure at all)
    measures: list[tuple[float, str | None]] = field(default_factory=list)  # (value, what) among measures
    not_figures: list[float] = field(default_factory=list)  # values that must never be a figure


CASES = [
    # -- magnitudes and degrees are no counts
    pytest.param(Case(
        "en", "The 6.9-magnitude quake destroyed 240 houses in the hill district of Morant, the disaster "
        "agency said.",
        [(240, None, "exact", "houses_damaged")], not_figures=[6.9]), id="en-magnitude-hyphen"),
    pytest.param(Case(
        "id", "Gempa berkekuatan M 5,6 itu merusak 214 rumah warga di Kabupaten Sumbawa Barat, kata BPBD "
        "setempat.",
        [(214, None, "exact", "houses_damaged")], not_figures=[5.6]), id="id-magnitude-berkekuatan-M"),
    pytest.param(Case(
        "en", "Overnight frost pushed temperatures down to minus 7.8 degrees in the highland camps where "
        "2,400 people are sheltering.",
        [(2400, None, "exact", "people")], not_figures=[7.8]), id="en-degrees"),
    # -- percentages and money are measures
    pytest.param(Case(
        "en", "Turnout in the run-off stood at 64.5 percent, the election commission said.",
        [], measures=[(64.5, "percent")]), id="en-percent-measure"),
    pytest.param(Case(
        "id", "Pemerintah provinsi menyiapkan anggaran sebesar Rp 1,2 triliun untuk rehabilitasi 4.000 rumah "
        "rusak.",
        [(4000, None, "exact", "houses_damaged")], measures=[(1.2e12, "idr")]), id="id-money-measure"),
    # -- projections
    pytest.param(Case(
        "en", "Rescuers fear the toll could top 20,000, while officials have so far confirmed 8,574 deaths.",
        [(8574, None, "exact", "killed")], not_figures=[20000]), id="en-projection-could-top"),
    pytest.param(Case(
        "id", "Jumlah pengungsi diperkirakan bisa melampaui 3.000 orang jika hujan terus turun, kata BPBD.",
        []), id="id-projection-diperkirakan"),
    # -- vague quantities
    pytest.param(Case(
        "en", "Thousands of people fled their homes as the river burst its banks near the town of Kellmoor.",
        []), id="en-vague-thousands"),
    pytest.param(Case(
        "id", "Puluhan ribu buruh turun ke jalan, sementara ratusan polisi berjaga di depan gedung DPRD.",
        []), id="id-vague-puluhan-ribu-ratusan"),
    # -- deltas
    pytest.param(Case(
        "en", "The number of confirmed deaths increased by three overnight, the health office said.",
        []), id="en-delta-increased-by"),
    pytest.param(Case(
        "en", "Two more soldiers were killed in the border clash on Saturday, the army said.",
        []), id="en-delta-two-more"),
    pytest.param(Case(
        "id", "Jumlah korban meninggal dunia bertambah 38 orang sejak kemarin, kata BPBD.",
        []), id="id-delta-bertambah"),
    # -- number forms
    pytest.param(Case(
        "en", "Ukraine's military intelligence said North Korea had sent 15-thousand soldiers to Russia.",
        [(15000, None, "exact", "troops")]), id="en-15-thousand"),
    pytest.param(Case(
        "en", "Four-thousand-100 soldiers took part in the joint exercise near the border.",
        [(4100, None, "exact", "troops")]), id="en-four-thousand-100"),
    pytest.param(Case(
        "id", "Sebanyak 1,5 juta warga terdampak banjir di tiga kabupaten, kata BNPB.",
        [(1500000, None, "exact", "affected"), (3, None, "exact", "districts")]), id="id-1,5-juta"),
    pytest.param(Case(
        "id", "Badan intelijen Korea Selatan menyebut 10.000-12.000 tentara Korea Utara telah dikirim ke Rusia.",
        [(10000, 12000, "exact", "troops")]), id="id-range-dash"),
    pytest.param(Case(
        "en", "Officials said 11,000 to 12,000 North Korean troops had been deployed to the region.",
        [(11000, 12000, "exact", "troops")]), id="en-range-to"),
    pytest.param(Case(
        "en", "The civil registry recorded 31 643 deaths by the end of the month.",
        [(31643, None, "exact", "killed")]), id="en-space-thousands"),
    pytest.param(Case(
        "id", "Sebanyak 3.000-an warga mengungsi akibat erupsi Gunung Lewotobi Laki-laki.",
        [(3000, None, "about", "displaced")]), id="id-3000-an"),
]

# cases the extractor first got wrong (written before the fix, kept as they were)
HARDER_CASES = [
    pytest.param(Case(
        "en", "A 7.8-magnitude earthquake struck the coast early on Monday.",
        [], measures=[(7.8, None)]), id="en-magnitude-is-a-measure"),
    pytest.param(Case(
        "en", "The death toll increased by three to 57, the agency said.",
        [(57, None, "exact", "killed")]), id="en-delta-then-new-toll"),
]


@pytest.mark.parametrize("case", CASES + HARDER_CASES)
def test_framing(case: Case) -> None:
    res = EX.extract(case.text, lang=case.lang)
    got = [(f.value, f.value_max, str(f.bound), f.what) for f in res.figures]
    assert got == [(float(v), None if m is None else float(m), b, w) for v, m, b, w in case.figures]
    for value, what in case.measures:
        assert any(m.value == pytest.approx(value) and (what is None or m.what == what)
                   for m in res.measures), (value, what, res.measures)
        assert all(f.value != pytest.approx(value) for f in res.figures)
    for value in case.not_figures:
        assert all(f.value != pytest.approx(value) for f in res.figures)
