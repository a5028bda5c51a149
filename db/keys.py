"""Query functions for API keys: only a hash is stored, the key itself is shown once."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Collection, Sequence

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from db.changes import flush, record_change
from db.columns import utcnow
from db.models import ApiKey
from reasoning.errors import NotFound, StateConflict
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


async def list_keys(session: AsyncSession) -> Sequence[ApiKey]:
    return (await session.scalars(sa.select(ApiKey).order_by(ApiKey.id))).all()


async def revoke_key(session: AsyncSession, *, name: str, actor: str | None) -> ApiKey:
    """Revoke the key of this name: from the next request on it authenticates nothing (keys are looked up
    on every request, never cached). The change log keeps the name, as it keeps the actors' names."""
    row = await session.scalar(sa.select(ApiKey).where(ApiKey.name == name).with_for_update())
    if row is None:
        raise NotFound(f"no key named {name!r}", hint="List the keys with `factdesk keys list`.")
    if row.revoked_at is not None:
        raise StateConflict(
            f"key {name!r} was already revoked at {row.revoked_at.isoformat()}",
            hint="Nothing to do: a revocation is permanent; create a new key with `factdesk keys create`.",
        )
    row.revoked_at = utcnow()
    await session.flush()
    await record_change(
        session,
        action="key.revoked",
        object_type="key",
        object_id=row.id,
        actor=actor,
        data={"name": row.name, "role": row.role.value},
    )
    return row


async def roles_by_name(session: AsyncSession, names: Collection[str]) -> dict[str, Role]:
    """The role of each key among these names (revoked keys too); a name that is no key is left out."""
    if not names:
        return {}
    rows = await session.execute(sa.select(ApiKey.name, ApiKey.role).where(ApiKey.name.in_(sorted(names))))
    return {name: role for name, role in rows}
