"""Readable terminal output (rich) for extractions."""

from __future__ import annotations

from typing import Any, TextIO

from rich.console import Console
from rich.table import Table

from claimwatch.models import Alert, AlertKind, Extraction
from claimwatch.store.queries import SeriesNow


def fmt_value(value: float | None) -> str:
    if value is None:
        return ""
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0")


def print_extraction(result: Extraction, out: TextIO) -> None:
    console = Console(file=out, width=max(100, Console(file=out).width), soft_wrap=False)
    table = Table(title=f"Figures ({len(result.figures)}) — language: {result.lang}", show_lines=False)
    for col in ("value", "bound", "what", "noun", "actor", "claimed by", "at"):
        table.add_column(col, overflow="fold")
    for f in result.figures:
        value = fmt_value(f.value) + (f"–{fmt_value(f.value_max)}" if f.value_max is not None else "")
        if f.unit == "percent":
            value += " %"
        elif f.unit:
            value = f"{f.unit} {value}"
        table.add_row(
            value + (" (earlier)" if f.past else ""),
            str(f.bound),
            f.what or "?",
            f.noun or "",
            f.actor or "",
            f.claimed_by or "",
            f"{f.start}–{f.end}",
        )
    console.print(table)
    st = Table(title=f"Statements ({len(result.statements)})")
    for col in ("speaker", "side", "stance", "quote"):
        st.add_column(col, overflow="fold")
    for s in result.statements:
        st.add_row(s.speaker, s.side or "", str(s.stance), s.quote or "")
    console.print(st)


def _v(value: float | None, value_max: float | None, unit: str | None = None) -> str:
    s = fmt_value(value) + (f"–{fmt_value(value_max)}" if value_max is not None else "")
    if unit == "percent":
        return s + "%"
    return f"{unit} {s}" if unit else s


def alert_line(a: Alert) -> str:
    """One readable line for an alert, for terminals and logs."""
    when = a.published.date().isoformat() if a.published else "?"
    if a.kind in (AlertKind.STATEMENT, AlertKind.STANCE_CHANGE):
        change = f"{a.previous_stance} → {a.stance}" if a.previous_stance else str(a.stance)
        side = f" (for {a.side})" if a.side and a.side != a.speaker else ""
        quote = f' "{a.quote}"' if a.quote else ""
        return f"[{a.kind}] {a.topic}: {a.speaker}{side}: {change}{quote} — {a.source or a.url} {when}"
    whose = f"{a.what}" + (f" ({a.actor})" if a.actor else "") + (f" [{a.scope}]" if a.scope else "")
    new = _v(a.value, a.value_max, a.unit)
    by = (f" per {a.claimed_by}" if a.claimed_by else "") + (
        f" via {', '.join(a.relayed_by)}" if a.relayed_by else "")
    if a.previous is None:
        return f"[{a.kind}] {a.topic}: {whose} = {new}{by} — {a.source or a.url} {when}"
    old = _v(a.previous, a.previous_max, a.unit)
    pct = f", {a.pct:+.1f}%" if a.pct is not None else ""
    delta = f" (Δ {a.delta:+,.0f}{pct})" if a.delta is not None else ""
    prev_by = f" per {a.previous_claimed_by}" if a.previous_claimed_by else ""
    prev_when = f" on {a.previous_published.date().isoformat()}" if a.previous_published else ""
    return (f"[{a.kind}] {a.topic}: {whose} {old} → {new}{delta}{by}; was{prev_by}{prev_when}"
            f" — {a.source or a.url} {when}")


def print_latest(topic: str, series: list[SeriesNow], out: TextIO) -> None:
    table = Table(title=f"{topic}: current figures")
    for col in ("what", "actor", "part", "value", "claimed by", "date", "sources", "others say"):
        table.add_column(col, overflow="fold")
    for s in series:
        others = "; ".join(f"{c}: {_v(v, vm)}" for c, v, vm in s.other_claims)
        table.add_row(s.what, s.actor or "", s.scope or "", _v(s.value, s.value_max),
                      ", ".join(s.claimants) or (s.claimed_by or ""),
                      s.published.date().isoformat(), str(s.corroboration), others)
    Console(file=out, width=120).print(table)


def print_history(topic: str, what: str, rows: list[dict[str, Any]], out: TextIO) -> None:
    table = Table(title=f"{topic}: {what} over time")
    for col in ("published", "actor", "part", "value", "claimed by", "decision", "source"):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(r["published"][:16].replace("T", " "), r["actor"] or "", r.get("scope") or "",
                      _v(r["value"], r["value_max"]),
                      r["claimed_by"] or "", r["decision"], r["source"] or r["url"] or "")
    Console(file=out, width=120).print(table)
