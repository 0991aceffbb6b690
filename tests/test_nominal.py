"""Events named by a noun ("talks between A and B") and the doers of attack nouns
("a fighter attack"), on hand-built parses (rules/nominal.yaml). No model needed."""

from __future__ import annotations

import datetime as dt

from conftest import parse

from coder import dictionaries as dicts
from coder.articles import Article
from coder.pipeline import Coder

TALKS_BEGAN = """
Talks talk NOUN NNS nsubj 5
between between ADP IN prep 0
Iran Iran PROPN NNP pobj 1
and and CCONJ CC cc 2
Iraq Iraq PROPN NNP conj 2
began begin VERB VBD ROOT 5
on on ADP IN prep 5
Monday Monday PROPN NNP pobj 6
. . PUNCT . punct 5
"""
TALKS_WILL_BEGIN = """
Talks talk NOUN NNS nsubj 6
between between ADP IN prep 0
Iran Iran PROPN NNP pobj 1
and and CCONJ CC cc 2
Iraq Iraq PROPN NNP conj 2
will will AUX MD aux 6
begin begin VERB VB ROOT 6
. . PUNCT . punct 6
"""
SYRIA_URGED_TALKS = """
Syria Syria PROPN NNP nsubj 1
urged urge VERB VBD ROOT 1
talks talk NOUN NNS dobj 1
between between ADP IN prep 2
Iran Iran PROPN NNP pobj 3
and and CCONJ CC cc 4
Iraq Iraq PROPN NNP conj 4
. . PUNCT . punct 1
"""
CIVILIANS_KILLED_IN_FIGHTER_ATTACK = """
Civilians civilian NOUN NNS nsubjpass 2
were be AUX VBD auxpass 2
attacked attack VERB VBN ROOT 2
in in ADP IN prep 2
a a DET DT det 6
fighter fighter NOUN NN compound 6
raid raid NOUN NN pobj 3
in in ADP IN prep 2
Syria Syria PROPN NNP pobj 7
. . PUNCT . punct 2
"""


def _events(coder: Coder, vocab, spec: str, date: str = "2005-11-24"):
    art = Article("t", "x", dt.date.fromisoformat(date))
    return [(e.date, e.source, e.code, e.target, e.pattern_id)
            for e in coder.code_parsed(art, [(False, parse(vocab, spec))]).events]


def test_talks_between_two_parties_are_coded_each_way_and_dated_by_their_verb(
        test_coder, vocab):
    assert _events(test_coder, vocab, TALKS_BEGAN) == [
        ("2005-11-21", "IRN", "046", "IRQ", "nominal.talks"),
        ("2005-11-21", "IRQ", "046", "IRN", "nominal.talks")]


def test_talks_still_to_come_or_only_urged_are_not_coded(test_coder, vocab):
    assert _events(test_coder, vocab, TALKS_WILL_BEGIN) == []
    # the urging is the event (the verb's own), not the talks it asks for
    assert all(not p.startswith("nominal") for *_, p in
               _events(test_coder, vocab, SYRIA_URGED_TALKS))


def test_the_stage_can_be_turned_off(test_coder, vocab):
    d = dicts.load([dicts.SHIPPED_DICTIONARIES / "cameo.yaml",
                    __import__("conftest").FIXTURES / "dicts"], dicts.SHIPPED_RULES)
    d.nominal = dicts.NominalRule(enabled=False)
    assert _events(Coder(loaded=d, engine=test_coder.engine), vocab, TALKS_BEGAN) == []


def test_a_role_word_before_an_attack_noun_is_the_attacks_doer(test_coder, vocab):
    """"Civilians were attacked in a fighter raid in Syria": the fighters (REB, Syria's
    by the place) attacked them; a role word before another noun names nobody."""
    events = _events(test_coder, vocab, CIVILIANS_KILLED_IN_FIGHTER_ATTACK)
    assert [(s, c, t) for _, s, c, t, _ in events] == [("SYRREB", "190", "SYRCVL")]
