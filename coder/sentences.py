"""Sentences: an article split into the units the parser reads, one sentence each.

The title is sentence 0. The body is split into paragraphs on blank lines and
each paragraph into sentences by punctuation (spaCy's rule-based sentencizer,
which knows abbreviations such as "U.S." and "Gen."). A wire dateline opening
the body ("BAGHDAD (AP) — ") is left out. Sentences are numbered
1, 2, ... across the article *before* parsing, so numbering never depends on
which sentences the parser sees (the prefilter and the cache rely on that).
Overlong sentences are cut at whitespace so the parser never sees more than
``MAX_UNIT_CHARS`` characters at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from .articles import Article

MAX_UNIT_CHARS = 5_000
_PARAGRAPHS = re.compile(r"\n\s*\n")
# A wire dateline opening the body: "BAGHDAD (AP) — ", "SAN SALVADOR, El
# Salvador (AFP) - ", "GENEVA: ". The place is in capitals; a country or region may
# follow after a comma, the agency in parentheses; then a colon or a dash.
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z'.\-]+(?:\s+[A-Z][A-Z'.\-]+)*"
    r"(?:,\s*[A-Z][A-Za-z.'\-]*(?:\s+[A-Z][A-Za-z.'\-]*){0,3})?)"
    r"\s*(?:\([A-Za-z .\-]{1,30}\))?\s*(?::|\u2014|\u2013|--?)\s+(?=\S)")


def dateline(text: str) -> tuple[str, str]:
    """``(place, rest)``: a wire dateline split off the start of a body ("BAGHDAD (AP)
    — A car bomb ..." -> "BAGHDAD", "A car bomb ..."); ``("", text)`` when there is
    none. Left in, the parser reads the dateline's city as the sentence's subject."""
    m = _DATELINE.match(text)
    if m is None or len(m.group("place").split(",")[0].replace(" ", "")) < 2:
        return "", text
    return m.group("place"), text[m.end():]


@lru_cache(maxsize=1)
def splitter() -> Any:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def _cut(text: str, limit: int = MAX_UNIT_CHARS) -> Iterator[str]:
    while len(text) > limit:
        cut = text.rfind(" ", 0, limit)
        if cut <= 0:
            cut = limit
        yield text[:cut]
        text = text[cut:].lstrip()
    if text.strip():
        yield text


@lru_cache(maxsize=1)
def _punct_orths() -> frozenset[int]:
    """The sentencizer's sentence-final characters, as the tokenizer's ORTH ids."""
    nlp = splitter()
    chars = nlp.get_pipe("sentencizer").punct_chars
    return frozenset(nlp.vocab.strings.add(c) for c in chars)


def _sentences(piece: str) -> Iterator[str]:
    """The sentences spaCy's sentencizer finds in ``piece``, with its rule (a sentence
    starts at the first word after a sentence-final mark that is not punctuation),
    read from the tokenizer's arrays instead of one ``Token`` object per word."""
    from spacy.attrs import IS_PUNCT, ORTH

    doc = splitter().make_doc(piece)
    if not len(doc):
        return
    finals = _punct_orths()
    starts = [0]
    seen_final = False
    for i, (orth, is_punct) in enumerate(doc.to_array([ORTH, IS_PUNCT]).tolist()):
        final = orth in finals
        if seen_final and not is_punct and not final:
            starts.append(i)
            seen_final = False
        elif final:
            seen_final = True
    offsets = [t.idx for t in (doc[i] for i in starts)]
    for a, b in zip(offsets, [*offsets[1:], len(piece)], strict=True):
        yield piece[a:b]


def split(paragraph: str) -> list[str]:
    """The sentences of one paragraph."""
    out: list[str] = []
    for piece in _cut(paragraph, 100_000):
        for sent in _sentences(piece):
            text = sent.strip()
            if text:
                out.extend(_cut(text))
    return out


def split_spacy(paragraph: str) -> list[str]:
    """:func:`split` with spaCy's sentencizer pipe itself (the reference in the tests)."""
    out: list[str] = []
    for piece in _cut(paragraph, 100_000):
        for sent in splitter()(piece).sents:
            text = sent.text.strip()
            if text:
                out.extend(_cut(text))
    return out


def units(article: Article) -> list[tuple[bool, str]]:
    """``(is_title, sentence)`` pairs of an article, in reading order."""
    out: list[tuple[bool, str]] = []
    title = " ".join(article.title.split())
    if title:
        out.extend((True, piece) for piece in _cut(title))
    paras = _paragraphs(article.text)
    if paras:
        paras[0] = dateline(paras[0])[1]
    for para in paras:
        out.extend((False, s) for s in split(para))
    return out


def _paragraphs(text: str) -> list[str]:
    """The body's non-empty paragraphs, white space folded."""
    return [p for p in (" ".join(para.split()) for para in _PARAGRAPHS.split(text)) if p]


def story_place(article: Article) -> str:
    """The place of the dateline opening the body, "" when there is none."""
    paras = _paragraphs(article.text)
    return dateline(paras[0])[0] if paras else ""
