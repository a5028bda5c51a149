"""Extraction: the assertions a careful editor would record from a news text, proposed with their quotes."""

# The pipeline, in one pass over the text: cut it into sentences and clauses (extraction_text), find the
# lexicon's names once (extraction_mentions), find the figures sentence by sentence (figures), and for
# each figure read its metric and subject (extraction_reading, extraction_subjects), its modality, kind
# and claimant (extraction_cues) and its time (extraction_time). Every rule is about English and news
# conventions; everything about a topic comes from the Lexicon.

from __future__ import annotations

import datetime as dt
import re

import msgspec

from reasoning.evidence import Lexicon
from reasoning.extraction_cues import find_claimant, find_denials, find_modality_cue, kind_cue
from reasoning.extraction_mentions import MentionIndex, Named
from reasoning.extraction_reading import MetricChoice, choose_metric, is_modifier, shift_kind
from reasoning.extraction_subjects import SubjectFinder
from reasoning.extraction_text import Sentence, find_dateline, split_sentences
from reasoning.extraction_time import Dated, choose_time, dated_phrases
from reasoning.figures import DEFAULT_FIGURE_SETTINGS, FigureSettings, FoundFigure, find_figures
from reasoning.types import MAX_NAME_CHARS, Interval, MetricKind, Modality, TimeSpan

__all__ = ["DEFAULT_EXTRACTION_SETTINGS", "Extraction", "ExtractionSettings", "Proposal", "extract"]


class ExtractionSettings(msgspec.Struct, frozen=True, kw_only=True):
    """How extraction reads: the figure conventions, the languages it handles, and its bounds."""

    figures: FigureSettings = DEFAULT_FIGURE_SETTINGS
    languages: tuple[str, ...] = ("en",)  # the rules read English; other texts are stored, not read
    context_words: int = 6  # words either side of an unresolved figure, for the editor
    propose_denials: bool = True  # "no deaths were reported" proposed as zero
    max_proposals: int = 2000  # more is not a news article an editor can review; the rest is reported skipped


DEFAULT_EXTRACTION_SETTINGS = ExtractionSettings()


class Proposal(msgspec.Struct, frozen=True, kw_only=True):
    """One proposed assertion. `text[quote_start:quote_end] == quote`, and the quote contains `value_text`."""

    subject: str | None  # entity key; None when no entity of the lexicon fits
    metric: str | None  # metric key; None when no metric of the lexicon fits
    value_text: str  # the figure as written, with its qualifier ("over 600")
    interval: Interval
    modality: Modality
    time: TimeSpan
    time_text: str | None
    claimant: str | None
    quote: str
    quote_start: int
    quote_end: int
    # "figure+alias", "figure+context", "figure+share_words", "figure+difference", "figure+unresolved", "denial"
    rule: str
    unresolved_context: str | None = None
    flags: tuple[str, ...] = ()


class Extraction(msgspec.Struct, frozen=True, kw_only=True):
    proposals: list[Proposal]
    skipped: list[str]  # figures found and not proposed, each with why
    language: str
    notes: list[str]


_DURATION_AFTER = re.compile(
    r"(?i)\A\s*-?\s*(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centur(?:y|ies))\b"
)
_IDENTIFIER_BEFORE = re.compile(
    r"\b(?:Resolution|Article|Section|Chapter|Paragraph|No\.?|Number|Room|Route|Highway|Flight|Page|Item|Act|Law|"
    r"Decree|Line|Bus|Phase|Level|Category|Grade|Episode|Season|Vol\.?|Volume)\s+\Z"
)
_CONTEXT_HOW = ("previous_sentence", "previous_paragraph", "main_subject")


def extract(
    text: str,
    *,
    lexicon: Lexicon,
    source_date: dt.date | None,
    language: str = "en",
    settings: ExtractionSettings = DEFAULT_EXTRACTION_SETTINGS,
) -> Extraction:
    """Propose the assertions stated in `text`, resolving relative dates against `source_date` (never today)."""
    base = language.strip().lower().replace("_", "-").split("-")[0]
    if base not in settings.languages:
        note = (
            f"extraction reads {', '.join(settings.languages)} only; "
            f"the text is in {language!r}, so nothing was proposed"
        )
        return Extraction(proposals=[], skipped=[], language=language, notes=[note])
    return _Extractor(text, lexicon, source_date, settings).run(language)


class _Extractor:
    def __init__(self, text: str, lexicon: Lexicon, source_date: dt.date | None, settings: ExtractionSettings) -> None:
        self.text, self.lexicon, self.source_date, self.settings = text, lexicon, source_date, settings
        self.dateline = find_dateline(text)
        self.sentences = split_sentences(text, skip_until=self.dateline[1] if self.dateline else 0)
        self.index = MentionIndex(text, lexicon)
        self.subjects = SubjectFinder(text, self.sentences, self.index)
        self.infos = {info.key: info for info in lexicon.metric_info}
        self.proposals: list[Proposal] = []
        self.skipped: list[str] = []
        self.carried: Dated | None = None  # the last date of the paragraph so far, for undated events
        self.last_claimant: str | None = None  # the previous sentence's, for "..., it said"
        self.metric_subjects: dict[tuple[int, str | None], str] = {}  # (paragraph, metric) -> its last subject

    def run(self, language: str) -> Extraction:
        read = 0
        for position, sentence in enumerate(self.sentences):
            if len(self.proposals) >= self.settings.max_proposals:
                break  # a table of numbers, not an article: say so rather than propose without end
            if position and self.sentences[position - 1].paragraph != sentence.paragraph:
                self.carried = None
            self._read_sentence(position, sentence)
            read += 1
        notes = [
            f"{len(self.proposals)} proposed, {len(self.skipped)} skipped, "
            f"{read} of {len(self.sentences)} sentences read"
        ]
        if read < len(self.sentences):
            notes.append(f"stopped at {self.settings.max_proposals} proposals: the rest of the text was not read")
        if self.source_date is None:
            notes.append("the source has no date: times relative to it are unknown, never today's date")
        return Extraction(proposals=self.proposals, skipped=self.skipped, language=language, notes=notes)

    def _read_sentence(self, position: int, sentence: Sentence) -> None:
        figures = [f for f in self._figures(sentence) if self._keep(f)]
        spans = [(f.start, f.end) for f in figures]
        phrases = dated_phrases(self.text, sentence, self.source_date, spans, self.dateline)
        metrics = self.index.metrics_in(sentence.start, sentence.end)
        entities = self.index.entities_in(sentence.start, sentence.end)
        claimant_before, self.last_claimant = self.last_claimant, None
        flows = self._flows_named(sentence, metrics, spans)
        for found in figures[: max(0, self.settings.max_proposals - len(self.proposals))]:
            clause = sentence.clause_at(found.start)
            named = {key for index, keys in flows.items() if index in (clause, None) for key in keys}
            self._propose(position, sentence, found, spans, phrases, metrics, entities, named, claimant_before)
        if self.settings.propose_denials:
            for denial in find_denials(self.text, sentence, metrics, spans):
                self._propose_denial(position, sentence, denial.start, denial.metrics, phrases)
        definite = [p for p in phrases if not p.vague and not p.statement and not p.since]
        if definite:
            self.carried = definite[-1]

    def _figures(self, sentence: Sentence) -> list[FoundFigure]:
        # Figures are read sentence by sentence: date finding inside find_figures is not linear in a long text.
        found = find_figures(self.text[sentence.start : sentence.end], self.settings.figures)
        return [FoundFigure(figure=f.figure, start=f.start + sentence.start, end=f.end + sentence.start) for f in found]

    def _keep(self, found: FoundFigure) -> bool:
        after = self.text[found.end : found.end + 20]
        if _DURATION_AFTER.match(after):
            reason = "a duration, not a count"
        elif _IDENTIFIER_BEFORE.search(self.text, max(0, found.start - 14), found.start):
            reason = "a number that names something, not a count"
        else:
            return True
        self.skipped.append(f"{found.figure.value_text!r} at {found.start}: {reason}")
        return False

    def _propose(
        self,
        position: int,
        sentence: Sentence,
        found: FoundFigure,
        spans: list[tuple[int, int]],
        phrases: list[Dated],
        metrics: list[Named],
        entities: list[Named],
        flows: set[str],
        claimant_before: str | None,
    ) -> None:
        span = (found.start, found.end)
        clause_index = sentence.clause_at(found.start)
        figure = found.figure
        choice = choose_metric(
            self.text,
            sentence,
            span,
            is_percent=figure.is_percent,
            is_difference=figure.comparison is not None,
            metrics=metrics,
            entities=entities,
            figures=spans,
            lexicon=self.lexicon,
        )
        metric = self._with_kind(sentence, span, choice, flows)
        subject, how, named = self.subjects.subject_for(position, span)
        if how == "previous_sentence" and (sentence.paragraph, metric) in self.metric_subjects:
            # "The river rose to 6 metres ... Officials expect the level to fall": a metric word with no name
            # of its own refers to what the paragraph's earlier figure of that metric was about.
            subject = self.metric_subjects[(sentence.paragraph, metric)]
        if subject is not None and metric is not None:
            self.metric_subjects[(sentence.paragraph, metric)] = subject
        self.subjects.record(position, clause_index, subject)
        cue = find_modality_cue(self.text, sentence, span)
        kind = self.infos[metric].kind if metric in self.infos else None
        when = choose_time(
            self.text,
            sentence,
            span,
            kind=kind,
            modality=cue.modality,
            phrases=phrases,
            figures=spans,
            carried=self.carried,
            source_date=self.source_date,
        )
        modality, flags = cue.modality, list(when.flags)
        if cue.future_only and when.time.end is not None and self.source_date and when.time.end < self.source_date:
            modality = Modality.actual  # "will replace the 400 buses bought last year"
        claimant = self._claimant(sentence, span, claimant_before)
        if figure.comparison is not None:
            flags.append("difference")
        if how in _CONTEXT_HOW:
            flags.append("subject_from_context")
        rule = (
            "figure+unresolved"
            if subject is None or metric is None
            else ("figure+context" if how in _CONTEXT_HOW else f"figure+{choice.how if choice else 'alias'}")
        )
        pieces = [span, *([(choice.mention.start, choice.mention.end)] if choice and choice.mention else [])]
        pieces += [(named.start, named.end)] if named is not None else []
        quote_start, quote_end = self._quote(sentence, clause_index, pieces)
        self._add(
            Proposal(
                subject=subject,
                metric=metric,
                value_text=figure.value_text,
                interval=figure.interval,
                modality=modality,
                time=when.time,
                time_text=when.text,
                claimant=claimant,
                quote=self.text[quote_start:quote_end],
                quote_start=quote_start,
                quote_end=quote_end,
                rule=rule,
                unresolved_context=self._context(sentence, span) if rule == "figure+unresolved" else None,
                flags=tuple(dict.fromkeys(flags)),
            )
        )

    def _flows_named(
        self, sentence: Sentence, metrics: list[Named], figures: list[tuple[int, int]]
    ) -> dict[int | None, set[str]]:
        """Flow metrics the sentence names outside a prepositional phrase ("the delivery", not "on delivery"),
        by the clause of the figure they belong to; None for those in clauses without a figure of their own."""
        with_figures = {sentence.clause_at(start) for start, _ in figures}
        named: dict[int | None, set[str]] = {}
        for m in metrics:
            clause = sentence.clause_at(m.start)
            if m.inside_entity or is_modifier(self.text, sentence.clauses[clause], m):
                continue
            flows = {key for key in m.keys if key in self.infos and self.infos[key].kind is MetricKind.flow}
            named.setdefault(clause if clause in with_figures else None, set()).update(flows)
        return named

    def _with_kind(
        self, sentence: Sentence, span: tuple[int, int], choice: MetricChoice | None, flows: set[str]
    ) -> str | None:
        if choice is None:
            return None
        if choice.how != "alias":
            return choice.key
        return shift_kind(choice.key, kind_cue(self.text, sentence, span), self.infos, flows)

    def _claimant(self, sentence: Sentence, span: tuple[int, int], before: str | None) -> str | None:
        claimant, pronoun = find_claimant(self.text, sentence, span)
        if pronoun:
            claimant = before  # "..., it said": whoever the previous sentence cited
        self.last_claimant = claimant or self.last_claimant
        return claimant

    def _propose_denial(
        self, position: int, sentence: Sentence, start: int, mentions: tuple[Named, ...], phrases: list[Dated]
    ) -> None:
        # A denial is about the claim it denies: the latest earlier figure of a metric it names, whose
        # subject and time it takes; else the first metric it names, read like a figure of its own.
        stated = {p.metric: p for p in self.proposals if p.interval.best != 0}
        denied = next((stated[k] for m in mentions for k in m.keys if k in stated), None)
        mention = next((m for m in mentions if denied is not None and denied.metric in m.keys), mentions[0])
        metric = denied.metric if denied is not None and denied.metric else mention.keys[0]
        end = mention.end
        if denied is not None:
            subject, time, time_text = denied.subject, denied.time, denied.time_text
        else:
            subject = self.subjects.subject_for(position, (start, end))[0]
            kind = self.infos[metric].kind if metric in self.infos else None
            when = choose_time(
                self.text,
                sentence,
                (start, end),
                kind=kind,
                modality=Modality.actual,
                phrases=phrases,
                figures=[],
                carried=self.carried,
                source_date=self.source_date,
            )
            time, time_text = when.time, when.text
        quote_start, quote_end = self._quote(sentence, sentence.clause_at(start), [(start, end)])
        self._add(
            Proposal(
                subject=subject,
                metric=metric,
                value_text=self.text[start:end],
                interval=Interval(low=0.0, best=0.0, high=0.0, rule="denial"),
                modality=Modality.actual,
                time=time,
                time_text=time_text,
                claimant=find_claimant(self.text, sentence, (start, end))[0],
                quote=self.text[quote_start:quote_end],
                quote_start=quote_start,
                quote_end=quote_end,
                rule="denial",
                flags=("denial",) + (("denies_earlier_figure",) if denied is not None else ()),
            )
        )

    def _add(self, proposal: Proposal) -> None:
        """Keep a proposal the store can hold as it is: its texts go in columns of MAX_NAME_CHARS."""
        if proposal.claimant is not None and len(proposal.claimant) > MAX_NAME_CHARS:
            proposal = msgspec.structs.replace(proposal, claimant=None)  # no one's name runs that long
        too_long = [
            name
            for name, value in (("figure", proposal.value_text), ("time phrase", proposal.time_text))
            if value is not None and len(value) > MAX_NAME_CHARS
        ]
        if too_long:
            self.skipped.append(
                f"{proposal.value_text[:40]!r}... at {proposal.quote_start}: "
                f"its {' and '.join(too_long)} run past {MAX_NAME_CHARS} characters"
            )
            return
        self.proposals.append(proposal)

    def _quote(self, sentence: Sentence, clause_index: int, pieces: list[tuple[int, int]]) -> tuple[int, int]:
        """The figure's clause, widened to the words in its sentence that named its subject and metric."""
        clause = sentence.clauses[clause_index]
        inside = [p for p in pieces if sentence.start <= p[0] and p[1] <= sentence.end]
        return min([clause.start, *(p[0] for p in inside)]), max([clause.end, *(p[1] for p in inside)])

    def _context(self, sentence: Sentence, span: tuple[int, int]) -> str:
        words = self.settings.context_words
        before = self.text[sentence.start : span[0]].split()[-words:]
        after = self.text[span[1] : sentence.end].split()[:words]
        return " ".join([*before, self.text[span[0] : span[1]], *after])
