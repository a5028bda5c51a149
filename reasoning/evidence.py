"""Evidence as reasoning sees it: assertions flattened with their source, metric and vocabulary, and source dates."""

from __future__ import annotations

import datetime as dt

import msgspec

from reasoning.types import DateBasis, Interval, MetricKind, Modality, TimeSpan

_PERCENT_UNITS = frozenset({"percent", "per cent", "%", "percentage", "percentage points", "share"})
# Money as English writes it: a currency's sign, its name (singular lemma), or its ISO 4217 code. "Pound" is
# left out: "5,000 pounds of sandbags" is a weight as often as "£5,000" is money.
CURRENCY_SIGNS = frozenset("$€£¥₹₩₦")
CURRENCY_WORDS = frozenset({"dollar", "euro", "yen", "franc", "rupee", "peso", "yuan", "rand", "real", "krona"})
CURRENCY_CODES = frozenset(
    "USD EUR GBP JPY CHF CNY INR CAD AUD NZD SEK NOK DKK PLN CZK HUF RUB BRL MXN ZAR KRW TRY HKD SGD".split()
)


class MetricInfo(msgspec.Struct, frozen=True, kw_only=True):
    key: str
    name: str
    unit: str
    kind: MetricKind
    feeds: str | None = None  # for a flow: the key of the stock it adds to

    @property
    def in_percent(self) -> bool:
        """Whether the metric is a share measured in percent, which no count of things can be."""
        return " ".join(self.unit.casefold().split()) in _PERCENT_UNITS

    @property
    def in_money(self) -> bool:
        """Whether the metric is an amount of money (a currency's ISO 4217 code, name or sign as its unit)."""
        unit = self.unit.strip()
        words = unit.casefold().rstrip("s")
        return unit in CURRENCY_CODES or unit in CURRENCY_SIGNS or words in CURRENCY_WORDS or words == "money"


class Evidence(msgspec.Struct, frozen=True, kw_only=True):
    """One accepted, unretracted assertion with what a citation needs: plain data, no ORM objects."""

    assertion_id: int
    source_id: int
    source_title: str | None
    source_date: dt.date | None
    subject: str  # entity key
    metric: str  # metric key
    value_text: str
    interval: Interval
    modality: Modality
    time: TimeSpan
    claimant: str | None
    quote: str
    quote_start: int
    quote_end: int
    recorded_at: dt.datetime
    # Sources that repeat one wire story share an origin; None means the source is its own origin.
    origin: str | None = None


class Term(msgspec.Struct, frozen=True, kw_only=True):
    """An entity or a metric as the question and claim parsers see it: a key and the names it goes by."""

    key: str
    name: str
    aliases: tuple[str, ...] = ()


class Lexicon(msgspec.Struct, frozen=True, kw_only=True):
    entities: tuple[Term, ...]
    metrics: tuple[Term, ...]
    metric_info: tuple[MetricInfo, ...] = ()
    # Who the store's statements about a sentence's names are attributed to: they confirm that a common noun
    # owning a measure ("civil protection's death toll") names who stated it (see `reasoning.claimants`).
    claimants: tuple[str, ...] = ()


class SourceDateInfo(msgspec.Struct, frozen=True, kw_only=True):
    """A source's dates as stored, and either the phrases of its text that contradict its stated date (read
    once at ingest and stored) or its text, so that its stated date can be checked."""

    source_id: int
    title: str | None
    stated_date: dt.date | None
    date_used: dt.date | None
    date_basis: DateBasis
    date_reason: str | None = None
    flags: list[str] = []
    text: str | None = None  # when given (and `date_evidence` is not), date phrases are read from it as evidence
    date_evidence: list[DateEvidence] | None = None  # the stored phrases; None: not given, read `text`


class DateEvidence(msgspec.Struct, frozen=True, kw_only=True):
    """A date phrase in a source's text (`text[start:end] == phrase`) and what it resolves to."""

    source_id: int
    phrase: str
    start: int
    end: int
    resolved: TimeSpan
    why: str
