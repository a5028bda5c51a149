"""The seed corpus: texts byte for byte, every curated quote at its offsets, loading twice changes nothing."""

from __future__ import annotations

import hashlib
import json

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from operations.settings import Settings
from seeds.loader import CURATED, TEXTS, load_seeds, read_curated, read_text

ASSERTIONS = read_curated("assertions.json")


def test_seed_texts_are_byte_for_byte_the_ones_recorded() -> None:
    recorded = dict(reversed(line.split("  ")) for line in (TEXTS / "SHA256SUMS").read_text().splitlines())
    assert len(recorded) == 5
    for name, digest in recorded.items():
        assert hashlib.sha256((TEXTS / name).read_bytes()).hexdigest() == digest, name


@pytest.mark.parametrize("item", ASSERTIONS, ids=[item["id"] for item in ASSERTIONS])
def test_every_curated_quote_matches_its_text_at_its_offsets(item: dict[str, object]) -> None:
    text = read_text(str(item["source"]))
    start, end = item["quote_start"], item["quote_end"]
    assert isinstance(start, int) and isinstance(end, int)
    assert text[start:end] == item["quote"]
    assert str(item["value_text"]) in str(item["quote"])


def test_every_curated_assertion_names_known_vocabulary_and_sources() -> None:
    vocabulary = json.loads((CURATED / "vocabulary.json").read_text())
    entities = {entity["key"] for entity in vocabulary["entities"]}
    metrics = {metric["key"] for metric in vocabulary["metrics"]}
    files = {source["file"] for source in read_curated("sources.json")}
    for item in ASSERTIONS:
        assert item["subject"] in entities, item["id"]
        assert item["metric"] in metrics, item["id"]
        assert item["source"] in files, item["id"]
    assert len({item["id"] for item in ASSERTIONS}) == len(ASSERTIONS)


# What EDITOR_NOTES.md lists as mattering: (source file prefix, subject, metric, modality, value as written).
EDITOR_FIGURES = [
    ("000", "kenyan-police-contingent", "personnel-arrivals", "actual", "217"),
    ("003", "kenyan-police-contingent", "personnel-arrivals", "actual", "217"),
    ("003", "kenyan-police-contingent", "personnel-arrivals", "actual", "200"),
    ("001", "kenyan-police-contingent", "personnel-arrivals", "actual", "144"),
    ("004", "kenyan-police-contingent", "personnel", "actual", "400"),
    ("002", "kenyan-police-contingent", "personnel", "actual", "nearly 400"),
    ("002", "mss-mission", "personnel", "actual", "about 430"),
    ("000", "kenyan-police-contingent", "personnel", "actual", "400"),
    ("003", "kenyan-police-contingent", "personnel", "actual", "over 600"),
    ("001", "kenyan-police-contingent", "personnel-arrivals", "actual", "400"),
    ("001", "kenyan-police-contingent", "personnel-arrivals", "actual", "over 200"),
    ("001", "kenyan-police-contingent", "personnel", "actual", "around 1,000"),
    ("000", "kenyan-police-contingent", "personnel", "pledged", "1,000"),
    ("003", "kenyan-police-contingent", "personnel", "pledged", "1,000"),
    ("004", "kenyan-police-contingent", "personnel", "pledged", "around 1,000"),
    ("002", "mss-mission", "personnel", "pledged", "around 2,900"),
    ("000", "mss-mission", "personnel", "pledged", "over 3,100"),
    ("003", "mss-mission", "personnel", "pledged", "over 3,100"),
    ("004", "mss-mission", "personnel", "goal", "2,500"),
    ("000", "haiti", "people-killed", "actual", "More than 5,600"),
    ("001", "haiti", "people-killed", "actual", "at least 5,601"),
    ("001", "haiti", "people-killed-increase", "actual", "a thousand more than in 2023"),
    ("002", "haiti", "people-displaced", "actual", "over 700,000"),
    ("004", "haiti", "people-displaced", "actual", "over 700,000"),
    ("000", "haiti", "people-displaced", "actual", "more than a million"),
    ("001", "haiti", "people-displaced", "actual", "over a million"),
    ("003", "haiti", "people-displaced", "actual", "over one million"),
    ("000", "port-au-prince", "gang-control-share", "actual", "more than 80 percent"),
    ("004", "port-au-prince", "gang-control-share", "actual", "an estimated 80%"),
    ("004", "haitian-national-police", "personnel", "actual", "about 5,000"),
    ("004", "haiti", "population", "actual", "over 11 million"),
    ("002", "gran-grif-gang", "people-killed", "actual", "at least 115"),
    ("001", "kenscoff", "people-killed", "actual", "at least 150"),
    ("000", "kenyan-police-contingent", "resignation-letters", "actual", "nearly 20"),
    ("003", "kenyan-police-contingent", "resignation-letters", "actual", "nearly 20"),
]


@pytest.mark.parametrize("figure", EDITOR_FIGURES, ids=["-".join(figure) for figure in EDITOR_FIGURES])
def test_every_figure_the_editor_lists_is_a_curated_assertion(figure: tuple[str, str, str, str, str]) -> None:
    prefix, subject, metric, modality, value_text = figure
    matches = [
        item
        for item in ASSERTIONS
        if str(item["source"]).startswith(prefix)
        and item["subject"] == subject
        and item["metric"] == metric
        and item.get("modality", "actual") == modality
        and item["value_text"] == value_text
    ]
    assert matches, figure


def test_the_resignation_denials_are_recorded_as_zero_by_the_mss() -> None:
    denials = [item for item in ASSERTIONS if item["metric"] == "resignation-letters" and item.get("interval")]
    assert {str(item["source"])[:3] for item in denials} == {"000", "003"}
    assert all(item["interval"]["best"] == 0 and "MSS" in str(item["claimant"]) for item in denials)


async def _counts(session: AsyncSession) -> dict[str, int]:
    tables = ("sources", "entities", "metrics", "assertions", "entity_aliases", "metric_aliases", "changes")
    return {table: int(await session.scalar(sa.text(f"SELECT count(*) FROM {table}")) or 0) for table in tables}


async def test_loading_the_seeds_twice_changes_nothing(session: AsyncSession) -> None:
    first = await load_seeds(session, Settings())
    after_first = await _counts(session)
    second = await load_seeds(session, Settings())
    assert await _counts(session) == after_first
    assert first.created["assertions"] == len(ASSERTIONS)
    assert second.created == dict.fromkeys(second.created, 0)
    assert after_first["sources"] == 5


async def test_seeded_assertions_are_accepted_with_inferred_dates_kept_as_inferred(session: AsyncSession) -> None:
    await load_seeds(session, Settings())
    statuses = set(await session.scalars(sa.text("SELECT DISTINCT status FROM assertions")))
    assert statuses == {"accepted"}
    rows = (
        await session.execute(
            sa.text("SELECT stated_date, date_used, date_basis, date_reason FROM sources ORDER BY id")
        )
    ).all()
    bases = [row.date_basis for row in rows]
    assert bases == ["stated", "inferred", "inferred", "inferred", "inferred"]
    assert all(row.date_reason for row in rows if row.date_basis == "inferred")


async def test_the_two_texts_that_repeat_one_wire_story_share_an_origin(session: AsyncSession) -> None:
    await load_seeds(session, Settings())
    rows = (await session.execute(sa.text("SELECT content_hash, origin FROM sources"))).all()
    digests = {
        hashlib.sha256(read_text(source["file"]).encode()).hexdigest(): source["file"][:3]
        for source in read_curated("sources.json")
    }
    origins = {digests[row.content_hash]: row.origin for row in rows}
    assert origins["000"] is not None and origins["000"] == origins["003"]
    assert origins["001"] is None and origins["002"] is None and origins["004"] is None
    links = int(await session.scalar(sa.text("SELECT count(*) FROM source_links")) or 0)
    assert links == 1
