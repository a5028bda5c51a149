"""The change feed: every write in order, so a newsroom tool can keep a copy in sync."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from db import changes, models


async def list_changes(session: AsyncSession, *, after_id: int | None, limit: int) -> Sequence[models.Change]:
    return await changes.list_changes(session, after_id=after_id, limit=limit)
