"""The tables: sources, vocabulary (entities, metrics, aliases), assertions, API keys and the change log."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from db.columns import UTCDateTime, enum_column, utcnow
from reasoning.types import (
    MAX_KEY_CHARS,
    MAX_LABEL_CHARS,
    MAX_LANGUAGE_CHARS,
    MAX_NAME_CHARS,
    MAX_PUBLISHER_CHARS,
    MAX_URL_CHARS,
    DateBasis,
    MetricKind,
    Modality,
    Precision,
    ReviewStatus,
    Role,
)

# Named constraints make migrations reproducible across backends (SQLite needs names to alter tables).
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# SQLite only auto-increments an INTEGER PRIMARY KEY; PostgreSQL gets a 64-bit identity.
BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


class Base(DeclarativeBase):
    metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)


class Source(Base):
    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    content_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    title: Mapped[str | None] = mapped_column(sa.Text)
    publisher: Mapped[str | None] = mapped_column(sa.String(MAX_PUBLISHER_CHARS))
    url: Mapped[str | None] = mapped_column(sa.String(MAX_URL_CHARS))
    language: Mapped[str] = mapped_column(sa.String(MAX_LANGUAGE_CHARS))
    text: Mapped[str] = mapped_column(sa.Text)
    stated_date: Mapped[dt.date | None] = mapped_column(sa.Date)
    date_used: Mapped[dt.date | None] = mapped_column(sa.Date)
    date_basis: Mapped[DateBasis] = mapped_column(enum_column(DateBasis, "date_basis"))
    date_reason: Mapped[str | None] = mapped_column(sa.Text)
    flags: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    # The phrases of the text that contradict its stated date, read once at ingest (the text and the stated
    # date never change): a listing or a read shows them without reading the text again.
    date_evidence: Mapped[list[dict[str, Any]]] = mapped_column(sa.JSON, default=list, server_default="[]")
    # Sources that repeat one wire story share an origin label; None: the source is its own origin.
    origin: Mapped[str | None] = mapped_column(sa.String(100), index=True)
    recorded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class SourceFingerprint(Base):
    """A few stable hashes of a text's word shingles: finds texts that may share a wire story, by index."""

    __tablename__ = "source_fingerprints"

    source_id: Mapped[int] = mapped_column(sa.ForeignKey("sources.id"), primary_key=True)
    hash: Mapped[int] = mapped_column(sa.BigInteger, primary_key=True, index=True)


class SourceLink(Base):
    """Two sources found to repeat one wire story, with the evidence a fact-checker can read."""

    __tablename__ = "source_links"
    __table_args__ = (sa.UniqueConstraint("source_id", "linked_source_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    source_id: Mapped[int] = mapped_column(sa.ForeignKey("sources.id"), index=True)
    linked_source_id: Mapped[int] = mapped_column(sa.ForeignKey("sources.id"), index=True)
    score: Mapped[float] = mapped_column(sa.Float)
    reasons: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    recorded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class Entity(Base):
    __tablename__ = "entities"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    key: Mapped[str] = mapped_column(sa.String(MAX_KEY_CHARS), unique=True)
    name: Mapped[str] = mapped_column(sa.String(MAX_NAME_CHARS))
    kind: Mapped[str | None] = mapped_column(sa.String(MAX_LABEL_CHARS))
    description: Mapped[str | None] = mapped_column(sa.Text)
    recorded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    aliases: Mapped[list[EntityAlias]] = relationship(lazy="raise", order_by="EntityAlias.id")


class EntityAlias(Base):
    __tablename__ = "entity_aliases"
    __table_args__ = (sa.UniqueConstraint("entity_id", "normalized"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    entity_id: Mapped[int] = mapped_column(sa.ForeignKey("entities.id"), index=True)
    alias: Mapped[str] = mapped_column(sa.String(MAX_NAME_CHARS))
    # Lower-cased, whitespace-folded form: what lookups compare against.
    normalized: Mapped[str] = mapped_column(sa.String(MAX_NAME_CHARS), index=True)


class Metric(Base):
    __tablename__ = "metrics"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    key: Mapped[str] = mapped_column(sa.String(MAX_KEY_CHARS), unique=True)
    name: Mapped[str] = mapped_column(sa.String(MAX_NAME_CHARS))
    unit: Mapped[str] = mapped_column(sa.String(MAX_LABEL_CHARS))
    kind: Mapped[MetricKind] = mapped_column(enum_column(MetricKind, "metric_kind"))
    # A flow may feed a stock (arrivals add to officers present): derivations follow this link.
    feeds_metric_id: Mapped[int | None] = mapped_column(sa.ForeignKey("metrics.id"))
    description: Mapped[str | None] = mapped_column(sa.Text)
    recorded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    aliases: Mapped[list[MetricAlias]] = relationship(lazy="raise", order_by="MetricAlias.id")


class MetricAlias(Base):
    __tablename__ = "metric_aliases"
    __table_args__ = (sa.UniqueConstraint("metric_id", "normalized"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    metric_id: Mapped[int] = mapped_column(sa.ForeignKey("metrics.id"), index=True)
    alias: Mapped[str] = mapped_column(sa.String(MAX_NAME_CHARS))
    normalized: Mapped[str] = mapped_column(sa.String(MAX_NAME_CHARS), index=True)


class Assertion(Base):
    __tablename__ = "assertions"
    __table_args__ = (
        sa.CheckConstraint("quote_start >= 0 AND quote_end > quote_start", name="quote_span"),
        sa.CheckConstraint("(low IS NULL OR low <= best) AND (high IS NULL OR best <= high)", name="interval_order"),
        # The answer path: one subject's metric family, in id order (an id tail lets listings page on it
        # without a sort). Measured in bench/: without it SQLite walked the low-selectivity status index.
        sa.Index("ix_assertions_subject_metric", "subject_id", "metric_id", "id"),
        # The review queue: only proposals, which are few beside everything accepted.
        sa.Index(
            "ix_assertions_review_queue",
            "id",
            sqlite_where=sa.text("status = 'proposed'"),
            postgresql_where=sa.text("status = 'proposed'"),
        ),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    source_id: Mapped[int] = mapped_column(sa.ForeignKey("sources.id"), index=True)
    # None only for an extractor's proposal it could not resolve; such a row cannot be accepted as it is.
    subject_id: Mapped[int | None] = mapped_column(sa.ForeignKey("entities.id"))
    metric_id: Mapped[int | None] = mapped_column(sa.ForeignKey("metrics.id"), index=True)
    value_text: Mapped[str] = mapped_column(sa.String(MAX_NAME_CHARS))
    low: Mapped[float | None] = mapped_column(sa.Float)
    best: Mapped[float] = mapped_column(sa.Float)
    high: Mapped[float | None] = mapped_column(sa.Float)
    value_rule: Mapped[str] = mapped_column(sa.String(40))
    modality: Mapped[Modality] = mapped_column(enum_column(Modality, "modality"))
    time_start: Mapped[dt.date | None] = mapped_column(sa.Date)
    time_end: Mapped[dt.date | None] = mapped_column(sa.Date)
    time_precision: Mapped[Precision] = mapped_column(enum_column(Precision, "time_precision"))
    time_text: Mapped[str | None] = mapped_column(sa.String(MAX_NAME_CHARS))
    time_rule: Mapped[str] = mapped_column(sa.String(60))
    claimant: Mapped[str | None] = mapped_column(sa.String(MAX_NAME_CHARS))
    quote: Mapped[str] = mapped_column(sa.Text)
    quote_start: Mapped[int] = mapped_column(sa.Integer)
    quote_end: Mapped[int] = mapped_column(sa.Integer)
    status: Mapped[ReviewStatus] = mapped_column(enum_column(ReviewStatus, "review_status"))
    # Which rule proposed it (extractor), or None for an editor's own entry.
    origin_rule: Mapped[str | None] = mapped_column(sa.String(100))
    # A stable key for curated seed assertions, so loading the seeds twice changes nothing.
    curated_key: Mapped[str | None] = mapped_column(sa.String(200), unique=True)
    note: Mapped[str | None] = mapped_column(sa.Text)
    # For an unresolved proposal: the words around the figure, so a reviewer can tell what it is about.
    context: Mapped[str | None] = mapped_column(sa.Text)
    recorded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    recorded_by: Mapped[str | None] = mapped_column(sa.String(200))
    reviewed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    reviewed_by: Mapped[str | None] = mapped_column(sa.String(200))
    review_note: Mapped[str | None] = mapped_column(sa.Text)
    retracted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    retracted_by: Mapped[str | None] = mapped_column(sa.String(200))
    retraction_reason: Mapped[str | None] = mapped_column(sa.Text)


class ApiKey(Base):
    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200), unique=True)
    role: Mapped[Role] = mapped_column(enum_column(Role, "key_role"))
    # Only a SHA-256 of the key is kept: keys are 256 random bits, so a slow hash adds nothing.
    key_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class Change(Base):
    """One write, in order: what a newsroom tool replays to keep a copy in sync."""

    __tablename__ = "changes"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    occurred_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    action: Mapped[str] = mapped_column(sa.String(60))
    object_type: Mapped[str] = mapped_column(sa.String(40))
    object_id: Mapped[int] = mapped_column(sa.BigInteger)
    actor: Mapped[str | None] = mapped_column(sa.String(200))
    data: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
