"""Which metric a figure counts, read from the words around it in its sentence."""

# The rules are about English word order, never about a topic: the metric is the predicate the counted
# things undergo ("20 drivers had handed in their notice"), else the noun the figure counts
# ("45 more buses"), else the verb or noun just before it ("the flood forced out more than a thousand",
# "a population of over 11 million"), else the nearest metric word in the clause, then in the sentence.
# Percentages only count metrics measured in percent, and counts only the others.

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from reasoning.evidence import Lexicon, MetricInfo
from reasoning.extraction_mentions import Named
from reasoning.extraction_text import Clause, Sentence
from reasoning.lexicon import normalize_name
from reasoning.types import MetricKind

__all__ = ["MetricChoice", "choose_metric", "is_modifier", "shift_kind", "words_between"]

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d[\d,.]*")
_PREPOSITIONS = frozenset(
    "in on at to into from for with by across during under after before through throughout within alongside among "
    "between against toward towards around near as since despite without per via over".split()
)
_AUXILIARIES = frozenset(
    "is are was were be been being has have had will would could can may might shall should must do does did".split()
)
# A word after one of these, with at most two words between, modifies something else ("on their arrival").
_MODIFIER_BEFORE = re.compile(
    r"(?i)\b(?:in|on|at|into|for|with|by|across|during|through|throughout|within|among|around|from|under|after|"
    r"before|alongside)\s+(?:[\w’'-]+\s+){0,2}\Z"
)
_CHANGE_WORDS = frozenset(
    "more fewer less increase increased rise rose higher lower decrease decreased drop fell".split()
)
_SHARE_BASE = re.compile(r"(?i)\b(?:share|proportion|percentage|fraction|part)\s+of\s+(?:the\s+|all\s+)?([\w-]+)")
_STOP = frozenset(
    "a an the of in on to at for by with from as and or is are was were who whom which that share proportion "
    "percentage percent fraction them their its".split()
)

WINDOW = 200  # characters either side of a figure where its metric word may stand
# Roles, best first.
PRED, NOUN, BEFORE, NOUN_IN_ENTITY, CLAUSE, SENTENCE = range(6)


class MetricChoice(NamedTuple):
    key: str
    mention: Named | None  # None when the metric was read from the sentence's words rather than one alias
    how: str  # "alias", "share_words", "difference"


def words_between(
    text: str, start: int, end: int, skip: Sequence[tuple[int, int]] = (), *, limit: int = 12
) -> list[str]:
    """The first `limit` lower-cased words of text[start:end], leaving out the spans in `skip` (entity
    names, asides). The limit keeps the work per figure bounded: no rule reads further than a few words."""
    words: list[str] = []
    cursor = start
    for skip_start, skip_end in sorted(span for span in skip if span[0] < end and start < span[1]):
        words += (m.group().lower() for m in _WORD.finditer(text, cursor, max(cursor, skip_start)))
        cursor = max(cursor, skip_end)
        if len(words) >= limit:
            return words[:limit]
    words += (m.group().lower() for m in _WORD.finditer(text, cursor, max(cursor, end)))
    return words[:limit]


def is_modifier(text: str, clause: Clause, mention: Named) -> bool:
    """Whether a mention sits in a prepositional phrase of its clause ("in the last delivery")."""
    start = max(clause.start, mention.start - 60)
    return _MODIFIER_BEFORE.search(text, start, mention.start) is not None


def choose_metric(
    text: str,
    sentence: Sentence,
    figure: tuple[int, int],
    *,
    is_percent: bool,
    is_difference: bool,
    metrics: Sequence[Named],
    entities: Sequence[Named],
    figures: Sequence[tuple[int, int]],
    lexicon: Lexicon,
) -> MetricChoice | None:
    """The metric a figure counts, or None when no metric word of the lexicon fits it."""
    infos = {info.key: info for info in lexicon.metric_info}
    clause = sentence.clauses[sentence.clause_at(figure[0])]
    low, high = figure[0] - WINDOW, figure[1] + WINDOW
    asides = [span for c in sentence.clauses if c is not clause and c.opener == "parenthetical" for span in c.spans]
    skip = [(e.start, e.end) for e in entities if low <= e.start < high] + [
        a for a in asides if low < a[1] and a[0] < high
    ]
    figures = [f for f in figures if low <= f[0] < high]
    ranked: list[tuple[tuple[int, int, int], str, Named]] = []
    for mention in (m for m in metrics if low <= m.start < high):
        keys = [k for k in mention.keys if _unit_fits(infos.get(k), is_percent)]
        if not keys or (mention.start < figure[1] and figure[0] < mention.end):
            continue
        role, distance = _role(text, clause, figure, mention, skip, figures)
        modifier = int(clause.holds(mention.start) and is_modifier(text, clause, mention))
        for key in keys:
            ranked.append(((role, modifier, distance), key, mention))
    if ranked:
        _, key, mention = min(ranked, key=lambda item: item[0])
        if not is_difference:
            return MetricChoice(key, mention, "alias")
        changed = _change_metric(key, lexicon, infos, is_percent)
        return MetricChoice(changed, mention, "difference") if changed else None
    if is_percent:
        return _share_by_words(text, sentence, figure, lexicon, infos)
    return None


def shift_kind(key: str, cue: MetricKind | None, infos: dict[str, MetricInfo], flows_named: set[str]) -> str:
    """Move between a stock and the flow that feeds it when the wording says which one is meant."""
    info = infos.get(key)
    if info is None:
        return key
    feeding = [f.key for f in infos.values() if f.feeds == key and f.kind is MetricKind.flow]
    if cue is MetricKind.flow and info.kind is MetricKind.stock and feeding:
        named = [f for f in feeding if f in flows_named]
        return (named or feeding)[0] if len(named or feeding) == 1 else key
    if cue is MetricKind.stock and info.kind is MetricKind.flow and info.feeds in infos:
        return info.feeds or key
    if cue is None and info.kind is MetricKind.stock:
        named = [f for f in feeding if f in flows_named]
        if len(named) == 1:
            return named[0]  # "the delivery included 40 buses": the flow is the more specific reading
    return key


def _unit_fits(info: MetricInfo | None, is_percent: bool) -> bool:
    if info is None:
        return True
    return info.in_percent == is_percent


def _role(
    text: str,
    clause: Clause,
    figure: tuple[int, int],
    mention: Named,
    skip: Sequence[tuple[int, int]],
    figures: Sequence[tuple[int, int]],
) -> tuple[int, int]:
    if not clause.holds(mention.start):
        return SENTENCE, abs(mention.start - figure[0]) // 6
    after = mention.start >= figure[1]
    low, high = (figure[1], mention.start) if after else (mention.end, figure[0])
    gap = words_between(text, low, high, skip)
    if any(low <= s < high for s, _ in figures):
        return CLAUSE, len(gap) + 5  # another figure stands between: its words, not this one's
    if not after:
        return (BEFORE if gap in ([], ["of"], ["by"]) and not mention.inside_entity else CLAUSE), len(gap)
    breaks = [w for w in gap if w in _PREPOSITIONS and w != "of"]
    if len(gap) <= 3 and not breaks and not any(w in _AUXILIARIES for w in gap):
        return (NOUN_IN_ENTITY if mention.inside_entity else NOUN), len(gap)
    if any(w in _AUXILIARIES for w in gap) and len(gap) <= 10 and not mention.inside_entity:
        return PRED, len(gap)
    return CLAUSE, len(gap)


def _content_words(phrase: str) -> set[str]:
    words = {w for w in re.findall(r"[\w-]+", normalize_name(phrase)) if w not in _STOP}
    return words | {w[:-1] for w in words if w.endswith("s") and len(w) > 3}


def _change_metric(base: str, lexicon: Lexicon, infos: dict[str, MetricInfo], is_percent: bool) -> str | None:
    """A metric that counts the change in `base` ("more buses than"), for a figure written as a difference."""
    term = next((t for t in lexicon.metrics if t.key == base), None)
    if term is None:
        return None
    base_words = set().union(*(_content_words(a) for a in (term.name, *term.aliases)))
    scores: dict[str, int] = {}
    for candidate in lexicon.metrics:
        if candidate.key == base or not _unit_fits(infos.get(candidate.key), is_percent):
            continue
        for alias in candidate.aliases:
            words = _content_words(alias)
            if words & _CHANGE_WORDS and words & base_words:
                scores[candidate.key] = scores.get(candidate.key, 0) + 1
    return max(scores, key=lambda k: scores[k]) if scores else None


def _share_by_words(
    text: str, sentence: Sentence, figure: tuple[int, int], lexicon: Lexicon, infos: dict[str, MetricInfo]
) -> MetricChoice | None:
    """A share named by its words rather than an alias ("one in five buses" idle, for the share of buses idle)."""
    sentence_words = _content_words(text[sentence.start : sentence.end])
    following = words_between(text, figure[1], min(sentence.end, figure[1] + 40))
    following = [w for w in following if w not in _STOP][:1]
    best: tuple[tuple[int, int], str] | None = None
    for term in lexicon.metrics:
        if not _unit_fits(infos.get(term.key), True) or term.key not in infos:
            continue
        names = (term.name, *term.aliases)
        words = set().union(*(_content_words(n) for n in names))
        overlap = len(words & sentence_words)
        bases = {b.group(1).lower() for n in names if (b := _SHARE_BASE.search(n))}
        base_fits = int(
            bool(following) and bool(_content_words(following[0]) & set().union(*map(_content_words, bases or {""})))
        )
        if base_fits or overlap >= 2:
            score = (base_fits, overlap)
            if best is None or score > best[0]:
                best = (score, term.key)
    return MetricChoice(best[1], None, "share_words") if best else None
