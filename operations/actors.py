"""Who wrote something, as responses show it: a key's role and a stable pseudonym, or its name if names are public.

The store keeps the key's name (for audit); only what is shown changes. A pseudonym is the role and the
first 8 hex digits of an HMAC-SHA-256 of the name keyed with the cursor secret: every replica shows the
same one, and without the secret no one can find the name behind it by trying names. Writers that are no
key (the seed loader's "seed-curation", the command line's "command-line") are shown as they are.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable, Mapping

from sqlalchemy.ext.asyncio import AsyncSession

from db import keys
from operations.settings import Settings
from reasoning.types import Role

# Written as the actor of what an operator does at the shell (revoking a key), which no key authorises.
COMMAND_LINE_ACTOR = "command-line"


def pseudonym(secret: str, *, role: Role, name: str) -> str:
    # "actor:" keeps these digests apart from the cursor signatures made with the same secret.
    digest = hmac.new(secret.encode("utf-8"), f"actor:{name}".encode(), hashlib.sha256).hexdigest()
    return f"{role.value}:{digest[:8]}"


async def actor_labels(session: AsyncSession, settings: Settings, names: Iterable[str | None]) -> dict[str, str]:
    """How each of these stored actor names is shown; look a name up with `shown`."""
    wanted = {name for name in names if name is not None}
    if settings.public_actor_names:
        return {name: name for name in wanted}
    roles = await keys.roles_by_name(session, wanted)
    return {
        name: pseudonym(settings.cursor_secret, role=roles[name], name=name) if name in roles else name
        for name in wanted
    }


def shown(labels: Mapping[str, str], name: str | None) -> str | None:
    return None if name is None else labels.get(name, name)
