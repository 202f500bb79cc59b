"""Plain data shared by every stage: figures, statements, extraction results.

Everything here is immutable and free of I/O so that any package may import it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any


class Bound(StrEnum):
    """How a figure relates to the true quantity."""

    EXACT = "exact"
    ABOUT = "about"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"


class Stance(StrEnum):
    DENIAL = "denial"
    NON_DENIAL = "non_denial"
    CONFIRMATION = "confirmation"
    CLAIM = "claim"
    QUOTE = "quote"


@dataclass(frozen=True, slots=True)
class Figure:
    """One number in the text with its meaning and its source."""

    value: float
    value_max: float | None
    approx: bool
    bound: Bound
    what: str | None  # concept key, e.g. "troops", "killed", "percent", "usd"
    noun: str | None  # the counted noun as written
    actor: str | None  # whose (canonical name), e.g. "North Korea"
    claimed_by: str | None  # who asserts it
    sentence: str
    start: int
    end: int
    unit: str | None = None  # "percent", currency code, ...
    past: bool = False  # the text marks it as an earlier value ("sebelumnya", "up from")

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["bound"] = str(self.bound)
        return d


@dataclass(frozen=True, slots=True)
class Statement:
    """An attributed statement: who said what, and with which stance."""

    speaker: str
    stance: Stance
    quote: str | None
    sentence: str
    start: int
    end: int
    side: str | None = None  # the side the speaker speaks for (Putin -> Russia)
    about: str | None = None  # short text of what was denied/confirmed, if found

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["stance"] = str(self.stance)
        return d


@dataclass(frozen=True, slots=True)
class Extraction:
    lang: str
    figures: tuple[Figure, ...] = ()
    statements: tuple[Statement, ...] = ()


@dataclass(frozen=True, slots=True)
class ArticleInput:
    """An article as the extractor and tracker see it."""

    url: str
    text: str
    published: datetime | None = None
    title: str | None = None
    source: str | None = None
    lang: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
