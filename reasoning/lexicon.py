"""The lexicon: how names and aliases are normalised and matched against entities and metrics."""

from __future__ import annotations

import difflib
import re
import unicodedata

_SPACES = re.compile(r"\s+")
# Typographic apostrophes and dashes would make "Kenya’s" and "Kenya's" different names.
_TYPOGRAPHY = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def normalize_name(name: str) -> str:
    """The form names are compared in: NFKC, typographic marks folded, lower case, single spaces."""
    folded = unicodedata.normalize("NFKC", name).translate(_TYPOGRAPHY).casefold()
    return _SPACES.sub(" ", folded).strip()


def closest_names(name: str, candidates: list[str], *, limit: int = 5) -> list[str]:
    """The known names nearest to an unknown one, for a 'did you mean' hint."""
    normalized = {normalize_name(candidate): candidate for candidate in candidates}
    matches = difflib.get_close_matches(normalize_name(name), list(normalized), n=limit, cutoff=0.5)
    return [normalized[match] for match in matches]


def word_forms(word: str) -> list[str]:
    """A head noun and its plural or singular, so an alias in one number finds the other ("bus", "buses")."""
    forms = [word]
    if not word.isalpha() or len(word) < 3:
        return forms
    if word.endswith("ies") and len(word) > 4:
        forms.append(word[:-3] + "y")
    elif word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        forms.append(word[:-1])
    elif word.endswith("y") and word[-2] not in "aeiou":
        forms.append(word[:-1] + "ies")
    elif not word.endswith("s"):
        forms.append(word + ("es" if word.endswith(("x", "ch", "sh")) else "s"))
    if word.endswith(("ses", "xes", "zes", "ches", "shes")) and len(word) > 4:
        forms.append(word[:-2])  # buses -> bus, churches -> church
    elif word.endswith(("s", "x", "z", "ch", "sh")) and not word.endswith("es"):
        forms.append(word + "es")  # bus -> buses
    return list(dict.fromkeys(forms))
