"""Parses built by hand, so that a rule over the parse is pinned to the parse it reads, whatever the pipeline says."""

from __future__ import annotations

from reasoning.english import Reading, Token

ParsedWord = tuple[str, str, str, str, int] | tuple[str, str, str, str, int, str]


def hand_parse(*words: ParsedWord) -> Reading:
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
