"""Claim checks: a sentence parsed into its parts (subject, metric, figure and time each), every part judged
against the reply for it, and one verdict on the whole (the rule is in `reasoning.claim_checks`)."""

from __future__ import annotations

import asyncio
import datetime as dt

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from operations.answers import Claimed, answer, claimant_note, claimants_reply, family_of, family_timeline
from operations.reading import read_context
from operations.settings import Settings
from reasoning import replies
from reasoning.answers import Answer
from reasoning.claim_checks import (
    answer_of_reply,
    change_estimate,
    change_reply,
    judge_existence,
    judge_first_date,
    judge_movement,
    overall_verdict,
    stale_ends,
)
from reasoning.claimants import said_by
from reasoning.claims import ClaimPart, ParsedClaim, Predicate, Verdict, judge_claim, parse_claim
from reasoning.evidence import Lexicon
from reasoning.movements import movement_ends
from reasoning.types import Interval, MetricKind
from reasoning.wording import format_number


class CheckedPart(msgspec.Struct, frozen=True, kw_only=True):
    part: ClaimPart
    verdict: Verdict
    reply: replies.Reply
    explanation: str


class CheckedClaim(msgspec.Struct, frozen=True, kw_only=True):
    """The claim, its overall verdict, and each part's check; `answer` is the first part's, as a value answer."""

    claim: ParsedClaim
    verdict: Verdict
    answer: Answer
    explanation: str
    parts: list[CheckedPart]


async def check_claim(
    session: AsyncSession, settings: Settings, *, text: str, as_of: dt.date | None, today: dt.date
) -> CheckedClaim:
    lexicon, available = await read_context(session, text)
    # Reading English is CPU work (a few milliseconds a sentence): it runs off the event loop.
    claim = await asyncio.to_thread(
        parse_claim, text, lexicon, available=available, as_of=as_of, today=today, settings=settings.figures
    )
    parts = [
        _claimants(await _check_part(session, settings, part, _said(part.claimant, lexicon)), part.claimant)
        for part in claim.parts
    ]
    labels = [_label(claim.text, part.part, index) for index, part in enumerate(parts)]
    movement = len(claim.parts) == 2 and all(part.movement for part in claim.parts)  # one "from X to Y"
    verdict = overall_verdict([p.verdict for p in parts], labels, one_statement=movement)
    if len(parts) == 1:
        explanation = parts[0].explanation
    else:
        each = " ".join(
            f"Part {index + 1}, {label}: {p.verdict.verdict}. {p.explanation}"
            for index, (p, label) in enumerate(zip(parts, labels, strict=True))
        )
        explanation = f"{verdict.reason} {each}"
    return CheckedClaim(
        claim=claim,
        verdict=verdict,
        answer=answer_of_reply(parts[0].reply),
        explanation=explanation,
        parts=parts,
    )


def _label(text: str, part: ClaimPart, index: int) -> str:
    span = part.value_span or part.metric_span
    return f"“{text[span[0] : span[1]]}”" if span is not None else f"part {index + 1}"


def _said(claimant: str | None, lexicon: Lexicon) -> Claimed | None:
    return said_by(claimant, lexicon) if claimant is not None else None


def _claimants(checked: CheckedPart, claimant: str | None) -> CheckedPart:
    if claimant is None:
        return checked
    return CheckedPart(
        part=checked.part,
        verdict=checked.verdict,
        reply=claimants_reply(checked.reply, claimant),
        explanation=claimant_note(claimant) + checked.explanation,
    )


async def _check_part(session: AsyncSession, settings: Settings, part: ClaimPart, said: Claimed | None) -> CheckedPart:
    async def value_at(day: dt.date) -> Answer:
        return await answer(
            session, settings, subject=part.subject, metric=part.metric, as_of=day, modality=part.modality, said_by=said
        )

    if part.check == "value_as_of":
        found = await value_at(part.as_of)
        verdict = _judge_answer(part.predicate, found)
        reply = replies.value_reply(found, kind="value_as_of", time=part.time)
        note = ""
        if part.time_named and part.time.start is not None and part.time.start != part.time.end:
            note = (
                f" The claim speaks of {part.time.start} to {part.time.end}; the metric is a level, so it is "
                f"checked against its value at the period's end, {part.time.end}."
            )
        return _checked(part, verdict, reply, note)
    if part.check in ("change", "movement"):
        ends = movement_ends(part.time)
        assert ends is not None  # both are read only over a period whose ends are days (`parse_claim`)
        start, end = await value_at(ends[0]), await value_at(ends[1])
        if part.check == "movement":
            verdict, reply = judge_movement(part, ends, start, end, settings.figures)
            return _checked(part, verdict, reply, "")
        stale = stale_ends(ends, start, end) is not None  # the two values say nothing of what moved between them
        estimate = None if stale else change_estimate(start, end, part.direction or "up")
        assert part.predicate is not None  # a change is read from a figure
        verdict = judge_claim(part.predicate, estimate=estimate)
        return _checked(part, verdict, change_reply(part, ends, start, end, estimate), "")
    found_family = await family_of(session, part.subject, part.metric, None, said)
    metric, subject = found_family.metric, found_family.subject
    events = await asyncio.to_thread(
        replies.events_of, found_family.evidence, subject=subject, metric=metric.key, modality=part.modality
    )
    if part.check == "period_total":
        reply = replies.period_total_reply(
            events, metric=metric, subject=subject, modality=part.modality, time=part.time, kind="value_as_of"
        )
        note = (
            f" {format_number(reply.best)} is the total of the events in the period." if reply.best is not None else ""
        )
        return _judged_by_reply(part, reply, rule="sum", note=note)
    if part.check == "event_size":
        reply = replies.event_size_reply(
            events,
            metric=metric,
            subject=subject,
            modality=part.modality,
            time=part.time,
            ordinal=part.ordinal,
            time_named=part.time_named,
        )
        return _judged_by_reply(part, reply, rule="event", note="")
    if part.check == "first_date":
        reply = replies.first_date_reply(
            events,
            metric=metric,
            subject=subject,
            modality=part.modality,
            time=replies.ALL_OF_THE_RECORD,
            time_named=False,
        )
        return _checked(part, judge_first_date(part, reply), reply, "")
    is_flow = metric.kind is MetricKind.flow
    points = None
    if not is_flow:
        points = await family_timeline(
            settings, found_family, start=part.time.start, end=part.time.end, modality=part.modality
        )
    reply = replies.existence_reply(
        events=events if is_flow else None,
        points=points,
        metric=metric,
        subject=subject,
        modality=part.modality,
        time=part.time,
    )
    return _checked(part, judge_existence(reply), reply, "")


def _judged_by_reply(part: ClaimPart, reply: replies.Reply, *, rule: str, note: str) -> CheckedPart:
    """A figure judged against a reply's value (a period's total, one event's size)."""
    estimate = None if reply.best is None else Interval(low=reply.low, best=reply.best, high=reply.high, rule=rule)
    assert part.predicate is not None  # such a part is read from a figure
    return _checked(part, judge_claim(part.predicate, estimate=estimate), reply, note)


def _judge_answer(predicate: Predicate | None, found: Answer) -> Verdict:
    assert predicate is not None  # a value is read from a figure
    return judge_claim(
        predicate,
        estimate=None
        if found.best is None
        else Interval(low=found.low, best=found.best, high=found.high, rule="answer"),
        supporting=[Interval(low=c.low, best=c.best, high=c.high, rule="citation") for c in found.supporting],
        conflicting=[Interval(low=c.low, best=c.best, high=c.high, rule="citation") for c in found.conflicting],
        credible_conflict=found.independent_origins_conflicting > 0,
        supporting_origins=[c.origin or f"source:{c.source_id}" for c in found.supporting],
        conflicting_origins=[c.origin or f"source:{c.source_id}" for c in found.conflicting],
    )


def _checked(part: ClaimPart, verdict: Verdict, reply: replies.Reply, note: str) -> CheckedPart:
    explanation = f"{verdict.reason} {reply.explanation}{note}".strip()
    return CheckedPart(part=part, verdict=verdict, reply=reply, explanation=explanation)
