"""Scoring one response against its gold expectation: right, declined, or confidently wrong.

A refusal (a 4xx problem), an answer with no value, or an `unverifiable` verdict is a decline. Anything
else the service states is judged: it is right when it is the expected answer of the expected kind, and
confidently wrong otherwise, including a figure given for a question that asked for a date, a count or a
yes or no (the service answered a different question). Where only a refusal is right, any answer is wrong.
"""

from __future__ import annotations

from typing import Any, Literal

import msgspec

from evaluation.corpus import DECLINE_KINDS, Question

Outcome = Literal["right", "declined", "wrong"]
# A refusal that is a right answer: the name is unknown (404), ambiguous (409), or not understood (422).
REFUSALS = frozenset({404, 409, 422})


class Scored(msgspec.Struct, frozen=True, kw_only=True):
    question: str
    story: str
    kind: str
    outcome: Outcome
    cites_gold: bool | None  # for a right answer that must cite sources: whether it cites them all
    said: str  # what the service answered, in a few words, for the report


def score(question: Question, story: str, status: int, body: dict[str, Any], source_ids: dict[str, int]) -> Scored:
    outcome, said = _judge(question, status, body)
    cites = None
    if outcome == "right" and question.cite:
        cited = _cited_sources(body)
        cites = all(source_ids.get(file) in cited for file in question.cite)
    return Scored(question=question.id, story=story, kind=question.kind, outcome=outcome, cites_gold=cites, said=said)


def _judge(question: Question, status: int, body: dict[str, Any]) -> tuple[Outcome, str]:
    if status >= 500:
        return "wrong", f"server error {status}"
    if status >= 400:
        # Any other 4xx (a malformed request, a missing key) is the eval's own fault, never a right refusal.
        refusal: Outcome = "right" if question.kind in DECLINE_KINDS and status in REFUSALS else "declined"
        return refusal, f"{status} {body.get('code', '')}: {str(body.get('detail', ''))[:200]}".strip(": ")
    verdict = body.get("verdict")
    if verdict is not None and question.expected.get("verdict") == verdict:
        return "right", f"verdict {verdict}"  # including an expected `unverifiable`
    stated = _stated(body)
    if stated is None:
        why = str((body.get("answer") or {}).get("explanation") or body.get("explanation") or "")[:200]
        return ("right" if question.kind in DECLINE_KINDS else "declined"), f"no value: {why}" if why else "no value"
    if question.kind in DECLINE_KINDS:
        return "wrong", f"answered {stated_text(stated)}"
    return ("right" if _matches(question.expected, stated) else "wrong"), stated_text(stated)


def _stated(body: dict[str, Any]) -> dict[str, Any] | None:
    """What the service committed to: a verdict, a date, a count, a yes or no, or a value; None if nothing."""
    if "verdict" in body:
        return None if body["verdict"] == "unverifiable" else {"verdict": body["verdict"]}
    answer = body.get("answer") or {}
    for field in ("date", "count", "exists"):
        if answer.get(field) is not None:
            return {field: answer[field]}
    if answer.get("best") is not None:
        return {"value": answer["best"], "low": answer.get("low"), "high": answer.get("high")}
    return None


def _matches(expected: dict[str, Any], stated: dict[str, Any]) -> bool:
    if "verdict" in expected:
        return bool(stated.get("verdict") == expected["verdict"])
    for field in ("date", "count", "exists"):
        if field in expected:
            return bool(stated.get(field) == expected[field])
    if "value" not in stated:
        return False
    # The gold value exactly, unless the gold gives the range a right answer may fall in.
    value = float(stated["value"])
    return bool(expected.get("low", expected["value"]) <= value <= expected.get("high", expected["value"]))


def stated_text(stated: dict[str, Any]) -> str:
    return ", ".join(f"{key} {value}" for key, value in stated.items() if value is not None)


def _cited_sources(body: dict[str, Any]) -> set[int]:
    answer = body.get("answer") or {}
    citations = [*answer.get("supporting", []), *answer.get("conflicting", []), *body.get("supporting", [])]
    return {citation["source_id"] for citation in citations if "source_id" in citation}
