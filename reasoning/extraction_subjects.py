"""Which entity a figure is about: its own noun phrase first, then its clause, then the discourse before it."""

# The order follows how news English carries a subject: "400 Metro Transit buses" names it in the
# figure's noun phrase; "Springfield bought 45 buses" in the clause's head; "Riverside district, where
# 300 homes were flooded" through a relative clause's antecedent; "The river burst its banks, forcing
# 1,500 to leave" through the clause before; "deaths were reported across the region" through a place;
# a sentence that names nothing continues its paragraph's subject; a paragraph that names nothing
# continues the last thing (not place) the previous paragraph named, or else the text's most-named entity.

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from reasoning.extraction_mentions import MentionIndex, Named
from reasoning.extraction_reading import words_between
from reasoning.extraction_text import Clause, Sentence

__all__ = ["SubjectFinder"]

_LOCATIVE_BEFORE = re.compile(
    r"(?i)\b(?:in|to|into|at|across|throughout|inside|within|around|near|outside|towards?|over)\s+(?:the\s+)?\Z"
)
_NOUN_PHRASE_BREAKS = frozenset(
    "in on at to into from for with by across during under after before through within alongside among as "
    "is are was were has have had will would".split()
)
_SILENT = ("dateline", "example")  # clauses whose names are never the subject


class SubjectFinder:
    """Remembers the subjects already chosen, so later figures can continue them."""

    def __init__(self, text: str, sentences: Sequence[Sentence], index: MentionIndex) -> None:
        self.text = text
        self.sentences = sentences
        self.index = index
        self.chosen: dict[tuple[int, int], str] = {}  # (sentence, clause) -> subject of its first figure
        self._named: tuple[int, list[Named]] = (-1, [])  # the last sentence's speaking names, reused per figure
        self._main: str | bool | None = False  # computed on first need

    def record(self, sentence: int, clause: int, key: str | None) -> None:
        if key is not None:
            self.chosen.setdefault((sentence, clause), key)

    def subject_for(self, position: int, figure: tuple[int, int]) -> tuple[str | None, str, Named | None]:
        """The subject key, how it was found ("noun", "clause", ..., "main_subject") and the words that
        named it when they are in the figure's sentence; (None, "none", None) when nothing fits."""
        sentence = self.sentences[position]
        clause_index = sentence.clause_at(figure[0])
        clause = sentence.clauses[clause_index]
        entities = self._speaking(position)
        in_clause = [e for e in entities if clause.holds(e.start)]
        if (noun := self._in_noun_phrase(figure, in_clause)) is not None:
            return noun.keys[0], "noun", noun
        if (head := self._head(clause, in_clause)) is not None:
            return head.keys[0], "clause", head
        if clause.opener == "relative" and (antecedent := self._antecedent(clause, entities)) is not None:
            return antecedent.keys[0], "antecedent", antecedent
        if (earlier := self._earlier_clause(position, clause_index, entities)) is not None:
            return earlier[0], "previous_clause", earlier[1]
        if in_clause:
            place = min(in_clause, key=lambda e: abs(e.start - figure[0]))
            return place.keys[0], "place", place
        # "In the Riverside district of the city, the flood left 150 homeless": the place the sentence opened
        # with, the first (most specific) one where several nest.
        earlier_places = [
            e
            for e in entities
            if e.start < clause.start and sentence.clauses[sentence.clause_at(e.start)].opener != "parenthetical"
        ]
        if earlier_places:
            return earlier_places[0].keys[0], "place", earlier_places[0]
        key, how = self._from_discourse(position)
        return key, how, None

    # --- within the sentence ---------------------------------------------------------------------------

    def _speaking(self, position: int) -> list[Named]:
        if self._named[0] != position:
            sentence = self.sentences[position]
            named = self.index.entities_in(sentence.start, sentence.end)
            self._named = (position, [e for e in named if not self._silent(sentence, e)])
        return self._named[1]

    def _silent(self, sentence: Sentence, entity: Named) -> bool:
        return sentence.clauses[sentence.clause_at(entity.start)].opener in _SILENT

    def _locative(self, clause: Clause, entity: Named) -> bool:
        return _LOCATIVE_BEFORE.search(self.text, max(clause.start, entity.start - 30), entity.start) is not None

    def _in_noun_phrase(self, figure: tuple[int, int], entities: Sequence[Named]) -> Named | None:
        # "400 Metro Transit buses", "80 percent of the old town", "five million Londoners".
        for entity in entities:
            if entity.start >= figure[1]:
                gap = words_between(self.text, figure[1], entity.start, limit=4)
                if len(gap) <= 3 and not any(w in _NOUN_PHRASE_BREAKS for w in gap):
                    return entity
                return None
        return None

    def _head(self, clause: Clause, entities: Sequence[Named]) -> Named | None:
        if clause.opener in _SILENT or clause.opener == "parenthetical":
            return None
        heads = [e for e in entities if not self._locative(clause, e)]
        return heads[0] if heads else None

    def _antecedent(self, clause: Clause, entities: Sequence[Named]) -> Named | None:
        # "the Caribbean country where ...": the name just before the relative word.
        before = [e for e in entities if e.end <= clause.start and not self.text[e.end : clause.start].strip(" ,")]
        return before[-1] if before else None

    def _earlier_clause(
        self, position: int, clause_index: int, entities: Sequence[Named]
    ) -> tuple[str, Named | None] | None:
        sentence = self.sentences[position]
        for index in range(clause_index - 1, -1, -1):
            earlier = sentence.clauses[index]
            if earlier.opener in (*_SILENT, "parenthetical"):
                continue
            if (position, index) in self.chosen:
                return self.chosen[(position, index)], None
            in_earlier = [e for e in entities if earlier.holds(e.start)]
            if (head := self._head(earlier, in_earlier)) is not None:
                return head.keys[0], head
            if earlier.opener == "relative" and (antecedent := self._antecedent(earlier, entities)) is not None:
                return antecedent.keys[0], antecedent
        return None

    # --- across sentences and paragraphs ---------------------------------------------------------------

    def _sentence_subject(self, position: int) -> str | None:
        sentence = self.sentences[position]
        entities = [e for e in self.index.entities_in(sentence.start, sentence.end) if not self._silent(sentence, e)]
        for index, clause in enumerate(sentence.clauses):
            if (head := self._head(clause, [e for e in entities if clause.holds(e.start)])) is not None:
                return head.keys[0]
            if (position, index) in self.chosen:
                return self.chosen[(position, index)]
        return None

    def _from_discourse(self, position: int) -> tuple[str | None, str]:
        paragraph = self.sentences[position].paragraph
        earlier = position - 1
        while earlier >= 0 and self.sentences[earlier].paragraph == paragraph:
            if (subject := self._sentence_subject(earlier)) is not None:
                return subject, "previous_sentence"
            earlier -= 1
        while earlier >= 0:
            sentence = self.sentences[earlier]
            named = [e for e in self.index.entities_in(sentence.start, sentence.end) if not self._silent(sentence, e)]
            if named:
                return self._last_in_paragraph(earlier)
            earlier -= 1
        main = self._main_subject()
        return (main, "main_subject") if main else (None, "none")

    def _last_in_paragraph(self, position: int) -> tuple[str | None, str]:
        paragraph = self.sentences[position].paragraph
        while position >= 0 and self.sentences[position].paragraph == paragraph:
            sentence = self.sentences[position]
            for entity in reversed(self.index.entities_in(sentence.start, sentence.end)):
                clause = sentence.clauses[sentence.clause_at(entity.start)]
                if not self._silent(sentence, entity) and not self._locative(clause, entity):
                    return entity.keys[0], "previous_paragraph"
            position -= 1
        main = self._main_subject()
        return (main, "main_subject") if main else (None, "none")

    def _main_subject(self) -> str | None:
        if self._main is False:
            counts = Counter(e.keys[0] for e in self.index.entities)
            first = {e.keys[0]: e.start for e in reversed(self.index.entities)}
            ranked = sorted(counts, key=lambda key: (-counts[key], first[key]))
            self._main = ranked[0] if ranked else None
        return self._main if isinstance(self._main, str) else None
