"""RFC 9457 problem details: the one place where domain errors meet HTTP status codes."""

from __future__ import annotations

import logging
import socket
from collections.abc import Mapping, Sequence
from http import HTTPStatus
from typing import Any, Literal

import msgspec
from litestar import Request, Response
from litestar.exceptions import HTTPException, ValidationException
from litestar.openapi import ResponseSpec
from sqlalchemy.exc import DataError, DBAPIError
from sqlalchemy.exc import TimeoutError as SQLAlchemyTimeoutError

from api.schemas import Problem, ProblemItem
from reasoning import errors

PROBLEM_MEDIA_TYPE = "application/problem+json"
log = logging.getLogger("factdesk")

STATUS_BY_ERROR: dict[type[errors.FactdeskError], int] = {
    errors.NotFound: 404,
    errors.StateConflict: 409,
    errors.Unauthorized: 401,
    errors.Forbidden: 403,
    errors.NotAcceptable: 406,
    errors.InvalidCursor: 400,
    errors.InvalidInput: 422,
    errors.FactdeskError: 400,
}

# Hints for the framework's own errors, which carry no domain hint.
HTTP_HINTS = {
    400: "Check the request against openapi.yaml: field names, types and date formats (YYYY-MM-DD).",
    404: "Check the path; GET /schema/openapi.json lists every endpoint.",
    405: "This path does not take that method; openapi.yaml lists the methods of each path.",
    413: "Send a smaller body; the limit is set by FACTDESK_MAX_BODY_BYTES.",
    415: "Send JSON with Content-Type: application/json.",
}


def status_for(error: errors.FactdeskError) -> int:
    for error_type in type(error).__mro__:
        if error_type in STATUS_BY_ERROR:
            return STATUS_BY_ERROR[error_type]
    return 400


def problem_response(
    *,
    status: int,
    code: str,
    title: str,
    detail: str,
    hint: str,
    instance: str | None,
    errors_list: Sequence[Mapping[str, object]] | None = None,
    headers: dict[str, str] | None = None,
) -> Response[Problem]:
    """Build the one error shape every failure of this API takes."""
    problem = Problem(
        type=f"urn:factdesk:problem:{code}",
        title=title,
        status=status,
        detail=detail,
        code=code,
        hint=hint,
        instance=instance,
        errors=[problem_item(entry) for entry in errors_list] if errors_list is not None else None,
    )
    return Response(problem, status_code=status, media_type=PROBLEM_MEDIA_TYPE, headers=headers)


_ITEM_KEYS = frozenset(ProblemItem.__struct_fields__) - {"other"}


def problem_item(entry: Mapping[str, object]) -> ProblemItem:
    """One entry of `errors`, typed: each key ProblemItem names, when its value has the declared type.

    An error response must not fail in turn, so a key it does not name, or a value of another type, is
    kept as it came under `other` rather than refused.
    """
    typed: dict[str, object] = {}
    other: dict[str, object] = {}
    for key, value in entry.items():
        if key in _ITEM_KEYS and _fits(key, value):
            typed[key] = value
        else:
            other[key] = value
    item = msgspec.convert(typed, ProblemItem)
    return msgspec.structs.replace(item, other=other) if other else item


def _fits(key: str, value: object) -> bool:
    try:
        msgspec.convert({key: value}, ProblemItem)
    except msgspec.ValidationError:
        return False
    return True


def handle_domain_error(request: Request[Any, Any, Any], error: errors.FactdeskError) -> Response[Problem]:
    extra = [error.extra] if error.extra else None
    headers = {"WWW-Authenticate": "Bearer"} if isinstance(error, errors.Unauthorized) else None
    return problem_response(
        status=status_for(error),
        code=error.code,
        title=error.title,
        detail=error.detail,
        hint=error.hint,
        instance=request.url.path,
        errors_list=extra,
        headers=headers,
    )


def handle_http_exception(request: Request[Any, Any, Any], error: HTTPException) -> Response[Problem]:
    status = error.status_code
    if isinstance(error, ValidationException) or status == 400:
        return _validation_problem(request, error)
    phrase = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "Error"
    code = phrase.lower().replace(" ", "_").replace("-", "_")
    return problem_response(
        status=status,
        code=code,
        title=phrase,
        detail=str(error.detail),
        hint=HTTP_HINTS.get(status, ""),
        instance=request.url.path,
        headers=error.headers,
    )


def _validation_problem(request: Request[Any, Any, Any], error: HTTPException) -> Response[Problem]:
    details = [item for item in (error.extra or []) if isinstance(item, dict)] if isinstance(error.extra, list) else []
    messages = [_describe(item) for item in details]
    detail = "; ".join(messages) if messages else str(error.detail)
    return problem_response(
        status=400,
        code="invalid_request",
        title="Invalid request",
        detail=detail,
        hint=HTTP_HINTS[400],
        instance=request.url.path,
        errors_list=details or None,
    )


def _describe(item: dict[str, Any]) -> str:
    message = str(item.get("message", "invalid value"))
    key, source = item.get("key"), item.get("source")
    if key and source:
        return f"{source} parameter {key!r}: {message}"
    return message


def handle_unstorable_value(request: Request[Any, Any, Any], error: DBAPIError) -> Response[Problem]:
    # A safety net: the wire types bound every value, so reaching this means a bound is missing.
    log.warning("database refused a value on %s %s: %s", request.method, request.url.path, error.orig)
    return problem_response(
        status=400,
        code="invalid_request",
        title="Invalid request",
        detail="a value in the request is outside what the database can store",
        hint="Check numbers (ids are at most 2^53-1) and texts (no NUL characters); nothing was written.",
        instance=request.url.path,
    )


def handle_unexpected(request: Request[Any, Any, Any], error: Exception) -> Response[Problem]:
    # A bug, not bad input: logged with its traceback, answered in the same problem shape.
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return problem_response(
        status=500,
        code="internal_error",
        title="Internal Server Error",
        detail="the service failed while handling this request; nothing was written",
        hint="This is a fault in factdesk, not in the request; report it with the time of the request.",
        instance=request.url.path,
    )


DEFAULT_RETRY_AFTER_SECONDS = 2


def handle_database_error(request: Request[Any, Any, Any], error: Exception) -> Response[Problem]:
    """The database is busy (SQLite's write lock past its busy timeout) or away (a connection refused,
    dropped or timed out): a 503 the client may retry, never a 500. The request's transaction was rolled
    back, so nothing of it was written."""
    if isinstance(error, DBAPIError) and _is_data_exception(error):
        return handle_unstorable_value(request, error)
    fault = database_fault(error)
    if fault is None:
        return handle_unexpected(request, error)
    retry_after = str(request.app.state.get("retry_after_seconds", DEFAULT_RETRY_AFTER_SECONDS))
    busy = fault == "busy"
    log.warning("database %s on %s %s: %s", "busy" if busy else "unavailable", request.method, request.url.path, error)
    return problem_response(
        status=503,
        code="database_busy" if busy else "database_unavailable",
        title="Service Unavailable",
        detail=(
            "the database is busy with other writes; this request waited its turn and gave up"
            if busy
            else "the database cannot be reached just now"
        ),
        hint=(
            f"Nothing was written. Retry after {retry_after} s (the Retry-After header); "
            "GET /readyz says when the database is back."
        ),
        instance=request.url.path,
        headers={"Retry-After": retry_after},
    )


def _is_data_exception(error: DBAPIError) -> bool:
    # PostgreSQL's data exceptions (SQLSTATE class 22: a value too long, a number out of range...) reach
    # SQLAlchemy from asyncpg as a plain DBAPIError, not a DataError: the SQLSTATE says what they are.
    return isinstance(error, DataError) or _sqlstate(error).startswith("22")


# What says "the database is away or busy, retry": SQLite's busy and locked codes and its I/O faults;
# PostgreSQL's connection exceptions (08), insufficient resources (53), operator intervention such as a
# shutdown or a start-up (57), and the transaction rollbacks a retry resolves (serialization, deadlock).
SQLITE_BUSY = frozenset({5, 6})  # SQLITE_BUSY, SQLITE_LOCKED
SQLITE_UNAVAILABLE = SQLITE_BUSY | {10, 14}  # SQLITE_IOERR, SQLITE_CANTOPEN
RETRYABLE_SQLSTATE_CLASSES = ("08", "53", "57")
RETRYABLE_SQLSTATES = frozenset({"40001", "40P01"})
CONNECTION_ERRORS = (ConnectionError, TimeoutError, socket.gaierror)


def database_fault(error: Exception) -> Literal["busy", "unavailable"] | None:
    """Whether an error means the database is busy or away (worth a retry), or None: a fault to report."""
    if isinstance(error, DBAPIError):
        if not _is_unavailable(error):
            return None
        return "busy" if _sqlite_code(error) in SQLITE_BUSY else "unavailable"
    if isinstance(error, (SQLAlchemyTimeoutError, *CONNECTION_ERRORS)):
        return "unavailable"
    return None  # another OSError (a missing file, a full disk) is this process's fault, not the database's


def _is_unavailable(error: DBAPIError) -> bool:
    if error.connection_invalidated:
        return True
    code = _sqlite_code(error)
    if code is not None:
        return code & 0xFF in SQLITE_UNAVAILABLE
    sqlstate = _sqlstate(error)
    if sqlstate:
        return sqlstate.startswith(RETRYABLE_SQLSTATE_CLASSES) or sqlstate in RETRYABLE_SQLSTATES
    # No code to read (a driver-level fault such as a closed connection): the connection is what failed.
    original = error.orig
    return isinstance(original, CONNECTION_ERRORS) or isinstance(
        getattr(original, "__cause__", None), CONNECTION_ERRORS
    )


def _sqlite_code(error: DBAPIError) -> int | None:
    code = getattr(error.orig, "sqlite_errorcode", None)
    return code if isinstance(code, int) else None


def _sqlstate(error: DBAPIError) -> str:
    original = error.orig
    return str(
        getattr(original, "sqlstate", None) or getattr(getattr(original, "__cause__", None), "sqlstate", None) or ""
    )


EXCEPTION_HANDLERS: dict[Any, Any] = {
    errors.FactdeskError: handle_domain_error,
    HTTPException: handle_http_exception,
    DataError: handle_unstorable_value,
    DBAPIError: handle_database_error,
    SQLAlchemyTimeoutError: handle_database_error,
    OSError: handle_database_error,
    Exception: handle_unexpected,
}

__all__ = ["EXCEPTION_HANDLERS", "PROBLEM_MEDIA_TYPE", "problem_response", "status_for"]


def problem_responses(*statuses: int) -> dict[int, ResponseSpec]:
    """OpenAPI entries for the problems an operation can answer with, all in the one Problem shape."""
    return {
        status: ResponseSpec(
            data_container=Problem,
            media_type=PROBLEM_MEDIA_TYPE,
            generate_examples=False,
            description=f"{HTTPStatus(status).phrase}: an RFC 9457 problem with a hint on how to fix the request",
        )
        for status in statuses
    }


# What each kind of operation can answer with: a bad parameter is a 400, an unusable value (a page size out
# of range, an unparseable claim) a 422; a read that names a record or a term adds 404, and 409 when a
# name is ambiguous; a write adds the key's 401/403, the stored state's 409 and the body's 413.
# Every operation may answer 503 while the database is busy or away. A listing that reads a key (the review
# queue, or the change feed when one is sent) adds 401; never 403, as a key of either role may read it.
LIST_PROBLEMS = problem_responses(400, 422, 503)
KEYED_LIST_PROBLEMS = problem_responses(400, 401, 422, 503)
READ_PROBLEMS = problem_responses(400, 404, 422, 503)
NAMED_READ_PROBLEMS = problem_responses(400, 404, 409, 422, 503)
WRITE_PROBLEMS = problem_responses(400, 401, 403, 404, 409, 413, 422, 503)
