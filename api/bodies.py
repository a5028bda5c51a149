"""The request class: a JSON body is read as strictly as the document describes it, and one that cannot be
read at all is the client's 400, whatever the decoder raised."""

from __future__ import annotations

from typing import Any

import msgspec
from litestar import Request
from litestar.exceptions import SerializationException, ValidationException


class JSONRequest(Request[Any, Any, Any]):
    """Two repairs to how Litestar reads a JSON body.

    Litestar turns msgspec's DecodeError into a 400, but two failures bypass it: bytes that are not UTF-8
    (UnicodeDecodeError) and nesting deeper than the decoder's recursion limit (RecursionError). Both mean
    the body is not JSON this service can read, so they become the same 400.

    Litestar also converts the body to the handler's type leniently (`strict=False`, because query strings
    arrive as text), so `"extract": 0` would pass as false and `"source_id": "12"` as 12, though the document
    says boolean and integer. The body is first checked strictly against the handler's type, so a value of
    another JSON type is a 400 naming its field, as the document promises.
    """

    async def json(self) -> Any:
        try:
            value = await super().json()
        except UnicodeDecodeError as error:
            raise SerializationException(f"the body is not valid UTF-8: {error.reason} at byte {error.start}") from None
        except RecursionError:
            raise SerializationException("the body's JSON is nested too deeply") from None
        field = self.route_handler.parsed_data_field
        if field is not None:
            try:
                msgspec.convert(_integral_floats_as_ints(value), type=field.annotation, strict=True)
            except msgspec.ValidationError as error:
                message, _, path = str(error).partition(" - at `$")
                key = path.rstrip("`").lstrip(".")
                item = {"message": message, "key": key, "source": "body"} if key else {"message": message}
                raise ValidationException(detail=message, extra=[item]) from None
            except RecursionError:
                raise SerializationException("the body's JSON is nested too deeply") from None
        return value


def _integral_floats_as_ints(value: Any) -> Any:
    """2.0 where an integer is expected is the integer 2 to JSON Schema (and to Litestar), not to msgspec's
    strict mode: the check reads it as JSON Schema does."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, list):
        return [_integral_floats_as_ints(item) for item in value]
    if isinstance(value, dict):
        return {key: _integral_floats_as_ints(item) for key, item in value.items()}
    return value
