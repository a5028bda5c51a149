"""The words around a figure that say how it stands: modality, stock or flow, who claims it, and denials."""

# Conventions (an editor's, written down once): "will"/"shall" state a commitment (pledged); "plans to",
# "would", "is expected to" a plan (planned); "goal", "target", "aims to" a goal; a headline's "City to
# buy 50 buses" a commitment. A future word cannot make a figure dated wholly in the past pledged or
# planned ("will replace the 400 buses bought last year"): the caller checks that against its time.

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from reasoning.extraction_mentions import Named
from reasoning.extraction_text import Sentence
from reasoning.types import MetricKind, Modality

__all__ = ["Denial", "ModalityCue", "find_claimant", "find_denials", "find_modality_cue", "kind_cue"]

_PLANNED_WORDS = (
    r"plans?|planned|planning|intends?|intended|intention|(?:set|expected|scheduled|preparing)\s+to\s+(?!be\b)\w+"
    r"|expects?|expecting|forecasts?|forecasting|forecasted|projected|projects|predicts?|predicted|predicting"
)
_CUES: list[tuple[Modality, bool, re.Pattern[str]]] = [
    (
        Modality.pledged,
        False,
        re.compile(r"(?i)\b(?:pledg\w*|promis(?:e|es|ed|ing)|vow(?:s|ed|ing)?|commitments?|committed\s+to)\b"),
    ),
    (Modality.pledged, True, re.compile(r"(?i)\b(?:will|shall)\b|\w['’]ll\b")),
    (Modality.planned, False, re.compile(rf"(?i)\b(?:{_PLANNED_WORDS})\b")),
    (Modality.planned, True, re.compile(r"(?i)\bwould\b")),
    (
        Modality.goal,
        False,
        re.compile(r"(?i)\b(?:goals?|targets?(?!ed)|targeting|objectives?|(?:aims?|aiming)\s+(?:to|for|at))\b"),
    ),
]
_HEADLINE_INFINITIVE = re.compile(r"\A\s+to\s+(?!(?:the|a|an|its|their|be)\b)[A-Za-z]+\b")

_INCREMENT_BEFORE = re.compile(r"(?i)\b(?:an?\s+)?(?:additional|extra|further|another|new|fresh)\s+\Z")
_INCREMENT_AFTER = re.compile(r"(?i)\A\s+(?:more|additional|extra|new|fresh|further)\b(?!\s+than\b)")
_STOCK_WORDS = re.compile(r"(?i)\b(?:total|totals|totalled|totaled|in\s+all|altogether|overall|strength)\b")
_PRESENT_WORDS = re.compile(r"(?i)\b(?:now|currently|so\s+far|to\s+date|as\s+of\s+now|at\s+present|presently|still)\b")

_REPORTING = re.compile(
    r"\b(?:said|says|reported|reports|estimated|estimates|announced|announces|told|noted|notes|recorded|records|"
    r"stated|states|confirmed|confirms|warned|warns|added|adds|clarified|insisted|acknowledged|admitted|denied|"
    r"denies|explained)\b"
)
_ACCORDING = re.compile(r"(?i)\baccording\s+to\s+(?P<who>[^,;.“”\"()]+)")
# "according to latest estimates" names no one: a source is a name, or a thing someone published "by" name.
_ANONYMOUS = frozenset("estimates estimate figures data statistics reports report toll count tally sources".split())
_NOT_SPEAKER = frozenset("also then has have had is are was were will would could may might been".split())
_PRONOUNS = frozenset("he she it they we i you this that which who".split())
_CLOSES_STATEMENT = re.compile(r"\s*(?:[.,;:\"“”]|that\b|$)")
_TRAILING_SPEAKER = re.compile(r"(?:[a-z]+\s+){0,2}[a-z]+")
_CLOSES_SENTENCE = re.compile(r"\s*(?:on\s+\w+\s*)?(?:[.;!?\"”]|$)")
_FORWARD_AFTER_VERB = re.compile(r"\A\s*(?:[\w’']+\s+){0,3}?(?:that\b|:|[\"“])")

_NO_BEFORE = re.compile(r"(?i)\bno\s+(?:new\s+|more\s+|further\s+|additional\s+|such\s+)?\Z")
_DENIAL_VERB = re.compile(r"(?i)\b(?:denied|denies|deny|denying|refuted|refutes|rejected\s+reports)\b")


class ModalityCue(NamedTuple):
    modality: Modality
    future_word: bool  # the cue is only a future auxiliary ("will", "would", "City to buy")


class Denial(NamedTuple):
    start: int  # where the denying words start ("no", "denied")
    metrics: tuple[Named, ...]  # the metric words it may deny, nearest first; the denial ends with the one chosen


def find_modality_cue(text: str, sentence: Sentence, clause_index: int, entities: Sequence[Named]) -> ModalityCue:
    """The earliest modality word in the figure's clause, the clauses governing an infinitive, and a
    coordinated predicate after it ("were being tested and would be ready"); else actual."""
    clauses = sentence.clauses
    scope = [clause_index]
    index = clause_index
    while clauses[index].opener == "to" and index > 0:
        index -= 1
        scope.insert(0, index)
    if clause_index + 1 < len(clauses) and clauses[clause_index + 1].opener == "and":
        scope.append(clause_index + 1)
    # One range from the first clause in scope to the last, so "aims | to run" reads as "aims to run".
    start, end = clauses[scope[0]].start, clauses[scope[-1]].end
    found: list[tuple[int, ModalityCue]] = []
    for modality, future, pattern in _CUES:
        if (match := pattern.search(text, start, end)) is not None:
            found.append((match.start(), ModalityCue(modality, future)))
    for entity in entities:
        if start <= entity.start and entity.end <= end and _HEADLINE_INFINITIVE.match(text[entity.end : end]):
            found.append((entity.end, ModalityCue(Modality.pledged, True)))  # "City to Buy 50 Buses"
    return min(found, key=lambda f: f[0])[1] if found else ModalityCue(Modality.actual, False)


def kind_cue(text: str, sentence: Sentence, figure: tuple[int, int]) -> MetricKind | None:
    """Flow for an increment ("45 more", "an additional 60"); stock for a total or a present level."""
    clause_index = sentence.clause_at(figure[0])
    clause = sentence.clauses[clause_index]
    if _INCREMENT_BEFORE.search(text, max(clause.start, figure[0] - 20), figure[0]) or _INCREMENT_AFTER.match(
        text[figure[1] : figure[1] + 20]
    ):
        return MetricKind.flow
    if any(_STOCK_WORDS.search(text, s, e) or _PRESENT_WORDS.search(text, s, e) for s, e in clause.spans):
        return MetricKind.stock
    # "As of now, only about 430 buses ...": an opening adverbial clause sets the present for the sentence.
    for earlier in sentence.clauses[:clause_index]:
        if len(text[earlier.start : earlier.end].split()) <= 4 and _PRESENT_WORDS.search(
            text, earlier.start, earlier.end
        ):
            return MetricKind.stock
    return None


def find_claimant(text: str, sentence: Sentence, figure: tuple[int, int]) -> tuple[str | None, bool]:
    """Who the sentence says states the figure, and whether that was a pronoun ("it said") to resolve."""
    options: list[tuple[int, str | None]] = []
    for match in _ACCORDING.finditer(text, sentence.start, sentence.end):
        who = match.group("who").strip()
        who = who.rsplit(" by ", 1)[-1].strip() if " by " in who else who
        if who.split()[-1].lower() in _ANONYMOUS and not any(w[:1].isupper() for w in who.split()):
            continue
        forward = match.start() < figure[0] and not text[sentence.start : match.start()].strip(' "“')
        if forward or match.start() >= figure[1]:
            options.append((abs(match.start() - figure[0]), who))
    for match in _REPORTING.finditer(text, sentence.start, sentence.end):
        if match.group() in ("added", "adds") and not _CLOSES_STATEMENT.match(text, match.end()):
            continue  # "has added 45 buses" adds buses; ", he added." reports
        who = _speaker_before(text, sentence.start, match) or _speaker_after(text, match.end(), sentence.end)
        if who is None:
            continue
        forward = _FORWARD_AFTER_VERB.match(text[match.end() : match.end() + 40]) is not None
        same_clause = sentence.clause_at(match.start()) == sentence.clause_at(figure[0])
        if same_clause or (forward and match.end() <= figure[0]) or (not forward and match.start() >= figure[1]):
            options.append((abs(match.start() - figure[0]), who))
    if not options:
        return None, False
    who = min(options, key=lambda o: o[0])[1]
    if who is not None and who.lower() in _PRONOUNS:
        return None, True
    return who, False


def _speaker_before(text: str, sentence_start: int, verb: re.Match[str]) -> str | None:
    verb_start = verb.start()
    window_start = max(sentence_start, verb_start - 80)
    window = text[window_start:verb_start]
    cut = max(window.rfind(c) for c in ',;:"“”')
    words = window[cut + 1 :].split()
    while words and (words[-1].lower().endswith("ly") or words[-1].lower() in _NOT_SPEAKER):
        words.pop()  # "the agency recently reported", "the council also recorded", "the ministry has said"
    words = words[-7:]
    if len(words) == 1 and words[0].lower() in _PRONOUNS:
        return words[0]  # "it said": the caller looks back for whom "it" is
    start = next((i for i, w in enumerate(words) if w[:1].isupper() or w.lower() == "the"), None)
    if (
        start is None
        and cut >= 0
        and window[cut] == ","
        and _TRAILING_SPEAKER.fullmatch(" ".join(words))
        and _CLOSES_SENTENCE.match(text, verb.end())
    ):
        return " ".join(words)  # "..., police said.": a bare plural speaker closing the sentence
    return " ".join(words[start:]) if start is not None else None


def _speaker_after(text: str, verb_end: int, sentence_end: int) -> str | None:
    match = re.match(r"\s+((?:[A-Z][\w’'.-]*\s*){1,6})", text[verb_end:sentence_end])
    return match.group(1).strip() if match else None


def find_denials(
    text: str, sentence: Sentence, metrics: Sequence[Named], figures: Sequence[tuple[int, int]]
) -> list[Denial]:
    """A metric stated as zero ("no deaths were reported", "denied that any homes were flooded"), once per
    denying word."""
    denials: list[Denial] = []
    by_verb: dict[int, list[Named]] = {}
    for metric in metrics:
        if metric.inside_entity:
            continue
        clause = sentence.clauses[sentence.clause_at(metric.start)]
        no = _NO_BEFORE.search(text, max(clause.start, metric.start - 30), metric.start)
        if no is not None:
            if not re.match(r"(?i)\s*than\b", text[metric.end : metric.end + 8]):
                denials.append(Denial(no.start(), (metric,)))
            continue
        # The denying verb may head the clause before ("denied | that any homes were flooded").
        verb = _DENIAL_VERB.search(text, max(sentence.start, metric.start - 80), metric.start)
        if verb is None or any(verb.start() < s < metric.end for s, _ in figures):
            continue
        if len(text[verb.end() : metric.start].split()) <= 8:
            by_verb.setdefault(verb.start(), []).append(metric)
    denials += [Denial(start, tuple(named)) for start, named in by_verb.items()]
    return sorted(denials)
