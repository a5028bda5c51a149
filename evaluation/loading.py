"""Loading a story into a fresh store through the HTTP API, the way a desk in each mode would."""

from __future__ import annotations

from typing import Any, Literal

import httpx
import msgspec

from evaluation.corpus import Story
from evaluation.server import Desk
from reasoning.errors import FactdeskError
from reasoning.figures import parse_figure

Mode = Literal["A", "B", "C"]
MODES: dict[Mode, str] = {
    "A": "the hurried desk: extraction on, every proposal accepted",
    "B": "the careful desk: extraction on, only the proposals that match gold accepted",
    "C": "gold assertions loaded directly: the reasoning alone",
}


class Extraction(msgspec.Struct, kw_only=True):
    """How the extractor did on a story: its proposals against the gold assertions."""

    proposed: int = 0
    gold: int = 0
    matched_proposals: int = 0
    matched_gold: int = 0

    def add(self, other: Extraction) -> None:
        self.proposed += other.proposed
        self.gold += other.gold
        self.matched_proposals += other.matched_proposals
        self.matched_gold += other.matched_gold

    @property
    def precision(self) -> float:
        return self.matched_proposals / self.proposed if self.proposed else 0.0

    @property
    def recall(self) -> float:
        return self.matched_gold / self.gold if self.gold else 0.0


class Loaded(msgspec.Struct, kw_only=True):
    source_ids: dict[str, int]  # source file -> id in this store
    extraction: Extraction | None
    refused: list[str] = []  # gold assertions the service would not record (mode C), by id, with why


async def load_story(desk: Desk, story: Story, mode: Mode) -> Loaded:
    await _vocabulary(desk, story)
    extract = mode in ("A", "B")
    source_ids: dict[str, int] = {}
    proposals: list[dict[str, Any]] = []
    for source in story.sources:
        body = {
            "text": story.text(source.file),
            "title": source.title,
            "publisher": source.publisher,
            "url": source.url,
            "language": source.language,
            "stated_date": source.stated_date,
            "date_used": source.date_used,
            "date_reason": source.date_reason,
            "extract": extract,
        }
        response = await _ok(desk.client.post("/v1/sources", headers=desk.editor, json=_without_none(body)))
        source_ids[source.file] = int(response["id"])
        if extract and response.get("extraction"):
            proposals += [
                await _ok(desk.client.get(f"/v1/assertions/{i}")) for i in response["extraction"]["assertion_ids"]
            ]
    if mode == "C":
        refused = await _record_gold(desk, story, source_ids)
        return Loaded(source_ids=source_ids, extraction=None, refused=refused)
    files = {number: file for file, number in source_ids.items()}
    extraction, matched = _match(story, proposals, files)
    for proposal in proposals:
        accept = mode == "A" or proposal["id"] in matched
        decision = {"decision": "accept" if accept else "reject"}
        # A proposal whose subject or metric is unresolved cannot be accepted: the desk skips it.
        await desk.client.post(f"/v1/assertions/{proposal['id']}/review", headers=desk.reviewer, json=decision)
    return Loaded(source_ids=source_ids, extraction=extraction)


async def _vocabulary(desk: Desk, story: Story) -> None:
    for entity in story.vocabulary["entities"]:
        await _ok(
            desk.client.post(
                "/v1/entities",
                headers=desk.editor,
                json=_term(entity, ("key", "name", "kind", "description", "aliases")),
            )
        )
    # Stocks before flows: a flow names the stock it feeds.
    for metric in sorted(story.vocabulary["metrics"], key=lambda item: item.get("feeds") is not None):
        fields = ("key", "name", "unit", "kind", "feeds", "description", "aliases")
        await _ok(desk.client.post("/v1/metrics", headers=desk.editor, json=_term(metric, fields)))


def _term(item: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    return _without_none({field: item.get(field) for field in fields})


async def _record_gold(desk: Desk, story: Story, source_ids: dict[str, int]) -> list[str]:
    """Record and accept every gold assertion; the ones the service refuses are reported, not fatal."""
    drafts = []
    for item in story.assertions:
        time = item.get("time") or {}
        interval = item.get("interval")
        draft: dict[str, Any] = {
            "source_id": source_ids[item["source"]],
            "subject": item["subject"],
            "metric": item["metric"],
            "value_text": item["value_text"],
            "quote": item["quote"],
            "quote_start": item["quote_start"],
            "quote_end": item["quote_end"],
            "modality": item.get("modality", "actual"),
            "time": _without_none({k: time.get(k) for k in ("start", "end", "precision", "text")}),
            "claimant": item.get("claimant"),
        }
        if interval:
            draft["interval"] = {k: interval.get(k) for k in ("low", "best", "high")}
        drafts.append(_without_none(draft))
    refused: list[str] = []
    accepted: list[int] = []
    for item, draft in zip(story.assertions, drafts, strict=True):
        response = await desk.client.post("/v1/assertions", headers=desk.editor, json=draft)
        if response.status_code == 201:
            accepted.append(int(response.json()["id"]))
        else:
            refused.append(f"{item['id']} ({response.status_code} {response.json().get('code', '')})")
    for start in range(0, len(accepted), 200):
        decisions = [{"assertion_id": number, "decision": "accept"} for number in accepted[start : start + 200]]
        await _ok(desk.client.post("/v1/review", headers=desk.reviewer, json={"decisions": decisions}))
    return refused


def _match(story: Story, proposals: list[dict[str, Any]], files: dict[int, str]) -> tuple[Extraction, set[int]]:
    """A proposal matches a gold assertion of its source when both say the same figure about the same
    subject and metric with the same modality, from overlapping quotes. Each gold assertion matches once."""
    unmatched = list(story.assertions)
    matched: set[int] = set()
    for proposal in proposals:
        for gold in unmatched:
            if _same(proposal, gold, files):
                matched.add(proposal["id"])
                unmatched.remove(gold)
                break
    extraction = Extraction(
        proposed=len(proposals),
        gold=len(story.assertions),
        matched_proposals=len(matched),
        matched_gold=len(story.assertions) - len(unmatched),
    )
    return extraction, matched


def _same(proposal: dict[str, Any], gold: dict[str, Any], files: dict[int, str]) -> bool:
    """The same figure (its value, not a substring of its text) about the same subject and metric, with the
    same modality, from overlapping quotes of the same source, for a time that overlaps the gold one."""
    quote = proposal["quote"]
    overlap = quote["start"] < gold["quote_end"] and gold["quote_start"] < quote["end"]
    return (
        files.get(proposal["source_id"]) == gold["source"]
        and overlap
        and proposal["subject"] == gold["subject"]
        and proposal["metric"] == gold["metric"]
        and proposal["modality"] == gold.get("modality", "actual")
        and _gold_value(gold) == proposal["value"]["best"]
        and _times_overlap(proposal["time"], gold.get("time") or {})
    )


def _gold_value(gold: dict[str, Any]) -> float | None:
    if gold.get("interval"):
        return float(gold["interval"]["best"])
    try:
        return parse_figure(gold["value_text"]).interval.best
    except FactdeskError:
        return None  # a figure the rules cannot read: no proposal can match it by value


def _times_overlap(proposed: dict[str, Any], gold: dict[str, Any]) -> bool:
    if not (proposed.get("start") and proposed.get("end") and gold.get("start") and gold.get("end")):
        return proposed.get("start") is None and gold.get("start") is None  # both undated, or not comparable
    return bool(proposed["start"] <= gold["end"] and gold["start"] <= proposed["end"])


async def _ok(request: Any) -> dict[str, Any]:
    response: httpx.Response = await request
    if response.status_code >= 300:
        request_line = f"{response.request.method} {response.request.url.path}"
        raise RuntimeError(f"{request_line} answered {response.status_code}: {response.text[:500]}")
    body: dict[str, Any] = response.json()
    return body


def _without_none(values: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in values.items() if value is not None}
