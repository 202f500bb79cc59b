"""The extractor against the golden corpus, with pinned floors that may only go up."""

from __future__ import annotations

import json

import pytest

from claimwatch.extract import Extractor
from tests.claimwatch.golden_scoring import BLIND, GOLDEN, load_cases, same_name, score

# Lowering a floor means editing both floors.json and this line, on purpose.
HARD_MINIMUM = 0.80


@pytest.fixture(scope="module")
def metrics() -> dict[str, float]:
    sc = score(Extractor(), load_cases())
    m = sc.metrics()
    print("\n" + json.dumps(m, indent=1))
    print("\n".join(sc.errors[:400]))
    return m


@pytest.fixture(scope="module")
def blind_metrics() -> dict[str, float]:
    sc = score(Extractor(), load_cases(BLIND))
    print("\nblind set:\n" + json.dumps(sc.metrics(), indent=1))
    return sc.metrics()


def test_floors_are_pinned_and_sane() -> None:
    for name in ("floors.json", "floors_blind.json"):
        floors = json.loads((GOLDEN / name).read_text(encoding="utf-8"))
        assert floors, f"{name} is empty"
        for key, value in floors.items():
            assert value >= HARD_MINIMUM, f"{name}: floor {key}={value} is below the hard minimum"


def test_blind_set_floors(blind_metrics: dict[str, float]) -> None:
    floors = json.loads((GOLDEN / "floors_blind.json").read_text(encoding="utf-8"))
    assert len(load_cases(BLIND)) >= 90
    below = {k: (round(blind_metrics[k], 4), v) for k, v in floors.items() if blind_metrics[k] + 1e-9 < v}
    assert not below, f"blind set below the pinned floor (got, floor): {below}"


def test_golden_floors(metrics: dict[str, float]) -> None:
    floors = json.loads((GOLDEN / "floors.json").read_text(encoding="utf-8"))
    below = {k: (round(metrics[k], 4), v) for k, v in floors.items() if metrics[k] + 1e-9 < v}
    assert not below, f"below the pinned floor (got, floor): {below}"


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("South Korea's NIS", "south korea s nis", True),
        ("Abdul Muhari", "Kepala Pusat Data BNPB Abdul Muhari", True),
        ("Kremlin", "Pentagon", False),
        (None, None, True),
        (None, "BNPB", False),
    ],
)
def test_name_matching(a: str | None, b: str | None, same: bool) -> None:
    assert same_name(a, b) is same
