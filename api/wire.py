"""The base of every body on the wire, the constraints shared by requests, and how numbers are written."""

from __future__ import annotations

from typing import Annotated, overload

import msgspec
from msgspec import Meta

from reasoning.types import MAX_ID, MAX_NAME_CHARS, NO_NUL

__all__ = ["MAX_ID", "MAX_NAME_CHARS", "NO_NUL", "Id", "Ref", "Wire", "WireIn", "plain_number"]

# A value outside these bounds is a 400 at the door, never a driver error.
Id = Annotated[int, Meta(ge=1, le=MAX_ID)]
Ref = Annotated[str, Meta(min_length=1, max_length=MAX_NAME_CHARS, pattern=NO_NUL, description="id, key or any alias")]


class Wire(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """Base of every body on the wire.

    kw_only: fields are named, never positional, so new fields (always with defaults) never break clients.
    forbid_unknown_fields: a misspelled field in a request is a 400 that names it, not silently ignored.
    """


class WireIn(Wire):
    """Base of every request body. Its OpenAPI schema says `additionalProperties: false` (api/openapi.py), as
    forbid_unknown_fields makes it so; responses leave that open, so a client keeps reading them when a later
    version adds a field."""


@overload
def plain_number(value: float) -> float: ...
@overload
def plain_number(value: None) -> None: ...
@overload
def plain_number(value: float | None) -> float | None: ...
def plain_number(value: float | None) -> float | None:
    """217.0 -> 217: whole figures read as whole numbers everywhere on the wire; fractions stay as they are."""
    if value is not None and float(value).is_integer():
        return int(value)
    return value
