"""Sentences: an article's title and paragraphs, as the units the parser reads.

The title is sentence 0. Body paragraphs (split on blank lines) are parsed one
at a time and their sentences are numbered 1, 2, ... across the article.
Overlong paragraphs are cut at whitespace so the parser never sees more than
``MAX_UNIT_CHARS`` characters at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .articles import Article

MAX_UNIT_CHARS = 20_000
_PARAGRAPHS = re.compile(r"\n\s*\n")


def _cut(text: str, limit: int = MAX_UNIT_CHARS) -> Iterator[str]:
    while len(text) > limit:
        cut = text.rfind(" ", 0, limit)
        if cut <= 0:
            cut = limit
        yield text[:cut]
        text = text[cut:].lstrip()
    if text.strip():
        yield text


def units(article: Article) -> list[tuple[bool, str]]:
    """``(is_title, text)`` pieces of an article, in reading order."""
    out: list[tuple[bool, str]] = []
    if article.title.strip():
        out.extend((True, piece) for piece in _cut(" ".join(article.title.split())))
    for para in _PARAGRAPHS.split(article.text):
        para = " ".join(para.split())
        if para:
            out.extend((False, piece) for piece in _cut(para))
    return out
