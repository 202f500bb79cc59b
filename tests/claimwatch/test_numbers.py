"""Tests for claimwatch.extract.numbers: parsing, formatting, number words and find_numbers."""

from __future__ import annotations

import math
import re
from decimal import Decimal

import pytest
from babel.numbers import parse_decimal
from hypothesis import given, settings
from hypothesis import strategies as st

from claimwatch.extract import numbers
from claimwatch.extract import numwords as nw
from claimwatch.extract.numbers import (
    NumberMention,
    find_numbers,
    format_number,
    parse_number,
    words_to_number,
)
from claimwatch.models import Bound

A, M, L, X = Bound.ABOUT, Bound.AT_MOST, Bound.AT_LEAST, Bound.EXACT


def figures(text: str, lang: str) -> list[NumberMention]:
    return [m for m in find_numbers(text, lang) if m.excluded is None]


def mention_at(text: str, lang: str, token: str) -> NumberMention:
    """The mention whose numeric part starts where ``token`` first occurs."""
    pos = text.index(token)
    found = [m for m in find_numbers(text, lang) if m.start <= pos < m.end]
    assert found, f"no mention covers {token!r} in {text!r}"
    return found[0]


# --- parse_number / format_number -----------------------------------------------------------

PARSE_CASES = [
    ("12.000", "id", 12000.0),
    ("1,5", "id", 1.5),
    ("1.500.000", "id", 1500000.0),
    ("1.234,56", "id", 1234.56),
    ("0,25", "id", 0.25),
    ("12,000", "en", 12000.0),
    ("1.5", "en", 1.5),
    ("1.500.000", "en", 1500000.0),
    ("1,234.56", "en", 1234.56),
    ("1,500,000", "id", 1500000.0),
    ("1.5", "id", 1.5),  # Indonesian text with an English decimal point
    ("12.50", "id", 12.5),
    ("12.000", "en", 12000.0),  # strict groups of three and no scale word: thousands
    ("1,500", "id", 1500.0),
    ("0.500", "en", 0.5),
    ("2024", "en", 2024.0),
    ("7", "id", 7.0),
    (" 42 ", "en", 42.0),
    ("1.2.3", "en", None),
    ("1,23.456", "en", None),
    ("12.34.567", "id", None),
    ("abc", "id", None),
    ("", "en", None),
    ("1.234.567,5", "id", 1234567.5),
    ("0.500.000", "id", None),
]


@pytest.mark.parametrize(("token", "lang", "expected"), PARSE_CASES)
def test_parse_number(token: str, lang: str, expected: float | None) -> None:
    assert parse_number(token, lang) == expected


@pytest.mark.parametrize(
    ("token", "lang"),
    [("12.000", "id"), ("1,5", "id"), ("1.500.000", "id"), ("12,000", "en"), ("1.5", "en"),
     ("1,234.5", "en"), ("1.234,5", "id"), ("999", "en")],
)
def test_parse_agrees_with_babel_strict_on_locale_tokens(token: str, lang: str) -> None:
    assert parse_number(token, lang) == float(parse_decimal(token, locale=lang, strict=True))


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [(12000, "id", "12.000"), (1.5, "id", "1,5"), (12000, "en", "12,000"), (1.5, "en", "1.5"),
     (1500000.0, "id", "1.500.000"), (0, "en", "0"), (1234.56, "id", "1.234,56"),
     (1e12, "en", "1,000,000,000,000"), (0.05, "en", "0.05")],
)
def test_format_number(value: float, lang: str, expected: str) -> None:
    assert format_number(value, lang) == expected


def test_format_number_never_raises() -> None:
    assert format_number(float("nan"), "id")
    assert format_number(float("inf"), "en")


# --- words_to_number ------------------------------------------------------------------------

WORD_CASES = [
    ("nol", "id", 0), ("satu", "id", 1), ("sembilan", "id", 9), ("sepuluh", "id", 10),
    ("sebelas", "id", 11), ("dua belas", "id", 12), ("sembilan belas", "id", 19),
    ("dua puluh", "id", 20), ("dua puluh lima", "id", 25), ("duapuluh lima", "id", 25),
    ("seratus", "id", 100), ("dua ratus", "id", 200), ("seratus dua puluh tiga", "id", 123),
    ("seribu", "id", 1000), ("dua ribu", "id", 2000), ("sejuta", "id", 1e6),
    ("setengah", "id", 0.5), ("satu setengah juta", "id", 1.5e6), ("tiga ratus ribu", "id", 3e5),
    ("dua ribu lima ratus", "id", 2500), ("lima miliar", "id", 5e9),
    ("dua ribu triliun", "id", 2e15),
    ("puluhan", "id", 10), ("belasan", "id", 11), ("ratusan", "id", 100), ("ribuan", "id", 1000),
    ("puluhan ribu", "id", 1e4), ("ratusan ribu", "id", 1e5), ("jutaan", "id", 1e6),
    ("beberapa ratus", "id", 200),
    ("zero", "en", 0), ("one", "en", 1), ("twelve", "en", 12), ("twenty", "en", 20),
    ("twenty-five", "en", 25), ("ninety nine", "en", 99), ("a hundred", "en", 100),
    ("two hundred", "en", 200), ("two hundred and fifty", "en", 250), ("a thousand", "en", 1000),
    ("three thousand", "en", 3000), ("a million", "en", 1e6), ("a dozen", "en", 12),
    ("two dozen", "en", 24), ("one and a half million", "en", 1.5e6),
    ("half a million", "en", 5e5), ("Twenty-Five", "en", 25),
    ("dozens", "en", 24), ("hundreds", "en", 200), ("thousands", "en", 2000),
    ("tens of thousands", "en", 20000), ("hundreds of thousands", "en", 2e5),
    ("several hundred", "en", 300), ("a few thousand", "en", 2000), ("millions", "en", 2e6),
]


@pytest.mark.parametrize(("words", "lang", "expected"), WORD_CASES)
def test_words_to_number(words: str, lang: str, expected: float) -> None:
    assert words_to_number(words, lang) == expected


@pytest.mark.parametrize(
    ("words", "lang"),
    [("dua tiga", "id"), ("puluh", "id"), ("ribu", "id"), ("belas dua", "id"), ("tigaan", "id"),
     ("two and three", "en"), ("hundred", "en"), ("a", "en"), ("one two", "en"), ("half", "en"),
     ("", "en"), ("kucing", "id"), ("twenty twenty", "en")],
)
def test_words_to_number_rejects_non_numbers(words: str, lang: str) -> None:
    assert words_to_number(words, lang) is None


# --- find_numbers: one figure per sentence ---------------------------------------------------

# (lang, text, value, value_max, bound, approx, unit, mention text)
FIGURE_CASES = [
    ("id", "Sebanyak 12.000 tentara dikirim.", 12000, None, X, False, None, "Sebanyak 12.000"),
    ("id", "Sekitar 1,5 juta warga mengungsi.", 1.5e6, None, A, True, None, "Sekitar 1,5 juta"),
    ("id", "Ada 1.5 juta warga.", 1.5e6, None, X, False, None, "1.5 juta"),
    ("id", "Sebanyak 11 ribu personel.", 11000, None, X, False, None, "Sebanyak 11 ribu"),
    ("id", "Dana 12rb per orang.", 12000, None, X, False, None, "12rb"),
    ("id", "Hadir 3.000-an orang.", 3000, None, A, True, None, "3.000-an"),
    ("id", "Anggaran Rp 5 triliun disiapkan.", 5e12, None, X, False, "IDR", "Rp 5 triliun"),
    ("id", "Kerugian Rp5,2 miliar.", 5.2e9, None, X, False, "IDR", "Rp5,2 miliar"),
    ("id", "Bantuan US$2 juta tiba.", 2e6, None, X, False, "USD", "US$2 juta"),
    ("id", "Dana 5 triliun rupiah cair.", 5e12, None, X, False, "IDR", "5 triliun rupiah"),
    ("id", "Nilainya Rp 50 M.", 5e10, None, X, False, "IDR", "Rp 50 M"),
    ("id", "Belanja Rp 3.325,1 triliun.", 3.3251e15, None, X, False, "IDR", "Rp 3.325,1 triliun"),
    ("id", "Pinjaman 2 juta dolar AS.", 2e6, None, X, False, "USD", "2 juta dolar AS"),
    ("id", "Hibah 3 juta dolar Singapura.", 3e6, None, X, False, "SGD", "3 juta dolar Singapura"),
    ("id", "Inflasi 12,5 persen.", 12.5, None, X, False, "percent", "12,5 persen"),
    ("id", "Naik 12% dari target.", 12, None, X, False, "percent", "12%"),
    ("id", "Naik 0,5 poin persentase.", 0.5, None, X, False, "percentage_point",
     "0,5 poin persentase"),
    ("id", "Antara 10.000 dan 12.000 tentara.", 10000, 12000, X, False, None,
     "Antara 10.000 dan 12.000"),
    ("id", "Ada 10.000 hingga 12.000 tentara.", 10000, 12000, X, False, None,
     "10.000 hingga 12.000"),
    ("id", "Ada 10.000-12.000 tentara.", 10000, 12000, X, False, None, "10.000-12.000"),
    ("id", "Ada 10.000–12.000 tentara.", 10000, 12000, X, False, None, "10.000–12.000"),
    ("id", "Ada 11.000 - 12.000 tentara.", 11000, 12000, X, False, None, "11.000 - 12.000"),
    ("id", "Ada 10 sampai 12 ribu tentara.", 10000, 12000, X, False, None, "10 sampai 12 ribu"),
    ("id", "Dua hingga tiga ribu orang hadir.", 2000, 3000, X, False, None,
     "Dua hingga tiga ribu"),
    ("id", "Kenaikan 10-12% tahun ini.", 10, 12, X, False, "percent", "10-12%"),
    ("id", "Biaya Rp 5-6 triliun.", 5e12, 6e12, X, False, "IDR", "Rp 5-6 triliun"),
    ("id", "Sekitar 1,5 hingga 2 juta orang.", 1.5e6, 2e6, A, True, None,
     "Sekitar 1,5 hingga 2 juta"),
    ("id", "Hingga 12.000 orang bisa ikut.", 12000, None, M, False, None, "Hingga 12.000"),
    ("id", "Sedikitnya sekitar 300 orang.", 300, None, L, True, None, "Sedikitnya sekitar 300"),
    ("id", "Lebih dari sekitar 300 orang.", 300, None, L, True, None, "Lebih dari sekitar 300"),
    ("id", "Hampir 500 orang terluka.", 500, None, M, True, None, "Hampir 500"),
    ("id", "Nyaris 40 persen suara.", 40, None, M, True, "percent", "Nyaris 40 persen"),
    ("id", "Korban mencapai 442 jiwa.", 442, None, X, False, None, "mencapai 442"),
    ("id", "Kurang dari 50 orang.", 50, None, M, False, None, "Kurang dari 50"),
    ("id", "Di atas 70 persen.", 70, None, L, False, "percent", "Di atas 70 persen"),
    ("id", "Paling sedikit 7 orang.", 7, None, L, False, None, "Paling sedikit 7"),
    ("id", "Maksimal 20 orang.", 20, None, M, False, None, "Maksimal 20"),
    ("id", "Kira-kira 300 rumah.", 300, None, A, True, None, "Kira-kira 300"),
    ("id", "Kurang lebih 300 rumah.", 300, None, A, True, None, "Kurang lebih 300"),
    ("id", "Ada 500 lebih orang.", 500, None, L, True, None, "500 lebih"),
    ("id", "Tidak kurang dari 80 unit.", 80, None, L, False, None, "Tidak kurang dari 80"),
    ("id", "Puluhan ribu warga mengungsi.", 10000, None, L, True, None, "Puluhan ribu"),
    ("id", "Belasan orang tewas.", 11, None, L, True, None, "Belasan"),
    ("id", "Ratusan rumah rusak.", 100, None, L, True, None, "Ratusan"),
    ("id", "Jutaan rupiah hilang.", 1e6, None, L, True, "IDR", "Jutaan rupiah"),
    ("id", "Dua puluh lima orang hilang.", 25, None, X, False, None, "Dua puluh lima"),
    ("id", "Satu setengah juta orang.", 1.5e6, None, X, False, None, "Satu setengah juta"),
    ("id", "Seratus orang datang.", 100, None, X, False, None, "Seratus"),
    ("id", "Satu orang tewas.", 1, None, X, False, None, "Satu"),
    ("id", "Sebanyak 2022 orang terdaftar.", 2022, None, X, False, None, "Sebanyak 2022"),
    ("id", "Tercatat 2000 orang hadir.", 2000, None, X, False, None, "2000"),
    ("en", "About 12,000 North Korean troops.", 12000, None, A, True, None, "About 12,000"),
    ("en", "It cost $1.5 billion.", 1.5e9, None, X, False, "USD", "$1.5 billion"),
    ("en", "It cost €3 million.", 3e6, None, X, False, "EUR", "€3 million"),
    ("en", "Paid 2 million dollars.", 2e6, None, X, False, "USD", "2 million dollars"),
    ("en", "Raised US$ 2 million.", 2e6, None, X, False, "USD", "US$ 2 million"),
    ("en", "A $5M deal.", 5e6, None, X, False, "USD", "$5M"),
    ("en", "A $5bn deal.", 5e9, None, X, False, "USD", "$5bn"),
    ("en", "A £3m fee.", 3e6, None, X, False, "GBP", "£3m"),
    ("en", "Lost 5 billion won.", 5e9, None, X, False, "KRW", "5 billion won"),
    ("en", "Spent 40 billion roubles.", 4e10, None, X, False, "RUB", "40 billion roubles"),
    ("en", "Some 1.5 million people fled.", 1.5e6, None, A, True, None, "Some 1.5 million"),
    ("en", "Up 12.5% on the year.", 12.5, None, X, False, "percent", "12.5%"),
    ("en", "Up 12 percent on the year.", 12, None, X, False, "percent", "12 percent"),
    ("en", "Up 5 per cent.", 5, None, X, False, "percent", "5 per cent"),
    ("en", "Between 10,000 and 12,000 troops.", 10000, 12000, X, False, None,
     "Between 10,000 and 12,000"),
    ("en", "From 11,000-12,000 troops.", 11000, 12000, X, False, None, "11,000-12,000"),
    ("en", "Some 11,000 to 12,000 troops.", 11000, 12000, A, True, None, "Some 11,000 to 12,000"),
    ("en", "Some 10-12 million people.", 1e7, 1.2e7, A, True, None, "Some 10-12 million"),
    ("en", "Rates of 10–12 percent.", 10, 12, X, False, "percent", "10–12 percent"),
    ("en", "Nearly 500 were hurt.", 500, None, M, True, None, "Nearly 500"),
    ("en", "More than 3,000 fled.", 3000, None, L, False, None, "More than 3,000"),
    ("en", "At least 12 died.", 12, None, L, False, None, "At least 12"),
    ("en", "Up to 20,000 could come.", 20000, None, M, False, None, "Up to 20,000"),
    ("en", "As many as 1,000 came.", 1000, None, M, False, None, "As many as 1,000"),
    ("en", "Fewer than 50 remain.", 50, None, M, False, None, "Fewer than 50"),
    ("en", "We saw 500 or more.", 500, None, L, False, None, "500 or more"),
    ("en", "An estimated 40,000 fled.", 40000, None, A, True, None, "An estimated 40,000"),
    ("en", "At least some 1,000 fled.", 1000, None, L, True, None, "At least some 1,000"),
    ("en", "Close to 90 percent voted.", 90, None, M, True, "percent", "Close to 90 percent"),
    ("en", "Over 2,000+ troops.", 2000, None, L, False, None, "Over 2,000+"),
    ("en", "There were 300-odd cases.", 300, None, A, True, None, "300-odd"),
    ("en", "Twenty-five soldiers died.", 25, None, X, False, None, "Twenty-five"),
    ("en", "A dozen were hurt.", 12, None, X, False, None, "A dozen"),
    ("en", "Dozens of people were hurt.", 24, None, L, True, None, "Dozens"),
    ("en", "Hundreds of people fled.", 200, None, L, True, None, "Hundreds"),
    ("en", "Thousands fled.", 2000, None, L, True, None, "Thousands"),
    ("en", "Tens of thousands fled.", 20000, None, L, True, None, "Tens of thousands"),
    ("en", "Half a million fled.", 5e5, None, X, False, None, "Half a million"),
    ("en", "One and a half million fled.", 1.5e6, None, X, False, None, "One and a half million"),
    ("en", "One soldier died.", 1, None, X, False, None, "One"),
    ("en", "Some 2000 soldiers came.", 2000, None, A, True, None, "Some 2000"),
    ("en", "Over 12.000 people came.", 12000, None, L, False, None, "Over 12.000"),
    ("en", "It is 1.500 billion.", 1.5e9, None, X, False, None, "1.500 billion"),
    ("en", "Some 50k followers.", 50000, None, A, True, None, "Some 50k"),
]


@pytest.mark.parametrize(
    ("lang", "text", "value", "value_max", "bound", "approx", "unit", "mtext"), FIGURE_CASES
)
def test_single_figure(lang: str, text: str, value: float, value_max: float | None, bound: Bound,
                       approx: bool, unit: str | None, mtext: str) -> None:
    found = figures(text, lang)
    assert len(found) == 1, found
    m = found[0]
    assert (m.value, m.value_max, m.bound, m.approx, m.unit, m.text) == (
        value, value_max, bound, approx, unit, mtext)
    assert m.from_words == (not any(c.isdigit() for c in mtext))


def test_span_fields_are_consistent() -> None:
    text = "Sedikitnya sekitar Rp 5 triliun dan lebih dari 3.000-an orang."
    first, second = figures(text, "id")
    assert text[first.qualifier_start:first.start] == "Sedikitnya sekitar "
    assert text[first.start:first.end] == "Rp 5 triliun"
    assert text[second.start:second.end] == "3.000-an"
    assert second.text == "lebih dari 3.000-an"
    for m in (first, second):
        assert m.text == text[m.qualifier_start:m.end]


def test_change_from_to_is_not_a_range() -> None:
    found = figures("The toll rose from 10,000 to 12,000.", "en")
    assert [(m.value, m.value_max) for m in found] == [(10000, None), (12000, None)]
    found = figures("Naik dari 10 persen menjadi 12 persen.", "id")
    assert [m.value for m in found] == [10, 12]


# --- find_numbers: exclusions ----------------------------------------------------------------

# (lang, text, token the mention covers, reason)
EXCLUSION_CASES = [
    ("id", "Pada tahun 2022 perang pecah.", "2022", "year"),
    ("id", "Perang pecah pada 2022 lalu.", "2022", "year"),
    ("id", "Sejak 2014, konflik berlanjut.", "2014", "year"),
    ("id", "Terjadi pada bulan Februari 2022.", "2022", "year"),
    ("id", "Hingga 2024 belum selesai.", "2024", "year"),
    ("id", "Pada era 1990-an ekonomi tumbuh.", "1990", "year"),
    ("id", "Musik tahun 90-an.", "90", "year"),
    ("id", "Kamis (24/10/2024) sore.", "24/10/2024", "date"),
    ("id", "Jumat (25/10) sore.", "25/10", "date"),
    ("id", "Pada 23 Oktober 2024, ia tiba.", "23", "date"),
    ("id", "Pada 23 Oktober 2024, ia tiba.", "2024", "date"),
    ("id", "Pada 24-25 Oktober rapat digelar.", "24", "date"),
    ("id", "Dirilis 2024-10-23 pagi.", "2024-10-23", "date"),
    ("id", "Rapat pada tanggal 23 lalu.", "23", "date"),
    ("id", "Pukul 18:27 WIB ia tiba.", "18:27", "time"),
    ("id", "Rapat pukul 10.30 dimulai.", "10.30", "time"),
    ("id", "Rapat 10.30 WIB dimulai.", "10.30", "time"),
    ("id", "Bangun jam 7 pagi.", "7", "time"),
    ("id", "Ia menjadi yang ke-3 tiba.", "3", "ordinal"),
    ("id", "Pria berusia 45 tahun itu tewas.", "45", "age"),
    ("id", "Pada usia 17 tahun ke atas.", "17", "age"),
    ("id", "Budi (45) tewas di lokasi.", "45", "age"),
    ("id", "Ani (30 tahun) terluka.", "30", "age"),
    ("id", "Ia ditahan selama 5 jam.", "5", "duration"),
    ("id", "Berlangsung tiga hari.", "tiga", "duration"),
    ("id", "Sudah 2 pekan berlalu.", "2", "duration"),
    ("id", "Divonis 5-10 tahun penjara.", "5", "duration"),
    ("id", "Jaraknya 50 km dari kota.", "50", "distance"),
    ("id", "Sejauh 30 kilometer.", "30", "distance"),
    ("id", "Peluru 152 mm ditembakkan.", "152", "calibre"),
    ("id", "Artileri 155mm ditembakkan.", "155", "calibre"),
    ("id", "Rudal KN-23 diluncurkan.", "23", "model"),
    ("id", "Jet Su-34 jatuh.", "34", "model"),
    ("id", "Pesawat F-16 tiba.", "16", "model"),
    ("id", "Pandemi Covid-19 usai.", "19", "model"),
    ("id", "KTT G20 digelar.", "20", "model"),
    ("id", "Tragedi MH17 diingat.", "17", "model"),
    ("id", "Hubungi 0812-3456-7890 segera.", "0812-3456-7890", "phone"),
    ("id", "Telepon +62 21 555 1234 kantor.", "+62 21 555 1234", "phone"),
    ("id", "Telepon (021) 555-1234 kantor.", "(021) 555-1234", "phone"),
    ("id", "Baca https://news.example.com/read/5761234/judul ini.", "5761234", "link"),
    ("id", "Sumber: Liputan6.com, Kyiv.", "6", "link"),
    ("id", "Nomor induk 3171234567890001 dicatat.", "3171234567890001", "id"),
    ("id", "Menurut pasal 5 undang-undang.", "5", "page"),
    ("id", "Sesuai ayat 2 aturan itu.", "2", "page"),
    ("id", "Lihat halaman 3 laporan.", "3", "page"),
    ("id", "Perpres Nomor 12 Tahun 2020.", "12", "page"),
    ("id", "Perpres Nomor 12 Tahun 2020.", "2020", "year"),
    ("id", "Resolusi 2231 dilanggar.", "2231", "page"),
    ("id", "Resolusi DK PBB 2231 dilanggar.", "2231", "page"),
    ("id", "Kantor di Jalan Sudirman No. 5 Jakarta.", "5", "address"),
    ("id", "Rumah di Jl. Melati No 7.", "7", "address"),
    ("id", "Warga RT 03/RW 05 mengungsi.", "03", "address"),
    ("id", "Warga RT 03/RW 05 mengungsi.", "05", "address"),
    ("id", "Timnas menang 3-0 atas lawan.", "3-0", "score"),
    ("id", "Pertandingan berakhir 2-2.", "2-2", "score"),
    ("id", "Ia aktif sejak iOS 17 dirilis.", "17", "version"),
    ("id", "salah satu korban selamat.", "satu", "pronoun"),
    ("id", "Ini satu-satunya jalan.", "satu", "pronoun"),
    ("en", "In 2022 the war began.", "2022", "year"),
    ("en", "The war began in 2022.", "2022", "year"),
    ("en", "By 2030 the plan ends.", "2030", "year"),
    ("en", "Music of the 1990s returned.", "1990", "year"),
    ("en", "Growth slowed in mid-2022.", "2022", "year"),
    ("en", "It happened on Oct. 23 in Kyiv.", "23", "date"),
    ("en", "It happened on October 23, 2024.", "2024", "date"),
    ("en", "It happened on 23 October in Kyiv.", "23", "date"),
    ("en", "Talks start at 10:30 a.m. today.", "10:30", "time"),
    ("en", "Talks start at 7 pm today.", "7", "time"),
    ("en", "He finished 3rd in the race.", "3", "ordinal"),
    ("en", "A man aged 45 was held.", "45", "age"),
    ("en", "A 45-year-old man was held.", "45", "age"),
    ("en", "Putin, 71, said so.", "71", "age"),
    ("en", "Talks lasted two weeks.", "two", "duration"),
    ("en", "He was held for 3 days.", "3", "duration"),
    ("en", "The town is 10 miles away.", "10", "distance"),
    ("en", "A 155mm shell landed.", "155", "calibre"),
    ("en", "Install v2.1 today.", "2.1", "version"),
    ("en", "See article 5 of the treaty.", "5", "page"),
    ("en", "See No. 12 in the list.", "12", "page"),
    ("en", "City won 2-1 on Sunday.", "2-1", "score"),
    ("en", "He lives at 10 Downing Street.", "10", "address"),
    ("en", "One of the soldiers died.", "One", "pronoun"),
    ("en", "No one was hurt.", "one", "pronoun"),
    ("en", "They help one another.", "one", "pronoun"),
    ("en", "A new 4G network.", "4", "model"),
    ("en", "A 5M rating.", "5", "model"),
    ("en", "Call +1 202 555 0143 now.", "+1 202 555 0143", "phone"),
    ("en", "See www.example.com/2024/10/story now.", "2024", "link"),
    ("en", "Boeing 737 jets flew.", "737", "model"),
]


@pytest.mark.parametrize(("lang", "text", "token", "reason"), EXCLUSION_CASES)
def test_exclusions(lang: str, text: str, token: str, reason: str) -> None:
    assert mention_at(text, lang, token).excluded == reason


@pytest.mark.parametrize(
    ("lang", "text"),
    [("id", "Unit pertama tiba."), ("id", "Ia anak kedua."), ("id", "Pada hari ketiga."),
     ("id", "Mereka bersatu dalam kesatuan."), ("id", "Angka tigaan."), ("en", "Someone came."),
     ("en", "The first unit arrived."), ("en", "A second wave."), ("en", "It was done."),
     ("en", "Thousand Oaks is a city."), ("id", "Kucing itu lucu.")],
)
def test_no_figure(lang: str, text: str) -> None:
    assert figures(text, lang) == []


@pytest.mark.parametrize(
    ("lang", "text", "values"),
    [
        ("id", "Pada 2022, sebanyak 3.000 tentara tewas.", [3000]),
        ("id", "Kamis (24/10), 12.000 tentara tiba pukul 10.30 WIB.", [12000]),
        ("id", "Budi (45) bersama 300 warga berjalan 50 km.", [300]),
        ("id", "Rudal KN-23 menewaskan 12 orang.", [12]),
        ("id", "Jalan Sudirman No. 5 dihuni 40 keluarga.", [40]),
        ("en", "In 2022, 3,000 troops died.", [3000]),
        ("en", "On Oct. 23, 12,000 troops arrived at 10:30 a.m.", [12000]),
        ("en", "The 45-year-old led 300 people for 50 miles.", [300]),
        ("en", "F-16 jets killed 12 people.", [12]),
        ("en", "City won 3-1 before 40,000 fans.", [40000]),
    ],
)
def test_exclusions_do_not_eat_nearby_figures(lang: str, text: str, values: list[float]) -> None:
    assert [m.value for m in figures(text, lang)] == values


def test_hingga_before_single_number_is_up_to_but_between_numbers_a_range() -> None:
    up_to, = figures("Hingga 5.000 orang bisa hadir.", "id")
    assert (up_to.bound, up_to.value_max) == (M, None)
    rng, = figures("Ada 4.000 hingga 5.000 orang.", "id")
    assert (rng.bound, rng.value, rng.value_max) == (X, 4000, 5000)


def test_all_mentions_returned_in_order() -> None:
    text = "Pada 2022, 3.000 tentara dan tiga jenderal tiba pukul 10.30 WIB."
    found = find_numbers(text, "id")
    assert [m.start for m in found] == sorted(m.start for m in found)
    assert [(m.value, m.excluded) for m in found] == [
        (2022, "year"), (3000, None), (3, None), (10.3, "time")]


def test_find_numbers_reads_a_long_article_as_its_sentences() -> None:
    """A 5,000-word text gives what its sentences give one by one (its cost is bench/extract.py's)."""
    sentences = [
        "Sebanyak 12.000 tentara dikirim pada 2024, kata pejabat itu kepada wartawan.",
        "Sekitar 1,5 juta warga mengungsi dan puluhan ribu orang tewas dalam tiga hari.",
        "Presiden mengatakan bahwa situasi di perbatasan masih terkendali dan aman.",
        "Pemerintah menyiapkan Rp 5 triliun, naik 12,5 persen dari tahun lalu.",
    ]
    text = " ".join(sentences * 115)  # about 5,000 words
    one = [[(m.value, m.excluded) for m in find_numbers(s, "id")] for s in sentences]
    found = [(m.value, m.excluded) for m in find_numbers(text, "id")]
    assert found == [v for _ in range(115) for per in one for v in per]
    assert len(found) > 500


# --- property tests -------------------------------------------------------------------------

_INTS = st.integers(min_value=0, max_value=10**12).map(float)
_DECIMALS = st.builds(lambda n, k: float(Decimal(n) / 10**k), st.integers(0, 10**10),
                      st.integers(1, 2))
_VALUES = st.one_of(_INTS, _DECIMALS)


@settings(max_examples=200, deadline=None)
@given(_VALUES, st.sampled_from(["id", "en"]))
def test_format_parse_round_trip(x: float, lang: str) -> None:
    assert parse_number(format_number(x, lang), lang) == x


@settings(max_examples=200, deadline=None)
@given(_VALUES)
def test_find_formatted_number_in_sentence(x: float) -> None:
    found = find_numbers(f"sebanyak {format_number(x, 'id')} orang", "id")
    assert [(m.value, m.excluded) for m in found] == [(x, None)]
    found = find_numbers(f"about {format_number(x, 'en')} people", "en")
    assert [(m.value, m.excluded) for m in found] == [(x, None)]


_TOKENS = st.sampled_from(
    ["12.000", "1,5", "juta", "Rp", "$", "US$", "-", "–", "hingga", "to", "sekitar", "about",
     "dua", "puluh", "ribu", "one", "a", "hundred", "and", "ribuan", "thousands", "of", "%",
     "persen", "2022", "24/10", "18:27", "(", ")", "ke-", "KN-", "3", "lebih", "or more", "+",
     "antara", "dan", "between", "satu", "salah", "https://x.id/", "0812", "tahun", "\n", ".",
     ",", "M", "k", "an", "setengah", "half", "Oktober", "No.", "jam", "½", "١٢", "İ"]
)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=200), st.lists(_TOKENS, max_size=30).map(" ".join),
                 st.lists(_TOKENS, max_size=30).map("".join)),
       st.sampled_from(["id", "en", "xx"]))
def test_find_numbers_never_raises_and_spans_are_sane(text: str, lang: str) -> None:
    numbers._find(text, "id" if lang == "id" else "en")  # the unguarded core must not raise
    for m in find_numbers(text, lang):
        assert 0 <= m.qualifier_start <= m.start < m.end <= len(text)
        assert text[m.start:m.end].strip()
        assert m.text == text[m.qualifier_start:m.end]
        assert math.isfinite(m.value)
        assert m.value_max is None or m.value_max > m.value


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40), st.sampled_from(["id", "en"]))
def test_parsers_never_raise(text: str, lang: str) -> None:
    parse_number(text, lang)
    words_to_number(text, lang)
    assert find_numbers(None, lang) == []  # type: ignore[arg-type]


@pytest.mark.parametrize("rx, needs", [
    (nw.VAGUE_ID, nw.VAGUE_NEEDS["id"]),
    (nw.VAGUE_EN, nw.VAGUE_NEEDS["en"]),
    (nw.PHRASE_ID, nw.PHRASE_NEEDS_ID),
], ids=["vague-id", "vague-en", "phrase-id"])
def test_number_word_scans_are_skipped_only_where_they_cannot_match(rx: re.Pattern[str],
                                                                     needs: tuple[str, ...]) -> None:
    """The extractor skips these scans on a sentence that holds none of ``needs``: every match, of
    every word of the pattern alone, in pairs and in "X of Y", must hold one of them."""
    words = sorted(set(re.findall(r"[a-z]{2,}", rx.pattern)))
    texts = [*words, *(f"{a} {b}" for a in words for b in words), *(f"{a} of {b}" for a in words for b in words)]
    matched = [m.group() for t in texts for m in rx.finditer(t)]
    assert matched
    assert all(any(n in m for n in needs) for m in matched), [m for m in matched if not any(n in m for n in needs)][:5]
