"""Claimant resolution: who asserts a figure, who relays it, who shares it.

Guards the category of error where a figure's ``claimed_by`` is lost or wrong: a pronoun or
description in a later sentence ("It said", "The agency added", "ujarnya", "kata dia",
"Menurutnya", "kementerian itu"), a paragraph's closing speaker covering the sentence before,
"Data tersebut bersumber dari ...", a time word taken as claimant; relays ("citing the NIS",
"seperti dikutip Yonhap", "..., Yonhap reported") that must go to ``relayed_by``; co-claimants
("the US and South Korea said") that must go to ``also_claimed_by``; and figures inside a report
that a speaker denies or will not discuss, which belong to the report's source or to nobody.
Conventions: ``tests/claimwatch/golden/README.md``.

All sentences are invented for this file in the style of wire copy and Indonesian portals.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from claimwatch.extract import Extractor
from tests.claimwatch import matching

EX = Extractor()

# names the extractor writes in one canonical form: compared exactly
CANONICAL = frozenset({"South Korea's NIS", "Ukraine's military intelligence", "Russia's defence ministry",
                       "BNPB", "BPBD", "Kremlin", "Gaza health ministry", "United States", "Pentagon",
                       "South Korea", "Ukraine"})
_TIME_WORDS = frozenset({"yesterday", "today", "on tuesday", "tuesday", "monday", "senin", "pada senin",
                         "kemarin", "pukul", "sekitar pukul"})


def same_name(got: str | None, want: str | None) -> bool:
    return matching.same_name(got, want, CANONICAL)


@dataclass(frozen=True)
class Claim:
    value: float
    by: str | None
    relayed: tuple[str, ...] = ()  # each must appear in relayed_by
    also: tuple[str, ...] = ()  # exactly these in also_claimed_by


@dataclass(frozen=True)
class Case:
    lang: str
    text: str
    claims: list[Claim] = field(default_factory=list)  # the figures, in text order


CASES = [
    # -- continuation by pronoun or description
    pytest.param(Case(
        "en", "Sudan's health ministry said cholera had now reached most of the country. It said 1,240 people "
        "had died since August.",
        [Claim(1240, "Sudan's health ministry")]), id="en-it-said"),
    pytest.param(Case(
        "en", "Gaza's health ministry said 38 people were killed in overnight strikes on Rafah. The agency "
        "added that 112 people had been wounded.",
        [Claim(38, "Gaza health ministry"), Claim(112, "Gaza health ministry")]), id="en-the-agency-added"),
    pytest.param(Case(
        "en", "Bangladesh's disaster management ministry said 52 people had died in the floods. The ministry "
        "also said 4,800 families had been evacuated.",
        [Claim(52, "Bangladesh's disaster management ministry"),
         Claim(4800, "Bangladesh's disaster management ministry")]), id="en-the-ministry"),
    pytest.param(Case(
        "id", "Kepala Pusat Data BNPB Abdul Muhari mengatakan 18 orang meninggal dunia akibat longsor. Selain "
        "itu, 7 orang masih dalam pencarian, ujarnya.",
        [Claim(18, "Abdul Muhari"), Claim(7, "Abdul Muhari")]), id="id-ujarnya"),
    pytest.param(Case(
        "id", "Direktur RSUD Cibinong Yuli Astuti mengatakan 46 pasien keracunan makanan dirawat sejak Minggu "
        "malam. Sebanyak 9 pasien sudah diperbolehkan pulang, kata dia.",
        [Claim(46, "Yuli Astuti"), Claim(9, "Yuli Astuti")]), id="id-kata-dia"),
    pytest.param(Case(
        "id", "Kapolda Jawa Tengah Irjen Ahmad Luthfi menyebut 94 orang ditangkap dalam kerusuhan itu. "
        "Menurutnya, 12 di antaranya masih di bawah umur.",
        [Claim(94, "Ahmad Luthfi"), Claim(12, "Ahmad Luthfi")]), id="id-menurutnya"),
    pytest.param(Case(
        "id", "Kementerian Kesehatan Palestina menyatakan 43 warga tewas dalam serangan semalam. Kementerian "
        "itu menambahkan bahwa 120 orang luka-luka.",
        [Claim(43, "Gaza health ministry"), Claim(120, "Gaza health ministry")]), id="id-kementerian-itu"),
    # -- a source named after the figures
    pytest.param(Case(
        "id", "Sebanyak 27 orang hilang setelah banjir bandang menerjang Desa Bangga. Proses pencarian masih "
        "terus dilakukan, kata Kepala BPBD Sigi, Sumani, ketika ditemui di posko.",
        [Claim(27, "Sumani")]), id="id-closing-speaker"),
    pytest.param(Case(
        "id", "Sebanyak 312 rumah rusak akibat gempa di Kabupaten Cianjur. Data tersebut bersumber dari "
        "BPBD Cianjur.",
        [Claim(312, "BPBD")]), id="id-data-bersumber-dari"),
    # -- a time word is no claimant
    pytest.param(Case("en", "On Tuesday, 45 houses were damaged by the storm.", [Claim(45, None)]),
                 id="en-time-word-not-claimant"),
    pytest.param(Case("id", "Sekitar pukul 03.00 WIB, 18 rumah dilaporkan hanyut.", [Claim(18, None)]),
                 id="id-time-word-not-claimant"),
    # -- relays
    pytest.param(Case(
        "en", "North Korean troops have suffered about 3,000 casualties in Kursk, lawmakers citing the NIS "
        "said on Wednesday.",
        [Claim(3000, "South Korea's NIS", relayed=("lawmakers",))]), id="en-relay-citing"),
    pytest.param(Case(
        "en", "Some 1,500 North Korean special forces troops have arrived in Vladivostok, South Korea's "
        "military said, Yonhap reported.",
        [Claim(1500, "South Korea's military", relayed=("Yonhap",))]), id="en-relay-reported"),
    pytest.param(Case(
        "id", "Sekitar 12.000 tentara Korea Utara dikirim ke Rusia, menurut NIS seperti dikutip Yonhap.",
        [Claim(12000, "South Korea's NIS", relayed=("Yonhap",))]), id="id-relay-seperti-dikutip"),
    # -- co-claimants
    pytest.param(Case(
        "en", "The US and South Korea said on Thursday that about 10,000 North Korean troops were now in "
        "Russia.",
        [Claim(10000, "United States", also=("South Korea",))]), id="en-co-claimants"),
    pytest.param(Case(
        "id", "Korea Selatan dan Amerika Serikat menyatakan sekitar 10.000 tentara Korea Utara berada di "
        "Rusia.",
        [Claim(10000, "South Korea", also=("United States",))]), id="id-co-claimants"),
    # -- figures in a report the speaker denies or will not discuss
    pytest.param(Case(
        "en", "The Kremlin denied Ukrainian reports that 200 North Korean soldiers had been killed near "
        "Sudzha.",
        [Claim(200, "Ukraine")]), id="en-denied-report-source"),
    pytest.param(Case(
        "en", "Pentagon spokesman Pat Ryder declined to comment on the reported loss of two Russian jets "
        "over Kursk.",
        [Claim(2, None)]), id="en-declined-to-comment-nobody"),
    pytest.param(Case(
        "id", "Kremlin membantah laporan Ukraina bahwa 200 tentara Korea Utara tewas di Kursk.",
        [Claim(200, "Ukraine")]), id="id-membantah-laporan-sumber"),
]

# found on the dev set's blind part (our own sentences): a speaker behind an aside naming the
# report and its day, a speaker behind "dalam pernyataan terbarunya", a day is never a claimant
ASIDES = [
    pytest.param(Case(
        "id", "Kementerian Kesehatan Sudan, lewat laporan mingguan yang dirilis Kamis, menyebut 1.306 orang "
        "meninggal akibat kolera.", [Claim(1306, "Sudan's health ministry")]), id="id-aside-lewat-laporan"),
    pytest.param(Case(
        "en", "The health ministry, in a statement released on Sunday, said 214 people had died.",
        [Claim(214, "the health ministry")]), id="en-aside-in-a-statement"),
    pytest.param(Case(
        "id", "Juru bicara BNPB Abdul Muhari menggelar jumpa pers. Namun, dalam pernyataan terbarunya Muhari "
        "mengatakan korban meninggal mencapai 58 orang.", [Claim(58, "Abdul Muhari")]), id="id-dalam-pernyataan-nya"),
]

# cases the extractor first got wrong (written before the fix, kept as they were)
HARDER_CASES = [
    pytest.param(Case(
        "en", "About 10,000 North Korean troops are now in Russia, the US and South Korea said on Thursday.",
        [Claim(10000, "United States", also=("South Korea",))]), id="en-co-claimants-after-place"),
    pytest.param(Case(
        "id", "Sebanyak 27 orang dilaporkan hilang setelah banjir bandang menerjang Desa Bangga. Proses "
        "pencarian masih terus dilakukan, kata Kepala BPBD Sigi, Sumani, ketika ditemui di posko.",
        [Claim(27, "Sumani")]), id="id-closing-speaker-after-dilaporkan"),
    pytest.param(Case(
        "id", "Badan Pengungsi PBB (UNHCR) dan IOM mencatat 1,2 juta warga Sudan mengungsi ke negara "
        "tetangga.",
        [Claim(1200000, "UNHCR", also=("IOM",))]), id="id-co-claimants-unhcr-iom"),
]


@pytest.mark.parametrize("case", CASES + HARDER_CASES + ASIDES)
def test_claimants(case: Case) -> None:
    res = EX.extract(case.text, lang=case.lang)
    assert [f.value for f in res.figures] == [float(c.value) for c in case.claims]
    for f, c in zip(res.figures, case.claims, strict=True):
        assert same_name(f.claimed_by, c.by), (f.value, f.claimed_by, c.by)
        for r in c.relayed:
            assert any(same_name(got, r) for got in f.relayed_by), (f.value, f.relayed_by, r)
        assert len(f.also_claimed_by) == len(c.also), (f.value, f.also_claimed_by, c.also)
        for got, want in zip(f.also_claimed_by, c.also, strict=True):
            assert same_name(got, want), (f.value, f.also_claimed_by, c.also)
        # never a time word, a single letter or a bare pronoun
        if f.claimed_by is not None:
            low = f.claimed_by.lower().strip()
            assert len(low) > 1 and low not in _TIME_WORDS and low not in ("he", "she", "it", "ia", "dia")
