"""Wire structs: the JSON shapes of requests and responses (snake_case, ISO 8601 dates)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

import msgspec
from msgspec import Meta

from api.reports import DateEvidence
from api.wire import MAX_NAME_CHARS, NO_NUL, Id, Ref, Wire, WireIn
from operations.assertions import AssertionDraft, Decision
from operations.sources import SourceDraft
from reasoning.types import (
    MAX_KEY_CHARS,
    MAX_LABEL_CHARS,
    MAX_LANGUAGE_CHARS,
    MAX_PUBLISHER_CHARS,
    MAX_URL_CHARS,
    DateBasis,
    MetricKind,
    Modality,
    Precision,
    ReviewStatus,
)

Key = Annotated[
    str,
    Meta(
        pattern=rf"^[a-z][a-z0-9-]{{0,{MAX_KEY_CHARS - 1}}}$",
        description="lowercase slug: a letter, then letters, digits, hyphens",
    ),
]
Name = Annotated[str, Meta(min_length=1, max_length=MAX_NAME_CHARS, pattern=NO_NUL)]
Alias = Annotated[str, Meta(min_length=1, max_length=MAX_NAME_CHARS, pattern=NO_NUL)]
# Litestar documents a list's own bounds but not its items' (their Meta is dropped), so the item schema is
# stated again for the OpenAPI document, from the same constants.
ALIAS_ITEMS = {"extra": {"items": {"type": "string", "minLength": 1, "maxLength": MAX_NAME_CHARS, "pattern": NO_NUL}}}
MAX_ALIASES = 200
ShortText = Annotated[str, Meta(max_length=2000, pattern=NO_NUL)]


class CandidateReading(Wire):
    """One way an ambiguous sentence can be read: a subject and a metric, by key."""

    subject: str
    metric: str


class ProblemItem(Wire, omit_defaults=True):
    """One entry of a problem's `errors`: only the keys that say something about this problem are present.

    A malformed request names the `message`, the `key` and its `source` (body, query, path, header,
    cookie). A domain error names the `part` of a sentence not understood, the `suggestions` closest to a
    name, the `candidates` an ambiguous name could mean (keys, or readings of a sentence), the database
    `constraint` a write broke, where a quote was looked for (`text_at_offsets`, `occurrences`), the `terms`
    of a question the store does not know, or the question `kinds` it answers.
    Anything else the service reports is kept, as it was sent, under `other`.
    """

    message: str | None = None
    key: str | None = None
    source: str | None = None
    part: str | None = None
    suggestions: list[str] | None = None
    candidates: list[str | CandidateReading] | None = None
    # null when the database did not name the constraint; absent when no constraint was broken.
    constraint: str | msgspec.UnsetType | None = msgspec.UNSET
    text_at_offsets: str | None = None
    occurrences: list[int] | None = None
    terms: list[str] | None = None  # the words of a question or claim that name nothing the store knows
    kinds: list[str] | None = None  # the kinds of question the service answers, when one it does not was asked
    other: dict[str, Any] | None = None


class Problem(Wire):
    """RFC 9457 problem details, with a stable `code` and a `hint` on how to fix the request."""

    type: str
    title: str
    status: int
    detail: str
    code: str
    hint: str = ""
    instance: str | None = None
    errors: list[ProblemItem] | None = None


# --- sources -------------------------------------------------------------------------------------------
class SourceIn(WireIn):
    text: Annotated[
        str, Meta(min_length=1, pattern=NO_NUL, description="the full text, verbatim; quotes are checked against it")
    ]
    title: Annotated[str, Meta(max_length=1000, pattern=NO_NUL)] | None = None
    publisher: Annotated[str, Meta(max_length=MAX_PUBLISHER_CHARS, pattern=NO_NUL)] | None = None
    url: Annotated[str, Meta(max_length=MAX_URL_CHARS, pattern=r"^https?://[^\s\x00]+$")] | None = None
    language: Annotated[str, Meta(max_length=MAX_LANGUAGE_CHARS, pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")] = "en"
    stated_date: dt.date | None = None
    date_used: Annotated[
        dt.date | None, Meta(description="the date to resolve relative dates against, if not the stated one")
    ] = None
    date_reason: Annotated[str, Meta(max_length=2000, pattern=NO_NUL)] | None = None
    extract: Annotated[bool, Meta(description="propose the assertions the text states, for review")] = False

    def draft(self) -> SourceDraft:
        return SourceDraft(
            text=self.text,
            title=self.title,
            publisher=self.publisher,
            url=self.url,
            language=self.language,
            stated_date=self.stated_date,
            date_used=self.date_used,
            date_reason=self.date_reason,
            extract=self.extract,
        )


class SourceDate(Wire):
    stated: dt.date | None
    used: dt.date | None
    basis: DateBasis
    reason: str | None


class WireLink(Wire):
    """Another source that repeats the same wire story, and the evidence for it."""

    source_id: int
    score: float
    reasons: list[str]


class ExtractionSummary(Wire):
    """What the extractor proposed for a new source: proposals wait in GET /v1/review."""

    language: str
    proposed: int
    unresolved: int  # proposals whose subject or metric is not known yet: resolve them as they are accepted
    assertion_ids: list[int]
    skipped: list[str]
    notes: list[str]


class Source(Wire, omit_defaults=True):
    """A stored source; `text` is present only when one source is fetched, never in listings."""

    id: int
    title: str | None
    publisher: str | None
    url: str | None
    language: str
    content_hash: str
    date: SourceDate
    flags: list[str]
    origin: str | None
    text_length: int
    recorded_at: dt.datetime
    text: str | None = None
    # Phrases of the text that contradict its stated date (one source, or the answer to an ingest).
    date_evidence: list[DateEvidence] | None = None
    # Sources found to repeat the same wire story (one origin for independence counts).
    links: list[WireLink] | None = None
    extraction: ExtractionSummary | None = None


class SourcePage(Wire):
    items: list[Source]
    next: str | None


# --- vocabulary ----------------------------------------------------------------------------------------
class EntityIn(WireIn):
    key: Key
    name: Name
    kind: Annotated[str, Meta(max_length=MAX_LABEL_CHARS, pattern=NO_NUL)] | None = None
    description: ShortText | None = None
    aliases: Annotated[list[Alias], Meta(max_length=MAX_ALIASES, extra_json_schema=ALIAS_ITEMS)] = msgspec.field(
        default_factory=list
    )


class Entity(Wire):
    id: int
    key: str
    name: str
    kind: str | None
    description: str | None
    aliases: list[str]
    recorded_at: dt.datetime


class EntityPage(Wire):
    items: list[Entity]
    next: str | None


class MetricIn(WireIn):
    key: Key
    name: Name
    unit: Annotated[str, Meta(min_length=1, max_length=MAX_LABEL_CHARS, pattern=NO_NUL)]
    kind: MetricKind
    feeds: Ref | None = None  # the stock this flow adds to
    description: ShortText | None = None
    aliases: Annotated[list[Alias], Meta(max_length=MAX_ALIASES, extra_json_schema=ALIAS_ITEMS)] = msgspec.field(
        default_factory=list
    )


class Metric(Wire):
    id: int
    key: str
    name: str
    unit: str
    kind: MetricKind
    feeds: str | None
    description: str | None
    aliases: list[str]
    recorded_at: dt.datetime


class MetricPage(Wire):
    items: list[Metric]
    next: str | None


class AliasesIn(WireIn):
    aliases: Annotated[list[Alias], Meta(min_length=1, max_length=MAX_ALIASES, extra_json_schema=ALIAS_ITEMS)]


# --- assertions ----------------------------------------------------------------------------------------
class IntervalIn(WireIn):
    low: float | None
    best: float
    high: float | None


class TimeIn(WireIn):
    """Either explicit dates (start, end, precision) or only `text`, resolved against the source's date."""

    start: dt.date | None = None
    end: dt.date | None = None
    precision: Precision | None = None
    text: Annotated[str, Meta(max_length=MAX_NAME_CHARS, pattern=NO_NUL)] | None = None


class AssertionIn(WireIn):
    source_id: Id
    subject: Ref
    metric: Ref
    value_text: Annotated[
        str,
        Meta(min_length=1, max_length=MAX_NAME_CHARS, pattern=NO_NUL, description="the figure as written: 'about 300'"),
    ]
    quote: Annotated[str, Meta(min_length=1, max_length=5000, pattern=NO_NUL)]
    # Litestar drops a bound of 0 from the document (it skips falsy values), so it is stated again for it.
    quote_start: Annotated[int, Meta(ge=0, extra_json_schema={"extra": {"minimum": 0}})] | None = None
    quote_end: Annotated[int, Meta(ge=1)] | None = None
    interval: Annotated[IntervalIn | None, Meta(description="override of the bounds the figure rules give")] = None
    modality: Modality = Modality.actual
    time: TimeIn = msgspec.field(default_factory=TimeIn)
    claimant: Annotated[str, Meta(max_length=MAX_NAME_CHARS, pattern=NO_NUL)] | None = None
    note: ShortText | None = None

    def draft(self) -> AssertionDraft:
        interval = self.interval
        return AssertionDraft(
            source_id=self.source_id,
            subject=self.subject,
            metric=self.metric,
            value_text=self.value_text,
            quote=self.quote,
            quote_start=self.quote_start,
            quote_end=self.quote_end,
            interval=None if interval is None else (interval.low, interval.best, interval.high),
            modality=self.modality,
            time_start=self.time.start,
            time_end=self.time.end,
            time_precision=self.time.precision,
            time_text=self.time.text,
            claimant=self.claimant,
            note=self.note,
        )


class AssertionBatchIn(WireIn):
    assertions: Annotated[list[AssertionIn], Meta(min_length=1, max_length=500)]


class Value(Wire):
    low: float | None
    best: float
    high: float | None
    rule: str


class Time(Wire):
    start: dt.date | None
    end: dt.date | None
    precision: Precision
    text: str | None
    rule: str


class Quote(Wire):
    text: str
    start: int
    end: int


class Assertion(Wire):
    id: int
    source_id: int
    subject: str | None  # None only for an extractor's proposal it could not resolve (see `context`)
    metric: str | None
    value_text: str
    value: Value
    modality: Modality
    time: Time
    claimant: str | None
    quote: Quote
    status: ReviewStatus
    origin_rule: str | None
    note: str | None
    recorded_at: dt.datetime
    recorded_by: str | None
    reviewed_at: dt.datetime | None
    reviewed_by: str | None
    retracted_at: dt.datetime | None
    retraction_reason: str | None
    context: str | None = None


class AssertionPage(Wire):
    items: list[Assertion]
    next: str | None


class AssertionBatch(Wire):
    items: list[Assertion]


class ReviewIn(WireIn):
    decision: Literal["accept", "reject"]
    note: ShortText | None = None
    # To resolve (or correct) an extractor's proposal as it is accepted.
    subject: Ref | None = None
    metric: Ref | None = None

    def decision_for(self, assertion_id: int) -> Decision:
        return Decision(
            assertion_id=assertion_id,
            decision=self.decision,
            note=self.note,
            subject=self.subject,
            metric=self.metric,
        )


class RetractIn(WireIn):
    reason: Annotated[
        str, Meta(min_length=3, max_length=2000, pattern=NO_NUL, description="why the assertion is wrong")
    ]


# --- service -------------------------------------------------------------------------------------------
class Health(Wire):
    status: str


class Readiness(Wire):
    status: str
    database: str
    migration: str | None
    expected_migration: str | None


# --- change feed ---------------------------------------------------------------------------------------
class Change(Wire):
    id: int
    occurred_at: dt.datetime
    action: str
    object_type: str
    object_id: int
    actor: str | None
    data: dict[str, Any]


class ChangePage(Wire):
    """A page of the change feed. `next` is always set: keep it and ask again with `since=<next>` later."""

    items: list[Change]
    next: str
    has_more: bool


# --- review queue --------------------------------------------------------------------------------------
class ReviewItem(Wire):
    assertion: Assertion
    sentence: Quote  # the sentence of the source that holds the quote, with its offsets


class ReviewPage(Wire):
    items: list[ReviewItem]
    next: str | None


class DecisionIn(ReviewIn, kw_only=True):
    assertion_id: Id


class DecisionsIn(WireIn):
    decisions: Annotated[list[DecisionIn], Meta(min_length=1, max_length=500)]


class SourceDateIn(WireIn):
    """An editor's correction of the date a source's relative dates are read against."""

    date_used: dt.date | None
    date_reason: Annotated[str, Meta(min_length=3, max_length=2000, pattern=NO_NUL)]


class SourceUpdate(Wire):
    source: Source
    assertions_retimed: list[int]


# --- claims and questions ------------------------------------------------------------------------------
class ClaimIn(WireIn):
    text: Annotated[str, Meta(min_length=1, max_length=1000, pattern=NO_NUL, description="the claim, one sentence")]
    as_of: Annotated[dt.date | None, Meta(description="check the claim as of this date (default: today)")] = None
