"""`claimwatch demo` runs on bundled material only and shows alerts."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from claimwatch.demo import run_demo


def test_demo_prints_figures_and_alerts() -> None:
    out = io.StringIO()
    assert run_demo(out, now=datetime(2026, 1, 1, tzinfo=UTC)) == 0
    text = out.getvalue()
    assert "Figures" in text and "Statements" in text
    assert "[new] default: troops (North Korea) = 3,000 per United States" in text
    assert "[conflict]" in text and "[revised]" in text and "[stance_change]" in text
    assert text.count("[new] default: troops") == 1  # repeats stay silent
