"""The evaluation: every story in a store of its own and all of them with the seed corpus in one store,
in each mode, every gold question asked through the HTTP API and scored."""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path
from typing import Any

import msgspec

from evaluation.corpus import Question, Story, load_corpus
from evaluation.loading import MODES, Extraction, Mode, load_story
from evaluation.scoring import Scored, score
from evaluation.server import Desk, fresh_server


class ModeResult(msgspec.Struct, kw_only=True):
    mode: Mode
    extraction: dict[str, Extraction]  # by story key
    refused: dict[str, list[str]]  # gold assertions the service refused to record, by story key (mode C)
    own: list[Scored]  # each story in a store of its own
    together: list[Scored]  # every story and the seed corpus in one store


class Evaluation(msgspec.Struct, kw_only=True):
    stories: list[Story]
    modes: list[ModeResult]


async def evaluate(modes: list[Mode], stories: list[Story] | None = None) -> Evaluation:
    corpus = stories if stories is not None else load_corpus()
    results = [await _evaluate_mode(mode, corpus) for mode in modes]
    return Evaluation(stories=corpus, modes=results)


async def _evaluate_mode(mode: Mode, corpus: list[Story]) -> ModeResult:
    extraction: dict[str, Extraction] = {}
    refused: dict[str, list[str]] = {}
    own: list[Scored] = []
    with tempfile.TemporaryDirectory(prefix=f"factdesk-eval-{mode}-") as folder:
        for story in corpus:
            store = Path(folder) / story.key
            store.mkdir()
            async with fresh_server(store, with_seeds=False) as desk:
                loaded = await load_story(desk, story, mode)
                if loaded.extraction is not None:
                    extraction[story.key] = loaded.extraction
                if loaded.refused:
                    refused[story.key] = loaded.refused
                own += await _ask_all(desk, story, loaded.source_ids)
        together: list[Scored] = []
        shared = Path(folder) / "together"
        shared.mkdir()
        async with fresh_server(shared, with_seeds=True) as desk:
            loaded_all = [(story, await load_story(desk, story, mode)) for story in corpus]
            for story, loaded in loaded_all:
                together += await _ask_all(desk, story, loaded.source_ids)
    return ModeResult(mode=mode, extraction=extraction, refused=refused, own=own, together=together)


async def _ask_all(desk: Desk, story: Story, source_ids: dict[str, int]) -> list[Scored]:
    return [await _ask(desk, story, question, source_ids) for question in story.questions]


async def _ask(desk: Desk, story: Story, question: Question, source_ids: dict[str, int]) -> Scored:
    if question.is_claim:
        payload: dict[str, Any] = {"text": question.text, **({"as_of": question.as_of} if question.as_of else {})}
        response = await desk.client.post("/v1/claims/check", json=payload)
    else:
        response = await desk.client.get("/v1/ask", params={"q": question.text})
    try:
        body = response.json()
    except ValueError:
        body = {}
    return score(question, story.key, response.status_code, body if isinstance(body, dict) else {}, source_ids)


def run(modes: list[Mode]) -> Evaluation:
    return asyncio.run(evaluate(modes))


__all__ = ["MODES", "Evaluation", "ModeResult", "evaluate", "run"]
