"""The domain error tree: every error a request can cause, each with a stable code and a hint."""

from __future__ import annotations


class FactdeskError(Exception):
    """Base of every domain error. `code` is stable for clients; `hint` tells the user how to fix it."""

    code = "factdesk_error"
    title = "Request could not be completed"

    def __init__(self, detail: str, *, hint: str = "", extra: dict[str, object] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.hint = hint
        self.extra = extra or {}


class InvalidInput(FactdeskError):
    """The request is well-formed but a value in it cannot be used."""

    code = "invalid_input"
    title = "Invalid input"


class UnparseableFigure(InvalidInput):
    code = "unparseable_figure"
    title = "Figure not understood"


class UnparseableDate(InvalidInput):
    code = "unparseable_date"
    title = "Date not understood"


class QuoteMismatch(InvalidInput):
    code = "quote_mismatch"
    title = "Quote does not match the source text"


class QuoteNotUnique(InvalidInput):
    code = "quote_not_unique"
    title = "Quote cannot be located uniquely"


class NotFound(FactdeskError):
    code = "not_found"
    title = "Not found"


class StateConflict(FactdeskError):
    """The write contradicts what the store already holds (a duplicate key, a second review...)."""

    code = "conflict"
    title = "Conflict with the stored state"


class InvalidCursor(InvalidInput):
    code = "invalid_cursor"
    title = "Invalid cursor"


class Unauthorized(FactdeskError):
    code = "unauthorized"
    title = "Authentication required"


class Forbidden(FactdeskError):
    code = "forbidden"
    title = "Not allowed for this key's role"


class AmbiguousTerm(StateConflict):
    """A name that several entities or metrics go by: the caller must say which one."""

    code = "ambiguous"
    title = "Ambiguous name"


class UnparseableClaim(InvalidInput):
    code = "unparseable_claim"
    title = "Claim not understood"


class UnparseableQuestion(InvalidInput):
    code = "unparseable_question"
    title = "Question not understood"


class NotAcceptable(FactdeskError):
    """None of the representations the request accepts is one this resource offers."""

    code = "not_acceptable"
    title = "Not acceptable"


class UnknownTerm(InvalidInput):
    """A question or claim names something (a name, a measure) the store does not know: answering anyway
    would answer a different question."""

    code = "unknown_term"
    title = "Unknown name"


class UnsupportedQuestion(InvalidInput):
    """A question of a kind the service does not answer ("why", "who", a comparison)."""

    code = "unsupported_question"
    title = "Kind of question not supported"
