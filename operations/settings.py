"""The service's settings: every tolerance and limit in one typed struct (read from the environment by api/)."""

from __future__ import annotations

from typing import Annotated

import msgspec

from reasoning.answers import AnswerSettings
from reasoning.conflicts import ConflictSettings
from reasoning.extraction import ExtractionSettings
from reasoning.figures import FigureSettings

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///./data/factdesk.db"
# Only for a developer's machine: production must set FACTDESK_CURSOR_SECRET so that every replica
# signs and verifies cursors alike.
DEVELOPMENT_CURSOR_SECRET = "factdesk-development-cursor-secret"


# A count, size or time that must be at least 1: a bad value stops start-up with the variable's name.
Positive = Annotated[int, msgspec.Meta(ge=1)]


class Settings(msgspec.Struct, frozen=True, kw_only=True):
    database_url: str = DEFAULT_DATABASE_URL
    cursor_secret: str = DEVELOPMENT_CURSOR_SECRET
    max_body_bytes: Positive = 2_000_000
    max_source_chars: Positive = 500_000
    default_page_size: Positive = 50
    max_page_size: Positive = 500
    # How much usable evidence one page of conflicts reads: whole groups of one subject and one metric family
    # (what one answer reads) until this many assertions, then the page ends with `next`.
    max_conflict_evidence: Positive = 5000
    # How long a writer waits for SQLite's write lock before its request is a 503 with Retry-After.
    sqlite_busy_timeout_ms: Annotated[int, msgspec.Meta(ge=0)] = 5000
    # What a 503 asks the client to wait before trying again (the database busy or away).
    retry_after_seconds: Positive = 2
    # Off: responses show who wrote something as role and pseudonym ("editor:3f9a1c2b"), never the key's
    # name, which often names a person. The names are stored either way, for audit.
    public_actor_names: bool = False
    figures: FigureSettings = FigureSettings()
    answers: AnswerSettings = AnswerSettings()
    conflicts: ConflictSettings = ConflictSettings()
    extraction: ExtractionSettings = ExtractionSettings()
