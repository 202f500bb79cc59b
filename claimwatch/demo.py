"""``claimwatch demo``: the extractor on bundled articles written for the demo.

The scrapers stage turns this into the full pipeline against a local fixture news site.
"""

from __future__ import annotations

from importlib import resources
from typing import TextIO

from claimwatch.extract import Extractor
from claimwatch.report import print_extraction


def bundled_article(name: str) -> str:
    return resources.files("claimwatch.data").joinpath(name).read_text(encoding="utf-8")


def run_demo(out: TextIO) -> int:
    ex = Extractor()
    for name in ("demo_article_id.txt", "demo_article_en.txt"):
        text = bundled_article(name)
        out.write(f"\n== {name} ==\n")
        print_extraction(ex.extract(text), out)
    return 0
