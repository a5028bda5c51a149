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
