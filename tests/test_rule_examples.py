"""Every discard, negation, modality, transformation, background and context rule carries
examples: sentences (stories, for a story discard or the article context) it must and
must not fire on. One generic test codes each example with
the shipped rules and again with that one rule taken out; the rule fired when the two
results differ (a discard, a dropped or recoded event)."""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from coder import dictionaries as dicts
from coder.articles import Article
from coder.pipeline import Coder

pytestmark = pytest.mark.model

SHIPPED = dicts.load()
RULES = ([("discards", loc.entry.id) for loc in SHIPPED.discards]
         + [("modality", loc.entry.id) for loc in SHIPPED.modality]
         + [("transformations", loc.entry.id) for loc in SHIPPED.transformations]
         + [("negation", "negation"), ("background", "background"), ("context", "context"),
            ("nominal", "nominal")])
SINGLE = {"negation", "background", "context", "nominal"}


def _rule(kind: str, rid: str):  # noqa: ANN202
    if kind in SINGLE:
        return getattr(SHIPPED, kind)
    return next(loc.entry for loc in getattr(SHIPPED, kind) if loc.entry.id == rid)


def _without(kind: str, rid: str) -> dicts.Dictionaries:
    d = copy.copy(SHIPPED)
    if kind == "negation":
        d.negation = dicts.NegationRule(markers=[], map={}, future=None)
    elif kind == "background":
        d.background = dicts.BackgroundRule(enabled=False)
    elif kind == "nominal":
        d.nominal = dicts.NominalRule(enabled=False)
    elif kind == "context":
        d.context = dicts.ContextRule()  # every context stage off
    else:
        setattr(d, kind, [loc for loc in getattr(SHIPPED, kind) if loc.entry.id != rid])
    return d


@pytest.fixture(scope="module")
def shipped_coder() -> Coder:
    return Coder(loaded=SHIPPED)


def _outcome(coder: Coder, text: str, day: dt.date) -> tuple:
    (result,) = coder.code_articles([Article("example", text, day)])
    return result.discarded_by, sorted((e.source, e.code, e.target, e.date)
                                       for e in result.events)


def test_every_rule_has_examples():
    missing = [f"{kind} {rid}" for kind, rid in RULES if _rule(kind, rid).examples is None]
    assert not missing, f"rules without examples: {missing}"


def test_examples_are_checked_by_the_rule_schema(tmp_path):
    (tmp_path / "d.yaml").write_text(
        "discards:\n  - id: x\n    phrases: [foo]\n    examples: {fires: [foo bar]}\n")
    errors: list = []
    dicts.load([dicts.SHIPPED_DICTIONARIES / "cameo.yaml", tmp_path], dicts.SHIPPED_RULES,
               collect=errors)
    assert any("does_not_fire" in str(e) for e in errors)


@pytest.mark.parametrize("kind,rid", RULES, ids=[f"{k}:{r}" for k, r in RULES])
def test_rule_fires_on_its_examples_and_only_on_them(kind, rid, shipped_coder):
    examples = _rule(kind, rid).examples
    assert examples is not None, f"{kind} rule {rid!r} has no examples"
    without = Coder(loaded=_without(kind, rid), engine=shipped_coder.engine)
    for text in examples.fires:
        with_rule = _outcome(shipped_coder, text, examples.date)
        assert with_rule != _outcome(without, text, examples.date), (
            f"{kind} {rid!r} should fire on: {text}\n  got {with_rule} either way")
    for text in examples.does_not_fire:
        with_rule = _outcome(shipped_coder, text, examples.date)
        assert with_rule == _outcome(without, text, examples.date), (
            f"{kind} {rid!r} should not fire on: {text}\n  with it: {with_rule}")


def test_discard_prefixes_are_explicit():
    from coder.pipeline import Discards

    pat = Discards.pattern(["evacuat*", "heat wave"])
    assert pat.search("thousands were evacuated") and pat.search("an evacuation order")
    assert not Discards.pattern(["evacuat"]).search("thousands were evacuated")
    assert not pat.search("heat waves")  # no star: whole words only
