"""Query functions for the vocabulary: entities and metrics with their aliases, editable at run time."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TypeVar

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from db.changes import flush, record_change
from db.models import Assertion, Entity, EntityAlias, Metric, MetricAlias
from reasoning.errors import AmbiguousTerm, InvalidInput, NotFound, StateConflict
from reasoning.lexicon import closest_names, normalize_name
from reasoning.types import MetricKind

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
    feeds: str | None,
    description: str | None,
    aliases: Sequence[str],
    actor: str | None,
) -> Metric:
    feeds_id = None
    if feeds is not None:
        fed = await get_term(session, Metric, feeds)
        if kind is not MetricKind.flow or fed.kind is not MetricKind.stock:
            raise InvalidInput(
                f"metric {key!r} ({kind.value}) cannot feed {fed.key!r} ({fed.kind.value})",
                hint="Only a flow feeds a stock (buses added feed buses in service); leave `feeds` out otherwise.",
            )
        feeds_id = fed.id
    metric = Metric(key=key, name=name, unit=unit, kind=kind, feeds_metric_id=feeds_id, description=description)
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
    return await get_term(session, type(term), str(term.id), refresh=True)


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
    row: EntityAlias | MetricAlias | None = await session.scalar(
        sa.select(alias_model).where(getattr(alias_model, foreign_key) == term.id, alias_model.normalized == normalized)
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


async def get_term(session: AsyncSession, model: type[Term], ref: str, *, refresh: bool = False) -> Term:
    """A term by numeric id or key, with its aliases loaded; a NotFound names the closest keys.

    `refresh` reloads the aliases after an edit in the same transaction.
    """
    query = sa.select(model).options(selectinload(model.aliases))
    if refresh:
        query = query.execution_options(populate_existing=True)
    query = query.where(model.id == int(ref)) if _is_id(ref) else query.where(model.key == ref)
    term = await session.scalar(query)
    if term is None:
        kind = model.__name__.lower()
        keys = list(await session.scalars(sa.select(model.key)))
        suggestions = closest_names(ref, keys)
        hint = f"Did you mean {', '.join(suggestions)}?" if suggestions else f"List them with GET {_ALIASES[model][2]}."
        raise NotFound(f"no {kind} {ref!r}", hint=hint, extra={"suggestions": suggestions})
    return term


async def find_term_by_key(session: AsyncSession, model: type[Term], key: str) -> Term | None:
    """A term by its exact key, with its aliases loaded, or None."""
    return await session.scalar(sa.select(model).options(selectinload(model.aliases)).where(model.key == key))


def _is_id(ref: str) -> bool:
    # Ids are 64-bit: a longer run of digits can only be a (missing) key, never an id to look up.
    return ref.isascii() and ref.isdigit() and int(ref) < 2**63


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


async def resolve_term(session: AsyncSession, model: type[Term], name: str) -> Term:
    """A term by id, key or any alias, case-insensitively; 404 with suggestions, 409 when several match."""
    kind = model.__name__.lower()
    if _is_id(name):
        return await get_term(session, model, name)
    # Keys are lower-case slugs, so "Kenya-Police" names the key kenya-police.
    key = name.strip().lower()
    if await session.scalar(sa.select(model.id).where(model.key == key)) is not None:
        return await get_term(session, model, key)
    alias_model, foreign_key, listing = _ALIASES[model]
    matches = list(
        await session.scalars(
            sa.select(model)
            .options(selectinload(model.aliases))
            .join(alias_model, getattr(alias_model, foreign_key) == model.id)
            .where(alias_model.normalized == normalize_name(name))
            .distinct()
            .order_by(model.id)
        )
    )
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        keys = [match.key for match in matches]
        raise AmbiguousTerm(
            f"{name!r} names {len(keys)} {kind} entries: {', '.join(keys)}",
            hint=f"Ask again with one of the keys: {', '.join(keys)}.",
            extra={"candidates": keys},
        )
    names = list(await session.scalars(sa.select(alias_model.alias))) + list(
        await session.scalars(sa.select(model.key))
    )
    suggestions = closest_names(name, names)
    hint = (
        f"Did you mean {', '.join(repr(s) for s in suggestions)}?" if suggestions else f"List them with GET {listing}."
    )
    raise NotFound(f"no {kind} is called {name!r}", hint=hint, extra={"suggestions": suggestions})


async def ids_by_key(session: AsyncSession, model: type[Term], keys: Collection[str]) -> dict[str, int]:
    if not keys:
        return {}
    rows = await session.execute(sa.select(model.key, model.id).where(model.key.in_(list(keys))))
    return dict(rows.all())
