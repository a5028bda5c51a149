"""What the service reports (answers, timelines, conflicts, questions, claim checks) as wire structs, and views."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Annotated, Literal

import msgspec
from msgspec import Meta

from api.wire import Wire, plain_number
from reasoning import answers, citations, claims, conflicts, evidence, questions, replies, timeline, types
from reasoning.movements import Movement
from reasoning.types import Modality, Precision

# The reasoning's literal types, restated: the public schema names its values here, so a change in the
# reasoning core shows up as a type error in the views below rather than as a silent change on the wire.
Basis = Literal["reported", "derived", "none"]
Operation = Literal["report", "start_from_level", "add_flow", "sum_flows"]
ConflictKind = Literal["disjoint_values", "total_vs_parts", "date_contradiction", "denial"]
Relation = Literal["about", "nearly", "more_than", "at_least", "less_than", "at_most", "exactly"]
VerdictName = Literal["supported", "contradicted", "mixed", "unverifiable"]
ClaimKind = Literal["one_figure", "several_figures", "period", "no_figure"]
CheckKind = Literal["value_as_of", "period_total", "change", "movement", "existence", "first_date", "event_size"]

Span = Annotated[tuple[int, int], Meta(description="character offsets [start, end) into `text`")]


# --- figures and times ---------------------------------------------------------------------------------
class Interval(Wire):
    """A figure as bounds: `low`/`high` of null are unbounded; `rule` names the convention that gave them."""

    low: float | None
    best: float
    high: float | None
    rule: str


class TimeSpan(Wire):
    """When a figure holds: ISO dates from `start` to `end` (equal for a day), its precision, and the rule."""

    start: dt.date | None
    end: dt.date | None
    precision: Precision
    rule: str


class DateEvidence(Wire):
    """A date phrase in a source's text (`text[start:end]` is `phrase`), what it resolves to, and why it matters."""

    source_id: int
    phrase: str
    start: int
    end: int
    resolved: TimeSpan
    why: str


# --- answers -------------------------------------------------------------------------------------------
class Citation(Wire):
    """One assertion an answer rests on or runs into: the quote, its figure and time, its role and why."""

    assertion_id: int
    source_id: int
    source_title: str | None
    claimant: str | None
    metric: str
    quote: str
    quote_start: int
    quote_end: int
    value_text: str
    low: float | None
    best: float
    high: float | None
    time: TimeSpan
    origin: Annotated[str | None, Meta(description="shared by sources that repeat one wire story; null: its own")]
    role: Annotated[str, Meta(description="level, flow, corroborates, contradicts, superseded, ...")]
    why: str


class Step(Wire):
    """One step of a derivation: the figure it adds, the running total after it, and what it stands on."""

    operation: Operation
    figure: Interval
    total: Interval
    citations: list[Citation]
    source_ids: list[int]
    text: str


class MergedEvent(Wire):
    """An event several sources report, counted once: `kept` supplies the figure, `merged` are the others."""

    time: TimeSpan
    low: float | None
    best: float
    high: float | None
    kept: Citation
    merged: list[Citation]
    source_ids: list[int]


class Answer(Wire):
    """The value of a metric for a subject as of a date: reported, derived from a level plus flows, or none."""

    subject: str
    metric: str
    unit: str
    modality: Modality
    as_of: dt.date
    low: float | None
    best: float | None
    high: float | None
    basis: Basis
    steps: list[Step]
    supporting: list[Citation]
    conflicting: list[Citation]
    merged_events: list[MergedEvent]
    newest_evidence_date: dt.date | None
    staleness_days: Annotated[int | None, Meta(description="days from the newest evidence used to `as_of`")]
    independent_origins_supporting: int
    independent_origins_conflicting: int
    explanation: str
    superseded: Annotated[
        list[Citation],
        Meta(
            description="older levels that differ only because the level has moved since, and figures a later "
            "statement corrected (role `corrected`), which are never weighed"
        ),
    ]


class TimelinePoint(Wire):
    """The answer from one date on, until the next point: its value, basis and citations."""

    date: dt.date
    low: float | None
    best: float | None
    high: float | None
    basis: Basis
    supporting: list[Citation]
    conflicting: list[Citation]


class Timeline(Wire):
    """The answer over time: a point at every date where a figure's time ends and the answer changes."""

    subject: str
    metric: str
    unit: str
    modality: Modality
    points: list[TimelinePoint]


# --- conflicts -----------------------------------------------------------------------------------------
class Conflict(Wire):
    """Assertions that cannot all hold (or a source date its own text contradicts), with the reason."""

    kind: ConflictKind
    subject: str | None
    metric: str | None
    modality: Modality | None
    reason: str
    citations: list[Citation]
    time: TimeSpan | None
    source_id: Annotated[int | None, Meta(description="for a date contradiction: the source whose date it is")]
    date_evidence: list[DateEvidence]


class ConflictList(Wire):
    """A page of the conflicts found: group by group (one subject, one metric family; totals against their
    parts first), then the sources whose stated date is contradicted. A page reads a bounded amount of
    evidence, so it may hold fewer items than `limit`, even none, while `next` is set: follow `next` to the end.
    """

    items: list[Conflict]
    next: Annotated[str | None, Meta(description="the cursor of the next page; null on the last page")] = None


# --- questions and claims ------------------------------------------------------------------------------
QuestionKind = Literal["value_as_of", "event_size", "sum", "event_count", "date", "existence"]
WordRoleName = Literal[
    "subject", "metric", "context", "time", "figure", "modality", "unit", "frame", "claimant", "ignored"
]
ReplyBasis = Literal["reported", "derived", "events", "none"]


class WordRole(Wire):
    """One word of the question and the part it plays in the parse; `ignored` only for function words."""

    word: str
    start: int
    end: int
    role: WordRoleName


class Threshold(Wire):
    """The figure of "when did the total first pass 2,000": met when the value is at least it, above it ("first
    put above 470"), or equals it ("first put at 21")."""

    value: float
    relation: Literal["at_least", "above", "equal"]
    value_text: str
    span: Span
    running_total: Annotated[
        bool,
        Meta(description="met by the running total of a flow's events ('when did the total number ... first pass')"),
    ] = False


class Question(Wire):
    """A question as understood: its kind, what it asks about, as of when, and which words of `text` said so."""

    text: str
    kind: QuestionKind
    subject: str
    subjects: Annotated[list[str], Meta(description="every subject of a sum, the first being `subject`")]
    metric: str
    as_of: dt.date
    as_of_text: str | None
    modality: Modality
    subject_span: Span | None
    metric_span: Span
    time: TimeSpan
    as_of_span: Span | None
    time_named: Annotated[bool, Meta(description="whether the question names its time; if not, `time` is today")]
    ordinal: Annotated[int | None, Meta(description="the event asked about: 4 for 'the fourth shipment'")]
    threshold: Threshold | None
    words: list[WordRole]
    claimant: Annotated[
        str | None,
        Meta(
            description="who the question says stated the figure ('according to the governor's office', 'civil "
            "protection put the toll at 500'): only statements whose claimant is that one are counted"
        ),
    ] = None
    claimant_span: Span | None = None


class Reply(Wire):
    """The answer to a question of any kind. `kind` says which of `best` (with `low`/`high`), `count`, `date` and
    `exists` it gives; none is set when the evidence does not answer, and `explanation` says why."""

    kind: QuestionKind
    subject: str
    subjects: list[str]
    metric: str
    unit: str
    modality: Modality
    time: TimeSpan
    as_of: dt.date
    basis: ReplyBasis
    low: float | None
    best: float | None
    high: float | None
    count: int | None
    date: dt.date | None
    exists: bool | None
    supporting: list[Citation]
    conflicting: list[Citation]
    parts: Annotated[list[Answer], Meta(description="the value answers the reply rests on, one per subject")]
    explanation: str


class AskAnswer(Wire):
    """A question in words as understood, and its answer."""

    question: Question
    answer: Reply


class Predicate(Wire):
    """The true values a claim's figure allows: `low`..`high` (null is unbounded), each end open or closed."""

    relation: Relation
    value_text: str
    number: float
    low: float | None
    high: float | None
    low_inclusive: bool
    high_inclusive: bool
    is_percent: bool
    comparison: Annotated[str | None, Meta(description="set when the figure is a difference: 'more than in 2023'")]


class StatedMovement(Wire):
    """What a verb of movement says without figures: its words, a direction, and for "doubled" or "halved" how
    many times over (`factor`) within what (`relation`: about it, nearly it, or at least it)."""

    verb: Annotated[str, Meta(description="the words as written: 'rose', 'nearly doubled'")]
    direction: Literal["up", "down"]
    factor: Annotated[float | None, Meta(description="2 for 'doubled', 0.5 for 'halved'; null for 'rose', 'fell'")] = (
        None
    )
    relation: Annotated[
        Literal["about", "nearly", "at_least"] | None,
        Meta(description="'doubled' about the factor, 'nearly doubled' just under it, 'more than doubled' at least"),
    ] = None


class ClaimPart(Wire):
    """One checkable statement of a claim: a figure (or none) about one subject and metric at one time."""

    subject: str
    metric: str
    predicate: Annotated[Predicate | None, Meta(description="null for a claim without a figure")]
    check: Annotated[
        CheckKind,
        Meta(
            description="what the part is checked against: its value as of a day (a level over a period: at the "
            "period's end); the total of a flow's events in the period; the difference of a level's values at the "
            "period's two ends; whether it happened; the day it first happened; the size of the n-th event "
            "(`ordinal`)"
        ),
    ]
    modality: Modality
    time: TimeSpan
    as_of: dt.date
    time_text: str | None
    time_named: Annotated[bool, Meta(description="whether the claim names this part's time")]
    subject_span: Span | None
    metric_span: Span
    value_span: Span | None
    time_span: Span | None
    direction: Annotated[Literal["up", "down"] | None, Meta(description="for a change or a movement: up or down")]
    movement: Annotated[
        bool,
        Meta(description="one end of a movement ('fell from 3,918 to about 3,200'): the two ends are one statement"),
    ] = False
    stated_movement: Annotated[
        StatedMovement | None,
        Meta(
            description="a movement said without figures ('nearly doubled between 16 and 20 October'): `check` "
            "is `movement`"
        ),
    ] = None
    ordinal: Annotated[
        int | None, Meta(description="for an event's size: which event, in time order ('the fourth shipment')")
    ] = None
    claimant: Annotated[
        str | None,
        Meta(
            description="who the claim says stated this part's figure ('the health ministry put the toll at 472'): "
            "only statements whose claimant is that one are counted"
        ),
    ] = None
    claimant_span: Span | None = None


class ParsedClaim(Wire):
    """A claim as understood, shown back to the user; spans are character offsets into `text`. The top-level
    fields are the first part's; `parts` holds every part."""

    text: str
    subject: str
    metric: str
    predicate: Annotated[Predicate | None, Meta(description="null for a claim without a figure")]
    modality: Modality
    time: TimeSpan
    as_of: dt.date
    time_text: str | None
    subject_span: Span | None
    metric_span: Span
    value_span: Span | None
    time_span: Span | None
    kind: Annotated[
        ClaimKind,
        Meta(
            description="one_figure; several_figures (a compound claim, each part checked); period (one figure "
            "over a range of days, a flow's total or a level's change); no_figure (it happened, or first happened)"
        ),
    ] = "one_figure"
    parts: list[ClaimPart] = msgspec.field(default_factory=list)
    words: Annotated[
        list[WordRole], Meta(description="every word of `text` and the part it plays, as for a question")
    ] = msgspec.field(default_factory=list)
    claimant: Annotated[
        str | None,
        Meta(
            description="who the claim says stated the figure ('according to the governor's office', 'civil "
            "protection put the toll at 500'): only statements whose claimant is that one are counted"
        ),
    ] = None
    claimant_span: Span | None = None


class CheckedClaimPart(Wire):
    """One part of a claim with its own verdict, the reply it was checked against, and that reply's citations."""

    subject: str
    metric: str
    predicate: Predicate | None
    check: CheckKind
    time: TimeSpan
    as_of: dt.date
    subject_span: Span | None
    metric_span: Span
    value_span: Span | None
    time_span: Span | None
    verdict: VerdictName
    explanation: str
    supporting: list[Citation]
    conflicting: list[Citation]
    reply: Reply
    ordinal: Annotated[int | None, Meta(description="for an event's size: which event, in time order")] = None


class ClaimCheck(Wire):
    """A claim checked against the evidence: the claim as understood, the verdict, and the answer behind it.

    `verdict` is the whole claim's: supported when every part is; contradicted when every part that can be
    checked is; mixed when checked parts disagree; unverifiable when no part can be checked, or when the checked
    parts are supported but some part cannot be. `answer` is the first part's reply as a value answer;
    `supporting` and `conflicting` gather every part's citations; `parts` has each part's own verdict.
    """

    claim: ParsedClaim
    verdict: VerdictName
    explanation: str
    answer: Answer
    supporting: list[Citation]
    conflicting: list[Citation]
    kind: ClaimKind = "one_figure"
    parts: list[CheckedClaimPart] = msgspec.field(default_factory=list)


# --- views: reasoning types to wire structs ------------------------------------------------------------
def interval_view(interval: types.Interval) -> Interval:
    return Interval(
        low=plain_number(interval.low),
        best=plain_number(interval.best),
        high=plain_number(interval.high),
        rule=interval.rule,
    )


def time_span_view(span: types.TimeSpan) -> TimeSpan:
    return TimeSpan(start=span.start, end=span.end, precision=span.precision, rule=span.rule)


def date_evidence_view(found: evidence.DateEvidence) -> DateEvidence:
    return DateEvidence(
        source_id=found.source_id,
        phrase=found.phrase,
        start=found.start,
        end=found.end,
        resolved=time_span_view(found.resolved),
        why=found.why,
    )


def citation_view(citation: citations.Citation) -> Citation:
    return Citation(
        assertion_id=citation.assertion_id,
        source_id=citation.source_id,
        source_title=citation.source_title,
        claimant=citation.claimant,
        metric=citation.metric,
        quote=citation.quote,
        quote_start=citation.quote_start,
        quote_end=citation.quote_end,
        value_text=citation.value_text,
        low=plain_number(citation.low),
        best=plain_number(citation.best),
        high=plain_number(citation.high),
        time=time_span_view(citation.time),
        origin=citation.origin,
        role=citation.role,
        why=citation.why,
    )


def _citations(items: Sequence[citations.Citation]) -> list[Citation]:
    return [citation_view(c) for c in items]


def step_view(step: answers.Step) -> Step:
    return Step(
        operation=step.operation,
        figure=interval_view(step.figure),
        total=interval_view(step.total),
        citations=_citations(step.citations),
        source_ids=list(step.source_ids),
        text=step.text,
    )


def merged_event_view(event: answers.MergedEvent) -> MergedEvent:
    return MergedEvent(
        time=time_span_view(event.time),
        low=plain_number(event.low),
        best=plain_number(event.best),
        high=plain_number(event.high),
        kept=citation_view(event.kept),
        merged=_citations(event.merged),
        source_ids=list(event.source_ids),
    )


def answer_view(answer: answers.Answer) -> Answer:
    return Answer(
        subject=answer.subject,
        metric=answer.metric,
        unit=answer.unit,
        modality=answer.modality,
        as_of=answer.as_of,
        low=plain_number(answer.low),
        best=plain_number(answer.best),
        high=plain_number(answer.high),
        basis=answer.basis,
        steps=[step_view(s) for s in answer.steps],
        supporting=_citations(answer.supporting),
        conflicting=_citations(answer.conflicting),
        merged_events=[merged_event_view(e) for e in answer.merged_events],
        newest_evidence_date=answer.newest_evidence_date,
        staleness_days=answer.staleness_days,
        independent_origins_supporting=answer.independent_origins_supporting,
        independent_origins_conflicting=answer.independent_origins_conflicting,
        explanation=answer.explanation,
        superseded=_citations(answer.superseded),
    )


def timeline_point_view(point: timeline.TimelinePoint) -> TimelinePoint:
    return TimelinePoint(
        date=point.date,
        low=plain_number(point.low),
        best=plain_number(point.best),
        high=plain_number(point.high),
        basis=point.basis,
        supporting=_citations(point.supporting),
        conflicting=_citations(point.conflicting),
    )


def timeline_view(
    *, subject: str, metric: str, unit: str, modality: Modality, points: Sequence[timeline.TimelinePoint]
) -> Timeline:
    return Timeline(
        subject=subject,
        metric=metric,
        unit=unit,
        modality=modality,
        points=[timeline_point_view(p) for p in points],
    )


def conflict_view(conflict: conflicts.Conflict) -> Conflict:
    return Conflict(
        kind=conflict.kind,
        subject=conflict.subject,
        metric=conflict.metric,
        modality=conflict.modality,
        reason=conflict.reason,
        citations=_citations(conflict.citations),
        time=None if conflict.time is None else time_span_view(conflict.time),
        source_id=conflict.source_id,
        date_evidence=[date_evidence_view(d) for d in conflict.date_evidence],
    )


def conflict_list_view(items: Sequence[conflicts.Conflict], next_cursor: str | None = None) -> ConflictList:
    return ConflictList(items=[conflict_view(c) for c in items], next=next_cursor)


def question_view(question: questions.Question) -> Question:
    threshold = question.threshold
    return Question(
        text=question.text,
        kind=question.kind.value,
        subject=question.subject,
        subjects=list(question.subjects),
        metric=question.metric,
        as_of=question.as_of,
        as_of_text=question.as_of_text,
        modality=question.modality,
        subject_span=question.subject_span,
        metric_span=question.metric_span,
        time=time_span_view(question.time),
        as_of_span=question.as_of_span,
        time_named=question.time_named,
        ordinal=question.ordinal,
        threshold=None
        if threshold is None
        else Threshold(
            value=plain_number(threshold.value),
            relation=threshold.relation,
            value_text=threshold.value_text,
            span=threshold.span,
            running_total=threshold.running_total,
        ),
        words=[WordRole(word=w.word, start=w.start, end=w.end, role=w.role) for w in question.words],
        claimant=question.claimant,
        claimant_span=question.claimant_span,
    )


def reply_view(reply: replies.Reply) -> Reply:
    return Reply(
        kind=questions.QuestionKind(reply.kind).value,
        subject=reply.subject,
        subjects=reply.subjects,
        metric=reply.metric,
        unit=reply.unit,
        modality=reply.modality,
        time=time_span_view(reply.time),
        as_of=reply.as_of,
        basis=reply.basis,
        low=plain_number(reply.low),
        best=plain_number(reply.best),
        high=plain_number(reply.high),
        count=reply.count,
        date=reply.date,
        exists=reply.exists,
        supporting=_citations(reply.supporting),
        conflicting=_citations(reply.conflicting),
        parts=[answer_view(a) for a in reply.parts],
        explanation=reply.explanation,
    )


def ask_answer_view(question: questions.Question, reply: replies.Reply) -> AskAnswer:
    return AskAnswer(question=question_view(question), answer=reply_view(reply))


def predicate_view(predicate: claims.Predicate) -> Predicate:
    return Predicate(
        relation=predicate.relation,
        value_text=predicate.value_text,
        number=plain_number(predicate.number),
        low=plain_number(predicate.low),
        high=plain_number(predicate.high),
        low_inclusive=predicate.low_inclusive,
        high_inclusive=predicate.high_inclusive,
        is_percent=predicate.is_percent,
        comparison=predicate.comparison,
    )


def stated_movement_view(movement: Movement) -> StatedMovement:
    return StatedMovement(
        verb=movement.verb, direction=movement.direction, factor=movement.factor, relation=movement.relation
    )


def claim_part_view(part: claims.ClaimPart) -> ClaimPart:
    return ClaimPart(
        subject=part.subject,
        metric=part.metric,
        predicate=None if part.predicate is None else predicate_view(part.predicate),
        check=part.check,
        modality=part.modality,
        time=time_span_view(part.time),
        as_of=part.as_of,
        time_text=part.time_text,
        time_named=part.time_named,
        subject_span=part.subject_span,
        metric_span=part.metric_span,
        value_span=part.value_span,
        time_span=part.time_span,
        direction=part.direction,
        stated_movement=None if part.stated_movement is None else stated_movement_view(part.stated_movement),
        movement=part.movement,
        ordinal=part.ordinal,
        claimant=part.claimant,
        claimant_span=part.claimant_span,
    )


def parsed_claim_view(claim: claims.ParsedClaim) -> ParsedClaim:
    return ParsedClaim(
        text=claim.text,
        subject=claim.subject,
        metric=claim.metric,
        predicate=None if claim.predicate is None else predicate_view(claim.predicate),
        modality=claim.modality,
        time=time_span_view(claim.time),
        as_of=claim.as_of,
        time_text=claim.time_text,
        subject_span=claim.subject_span,
        metric_span=claim.metric_span,
        value_span=claim.value_span,
        time_span=claim.time_span,
        kind=claim.kind,
        parts=[claim_part_view(p) for p in claim.parts],
        words=[WordRole(word=w.word, start=w.start, end=w.end, role=w.role) for w in claim.words],
        claimant=claim.claimant,
        claimant_span=claim.claimant_span,
    )


def checked_claim_part_view(
    part: claims.ClaimPart, verdict: claims.Verdict, reply: replies.Reply, *, explanation: str
) -> CheckedClaimPart:
    return CheckedClaimPart(
        subject=part.subject,
        metric=part.metric,
        predicate=None if part.predicate is None else predicate_view(part.predicate),
        check=part.check,
        time=time_span_view(part.time),
        as_of=part.as_of,
        subject_span=part.subject_span,
        metric_span=part.metric_span,
        value_span=part.value_span,
        time_span=part.time_span,
        ordinal=part.ordinal,
        verdict=verdict.verdict,
        explanation=explanation,
        supporting=_citations(reply.supporting),
        conflicting=_citations(reply.conflicting),
        reply=reply_view(reply),
    )


def claim_check_view(
    claim: claims.ParsedClaim,
    verdict: claims.Verdict,
    answer: answers.Answer,
    *,
    explanation: str,
    parts: Sequence[CheckedClaimPart] = (),
) -> ClaimCheck:
    """The check of a claim: its verdict, the answer it was judged against, and the citations of every part
    (the answer's own when no parts are given)."""
    supporting = [c for p in parts for c in p.supporting] if parts else _citations(answer.supporting)
    conflicting = [c for p in parts for c in p.conflicting] if parts else _citations(answer.conflicting)
    return ClaimCheck(
        claim=parsed_claim_view(claim),
        verdict=verdict.verdict,
        explanation=explanation,
        answer=answer_view(answer),
        supporting=supporting,
        conflicting=conflicting,
        kind=claim.kind,
        parts=list(parts),
    )
