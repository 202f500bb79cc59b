"""`claimwatch demo`: the bundled site on 127.0.0.1, the real pipeline, alerts as a chat shows them."""

from __future__ import annotations

import io

from claimwatch.cli import main


def test_demo_runs_the_story_and_shows_each_kind_of_alert() -> None:
    out = io.StringIO()
    assert main(["demo"], out) == 0
    text = out.getvalue()
    steps = text.count("── Step ")
    assert steps >= 10 and "Step 1/" in text
    topic = "Banjir bandang dan longsor"
    for head in ("🆕 NEW", "⚖️ CONFLICT", "✏️ REVISED", "🔄 STANCE CHANGE", "💬 STATEMENT"):
        assert f"{head}" in text and topic in text, head
    assert "killed: 9\n" in text.replace("  │ ", "")  # the first toll, claimed by the regional agency
    assert "killed: 25 → 26" in text  # the article updated in place, noticed through the sitemap
    assert "Rusdi Halim: denial → confirmation" in text
    assert "Baca Juga" not in text and "Advertisement" not in text
    first_new_killed = text.count("killed: 9\n")
    assert first_new_killed == 1  # repeats by other articles stay silent
    assert "Where the story stands" in text and "Done in" in text


def test_demo_in_indonesian() -> None:
    out = io.StringIO()
    assert main(["demo", "--lang", "id"], out) == 0
    assert "🆕 BARU" in out.getvalue() and "korban tewas: 9" in out.getvalue()


def test_offline_replay_demo_still_available() -> None:
    out = io.StringIO()
    assert main(["demo", "--replay"], out) == 0
    assert "[new] default: troops" in out.getvalue()
