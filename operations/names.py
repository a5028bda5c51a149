"""Name resolution, the same on every endpoint: an id, a key or any alias, case-insensitively.

An unknown name is a NotFound that lists the closest known names; a name several terms go by is an
AmbiguousTerm listing them. Every operation that takes a subject or a metric resolves it here.
"""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from db import models, vocabulary
from reasoning.errors import AmbiguousTerm, NotFound
from reasoning.lexicon import closest_names, normalize_name
from reasoning.types import MAX_ID

Term = TypeVar("Term", models.Entity, models.Metric)

_LISTINGS = {models.Entity: "/v1/entities", models.Metric: "/v1/metrics"}


async def resolve_subject(session: AsyncSession, ref: str) -> models.Entity:
    return await _resolve(session, models.Entity, ref)


async def resolve_metric(session: AsyncSession, ref: str) -> models.Metric:
    return await _resolve(session, models.Metric, ref)


async def subject_id(session: AsyncSession, ref: str | None) -> int | None:
    """The id of the subject `ref` names, or None when no subject was given (an optional filter)."""
    return None if ref is None else (await resolve_subject(session, ref)).id


async def metric_id(session: AsyncSession, ref: str | None) -> int | None:
    return None if ref is None else (await resolve_metric(session, ref)).id


async def _resolve(session: AsyncSession, model: type[Term], ref: str) -> Term:
    kind = model.__name__.lower()
    if _is_id(ref) and (by_id := await vocabulary.find_term_by_id(session, model, int(ref))) is not None:
        return by_id
    # Keys are lower-case slugs, so "Riverton-Buses" names the key riverton-buses.
    if (by_key := await vocabulary.find_term_by_key(session, model, ref.strip().lower())) is not None:
        return by_key
    matches = await vocabulary.find_terms_by_alias(session, model, normalize_name(ref))
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        keys = [match.key for match in matches]
        raise AmbiguousTerm(
            f"{ref!r} names {len(keys)} {kind} entries: {', '.join(keys)}",
            hint=f"Ask again with one of the keys: {', '.join(keys)}.",
            extra={"candidates": keys},
        )
    suggestions = closest_names(ref, await vocabulary.term_names(session, model))
    hint = (
        f"Did you mean {', '.join(repr(s) for s in suggestions)}?"
        if suggestions
        else f"List them with GET {_LISTINGS[model]}."
    )
    raise NotFound(f"no {kind} is called {ref!r}", hint=hint, extra={"suggestions": suggestions})


def _is_id(ref: str) -> bool:
    # Ids are at most MAX_ID: a larger run of digits can only be a (missing) key, never an id to look up.
    return ref.isascii() and ref.isdigit() and int(ref) <= MAX_ID
