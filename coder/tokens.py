"""A parsed sentence read once into plain Python objects, for the rule engine.

Every ``doc[i]``, ``token.head`` or ``token.children`` on a spaCy ``Doc`` builds a
new ``Token`` object, and the engine walks the same tokens many times per sentence
(about 18 ``Token`` objects per word on real news). :func:`view` reads a parse once:
each word becomes one :class:`ParsedToken` whose text, lemma, tags, dependency,
head, children and edges are plain attributes (children worked out from the heads,
as spaCy does), and whose subtree is kept once asked for.

The views answer the part of the spaCy API the engine uses, with spaCy's
semantics (the order of ``children`` and ``subtree``, ``Span.text``, comparisons by
character offset), so the engine runs unchanged on a view or on a spaCy ``Doc``
(the tests build Docs by hand). Anything else is read from the underlying spaCy
object. A view is a snapshot: build it after any change to the parse (repair).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


class ParsedToken:
    """One word of a :class:`ParsedDoc`; one object per word, so ``==`` is identity."""

    __slots__ = ("i", "text", "lower_", "lemma_", "pos_", "tag_", "dep_", "whitespace_",
                 "idx", "doc", "head", "children", "left_edge", "right_edge", "_subtree")

    def __init__(self, doc: ParsedDoc, i: int, text: str, lower: str, lemma: str, pos: str,
                 tag: str, dep: str, ws: str, idx: int) -> None:
        self.doc = doc
        self.i = i
        self.text = text
        self.lower_ = lower
        self.lemma_ = lemma
        self.pos_ = pos
        self.tag_ = tag
        self.dep_ = dep
        self.whitespace_ = ws
        self.idx = idx
        # the tree, set by ParsedDoc; children is a tuple in spaCy's order (by index)
        self.head: ParsedToken = self
        self.children: tuple[ParsedToken, ...] = ()
        self.left_edge: ParsedToken = self
        self.right_edge: ParsedToken = self
        self._subtree: tuple[ParsedToken, ...] | None = None

    @property
    def lefts(self) -> Iterator[ParsedToken]:
        return (c for c in self.children if c.i < self.i)

    @property
    def rights(self) -> Iterator[ParsedToken]:
        return (c for c in self.children if c.i > self.i)

    @property
    def n_lefts(self) -> int:
        return sum(1 for c in self.children if c.i < self.i)

    @property
    def n_rights(self) -> int:
        return sum(1 for c in self.children if c.i > self.i)

    @property
    def subtree(self) -> tuple[ParsedToken, ...]:
        """spaCy's order: the left children's subtrees, the token, the right ones'."""
        sub = self._subtree
        if sub is None:
            out: list[ParsedToken] = []
            for c in self.children:
                if c.i < self.i:
                    out.extend(c.subtree)
            out.append(self)
            for c in self.children:
                if c.i > self.i:
                    out.extend(c.subtree)
            sub = self._subtree = tuple(out)
        return sub

    @property
    def ancestors(self) -> Iterator[ParsedToken]:
        tok, n = self, 0
        while tok.head is not tok and n < len(self.doc.tokens):
            tok = tok.head
            n += 1
            yield tok

    @property
    def sent(self) -> ParsedSpan:
        s = self.doc.spacy[self.i].sent
        return ParsedSpan(self.doc, s.start, s.end)

    def nbor(self, i: int = 1) -> ParsedToken:
        j = self.i + i
        if not 0 <= j < len(self.doc.tokens):
            raise IndexError(f"token index {j} out of range")
        return self.doc.tokens[j]

    @property
    def text_with_ws(self) -> str:
        return self.text + self.whitespace_

    def __getattr__(self, name: str) -> Any:  # the rest of the Token API, from spaCy
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.doc.spacy[self.i], name)

    # -- spaCy's Token protocol -------------------------------------------------
    def __len__(self) -> int:
        return len(self.text)

    def __str__(self) -> str:
        return self.text

    __repr__ = __str__

    def __lt__(self, other: ParsedToken) -> bool:  # spaCy orders tokens by character offset
        return self.idx < other.idx

    def __le__(self, other: ParsedToken) -> bool:
        return self.idx <= other.idx

    def __gt__(self, other: ParsedToken) -> bool:
        return self.idx > other.idx

    def __ge__(self, other: ParsedToken) -> bool:
        return self.idx >= other.idx


def _bounds(length: int, key: slice) -> tuple[int, int]:
    """spaCy's normalize_slice."""
    if key.step not in (None, 1):
        raise ValueError("spans must be contiguous (step 1)")
    start, stop = key.start, key.stop
    if start is None:
        start = 0
    elif start < 0:
        start += length
    start = min(length, max(0, start))
    if stop is None:
        stop = length
    elif stop < 0:
        stop += length
    stop = min(length, max(start, stop))
    return start, stop


class ParsedDoc:
    """A parsed Doc as a list of :class:`ParsedToken`."""

    __slots__ = ("spacy", "tokens", "text")

    def __init__(self, doc: Any) -> None:
        self.spacy = doc
        toks: list[ParsedToken] = []
        heads: list[int] = []
        edges: list[tuple[int, int]] = []
        pieces: list[str] = []
        idx = 0
        for i, t in enumerate(doc):
            text = t.text
            ws = t.whitespace_
            toks.append(ParsedToken(self, i, text, t.lower_, t.lemma_, t.pos_, t.tag_,
                                    t.dep_, ws, idx))
            heads.append(t.head.i)
            edges.append((t.left_edge.i, t.right_edge.i))
            pieces.append(text)
            pieces.append(ws)
            idx += len(text) + len(ws)
        self.text = "".join(pieces)
        kids: list[list[ParsedToken]] = [[] for _ in toks]
        for tok, h, (left, right) in zip(toks, heads, edges, strict=True):
            tok.head = toks[h]
            if h != tok.i:
                kids[h].append(tok)
            tok.left_edge = toks[left]
            tok.right_edge = toks[right]
        for tok, k in zip(toks, kids, strict=True):
            if k:  # spaCy's order: the left children, then the right ones, each by index
                tok.children = tuple(k)
        self.tokens = toks

    @property
    def doc(self) -> ParsedDoc:
        return self

    def __len__(self) -> int:
        return len(self.tokens)

    def __iter__(self) -> Iterator[ParsedToken]:
        return iter(self.tokens)

    def __getitem__(self, key: int | slice) -> Any:
        if type(key) is int:
            return self.tokens[key]
        if isinstance(key, slice):
            start, stop = _bounds(len(self.tokens), key)
            return ParsedSpan(self, start, stop)
        return self.tokens[key]

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.spacy, name)


class ParsedSpan:
    """A slice of a :class:`ParsedDoc`, with spaCy's ``Span`` indexing."""

    __slots__ = ("doc", "start", "end")

    def __init__(self, doc: ParsedDoc, start: int, end: int) -> None:
        self.doc = doc
        self.start = start
        self.end = end

    @property
    def text(self) -> str:
        if self.end <= self.start:
            return ""
        toks = self.doc.tokens
        last = toks[self.end - 1]
        return self.doc.text[toks[self.start].idx : last.idx + len(last.text)]

    @property
    def text_with_ws(self) -> str:
        return self.text + (self.doc.tokens[self.end - 1].whitespace_
                            if self.end > self.start else "")

    def __len__(self) -> int:
        return self.end - self.start

    def __iter__(self) -> Iterator[ParsedToken]:
        return iter(self.doc.tokens[self.start : self.end])

    def __getitem__(self, key: int | slice) -> Any:
        n = self.end - self.start
        if not isinstance(key, int):
            start, stop = _bounds(n, key)
            return ParsedSpan(self.doc, self.start + start, self.start + stop)
        if key < 0:
            key += n
        if not 0 <= key < n:
            raise IndexError(f"index {key} out of range for a span of {n}")
        return self.doc.tokens[self.start + key]

    def __str__(self) -> str:
        return self.text

    __repr__ = __str__

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.doc.spacy[self.start : self.end], name)


def view(doc: Any) -> ParsedDoc:
    """The parse of ``doc`` (a spaCy Doc) as plain Python objects."""
    return ParsedDoc(doc)
