"""Load the seed corpus idempotently: what is already stored is left as it is, so loading twice changes nothing."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from operations import assertions, sources, store, vocabulary
from operations.settings import Settings
from reasoning.types import MetricKind, Modality, Precision, ReviewStatus

SEEDS = Path(__file__).parent
TEXTS = SEEDS / "texts"
CURATED = SEEDS / "curated"
ACTOR = "seed-curation"
KINDS = ("entities", "metrics", "sources", "assertions")


class SeedReport(msgspec.Struct, kw_only=True):
    created: dict[str, int]
    existing: dict[str, int]

    def summary(self) -> str:
        parts = [f"{kind}: {self.created[kind]} new, {self.existing[kind]} already stored" for kind in self.created]
        return "seeds loaded; " + "; ".join(parts)


def read_text(file_name: str) -> str:
    # newline="" keeps the bytes as they are: quotes are checked by character offset.
    with open(TEXTS / file_name, encoding="utf-8", newline="") as handle:
        return handle.read()


def read_curated(name: str) -> Any:
    return json.loads((CURATED / name).read_text(encoding="utf-8"))


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


async def load_seeds(session: AsyncSession, settings: Settings) -> SeedReport:
    """Store the curated vocabulary, the five texts and their curated assertions, through the operations."""
    report = SeedReport(created=dict.fromkeys(KINDS, 0), existing=dict.fromkeys(KINDS, 0))
    vocab = read_curated("vocabulary.json")
    for item in vocab["entities"]:
        await _ensure_entity(session, item, report)
    # Stocks before flows: a flow names the stock it feeds.
    for item in sorted(vocab["metrics"], key=lambda metric: metric.get("feeds") is not None):
        await _ensure_metric(session, item, report)
    source_ids: dict[str, int] = {}
    for item in read_curated("sources.json"):
        source_ids[item["file"]] = await _ensure_source(session, settings, item, report)
    for item in read_curated("assertions.json"):
        await _ensure_assertion(session, settings, item, source_ids[item["source"]], report)
    return report


async def _ensure_entity(session: AsyncSession, item: dict[str, Any], report: SeedReport) -> None:
    entity = await vocabulary.find_entity_by_key(session, item["key"])
    if entity is None:
        await vocabulary.create_entity(
            session,
            key=item["key"],
            name=item["name"],
            kind=item.get("kind"),
            description=item.get("description"),
            aliases=item.get("aliases", []),
            actor=ACTOR,
        )
        report.created["entities"] += 1
        return
    await vocabulary.add_entity_aliases(session, ref=str(entity.id), aliases=item.get("aliases", []), actor=ACTOR)
    report.existing["entities"] += 1


async def _ensure_metric(session: AsyncSession, item: dict[str, Any], report: SeedReport) -> None:
    metric = await vocabulary.find_metric_by_key(session, item["key"])
    if metric is None:
        await vocabulary.create_metric(
            session,
            key=item["key"],
            name=item["name"],
            unit=item["unit"],
            kind=MetricKind(item["kind"]),
            feeds=item.get("feeds"),
            description=item.get("description"),
            aliases=item.get("aliases", []),
            actor=ACTOR,
        )
        report.created["metrics"] += 1
        return
    await vocabulary.add_metric_aliases(session, ref=str(metric.id), aliases=item.get("aliases", []), actor=ACTOR)
    report.existing["metrics"] += 1


async def _ensure_source(session: AsyncSession, settings: Settings, item: dict[str, Any], report: SeedReport) -> int:
    draft = sources.SourceDraft(
        text=read_text(item["file"]),
        title=item.get("title"),
        publisher=item.get("publisher"),
        url=item.get("url"),
        language=item.get("language", "en"),
        stated_date=_date(item.get("stated_date")),
        date_used=_date(item.get("date_used")),
        date_reason=item.get("date_reason"),
        flags=tuple(item.get("flags", [])),
    )
    ingested = await sources.ingest_source(session, settings, draft=draft, actor=ACTOR)
    if ingested.source.date_basis.value != item["date_basis"]:
        # The curated file states what the editor decided; the store must agree, or the data is wrong.
        raise ValueError(
            f"seed {item['file']}: curated date_basis {item['date_basis']!r} but the store settled "
            f"{ingested.source.date_basis.value!r}; fix seeds/curated/sources.json"
        )
    (report.created if ingested.created else report.existing)["sources"] += 1
    return ingested.source.id


async def _ensure_assertion(
    session: AsyncSession, settings: Settings, item: dict[str, Any], source_id: int, report: SeedReport
) -> None:
    key = f"seed:{item['id']}"
    if await assertions.curated_exists(session, curated_key=key):
        report.existing["assertions"] += 1
        return
    time = item.get("time") or {}
    interval = item.get("interval")
    draft = assertions.AssertionDraft(
        source_id=source_id,
        subject=item["subject"],
        metric=item["metric"],
        value_text=item["value_text"],
        quote=item["quote"],
        quote_start=item["quote_start"],
        quote_end=item["quote_end"],
        interval=(interval["low"], interval["best"], interval["high"]) if interval else None,
        interval_rule=(interval or {}).get("rule", "editor"),
        modality=Modality(item.get("modality", "actual")),
        time_start=_date(time.get("start")),
        time_end=_date(time.get("end")),
        time_precision=Precision(time["precision"]) if time.get("precision") else None,
        time_text=time.get("text"),
        claimant=item.get("claimant"),
        note=item.get("note"),
        status=ReviewStatus.accepted,
        curated_key=key,
    )
    await assertions.record_assertion(session, settings, draft=draft, actor=ACTOR)
    report.created["assertions"] += 1


async def load_seeds_into(database_url: str, settings: Settings | None = None) -> SeedReport:
    """Load the seeds into the database at `database_url` in one transaction."""
    async with store.transaction(database_url) as session:
        return await load_seeds(session, settings or Settings(database_url=database_url))
