"""Parse repair on hand-built parses: a present-tense verb read as a plural noun."""

from __future__ import annotations

from conftest import code, parse

from coder.repair import repair_headline_verb, verb_lemma

# "The Iraqi army attacks Syria", as the small pipeline can read it: one noun phrase
# whose head is the plural noun "attacks", Syria hanging from it
MISREAD = """
The the DET DT det 3
Iraqi Iraqi ADJ JJ amod 2
army army NOUN NN compound 3
attacks attack NOUN NNS ROOT 3
Syria Syria PROPN NNP appos 3
. . PUNCT . punct 3
"""


def test_verb_lemmas_of_third_person_forms():
    verbs = {"intercept", "push", "carry", "attack"}
    assert verb_lemma("intercepts", verbs) == "intercept"
    assert verb_lemma("pushes", verbs) == "push"
    assert verb_lemma("carries", verbs) == "carry"
    assert verb_lemma("talks", verbs) is None


def test_a_misread_headline_verb_is_mended_and_coded(test_coder, vocab):
    doc = parse(vocab, MISREAD)
    verb = repair_headline_verb(doc[:], {"attack"})
    assert verb is not None and verb.text == "attacks"
    assert (verb.pos_, verb.tag_, verb.lemma_) == ("VERB", "VBZ", "attack")
    assert (doc[2].dep_, doc[2].head.i) == ("nsubj", 3)
    assert doc[0].head.i == 2 and doc[4].dep_ == "dobj"
    assert code(test_coder, vocab, MISREAD) == [("2005-11-22", "IRQMIL", "190", "SYR")]


def test_a_noun_phrase_without_a_subject_like_modifier_is_left_alone(vocab):
    # "Military attacks on Syria": no name, no determiner before the noun
    spec = """
    Military military NOUN NN compound 1
    attacks attack NOUN NNS ROOT 1
    on on ADP IN prep 1
    Syria Syria PROPN NNP pobj 2
    """
    doc = parse(vocab, spec)
    assert repair_headline_verb(doc[:], {"attack"}) is None
    assert doc[1].pos_ == "NOUN"
    # and a verb that already is one is not touched
    assert repair_headline_verb(parse(vocab, "Iran Iran PROPN NNP nsubj 1\n"
                                             "attacks attack VERB VBZ ROOT 1\n")[:],
                                {"attack"}) is None


# "Iran expelled the envoy after Iraq accused Iran .", with "Iraq" read as the object of
# "after" and "accused" left without a subject
AFTER_MISREAD = """
Iran Iran PROPN NNP nsubj 1
expelled expel VERB VBD ROOT 1
the the DET DT det 3
envoy envoy NOUN NN dobj 1
after after SCONJ IN mark 6
Iraq Iraq PROPN NNP pobj 4
accused accuse VERB VBD advcl 1
Iran Iran PROPN NNP dobj 6
. . PUNCT . punct 1
"""


def test_a_clause_subject_read_as_the_conjunctions_object_is_mended(test_coder, vocab):
    from coder.repair import may_repair_subject, repair_clause_subject

    doc = parse(vocab, AFTER_MISREAD)
    assert may_repair_subject(doc[:])
    assert [t.text for t in repair_clause_subject(doc[:])] == ["Iraq"]
    assert (doc[5].dep_, doc[5].head.text) == ("nsubj", "accused")
    # the pipeline mends it before coding: Iraq accuses Iran
    assert ("IRQ", "112", "IRN") in {e[1:] for e in code(test_coder, vocab, AFTER_MISREAD)}
