"""Tests for the bilingual concept lexicon and gazetteer (claimwatch.lexicon)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pytest

from claimwatch.lexicon import (
    BROADER,
    CLASSIFIER_DEFAULT,
    CLASSIFIERS,
    KINDS,
    MODIFIERS,
    ConceptLexicon,
    Gazetteer,
    PhraseMatcher,
    build_alternation,
    flatten,
    fold,
    is_exact,
    possessive,
)
from claimwatch.lexicon.data_concepts import CONCEPTS
from claimwatch.lexicon.data_gazetteer import COUNTRIES, ENTITIES


@pytest.fixture(scope="module")
def lex() -> ConceptLexicon:
    return ConceptLexicon()


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer()


# ---------------------------------------------------------------- text helpers

FOLD_CASES = [
    ("Türkiye", "turkiye"),
    ("  Korea   Utara\n", "korea utara"),
    ("Ukraine\u2019s  military", "ukraine's military"),
    ("luka\u2013luka", "luka-luka"),
    ("António GUTERRES", "antonio guterres"),
    ("Straße", "strasse"),
    ("\u201cquoted\u201d", '"quoted"'),
]


@pytest.mark.parametrize(("raw", "folded"), FOLD_CASES)
def test_fold(raw: str, folded: str) -> None:
    assert fold(raw) == folded


@pytest.mark.parametrize("raw", ["Türkiye’s “army” — ok", "ÉLYSÉE", "plain"])
def test_flatten_keeps_length(raw: str) -> None:
    flat = flatten(raw)
    assert len(flat) == len(raw)
    assert flat.isascii()


@pytest.mark.parametrize(
    ("phrase", "exact"),
    [("AS", True), ("U.S.", True), ("BNPB", True), ("Rusia", False), ("=Tempo", True),
     ("UAVs", False), ("Korea Utara", False)],
)  # fmt: skip
def test_is_exact(phrase: str, exact: bool) -> None:
    assert is_exact(phrase) is exact


def test_build_alternation_bounds_and_ignores_case() -> None:
    rx = build_alternation(["luka", "luka berat"])
    assert rx.search("tanpa luka.") is not None
    assert rx.search("kelukaan") is None
    assert rx.search("LUKA") is not None


def test_phrase_matcher_longest_first_and_payload() -> None:
    m: PhraseMatcher[int] = PhraseMatcher()
    m.add("rumah", 1, redup=True)
    m.add("rumah sakit", 2)
    m.add("AS", 3)
    got = [(s.surface, s.payload) for s in m.finditer("Rumah-rumah dan rumah  sakit di AS, as.")]
    assert got == [("Rumah-rumah", 1), ("rumah  sakit", 2), ("AS", 3)]


@pytest.mark.parametrize(
    ("name", "expected"), [("Russia", "Russia's"), ("United States", "United States'")]
)
def test_possessive(name: str, expected: str) -> None:
    assert possessive(name) == expected


# ---------------------------------------------------------------- concepts

CONCEPT_CASES: list[tuple[str | None, str, list[tuple[str, str]]]] = [
    # English: singular/plural/multiword
    ("en", "12 soldiers", [("troops", "soldiers")]),
    ("en", "one soldier", [("troops", "soldier")]),
    ("en", "11,000 troops", [("troops", "troops")]),
    ("en", "the death toll rose to 40", [("killed", "death toll")]),
    ("en", "death tolls", [("killed", "death tolls")]),
    ("en", "five fatalities", [("killed", "fatalities")]),
    ("en", "one fatality", [("killed", "fatality")]),
    ("en", "20 casualties", [("casualties", "casualties")]),
    ("en", "30 injured and 4 wounded", [("injured", "injured"), ("wounded", "wounded")]),
    ("en", "3 seriously injured", [("wounded", "seriously injured")]),
    ("en", "7 still missing", [("missing", "still missing")]),
    ("en", "2 unaccounted for", [("missing", "unaccounted for")]),
    ("en", "2 prisoners of war", [("prisoners", "prisoners of war")]),
    ("en", "8 POWs", [("prisoners", "POWs")]),
    ("en", "40 ballistic missiles", [("missiles", "ballistic missiles")]),
    ("en", "3 artillery shells", [("shells", "artillery shells")]),
    ("en", "25 UAVs", [("drones", "UAVs")]),
    ("en", "1,000 houses damaged", [("houses_damaged", "houses damaged")]),
    ("en", "12 damaged homes", [("houses_damaged", "damaged homes")]),
    ("en", "500 families, 20 households", [("families", "families"), ("families", "households")]),
    ("en", "4 warships", [("ships", "warships")]),
    ("en", "2 civilians", [("civilians", "civilians")]),
    ("en", "300 evacuees", [("evacuated", "evacuees")]),
    ("en", "9 refugees", [("refugees", "refugees")]),
    ("en", "40 hectares", [("hectares", "hectares")]),
    ("en", "6 tonnes", [("tons", "tonnes")]),
    ("en", "120 layoffs", [("layoffs", "layoffs")]),
    ("en", "15 protesters", [("protesters", "protesters")]),
    ("en", "4 health workers", [("medical_workers", "health workers")]),
    # Indonesian: multiword, reduplication, classifier-like words
    ("id", "12.000 tentara", [("troops", "tentara")]),
    ("id", "500 prajurit", [("troops", "prajurit")]),
    ("id", "1.500 personel militer", [("troops", "personel militer")]),
    ("id", "5 orang meninggal dunia", [("people", "orang"), ("killed", "meninggal dunia")]),
    ("id", "korban jiwa 50", [("killed", "korban jiwa")]),
    ("id", "korban tewas", [("killed", "korban tewas")]),
    ("id", "10 luka berat", [("wounded", "luka berat")]),
    ("id", "23 luka-luka", [("injured", "luka-luka")]),
    ("id", "200 korban luka-luka", [("injured", "korban luka-luka")]),
    ("id", "korban-korban", [("casualties", "korban-korban")]),
    ("id", "40 korban", [("casualties", "korban")]),
    ("id", "4 dinyatakan hilang", [("missing", "dinyatakan hilang")]),
    ("id", "2.000 pengungsi", [("displaced", "pengungsi")]),
    ("id", "300 warga terdampak", [("affected", "warga terdampak")]),
    ("id", "300 KK", [("families", "KK")]),
    ("id", "1.200 rumah terendam", [("houses_flooded", "rumah terendam")]),
    ("id", "rumah-rumah rusak", [("houses_damaged", "rumah-rumah rusak")]),
    ("id", "1.000 rumah rusak berat", [("houses_damaged", "rumah rusak berat")]),
    ("id", "dibawa ke rumah sakit", [("hospitals", "rumah sakit")]),
    ("id", "40 hektare", [("hectares", "hektare")]),
    ("id", "2 ha sawah", [("hectares", "ha")]),
    ("id", "3 pesawat nirawak", [("drones", "pesawat nirawak")]),
    ("id", "3 pesawat tempur", [("aircraft", "pesawat tempur")]),
    ("id", "12 peluru kendali", [("missiles", "peluru kendali")]),
    ("id", "1 juta peluru artileri", [("shells", "peluru artileri")]),
    ("id", "7 kapal perang", [("ships", "kapal perang")]),
    ("id", "12 awak kapal", [("crew", "awak kapal")]),
    ("id", "10 jenazah", [("bodies", "jenazah")]),
    ("id", "3 sandera", [("hostages", "sandera")]),
    ("id", "1.000 tahanan", [("prisoners", "tahanan")]),
    ("id", "12 tersangka", [("suspects", "tersangka")]),
    ("id", "200 buruh di-PHK", [("workers", "buruh"), ("layoffs", "di-PHK")]),
    ("id", "20 warga sipil", [("civilians", "warga sipil")]),
    ("id", "50 demonstran", [("protesters", "demonstran")]),
    ("id", "8 korban selamat", [("survivors", "korban selamat")]),
    ("id", "6 berhasil diselamatkan", [("rescued", "berhasil diselamatkan")]),
    # case- and diacritic-insensitive, both languages
    (None, "TEWAS", [("killed", "TEWAS")]),
    (None, "Korban-Korban", [("casualties", "Korban-Korban")]),
    (None, "the DEATH TOLL", [("killed", "DEATH TOLL")]),
    (None, "12 tentara and 3 soldiers", [("troops", "tentara"), ("troops", "soldiers")]),
    (None, "luka \u2013 luka", [("injured", "luka \u2013 luka")]),
    # word boundaries: no match inside other words, case-sensitive short forms
    (None, "databases and tankers", []),
    (None, "he has it", []),
    (None, "HA HA", []),
    (None, "kk", []),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CONCEPT_CASES)
def test_concept_find(
    lex: ConceptLexicon, lang: str | None, text: str, expected: list[tuple[str, str]]
) -> None:
    found = lex.find(text, lang)
    assert [(m.key, m.surface) for m in found] == expected
    for m in found:
        assert text[m.start : m.end] == m.surface


def test_concept_lang_filter(lex: ConceptLexicon) -> None:
    assert lex.find("12 soldiers", "id") == []
    assert lex.find("12 tentara", "en") == []
    assert [m.key for m in lex.find("12 tentara", "xx")] == ["troops"]  # unknown lang: all


MATCH_AT_CASES = [
    ("12.000 tentara Korea Utara", 6, "troops", "tentara"),
    ("12.000 tentara Korea Utara", 7, "troops", "tentara"),
    ("50 orang tewas", 8, "killed", "tewas"),
    ("1,000 houses damaged by", 5, "houses_damaged", "houses damaged"),
    ("  korban luka berat", 0, "wounded", "korban luka berat"),
]


@pytest.mark.parametrize(("text", "pos", "key", "surface"), MATCH_AT_CASES)
def test_concept_match_at(lex: ConceptLexicon, text: str, pos: int, key: str, surface: str) -> None:
    m = lex.match_at(text, pos)
    assert m is not None
    assert (m.key, m.surface, text[m.start : m.end]) == (key, surface, surface)


@pytest.mark.parametrize(("text", "pos"), [("12 tentara", 4), ("12 kapal", 0), ("xx", 5)])
def test_concept_match_at_none(lex: ConceptLexicon, text: str, pos: int) -> None:
    assert lex.match_at(text, pos) is None


def test_concept_keys_and_words(lex: ConceptLexicon) -> None:
    keys = lex.keys()
    assert len(keys) >= 60
    for key in ("troops", "killed", "wounded", "injured", "casualties", "missing", "displaced",
                "evacuated", "affected", "arrested", "detained", "suspects", "refugees", "bases",
                "missiles", "shells", "drones", "houses_damaged", "houses_flooded", "people",
                "civilians", "tanks", "aircraft", "ships", "vehicles", "villages", "hostages",
                "prisoners", "cases", "votes", "workers", "layoffs", "schools", "hectares", "tons",
                "families", "officers", "generals"):  # fmt: skip
        assert key in keys, key
    words = lex.words("hectares")
    assert "ha" in words["id"] and "hectare" in words["en"]
    with pytest.raises(KeyError):
        lex.words("nope")


def test_builtin_concept_phrases_unique() -> None:
    seen: dict[tuple[str, str], set[str]] = defaultdict(set)
    for key, per_lang in CONCEPTS.items():
        for lang, words in per_lang.items():
            for w in words:
                seen[(lang, fold(w.lstrip("=")).replace("-", " "))].add(key)
    assert {p: ks for p, ks in seen.items() if len(ks) > 1} == {}


def test_classifiers_and_modifiers() -> None:
    assert {"orang", "jiwa", "unit", "buah", "personel", "ekor", "pucuk"} <= CLASSIFIERS["id"]
    assert {"people", "units", "pieces"} <= CLASSIFIERS["en"]
    assert CLASSIFIER_DEFAULT["personel"] == "troops"
    assert CLASSIFIER_DEFAULT["jiwa"] == CLASSIFIER_DEFAULT["orang"] == "people"
    assert CLASSIFIER_DEFAULT["ekor"] == "animals"
    assert CLASSIFIER_DEFAULT["unit"] is None and CLASSIFIER_DEFAULT["buah"] is None
    assert {"warga", "anggota", "personel"} <= MODIFIERS["id"]
    assert {"more", "additional", "new", "other"} <= MODIFIERS["en"]
    assert BROADER["wounded"] == "injured"
    assert set(BROADER) | set(BROADER.values()) <= set(CONCEPTS)
    assert set(CLASSIFIER_DEFAULT) == CLASSIFIERS["id"] | CLASSIFIERS["en"]
    assert {v for v in CLASSIFIER_DEFAULT.values() if v} <= set(CONCEPTS)


def test_concept_extra_new_key_and_extension() -> None:
    lex = ConceptLexicon(
        {
            "satellites": {"id": ["satelit"], "en": ["satellite"]},
            "troops": {"id": ["bala tentara"], "en": ["boots on the ground"]},
        }
    )
    keys = lex.keys()
    assert "satellites" in keys
    assert [m.key for m in lex.find("3 satelit dan 2 satellites")] == ["satellites", "satellites"]
    assert [m.surface for m in lex.find("bala tentara", "id")] == ["bala tentara"]
    assert [m.key for m in lex.find("5,000 boots on the ground", "en")] == ["troops"]
    assert "tentara" in lex.words("troops")["id"]  # built-ins kept


def test_concept_extra_remaps_builtin_word() -> None:
    lex = ConceptLexicon({"victims": {"id": ["korban"]}})
    assert [m.key for m in lex.find("40 korban", "id")] == ["victims"]
    assert "korban" not in lex.words("casualties")["id"]
    assert [m.key for m in ConceptLexicon().find("40 korban", "id")] == ["casualties"]


@pytest.mark.parametrize("bad", [{"x": {"fr": ["mot"]}}, {"x": ["not", "a", "mapping"]}])
def test_concept_extra_rejects_bad_config(bad: dict[str, Any]) -> None:
    with pytest.raises((ValueError, TypeError)):
        ConceptLexicon(bad)


# ---------------------------------------------------------------- gazetteer

# (text, [(surface, canonical name, demonym, composed)])
GAZ_CASES: list[tuple[str, list[tuple[str, str, bool, bool]]]] = [
    # aliases, both languages
    ("12.000 tentara Korea Utara", [("Korea Utara", "North Korea", False, False)]),
    ("pasukan Korut", [("pasukan Korut", "North Korea's forces", False, True)]),
    (
        "DPRK and Pyongyang",
        [("DPRK", "North Korea", False, False), ("Pyongyang", "North Korea", False, False)],
    ),
    ("11,000 North Korean troops", [("North Korean", "North Korea", True, False)]),
    ("North Koreans fought", [("North Koreans", "North Korea", True, False)]),
    (
        "Korsel dan Seoul",
        [("Korsel", "South Korea", False, False), ("Seoul", "South Korea", False, False)],
    ),
    (
        "Federasi Rusia dan Moskow",
        [("Federasi Rusia", "Russia", False, False), ("Moskow", "Russia", False, False)],
    ),
    ("Russian officials", [("Russian", "Russia", True, False)]),
    ("di Tiongkok", [("Tiongkok", "China", False, False)]),
    ("Kyiv and Kiev", [("Kyiv", "Ukraine", False, False), ("Kiev", "Ukraine", False, False)]),
    (
        "Türkiye and Turkiye",
        [("Türkiye", "Turkey", False, False), ("Turkiye", "Turkey", False, False)],
    ),
    ("Arab Saudi", [("Arab Saudi", "Saudi Arabia", False, False)]),
    (
        "Inggris dan Prancis",
        [("Inggris", "United Kingdom", False, False), ("Prancis", "France", False, False)],
    ),
    # case-sensitive short forms
    ("bantuan militer dari AS", [("AS", "United States", False, False)]),
    ("di AS,", [("AS", "United States", False, False)]),
    (
        "the U.S. and the US",
        [("U.S.", "United States", False, False), ("US", "United States", False, False)],
    ),
    (
        "PBB dan UN",
        [("PBB", "United Nations", False, False), ("UN", "United Nations", False, False)],
    ),
    ("pemerintah RI", [("pemerintah RI", "Indonesia's government", False, True)]),
    ("the EU said", [("EU", "European Union", False, False)]),
    ("as well as us and un-", []),
    ("who said so; the un plan; ri; eu", []),
    ("tempo singkat, 30 detik, kompas", []),
    ("a roast turkey", []),
    ("Tempo dan Detik", [("Tempo", "Tempo", False, False), ("Detik", "Detik", False, False)]),
    # agencies and people
    (
        "juru bicara Kremlin Dmitry Peskov",
        [("Kremlin", "Kremlin", False, False), ("Dmitry Peskov", "Dmitry Peskov", False, False)],
    ),
    ("Presiden Putin", [("Putin", "Vladimir Putin", False, False)]),
    (
        "Zelenskyy and Zelenskiy",
        [
            ("Zelenskyy", "Volodymyr Zelensky", False, False),
            ("Zelenskiy", "Volodymyr Zelensky", False, False),
        ],
    ),
    ("Kim Jong-un", [("Kim Jong-un", "Kim Jong Un", False, False)]),
    ("António Guterres", [("António Guterres", "Antonio Guterres", False, False)]),
    ("Gedung Putih", [("Gedung Putih", "White House", False, False)]),
    (
        "Departemen Luar Negeri AS",
        [("Departemen Luar Negeri AS", "State Department", False, False)],
    ),
    (
        "Badan Intelijen Nasional Korea Selatan (NIS)",
        [
            ("Badan Intelijen Nasional Korea Selatan", "South Korea's NIS", False, False),
            ("NIS", "South Korea's NIS", False, False),
        ],
    ),
    (
        "HUR dan GUR",
        [
            ("HUR", "Ukraine's military intelligence", False, False),
            ("GUR", "Ukraine's military intelligence", False, False),
        ],
    ),
    (
        "badan intelijen Ukraina",
        [("badan intelijen Ukraina", "Ukraine's military intelligence", False, False)],
    ),
    (
        "Kementerian Kesehatan Gaza",
        [("Kementerian Kesehatan Gaza", "Gaza health ministry", False, False)],
    ),
    ("BNPB dan BPBD", [("BNPB", "BNPB", False, False), ("BPBD", "BPBD", False, False)]),
    (
        "menurut Reuters dan AFP",
        [("Reuters", "Reuters", False, False), ("AFP", "AFP", False, False)],
    ),
    ("KCNA reported", [("KCNA", "KCNA", False, False)]),
    # compositions, Indonesian order
    (
        "Kementerian Pertahanan Rusia",
        [("Kementerian Pertahanan Rusia", "Russia's defence ministry", False, True)],
    ),
    ("militer Korea Selatan", [("militer Korea Selatan", "South Korea's military", False, True)]),
    (
        "intelijen militer Ukraina",
        [("intelijen militer Ukraina", "Ukraine's military intelligence", False, False)],
    ),
    (
        "Presiden Rusia Vladimir Putin",
        [
            ("Presiden Rusia", "Russia's president", False, True),
            ("Vladimir Putin", "Vladimir Putin", False, False),
        ],
    ),
    (
        "Kepala Staf Gabungan Korea Selatan",
        [
            (
                "Kepala Staf Gabungan Korea Selatan",
                "South Korea's Joint Chiefs of Staff",
                False,
                True,
            )
        ],
    ),
    (
        "Kementerian Kesehatan Israel",
        [("Kementerian Kesehatan Israel", "Israel's health ministry", False, True)],
    ),
    ("militer Israel", [("militer Israel", "Israel's military", False, False)]),
    (
        "Menteri Luar Negeri AS Antony Blinken",
        [
            ("Menteri Luar Negeri AS", "United States' foreign minister", False, True),
            ("Antony Blinken", "Antony Blinken", False, False),
        ],
    ),
    ("Kementerian Pertahanan AS", [("Kementerian Pertahanan AS", "Pentagon", False, False)]),
    # compositions, English order
    (
        "Russia's defence ministry said",
        [("Russia's defence ministry", "Russia's defence ministry", False, True)],
    ),
    (
        "Russia\u2019s defense ministry",
        [("Russia\u2019s defense ministry", "Russia's defence ministry", False, True)],
    ),
    (
        "the Russian Defence Ministry",
        [("Russian Defence Ministry", "Russia's defence ministry", False, True)],
    ),
    (
        "the South Korean military said",
        [("South Korean military", "South Korea's military", False, True)],
    ),
    (
        "Ukraine's military intelligence",
        [("Ukraine's military intelligence", "Ukraine's military intelligence", False, False)],
    ),
    (
        "Ukrainian military intelligence",
        [("Ukrainian military intelligence", "Ukraine's military intelligence", False, False)],
    ),
    (
        "the Ministry of Defence of Russia",
        [("Ministry of Defence of Russia", "Russia's defence ministry", False, True)],
    ),
    ("the US defense ministry", [("US defense ministry", "Pentagon", False, False)]),
    ("the U.S. military", [("U.S. military", "United States' military", False, True)]),
    ("Israeli army", [("Israeli army", "Israel's military", False, False)]),
    (
        "South Korea's Joint Chiefs of Staff",
        [
            (
                "South Korea's Joint Chiefs of Staff",
                "South Korea's Joint Chiefs of Staff",
                False,
                True,
            )
        ],
    ),
    # countable institutions after a number stay nouns
    ("500 pasukan Ukraina", [("Ukraina", "Ukraine", False, False)]),
    ("ribuan tentara Korea Utara", [("Korea Utara", "North Korea", False, False)]),
    ("500 US military personnel", [("US", "United States", False, False)]),
    ("thousands of Russian forces", [("Russian", "Russia", True, False)]),
    ("Russian forces fired", [("Russian forces", "Russia's forces", False, True)]),
]


@pytest.mark.parametrize(("text", "expected"), GAZ_CASES)
def test_gazetteer_find(
    gaz: Gazetteer, text: str, expected: list[tuple[str, str, bool, bool]]
) -> None:
    found = gaz.find(text)
    assert [(m.surface, m.entity.name, m.demonym, m.composed) for m in found] == expected
    for m in found:
        assert text[m.start : m.end] == m.surface


SIDE_CASES = [
    ("Vladimir Putin", "Russia"),
    ("Putin", "Russia"),
    ("Dmitry Peskov", "Russia"),
    ("Kremlin", "Russia"),
    ("Russia", "Russia"),
    ("Pentagon", "United States"),
    ("White House", "United States"),
    ("Ukraine's military intelligence", "Ukraine"),
    ("South Korea's NIS", "South Korea"),
    ("BNPB", "Indonesia"),
    ("Kyrylo Budanov", "Ukraine"),
    ("Gaza health ministry", "Palestine"),
    ("KCNA", "North Korea"),
    ("Reuters", None),
    ("Russia's defence ministry", "Russia"),
    ("North Korea's military", "North Korea"),
    ("Kementerian Pertahanan Rusia", "Russia"),
    ("Korut", "North Korea"),
    ("hamas", "Hamas"),
    ("Nobody Special", None),
]


@pytest.mark.parametrize(("name", "side"), SIDE_CASES)
def test_side_of(gaz: Gazetteer, name: str, side: str | None) -> None:
    assert gaz.side_of(name) == side


LOOKUP_CASES = [
    ("korea utara", "North Korea"),
    ("NORTH KOREAN", "North Korea"),
    ("Amerika Serikat", "United States"),
    ("U.S.", "United States"),
    ("the Pentagon", "Pentagon"),
    ("Turkiye", "Turkey"),
    ("Zelenskyy", "Volodymyr Zelensky"),
    ("Ukraine\u2019s military intelligence", "Ukraine's military intelligence"),
    ("Gedung Putih", "White House"),
]


@pytest.mark.parametrize(("name", "canonical"), LOOKUP_CASES)
def test_lookup(gaz: Gazetteer, name: str, canonical: str) -> None:
    entity = gaz.lookup(name)
    assert entity is not None and entity.name == canonical


def test_lookup_unknown(gaz: Gazetteer) -> None:
    assert gaz.lookup("Atlantis") is None


def test_entity_fields(gaz: Gazetteer) -> None:
    nk = gaz.lookup("North Korea")
    assert nk is not None
    assert (nk.kind, nk.side) == ("country", "North Korea")
    assert "Korea Utara" in nk.aliases and "North Korean" in nk.demonyms
    tempo = gaz.lookup("Tempo")
    assert tempo is not None and tempo.kind == "media" and tempo.side is None
    assert "=Tempo" not in tempo.aliases  # case marks are not part of aliases


def test_builtin_gazetteer_coverage_and_consistency(gaz: Gazetteer) -> None:
    countries = [e for e in gaz.entities() if e.kind == "country"]
    assert len(countries) >= 60
    assert {e.kind for e in gaz.entities()} <= KINDS
    names = {e.name for e in gaz.entities()}
    assert {e.side for e in gaz.entities() if e.side} <= names
    seen: dict[str, set[str]] = defaultdict(set)
    for name, aliases, demonyms in COUNTRIES:
        for a in (name, *aliases.split("|"), *demonyms.split("|")):
            if a:
                seen[fold(a.lstrip("="))].add(name)
    for name, _kind, _side, aliases in ENTITIES:
        for a in (name, *aliases.split("|")):
            if a:
                seen[fold(a.lstrip("="))].add(name)
    assert {a: ns for a, ns in seen.items() if len(ns) > 1} == {}


def test_gazetteer_extra_new_entity() -> None:
    gaz = Gazetteer(
        [
            {
                "name": "Igor Konashenkov",
                "kind": "person",
                "side": "Russia",
                "aliases": ["Konashenkov"],
            },
            {
                "name": "Wakanda",
                "kind": "country",
                "aliases": "Wakanda Raya|=WK",
                "demonyms": ["Wakandan"],
            },
        ]
    )
    assert gaz.side_of("Konashenkov") == "Russia"
    assert gaz.side_of("Wakanda") == "Wakanda"
    got = [(m.surface, m.entity.name, m.demonym) for m in gaz.find("Wakandan troops; WK; wk")]
    assert got == [("Wakandan", "Wakanda", True), ("WK", "Wakanda", False)]
    comp = gaz.find("militer Wakanda")
    assert [(m.entity.name, m.entity.side, m.composed) for m in comp] == [
        ("Wakanda's military", "Wakanda", True)
    ]


def test_gazetteer_extra_extends_existing_and_steals_alias() -> None:
    gaz = Gazetteer(
        [
            {"name": "South Korea", "aliases": ["Negeri Ginseng"]},
            {
                "name": "Washington State",
                "kind": "place",
                "side": "United States",
                "aliases": ["Washington"],
            },
        ]
    )
    assert [m.entity.name for m in gaz.find("Negeri Ginseng")] == ["South Korea"]
    assert [m.entity.name for m in gaz.find("in Washington")] == ["Washington State"]
    us = gaz.lookup("United States")
    assert us is not None and "Washington" not in us.aliases
    builtin = Gazetteer().lookup("Washington")
    assert builtin is not None and builtin.name == "United States"


def test_gazetteer_extra_config_shape_keeps_side_when_none() -> None:
    # the shape claimwatch.extract builds from [[actors]]: side may be None
    gaz = Gazetteer(
        [
            {"name": "Hamas", "kind": "armed_group", "side": None, "aliases": ["Harakat Hamas"]},
            {"name": "Khartoum Civil Defence", "kind": "agency", "side": "Sudan", "aliases": []},
        ]
    )
    assert gaz.side_of("Harakat Hamas") == "Hamas"
    assert gaz.side_of("Khartoum Civil Defence") == "Sudan"
    assert [m.entity.name for m in gaz.find("Hamas dan Khartoum Civil Defence")] == [
        "Hamas",
        "Khartoum Civil Defence",
    ]


def test_gazetteer_extra_name_takes_builtin_alias() -> None:
    gaz = Gazetteer([{"name": "Korut", "kind": "place", "side": "North Korea"}])
    assert [m.entity.name for m in gaz.find("di Korut")] == ["Korut"]
    nk = gaz.lookup("North Korea")
    assert nk is not None and "Korut" not in nk.aliases


@pytest.mark.parametrize("bad", [{"kind": "org"}, {"name": "X", "kind": "planet"}])
def test_gazetteer_extra_rejects_bad_entries(bad: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        Gazetteer([bad])


def test_find_on_long_text_is_consistent(gaz: Gazetteer, lex: ConceptLexicon) -> None:
    text = (
        "Presiden Rusia Vladimir Putin membantah 12.000 tentara Korea Utara tewas. "
        "The South Korean military said 1,200 North Korean soldiers were killed. "
    ) * 50
    ents = gaz.find(text)
    concepts = lex.find(text)
    assert len(ents) == 50 * 5
    assert len(concepts) == 50 * 4
    assert all(text[m.start : m.end] == m.surface for m in ents)
