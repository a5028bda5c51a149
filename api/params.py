"""Typed path and query parameters: bounds checked at the door, so no value can upset the database."""

from __future__ import annotations

from typing import Annotated

from litestar.params import PathParameter, QueryParameter

# Ids are 64-bit in PostgreSQL; a larger number is a 400 here instead of a driver error.
MAX_ID = 2**63 - 1
# PostgreSQL text cannot hold NUL; nothing a newsroom sends legitimately contains one.
NO_NUL = r"^[^\x00]*$"

IdPath = Annotated[int, PathParameter(ge=1, le=MAX_ID)]
RefPath = Annotated[str, PathParameter(min_length=1, max_length=300, pattern=NO_NUL)]
IdQuery = Annotated[int | None, QueryParameter(ge=1, le=MAX_ID)]
RefQuery = Annotated[str | None, QueryParameter(min_length=1, max_length=300, pattern=NO_NUL)]
CursorQuery = Annotated[
    str | None, QueryParameter(max_length=1000, description="the `next` value of the previous page")
]
LimitQuery = Annotated[int | None, QueryParameter(description="items per page (see FACTDESK_MAX_PAGE_SIZE)")]
