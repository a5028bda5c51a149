"""Settings read from FACTDESK_* environment variables once at start-up (the struct is operations.settings)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TypeVar

import msgspec

from operations.settings import Settings
from reasoning.answers import AnswerSettings
from reasoning.conflicts import ConflictSettings
from reasoning.extraction import ExtractionSettings
from reasoning.figures import FigureSettings

__all__ = ["Settings", "SettingsError", "load_settings"]

_ENV_FIELDS = {
    "FACTDESK_DATABASE_URL": ("database_url", str),
    "FACTDESK_CURSOR_SECRET": ("cursor_secret", str),
    "FACTDESK_MAX_BODY_BYTES": ("max_body_bytes", int),
    "FACTDESK_MAX_SOURCE_CHARS": ("max_source_chars", int),
    "FACTDESK_DEFAULT_PAGE_SIZE": ("default_page_size", int),
    "FACTDESK_MAX_PAGE_SIZE": ("max_page_size", int),
    "FACTDESK_SQLITE_BUSY_TIMEOUT_MS": ("sqlite_busy_timeout_ms", int),
    "FACTDESK_RETRY_AFTER_SECONDS": ("retry_after_seconds", int),
}
_FIGURE_ENV_FIELDS = {
    "FACTDESK_ROUND_TOLERANCE": "round_tolerance",
    "FACTDESK_APPROXIMATE_TOLERANCE": "approximate_tolerance",
    "FACTDESK_MORE_THAN_TOLERANCE": "more_than_tolerance",
    "FACTDESK_NEARLY_TOLERANCE": "nearly_tolerance",
}


_ANSWER_ENV_FIELDS = {
    "FACTDESK_EVENT_SLACK_DAYS": "event_slack_days",
    "FACTDESK_STALENESS_SLACK_DAYS": "staleness_slack_days",
}


class SettingsError(ValueError):
    pass


T = TypeVar("T", bound=msgspec.Struct)


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Build settings from FACTDESK_* variables; a malformed value stops start-up with its name."""
    environ = os.environ if environ is None else environ
    values: dict[str, object] = {}
    for variable, (field, kind) in _ENV_FIELDS.items():
        if variable in environ:
            values[field] = _convert(variable, environ[variable], kind)
    figures = _nested(FigureSettings(), _FIGURE_ENV_FIELDS, float, environ)
    answers = _nested(AnswerSettings(), _ANSWER_ENV_FIELDS, int, environ)
    # Conflicts follow the answering rules, so an answer and the conflict list never disagree.
    nested = {
        "figures": figures,
        "answers": answers,
        "conflicts": ConflictSettings(answers=answers),
        "extraction": ExtractionSettings(figures=figures),
    }
    # msgspec.convert checks each plain value against its field's type, so a bad value cannot slip through.
    return msgspec.structs.replace(msgspec.convert(values, Settings), **nested)


def _nested(defaults: T, fields: Mapping[str, str], kind: type, environ: Mapping[str, str]) -> T:
    """A settings struct with the fields its variables set, the rest at their defaults."""
    given = {
        field: _convert(variable, environ[variable], kind) for variable, field in fields.items() if variable in environ
    }
    try:
        return msgspec.structs.replace(defaults, **given)
    except ValueError as error:  # a struct's own check, e.g. a tolerance outside [0, 1)
        raise SettingsError(str(error)) from None


def _convert(variable: str, raw: str, kind: type) -> object:
    try:
        return kind(raw)
    except ValueError:
        raise SettingsError(f"{variable}={raw!r} is not a valid {kind.__name__}") from None
