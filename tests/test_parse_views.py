"""The engine's plain-Python reading of a parse answers exactly as spaCy does."""

from __future__ import annotations

import sys

import pytest
from conftest import HERE

from coder.articles import make_article, read_inputs
from coder.pipeline import Coder
from coder.sentences import _paragraphs, split, split_spacy, units
from coder.tokens import view

sys.path.insert(0, str(HERE.parent / "bench"))
from corpus import articles as generated  # noqa: E402

ODD = ["", "...", 'Hello!!! World?! (Yes.) "Quoted." Next', "U.S. forces left. Gen. Smith said so.",
       "a .b . c", "\u3002x\u3002 y", "Wait... what?\" he said. 'No.'", "Iran. . . Iraq"]


def texts() -> list[str]:
    arts = [a for a in read_inputs([str(HERE.parent / "examples")]) if hasattr(a, "text")]
    arts += [make_article(a, "gen", a["id"], None) for a in generated(60)]
    return [t for a in arts for _, t in units(a)]


def test_sentences_split_as_spacy_sentencizer():
    paras = [p for t in texts() for p in _paragraphs(t)] + ODD
    for p in paras:
        assert split(p) == split_spacy(p), p


@pytest.mark.model
def test_view_answers_as_the_spacy_doc():
    nlp = Coder().engine.nlp
    for doc in nlp.pipe(texts() + [t for t in ODD if t]):
        v = view(doc)
        assert v.text == doc.text and len(v) == len(doc)
        for t, p in zip(doc, v, strict=True):
            assert (t.i, t.text, t.lower_, t.lemma_, t.pos_, t.tag_, t.dep_, t.whitespace_,
                    t.idx) == (p.i, p.text, p.lower_, p.lemma_, p.pos_, p.tag_, p.dep_,
                               p.whitespace_, p.idx)
            assert t.head.i == p.head.i
            assert [c.i for c in t.children] == [c.i for c in p.children]
            assert [c.i for c in t.lefts] == [c.i for c in p.lefts]
            assert [c.i for c in t.rights] == [c.i for c in p.rights]
            assert [c.i for c in t.subtree] == [c.i for c in p.subtree]
            assert [c.i for c in t.ancestors] == [c.i for c in p.ancestors]
            assert (t.left_edge.i, t.right_edge.i) == (p.left_edge.i, p.right_edge.i)
            assert (t.sent.start, t.sent.end) == (p.sent.start, p.sent.end)
            assert (t.is_punct, t.like_num) == (p.is_punct, p.like_num)
        n = len(doc)
        for a, b in [(0, n), (1, n - 1), (-3, None), (None, 2), (2, 1), (0, 0)]:
            assert doc[a:b].text == v[a:b].text
            assert [t.i for t in doc[a:b]] == [t.i for t in v[a:b]]
            assert (doc[a:b].start, doc[a:b].end) == (v[a:b].start, v[a:b].end)
        span = v[1:n]
        if len(span) > 1:
            assert span[0].i == 1 and span[-1].i == n - 1 and span[1:].start == 2


@pytest.mark.model
def test_indexed_attribute_ruler_gives_the_same_docs():
    import spacy
    from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, SENT_START, TAG

    from coder.parse import DEFAULT_MODEL, _load
    from coder.ruler import IndexedRuler

    stock = spacy.load(DEFAULT_MODEL, exclude=["ner"])
    fast = _load(DEFAULT_MODEL, ["ner"])
    assert isinstance(fast.get_pipe("attribute_ruler").match.__self__, IndexedRuler)
    extra = ["Y'all ain't gonna believe it. Let's go, c'mon! There's a cat and there are dogs.",
             "It isn't. I told you so, you know it. But he left, gotta go.  Her own , ourselves."]
    cols = [LEMMA, POS, TAG, DEP, HEAD, MORPH, SENT_START]
    for a, b in zip(stock.pipe(texts() + ODD + extra), fast.pipe(texts() + ODD + extra),
                    strict=True):
        assert (a.to_array(cols) == b.to_array(cols)).all(), a.text
        assert [str(t.morph) for t in a] == [str(t.morph) for t in b]
