"""A ratchet, not a gate: the eval may not get worse than eval/baseline.json, and the docs show its figures.

Update the baseline (`factdesk eval --write`) in the same commit as a change that improves the figures.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from evaluation.ratchet import BASELINE, RESULTS, measure, read_baseline
from evaluation.report import ratchet_failures

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_the_eval_is_no_worse_than_its_committed_baseline() -> None:
    _evaluation, _text, figures = measure()
    assert BASELINE.is_file(), "commit eval/baseline.json: run `factdesk eval --write`"
    assert ratchet_failures(figures, read_baseline()) == []


def test_the_readme_quotes_the_last_table_of_the_committed_results() -> None:
    results = RESULTS.read_text(encoding="utf-8")
    last_table = results[results.rindex("## Mode") :]
    rows = [line for line in last_table.splitlines() if line.startswith(("| all |", "| dev |", "| test |"))]
    assert rows, "eval/results.md has no summary rows"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [row for row in rows if row not in readme]
    assert missing == [], "quote the last table of eval/results.md in the README"
