"""The grammar as named stages (coder/stages.py), on hand-built parses: no spaCy model."""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
from pathlib import Path

from conftest import parse
from rich.console import Console

from coder import stages
from coder.articles import Article
from coder.explain import explain_parsed, render
from coder.grammar import Coded, VerbTrace
from coder.pipeline import SentenceTrace

DAY = dt.date(2005, 11, 22)
ENGINE = Path(stages.__file__).parent

CONDEMNED = """
Iran Iran PROPN NNP nsubj 1
condemned condemn VERB VBD ROOT 1
Israel Israel PROPN NNP dobj 1
. . PUNCT . punct 1
"""
NOT_MET = """
Iran Iran PROPN NNP nsubj 3
did do AUX VBD aux 3
not not PART RB neg 3
meet meet VERB VB ROOT 3
Iraq Iraq PROPN NNP dobj 3
. . PUNCT . punct 3
"""
SAID_ACCUSED = """
Iran Iran PROPN NNP nsubj 1
said say VERB VBD ROOT 1
to to ADP IN prep 1
Iraq Iraq PROPN NNP pobj 2
Syria Syria PROPN NNP nsubj 5
accused accuse VERB VBD ccomp 1
Israel Israel PROPN NNP dobj 5
. . PUNCT . punct 1
"""
CLAIMED_ATTACK = """
Iran Iran PROPN NNP nsubj 1
claimed claim VERB VBD ROOT 1
Israel Israel PROPN NNP nsubj 3
attacked attack VERB VBD ccomp 1
Syria Syria PROPN NNP dobj 3
. . PUNCT . punct 1
"""


def _trace(coder, vocab, spec: str) -> SentenceTrace:
    trace: list[SentenceTrace] = []
    coder.code_parsed(Article("t", "x", DAY), [(False, parse(vocab, spec))], trace)
    return trace[0]


def _verb(t: SentenceTrace, word: str) -> VerbTrace:
    return next(v for v in t.verbs if v.verb == word)


def _steps(v: VerbTrace) -> list[tuple[str, str]]:
    """The stages that changed or dropped the verb."""
    return [(s.stage, s.verdict) for s in v.stages if s.verdict != "kept"]


def test_the_stage_order_is_declared_once_with_names_and_docs():
    names = [s.name for s in stages.STAGES]
    assert len(names) == len(set(names))
    for s in (*stages.STAGES, stages.SENTENCE_STAGE):
        assert s.name.isidentifier() and s.doc and "\n" not in s.doc and callable(s.run)
    order = ["consumed", "negation", "defer", "modality", "family_roles", "slots",
             "attack_owner", "location", "domestic", "pairing", "swap", "accusation",
             "speech", "consume", "transform"]
    assert [n for n in names if n in order] == order
    assert stages.SENTENCE_STAGE.name == "reported_speech"


def test_every_stage_a_verb_passes_is_logged_when_explaining(test_coder, vocab):
    v = _verb(_trace(test_coder, vocab, CONDEMNED), "condemned")
    assert [s.stage for s in v.stages] == [s.name for s in stages.STAGES]
    slots = next(s for s in v.stages if s.stage == "slots")
    assert (slots.verdict, slots.why) == ("changed", "source IRN, target ISR")
    assert ("events", "changed") in _steps(v) and v.outcome == "1 event(s)"


def test_a_drop_names_its_stage_and_ends_the_log(test_coder, vocab):
    v = _verb(_trace(test_coder, vocab, NOT_MET), "meet")
    last = v.stages[-1]
    assert (last.stage, last.verdict) == ("negation", "dropped")
    assert last.why == v.outcome == "negated (rules: negation default drop)"
    assert [s.verdict for s in v.stages[:-1]] == ["kept"] * (len(v.stages) - 1)


def test_reported_speech_is_settled_after_the_sentence(test_coder, vocab):
    t = _trace(test_coder, vocab, SAID_ACCUSED)
    said, accused = _verb(t, "said"), _verb(t, "accused")
    assert ("speech", "changed") in _steps(said)
    assert _steps(said)[-1] == ("reported_speech", "dropped")
    assert ("reported_speech", "dropped") not in _steps(accused)
    assert [(e.source, e.code, e.target) for e in t.events] == [("SYR", "112", "ISR")]


def test_the_transform_stage_gives_the_event_to_the_reporter(test_coder, vocab):
    attacked = _verb(_trace(test_coder, vocab, CLAIMED_ATTACK), "attacked")
    step = next(s for s in attacked.stages if s.stage == "transform")
    assert step.verdict == "changed" and step.why == "reported by 'claimed': IRN 112 ISR"


def test_a_new_stage_slots_in_without_touching_the_others(test_coder, vocab, monkeypatch):
    def no_condemnations(c: stages.Candidate, ctx: stages.Sentence) -> stages.Candidate | \
            stages.Drop:
        return stages.Drop("condemnations are not wanted") if c.code == "111" else c

    extra = stages.Stage("no_condemnations", "drops every condemnation", no_condemnations)
    at = [s.name for s in stages.STAGES].index("slots")
    monkeypatch.setattr(stages, "STAGES", (*stages.STAGES[:at], extra, *stages.STAGES[at:]))
    t = _trace(test_coder, vocab, CONDEMNED)
    assert t.events == []
    assert _steps(_verb(t, "condemned")) == [("no_condemnations", "dropped")]


def test_explain_shows_the_stage_that_dropped_a_verb(test_coder, vocab):
    report = explain_parsed(test_coder, Article("t", "x", DAY), [(False, parse(vocab, NOT_MET))])
    verb = report["sentences"][0]["verbs"][0]
    assert verb["stages"][-1] == {"stage": "negation", "verdict": "dropped",
                                  "why": "negated (rules: negation default drop)"}
    console = Console(record=True, width=200)
    console.print(render(report))
    text = console.export_text()
    assert "stages" in text and "negation" in text and "dropped" in text


def test_coded_keeps_only_the_fields_something_reads():
    assert [f.name for f in dataclasses.fields(Coded)] == [
        "source", "target", "code", "verb", "match", "date", "date_text"]


def test_no_function_of_the_grammar_is_longer_than_60_lines():
    for name in ("grammar.py", "roles.py", "stages.py"):
        tree = ast.parse((ENGINE / name).read_text())
        long = [(n.name, n.end_lineno - n.lineno + 1) for n in ast.walk(tree)
                if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)
                and n.end_lineno - n.lineno + 1 > 60]
        assert not long, f"{name}: {long}"
