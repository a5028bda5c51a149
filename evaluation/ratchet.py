"""The committed figures: eval/results.md (the tables) and eval/baseline.json (what the ratchet holds)."""

from __future__ import annotations

import json
from typing import Any

from evaluation.corpus import EVAL
from evaluation.loading import Mode
from evaluation.report import baseline_of, format_evaluation
from evaluation.run import Evaluation, run

RESULTS = EVAL / "results.md"
BASELINE = EVAL / "baseline.json"
ALL_MODES: list[Mode] = ["A", "B", "C"]


def measure(modes: list[Mode] | None = None) -> tuple[Evaluation, str, dict[str, Any]]:
    evaluation = run(modes or ALL_MODES)
    return evaluation, format_evaluation(evaluation), baseline_of(evaluation)


def read_baseline() -> dict[str, Any]:
    if not BASELINE.is_file():
        return {}
    loaded: dict[str, Any] = json.loads(BASELINE.read_text(encoding="utf-8"))
    return loaded


def write_results(text: str, figures: dict[str, Any]) -> None:
    RESULTS.write_text(text, encoding="utf-8")
    BASELINE.write_text(json.dumps(figures, indent=2, sort_keys=True) + "\n", encoding="utf-8")
