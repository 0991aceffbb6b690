"""Which verb entry a token takes (coder/verbs.py), on hand-built parses. No model."""

from __future__ import annotations

from conftest import FIXTURES, parse

from coder import dictionaries as dicts
from coder.verbs import VerbIndex

ENTRIES = """
verbs:
  - verb: take
    patterns:
      - {id: take.town, object: [town], code: "192"}
  - verb: take in
    patterns:
      - {id: takein.refugees, object: [refugees], code: "075"}
"""
# "Iran took the town in Iraq ." ("in" is a preposition, not take in's particle)
TOOK_TOWN_IN = """
Iran Iran PROPN NNP nsubj 1
took take VERB VBD ROOT 1
the the DET DT det 3
town town NOUN NN dobj 1
in in ADP IN prep 1
Iraq Iraq PROPN NNP pobj 4
. . PUNCT . punct 1
"""
# "Iran took in refugees ." ("in" as the particle)
TOOK_IN_REFUGEES = """
Iran Iran PROPN NNP nsubj 1
took take VERB VBD ROOT 1
in in ADP RP prt 1
refugees refugee NOUN NNS dobj 1
. . PUNCT . punct 1
"""


def _index(tmp_path) -> VerbIndex:
    (tmp_path / "v.yaml").write_text(ENTRIES, encoding="utf-8")
    d = dicts.load([dicts.SHIPPED_DICTIONARIES / "cameo.yaml", FIXTURES / "dicts", tmp_path],
                   dicts.SHIPPED_RULES)
    return VerbIndex(d)


def test_a_preposition_read_as_a_particle_gives_way_to_the_plain_verb(vocab, tmp_path):
    index = _index(tmp_path)
    m = index.match(parse(vocab, TOOK_TOWN_IN)[1])
    assert (m.pattern_id, m.code) == ("take.town", "192")


def test_a_real_particle_keeps_the_phrasal_entry(vocab, tmp_path):
    index = _index(tmp_path)
    m = index.match(parse(vocab, TOOK_IN_REFUGEES)[1])
    assert (m.pattern_id, m.code) == ("takein.refugees", "075")



HYPHENATED = """
Police police NOUN NNS nsubj 3
tear tear NOUN NN npadvmod 3
- - PUNCT HYPH punct 3
gassed gas VERB VBD ROOT 3
Iranians Iranians PROPN NNPS dobj 3
. . PUNCT . punct 3
"""


def test_a_hyphenated_verb_takes_the_joined_entry(vocab, tmp_path):
    """"tear-gassed" is teargas (175), not gas (chemical weapons)."""
    (tmp_path / "v.yaml").write_text(
        'verbs:\n  - {verb: gas, code: "2041"}\n  - {verb: teargas, code: "175"}\n',
        encoding="utf-8")
    d = dicts.load([dicts.SHIPPED_DICTIONARIES / "cameo.yaml", FIXTURES / "dicts", tmp_path],
                   dicts.SHIPPED_RULES)
    index = VerbIndex(d)
    assert index.match(parse(vocab, HYPHENATED)[3]).code == "175"
    plain = HYPHENATED.replace("- - PUNCT HYPH punct 3", ", , PUNCT , punct 3")
    assert index.match(parse(vocab, plain)[3]).code == "2041"
