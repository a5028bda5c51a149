"""Renderings other than JSON (CSV, JSON-LD) and the one helper that picks a rendering from an Accept header."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Sequence

from api.reports import Timeline
from reasoning import claims
from reasoning.errors import NotAcceptable

JSON = "application/json"
# Litestar appends "; charset=utf-8" to every text/* media type it sends, so the constant names none.
CSV = "text/csv"
JSON_LD = "application/ld+json"

# What `?format=` names, for the endpoints that take it; it overrides the Accept header.
FORMATS = {"json": JSON, "csv": CSV, "jsonld": JSON_LD}

# RFC 9110 §12.4.2: a weight is 0 to 1 with at most three decimals; looser numbers are still read as numbers.
_QVALUE = re.compile(r"(?:\d+(?:\.\d*)?|\.\d+)")


def negotiate(accept_header: str | None, offered: Sequence[str], *, default: str) -> str | None:
    """The offered media type the client prefers (RFC 9110 Accept), or None when it accepts none of them.

    The most specific media range naming a type gives its weight (`text/csv` over `text/*` over `*/*`);
    `q=0` means "not acceptable". Among the types of the highest weight, the one named by the more specific
    range wins (`text/csv, */*` asks for CSV above all, though `*/*` takes JSON too), then the earlier of
    `offered`. Parameters other than `q` are ignored, and so are offered types' own parameters
    (`text/csv; header=present` is `text/csv`). A missing or empty header, or one without a single readable
    media range, accepts anything: `default` is returned.
    """
    ranges = _media_ranges(accept_header or "")
    if not ranges:
        return default
    best: str | None = None
    best_match = (0.0, 0)
    for media_type in offered:
        match = _match(_essence(media_type), ranges)
        if match is not None and match[0] > 0 and match > best_match:
            best, best_match = media_type, match
    return best


def choose(accept_header: str | None, offered: Sequence[str], *, format: str | None = None) -> str:
    """The rendering to send: the one `?format=` names, else the one the Accept header prefers among those
    offered (the first is the default). Raises NotAcceptable, a 406, when the client accepts none of them."""
    if format is not None:
        return FORMATS[format]
    chosen = negotiate(accept_header, offered, default=offered[0])
    if chosen is None:
        raise NotAcceptable(
            f"this resource is offered as {', '.join(offered)}; the Accept header {accept_header!r} takes none of them",
            hint=f"Send `Accept: {_essence(offered[0])}` (or leave Accept out), or use `?format=`.",
        )
    return chosen


def _essence(media_type: str) -> str:
    return media_type.split(";", 1)[0].strip().lower()


def _media_ranges(header: str) -> list[tuple[str, str, float]]:
    """Each media range of the header as (type, subtype, weight); elements that are not one are skipped."""
    ranges: list[tuple[str, str, float]] = []
    for element in header.split(","):
        media_range, *parameters = element.split(";")
        essence = media_range.strip().lower()
        if essence == "*":  # old clients (Java's HttpURLConnection) send a bare "*" for */*
            essence = "*/*"
        kind, slash, subtype = essence.partition("/")
        if not slash or not kind or not subtype or (kind == "*" and subtype != "*"):
            continue
        weight = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                weight = _qvalue(value.strip())
                break  # what follows q are accept extensions, which carry no weight
        ranges.append((kind, subtype, weight))
    return ranges


def _qvalue(text: str) -> float:
    # A weight that is not a number (q=high, q=-1) is read as if absent; one above 1 counts as 1.
    if not _QVALUE.fullmatch(text):
        return 1.0
    return min(float(text), 1.0)


def _match(essence: str, ranges: list[tuple[str, str, float]]) -> tuple[float, int] | None:
    """(weight, specificity) of the most specific range matching a media type, or None when none matches.

    Specificity is 2 for the exact type, 1 for `type/*`, 0 for `*/*`; of several ranges as specific, the
    heaviest counts.
    """
    kind, _, subtype = essence.partition("/")
    found: tuple[int, float] | None = None
    for range_kind, range_subtype, weight in ranges:
        if (range_kind, range_subtype) == (kind, subtype):
            specificity = 2
        elif range_kind == kind and range_subtype == "*":
            specificity = 1
        elif range_kind == "*":
            specificity = 0
        else:
            continue
        if found is None or (specificity, weight) > found:
            found = (specificity, weight)
    return None if found is None else (found[1], found[0])


# --- CSV -----------------------------------------------------------------------------------------------
def timeline_csv(timeline: Timeline) -> str:
    """One row a point; sources and quotes joined with ' | ' so a spreadsheet keeps one row per date."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "date",
            "subject",
            "metric",
            "unit",
            "low",
            "best",
            "high",
            "basis",
            "supporting_sources",
            "conflicting_sources",
            "supporting_quotes",
        ]
    )
    for point in timeline.points:
        writer.writerow(
            [
                point.date.isoformat(),
                timeline.subject,
                timeline.metric,
                timeline.unit,
                _cell(point.low),
                _cell(point.best),
                _cell(point.high),
                point.basis,
                " ".join(str(sid) for sid in sorted({c.source_id for c in point.supporting})),
                " ".join(str(sid) for sid in sorted({c.source_id for c in point.conflicting})),
                " | ".join(c.quote for c in point.supporting),
            ]
        )
    return out.getvalue()


def _cell(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)


# --- JSON-LD -------------------------------------------------------------------------------------------

# ratingValue on a 1-5 scale; an unverifiable claim gets no number, only its name, since it is no degree of truth.
_RATINGS: dict[str, tuple[int | None, str]] = {
    "supported": (5, "Supported by the sources"),
    "mixed": (3, "Mixed: credible sources disagree"),
    "contradicted": (1, "Contradicted by the sources"),
    "unverifiable": (None, "Unverifiable: no evidence in the store"),
}


def claim_review_json_ld(
    claim: claims.ParsedClaim,
    verdict: claims.Verdict,
    *,
    date_published: dt.date,
    author: str = "factdesk",
    url: str | None = None,
    claimant: str | None = None,
    claim_date: dt.date | None = None,
    parts: Sequence[tuple[claims.ClaimPart, claims.Verdict]] = (),
) -> dict[str, object]:
    """The check as schema.org ClaimReview JSON-LD (served as JSON_LD), for a newsroom to embed beside its check.

    The rating is the whole claim's verdict; a claim of several parts lists each part's verdict in the rating's
    explanation ("Part 1, “21 seats”: supported. ..."), since ClaimReview has one rating per claim.
    """
    value, name = _RATINGS[verdict.verdict]
    explanation = verdict.reason
    if len(parts) > 1:
        explanation += " " + " ".join(
            f"Part {index + 1}, “{_words_of(claim.text, part)}”: {part_verdict.verdict}. {part_verdict.reason}"
            for index, (part, part_verdict) in enumerate(parts)
        )
    number = {"ratingValue": value} if value is not None else {}
    rating = {
        "@type": "Rating",
        **number,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": name,
        "ratingExplanation": explanation,
    }
    item: dict[str, object] = {"@type": "Claim"}
    if claimant is not None:
        item["author"] = {"@type": "Organization", "name": claimant}
    if claim_date is not None:
        item["datePublished"] = claim_date.isoformat()
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        **({"url": url} if url is not None else {}),
        "claimReviewed": claim.text,
        "itemReviewed": item,
        "reviewRating": rating,
        "datePublished": date_published.isoformat(),
        "author": {"@type": "Organization", "name": author},
    }


def _words_of(text: str, part: claims.ClaimPart) -> str:
    start, end = part.value_span or part.metric_span
    return text[start:end]
