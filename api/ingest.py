"""What happens to a new source after it is stored: its wire-story links, and (on request) extraction."""

from __future__ import annotations

import asyncio

from sqlalchemy.ext.asyncio import AsyncSession

from api.schemas import ExtractionSummary, WireLink
from db import assertions, evidence, models, sources, vocabulary
from reasoning.extraction import ExtractionSettings, extract
from reasoning.independence import DEFAULT_INDEPENDENCE_SETTINGS, IndependenceSettings, compare_texts, fingerprint
from reasoning.texts import locate_quote
from reasoning.types import ReviewStatus

# How many candidate sources one ingest compares in full: candidates come most-shared first, so a bound
# keeps ingest time flat however many sources repeat a story.
MAX_LINK_CANDIDATES = 20


async def link_wire_stories(
    session: AsyncSession,
    source: models.Source,
    *,
    actor: str | None,
    settings: IndependenceSettings = DEFAULT_INDEPENDENCE_SETTINGS,
) -> list[WireLink]:
    """Fingerprint the source, compare it with the stored sources that share fingerprints, link the ones
    that repeat one wire story and give them one origin. Comparisons run off the event loop."""
    hashes = fingerprint(source.text, settings)
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


async def propose_assertions(
    session: AsyncSession, source: models.Source, *, actor: str | None, settings: ExtractionSettings
) -> ExtractionSummary:
    """Run the extractor on a stored source (off the event loop) and store its proposals for review."""
    lexicon = await evidence.load_lexicon(session)
    found = await asyncio.to_thread(
        extract, source.text, lexicon=lexicon, source_date=source.date_used, language=source.language, settings=settings
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
