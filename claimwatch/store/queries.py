"""Read-side queries over tracked series, for the timeline command and the bot."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from claimwatch.models import Alert, AlertKind
from claimwatch.store.core import Store


@dataclass(frozen=True, slots=True)
class SeriesNow:
    """The current figure of a series, with who agrees and who disagrees."""

    series_id: int
    topic: str
    what: str
    actor: str | None
    value: float
    value_max: float | None
    claimed_by: str | None
    published: datetime
    url: str | None
    corroboration: int  # distinct sources/urls that gave this same value
    claimants: tuple[str, ...]  # claimants that gave this value
    other_claims: tuple[tuple[str, float, float | None], ...]  # latest other value per claimant
    scope: str | None = None  # a part of the whole ("Kursk", "foreigners", "total")


def _dt(s: str | None) -> datetime | None:
    return datetime.fromisoformat(s) if s else None


# what a series stands at: its latest observation, except that a range restating a single value
# ("between 130 and 150" after 140) does not replace the value it contains
STANDING_SQL = (
    "SELECT value, value_max, claimed_by, published, url, source, decision FROM observations"
    " WHERE series_id = ? AND superseded = 0 AND decision NOT IN ('history', 'increment')"
    " ORDER BY published DESC, id DESC"
)


# what a series stands at, for the tracker (one figure at a time): the columns standing() reads,
# in STANDING_SQL's order, all held by the index observations_standing (m014): no table reads
TRACK_STANDING_SQL = (
    "SELECT value, value_max, claimed_by, published, decision FROM observations"
    " WHERE series_id = ? AND superseded = 0 AND decision NOT IN ('history', 'increment')"
    " ORDER BY published DESC, id DESC LIMIT 25"
)

# who last claimed a value (series, value, value_max) that the newest observation restates without
# naming anyone; answered from the partial index observations_named (m014, named: without it the
# planner may walk the series' whole history in another index)
NAMED_VALUE_SQL = (
    "SELECT value, value_max, claimed_by, published FROM observations INDEXED BY observations_named"
    " WHERE series_id = ? AND superseded = 0 AND value = ? AND value_max IS ? AND claimed_by IS NOT NULL"
    " AND decision NOT IN ('history', 'increment') ORDER BY published DESC, id DESC LIMIT 1"
)

# a side's last stance that counted on a topic (a statement or a change, not a repeat or a back
# reference), from the partial index stances_side_decided (m015, named: the planner would rather
# walk the side's rows in stances_side, past every repeat of a long story, reading each from the table)
SIDE_STANCE_SQL = (
    "SELECT stance, published FROM stances INDEXED BY stances_side_decided"
    " WHERE topic = ? AND side = ? AND superseded = 0 AND decision IN ('statement', 'stance_change')"
    " ORDER BY published DESC, id DESC LIMIT 1"
)


def standing(rows: list[Any]) -> list[Any]:
    """``rows`` (newest first, as STANDING_SQL gives them) without the ranges that only restated
    the single value before them; the first row left is what the series stands at."""
    anchor = next((r for r in rows if r["decision"] != "repeat"), None)
    if anchor is None:
        return rows
    if anchor["value_max"] is not None:
        return rows  # a precise value inside a range refines it
    return [r for r in rows if r["decision"] != "repeat" or r["value_max"] is None
            or r["published"] < anchor["published"]]


def latest_per_series(store: Store, topic: str) -> list[SeriesNow]:
    rows = store.rows(
        "SELECT s.id, s.topic, s.what, s.actor, s.scope FROM series s WHERE s.topic = ?"
        " ORDER BY s.what, s.actor, s.scope",
        (topic,),
    )
    out: list[SeriesNow] = []
    for r in rows:
        obs = standing(store.rows(STANDING_SQL, (r["id"],)))
        if not obs:
            continue
        top = obs[0]
        same = [o for o in obs if o["value"] == top["value"] and o["value_max"] == top["value_max"]]
        sources = {o["source"] or o["url"] for o in same}
        claimants = tuple(dict.fromkeys(o["claimed_by"] for o in same if o["claimed_by"]))
        others: dict[str, tuple[str, float, float | None]] = {}
        for o in obs:
            c = o["claimed_by"]
            if c and c not in claimants and c not in others:
                others[c] = (c, o["value"], o["value_max"])
        out.append(SeriesNow(
            series_id=r["id"], topic=r["topic"], what=r["what"], actor=r["actor"] or None,
            value=top["value"], value_max=top["value_max"], claimed_by=top["claimed_by"],
            published=datetime.fromisoformat(top["published"]), url=top["url"],
            corroboration=len(sources), claimants=claimants, other_claims=tuple(others.values()),
            scope=r["scope"] or None,
        ))
    return out


def series_history(store: Store, topic: str, what: str, actor: str | None = None) -> list[dict[str, Any]]:
    """Every observation of the topic's series for ``what`` (one actor or all), oldest first."""
    sql = (
        "SELECT s.actor, s.scope, o.value, o.value_max, o.bound, o.claimed_by, o.published, o.url,"
        " o.source, o.decision, o.sentence FROM observations o JOIN series s ON s.id = o.series_id"
        " WHERE s.topic = ? AND s.what = ? AND o.superseded = 0"
    )
    params: list[Any] = [topic, what]
    if actor is not None:
        sql += " AND s.actor = ?"
        params.append(actor)
    rows = store.rows(sql + " ORDER BY o.published, o.id", params)
    for r in rows:
        r["actor"] = r["actor"] or None
        r["scope"] = r["scope"] or None
    return rows


def alert_from_row(r: dict[str, Any]) -> Alert:
    return Alert(
        kind=AlertKind(r["kind"]), topic=r["topic"], dedupe_key=r["dedupe_key"], url=r["url"],
        published=_dt(r["published"]), sentence=r["sentence"] or "", what=r["what"], actor=r["actor"],
        value=r["value"], value_max=r["value_max"], approx=bool(r["approx"]), bound=r["bound"],
        unit=r["unit"], claimed_by=r["claimed_by"], previous=r["previous"], previous_max=r["previous_max"],
        previous_claimed_by=r["previous_claimed_by"], previous_published=_dt(r["previous_published"]),
        source=r["source"], speaker=r["speaker"], side=r["side"], stance=r["stance"],
        previous_stance=r["previous_stance"], quote=r["quote"], id=r["id"], scope=r.get("scope"),
        relayed_by=tuple(json.loads(r.get("relayed_by") or "[]")), outlet=r.get("outlet"), title=r.get("title"),
        corroboration=int(r.get("corroboration") or 0),
    )


def alerts_after(store: Store, after_id: int = 0, topic: str | None = None) -> list[Alert]:
    sql = "SELECT * FROM alerts WHERE id > ?"
    params: list[Any] = [after_id]
    if topic:
        sql += " AND topic = ?"
        params.append(topic)
    return [alert_from_row(r) for r in store.rows(sql + " ORDER BY id", params)]


def topics_with_series(store: Store) -> list[str]:
    return [r["topic"] for r in store.rows("SELECT DISTINCT topic FROM series ORDER BY topic")]
