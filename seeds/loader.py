"""Load the seed corpus idempotently: what is already stored is left as it is, so loading twice changes nothing."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from api.ingest import link_wire_stories
from db import assertions, models, sources, vocabulary
from db.engine import create_engine, create_sessionmaker
from reasoning.assertions import Draft, check_draft
from reasoning.errors import NotFound
from reasoning.figures import DEFAULT_FIGURE_SETTINGS, FigureSettings
from reasoning.texts import content_hash
from reasoning.types import DateBasis, MetricKind, Modality, Precision, ReviewStatus

SEEDS = Path(__file__).parent
TEXTS = SEEDS / "texts"
CURATED = SEEDS / "curated"
ACTOR = "seed-curation"


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


async def load_seeds(session: AsyncSession, figures: FigureSettings = DEFAULT_FIGURE_SETTINGS) -> SeedReport:
    report = SeedReport(
        created=dict.fromkeys(("entities", "metrics", "sources", "assertions"), 0),
        existing=dict.fromkeys(("entities", "metrics", "sources", "assertions"), 0),
    )
    vocab = read_curated("vocabulary.json")
    for item in vocab["entities"]:
        await _ensure_entity(session, item, report)
    # Stocks before flows: a flow names the stock it feeds.
    for item in sorted(vocab["metrics"], key=lambda metric: metric.get("feeds") is not None):
        await _ensure_metric(session, item, report)
    source_ids: dict[str, models.Source] = {}
    for item in read_curated("sources.json"):
        source_ids[item["file"]] = await _ensure_source(session, item, report)
    for item in read_curated("assertions.json"):
        await _ensure_assertion(session, item, source_ids[item["source"]], figures, report)
    return report


async def _ensure_entity(session: AsyncSession, item: dict[str, Any], report: SeedReport) -> None:
    try:
        entity = await vocabulary.get_term(session, models.Entity, item["key"])
    except NotFound:
        await vocabulary.add_entity(
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
    await vocabulary.add_aliases(session, entity, item.get("aliases", []), actor=ACTOR)
    report.existing["entities"] += 1


async def _ensure_metric(session: AsyncSession, item: dict[str, Any], report: SeedReport) -> None:
    try:
        metric = await vocabulary.get_term(session, models.Metric, item["key"])
    except NotFound:
        await vocabulary.add_metric(
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
    await vocabulary.add_aliases(session, metric, item.get("aliases", []), actor=ACTOR)
    report.existing["metrics"] += 1


async def _ensure_source(session: AsyncSession, item: dict[str, Any], report: SeedReport) -> models.Source:
    text = read_text(item["file"])
    digest = content_hash(text)
    existing = await sources.find_source_by_hash(session, digest)
    if existing is not None:
        report.existing["sources"] += 1
        return existing
    report.created["sources"] += 1
    source = await sources.add_source(
        session,
        text=text,
        content_hash=digest,
        title=item.get("title"),
        publisher=item.get("publisher"),
        url=item.get("url"),
        language=item.get("language", "en"),
        stated_date=_date(item.get("stated_date")),
        date_used=_date(item.get("date_used")),
        date_basis=DateBasis(item["date_basis"]),
        date_reason=item.get("date_reason"),
        flags=list(item.get("flags", [])),
        actor=ACTOR,
    )
    await link_wire_stories(session, source, actor=ACTOR)
    return source


async def _ensure_assertion(
    session: AsyncSession, item: dict[str, Any], source: models.Source, figures: FigureSettings, report: SeedReport
) -> None:
    key = f"seed:{item['id']}"
    if await assertions.find_curated(session, key) is not None:
        report.existing["assertions"] += 1
        return
    time = item.get("time") or {}
    interval = item.get("interval")
    checked = check_draft(
        Draft(
            value_text=item["value_text"],
            quote=item["quote"],
            quote_start=item["quote_start"],
            quote_end=item["quote_end"],
            interval=(interval["low"], interval["best"], interval["high"]) if interval else None,
            interval_rule=(interval or {}).get("rule", "editor"),
            time_start=_date(time.get("start")),
            time_end=_date(time.get("end")),
            time_precision=Precision(time["precision"]) if time.get("precision") else None,
            time_text=time.get("text"),
        ),
        source_text=source.text,
        source_date=source.date_used,
        figures=figures,
    )
    subject = await vocabulary.get_term(session, models.Entity, item["subject"])
    metric = await vocabulary.get_term(session, models.Metric, item["metric"])
    await assertions.add_assertion(
        session,
        assertions.NewAssertion(
            source_id=source.id,
            subject_id=subject.id,
            metric_id=metric.id,
            value_text=item["value_text"],
            interval=checked.interval,
            modality=Modality(item.get("modality", "actual")),
            time=checked.time,
            time_text=time.get("text"),
            claimant=item.get("claimant"),
            quote=item["quote"],
            quote_start=checked.quote_start,
            quote_end=checked.quote_end,
            status=ReviewStatus.accepted,
            curated_key=key,
            note=item.get("note"),
        ),
        actor=ACTOR,
    )
    report.created["assertions"] += 1


async def load_seeds_into(database_url: str, figures: FigureSettings = DEFAULT_FIGURE_SETTINGS) -> SeedReport:
    """Load the seeds into the database at `database_url` in one transaction."""
    engine = create_engine(database_url)
    try:
        async with create_sessionmaker(engine)() as session, session.begin():
            return await load_seeds(session, figures)
    finally:
        await engine.dispose()
