"""``claimwatch replay``: run an archive of articles through extract + track, in file order.

Also a product feature: backtest a topic definition on an archive before going live.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from claimwatch.extract import Extractor
from claimwatch.models import Alert, ArticleInput
from claimwatch.topics import TopicMatcher, relevant_topics
from claimwatch.tracker import Tracker

REPLAY_FIELDS = (
    "kind", "topic", "what", "actor", "value", "value_max", "approx", "bound", "unit", "previous",
    "previous_max", "previous_claimed_by", "previous_published", "claimed_by", "url", "source",
    "published", "sentence", "speaker", "side", "stance", "previous_stance", "quote", "delta",
    "pct", "direction",
)


@dataclass(frozen=True, slots=True)
class ReplayEvent:
    line: int
    alerts: tuple[Alert, ...] = ()
    error: str | None = None
    figures_over_cap: int = 0  # the article's figures over the per-article cap (not tracked)
    alerts_held: int = 0  # its alerts over the per-article cap (kept silent)


def parse_article(rec: Any, html_to_text: Callable[[str], str] | None) -> ArticleInput:
    if not isinstance(rec, dict):
        raise ValueError("a line must be a JSON object")
    url = rec.get("url")
    if not isinstance(url, str) or not url:
        raise ValueError("needs 'url' (a string)")
    text = rec.get("text")
    if text is None and isinstance(rec.get("html"), str):
        if html_to_text is None:
            raise ValueError("'html' given but no HTML converter is available")
        text = html_to_text(rec["html"])
    if not isinstance(text, str):
        raise ValueError("needs 'text' or 'html' (a string)")
    published = rec.get("published")
    if not isinstance(published, str):
        raise ValueError("needs 'published' (ISO-8601)")
    try:
        dt = datetime.fromisoformat(published.replace("Z", "+00:00"))
    except ValueError as exc:
        raise ValueError(f"'published' is not ISO-8601: {published!r}") from exc
    lang = rec.get("lang")
    if lang not in (None, "id", "en", "auto"):
        raise ValueError(f"'lang' must be id, en or auto, got {lang!r}")
    return ArticleInput(
        url=url, text=text, published=dt if dt.tzinfo else dt.replace(tzinfo=UTC),
        title=rec.get("title") if isinstance(rec.get("title"), str) else None,
        source=rec.get("source") if isinstance(rec.get("source"), str) else None, lang=lang,
    )


def replay(
    lines: Iterable[str],
    extractor: Extractor,
    tracker: Tracker,
    topics: list[TopicMatcher],
    *,
    now: datetime,
    html_to_text: Callable[[str], str] | None = None,
) -> Iterator[ReplayEvent]:
    """One event per input line (alerts raised, or the line's error), in file order."""
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            art = parse_article(json.loads(line), html_to_text)
        except (ValueError, json.JSONDecodeError) as exc:
            yield ReplayEvent(lineno, error=f"line {lineno}: {exc}")
            continue
        tids = relevant_topics(topics, art.title, art.text)
        if not tids:
            yield ReplayEvent(lineno)
            continue
        ex = extractor.extract(art.text, lang=art.lang or "auto", published=art.published, title=art.title)
        res = tracker.process(art, ex, tids, now=now)
        yield ReplayEvent(lineno, alerts=res.alerts, figures_over_cap=res.figures_over_cap,
                          alerts_held=res.alerts_held)


def alert_json(a: Alert) -> dict[str, Any]:
    d = a.to_dict()
    return {k: d.get(k) for k in REPLAY_FIELDS}
