"""Series identity: which running count a figure belongs to, in a topic.

A series is (topic, concept, actor, scope). Real reporting rarely names every part of that key in
every sentence, so before a figure is compared with what is known:

- **actor**: a figure that names none takes the topic's *subject* when its concept is one a side
  owns (troops, officers, casualties, killed, missing …): the ``subject`` declared for the topic in
  config, else the one inferred from the topic's series (the actor of at least 60 % of the
  observations of such concepts, over at least two). "The troops" in a North Korea story are
  North Korea's. Disaster tolls keep no actor, so an earthquake toll stays one series whatever
  each sentence names.
- **scope**: a part of a breakdown (``Figure.scope``) is its own series, so "11,000 troops, of
  whom 3,000 in Kursk" never revises 11,000 to 3,000. A place scope that is the topic's *main
  place* (the place its articles name most, first seen first) is the whole, not a part: "in
  Turkey 12,391 … and in Syria 2,992" keeps Turkey's toll in the topic's main series.

Values compare as the same (a repeat) when equal whatever the hedge, or when one is a range that
contains the other ("11,000 to 12,000" after "12,000").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

# concepts a side owns: a figure of these that names no actor is the topic subject's
OWNED = frozenset(
    {"troops", "officers", "generals", "casualties", "killed", "injured", "wounded", "missing",
     "prisoners", "defectors", "tanks", "armored_vehicles", "aircraft", "helicopters", "ships",
     "drones", "missiles", "artillery"}
)
_SUBJECT_SHARE = 0.6
_REFRESH_KNOWN = 200  # uses of a found subject before it is looked up again
_REFRESH_NONE = 20  # none found yet: look again soon (and after any alert of the topic)
_SMALL_TOPIC = 200  # observations below which looking again costs next to nothing
_SUBJECT_MIN = 1  # one named observation is enough while nobody else is named


def _refresh_after(subject: str | None, counted: int) -> int:
    """Uses of a cached subject before the topic's observations are counted again: a big topic waits
    longer (a twentieth of what it counted). The count once read every observation; it now sums
    the series' live counts (m016), and the schedule stays as it was, so a subject is found when
    it always was."""
    return (_REFRESH_KNOWN if subject else _REFRESH_NONE) + counted // 20


_NOT_PLACES = frozenset({"part", "total"})


def same_value(a: float, a_max: float | None, b: float, b_max: float | None) -> bool:
    """Values compared sensibly: ranges by both ends, a tiny relative tolerance."""

    def eq(x: float, y: float) -> bool:
        return abs(x - y) <= 1e-9 * max(1.0, abs(x), abs(y))

    if (a_max is None) != (b_max is None):
        return False
    return eq(a, b) and (a_max is None or b_max is None or eq(a_max, b_max))


def restates(a: float, a_max: float | None, b: float, b_max: float | None) -> bool:
    """True when value ``a`` says nothing new against ``b``: the same, or a range containing the
    other ("11,000 to 12,000" against "12,000", and "12,000" against "11,000 to 12,000")."""
    if same_value(a, a_max, b, b_max):
        return True
    if a_max is not None and b_max is None:
        return a <= b <= a_max
    if b_max is not None and a_max is None:
        return b <= a <= b_max
    return False


class SeriesKeys:
    """Resolves actor and scope of a topic's figures against what the store knows of the topic."""

    def __init__(self, conn: Any, subjects: Mapping[str, str] | None = None,
                 memo: dict[str, tuple[str | None, int, int]] | None = None) -> None:
        self.conn = conn
        self.subjects = dict(subjects or {})
        # the subjects found, with how often each was used since: kept by the tracker across
        # articles, looked up again after a while (the query reads all of a topic's observations)
        # (subject, uses since, observations counted)
        self._subject_cache: dict[str, tuple[str | None, int, int]] = memo if memo is not None else {}
        self._main_cache: dict[str, str | None] = {}

    # -- places -----------------------------------------------------------------------------------

    def note_places(self, topic: str, places: Iterable[str], seen: str) -> None:
        """Count the places an article names, for the topic's main place."""
        counts: dict[str, int] = {}
        for p in places:
            counts[p] = counts.get(p, 0) + 1
        for place, n in counts.items():
            self.conn.execute(
                "INSERT INTO topic_places (topic, place, mentions, first_seen) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (topic, place) DO UPDATE SET mentions = mentions + excluded.mentions",
                (topic, place, n, seen),
            )
        self._main_cache.pop(topic, None)

    def main_place(self, topic: str) -> str | None:
        if topic not in self._main_cache:
            row = self.conn.execute(
                "SELECT place FROM topic_places WHERE topic = ? ORDER BY mentions DESC, first_seen, rowid"
                " LIMIT 1", (topic,)).fetchone()
            self._main_cache[topic] = row[0] if row else None
        return self._main_cache[topic]

    def scope(self, topic: str, scope: str | None) -> str:
        if not scope:
            return ""
        if scope not in _NOT_PLACES and scope == self.main_place(topic):
            return ""  # the topic's own place: the whole, not a part
        return scope

    # -- actors -----------------------------------------------------------------------------------

    def subject(self, topic: str) -> str | None:
        """The topic's subject: declared (to the tracker, or on the stored topic), else the actor
        most of its owned figures name (once there are enough of them)."""
        if topic in self.subjects:
            return self.subjects[topic]
        hit = self._subject_cache.get(topic)
        if hit is not None and hit[1] < _refresh_after(hit[0], hit[2]):
            self._subject_cache[topic] = (hit[0], hit[1] + 1, hit[2])
            return hit[0]
        declared = self.conn.execute("SELECT subject FROM topics WHERE id = ?", (topic,)).fetchone()
        if declared and declared[0]:
            self._subject_cache[topic] = (declared[0], 0, 0)
            return str(declared[0])
        marks = ",".join("?" * len(OWNED))
        # (the live observations of each series, counted by triggers: see migration m016)
        rows = self.conn.execute(
            f"SELECT actor, sum(live) FROM series WHERE topic = ? AND what IN ({marks})"
            f" GROUP BY actor HAVING sum(live) > 0",
            (topic, *sorted(OWNED))).fetchall()
        named = [(a, n) for a, n in rows if a]
        total = sum(n for _, n in rows)
        best = max(named, key=lambda r: r[1], default=None)
        found = best[0] if best and best[1] >= _SUBJECT_MIN and best[1] >= _SUBJECT_SHARE * total else None
        self._subject_cache[topic] = (found, 0, total)
        return found

    def actor(self, topic: str, what: str, actor: str | None) -> str:
        """The actor a figure counts for: its own, else (for owned concepts) the topic's subject."""
        if actor:
            return actor
        if what in OWNED:
            return self.subject(topic) or ""
        return ""

    def series_actor(self, topic: str, what: str, scope: str, actor: str) -> str:
        """The actor under which the figure's series is kept. The subject's figures and the
        figures that named no actor are one series, whichever was recorded first ("the troops"
        before the story's subject was known, "North Korean troops" after)."""
        subj = self.subject(topic) if what in OWNED else None
        if not subj or actor not in ("", subj):
            return actor
        found = {r[0] for r in self.conn.execute(
            "SELECT actor FROM series WHERE topic = ? AND what = ? AND scope = ? AND actor IN ('', ?)",
            (topic, what, scope, subj))}
        if subj in found or not found:
            return subj
        return ""

    def forget(self, topic: str, actor: str | None) -> None:
        """After a figure of the topic naming ``actor`` alerted: a story with no subject yet may
        have one now (a subject once found is looked up again only after a while)."""
        hit = self._subject_cache.get(topic)
        if actor and hit is not None and hit[0] is None:
            if hit[2] < _SMALL_TOPIC:
                del self._subject_cache[topic]  # a young story: look at once
            else:
                self._subject_cache[topic] = (None, max(hit[1], _refresh_after(None, hit[2]) - 5), hit[2])
