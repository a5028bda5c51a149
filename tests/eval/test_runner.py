"""The evaluation runs a story through fresh servers over HTTP and scores it (a tiny made-up story)."""

from __future__ import annotations

from pathlib import Path

import pytest

from evaluation.corpus import load_story
from evaluation.report import format_evaluation
from evaluation.run import evaluate

pytestmark = pytest.mark.slow

TINY = Path(__file__).parent / "tiny"


async def test_a_story_is_loaded_by_a_careful_desk_and_its_questions_scored() -> None:
    story = load_story(TINY)
    evaluation = await evaluate(["B"], [story])
    [result] = evaluation.modes
    outcomes = {scored.question: scored.outcome for scored in result.own}
    assert outcomes["fleet-may"] == "right" and outcomes["fleet-claim"] == "right"
    extraction = result.extraction["tiny-ferries"]
    assert (extraction.proposed, extraction.gold) == (3, 3) and extraction.matched_gold == 3
    assert {scored.question for scored in result.together} == set(outcomes)
    table = format_evaluation(evaluation)
    assert "## Mode B" in table and "| story tiny-ferries (dev) | 4 |" in table
