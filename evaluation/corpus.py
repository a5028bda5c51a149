"""The development corpus as data: stories, their texts and sources, gold assertions, gold questions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

import msgspec

EVAL = Path(__file__).resolve().parents[1] / "eval"
STORIES = EVAL / "stories"

Kind = Literal[
    "value_as_of",
    "event_size",
    "sum",
    "event_count",
    "date",
    "existence",
    "claim_one_figure",
    "claim_several_figures",
    "claim_time_range",
    "claim_no_figure",
    "decline_unknown_name",
    "decline_no_evidence",
    "decline_unsupported_kind",
]
KINDS: tuple[str, ...] = Kind.__args__  # type: ignore[attr-defined]  # a Literal's values, in order
CLAIM_KINDS = frozenset(kind for kind in KINDS if kind.startswith("claim_"))
DECLINE_KINDS = frozenset(kind for kind in KINDS if kind.startswith("decline_"))
QUESTION_WORDS = (
    "how",
    "what",
    "when",
    "which",
    "who",
    "why",
    "did",
    "do",
    "does",
    "is",
    "are",
    "was",
    "were",
    "has",
    "have",
    "had",
    "where",
)


class Source(msgspec.Struct, frozen=True, kw_only=True):
    file: str
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    language: str = "en"
    stated_date: str | None = None
    date_used: str | None = None
    date_reason: str | None = None


class Question(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    kind: Kind
    text: str
    expected: dict[str, Any]
    cite: list[str] = []
    as_of: str | None = None

    @property
    def is_claim(self) -> bool:
        """Claims go to the claim check; questions (and refusals worded as questions) to /v1/ask."""
        if self.kind in CLAIM_KINDS:
            return True
        if self.kind in DECLINE_KINDS:
            return self.text.split()[0].lower().strip("¿¡") not in QUESTION_WORDS
        return False


class Story(msgspec.Struct, frozen=True, kw_only=True):
    key: str
    name: str
    split: Literal["dev", "test"]
    vocabulary: dict[str, list[dict[str, Any]]]
    sources: list[Source]
    assertions: list[dict[str, Any]]
    questions: list[Question]
    folder: Path

    def text(self, file: str) -> str:
        # newline="" keeps the bytes as they are: quotes are checked by character offset.
        with open(self.folder / "texts" / file, encoding="utf-8", newline="") as handle:
            return handle.read()


def load_story(folder: Path) -> Story:
    story = json.loads((folder / "story.json").read_text(encoding="utf-8"))
    return Story(
        key=story["key"],
        name=story["name"],
        split=story["split"],
        vocabulary=story["vocabulary"],
        sources=msgspec.convert(_json(folder / "sources.json"), list[Source]),
        assertions=_json(folder / "assertions.json"),
        questions=msgspec.convert(_json(folder / "questions.json"), list[Question]),
        folder=folder,
    )


def load_corpus(root: Path = STORIES) -> list[Story]:
    """Every complete story under `root` (a folder with its story, sources, assertions and questions)."""
    needed = ("story.json", "sources.json", "assertions.json", "questions.json")
    folders = sorted(path for path in root.iterdir() if path.is_dir() and all((path / n).is_file() for n in needed))
    return [load_story(folder) for folder in folders]


def _json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))
