"""Figure and statement extraction from Indonesian and English news text (see ``pipeline``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from claimwatch.extract.pipeline import Extractor

if TYPE_CHECKING:
    from claimwatch.config import Config

__all__ = ["Extractor", "extractor_from_config", "topic_subjects"]


def extractor_from_config(cfg: Config, *, include_quotes: bool = False) -> Extractor:
    """An extractor whose lexicons are extended by the config's [[concepts]] and [[actors]]."""
    from claimwatch.lexicon import ConceptLexicon, Gazetteer

    concepts = ConceptLexicon(extra={c.key: dict(c.words) for c in cfg.concepts}) if cfg.concepts else None
    actors = [
        {"name": a.name, "kind": a.kind, "side": a.side, "aliases": list(a.aliases)} for a in cfg.actors
    ]
    gazetteer = Gazetteer(extra=actors) if actors else None
    return Extractor(concepts, gazetteer, include_quotes=include_quotes)


def topic_subjects(cfg: Config, extractor: Extractor) -> dict[str, str]:
    """Topic id -> declared subject, in the canonical name figures use ("Korut" -> "North Korea")."""
    out: dict[str, str] = {}
    for t in cfg.topics:
        if t.subject:
            e = extractor.gazetteer.lookup(t.subject)
            out[t.id] = (e.side or e.name) if e is not None else t.subject
    return out
