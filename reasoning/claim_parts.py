"""Which words of a claim go with which of its figures: the dependency parse pairs each figure with the names,
measures and times nearest it in the sentence's tree, so "the Union had 21 seats and Forward 19" is two parts
and "fell from 88 percent in 2019 to 61 percent in 2029" two parts at two times."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from reasoning.english import Reading

__all__ = ["assign_names", "assign_to_nearest", "distance", "tree_distance"]

Span = tuple[int, int]


def tree_distance(reading: Reading, a: int, b: int) -> float:
    """Edges between two tokens in the dependency tree; infinite across sentences."""
    if a == b:
        return 0
    depth_of: dict[int, int] = {}
    current, depth = a, 0
    while current not in depth_of:
        depth_of[current] = depth
        head = reading.tokens[current].head
        if head == current:
            break
        current, depth = head, depth + 1
    current, depth = b, 0
    seen: set[int] = set()
    while current not in seen:
        if current in depth_of:
            return depth_of[current] + depth
        seen.add(current)
        head = reading.tokens[current].head
        if head == current:
            break
        current, depth = head, depth + 1
    return math.inf


def distance(reading: Reading, one: Span, other: Span) -> tuple[float, int]:
    """How far apart two stretches of the text are: edges in the parse first, then characters between them
    (ties in the tree, such as two times both hanging from the verb, go to the closer words)."""
    first, second = reading.tokens_in(*one), reading.tokens_in(*other)
    edges = min((tree_distance(reading, a.i, b.i) for a in first for b in second), default=math.inf)
    gap = max(0, max(one[0], other[0]) - min(one[1], other[1]))
    return edges, gap


# Between a coordinated clause's subject and its figure: its verb, at most ("and the Farmers League won three").
_CLAUSE_VERB = frozenset({"VERB", "AUX", "ADV", "PART"})
_MAX_VERB_WORDS = 3


def assign_names(reading: Reading, names: Sequence[Span], figures: Sequence[Span]) -> list[int]:
    """For each name, the index of the figure it goes with: the nearest in the parse, except that a name opening
    a coordinated clause goes with that clause's figure ("won 9 seats and the Farmers League won three", "9 seats
    and the Farmers League 3"), which the parse often hangs on the wrong word of the clause before, and that a
    part of a figure before it ("520 dead in Sovrec, 250 of them in Ilzen") takes no name written before it."""
    nearest = [_nearest_but_parts_after(reading, name, figures) for name in names]
    return [_clause_figure(reading, name, figures, fallback) for name, fallback in zip(names, nearest, strict=True)]


# "250 of them", "two of whom": a figure that counts part of the one before it; its own names follow it.
_PART_OF_THE_BEFORE = re.compile(r"(?i)\s+of\s+(?:them|those|whom|which|these)\b")


def _nearest_but_parts_after(reading: Reading, name: Span, figures: Sequence[Span]) -> int:
    candidates = [
        index
        for index, figure in enumerate(figures)
        if not (index > 0 and name[1] <= figure[0] and _PART_OF_THE_BEFORE.match(reading.text, figure[1]))
    ]
    return min(candidates, key=lambda i: (*distance(reading, name, figures[i]), i))


def _clause_figure(reading: Reading, name: Span, figures: Sequence[Span], fallback: int) -> int:
    words = reading.tokens_in(*name)
    if not words:
        return fallback
    before = [t for t in reading.tokens[: words[0].i] if t.pos != "DET"]
    if not before or not (before[-1].pos == "CCONJ" or before[-1].text == ","):
        return fallback
    for index, figure in enumerate(figures):
        if figure[0] < name[1]:
            continue
        between = [t for t in reading.tokens if name[1] <= t.start and t.end <= figure[0]]
        if len(between) <= _MAX_VERB_WORDS and all(t.pos in _CLAUSE_VERB for t in between):
            return index
        return fallback  # only the first figure after the name can be its clause's
    return fallback


def assign_to_nearest(reading: Reading, spans: Sequence[Span], anchors: Sequence[Span]) -> list[int]:
    """For each span, the index of the nearest anchor (the earlier anchor on a full tie)."""
    return [min(range(len(anchors)), key=lambda i: (*distance(reading, span, anchors[i]), i)) for span in spans]
