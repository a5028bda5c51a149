"""Which measure a sentence is about, on a made-up topic (a town's council vote and its court cases): the noun a
figure counts, a name standing in an alias's "the", and the verbs that only say a figure is had or held."""

from __future__ import annotations

import datetime as dt

import pytest

from reasoning.claims import parse_claim
from reasoning.errors import (
    AmbiguousTerm,
    FactdeskError,
    UnknownTerm,
    UnparseableClaim,
    UnparseableQuestion,
    UnsupportedQuestion,
)
from reasoning.evidence import Lexicon, MetricInfo, Term
from reasoning.mentions import find_mentions, resolve_reading
from reasoning.questions import QuestionKind, parse_question
from reasoning.types import MetricKind

TODAY = dt.date(2031, 1, 1)

TOWN = Lexicon(
    entities=(
        Term(key="harrowgate", name="Harrowgate (town)", aliases=("Harrowgate", "Harrowgate Town Council")),
        Term(key="ashby", name="Ashby (town)", aliases=("Ashby",)),
        Term(key="tidewater", name="Tidewater Party", aliases=("Tidewater Party", "the Tidewater Party")),
        Term(key="farmers", name="Farmers League", aliases=("Farmers League",)),
        Term(key="marsh-road-fire", name="Marsh Road fire", aliases=("Marsh Road fire", "the fire")),
        Term(key="norland", name="Norland", aliases=("Norland",)),
        Term(key="north-ward", name="Harrowgate North ward", aliases=("North ward",)),
        Term(key="visiting-crews", name="Visiting rescue crews", aliases=("rescue crews",)),
    ),
    metrics=(
        Term(key="council-seats", name="Seats on Harrowgate Town Council", aliases=("seats on the council",)),
        Term(key="vote-share", name="Share of the vote", aliases=("share of the vote", "won")),
        Term(key="votes", name="Votes", aliases=("votes",)),
        Term(key="court-cases", name="Court cases", aliases=("court cases", "lawsuits")),
        Term(key="cases-filed", name="Court cases filed", aliases=("filed", "lodged")),
        Term(key="disputed-ballots", name="Disputed ballots", aliases=("disputed ballots",)),
        Term(key="area-burned", name="Area burned", aliases=("hectares", "burned")),
        Term(key="aid-money", name="Flood aid", aliases=("aid", "pledged")),
        Term(key="sandbags", name="Sandbags", aliases=("sandbags", "sent")),
        Term(key="homes-flooded", name="Homes flooded", aliases=("homes flooded",)),
        Term(key="crews-deployed", name="Rescue crews deployed", aliases=("rescue crews deployed",)),
    ),
    metric_info=(
        MetricInfo(key="council-seats", name="Seats on Harrowgate Town Council", unit="seats", kind=MetricKind.stock),
        MetricInfo(key="vote-share", name="Share of the vote", unit="percent", kind=MetricKind.flow),
        MetricInfo(key="votes", name="Votes", unit="votes", kind=MetricKind.flow),
        MetricInfo(key="court-cases", name="Court cases", unit="cases", kind=MetricKind.stock),
        MetricInfo(
            key="cases-filed", name="Court cases filed", unit="cases", kind=MetricKind.flow, feeds="court-cases"
        ),
        MetricInfo(key="disputed-ballots", name="Disputed ballots", unit="ballots", kind=MetricKind.stock),
        MetricInfo(key="area-burned", name="Area burned", unit="hectares", kind=MetricKind.stock),
        MetricInfo(key="aid-money", name="Flood aid", unit="EUR", kind=MetricKind.stock),
        MetricInfo(key="sandbags", name="Sandbags", unit="sandbags", kind=MetricKind.stock),
        MetricInfo(key="homes-flooded", name="Homes flooded", unit="homes", kind=MetricKind.stock),
        MetricInfo(key="crews-deployed", name="Rescue crews deployed", unit="crews", kind=MetricKind.stock),
    ),
)
AVAILABLE = frozenset(
    {(party, metric) for party in ("tidewater", "farmers") for metric in ("council-seats", "vote-share", "votes")}
    | {("harrowgate", "council-seats"), ("harrowgate", "court-cases"), ("harrowgate", "cases-filed")}
    | {("harrowgate", "disputed-ballots"), ("marsh-road-fire", "area-burned")}
    | {(giver, metric) for giver in ("norland", "harrowgate") for metric in ("aid-money", "sandbags")}
    | {("north-ward", "disputed-ballots"), ("harrowgate", "homes-flooded")}
    | {("norland", "crews-deployed"), ("visiting-crews", "crews-deployed")}
)


def claim_parts(text: str) -> list[tuple[str, str]]:
    claim = parse_claim(text, TOWN, available=AVAILABLE, as_of=None, today=TODAY)
    return [(part.subject, part.metric) for part in claim.parts]


def ask(text: str):  # type: ignore[no-untyped-def]
    return parse_question(text, TOWN, available=AVAILABLE, today=TODAY)


def test_a_name_of_the_measure_stands_in_its_aliass_the() -> None:
    text = "Did the Tidewater Party win any seats on Harrowgate's council in May 2030?"
    mentions = [m for m in find_mentions(text, TOWN.metrics) if m.key == "council-seats"]
    assert [text[m.start : m.end] for m in mentions] == ["seats on Harrowgate's council"]
    assert [text[s:e] for s, e in mentions[0].filled] == ["Harrowgate"]
    question = ask(text)
    assert (question.subject, question.metric, question.kind) == ("tidewater", "council-seats", QuestionKind.existence)


def test_a_possessive_pronoun_stands_in_an_aliass_the() -> None:
    text = "The Tidewater Party won 12 seats on its council."
    assert [text[m.start : m.end] for m in find_mentions(text, TOWN.metrics) if m.key == "council-seats"] == [
        "seats on its council"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Did the Tidewater Party win any seats on Ashby's council in May 2030?",  # another town's council
        "Did the Tidewater Party win any seats on council in May 2030?",  # "the" never stands for nothing
    ],
)
def test_another_name_or_none_in_an_aliass_the_is_not_the_measure(text: str) -> None:
    assert all(m.key != "council-seats" for m in find_mentions(text, TOWN.metrics))


def test_a_name_the_store_does_not_know_in_an_entitys_the_is_refused() -> None:
    # "the fire" is the Marsh Road fire's alias; "the Copper Hill fire" is another fire, never that one.
    with pytest.raises(UnknownTerm) as refused:
        ask("How many hectares did the Copper Hill fire burn in May 2030?")
    assert refused.value.extra["terms"] == ["Copper Hill"]


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        # What "won 15 seats" and "how many votes ... win" count is no share in percent, whatever "won" names.
        ("How many votes did the Farmers League win on 3 May 2030?", "votes"),
        ("How many seats on Harrowgate Town Council had the Farmers League won by 1 June 2030?", "council-seats"),
    ],
)
def test_a_count_is_not_read_as_a_share_in_percent(text: str, metric: str) -> None:
    assert ask(text).metric == metric


def test_with_a_percentage_in_the_sentence_the_share_may_be_what_it_counts() -> None:
    claim = parse_claim(
        "The Farmers League won 15 percent on 3 May 2030.", TOWN, available=AVAILABLE, as_of=None, today=TODAY
    )
    assert [(p.subject, p.metric) for p in claim.parts] == [("farmers", "vote-share")]


def test_a_claims_count_of_seats_is_checked_against_the_seats() -> None:
    claim = parse_claim(
        "The Tidewater Party won 12 seats on Harrowgate's council.", TOWN, available=AVAILABLE, as_of=None, today=TODAY
    )
    assert [(p.subject, p.metric) for p in claim.parts] == [("tidewater", "council-seats")]


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        # The noun counted names the measure, not the measure beside it ("over disputed ballots").
        ("How many court cases over disputed ballots had been filed in Harrowgate by 30 May 2030?", "court-cases"),
        ("How many disputed ballots over court cases were there in Harrowgate on 30 May 2030?", "disputed-ballots"),
        # A verb of the counted noun's own family ("filed") does not take it away from that family.
        ("How many lawsuits had been filed in Harrowgate by 30 May 2030?", "court-cases"),
    ],
)
def test_the_noun_counted_names_the_measure(text: str, metric: str) -> None:
    reading = resolve_reading(text, TOWN, available=AVAILABLE, error=UnparseableQuestion)
    assert reading.metric == metric


def test_a_measure_named_beside_the_one_counted_is_still_refused_when_unread() -> None:
    # Chosen, the court cases; "disputed ballots" names another measure the answer would not use.
    with pytest.raises(UnknownTerm) as refused:
        ask("How many court cases over disputed ballots had been filed in Harrowgate by 30 May 2030?")
    assert refused.value.extra["terms"] == ["disputed ballots"]


def test_a_verb_of_another_count_is_never_excused() -> None:
    # "lodged" names the filings, a count: asked about ballots, the service refuses rather than drop it.
    with pytest.raises((UnknownTerm, AmbiguousTerm)):
        ask("How many disputed ballots were lodged in Harrowgate by 30 May 2030?")


@pytest.mark.parametrize(
    "text",
    [
        "How many court cases did the register contain in Harrowgate on 30 May 2030?",
        "How many court cases had Harrowgate reached by 30 May 2030?",
        "How many court cases were made in Harrowgate by 30 May 2030?",
    ],
)
def test_verbs_that_only_hold_or_reach_a_figure_may_frame_a_question(text: str) -> None:
    question = ask(text)
    assert (question.subject, question.metric) == ("harrowgate", "court-cases")
    verbs = [w for w in question.words if w.word in ("contain", "reached", "made")]
    assert [w.role for w in verbs] == ["frame"]


@pytest.mark.parametrize(
    ("text", "term"),
    [
        # What completes such a verb changes the question: it must be read, or the question is refused.
        ("How many disputed ballots were made void in Harrowgate by 30 May 2030?", "void"),
        ("How many disputed ballots came back in Harrowgate by 30 May 2030?", "back"),
    ],
)
def test_a_word_completing_a_framing_verb_is_refused_when_unread(text: str, term: str) -> None:
    with pytest.raises(UnknownTerm) as refused:
        ask(text)
    assert term in refused.value.extra["terms"]


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        # "pledged" is an alias of the aid in euros; what "5,000 sandbags" counts is no sum of money.
        ("By 1 May 2030 Norland had pledged 5,000 sandbags to Harrowgate.", [("norland", "sandbags")]),
        ("By 1 May 2030 Norland had pledged €2 million to Harrowgate.", [("norland", "aid-money")]),
        # Who receives it narrows the claim, with or without a possessive: the figure is the giver's.
        ("By 1 May 2030 Norland had sent 5,000 sandbags to Harrowgate's council.", [("norland", "sandbags")]),
    ],
)
def test_a_figure_given_to_someone_is_the_givers(text: str, parts: list[tuple[str, str]]) -> None:
    assert claim_parts(text) == parts


def test_a_place_the_figure_is_counted_in_is_still_asked_about() -> None:
    # "in Harrowgate" may be where the sandbags are, Harrowgate's own figure: the service asks.
    with pytest.raises(AmbiguousTerm):
        claim_parts("By 1 May 2030 Norland had sent 5,000 sandbags in Harrowgate.")


def test_a_claim_without_a_figure_reads_who_received_it() -> None:
    claim = parse_claim(
        "Norland sent sandbags to Harrowgate in 2030.", TOWN, available=AVAILABLE, as_of=None, today=TODAY
    )
    assert (claim.subject, claim.metric) == ("norland", "sandbags")
    assert [w.role for w in claim.words if w.word == "Harrowgate"] == ["context"]


def test_a_part_the_sentence_gives_its_subject_is_what_it_asks_about() -> None:
    question = ask("How many disputed ballots did Harrowgate have at its North ward on 30 May 2030?")
    assert (question.subject, question.metric) == ("north-ward", "disputed-ballots")


def test_without_the_pronoun_a_second_name_with_evidence_is_asked_about() -> None:
    with pytest.raises(AmbiguousTerm):
        ask("How many disputed ballots did Harrowgate have at the North ward on 30 May 2030?")


def test_a_sum_of_money_in_a_claim_is_read_against_an_amount() -> None:
    # "sent" is an alias of the sandbags; what "€2 million" measures is the aid, an amount in euros.
    assert claim_parts("By 1 May 2030 Norland had sent €2 million in aid to Harrowgate.") == [("norland", "aid-money")]


def test_a_sum_of_money_claimed_of_a_count_is_refused() -> None:
    with pytest.raises(UnparseableClaim) as refused:
        claim_parts("By 1 May 2030 Harrowgate had €3 million in disputed ballots.")
    assert "sum of money" in str(refused.value)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        # An alias of a noun and its participle, with the verb after the noun as questions put it.
        ("How many homes were flooded in Harrowgate on 1 May 2030?", "homes were flooded"),
        ("How many homes had been flooded in Harrowgate by 1 May 2030?", "homes had been flooded"),
        ("How many rescue crews did Norland have deployed on 1 May 2030?", "rescue crews"),
    ],
)
def test_a_noun_and_its_participle_are_found_apart(text: str, words: str) -> None:
    found = [text[m.start : m.end] for m in find_mentions(text, TOWN.metrics)]
    assert words in found


def test_a_participle_that_does_not_govern_the_noun_is_not_its_alias() -> None:
    text = "How many homes did Harrowgate count after the river flooded on 1 May 2030?"
    assert all(m.key != "homes-flooded" for m in find_mentions(text, TOWN.metrics))


def test_a_name_that_only_echoes_the_measure_gives_way_to_the_one_named() -> None:
    question = ask("How many rescue crews did Norland have deployed on 1 May 2030?")
    assert (question.subject, question.metric) == ("norland", "crews-deployed")


@pytest.mark.parametrize(
    "text",
    [
        "How many homes were not flooded in Harrowgate on 1 May 2030?",
        "Weren't any homes flooded in Harrowgate in May 2030?",
        "How many disputed ballots had Harrowgate never counted by 30 May 2030?",
    ],
)
def test_a_negated_question_is_refused_not_answered_as_its_opposite(text: str) -> None:
    with pytest.raises(UnsupportedQuestion) as refused:
        ask(text)
    assert "negated" in str(refused.value)


# --- what the rules above must never do: answer a different question -------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # "its" outside a place ("against its rivals") makes no part of the subject: a second name is asked about.
        "How many votes did the Tidewater Party win against its Farmers League rivals on 3 May 2030?",
        # "to" hung on a noun ("in addition to") receives nothing: a second name is asked about.
        "How many votes did the Tidewater Party win in addition to the Farmers League on 3 May 2030?",
        # A participle with a modal or a wish of its own is not what happened.
        "How many homes could be flooded in Harrowgate on 1 May 2030?",
        "How many rescue crews did Norland want deployed on 1 May 2030?",
        # "make" frames a figure only in the passive; "did Norland make" is another act.
        "How many sandbags did Norland make by 1 May 2030?",
        # Nothing is counted: "win" is the share's own word, never excused for the count of votes.
        "How much of the vote did the Farmers League win on 3 May 2030?",
        # A count asked of a share or an amount of money is another measure.
        "How many seats did the Farmers League win on 3 May 2030?",
        "How many trucks had Norland pledged by 1 May 2030?",
        # "no" negates as "not" does.
        "Were no homes flooded in Harrowgate in May 2030?",
    ],
)
def test_a_question_the_rules_do_not_cover_is_refused(text: str) -> None:
    with pytest.raises(FactdeskError):
        ask(text)


@pytest.mark.parametrize(
    "text",
    [
        "No homes were flooded in Harrowgate in May 2030.",
        "The Tidewater Party won 5,000 votes, equal to the Farmers League, on 3 May 2030.",
        "By 1 May 2030 Norland had pledged 5,000 pounds of sandbags to Harrowgate.",  # a weight, not sandbags
        "By 1 May 2030 Norland had pledged 5,000 trucks to Harrowgate.",  # trucks, not the aid in EUR
    ],
)
def test_a_claim_the_rules_do_not_cover_is_refused(text: str) -> None:
    with pytest.raises(FactdeskError):
        claim_parts(text)


def test_a_currency_named_after_the_figure_is_money() -> None:
    assert claim_parts("By 1 May 2030 Norland had sent 2 million euro in aid to Harrowgate.") == [
        ("norland", "aid-money")
    ]


def test_the_with_a_name_stands_in_an_aliass_the() -> None:
    text = "Did the Tidewater Party win any seats on the Harrowgate council in May 2030?"
    assert ask(text).metric == "council-seats"


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        # The parse hangs "the Farmers League" on "the council"; the clause it opens holds its figure.
        (
            "The Tidewater Party won 9 seats on the council and the Farmers League won three.",
            [("tidewater", "council-seats"), ("farmers", "council-seats")],
        ),
        (
            "The Tidewater Party won 9 seats on the council and the Farmers League 3.",
            [("tidewater", "council-seats"), ("farmers", "council-seats")],
        ),
        # A figure that counts its own measure keeps it.
        (
            "The Tidewater Party won 9 seats on the council and the Farmers League won 12% of the vote.",
            [("tidewater", "council-seats"), ("farmers", "vote-share")],
        ),
    ],
)
def test_a_coordinated_clause_pairs_its_subject_with_its_own_figure(text: str, parts: list[tuple[str, str]]) -> None:
    assert claim_parts(text) == parts


def test_a_name_inside_a_dated_event_dates_the_figure() -> None:
    text = "In the 5 May 2030 Harrowgate election the Tidewater Party won 41% of the vote."
    assert claim_parts(text) == [("tidewater", "vote-share")]
    question = ask("How many seats on the council did the Tidewater Party win in the 5 May 2030 Harrowgate election?")
    assert (question.subject, question.metric, question.as_of) == ("tidewater", "council-seats", dt.date(2030, 5, 5))


@pytest.mark.parametrize(
    "text",
    [
        "In the Harrowgate election the Tidewater Party won 41% of the vote.",  # no date: a place it may be about
        "Harrowgate had 40 disputed ballots in the May 2030 North ward count.",  # the ward has figures of its own
    ],
)
def test_a_name_in_an_event_that_may_be_the_subject_is_asked_about(text: str) -> None:
    with pytest.raises(AmbiguousTerm):
        claim_parts(text)


@pytest.mark.parametrize(
    ("text", "tied"),
    [
        ("Votes for the Tidewater Party in the 5 May 2030 Harrowgate election numbered 4,000.", True),  # on the measure
        ("The Tidewater Party's votes in the 5 May 2030 Harrowgate election numbered 4,000.", True),  # its owner
        ("The Tidewater Party had 4,000 votes in the 5 May 2030 Harrowgate election.", False),  # the verb's subject
    ],
)
def test_a_subject_the_grammar_ties_to_the_measure_is_not_asked_about_for_an_events_name(text: str, tied: bool) -> None:
    # Harrowgate has votes of its own: a name of the event may be what the claim is about, unless the grammar
    # makes the subject the measure's own
    available = AVAILABLE | {("harrowgate", "votes")}
    if not tied:
        with pytest.raises(AmbiguousTerm):
            parse_claim(text, TOWN, available=available, as_of=None, today=TODAY)
        return
    claim = parse_claim(text, TOWN, available=available, as_of=None, today=TODAY)
    assert [(part.subject, part.metric) for part in claim.parts] == [("tidewater", "votes")]


@pytest.mark.parametrize(
    "text",
    [
        "How many seats did the Tidewater Party hold on Harrowgate Town Council on 1 June 2030?",
        "How many seats did the Tidewater Party hold on the council in May 2030?",
    ],
)
def test_an_alias_whose_phrase_the_sentence_parts_from_its_noun_is_read(text: str) -> None:
    question = ask(text)
    assert (question.subject, question.metric) == ("tidewater", "council-seats")
    roles = {w.word: w.role for w in question.words}
    assert roles["seats"] == "metric" and roles["Tidewater"] == "subject"


@pytest.mark.parametrize(
    "text",
    [
        "How many seats did the Tidewater Party hold on the council estate in May 2030?",
        "How many seats did the Tidewater Party hold on the council's finance committee in May 2030?",
    ],
)
def test_a_parted_phrase_must_be_the_whole_object_of_its_preposition(text: str) -> None:
    with pytest.raises(UnparseableQuestion):
        ask(text)


def test_a_parted_phrase_must_hang_on_the_noun_or_its_verb() -> None:
    # "on the council" is the vote's, not the seats': no measure of seats is read, and the noun counted, known
    # to the store, is not dropped for the votes the sentence also names
    with pytest.raises(UnknownTerm) as raised:
        ask("How many seats did the Tidewater Party hold after the vote on the council in May 2030?")
    assert raised.value.extra["terms"] == ["seats"]
    assert "'seats' in 'How many seats" in raised.value.detail
    assert "is known to the store, but no reading of the sentence uses it" in raised.value.detail


def test_a_counted_noun_the_store_does_not_know_narrows() -> None:
    # (one it knows for another measure is refused: see the test of a parted phrase above)
    question = ask("How many bags did Norland send to Harrowgate in May 2030?")
    assert (question.subject, question.metric) == ("norland", "sandbags")
    assert {w.word: w.role for w in question.words}["bags"] == "ignored"


@pytest.mark.parametrize(
    "text",
    [
        "The Farmers League won seats on the council in May 2030.",
        "The Farmers League won seats on Harrowgate's council in May 2030.",
    ],
)
def test_a_verb_whose_object_is_another_measures_wording_says_how_not_what(text: str) -> None:
    # "won" is an alias of the vote share; what was won is seats, and "won" only says how they were had
    claim = parse_claim(text, TOWN, available=AVAILABLE, as_of=None, today=TODAY)
    assert (claim.subject, claim.metric) == ("farmers", "council-seats")
    assert {w.word: w.role for w in claim.words}["won"] == "frame"


def test_a_verb_of_another_count_with_a_measure_as_object_is_still_refused() -> None:
    # "lost seats" is no count of seats held: the verb is not the vocabulary's, and is refused
    with pytest.raises(UnknownTerm, match="'lost'"):
        parse_claim(
            "The Farmers League lost seats on the council in May 2030.",
            TOWN,
            available=AVAILABLE,
            as_of=None,
            today=TODAY,
        )


def test_the_number_of_a_noun_counts_it() -> None:
    # "the number of court cases over disputed ballots": the cases are counted; the ballots are what they are over
    text = "When did the number of court cases over Harrowgate's disputed ballots first reach 8?"
    lexicon = _cases_over_ballots("Court cases over disputed ballots")
    assert parse_question(text, lexicon, available=AVAILABLE, today=TODAY).metric == "court-cases"


def _cases_over_ballots(name: str) -> Lexicon:
    metrics = tuple(
        Term(key=t.key, name=name, aliases=t.aliases) if t.key == "court-cases" else t for t in TOWN.metrics
    )
    return Lexicon(entities=TOWN.entities, metrics=metrics, metric_info=TOWN.metric_info)


def test_another_measures_words_are_read_only_where_the_vocabulary_names_that_measure() -> None:
    text = "How many court cases over Harrowgate's disputed ballots were there on 1 June 2030?"
    # the store's cases are "court cases over disputed ballots": the ballots say what they are about
    question = parse_question(
        text, _cases_over_ballots("Court cases over disputed ballots"), available=AVAILABLE, today=TODAY
    )
    assert question.metric == "court-cases"
    assert {w.word: w.role for w in question.words}["disputed"] == "context"
    # the store's cases are all court cases: answering would drop what the question narrows them to
    with pytest.raises(UnknownTerm, match="'disputed ballots'"):
        parse_question(text, _cases_over_ballots("Court cases"), available=AVAILABLE, today=TODAY)
    # one shared word names no measure: "ballot" alone in the cases' name does not speak of disputed ballots
    with pytest.raises(UnknownTerm, match="'disputed' in"):
        parse_question(text, _cases_over_ballots("Court cases over ballot counts"), available=AVAILABLE, today=TODAY)


def test_a_noun_inside_a_time_is_not_what_a_question_counts() -> None:
    # "the 5 May 2030 election" counts no elections: a share may be asked of it
    question = ask("What share of the vote did the Tidewater Party win in the 5 May 2030 Harrowgate election?")
    assert (question.subject, question.metric) == ("tidewater", "vote-share")


def test_an_event_that_holds_the_only_name_leaves_it_the_subject() -> None:
    question = ask("How many disputed ballots were there in the May 2030 North ward count?")
    assert (question.subject, question.metric) == ("north-ward", "disputed-ballots")


def test_a_claimants_names_are_the_subject_only_when_nothing_else_is() -> None:
    text = "The Ashby returning officer said Harrowgate had 40 disputed ballots."
    claim = parse_claim(text, TOWN, available=AVAILABLE, as_of=None, today=TODAY)
    assert (claim.claimant, claim.subject, claim.metric) == (
        "Ashby returning officer",
        "harrowgate",
        "disputed-ballots",
    )
    text = "The mayor of Harrowgate said there were 40 disputed ballots in his town."
    claim = parse_claim(text, TOWN, available=AVAILABLE, as_of=None, today=TODAY)
    assert (claim.claimant, claim.subject, claim.metric) == ("mayor of Harrowgate", "harrowgate", "disputed-ballots")
    roles = {w.word: w.role for w in claim.words}
    assert (roles["mayor"], roles["Harrowgate"]) == ("claimant", "subject")


def test_a_start_and_an_end_written_apart_are_one_period() -> None:
    question = ask("As of 1 June 2030, how many court cases had been filed in Harrowgate since March 2030?")
    assert (question.metric, question.time.start, question.time.end) == (
        "cases-filed",
        dt.date(2030, 3, 1),
        dt.date(2030, 6, 1),
    )
    assert {w.word for w in question.words if w.role == "time"} >= {"since", "March", "As", "June"}


@pytest.mark.parametrize(
    "text",
    [
        "How many court cases were filed in Harrowgate in May 2030 and in June 2030?",
        "As of 1 February 2030, how many court cases had been filed in Harrowgate since March 2030?",  # ends first
        "Since 2020, how many court cases were filed in Harrowgate in March 2030?",  # "in March" is no end point
        # the "since" is the lawyers', not the filings'
        "As of 1 June 2030, how many court cases were filed in Harrowgate by lawyers who have worked there since "
        "March 2030?",
    ],
)
def test_two_dates_that_are_not_a_start_and_an_end_are_refused(text: str) -> None:
    with pytest.raises(UnparseableQuestion):
        ask(text)


@pytest.mark.parametrize(
    ("text", "running_total"),
    [
        ("When did the total number of court cases filed in Harrowgate first pass 40?", True),
        ("When was the total number of court cases filed in Harrowgate first put at 40?", False),  # stated, no sum
    ],
)
def test_a_running_total_is_asked_only_by_a_total_that_qualifies_the_count(text: str, running_total: bool) -> None:
    threshold = ask(text).threshold
    assert threshold is not None and threshold.running_total is running_total


def test_a_total_of_one_day_is_not_read_as_a_running_total() -> None:
    with pytest.raises(UnknownTerm):  # "daily" says which total; no reading here uses it
        ask("When did the daily total of court cases filed in Harrowgate first pass 40?")


def test_an_acronym_is_no_question_word_only_after_a_determiner_or_preposition() -> None:
    with pytest.raises(UnsupportedQuestion):
        ask("WHO said how many court cases were filed in Harrowgate in May 2030?")


def test_a_place_after_a_dated_event_is_not_part_of_it() -> None:
    with pytest.raises(AmbiguousTerm):
        ask("How many seats on the council did the Tidewater Party win in the 5 May 2030 election in Ashby?")


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Did Norland pledge aid when it sent sandbags in June 2030?", "sandbags"),
        ("Did Norland pledge aid while homes flooded in June 2030?", "flooded"),
    ],
)
def test_a_clause_dated_when_something_happened_says_when(text: str, word: str) -> None:
    question = ask(text)
    assert (question.kind, question.subject, question.metric, question.as_of) == (
        QuestionKind.existence,
        "norland",
        "aid-money",
        dt.date(2030, 6, 30),
    )
    assert {w.word: w.role for w in question.words}[word] == "time"


@pytest.mark.parametrize(
    "text",
    [
        "Did Norland pledge aid after it sent sandbags in June 2030?",  # after June's sandbags is not June
        "Did Norland pledge aid when it sent sandbags?",  # a clause with no date of its own says no time
        "Did Norland pledge aid when the Marsh Road fire burned in June 2030?",  # a name of its own: asked about
        # a dated noun or relative clause restricts what is counted, and says no time of its own
        "How many seats on the council did the Tidewater Party win before the May 2030 municipal vote?",
        "How many seats on the council did the Tidewater Party win in the May 2030 municipal vote?",
        "How many disputed ballots did Harrowgate count in the May 2030 lawsuits?",
        "How many disputed ballots did Harrowgate have in the ward that voted on 5 May 2030?",
        "How many seats on the council did the Tidewater Party win in the vote it contested on 5 May 2030?",
    ],
)
def test_a_clause_that_does_not_say_when_by_its_date_is_not_read_as_the_time(text: str) -> None:
    with pytest.raises(FactdeskError):
        ask(text)


def test_a_clause_holding_the_only_measure_is_what_the_question_asks_about() -> None:
    # the main clause names no measure: the dated clause's is the one asked about, not a time's words
    question = ask("How many did Norland have when sandbags were sent in June 2030?")
    assert (question.subject, question.metric) == ("norland", "sandbags")


def test_a_claim_dated_by_a_clause_reads_its_qualifiers_as_the_occasions() -> None:
    # "first" qualifies the occasion ("its first lawsuits"), not the figure claimed
    claim = parse_claim(
        "Harrowgate had 40 disputed ballots when it faced its first lawsuits in May 2030.",
        TOWN,
        available=AVAILABLE,
        as_of=None,
        today=TODAY,
    )
    assert (claim.subject, claim.metric, claim.as_of) == ("harrowgate", "disputed-ballots", dt.date(2030, 5, 31))
    assert {w.word: w.role for w in claim.words}["first"] == "time"


FACTORY = Lexicon(
    entities=(Term(key="dietrich", name="Dietrich Gears", aliases=("Dietrich",)),),
    metrics=(Term(key="jobs-cut", name="Jobs cut", aliases=("jobs cut",)),),
    metric_info=(MetricInfo(key="jobs-cut", name="Jobs cut", unit="jobs", kind=MetricKind.flow),),
)


def test_a_fronted_object_is_read_with_the_verb_that_takes_it() -> None:
    # the parse hangs the fronted "jobs" on "did", and "cut" beside it: "jobs cut" is still the measure
    question = parse_question(
        "How many jobs did Dietrich cut on 3 May 2030?", FACTORY, available={("dietrich", "jobs-cut")}, today=TODAY
    )
    assert (question.subject, question.metric, question.kind) == ("dietrich", "jobs-cut", QuestionKind.event_size)


def test_a_fronted_object_of_a_verb_that_only_wants_it_is_not_the_measure() -> None:
    with pytest.raises(FactdeskError):
        parse_question(
            "How many jobs did Dietrich want to cut on 3 May 2030?",
            FACTORY,
            available={("dietrich", "jobs-cut")},
            today=TODAY,
        )


def test_when_a_share_was_reached_needs_the_level_as_a_figure() -> None:
    # a share always stands at some level: its first report is not the day it reached the level meant
    with pytest.raises(UnparseableQuestion, match="reached a level it does not give as a figure"):
        ask("When did the Tidewater Party first win a share of the vote?")
    question = ask("When did the Tidewater Party's share of the vote first pass 40 percent?")
    assert (question.kind, question.metric) == (QuestionKind.date, "vote-share")
    assert question.threshold is not None and question.threshold.value == 40


FIRE = Lexicon(
    entities=(Term(key="marsh-road-fire", name="Marsh Road fire", aliases=("Marsh Road fire",)),),
    metrics=(Term(key="containment", name="Fire containment", aliases=("containment", "contained")),),
    metric_info=(MetricInfo(key="containment", name="Fire containment", unit="percent", kind=MetricKind.stock),),
)


@pytest.mark.parametrize(
    "text",
    [
        "When was the Marsh Road fire fully contained?",
        "When was the Marsh Road fire completely contained in May 2030?",
        "When was the Marsh Road fire first declared fully contained in May 2030?",  # declared: stated, as reported
    ],
)
def test_a_share_said_to_be_whole_is_a_threshold_of_100_percent(text: str) -> None:
    question = parse_question(text, FIRE, available={("marsh-road-fire", "containment")}, today=TODAY)
    assert (question.kind, question.metric) == (QuestionKind.date, "containment")
    assert question.threshold is not None
    assert (question.threshold.value, question.threshold.relation) == (100, "at_least")
    start, end = question.threshold.span
    assert text[start:end] in ("fully", "completely")


@pytest.mark.parametrize(
    "text",
    [
        "When was the Marsh Road fire contained?",  # no level: refused, as any share without one
        "When did the council declare an emergency over the Marsh Road fire?",  # an act, not a level stated
    ],
)
def test_a_share_without_a_whole_or_a_figure_or_a_declared_act_is_refused(text: str) -> None:
    with pytest.raises(FactdeskError):
        parse_question(text, FIRE, available={("marsh-road-fire", "containment")}, today=TODAY)
