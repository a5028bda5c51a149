"""Opaque, signed page cursors and the Link header that carries them."""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Mapping, Sequence
from typing import Annotated, Protocol, TypeVar
from urllib.parse import urlencode

import msgspec

from reasoning.errors import InvalidCursor, InvalidInput
from reasoning.types import MAX_ID


class HasId(Protocol):
    @property
    def id(self) -> int: ...


Row = TypeVar("Row", bound=HasId)


class PageRequest(msgspec.Struct, frozen=True, kw_only=True):
    """One page asked for: fetch `size + 1` rows after `after_id`; the extra row tells whether more follow."""

    after_id: int | None
    size: int
    scope: str
    path: str
    query: dict[str, object]

    @property
    def fetch(self) -> int:
        return self.size + 1


class Position(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """What a cursor holds: the last id of the page before (`a`; 0 when the change feed is still empty) and a
    digest of what the cursor is bound to (`s`)."""

    a: Annotated[int, msgspec.Meta(ge=0, le=MAX_ID)]
    s: str


_POSITION_JSON = msgspec.json.Encoder()
_POSITIONS = msgspec.json.Decoder(Position)


class Pager:
    """Keyset paging over ascending ids. A cursor is bound to its endpoint and filters, and signed,
    so a cursor that was edited or reused with other filters is refused instead of giving a wrong page."""

    def __init__(self, *, secret: str, default_size: int, max_size: int) -> None:
        self._secret = secret.encode("utf-8")
        self.default_size = default_size
        self.max_size = max_size

    def open(self, *, path: str, cursor: str | None, limit: int | None, filters: Mapping[str, object]) -> PageRequest:
        scope = page_scope(path, filters)
        return PageRequest(
            after_id=self.decode(cursor, scope=scope),
            size=self.page_size(limit),
            scope=scope,
            path=path,
            query={**filters, "limit": limit},
        )

    def close(self, request: PageRequest, rows: Sequence[Row]) -> tuple[Sequence[Row], str | None, dict[str, str]]:
        """The rows of the page, the cursor of the next one (None at the end) and its Link header."""
        if len(rows) <= request.size:
            return rows, None, {}
        next_cursor = self.encode(after_id=rows[request.size - 1].id, scope=request.scope)
        return rows[: request.size], next_cursor, link_header(request.path, request.query, next_cursor)

    def page_size(self, limit: int | None) -> int:
        if limit is None:
            return self.default_size
        if not 1 <= limit <= self.max_size:
            raise InvalidInput(
                f"limit={limit} is outside 1..{self.max_size}",
                hint=f"Ask for at most {self.max_size} items a page and follow `next` for more.",
            )
        return limit

    def _sign(self, payload: bytes) -> str:
        return _b64(hmac.new(self._secret, payload, hashlib.sha256).digest()[:16])

    def encode(self, *, after_id: int, scope: str) -> str:
        payload = _POSITION_JSON.encode(Position(a=after_id, s=_scope_digest(scope)))
        return f"{_b64(payload)}.{self._sign(payload)}"

    def decode(self, cursor: str | None, *, scope: str) -> int | None:
        if cursor is None:
            return None
        hint = (
            "Pass back the `next` value of the previous page unchanged, with the same filters, "
            "or drop `cursor` to start over."
        )
        try:
            encoded, signature = cursor.split(".", 1)
            payload = _unb64(encoded)
        except ValueError:
            raise InvalidCursor("the cursor is malformed", hint=hint) from None
        # compare_digest refuses str with non-ASCII characters: such a signature is simply not ours.
        if not (signature.isascii() and hmac.compare_digest(signature, self._sign(payload))):
            raise InvalidCursor("the cursor was altered or comes from another deployment", hint=hint)
        try:
            position = _POSITIONS.decode(payload)
        except (msgspec.DecodeError, ValueError, RecursionError):
            # Only a cursor signed with this deployment's secret gets here, so it was forged with the secret.
            raise InvalidCursor("the cursor does not hold a position in this listing", hint=hint) from None
        if position.s != _scope_digest(scope):
            raise InvalidCursor("the cursor belongs to another listing or other filters", hint=hint)
        return position.a


def _scope_digest(scope: str) -> str:
    return hashlib.sha256(scope.encode("utf-8")).hexdigest()[:16]


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except Exception as error:  # binascii.Error and friends: all mean the same to the client
        raise ValueError("bad base64") from error


def page_scope(path: str, filters: Mapping[str, object]) -> str:
    """What a cursor is bound to: the path and the filters (not the cursor or the page size)."""
    kept = sorted((key, str(value)) for key, value in filters.items() if value is not None)
    return path + "?" + urlencode(kept)


def link_header(path: str, query: Mapping[str, object], next_cursor: str | None) -> dict[str, str]:
    if next_cursor is None:
        return {}
    params = [(key, str(value)) for key, value in query.items() if value is not None and key != "cursor"]
    params.append(("cursor", next_cursor))
    return {"Link": f'<{path}?{urlencode(params)}>; rel="next"'}
