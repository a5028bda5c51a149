"""Where one request spends its time in factdesk's own Python: a profile of a single request, by function."""

from __future__ import annotations

import cProfile
import pstats
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import msgspec

REPO = Path(__file__).resolve().parent.parent
_OWN_CODE = tuple(str(REPO / folder) + "/" for folder in ("db", "api", "reasoning"))


class Hotspot(msgspec.Struct, frozen=True, kw_only=True):
    function: str  # "reasoning/mentions.py:find_mentions"
    calls: int
    cumulative_ms: float  # time inside it, callees included
    own_ms: float  # time in its own lines


async def profile_once(send: Callable[[], Awaitable[Any]]) -> list[Hotspot]:
    """Profile one request: factdesk's functions, the most cumulative time first.

    Only this request runs on the loop meanwhile, so the profile is the request's.
    """
    profiler = cProfile.Profile()
    profiler.enable()
    try:
        await send()
    finally:
        profiler.disable()
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]  # undocumented, so typeshed omits it
    spots = []
    for (filename, _line, name), (_primitive, calls, own, cumulative, _callers) in stats.items():
        if filename.startswith(_OWN_CODE) and not name.startswith("<"):
            spots.append(
                Hotspot(
                    function=f"{Path(filename).relative_to(REPO)}:{name}",
                    calls=calls,
                    cumulative_ms=cumulative * 1000,
                    own_ms=own * 1000,
                )
            )
    return sorted(spots, key=lambda spot: spot.cumulative_ms, reverse=True)
