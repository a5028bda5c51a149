"""The development corpus is well formed: every gold quote is where it says, every name is in its story's
vocabulary, every question has an expected answer of the right shape, and the corpus covers what it must."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

import pytest

from evaluation.corpus import KINDS, Story, load_corpus
from seeds.loader import read_curated

CORPUS = load_corpus()
KEY = re.compile(r"^[a-z][a-z0-9-]{0,99}$")
EXPECTED_SHAPES = {
    "value_as_of": {"value"},
    "event_size": {"value"},
    "sum": {"value"},
    "event_count": {"count"},
    "date": {"date"},
    "existence": {"exists"},
    "claim_one_figure": {"verdict"},
    "claim_several_figures": {"verdict"},
    "claim_time_range": {"verdict"},
    "claim_no_figure": {"verdict"},
    "decline_unknown_name": {"decline"},
    "decline_no_evidence": {"decline"},
    "decline_unsupported_kind": {"decline"},
}


def _stories() -> list[Story]:
    return CORPUS


@pytest.mark.parametrize("story", _stories(), ids=lambda story: story.key)
def test_every_text_is_listed_once_and_every_source_has_a_text(story: Story) -> None:
    files = sorted(path.name for path in (story.folder / "texts").iterdir())
    listed = [source.file for source in story.sources]
    assert sorted(listed) == files
    for source in story.sources:
        if source.date_used not in (None, source.stated_date):
            assert source.date_reason, f"{source.file}: an inferred date needs its reason"
        for day in (source.stated_date, source.date_used):
            if day is not None:
                dt.date.fromisoformat(day)


@pytest.mark.parametrize("story", _stories(), ids=lambda story: story.key)
def test_every_gold_quote_is_at_its_offsets_and_names_known_terms(story: Story) -> None:
    entities = {item["key"] for item in story.vocabulary["entities"]}
    metrics = {item["key"]: item for item in story.vocabulary["metrics"]}
    assert all(KEY.match(key) for key in entities | set(metrics))
    texts = {source.file: story.text(source.file) for source in story.sources}
    ids = Counter(item["id"] for item in story.assertions)
    assert [key for key, count in ids.items() if count > 1] == []
    for item in story.assertions:
        text = texts[item["source"]]
        assert text[item["quote_start"] : item["quote_end"]] == item["quote"], item["id"]
        assert item["value_text"] in item["quote"], item["id"]
        assert item["subject"] in entities, item["id"]
        assert item["metric"] in metrics, item["id"]
        assert item.get("modality", "actual") in {"actual", "pledged", "planned", "goal"}, item["id"]
    for metric in metrics.values():
        if metric.get("feeds"):
            assert metrics[metric["feeds"]]["kind"] == "stock" and metric["kind"] == "flow", metric["key"]


@pytest.mark.parametrize("story", _stories(), ids=lambda story: story.key)
def test_every_question_has_an_expected_answer_of_its_kind(story: Story) -> None:
    files = {source.file for source in story.sources}
    assert len({question.id for question in story.questions}) == len(story.questions)
    for question in story.questions:
        assert set(question.expected) >= EXPECTED_SHAPES[question.kind], question.id
        assert set(question.cite) <= files, question.id
        if question.as_of is not None:
            dt.date.fromisoformat(question.as_of)


def test_the_corpus_covers_every_kind_of_question_over_enough_stories_and_texts() -> None:
    assert len(CORPUS) >= 4
    assert {story.split for story in CORPUS} == {"dev", "test"}
    assert sum(len(story.sources) for story in CORPUS) >= 40
    questions = [question for story in CORPUS for question in story.questions]
    assert len(questions) >= 150
    counts = Counter(question.kind for question in questions)
    assert [kind for kind in KINDS if counts[kind] < 2] == []
    assert any(source.language != "en" for story in CORPUS for source in story.sources)
    assert any(source.stated_date is None for story in CORPUS for source in story.sources)
    # Every story and the seed corpus are loaded into one store together, where a key names one term.
    seeds = read_curated("vocabulary.json")
    keys = [item["key"] for kind in ("entities", "metrics") for item in seeds[kind]]
    keys += [item["key"] for story in CORPUS for kind in ("entities", "metrics") for item in story.vocabulary[kind]]
    assert [key for key, count in Counter(keys).items() if count > 1] == [], "a key names terms of two stories"
