"""The words around a figure that say how it stands: modality, stock or flow, who claims it, and denials."""

# Modality is read by reasoning.modality, the one reader of it for extraction, questions and claims.

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from reasoning.extraction_mentions import Named
from reasoning.extraction_text import Sentence
from reasoning.modality import ModalityFound, modality_of_figure
from reasoning.types import MetricKind

__all__ = ["Denial", "find_claimant", "find_denials", "find_modality_cue", "kind_cue"]

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


class Denial(NamedTuple):
    start: int  # where the denying words start ("no", "denied")
    metrics: tuple[Named, ...]  # the metric words it may deny, nearest first; the denial ends with the one chosen


def find_modality_cue(text: str, sentence: Sentence, figure: tuple[int, int]) -> ModalityFound:
    """The modality of the figure at `figure`, read from the grammar of its sentence (reasoning.modality)."""
    start = sentence.start
    return modality_of_figure(text[start : sentence.end], figure[0] - start, figure[1] - start)


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
