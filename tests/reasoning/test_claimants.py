"""Who a sentence says stated a figure, and which stored claimants are that one, on a made-up topic."""

from __future__ import annotations

import msgspec
import pytest

from reasoning.claimants import find_claimants, said_by
from reasoning.english import read
from reasoning.evidence import Lexicon, Term

LEXICON = Lexicon(
    entities=(
        Term(key="ashby", name="Ashby (town)", aliases=("Ashby",)),
        Term(key="harrowgate", name="Harrowgate (town)", aliases=("Harrowgate",)),
        Term(key="tidewater", name="Tidewater Party", aliases=("Tidewater Party", "the Tidewater Party")),
    ),
    metrics=(Term(key="deaths", name="Storm deaths", aliases=("death toll", "dead")),),
)


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        ("According to the civil defence office, how many died in Ashby?", "civil defence office"),
        ("According to Harrowgate, how many died in Ashby?", "Harrowgate"),  # a known name, all the same
        ("Ruritania's civil defence office put the death toll at 40.", "Ruritania's civil defence office"),
        ("The mayor of Ashby said 40 people had died in his town.", "mayor of Ashby"),
        ("The Health Ministry's death toll in Ashby rose to 40.", "Health Ministry"),
        ("Health Minister Ivana Preskal reported 40 dead in Ashby.", "Health Minister Ivana Preskal"),
        ("When was the death toll first put at 40 by the civil defence office?", "civil defence office"),
        ("When did the civil defence office first put the death toll above 40?", "civil defence office"),
        ("When was the Tidewater Party's seat total first put at 9?", None),  # what was put, not who put it
        # a subject the store knows is what the sentence is about, not who stated it
        ("The Tidewater Party said it had won 9 seats.", None),
        ("Ashby's death toll rose to 40.", None),
        ("It reported 40 dead in Ashby.", None),  # a pronoun names no one
        ("40 people died in Ashby.", None),
        # acts, not statements; an owner that is no organisation or person
        ("The Arcadia Trust gave 300 sandbags to Harrowgate.", None),
        ("The storm put 40 people in hospital in Ashby.", None),
        ("The town of Ashby recorded 40 dead.", None),
        ("The country's death toll rose to 40.", None),
        ("Volunteers put 300 sandbags around the school in Ashby.", None),
    ],
)
def test_the_claimant_a_sentence_names(text: str, claimant: str | None) -> None:
    found = find_claimants(read(text), LEXICON)
    assert (found[0].text if found else None) == claimant
    for each in found:
        assert text[each.span[0] : each.span[1]] == each.text


@pytest.mark.parametrize(
    ("stored", "claimant"),
    [
        (("National Civil Defence Office",), "civil defence"),  # the store's claimant confirms the owner
        ((), None),  # no claimant confirms it: an owner that is no organisation or person
        (("Health Ministry",), None),  # another claimant
        (("the civil defence's press office",), None),  # a claimant with an owner of its own
    ],
)
def test_a_common_noun_owning_a_measure_is_a_claimant_only_when_a_stored_claimant_confirms_it(
    stored: tuple[str, ...], claimant: str | None
) -> None:
    lexicon = msgspec.structs.replace(LEXICON, claimants=stored)
    found = find_claimants(read("The civil defence's death toll in Ashby rose to 40."), lexicon)
    assert (found[0].text if found else None) == claimant


@pytest.mark.parametrize(
    ("text", "stored", "claimant"),
    [
        # one word confirms only as the head of a stored claimant: a word it merely holds may be what is counted
        ("The ministry's death toll in Ashby rose to 40.", ("Health Ministry",), "ministry"),
        ("The storm's death toll in Ashby rose to 40.", ("Storm Response Centre",), None),
        ("The town's death toll in Ashby rose to 40.", ("Ashby Town Council",), None),
        # the owner of a stated figure of the measure, not only of the measure's own word
        ("The ministry's count of the dead in Ashby was 40.", ("Health Ministry",), "ministry"),
        ("The ministry's tally of the dead in Ashby was 40.", ("Health Ministry",), "ministry"),
        ("The ministry's count of sandbags in Ashby was 40.", ("Health Ministry",), None),  # no measure known
    ],
)
def test_one_word_owns_a_measure_as_the_head_of_a_stored_claimant(
    text: str, stored: tuple[str, ...], claimant: str | None
) -> None:
    found = find_claimants(read(text), msgspec.structs.replace(LEXICON, claimants=stored))
    assert (found[0].text if found else None) == claimant


@pytest.mark.parametrize(
    "text",
    [
        "The death toll in Ashby was 40, according to the civil defence office, and the toll in Harrowgate was 12.",
        "The death toll in Ashby was 40, the civil defence office said, and the toll in Harrowgate was 12.",
    ],
)
def test_a_claimant_speaks_for_its_clause_not_the_one_joined_to_it(text: str) -> None:
    claimants = find_claimants(read(text), LEXICON)
    forty, twelve = ((text.index(n), text.index(n) + 2) for n in ("40", "12"))
    assert [c.text for c in claimants if c.covers(forty)] == ["civil defence office"]
    assert not any(c.covers(twelve) for c in claimants)


def test_a_claimant_speaks_only_for_the_clause_of_its_verb() -> None:
    text = "The storm, which residents said was the worst in decades, killed 40 people in Ashby."
    figure = (text.index("40"), text.index("40") + 2)
    assert [c.text for c in find_claimants(read(text), LEXICON)] == ["residents"]
    assert not any(c.covers(figure) for c in find_claimants(read(text), LEXICON))


@pytest.mark.parametrize(
    ("phrase", "stored", "same"),
    [
        ("civil defence office", "National Civil Defence Office", True),
        ("civil defence office", "Health Ministry", False),
        ("civil defence office", None, False),  # an unattributed statement is no one's
        # an owner the stored claimant leaves unsaid may be meant; one it names otherwise is another claimant
        ("Ruritania's interior ministry", "Interior Ministry", True),
        ("Ruritania's interior ministry", "Freedonia's interior ministry", False),
        ("Ruritania's interior ministry", "Ruritania's interior ministry", True),
        # a subject the store knows tells two claimants of one title apart
        ("mayor of Ashby", "Jo Bloggs, mayor of Ashby", True),
        ("mayor of Ashby", "Jo Bloggs, mayor of Harrowgate", False),
        ("Health Ministry", "Health Minister Ivana Preskal", False),  # a minister is not the ministry
        # a common noun that owns the claimant is always its own ("the governor's office")
        ("governor's office", "Health Ministry press office", False),
        ("governor's office", "the governor's office (Ashby)", True),
        ("U.N.", "the U.N.", True),
        # a name the store knows, alone: said by that name
        ("Harrowgate", "Harrowgate town council", True),
        ("Harrowgate", "Ashby town council", False),
    ],
)
def test_which_stored_claimants_are_the_one_named(phrase: str, stored: str | None, same: bool) -> None:
    assert said_by(phrase, LEXICON)(stored) is same
