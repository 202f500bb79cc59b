"""Readable terminal output (rich) for extractions."""

from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.table import Table

from claimwatch.models import Extraction


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
