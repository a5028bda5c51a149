"""Written figures become the intervals a careful fact-checker reads into them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reasoning.errors import UnparseableFigure
from reasoning.figures import (
    QUALIFIERS,
    FigureSettings,
    find_figures,
    interval_for,
    intervals_overlap,
    parse_figure,
)
from reasoning.types import Interval


def exact(x: float) -> Interval:
    return Interval(low=x, best=x, high=x, rule="exact")


# text, number, qualifier, is_percent, low, best, high, rule
WRITTEN_FIGURES = [
    ("217", 217, "none", False, 217, 217, 217, "exact"),
    ("5,601", 5601, "none", False, 5601, 5601, 5601, "exact"),
    ("200", 200, "none", False, 180, 200, 220, "round_figure"),
    ("400", 400, "none", False, 360, 400, 440, "round_figure"),
    ("1,000", 1000, "none", False, 900, 1000, 1100, "round_figure"),
    ("5,600", 5600, "none", False, 5040, 5600, 6160, "round_figure"),
    ("12,300", 12300, "none", False, 12200, 12300, 12400, "round_figure"),  # given to the hundred: never ±10%
    ("5,000", 5000, "none", False, 4500, 5000, 5500, "round_figure"),
    ("60", 60, "none", False, 60, 60, 60, "exact"),
    ("a thousand", 1000, "none", False, 900, 1000, 1100, "round_figure"),
    ("one million", 1_000_000, "none", False, 900_000, 1_000_000, 1_100_000, "round_figure"),
    ("five million", 5_000_000, "none", False, 4_500_000, 5_000_000, 5_500_000, "round_figure"),
    ("11 million", 11_000_000, "none", False, 9_900_000, 11_000_000, 12_100_000, "round_figure"),
    ("1.5 million", 1_500_000, "none", False, 1_350_000, 1_500_000, 1_650_000, "round_figure"),
    ("1.25 million", 1_250_000, "none", False, 1_240_000, 1_250_000, 1_260_000, "round_figure"),
    ("5.3", 5.3, "none", False, 5.3, 5.3, 5.3, "exact"),
    ("twenty", 20, "none", False, 20, 20, 20, "exact"),
    ("one hundred and five", 105, "none", False, 105, 105, 105, "exact"),
    ("a dozen", 12, "none", False, 10.8, 12, 13.2, "round_figure"),
    ("over 600", 600, "more_than", False, 600, 600, 660, "more_than"),
    ("more than 5,000", 5000, "more_than", False, 5000, 5000, 5500, "more_than"),
    ("over 3,100", 3100, "more_than", False, 3100, 3100, 3410, "more_than"),
    ("upwards of 200", 200, "more_than", False, 200, 200, 220, "more_than"),
    ("over a million", 1_000_000, "more_than", False, 1_000_000, 1_000_000, 1_100_000, "more_than"),
    ("over 11 million", 11_000_000, "more_than", False, 11_000_000, 11_000_000, 12_100_000, "more_than"),
    ("around 1,000", 1000, "approximate", False, 900, 1000, 1100, "approximate"),
    ("about 430", 430, "approximate", False, 387, 430, 473, "approximate"),
    ("some 10", 10, "approximate", False, 9, 10, 11, "approximate"),
    ("roughly 50", 50, "approximate", False, 45, 50, 55, "approximate"),
    ("an estimated 80%", 80, "approximate", True, 72, 80, 88, "approximate"),
    ("nearly 400", 400, "nearly", False, 360, 400, 400, "nearly"),
    ("nearly 20", 20, "nearly", False, 18, 20, 20, "nearly"),
    ("almost 1,000", 1000, "nearly", False, 900, 1000, 1000, "nearly"),
    ("just under 500", 500, "nearly", False, 450, 500, 500, "nearly"),
    ("close to 300", 300, "nearly", False, 270, 300, 300, "nearly"),
    ("as many as 300", 300, "nearly", False, 270, 300, 300, "nearly"),  # put high: 112 conflicts with it
    ("at least 5,601", 5601, "at_least", False, 5601, 5601, None, "at_least"),
    ("at least 150", 150, "at_least", False, 150, 150, None, "at_least"),
    ("no fewer than 40", 40, "at_least", False, 40, 40, None, "at_least"),
    ("a minimum of 12", 12, "at_least", False, 12, 12, None, "at_least"),
    ("up to 1,000", 1000, "at_most", False, None, 1000, 1000, "at_most"),
    ("no more than 30", 30, "at_most", False, None, 30, 30, "at_most"),
    ("at most 7", 7, "at_most", False, None, 7, 7, "at_most"),
    ("fewer than 20", 20, "less_than", False, None, 20, 20, "less_than"),
    ("under 18", 18, "less_than", False, None, 18, 18, "less_than"),
    ("exactly 1,000", 1000, "exact", False, 1000, 1000, 1000, "exact"),
    ("80%", 80, "none", True, 80, 80, 80, "exact"),
    ("80 percent", 80, "none", True, 80, 80, 80, "exact"),
    ("80 per cent", 80, "none", True, 80, 80, 80, "exact"),
    ("more than 20 percent", 20, "more_than", True, 20, 20, 22, "more_than"),
    ("one in eight", 12.5, "none", True, 11.25, 12.5, 13.75, "round_figure"),
    ("1 in 8", 12.5, "none", True, 11.25, 12.5, 13.75, "round_figure"),
    ("half", 50, "none", True, 45, 50, 55, "round_figure"),
    ("nearly half", 50, "nearly", True, 45, 50, 50, "nearly"),
    ("over half", 50, "more_than", True, 50, 50, 55, "more_than"),
    ("three-quarters", 75, "none", True, 67.5, 75, 82.5, "round_figure"),
    ("no", 0, "none", False, 0, 0, 0, "exact"),
    ("none", 0, "none", False, 0, 0, 0, "exact"),
    ("zero", 0, "none", False, 0, 0, 0, "exact"),
]


@pytest.mark.parametrize(
    ("text", "number", "qualifier", "is_percent", "low", "best", "high", "rule"),
    WRITTEN_FIGURES,
    ids=[row[0] for row in WRITTEN_FIGURES],
)
def test_written_figures_become_intervals(
    text: str,
    number: float,
    qualifier: str,
    is_percent: bool,
    low: float | None,
    best: float,
    high: float | None,
    rule: str,
) -> None:
    figure = parse_figure(text)
    assert (figure.value_text, figure.number, figure.qualifier, figure.is_percent) == (
        text,
        number,
        qualifier,
        is_percent,
    )
    assert figure.interval == Interval(low=low, best=best, high=high, rule=rule)


def test_over_600_means_600_to_660() -> None:
    assert parse_figure("over 600").interval == Interval(low=600, best=600, high=660, rule="more_than")


def test_headline_200_beside_body_217_is_not_a_conflict() -> None:
    assert intervals_overlap(parse_figure("200").interval, parse_figure("217").interval)


def test_around_1000_beside_a_sum_of_arrivals_of_761_is_a_conflict() -> None:
    assert not intervals_overlap(parse_figure("around 1,000").interval, exact(761))


def test_nearly_400_is_consistent_with_400_patrolling() -> None:
    assert intervals_overlap(parse_figure("nearly 400").interval, parse_figure("400").interval)


def test_over_700000_displaced_falls_short_of_over_a_million() -> None:
    assert not intervals_overlap(parse_figure("over 700,000").interval, parse_figure("over a million").interval)


def test_over_5600_and_at_least_5601_killed_agree() -> None:
    assert intervals_overlap(parse_figure("More than 5,600").interval, parse_figure("at least 5,601").interval)


def test_a_thousand_more_than_in_2023_is_a_difference_not_a_level() -> None:
    figure = parse_figure("a thousand more than in 2023")
    assert (figure.number, figure.comparison, figure.interval.rule) == (1000, "more than in 2023", "round_figure")


def test_a_plain_figure_has_no_comparison() -> None:
    assert parse_figure("217").comparison is None


# --- settings, not constants ---------------------------------------------------------------------------


def test_round_tolerance_is_a_setting() -> None:
    narrow = FigureSettings(round_tolerance=0.05)
    assert parse_figure("400", narrow).interval == Interval(low=380, best=400, high=420, rule="round_figure")


@pytest.mark.parametrize(
    ("settings", "text", "low", "high"),
    [
        (FigureSettings(approximate_tolerance=0.2), "around 1,000", 800, 1200),
        (FigureSettings(more_than_tolerance=0.5), "over 600", 600, 900),
        (FigureSettings(nearly_tolerance=0.25), "nearly 400", 300, 400),
    ],
    ids=["approximate", "more_than", "nearly"],
)
def test_each_qualifier_tolerance_is_a_setting(settings: FigureSettings, text: str, low: float, high: float) -> None:
    interval = parse_figure(text, settings).interval
    assert (interval.low, interval.high) == (low, high)


def test_how_many_digits_make_a_round_figure_precise_is_a_setting() -> None:
    assert parse_figure("12,300").interval == Interval(low=12200, best=12300, high=12400, rule="round_figure")
    loose = FigureSettings(round_precise_digits=4)  # 12,300 is then a bare round figure: ±10%
    assert parse_figure("12,300", loose).interval == Interval(low=11070, best=12300, high=13530, rule="round_figure")
    strict = FigureSettings(round_precise_digits=2)  # 5,600 is given to the hundred too
    assert parse_figure("5,600", strict).interval == Interval(low=5500, best=5600, high=5700, rule="round_figure")
    assert parse_figure("400", strict).interval.low == 360  # one digit: a unit (100) is wider than its 10%


def test_a_figure_in_loose_words_keeps_its_whole_band() -> None:
    # "a dozen" is not given to the unit: it keeps the round-figure band whatever its digits
    assert parse_figure("a dozen").interval.rule == "round_figure"
    assert parse_figure("a dozen").interval.low == pytest.approx(10.8)


def test_one_trailing_zero_makes_a_round_figure_when_configured() -> None:
    assert parse_figure("60", FigureSettings(round_min_trailing_zeros=1)).interval.rule == "round_figure"


@pytest.mark.parametrize(
    "settings",
    [
        {"round_tolerance": -0.1},
        {"approximate_tolerance": 1.0},
        {"more_than_tolerance": 2.0},
        {"nearly_tolerance": -1.0},
        {"round_min_trailing_zeros": -1},
        {"round_precise_digits": 0},
    ],
    ids=[
        "negative_round",
        "approximate_of_100_percent",
        "more_than_over_100_percent",
        "negative_nearly",
        "zeros",
        "no_units",
    ],
)
def test_nonsense_settings_are_refused(settings: dict[str, float]) -> None:
    with pytest.raises(ValueError, match="must"):
        FigureSettings(**settings)  # type: ignore[arg-type]  # each case sets one field, of that field's type


# --- refusals ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["", "   ", "many", "officers", "over", "thousands", "several thousand", "3 pm", "-5", "217 and 400", "a"],
)
def test_what_is_not_one_figure_is_refused_with_a_hint(text: str) -> None:
    with pytest.raises(UnparseableFigure) as caught:
        parse_figure(text)
    assert caught.value.hint and "over 300" in caught.value.hint


def test_an_unknown_qualifier_is_refused_with_the_known_ones() -> None:
    with pytest.raises(UnparseableFigure) as caught:
        interval_for(10, "somewhat")
    assert "more_than" in caught.value.hint


def test_an_infinite_number_is_refused() -> None:
    with pytest.raises(UnparseableFigure):
        interval_for(float("inf"), "none")


# --- overlap -------------------------------------------------------------------------------------------

OVERLAPS = [
    ("touching_bounds", Interval(low=1, best=1, high=2, rule="x"), Interval(low=2, best=2, high=3, rule="x"), True),
    ("disjoint", Interval(low=1, best=1, high=2, rule="x"), Interval(low=3, best=3, high=4, rule="x"), False),
    ("open_above_reaches", Interval(low=5601, best=5601, high=None, rule="x"), exact(10_000), True),
    ("open_above_misses", Interval(low=5601, best=5601, high=None, rule="x"), exact(5000), False),
    ("open_below_reaches", Interval(low=None, best=20, high=20, rule="x"), exact(0), True),
    ("open_below_misses", Interval(low=None, best=20, high=20, rule="x"), exact(21), False),
    ("both_open", Interval(low=None, best=1, high=1, rule="x"), Interval(low=2, best=2, high=None, rule="x"), False),
]


@pytest.mark.parametrize(("a", "b", "expected"), [row[1:] for row in OVERLAPS], ids=[row[0] for row in OVERLAPS])
def test_intervals_overlap_treats_none_as_unbounded(a: Interval, b: Interval, expected: bool) -> None:
    assert intervals_overlap(a, b) is expected


# --- finding figures in running text -------------------------------------------------------------------

CAUGHT = [
    ("Kenya has deployed 217 more police officers to Haiti", "217"),
    ("have together pledged over 3,100 troops", "over 3,100"),
    ("has displaced more than a million people, including one in eight children.", "one in eight"),
    (
        "at least 5,601 people were killed, a thousand more than in 2023, according to the UN",
        "a thousand more than in 2023",
    ),
    ("a series of armed attacks have left at least 150 dead in recent days", "at least 150"),
    ("over 1,379 people were killed or injured", "over 1,379"),
    ("with only about 5,000 Haitian police officers available", "about 5,000"),
    ("to protect a population of over 11 million.", "over 11 million"),
    ("reported last month that nearly 20 people in the initial deployment", "nearly 20"),
    ("with an estimated 80% of Port-au-Prince under gang control", "an estimated 80%"),
    ("The number of killings increased by more than 20 percent compared with all of 2023", "more than 20 percent"),
    ("Some 10 countries - including Guatemala", "Some 10"),
    ("whether to renew Kenya's mandate for another 12 months", "12"),
    ("more than five million Haitians—nearly half the population", "nearly half"),
    ("over 700,000 people displaced, half of whom are children.", "half"),
]


@pytest.mark.parametrize(("text", "phrase"), CAUGHT, ids=[row[1] for row in CAUGHT])
def test_find_figures_catches_news_phrasing(text: str, phrase: str) -> None:
    found = {text[f.start : f.end] for f in find_figures(text)}
    assert phrase in found


SKIPPED = [
    ("year_after_in", "Kenya began sending troops in 2024."),
    ("year_after_since", "the first general election since 2016."),
    ("year_as_adjective", "under gang control since the 2021 assassination of the president"),
    ("month_and_year", "renewed the MSS mission in September 2024, for another year"),
    ("day_month_year", "as of 20 January 2025 the mission"),
    ("month_day", "on Jan 20 the mission"),
    ("month_day_year", "on January 20, 2025, the mission"),
    ("clock_time", "the plane landed at 10:30 local time"),
    ("time_with_pm", "the plane landed at 3 p.m. local time"),
    ("digit_ordinal", "the 21st contingent"),
    ("word_ordinal", "the second foreign contingent"),
    ("lone_one_as_pronoun", "one of Haiti's deadliest attacks"),
    ("hyphenated_duration", "a one-year extension of the mandate"),
    ("vague_plural", "thousands of people fled"),
    ("vague_scale", "several thousand people fled"),
    ("identifier", "COVID-19 and F-16 jets"),
    ("share_word_without_a_whole", "a third country"),
]


@pytest.mark.parametrize("text", [row[1] for row in SKIPPED], ids=[row[0] for row in SKIPPED])
def test_find_figures_skips_dates_times_ordinals_and_pronouns(text: str) -> None:
    assert find_figures(text) == []


SEED_PARAGRAPH = (
    "At least 10 countries have pledged a total of around 2,900 troops to the Kenyan-led Multinational "
    "Security Support (MSS) mission. However, as of now, only about 430 troops have been deployed since the "
    "U.N.-authorized mission began in June, with nearly 400 of those coming from Kenya. Last week, members "
    "of the Gran Grif gang carried out one of Haiti's deadliest attacks in recent years, killing at least "
    "115 people in a farming region. Nairobi previously sent 400 officers in December and over 200 last "
    "month — with the latest reinforcements bringing the total to around 1,000."
)


def test_find_figures_returns_a_paragraph_s_figures_in_text_order() -> None:
    found = find_figures(SEED_PARAGRAPH)
    assert [f.figure.value_text for f in found] == [
        "At least 10",
        "around 2,900",
        "about 430",
        "nearly 400",
        "at least 115",
        "400",
        "over 200",
        "around 1,000",
    ]


def test_find_figures_offsets_quote_the_text_exactly() -> None:
    for found in find_figures(SEED_PARAGRAPH):
        assert SEED_PARAGRAPH[found.start : found.end] == found.figure.value_text


def test_find_figures_reads_qualifiers_into_intervals() -> None:
    by_text = {f.figure.value_text: f.figure for f in find_figures(SEED_PARAGRAPH)}
    assert by_text["nearly 400"].interval == Interval(low=360, best=400, high=400, rule="nearly")
    assert by_text["At least 10"].qualifier == "at_least"


def test_a_year_shaped_count_after_a_qualifier_is_a_figure() -> None:
    assert [f.figure.value_text for f in find_figures("Over 2000 people fled.")] == ["Over 2000"]


# --- properties ----------------------------------------------------------------------------------------

tolerances = st.floats(min_value=0, max_value=0.99)
settings_strategy = st.builds(
    FigureSettings,
    round_tolerance=tolerances,
    approximate_tolerance=tolerances,
    more_than_tolerance=tolerances,
    nearly_tolerance=tolerances,
    round_min_trailing_zeros=st.integers(min_value=0, max_value=6),
)
numbers = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False)


@given(numbers, st.sampled_from(sorted(QUALIFIERS)), settings_strategy, st.booleans())
def test_every_interval_contains_its_best_value(
    number: float, qualifier: str, settings: FigureSettings, in_words: bool
) -> None:
    interval = interval_for(number, qualifier, settings, written_in_words=in_words)
    assert interval.best == number
    assert interval.low is None or interval.low <= interval.best
    assert interval.high is None or interval.best <= interval.high
    assert intervals_overlap(interval, exact(number))


intervals = st.builds(
    lambda low, width, open_low, open_high: Interval(
        low=None if open_low else low, best=low + width, high=None if open_high else low + 2 * width, rule="x"
    ),
    st.floats(min_value=-1e6, max_value=1e6),
    st.floats(min_value=0, max_value=1e6),
    st.booleans(),
    st.booleans(),
)


@given(intervals, intervals)
def test_intervals_overlap_is_symmetric(a: Interval, b: Interval) -> None:
    assert intervals_overlap(a, b) == intervals_overlap(b, a)


@given(st.integers(min_value=1, max_value=10**9).map(lambda k: k * 100))
def test_a_round_figure_overlaps_its_own_exact_value(x: int) -> None:
    interval = parse_figure(f"{x:,}").interval
    assert interval.rule == "round_figure"
    assert intervals_overlap(interval, exact(x))


# Below 2**53 every integer is a float exactly, so "round" is decided on the digits as written.
non_round = st.integers(min_value=0, max_value=2**53).filter(lambda n: n % 100 != 0)


@given(non_round)
def test_a_non_round_number_in_digits_is_exact(n: int) -> None:
    assert parse_figure(str(n)).interval == exact(n)


@given(non_round)
def test_thousands_separators_do_not_change_the_number(n: int) -> None:
    assert parse_figure(f"{n:,}").number == parse_figure(str(n)).number == n


@given(st.sampled_from(["over", "more than", "nearly", "about", "at least", "up to", "fewer than"]), non_round)
def test_a_qualifier_always_reaches_the_figure(word: str, n: int) -> None:
    figure = parse_figure(f"{word} {n:,}")
    assert figure.qualifier != "none" and figure.number == n


@given(st.text(alphabet=st.sampled_from(list("0123456789,.% abcdefghijklmnopqrstuvwxyz-:")), max_size=80))
def test_find_figures_offsets_always_quote_the_text(text: str) -> None:
    found = find_figures(text)
    assert [f.start for f in found] == sorted(f.start for f in found)
    for item in found:
        assert text[item.start : item.end] == item.figure.value_text
