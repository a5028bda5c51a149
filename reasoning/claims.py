"""Claims under check: a sentence becomes a predicate on the true value, and evidence becomes a verdict."""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import math
import re
from collections.abc import Collection, Sequence
from typing import Any, Literal

import msgspec

from reasoning.claim_parts import assign_names, assign_to_nearest
from reasoning.claimants import Claimant, find_claimants, skipping_claimant
from reasoning.english import FIGURE_NOUNS, INCREMENT_LEMMAS, NEGATION, Reading, Token, lemmas_of, read
from reasoning.errors import UnparseableClaim
from reasoning.evidence import CURRENCY_CODES, CURRENCY_SIGNS, CURRENCY_WORDS, Lexicon, MetricInfo
from reasoning.figures import DEFAULT_FIGURE_SETTINGS, Figure, FigureSettings, FoundFigure, find_figures
from reasoning.mentions import (
    FigureMeasure,
    feeding_flow,
    find_mentions,
    metric_family,
    resolve_reading,
    verbs_of_shares,
)
from reasoning.mentions import Reading as MentionReading
from reasoning.modality import modality_of_figure
from reasoning.movements import DOWN, FACTORS, UP, Movement, agrees, movement_ends, movement_of
from reasoning.ordinals import ordinal_counts_the_metric, ordinal_describes, ordinal_of, ordinal_spans
from reasoning.second_names import refuse_event_names, refuse_other_subjects
from reasoning.timing import (
    TimeFound,
    dated_clauses,
    dated_events,
    find_modality,
    find_times,
    refuse_running_total,
    up_to,
)
from reasoning.types import Interval, MetricKind, Modality, Precision, TimeSpan
from reasoning.word_roles import Role, WordRole, account_for_words, latest_words
from reasoning.wording import describe_range, format_number

__all__ = [
    "CheckKind",
    "ClaimKind",
    "ClaimPart",
    "ParsedClaim",
    "Predicate",
    "Verdict",
    "describe_predicate",
    "judge_claim",
    "parse_claim",
    "predicate_for",
]

Relation = Literal["about", "nearly", "more_than", "at_least", "less_than", "at_most", "exactly"]
VerdictName = Literal["supported", "contradicted", "mixed", "unverifiable"]
# How a part is checked: its value as of a day; the total of a flow's events in a period; the difference of a
# stock's values at a period's two ends; whether anything happened; the day it first happened.
# A movement without figures ("doubled between 16 and 20 October") compares a level's values at a period's ends.
CheckKind = Literal["value_as_of", "period_total", "change", "movement", "existence", "first_date", "event_size"]
ClaimKind = Literal["one_figure", "several_figures", "period", "no_figure"]
Span = tuple[int, int]


class Predicate(msgspec.Struct, frozen=True, kw_only=True):
    """The set of true values a claim's figure allows: `low`..`high` (None is unbounded), each end open or closed.

    "more than 5,000" is (5000, ∞); "1,000" bare is the round-figure band [900, 1100]; "nearly 400" the
    nearly band [360, 400]; "exactly 217" is [217, 217]. `number` is the figure as written.
    """

    relation: Relation
    value_text: str
    number: float
    low: float | None
    high: float | None
    low_inclusive: bool = True
    high_inclusive: bool = True
    is_percent: bool = False
    comparison: str | None = None  # "more than in 2023": the figure is a difference, not a level


class ClaimPart(msgspec.Struct, frozen=True, kw_only=True):
    """One checkable statement of a claim: a figure (or none) about one subject and metric at one time.

    `check` says what it is checked against (see CheckKind); `direction` is set for a change ("grew by" is
    up, "fell by" down). `time_named` is False when the claim names no time for the part: then `time` is the
    day it is checked as of (a figure) or the record up to that day (no figure).
    """

    subject: str
    metric: str
    predicate: Predicate | None
    check: CheckKind
    modality: Modality
    time: TimeSpan
    as_of: dt.date
    time_text: str | None
    time_named: bool
    subject_span: Span | None
    metric_span: Span
    value_span: Span | None
    time_span: Span | None = None
    direction: Literal["up", "down"] | None = None
    # One end of a movement ("fell from 3,918 to about 3,200"): the ends are one statement, judged together.
    movement: bool = False
    # A movement said without figures ("nearly doubled between 16 and 20 October"): what the verb states.
    stated_movement: Movement | None = None
    ordinal: int | None = None  # for an event's size: which event of the flow ("the fourth shipment")
    # Who the claim says stated this figure ("the health ministry put the toll at 472"): only the statements
    # attributed to it are checked (`reasoning.claimants`).
    claimant: str | None = None
    claimant_span: Span | None = None


class ParsedClaim(msgspec.Struct, frozen=True, kw_only=True):
    """A claim as understood, shown back to the user. Spans are offsets into `text`.

    `parts` holds every checkable statement, in text order; the top-level fields are the first part's, so a
    one-figure claim reads as it always did. `time` is the claim's own time when it states one ("in 2024"),
    else the day it is checked as of (rule `checked_as_of`, or `today` when no date was given); `as_of` is
    that time's last day. `subject_span` is None when the claim names no subject and the store has the metric
    for one subject only. `predicate` and `value_span` are None for a claim without a figure.
    """

    text: str
    subject: str
    metric: str
    predicate: Predicate | None
    modality: Modality
    time: TimeSpan
    as_of: dt.date
    time_text: str | None
    subject_span: Span | None
    metric_span: Span
    value_span: Span | None
    time_span: Span | None = None
    kind: ClaimKind = "one_figure"
    parts: tuple[ClaimPart, ...] = ()
    words: tuple[WordRole, ...] = ()  # every word and its role, as for a question
    claimant: str | None = None  # the first part's
    claimant_span: Span | None = None


class Verdict(msgspec.Struct, frozen=True, kw_only=True):
    verdict: VerdictName
    reason: str


# "217 more officers": the figure is an increment, a flow, whatever the tense around it.
_INCREMENT_AFTER = re.compile(rf"(?i)\s+(?:{'|'.join(sorted(INCREMENT_LEMMAS))})\b")
_RELATIONS: dict[str, Relation] = {
    "exact": "exactly",
    "approximate": "about",
    "nearly": "nearly",
    "more_than": "more_than",
    "at_least": "at_least",
    "less_than": "less_than",
    "at_most": "at_most",
}
_HINT = "state one figure about one subject, e.g. 'The city's fleet had about 300 buses in May 2031'"
# Without a figure, these make a claim about an amount or a comparison, which is not checked without one.
_AMOUNT_WORDS = frozenset(
    "many few several much little numerous lot lots plenty more less fewer most least majority minority half "
    "double triple twice than dozens hundreds thousands millions record only".split()
)


def parse_claim(
    text: str,
    lexicon: Lexicon,
    *,
    available: Collection[tuple[str, str]],
    as_of: dt.date | None,
    today: dt.date,
    settings: FigureSettings = DEFAULT_FIGURE_SETTINGS,
) -> ParsedClaim:
    """Read a claim into its parts; raise UnparseableClaim naming the part not understood (value, subject,
    metric, date) and, for a claim of several figures, the figure whose part it is.

    Every figure outside a time phrase is a part. Each name, measure and time goes with the figure nearest it
    in the parse (`reasoning.claim_parts`); a part that names no measure of its own takes the one of the part
    before it ("21 seats and the Farmers League 19"), and one that names no subject the subject of the part
    before it ("900 doctors for 2 million people"). A claim without a figure is read as a claim that
    something happened (existence) or, with "first", as the day it first happened.
    """
    anchor = as_of or today
    rule = "checked_as_of" if as_of is not None else "today"
    times = find_times(text, anchor=anchor, error=UnparseableClaim)
    figures = [
        f
        for f in find_figures(text, settings)
        if not any(s < f.end and f.start < e for s, e in (t.span for t in times))
    ]
    masked = text
    for figure in figures:
        masked = masked[: figure.start] + " " * (figure.end - figure.start) + masked[figure.end :]
    if NEGATION.search(masked):
        # Reading "has not deployed 1,000" as a claim about 1,000 would check the opposite of what was said.
        raise _value_error(
            f"{text!r} is negated; negated claims are not checked",
            "check the claim without the negation and read its verdict the other way round",
        )
    _refuse_ranges(text, figures)
    _refuse_a_movement_its_verb_denies(read(text), figures, settings)
    read_spans: list[tuple[Span, Role]] = [((f.start, f.end), "figure") for f in figures]
    read_spans += [(t.span, "time") for t in times]
    claimants = find_claimants(read(text), lexicon, skip=[span for span, _ in read_spans])
    # "in the 5 May 2030 Harrowgate election": the names of events the dates date are time, read once for both
    events = dated_events(read(text), lexicon, [t.span for t in times], [(f.start, f.end) for f in figures])
    try:
        if not figures:
            part, words = _no_figure_part(
                text,
                lexicon,
                available=available,
                times=times,
                anchor=anchor,
                rule=rule,
                claimant=claimants[0] if claimants else None,
            )
            return _parsed(text, "period" if part.check == "movement" else "no_figure", [part], words)
        parts = _figure_parts(
            text,
            lexicon,
            available=available,
            times=times,
            figures=figures,
            anchor=anchor,
            rule=rule,
            claimants=claimants,
            events=events,
        )
    except UnparseableClaim as exc:
        if exc.extra.get("part") not in ("subject", "metric"):
            raise
        # Nothing known was found where something was named: say which words, not only that nothing was found.
        read_spans += [(claimant.span, "claimant") for claimant in claimants]
        account_for_words(read(text), spans=read_spans, lexicon=lexicon, chosen=(), units=(), strict=True)
        raise
    words = _account_for_names(text, lexicon, parts, times, figures, events)
    if len(parts) > 1:
        kind: ClaimKind = "several_figures"
    elif parts[0].check in ("period_total", "change") or parts[0].time.precision is Precision.period:
        kind = "period"
    else:
        kind = "one_figure"
    return _parsed(text, kind, parts, words)


def _account_for_names(
    text: str,
    lexicon: Lexicon,
    parts: Sequence[ClaimPart],
    times: Sequence[TimeFound],
    figures: Sequence[FoundFigure],
    events: Sequence[Span],
) -> list[WordRole]:
    """Every name and number of a claim with figures is read, or the claim is refused (422 unknown_term):
    "The Tanwood County fire service deployed 500 firefighters" is not a claim about the county's fire service
    when the store does not know Tanwood County."""
    spans: list[tuple[Span, Role]] = [((f.start, f.end), "figure") for f in figures]
    reading = read(text)
    spans += [(t.span, "time") for t in times]
    spans += [(span, "time") for span in events]
    spans += [(p.metric_span, "metric") for p in parts]
    spans += [(p.subject_span, "subject") for p in parts if p.subject_span is not None]
    spans += [(p.claimant_span, "claimant") for p in parts if p.claimant_span is not None]
    mentions = find_mentions(text, [*lexicon.entities, *lexicon.metrics])
    spans += [((m.start, m.end), "context") for m in mentions]
    moved = any(p.direction is not None for p in parts) or any(
        _movement_partner(text, figures, i) is not None for i in range(len(figures))
    )
    if moved:  # "grew by 300", "rose from 309 to 431": the verb says how the figures are read, and was read
        spans += [((t.start, t.end), "frame") for t in reading.tokens if t.lemma in UP | DOWN | FACTORS.keys()]
        # "more than doubled", "nearly doubled": how many times over, which `agrees` checked
        spans += [
            ((t.start, t.end), "frame")
            for verb in reading.tokens
            if verb.lemma in FACTORS
            for modifier in reading.children(verb.i)
            if modifier.dep == "advmod"
            for t in reading.subtree(modifier.i)
        ]
    spans += [(span, "figure") for part in parts for span in ordinal_spans(reading, part.ordinal)]
    levels = {info.key for info in lexicon.metric_info if info.kind is MetricKind.stock}
    if len(parts) == 1 and parts[0].check == "value_as_of" and parts[0].metric in levels:
        (only,) = parts  # "the current toll is 463": its value as of the day checked
        spans += [(span, "frame") for span in latest_words(reading, [only.metric_span], time_named=only.time_named)]
    # "when the council declared the emergency in May 2030": what happened then says when; read last
    spans += [(span, "time") for span in dated_clauses(reading, [t.span for t in times])]
    return account_for_words(
        reading,
        spans=spans,
        lexicon=lexicon,
        chosen={key for p in parts for key in (p.subject, p.metric)},
        units=[info.unit for info in lexicon.metric_info if info.key in {p.metric for p in parts}],
        names_only=len(figures) > 1,
    )


def _parsed(text: str, kind: ClaimKind, parts: Sequence[ClaimPart], words: Sequence[WordRole]) -> ParsedClaim:
    first = parts[0]
    return ParsedClaim(
        text=text,
        subject=first.subject,
        metric=first.metric,
        predicate=first.predicate,
        modality=first.modality,
        time=first.time,
        as_of=first.as_of,
        time_text=first.time_text,
        subject_span=first.subject_span,
        metric_span=first.metric_span,
        value_span=first.value_span,
        time_span=first.time_span,
        kind=kind,
        parts=tuple(parts),
        words=tuple(words),
        claimant=first.claimant,
        claimant_span=first.claimant_span,
    )


def _figure_parts(
    text: str,
    lexicon: Lexicon,
    *,
    available: Collection[tuple[str, str]],
    times: Sequence[TimeFound],
    figures: Sequence[FoundFigure],
    anchor: dt.date,
    rule: str,
    claimants: Sequence[Claimant],
    events: Sequence[Span],
) -> list[ClaimPart]:
    reading = read(text)
    figure_spans = [(f.start, f.end) for f in figures]
    time_spans = [t.span for t in times]
    skip_all = [*figure_spans, *time_spans, *events]
    entities = find_mentions(text, lexicon.entities, skip=skip_all)
    metrics = find_mentions(text, lexicon.metrics, skip=skip_all)
    mentions = [(m, True) for m in entities] + [(m, False) for m in metrics]
    owner = assign_names(reading, [(m.start, m.end) for m, _ in mentions], figure_spans)
    time_of = assign_to_nearest(reading, figure_spans, time_spans) if times else []
    if 1 < len(times) == len(figures) and sorted(time_of) != list(range(len(times))):
        # As many times as figures, but the parse hangs two on one figure (it often attaches a second "in June"
        # to the verb): each figure takes its own time, in the order written ("120 in May and 130 in June").
        time_of = list(range(len(times)))
    unused = [t for index, t in enumerate(times) if index not in time_of]
    if unused:
        listed = ", ".join(repr(t.text) for t in times)
        raise UnparseableClaim(
            f"more than one date for one figure in {text!r}: {listed}",
            hint="state one date or period for each figure, e.g. 'as of 1 March 2031', 'in 2030' or "
            "'between March and May 2030'",
            extra={"part": "date", "suggestions": []},
        )
    modality = find_modality(text)
    infos = {info.key: info for info in lexicon.metric_info}
    parts: list[ClaimPart] = []
    for index, figure in enumerate(figures):
        # The two ends of "from 309 to 431" share their subject and measure, wherever the parse hangs them.
        ends = {index, _movement_partner(text, figures, index)}
        own = [(m, is_entity) for (m, is_entity), o in zip(mentions, owner, strict=True) if o in ends]
        allowed = [(m.start, m.end) for m, _ in own]
        noun = _counted_noun(reading, figure)
        own_measures = [infos.get(m.key) for m, is_entity in own if not is_entity]
        # "won 9 seats ... and the Farmers League won three": a figure that counts no noun of its own, and that its
        # verb's measure cannot be (a count is no share of the vote), counts the measure of the part before.
        unfit = noun is None and all(_unit_mismatch(text, figure, info) is not None for info in own_measures)
        if parts and (not own_measures or unfit):
            if noun is not None and not any(m.start <= noun.start < m.end for m, _ in mentions):
                raise _in_part(
                    UnparseableClaim(
                        f"{noun.text!r} in {text!r} names no measure the store knows",
                        hint="use a measure the store knows (GET /v1/metrics), or check each figure on its own",
                        extra={"part": "metric", "suggestions": []},
                    ),
                    text,
                    figure,
                )
            allowed.append(parts[-1].metric_span)  # "and the Farmers League 19": the measure of the part before
        if parts and not any(is_entity for _, is_entity in own) and parts[-1].subject_span is not None:
            allowed.append(parts[-1].subject_span)  # "for 2 million people": the subject of the part before
        others = [(m.start, m.end) for m, _ in mentions if not any(s < m.end and m.start < e for s, e in allowed)]
        found = times[time_of[index]] if times else None
        if found is not None and not _time_reaches(reading, figure, found):
            found = None  # "5,600 died in 2024, and Kenya sent 217 officers": the year is the first clause's
        # Who stated this figure: the claimant whose clause holds it, the innermost ("the mayor said 150 ..., and
        # the governor put the toll at 120" is two claimants, one for each figure).
        claimant = min(
            (c for c in claimants if c.covers((figure.start, figure.end))),
            key=lambda c: c.scope[1] - c.scope[0],
            default=None,
        )
        try:
            chosen = _read_part(
                text,
                lexicon,
                available,
                skip=[*skip_all, *others],
                found=found,
                claimant=claimant,
                increment=_INCREMENT_AFTER.match(text, figure.end) is not None,
                measure=_measure_of(text, figure),
            )
        except UnparseableClaim as exc:
            if len(figures) > 1:
                raise _in_part(exc, text, figure) from exc
            raise
        refuse_other_subjects(text, chosen, [(chosen.subject, chosen.subject_span)], available, lexicon)
        refuse_event_names(text, chosen, events, available, lexicon)
        info = infos.get(chosen.metric)
        time = (
            found.time if found is not None else TimeSpan(start=anchor, end=anchor, precision=Precision.day, rule=rule)
        )
        moved = _end_of_a_movement(text, figures, index, time)
        time = moved or time
        # "rose from 309 to 431": each figure is a level at one end, not the size of the change
        direction = None if moved is not None else _change_direction(reading, figure)
        is_flow = info is not None and info.kind is MetricKind.flow
        period = found is not None and time.start is not None and time.start != time.end
        check: CheckKind = "value_as_of"
        if direction is not None:
            refused = (
                ("is a change, which is checked only for a level over a period with two ends", "name the period")
                if is_flow or not period
                # "grew by 40 between 2022 and 2023": the years' levels, or the span of both?
                else (
                    "is a change over a period whose ends are not days, which could be compared more than one way",
                    "name the days",
                )
                if movement_ends(time) is None
                else None
            )
            if refused is not None:
                raise _in_part(
                    UnparseableClaim(
                        f"{figure.figure.value_text!r} in {text!r} {refused[0]}",
                        hint=f"{refused[1]} of the change, e.g. 'grew by 300 between 1 March and 30 April 2031' or "
                        "'grew by 300 in 2031', or state the level itself",
                        extra={"part": "value", "suggestions": []},
                    ),
                    text,
                    figure,
                )
            check = "change"
        elif is_flow and found is not None and time.precision is not Precision.day:
            check = "period_total"
        # "The fourth shipment contained 800,000 doses": the size of one event of the flow, the fourth in time; a
        # level's word ("the third contingent had 30 rescue workers") is read as the one flow that feeds it.
        # With several figures, the one ordinal goes to the figures of the event it names (see ordinal_describes).
        one_event = len(figures) == 1 or ordinal_describes(reading, skip_all, (figure.start, figure.end))
        ordinal = ordinal_of(reading, skip_all) if one_event and direction is None and moved is None else None
        event_metric = chosen.metric if is_flow else feeding_flow(chosen.metric, lexicon)
        family = metric_family(chosen.metric, lexicon)
        if ordinal is not None and event_metric is not None and ordinal_counts_the_metric(reading, chosen, family):
            check = "event_size"
            chosen = msgspec.structs.replace(chosen, metric=event_metric)
            info = infos.get(event_metric)
        else:
            ordinal = None
        _refuse_unit_mismatch(text, figure, info)
        if check in ("value_as_of", "period_total") and moved is None:
            refuse_running_total(reading, found, info, UnparseableClaim)
        # Each figure takes the modality of the words that govern it: "pledged 1,000 but sent 400" is two.
        own_modality = modality_of_figure(text, figure.start, figure.end).modality if len(figures) > 1 else modality
        parts.append(
            ClaimPart(
                subject=chosen.subject,
                metric=chosen.metric,
                predicate=predicate_for(figure.figure),
                check=check,
                modality=own_modality,
                time=time,
                as_of=time.end or anchor,  # a resolved date phrase always has an end; `or` satisfies the type
                time_text=found.text if found is not None else None,
                time_named=found is not None,
                subject_span=chosen.subject_span,
                metric_span=chosen.metric_span,
                value_span=(figure.start, figure.end),
                time_span=found.span if found is not None else None,
                direction=direction,
                movement=moved is not None,
                ordinal=ordinal,
                claimant=claimant.text if claimant is not None else None,
                claimant_span=claimant.span if claimant is not None else None,
            )
        )
    return parts


_RANGE_JOIN = re.compile(r"(?i)\A\s*(?:and|to|-|–|—)\s*\Z")
_BETWEEN = re.compile(r"(?i)\bbetween\s*\Z")


def _refuse_ranges(text: str, figures: Sequence[FoundFigure]) -> None:
    """ "Between 1 and 2 million", "200–230": one range, not two claims; it is refused with a hint rather than
    read as two figures (which would check "1" and "2 million" each)."""
    for a, b in itertools.pairwise(figures):
        joined = _RANGE_JOIN.match(text[a.end : b.start])
        dash = text[a.end : b.start].strip() in ("-", "–", "—")
        if joined and (dash or _BETWEEN.search(text[: a.start])):
            raise _value_error(
                f"{text[a.start : b.end]!r} in {text!r} is a range of figures, which is not checked as one claim",
                "check one end at a time ('at least 200 ...', 'at most 230 ...'), or the figure the source gave",
            )


# A currency's sign before a figure, or its name or ISO 4217 code after it: "€85 million", "20 million dollars".
# Units of weight, volume, length and area: "5,000 pounds of sandbags" measures a weight, not sandbags.
_MEASURE_UNITS = frozenset(
    "pound lb kilogram kilo kg gram tonne ton litre liter gallon barrel metre meter kilometre kilometer km mile "
    "foot feet inch hectare acre".split()
)
_MONEY_BEFORE = re.compile(rf"[{''.join(sorted(CURRENCY_SIGNS))}]\s*\Z")
_WORD_AFTER = re.compile(r"\A\s*([^\W\d_]+)")


def _measure_of(text: str, figure: FoundFigure) -> FigureMeasure:
    """What a figure measures as written: a percentage, a sum of money ("€85 million", "2 million euro",
    "20 million USD"), a count of the noun after it ("5,000 sandbags"), or a bare number ("pledged 10
    million"), which may be money too."""
    if figure.figure.is_percent:
        return "percent"
    after = _WORD_AFTER.match(text[figure.end :])
    word = after.group(1) if after else ""
    currency = word in CURRENCY_CODES or bool(set(lemmas_of(word)) & CURRENCY_WORDS) if word else False
    if currency or _MONEY_BEFORE.search(text, 0, figure.start):
        return "money"
    nouns = [t for t in read(text).tokens if t.start >= figure.end and t.pos in ("NOUN", "PROPN")]
    counted = bool(word) and bool(nouns) and nouns[0].text == word
    return "count" if counted else "number"


def _refuse_unit_mismatch(text: str, figure: FoundFigure, info: MetricInfo | None) -> None:
    mismatch = _unit_mismatch(text, figure, info)
    if mismatch is not None:
        raise mismatch


def _unit_mismatch(text: str, figure: FoundFigure, info: MetricInfo | None) -> UnparseableClaim | None:
    """Why a figure cannot be of a measure, if it cannot. A percentage claimed of a count ("217% of officers")
    or a count of a percentage is another measure, and so is a sum of money claimed of anything but an amount
    ("€85 million" of job cuts), a count of things claimed of an amount ("5,000 trucks" of aid in EUR), and a
    weight or length ("5,000 pounds of sandbags")."""
    if info is None:
        return None
    measure = _measure_of(text, figure)
    if measure == "money" and not info.in_money:
        return _value_error(
            f"{figure.figure.value_text!r} in {text!r} is a sum of money, but {info.name} is measured in {info.unit}",
            f"state the figure in {info.unit}, or name a measure of what the money is for",
        )
    counted = _WORD_AFTER.match(text[figure.end :])
    noun = counted.group(1) if counted and measure == "count" else ""
    weighed = bool(set(lemmas_of(noun)) & _MEASURE_UNITS) and not set(lemmas_of(noun)) & set(lemmas_of(info.unit))
    if (measure == "count" and info.in_money) or weighed:
        return _value_error(
            f"{figure.figure.value_text!r} in {text!r} counts {noun}, but {info.name} is measured in {info.unit}",
            f"state the figure in {info.unit}, or name a measure of what the figure counts",
        )
    if figure.figure.is_percent != info.in_percent:
        said = "a percentage" if figure.figure.is_percent else "a count"
        return _value_error(
            f"{figure.figure.value_text!r} in {text!r} is {said}, but {info.name} is measured in {info.unit}",
            f"state the figure in {info.unit}, or name a measure of what the figure counts",
        )
    return None


_FROM = re.compile(r"(?i)\bfrom\s*\Z")
_TO = re.compile(r"(?i)\A\s*to\s*\Z")


def _clause_head(reading: Reading, index: int) -> Token:
    """The verb heading the clause a token is in: the first verb above it that is the root or joined to it."""
    token = reading.tokens[index]
    while token.head != token.i and not (token.pos in ("VERB", "AUX") and token.dep in ("ROOT", "conj")):
        token = reading.tokens[token.head]
    return token


def _time_reaches(reading: Reading, figure: FoundFigure, found: TimeFound) -> bool:
    """Whether a time phrase is the figure's: a time before the sentence's main verb scopes over every clause; a
    later one only over its own clause, unless the figure's clause has no subject of its own ("burned 11,500
    hectares and destroyed 64 homes by 20 December" shares it)."""
    figure_tokens = reading.tokens_in(figure.start, figure.end)
    time_tokens = reading.tokens_in(*found.span)
    if not figure_tokens or not time_tokens:
        return True
    figure_clause = _clause_head(reading, figure_tokens[0].i)
    time_clause = _clause_head(reading, time_tokens[0].i)
    root = next((t for t in reading.tokens if t.dep == "ROOT"), None)
    fronted = root is not None and found.span[1] <= root.start
    if fronted or figure_clause.i == time_clause.i:
        return True
    return not any(child.dep in ("nsubj", "nsubjpass") for child in reading.children(figure_clause.i))


def _movement_partner(text: str, figures: Sequence[FoundFigure], index: int) -> int | None:
    """The other end of "from 309 to 431": the figure's partner's index, or None."""
    for first in (index - 1, index):
        if first < 0 or first + 1 >= len(figures):
            continue
        a, b = figures[first], figures[first + 1]
        if _FROM.search(text[: a.start]) and _TO.match(text[a.end : b.start]):
            return first + 1 if first == index else first
    return None


def _refuse_a_movement_its_verb_denies(
    reading: Reading, figures: Sequence[FoundFigure], settings: FigureSettings
) -> None:
    """A claim whose verb says one movement and whose figures another ("fell from 212 to 402", "tripled from
    212 to 402") claims two things that cannot both be true; checking its figures alone would judge only one."""
    for index in range(len(figures) - 1):
        if _movement_partner(reading.text, figures, index) != index + 1:
            continue
        first, last = figures[index], figures[index + 1]
        verb = _verb_of_movement(reading, first)
        said = movement_of(reading, verb) if verb is not None else None
        if said is None or agrees(said, first.figure.number, last.figure.number, settings):
            continue
        raise _value_error(
            f"{reading.text!r} says {said.verb!r}, but its own figures go from {first.figure.value_text} to "
            f"{last.figure.value_text}",
            "check the figures without the verb, or state a movement they agree with",
        )


def _verb_of_movement(reading: Reading, first: FoundFigure) -> Token | None:
    """The verb of "rose from 309 to 431": the verb that the "from" before the first figure hangs on."""
    before = [t for t in reading.tokens if t.end <= first.start]
    if not before or before[-1].lemma != "from":
        return None
    head = reading.tokens[before[-1].head]
    return head if head.pos in ("VERB", "AUX") else None


def _end_of_a_movement(text: str, figures: Sequence[FoundFigure], index: int, time: TimeSpan) -> TimeSpan | None:
    """ "rose from 309 to 431 between 16 and 19 October": the first figure is the level on the period's first
    day, the second on its last; None when the figure is not one end of such a movement over a period."""
    partner = _movement_partner(text, figures, index)
    if partner is None or time.start is None or time.end is None or time.start == time.end:
        return None
    at_start = index < partner
    day = time.start if at_start else time.end
    return TimeSpan(start=day, end=day, precision=Precision.day, rule=f"{time.rule}:{'start' if at_start else 'end'}")


def _counted_noun(reading: Reading, figure: FoundFigure) -> Token | None:
    """The common noun a figure counts ("80 trams" -> "trams"); None when it counts no noun of its own, as in an
    elided part ("and the Farmers League 19")."""
    inside = {t.i for t in reading.tokens_in(figure.start, figure.end)}
    for index in inside:
        head = reading.tokens[reading.tokens[index].head]
        if head.i not in inside and head.pos == "NOUN" and head.start >= figure.end:
            return head
    return None


def _change_direction(reading: Reading, figure: FoundFigure) -> Literal["up", "down"] | None:
    """Up for "grew by 5,000 hectares" or "an increase of 200", down for "fell by 3 points"; else None."""
    tokens = reading.tokens_in(figure.start, figure.end)
    inside = {t.i for t in tokens}
    heads = [t for t in tokens if t.head not in inside]
    if not heads:
        return None
    current = reading.tokens[heads[0].head]
    if current.lemma not in ("by", "of") and current.dep == "pobj":
        current = reading.tokens[current.head]  # "by 5,000 hectares": the figure counts the noun after "by"
    if current.lemma not in ("by", "of"):
        return None
    verb = reading.tokens[current.head]
    if current.lemma == "of" and verb.pos != "NOUN":
        return None
    if verb.lemma in UP:
        return "up"
    if verb.lemma in DOWN:
        return "down"
    return None


def _no_figure_part(
    text: str,
    lexicon: Lexicon,
    *,
    available: Collection[tuple[str, str]],
    times: Sequence[TimeFound],
    anchor: dt.date,
    rule: str,
    claimant: Claimant | None,
) -> tuple[ClaimPart, list[WordRole]]:
    if len(times) > 1:
        listed = ", ".join(repr(t.text) for t in times)
        raise UnparseableClaim(
            f"more than one date in {text!r}: {listed}",
            hint="state one date or period, e.g. 'in March 2031' or 'between March and May 2030'",
            extra={"part": "date", "suggestions": []},
        )
    found = times[0] if times else None
    skip = [found.span] if found is not None else []
    reading = read(text)
    outside = [t for t in reading.tokens if not any(s <= t.start < e for s, e in skip)]
    moving = _movement_without_figures(reading, outside, found)
    if moving is not None:
        return _movement_part(
            text, lexicon, available=available, found=found, moving=moving, anchor=anchor, claimant=claimant
        )
    amount = [t.text for t in outside if t.lemma in _AMOUNT_WORDS | UP | DOWN | FACTORS.keys()]
    if amount:
        raise _value_error(
            f"{text!r} speaks of an amount or a change ({', '.join(map(repr, amount))}) without a figure; "
            "a claim without a figure is read only as whether something happened or when it first happened",
            _HINT,
        )
    first = any(t.lemma == "first" and t.pos in ("ADV", "ADJ") for t in outside)
    chosen = _read_part(
        text, lexicon, available, skip=skip, found=found, claimant=claimant, cue=MetricKind.flow if first else None
    )
    refuse_other_subjects(text, chosen, [(chosen.subject, chosen.subject_span)], available, lexicon)
    if first and found is None:
        raise _value_error(
            f"{text!r} says something came first without saying when; that compares it with others, which is "
            "not checked",
            "say when it first happened, e.g. 'Riverton first added buses in July 2031'",
        )
    # Without a figure nothing else pins the claim down: every word that names something must be read, or the
    # claim is refused ("X endorsed the toll" is not the claim that a toll exists).
    spans: list[tuple[Span, Role]] = [(chosen.metric_span, "metric")]
    spans += [(chosen.subject_span, "subject")] if chosen.subject_span is not None else []
    spans += [(found.span, "time")] if found is not None else []
    spans += [(claimant.span, "claimant")] if claimant is not None else []
    spans += [((t.start, t.end), "frame") for t in outside if t.lemma == "first"]
    # "the Farmers League won seats": a verb of a share says how a count was had (see `verbs_of_shares`)
    spans += [(span, "frame") for span in verbs_of_shares(reading, chosen, lexicon)]
    # Names `refuse_other_subjects` let through narrow the claim ("to Harrowgate's appeal"): they were read.
    entity_keys = {term.key for term in lexicon.entities}
    spans += [((m.start, m.end), "context") for m in chosen.mentions if m.key in entity_keys]
    info = {m.key: m for m in lexicon.metric_info}.get(chosen.metric)
    words = account_for_words(
        reading,
        spans=spans,
        lexicon=lexicon,
        chosen={chosen.subject, chosen.metric},
        units=[info.unit] if info is not None else [],
    )
    last_day = up_to(read(text), found) if found is not None and not first else None
    time = (
        TimeSpan(start=None, end=last_day, precision=Precision.period, rule="up_to")  # "broke down by March"
        if last_day is not None
        else found.time
        if found is not None
        else TimeSpan(start=None, end=anchor, precision=Precision.period, rule=f"record_to_{rule}")
    )
    part = ClaimPart(
        subject=chosen.subject,
        metric=chosen.metric,
        predicate=None,
        check="first_date" if first else "existence",
        modality=find_modality(text),
        time=time,
        as_of=time.end or anchor,
        time_text=found.text if found is not None else None,
        time_named=found is not None,
        subject_span=chosen.subject_span,
        metric_span=chosen.metric_span,
        value_span=None,
        time_span=found.span if found is not None else None,
        claimant=claimant.text if claimant is not None else None,
        claimant_span=claimant.span if claimant is not None else None,
    )
    return part, words


def _movement_without_figures(
    reading: Reading, outside: Sequence[Token], found: TimeFound | None
) -> tuple[Movement, list[Token]] | None:
    """ "The toll doubled between 16 and 20 October": the movement a claim without figures states, and the words
    that say it (the verb and "nearly", "almost" or "more than" on a number of times over); None when it names no
    single verb of movement (the amount refusal then speaks). Anything else said of the movement ("rose
    slightly", "rose by a third", "fell into disrepair", "could double") would go unchecked, so it is refused."""
    verbs = [t for t in outside if t.pos == "VERB" and t.lemma in UP | DOWN | FACTORS.keys()]
    if len(verbs) != 1 or (movement := movement_of(reading, verbs[0])) is None:
        return None
    verb = verbs[0]
    if (modality := find_modality(reading.text)) is not Modality.actual or any(
        t.dep == "aux" and t.lemma not in ("have", "be", "do") for t in reading.tokens
    ):
        raise _value_error(
            f"{reading.text!r} says the level may, will or was meant to move ({modality.value}); only a movement "
            "that happened is checked without figures",
            "state the figures pledged or planned, e.g. 'pledged to raise the fleet to 400 buses by 2031'",
        )
    said = [verb]
    unread: list[Token] = []
    in_time = (lambda t: found.span[0] <= t.start and t.end <= found.span[1]) if found is not None else None
    for child in reading.children(verb.i):
        if child.dep in ("nsubj", "nsubjpass", "punct"):
            continue  # what moved: its words are read with the measure (`_movement_part`)
        if in_time is not None and in_time(child):
            unread += [t for t in reading.subtree(child.i) if not in_time(t)]  # "in May 2024 per capita"
            continue
        if child.dep in ("aux", "auxpass") and child.lemma in ("have", "be", "do"):
            continue  # "had doubled", "has risen": tense, not a modal ("could double" is refused)
        words = reading.subtree(child.i)
        if movement.factor is not None and child.dep == "advmod" and _says_how_many_times(reading, child):
            said += words
            continue
        unread += words
    if verb.dep != "ROOT":
        unread.append(verb)  # "the rising toll", "a doubled fleet": no movement is claimed
    if unread:
        quoted = reading.text[min(t.start for t in unread) : max(t.end for t in unread)]
        raise _value_error(
            f"{reading.text!r} says more of the movement {verb.text!r} than its direction ({quoted!r}), which is "
            "not checked without figures",
            "state the figures at both ends, e.g. 'rose from 300 to 342 between 1 and 30 April 2031', or only "
            "the movement, e.g. 'rose between 1 and 30 April 2031'",
        )
    others = [t for t in outside if t.lemma in _AMOUNT_WORDS | UP | DOWN | FACTORS.keys() and t not in said]
    return None if others else (movement, said)


def _says_how_many_times(reading: Reading, modifier: Token) -> bool:
    """ "nearly doubled", "almost tripled", "more than halved": the modifiers `movement_of` reads; others ("at
    least", "less than", "twice") are not read."""
    words = [t.lemma for t in reading.subtree(modifier.i)]
    return words in (["nearly"], ["almost"], ["more", "than"])


def _movement_part(
    text: str,
    lexicon: Lexicon,
    *,
    available: Collection[tuple[str, str]],
    found: TimeFound | None,
    moving: tuple[Movement, list[Token]],
    anchor: dt.date,
    claimant: Claimant | None,
) -> tuple[ClaimPart, list[WordRole]]:
    """A level said to have moved over a period without figures ("doubled between 16 and 20 October"): checked
    against its values on record at the period's two ends (`reasoning.movements`)."""
    movement, said = moving
    ends = movement_ends(found.time) if found is not None else None
    if found is None or ends is None:
        raise _value_error(
            f"{text!r} says the level {movement.verb} without figures or a period whose two ends are days to compare",
            "name the period, e.g. 'doubled between 16 and 20 October 2030' or 'rose in 2030', or state the figures",
        )
    chosen = _read_part(text, lexicon, available, skip=[found.span], found=found, claimant=claimant)
    refuse_other_subjects(text, chosen, [(chosen.subject, chosen.subject_span)], available, lexicon)
    info = {m.key: m for m in lexicon.metric_info}.get(chosen.metric)
    if info is None or info.kind is MetricKind.flow:
        raise _value_error(
            f"{text!r} says {movement.verb!r} of a measure counted in events; a movement is checked for a level",
            "state the figures, or name a level (a total, a toll, a count standing at a time)",
        )
    spans: list[tuple[Span, Role]] = [(chosen.metric_span, "metric"), (found.span, "time")]
    spans += [(chosen.subject_span, "subject")] if chosen.subject_span is not None else []
    spans += [(claimant.span, "claimant")] if claimant is not None else []
    spans += [((t.start, t.end), "frame") for t in said]
    entity_keys = {term.key for term in lexicon.entities}
    spans += [((m.start, m.end), "context") for m in chosen.mentions if m.key in entity_keys]
    reading = read(text)
    words = account_for_words(
        reading, spans=spans, lexicon=lexicon, chosen={chosen.subject, chosen.metric}, units=[info.unit]
    )
    # What moved must be the level itself or a figure of it: "the death rate", "deaths per day", "the share of
    # the displaced" are other quantities, whose words would otherwise go unread.
    verb = said[0]
    what_moved = [t for c in reading.children(verb.i) if c.dep in ("nsubj", "nsubjpass") for t in reading.subtree(c.i)]
    ignored = {(w.start, w.end) for w in words if w.role == "ignored"}
    loose = [
        t
        for t in what_moved
        if (t.start, t.end) in ignored
        and t.pos in ("NOUN", "ADJ", "VERB", "ADP")
        and t.lemma not in FIGURE_NOUNS
        and t.lemma not in ("of", "in", "for", "at", "on", "by", "from")
    ]
    if loose:
        raise _value_error(
            f"{text!r} says {' '.join(t.text for t in loose)!r} of what moved, which is not the level "
            f"{info.name} itself",
            f"say what moved as the store measures it, e.g. 'the number of {info.unit} ... rose between ...'",
        )
    part = ClaimPart(
        subject=chosen.subject,
        metric=chosen.metric,
        predicate=None,
        check="movement",
        modality=Modality.actual,  # a movement that may or will happen is refused (`_movement_without_figures`)
        time=found.time,
        as_of=ends[1],
        time_text=found.text,
        time_named=True,
        subject_span=chosen.subject_span,
        metric_span=chosen.metric_span,
        value_span=None,
        time_span=found.span,
        direction=movement.direction,
        stated_movement=movement,
        claimant=claimant.text if claimant is not None else None,
        claimant_span=claimant.span if claimant is not None else None,
    )
    return part, words


def _read_part(
    text: str,
    lexicon: Lexicon,
    available: Collection[tuple[str, str]],
    *,
    skip: Sequence[Span],
    found: TimeFound | None,
    claimant: Claimant | None,
    **cues: Any,
) -> MentionReading:
    """The subject and measure of one part, read without the claimant's names unless only they name a subject."""
    read_with = functools.partial(
        resolve_reading,
        text,
        lexicon,
        available=available,
        error=UnparseableClaim,
        time=found.time if found is not None else None,
        **cues,
    )
    return skipping_claimant(read_with, skip, claimant, UnparseableClaim)


def _in_part(exc: UnparseableClaim, text: str, figure: FoundFigure) -> UnparseableClaim:
    """The same refusal, naming the figure whose part was not understood: a part is never guessed."""
    said = figure.figure.value_text
    return UnparseableClaim(
        f"the part of the claim with {said!r}: {exc.detail}",
        hint=exc.hint,
        extra={**exc.extra, "figure": said, "figure_span": [figure.start, figure.end]},
    )


def _value_error(detail: str, hint: str) -> UnparseableClaim:
    return UnparseableClaim(detail, hint=hint, extra={"part": "value", "suggestions": []})


def predicate_for(figure: Figure) -> Predicate:
    """The values a claimed figure is true of (SPEC "How words become numbers": a claim is a predicate)."""
    interval, number = figure.interval, figure.number
    if figure.qualifier == "none":
        relation: Relation = "about" if interval.rule == "round_figure" else "exactly"
    else:
        relation = _RELATIONS[figure.qualifier]
    low, high, low_inclusive, high_inclusive = interval.low, interval.high, True, True
    if relation in ("more_than", "at_least"):
        # As evidence "over 600" is a figure rounded down (600-660); as a claim it is true of anything above.
        low, high, low_inclusive = number, None, relation == "at_least"
    elif relation in ("less_than", "at_most"):
        low, high, high_inclusive = None, number, relation == "at_most"
    return Predicate(
        relation=relation,
        value_text=figure.value_text,
        number=number,
        low=low,
        high=high,
        low_inclusive=low_inclusive,
        high_inclusive=high_inclusive,
        is_percent=figure.is_percent,
        comparison=figure.comparison,
    )


# --- verdicts ------------------------------------------------------------------------------------------


def judge_claim(
    predicate: Predicate,
    *,
    estimate: Interval | None,
    supporting: Sequence[Interval] = (),
    conflicting: Sequence[Interval] = (),
    credible_conflict: bool = False,
    supporting_origins: Sequence[str] = (),
    conflicting_origins: Sequence[str] = (),
) -> Verdict:
    """Compare the answer a claim is checked against with the values the claim allows.

    Within -> supported; outside -> contradicted; partly -> judged by the estimate's best value, and the
    reason says so. `mixed` needs `credible_conflict` (the caller vouches that the conflicting citations are
    not explained away) and evidence on both sides: supporting citations within the claim and conflicting
    ones outside it, or the other way round. Without it, conflicting citations are only mentioned.

    When the origins of the citations are given (`supporting_origins`, `conflicting_origins`, one per
    citation), the side the best estimate stands on settles it if more independent origins stand with it
    than against it: one outlet's dissent does not make a claim that several confirm "mixed"; it is named
    in the reason instead.
    """
    allowed = f"what the claim's “{predicate.value_text}” allows ({describe_predicate(predicate)})"
    if estimate is None:
        return Verdict(verdict="unverifiable", reason="No evidence in the store answers this subject, metric and time.")
    backing, opposing = [_fit(predicate, i) for i in supporting], [_fit(predicate, i) for i in conflicting]
    both_sides = ("within" in backing and "outside" in opposing) or ("outside" in backing and "within" in opposing)
    if (
        credible_conflict
        and both_sides
        and not _outweighed(predicate, estimate, backing, opposing, supporting_origins, conflicting_origins)
    ):
        within, outside = ((backing + opposing).count(kind) for kind in ("within", "outside"))
        return Verdict(
            verdict="mixed",
            reason=f"Credible sources stand on both sides: {within} citation(s) within {allowed} and {outside} "
            f"outside it; the best estimate is {describe_range(estimate)}.",
        )
    fit, n = _fit(predicate, estimate), len(conflicting)
    said = f"The evidence puts the value at {describe_range(estimate)}"
    others = f" {n} conflicting citation{'s stand' if n > 1 else ' stands'} against that estimate." if n else ""
    if fit != "partly":
        verdict: VerdictName = "supported" if fit == "within" else "contradicted"
        share = (
            {"within": "all of it", "outside": "none of it"}
            if estimate.low != estimate.high
            else {"within": "which is", "outside": "which is not"}
        )
        return Verdict(verdict=verdict, reason=f"{said}, {share[fit]} within {allowed}.{others}")
    by_best = _contains(predicate, estimate.best)
    return Verdict(
        verdict="supported" if by_best else "contradicted",
        reason=f"{said}, only partly within {allowed}; judged by the best value, "
        f"{format_number(estimate.best)}, which is {'within' if by_best else 'outside'} it.{others}",
    )


def _outweighed(
    predicate: Predicate,
    estimate: Interval,
    backing: Sequence[str],
    opposing: Sequence[str],
    supporting_origins: Sequence[str],
    conflicting_origins: Sequence[str],
) -> bool:
    """Whether the best estimate's side has more independent origins than the other side of the claim."""
    if len(supporting_origins) != len(backing) or len(conflicting_origins) != len(opposing):
        return False  # no origins given: every credible dissent counts
    fits = [*zip(backing, supporting_origins, strict=True), *zip(opposing, conflicting_origins, strict=True)]
    side = "within" if _contains(predicate, estimate.best) else "outside"
    with_estimate = {origin for fit, origin in fits if fit == side}
    against = {origin for fit, origin in fits if fit not in (side, "partly")}
    return len(with_estimate) > len(against)


def _fit(predicate: Predicate, interval: Interval) -> Literal["within", "outside", "partly"]:
    """Within, outside or partly; a range that only touches the claim's boundary counts as outside of it.

    "over one million" (1,000,000-1,100,000) is within "more than a million": the figure's own floor is
    the rounding, not a value the source asserts. A single value is judged exactly.
    """
    low = -math.inf if interval.low is None else interval.low
    high = math.inf if interval.high is None else interval.high
    if low >= high:
        return "within" if _contains(predicate, interval.best) else "outside"
    p_low = -math.inf if predicate.low is None else predicate.low
    p_high = math.inf if predicate.high is None else predicate.high
    if p_low == p_high:
        return "partly" if low <= p_low <= high else "outside"
    if p_low <= low and high <= p_high:
        return "within"
    if min(high, p_high) <= max(low, p_low):
        return "outside"
    return "partly"


def _contains(predicate: Predicate, value: float) -> bool:
    low, high = predicate.low, predicate.high
    above = low is None or value > low or (value == low and predicate.low_inclusive)
    return above and (high is None or value < high or (value == high and predicate.high_inclusive))


def describe_predicate(predicate: Predicate) -> str:
    """The values a claim allows, in words: "more than 5,000", "5,601 or more", "between 900 and 1,100"."""
    low = "" if predicate.low is None else format_number(predicate.low)
    high = "" if predicate.high is None else format_number(predicate.high)
    if low and high:
        return f"exactly {low}" if low == high else f"between {low} and {high}"
    if low:
        return f"{low} or more" if predicate.low_inclusive else f"more than {low}"
    return (f"{high} or less" if predicate.high_inclusive else f"less than {high}") if high else "any value"
