"""Which database errors mean "busy or away, retry" (a 503) and which are faults to report (a 500)."""

from __future__ import annotations

import socket
from types import SimpleNamespace

import pytest
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from api.problems import database_fault


def _sqlite(code: int) -> OperationalError:
    return OperationalError("SELECT 1", {}, SimpleNamespace(sqlite_errorcode=code))  # type: ignore[arg-type]  # a stand-in driver error


def _postgres(sqlstate: str) -> DBAPIError:
    return DBAPIError("SELECT 1", {}, SimpleNamespace(sqlstate=sqlstate))  # type: ignore[arg-type]  # a stand-in driver error


@pytest.mark.parametrize(
    ("error", "fault"),
    [
        (_sqlite(5), "busy"),  # SQLITE_BUSY: the write lock past the busy timeout
        (_sqlite(6), "busy"),  # SQLITE_LOCKED
        (_sqlite(14), "unavailable"),  # SQLITE_CANTOPEN
        (_sqlite(1), None),  # SQLITE_ERROR: "no such table", a syntax error: a bug
        (_postgres("57P03"), "unavailable"),  # the database system is starting up
        (_postgres("57P01"), "unavailable"),  # terminating connection due to administrator command
        (_postgres("53300"), "unavailable"),  # too many connections
        (_postgres("08006"), "unavailable"),  # connection failure
        (_postgres("40P01"), "unavailable"),  # deadlock detected: a retry resolves it
        (_postgres("42P01"), None),  # undefined table: a bug
        (InterfaceError("SELECT 1", {}, RuntimeError("another operation is in progress")), None),
        (InterfaceError("SELECT 1", {}, ConnectionResetError()), "unavailable"),
        (PoolTimeout(), "unavailable"),
        (ConnectionRefusedError(), "unavailable"),
        (socket.gaierror(), "unavailable"),
        (FileNotFoundError(), None),
        (ValueError(), None),
    ],
)
def test_a_database_error_is_a_retry_only_when_the_database_is_busy_or_away(
    error: Exception, fault: str | None
) -> None:
    assert database_fault(error) == fault
