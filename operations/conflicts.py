"""Conflicts: the groups of assertions that cannot all hold, filtered the way every listing is filtered, a page
at a time, each page reading a bounded amount of evidence and scanning it off the event loop."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from db import evidence, sources
from db.models import Entity, Metric
from operations.names import resolve_metric, resolve_subject
from operations.settings import Settings
from reasoning.conflicts import Conflict, ConflictKind, ConflictSettings, find_date_contradictions
from reasoning.conflicts import find_conflicts as find_conflicts_in
from reasoning.errors import InvalidCursor
from reasoning.evidence import Evidence, MetricInfo, SourceDateInfo

__all__ = ["ConflictKind", "ConflictPage", "find_conflicts"]

# The listing's order: conflicts between assertions group by group (one subject, one metric family, in id
# order; totals against their parts first within a group), then date contradictions in source order. A
# conflict's place is one integer, its anchor times _SPREAD plus a tag: for a conflict between assertions the
# anchor is an assertion only it is anchored on (the smallest id among its totals for a total against its
# parts, else among its citations); for a date contradiction it is the source. Two more tags mark where a page
# that ran out of its evidence budget stopped: after the group holding an assertion, or after a source.
_TAGS: dict[str, int] = {"total_vs_parts": 0, "disjoint_values": 1, "denial": 2}
_AFTER_GROUP = 3
_DATE = 4  # a date contradiction of the anchor source, or a stop after it (anchor 0: before the first source)
_SPREAD = 8  # a place fits a cursor (at most 2**53 - 1) while ids stay below 2**50, a quadrillion rows

# How many groups one query sizes up, and how many dated sources one query reads: a page reads whole groups
# and whole sources until it has read `Settings.max_conflict_evidence` rows.
_GROUP_BATCH = 200
_SOURCE_BATCH = 50

Group = tuple[int, int]  # (subject id, metric family id)
Keyed = tuple[int, Conflict]


class ConflictPage(msgspec.Struct, frozen=True, kw_only=True):
    """Up to a page of conflicts, and where the next page starts (None: none follows)."""

    items: list[Conflict]
    next_after: int | None


class _Filters(msgspec.Struct, frozen=True, kw_only=True):
    subject: Entity | None
    metric: Metric | None
    metric_ids: list[int] | None
    source_id: int | None
    kind: ConflictKind | None

    def keep(self, conflict: Conflict) -> bool:
        """A conflict is listed when it involves the subject, the metric and the source given."""
        return (
            (self.kind is None or conflict.kind == self.kind)
            # A date contradiction is about a source, not a subject: its citations, read for this subject only,
            # say whether it involves the subject.
            and (
                self.subject is None
                or conflict.subject == self.subject.key
                or (conflict.subject is None and bool(conflict.citations))
            )
            and (self.metric is None or any(c.metric == self.metric.key for c in conflict.citations))
            and (
                self.source_id is None
                or conflict.source_id == self.source_id
                or any(c.source_id == self.source_id for c in conflict.citations)
            )
        )


async def find_conflicts(
    session: AsyncSession,
    settings: Settings,
    *,
    subject: str | None = None,
    metric: str | None = None,
    source_id: int | None = None,
    kind: ConflictKind | None = None,
    after: int | None = None,
    limit: int | None = None,
) -> ConflictPage:
    """One page of the conflicts that involve the subject, the metric and the source given (each optional, all
    combined), starting after `after` (a page's `next_after`).

    `metric` means one metric, as on every endpoint: a conflict is listed when one of its citations is
    of that metric. The metric's family (the flows that feed a stock) is still read, so a total that
    disagrees with the sum of its parts is found when either side is asked for.

    A page reads whole groups of evidence (one subject, one metric family: what one answer reads) and whole
    dated sources until it has read `settings.max_conflict_evidence` rows, so it may hold fewer than `limit`
    conflicts, even none, and still have a next page.
    """
    subject_row = await resolve_subject(session, subject) if subject is not None else None
    metric_row = await resolve_metric(session, metric) if metric is not None else None
    metric_ids = None
    if metric_row is not None:
        stock = metric_row.feeds_metric_id or metric_row.id
        metric_ids = list((await evidence.metric_family(session, stock))[2].values())
    scan = _Scan(
        session,
        settings,
        _Filters(subject=subject_row, metric=metric_row, metric_ids=metric_ids, source_id=source_id, kind=kind),
        size=settings.default_page_size if limit is None else limit,
    )
    anchor, tag = divmod(after, _SPREAD) if after is not None else (0, None)
    if kind != "date_contradiction" and (tag is None or tag < _DATE):
        stop = await scan.groups(None if tag is None else await _resume_group(session, anchor, tag))
        if stop is not None:
            return stop
    if kind is None or kind == "date_contradiction":
        stop = await scan.dated_sources(anchor if tag == _DATE else 0)
        if stop is not None:
            return stop
    return ConflictPage(items=[conflict for _, conflict in scan.listed], next_after=None)


async def _resume_group(session: AsyncSession, anchor: int, tag: int) -> tuple[Group, tuple[int, int] | None]:
    """The group a page resumes in, and the last (tag, anchor) listed there (None: the group is done)."""
    group = await evidence.group_of_assertion(session, anchor)
    if group is None:
        raise InvalidCursor(
            "the cursor points at evidence that no longer exists", hint="Drop `cursor` to start the listing over."
        )
    return group, (None if tag == _AFTER_GROUP else (tag, anchor))


class _Scan:
    """One page's walk over the evidence: what it listed so far and how much it read."""

    def __init__(self, session: AsyncSession, settings: Settings, filters: _Filters, *, size: int) -> None:
        self.session = session
        self.settings = settings.conflicts
        self.filters = filters
        self.size = size
        self.budget = settings.max_conflict_evidence
        self.read = 0
        self.listed: list[Keyed] = []

    def _add(self, keyed: Sequence[Keyed]) -> ConflictPage | None:
        """List the conflicts the filters keep; a full page (and one more to spare) ends the walk."""
        for key, conflict in keyed:
            if not self.filters.keep(conflict):
                continue
            self.listed.append((key, conflict))
            if len(self.listed) > self.size:
                page = self.listed[: self.size]
                return ConflictPage(items=[c for _, c in page], next_after=page[-1][0])
        return None

    def _stop(self, position: int) -> ConflictPage | None:
        """The page ends here when its evidence budget is spent; the next starts from `position`."""
        if self.read < self.budget:
            return None
        return ConflictPage(items=[c for _, c in self.listed], next_after=position)

    async def groups(self, resume: tuple[Group, tuple[int, int] | None] | None) -> ConflictPage | None:
        start, listed_up_to = resume if resume is not None else (None, None)
        inclusive = listed_up_to is not None
        metrics = await evidence.all_metric_infos(self.session)
        while True:
            batch = await evidence.evidence_groups(
                self.session,
                subject_id=None if self.filters.subject is None else self.filters.subject.id,
                metric_ids=self.filters.metric_ids,
                source_id=self.filters.source_id,
                start=start,
                inclusive=inclusive,
                limit=_GROUP_BATCH,
            )
            chosen: list[evidence.EvidenceGroup] = []
            for group in batch:
                if chosen and self.read + group.count > self.budget:
                    break
                chosen.append(group)
                self.read += group.count
            if not chosen:
                return None
            found = await evidence.evidence_in_groups(
                self.session,
                first=chosen[0].key,
                last=chosen[-1].key,
                subject_id=None if self.filters.subject is None else self.filters.subject.id,
                metric_ids=self.filters.metric_ids,
            )
            scanned = await asyncio.to_thread(_conflicts_by_group, found, metrics, self.settings)
            for group_key, keyed in scanned:
                if group_key == start and listed_up_to is not None:
                    keyed = [(key, c) for key, c in keyed if _order(key) > listed_up_to]
                if (page := self._add(keyed)) is not None:
                    return page
            last = chosen[-1].key
            in_last = [item.assertion_id for group, item in found if group == last]
            # Any assertion of the last group read marks the place (its evidence cannot all vanish from under a
            # transaction; if it did, the walk goes on).
            if in_last and (stop := self._stop(max(in_last) * _SPREAD + _AFTER_GROUP)) is not None:
                return stop
            if len(batch) < _GROUP_BATCH and len(chosen) == len(batch):
                return None
            start, inclusive, listed_up_to = last, False, None

    async def dated_sources(self, after_source: int) -> ConflictPage | None:
        while True:
            room = self.size + 1 - len(self.listed)
            infos = await sources.contradicted_date_infos(
                self.session,
                flag=self.settings.contradicted_flag,
                after_id=after_source,
                limit=max(1, min(_SOURCE_BATCH, room)),
                source_id=self.filters.source_id,
            )
            if not infos:
                return None
            cited = await evidence.evidence_where(
                self.session,
                source_ids=[info.source_id for info in infos],
                subject_ids=None if self.filters.subject is None else [self.filters.subject.id],
                metric_ids=self.filters.metric_ids,
            )
            self.read += len(infos) + len(cited)
            found = await asyncio.to_thread(_date_conflicts, infos, cited, self.settings)
            if (page := self._add(found)) is not None:
                return page
            after_source = infos[-1].source_id
            if (stop := self._stop(after_source * _SPREAD + _DATE)) is not None:
                return stop


def _order(key: int) -> tuple[int, int]:
    """A conflict's place within its group: its kind's tag (totals against their parts first), then its anchor."""
    anchor, tag = divmod(key, _SPREAD)
    return tag, anchor


def _key(conflict: Conflict) -> int:
    if conflict.kind == "date_contradiction":
        return (conflict.source_id or 0) * _SPREAD + _DATE
    cited = [c.assertion_id for c in conflict.citations if conflict.kind != "total_vs_parts" or c.role == "total"]
    return min(cited) * _SPREAD + _TAGS[conflict.kind]


def _conflicts_by_group(
    found: Sequence[tuple[Group, Evidence]], metrics: Sequence[MetricInfo], settings: ConflictSettings
) -> list[tuple[Group, list[Keyed]]]:
    """The conflicts of each group, groups in scan order and conflicts in their order within it (CPU work: run
    off the event loop)."""
    groups: dict[Group, list[Evidence]] = {}
    for group, item in found:
        groups.setdefault(group, []).append(item)
    scanned = []
    for group in sorted(groups):
        conflicts = find_conflicts_in(
            evidence=groups[group], metrics=_family_of(groups[group], metrics), sources=[], settings=settings
        )
        scanned.append((group, sorted(((_key(c), c) for c in conflicts), key=lambda kc: _order(kc[0]))))
    return scanned


def _family_of(found: Sequence[Evidence], metrics: Sequence[MetricInfo]) -> list[MetricInfo]:
    """The metrics of one group's family (the vocabulary may be large; a group is one family)."""
    keys = {item.metric for item in found}
    keys |= {m.feeds for m in metrics if m.key in keys and m.feeds is not None}
    return [m for m in metrics if m.key in keys or m.feeds in keys]


def _date_conflicts(
    infos: Sequence[SourceDateInfo], cited: Sequence[Evidence], settings: ConflictSettings
) -> list[Keyed]:
    return [(_key(c), c) for c in find_date_contradictions(sources=infos, evidence=cited, settings=settings)]
