"""Query functions for sources: ingest (idempotent by content hash), read, list."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import defer

from db.changes import flush, record_change
from db.models import Source, SourceFingerprint, SourceLink
from reasoning.errors import NotFound
from reasoning.evidence import DateEvidence, SourceDateInfo
from reasoning.types import DateBasis


async def find_source_by_hash(session: AsyncSession, content_hash: str) -> Source | None:
    return await session.scalar(sa.select(Source).where(Source.content_hash == content_hash))


async def add_source(
    session: AsyncSession,
    *,
    text: str,
    content_hash: str,
    title: str | None,
    publisher: str | None,
    url: str | None,
    language: str,
    stated_date: dt.date | None,
    date_used: dt.date | None,
    date_basis: DateBasis,
    date_reason: str | None,
    flags: list[str],
    date_evidence: Sequence[DateEvidence],
    actor: str | None,
) -> Source:
    source = Source(
        text=text,
        content_hash=content_hash,
        title=title,
        publisher=publisher,
        url=url,
        language=language,
        stated_date=stated_date,
        date_used=date_used,
        date_basis=date_basis,
        date_reason=date_reason,
        flags=flags,
        date_evidence=[_stored(item) for item in date_evidence],
    )
    session.add(source)
    await flush(
        session,
        conflict="this text was stored at the same moment by another request",
        hint="Retry: the same text returns the stored source.",
    )
    await record_change(
        session,
        action="source.created",
        object_type="source",
        object_id=source.id,
        actor=actor,
        data={"content_hash": content_hash, "title": title},
    )
    return source


async def get_source(session: AsyncSession, source_id: int, *, for_update: bool = False) -> Source:
    """One source; `for_update` locks its row until the transaction ends, so a read-then-write cannot race."""
    source = await session.get(Source, source_id, with_for_update=for_update, populate_existing=for_update)
    if source is None:
        raise NotFound(f"no source with id {source_id}", hint="List sources with GET /v1/sources.")
    return source


async def list_sources(session: AsyncSession, *, after_id: int | None, limit: int) -> Sequence[Source]:
    # Listing never ships the full texts: a page of long articles would be megabytes.
    query = sa.select(Source).options(defer(Source.text)).order_by(Source.id).limit(limit)
    if after_id is not None:
        query = query.where(Source.id > after_id)
    return (await session.scalars(query)).all()


async def text_lengths(session: AsyncSession, source_ids: Sequence[int]) -> dict[int, int]:
    rows = await session.execute(sa.select(Source.id, sa.func.length(Source.text)).where(Source.id.in_(source_ids)))
    return {source_id: length for source_id, length in rows}


async def texts_by_id(session: AsyncSession, source_ids: Sequence[int]) -> dict[int, str]:
    rows = await session.execute(sa.select(Source.id, Source.text).where(Source.id.in_(set(source_ids))))
    return dict(rows.all())


async def set_date_used(
    session: AsyncSession,
    source: Source,
    *,
    date_used: dt.date | None,
    basis: DateBasis,
    reason: str | None,
    actor: str | None,
) -> None:
    before = {"date_used": source.date_used.isoformat() if source.date_used else None, "basis": source.date_basis.value}
    source.date_used = date_used
    source.date_basis = basis
    source.date_reason = reason
    await session.flush()
    await record_change(
        session,
        action="source.date_changed",
        object_type="source",
        object_id=source.id,
        actor=actor,
        data={
            "before": before,
            "date_used": date_used.isoformat() if date_used else None,
            "basis": basis.value,
            "reason": reason,
        },
    )


def date_evidence_of(source: Source) -> list[DateEvidence]:
    """The phrases of the source's text that contradict its stated date, as stored at ingest."""
    return _date_evidence(source.id, source.date_evidence)


def _stored(evidence: DateEvidence) -> dict[str, Any]:
    # The row is the source: its id is not repeated in every phrase (nor known before the insert).
    item: dict[str, Any] = msgspec.to_builtins(evidence)
    del item["source_id"]
    return item


def _date_evidence(source_id: int, stored: Sequence[dict[str, Any]]) -> list[DateEvidence]:
    return [msgspec.convert({**item, "source_id": source_id}, DateEvidence) for item in stored]


async def contradicted_date_infos(
    session: AsyncSession, *, flag: str, after_id: int | None, limit: int, source_id: int | None = None
) -> list[SourceDateInfo]:
    """Sources with a stated date that their stored date evidence or an editor's flag contradicts, in id order,
    with that evidence and without their texts: what a listing of date contradictions reads, one page at a time.

    The flag is matched in the JSON text, which may also match a longer flag: the caller checks it exactly.
    """
    query = (
        sa.select(
            Source.id,
            Source.title,
            Source.stated_date,
            Source.date_used,
            Source.date_basis,
            Source.date_reason,
            Source.flags,
            Source.date_evidence,
        )
        .where(
            Source.stated_date.is_not(None),
            sa.or_(
                sa.func.json_array_length(Source.date_evidence) > 0,
                # As the column's default serializer (json.dumps) wrote it.
                sa.cast(Source.flags, sa.Text).contains(json.dumps(flag), autoescape=True),
            ),
        )
        .order_by(Source.id)
        .limit(limit)
    )
    if after_id is not None:
        query = query.where(Source.id > after_id)
    if source_id is not None:
        query = query.where(Source.id == source_id)
    return [
        SourceDateInfo(
            source_id=row_id,
            title=title,
            stated_date=stated_date,
            date_used=date_used,
            date_basis=DateBasis(date_basis),
            date_reason=date_reason,
            flags=list(flags),
            date_evidence=_date_evidence(row_id, stored),
        )
        for row_id, title, stated_date, date_used, date_basis, date_reason, flags, stored in await session.execute(
            query
        )
    ]


async def add_fingerprints(session: AsyncSession, source_id: int, hashes: Sequence[int]) -> None:
    session.add_all(SourceFingerprint(source_id=source_id, hash=value) for value in set(hashes))
    await session.flush()


async def sources_sharing_fingerprints(
    session: AsyncSession, source_id: int, hashes: Sequence[int], *, min_shared: int, limit: int
) -> list[int]:
    """Other sources sharing at least `min_shared` fingerprint hashes, most shared first (one indexed query)."""
    if not hashes:
        return []
    shared = sa.func.count().label("shared")
    rows = await session.execute(
        sa.select(SourceFingerprint.source_id, shared)
        .where(SourceFingerprint.hash.in_(list(set(hashes))), SourceFingerprint.source_id != source_id)
        .group_by(SourceFingerprint.source_id)
        .having(shared >= min_shared)
        .order_by(shared.desc(), SourceFingerprint.source_id)
        .limit(limit)
    )
    return [row[0] for row in rows]


async def link_sources(
    session: AsyncSession, source_id: int, linked_id: int, *, score: float, reasons: list[str], actor: str | None
) -> None:
    session.add(SourceLink(source_id=source_id, linked_source_id=linked_id, score=score, reasons=reasons))
    await flush(session, conflict="these sources were linked at the same moment", hint="Retry the request.")
    await record_change(
        session,
        action="source.linked",
        object_type="source",
        object_id=source_id,
        actor=actor,
        data={"linked_source_id": linked_id, "score": score, "reasons": reasons},
    )


async def merge_origins(session: AsyncSession, source_ids: Sequence[int]) -> str:
    """Give these sources, and every source already sharing an origin with one of them, one origin label.

    The label names the smallest source id of the group, so it is the same whichever source joined last.
    """
    origins = [
        origin for origin in await session.scalars(sa.select(Source.origin).where(Source.id.in_(source_ids))) if origin
    ]
    group = set(source_ids)
    if origins:
        group |= set(await session.scalars(sa.select(Source.id).where(Source.origin.in_(origins))))
    label = f"origin:{min(group)}"
    await session.execute(sa.update(Source).where(Source.id.in_(group)).values(origin=label))
    return label


async def links_of(session: AsyncSession, source_id: int) -> list[SourceLink]:
    query = sa.select(SourceLink).where(
        sa.or_(SourceLink.source_id == source_id, SourceLink.linked_source_id == source_id)
    )
    return list(await session.scalars(query.order_by(SourceLink.id)))
