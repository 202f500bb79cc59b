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
    plain = text.replace("  │ ", "")
    for emoji in ("🆕", "⚖️", "✏️", "🔄", "💬"):  # new, conflicting claims, revised, stance change, statement
        assert f"\n{emoji} " in plain, emoji
    # one message per article: the outlet (og:site_name) and the headline, then one line per figure
    assert plain.count("📰 Warta Lintas: ") == text.count("── Step ") - text.count("(no alert: nothing new)")
    assert f"🏷 {topic} · 3 Nov 2025 07:40 WIB" in plain
    assert "\n🆕 killed: 9 · claimed by Hendra Wiratama\n" in plain  # the first toll
    assert "killed: 25 → 26" in plain  # the article updated in place, noticed through the sitemap
    assert "Rusdi Halim: denial → confirmation" in plain
    assert "Baca Juga" not in text and "Advertisement" not in text
    assert plain.count("🆕 killed: 9 ") == 1  # repeats by other articles stay silent
    assert "Where the story stands" in text and "Done in" in text


def test_demo_in_indonesian() -> None:
    out = io.StringIO()
    assert main(["demo", "--lang", "id"], out) == 0
    assert "🆕 korban tewas: 9 · menurut Hendra Wiratama" in out.getvalue()


def test_offline_replay_demo_still_available() -> None:
    out = io.StringIO()
    assert main(["demo", "--replay"], out) == 0
    assert "[new] default: troops" in out.getvalue()
