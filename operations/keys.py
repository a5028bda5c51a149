"""API keys: created from the command line and shown once; requests are authenticated against their hashes."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from db import keys
from operations.actors import COMMAND_LINE_ACTOR
from operations.records import KeyRecord, key_record
from reasoning.types import Role


async def create_key(session: AsyncSession, *, name: str, role: Role) -> str:
    """Create a key and return it in plain text: only its hash is stored, so this is the one time it is seen."""
    _row, plain = await keys.create_key(session, name=name, role=role)
    return plain


async def find_active_key(session: AsyncSession, *, plain: str) -> KeyRecord | None:
    row = await keys.find_active_key(session, plain)
    return None if row is None else key_record(row)


async def list_keys(session: AsyncSession) -> list[KeyRecord]:
    """Every key ever created, revoked ones too, oldest first (names and roles; never a key or its hash)."""
    return [key_record(row) for row in await keys.list_keys(session)]


async def revoke_key(session: AsyncSession, *, name: str, actor: str = COMMAND_LINE_ACTOR) -> KeyRecord:
    """Revoke a key by name; an unknown name is NotFound, a key revoked before a StateConflict."""
    return key_record(await keys.revoke_key(session, name=name, actor=actor))
