"""The /history chart: a phone-sized PNG with one marker per claimant, ranges and a step line."""

from __future__ import annotations

import struct
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from matplotlib.figure import Figure

from bot.chart import build_figure, history_chart

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _row(published: str, value: float, claimed_by: str | None, *, value_max: float | None = None,
         decision: str = "changed", actor: str | None = "Aceh") -> dict[str, Any]:
    return {"published": published, "value": value, "value_max": value_max, "claimed_by": claimed_by,
            "decision": decision, "source": "Kompas", "url": "https://e.test/a", "actor": actor,
            "bound": "exact", "sentence": "..."}


ROWS = [
    _row("2025-10-28T08:00:00+00:00", 4, "BPBD", decision="new"),
    _row("2025-10-29T08:00:00+00:00", 9, "Basarnas"),
    _row("2025-10-30T10:00:00+00:00", 12, None, value_max=15),
    _row("2025-11-01T08:00:00+00:00", 1700, "BPBD"),
    _row("2025-11-02T18:00:00+00:00", 2100, "Basarnas", decision="conflict"),
]


def _labels(fig: Figure) -> list[str]:
    legend = fig.axes[0].get_legend()
    assert legend is not None
    return [x.get_text() for x in legend.get_texts()]


def _size(png: bytes) -> tuple[int, int]:
    assert png[12:16] == b"IHDR"
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def test_png_signature_size_and_dimensions() -> None:
    png = history_chart("korban tewas — Banjir Aceh", ROWS, "id")
    assert png.startswith(PNG_SIGNATURE)
    assert len(png) > 5_000
    assert _size(png) == (1000, 600)


def test_legend_has_one_entry_per_claimant_and_the_step_line() -> None:
    fig = build_figure("killed", ROWS, "en")
    (ax,) = fig.axes
    assert _labels(fig) == ["BPBD", "Basarnas", "unattributed", "latest value"]
    id_labels = _labels(build_figure("x", ROWS, "id"))
    assert "tanpa sumber" in id_labels and "nilai terkini" in id_labels
    assert ax.get_xlabel() == "Published (UTC)" and ax.get_ylabel() == "Value"
    ticks = [ax.yaxis.get_major_formatter()(v, 0) for v in (0, 2000)]
    assert ticks == ["0", "2,000"]
    id_ax = build_figure("x", ROWS, "id").axes[0]
    assert id_ax.yaxis.get_major_formatter()(2000, 0) == "2.000"
    assert id_ax.get_xlabel() == "Tanggal terbit (UTC)"


def test_ranges_are_drawn_as_vertical_bars() -> None:
    from matplotlib.collections import LineCollection

    ax = build_figure("displaced", ROWS, "en").axes[0]
    bars = [c for c in ax.collections if isinstance(c, LineCollection)]
    assert len(bars) == 1
    (segment,) = bars[0].get_segments()
    assert list(segment[:, 1]) == [12, 15]
    assert segment[0, 0] == segment[1, 0]


def test_step_line_follows_latest_value_and_skips_history() -> None:
    rows = [*ROWS, _row("2025-11-02T19:00:00+00:00", 99999, "Old", decision="history")]
    ax = build_figure("x", rows, "en").axes[0]
    (line,) = ax.get_lines()
    ys = np.asarray(line.get_ydata()).tolist()
    assert 99999 not in ys
    assert ys[:3] == [4, 9, 13.5]  # the range by its midpoint


def test_one_step_line_per_actor() -> None:
    rows = [*ROWS, _row("2025-10-29T09:00:00+00:00", 5, "BPBD", actor="Sumut"),
            _row("2025-10-31T09:00:00+00:00", 8, "BPBD", actor="Sumut")]
    labels = _labels(build_figure("x", rows, "en"))
    assert "latest value (Aceh)" in labels and "latest value (Sumut)" in labels


def test_single_point() -> None:
    png = history_chart("one", ROWS[:1], "en")
    assert png.startswith(PNG_SIGNATURE) and _size(png) == (1000, 600)
    ax = build_figure("one", ROWS[:1], "en").axes[0]
    lo, hi = ax.get_xlim()
    assert hi - lo >= 2  # a day either side
    assert ax.get_ylim()[0] == 0 and ax.get_ylim()[1] > 4


def test_empty_or_unusable_rows_raise() -> None:
    with pytest.raises(ValueError):
        history_chart("none", [], "en")
    with pytest.raises(ValueError):
        build_figure("bad", [{"published": "not a date", "value": 3}, {"published": None, "value": 1}], "en")


def test_import_is_cheap() -> None:
    code = "import sys, bot.chart; assert 'matplotlib' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[2])
