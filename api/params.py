"""Typed path and query parameters: bounds checked at the door, so no value can upset the database."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import msgspec
from litestar.params import PathParameter, QueryParameter

from api.wire import MAX_ID, MAX_NAME_CHARS, NO_NUL

IdPath = Annotated[int, PathParameter(ge=1, le=MAX_ID)]
RefPath = Annotated[str, PathParameter(min_length=1, max_length=MAX_NAME_CHARS, pattern=NO_NUL)]
IdQuery = Annotated[int | None, QueryParameter(ge=1, le=MAX_ID)]


def _name_in_query() -> Any:
    return QueryParameter(min_length=1, max_length=MAX_NAME_CHARS, pattern=NO_NUL, description="id, key or any alias")


RefQuery = Annotated[str | None, _name_in_query()]
NameQuery = Annotated[str, _name_in_query()]
SentenceQuery = Annotated[
    str, QueryParameter(min_length=1, max_length=1000, pattern=NO_NUL, description="the question")
]


class Moment(dt.datetime):
    """A moment in a query, read as RFC 3339 only. Litestar converts query values leniently, and would read a
    bare number (`known_at=0.5`) as a Unix timestamp, which the document does not offer: a type of its own
    gets `read_moment` as its decoder instead (registered in create_app)."""


def is_moment(type_: Any) -> bool:
    return type_ is Moment


def read_moment(_type: Any, value: Any) -> Moment:
    moment = msgspec.convert(value, dt.datetime)  # strict: RFC 3339 text, nothing else
    return Moment.combine(moment.date(), moment.timetz())


KnownAtQuery = Annotated[
    Moment | None,
    QueryParameter(description="answer as the store stood at this moment (RFC 3339; UTC if no zone)"),
]
CursorQuery = Annotated[
    str | None, QueryParameter(max_length=1000, description="the `next` value of the previous page")
]
LimitQuery = Annotated[int | None, QueryParameter(description="items per page (see FACTDESK_MAX_PAGE_SIZE)")]
