"""Source texts: content hashes, and where a quote sits in a text."""

from __future__ import annotations

import datetime as dt
import hashlib

from reasoning.errors import InvalidInput, QuoteMismatch, QuoteNotUnique
from reasoning.types import DateBasis


def content_hash(text: str) -> str:
    """SHA-256 of the UTF-8 text: the identity of a source, so the same text is never stored twice."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def locate_quote(text: str, quote: str, start: int | None = None, end: int | None = None) -> tuple[int, int]:
    """Return the quote's [start, end) character offsets in `text`, checking them if they were given.

    Offsets count Unicode characters (code points), not bytes. Without offsets the quote must occur
    exactly once, so a quote can never be silently attached to the wrong occurrence.
    """
    if not quote:
        raise QuoteMismatch("the quote is empty", hint="Give the exact words of the source that state the figure.")
    if start is None and end is None:
        return _find_unique(text, quote)
    if start is None or end is None:
        raise QuoteMismatch(
            "only one of quote_start and quote_end was given",
            hint="Give both offsets, or neither to let the service find the quote.",
        )
    if not 0 <= start < end <= len(text):
        raise QuoteMismatch(
            f"offsets [{start}, {end}) lie outside the source text of {len(text)} characters",
            hint="Offsets count characters from 0; quote_end is exclusive.",
        )
    found = text[start:end]
    if found != quote:
        hint = "Offsets count Unicode characters (not bytes); quote_end is exclusive."
        occurrences = _occurrences(text, quote)
        if len(occurrences) == 1:
            hint += f" The quote occurs once, at [{occurrences[0]}, {occurrences[0] + len(quote)})."
        elif not occurrences:
            hint += " The quote does not occur in the text at all: check curly quotes, dashes and spaces."
        raise QuoteMismatch(
            f"the source text at [{start}, {end}) reads {found!r}, not the quote",
            hint=hint,
            extra={"text_at_offsets": found, "occurrences": occurrences[:20]},
        )
    return start, end


def _occurrences(text: str, quote: str) -> list[int]:
    positions: list[int] = []
    position = text.find(quote)
    while position != -1:
        positions.append(position)
        position = text.find(quote, position + 1)
    return positions


def _find_unique(text: str, quote: str) -> tuple[int, int]:
    occurrences = _occurrences(text, quote)
    if not occurrences:
        raise QuoteMismatch(
            "the quote does not occur in the source text",
            hint="Copy the words exactly as the source has them, including curly quotes, dashes and spaces.",
        )
    if len(occurrences) > 1:
        raise QuoteNotUnique(
            f"the quote occurs {len(occurrences)} times in the source text",
            hint="Give quote_start and quote_end to say which occurrence you mean (offsets are listed).",
            extra={"occurrences": occurrences[:20]},
        )
    return occurrences[0], occurrences[0] + len(quote)


def settle_source_date(
    stated: dt.date | None, used: dt.date | None, reason: str | None
) -> tuple[dt.date | None, DateBasis, str | None]:
    """The date a source's relative dates are read against, and why: stated, inferred (with a reason), unknown."""
    if used is None or used == stated:
        if stated is None:
            return None, DateBasis.unknown, reason
        return stated, DateBasis.stated, reason
    if not reason or not reason.strip():
        raise InvalidInput(
            "date_used differs from the stated date but no date_reason was given",
            hint="An inferred date is a judgement: say why in date_reason (e.g. 'the text speaks of early March').",
        )
    return used, DateBasis.inferred, reason.strip()


_SENTENCE_END = ".!?\n"


def sentence_around(text: str, start: int, end: int, *, max_chars: int = 600) -> tuple[str, int, int]:
    """The sentence (or line) that holds text[start:end], for showing a quote in its context.

    Sentences end at . ! ? or a line break; a full stop inside a number ("1.5") does not end one.
    Returns the sentence and its offsets, trimmed of surrounding spaces and capped at `max_chars`.
    """
    left = start
    while left > 0 and not _ends_sentence(text, left - 1):
        left -= 1
    right = end
    while right < len(text) and not _ends_sentence(text, right):
        right += 1
    right = min(len(text), right + 1)
    while left < start and text[left].isspace():
        left += 1
    while right > end and text[right - 1].isspace():
        right -= 1
    left = max(left, start - max_chars // 2)
    right = min(right, end + max_chars // 2)
    return text[left:right], left, right


def _ends_sentence(text: str, index: int) -> bool:
    char = text[index]
    if char not in _SENTENCE_END:
        return False
    return not (char == "." and 0 < index < len(text) - 1 and text[index - 1].isdigit() and text[index + 1].isdigit())


# Share of characters that may be control or replacement characters before a text is taken for binary data.
BINARY_SHARE = 0.01


def check_source_text(text: str, *, max_chars: int) -> None:
    """Refuse what cannot be a news text: empty, too long, or binary data decoded as text."""
    if not text.strip():
        raise InvalidInput("the text is empty or only white space", hint="Send the article's full text.")
    if len(text) > max_chars:
        raise InvalidInput(
            f"the text has {len(text)} characters; the limit is {max_chars}",
            hint="Split the document, or raise FACTDESK_MAX_SOURCE_CHARS.",
        )
    odd = sum(1 for char in text if (ord(char) < 32 and char not in "\n\r\t") or char == "\ufffd")
    if odd > max(2, BINARY_SHARE * len(text)):
        raise InvalidInput(
            f"the text holds {odd} control or undecodable characters: it looks like binary data",
            hint="Send the article as plain UTF-8 text (extract it from PDF or HTML first).",
        )
