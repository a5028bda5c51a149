"""Independence: texts that repeat one wire story link as one origin; independent reports of one event do not."""

from __future__ import annotations

import itertools
import os
import random
import subprocess
import sys
from functools import cache
from pathlib import Path

import msgspec
import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from reasoning.independence import (
    DEFAULT_INDEPENDENCE_SETTINGS,
    IndependenceSettings,
    Link,
    compare_texts,
    fingerprint,
    group_origins,
    wire_markers,
)

ROOT = Path(__file__).resolve().parents[2]
TEXTS = ROOT / "seeds" / "texts"


@cache
def seed(number: str) -> str:
    (path,) = TEXTS.glob(f"{number}_*.txt")
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


SEEDS = ["000", "001", "002", "003", "004"]
SEED_PAIRS = [(a, b, {a, b} == {"000", "003"}) for a, b in itertools.combinations(SEEDS, 2)]

# --- made-up texts --------------------------------------------------------------------------------------------

PORT_STRIKE_WIRE = """ROTTERDAM (Reuters) - Dock workers at Rotterdam, Europe's busiest port, walked out on Monday \
in a 48-hour strike over pay, halting container traffic and leaving 37 ships waiting at anchor off the Dutch coast.

The FNV union said about 4,200 workers had joined the stoppage after talks with employers broke down late on \
Sunday. The union is seeking a 7.5% wage increase to offset inflation, while the employers' association has \
offered 3.1% spread over two years.

"We did not want this strike, but the employers left us no choice when they walked away from the table," said \
union negotiator Anna de Vries. "Our members keep this port running day and night and they deserve a fair share."

The port authority said it expected delays to ripple through supply chains across northern Europe, with \
terminals in Antwerp and Hamburg already reporting a build-up of diverted cargo. Shipping companies warned \
customers that deliveries of consumer goods could be held up for several days.

A spokesperson for the employers said the offer was generous given the economic outlook and urged the union to \
return to talks. No new negotiations have been scheduled.

Reporting by Bart Meijer; Editing by Mark Potter
"""

PORT_STRIKE_REPRINT = """Rotterdam port strike strands ships

Dock workers at Rotterdam, Europe’s busiest port, walked out Monday in a 48-hour strike over pay, halting \
container traffic and leaving 37 ships waiting at anchor off the Dutch coast.

The FNV union said about 4,200 workers had joined the stoppage after talks with employers broke down late \
Sunday. The union is seeking a 7.5% wage increase to offset inflation, while the employers’ association has \
offered 3.1% spread over two years.

“We did not want this strike, but the employers left us no choice when they walked away from the table,” said \
union negotiator Anna de Vries.

The port authority said it expected delays to ripple through supply chains across northern Europe — with \
terminals in Antwerp and Hamburg already reporting a build-up of diverted cargo. Shipping companies warned \
customers that deliveries could be held up for several days.

(With inputs from Reuters)
"""

PORT_STRIKE_INDEPENDENT = """ROTTERDAM (AFP) - Some 4,200 dockers downed tools in Rotterdam on Monday, AFP journalists \
saw, as a 48-hour walkout brought Europe's largest port to a near standstill.

By midday 37 vessels were queuing offshore, according to the harbour master's office. Workers want pay rises of \
7.5% this year; the employers have put 3.1% on the table, staggered until 2026.

"It is quiet here, too quiet," a crane operator who gave his name only as Joost told AFP at the gates of the \
Maasvlakte terminal. "Nobody wants to lose two days of pay, but nobody is going back in either."

Economists at ING said a prolonged dispute would weigh on Dutch exports, which rely heavily on the port, and \
freight forwarders began rerouting cargo towards Belgium and Germany.
"""

SAME_QUOTE_TWO_FIGURES = (
    """Officials said 4,200 workers joined the strike on Monday and 37 ships were stranded. "We did not want this """
    """strike, but the employers left us no choice," the union negotiator said."""
)
SAME_QUOTE_TWO_FIGURES_ELSEWHERE = (
    """Around the harbour, 37 ships waited while the 4,200 strikers picketed terminal gates. “We did not want this """
    """strike, but the employers left us no choice,” she told reporters outside the union office."""
)


# --- the seed corpus ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("a", "b", "linked"), SEED_PAIRS, ids=[f"{a}-{b}" for a, b, _ in SEED_PAIRS])
def test_only_seeds_000_and_003_repeat_one_wire_story(a: str, b: str, linked: bool) -> None:
    assert (compare_texts(seed(a), seed(b)) is not None) is linked
    assert (compare_texts(seed(b), seed(a)) is not None) is linked


def test_000_and_003_share_the_interior_minister_quote_and_the_figures() -> None:
    link = compare_texts(seed("000"), seed("003"))
    assert link is not None
    assert "our commitment to this historic mission is unwavering" in link.shared_quotes
    assert {"217", "3,100", "10", "20"} <= set(link.shared_figures)
    assert link.reasons[0].startswith("Counted as one origin: ")
    assert any("our commitment to this historic mission is unwavering" in reason for reason in link.reasons)
    assert any("217, 1,000, 3,100" in reason for reason in link.reasons)
    assert any("(with newswires)" in reason for reason in link.reasons)


def test_000_and_001_share_figures_and_agency_marks_but_no_quotes_so_are_independent() -> None:
    assert any(m.kind == "with_wires" for m in wire_markers(seed("000")))
    assert any(m.kind == "wire_copy" for m in wire_markers(seed("001")))
    assert compare_texts(seed("000"), seed("001")) is None


def test_fingerprints_make_000_and_003_candidates_and_no_other_seed_pair() -> None:
    need = DEFAULT_INDEPENDENCE_SETTINGS.min_shared_fingerprints
    for a, b, linked in SEED_PAIRS:
        shared = set(fingerprint(seed(a))) & set(fingerprint(seed(b)))
        assert (len(shared) >= need) is linked, (a, b, len(shared))


SEED_MARKERS = [
    ("000", [("citation", "Reuters", "Reuters news agency reported"), ("with_wires", "newswires", "(with newswires)")]),
    ("001", [("wire_copy", "AFP", "(AFP)"), ("citation", "AFP", "AFP journalists")]),
    ("002", []),
    ("003", [("citation", "Reuters", "Reuters recently reported")]),
    ("004", []),
]


@pytest.mark.parametrize(("number", "expected"), SEED_MARKERS)
def test_seed_wire_markers_tell_wire_copy_from_citing_an_agency(
    number: str, expected: list[tuple[str, str, str]]
) -> None:
    markers = wire_markers(seed(number))
    assert [(m.kind, m.agency, m.text) for m in markers] == expected
    assert all(seed(number)[m.start : m.end] == m.text for m in markers)


# --- wire markers ---------------------------------------------------------------------------------------------

MARKERS = [
    ("PORT -AU-PRINCE (AFP) : A new contingent arrived", "wire_copy", "AFP", "(AFP)"),
    ("NAIROBI, Jan 18 (Reuters) - Kenya said", "wire_copy", "Reuters", "(Reuters)"),
    ("WASHINGTON (AP) — The State Department", "wire_copy", "AP", "(AP)"),
    ("Six people were hurt.\n— AP\n", "wire_copy", "AP", "— AP"),
    ("Six people were hurt.\n\nAgence France-Presse\n", "wire_copy", "AFP", "Agence France-Presse"),
    ("By Reuters\nSix people were hurt.", "wire_copy", "Reuters", "By Reuters"),
    ("Reporting by Jane Doe; Editing by Jo Roe\n", "wire_copy", "Reuters", "Reporting by Jane Doe; Editing by Jo Roe"),
    ("(with newswires)", "with_wires", "newswires", "(with newswires)"),
    ("(With AFP and Reuters)", "with_wires", "AFP", "(With AFP and Reuters)"),
    ("With inputs from agencies", "with_wires", "newswires", "With inputs from agencies"),
    ("Reuters contributed to this report.", "with_wires", "Reuters", "Reuters contributed to this report"),
    ("but Reuters news agency reported last month", "citation", "Reuters", "Reuters news agency reported"),
    ("Reuters recently reported that nearly 20", "citation", "Reuters", "Reuters recently reported"),
    ("according to the Associated Press, 12 died", "citation", "AP", "according to the Associated Press"),
    ("the minister told AFP on Sunday", "citation", "AFP", "told AFP"),
]


@pytest.mark.parametrize(("text", "kind", "agency", "marked"), MARKERS, ids=[m[0][:32] for m in MARKERS])
def test_wire_markers_are_found_with_their_kind_agency_and_offsets(
    text: str, kind: str, agency: str, marked: str
) -> None:
    (marker,) = wire_markers(text)
    assert (marker.kind, marker.agency, marker.text) == (kind, agency, marked)
    assert text[marker.start : marker.end] == marked


@pytest.mark.parametrize(
    "text",
    ["The map app showed a gap in the data.", "Thomson Reuters Foundation", "(ap) lowercase is not an agency -", ""],
)
def test_words_that_merely_contain_agency_letters_are_not_markers(text: str) -> None:
    assert wire_markers(text) == []


# --- made-up pairs --------------------------------------------------------------------------------------------


def test_two_outlets_running_the_same_port_strike_wire_copy_with_light_edits_link_on_passages() -> None:
    link = compare_texts(PORT_STRIKE_WIRE, PORT_STRIKE_REPRINT)
    assert link is not None
    assert link.reasons[0].startswith("Counted as one origin: ")
    assert "characters of shared running text" in link.reasons[0]
    shared_chars = sum(p.a_end - p.a_start for p in link.shared_passages)
    assert shared_chars >= DEFAULT_INDEPENDENCE_SETTINGS.min_shared_passage_chars
    assert all(PORT_STRIKE_WIRE[p.a_start : p.a_end] == p.text for p in link.shared_passages)
    assert {"37", "4,200", "7.5%", "3.1%"} <= set(link.shared_figures)
    assert link.score >= 0.9


def test_two_independent_reports_with_the_same_figures_but_their_own_words_do_not_link() -> None:
    assert compare_texts(PORT_STRIKE_WIRE, PORT_STRIKE_INDEPENDENT) is None
    assert compare_texts(PORT_STRIKE_REPRINT, PORT_STRIKE_INDEPENDENT) is None


def test_an_agency_mark_strengthens_a_shared_quote_but_never_links_alone() -> None:
    # One shared quote with only two shared figures is not enough on its own...
    assert compare_texts(SAME_QUOTE_TWO_FIGURES, SAME_QUOTE_TWO_FIGURES_ELSEWHERE) is None
    # ...a "(with newswires)" mark tips it...
    link = compare_texts(SAME_QUOTE_TWO_FIGURES, SAME_QUOTE_TWO_FIGURES_ELSEWHERE + "\n(with newswires)")
    assert link is not None and link.shared_figures == ["37", "4,200"]
    # ...as does the same agency's dateline on both sides, but not two rival agencies' datelines...
    assert compare_texts("(AFP) - " + SAME_QUOTE_TWO_FIGURES, "(AFP) - " + SAME_QUOTE_TWO_FIGURES_ELSEWHERE)
    assert compare_texts("(AFP) - " + SAME_QUOTE_TWO_FIGURES, "(Reuters) - " + SAME_QUOTE_TWO_FIGURES_ELSEWHERE) is None
    # ...and marks on both sides of texts that share nothing else never link them.
    assert compare_texts("(AFP) - " + PORT_STRIKE_INDEPENDENT, PORT_STRIKE_WIRE + "\n(with newswires)") is None


def test_a_shared_quote_without_shared_figures_does_not_link() -> None:
    quote = '"We did not want this strike, but the employers left us no choice," she said.'
    assert compare_texts("Dockers struck on Monday. " + quote, "Rail staff walked out in Lyon. " + quote) is None


def test_empty_and_tiny_texts_are_independent() -> None:
    assert compare_texts("", "") is None
    assert compare_texts("Kenya", "Kenya") is None


def test_a_link_encodes_to_snake_case_json() -> None:
    link = compare_texts(seed("000"), seed("003"))
    decoded = msgspec.json.decode(msgspec.json.encode(link), type=Link)
    assert decoded == link
    assert set(msgspec.to_builtins(link)) == {"shared_passages", "shared_quotes", "shared_figures", "score", "reasons"}


def test_settings_reject_shingles_too_short_to_mean_anything() -> None:
    with pytest.raises(ValueError, match="2 or more words"):
        IndependenceSettings(shingle_words=1)


# --- fingerprints ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("number", SEEDS)
def test_fingerprints_are_few_sorted_distinct_and_fit_a_signed_64_bit_column(number: str) -> None:
    hashes = fingerprint(seed(number))
    cap = DEFAULT_INDEPENDENCE_SETTINGS.fingerprint_size + DEFAULT_INDEPENDENCE_SETTINGS.quote_fingerprint_size
    assert 0 < len(hashes) <= cap
    assert hashes == sorted(set(hashes))
    assert all(0 <= h < 2**63 for h in hashes)


def test_fingerprints_are_the_same_in_another_process_with_another_hash_seed() -> None:
    script = "import sys; from reasoning.independence import fingerprint; print(fingerprint(sys.stdin.read()))"
    env = os.environ | {"PYTHONHASHSEED": "12345"}
    out = subprocess.run(
        [sys.executable, "-c", script], input=seed("000"), capture_output=True, text=True, check=True, cwd=ROOT, env=env
    )
    assert out.stdout.strip() == str(fingerprint(seed("000")))


def test_fingerprints_ignore_case_quote_styles_dashes_and_spacing() -> None:
    reworked = seed("000").upper().replace('"', "“").replace(" - ", " — ").replace(" ", "  ").replace("\n\n", "\n \n")
    assert fingerprint(reworked) == fingerprint(seed("000"))


# --- speed ----------------------------------------------------------------------------------------------------


def test_half_a_million_characters_compare_and_repetition_stays_bounded() -> None:
    # How long it takes is measured by `python -m bench.long_texts`, not asserted here.
    rng = random.Random(7)
    words = ["".join(rng.choices("abcdefghijklmnopqrstuvwxyz", k=rng.randint(2, 9))) for _ in range(80_000)]
    big = " ".join(words)[:500_000]
    edited = big.replace(" ab ", " AB-edited ")
    shuffled = " ".join(rng.sample(words, len(words)))[:500_000]
    repetitive = (seed("000") * 200)[:500_000]
    assert compare_texts(big, edited) is not None
    assert compare_texts(big, shuffled) is None
    assert compare_texts(repetitive, repetitive) is not None  # every shingle 200 times: pairings stay bounded
    assert fingerprint(big)


# --- origins --------------------------------------------------------------------------------------------------

ORIGINS = [
    ([], [], {}),
    ([(0, 3)], [], {0: "origin:0", 3: "origin:0"}),
    ([(3, 0)], [1, 2], {0: "origin:0", 1: "origin:1", 2: "origin:2", 3: "origin:0"}),
    ([(5, 2), (9, 5), (8, 7)], [], {2: "origin:2", 5: "origin:2", 9: "origin:2", 7: "origin:7", 8: "origin:7"}),
    ([(4, 4)], [], {4: "origin:4"}),
]


@pytest.mark.parametrize(("links", "sources", "expected"), ORIGINS)
def test_linked_sources_take_the_smallest_id_of_their_group_as_origin(
    links: list[tuple[int, int]], sources: list[int], expected: dict[int, str]
) -> None:
    assert group_origins(links, sources) == expected


@given(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30)), max_size=40), st.randoms())
def test_origins_do_not_depend_on_the_order_of_links(links: list[tuple[int, int]], rng: random.Random) -> None:
    origins = group_origins(links)
    shuffled = [(b, a) if rng.random() < 0.5 else (a, b) for a, b in rng.sample(links, len(links))]
    assert group_origins(shuffled) == origins
    for a, b in links:
        assert origins[a] == origins[b]
    for source, origin in origins.items():
        assert int(origin.removeprefix("origin:")) <= source


# --- properties -----------------------------------------------------------------------------------------------

# A small vocabulary with figures and quote marks, so generated texts repeat words, quote and state figures.
VOCAB = [
    "Kenya",
    "police",
    "officers",
    "the",
    "of",
    "to",
    "said",
    "217",
    "3,100",
    "nearly",
    "20",
    "over",
    "1,000",
    "a",
    "million",
    "(with newswires)",
    '"',
    "“",
    "”",
    "Reuters",
    "reported",
    "mission",
    "Haiti",
    "gangs",
    "and",
    "in",
    "arrived",
    "on",
    "Saturday",
    "—",
    "historic",
    "commitment",
    "our",
    "is",
    "unwavering",
    "(AFP) -",
]
LETTERS = "abcdefghijklmnopqrstuvwxyz"
word_lists = st.lists(st.sampled_from(VOCAB) | st.text(LETTERS, min_size=2, max_size=9), min_size=30, max_size=300)


def edit(words: list[str], data: st.DataObject, most: int) -> list[str]:
    """Replace, drop or insert up to `most` words, as a desk editor lightly trims wire copy."""
    out = list(words)
    for _ in range(data.draw(st.integers(0, most))):
        at = data.draw(st.integers(0, max(0, len(out) - 1)))
        action = data.draw(st.sampled_from(["replace", "drop", "insert"]))
        if action == "insert" or not out:
            out.insert(at, data.draw(st.text(LETTERS, min_size=1, max_size=9)))
        elif action == "drop":
            del out[at]
        else:
            out[at] = data.draw(st.text(LETTERS, min_size=1, max_size=9))
    return out


@settings(max_examples=150, deadline=None)
@given(word_lists, word_lists, st.data())
def test_linking_is_symmetric(a_words: list[str], b_words: list[str], data: st.DataObject) -> None:
    if data.draw(st.booleans()):
        b_words = edit(a_words, data, most=len(a_words) // 10) + b_words[: data.draw(st.integers(0, 50))]
    a, b = " ".join(a_words), " ".join(b_words)
    ab, ba = compare_texts(a, b), compare_texts(b, a)
    # The statistics show both ways to link are exercised, not only independence.
    event("independent" if ab is None else "running text" if "running text" in ab.reasons[0] else "quotes+figures")
    assert (ab is None) == (ba is None)
    if ab is not None and ba is not None:
        assert (ab.score, ab.shared_figures, ab.shared_quotes, len(ab.shared_passages)) == (
            ba.score,
            ba.shared_figures,
            ba.shared_quotes,
            len(ba.shared_passages),
        )


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(LETTERS, min_size=2, max_size=9), min_size=150, max_size=600), st.data())
def test_a_long_enough_text_always_links_with_a_lightly_edited_copy(words: list[str], data: st.DataObject) -> None:
    original = " ".join(words)
    copy = " ".join(edit(words, data, most=len(words) // 40))
    if data.draw(st.booleans()):
        copy = copy.upper().replace(" ", "  ")
    link = compare_texts(original, copy)
    assert link is not None
    assert all(original[p.a_start : p.a_end] == p.text for p in link.shared_passages)


@settings(max_examples=100, deadline=None)
@given(st.text(LETTERS + " \n\"'“”—-,.0123456789", max_size=2_000))
def test_fingerprint_is_deterministic_small_and_in_range_for_any_text(text: str) -> None:
    hashes = fingerprint(text)
    assert fingerprint(text) == hashes == sorted(set(hashes))
    cap = DEFAULT_INDEPENDENCE_SETTINGS.fingerprint_size + DEFAULT_INDEPENDENCE_SETTINGS.quote_fingerprint_size
    assert len(hashes) <= cap and all(0 <= h < 2**63 for h in hashes)
