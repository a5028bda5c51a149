"""Names in the form they are compared in, the singular and plural of a head noun, and the reading layer's own
rules on hand-built readings (no pipeline): word families at the edges of their suffix lengths, which token covers
an offset, which tokens overlap a span, and a token's subtree."""

from __future__ import annotations

import pytest

from reasoning.english import lemma_sequence, same_word, word_family
from reasoning.lexicon import word_forms
from tests.reasoning.parses import hand_parse


@pytest.mark.parametrize(
    ("word", "forms"),
    [
        ("bus", {"bus", "buses"}),
        ("buses", {"bus"}),
        ("cities", {"city"}),
        ("officer", {"officers"}),
        ("churches", {"church"}),
    ],
)
def test_word_forms_give_singular_and_plural(word: str, forms: set[str]) -> None:
    assert forms <= set(word_forms(word))


# "Ten ferries sailed from the harbor": sailed <- ferries <- Ten; sailed <- from <- harbor <- the.
SAILED = hand_parse(
    ("Ten", "ten", "NUM", "dep", 1),
    ("ferries", "ferry", "NOUN", "dep", 2),
    ("sailed", "sail", "VERB", "ROOT", 2),
    ("from", "from", "ADP", "dep", 2),
    ("the", "the", "DET", "dep", 5),
    ("harbor", "harbor", "NOUN", "dep", 3),
)


@pytest.mark.parametrize(
    ("lemma", "family"),
    [
        ("death", "die"),  # irregular: the noun made from "die"
        ("sale", "sell"),
        ("evacuation", "evacu"),
        ("evacuate", "evacu"),  # a verb in -ate longer than six letters loses it
        ("imitate", "imit"),  # seven letters: still longer than six
        ("create", "creat"),  # six letters: keeps "at", loses only its final e
        ("estimate", "estim"),
        ("arrival", "arriv"),
        ("arrive", "arriv"),
        ("rental", "rent"),  # four letters left before "al": a stem
        ("petal", "petal"),  # three letters left: not a suffix
        ("ruling", "rul"),  # three letters left before "ing" are enough
        ("rule", "rul"),
        ("owing", "owing"),  # two letters left before "ing": not a suffix
        ("closure", "clos"),
        ("rise", "ris"),  # four letters ending in e lose it
        ("use", "use"),  # three do not
    ],
)
def test_a_word_family_is_the_stem_a_verb_shares_with_the_nouns_made_from_it(lemma: str, family: str) -> None:
    assert word_family(lemma) == family


@pytest.mark.parametrize(
    ("text", "lemma", "alias", "same"),
    [
        ("doses", "dose", "dose", True),  # the same lemma
        ("Doses", "dosis", "doses", True),  # the same spelling, whatever the lemma
        ("died", "die", "death", True),  # a verb and the noun made from it
        ("death", "death", "die", True),  # three letters are enough to be a word's family
        ("arrived", "arrive", "arrival", True),
        ("rulings", "ruling", "rule", True),
        ("evacuations", "evacuation", "evacuate", True),
        ("vaccinated", "vaccinate", "vaccine", False),  # two words that merely share a stem
        ("sing", "sing", "singe", False),  # "sing" is too short to be made with "-ing": two words, no family
        ("evacuations", "evacuation", "evacuations", True),  # the spelling again
        ("arrivals", "arrival", "arrivalx", False),  # two nouns: neither is made from the other
        ("rented", "rent", "rental", True),
        ("at", "at", "ate", False),
        ("diet", "diet", "di", False),  # an alias word shorter than three letters is never a family
        ("4x4", "4x4", "die", False),  # not a word
        ("death", "death", "die-", False),
    ],
)
def test_a_token_is_an_alias_word_by_lemma_spelling_or_family(text: str, lemma: str, alias: str, same: bool) -> None:
    assert same_word(hand_parse((text, lemma, "NOUN", "dep", 0)).tokens[0], alias) is same


@pytest.mark.parametrize(
    ("offset", "covering"),
    [(0, "Ten"), (2, "Ten"), (3, None), (4, "ferries"), (10, "ferries"), (11, None), (33, "harbor"), (34, None)],
)
def test_the_token_at_an_offset_covers_it_from_its_first_character_to_before_its_end(
    offset: int, covering: str | None
) -> None:
    found = SAILED.token_at(offset)
    assert (found.text if found else None) == covering


@pytest.mark.parametrize(
    ("start", "end", "words"),
    [
        (4, 11, ["ferries"]),
        (3, 4, []),  # the space between two words
        (2, 5, ["Ten", "ferries"]),  # one character of each
        (11, 12, []),  # ends where "sailed" starts: no overlap
        (10, 12, ["ferries"]),
        (0, 34, ["Ten", "ferries", "sailed", "from", "the", "harbor"]),
    ],
)
def test_the_tokens_in_a_span_are_those_that_overlap_it(start: int, end: int, words: list[str]) -> None:
    assert [t.text for t in SAILED.tokens_in(start, end)] == words


@pytest.mark.parametrize(
    ("index", "words"),
    [
        (2, ["Ten", "ferries", "sailed", "from", "the", "harbor"]),
        (3, ["from", "the", "harbor"]),  # two levels down
        (1, ["Ten", "ferries"]),
        (4, ["the"]),
    ],
)
def test_a_subtree_is_the_token_and_all_that_depends_on_it_in_text_order(index: int, words: list[str]) -> None:
    assert [t.text for t in SAILED.subtree(index)] == words


def test_a_root_is_not_its_own_child_and_the_lemma_sequence_keeps_text_order() -> None:
    assert [t.text for t in SAILED.children(2)] == ["ferries", "from"]
    assert lemma_sequence(SAILED.tokens[:3]) == ("ten", "ferry", "sail")
