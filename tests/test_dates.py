"""Which day dates a verb's act (coder/dates.py), on hand-built parses. No model."""

from __future__ import annotations

import datetime as dt

from conftest import parse

from coder.dates import event_date

ARTICLE = dt.date(2024, 3, 14)  # a Thursday

# "Iran expelled the envoys after the attack in Tehran on Monday ."
EXPELLED_AFTER_ATTACK = """
Iran Iran PROPN NNP nsubj 1
expelled expel VERB VBD ROOT 1
the the DET DT det 3
envoys envoy NOUN NNS dobj 1
after after ADP IN prep 1
the the DET DT det 6
attack attack NOUN NN pobj 4
in in ADP IN prep 6
Tehran Tehran PROPN NNP pobj 7
on on ADP IN prep 1
Monday Monday PROPN NNP pobj 9
. . PUNCT . punct 1
"""
# "Iran expelled the envoys on Monday after the attack ."
EXPELLED_ON_MONDAY = """
Iran Iran PROPN NNP nsubj 1
expelled expel VERB VBD ROOT 1
the the DET DT det 3
envoys envoy NOUN NNS dobj 1
on on ADP IN prep 1
Monday Monday PROPN NNP pobj 4
after after ADP IN prep 1
the the DET DT det 8
attack attack NOUN NN pobj 6
. . PUNCT . punct 1
"""
# "Chaos spread Tuesday as troops stormed the palace ."
SPREAD_AS_STORMED = """
Chaos chaos NOUN NN nsubj 1
spread spread VERB VBD ROOT 1
Tuesday Tuesday PROPN NNP npadvmod 1
as as SCONJ IN mark 5
troops troop NOUN NNS nsubj 5
stormed storm VERB VBD advcl 1
the the DET DT det 7
palace palace NOUN NN dobj 5
. . PUNCT . punct 1
"""
# "Chaos spread Tuesday because troops stormed the palace ."
SPREAD_BECAUSE_STORMED = SPREAD_AS_STORMED.replace("as as SCONJ", "because because SCONJ")


def test_a_day_after_an_after_phrase_dates_that_phrases_act_not_the_verbs(vocab):
    doc = parse(vocab, EXPELLED_AFTER_ATTACK)
    assert event_date(doc[1], ARTICLE) is None
    doc = parse(vocab, EXPELLED_ON_MONDAY)
    assert event_date(doc[1], ARTICLE) == (dt.date(2024, 3, 11), "on Monday")


def test_an_as_clause_happens_on_its_heads_day_and_a_because_clause_does_not(vocab):
    doc = parse(vocab, SPREAD_AS_STORMED)
    assert event_date(doc[5], ARTICLE) == (dt.date(2024, 3, 12), "Tuesday")
    doc = parse(vocab, SPREAD_BECAUSE_STORMED)
    assert event_date(doc[5], ARTICLE) is None
