"""Every word of a question accounted for, on hand-built parses (so each rule is pinned to the parse it reads):
the role each word plays, which words name something and must be used, and the refusal that quotes them."""

from __future__ import annotations

import pytest

from reasoning.english import Reading, Token
from reasoning.errors import UnknownTerm
from reasoning.evidence import Lexicon, MetricInfo, Term
from reasoning.types import MetricKind
from reasoning.word_roles import account_for_words

LEXICON = Lexicon(
    entities=(Term(key="harbor", name="Pellow Harbor", aliases=("Pellow",)),),
    metrics=(Term(key="ferries-added", name="Ferries added", aliases=("sailings", "TV sets")),),
    metric_info=(MetricInfo(key="ferries-added", name="Ferries added", unit="ferries", kind=MetricKind.flow),),
)

Word = tuple[str, str, str, str, int] | tuple[str, str, str, str, int, str]


def reading(*words: Word) -> Reading:
    """A parse from (text, lemma, part of speech, dependency, head[, entity label]), words joined by spaces."""
    tokens, offset = [], 0
    for i, (text, lemma, pos, dep, head, *entity) in enumerate(words):
        tokens.append(
            Token(
                i=i,
                text=text,
                lemma=lemma,
                pos=pos,
                tag="",
                dep=dep,
                head=head,
                start=offset,
                end=offset + len(text),
                ent_type=entity[0] if entity else "",
                sentence=0,
            )
        )
        offset += len(text) + 1
    text = " ".join(word[0] for word in words)
    return Reading(text=text, tokens=tuple(tokens), entities=(), sentences=((0, len(tokens)),), noun_chunks=())


HOW_MANY = (("How", "how", "ADV", "advmod", 1), ("many", "many", "ADJ", "amod", 3))
# "How many new ferries sailed in March ?": the metric's words, a verb of its alias's family, the time.
SAILED = reading(
    *HOW_MANY,
    ("new", "new", "ADJ", "amod", 3),
    ("ferries", "ferry", "NOUN", "nsubj", 4),
    ("sailed", "sail", "VERB", "ROOT", 4),
    ("in", "in", "ADP", "prep", 4),
    ("March", "march", "PROPN", "pobj", 5, "DATE"),
    ("?", "?", "PUNCT", "punct", 4),
)


def roles(words: Reading, **kwargs: object) -> list[tuple[str, int, int, str]]:
    options: dict = {"spans": [], "lexicon": LEXICON, "chosen": {"ferries-added"}, "units": ["ferries"]} | kwargs
    return [(w.word, w.start, w.end, w.role) for w in account_for_words(words, **options)]


def test_every_word_has_a_role_at_its_offsets() -> None:
    spans = [((13, 20), "metric"), ((28, 36), "time")]  # "ferries", "in March"
    assert roles(SAILED, spans=spans) == [
        ("How", 0, 3, "frame"),
        ("many", 4, 8, "frame"),
        ("new", 9, 12, "frame"),
        ("ferries", 13, 20, "metric"),
        ("sailed", 21, 27, "unit"),  # the family of the alias "sailings"
        ("in", 28, 30, "time"),
        ("March", 31, 36, "time"),
        ("?", 37, 38, "ignored"),
    ]


@pytest.mark.parametrize(
    ("span", "role"),
    [((13, 20), "metric"), ((14, 20), None), ((13, 19), None), ((12, 21), "metric")],
)
def test_a_word_takes_a_parts_role_only_when_the_part_covers_it_whole(span: tuple[int, int], role: str | None) -> None:
    time = ((28, 36), "time")
    found = {word: found_role for word, _, _, found_role in roles(SAILED, spans=[(span, "metric"), time])}
    assert found["ferries"] == (role or "unit"), "otherwise the unit's word explains it"


def refusal(words: Reading, **kwargs: object) -> UnknownTerm:
    with pytest.raises(UnknownTerm) as caught:
        roles(words, **kwargs)
    return caught.value


def test_names_nobody_chose_are_refused_each_run_of_adjacent_words_quoted_once() -> None:
    # "How many ferries did Pellow Heath and Dornwald add ?"
    words = reading(
        *HOW_MANY,
        ("ferries", "ferry", "NOUN", "dobj", 7),
        ("did", "do", "AUX", "aux", 7),
        ("Pellow", "pellow", "PROPN", "compound", 5),
        ("Heath", "heath", "PROPN", "nsubj", 7),
        ("and", "and", "CCONJ", "cc", 5),
        ("Dornwald", "dornwald", "PROPN", "conj", 5),
        ("add", "add", "VERB", "ROOT", 7),
    )
    error = refusal(words, spans=[((9, 16), "metric")], units=["ferries"])
    assert error.detail == (
        "'Pellow Heath', 'Dornwald' in 'How many ferries did Pellow Heath and Dornwald add' name nothing the "
        "store knows here; answering without it would answer a different question"
    )
    assert error.hint == (
        "did you mean 'Pellow Harbor', 'Pellow'? use names and measures the store knows (GET /v1/entities, "
        "GET /v1/metrics), or add them to its vocabulary"
    )
    assert error.extra == {
        "part": "term",
        "terms": ["Pellow Heath", "Dornwald"],
        "suggestions": ["Pellow Harbor", "Pellow"],
    }


def test_one_unknown_name_names_nothing_and_without_a_close_name_the_hint_suggests_none() -> None:
    words = reading(
        *HOW_MANY,
        ("ferries", "ferry", "NOUN", "nsubj", 3),
        ("in", "in", "ADP", "prep", 2),
        ("Zyx", "zyx", "PROPN", "pobj", 3),
    )
    error = refusal(words, spans=[((9, 16), "metric")])
    assert error.detail.startswith("'Zyx' in 'How many ferries in Zyx' names nothing the store knows here;")
    assert error.hint.startswith("use names and measures the store knows")
    assert error.extra["suggestions"] == []


@pytest.mark.parametrize(
    ("word", "must_be_used"),
    [
        (("Danish", "danish", "ADJ", "amod", 3, "NORP"), True),  # a nationality names something
        (("Pellow", "pellow", "NOUN", "compound", 3, "GPE"), True),
        (("Oslo", "oslo", "PROPN", "compound", 3), True),
        (("twelve", "twelve", "NUM", "nummod", 3), True),
        (("daily", "daily", "ADJ", "amod", 3, "DATE"), False),  # dates and the like are other readers' words
        (("Danish", "danish", "VERB", "amod", 3, "NORP"), False),
        (("large", "large", "ADJ", "amod", 3), False),  # a frame word
        (("measles", "measles", "NOUN", "compound", 3), False),  # a modifier: listed as ignored
        (("'s", "'s", "PART", "case", 3), False),
        (("’s", "’s", "PART", "case", 3), False),
        (("$", "$", "SYM", "nmod", 3), False),
        (("\n", "\n", "SPACE", "dep", 3), False),
    ],
)
def test_a_name_number_or_nationality_must_be_used_and_a_modifier_may_be_ignored(
    word: Word, must_be_used: bool
) -> None:
    words = reading(*HOW_MANY, word, ("ferries", "ferry", "NOUN", "nsubj", 3))
    ferries = (words.tokens[3].start, words.tokens[3].end)
    if must_be_used:
        assert refusal(words, spans=[(ferries, "metric")]).extra["terms"] == [word[0]]
    else:
        assert roles(words, spans=[(ferries, "metric")])[2][3] in ("ignored", "frame")


@pytest.mark.parametrize(
    ("verb", "predicate"),
    [
        (("sank", "sink", "VERB", "ROOT"), True),  # what happened: the question turns on it
        (("reported", "report", "VERB", "ROOT"), False),  # it only reports
        (("electric", "electric", "ADJ", "acomp"), True),  # "were electric": a property
        (("electric", "electric", "ADJ", "attr"), True),
        (("electric", "electric", "ADJ", "amod"), False),
    ],
)
def test_the_verb_a_question_turns_on_must_be_used_unless_it_only_asks(
    verb: tuple[str, str, str, str], predicate: bool
) -> None:
    # "How many ferries <verb>" or "How many ferries were <adjective>": the root is word 3 either way.
    root = [] if verb[3] == "ROOT" else [("were", "be", "AUX", "ROOT", 3)]
    words = reading(*HOW_MANY, ("ferries", "ferry", "NOUN", "nsubj", 3), *root, (*verb, 3))
    if predicate:
        assert refusal(words, spans=[((9, 16), "metric")]).extra["terms"] == [verb[0]]
    else:
        assert roles(words, spans=[((9, 16), "metric")])[-1][3] in ("ignored", "frame")


@pytest.mark.parametrize(
    ("second", "dep", "head", "predicate"),
    [
        (("sank", "sink", "VERB"), "conj", 3, True),  # "reported ... and sank": coordinated with the root
        (("sink", "sink", "VERB"), "xcomp", 3, True),  # "began to sink": completes the root
        (("sink", "sink", "VERB"), "advcl", 3, False),
        (("sink", "sink", "VERB"), "xcomp", 4, False),  # completes a word that is not the root
        (("sink", "sink", "VERB"), "conj", 4, False),
        (("sink", "sink", "NOUN"), "conj", 3, False),  # not a verb
    ],
)
def test_verbs_joined_to_the_root_are_predicates_too(
    second: tuple[str, str, str], dep: str, head: int, predicate: bool
) -> None:
    # "How many ferries reported late <second>": "reported" is the root and only reports.
    words = reading(
        *HOW_MANY,
        ("ferries", "ferry", "NOUN", "nsubj", 3),
        ("reported", "report", "VERB", "ROOT", 3),
        ("late", "late", "ADV", "advmod", 3),
        (*second, dep, head),
    )
    if predicate:
        assert refusal(words, spans=[((9, 16), "metric")]).extra["terms"] == [second[0]]
    else:
        assert roles(words, spans=[((9, 16), "metric")])[-1][3] == "ignored"


def test_a_verb_completing_a_promise_is_the_modality_readers_and_the_promise_is_accounted_for() -> None:
    # "How many ferries were promised to sink": "sink" completes "promised", a word of modality.
    words = reading(
        *HOW_MANY,
        ("ferries", "ferry", "NOUN", "nsubjpass", 3),
        ("promised", "promise", "VERB", "ROOT", 3),
        ("to", "to", "PART", "aux", 5),
        ("sink", "sink", "VERB", "xcomp", 3),
    )
    assert [role for *_, role in roles(words, spans=[((9, 16), "metric")])] == [
        "frame",
        "frame",
        "metric",
        "modality",
        "ignored",
        "ignored",
    ]


@pytest.mark.parametrize(
    ("measure", "refused"),
    [((9, 17), True), ((9, 16), False), ((10, 17), False), ((0, 30), True)],
)
def test_a_naming_word_inside_another_measures_mention_must_be_used(measure: tuple[int, int], refused: bool) -> None:
    # "How many lifeboat were": "lifeboat" (characters 9 to 17) is in a mention of a measure the vocabulary
    # knows but the parse did not choose, unless the mention does not cover it whole.
    words = reading(*HOW_MANY, ("lifeboat", "lifeboat", "NOUN", "nsubj", 3), ("were", "be", "AUX", "ROOT", 3))
    options = {"unused_measures": [measure]}
    if refused:
        assert refusal(words, **options).extra["terms"] == ["lifeboat"]
    else:
        assert roles(words, **options)[2] == ("lifeboat", 9, 17, "ignored")


def test_a_function_word_inside_another_measures_mention_may_go_unused() -> None:
    words = reading(*HOW_MANY, ("for", "for", "ADP", "prep", 1), ("ferries", "ferry", "NOUN", "pobj", 2))
    assert roles(words, spans=[((13, 20), "metric")], unused_measures=[(9, 20)])[2] == ("for", 9, 12, "ignored")


def test_strict_counts_every_known_name_as_used_and_only_words_of_three_letters_or_more() -> None:
    # "How many ferries at Pellow ?" with nothing chosen: strict knows "Pellow" from the vocabulary.
    words = reading(
        *HOW_MANY,
        ("ferries", "ferry", "NOUN", "nsubj", 3),
        ("at", "at", "ADP", "prep", 2),
        ("Pellow", "pellow", "PROPN", "pobj", 3),
    )
    assert roles(words, chosen=(), units=(), strict=True)[-1] == ("Pellow", 20, 26, "unit")
    assert refusal(words, chosen=(), units=()).extra["terms"] == ["Pellow"]
    # "TV" is in the alias "TV sets", but two letters are too few to vouch for a word.
    television = reading(*HOW_MANY, ("TV", "tv", "PROPN", "nsubj", 3))
    assert refusal(television, chosen={"ferries-added"}, units=()).extra["terms"] == ["TV"]
