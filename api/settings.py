"""Settings read from FACTDESK_* environment variables once at start-up (the struct is operations.settings)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TypeVar

import msgspec

from operations.settings import DEVELOPMENT_CURSOR_SECRET, Settings
from reasoning.answers import AnswerSettings
from reasoning.conflicts import ConflictSettings
from reasoning.extraction import ExtractionSettings
from reasoning.figures import FigureSettings

__all__ = ["Settings", "SettingsError", "check_can_serve", "load_settings"]

_ENV_FIELDS = {
    "FACTDESK_DATABASE_URL": ("database_url", str),
    "FACTDESK_CURSOR_SECRET": ("cursor_secret", str),
    "FACTDESK_MAX_BODY_BYTES": ("max_body_bytes", int),
    "FACTDESK_MAX_SOURCE_CHARS": ("max_source_chars", int),
    "FACTDESK_DEFAULT_PAGE_SIZE": ("default_page_size", int),
    "FACTDESK_MAX_PAGE_SIZE": ("max_page_size", int),
    "FACTDESK_MAX_CONFLICT_EVIDENCE": ("max_conflict_evidence", int),
    "FACTDESK_SQLITE_BUSY_TIMEOUT_MS": ("sqlite_busy_timeout_ms", int),
    "FACTDESK_RETRY_AFTER_SECONDS": ("retry_after_seconds", int),
    "FACTDESK_PUBLIC_ACTOR_NAMES": ("public_actor_names", bool),
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
    try:
        checked = msgspec.convert(values, Settings)
    except msgspec.ValidationError as error:  # e.g. "Expected `int` >= 1 - at `$.max_page_size`"
        names = {field: variable for variable, (field, _kind) in _ENV_FIELDS.items()}
        named = next((variable for field, variable in names.items() if f"$.{field}" in str(error)), "a setting")
        raise SettingsError(f"{named}: {error}") from None
    return msgspec.structs.replace(checked, **nested)


def check_can_serve(settings: Settings) -> None:
    """Refuse to serve PostgreSQL (production) with the development cursor secret: the secret signs
    cursors and keys the actors' pseudonyms, and a published one lets anyone forge the first and undo the
    second by guessing names. The other commands (migrate, seed, keys) sign nothing and may run without it."""
    backend = settings.database_url.partition(":")[0].partition("+")[0]
    if backend in {"postgresql", "postgres"} and settings.cursor_secret == DEVELOPMENT_CURSOR_SECRET:
        raise SettingsError(
            "FACTDESK_CURSOR_SECRET is not set: the server will not serve a PostgreSQL database with the "
            "development secret (set the same long random value on every replica, e.g. from "
            "`python -c 'import secrets; print(secrets.token_urlsafe(32))'`)"
        )


def _nested(defaults: T, fields: Mapping[str, str], kind: type, environ: Mapping[str, str]) -> T:
    """A settings struct with the fields its variables set, the rest at their defaults."""
    given = {
        field: _convert(variable, environ[variable], kind) for variable, field in fields.items() if variable in environ
    }
    try:
        return msgspec.structs.replace(defaults, **given)
    except ValueError as error:  # a struct's own check, e.g. a tolerance outside [0, 1)
        raise SettingsError(str(error)) from None


_BOOLEANS = {"true": True, "1": True, "yes": True, "on": True, "false": False, "0": False, "no": False, "off": False}


def _convert(variable: str, raw: str, kind: type) -> object:
    if kind is bool:  # bool("false") is True, so a flag is read by its words
        if raw.strip().lower() not in _BOOLEANS:
            raise SettingsError(f"{variable}={raw!r} is not a valid bool (true or false)")
        return _BOOLEANS[raw.strip().lower()]
    try:
        return kind(raw)
    except ValueError:
        raise SettingsError(f"{variable}={raw!r} is not a valid {kind.__name__}") from None
