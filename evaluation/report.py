"""The evaluation as tables: one per mode, overall, by split, by question kind and by story; the ratchet."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from evaluation.corpus import KINDS
from evaluation.loading import MODES, Extraction
from evaluation.run import Evaluation, ModeResult
from evaluation.scoring import Scored

COMMAND = ".venv/bin/factdesk eval"


def format_evaluation(evaluation: Evaluation) -> str:
    splits = {story.key: story.split for story in evaluation.stories}
    lines = [
        "# factdesk eval",
        "",
        f"Measured by `{COMMAND}` on {dt.date.today().isoformat()}: {len(evaluation.stories)} stories "
        f"({', '.join(f'{s.key} ({s.split})' for s in evaluation.stories)}), "
        f"{sum(len(s.sources) for s in evaluation.stories)} texts, "
        f"{sum(len(s.questions) for s in evaluation.stories)} gold questions and claims. "
        "Tune on dev, report test. A decline is a refusal, no value, or `unverifiable`; confidently wrong is any "
        "other answer that is not the gold one (including a figure for a question that asked a date, a count "
        "or a yes or no).",
    ]
    for result in evaluation.modes:
        lines += ["", *format_mode(result, splits)]
    return "\n".join(lines) + "\n"


def format_details(evaluation: Evaluation) -> str:
    """Every result that was not right, each story in its own store: for finding what to fix, never for tuning
    on the test split."""
    texts = {(story.key, q.id): q.text for story in evaluation.stories for q in story.questions}
    lines: list[str] = []
    for result in evaluation.modes:
        lines += ["", f"## Mode {result.mode}: answers that were not right", ""]
        lines += ["| outcome | story | kind | question | said |", "|---|---|---|---|---|"]
        for scored in sorted(result.own, key=lambda s: (s.outcome, s.story, s.kind, s.question)):
            if scored.outcome != "right":
                text = texts.get((scored.story, scored.question), scored.question).replace("|", "\\|")
                said = scored.said.replace("|", "\\|")
                lines.append(f"| {scored.outcome} | {scored.story} | {scored.kind} | {text} | {said} |")
    return "\n".join(lines) + "\n"


def format_mode(result: ModeResult, splits: Mapping[str, str]) -> list[str]:
    lines = [f"## Mode {result.mode}: {MODES[result.mode]}", ""]
    if result.extraction:
        lines += [
            "| extraction | proposed | gold | matched proposals | matched gold | precision | recall |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        for split in ("dev", "test", None):
            total = Extraction()
            for key, extraction in result.extraction.items():
                if split is None or splits[key] == split:
                    total.add(extraction)
            name = split or "all"
            lines.append(
                f"| {name} | {total.proposed} | {total.gold} | {total.matched_proposals} | {total.matched_gold} "
                f"| {total.precision:.2f} | {total.recall:.2f} |"
            )
        lines.append("")
    lines += [
        "| questions (each story in its own store) | asked | right | declined | confidently wrong "
        "| right and citing gold |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    own = result.own
    rows: list[tuple[str, list[Scored]]] = [("all", own)]
    rows += [(split, [s for s in own if splits[s.story] == split]) for split in ("dev", "test")]
    rows += [(f"kind `{kind}`", [s for s in own if s.kind == kind]) for kind in KINDS]
    rows += [(f"story {key} ({split})", [s for s in own if s.story == key]) for key, split in splits.items()]
    lines += [_row(name, scored) for name, scored in rows if scored]
    lines += ["", _row_together(result)]
    if result.refused:
        count = sum(len(ids) for ids in result.refused.values())
        shown = "; ".join(
            f"{key}: {', '.join(ids[:6])}{' …' if len(ids) > 6 else ''}" for key, ids in result.refused.items()
        )
        lines += ["", f"Gold assertions the service refused to record ({count}): {shown}."]
    return lines


def _row(name: str, scored: list[Scored]) -> str:
    counts = tally(scored)
    cited = [s for s in scored if s.cites_gold is not None]
    citing = f"{sum(1 for s in cited if s.cites_gold)}/{len(cited)}" if cited else "–"
    asked = len(scored)
    return (
        f"| {name} | {asked} | {counts['right']} ({_share(counts['right'], asked)}) | {counts['declined']} "
        f"| {counts['wrong']} ({_share(counts['wrong'], asked)}) | {citing} |"
    )


def _row_together(result: ModeResult) -> str:
    counts = tally(result.together)
    own = {(s.story, s.question): s.outcome for s in result.own}
    differing = [s for s in result.together if own.get((s.story, s.question)) != s.outcome]
    text = (
        f"Every story and the seed corpus in one store: {counts['right']} right, {counts['declined']} declined, "
        f"{counts['wrong']} confidently wrong; {len(differing)} of {len(result.together)} results differ from "
        "the story's own store"
    )
    if differing:
        shown = ", ".join(
            f"{s.story}/{s.question} ({own.get((s.story, s.question))} → {s.outcome})" for s in differing[:12]
        )
        text += f": {shown}" + (" …" if len(differing) > 12 else "")
    return text + "."


def tally(scored: Iterable[Scored]) -> dict[str, int]:
    counts = {"right": 0, "declined": 0, "wrong": 0}
    for item in scored:
        counts[item.outcome] += 1
    return counts


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "–"


def baseline_of(evaluation: Evaluation) -> dict[str, Any]:
    """The figures the ratchet holds: right and confidently wrong per mode, split and store."""
    splits = {story.key: story.split for story in evaluation.stories}
    figures: dict[str, Any] = {}
    for result in evaluation.modes:
        for scope, scored in (("own", result.own), ("together", result.together)):
            for split in ("dev", "test"):
                counts = tally(s for s in scored if splits[s.story] == split)
                figures[f"{result.mode}/{scope}/{split}"] = {"right": counts["right"], "wrong": counts["wrong"]}
    return figures


def ratchet_failures(current: dict[str, Any], baseline: dict[str, Any]) -> list[str]:
    """Where a change lowered "right" or raised "confidently wrong" against the committed baseline."""
    failures = []
    for cell, before in baseline.items():
        now = current.get(cell)
        if now is None:
            failures.append(f"{cell}: no longer measured")
            continue
        if now["right"] < before["right"]:
            failures.append(f"{cell}: right fell from {before['right']} to {now['right']}")
        if now["wrong"] > before["wrong"]:
            failures.append(f"{cell}: confidently wrong rose from {before['wrong']} to {now['wrong']}")
    return failures
