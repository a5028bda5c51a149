"""Query functions for API keys: only a hash is stored, the key itself is shown once."""

from __future__ import annotations

import hashlib
import secrets

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from db.changes import flush
from db.models import ApiKey
from reasoning.types import Role

KEY_PREFIX = "fdk_"


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


async def create_key(session: AsyncSession, *, name: str, role: Role) -> tuple[ApiKey, str]:
    """Create a key; returns the row and the plain key, which is never stored."""
    plain = KEY_PREFIX + secrets.token_urlsafe(32)
    row = ApiKey(name=name, role=role, key_hash=hash_key(plain))
    session.add(row)
    await flush(session, conflict=f"a key named {name!r} already exists", hint="Choose another --name.")
    return row, plain


async def find_active_key(session: AsyncSession, plain: str) -> ApiKey | None:
    return await session.scalar(
        sa.select(ApiKey).where(ApiKey.key_hash == hash_key(plain), ApiKey.revoked_at.is_(None))
    )
