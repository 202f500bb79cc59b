"""The /history chart: a series' values over time as a PNG, readable on a phone.

matplotlib is imported only inside the functions (importing this module stays cheap), and no
pyplot is used: a :class:`~matplotlib.figure.Figure` drawn by ``FigureCanvasAgg`` has no global
state, so charts may be drawn from worker threads (``asyncio.to_thread``).
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, tzinfo
from typing import TYPE_CHECKING, Any

from babel.dates import format_datetime

from bot.i18n import fmt_number, norm_lang, t, template

if TYPE_CHECKING:
    from matplotlib.figure import Figure

WIDTH_IN, HEIGHT_IN, DPI = 10.0, 6.0, 100  # 1000 × 600 px
_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*", "h", "<", ">", "p")
_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2",
            "#17becf", "#bcbd22", "#7f7f7f")
_LINESTYLES = ("-", "--", ":", "-.")


def _points(rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Rows with a usable time and value, as dicts with an aware ``when``, oldest first."""
    out: list[dict[str, Any]] = []
    for r in rows:
        raw, value = r.get("published"), r.get("value")
        try:
            when = raw if isinstance(raw, datetime) else datetime.fromisoformat(str(raw))
        except ValueError:
            continue
        if value is None:
            continue
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        out.append({**r, "when": when, "value": float(value)})
    return sorted(out, key=lambda p: p["when"])


def _mid(p: Mapping[str, Any]) -> float:
    vmax = p.get("value_max")
    return float(p["value"]) if vmax is None else (float(p["value"]) + float(vmax)) / 2.0


def build_figure(title: str, rows: Sequence[Mapping[str, Any]], lang: str, *,
                 tz: tzinfo | None = None) -> Figure:
    """The chart as a matplotlib Figure (see :func:`history_chart`); ValueError without data.

    One marker and colour per claimant (legend: claimant names, "unattributed" for none);
    ranges as vertical bars from ``value`` to ``value_max``; a step line per actor through the
    latest value over time (range midpoints; earlier figures quoted as history are left out).
    """
    from matplotlib.dates import AutoDateLocator, date2num, num2date
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    points = _points(rows)
    if not points:
        raise ValueError("no observations to draw")
    tz = tz or UTC
    fig = Figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI, layout="constrained")
    ax = fig.add_subplot()

    claimants = list(dict.fromkeys(p.get("claimed_by") for p in points))
    for i, who in enumerate(claimants):
        mine = [p for p in points if p.get("claimed_by") == who]
        colour, marker = _COLOURS[i % len(_COLOURS)], _MARKERS[i % len(_MARKERS)]
        xs = [date2num(p["when"]) for p in mine]
        ax.scatter(xs, [p["value"] for p in mine], s=70, marker=marker, color=colour, zorder=3,
                   label=who if who is not None else t("label.unattributed", lang))
        ranged = [(x, p) for x, p in zip(xs, mine, strict=True) if p.get("value_max") is not None]
        if ranged:
            ax.vlines([x for x, _ in ranged], [p["value"] for _, p in ranged],
                      [float(p["value_max"]) for _, p in ranged], colors=colour, linewidth=4,
                      alpha=0.6, zorder=2)
            ax.scatter([x for x, _ in ranged], [float(p["value_max"]) for _, p in ranged], s=70,
                       marker=marker, color=colour, zorder=3)

    actors = list(dict.fromkeys(p.get("actor") for p in points))
    for i, actor in enumerate(actors if len(points) > 1 else ()):
        mine = [p for p in points if p.get("actor") == actor]
        current = [p for p in mine if p.get("decision") != "history"] or mine
        xs = [date2num(p["when"]) for p in current]
        ys = [_mid(p) for p in current]
        xs.append(max(date2num(points[-1]["when"]), xs[-1]))  # carry the last value to the end
        ys.append(ys[-1])
        label = (t("chart.latest_actor", lang, actor=actor) if actor and len(actors) > 1
                 else t("chart.latest", lang))
        ax.step(xs, ys, where="post", color="#444444", linestyle=_LINESTYLES[i % len(_LINESTYLES)],
                linewidth=1.8, alpha=0.8, zorder=1, label=label)

    span = (points[-1]["when"] - points[0]["when"]).total_seconds()
    axis_fmt = template("fmt.axis_day" if span > 3 * 86400 else "fmt.axis_time", lang)

    def _date_label(x: float, _pos: int | None = None) -> str:
        return format_datetime(num2date(x), axis_fmt, tzinfo=tz, locale=norm_lang(lang))

    ax.xaxis.set_major_locator(AutoDateLocator(minticks=3, maxticks=7))
    ax.xaxis.set_major_formatter(FuncFormatter(_date_label))
    whole = all(float(v).is_integer() for p in points for v in (p["value"], p.get("value_max") or 0))
    ax.yaxis.set_major_locator(MaxNLocator(nbins=6, integer=whole))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda y, _pos: fmt_number(round(y, 3), lang)))
    if span == 0:  # a single instant: give it a day either side
        x0 = date2num(points[0]["when"])
        ax.set_xlim(x0 - 1, x0 + 1)
    ax.margins(x=0.05, y=0.15)
    highest = max(max(p["value"], float(p.get("value_max") or 0)) for p in points)
    if min(p["value"] for p in points) >= 0:  # counts start at zero: changes keep their proportion
        ax.set_ylim(0, highest * 1.15 if highest > 0 else 1)
    zone = format_datetime(points[0]["when"], "z", tzinfo=tz, locale=norm_lang(lang))
    ax.set_xlabel(t("chart.published", lang, tz=zone), fontsize=13)
    ax.set_ylabel(t("chart.value", lang), fontsize=13)
    ax.set_title(title, fontsize=16, loc="left")
    ax.tick_params(labelsize=12)
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize=12, loc="best", framealpha=0.85)
    return fig


def history_chart(title: str, rows: Sequence[Mapping[str, Any]], lang: str, *,
                  tz: tzinfo | None = None) -> bytes:
    """A PNG (1000 × 600 px) of ``rows`` as :func:`~claimwatch.store.queries.series_history`
    returns them: value over time per claimant, ranges, the latest-value step line.
    Raises ValueError when no row has a usable date and value."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = build_figure(title, rows, lang, tz=tz)
    canvas = FigureCanvasAgg(fig)
    buf = io.BytesIO()
    canvas.print_png(buf)
    return buf.getvalue()
