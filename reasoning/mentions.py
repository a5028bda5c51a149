"""Which subject and metric a claim or a question is about, found through the lexicon's names and aliases."""

# Everything topical comes from the Lexicon. The rules here are about English, not about any topic:
# longest alias first, plural-tolerant, and a ranking that prefers what the store has evidence for.

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Collection, Sequence
from typing import Literal

import msgspec

from reasoning.english import Reading as EnglishReading
from reasoning.english import Token, lemmas_of, read, same_word
from reasoning.errors import AmbiguousTerm, InvalidInput
from reasoning.evidence import CURRENCY_SIGNS, CURRENCY_WORDS, Lexicon, MetricInfo, Term
from reasoning.lexicon import closest_names, normalize_name, word_forms
from reasoning.types import MetricKind, Precision, TimeSpan

__all__ = [
    "Mention",
    "Reading",
    "ambiguous_reading",
    "can_count",
    "counted_nouns",
    "feeding_flow",
    "find_mentions",
    "is_owned_by_another",
    "is_place_phrase",
    "is_recipient_phrase",
    "kind_cue",
    "metric_family",
    "resolve_reading",
    "verbs_of_shares",
]

Span = tuple[int, int]
FigureMeasure = Literal["percent", "money", "count", "number"]


class Mention(msgspec.Struct, frozen=True, kw_only=True):
    """One alias of one term found in a text: `text[start:end]` is what matched."""

    key: str
    alias: str
    start: int
    end: int
    exact: bool = True  # False: matched only through the word family ("died" for "deaths")
    # Where a name stands in the alias's "the" ("seats on Harrowgate's council" for "seats on the council").
    filled: tuple[Span, ...] = ()


class Reading(msgspec.Struct, frozen=True, kw_only=True):
    """The subject and metric chosen; `subject_span` is None when the sentence names no subject and the
    store has the metric for one subject only, which is then the subject."""

    subject: str
    metric: str
    subject_span: Span | None
    metric_span: Span
    # The subjects named together with the chosen one ("Norland, Ruritania and Freedonia"), the chosen one first.
    subjects: tuple[tuple[str, Span | None], ...] = ()
    mentions: tuple[Mention, ...] = ()  # every name and measure found, chosen or not


# --- finding mentions ----------------------------------------------------------------------------------


class _Folded:
    """The text in the form names are compared in, with a map back to the original offsets."""

    def __init__(self, text: str) -> None:
        chars: list[str] = []
        origin: list[int] = []
        for index, char in enumerate(text):
            if char.isspace():
                if chars and chars[-1] != " ":
                    chars.append(" ")
                    origin.append(index)
                continue
            for folded in normalize_name(char):  # one character may fold to several ("ß" -> "ss")
                chars.append(folded)
                origin.append(index)
        self.text = "".join(chars)
        self.origin = origin

    def span(self, start: int, end: int) -> Span:
        return self.origin[start], self.origin[end - 1] + 1


@functools.lru_cache(maxsize=4096)
def _alias_pattern(alias: str) -> re.Pattern[str] | None:
    words = normalize_name(alias).split(" ")
    if words == [""]:
        return None
    head = "".join(re.escape(w) + " " for w in words[:-1])
    last = "|".join(re.escape(f) for f in sorted(word_forms(words[-1]), key=len, reverse=True))
    return re.compile(rf"(?<!\w){head}(?:{last})(?!\w)")


def find_mentions(text: str, terms: Sequence[Term], *, skip: Collection[Span] = ()) -> list[Mention]:
    """Every term named in `text`, longest alias first, whole words only, in text order.

    Two terms whose aliases match the very same words are both kept: that is an ambiguity for the caller
    to settle, not for the order of the vocabulary.
    """
    folded = _Folded(text)
    tokens = [t for t in read(text).tokens if t.pos not in ("PUNCT", "SPACE") or t.text in ("'s", "’s", "-")]
    found: list[Mention] = []
    for term in terms:
        own_words = {lemma for name in (term.name, *term.aliases) for lemma in lemmas_of(name)}
        for alias in dict.fromkeys((term.name, *term.aliases)):
            pattern = _alias_pattern(alias)
            spans: dict[Span, tuple[bool, tuple[Span, ...]]] = {}
            if pattern:
                spans = {folded.span(m.start(), m.end()): (True, ()) for m in pattern.finditer(folded.text)}
            for span, (exact, filled) in _lemma_matches(alias, tokens, own_words).items():
                spans[span] = (exact, ()) if spans.get(span, (False, ()))[0] else (exact, filled)
            for span in _split_matches(alias, text, tokens, own_words):
                spans.setdefault(span, (True, ()))
            for span, filled in _prepositional_matches(alias, text, tokens, own_words):
                spans.setdefault(span, (True, filled))
            for (start, end), (exact, filled) in sorted(spans.items()):
                if not any(s < end and start < e for s, e in skip):
                    found.append(Mention(key=term.key, alias=alias, start=start, end=end, exact=exact, filled=filled))
    found.sort(key=lambda m: (m.start - m.end, not m.exact, m.start))
    kept: list[Mention] = []
    for mention in found:
        same = [k for k in kept if (k.start, k.end) == (mention.start, mention.end)]
        if any(k.exact and not mention.exact for k in same):
            continue  # a word the vocabulary names as such wins over a word of the same family
        twin = next((k for k in same if k.key == mention.key), None)
        if twin is not None:
            if mention.filled and not twin.filled:  # one alias leaves a name in its "the" that another spells out
                kept[kept.index(twin)] = msgspec.structs.replace(twin, filled=mention.filled)
            continue
        if same or not any(k.start < mention.end and mention.start < k.end for k in kept):
            kept.append(mention)
    return sorted(kept, key=lambda m: (m.start, m.end, m.key))


def _lemma_matches(
    alias: str, tokens: Sequence[Token], own_words: Collection[str] = ()
) -> dict[Span, tuple[bool, tuple[Span, ...]]]:
    """Where the alias's words stand in the text in any inflection: "flooded areas" for "flooded area",
    "died" for "deaths" (one word family), "arrives" for "arrived". Only whole runs of words match. Each
    place comes with whether every word matched as written, and where names stood in the alias's "the".

    An alias's "the" stands for any definite determiner: "seats on the council" is also "seats on its council",
    and "seats on Harrowgate's council" or "seats on Harrowgate Town Council" when the term's own names hold
    "Harrowgate" (`own_words`); another name there ("the Pellow Heath fire" for "the fire") is another thing.
    """
    words = [w for w in lemmas_of(alias) if w not in ("'s", "’s")]
    if not words:
        return {}
    found: dict[Span, tuple[bool, tuple[Span, ...]]] = {}
    plain = [t for t in tokens if t.text not in ("'s", "’s")]
    for index in range(len(plain)):
        for last, exact, filled in _matches_from(words, plain, index, own_words):
            span = (plain[index].start, plain[last].end)
            if span not in found or (exact and not found[span][0]):
                found[span] = (exact, filled)
    return found


def _split_matches(alias: str, text: str, tokens: Sequence[Token], own_words: Collection[str]) -> list[Span]:
    """An alias of a noun and its participle ("homes destroyed", "rescue teams deployed") where the sentence
    puts the verb after the noun: "how many homes were destroyed" (the span runs to the verb when only
    auxiliaries stand between) and "how many rescue teams did Norland have deployed" (the noun alone, when
    a subject stands between; the verb is the measure's own word, read as such). The verb must govern the
    noun in the parse, be the sentence's own (not "want deployed"), and have no "not" or modal ("could be
    flooded") of its own."""
    alias_tokens = [t for t in read(alias).tokens if t.pos not in ("PUNCT", "SPACE")]
    if len(alias_tokens) < 2 or alias_tokens[-1].pos != "VERB" or alias_tokens[-1].tag not in ("VBN", "VBD"):
        return []
    if any(t.pos not in ("NOUN", "PROPN", "ADJ") for t in alias_tokens[:-1]):
        return []
    nouns, verb = [t.lemma for t in alias_tokens[:-1]], alias_tokens[-1].lemma
    reading = read(text)
    plain = [t for t in tokens if t.text not in ("'s", "’s")]
    found: list[Span] = []
    for index in range(len(plain)):
        for last, _, _ in _matches_from(nouns, plain, index, own_words):
            noun = plain[last]
            governor = _governing_verb(reading, noun, verb)
            if governor is None:
                continue
            children = reading.children(governor.i)
            helpers = [t for t in children if t.dep in ("aux", "auxpass")]
            if any(t.dep == "neg" for t in children) or any(t.lemma not in ("be", "have", "do") for t in helpers):
                continue  # "were not destroyed", "could be flooded", "did they want deployed": not what happened
            between = reading.tokens[noun.i + 1 : governor.i]
            if all(t.dep in ("aux", "auxpass") and t.lemma in ("be", "have", "do") for t in between):
                found.append((plain[index].start, governor.end))
            elif governor.dep == "ROOT" or _fronted_object_of(reading, noun, governor):
                # "did Norland have deployed", "did the company cut"; never "did Norland want deployed"
                found.append((plain[index].start, noun.end))
    return found


def _prepositional_matches(
    alias: str, text: str, tokens: Sequence[Token], own_words: Collection[str]
) -> list[tuple[Span, tuple[Span, ...]]]:
    """An alias of a noun and a phrase after it ("seats on the council") where the sentence parts them: "how
    many seats did the Tidewater Party hold on the council". The phrase must hang on the noun or on the verb
    whose object the noun is, with the alias's own preposition. The span is the noun's; the names that stand
    in the alias's "the" ("on Harrowgate Town Council") are the measure's, as in an alias written whole."""
    alias_tokens = [t for t in read(alias).tokens if t.pos not in ("PUNCT", "SPACE")]
    cut = next((i for i, t in enumerate(alias_tokens) if t.pos == "ADP"), None)
    if cut is None or cut == 0 or cut == len(alias_tokens) - 1:
        return []
    if any(t.pos not in ("NOUN", "PROPN", "ADJ") for t in alias_tokens[:cut]):
        return []
    head_words = [t.lemma for t in alias_tokens[:cut]]
    tail_words = [t.lemma for t in alias_tokens[cut + 1 :] if t.text not in ("'s", "’s")]
    preposition = alias_tokens[cut].lemma
    reading = read(text)
    plain = [t for t in tokens if t.text not in ("'s", "’s")]
    position = {t.i: index for index, t in enumerate(plain)}
    found: list[tuple[Span, tuple[Span, ...]]] = []
    for index in range(len(plain)):
        for last, exact, _ in _matches_from(head_words, plain, index, own_words):
            noun = plain[last]
            if not exact or noun.pos != "NOUN":
                continue
            holders = {noun.i} | (_clause_verbs(reading, noun.head) if noun.dep in _ARGUMENTS else set())
            for word in reading.tokens:
                if word.lemma != preposition or word.head not in holders or word.i <= noun.i + 1:
                    continue
                after = position.get(word.i + 1)
                if after is None:
                    continue
                objects = {t.i for t in reading.children(word.i) if t.dep == "pobj"}
                for end, whole, filled in _matches_from(tail_words, plain, after, own_words):
                    # the whole object, never its start: "on the council estate" is no "on the council"
                    if whole and plain[end].i in objects:
                        found.append(((plain[index].start, noun.end), filled))
    return found


# How a noun stands to the verb a phrase of its alias may hang on ("how many seats did X hold on the council":
# the parse often makes the fronted "seats" the subject of "did").
_ARGUMENTS = frozenset({"dobj", "nsubj", "nsubjpass", "attr"})


def _clause_verbs(reading: EnglishReading, index: int) -> set[int]:
    """The token and, for an auxiliary ("did"), the verb it helps."""
    token = reading.tokens[index]
    if token.pos == "AUX" and token.dep == "aux":
        return {index, token.head}
    return {index}


def _governing_verb(reading: EnglishReading, noun: Token, verb: str) -> Token | None:
    """The verb of lemma `verb` after `noun` that governs it within two steps up the parse, if any."""
    node = noun
    for _ in range(2):
        node = reading.tokens[node.head]
        if node.i > noun.i and node.pos in ("VERB", "AUX") and same_word(node, verb):
            return node
        if node.head == node.i:
            break
    for child in reading.children(noun.head):
        if _fronted_object_of(reading, noun, child) and same_word(child, verb):
            return child
    return None


def _fronted_object_of(reading: EnglishReading, noun: Token, verb: Token) -> bool:
    """ "How many jobs did the company cut": the parse often hangs the fronted object on "did" and the verb beside
    it, as a clause of its own; the noun is still that verb's object."""
    helper = reading.tokens[verb.head]
    return (
        noun.head == helper.i
        and helper.dep == "ROOT"
        and helper.lemma in _HELPERS
        and verb.dep in ("ccomp", "xcomp")
        and verb.i > noun.i
    )


_HELPERS = frozenset({"do", "have"})


# What may stand where an alias says "the", besides "the" itself: a determiner or a possessive pronoun ("its").
# A name may too (see `_matches_from`).
_DETERMINERS = frozenset({"its", "their", "his", "her", "our", "this", "that", "these", "those"})

_Match = tuple[int, bool, tuple[Span, ...]]  # last token's index, every word as written, names in "the"


def _matches_from(words: Sequence[str], plain: Sequence[Token], index: int, own: Collection[str]) -> list[_Match]:
    """Each match of `words` that starts at `plain[index]`; names in an alias's "the" must be `own` words."""
    if not words:
        return [(index - 1, True, ())]
    if index >= len(plain):
        return []
    word, token, rest = words[0], plain[index], words[1:]
    found: list[_Match] = []
    if same_word(token, word):
        exact = token.lemma == word or token.text.casefold() == word
        found += [(last, exact and whole, filled) for last, whole, filled in _matches_from(rest, plain, index + 1, own)]
    if word != "the" or not rest:
        return found
    # A definite determiner in the alias's place: "its", or a name ("Harrowgate", "Harrowgate Town"), never nothing.
    if token.lemma in _DETERMINERS and token.pos in ("DET", "PRON"):
        found += _matches_from(rest, plain, index + 1, own)
    first = index + 1 if token.lemma == "the" and token.pos == "DET" else index  # "the Harrowgate council" too
    filler = first
    while filler < len(plain) and plain[filler].pos == "PROPN" and plain[filler].lemma in own:
        filler += 1
        name = (plain[first].start, plain[filler - 1].end)
        found += [(last, exact, (name, *filled)) for last, exact, filled in _matches_from(rest, plain, filler, own)]
    return found


# --- choosing the subject and the metric ---------------------------------------------------------------

# A mention right after one of these names a place the sentence is about, rarely what it is about.
_LOCATIVE_BEFORE = re.compile(
    r"(?i)\b(?:in|to|into|at|from|across|throughout|inside|within|for|towards?)\s+(?:the\s+)?\Z"
)
_COORDINATION = re.compile(r"(?i)\s*(?:,\s*)?(?:and|or|&|as\s+well\s+as|plus|,)\s*(?:(?:the|its|their|his|her)\s+)?")
# Perfect and present tenses describe a level reached (a stock): "has deployed", "have been displaced".
_STOCK_WORDS = re.compile(
    r"(?i)\b(?:has|have|had|is|are|currently|now|still|so\s+far|to\s+date|as\s+of|end\s+of|there\s+(?:are|were))\b"
    r"|'ve\b"
)
_FLOW_WORDS = re.compile(r"(?i)\b(?:during|each|every|per|annually|a\s+(?:year|month|week))\b")
_STOPWORDS = frozenset(
    "a an the of in on to at for by with from as and or is are was were be been has have had how many much what "
    "which who that this there their its it than more less over under about some nearly almost least most "
    "number total did do does will would people".split()
)


def is_recipient_phrase(text: str, start: int) -> bool:
    """Whether the name at `start` receives what a verb gives or sends: the object of "to" or "for" hung on a
    verb ("pledged doses to Harrowgate", "to Harrowgate's appeal"), never on a noun or adjective ("in addition
    to", "equal to")."""
    reading = read(text)
    token = next((t for t in reading.tokens if t.start <= start < t.end), None)
    for _ in range(4):  # up through the name's own words and a possessive: "Harrowgate's flood appeal"
        if token is None or token.dep not in ("compound", "poss", "amod"):
            break
        token = reading.tokens[token.head]
    if token is None or token.dep != "pobj":
        return False
    preposition = reading.tokens[token.head]
    return preposition.lemma in ("to", "for") and reading.tokens[preposition.head].pos in ("VERB", "AUX")


# A name a possessive pronoun puts in place ("at its Ashby plant") is a part of something named before it,
# where what is counted is. Elsewhere ("against its rivals") the pronoun says nothing of the kind.
_OWNED_BEFORE = re.compile(r"(?i)\b(?:at|in|on|across|within|inside|from)\s+(?:its|their)\s+\Z")


def is_owned_by_another(text: str, start: int) -> bool:
    """Whether the name at `start` is the place of a part of what the sentence named before ("cuts at its
    Ashby plant"): what the figure counts is there."""
    return _OWNED_BEFORE.search(text, 0, start) is not None


def is_place_phrase(text: str, start: int) -> bool:
    """Whether the name at `start` follows "in", "at", "across" ...: a place the sentence is set in."""
    return _LOCATIVE_BEFORE.search(text, 0, start) is not None


def kind_cue(text: str, time: TimeSpan | None, *, increment: bool = False) -> MetricKind | None:
    """Whether the wording speaks of a level (stock) or of a count over a period or event (flow)."""
    if increment:  # "217 more officers", "how many new buses": an increment, whatever the tense
        return MetricKind.flow
    if _STOCK_WORDS.search(text):
        return MetricKind.stock
    if _FLOW_WORDS.search(text):
        return MetricKind.flow
    if time is not None and time.precision in (Precision.month, Precision.year, Precision.period):
        return MetricKind.flow
    return None


def resolve_reading(
    text: str,
    lexicon: Lexicon,
    *,
    available: Collection[tuple[str, str]],
    error: type[InvalidInput],
    skip: Collection[Span] = (),
    time: TimeSpan | None = None,
    increment: bool = False,
    cue: MetricKind | None = None,
    together: bool = False,
    measure: FigureMeasure | None = None,
) -> Reading:
    """Choose the subject and the metric a sentence is about, or say what was not understood.

    Candidates are ranked, in this order, by: a metric word standing on its own rather than inside or
    around an entity's name ("killed" beats the "in Haiti" of "killed in Haiti"); a metric named by the
    words of what is counted rather than by the verb that has them as its object ("won seats": seats); a
    metric that can be what a figure or quantifier of the sentence counts (what "won 15 seats" counts is no
    share in percent and no sum of money, whatever "won" names, unless the sentence gives a percentage or a
    sum too), and whose family's wording holds the noun counted or is a verb (see `_names_counted`);
    agreement with the stock/flow wording; a subject the sentence makes a part of another ("at its Ashby
    plant"); evidence in the store for the (subject, metric) pair; a subject that is not a place after
    "in/to/from"; a subject at the head of the sentence; the longer metric alias. The words choose the
    metric before the store does: a claim about arrivals with no arrivals on record is
    unverifiable, not checked against the level instead.
    """
    entities = find_mentions(text, lexicon.entities, skip=skip)
    metrics = find_mentions(text, lexicon.metrics, skip=skip)
    if not metrics:  # with neither, the subject is asked for first: its suggestions help most
        part, terms = ("metric", lexicon.metrics) if entities else ("subject", lexicon.entities)
        raise _not_understood(text, part, terms, skip, error)
    available_pairs = set(available)
    # A name standing in a metric alias's "the" ("seats on Harrowgate's council") is the measure's, not the
    # subject, when the sentence names another ("did Labour win any seats on Harrowgate's council").
    # So is a name that is the very words of a measure ("rescue teams", a group and a count of teams) when
    # the sentence names another ("how many rescue teams did Norland have deployed").
    in_measures = [
        e
        for e in entities
        if any(_overlaps(e, span) for m in metrics for span in m.filled)
        or any((m.start, m.end) == (e.start, e.end) for m in metrics)
    ]
    rest = [e for e in entities if e not in in_measures]
    if any(_LOCATIVE_BEFORE.search(text, 0, e.start) is None for e in rest):  # another, not only a place
        entities = rest
    head = _head_mentions(text, entities)
    # (key, span, not a place, at the head); a subject nobody names is the only one the store has for the metric.
    subjects: list[tuple[str, Span | None, bool, bool]] = [
        (e.key, (e.start, e.end), _LOCATIVE_BEFORE.search(text, 0, e.start) is None, e in head) for e in entities
    ]
    # "at its Ashby plant": the sentence itself makes the name a part of another it names, and narrows to it.
    owned = {(e.start, e.end) for e in entities if is_owned_by_another(text, e.start)}
    if not subjects:
        implied = {s for s, m in available_pairs if m in {metric.key for metric in metrics}}
        if len(implied) != 1:
            names = {t.key: t.name for t in lexicon.entities}
            having = sorted(names.get(key, key) for key in implied)
            raise _not_understood(text, "subject", lexicon.entities, skip, error, first=having)
        subjects = [(implied.pop(), None, True, True)]
    cue = cue or kind_cue(text, time, increment=increment)
    reading = read(text)
    counted = counted_nouns(reading)
    # A share or an amount of money is not what "15 seats" counts, unless the sentence states one too.
    infos = {info.key: info for info in lexicon.metric_info}
    not_counts = {info.key for info in lexicon.metric_info if not can_count(info, reading)}
    families = {m.key: metric_family(m.key, lexicon) for m in metrics}
    manners = _verbs_of_other_measures(reading, metrics, families)
    best: dict[tuple[str, str], tuple[tuple[float, ...], Span | None, Span]] = {}
    for metric in metrics:
        tier = _metric_tier(metric, entities, text)
        if measure is not None:  # a claim's figure says what it is: "€85 million" is no count of job cuts
            counts = float(_measures(infos.get(metric.key), measure))
        else:
            counts = float(not (counted and metric.key in not_counts))
        family = families[metric.key]
        names_counted = float(any(_names_counted(m, counted, reading) for m in metrics if m.key in family))
        fit = _kind_fit(metric.key, lexicon, {m.key for m in metrics}, cue)
        for subject, span, not_place, at_head in subjects:
            key = (
                float(tier),
                float((metric.start, metric.end) not in manners),
                counts,
                names_counted,
                fit,
                float(span in owned),
                float((subject, metric.key) in available_pairs),
                float(not_place),
                float(at_head),
                float(metric.end - metric.start),
            )
            pair = (subject, metric.key)
            if pair not in best or key > best[pair][0]:
                best[pair] = (key, span, (metric.start, metric.end))
    ranked = sorted(best.items(), key=lambda item: item[1][0], reverse=True)
    top = [pair for pair, (key, _, _) in ranked if key == ranked[0][1][0]]
    # Subjects named together at different places ("Norland and Ruritania") may all be meant, when the caller
    # asks for a sum; one name that two subjects go by is an ambiguity whatever the caller wants.
    spans_of = {m.key: {(h.start, h.end) for h in head if h.key == m.key} for m in head}
    top_spans = [spans_of.get(s, set()) for s, _ in top]
    distinct = all(len(a) == 1 for a in top_spans) and len(set().union(*top_spans)) == len(top_spans)
    together_ok = together and len({m for _, m in top}) == 1 and distinct
    if len(top) > 1 and not together_ok:
        raise ambiguous_reading(text, top, lexicon)
    if len(top) > 1:  # subjects named together ("Norland and Ruritania"): the first named leads, the rest follow
        first = min((m for m in head if m.key in {s for s, _ in top}), key=lambda m: m.start)
        ranked = [item for item in ranked if item[0] == (first.key, top[0][1])]
    (subject_key, metric_key), (_, subject_span, metric_span) = ranked[0]
    others = [(m.key, (m.start, m.end)) for m in head if (m.start, m.end) != subject_span and m.key != subject_key]
    return Reading(
        subject=subject_key,
        metric=metric_key,
        subject_span=subject_span,
        metric_span=metric_span,
        subjects=((subject_key, subject_span), *others) if subject_span in {(m.start, m.end) for m in head} else (),
        mentions=tuple(sorted([*entities, *metrics], key=lambda m: (m.start, m.end))),
    )


def _verbs_of_other_measures(
    reading: EnglishReading, metrics: Sequence[Mention], families: dict[str, set[str]]
) -> set[Span]:
    """The mentions that are a verb whose object is the wording of a measure of another family: "won seats on
    the council" counts seats, whatever "won" names; the verb says how they came, not what is counted."""
    found: set[Span] = set()
    for metric in metrics:
        words = reading.tokens_in(metric.start, metric.end)
        if len(words) != 1 or words[0].pos != "VERB":
            continue
        objects = [t for t in reading.children(words[0].i) if t.dep == "dobj"]
        if any(
            other.start <= noun.start < other.end and other.key not in families[metric.key]
            for noun in objects
            for other in metrics
        ):
            found.add((metric.start, metric.end))
    return found


def verbs_of_shares(reading: EnglishReading, chosen: Reading, lexicon: Lexicon) -> list[Span]:
    """A verb that a share in percent goes by, when the measure chosen is a count: in "how many votes did Labour
    win" and "the Farmers League won seats", "win" (an alias of the vote share) only says how they were had, for
    no count is a percentage. A
    verb of another count ("how many children died" read as children vaccinated) is never excused."""
    shares = {info.key for info in lexicon.metric_info if info.in_percent}
    if chosen.metric in shares:
        return []
    found: list[Span] = []
    for mention in chosen.mentions:
        if mention.key not in shares:
            continue
        # The alias read alone decides too: the small pipeline takes "win" in "did the Farmers League win" for a noun.
        in_text = [t.pos for t in reading.tokens if mention.start <= t.start and t.end <= mention.end]
        alone = [t.pos for t in read(mention.alias).tokens if t.pos not in ("PUNCT", "SPACE")]
        if any(words and all(pos in ("VERB", "AUX") for pos in words) for words in (in_text, alone)):
            found.append((mention.start, mention.end))
    return found


# Determiners and adjectives that quantify the noun they go with: what "how many", "any" and "15" count.
_QUANTIFIERS = frozenset({"many", "much", "any", "no", "several", "few"})
_PERCENT_WORDS = frozenset({"percent", "cent", "percentage", "%"})
_MONEY_WORDS = CURRENCY_SIGNS | CURRENCY_WORDS | {"money"}
_NOT_COUNTED = frozenset({"DATE", "TIME", "MONEY", "PERCENT"})


def can_count(info: MetricInfo, reading: EnglishReading) -> bool:
    """Whether the metric can be what the sentence's nouns count: a share in percent or an amount of money
    cannot ("how many seats", "15 trucks"), unless the sentence states a percentage or a sum of money too."""
    if info.in_percent:
        return any(t.lemma in _PERCENT_WORDS or t.text == "%" for t in reading.tokens)
    if info.in_money:
        return any(t.ent_type == "MONEY" or t.lemma in _MONEY_WORDS for t in reading.tokens)
    return True


def counted_nouns(reading: EnglishReading) -> list[Token]:
    """The nouns a figure or a quantifier counts ("15 seats", "how many votes", "any seats", "the number of legal
    cases"), not percentages."""
    found: list[Token] = []
    for token in reading.tokens:
        if token.pos != "NOUN" or token.ent_type in _NOT_COUNTED or token.lemma in _PERCENT_WORDS | _MONEY_WORDS:
            continue
        children = reading.children(token.i)
        quantified = any(c.dep == "nummod" or (c.lemma in _QUANTIFIERS and c.dep in ("amod", "det")) for c in children)
        if quantified or (token.dep == "pobj" and _is_number_of(reading, reading.tokens[token.head])):
            found.append(token)
    return found


def _is_number_of(reading: EnglishReading, preposition: Token) -> bool:
    """Whether a preposition is the "of" of "the number of", which counts its object."""
    return preposition.lemma == "of" and reading.tokens[preposition.head].lemma == "number"


def _measures(info: MetricInfo | None, measure: FigureMeasure) -> bool:
    """Whether a metric is measured as the figure is: a percentage a share, a sum of money an amount, a count
    of things neither, and a bare number (which may be money: "pledged 10 million") anything but a share."""
    if info is None:
        return True
    if measure == "percent":
        return info.in_percent
    if measure == "money":
        return info.in_money
    if measure == "count":
        return not info.in_percent and not info.in_money
    return not info.in_percent


def _names_counted(metric: Mention, counted: Sequence[Token], reading: EnglishReading) -> bool:
    """Whether a metric's wording can say what the sentence counts: it holds a noun counted ("how many court
    cases" of "court cases"), or it is a verb, which says what happened to what is counted ("how many buses
    broke down"). A noun phrase beside the one counted ("over contested ballots") only narrows it."""
    if not counted:
        return True
    words = [t for t in reading.tokens if metric.start <= t.start and t.end <= metric.end]
    if any(t.pos in ("VERB", "AUX") and t.dep not in ("amod", "compound") for t in words):  # not "contested"
        return True
    return any(metric.start <= noun.start and noun.end <= metric.end for noun in counted)


def names_measure_of(other: str, family: Collection[str], lexicon: Lexicon) -> bool:
    """Whether the names of a family's measures speak of another measure by one of its own names of two words or
    more: "Court cases over contested ballots" speaks of "Contested ballots". The vocabulary says so, never a
    guess."""

    def names(keys: Collection[str]) -> list[tuple[str, ...]]:
        return [_content_lemmas(n) for term in lexicon.metrics if term.key in keys for n in (term.name, *term.aliases)]

    ours = names(family)
    # Two words at least: one shared word ("redundancy" of "redundancy payments") names no measure
    return any(len(words) > 1 and any(_holds_run(name, words) for name in ours) for words in names({other}))


def _content_lemmas(name: str) -> tuple[str, ...]:
    return tuple(w for w in lemmas_of(name) if w.isalpha() and w not in _STOPWORDS)


def _holds_run(words: Sequence[str], run: Sequence[str]) -> bool:
    return any(tuple(words[i : i + len(run)]) == tuple(run) for i in range(len(words) - len(run) + 1))


def feeding_flow(metric: str, lexicon: Lexicon) -> str | None:
    """The one flow the vocabulary says feeds a stock ("arrivals" of "personnel"), or None when it is not a
    stock or is fed by none or by several."""
    infos = {info.key: info for info in lexicon.metric_info}
    info = infos.get(metric)
    flows = [key for key, flow in infos.items() if flow.feeds == metric]
    return flows[0] if info is not None and info.kind is MetricKind.stock and len(flows) == 1 else None


def metric_family(metric: str, lexicon: Lexicon) -> set[str]:
    """The metric, the stock it feeds and the flows that feed it: words of one family speak of one measure."""
    infos = {info.key: info for info in lexicon.metric_info}
    fed = infos[metric].feeds if metric in infos else None
    stock = fed or metric
    return {metric, stock, *(key for key, info in infos.items() if info.feeds == stock)}


def _kind_fit(metric: str, lexicon: Lexicon, mentioned: set[str], cue: MetricKind | None) -> float:
    kinds = {info.key: info for info in lexicon.metric_info}
    info = kinds.get(metric)
    if info is None:
        return 0.5
    if cue is not None:
        return 1.0 if info.kind is cue else 0.0
    if info.kind is MetricKind.flow and info.feeds in mentioned:
        return 1.0  # "sent 217 officers": the flow is the more specific reading of the stock's unit
    fed = any(kinds[k].feeds == metric for k in mentioned if k in kinds)
    return 0.0 if fed else 0.5


def _overlaps(mention: Mention, span: Span) -> bool:
    return mention.start < span[1] and span[0] < mention.end


def _metric_tier(metric: Mention, entities: Sequence[Mention], text: str) -> int:
    # 2: a metric word on its own; 1: inside an entity's name ("police officers" in "Kenyan police
    # officers"), which only echoes the subject; 0: around an entity with nothing of its own but a
    # preposition ("in Haiti"), which names a place. A name in the alias's "the" is the metric's own.
    overlapping = [
        e
        for e in entities
        if _overlaps(e, (metric.start, metric.end)) and not any(_overlaps(e, span) for span in metric.filled)
    ]
    if not overlapping:
        return 2
    if all(e.start <= metric.start and metric.end <= e.end for e in overlapping):
        return 1
    outside = list(text[metric.start : metric.end])
    for entity in overlapping:
        for index in range(max(entity.start, metric.start), min(entity.end, metric.end)):
            outside[index - metric.start] = " "
    own = [w for w in re.findall(r"[^\W\d_]+", "".join(outside)) if w.casefold() not in _PLACE_WORDS]
    return 2 if own else 0


# Prepositions and determiners that put a name in place ("in Haiti", "for the region"), and nothing else.
_PLACE_WORDS = frozenset("a an the of in on at to for by from into across within inside throughout s".split())


def _head_mentions(text: str, entities: Sequence[Mention]) -> list[Mention]:
    """The first entity that is not a place, with those coordinated to it ("Kenya and El Salvador"), and any
    homonym at its very words (for the evidence to settle)."""
    subjects = [e for e in entities if _LOCATIVE_BEFORE.search(text, 0, e.start) is None] or list(entities)
    if not subjects:
        return []
    first = subjects[0]
    # The names joined to it by "and" or commas, before it ("in Fennick Bay and Sorrel Point") or after it.
    groups: list[list[Mention]] = []
    for entity in sorted(entities, key=lambda e: (e.start, e.end)):
        last = groups[-1][-1] if groups else None
        homonym = last is not None and (entity.start, entity.end) == (last.start, last.end)
        joined = last is not None and entity.start >= last.end and _COORDINATION.fullmatch(text, last.end, entity.start)
        if homonym or joined:
            groups[-1].append(entity)
        else:
            groups.append([entity])
    return next(group for group in groups if first in group)


def ambiguous_reading(text: str, pairs: Sequence[tuple[str, str]], lexicon: Lexicon) -> AmbiguousTerm:
    """The 409 for a sentence that can be read as each of `pairs` (subject, metric)."""
    names = {t.key: t.name for t in (*lexicon.entities, *lexicon.metrics)}
    subjects = {s for s, _ in pairs}
    metrics = {m for _, m in pairs}
    part = "subject" if len(metrics) == 1 else "metric" if len(subjects) == 1 else "subject and metric"
    readings = "; ".join(f"{names[s]} / {names[m]}" for s, m in pairs)
    return AmbiguousTerm(
        f"{text!r} can be read more than one way ({part}): {readings}",
        hint=f"name the {part} more precisely, or ask about one at a time",
        extra={"part": part, "candidates": [{"subject": s, "metric": m} for s, m in pairs]},
    )


def _not_understood(
    text: str,
    part: str,
    terms: Sequence[Term],
    skip: Collection[Span],
    error: type[InvalidInput],
    *,
    first: Sequence[str] = (),
) -> InvalidInput:
    names = [n for t in terms for n in dict.fromkeys((t.name, *t.aliases))]
    words = [m.group() for m in re.finditer(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", text) if not _within(m.start(), skip)]
    scored: dict[str, float] = {}
    for size in (1, 2, 3):
        for index in range(len(words) - size + 1):
            gram = words[index : index + size]
            if gram[0].lower() in _STOPWORDS or gram[-1].lower() in _STOPWORDS:
                continue
            phrase = " ".join(gram)
            for name in closest_names(phrase, names, limit=3):
                ratio = difflib.SequenceMatcher(None, normalize_name(phrase), normalize_name(name)).ratio()
                scored[name] = max(scored.get(name, 0.0), ratio)
    suggestions = list(dict.fromkeys([*first, *sorted(scored, key=lambda n: -scored[n])]))[:5]
    known = ", ".join(repr(t.name) for t in terms[:8]) or "none: the vocabulary is empty"
    hint = f"did you mean {', '.join(map(repr, suggestions))}?" if suggestions else f"known {part}s include {known}"
    return error(f"no known {part} in {text!r}", hint=hint, extra={"part": part, "suggestions": suggestions})


def _within(index: int, spans: Collection[Span]) -> bool:
    return any(start <= index < end for start, end in spans)
