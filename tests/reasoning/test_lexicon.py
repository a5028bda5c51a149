"""Names in the form they are compared in, and the singular and plural of a head noun."""

from __future__ import annotations

import pytest

from reasoning.lexicon import word_forms


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
