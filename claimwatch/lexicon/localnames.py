"""Canonical names as an Indonesian reader says them, from the lexicon's own entries.

The extractor keeps parties under one canonical English name ("North Korea", "Ukraine's military
intelligence", "South Korea's NIS"). For an Indonesian chat, :func:`local_name` says them the
Indonesian way, built from the gazetteer's data rather than by replacing strings:

- a country → its Indonesian name (the first alias of our own country list, which is the
  Indonesian one; else CLDR's Indonesian name through Babel): "Korea Utara", "Rusia";
- "<country>'s <institution>" → the institution's Indonesian name, then the country's:
  "intelijen militer Ukraina", "kementerian pertahanan Rusia"; an acronym or a name keeps its
  form: "NIS Korea Selatan";
- anything else (a person, an acronym, an outlet) stays as it is.
"""

from __future__ import annotations

from functools import lru_cache

from claimwatch.lexicon.data_gazetteer import COUNTRIES, ENTITIES, INSTITUTIONS
from claimwatch.lexicon.text import fold

__all__ = ["local_name"]


@lru_cache(maxsize=1)
def _countries_id() -> dict[str, str]:
    from babel import Locale

    en, idn = Locale("en").territories, Locale("id").territories
    out = {fold(en_name): idn[code] for code, en_name in en.items() if len(code) == 2 and code in idn}
    for name, aliases, _demonyms in COUNTRIES:  # ours, where CLDR calls it otherwise ("Palestine")
        first = next((a.strip() for a in aliases.split("|") if a.strip() and not a.startswith("=")), name)
        out.setdefault(fold(name), first)
    return out


@lru_cache(maxsize=1)
def _entities_id() -> dict[str, str]:
    """Named bodies whose aliases include an Indonesian one ("Kementerian Kesehatan Gaza")."""
    starts = tuple(fold(v) for v in _institutions_id().values())
    out: dict[str, str] = {}
    for name, _kind, _side, aliases in ENTITIES:
        for a in aliases.split("|"):
            if a.strip() and not a.startswith("=") and fold(a).startswith(starts) and fold(a) != fold(name):
                out[fold(name)] = a.strip()
                break
    return out


@lru_cache(maxsize=1)
def _institutions_id() -> dict[str, str]:
    out: dict[str, str] = {}
    for key, _kind, _countable, id_aliases, en_aliases in INSTITUTIONS:
        first = next((a.strip() for a in id_aliases.split("|") if a.strip()), key)
        for en in (key, *en_aliases.split("|")):
            if en.strip() and not en.startswith("="):
                out.setdefault(fold(en), first)
    return out


@lru_cache(maxsize=512)
def local_name(name: str, lang: str) -> str:
    """``name`` as a reader of ``lang`` says it (unchanged for English and for what the lexicon
    does not know)."""
    if lang != "id" or not name:
        return name
    countries = _countries_id()
    hit = countries.get(fold(name)) or _entities_id().get(fold(name))
    if hit:
        return hit
    for sep in ("'s ", "’s "):
        if sep in name:
            owner, thing = name.split(sep, 1)
            country = countries.get(fold(owner))
            if country is None:
                return name
            inst = _institutions_id().get(fold(thing))
            return f"{inst or thing} {country}"
    return name
