"""Name matching for the category tests: a canonical name must come out exactly, any other name
loosely (one's words a subset of the other's)."""

from __future__ import annotations

import re
from collections.abc import Collection


def _words(name: str) -> set[str]:
    return set(re.findall(r"[\w'’-]+", name.lower()))


def same_name(got: str | None, want: str | None, canonical: Collection[str] = ()) -> bool:
    """Both None, the canonical name exactly, or one's words a subset of the other's."""
    if got is None or want is None:
        return got is None and want is None
    if want in canonical:
        return got == want
    g, w = _words(got), _words(want)
    return bool(g) and (g <= w or w <= g)
