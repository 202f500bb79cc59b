"""Export a topic's figures: every observation of every series (what ``claimwatch timeline
TOPIC CONCEPT`` shows, for all concepts at once) as CSV or JSON, for the CLI and the bot.

Rows are plain, JSON-ready dicts with the columns of :data:`COLUMNS`: times are ISO-8601 in
UTC, whole values are ints, absent values are ``None`` (an empty cell in CSV).
"""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from typing import Any

from claimwatch.store.core import Store
from claimwatch.store.queries import SeriesNow, series_history

# the columns of `claimwatch timeline TOPIC CONCEPT` (plus the concept), then the article's url
COLUMNS = ("published", "what", "actor", "scope", "value", "value_max", "claimed_by", "decision", "source", "url")


class ExportError(ValueError):
    """Nothing to export: the topic is unknown or has no figures yet."""


def _utc(value: str | datetime | None) -> str | None:
    if value is None or value == "":
        return None
    dt = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    return (dt if dt.tzinfo else dt.replace(tzinfo=UTC)).astimezone(UTC).isoformat()


def _num(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else float(value)


def concepts(store: Store, topic: str) -> list[str]:
    """The concepts (``what``) the topic has series for, sorted."""
    return [r["what"] for r in store.rows("SELECT DISTINCT what FROM series WHERE topic = ? ORDER BY what", (topic,))]


def export_rows(store: Store, topic: str) -> list[dict[str, Any]]:
    """One row per observation of every series of ``topic``, oldest first (ties keep the order
    of :func:`series_history`, so the rows of one concept are exactly its timeline).

    Raises :class:`ExportError` when the topic has no observations."""
    rows: list[dict[str, Any]] = []
    for what in concepts(store, topic):
        for r in series_history(store, topic, what):
            rows.append({
                "published": _utc(r["published"]), "what": what, "actor": r["actor"], "scope": r["scope"],
                "value": _num(r["value"]), "value_max": _num(r["value_max"]), "claimed_by": r["claimed_by"] or None,
                "decision": r["decision"], "source": r["source"] or None, "url": r["url"] or None,
            })
    if not rows:
        raise ExportError(f"no figures for topic {topic!r}")
    rows.sort(key=lambda r: datetime.fromisoformat(r["published"]))  # stable: per-concept order kept
    return rows


def to_csv(rows: list[dict[str, Any]]) -> str:
    """CSV text with a header row; ``None`` is an empty cell."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(COLUMNS)
    for r in rows:
        w.writerow(["" if r.get(c) is None else r[c] for c in COLUMNS])
    return buf.getvalue()


def series_json(s: SeriesNow) -> dict[str, Any]:
    return {
        "what": s.what, "actor": s.actor, "scope": s.scope, "value": _num(s.value), "value_max": _num(s.value_max),
        "claimed_by": s.claimed_by, "claimants": list(s.claimants), "published": _utc(s.published), "url": s.url,
        "sources": s.corroboration,
        "others": [{"claimed_by": c, "value": _num(v), "value_max": _num(vm)} for c, v, vm in s.other_claims],
    }


def to_json(topic: str, rows: list[dict[str, Any]], latest: list[SeriesNow]) -> str:
    """``{"topic", "columns", "latest": [current value per series], "rows": [...]}`` as JSON text."""
    doc = {"topic": topic, "columns": list(COLUMNS), "latest": [series_json(s) for s in latest],
           "rows": [{c: r.get(c) for c in COLUMNS} for r in rows]}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
