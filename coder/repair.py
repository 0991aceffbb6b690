"""Parse repair: a present-tense headline verb that the parser read as a plural noun.

News summaries are written in the present tense ("The Israeli Navy intercepts a
vessel", "British Prime Minister Keir Starmer visits Kyiv"). The small English
pipeline often reads the verb as a plural noun at the root of one long noun phrase,
its subject as a compound modifier. Nothing is then coded.

:func:`repair_headline_verb` mends such a parse in place, before actors are read:
when the root is a plural noun whose singular (or ``-es``/``-ies`` stem) is a verb
of the dictionaries, a noun or name modifies it from the left, and something
follows it (an object, a preposition, a coordinated verb), the root becomes a
verb (VBZ), its nearest left modifier the subject (taking the words before it
along), and its first nominal right dependent the object. Only the tree is
changed; the words stay as written.

:func:`repair_clause_subject` mends another frequent misparse: "expelled the envoy after
Belgium accused Rwanda of ...", where the subject of the clause is read as the object of
"after" (a preposition) and the clause's verb has no subject. The name becomes the
subject of the verb the conjunction introduces.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span, Token

SUBJECT_DEPS = frozenset({"compound", "nmod", "amod", "nn"})
OBJECT_DEPS = frozenset({"appos", "npadvmod", "attr", "dobj", "compound", "nmod"})
CONTINUATIONS = frozenset({"dobj", "prep", "conj", "appos", "npadvmod", "acl", "ccomp",
                           "xcomp", "advcl", "relcl", "attr"})


def verb_lemma(word: str, verbs: frozenset[str] | set[str]) -> str | None:
    """The verb a plural-looking word is the third person of: intercepts -> intercept,
    pushes -> push, carries -> carry."""
    w = word.lower()
    if not w.endswith("s") or len(w) < 4:
        return None
    for stem in ((w[:-3] + "y") if w.endswith("ies") else None,
                 w[:-2] if w.endswith(("ches", "shes", "sses", "xes", "zes")) else None,
                 w[:-1]):
        if stem and stem in verbs:
            return stem
    return None


def may_repair(sent: Any, verbs: frozenset[str] | set[str]) -> bool:
    """Whether :func:`repair_headline_verb` could mend ``sent`` (a cheap first check that
    reads the parse only, on a spaCy span or a :mod:`coder.tokens` view)."""
    roots = [t for t in sent if t.dep_ == "ROOT"]
    return (len(roots) == 1 and roots[0].pos_ in ("NOUN", "PROPN")
            and roots[0].tag_ in ("NNS", "NNPS") and verb_lemma(roots[0].text, verbs) is not None)


def repair_headline_verb(sent: Doc | Span, verbs: frozenset[str] | set[str]) -> Token | None:
    """Mend a present-tense verb parsed as a plural noun root; the verb, or None."""
    roots = [t for t in sent if t.dep_ == "ROOT"]
    if len(roots) != 1:
        return None
    root = roots[0]
    if root.pos_ not in ("NOUN", "PROPN") or root.tag_ not in ("NNS", "NNPS"):
        return None
    lemma = verb_lemma(root.text, verbs)
    if lemma is None:
        return None
    left = [c for c in root.children if c.i < root.i]
    subject = next((c for c in reversed(left) if c.dep_ in SUBJECT_DEPS
                    and c.pos_ in ("PROPN", "NOUN")), None)
    if subject is None or not any(c.dep_ in CONTINUATIONS for c in root.children
                                  if c.i > root.i):
        return None
    # a name, or a definite phrase, reads as a subject ("The Israeli Navy", "Turkey's
    # army"); "Military Talks" of a title-case headline does not
    if not any(t.pos_ == "PROPN" or t.lower_ == "the" or t.dep_ == "poss"
               for t in sent[left[0].left_edge.i - sent.start: root.i - sent.start]):
        return None
    for c in left:  # "The Israeli Navy": the words before the subject are its own
        if c.i < subject.i:
            c.head = subject
    subject.dep_ = "nsubj"
    obj = next((c for c in root.children if c.i > root.i and c.dep_ in OBJECT_DEPS
                and c.pos_ in ("NOUN", "PROPN", "PRON")), None)
    if obj is not None:
        obj.dep_ = "dobj"
    root.pos_ = "VERB"
    root.tag_ = "VBZ"
    root.lemma_ = lemma
    return root


CLAUSE_MARKS = frozenset({"after", "before", "since", "until", "as", "when", "while",
                          "because", "once"})


def may_repair_subject(sent: Any) -> bool:
    """Whether :func:`repair_clause_subject` could mend ``sent`` (reads the parse only)."""
    return any(t.dep_ == "pobj" and t.head.dep_ == "mark" for t in sent)


def repair_clause_subject(sent: Doc | Span) -> list[Token]:
    """Make the noun hanging from a subordinating conjunction ("after Belgium accused")
    the subject of the conjunction's finite verb when that verb has none; the nouns."""
    mended = []
    for t in sent:
        mark = t.head
        if t.dep_ != "pobj" or mark.dep_ != "mark" or mark.lower_ not in CLAUSE_MARKS:
            continue
        verb = mark.head
        if (t.pos_ not in ("PROPN", "NOUN") or verb.pos_ != "VERB"
                or verb.tag_ not in ("VBD", "VBZ", "VBP") or not t.i < verb.i
                or any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)):
            continue
        t.head = verb
        t.dep_ = "nsubj"
        mended.append(t)
    return mended
