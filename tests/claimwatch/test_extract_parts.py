"""Breakdowns, increments and earlier values: a number that is not a new value of the whole.

Guards the category of error where a part of a breakdown ("of whom 3,000 in Kursk", "12 di
antaranya anak-anak", "in Turkey ... and in Syria ..., total ...") is tracked as a new value of
the whole instead of carrying a ``scope``; where "termasuk 500 perwira" is not given its own
concept; where a day's count ("found today", "in the past 24 hours", "dalam 24 jam terakhir",
"kembali ditemukan", "kasus baru") is not marked ``increment`` or a running toll ("rose to
883") is; and where an earlier value ("rose to 883 from 761", "Sebelumnya, BNPB menyebut 40
orang") is not marked ``past``. Conventions: ``tests/claimwatch/golden/README.md``.

All sentences are invented for this file in the style of wire copy and Indonesian portals.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from claimwatch.extract import Extractor

EX = Extractor()


@dataclass(frozen=True)
class Part:
    value: float
    what: str | None
    scope: str | None = None
    increment: bool = False
    past: bool = False


# (lang, text, the figures exactly, in text order)
Case = tuple[str, str, list[Part]]

CASES = [
    # -- breakdowns
    pytest.param(("en", "North Korea has sent about 11,000 troops to Russia, of whom 3,000 are in Kursk, the "
                  "NIS said.", [Part(11000, "troops"), Part(3000, "troops", "Kursk")]), id="en-of-whom-kursk"),
    pytest.param(("en", "The police said 412 people had been arrested in the riots, 38 of them minors.",
                  [Part(412, "arrested"), Part(38, "arrested", "minors")]), id="en-of-them-minors"),
    pytest.param(("id", "Dari 19 korban meninggal dunia, 12 di antaranya anak-anak, kata BPBD.",
                  [Part(19, "killed"), Part(12, "killed", "anak-anak")]), id="id-di-antaranya-anak-anak"),
    pytest.param(("id", "Jumlah pengungsi mencapai 4.200 jiwa, 1.100 di antaranya berada di Kecamatan "
                  "Sukajaya.", [Part(4200, "displaced"), Part(1100, "displaced", "Kecamatan Sukajaya")]),
                 id="id-di-antaranya-kecamatan"),
    pytest.param(("id", "Korea Utara mengirim 12.000 tentara ke Rusia, termasuk 500 perwira, kata NIS.",
                  [Part(12000, "troops"), Part(500, "officers")]), id="id-termasuk-perwira"),
    pytest.param(("en", "The army said 2,000 soldiers had been deployed, including 300 officers.",
                  [Part(2000, "troops"), Part(300, "officers")]), id="en-including-officers"),
    pytest.param(("en", "Officials said 12,391 people had died in Turkey and 2,992 in Syria, bringing the "
                  "confirmed total to 15,383.",
                  [Part(12391, "killed", "Turkey"), Part(2992, "killed", "Syria"), Part(15383, "killed", "total")]),
                 id="en-turkey-syria-total"),
    pytest.param(("id", "Gempa itu menewaskan 1.200 orang di Turki dan 300 orang di Suriah, sehingga totalnya "
                  "1.500 orang.",
                  [Part(1200, "killed", "Turkey"), Part(300, "killed", "Syria"), Part(1500, "killed", "total")]),
                 id="id-turki-suriah-total"),
    # -- increments
    pytest.param(("en", "Rescuers said three bodies were found today in the rubble of the market.",
                  [Part(3, "bodies", increment=True)]), id="en-found-today"),
    pytest.param(("en", "Ukraine's General Staff said Russia had lost 1,420 troops in the past 24 hours.",
                  [Part(1420, "casualties", increment=True)]), id="en-past-24-hours"),
    pytest.param(("id", "Dalam 24 jam terakhir, 37 orang meninggal dunia akibat banjir, kata BNPB.",
                  [Part(37, "killed", increment=True)]), id="id-24-jam-terakhir"),
    pytest.param(("id", "Dua jenazah kembali ditemukan di sekitar lokasi longsor pada Rabu pagi, kata Basarnas.",
                  [Part(2, "bodies", increment=True)]), id="id-kembali-ditemukan"),
    pytest.param(("id", "Dinas Kesehatan mencatat 58 kasus baru demam berdarah pada pekan ini.",
                  [Part(58, "cases", increment=True)]), id="id-kasus-baru"),
    # -- running tolls and earlier values
    pytest.param(("en", "The death toll rose to 883, the provincial governor said.",
                  [Part(883, "killed")]), id="en-toll-rose-to"),
    pytest.param(("en", "The death toll rose to 883 from 761 on Monday, the governor said.",
                  [Part(883, "killed"), Part(761, "killed", past=True)]), id="en-rose-to-from"),
    pytest.param(("id", "Korban meninggal dunia bertambah menjadi 96 orang, kata BNPB. Sebelumnya, BNPB menyebut "
                  "40 orang meninggal dunia.", [Part(96, "killed"), Part(40, "killed", past=True)]),
                 id="id-sebelumnya"),
    pytest.param(("id", "Jumlah korban meninggal dunia naik menjadi 62 orang dari sebelumnya 56 orang, kata BNPB.",
                  [Part(62, "killed"), Part(56, "killed", past=True)]), id="id-naik-menjadi-dari"),
]

# a later sentence that splits the whole before by age or nationality (found on the dev set)
GROUP_PARTS = [
    pytest.param(("en", "Police arrested 240 people in the raids. Of them, 150 were minors and 90 were adults.",
                  [Part(240, "arrested"), Part(150, "arrested", "minors"), Part(90, "arrested", "adults")]),
                 id="en-of-them-minors-adults"),
    pytest.param(("id", "Polisi mengamankan 240 orang dalam razia itu. Sebanyak 150 di antaranya masih anak-anak, "
                  "sedangkan 90 orang sudah dewasa.",
                  [Part(240, "arrested"), Part(150, "arrested", "anak-anak"), Part(90, "arrested", "dewasa")]),
                 id="id-di-antaranya-anak-dewasa"),
    pytest.param(("en", "The floods killed 57 people. Of them, 20 were foreigners, the governor said.",
                  [Part(57, "killed"), Part(20, "killed", "foreigners")]), id="en-of-them-foreigners"),
]

# cases the extractor first got wrong (written before the fix, kept as they were)
HARDER_CASES = [
    pytest.param(("en", "In Turkey, 12,391 people have died, and in Syria 2,992, taking the total to 15,383, "
                  "officials said.",
                  [Part(12391, "killed", "Turkey"), Part(2992, "killed", "Syria"), Part(15383, "killed", "total")]),
                 id="en-in-turkey-sentence-initial"),
    pytest.param(("id", "Jumlah korban meninggal dunia bertambah hingga 284 jiwa, kata BNPB.",
                  [Part(284, "killed")]), id="id-bertambah-hingga-toll"),
    pytest.param(("id", "Sebanyak 45 orang ditangkap, terdiri atas 30 orang dari Jakarta dan 15 orang dari "
                  "Bekasi.", [Part(45, "arrested"), Part(30, "arrested", "Jakarta"),
                              Part(15, "arrested", "Bekasi")]), id="id-terdiri-atas-jakarta"),
]

# a breakdown over sentences that each open on their place: every place its own series
ACROSS_SENTENCES = [
    pytest.param(("id", "Banjir merendam Garut sejak Selasa. Di Desa Cibatu, 140 rumah terendam, kata BPBD. "
                  "Sementara itu di Desa Leles, 95 rumah terendam dan 60 warga mengungsi.",
                  [Part(140, "houses_flooded", "Desa Cibatu"), Part(95, "houses_flooded", "Desa Leles"),
                   Part(60, "displaced")]), id="id-di-desa-per-sentence"),
    pytest.param(("en", "In Kharkiv, 14 people were killed overnight, officials said. In Odesa, 9 people were "
                  "killed. The strikes killed 23 people in all, the ministry said.",
                  [Part(14, "killed", "Kharkiv"), Part(9, "killed", "Odesa"), Part(23, "killed")]),  # the whole
                 id="en-in-city-per-sentence"),
    pytest.param(("en", "In Kharkiv, 14 people were killed overnight. Rescuers said 20 people were killed "
                  "across the region by Sunday.", [Part(14, "killed"), Part(20, "killed")]),
                 id="en-one-place-is-no-breakdown"),
]


@pytest.mark.parametrize("case", CASES + HARDER_CASES + GROUP_PARTS + ACROSS_SENTENCES)
def test_parts_and_increments(case: Case) -> None:
    lang, text, expected = case
    res = EX.extract(text, lang=lang)
    got = [(f.value, f.what, f.scope, f.increment, f.past) for f in res.figures]
    assert got == [(float(p.value), p.what, p.scope, p.increment, p.past) for p in expected]
