"""Hand-made bilingual (Indonesian/English) lexicons: concepts and actors."""

from claimwatch.lexicon.concepts import (
    BROADER,
    CLASSIFIER_DEFAULT,
    CLASSIFIERS,
    LANGS,
    MODIFIERS,
    ConceptLexicon,
    ConceptMatch,
)
from claimwatch.lexicon.gazetteer import KINDS, Entity, EntityMatch, Gazetteer, possessive
from claimwatch.lexicon.text import (
    PhraseMatcher,
    SpanMatch,
    build_alternation,
    flatten,
    fold,
    is_exact,
    phrase_regex,
)

__all__ = [
    "BROADER",
    "CLASSIFIERS",
    "CLASSIFIER_DEFAULT",
    "KINDS",
    "LANGS",
    "MODIFIERS",
    "ConceptLexicon",
    "ConceptMatch",
    "Entity",
    "EntityMatch",
    "Gazetteer",
    "PhraseMatcher",
    "SpanMatch",
    "build_alternation",
    "flatten",
    "fold",
    "is_exact",
    "phrase_regex",
    "possessive",
]
