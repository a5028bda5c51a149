"""Sources: ingest a text (idempotent by content), read one or many, correct the date it is read against."""

from __future__ import annotations

import asyncio
import datetime as dt

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from db import assertions, evidence, models, sources, vocabulary
from operations.records import SourceRecord, source_record
from operations.settings import Settings
from reasoning.assertions import follow_source_date
from reasoning.conflicts import ConflictSettings, stated_date_evidence
from reasoning.errors import StateConflict
from reasoning.evidence import DateEvidence, SourceDateInfo
from reasoning.extraction import ExtractionSettings, extract
from reasoning.independence import DEFAULT_INDEPENDENCE_SETTINGS, IndependenceSettings, compare_texts, fingerprint
from reasoning.texts import check_source_text, content_hash, locate_quote, settle_source_date
from reasoning.types import DateBasis, ReviewStatus

# How many candidate sources one ingest compares in full: candidates come most-shared first, so a bound
# keeps ingest time flat however many sources repeat a story.
MAX_LINK_CANDIDATES = 20


class SourceDraft(msgspec.Struct, frozen=True, kw_only=True):
    """A text as it is handed in, with what its sender knows about it."""

    text: str
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    language: str = "en"
    stated_date: dt.date | None = None
    date_used: dt.date | None = None
    date_reason: str | None = None
    flags: tuple[str, ...] = ()  # an editor's own flags (curated data); the date check adds its own
    extract: bool = False


class WireLink(msgspec.Struct, frozen=True, kw_only=True):
    """Another source found to repeat the same wire story, and why."""

    source_id: int
    score: float
    reasons: list[str]


class ExtractionSummary(msgspec.Struct, frozen=True, kw_only=True):
    language: str
    proposed: int
    unresolved: int
    assertion_ids: list[int]
    skipped: list[str]
    notes: list[str]


class Ingested(msgspec.Struct, frozen=True, kw_only=True):
    """The stored source; `created` is False when the same text was stored before (nothing else is done then)."""

    source: SourceRecord
    created: bool
    date_evidence: list[DateEvidence] = []
    links: list[WireLink] = []
    extraction: ExtractionSummary | None = None


class SourceDetail(msgspec.Struct, frozen=True, kw_only=True):
    source: SourceRecord  # with its text
    date_evidence: list[DateEvidence]
    links: list[WireLink]


class DateCorrection(msgspec.Struct, frozen=True, kw_only=True):
    source: SourceRecord  # with its text
    assertions_retimed: list[int]


async def ingest_source(
    session: AsyncSession, settings: Settings, *, draft: SourceDraft, actor: str | None
) -> Ingested:
    """Store a text once: check it, settle its date, flag a date its text contradicts, link the wire
    stories it repeats and, when asked, propose the assertions it states.

    Every pass over the text (the checks, the date phrases, fingerprints, comparisons, extraction) runs off
    the event loop, and the date evidence is stored with the source, so no read has to read the text again.
    """
    await asyncio.to_thread(check_source_text, draft.text, max_chars=settings.max_source_chars)
    digest = content_hash(draft.text)
    existing = await sources.find_source_by_hash(session, digest)
    if existing is not None:
        return Ingested(source=source_record(existing, text_length=len(existing.text)), created=False)
    date_used, basis, reason = settle_source_date(draft.stated_date, draft.date_used, draft.date_reason)
    contradicting = await asyncio.to_thread(date_contradictions, draft.text, draft.stated_date, settings.conflicts)
    flags = list(dict.fromkeys([*draft.flags, *([settings.conflicts.contradicted_flag] if contradicting else [])]))
    try:
        # A savepoint: when the same text is being stored by a concurrent request that commits first, this
        # insert alone is undone and the stored source is returned, as for any text stored before.
        async with session.begin_nested():
            row = await _add_source(session, draft, digest, date_used, basis, reason, flags, contradicting, actor)
    except StateConflict:
        existing = await sources.find_source_by_hash(session, digest)
        if existing is None:
            raise
        return Ingested(source=source_record(existing, text_length=len(existing.text)), created=False)
    links = await _link_wire_stories(session, row, actor=actor)
    extraction = (
        await _propose_assertions(session, row, actor=actor, settings=settings.extraction) if draft.extract else None
    )
    return Ingested(
        source=source_record(row, text_length=len(row.text)),
        created=True,
        date_evidence=sources.date_evidence_of(row),  # as stored, with the source's id
        links=links,
        extraction=extraction,
    )


async def _add_source(
    session: AsyncSession,
    draft: SourceDraft,
    digest: str,
    date_used: dt.date | None,
    basis: DateBasis,
    reason: str | None,
    flags: list[str],
    date_evidence: list[DateEvidence],
    actor: str | None,
) -> models.Source:
    return await sources.add_source(
        session,
        text=draft.text,
        content_hash=digest,
        title=draft.title,
        publisher=draft.publisher,
        url=draft.url,
        language=draft.language,
        stated_date=draft.stated_date,
        date_used=date_used,
        date_basis=basis,
        date_reason=reason,
        flags=flags,
        date_evidence=date_evidence,
        actor=actor,
    )


def date_contradictions(text: str, stated: dt.date | None, settings: ConflictSettings) -> list[DateEvidence]:
    """The phrases of the text that put its writing after its stated date (the source id is not needed): a
    pass over the whole text, so callers run it off the event loop."""
    info = SourceDateInfo(
        source_id=0, title=None, stated_date=stated, date_used=stated, date_basis=DateBasis.stated, text=text
    )
    return stated_date_evidence(info, settings)


async def get_source(session: AsyncSession, settings: Settings, *, source_id: int) -> SourceDetail:
    row = await sources.get_source(session, source_id)
    links = [
        WireLink(
            source_id=link.linked_source_id if link.source_id == source_id else link.source_id,
            score=link.score,
            reasons=link.reasons,
        )
        for link in await sources.links_of(session, source_id)
    ]
    return SourceDetail(
        source=source_record(row, text_length=len(row.text), with_text=True),
        date_evidence=sources.date_evidence_of(row),  # read at ingest, not from the text again
        links=links,
    )


async def list_sources(session: AsyncSession, *, after_id: int | None, limit: int) -> list[SourceRecord]:
    """Sources in id order, without their texts."""
    rows = await sources.list_sources(session, after_id=after_id, limit=limit)
    lengths = await sources.text_lengths(session, [row.id for row in rows])
    return [source_record(row, text_length=lengths[row.id]) for row in rows]


async def correct_source_date(
    session: AsyncSession, *, source_id: int, date_used: dt.date | None, date_reason: str, actor: str | None
) -> DateCorrection:
    """Set the date a source's relative dates are read against. Assertions whose time was read from a
    phrase ("on Saturday") or from the source's date follow it; times given explicitly stay.

    The stored date evidence stays: it reads the text against the stated date, which this does not change.
    """
    row = await sources.get_source(session, source_id, for_update=True)  # two corrections at once: one order
    used, basis, reason = settle_source_date(row.stated_date, date_used, date_reason)
    await sources.set_date_used(session, row, date_used=used, basis=basis, reason=reason, actor=actor)
    retimed: list[int] = []
    for assertion in await assertions.assertions_of_source(session, source_id):
        time = follow_source_date(assertion.time_text, assertion.time_rule, used)
        if time is not None and (time.start, time.end) != (assertion.time_start, assertion.time_end):
            await assertions.set_time(
                session, assertion, time, actor=actor, reason=f"source {source_id} date corrected"
            )
            retimed.append(assertion.id)
    return DateCorrection(
        source=source_record(row, text_length=len(row.text), with_text=True), assertions_retimed=retimed
    )


async def _link_wire_stories(
    session: AsyncSession,
    source: models.Source,
    *,
    actor: str | None,
    settings: IndependenceSettings = DEFAULT_INDEPENDENCE_SETTINGS,
) -> list[WireLink]:
    """Fingerprint the source, compare it with the stored sources that share fingerprints, link the ones
    that repeat one wire story and give them one origin. Comparisons run off the event loop."""
    hashes = await asyncio.to_thread(fingerprint, source.text, settings)
    await sources.add_fingerprints(session, source.id, hashes)
    candidates = await sources.sources_sharing_fingerprints(
        session, source.id, hashes, min_shared=settings.min_shared_fingerprints, limit=MAX_LINK_CANDIDATES
    )
    texts = await sources.texts_by_id(session, candidates)
    linked: list[WireLink] = []
    for candidate in candidates:
        link = await asyncio.to_thread(compare_texts, source.text, texts[candidate], settings)
        if link is None:
            continue
        await sources.link_sources(session, source.id, candidate, score=link.score, reasons=link.reasons, actor=actor)
        linked.append(WireLink(source_id=candidate, score=link.score, reasons=link.reasons))
    if linked:
        await sources.merge_origins(session, [source.id, *(link.source_id for link in linked)])
        await session.refresh(source, ["origin"])
    return linked


async def _propose_assertions(
    session: AsyncSession, source: models.Source, *, actor: str | None, settings: ExtractionSettings
) -> ExtractionSummary:
    """Run the extractor on a stored source (off the event loop) and store its proposals for review."""
    lexicon = await evidence.load_lexicon(session)
    found = await asyncio.to_thread(
        extract,
        source.text,
        lexicon=lexicon,
        source_date=source.date_used,
        language=source.language,
        settings=settings,
    )
    entity_ids = await vocabulary.ids_by_key(session, models.Entity, {p.subject for p in found.proposals if p.subject})
    metric_ids = await vocabulary.ids_by_key(session, models.Metric, {p.metric for p in found.proposals if p.metric})
    created: list[int] = []
    for proposal in found.proposals:
        start, end = locate_quote(source.text, proposal.quote, proposal.quote_start, proposal.quote_end)
        row = await assertions.add_assertion(
            session,
            assertions.NewAssertion(
                source_id=source.id,
                subject_id=entity_ids.get(proposal.subject or ""),
                metric_id=metric_ids.get(proposal.metric or ""),
                value_text=proposal.value_text,
                interval=proposal.interval,
                modality=proposal.modality,
                time=proposal.time,
                time_text=proposal.time_text,
                claimant=proposal.claimant,
                quote=proposal.quote,
                quote_start=start,
                quote_end=end,
                status=ReviewStatus.proposed,
                origin_rule=proposal.rule,
                context=proposal.unresolved_context,
            ),
            actor=actor,
        )
        created.append(row.id)
    unresolved = sum(1 for p in found.proposals if p.subject is None or p.metric is None)
    return ExtractionSummary(
        language=found.language,
        proposed=len(created),
        unresolved=unresolved,
        assertion_ids=created,
        skipped=found.skipped,
        notes=found.notes,
    )
