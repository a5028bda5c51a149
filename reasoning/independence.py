"""Whether two sources repeat one wire story, and small fingerprints that find the candidates to compare."""

from __future__ import annotations

import hashlib
import itertools
import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from typing import Literal, NamedTuple

import msgspec

__all__ = [
    "DEFAULT_INDEPENDENCE_SETTINGS",
    "IndependenceSettings",
    "Link",
    "Marker",
    "MarkerKind",
    "SharedPassage",
    "compare_texts",
    "fingerprint",
    "group_origins",
    "wire_markers",
]


class IndependenceSettings(msgspec.Struct, frozen=True, kw_only=True):
    """How much two texts must share to count as one origin. Defaults are tuned on wire copy, not on topics."""

    # Eight words in a row rarely recur by chance in news prose but survive light edits between them.
    shingle_words: int = 8
    # Quotes are short and trimmed by each outlet, so they are matched on shorter runs.
    quote_words: int = 6
    # Running-text hashes kept per text: the smallest `fingerprint_size` among those below 1/sampling of the
    # hash range. The cut is content-defined, so a short text keeps the same hashes inside a longer copy.
    fingerprint_size: int = 40
    fingerprint_sampling: int = 8
    # Quote hashes are kept densely: a rewrite that keeps only the quotes (seeds 000/003) must still be found.
    quote_fingerprint_size: int = 24
    min_shared_fingerprints: int = 2  # a candidate for compare_texts, never a link by itself
    # Shared running text links two texts when it is long in absolute terms and a real part of the shorter.
    min_shared_passage_chars: int = 300
    min_shared_passage_share: float = 0.2
    # Otherwise: the same quoted words plus the same figures; a wire marker on either side lowers the
    # figures needed by `marker_figure_allowance`, never to a link on markers alone.
    min_shared_quote_words: int = 8
    min_shared_figures: int = 3
    marker_figure_allowance: int = 1
    min_figure_value: float = 10  # "two days", "one in eight" are shared by chance, not by copying
    max_repeats: int = 2  # places of a repeated shingle paired crosswise: repetitive texts stay linear
    max_passages: int = 50

    def __post_init__(self) -> None:
        if min(self.shingle_words, self.quote_words) < 2 or min(self.fingerprint_sampling, self.max_repeats) < 1:
            raise ValueError("shingles need 2 or more words; fingerprint_sampling and max_repeats 1 or more")


DEFAULT_INDEPENDENCE_SETTINGS = IndependenceSettings()

# wire_copy: the text is an agency's story; with_wires: it repeats agency copy; citation: it names an agency
# as a claimant ("Reuters reported"), which says nothing about where its own words come from.
MarkerKind = Literal["wire_copy", "with_wires", "citation"]


class Marker(msgspec.Struct, frozen=True, kw_only=True):
    """A mention of a news agency at `text[start:end]`; `agency` is canonical, "newswires" when unnamed."""

    kind: MarkerKind
    agency: str
    start: int
    end: int
    text: str


class SharedPassage(msgspec.Struct, frozen=True, kw_only=True):
    """Running text both sources carry: offsets in each, and the words as they stand in the first."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    text: str


class Link(msgspec.Struct, frozen=True, kw_only=True):
    """Evidence that two texts repeat one story. `score` (0 to 1) ranks links; the rules decide them."""

    shared_passages: list[SharedPassage]
    shared_quotes: list[str]
    shared_figures: list[str]
    score: float
    reasons: list[str]


class _Token(NamedTuple):
    word: str
    start: int
    end: int
    quote: int  # index of the direct quotation holding the word, -1 outside quotes


class _Run(NamedTuple):
    a: int  # first word in a
    b: int  # first word in b
    words: int


_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_QUOTE = re.compile(r'["“”]([^"“”\n]{1,2000}?)["“”]')  # no line breaks: an unclosed quote stays local
_SPELLING = re.compile(r"(?<=\w\w)([iy])s(e|ed|es|ing|ation|ations)$")  # outlets localise "mobilise"

_AGENCY = {
    "AFP": "AFP",
    "Agence France-Presse": "AFP",
    "Agence France Presse": "AFP",
    "Reuters": "Reuters",
    "AP": "AP",
    "Associated Press": "AP",
    "dpa": "dpa",
    "EFE": "EFE",
    "ANSA": "ANSA",
    "Xinhua": "Xinhua",
    "PTI": "PTI",
    "IANS": "IANS",
    "UPI": "UPI",
    "Bloomberg": "Bloomberg",
    "Kyodo": "Kyodo",
}
_A = r"\b(?P<agency>" + "|".join(re.escape(n) for n in sorted(_AGENCY, key=len, reverse=True)) + r")\b"
_ANY = _A.replace("?P<agency>", "?:")
_W = r"(?i:news\s?wires|wires|wire services|(?:news )?agencies)"
_MARKER_PATTERNS: list[tuple[MarkerKind, str, str]] = [
    ("with_wires", "newswires", rf"\(\s*(?i:with)\s+(?:{_A}|{_W})(?:\s*(?:,|/|and)\s*(?:{_ANY}|{_W}))*\s*\)"),
    ("with_wires", "newswires", rf"(?i:with (?:inputs?|reporting|material) from)\s+(?:(?i:the)\s+)?(?:{_A}|{_W})"),
    ("with_wires", "newswires", rf"(?:{_A}|{_W})\s+(?i:contributed to this (?:report|story|article))"),
    ("wire_copy", "", rf"\(\s*{_A}\s*\)(?=\s*[-—–:])"),  # dateline: "PORT-AU-PRINCE (AFP) :"
    ("wire_copy", "", rf"(?:^|[—–-])[ \t]*(?:(?i:by)[ \t]+)?{_A}[ \t]*\.?[ \t]*$"),  # byline, "— AP"
    ("wire_copy", "Reuters", r"(?i:reporting by [^;\n)]{1,120};[^\n)]{0,120}editing by [^\n)]{1,120})"),
    ("citation", "", rf"(?:(?i:according to|told|quoted by|cited by|reported by)\s+(?:(?i:the)\s+)?){_A}"),
    (
        "citation",
        "",
        rf"{_A}(?:\s+news agency)?(?:\s+(?:\w+ly|earlier|also|first))?\s+"
        r"(?:reported|reports|said|says|quoted|cited|journalists?|reporters?|correspondents?)",
    ),
]
_MARKERS = [(kind, default, re.compile(pattern, re.MULTILINE)) for kind, default, pattern in _MARKER_PATTERNS]
_MARKED = {"wire_copy": "is agency copy", "with_wires": "says it repeats agency copy", "citation": "cites an agency"}
_NUMBER_WORDS = {"a": 1, "an": 1} | dict(
    zip("one two three four five six seven eight nine ten".split(), range(1, 11), strict=False)
)
_NUMBER_WORDS |= {w: 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_FIGURE = re.compile(
    r"(?<![\w.,])(?:(?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?!\d|st\b|nd\b|rd\b|th\b)|(?P<word>"
    + "|".join(_NUMBER_WORDS)
    + r")\b)(?:\s*(?P<pct>%|percent\b|per cent\b)|\s+(?P<scale>"
    + "|".join(_SCALES)
    + r")\b)?",
    re.IGNORECASE,
)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_MONTH_AFTER = re.compile(r"\s+" + _MONTH + r"\b", re.IGNORECASE)
_MONTH_BEFORE = re.compile(r"\b" + _MONTH + r"\s+$", re.IGNORECASE)


def fingerprint(text: str, settings: IndependenceSettings = DEFAULT_INDEPENDENCE_SETTINGS) -> list[int]:
    """A few 63-bit hashes (0 <= h < 2**63, so a signed BIGINT holds them) of normalised word shingles.

    Sources sharing `min_shared_fingerprints` of them are candidates for `compare_texts`. blake2b, not
    hash(), so the values are the same in every process and on every machine.
    """
    tokens = _tokens(text)
    cut = (1 << 63) // settings.fingerprint_sampling
    running = sorted(h for h in {_hash63(s, b"text") for s in _shingles(tokens, settings.shingle_words)} if h < cut)
    quoted = sorted({_hash63(s, b"quote") for s in _shingles(tokens, settings.quote_words, quoted=True)})
    return sorted(set(running[: settings.fingerprint_size]) | set(quoted[: settings.quote_fingerprint_size]))


def wire_markers(text: str) -> list[Marker]:
    """News-agency marks in a text, in text order; where marks overlap, the one listed first in _MARKERS wins."""
    found: list[Marker] = []
    starts: list[int] = []  # found's starts, kept beside it so each overlap check is a bisection
    for kind, default, pattern in _MARKERS:
        for m in pattern.finditer(text):
            start = m.start() + len(m.group()) - len(m.group().lstrip())  # a sign-off line: not its indent
            at = bisect_right(starts, start)
            if (at and found[at - 1].end > start) or (at < len(found) and found[at].start < m.end()):
                continue
            agency = _AGENCY[named] if (named := m.groupdict().get("agency")) else default
            found.insert(at, Marker(kind=kind, agency=agency, start=start, end=m.end(), text=text[start : m.end()]))
            starts.insert(at, start)
    return found


def compare_texts(a: str, b: str, settings: IndependenceSettings = DEFAULT_INDEPENDENCE_SETTINGS) -> Link | None:
    """The evidence that `a` and `b` repeat one story, or None when they are independent.

    Linked when they share long running text, or the same quoted words plus the same figures. Runs in
    time about linear in the texts: shingles are hashed, and a repeated shingle is paired a bounded number of times.
    """
    ta, tb = _tokens(a), _tokens(b)
    runs = _shared_runs(ta, tb, settings.shingle_words, settings.max_repeats)
    spans = [(ta[r.a].start, ta[r.a + r.words - 1].end, tb[r.b].start, tb[r.b + r.words - 1].end) for r in runs]
    passage_chars = min(_union((s[0], s[1]) for s in spans), _union((s[2], s[3]) for s in spans))
    share = passage_chars / max(1, min(len(a.strip()), len(b.strip())))
    quote_runs = _shared_runs(ta, tb, settings.quote_words, settings.max_repeats, quoted=True)
    quote_words = min(
        _union((r.a, r.a + r.words) for r in quote_runs), _union((r.b, r.b + r.words) for r in quote_runs)
    )
    figures = sorted(_figures(a, settings) & _figures(b, settings))
    marks = [(side, m) for side, t in (("first", a), ("second", b)) for m in wire_markers(t) if m.kind != "citation"]
    agencies = [{m.agency for side, m in marks if side == which} for which in ("first", "second")]
    # AFP copy beside Reuters copy is two agencies' work: their marks then argue for independence, not against.
    rivals = all(agencies) and not agencies[0] & agencies[1] and "newswires" not in agencies[0] | agencies[1]
    needed = settings.min_shared_figures - (settings.marker_figure_allowance if marks and not rivals else 0)
    by_passages = passage_chars >= settings.min_shared_passage_chars and share >= settings.min_shared_passage_share
    by_quotes = quote_words >= settings.min_shared_quote_words and len(figures) >= needed
    if not (by_passages or by_quotes):
        return None
    # Sorted, not in either text's order, so comparing a with b tells the same as comparing b with a.
    quotes = sorted({" ".join(t.word for t in ta[r.a : r.a + r.words]) for r in quote_runs})
    labels = [_label(value, pct) for value, pct in figures]
    longest = sorted(spans, key=lambda s: (s[0] - s[1], s[0]))[: settings.max_passages]
    passages = [SharedPassage(a_start=p, a_end=q, b_start=r, b_end=s, text=a[p:q]) for p, q, r, s in sorted(longest)]
    basis = " and ".join(
        ([f"{passage_chars:,} characters of shared running text"] if by_passages else [])
        + ([f"{quote_words} quoted words in common with {len(figures)} shared figures"] if by_quotes else [])
    )
    reasons = [f"Counted as one origin: {basis}."]
    if spans:
        reasons.append(
            f"They share {_count(len(spans), 'passage')} of {settings.shingle_words} or more words in a row, "
            f"{passage_chars:,} characters in all ({share:.0%} of the shorter text), the longest "
            f"{max(s[1] - s[0] for s in spans):,} characters; running text alone links from "
            f"{settings.min_shared_passage_chars:,} characters and {settings.min_shared_passage_share:.0%}."
        )
    if quotes:
        reasons.append(f"Both quote the same {quote_words} words: " + "; ".join(f"“{q}”" for q in quotes) + ".")
    if labels:
        reasons.append(f"Both state the same {_count(len(labels), 'figure')}: {', '.join(labels)}.")
    reasons += [f"The {side} text {_MARKED[m.kind]} ({m.agency}): “{m.text}”." for side, m in marks]
    # A noisy-or of the evidence, each capped: it ranks links for a reader, the rules above decide them.
    weak = (
        (1 - min(1.0, share / 0.5))
        * (1 - 0.7 * min(1.0, quote_words / (2 * settings.min_shared_quote_words)))
        * (1 - 0.3 * min(1.0, len(figures) / (2 * settings.min_shared_figures)))
        * (1 - 0.1 * bool(marks))
    )
    score = round(1 - weak, 3)
    return Link(shared_passages=passages, shared_quotes=quotes, shared_figures=labels, score=score, reasons=reasons)


def group_origins(links: Iterable[tuple[int, int]], sources: Iterable[int] = ()) -> dict[int, str]:
    """Linked source ids (and any `sources`, alone if unlinked) -> "origin:<smallest id in its group>"."""
    parent: dict[int, int] = {}

    def root(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = x = parent[parent[x]]  # path halving keeps chains short
        return x

    for x in sources:
        root(x)
    for x, y in links:
        rx, ry = root(x), root(y)
        parent[max(rx, ry)] = min(rx, ry)  # the smaller root wins, so every root is its group's smallest id
    return {x: f"origin:{root(x)}" for x in sorted(parent)}


def _tokens(text: str) -> list[_Token]:
    quotes = [(m.start(1), m.end(1)) for m in _QUOTE.finditer(text)]
    starts = [s for s, _ in quotes]
    out = []
    for m in _WORD.finditer(text):
        k = bisect_right(starts, m.start()) - 1
        word = _SPELLING.sub(r"\1z\2", m.group().casefold().replace("’", "'"))
        out.append(_Token(word, m.start(), m.end(), k if k >= 0 and m.end() <= quotes[k][1] else -1))
    return out


def _shingles(tokens: Sequence[_Token], n: int, *, quoted: bool = False) -> dict[str, list[int]]:
    """Each run of `n` words -> where it starts; with `quoted`, only runs inside one direct quotation."""
    index: dict[str, list[int]] = {}
    words = [t.word for t in tokens]
    for i in range(len(tokens) - n + 1):
        if not quoted or (tokens[i].quote >= 0 and tokens[i].quote == tokens[i + n - 1].quote):
            index.setdefault(" ".join(words[i : i + n]), []).append(i)
    return index


def _shared_runs(ta: Sequence[_Token], tb: Sequence[_Token], n: int, repeats: int, quoted: bool = False) -> list[_Run]:
    """Maximal runs of words both texts carry, from shingles matched on the same diagonal (offset b - a).

    A repeated shingle pairs its k-th place in a with its k-th in b (repeated text lines up in order) and its
    first `repeats` places in each with one another (a passage moved past a repeat): linear, and symmetric.
    """
    ia, ib = _shingles(ta, n, quoted=quoted), _shingles(tb, n, quoted=quoted)
    pairs = sorted(
        {
            (j - i, i)
            for key, pa in ia.items()
            if (pb := ib.get(key))
            for i, j in [*zip(pa, pb, strict=False), *itertools.product(pa[:repeats], pb[:repeats])]
        }
    )
    runs: list[_Run] = []
    for d, i in pairs:
        last = runs[-1] if runs else None
        if last is not None and last.b - last.a == d and last.a + last.words - n + 1 == i:
            runs[-1] = last._replace(words=last.words + 1)
        else:
            runs.append(_Run(i, i + d, n))
    return runs


def _union(intervals: Iterable[tuple[int, int]]) -> int:
    total, reach = 0, -1
    for start, end in sorted(intervals):
        total += max(0, end - max(start, reach))
        reach = max(reach, end)
    return total


def _figures(text: str, settings: IndependenceSettings) -> set[tuple[float, bool]]:
    """Distinct (value, is_percent) in the text: years and day numbers of dates left out."""
    found = set()
    for m in _FIGURE.finditer(text):
        digits, word, pct, scale = m["digits"], m["word"], bool(m["pct"]), m["scale"]
        if word and not (scale or pct):
            continue  # "a", "one" alone are words, not figures
        value = float(digits.replace(",", "")) if digits else float(_NUMBER_WORDS[word.lower()])
        value *= _SCALES[scale.lower()] if scale else 1
        year = digits is not None and len(digits) == 4 and 1900 <= value <= 2100 and not (pct or scale)
        day = _MONTH_AFTER.match(text, m.end()) or _MONTH_BEFORE.search(text[max(0, m.start() - 12) : m.start()])
        if not (year or day) and (pct or value >= settings.min_figure_value):
            found.add((value, pct))
    return found


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'s' * (n != 1)}"


def _label(value: float, pct: bool) -> str:
    return (f"{value:,.0f}" if value == int(value) else f"{value:,}") + ("%" if pct else "")


def _hash63(shingle: str, namespace: bytes) -> int:
    digest = hashlib.blake2b(shingle.encode("utf-8"), digest_size=8, person=namespace).digest()
    return int.from_bytes(digest, "big") >> 1
