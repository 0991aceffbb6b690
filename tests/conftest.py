"""Shared fixtures. Engine tests build parses by hand (no model needed)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from coder import dictionaries as dicts
from coder.articles import Article
from coder.pipeline import Coder

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
SHARED = HERE.parent.parent / "shared"


@pytest.fixture(scope="session", autouse=True)
def _private_parse_cache(tmp_path_factory) -> None:
    """Tests never touch the user's parse cache."""
    os.environ["CODER_CACHE"] = str(tmp_path_factory.mktemp("parse-cache"))


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is absent: the shared peer and reference data are not here")
    return SHARED


@pytest.fixture(scope="session")
def vocab() -> Vocab:
    """The English vocabulary (lexical attributes such as ``lower_``), without a model."""
    import spacy

    return spacy.blank("en").vocab


@pytest.fixture(scope="session")
def test_coder() -> Coder:
    """The shipped CAMEO table and rules, with the small fixture dictionaries."""
    loaded = dicts.load([dicts.SHIPPED_DICTIONARIES / "cameo.yaml", FIXTURES / "dicts"],
                        dicts.SHIPPED_RULES)
    return Coder(loaded=loaded)


def parse(vocab: Vocab, spec: str) -> Doc:
    """A Doc from lines of ``word lemma POS TAG dep head`` (head: 0-based token index)."""
    rows = [line.split() for line in spec.strip().splitlines() if line.strip()]
    words = [r[0] for r in rows]
    return Doc(
        vocab,
        words=words,
        spaces=[True] * (len(words) - 1) + [False],
        lemmas=[r[1] for r in rows],
        pos=[r[2] for r in rows],
        tags=[r[3] for r in rows],
        deps=[r[4] for r in rows],
        heads=[int(r[5]) for r in rows],
    )


def code(coder: Coder, vocab: Vocab, spec: str, date: str = "2005-11-22", title: str = "",
         more: list[str] | None = None) -> list[tuple[str, str, str, str]]:
    """(date, source, code, target) of the events of hand-parsed sentences."""
    docs = [(False, parse(vocab, spec))] + [(False, parse(vocab, s)) for s in (more or [])]
    if title:
        docs.insert(0, (True, parse(vocab, title)))
    art = Article("t", "x", dt.date.fromisoformat(date))
    return [(e.date, e.source, e.code, e.target) for e in coder.code_parsed(art, docs).events]
