"""The change feed: every write in order, so a newsroom tool can keep a copy in sync."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from db import changes, models
from operations.actors import actor_labels, shown
from operations.records import ChangeRecord, change_record
from operations.settings import Settings

# A reviewer's note is for the desk: the feed carries it only to a caller with a key.
_REVIEW_ACTIONS = frozenset({"assertion.accepted", "assertion.rejected"})


async def list_changes(
    session: AsyncSession, settings: Settings, *, after_id: int | None, limit: int, with_review_notes: bool
) -> list[ChangeRecord]:
    rows = await changes.list_changes(session, after_id=after_id, limit=limit)
    named = [row.actor for row in rows] + [row.data.get("name") for row in rows if row.object_type == "key"]
    labels = await actor_labels(session, settings, named)
    return [change_record(row, actors=labels, data=_shown_data(row, labels, with_review_notes)) for row in rows]


def _shown_data(row: models.Change, labels: Mapping[str, str], with_review_notes: bool) -> dict[str, Any]:
    data = dict(row.data)
    if row.object_type == "key" and "name" in data:
        # A key's change names it as its writes do: by pseudonym unless names are public.
        name = data.pop("name")
        data = {"key": shown(labels, name), **data}
    if row.action in _REVIEW_ACTIONS and not with_review_notes:
        data.pop("note", None)
    return data
