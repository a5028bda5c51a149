"""Movements of a level: what "rose", "fell", "doubled" or "nearly halved" say about its values at two times.

A movement is checked against the level's values at the period's two ends, with or without figures of its own:
"rose from 309 to 431" (the verb must agree with its figures) and "doubled between 16 and 20 October" (the
values on record at the two ends must have doubled). The verbs are the language's, not any story's.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Literal

import msgspec

from reasoning.english import Reading, Token
from reasoning.figures import FigureSettings
from reasoning.types import Interval, TimeSpan

__all__ = [
    "DOWN",
    "FACTORS",
    "UP",
    "Movement",
    "agrees",
    "allowed_ratio",
    "movement_ends",
    "movement_of",
    "ratio_estimate",
]

# Verbs and nouns of a change: "grew by 5,000", "an increase of 200".
UP = frozenset("grow rise increase climb gain expand jump swell soar growth".split())
DOWN = frozenset("fall drop decline decrease shrink sink plunge contract dip slide loss reduction cut".split())
# Verbs of a level growing or shrinking a number of times over: "doubled from 212 to 402".
FACTORS = {"double": 2.0, "triple": 3.0, "treble": 3.0, "quadruple": 4.0, "halve": 0.5}

FactorRelation = Literal["about", "nearly", "at_least"]


class Movement(msgspec.Struct, frozen=True, kw_only=True):
    """What a verb of movement says: a direction, and for "doubled" or "halved" how many times over (`factor`,
    2 or 0.5) within what (`relation`: about it, nearly it, or at least it)."""

    verb: str  # the word as written
    direction: Literal["up", "down"]
    factor: float | None = None
    relation: FactorRelation | None = None


def movement_of(reading: Reading, verb: Token) -> Movement | None:
    """The movement a verb states, with its modifiers ("nearly doubled", "more than tripled"); None when the
    verb states none ("went from 309 to 431")."""
    if verb.lemma in UP:
        return Movement(verb=verb.text, direction="up")
    if verb.lemma in DOWN:
        return Movement(verb=verb.text, direction="down")
    factor = FACTORS.get(verb.lemma)
    if factor is None:
        return None
    adverbs = [t for t in reading.children(verb.i) if t.dep == "advmod" and t.lemma in ("nearly", "almost", "more")]
    modifiers = {t.lemma for t in adverbs}
    relation: FactorRelation = (
        "nearly" if modifiers & {"nearly", "almost"} else "at_least" if "more" in modifiers else "about"
    )
    # the words as written, "nearly doubled", "more than tripled", so an explanation quotes what was claimed
    said = sorted([verb, *(t for a in adverbs for t in reading.subtree(a.i))], key=lambda t: t.i)
    words = reading.text[said[0].start : said[-1].end] if said[-1].i - said[0].i < 4 else verb.text
    return Movement(verb=words, direction="up" if factor >= 1 else "down", factor=factor, relation=relation)


def allowed_ratio(movement: Movement, settings: FigureSettings) -> tuple[float, float]:
    """The ratios of the larger end to the smaller that a movement a number of times over allows. A shrinking
    is measured the other way up: "halved from 300 to 160" is 1.875 times less, nearly twice."""
    assert movement.factor is not None  # only a movement a number of times over has a ratio
    factor = movement.factor if movement.factor >= 1 else 1 / movement.factor
    if movement.relation == "nearly":
        return factor * (1 - settings.nearly_tolerance), factor
    if movement.relation == "at_least":
        return factor, math.inf
    return factor * (1 - settings.approximate_tolerance), factor * (1 + settings.approximate_tolerance)


def agrees(movement: Movement, start: float, end: float, settings: FigureSettings) -> bool:
    """Whether going from `start` to `end` is the movement stated."""
    if movement.factor is None:
        return end > start if movement.direction == "up" else end < start
    if start <= 0 or end <= 0:
        return False
    low, high = allowed_ratio(movement, settings)
    ratio = end / start if movement.direction == "up" else start / end
    return low <= ratio <= high


def ratio_estimate(movement: Movement, start: Interval, end: Interval) -> Interval | None:
    """How many times over the level went in the movement's direction, as an interval from the two ends' own
    intervals; None when an end is not a positive figure (no ratio can be told)."""
    larger, smaller = (end, start) if movement.direction == "up" else (start, end)
    if smaller.best <= 0 or larger.best <= 0:
        return None
    low = None if larger.low is None or smaller.high is None or smaller.high <= 0 else larger.low / smaller.high
    high = None if larger.high is None or smaller.low is None or smaller.low <= 0 else larger.high / smaller.low
    return Interval(low=low, best=larger.best / smaller.best, high=high, rule="ratio")


def movement_ends(time: TimeSpan) -> tuple[dt.date, dt.date] | None:
    """The two days whose levels a movement over `time` compares. Between two days named ("between 16 and 20
    October", "from 4 to 10 March") they are those days, as a writer comparing two days' figures means them;
    over a period ("in October", "in 2024", "since March") the day before it starts and its last day, so that
    what moved on its first day counts. None when the ends are not days and could mean either ("between 2023
    and 2024": the two years' levels, or the span of both?) or the time has no two ends."""
    if time.start is None or time.end is None or time.start >= time.end:
        return None
    rule = time.rule.removeprefix("explicit_")
    if rule.startswith("between_days"):
        return time.start, time.end
    if rule.startswith(("between_", "either_")):
        return None
    return time.start - dt.timedelta(days=1), time.end
