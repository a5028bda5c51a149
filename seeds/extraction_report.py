"""`factdesk extraction-report`: the extractor run on every seed text, scored against the curated assertions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from reasoning.evidence import Lexicon, MetricInfo, Term
from reasoning.extraction import DEFAULT_EXTRACTION_SETTINGS, ExtractionSettings, extract
from reasoning.extraction_report import CorpusReport, compare, read_curated, summarize
from reasoning.types import MetricKind
from seeds.loader import read_curated as read_seed_file
from seeds.loader import read_text


def seed_lexicon() -> Lexicon:
    """The curated vocabulary as the extractor sees it, exactly as `factdesk seed` would store it."""
    vocabulary: dict[str, Any] = read_seed_file("vocabulary.json")

    def term(item: dict[str, Any]) -> Term:
        # The store gives every term its name and its key in words as aliases too (db.vocabulary).
        return Term(
            key=item["key"],
            name=item["name"],
            aliases=(item["name"], *item.get("aliases", []), item["key"].replace("-", " ")),
        )

    return Lexicon(
        entities=tuple(term(item) for item in vocabulary["entities"]),
        metrics=tuple(term(item) for item in vocabulary["metrics"]),
        metric_info=tuple(
            MetricInfo(
                key=item["key"],
                name=item["name"],
                unit=item["unit"],
                kind=MetricKind(item["kind"]),
                feeds=item.get("feeds"),
            )
            for item in vocabulary["metrics"]
        ),
    )


def score_seeds(settings: ExtractionSettings = DEFAULT_EXTRACTION_SETTINGS) -> CorpusReport:
    lexicon = seed_lexicon()
    curated = read_seed_file("assertions.json")
    reports = []
    for source in read_seed_file("sources.json"):
        date_used = dt.date.fromisoformat(source["date_used"]) if source.get("date_used") else None
        found = extract(
            read_text(source["file"]),
            lexicon=lexicon,
            source_date=date_used,
            language=source.get("language", "en"),
            settings=settings,
        )
        expected = [read_curated(item) for item in curated if item["source"] == source["file"]]
        reports.append(compare(found.proposals, expected, name=source["file"]))
    return summarize(reports)


def format_report(report: CorpusReport) -> str:
    lines = [f"{'text':<28} {'proposed':>8} {'curated':>8} {'matched':>8} {'precision':>9} {'recall':>7}"]
    for text in report.texts:
        lines.append(
            f"{text.name:<28} {text.proposals:>8} {text.curated:>8} {text.matched:>8} "
            f"{text.precision:>9.2f} {text.recall:>7.2f}"
        )
    lines.append(
        f"{'overall':<28} {report.proposals:>8} {report.curated:>8} {report.matched:>8} "
        f"{report.precision:>9.2f} {report.recall:>7.2f}"
    )
    return "\n".join(lines)
