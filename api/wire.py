"""The base of every body on the wire, the constraints shared by requests, and how numbers are written."""

from __future__ import annotations

from typing import Annotated, overload

import msgspec
from msgspec import Meta

# PostgreSQL text cannot hold NUL: refusing it at the door keeps every backend storing the same texts.
NO_NUL = r"^[^\x00]*$"
# Ids are 64-bit in PostgreSQL; a larger number is a 400 at the door instead of a driver error.
MAX_ID = 2**63 - 1
Id = Annotated[int, Meta(ge=1, le=MAX_ID)]


class Wire(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """Base of every body on the wire.

    kw_only: fields are named, never positional, so new fields (always with defaults) never break clients.
    forbid_unknown_fields: a misspelled field in a request is a 400 that names it, not silently ignored.
    """


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
