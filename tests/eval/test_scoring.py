"""Scoring a response: right, declined or confidently wrong, whatever the kind of question."""

from __future__ import annotations

from typing import Any

import pytest

from evaluation.corpus import Question
from evaluation.scoring import score

SOURCES = {"01.txt": 1, "02.txt": 2}


def _question(kind: str, expected: dict[str, Any], cite: list[str] | None = None) -> Question:
    return Question(id="q", kind=kind, text="How many?", expected=expected, cite=cite or [])  # type: ignore[arg-type]  # kind is checked by the corpus test


def _answer(best: float | None, **extra: Any) -> dict[str, Any]:
    return {"answer": {"best": best, "low": best, "high": best, "supporting": [{"source_id": 1}], **extra}}


@pytest.mark.parametrize(
    ("kind", "expected", "status", "body", "outcome"),
    [
        ("value_as_of", {"value": 617}, 200, _answer(617), "right"),
        ("value_as_of", {"value": 617}, 200, _answer(620), "wrong"),  # not the gold figure, however close
        ("value_as_of", {"value": 617}, 200, _answer(761), "wrong"),
        ("value_as_of", {"value": 617, "low": 600, "high": 700}, 200, _answer(690), "right"),
        ("value_as_of", {"value": 617}, 200, _answer(None), "declined"),
        ("value_as_of", {"value": 617}, 422, {"code": "unknown_term"}, "declined"),
        ("value_as_of", {"value": 617}, 500, {"code": "internal_error"}, "wrong"),
        ("date", {"date": "2031-05-12"}, 200, _answer(42), "wrong"),  # a figure for a "when" question
        ("date", {"date": "2031-05-12"}, 200, _answer(None, date="2031-05-12"), "right"),
        ("event_count", {"count": 3}, 200, _answer(None, count=3), "right"),
        ("event_count", {"count": 3}, 200, _answer(None, count=4), "wrong"),
        ("existence", {"exists": False}, 200, _answer(None, exists=False), "right"),
        ("claim_one_figure", {"verdict": "supported"}, 200, {"verdict": "supported"}, "right"),
        ("claim_one_figure", {"verdict": "supported"}, 200, {"verdict": "contradicted"}, "wrong"),
        ("claim_one_figure", {"verdict": "supported"}, 200, {"verdict": "unverifiable"}, "declined"),
        ("claim_one_figure", {"verdict": "unverifiable"}, 200, {"verdict": "unverifiable"}, "right"),
        ("claim_one_figure", {"verdict": "unverifiable"}, 200, {"verdict": "supported"}, "wrong"),
        ("decline_unknown_name", {"decline": True}, 422, {"code": "unknown_term"}, "right"),
        ("decline_no_evidence", {"decline": True}, 200, _answer(None), "right"),
        ("decline_no_evidence", {"decline": True}, 200, {"verdict": "unverifiable"}, "right"),
        ("decline_unknown_name", {"decline": True}, 200, _answer(30), "wrong"),  # another subject's figure
    ],
)
def test_a_response_is_scored_by_what_it_commits_to(
    kind: str, expected: dict[str, Any], status: int, body: dict[str, Any], outcome: str
) -> None:
    assert score(_question(kind, expected), "story", status, body, SOURCES).outcome == outcome


def test_a_right_answer_cites_gold_only_when_it_cites_every_named_source() -> None:
    question = _question("value_as_of", {"value": 617}, cite=["01.txt"])
    assert score(question, "story", 200, _answer(617), SOURCES).cites_gold is True
    both = _question("value_as_of", {"value": 617}, cite=["01.txt", "02.txt"])
    assert score(both, "story", 200, _answer(617), SOURCES).cites_gold is False
    assert score(both, "story", 200, _answer(700), SOURCES).cites_gold is None  # wrong: not counted
