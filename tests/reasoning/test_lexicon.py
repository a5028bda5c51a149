"""Names and the phrases a sentence is searched for, so the store is asked only for what a sentence names."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reasoning.lexicon import candidate_phrases, normalize_name, word_forms


@pytest.mark.parametrize(
    ("sentence", "alias"),
    [
        ("How many Kenyan police officers were in Haiti?", "Kenyan police officers"),
        ("How many Kenyan police officers were in Haiti?", "Haiti"),
        ("How many Kenyan police officers were in Haiti?", "police officer"),
        ("Kenya's interior ministry said 144 officers arrived", "Kenya"),
        ("Kenya’s interior ministry said 144 officers arrived", "Kenya's interior ministry"),
        ("The U.N. said 315 lynchings were recorded", "U.N."),
        ("Riverton runs 300 buses.", "bus"),
        ("Over a million Haitians have been displaced", "Haitian"),
        ("The Port-au-Prince airport", "Port-au-Prince"),
    ],
)
def test_a_sentence_yields_the_phrase_of_every_alias_it_mentions(sentence: str, alias: str) -> None:
    assert normalize_name(alias) in candidate_phrases(sentence)


def test_phrases_are_bounded_by_the_longest_alias() -> None:
    phrases = candidate_phrases("one two three four five six seven eight nine ten", max_words=3)
    assert "one two three" in phrases and "one two three four" not in phrases


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


@given(
    st.lists(
        st.sampled_from(["Riverton", "buses", "ran", "300", "the", "city's", "fleet,", "“quoted”"]),
        min_size=1,
        max_size=12,
    )
)
def test_every_run_of_words_is_a_candidate(words: list[str]) -> None:
    phrases = candidate_phrases(" ".join(words))
    for start in range(len(words)):
        for end in range(start + 1, min(len(words), start + 8) + 1):
            assert normalize_name(" ".join(words[start:end])) in phrases
