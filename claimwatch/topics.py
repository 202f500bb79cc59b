"""Topic relevance: keywords matched case- and diacritic-insensitively on word boundaries."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from claimwatch.lexicon.text import fold

IMPLICIT_TOPIC = "default"


@dataclass(frozen=True, slots=True)
class TopicMatcher:
    id: str
    keywords: tuple[str, ...]
    require_any: tuple[str, ...] = ()

    def _rx(self, words: Sequence[str]) -> re.Pattern[str] | None:
        parts = [re.escape(fold(w)).replace(r"\ ", r"\s+") for w in words if w.strip()]
        if not parts:
            return None
        return re.compile(r"(?<!\w)(?:" + "|".join(sorted(parts, key=len, reverse=True)) + r")(?!\w)")

    def matches(self, title: str | None, text: str) -> bool:
        hay = fold(f"{title or ''}\n{text}")
        kw = self._rx(self.keywords)
        if kw is None or not kw.search(hay):
            return False
        req = self._rx(self.require_any)
        return req is None or bool(req.search(hay))


def relevant_topics(matchers: Sequence[TopicMatcher], title: str | None, text: str) -> list[str]:
    """Ids of the topics an article belongs to; with no topics defined, the implicit one."""
    if not matchers:
        return [IMPLICIT_TOPIC]
    return [m.id for m in matchers if m.matches(title, text)]
