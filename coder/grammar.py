"""Grammar rules: who did it to whom, for every verb a dictionary pattern matched.

The rules, in the order they apply to one verb:

* **Source** is the subject. A relative pronoun subject ("al-Maliki, who met ...")
  is its antecedent. A verb without a subject takes it from the verb it is
  coordinated with ("met X and thanked Y") or, for a complement ("urged Iraqis
  to resist"), from the controlling object or subject.
* **Target** is the first filled slot of the pattern: the direct object by default,
  or ``prep:with``, ``dative``, ``word_owner`` (whose is the matched word: "U.S.
  troops" in "wants U.S. troops to leave"). A relative pronoun object is its antecedent.
* **Passive** voice swaps roles: the ``by`` agent is the source, the passive subject the target.
* **Coordination**: every coordinated subject or object gives its own event;
  reciprocal verbs ("the two countries agreed") give an event each way.
* **Reported speech**: "X said Y accused Z" codes Y->Z; a speech verb's own event is
  kept only when nothing inside what was said was coded.
* A verb inside the complement of a coded verb ("urged Iraq to seek ...") is part of
  that event and is not coded again.
* **Negation** and **modality** follow ``rules/negation.yaml`` and ``rules/modality.yaml``.

Where they live: the rules themselves (tree walks over the parse) in
``coder/roles.py``; the order they apply in, as named stages a candidate verb passes
through, in ``coder/stages.py`` (``STAGES``); this module is what the pipeline imports.
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc, Span

from .actors import ActorResolver
from .roles import NO_ACTOR, UNKNOWN_DOER, Coded, GrammarRules, StageStep, VerbTrace
from .stages import STAGES, code_sentence

__all__ = ["NO_ACTOR", "STAGES", "UNKNOWN_DOER", "Coded", "SentenceCoder", "StageStep",
           "VerbTrace"]


class SentenceCoder(GrammarRules):
    """Applies the grammar to parsed sentences of one article."""

    def code(self, sent: Doc | Span, resolver: ActorResolver, article_date: dt.date,
             trace: list[VerbTrace] | None = None) -> list[Coded]:
        """The sentence's events: every matched verb through the stages (coder/stages.py)."""
        return code_sentence(self, sent, resolver, article_date, trace)
