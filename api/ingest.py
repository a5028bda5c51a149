"""What happens to a new source after it is stored: its wire-story links, and (on request) extraction."""

from __future__ import annotations

import asyncio

from sqlalchemy.ext.asyncio import AsyncSession

from api.schemas import WireLink
from db import models, sources
from reasoning.independence import DEFAULT_INDEPENDENCE_SETTINGS, IndependenceSettings, compare_texts, fingerprint

# How many candidate sources one ingest compares in full: candidates come most-shared first, so a bound
# keeps ingest time flat however many sources repeat a story.
MAX_LINK_CANDIDATES = 20


async def link_wire_stories(
    session: AsyncSession, source: models.Source, *, actor: str | None,
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
