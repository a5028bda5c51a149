"""Migration 0005 narrows the stored band of round figures of three significant digits or more, and only theirs."""

from __future__ import annotations

import asyncio
import datetime as dt
import json

import pytest
import sqlalchemy as sa

from db import migrate
from db.engine import create_engine
from tests.db.test_date_evidence_migration import scratch_database

NOW = dt.datetime(2031, 3, 2)
# value text, low, best, high, rule as stored before 0005
ROWS = [
    ("12,300", 11070.0, 12300.0, 13530.0, "round_figure"),  # read with the default settings: narrowed
    ("2,500", 2250.0, 2500.0, 2750.0, "round_figure"),  # a bare round figure: kept
    ("12,300", 12000.0, 12300.0, 12600.0, "round_figure"),  # read with other settings: kept
    ("12,300", 11000.0, 12300.0, 13000.0, "editor"),  # an editor's band: kept
    ("a dozen", 10.8, 12.0, 13.2, "round_figure"),  # loose words: kept
]


async def test_round_figures_of_three_digits_stored_before_0005_are_read_again_and_back(
    database_url: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    async with scratch_database(database_url, tmp_path_factory.mktemp("migration")) as url:
        await asyncio.to_thread(migrate.upgrade, url, "0004")
        engine = create_engine(url, poolclass=sa.pool.NullPool)
        try:
            async with engine.begin() as connection:
                await connection.execute(
                    sa.text(
                        "INSERT INTO sources (content_hash, language, text, stated_date, date_basis, flags, "
                        "recorded_at) VALUES (:hash, 'en', 'Figures.', NULL, 'unknown', '[]', :now)"
                    ),
                    {"hash": "0" * 64, "now": NOW},
                )
                for value_text, low, best, high, rule in ROWS:
                    await connection.execute(
                        sa.text(
                            "INSERT INTO assertions (source_id, value_text, low, best, high, value_rule, modality, "
                            "time_precision, time_rule, quote, quote_start, quote_end, status, recorded_at) "
                            "VALUES (1, :text, :low, :best, :high, :rule, 'actual', 'day', 'editor', 'Figures.', "
                            "0, 8, 'accepted', :now)"
                        ),
                        {"text": value_text, "low": low, "best": best, "high": high, "rule": rule, "now": NOW},
                    )
            await asyncio.to_thread(migrate.upgrade, url)
            upgraded = await _bands(engine)
            logged = await _changes(engine)
            await asyncio.to_thread(migrate.downgrade, url, "0004")
            downgraded = await _bands(engine)
            logged_back = await _changes(engine)
        finally:
            await engine.dispose()
    assert upgraded == [(12200.0, 12400.0), *((low, high) for _, low, _, high, _ in ROWS[1:])]
    assert downgraded == [(low, high) for _, low, _, high, _ in ROWS]
    # the change log says so, so that a mirror replaying it follows: once up, once back
    assert [(action, object_id, actor) for action, object_id, actor, _ in logged] == [
        ("assertion.reread", 1, "migration:0005")
    ]
    data = json.loads(logged[0][3]) if isinstance(logged[0][3], str) else logged[0][3]
    assert data == {
        "before": {"low": 11070.0, "high": 13530.0},
        "after": {"low": 12200.0, "high": 12400.0},
        "reason": "a round figure of three significant digits or more stands for one unit of its last digit",
    }
    assert [object_id for _, object_id, _, _ in logged_back] == [1, 1]


async def _changes(engine: sa.ext.asyncio.AsyncEngine) -> list[tuple[str, int, str, object]]:
    async with engine.connect() as connection:
        rows = (
            await connection.execute(sa.text("SELECT action, object_id, actor, data FROM changes ORDER BY id"))
        ).all()
    return [(action, int(object_id), actor, data) for action, object_id, actor, data in rows]


async def _bands(engine: sa.ext.asyncio.AsyncEngine) -> list[tuple[float, float]]:
    async with engine.connect() as connection:
        rows = (await connection.execute(sa.text("SELECT low, high FROM assertions ORDER BY id"))).all()
    return [(float(low), float(high)) for low, high in rows]
