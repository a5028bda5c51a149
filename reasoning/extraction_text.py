"""How the extractor cuts a news text into paragraphs, sentences and clauses, in one linear pass."""

# Why clauses: a figure's subject, metric, modality and date are nearly always in its own clause, and the
# clause boundaries of news English are visible without a parser: punctuation, paired dashes and
# brackets, relative and subordinate words, "and" before a new verb, and "to" before a verb (a purpose or
# an infinitive complement). Everything here is about English, nothing about a topic.

from __future__ import annotations

import itertools
import re
from typing import NamedTuple

__all__ = ["Clause", "Sentence", "find_dateline", "split_sentences"]

Span = tuple[int, int]
MAX_SENTENCE_CHARS = 1000  # well above a news sentence; bounds the work per sentence


class Clause(NamedTuple):
    """One clause: its pieces (an outer clause continues around a parenthetical) and how it opens."""

    spans: tuple[Span, ...]
    opener: str  # "plain", "and", "to", "relative", "subordinate", "example", "parenthetical", "dateline"

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]

    def holds(self, position: int) -> bool:
        return any(start <= position < end for start, end in self.spans)


class Sentence(NamedTuple):
    start: int
    end: int
    paragraph: int
    clauses: tuple[Clause, ...]

    def clause_at(self, position: int) -> int:
        for index, clause in enumerate(self.clauses):
            if clause.holds(position):
                return index
        return min(range(len(self.clauses)), key=lambda i: abs(self.clauses[i].start - position))


# A full stop ends a sentence unless it closes an initial ("U.N.", "Mr.") or sits inside a number.
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])|\n")
_INITIAL_BEFORE = re.compile(
    r"(?:\b[A-Za-z]|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Col|Lt|Sgt|Prof|Rev|No|Vol|Jan|Feb|Aug|Sept?|Oct|Nov|Dec|vs|etc|Inc|Ltd|Co|Jr|Sr))\Z"
)
# Dateline: a date opening the text ("date 2024-03-15 The city has ..."), metadata rather than the time of
# the first sentence's figures.
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
_DATELINE_DATE = re.compile(
    r"\A\W*(?:(?i:date[d]?|published|updated|posted)\s*:?\s*)?"
    rf"(?:\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}\s+{_MONTH}\s+\d{{4}}|{_MONTH}\s+\d{{1,2}},?\s+\d{{4}})(?=\s)"
)
_PAIRED = re.compile(r"\([^()\n]{1,300}\)|—[^—\n]{1,200}—|–[^–\n]{1,200}–|\s-\s[^\n]{1,200}?\s-\s")
_CUT_AFTER = re.compile(r"(?<!\d)[,;:](?!\d)|[,;:](?=\s)|\s[—–-]\s|—|–")
_AUX = (
    r"(?:has|have|had|is|are|was|were|will|would|could|can|may|might|shall|should|must|did|does|do|also|then|"
    r"it|he|she|they|we|i|its|their|his|her|there)"
)
_NOT_VERB_AFTER_TO = (
    r"(?:the|a|an|its|their|his|her|our|this|that|these|those|some|about|around|over|more|nearly|almost|at|up|"
    r"under|just|roughly|approximately|all|each|every|another|other|date|and|or|be|[\d$£€])"
)
_CUT_BEFORE = re.compile(
    rf"(?i)\s(?P<and>(?:and|but|or|yet)\s+{_AUX}\b)"
    r"|\s(?P<relative>(?:where|which|who|whose|that)\b)"
    r"|\s(?P<subordinate>(?:since|because|although|though|while|whereas|unless|until|after|before|when|if)\b)"
    r"|\s(?P<according>according\s+to\b)"
    rf"|(?-i:\s(?P<to>to\s+(?!{_NOT_VERB_AFTER_TO}\b)[a-z]+\b))"
)
_FIXED_BEFORE_TO = re.compile(
    r"(?i)\b(?:according|due|prior|thanks|owing|close|next|compared|relation|addition|order)\Z"
)
_EXAMPLE_OPENERS = re.compile(r"(?i)\A\W*(?:including|such\s+as|among\s+them|like)\b")
_LIST_ITEM = re.compile(r"\A\W*(?:and\s+|or\s+)?(?:the\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}\W*\Z")
_DATELINE_PIECE = re.compile(r"\A\W*[A-Z][\w’'.-]*(?:\s*[\w’'.-]+){0,4}\W*\Z")


def find_dateline(text: str) -> Span | None:
    """The date a text opens with before its first sentence, if any."""
    match = _DATELINE_DATE.match(text)
    return (match.start(), match.end()) if match else None


def split_sentences(text: str, *, skip_until: int = 0) -> list[Sentence]:
    """Paragraphs (blank-line or line-break separated), sentences and clauses, each with its offsets."""
    sentences: list[Sentence] = []
    paragraph = 0
    position = skip_until
    for line in re.finditer(r"[^\n]+", text):
        if line.end() <= position:
            continue
        start = max(line.start(), position)
        for sentence_start, sentence_end in _sentences_in(text, start, line.end()):
            clauses = _clauses_in(text, sentence_start, sentence_end, first_of_paragraph=sentence_start == start)
            if clauses:
                sentences.append(Sentence(sentence_start, sentence_end, paragraph, tuple(clauses)))
        paragraph += 1
    return sentences


def _sentences_in(text: str, start: int, end: int) -> list[Span]:
    spans: list[Span] = []
    cursor = start
    for match in _SENTENCE_END.finditer(text, start, end):
        if match.group().startswith(".") and _INITIAL_BEFORE.search(text, max(start, match.start() - 6), match.start()):
            continue
        spans.append((cursor, match.end()))
        cursor = match.end()
    spans.append((cursor, end))
    bounded = [piece for span in spans for piece in _bounded(text, *span)]
    return [trimmed for span in bounded if (trimmed := _trim(text, *span)) is not None]


def _bounded(text: str, start: int, end: int) -> list[Span]:
    # A "sentence" without punctuation (a table, a dump) is cut into pieces of bounded length, so that the
    # per-sentence work stays linear in the text; the cut falls on a space where there is one.
    pieces: list[Span] = []
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS)
        cut = cut if cut > start else start + MAX_SENTENCE_CHARS
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces


def _clauses_in(text: str, start: int, end: int, *, first_of_paragraph: bool) -> list[Clause]:
    parentheticals = [(m.start(), m.end()) for m in _PAIRED.finditer(text, start, end)]
    cuts: dict[int, str] = {}
    for match in _CUT_AFTER.finditer(text, start, end):
        if not any(s <= match.start() < e for s, e in parentheticals):
            cuts.setdefault(match.end(), "plain")
    for match in _CUT_BEFORE.finditer(text, start, end):
        kind = next(name for name, value in match.groupdict().items() if value)
        if kind == "to" and _FIXED_BEFORE_TO.search(text, max(start, match.start() - 12), match.start()):
            continue  # "according to", "due to": a preposition, not an infinitive
        cuts[match.start() + 1] = "plain" if kind == "according" else kind
    outer_cuts = [c for c in cuts if not any(s < c < e for s, e in parentheticals)]
    boundaries = sorted({start, end, *outer_cuts, *(p for span in parentheticals for p in span)})
    clauses: list[Clause] = []
    last_outer = -1
    for left, right in itertools.pairwise(boundaries):
        piece = _trim(text, left, right)
        if piece is None:
            continue
        if any(s <= left < e for s, e in parentheticals):
            clauses.append(Clause((piece,), "parenthetical"))
            continue
        # An outer clause resumes after a parenthetical unless punctuation opened a new one there.
        if last_outer >= 0 and left not in cuts and any(e == left for _, e in parentheticals):
            resumed = clauses[last_outer]
            clauses[last_outer] = Clause((*resumed.spans, piece), resumed.opener)
            continue
        previous = clauses[last_outer].opener if last_outer >= 0 else "plain"
        opener = cuts.get(left, "plain") if left != start else "plain"
        opener = _refine_opener(text, piece, opener, previous, first_of_paragraph and not clauses, right, end)
        clauses.append(Clause((piece,), opener))
        last_outer = len(clauses) - 1
    return sorted(clauses, key=lambda clause: clause.start)


def _refine_opener(
    text: str, piece: Span, opener: str, previous: str, first: bool, right: int, sentence_end: int
) -> str:
    words = text[piece[0] : piece[1]]
    if _EXAMPLE_OPENERS.match(words):
        return "example"
    if previous == "example" and _LIST_ITEM.match(words):
        return "example"  # "including Leeds, York, Hull and Selby": the list goes on
    if first and right < sentence_end and text[right - 1] == ":" and _DATELINE_PIECE.match(words):
        return "dateline"  # "SPRINGFIELD:", "Springfield (AP):" before the sentence proper
    return opener


def _trim(text: str, start: int, end: int) -> Span | None:
    while start < end and (text[start].isspace() or text[start] in ",;:—–-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:—–-"):
        end -= 1
    return (start, end) if start < end else None
