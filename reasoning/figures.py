"""Written figures ("over 600", "a thousand", "80%", "one in eight") become the intervals they are evidence of."""

# Library: text2num's `find_numbers`, run over our own tokens, reads number words ("five million",
# "twenty-five", "one hundred and five"), flags ordinals ("second") and keeps token positions, so every
# figure keeps its character offsets. Its `alpha2digit` was tried and not used: it rewrites the text, so
# offsets are lost. Neither knows "a thousand", "a dozen", "half" or "one in eight", and no library knows
# news qualifiers ("over", "nearly", "some") or the rounding conventions; those are written here.

from __future__ import annotations

import math
import re
from decimal import Decimal
from typing import NamedTuple

import msgspec
from text_to_num import find_numbers  # type: ignore[import-untyped]  # text2num ships no type hints

from reasoning.dates import find_date_phrases
from reasoning.errors import UnparseableFigure
from reasoning.types import Interval

__all__ = [
    "DEFAULT_FIGURE_SETTINGS",
    "QUALIFIERS",
    "Figure",
    "FigureSettings",
    "FoundFigure",
    "drop_float_noise",
    "find_figures",
    "interval_for",
    "intervals_overlap",
    "parse_figure",
]


class FigureSettings(msgspec.Struct, frozen=True, kw_only=True):
    """How far a rounded figure may stand from the truth. Tolerances are fractions of the figure."""

    round_tolerance: float = 0.10  # bare round figure "400", "1,000": X ± 10%
    approximate_tolerance: float = 0.10  # "around/about/some/roughly/an estimated X": X ± 10%
    more_than_tolerance: float = 0.10  # "over/more than/above X": X .. X(1+t), a figure rounded down
    nearly_tolerance: float = 0.10  # "nearly/almost/just under/close to X": X(1-t) .. X, a figure rounded up
    round_min_trailing_zeros: int = 2  # 400, 1,000, 5,600 are round; 217, 144, 5,601 are exact
    # A round figure of this many significant digits or more ("12,300", "15,600") is no bare round figure
    # ("400", "2,500"): its digits say it was given to the hundred, so it stands for one unit of its last
    # non-zero digit either side (12,200 to 12,400), never for anything within the whole tolerance.
    round_precise_digits: int = 3

    def __post_init__(self) -> None:
        tolerances = (self.round_tolerance, self.approximate_tolerance, self.more_than_tolerance, self.nearly_tolerance)
        if not all(0 <= t < 1 for t in tolerances):
            raise ValueError("figure tolerances are fractions of the figure: each must be at least 0 and below 1")
        if self.round_min_trailing_zeros < 0:
            raise ValueError("round_min_trailing_zeros must be 0 or more")
        if self.round_precise_digits < 1:
            raise ValueError("round_precise_digits must be 1 or more")


DEFAULT_FIGURE_SETTINGS = FigureSettings()


class Figure(msgspec.Struct, frozen=True, kw_only=True):
    """One written figure: the words, the bare number, how it was qualified, and the interval it supports.

    `comparison` is the trailing comparison when the figure is a difference ("a thousand more than in
    2023" has number 1000 and comparison "more than in 2023"), else None: the interval is then the size of
    the difference, not a level.
    """

    value_text: str
    number: float
    qualifier: str
    is_percent: bool
    interval: Interval
    comparison: str | None = None


class FoundFigure(msgspec.Struct, frozen=True, kw_only=True):
    """A figure located in a longer text: `text[start:end] == figure.value_text`."""

    figure: Figure
    start: int
    end: int


QUALIFIERS = frozenset({"none", "exact", "approximate", "more_than", "nearly", "at_least", "at_most", "less_than"})

# Words a source puts before a figure, and the convention each names.
_QUALIFIER_WORDS: dict[str, str] = {
    "no more than": "at_most",
    "not more than": "at_most",
    "no fewer than": "at_least",
    "no less than": "at_least",
    "not less than": "at_least",
    "a minimum of": "at_least",
    "a maximum of": "at_most",
    "approximately": "approximate",
    "an estimated": "approximate",
    "in excess of": "more_than",
    "just shy of": "nearly",
    "as many as": "nearly",  # "as many as 300 homes": a figure put high, about 300 at most, never "0 to 300"
    "fewer than": "less_than",
    "upwards of": "more_than",
    "just under": "nearly",
    "more than": "more_than",
    "less than": "less_than",
    "estimated": "approximate",
    "precisely": "exact",
    "just over": "more_than",
    "at least": "at_least",
    "close to": "nearly",
    "exactly": "exact",
    "roughly": "approximate",
    "at most": "at_most",
    "around": "approximate",
    "almost": "nearly",
    "nearly": "nearly",
    "about": "approximate",
    "above": "more_than",
    "below": "less_than",
    "up to": "at_most",
    "under": "less_than",
    "some": "approximate",
    "over": "more_than",
}
# Longest first, so "just under" wins over "under" and "no more than" over "more than".
_QUALIFIER_ALTERNATION = "|".join(w.replace(" ", r"\s+") for w in sorted(_QUALIFIER_WORDS, key=lambda w: (-len(w), w)))
_QUALIFIER_BEFORE = re.compile(rf"(?i)\b(?P<q>{_QUALIFIER_ALTERNATION})\s+\Z")
_QUALIFIER_LOOKBACK = 30  # characters: longer than any qualifier with generous spacing

_SCALES = {"hundred": 10**2, "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_DIGITS = re.compile(
    r"(?<![\w.:])(?<!\w-)(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\w]|[.,:]\d)"
    r"(?:\s+(?P<scale>hundred|thousand|million|billion|trillion)\b)?",
    re.IGNORECASE,
)
_TIME_AFTER = re.compile(r"\s*(?:[ap]\.?m\b\.?|o'clock\b)", re.IGNORECASE)
_PERCENT_AFTER = re.compile(r"\s*(?:%|per\s?cent\b)", re.IGNORECASE)
# A comparison turns the figure into a difference; only a time may follow "than", so that the phrase
# never swallows another figure ("more than the 4,000 of 2023" is left alone).
_COMPARISON_AFTER = re.compile(
    r"\s+(?P<comparison>(?:more|fewer|less|higher|lower)\s+than\s+(?:(?:in|during)\s+)?"
    r"(?:(?:19|20)\d\d|last\s+year|the\s+previous\s+year|the\s+year\s+before|a\s+year\s+(?:earlier|ago|before)))\b",
    re.IGNORECASE,
)
# Quantities no number-word library reads. Shares are percentages; a share needs what it is a share of
# ("half the population", "a third of them") in running text, so "a third country" is not 33%.
_SHARES = {
    "half": 50.0,
    "a third": 100 / 3,
    "one third": 100 / 3,
    "two thirds": 200 / 3,
    "a quarter": 25.0,
    "one quarter": 25.0,
    "three quarters": 75.0,
}
_COUNT_WORDS = {"half a dozen": 6.0, "a dozen": 12.0}
_SPECIAL = re.compile(
    r"(?i)\b(?P<words>half\s+a\s+dozen|a\s+dozen|half|(?:a|one)[-\s](?:third|quarter)|two[-\s]thirds|three[-\s]quarters)\b"
    r"(?P<of>(?=\s+(?:of|the|their|its|his|her|them|those|these|all|whom|which)\b))?"
)
_RATIO_BETWEEN = re.compile(r"\s+(?:in|out\s+of)\s+(?:every\s+)?", re.IGNORECASE)
_TOKENS = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*|\d+(?:[.,:]\d+)*|\S")
_ZERO_WORDS = {"no", "none", "nil", "zero"}
_VAGUE_PLURALS = {"tens", "dozens", "hundreds", "thousands", "millions", "billions"}

_HINT = (
    "write one figure, in digits or words, with an optional qualifier: '42', 'over 300', 'around 1,000', "
    "'a thousand', 'nearly 20', '80%', 'more than 20 percent', 'one in eight', 'at least 5,601'"
)


def parse_figure(text: str, settings: FigureSettings = DEFAULT_FIGURE_SETTINGS) -> Figure:
    """Read one figure as written ("over 600", "a thousand", "80 per cent") into its interval."""
    stripped = text.strip()
    if stripped.lower() in _ZERO_WORDS:
        # "no resignations", "none": the determiner alone is the figure zero, exactly.
        zero = interval_for(0.0, "none", settings)
        return Figure(value_text=stripped, number=0.0, qualifier="none", is_percent=False, interval=zero)
    cores = _find_cores(stripped, running_text=False)
    if cores:
        found = _assemble(stripped, cores[0], settings)
        if found.start == 0 and found.end == len(stripped):
            return found.figure
    raise UnparseableFigure(f"could not read {text!r} as one figure", hint=_HINT)


def interval_for(
    number: float,
    qualifier: str,
    settings: FigureSettings = DEFAULT_FIGURE_SETTINGS,
    *,
    written_in_words: bool = False,
) -> Interval:
    """The interval a figure is evidence of, given how the source qualified it.

    `best` is always the stated number: for "over X" it is the stated floor and for "nearly X" the stated
    ceiling, because the source gives no better point; the bounds carry the uncertainty. "up to X",
    "at most X" and "less than X" leave the low side unbounded (None) rather than assume 0, so they also
    serve for quantities that can be negative.

    Spelled-out cardinals count the same as digits ("twenty" is exact like "20", "a thousand" is round
    like "1,000"). `written_in_words` is for the word quantities news uses loosely, which are round
    whatever their digits: "a dozen", "half", "two-thirds", "one in eight" (parse_figure sets it).
    """
    x = float(number)  # an int passed in would lack float.is_integer() on Python 3.11
    if not math.isfinite(x):
        raise UnparseableFigure(f"{number!r} is not a finite number", hint=_HINT)
    size = abs(x)  # tolerances widen away from the figure whatever its sign
    if qualifier == "none":
        if x != 0 and (written_in_words or _is_round(x, settings.round_min_trailing_zeros)):
            spread = size * settings.round_tolerance
            unit = _rounding_unit(x)
            # "a dozen", "half" are loose whatever their digits; "12,300" was given to the hundred
            if not written_in_words and len(str(int(abs(x) // unit))) >= settings.round_precise_digits:
                spread = min(spread, unit)
            return _bounded(x - spread, x, x + spread, "round_figure")
        return Interval(low=x, best=x, high=x, rule="exact")
    if qualifier == "exact":
        return Interval(low=x, best=x, high=x, rule="exact")
    if qualifier == "approximate":
        t = settings.approximate_tolerance
        return _bounded(x - size * t, x, x + size * t, "approximate")
    if qualifier == "more_than":
        return _bounded(x, x, x + size * settings.more_than_tolerance, "more_than")
    if qualifier == "nearly":
        return _bounded(x - size * settings.nearly_tolerance, x, x, "nearly")
    if qualifier == "at_least":
        return Interval(low=x, best=x, high=None, rule="at_least")
    if qualifier in ("at_most", "less_than"):
        # Closed at X even for "less than X": figures are rounded, and "fewer than 20" is often 20 rounded.
        return Interval(low=None, best=x, high=x, rule=qualifier)
    raise UnparseableFigure(f"unknown qualifier {qualifier!r}", hint=f"use one of: {', '.join(sorted(QUALIFIERS))}")


def intervals_overlap(a: Interval, b: Interval) -> bool:
    """Whether two figures can both hold: their closed intervals share a point (None is unbounded)."""
    low = max(_as_low(a.low), _as_low(b.low))
    high = min(_as_high(a.high), _as_high(b.high))
    return low <= high


def drop_float_noise(value: float) -> float:
    """Twelve significant digits: 0.1 + 0.2 is 0.3, not 0.30000000000000004, and 600 * 1.1 is 660."""
    return float(f"{value:.12g}")


def find_figures(text: str, settings: FigureSettings = DEFAULT_FIGURE_SETTINGS) -> list[FoundFigure]:
    """Every figure in a text, in text order, each with its qualifier and exact character offsets.

    Skipped: years and day numbers inside date phrases ("in 2024", "20 January 2025", "Jan 20"), times,
    ordinals, a lone "one" ("one of the attacks") and vague plurals ("thousands", "several thousand").
    A bare 19xx/20xx is read as a year unless a qualifier or "%" makes it a count ("over 2000"): news
    writes counts of a thousand or more with a separator ("2,000"). "no"/"none" are left to callers that
    know the noun they count ("no resignations"); `parse_figure("no")` reads them as zero. So is a run of
    digits past what a float holds (over 300 digits): it states no figure anyone could check.
    """
    cores = _find_cores(text, running_text=True)
    return [_assemble(text, core, settings) for core in cores if math.isfinite(core.number)]


# --- cores: the number itself, before qualifier and suffixes --------------------------------------------


class _Core(NamedTuple):
    start: int
    end: int
    number: float
    is_percent: bool
    loose: bool  # "a dozen", "half", "one in eight": round whatever the digits (see interval_for)
    lone_one: bool = False  # the word "one" alone, usually a pronoun ("one of them")


class _TextToken:
    """A token for text2num (its `Token` protocol, all three methods) that remembers where it sits."""

    def __init__(self, match: re.Match[str]) -> None:
        self.match = match

    def text(self) -> str:
        return self.match.group()

    def nt_separated(self, previous: _TextToken) -> bool:
        return False

    def not_a_number_part(self) -> bool:
        return False


def _find_cores(text: str, *, running_text: bool) -> list[_Core]:
    digit_cores = _digit_cores(text)
    special_cores = _special_cores(text, running_text=running_text)
    taken = digit_cores + special_cores
    word_cores = [c for c in _word_cores(text) if not any(_overlaps(c, t) for t in taken)]
    cores = _merge_ratios(text, sorted(taken + word_cores))
    if running_text:
        # A number inside a date phrase is a year or a day of the month, not a figure.
        dates = [(p.start, p.end) for p in find_date_phrases(text)]
        cores = [c for c in cores if not c.lone_one and not any(s < c.end and c.start < e for s, e in dates)]
    return cores


def _digit_cores(text: str) -> list[_Core]:
    cores: list[_Core] = []
    for match in _DIGITS.finditer(text):
        if match.group("scale") is None and _TIME_AFTER.match(text, match.end()):
            continue  # "3 pm"
        value = Decimal(match.group("num").replace(",", ""))
        if match.group("scale"):
            value *= _SCALES[match.group("scale").lower()]
        cores.append(_Core(match.start(), match.end(), float(value), is_percent=False, loose=False))
    return cores


def _special_cores(text: str, *, running_text: bool) -> list[_Core]:
    cores: list[_Core] = []
    for match in _SPECIAL.finditer(text):
        words = re.sub(r"[-\s]+", " ", match.group("words").lower())
        if words in _COUNT_WORDS:
            cores.append(_Core(match.start(), match.end(), _COUNT_WORDS[words], is_percent=False, loose=True))
        elif words in _SHARES and (match.group("of") is not None or not running_text):
            cores.append(_Core(match.start(), match.end(), _SHARES[words], is_percent=True, loose=True))
    return cores


def _word_cores(text: str) -> list[_Core]:
    tokens = [_TextToken(m) for m in _TOKENS.finditer(text)]
    cores: list[_Core] = []
    for found in find_numbers(tokens, "en", threshold=0):
        if found.is_ordinal:
            continue
        span = tokens[found.start : found.end]
        first = span[0].text().lower()
        if any(t.text().lower() in _VAGUE_PLURALS for t in span):
            continue  # "thousands of people" is no figure
        start = span[0].match.start()
        if first in _SCALES:
            # A scale word counts only after "a"/"an" ("a thousand"); "several thousand" is no figure.
            previous = tokens[found.start - 1].text().lower() if found.start > 0 else ""
            if previous not in ("a", "an"):
                continue
            start = tokens[found.start - 1].match.start()
        lone_one = len(span) == 1 and first == "one"
        number = float(found.value)
        cores.append(_Core(start, span[-1].match.end(), number, is_percent=False, loose=False, lone_one=lone_one))
    return cores


def _merge_ratios(text: str, cores: list[_Core]) -> list[_Core]:
    """Join "one in eight" / "1 in 8" / "one out of every five" into a share in percent."""
    merged: list[_Core] = []
    index = 0
    while index < len(cores):
        core = cores[index]
        following = cores[index + 1] if index + 1 < len(cores) else None
        if following is not None and _is_ratio(text, core, following):
            share = core.number / following.number * 100
            merged.append(_Core(core.start, following.end, share, is_percent=True, loose=True))
            index += 2
            continue
        merged.append(core)
        index += 1
    return merged


def _is_ratio(text: str, part: _Core, whole: _Core) -> bool:
    if part.is_percent or whole.is_percent or not (0 < part.number < whole.number):
        return False
    if not (part.number.is_integer() and whole.number.is_integer()):
        return False
    if re.fullmatch(r"(?:19|20)\d\d", text[whole.start : whole.end]):
        return False  # "115 in 2024" is a count in a year
    return _RATIO_BETWEEN.fullmatch(text[part.end : whole.start]) is not None


# --- assembling a figure around its core ---------------------------------------------------------------


def _assemble(text: str, core: _Core, settings: FigureSettings) -> FoundFigure:
    start, qualifier = core.start, "none"
    window_start = max(0, core.start - _QUALIFIER_LOOKBACK)
    before = _QUALIFIER_BEFORE.search(text[window_start : core.start])
    if before is not None:
        start = window_start + before.start()
        qualifier = _QUALIFIER_WORDS[re.sub(r"\s+", " ", before.group("q").lower())]
    end, is_percent = core.end, core.is_percent
    if not is_percent and (percent := _PERCENT_AFTER.match(text, end)) is not None:
        end, is_percent = percent.end(), True
    comparison = None
    if (compared := _COMPARISON_AFTER.match(text, end)) is not None:
        end, comparison = compared.end(), compared.group("comparison")
    figure = Figure(
        value_text=text[start:end],
        number=core.number,
        qualifier=qualifier,
        is_percent=is_percent,
        interval=interval_for(core.number, qualifier, settings, written_in_words=core.loose),
        comparison=comparison,
    )
    return FoundFigure(figure=figure, start=start, end=end)


# --- interval arithmetic -------------------------------------------------------------------------------


def _is_round(number: float, min_trailing_zeros: int) -> bool:
    if not number.is_integer():
        return False
    return int(number) % int(10**min_trailing_zeros) == 0


def _rounding_unit(number: float) -> float:
    """The place of a whole number's last non-zero digit: 100 for 12,300, 1,000 for 1,000."""
    unit, whole = 1, abs(int(number))
    while whole and whole % (unit * 10) == 0:
        unit *= 10
    return float(unit)


def _bounded(low: float, best: float, high: float, rule: str) -> Interval:
    # Float noise (600 * 1.1 = 660.0000000000001) is dropped without moving a bound past the best value.
    return Interval(low=min(drop_float_noise(low), best), best=best, high=max(drop_float_noise(high), best), rule=rule)


def _as_low(bound: float | None) -> float:
    return -math.inf if bound is None else bound


def _as_high(bound: float | None) -> float:
    return math.inf if bound is None else bound


def _overlaps(a: _Core, b: _Core) -> bool:
    return a.start < b.end and b.start < a.end
