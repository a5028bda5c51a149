"""The request class: a JSON body that cannot be decoded is the client's 400, whatever the decoder raised."""

from __future__ import annotations

from typing import Any

from litestar import Request
from litestar.exceptions import SerializationException


class JSONRequest(Request[Any, Any, Any]):
    """Litestar turns msgspec's DecodeError into a 400, but two failures bypass it: bytes that are not UTF-8
    (UnicodeDecodeError) and nesting deeper than the decoder's recursion limit (RecursionError). Both say
    only that the body is not JSON this service can read, so they are raised as the same SerializationException,
    which Litestar answers with a 400 (an `invalid_request` problem)."""

    async def json(self) -> Any:
        try:
            return await super().json()
        except UnicodeDecodeError as error:
            raise SerializationException(f"the body is not valid UTF-8: {error.reason} at byte {error.start}") from None
        except RecursionError:
            raise SerializationException("the body's JSON is nested too deeply") from None
