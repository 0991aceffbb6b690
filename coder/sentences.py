"""Sentences: an article split into the units the parser reads, one sentence each.

The title is sentence 0. The body is split into paragraphs on blank lines and
each paragraph into sentences by punctuation (spaCy's rule-based sentencizer,
which knows abbreviations such as "U.S." and "Gen."). Sentences are numbered
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


@lru_cache(maxsize=1)
def _splitter() -> Any:
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


def split(paragraph: str) -> list[str]:
    """The sentences of one paragraph."""
    out: list[str] = []
    for piece in _cut(paragraph, 100_000):
        for sent in _splitter()(piece).sents:
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
    for para in _PARAGRAPHS.split(article.text):
        para = " ".join(para.split())
        if para:
            out.extend((False, s) for s in split(para))
    return out
