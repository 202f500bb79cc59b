"""Telegram messages (HTML parse mode) for alerts, digests, /latest and /history, and splitting.

Every piece of data is escaped with :func:`html.escape` before it is put into markup or into a
catalogue template (:mod:`bot.i18n`, HTML templates). Numbers and dates are localized with Babel
(``id``: ``12.000``, ``1,5``, ``4 Nov 2025 08.10 UTC``; ``en``: ``12,000``, ``1.5``, ``08:10``).
Datetimes are shown in ``tz`` (default UTC); naive datetimes are taken as UTC.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime, tzinfo
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit

from bot.i18n import (
    STRINGS,
    concept_name,
    fmt_number,
    fmt_value,
    fmt_when,
    norm_lang,
    stance_name,
    t,
)
from claimwatch.lexicon.localnames import local_name
from claimwatch.models import Alert, AlertKind
from claimwatch.store.queries import SeriesNow

MAX_CAPTION = 1024
QUOTE_CHARS = 200

_NONE: Mapping[str, str] = MappingProxyType({})
_EMOJI = {AlertKind.NEW: "🆕", AlertKind.CHANGED: "📈", AlertKind.REVISED: "✏️",
          AlertKind.CONFLICT: "⚖️", AlertKind.STATEMENT: "💬", AlertKind.STANCE_CHANGE: "🔄"}
_FIGURE_KINDS = (AlertKind.NEW, AlertKind.CHANGED, AlertKind.REVISED, AlertKind.CONFLICT)

# ----------------------------------------------------------------------------- formatting


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _signed(value: float, lang: str, suffix: str = "") -> str:
    if value == 0:
        return "±0" + suffix
    return ("+" if value > 0 else "-") + fmt_number(abs(value), lang) + suffix


def _parse_when(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return None


def _trim(text: str | None, limit: int = QUOTE_CHARS) -> str:
    """Whitespace collapsed; cut to ``limit`` characters at a word boundary with ``…``."""
    s = " ".join((text or "").split())
    if len(s) <= limit:
        return s
    cut = s[: limit - 1]
    if " " in cut[limit // 2:]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-–—") + "…"


def _link(url: str | None, label: str) -> str:
    """``<a href>`` for http(s) URLs; anything else stays plain text."""
    if url and urlsplit(url).scheme.lower() in ("http", "https"):
        return f'<a href="{_e(url)}">{_e(label)}</a>'
    return _e(label)


def _source_name(source: str | None, url: str | None, lang: str) -> str:
    return source or (urlsplit(url).hostname if url else None) or t("label.source", lang)


def _n(name: str | None, lang: str) -> str:
    """A party's canonical name as the chat's language says it ("Korea Utara"), escaped."""
    return _e(local_name(name, lang)) if name else ""


def _whose(what: str | None, actor: str | None, lang: str) -> str:
    return f"<b>{_e(concept_name(what, lang))}</b>" + (f" ({_n(actor, lang)})" if actor else "")


def _delta(a: Alert, lang: str) -> str:
    """``+6, +35,3%`` (escaped) for an alert with a previous value, else empty."""
    delta = a.delta
    if delta is None:
        return ""
    pct = a.pct
    points = " " + t("label.points", lang) if a.unit == "percent" or a.what == "percent" else ""
    parts = [_signed(delta, lang, points)] + ([_signed(round(pct, 1), lang, "%")] if pct is not None else [])
    return _e(", ".join(parts))


def _change(a: Alert, lang: str) -> str:
    """`` (+6, +35,3%)`` or empty."""
    d = _delta(a, lang)
    return f" ({d})" if d else ""


def _val(a: Alert, lang: str, previous: bool = False) -> str:
    unit = a.unit or ("percent" if a.what == "percent" else None)
    if previous:
        return _e(fmt_value(a.previous or 0.0, a.previous_max, lang, unit=unit))
    return _e(fmt_value(a.value or 0.0, a.value_max, lang, unit=unit, approx=a.approx, bound=a.bound))


# ----------------------------------------------------------------------------- alerts


def _heading(a: Alert, lang: str, topic_name: str | None) -> str:
    emoji = "📉" if a.kind is AlertKind.CHANGED and a.direction == "down" else _EMOJI[a.kind]
    note = f" ({t('kind.conflict.note', lang)})" if a.kind is AlertKind.CONFLICT else ""
    return f"{emoji} <b>{t('kind.' + a.kind.value, lang)}</b>{note} · {_e(topic_name or a.topic)}"


def _figure_body(a: Alert, lang: str, tz: tzinfo | None) -> list[str]:
    whose = _whose(a.what, a.actor, lang)
    if a.kind is AlertKind.CONFLICT and a.previous is not None:
        prev_by = local_name(a.previous_claimed_by, lang) if a.previous_claimed_by else t("label.unattributed", lang)
        by = local_name(a.claimed_by, lang) if a.claimed_by else t("label.unattributed", lang)
        return [
            f"{whose}:",
            "• " + t("label.says", lang, who=f"<b>{_e(by)}</b>", value=f"<b>{_val(a, lang)}</b>"),
            "• " + t("label.said_on", lang, who=f"<b>{_e(prev_by)}</b>", value=_val(a, lang, True),
                       date=_e(fmt_when(a.previous_published, lang, tz))),
            f"{t('label.difference', lang)}: {_delta(a, lang)}",
        ]
    if a.previous is None:
        lines = [f"{whose}: <b>{_val(a, lang)}</b>"]
    else:
        lines = [f"{whose}: {_val(a, lang, True)} → <b>{_val(a, lang)}</b>{_change(a, lang)}"]
    if a.claimed_by:
        lines.append(t("label.claimed_by", lang, who=f"<b>{_n(a.claimed_by, lang)}</b>"))
    if a.previous is not None and (a.previous_claimed_by or a.previous_published):
        bits = [t("label.claimed_by", lang, who=_n(a.previous_claimed_by, lang))] if a.previous_claimed_by else []
        bits += [_e(fmt_when(a.previous_published, lang, tz))] if a.previous_published else []
        lines.append(f"{t('label.before', lang)}: " + ", ".join(bits))
    return lines


def _speaker(a: Alert, lang: str) -> str:
    who = f"<b>{_n(a.speaker, lang) or _e(t('label.unknown_speaker', lang))}</b>"
    if a.side and a.side != a.speaker:
        who += f" ({t('label.for_side', lang, side=_n(a.side, lang))})"
    return who


def _stance(a: Alert, lang: str) -> str:
    now = f"<b>{_e(stance_name(a.stance, lang))}</b>"
    return f"{_e(stance_name(a.previous_stance, lang))} → {now}" if a.previous_stance else now


def render_alert(a: Alert, lang: str, *, topic_name: str | None = None,
                 tz: tzinfo | None = None) -> str:
    """One alert as a Telegram HTML message (see the module docstring)."""
    lang = norm_lang(lang)
    lines = [_heading(a, lang, topic_name)]
    if a.kind in _FIGURE_KINDS:
        lines += _figure_body(a, lang, tz)
        quote = _trim(a.sentence)
    else:
        lines.append(f"{_speaker(a, lang)}: {_stance(a, lang)}")
        quote = _trim(a.quote or a.sentence)
    if quote:
        lines.append(f"<blockquote>{_e(quote)}</blockquote>")
    src = _link(a.url, _source_name(a.source, a.url, lang))
    lines.append(f"📰 {src} · {_e(fmt_when(a.published, lang, tz))}")
    return "\n".join(lines)


def render_alerts(alerts: Sequence[Alert], lang: str, *, topic_names: Mapping[str, str] = _NONE,
                  tz: tzinfo | None = None) -> str:
    """Several alerts for one chat in one message (a backlog), blank-line separated."""
    parts = [render_alert(a, lang, topic_name=topic_names.get(a.topic), tz=tz) for a in alerts]
    if len(parts) <= 1:
        return "".join(parts)
    head = f"📬 <b>{t('label.alerts_count', lang, n=_e(len(parts)))}</b>"
    return "\n\n".join([head, *parts])


# the order of an article's lines: what moved most first
_RANK = {AlertKind.CHANGED: 0, AlertKind.REVISED: 0, AlertKind.CONFLICT: 0, AlertKind.STANCE_CHANGE: 1,
         AlertKind.NEW: 2, AlertKind.STATEMENT: 3}


def _importance(a: Alert) -> tuple[int, float]:
    return _RANK[a.kind], -abs(a.pct or 0.0)


def _article_line(a: Alert, lang: str, tz: tzinfo | None) -> str:
    """One figure or statement of an article, on one line."""
    emoji = "📉" if a.kind is AlertKind.CHANGED and a.direction == "down" else _EMOJI[a.kind]
    if a.kind in _FIGURE_KINDS:
        whose = _whose(a.what, a.actor, lang) + (f" [{_e(a.scope)}]" if a.scope else "")
        if a.previous is None:
            line = f"{emoji} {whose}: <b>{_val(a, lang)}</b>"
        else:
            line = f"{emoji} {whose}: {_val(a, lang, True)} → <b>{_val(a, lang)}</b>{_change(a, lang)}"
        if a.claimed_by:
            line += " · " + t("label.claimed_by", lang, who=_n(a.claimed_by, lang))
        if a.previous is not None and a.previous_claimed_by and a.previous_claimed_by != a.claimed_by:
            line += " · " + t("label.before", lang) + " " + t("label.claimed_by", lang, who=_n(a.previous_claimed_by, lang))
    else:
        line = f"{emoji} {_speaker(a, lang)}: {_stance(a, lang)}"
        quote = _trim(a.quote, 120)
        if quote:
            line += f" — <i>{_e(quote)}</i>"
    if a.corroboration:
        line += " · " + t("label.more_sources", lang, n=_e(a.corroboration))
    return line


def render_article(alerts: Sequence[Alert], lang: str, *, topic_names: Mapping[str, str] = _NONE,
                   tz: tzinfo | None = None) -> str:
    """All of one article's alerts for one chat, as one message: the outlet and the headline as
    the link, the topic and the time, then one line per figure and statement, what moved most
    first (the sender splits it only at Telegram's length limit)."""
    lang = norm_lang(lang)
    if not alerts:
        return ""
    first = alerts[0]
    outlet = first.outlet or (urlsplit(first.url).hostname if first.url else None) \
        or _source_name(first.source, first.url, lang)
    # the outlet, then the headline as the link (the outlet is the link when there is no headline)
    head = f"📰 <b>{_e(outlet)}</b>: {_link(first.url, _trim(first.title, 160))}" if first.title \
        else f"📰 {_link(first.url, outlet)}"
    topics = ", ".join(dict.fromkeys(topic_names.get(a.topic) or a.topic for a in alerts))
    lines = [head, f"🏷 {_e(topics)} · {_e(fmt_when(first.published, lang, tz))}"]
    lines += [_article_line(a, lang, tz) for a in sorted(alerts, key=_importance)]
    return "\n".join(lines)


def _digest_series(group: list[Alert], lang: str) -> str:
    first, last = group[0], group[-1]
    start = None if first.kind is AlertKind.NEW else first.previous
    a = replace(last, previous=start, previous_max=first.previous_max if start is not None else None)
    whose = _whose(a.what, a.actor, lang)
    if start is None:
        line = f"{whose}: <b>{_val(a, lang)}</b> ({t('digest.new', lang)})"
    else:
        line = f"{whose}: {_val(a, lang, True)} → <b>{_val(a, lang)}</b>{_change(a, lang)}"
    if a.claimed_by:
        line += ", " + t("label.claimed_by", lang, who=_n(a.claimed_by, lang))
    if len(group) > 1:
        line += " · " + t("digest.updates", lang, n=_e(len(group)))
    if last.kind is AlertKind.CONFLICT and last.previous is not None:
        who = _n(last.previous_claimed_by, lang) or _e(t("label.unattributed", lang))
        line += " · ⚖️ " + t("label.says", lang, who=who, value=_val(last, lang, True))
    return line + " · " + _link(a.url, _source_name(a.source, a.url, lang))


def render_digest(alerts: Sequence[Alert], lang: str, *, period: str,
                  topic_names: Mapping[str, str] = _NONE, tz: tzinfo | None = None) -> str:
    """An hourly/daily summary: per topic, one line per series (first old → last new, in the
    order given), then one line per statement; a count of alerts and topics in the heading."""
    lang = norm_lang(lang)
    key = f"digest.{period}"
    title = t(key, lang) if key in STRINGS else t("digest.other", lang, period=_e(period))
    if not alerts:
        return f"🗞 <b>{title}</b>\n{t('digest.empty', lang)}"
    topics: dict[str, dict[tuple[str, str | None, str | None], list[Alert]]] = {}
    for i, a in enumerate(alerts):
        skey = ("fig", a.what, a.actor) if a.kind in _FIGURE_KINDS else ("st", str(i), None)
        topics.setdefault(a.topic, {}).setdefault(skey, []).append(a)
    counts = t("digest.counts", lang, alerts=_e(len(alerts)), topics=_e(len(topics)))
    lines = [f"🗞 <b>{title}</b> · {counts}"]
    for topic, groups in topics.items():
        lines += ["", f"<b>{_e(topic_names.get(topic) or topic)}</b>"]
        for (kind, _, _), group in sorted(groups.items(), key=lambda kv: kv[0][0] != "fig"):
            if kind == "fig":
                lines.append("• " + _digest_series(group, lang))
                continue
            a = group[0]
            quote = _trim(a.quote or a.sentence, 90)
            lines.append(f"• {_EMOJI[a.kind]} {_speaker(a, lang)}: {_stance(a, lang)}"
                         + (f" — <i>{_e(quote)}</i>" if quote else "")
                         + " · " + _link(a.url, _source_name(a.source, a.url, lang)))
    return "\n".join(lines)


# ----------------------------------------------------------------------------- /latest, /history


LATEST_PAGE = 8  # series per /latest page


def latest_pages(series: Sequence[SeriesNow]) -> int:
    return max(1, -(-len(series) // LATEST_PAGE))


def render_latest(topic_id: str, topic_name: str, series: Sequence[SeriesNow], lang: str, *,
                  tz: tzinfo | None = None, page: int = 1) -> str:
    """The current figure of each series: value, claimants, date, agreement, dissent; one page of
    :data:`LATEST_PAGE` series (``page`` from 1)."""
    lang = norm_lang(lang)
    code = f" (<code>{_e(topic_id)}</code>)" if topic_id != topic_name else ""
    lines = [f"📊 <b>{_e(topic_name)}</b>{code} · {t('latest.heading', lang)}"]
    if not series:
        return lines[0] + "\n" + t("latest.empty", lang)
    pages = latest_pages(series)
    page = min(max(page, 1), pages)
    if pages > 1:
        lines[0] += " · " + t("latest_page", lang, page=page, pages=pages)
    for s in series[(page - 1) * LATEST_PAGE: page * LATEST_PAGE]:
        unit = "percent" if s.what == "percent" else None
        value = _e(fmt_value(s.value, s.value_max, lang, unit=unit))
        who = ", ".join(local_name(c, lang) for c in s.claimants) or (local_name(s.claimed_by, lang) if s.claimed_by else "")
        by = t("label.claimed_by", lang, who=_e(who)) if who else t("label.unattributed", lang)
        n = s.corroboration
        agree = t("latest.sources_one", lang) if n <= 1 else t("latest.sources_many", lang, n=_e(n))
        when = _link(s.url, fmt_when(s.published, lang, tz, date_only=True))
        scope = f" [{_e(s.scope)}]" if s.scope else ""
        lines += ["", f"{_whose(s.what, s.actor, lang)}{scope}: <b>{value}</b>", f"{by} · {when} · {agree}"]
        if s.other_claims:
            others = "; ".join(f"{c}: {fmt_value(v, vm, lang, unit=unit)}" for c, v, vm in s.other_claims)
            lines.append(t("latest.others", lang, others=_e(others)))
    return "\n".join(lines)


def render_history(topic_id: str, what: str, rows: Sequence[Mapping[str, Any]], lang: str, *,
                   tz: tzinfo | None = None) -> str:
    """A series' timeline as text: date · value (actor) · claimant · decision · source link."""
    lang = norm_lang(lang)
    lines = [f"🕘 {_whose(what, None, lang)} · <code>{_e(topic_id)}</code> · {t('history.heading', lang)}"]
    if not rows:
        return lines[0] + "\n" + t("history.empty", lang)
    actors = {r.get("actor") for r in rows}
    unit = "percent" if what == "percent" else None
    for r in rows:
        when = _parse_when(r.get("published"))
        date = fmt_when(when, lang, tz) if when else str(r.get("published") or "?")
        value = fmt_value(r["value"], r.get("value_max"), lang, unit=r.get("unit") or unit,
                          approx=bool(r.get("approx")), bound=r.get("bound"))
        parts = [_e(date), f"<b>{_e(value)}</b>" + (f" ({_e(r.get('actor') or '-')})" if len(actors) > 1 else ""),
                 _e(r.get("claimed_by") or t("label.unattributed", lang))]
        decision = r.get("decision")
        if decision:
            parts.append(_e(t(f"decision.{decision}", lang) if f"decision.{decision}" in STRINGS else decision))
        parts.append(_link(r.get("url"), _source_name(r.get("source"), r.get("url"), lang)))
        lines.append(" · ".join(parts))
    return "\n".join(lines)

