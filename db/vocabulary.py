"""Query functions for the vocabulary: entities and metrics with their aliases, editable at run time."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TypeVar

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from db.changes import flush, record_change
from db.models import Assertion, Entity, EntityAlias, Metric, MetricAlias
from reasoning.errors import InvalidInput, NotFound, StateConflict
from reasoning.lexicon import normalize_name
from reasoning.types import MAX_NAME_CHARS, MetricKind

Term = TypeVar("Term", Entity, Metric)

# Per vocabulary kind: the table, its alias table, the alias's foreign key, and the listing URL for hints.
_ALIASES: dict[type, tuple[type[EntityAlias] | type[MetricAlias], str, str]] = {
    Entity: (EntityAlias, "entity_id", "/v1/entities"),
    Metric: (MetricAlias, "metric_id", "/v1/metrics"),
}


async def add_entity(
    session: AsyncSession,
    *,
    key: str,
    name: str,
    kind: str | None,
    description: str | None,
    aliases: Sequence[str],
    actor: str | None,
) -> Entity:
    entity = Entity(key=key, name=name, kind=kind, description=description)
    return await _add_term(session, entity, aliases, actor)


async def add_metric(
    session: AsyncSession,
    *,
    key: str,
    name: str,
    unit: str,
    kind: MetricKind,
    feeds_metric_id: int | None,
    description: str | None,
    aliases: Sequence[str],
    actor: str | None,
) -> Metric:
    metric = Metric(key=key, name=name, unit=unit, kind=kind, feeds_metric_id=feeds_metric_id, description=description)
    return await _add_term(session, metric, aliases, actor)


async def _add_term(session: AsyncSession, term: Term, aliases: Sequence[str], actor: str | None) -> Term:
    kind = type(term).__name__.lower()
    session.add(term)
    await flush(
        session,
        conflict=f"the {kind} key {term.key!r} is already taken",
        hint=(
            "Choose another key, or add aliases to the existing one with "
            f"POST {_ALIASES[type(term)][2]}/{term.key}/aliases."
        ),
    )
    await record_change(
        session,
        action=f"{kind}.created",
        object_type=kind,
        object_id=term.id,
        actor=actor,
        data={"key": term.key, "name": term.name},
    )
    await add_aliases(session, term, [term.name, *aliases, term.key.replace("-", " ")], actor=actor, log=False)
    return await get_term(session, type(term), term.id, refresh=True)


async def add_aliases(
    session: AsyncSession, term: Entity | Metric, aliases: Sequence[str], *, actor: str | None, log: bool = True
) -> list[str]:
    """Add aliases to a term, skipping ones it already has; returns the ones added."""
    alias_model, foreign_key, _ = _ALIASES[type(term)]
    existing = set(
        await session.scalars(sa.select(alias_model.normalized).where(getattr(alias_model, foreign_key) == term.id))
    )
    added: list[str] = []
    for alias in aliases:
        normalized = normalize_name(alias)
        if not normalized:
            raise InvalidInput("an alias is empty", hint="Give each alias as a non-empty phrase.")
        if len(normalized) > MAX_NAME_CHARS:
            # The request schema bounds the alias as written; normalizing can lengthen it ("ß" -> "ss").
            raise InvalidInput(
                f"an alias of {len(alias.strip())} characters is {len(normalized)} long once normalized "
                f"(case-folded, compatibility characters spelled out), over the limit of {MAX_NAME_CHARS}",
                hint=f"Shorten the alias so that its lower-case form fits in {MAX_NAME_CHARS} characters.",
            )
        if normalized in existing:
            continue
        existing.add(normalized)
        session.add(alias_model(**{foreign_key: term.id, "alias": alias.strip(), "normalized": normalized}))
        added.append(alias.strip())
    await flush(session, conflict="an alias was added twice at the same moment", hint="Retry the request.")
    if log and added:
        kind = type(term).__name__.lower()
        await record_change(
            session,
            action=f"{kind}.aliases_added",
            object_type=kind,
            object_id=term.id,
            actor=actor,
            data={"aliases": added},
        )
    return added


async def remove_alias(session: AsyncSession, term: Entity | Metric, alias: str, *, actor: str | None) -> None:
    alias_model, foreign_key, _ = _ALIASES[type(term)]
    normalized = normalize_name(alias)
    if normalized in {normalize_name(term.name)}:
        raise StateConflict(
            "a term's own name cannot be removed from its aliases",
            hint="Rename is not supported; add the alias you want instead.",
        )
    # Locked, so two removals of one alias at once remove (and log) it once; the loser gets the 404.
    row: EntityAlias | MetricAlias | None = await session.scalar(
        sa.select(alias_model)
        .where(getattr(alias_model, foreign_key) == term.id, alias_model.normalized == normalized)
        .with_for_update()
    )
    if row is None:
        raise NotFound(
            f"{term.key!r} has no alias {alias!r}",
            hint=f"See its aliases with GET {_ALIASES[type(term)][2]}/{term.key}.",
        )
    await session.delete(row)
    await session.flush()
    kind = type(term).__name__.lower()
    await record_change(
        session,
        action=f"{kind}.alias_removed",
        object_type=kind,
        object_id=term.id,
        actor=actor,
        data={"alias": row.alias},
    )


async def get_term(session: AsyncSession, model: type[Term], term_id: int, *, refresh: bool = False) -> Term:
    """A term by id, with its aliases loaded (`refresh` reloads them after an edit in the same transaction)."""
    query = sa.select(model).options(selectinload(model.aliases)).where(model.id == term_id)
    if refresh:
        query = query.execution_options(populate_existing=True)
    term = await session.scalar(query)
    if term is None:
        raise NotFound(f"no {model.__name__.lower()} {term_id}", hint=f"List them with GET {_ALIASES[model][2]}.")
    return term


async def find_term_by_id(session: AsyncSession, model: type[Term], term_id: int) -> Term | None:
    return await session.scalar(sa.select(model).options(selectinload(model.aliases)).where(model.id == term_id))


async def find_term_by_key(session: AsyncSession, model: type[Term], key: str) -> Term | None:
    """A term by its exact key, with its aliases loaded, or None."""
    return await session.scalar(sa.select(model).options(selectinload(model.aliases)).where(model.key == key))


async def list_terms(session: AsyncSession, model: type[Term], *, after_id: int | None, limit: int) -> Sequence[Term]:
    query = sa.select(model).options(selectinload(model.aliases)).order_by(model.id).limit(limit)
    if after_id is not None:
        query = query.where(model.id > after_id)
    return (await session.scalars(query)).all()


async def metric_keys_by_id(session: AsyncSession, metric_ids: Sequence[int]) -> dict[int, str]:
    rows = await session.execute(sa.select(Metric.id, Metric.key).where(Metric.id.in_(metric_ids)))
    return dict(rows.all())


async def keys_for(session: AsyncSession, rows: Sequence[Assertion]) -> tuple[dict[int, str], dict[int, str]]:
    """The subject and metric keys of a batch of assertions, in two queries whatever the batch size."""
    subject_ids = {row.subject_id for row in rows if row.subject_id is not None}
    metric_ids = {row.metric_id for row in rows if row.metric_id is not None}
    subjects = dict((await session.execute(sa.select(Entity.id, Entity.key).where(Entity.id.in_(subject_ids)))).all())
    metrics = dict((await session.execute(sa.select(Metric.id, Metric.key).where(Metric.id.in_(metric_ids)))).all())
    return subjects, metrics


async def find_terms_by_alias(session: AsyncSession, model: type[Term], normalized: str) -> list[Term]:
    """The terms that go by this alias (in its normalised form), with their aliases loaded, by id."""
    alias_model, foreign_key, _ = _ALIASES[model]
    return list(
        await session.scalars(
            sa.select(model)
            .options(selectinload(model.aliases))
            .join(alias_model, getattr(alias_model, foreign_key) == model.id)
            .where(alias_model.normalized == normalized)
            .distinct()
            .order_by(model.id)
        )
    )


async def term_names(session: AsyncSession, model: type[Term]) -> list[str]:
    """Every alias and key of this kind of term: what a "did you mean" hint chooses from."""
    alias_model, _, _ = _ALIASES[model]
    aliases = list(await session.scalars(sa.select(alias_model.alias)))
    return aliases + list(await session.scalars(sa.select(model.key)))


async def ids_by_key(session: AsyncSession, model: type[Term], keys: Collection[str]) -> dict[str, int]:
    if not keys:
        return {}
    rows = await session.execute(sa.select(model.key, model.id).where(model.key.in_(list(keys))))
    return dict(rows.all())
