"""Which statements a request runs, where in the code they come from, and their query plans.

A plan line that reads a whole table or a whole index (SQLite `SCAN`, PostgreSQL `Seq Scan` or an index
scan without a condition) costs time in proportion to the table; an indexed lookup (`SEARCH`,
`Index Cond`) does not.
"""

from __future__ import annotations

import re
import time
import traceback
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import greenlet  # type: ignore[import-untyped]  # greenlet ships no type hints; types-greenlet is not a dependency
import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

REPO = Path(__file__).resolve().parent.parent
# The code a statement is attributed to: the innermost frame in these folders.
_OWN_CODE = tuple(str(REPO / folder) + "/" for folder in ("db", "api", "reasoning", "seeds"))
_TABLE = re.compile(
    r"(?:SCAN|SEARCH)\s+(\w+)|(?:Seq Scan|Index Scan|Index Only Scan|Bitmap Heap Scan)(?: using \w+)? on (\w+)"
)


class Statement(msgspec.Struct, kw_only=True):
    sql: str
    parameters: Any
    seconds: float
    origin: str  # "db/evidence.py:evidence_for", the innermost factdesk function that ran it


class QueryLog:
    """Listens to an engine; while `recording()`, keeps each statement, its parameters and its time.

    With `where=True` it also notes which factdesk function sent each statement (costly: only in the
    attribution and plan passes, never while timing).
    """

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self.statements: list[Statement] = []
        self._active = False
        self._where = False
        self._started: list[float] = []
        sa.event.listen(engine.sync_engine, "before_cursor_execute", self._before)
        sa.event.listen(engine.sync_engine, "after_cursor_execute", self._after)

    def close(self) -> None:
        sa.event.remove(self.engine.sync_engine, "before_cursor_execute", self._before)
        sa.event.remove(self.engine.sync_engine, "after_cursor_execute", self._after)

    @contextmanager
    def recording(self, *, where: bool = False) -> Iterator[list[Statement]]:
        self.statements = []
        self._active, self._where = True, where
        try:
            yield self.statements
        finally:
            self._active = self._where = False

    def _before(self, _conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool) -> None:
        if self._active:
            origin = _origin() if self._where else ""
            self.statements.append(Statement(sql=statement, parameters=parameters, seconds=0.0, origin=origin))
            self._started.append(time.perf_counter())

    def _after(self, _conn: Any, _cursor: Any, _statement: str, _parameters: Any, _context: Any, _many: bool) -> None:
        if self._active and self._started:
            self.statements[-1].seconds = time.perf_counter() - self._started.pop()


def _origin() -> str:
    # SQLAlchemy's asyncio layer runs the driver call in a greenlet whose stack ends at its spawn point;
    # the caller's frames are on the parent greenlet, suspended while the child runs.
    stack: list[traceback.FrameSummary] = traceback.extract_stack()
    parent = greenlet.getcurrent().parent
    if parent is not None and parent.gr_frame is not None:
        stack = traceback.extract_stack(parent.gr_frame) + stack
    for frame in reversed(stack):
        if frame.filename.startswith(_OWN_CODE):
            return f"{Path(frame.filename).relative_to(REPO)}:{frame.name}"
    return "?"


class Plan(msgspec.Struct, kw_only=True):
    statement: Statement
    lines: list[str]
    scans: list[str]  # the lines that read a whole table or index of one of the growing tables


async def explain(engine: AsyncEngine, statement: Statement, *, growing: frozenset[str]) -> Plan:
    """The plan of one captured statement, run with the very parameters the request used."""
    async with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            rows = (await connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement.sql, statement.parameters)).all()
            lines = _sqlite_tree(rows)
        else:
            # ANALYZE runs the statement (a read) to show the rows each node really touched.
            sql = "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) " + statement.sql
            lines = [row[0] for row in (await connection.exec_driver_sql(sql, statement.parameters)).all()]
        await connection.rollback()
    return Plan(statement=statement, lines=lines, scans=_scans(lines, growing))


def _sqlite_tree(rows: Sequence[Sequence[Any]]) -> list[str]:
    depth: dict[int, int] = {0: -1}
    lines = []
    for node, parent, _unused, detail in rows:
        depth[node] = depth.get(parent, -1) + 1
        lines.append("  " * depth[node] + detail)
    return lines


def _scans(lines: list[str], growing: frozenset[str]) -> list[str]:
    """Plan lines that read all of a growing table or all of one of its indexes."""
    found = []
    for number, line in enumerate(lines):
        match = _TABLE.search(line)
        if match is None or (match.group(1) or match.group(2)) not in growing:
            continue
        text = line.strip().removeprefix("->").strip()
        if text.startswith("SCAN ") or text.startswith("Seq Scan"):
            found.append(line)
        elif text.startswith(("Index Scan", "Index Only Scan")) and not _has_condition(lines, number):
            found.append(line)  # PostgreSQL walks the whole index (for its order) when no condition bounds it
    return found


def _has_condition(lines: list[str], number: int) -> bool:
    indent = len(lines[number]) - len(lines[number].lstrip())
    for line in lines[number + 1 :]:
        if "->" in line or len(line) - len(line.lstrip()) <= indent:
            return False
        if "Index Cond" in line:
            return True
    return False


def scanned_tables(plan: Plan, *, every_line: bool = False) -> set[str]:
    """The tables its scans read (or, with `every_line`, every table the plan reads)."""
    lines = plan.lines if every_line else plan.scans
    return {m.group(1) or m.group(2) for line in lines if (m := _TABLE.search(line))}


async def table_sizes(engine: AsyncEngine, tables: frozenset[str]) -> dict[str, int]:
    async with engine.connect() as connection:
        return {
            table: int(await connection.scalar(sa.text(f"SELECT count(*) FROM {table}")) or 0)
            for table in sorted(tables)
        }
