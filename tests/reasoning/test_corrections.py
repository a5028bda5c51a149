"""Corrections: a figure its own source withdraws or revises is never a candidate, however often it was repeated
before; every example is made up (a flood in the county of Harrowgate, a vote in Ashby)."""

from __future__ import annotations

import datetime as dt
import itertools

import msgspec
import pytest

from reasoning.answers import answer_value_as_of
from reasoning.corrections import apply_corrections, revision_mark
from reasoning.evidence import Evidence, MetricInfo
from reasoning.types import MetricKind
from tests.reasoning.statements import statement as stored

_IDS = itertools.count(1)
DAY = dt.date(2031, 5, 4)


def statement(
    quote: str,
    value: str,
    *,
    source: int,
    published: dt.date | None = dt.date(2031, 5, 5),
    day: dt.date = DAY,
    claimant: str | None = None,
    subject: str = "ashby",
    metric: str = "turnout",
) -> Evidence:
    assert value in quote
    return stored(
        assertion_id=next(_IDS),
        subject=subject,
        metric=metric,
        value_text=value,
        first=day,
        quote=quote,
        source_id=source,
        source_date=published,
        claimant=claimant,
    )


@pytest.mark.parametrize(
    ("quote", "value", "mark"),
    [
        ("turnout 44.2% (provisional: 47.5%)", "47.5%", "old?"),
        ("turnout 44.2% (provisional: 47.5%)", "44.2%", None),
        ("Ashby: 8,410 valid votes (previously 8,610)", "8,610", "old?"),
        ("Turnout in Ashby is revised to 44.2%", "44.2%", "new"),
        ("The county corrected its count of flooded homes to 1,240", "1,240", "new"),
        ("the agency revised its own figure down from 212", "212", "old?"),
        ("The figure of 212 given on Monday has been withdrawn", "212", "old"),
        ("The figure of 212 given on Monday has been corrected", "212", "old"),
        # a verb that can change the world as well as the count marks only in pairs (see the tests below)
        ("the council cut its estimate to 1,240 from 1,300", "1,240", "new?"),
        ("the council cut its estimate to 1,240 from 1,300", "1,300", "old?"),
        # things withdrawn, not figures
        ("1,200 troops were withdrawn on Monday", "1,200", None),
        ("Evacuation orders for 447 homes were withdrawn", "447", None),
        # the figure as written, once, as whole words
        ("the agency revised the number of deaths to 1,447 from 447", "447", "old?"),
        ("the agency revised the number of deaths to 1,447 from 447", "1,447", "new"),
        ("Deaths 14 (was 12), injured 12", "12", None),
        # the world changing, not the count: no mark
        ("the number of homes flooded rose to 1,300 from 1,240", "1,240", None),
        ("the number of homes flooded rose to 1,300 from 1,240", "1,300", None),
        ("bringing the toll from the flood to 14", "14", None),
        ("Turnout was 47.5 percent, the county said", "47.5 percent", None),
    ],
)
def test_revision_marks(quote: str, value: str, mark: str | None) -> None:
    found = revision_mark(statement(quote, value, source=1))
    assert (None if found is None else found.mark + ("?" if found.paired else "")) == mark


@pytest.mark.parametrize(
    ("quote", "new_value", "old_value"),
    [
        ("Acme cut its workforce to 900 from 1,200", "900", "1,200"),  # the workforce shrank
        ("Unemployment fell to 5.1% (previously 5.3%)", "5.1%", "5.3%"),  # the rate moved
        ("Growth was revised to 2.4%, from 2.1% in the previous quarter", "2.4%", "2.1%"),  # another period's
    ],
)
def test_paired_marks_need_both_values_for_one_time(quote: str, new_value: str, old_value: str) -> None:
    # the old value stated for an earlier time: it was true then, and stays
    new = statement(quote, new_value, source=1)
    before = statement(quote, old_value, source=1, day=dt.date(2031, 3, 1))
    _, corrections = apply_corrections([new, before])
    assert before not in [c.corrected for c in corrections]
    # the same words, both values for one time: the old one was revised
    revised = statement(quote, old_value, source=1)
    kept, corrections = apply_corrections([new, revised])
    assert kept == [new]
    assert [(c.corrected, c.by) for c in corrections] == [(revised, None)]


def test_a_restated_old_value_and_its_new_value_correct_earlier_reports() -> None:
    first = statement("Turnout in Ashby was 47.5%.", "47.5%", source=1, published=dt.date(2031, 5, 5))
    second = statement("Ashby's turnout of 47.5% was the highest", "47.5%", source=2, published=dt.date(2031, 5, 6))
    new = statement("turnout 44.2% (provisional: 47.5%)", "44.2%", source=3, published=dt.date(2031, 5, 20))
    old = statement("turnout 44.2% (provisional: 47.5%)", "47.5%", source=3, published=dt.date(2031, 5, 20))
    kept, corrections = apply_corrections([first, second, new, old])
    assert kept == [new]
    assert {c.corrected.assertion_id: c.by for c in corrections} == {
        first.assertion_id: new,
        second.assertion_id: new,
        old.assertion_id: None,
    }
    assert {c.why for c in corrections if c.by is new} == {"corrected by source 3's “44.2%” (44.2) on 2031-05-04"}


def test_a_correction_replaces_only_what_it_can_correct() -> None:
    new = statement("Turnout in Ashby is revised to 44.2%", "44.2%", source=5, published=dt.date(2031, 5, 20))
    earlier = statement("Turnout was 47.5%.", "47.5%", source=1)
    agreeing = statement("Turnout was about 44%.", "about 44%", source=2)
    same_day = statement("Turnout was 47.5%.", "47.5%", source=8, published=dt.date(2031, 5, 20))
    later = statement("Turnout was 47.5%.", "47.5%", source=6, published=dt.date(2031, 5, 21))
    undated = statement("Turnout was 47.5%.", "47.5%", source=7, published=None)
    other_day = statement("Turnout was 39.0%.", "39.0%", source=3, day=dt.date(2030, 5, 4))
    other_subject = statement("Turnout was 47.5%.", "47.5%", source=1, subject="harrowgate")
    evidence = [new, earlier, agreeing, same_day, later, undated, other_day, other_subject]
    kept, corrections = apply_corrections(evidence)
    assert [c.corrected for c in corrections] == [earlier]
    assert kept == [e for e in evidence if e is not earlier]


def test_a_claimant_corrects_its_own_figures_not_another_claimants() -> None:
    new = statement(
        "The Ashby board said turnout is revised to 44.2%", "44.2%", source=5, claimant="the Ashby board's chair"
    )
    new = msgspec.structs.replace(new, source_date=dt.date(2031, 5, 20))
    own = statement("Turnout was 47.5%, the board said", "47.5%", source=1, claimant="The Ashby Board")
    unnamed = statement("Turnout was 47.5%.", "47.5%", source=2)
    other = statement("Turnout was 47.5%, Acme said", "47.5%", source=3, claimant="Acme Polling")
    kept, corrections = apply_corrections([new, own, unnamed, other])
    assert [c.corrected for c in corrections] == [own]
    assert kept == [new, unnamed, other]
    # a correction nobody is named for is the publication reporting a revision: whoever stated what it revises
    anonymous = statement("Turnout in Ashby is revised to 44.2%", "44.2%", source=6, published=dt.date(2031, 5, 20))
    _, corrections = apply_corrections([anonymous, own, unnamed, other])
    assert [c.corrected for c in corrections] == [own, unnamed, other]


def test_a_later_correction_replaces_an_earlier_one_and_two_in_one_source_decide_nothing() -> None:
    first = statement("The toll was 40.", "40", source=1, published=dt.date(2031, 5, 5))
    revised = statement("The toll is revised to 55", "55", source=2, published=dt.date(2031, 5, 6))
    final = statement("The toll is revised to 50", "50", source=3, published=dt.date(2031, 5, 7))
    kept, corrections = apply_corrections([first, revised, final])
    assert kept == [final]
    assert {c.corrected.assertion_id: c.by for c in corrections} == {
        first.assertion_id: final,
        revised.assertion_id: final,
    }
    # a live page that revises twice: which came last is not known, so neither correction decides
    blog = [
        statement("The toll is revised to 55", "55", source=4, published=dt.date(2031, 5, 7)),
        statement("The toll is now revised to 50", "50", source=4, published=dt.date(2031, 5, 7)),
    ]
    kept, corrections = apply_corrections([first, *blog])
    assert kept == [first, *blog] and corrections == []


def test_a_value_answer_weighs_the_correction_and_cites_what_it_corrected() -> None:
    # three reports of the provisional figure outnumber the one correction; the correction still decides
    reports = [
        statement(f"Turnout in Ashby was 47.5% ({n}).", "47.5%", source=n, published=dt.date(2031, 5, 5))
        for n in (1, 2, 3)
    ]
    new = statement("Turnout in Ashby is revised to 44.2%", "44.2%", source=4, published=dt.date(2031, 5, 20))
    metric = MetricInfo(key="turnout", name="Turnout", unit="percent", kind=MetricKind.flow)
    kept, corrections = apply_corrections([*reports, new])
    found = answer_value_as_of(
        subject="ashby", metric=metric, flows=[], evidence=kept, as_of=DAY, corrections=corrections
    )
    assert found.best == 44.2
    assert [c.assertion_id for c in found.superseded if c.role == "corrected"] == [r.assertion_id for r in reports]
    assert "3 figure(s) were not weighed because a statement corrected them" in found.explanation
    # without the correction, the three reports would have been the answer
    plain = answer_value_as_of(subject="ashby", metric=metric, flows=[], evidence=reports, as_of=DAY)
    assert plain.best == 47.5
