"""Claim tracking: turns the figures and statements of each article into decisions and alerts.

For every figure with a concept, its series is (topic, concept, actor, scope), with the actor
and scope resolved as :mod:`claimwatch.series` explains (a figure that omits the actor takes the
topic's subject; a part of a breakdown is its own series). Against the series' latest observation
(by publication time, not fetch time) the figure is:

- ``new``       — the series had nothing yet;
- ``repeat``    — same value or range (bounds ignored: "about 12,000" repeats "12,000"), a range
                  that contains the latest value (or a value inside the latest range), or a value
                  that already raised an alert in this series: no alert, corroboration;
- ``revised``   — a different value from the same claimant as the latest one;
- ``conflict``  — a different value from another claimant within the conflict window;
- ``changed``   — any other different value;
- ``history``   — the text marks it as an earlier value ("naik dari 56", "up from"): kept only;
- ``increment`` — a day's count ("found today", "in the past 24 hours"): kept, never a new toll;
- ``late``      — the article is older than the series' latest observation: kept in its place
                  in the timeline, no alert.

Statements raise ``statement`` for a new (speaker, stance) on a topic and ``stance_change`` when
the side the speaker speaks for moves between denial, non-denial and confirmation. A side's
stance is what its last new statement said: a pair retold later ("Padahal, Kremlin menepis …")
and a statement that only refers back ("had earlier denied") never change it.

Everything one article causes is written in one transaction, alerts included, so a crash never
leaves an article half-tracked. Thresholds are not applied here (see ``Alert.passes``).

Caps per article, so that one page dense with numbers cannot flood the chats: at most
``max_figures`` of its figures are tracked — those naming a claimant first, then those giving a
current value (not an earlier one, not a day's count), then the rest, each in text order; the
kept ones are tracked in text order and the others only stored with the article. At most
``max_alerts`` alerts are raised per article, in the order they arise (each topic's figures in
text order, then its statements); the decisions past that are recorded as for a silent topic
(kept in the history, never sent). Both surpluses are stored on the article
(``figures_over_cap``, ``alerts_held``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from claimwatch.models import Alert, AlertKind, ArticleInput, Extraction, Figure, Stance, Statement
from claimwatch.series import SeriesKeys, restates
from claimwatch.store import Store
from claimwatch.store.core import utc_iso
from claimwatch.store.queries import NAMED_VALUE_SQL, SIDE_STANCE_SQL, TRACK_STANDING_SQL

_TRACKED_STANCES = frozenset({Stance.DENIAL, Stance.NON_DENIAL, Stance.CONFIRMATION})

# the decisions that raise an alert (unless the topic is silent, or the article's alerts are capped)
_ALERTING = frozenset({"new", "changed", "revised", "conflict", "statement", "stance_change"})

MAX_FIGURES_PER_ARTICLE = 60
MAX_ALERTS_PER_ARTICLE = 50  # a breakdown of 20 places × 2 figures fits; about one Telegram message


def capped_figures(figures: Sequence[Figure], cap: int) -> tuple[list[Figure], int]:
    """The figures with a concept to track (at most ``cap``, in text order) and how many of them
    are over the cap. Kept first: those naming a claimant, then current values, then the rest."""
    tracked = [f for f in figures if f.what is not None]
    if len(tracked) <= cap:
        return tracked, 0
    rank = sorted(range(len(tracked)),
                  key=lambda i: (tracked[i].claimed_by is None, tracked[i].past or tracked[i].increment, i))
    keep = set(rank[:cap])
    return [f for i, f in enumerate(tracked) if i in keep], len(tracked) - cap


def _fmt(v: float | None) -> str:
    if v is None:
        return "-"
    return str(int(v)) if float(v).is_integer() else repr(round(v, 6))


def _outlet(art: ArticleInput) -> str | None:
    """The outlet an alert names: the source's configured name, the page's ``og:site_name``, the
    host (set by whoever read the article, in ``extra["outlet"]``)."""
    outlet = art.extra.get("outlet") if isinstance(art.extra, dict) else None
    return str(outlet) if outlet else None


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "replace")).hexdigest()


@dataclass(frozen=True, slots=True)
class TrackResult:
    article_id: int
    alerts: tuple[Alert, ...]
    decisions: tuple[tuple[str, str], ...]  # (decision, series or speaker label), in order
    unchanged: bool = False  # same URL, same text: nothing re-read
    figures_over_cap: int = 0  # figures with a concept past the per-article cap: not tracked
    alerts_held: int = 0  # alerts past the per-article cap: recorded silently, not raised



def _standing_first(rows: Iterable[Sequence[Any]]) -> Sequence[Any] | None:
    """``standing(rows)[0]`` (None for no rows) on TRACK_STANDING_SQL's tuples (value, value_max,
    claimed_by, published, decision), reading only as far as the first row that is not a repeat:
    what a series stands at is decided by then."""
    seen: list[Sequence[Any]] = []
    anchor = None
    for r in rows:
        if not seen and (r[4] != "repeat" or r[1] is None):
            return r  # the newest row decides alone: it is the anchor, or a single value before it
        seen.append(r)
        if r[4] != "repeat":
            anchor = r
            break
    if not seen:
        return None
    if anchor is None or anchor[1] is not None:
        return seen[0]
    return next(r for r in seen if r[4] != "repeat" or r[1] is None or r[3] < anchor[3])

class Tracker:
    """Decides what is news. ``conflict_window`` in seconds (default 48 h); ``max_figures`` and
    ``max_alerts``: the per-article caps."""

    def __init__(self, store: Store, conflict_window: float = 48 * 3600.0,
                 subjects: Mapping[str, str] | None = None, *, max_figures: int = MAX_FIGURES_PER_ARTICLE,
                 max_alerts: int = MAX_ALERTS_PER_ARTICLE) -> None:
        self.store = store
        self.max_figures = max_figures
        self.max_alerts = max_alerts
        self.window = timedelta(seconds=conflict_window)
        self.subjects = dict(subjects or {})  # topic id -> declared subject ("North Korea")
        self._subject_memo: dict[str, tuple[str | None, int, int]] = {}  # subjects inferred, across articles

    def process(
        self,
        article: ArticleInput,
        extraction: Extraction,
        topics: Sequence[str],
        *,
        now: datetime,
        silent: Collection[str] = (),
    ) -> TrackResult:
        """Track one article for the given topics, in one transaction. For the ``silent`` topics
        every decision is recorded but no alert is raised (a source's baseline, an old article)."""
        published = article.published or now
        chash = content_hash(article.text)
        with self.store.transaction() as db:
            conn = db.conn
            old = conn.execute("SELECT id, content_hash FROM articles WHERE url = ?", (article.url,)).fetchone()
            if old is not None and old[1] == chash:
                return TrackResult(int(old[0]), (), (), unchanged=True)
            article_id = self.store.save_article(
                replace(article, lang=extraction.lang),  # the language read, not the page's claim
                extraction.figures, extraction.statements, fetched=now, content_hash=chash
            )
            stale_obs = [r[0] for r in conn.execute(
                "SELECT id FROM observations WHERE article_id = ? AND superseded = 0", (article_id,))]
            stale_st = [r[0] for r in conn.execute(
                "SELECT id FROM stances WHERE article_id = ? AND superseded = 0", (article_id,))]
            alerts: list[Alert] = []
            decisions: list[tuple[str, str]] = []
            keys = SeriesKeys(conn, self.subjects, self._subject_memo)
            figures, over = capped_figures(extraction.figures, self.max_figures)
            held = 0
            for topic in topics:
                if old is None:
                    keys.note_places(topic, extraction.places, utc_iso(published, "published"))
                for fig in figures:
                    hold = len(alerts) >= self.max_alerts
                    d, alert = self._figure(conn, keys, topic, fig, article, article_id, published, now,
                                            topic in silent or hold)
                    held += hold and topic not in silent and d in _ALERTING
                    decisions.append((d, f"{topic}/{fig.what}/{fig.actor or '-'}={_fmt(fig.value)}"))
                    if alert:
                        alerts.append(alert)
                for st in extraction.statements:
                    if st.stance not in _TRACKED_STANCES:
                        continue
                    hold = len(alerts) >= self.max_alerts
                    d, alert = self._statement(conn, topic, st, article, article_id, published, now,
                                               topic in silent or hold)
                    held += hold and topic not in silent and d in _ALERTING
                    decisions.append((d, f"{topic}/{st.speaker}:{st.stance}"))
                    if alert:
                        alerts.append(alert)
            conn.execute("UPDATE articles SET figures_over_cap = ?, alerts_held = ? WHERE id = ?",
                         (over, held, article_id))
            if stale_obs:
                conn.executemany("UPDATE observations SET superseded = 1 WHERE id = ?", [(i,) for i in stale_obs])
            if stale_st:
                conn.executemany("UPDATE stances SET superseded = 1 WHERE id = ?", [(i,) for i in stale_st])
        return TrackResult(article_id, tuple(alerts), tuple(decisions), figures_over_cap=over, alerts_held=held)

    # -- figures ----------------------------------------------------------------------------------

    def _figure(self, conn: Any, keys: SeriesKeys, topic: str, fig: Figure, art: ArticleInput,
                article_id: int, published: datetime, now: datetime,
                silent: bool = False) -> tuple[str, Alert | None]:
        what = fig.what or ""
        actor = keys.actor(topic, what, fig.actor)
        scope = keys.scope(topic, fig.scope)
        series_id = self._series(conn, topic, what, keys.series_actor(topic, what, scope, actor), scope, now)
        top = _standing_first(conn.execute(TRACK_STANDING_SQL, (series_id,)))
        latest = (top[0], top[1], top[2], top[3]) if top is not None else None
        if latest is not None and latest[2] is None:
            # a repeat that named nobody: the value is still the one someone claimed before
            named = conn.execute(NAMED_VALUE_SQL, (series_id, latest[0], latest[1])).fetchone()
            if named is not None:
                latest = (latest[0], latest[1], named[2], latest[3])
        pub = utc_iso(published, "published")
        key = f"fig|{topic}|{fig.what}|{actor}|{_fmt(fig.value)}|{_fmt(fig.value_max)}" + (f"|{scope}" if scope else "")
        known = conn.execute("SELECT id FROM alerts WHERE dedupe_key = ?", (key,)).fetchone()
        prev: tuple[Any, ...] | None = None
        if fig.past:
            decision = "history"
        elif fig.increment:
            decision = "increment"
        elif latest is None:
            decision = "new"
        elif latest[3] > pub:
            decision = "late"
        elif restates(fig.value, fig.value_max, latest[0], latest[1]) or known is not None:
            decision = "repeat"
        else:
            prev = latest
            prev_pub = datetime.fromisoformat(latest[3])
            if fig.claimed_by and latest[2] == fig.claimed_by:
                decision = "revised"
            elif fig.claimed_by and latest[2] and abs(published - prev_pub) <= self.window:
                decision = "conflict"
            else:
                decision = "changed"
        alert: Alert | None = None
        alert_id = known[0] if known is not None and decision == "repeat" else None
        if decision in ("new", "changed", "revised", "conflict") and not silent:
            alert = Alert(
                kind=AlertKind(decision), topic=topic, dedupe_key=key, url=art.url,
                outlet=_outlet(art), title=art.title,
                published=published, sentence=fig.sentence, what=fig.what, actor=actor or None,
                value=fig.value, value_max=fig.value_max, approx=fig.approx, bound=str(fig.bound),
                unit=fig.unit, claimed_by=fig.claimed_by, source=art.source,
                previous=prev[0] if prev else None, previous_max=prev[1] if prev else None,
                previous_claimed_by=prev[2] if prev else None,
                previous_published=datetime.fromisoformat(prev[3]) if prev else None,
                scope=scope or None, relayed_by=fig.relayed_by,
            )
            alert = self._insert_alert(conn, alert, series_id, now)
            alert_id = alert.id
            keys.forget(topic, fig.actor)
        elif alert_id is not None:
            conn.execute("UPDATE alerts SET corroboration = corroboration + 1 WHERE id = ?", (alert_id,))
        conn.execute(
            "INSERT INTO observations (series_id, article_id, url, source, published, value, value_max,"
            " bound, approx, unit, claimed_by, sentence, decision, alert_id, seen)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (series_id, article_id, art.url, art.source, pub, fig.value, fig.value_max, str(fig.bound),
             int(fig.approx), fig.unit, fig.claimed_by, fig.sentence, decision, alert_id,
             utc_iso(now, "now")),
        )
        return decision, alert

    @staticmethod
    def _series(conn: Any, topic: str, what: str, actor: str, scope: str, now: datetime) -> int:
        row = conn.execute(
            "SELECT id FROM series WHERE topic = ? AND what = ? AND actor = ? AND scope = ?",
            (topic, what, actor, scope),
        ).fetchone()
        if row is not None:
            return int(row[0])
        cur = conn.execute(
            "INSERT INTO series (topic, what, actor, scope, created) VALUES (?, ?, ?, ?, ?)",
            (topic, what, actor, scope, utc_iso(now, "now")),
        )
        return int(cur.lastrowid)

    # -- statements -------------------------------------------------------------------------------

    def _statement(self, conn: Any, topic: str, st: Statement, art: ArticleInput, article_id: int,
                   published: datetime, now: datetime, silent: bool = False) -> tuple[str, Alert | None]:
        side = st.side or st.speaker
        stance = str(st.stance)
        pub = utc_iso(published, "published")
        key = f"stance|{topic}|{st.speaker}|{stance}"
        seen = conn.execute(
            "SELECT 1 FROM stances WHERE topic = ? AND speaker = ? AND stance = ? AND superseded = 0",
            (topic, st.speaker, stance),
        ).fetchone()
        latest = conn.execute(SIDE_STANCE_SQL, (topic, side)).fetchone()
        exists = conn.execute("SELECT 1 FROM alerts WHERE dedupe_key = ?", (key,)).fetchone()
        previous_stance = None
        if seen is not None or exists is not None:
            decision = "repeat"  # (articles retell who said what: a speaker's old stance moves nothing)
        elif st.past and latest is not None:
            decision = "history"  # "had earlier denied": a back-reference never changes a stance
        elif latest is not None and latest[1] > pub:
            decision = "late"
        elif latest is not None and latest[0] != stance:
            decision, previous_stance = "stance_change", latest[0]
        else:
            decision = "statement"
        alert: Alert | None = None
        if decision in ("statement", "stance_change") and not silent:
            alert = Alert(
                kind=AlertKind(decision), topic=topic, dedupe_key=key, url=art.url,
                outlet=_outlet(art), title=art.title,
                published=published, sentence=st.sentence, source=art.source, speaker=st.speaker,
                side=side, stance=stance, previous_stance=previous_stance, quote=st.quote,
            )
            alert = self._insert_alert(conn, alert, None, now)
        conn.execute(
            "INSERT INTO stances (topic, speaker, side, stance, published, article_id, url, quote,"
            " sentence, decision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (topic, st.speaker, side, stance, pub, article_id, art.url, st.quote, st.sentence, decision),
        )
        return decision, alert

    # -- alerts -----------------------------------------------------------------------------------

    @staticmethod
    def _insert_alert(conn: Any, a: Alert, series_id: int | None, now: datetime) -> Alert:
        def iso(d: datetime | None) -> str | None:
            return None if d is None else utc_iso(d, "datetime")

        cur = conn.execute(
            "INSERT INTO alerts (dedupe_key, kind, topic, series_id, what, actor, value, value_max,"
            " approx, bound, unit, claimed_by, previous, previous_max, previous_claimed_by,"
            " previous_published, url, source, published, sentence, speaker, side, stance,"
            " previous_stance, quote, created, scope, relayed_by, outlet, title) VALUES"
            " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (a.dedupe_key, str(a.kind), a.topic, series_id, a.what, a.actor, a.value, a.value_max,
             int(a.approx), a.bound, a.unit, a.claimed_by, a.previous, a.previous_max,
             a.previous_claimed_by, iso(a.previous_published), a.url, a.source, iso(a.published),
             a.sentence, a.speaker, a.side, a.stance, a.previous_stance, a.quote, iso(now),
             a.scope, json.dumps(list(a.relayed_by)) if a.relayed_by else None, a.outlet, a.title),
        )
        return replace(a, id=int(cur.lastrowid))
