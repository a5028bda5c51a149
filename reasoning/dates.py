"""Dates in news text: ISO dates, absolute and relative date phrases, and the time spans they resolve to."""

# Library: python-dateutil's `relativedelta` and weekday objects do the calendar arithmetic (the previous
# month, the last day of a month, the most recent Saturday), which is where hand-written date code goes
# wrong. dateparser was tried and not used: it resolves only about half of the phrases news uses ("late
# January", "since June", "between April and June", "in the coming weeks", "earlier this year" all fail),
# it puts "in June" in the future, its `search_dates` returns wrong spans ("on Saturday and") and no
# offsets, and it is not a declared dependency. So the phrase grammar below is a few regular expressions
# written here, shared by the finder and the resolver so that whatever is found can be resolved.

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import msgspec
from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta, weekday

from reasoning.english import ORDINALS
from reasoning.errors import UnparseableDate
from reasoning.types import Precision, TimeSpan

__all__ = [
    "DatePhrase",
    "find_date_phrases",
    "parse_date_expression",
    "parse_iso_date",
    "resolve_relative_date",
]


class DatePhrase(msgspec.Struct, frozen=True, kw_only=True):
    """A date expression found in a text: `text[start:end] == phrase`, including a leading "on"/"in"/"since"."""

    start: int
    end: int
    phrase: str


_HINT = (
    "write a date such as '2031-03-01', '1 March 2031', 'March 1, 2031', 'May 2031', '2031', "
    "'at the end of 2030', 'between 1 June 2030 and 31 March 2031', 'the first half of 2030', or a relative "
    "phrase such as 'on Saturday', 'last month', 'in June', 'early March'"
)
_RANGE_HINT = "write the earlier date first, e.g. 'between 1 June 2030 and 31 March 2031' or 'from March to May 2030'"

_MONTH_NUMBERS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
_WEEKDAYS: dict[str, weekday] = {
    "monday": MO,
    "tuesday": TU,
    "wednesday": WE,
    "thursday": TH,
    "friday": FR,
    "saturday": SA,
    "sunday": SU,
}

# Month and weekday names are matched capitalised in running text, so the verbs "may" and "march" are not
# dates; relative words are matched in any case because they start sentences ("Last year, ...").
_MONTH = (
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
    r"|(?:Sept|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b\.?)"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
# A year stands alone: never the end of "2030–2031" or "2030/31", never the start of "2030–31" (see `_split_year`).
_YEAR = (
    r"(?<![\w,.$£€])(?<!\d[–—/-])(?<!\d\s[–—]\s)(?:1[89]|20)\d\d"
    rf"(?![\w-]|[.,/]\d|\s?[–—]\s?\d{{2,4}}\b(?!\s+{_MONTH}))"  # "2030 – 31 March" ends a day, "2030–31" no year
)
_DAY = r"(?<![\w,.])[0-3]?\d(?:st|nd|rd|th)?\b(?![.,]\d)"
_PREFIX = r"(?:\b(?i:on|in|during|as\s+of)\s+)?"
_WEEKDAY_LEAD = rf"(?:{_WEEKDAY},?\s+)?"

# A year-shaped number after a figure qualifier or before "%" is a count ("over 2000 people"), not a date.
_COUNT_BEFORE = re.compile(
    r"(?i)\b(?:over|more\s+than|fewer\s+than|less\s+than|nearly|almost|about|around|some|roughly|"
    r"approximately|at\s+least|at\s+most|up\s+to|estimated|exactly)\s+\Z"
)
_PERCENT_AFTER = re.compile(r"\s*(?:%|(?i:per\s?cent)\b)")
# A span of years, and the words after which it is a time rather than a range of figures or a name.
_SPAN_OF_YEARS = re.compile(r"(?i:(?:on|in|during|as\s+of)\s+)?\d{4}\s?[–—/-]\s?\d{2}(?:\d{2})?")
_TIME_LEAD = re.compile(r"(?i)(?:on|in|during|as\s+of)\s")
_TIME_WORD_BEFORE = re.compile(
    r"(?i)\b(?:the|in|during|for|of|over|throughout|across|since|from|between|by|until|before|after)\s+\Z"
)
# How far before a year-shaped number a qualifier is looked for: the longest qualifier and the spaces after it.
_COUNT_BEFORE_REACH = 100

_Handler = Callable[[re.Match[str], dt.date | None], TimeSpan]


def parse_iso_date(text: str) -> dt.date:
    """Read a calendar date written as ISO 8601 `YYYY-MM-DD`, and nothing else."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()) is None:
        raise UnparseableDate(f"{text!r} is not a date in the form YYYY-MM-DD", hint="write it as e.g. 2031-03-01")
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError as exc:
        raise UnparseableDate(f"{text!r} is not a real calendar date ({exc})", hint="check the month and day") from exc


def resolve_relative_date(phrase: str, anchor: dt.date | None) -> TimeSpan:
    """Resolve a date phrase against the date of the source that wrote it.

    Absolute phrases ("20 January 2025", "in 2024") need no anchor. A relative phrase with no anchor gives
    precision `unknown` and rule `relative_without_anchor`: guessing today's date would invent evidence.
    """
    cleaned = _clean_phrase(phrase)
    for _, phrase_pattern, handler in _RULES:
        match = phrase_pattern.fullmatch(cleaned)
        if match is not None:
            try:
                return handler(match, anchor)
            except (ValueError, OverflowError) as exc:  # "next year" read against 9999-12-31
                raise UnparseableDate(
                    f"{phrase!r} read against {anchor} falls outside the years 1 to 9999", hint=_HINT
                ) from exc
    raise UnparseableDate(f"could not read a date in {phrase!r}", hint=_HINT)


def parse_date_expression(text: str, today: dt.date | None = None) -> TimeSpan:
    """Read a date as a question or claim states it; relative forms ("today", "last month") need `today`."""
    span = resolve_relative_date(text, today)
    if span.precision is Precision.unknown:
        raise UnparseableDate(
            f"{text!r} is relative and no current date was given",
            hint="write an absolute date such as 2031-03-01 or '1 March 2031'",
        )
    return span


def find_date_phrases(text: str) -> list[DatePhrase]:
    """Every date expression in `text`, in text order, longest first where candidates overlap."""
    candidates: list[tuple[int, int]] = []
    for text_pattern, _, _ in _RULES:
        for match in text_pattern.finditer(text):
            if not _is_count_not_year(text, match):
                candidates.append((match.start(), match.end()))
    # Greedy by start then length: "20 January 2025" wins over "January 2025" and "2025".
    candidates.sort(key=lambda se: (se[0], -(se[1] - se[0])))
    found: list[DatePhrase] = []
    taken_until = -1
    for start, end in candidates:
        if start >= taken_until:
            found.append(DatePhrase(start=start, end=end, phrase=text[start:end]))
            taken_until = end
    return found


# --- helpers -------------------------------------------------------------------------------------------


def _clean_phrase(phrase: str) -> str:
    return re.sub(r"\s+", " ", phrase.strip().rstrip(".,;:?!")).strip()


def _is_count_not_year(text: str, match: re.Match[str]) -> bool:
    if _SPAN_OF_YEARS.fullmatch(match.group()):
        # "in the 2030–31 season", "during 1990–95" are times; "deployed 2000-2030 officers", "some 1900-2000
        # people", "Routes 2030-2040" are figures or names: a span of years is a time only after a word of time
        return not (_TIME_LEAD.match(match.group()) or _TIME_WORD_BEFORE.search(text, 0, match.start()))
    if re.fullmatch(_YEAR, match.group()) is None:
        return False
    # The qualifier sits just before the number: searching only the characters before it keeps reading a long
    # text linear (a search from the text's start for every year-shaped number was quadratic).
    before = max(0, match.start() - _COUNT_BEFORE_REACH)
    return bool(_COUNT_BEFORE.search(text, before, match.start())) or bool(_PERCENT_AFTER.match(text, match.end()))


def _day(day: dt.date, rule: str) -> TimeSpan:
    return TimeSpan(start=day, end=day, precision=Precision.day, rule=rule)


def _month(year: int, month: int, rule: str) -> TimeSpan:
    first = dt.date(year, month, 1)
    return TimeSpan(start=first, end=first + relativedelta(day=31), precision=Precision.month, rule=rule)


def _year(year: int, rule: str) -> TimeSpan:
    return TimeSpan(start=dt.date(year, 1, 1), end=dt.date(year, 12, 31), precision=Precision.year, rule=rule)


def _period(start: dt.date, end: dt.date, rule: str) -> TimeSpan:
    return TimeSpan(start=start, end=end, precision=Precision.period, rule=rule)


def _unknown() -> TimeSpan:
    return TimeSpan(start=None, end=None, precision=Precision.unknown, rule="relative_without_anchor")


def _month_number(name: str) -> int:
    return _MONTH_NUMBERS[name.lower().rstrip(".")]


def _day_number(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def _calendar_day(year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise UnparseableDate(f"{year}-{month:02}-{day:02} is not a real calendar date", hint=_HINT) from exc


def _year_of_month_not_after(month: int, anchor: dt.date) -> int:
    # News names a bare month for something already reported: the most recent such month, this one included.
    return anchor.year if month <= anchor.month else anchor.year - 1


def _nearest(anchor: dt.date, spans: list[tuple[dt.date, dt.date]]) -> tuple[dt.date, dt.date]:
    def distance(span: tuple[dt.date, dt.date]) -> int:
        start, end = span
        if start <= anchor <= end:
            return 0
        return min(abs((start - anchor).days), abs((end - anchor).days))

    return min(spans, key=distance)


def _part_of_month(year: int, month: int, part: str) -> tuple[dt.date, dt.date]:
    first = dt.date(year, month, 1)
    if part == "early":
        return first, first.replace(day=10)
    if part == "mid":
        return first.replace(day=11), first.replace(day=20)
    return first.replace(day=21), first + relativedelta(day=31)


# --- handlers: one per phrase shape ---------------------------------------------------------------------


def _iso_day(match: re.Match[str], anchor: dt.date | None) -> TimeSpan:
    return _day(parse_iso_date(match.group("iso")), "explicit_day")


def _explicit_day(match: re.Match[str], anchor: dt.date | None) -> TimeSpan:
    year, month, day = int(match.group("year")), _month_number(match.group("month")), _day_number(match.group("day"))
    return _day(_calendar_day(year, month, day), "explicit_day")


def _day_without_year(match: re.Match[str], anchor: dt.date | None) -> TimeSpan:
    return _nearest_day(_month_number(match.group("month")), _day_number(match.group("day")), match, anchor)


def _holiday(match: re.Match[str], anchor: dt.date | None) -> TimeSpan:
    """A day the calendar names ("Christmas Eve 2030", "New Year's Day"): always the same day of the year."""
    month, day = _HOLIDAYS[" ".join(match.group("holiday").casefold().replace("’", "'").split())]
    if match.group("year"):
        return _day(dt.date(int(match.group("year")), month, day), "explicit_day")
    return _nearest_day(month, day, match, anchor)


# Holidays on a fixed day of the Gregorian calendar; movable feasts (Easter) need a calendar of their own.
_HOLIDAYS = {
    "christmas eve": (12, 24),
    "christmas day": (12, 25),
    "boxing day": (12, 26),
    "new year's eve": (12, 31),
    "new year's day": (1, 1),
}
_HOLIDAY = r"(?P<holiday>(?i:christmas\s+eve|christmas\s+day|boxing\s+day|new\s+year['’]s\s+(?:eve|day)))\b"


def _nearest_day(month: int, day: int, match: re.Match[str], anchor: dt.date | None) -> TimeSpan:
    if anchor is None:
        return _unknown()
    # "Jan 20" is read in whichever year puts it nearest the source's date.
    options: list[tuple[dt.date, dt.date]] = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            options.append((dt.date(year, month, day), dt.date(year, month, day)))
        except ValueError:
            continue  # 29 February exists only in some of the candidate years
    if not options:
        raise UnparseableDate(f"{match.group()!r} names a day that no month has", hint=_HINT)
    nearest, _ = _nearest(anchor, options)
    return _day(nearest, "day_nearest_anchor")


def _explicit_month(match: re.Match[str], anchor: dt.date | None) -> TimeSpan:
    return _month(int(match.group("year")), _month_number(match.group("month")), "explicit_month")


def _split_year(match: re.Match[str], anchor: dt.date | None) -> TimeSpan:
    """ "1990–95", "2021-2024": the calendar years from the first to the last. "2030–31", "2030/31", "the
    2030-2031 season" (two years in a row): two calendar years, or a season or financial year that straddles
    them from a month the words do not give. Read as either, an answer could cover months the writer did not
    mean, so it is refused with the ways to say it. "2030-10" is ISO's October 2030; "2011-12" may be that
    month or two years, and is refused."""
    first, second = int(match.group("first")), int(match.group("second"))
    written = match.string[match.start("first") : match.end("second")]
    last = second if second >= 100 else first - first % 100 + second
    if second < 100 and last <= first and first % 100 == 99 and second == 0:
        last = first + 1  # "1999–00"
    month = second if second < 100 and 1 <= second <= 12 and "-" in written else None
    if month is not None and last <= first:
        return _month(first, month, "explicit_iso_month")
    if last <= first:
        raise UnparseableDate(f"could not read {written!r} as a date or a span of years", hint=_HINT)
    if month is not None:
        raise UnparseableDate(
            f"{written!r} may mean a month (ISO's {written} is {dt.date(first, month, 1):%B %Y}) or years",
            hint=f"write the month, e.g. '{dt.date(first, month, 1):%B %Y}', or the years, e.g. "
            f"'between {first} and {last}'",
        )
    if last > first + 1:
        return _period(dt.date(first, 1, 1), dt.date(last, 12, 31), "between_years")
    raise UnparseableDate(
        f"{written!r} may mean two calendar years or a season or financial year across them, "
        "whose months it does not say",
        hint="write the dates, e.g. 'between 2030 and 2031' or 'between 1 July 2030 and 30 June 2031'",
    )


def _explicit_year(match: re.Match[str], anchor: dt.date | None) -> TimeSpan:
    return _year(int(match.group("year")), "explicit_year")


def _edge_of(match: re.Match[str], anchor: dt.date | None) -> TimeSpan:
    year = int(match.group("year"))
    month_name = match.group("month")
    at_end = match.group("edge").lower() == "end"
    if month_name:
        first = dt.date(year, _month_number(month_name), 1)
        return _day(first + relativedelta(day=31) if at_end else first, "end_of_month" if at_end else "start_of_month")
    return _day(dt.date(year, 12, 31) if at_end else dt.date(year, 1, 1), "end_of_year" if at_end else "start_of_year")


def _part_of_month_span(match: re.Match[str], anchor: dt.date | None) -> TimeSpan:
    part = match.group("part").lower()
    month = _month_number(match.group("month"))
    if match.group("year"):
        start, end = _part_of_month(int(match.group("year")), month, part)
        return _period(start, end, "part_of_month")
    if anchor is None:
        return _unknown()
    # Unlike a bare month, "late January" is read in the year that puts it nearest the source's date: a
    # text dated 1 January that speaks of "late January" means this January, which is what lets the date
    # check notice that its stated date is contradicted.
    options = [_part_of_month(year, month, part) for year in (anchor.year - 1, anchor.year, anchor.year + 1)]
    start, end = _nearest(anchor, options)
    return _period(start, end, "part_of_month_nearest_anchor")


def _part_of_year(match: re.Match[str], anchor: dt.date | None) -> TimeSpan:
    year, part = int(match.group("year")), match.group("part").lower()
    first_month = {"early": 1, "mid": 5, "late": 9}[part]
    start = dt.date(year, first_month, 1)
    return _period(start, start + relativedelta(months=3, day=31), "part_of_year")


def _bare_month(match: re.Match[str], anchor: dt.date | None) -> TimeSpan:
    if anchor is None:
        return _unknown()
    month = _month_number(match.group("month"))
    return _month(_year_of_month_not_after(month, anchor), month, "month_not_after_anchor")


def _since(match: re.Match[str], anchor: dt.date | None) -> TimeSpan:
    if anchor is None:
        return _unknown()
    if match.group("month"):
        month = _month_number(match.group("month"))
        year = int(match.group("year")) if match.group("year") else _year_of_month_not_after(month, anchor)
        return _period(dt.date(year, month, 1), anchor, "since_month")
    if match.group("year_only"):
        return _period(dt.date(int(match.group("year_only")), 1, 1), anchor, "since_year")
    start = anchor + relativedelta(days=-1, weekday=_WEEKDAYS[match.group("weekday").lower()](-1))
    return _period(start, anchor, "since_weekday")


def _weekday(match: re.Match[str], anchor: dt.date | None) -> TimeSpan:
    if anchor is None:
        return _unknown()
    day_of_week = _WEEKDAYS[match.group("weekday").lower()]
    relation = (match.group("rel") or "").lower()
    if relation == "next":
        return _day(anchor + relativedelta(days=1, weekday=day_of_week(+1)), "weekday_after_anchor")
    if relation == "this":
        monday = anchor - dt.timedelta(days=anchor.weekday())
        return _day(monday + dt.timedelta(days=day_of_week.weekday), "weekday_this_week")
    if relation in ("last", "past"):
        return _day(anchor + relativedelta(days=-1, weekday=day_of_week(-1)), "weekday_before_anchor")
    # News names the weekday of an event in the past week: the anchor day itself if it is that weekday
    # (a Thursday story about "Thursday"), otherwise the most recent such day before it.
    day = anchor + relativedelta(weekday=day_of_week(-1))
    return _day(day, "weekday_on_anchor" if day == anchor else "weekday_before_anchor")


def _named_day(match: re.Match[str], anchor: dt.date | None) -> TimeSpan:
    if anchor is None:
        return _unknown()
    word = match.group("word").lower()
    offset = {"yesterday": -1, "today": 0, "tomorrow": 1}[word]
    return _day(anchor + dt.timedelta(days=offset), word)


def _calendar_unit(match: re.Match[str], anchor: dt.date | None) -> TimeSpan:
    if anchor is None:
        return _unknown()
    relation = re.sub(r"\s+", " ", match.group("rel").lower()).removeprefix("the ")
    unit = match.group("unit").lower()
    if relation == "past":
        # "the past month" is the trailing month up to the anchor, not the previous calendar month.
        back = {"week": relativedelta(weeks=-1), "month": relativedelta(months=-1), "year": relativedelta(years=-1)}
        return _period(anchor + back[unit], anchor, f"trailing_{unit}")
    step = {"last": -1, "previous": -1, "this": 0, "next": 1}[relation]
    name = {-1: "previous", 0: "current", 1: "following"}[step]
    if unit == "year":
        return _year(anchor.year + step, f"{name}_year")
    if unit == "month":
        first = anchor + relativedelta(months=step, day=1)
        return _month(first.year, first.month, f"{name}_month")
    monday = anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(weeks=step)
    return _period(monday, monday + dt.timedelta(days=6), f"{name}_week")


def _earlier_later(match: re.Match[str], anchor: dt.date | None) -> TimeSpan:
    if anchor is None:
        return _unknown()
    when, unit = match.group("when").lower(), match.group("unit").lower()
    if unit == "year":
        first, last = dt.date(anchor.year, 1, 1), dt.date(anchor.year, 12, 31)
    elif unit == "month":
        first, last = anchor.replace(day=1), anchor + relativedelta(day=31)
    else:
        first = anchor - dt.timedelta(days=anchor.weekday())
        last = first + dt.timedelta(days=6)
    if when == "earlier":
        return _period(first, anchor, f"earlier_this_{unit}")
    return _period(anchor, last, f"later_this_{unit}")


# Vague spans get fixed widths so that they can be compared at all: a week of "recent days", six weeks
# of "coming weeks" (the brief's convention), six months of "coming months"; recent ones mirror coming ones.
_VAGUE_WIDTHS = {"days": relativedelta(days=7), "weeks": relativedelta(weeks=6), "months": relativedelta(months=6)}


def _recent_or_coming(match: re.Match[str], anchor: dt.date | None) -> TimeSpan:
    if anchor is None:
        return _unknown()
    unit = match.group("unit").lower()
    width = _VAGUE_WIDTHS[unit]
    if match.group("coming"):
        return _period(anchor, anchor + width, f"coming_{unit}")
    return _period(anchor - width, anchor, f"recent_{unit}")


# --- ranges, alternatives and parts of periods ------------------------------------------------------------
# A range names its end in full and leaves the start short ("between 7 and 20 October 2030"): the start takes
# the end's month and year, and a start that would then fall after the end is read a year earlier ("between
# November and February 2031"), as a bare month is. Only a range whose end is written in full is absolute.

_POINT_SHAPES = [
    re.compile(
        rf"(?:the\s+)?(?P<day>{_DAY})(?:\s+of)?(?:\s+(?P<month>{_MONTH})(?:,?\s+(?P<year>{_YEAR}))?)?", re.IGNORECASE
    ),
    re.compile(rf"(?P<month>{_MONTH})\s+(?P<day>{_DAY})(?:,?\s+(?P<year>{_YEAR}))?", re.IGNORECASE),
    re.compile(rf"(?P<month>{_MONTH})(?:,?\s+(?P<year>{_YEAR}))?", re.IGNORECASE),
    re.compile(rf"(?P<year>{_YEAR})"),
]
_KIND_OF_PRECISION = {Precision.day: "days", Precision.month: "months", Precision.year: "years"}


def _point_parts(text: str) -> tuple[int | None, int | None, int | None]:
    """Year, month and day of one end of a range, each None where the words leave it out."""
    for shape in _POINT_SHAPES:
        match = shape.fullmatch(text)
        if match is not None:
            parts = match.groupdict()
            year = int(parts["year"]) if parts.get("year") else None
            month = _month_number(parts["month"]) if parts.get("month") else None
            day = _day_number(parts["day"]) if parts.get("day") else None
            return year, month, day
    raise UnparseableDate(f"could not read {text!r} as one end of a range", hint=_HINT)  # the grammar forbids it


def _start_of_range(text: str, end: TimeSpan, anchor: dt.date | None) -> TimeSpan:
    year, month, day = _point_parts(text)
    if year is not None:
        return resolve_relative_date(text, anchor)
    assert end.start is not None and end.end is not None  # an unknown end was handled by the caller
    start = _day_or_month(end.start.year, month or end.start.month, day)
    # Only a start with its own month can cross into the year before; a bare day after its end is a mistake.
    if month is not None and start.start is not None and start.start > end.end:
        start = _day_or_month(end.start.year - 1, month, day)
    return start


def _day_or_month(year: int, month: int, day: int | None) -> TimeSpan:
    if day is None:
        return _month(year, month, "explicit_month")
    return _day(_calendar_day(year, month, day), "explicit_day")


def _range(match: re.Match[str], anchor: dt.date | None) -> TimeSpan:
    first_text = match.group("a") or match.group("bare")
    last_text = match.group("b") or match.group("dated")
    last = resolve_relative_date(last_text, anchor)
    if last.precision is Precision.unknown:
        return last
    first = _start_of_range(first_text, last, anchor)
    if first.precision is Precision.unknown:
        return first
    assert first.start is not None and first.end is not None and last.start is not None and last.end is not None
    kinds = {_KIND_OF_PRECISION.get(first.precision, "dates"), _KIND_OF_PRECISION.get(last.precision, "dates")}
    kind = kinds.pop() if len(kinds) == 1 else "dates"
    absolute = last.rule.startswith("explicit_")
    if match.groupdict().get("either"):
        # "in 2030 or 2031": either may hold, so the span covers both, whichever is written first.
        rule = f"either_{kind}"
        start, end = min(first.start, last.start), max(first.end, last.end)
    else:
        rule = f"between_{kind}"
        start, end = first.start, last.end
        if start > end:
            raise UnparseableDate(f"{match.group()!r} ends before it begins", hint=_RANGE_HINT)
    if absolute and kind != "years":  # "between_years" is the absolute name already used for years
        rule = f"explicit_{rule}"
    return _period(start, end, rule)


_ORDINALS = {**ORDINALS, "last": -1, "final": -1}
_COUNTS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}


def _ordinal(match: re.Match[str], group: str, last: int) -> int:
    """The number of a quarter, half or week, `last` standing for "last"; Q3 and H2 are digits."""
    word = match.group(group)
    if word.isdigit():
        return int(word)
    number = _ORDINALS[word.lower()]
    return last if number == -1 else number


def _quarter(match: re.Match[str], anchor: dt.date | None) -> TimeSpan:
    quarter = _ordinal(match, "quarter", 4)
    first = dt.date(int(match.group("year")), 3 * quarter - 2, 1)
    return _period(first, first + relativedelta(months=2, day=31), "explicit_quarter")


def _half(match: re.Match[str], anchor: dt.date | None) -> TimeSpan:
    half, year = _ordinal(match, "half", 2), int(match.group("year"))
    if match.groupdict().get("month"):
        first = dt.date(year, _month_number(match.group("month")), 1)
        if half == 1:
            return _period(first, first.replace(day=15), "explicit_half_month")
        return _period(first.replace(day=16), first + relativedelta(day=31), "explicit_half_month")
    if half == 1:
        return _period(dt.date(year, 1, 1), dt.date(year, 6, 30), "explicit_half_year")
    return _period(dt.date(year, 7, 1), dt.date(year, 12, 31), "explicit_half_year")


def _first_or_last_units(match: re.Match[str], anchor: dt.date | None) -> TimeSpan:
    """ "The first three months of 2024": the period's opening (or closing) stretch of that many units."""
    year, count_word = int(match.group("year")), match.group("count").lower()
    unit = match.group("unit").lower().rstrip("s") + "s"  # "the last one month of 2030" counts months too
    whole = _month(year, _month_number(match.group("month")), "") if match.group("month") else _year(year, "")
    assert whole.start is not None and whole.end is not None
    count = int(count_word) if count_word.isdigit() else _COUNTS[count_word]
    length = {"days": relativedelta(days=count), "weeks": relativedelta(weeks=count)}.get(
        unit, relativedelta(months=count)
    )
    edge = "first" if match.group("edge").lower() == "first" else "last"
    if edge == "first":
        start, end = whole.start, whole.start + length - dt.timedelta(days=1)
    else:
        start, end = whole.end + dt.timedelta(days=1) - length, whole.end
    if count < 1 or start < whole.start or end > whole.end:
        raise UnparseableDate(f"{match.group()!r} is longer than the period it is part of", hint=_HINT)
    return _period(start, end, f"explicit_{edge}_{unit}")


def _week_of_month(match: re.Match[str], anchor: dt.date | None) -> TimeSpan:
    """ "The first week of March 2030" is 1 to 7 March; "the last week" is the month's last seven days."""
    first = dt.date(int(match.group("year")), _month_number(match.group("month")), 1)
    number = _ordinal(match, "week", -1)
    if number == -1:
        end = first + relativedelta(day=31)
        return _period(end - dt.timedelta(days=6), end, "explicit_week_of_month")
    start = first + dt.timedelta(weeks=number - 1)
    return _period(start, start + dt.timedelta(days=6), "explicit_week_of_month")


def _week_around(match: re.Match[str], anchor: dt.date | None) -> TimeSpan:
    day = resolve_relative_date(match.group("day"), anchor)
    if day.start is None:
        return day
    relation = match.group("relation").lower()
    if relation in ("ending", "ended", "to"):
        start, rule = day.start - dt.timedelta(days=6), "week_ending"
    elif relation == "of":
        start, rule = day.start - dt.timedelta(days=day.start.weekday()), "week_of"  # Monday to Sunday
    else:
        start, rule = day.start, "week_beginning"
    prefix = "explicit_" if day.rule.startswith("explicit_") else ""
    return _period(start, start + dt.timedelta(days=6), prefix + rule)


_ANY_DAY = rf"(?P<day>{_DAY})"
_THE = r"(?:(?i:the)\s+)?"
_DAY_POINT = rf"(?:{_THE}{_DAY}(?:\s+(?i:of))?\s+{_MONTH}(?:,?\s+{_YEAR})?|{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?)"
_POINT = rf"(?:{_DAY_POINT}|{_MONTH}(?:,?\s+{_YEAR})?|{_YEAR})"
_ORDINAL = r"(?i:first|second|third|fourth|last|final)"
_COUNT = "(?:\\d{1,2}|(?i:" + "|".join(_COUNTS) + "))"


def _pair(joiner: str) -> str:
    """Two ends of a range; only the first may be a bare day ("7" in "between 7 and 20 October 2030")."""
    return (
        rf"(?:(?P<a>{_POINT}){joiner}(?P<b>{_POINT})"
        rf"|(?P<bare>{_THE}{_DAY}){joiner}(?P<dated>{_DAY_POINT}))"
    )


_AND = _pair(r"\s+(?i:and)\s+")
_TO = _pair(r"\s+(?i:to|until|till|through)\s+")
_DASH = _pair(r"\s*[–—-]\s*")
_TO_OR_DASH = _pair(r"(?:\s*[–—-]\s*|\s+(?i:to|until|through)\s+)")
_OR = _pair(r"\s+(?i:or)\s+")

_RULE_SOURCES: list[tuple[str, _Handler]] = [
    (
        rf"{_PREFIX}(?<![\w,.$£€])(?P<first>(?:1[89]|20)\d\d)\s?[–—/-]\s?(?P<second>(?:1[89]|20)\d\d|\d\d)"
        rf"(?![\w/-]|[.,]\d|\s+{_MONTH})",
        _split_year,
    ),
    (rf"\b(?i:between)\s+{_AND}", _range),
    (rf"{_PREFIX}(?:(?i:the\s+week)\s+)?\b(?i:from)\s+{_TO}", _range),
    (rf"{_PREFIX}(?i:the\s+week\s+of)\s+{_TO_OR_DASH}", _range),
    (rf"{_PREFIX}{_DASH}", _range),
    (rf"{_PREFIX}(?P<either>{_OR})", _range),
    (rf"{_PREFIX}{_THE}(?P<quarter>{_ORDINAL})\s+(?i:quarter\s+of)\s+(?P<year>{_YEAR})", _quarter),
    (rf"{_PREFIX}\b(?i:q)(?P<quarter>[1-4])\s+(?:(?i:of)\s+)?(?P<year>{_YEAR})", _quarter),
    (
        rf"{_PREFIX}{_THE}(?P<half>(?i:first|second|last))\s+(?i:half\s+of)\s+(?:(?P<month>{_MONTH}),?\s+)?(?P<year>{_YEAR})",
        _half,
    ),
    (rf"{_PREFIX}\b(?i:h)(?P<half>[12])\s+(?:(?i:of)\s+)?(?P<year>{_YEAR})", _half),
    (
        rf"{_PREFIX}{_THE}(?P<edge>(?i:first|last|final))\s+(?P<count>{_COUNT})\s+(?P<unit>(?i:days?|weeks?|months?))\s+"
        rf"(?i:of)\s+(?:(?P<month>{_MONTH}),?\s+)?(?P<year>{_YEAR})",
        _first_or_last_units,
    ),
    (
        rf"{_PREFIX}{_THE}(?P<week>{_ORDINAL})\s+(?i:week\s+of)\s+(?P<month>{_MONTH}),?\s+(?P<year>{_YEAR})",
        _week_of_month,
    ),
    (
        rf"{_PREFIX}{_THE}(?i:week)\s+(?P<relation>(?i:ending|ended|to|beginning|starting|commencing|of))\s+"
        rf"(?:(?i:on)\s+)?(?P<day>{_DAY_POINT})",
        _week_around,
    ),
    (rf"{_PREFIX}(?P<iso>(?<![\w-])\d{{4}}-\d{{2}}-\d{{2}}(?![\w-]))", _iso_day),
    (
        rf"{_PREFIX}{_WEEKDAY_LEAD}(?:the\s+)?{_ANY_DAY}(?:\s+of)?\s+(?P<month>{_MONTH}),?\s+(?P<year>{_YEAR})",
        _explicit_day,
    ),
    (rf"{_PREFIX}{_WEEKDAY_LEAD}(?P<month>{_MONTH})\s+{_ANY_DAY},?\s+(?P<year>{_YEAR})", _explicit_day),
    (
        rf"{_PREFIX}(?:(?i:at\s+)?(?i:the)\s+)?(?P<edge>(?i:end|start|beginning))\s+(?i:of)\s+(?:(?P<month>{_MONTH})\s+)?(?P<year>{_YEAR})",
        _edge_of,
    ),
    (
        rf"{_PREFIX}(?P<part>(?i:early|mid|late))(?:-|\s+)(?P<month>{_MONTH})(?:,?\s+(?P<year>{_YEAR}))?",
        _part_of_month_span,
    ),
    (rf"{_PREFIX}(?P<part>(?i:early|mid|late))(?:-|\s+)(?P<year>{_YEAR})", _part_of_year),
    (
        rf"\b(?i:since)\s+(?:(?P<month>{_MONTH})(?:,?\s+(?P<year>{_YEAR}))?|(?P<year_only>{_YEAR})|(?P<weekday>{_WEEKDAY}))",
        _since,
    ),
    (rf"{_PREFIX}{_WEEKDAY_LEAD}(?:the\s+)?{_ANY_DAY}(?:\s+of)?\s+(?P<month>{_MONTH})", _day_without_year),
    (rf"{_PREFIX}{_WEEKDAY_LEAD}(?P<month>{_MONTH})\s+{_ANY_DAY}", _day_without_year),
    (rf"{_PREFIX}{_THE}{_HOLIDAY}(?:,?\s+(?P<year>{_YEAR}))?", _holiday),
    (rf"{_PREFIX}(?P<month>{_MONTH}),?\s+(?P<year>{_YEAR})", _explicit_month),
    (rf"{_PREFIX}(?P<month>{_MONTH})", _bare_month),
    (rf"{_PREFIX}(?P<year>{_YEAR})", _explicit_year),
    (rf"{_PREFIX}(?:(?P<rel>(?i:last|next|this|past))\s+)?(?P<weekday>{_WEEKDAY})", _weekday),
    (r"\b(?P<word>(?i:yesterday|today|tomorrow))\b", _named_day),
    (
        r"\b(?i:(?:(?:in|during|over)\s+)?(?P<rel>last|this|next|previous|(?:the\s+)?past)\s+(?P<unit>week|month|year)\b)",
        _calendar_unit,
    ),
    (r"\b(?i:(?P<when>earlier|later)\s+this\s+(?P<unit>week|month|year)\b)", _earlier_later),
    (
        r"\b(?i:(?:(?:in|over)\s+)?(?:(?:the\s+)?(?:recent|past\s+few|last\s+few)|(?P<coming>the\s+coming|the\s+next\s+few))\s+(?P<unit>days|weeks|months)\b)",
        _recent_or_coming,
    ),
]


# Each rule is compiled twice: as written, for running text (capitalised month names), and ignoring case,
# for a phrase given on its own ("as of january 20, 2025" in a question).
_RULES: list[tuple[re.Pattern[str], re.Pattern[str], _Handler]] = [
    (re.compile(source), re.compile(source, re.IGNORECASE), handler) for source, handler in _RULE_SOURCES
]
