"""The example profile shipped in config.example.toml reads a Liputan6-like page as intended."""

from __future__ import annotations

import json
from pathlib import Path

from claimwatch.config import load_config
from claimwatch.sources import profile_of
from scrapers.article import extract_article, pick_profile

ROOT = Path(__file__).resolve().parents[2]
PAGES = Path(__file__).parent / "fixtures" / "pages"


def test_shipped_liputan6_profile_reads_the_saved_page() -> None:
    cfg = load_config(ROOT / "config.example.toml")
    profiles = [profile_of(p) for p in cfg.profiles]
    expected = json.loads((PAGES / "expected.json").read_text(encoding="utf-8"))["liputan6_like.html"]
    profile = pick_profile(profiles, expected["url"])
    assert profile is not None and profile.name == "liputan6"
    page = extract_article((PAGES / "liputan6_like.html").read_bytes(), expected["url"], profile=profile)
    assert page.method == "profile:liputan6" and not page.profile_missed
    assert page.title == expected["title"]
    assert page.published is not None and page.published.isoformat() == expected["published"]
    for snippet in expected["must_contain"]:
        assert snippet in page.text
    for noise in expected["must_not_contain"]:
        assert noise not in page.text
