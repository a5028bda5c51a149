"""Where a text names the lexicon's entities and metrics: every alias, found in one linear pass over the text."""

# Why not reasoning.mentions.find_mentions: it runs one regular expression per alias over the text and
# compares every kept mention with every other, which is fine for a question but quadratic on a long
# article. Here the aliases are a dictionary of token sequences and the text is read once, left to
# right, longest alias first at each word; names are compared in the lexicon's normal form, and the last
# word of an alias also matches its plural or singular ("bus" finds "buses", "homes" finds "home").

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from typing import NamedTuple

from reasoning.evidence import Lexicon, Term
from reasoning.lexicon import normalize_name, word_forms

__all__ = ["MentionIndex", "Named"]

_TOKEN = re.compile(r"\w+|[^\w\s]")


class Named(NamedTuple):
    """Words of the text that name a term: `text[start:end]`; several keys when terms share the alias."""

    keys: tuple[str, ...]
    start: int
    end: int
    inside_entity: bool = False  # a metric word inside an entity's name ("buses" in "Metro Buses")


class _Table(NamedTuple):
    keys_by_alias: dict[str, tuple[str, ...]]
    first_tokens: frozenset[str]
    longest: int  # in tokens


class MentionIndex:
    """The entity and metric mentions of one text, queried by character range."""

    def __init__(self, text: str, lexicon: Lexicon) -> None:
        folded, origin = _fold(text)
        tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(folded)]
        entity_table, metric_table = _tables(lexicon)
        self.entities = _find(folded, origin, tokens, entity_table)
        metrics = _find(folded, origin, tokens, metric_table)
        self.metrics = _against_entities(metrics, self.entities)
        self._entity_starts = [m.start for m in self.entities]
        self._metric_starts = [m.start for m in self.metrics]

    def entities_in(self, start: int, end: int) -> list[Named]:
        return _within(self.entities, self._entity_starts, start, end)

    def metrics_in(self, start: int, end: int) -> list[Named]:
        return _within(self.metrics, self._metric_starts, start, end)


def _within(found: list[Named], starts: list[int], start: int, end: int) -> list[Named]:
    low = bisect.bisect_left(starts, start)
    high = bisect.bisect_left(starts, end)
    return [m for m in found[low:high] if m.end <= end]


@functools.lru_cache(maxsize=16)
def _tables(lexicon: Lexicon) -> tuple[_Table, _Table]:
    return _table(lexicon.entities), _table(lexicon.metrics)


def _table(terms: Sequence[Term]) -> _Table:
    keys_by_alias: dict[str, list[str]] = {}
    for term in terms:
        for alias in dict.fromkeys((term.name, *term.aliases)):
            for form in _alias_forms(alias):
                holders = keys_by_alias.setdefault(form, [])
                if term.key not in holders:
                    holders.append(term.key)
    first = frozenset(_first_token(form) for form in keys_by_alias)
    longest = max((len(_tokens_of(form)) for form in keys_by_alias), default=0)
    return _Table({k: tuple(v) for k, v in keys_by_alias.items()}, first, longest)


def _tokens_of(form: str) -> list[str]:
    return _TOKEN.findall(form)


def _first_token(form: str) -> str:
    tokens = _tokens_of(form)
    return tokens[0] if tokens else ""


def _alias_forms(alias: str) -> list[str]:
    normal = normalize_name(alias)
    matches = list(_TOKEN.finditer(normal))
    if not matches:
        return []
    last = matches[-1]
    head = _key(normal, [(m.start(), m.end()) for m in matches[:-1]])
    joiner = " " if len(matches) > 1 and last.start() > matches[-2].end() else ""
    return [f"{head}{joiner if head else ''}{form}" for form in word_forms(last.group())]


def _key(folded: str, spans: Sequence[tuple[int, int]]) -> str:
    # Tokens joined by one space where the text has any whitespace between them, by nothing where it has none.
    parts: list[str] = []
    previous_end = -1
    for start, end in spans:
        if parts and start > previous_end:
            parts.append(" ")
        parts.append(folded[start:end])
        previous_end = end
    return "".join(parts)


def _fold(text: str) -> tuple[str, list[int] | None]:
    """The text in the lexicon's normal form, and where each folded character came from (None: unchanged)."""
    cache: dict[str, str] = {}
    pieces = [cache.get(c) or cache.setdefault(c, " " if c.isspace() else normalize_name(c) or " ") for c in text]
    folded = "".join(pieces)
    if len(folded) == len(text):
        return folded, None
    origin = [index for index, piece in enumerate(pieces) for _ in piece]
    return folded, origin


def _find(folded: str, origin: list[int] | None, tokens: list[tuple[int, int]], table: _Table) -> list[Named]:
    found: list[Named] = []
    index = 0
    while index < len(tokens):
        start, end = tokens[index]
        if folded[start:end] not in table.first_tokens:
            index += 1
            continue
        best: tuple[int, tuple[str, ...]] | None = None
        key = ""
        previous_end = start
        for last in range(index, min(len(tokens), index + table.longest)):
            token_start, token_end = tokens[last]
            key += (" " if last > index and token_start > previous_end else "") + folded[token_start:token_end]
            previous_end = token_end
            if key in table.keys_by_alias:
                best = (last, table.keys_by_alias[key])
        if best is None:
            index += 1
            continue
        last, keys = best
        span_start, span_end = start, tokens[last][1]
        if origin is not None:
            span_start, span_end = origin[span_start], origin[span_end - 1] + 1
        found.append(Named(keys, span_start, span_end))
        index = last + 1
    return found


def _against_entities(metrics: list[Named], entities: list[Named]) -> list[Named]:
    """Drop metric words wrapped around an entity ("in Springfield"); mark those inside an entity's name."""
    kept: list[Named] = []
    starts = [e.start for e in entities]
    for metric in metrics:
        position = bisect.bisect_right(starts, metric.end)
        overlapping = [
            e for e in entities[max(0, position - 4) : position] if e.start < metric.end and metric.start < e.end
        ]
        if not overlapping:
            kept.append(metric)
        elif all(e.start <= metric.start and metric.end <= e.end for e in overlapping):
            kept.append(metric._replace(inside_entity=True))
    return kept
