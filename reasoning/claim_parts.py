"""Which words of a claim go with which of its figures: the dependency parse pairs each figure with the names,
measures and times nearest it in the sentence's tree, so "the Union had 21 seats and Forward 19" is two parts
and "fell from 88 percent in 2019 to 61 percent in 2029" two parts at two times."""

from __future__ import annotations

import math
from collections.abc import Sequence

from reasoning.english import Reading

__all__ = ["assign_to_nearest", "distance", "tree_distance"]

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


def assign_to_nearest(reading: Reading, spans: Sequence[Span], anchors: Sequence[Span]) -> list[int]:
    """For each span, the index of the nearest anchor (the earlier anchor on a full tie)."""
    return [min(range(len(anchors)), key=lambda i: (*distance(reading, span, anchors[i]), i)) for span in spans]
