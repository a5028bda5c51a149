"""The change feed: every write in order, so a newsroom tool can keep a copy in sync."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from db import changes
from operations.records import ChangeRecord, change_record


async def list_changes(session: AsyncSession, *, after_id: int | None, limit: int) -> list[ChangeRecord]:
    return [change_record(row) for row in await changes.list_changes(session, after_id=after_id, limit=limit)]
