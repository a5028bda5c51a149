"""Synthetic bulk data: many towns, each with a bus fleet (a stock) and the deliveries that feed it (a flow).

The two metrics go through the real `db` functions; the towns, their aliases, one council bulletin per
town (so that sources grow with the store, as they do in a newsroom) and the assertions are
bulk-inserted with SQLAlchemy Core, because loading a million rows through the API would measure the
loader, not the answers.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from collections.abc import Iterator
from typing import Any, cast

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from db import vocabulary
from db.engine import create_engine, create_sessionmaker
from db.models import Assertion, Base, Entity, EntityAlias, Source
from reasoning.lexicon import normalize_name
from reasoning.texts import content_hash
from reasoning.types import DateBasis, MetricKind, Modality, Precision, ReviewStatus

ACTOR = "bench"
PUBLISHER = "factdesk bench"
STOCK = "bench-buses"
FLOW = "bench-bus-deliveries"
# The last level of every town is at the end of this month; earlier ones go back a month each.
LAST_LEVEL_MONTH = dt.date(2024, 10, 1)
SOURCE_TEXT = (
    "Synthetic council bulletin of {name} for the factdesk benchmark. The town's bus fleet is stated at the "
    "end of every month, and the buses delivered in the middle of the following month are listed separately."
)
SOURCE_DATE = dt.date(2024, 12, 1)
# Names are letters only: a digit in a town's name would read as a second figure in a claim.
_CONSONANTS = "bdfgklmnprstvz"
_VOWELS = "aeiou"
_SYLLABLES = [c + v for c in _CONSONANTS for v in _VOWELS]


class Subject(msgspec.Struct, frozen=True, kw_only=True):
    key: str
    name: str


class SyntheticSet(msgspec.Struct, frozen=True, kw_only=True):
    """What was loaded: how many rows of each kind, and the names to ask about."""

    assertions: int
    subjects: int
    per_subject: int
    stock: str
    flow: str
    probe: Subject  # the synthetic subject the benchmark asks about


def subject_for(index: int) -> Subject:
    """The index-th town: key `town-00042`, a pronounceable one-word name such as `Bakelomiville`."""
    digits, rest = [], index
    for _ in range(4):
        rest, digit = divmod(rest, len(_SYLLABLES))
        digits.append(_SYLLABLES[digit])
    return Subject(key=f"town-{index:05d}", name="".join(reversed(digits)).capitalize() + "ville")


def probe_index(towns: int) -> int:
    """A town half-way through the table whose figures are the same at every size (its base is 100)."""
    return towns // 2 // 50 * 50


def table_of(model: type[Base]) -> sa.Table:
    """The Core table of a mapped class, for bulk inserts and its indexes."""
    # Declarative types `__table__` as any FromClause; a class mapped with its own columns always has a Table.
    return cast(sa.Table, model.__table__)


def subject_count(size: int, per_subject: int) -> int:
    return max(1, math.ceil(size / per_subject))


async def load_synthetic(
    url: str, *, size: int, per_subject: int, analyze: bool = False, batch: int = 5_000
) -> SyntheticSet:
    """Add `size` accepted assertions over size/per_subject towns, half levels and half deliveries each."""
    engine = create_engine(url)
    try:
        stock_id, flow_id = await _metrics(engine)
        towns = subject_count(size, per_subject)
        async with engine.begin() as connection:
            for rows in _chunks(_entity_rows(towns), batch):
                await connection.execute(sa.insert(table_of(Entity)), rows)
            ids = dict(
                (await connection.execute(sa.select(Entity.key, Entity.id).where(Entity.kind == "bench-town"))).all()
            )
            for rows in _chunks(_alias_rows(towns, ids), batch):
                await connection.execute(sa.insert(table_of(EntityAlias)), rows)
            for rows in _chunks(_source_rows(towns), batch):
                await connection.execute(sa.insert(table_of(Source)), rows)
            bulletins = dict(
                (await connection.execute(sa.select(Source.url, Source.id).where(Source.publisher == PUBLISHER))).all()
            )
        inserted = 0
        rows_iter = _assertion_rows(size, per_subject, ids, bulletins, stock_id=stock_id, flow_id=flow_id)
        for rows in _chunks(rows_iter, batch):
            # One transaction per batch keeps SQLite's write-ahead log small.
            async with engine.begin() as connection:
                await connection.execute(sa.insert(table_of(Assertion)), rows)
            inserted += len(rows)
        await _analyze(engine, sqlite_too=analyze)
        return SyntheticSet(
            assertions=inserted,
            subjects=towns,
            per_subject=per_subject,
            stock=STOCK,
            flow=FLOW,
            probe=subject_for(probe_index(towns)),
        )
    finally:
        await engine.dispose()


async def _metrics(engine: AsyncEngine) -> tuple[int, int]:
    async with create_sessionmaker(engine)() as session, session.begin():
        stock = await vocabulary.add_metric(
            session,
            key=STOCK,
            name="Buses in service",
            unit="buses",
            kind=MetricKind.stock,
            feeds_metric_id=None,
            description="Synthetic benchmark metric: a town's bus fleet.",
            aliases=["buses", "bus fleet"],
            actor=ACTOR,
        )
        flow = await vocabulary.add_metric(
            session,
            key=FLOW,
            name="Buses delivered",
            unit="buses",
            kind=MetricKind.flow,
            feeds_metric_id=stock.id,
            description="Synthetic benchmark metric: buses delivered to a town.",
            aliases=["buses delivered", "new buses", "bus deliveries"],
            actor=ACTOR,
        )
        return stock.id, flow.id


async def _analyze(engine: AsyncEngine, *, sqlite_too: bool) -> None:
    # PostgreSQL's autovacuum would vacuum and gather statistics on its own some time after a bulk load;
    # doing it now keeps it from starting (and plans from changing) halfway through a measurement.
    # SQLite is left as the service leaves it: nothing in factdesk runs ANALYZE there, so its planner
    # works without statistics (unless asked, to see what statistics would change).
    if engine.dialect.name == "postgresql":
        async with engine.connect() as connection:
            await connection.execution_options(isolation_level="AUTOCOMMIT")
            await connection.execute(sa.text("VACUUM (ANALYZE)"))
    elif sqlite_too:
        async with engine.begin() as connection:
            await connection.execute(sa.text("ANALYZE"))


def _entity_rows(towns: int) -> Iterator[dict[str, Any]]:
    now = dt.datetime.now(dt.UTC)
    for index in range(towns):
        subject = subject_for(index)
        yield {
            "key": subject.key,
            "name": subject.name,
            "kind": "bench-town",
            "description": "Synthetic benchmark town.",
            "recorded_at": now,
        }


def _alias_rows(towns: int, ids: dict[str, int]) -> Iterator[dict[str, Any]]:
    # The aliases vocabulary.add_entity gives an entity entered without any: its name and its key in words.
    for index in range(towns):
        subject = subject_for(index)
        for alias in dict.fromkeys((subject.name, subject.key.replace("-", " "))):
            yield {"entity_id": ids[subject.key], "alias": alias, "normalized": normalize_name(alias)}


def _source_rows(towns: int) -> Iterator[dict[str, Any]]:
    now = dt.datetime.now(dt.UTC)
    for index in range(towns):
        subject = subject_for(index)
        text = SOURCE_TEXT.format(name=subject.name)
        yield {
            "content_hash": content_hash(text),
            "title": f"Council bulletin of {subject.name}",
            "publisher": PUBLISHER,
            "url": _bulletin_url(subject),
            "language": "en",
            "text": text,
            "stated_date": SOURCE_DATE,
            "date_used": SOURCE_DATE,
            "date_basis": DateBasis.stated,
            "flags": [],
            "recorded_at": now,
        }


def _bulletin_url(subject: Subject) -> str:
    return f"https://bench.invalid/{subject.key}"


def _assertion_rows(
    size: int, per_subject: int, ids: dict[str, int], bulletins: dict[str | None, int], *, stock_id: int, flow_id: int
) -> Iterator[dict[str, Any]]:
    """Per town: levels at month ends rising by 10, and a delivery of 10 mid-way through each next month."""
    now = dt.datetime.now(dt.UTC)
    levels = (per_subject + 1) // 2
    for number in range(size):
        town, slot = divmod(number, per_subject)
        base = 100 + (town % 50) * 2
        is_level = slot < levels
        step = slot if is_level else slot - levels
        month = _add_months(LAST_LEVEL_MONTH, step - (levels - 1))
        if is_level:
            day = month.replace(day=calendar.monthrange(month.year, month.month)[1])
            best, metric_id, quote = (
                base + 10 * (step + 1),
                stock_id,
                f"the fleet stood at {base + 10 * (step + 1)} buses",
            )
        else:
            day = _add_months(month, 1).replace(day=15)
            best, metric_id, quote = 10, flow_id, "10 buses were delivered"
        subject = subject_for(town)
        yield {
            "source_id": bulletins[_bulletin_url(subject)],
            "subject_id": ids[subject.key],
            "metric_id": metric_id,
            "value_text": str(best),
            "low": float(best),
            "best": float(best),
            "high": float(best),
            "value_rule": "exact",
            "modality": Modality.actual,
            "time_start": day,
            "time_end": day,
            "time_precision": Precision.day,
            "time_text": None,
            "time_rule": "explicit",
            "claimant": "Synthetic council",
            "quote": quote,
            "quote_start": 0,
            "quote_end": len(quote),
            "status": ReviewStatus.accepted,
            "recorded_at": now,
            "recorded_by": ACTOR,
            "reviewed_at": now,
            "reviewed_by": ACTOR,
        }


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _chunks(rows: Iterator[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    chunk: list[dict[str, Any]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
