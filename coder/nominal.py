"""Nominal events: an event a noun names, with its two parties in "between A and B".

News often names an event without a verb of its own: "talks between Armenia and
Azerbaijan began in Abu Dhabi", "dozens died amid clashes between the army and
rebels". A coder writes one event each way (A->B and B->A). The stage runs after the
grammar, on each sentence, and adds an event only where the grammar coded none of the
same root between the same pair. Its rules are ``rules/nominal.yaml``.

It stays silent when the event is planned, proposed or denied: the noun's verb is
future ("talks between A and B will begin"), one of ``unless_heads`` governs it
("called for talks between ..."), or it is negated ("no talks between ...").
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc, Span, Token

from .actors import Actor, ActorResolver
from .dates import event_date
from .dictionaries import NominalNoun, NominalRule, VerbEntry
from .grammar import Coded, VerbTrace
from .verbs import VerbMatch

FUTURE_AUX = frozenset({"will", "would", "could", "may", "might", "should", "shall", "'ll"})
HEAD_DEPS = frozenset({"nsubj", "nsubjpass", "dobj"})
FUTURE_PREPS = frozenset({"before", "ahead", "for", "toward", "towards"})
NEGATIONS = frozenset({"no", "not", "never", "n't", "without"})


class NominalCoder:
    """Codes the nouns of ``rules/nominal.yaml`` (see the module's docstring)."""

    def __init__(self, rule: NominalRule) -> None:
        self.rule = rule
        self.by_word: dict[str, NominalNoun] = {
            w.lower(): n for n in rule.nouns for w in n.nouns}
        self.unless = {w.lower() for w in rule.unless_heads}

    def code(self, sent: Doc | Span, r: ActorResolver, article_date: dt.date,
             made: list[Coded], trace: list[VerbTrace] | None = None) -> list[Coded]:
        if not self.rule.enabled or not self.by_word:
            return []
        out: list[Coded] = []
        for tok in sent:
            noun = self._noun(tok)
            if noun is None:
                continue
            if noun.heads and not (tok.dep_ in HEAD_DEPS and (
                    tok.head.lemma_.lower() in noun.heads or tok.head.lower_ in noun.heads)):
                continue
            parties = _between(tok, r)
            if parties is None and tok.dep_ in HEAD_DEPS:
                # "fighting is reported between A and B": the phrase hangs from the verb
                parties = _between(tok.head, r)
            if parties is None:
                continue
            why = self._silenced(tok, frozenset(noun.heads))
            if why:
                _note(trace, tok, noun, why)
                continue
            when = _date(tok, article_date)
            match = VerbMatch(entry=VerbEntry(verb=tok.lemma_.lower() or tok.lower_,
                                              code=noun.code),
                              pattern=None, code=noun.code,
                              pattern_id=f"nominal.{noun.id}", target_slots=[])
            added = 0
            for a, b in (parties, parties[::-1]):
                if any(c.code[:2] == noun.code[:2] and c.source.code == a.code
                       and c.target.code == b.code for c in (*made, *out)):
                    continue
                out.append(Coded(a, b, noun.code, tok, match, when))
                added += 1
            _note(trace, tok, noun, f"{added} event(s), each way between the two parties"
                  if added else "already coded by the sentence's verbs")
        return out

    def _noun(self, tok: Token) -> NominalNoun | None:
        if tok.pos_ not in ("NOUN", "PROPN") and not (  # "fighting between" as a gerund
                tok.tag_ == "VBG" and tok.dep_ in ("nsubj", "nsubjpass", "pobj", "dobj")):
            return None
        return self.by_word.get(tok.lower_) or self.by_word.get(tok.lemma_.lower())

    def _silenced(self, noun: Token, allowed: frozenset[str] = frozenset()) -> str:
        """Why the noun's event is not (yet) one: planned, proposed or denied."""
        if any(c.lower_ in NEGATIONS for c in noun.children if c.dep_ in ("det", "neg")):
            return "negated"
        for c in noun.children:  # "planned talks", "possible talks", "next meeting"
            if c.dep_ in ("amod", "compound") and (c.lemma_.lower() in self.unless
                                                   or c.lower_ in self.unless):
                return f"{c.text!r} {noun.text}: not yet"
        if noun.dep_ == "pobj" and (noun.head.lower_ in FUTURE_PREPS
                                    or noun.head.head.lower_ in FUTURE_PREPS):
            return f"{noun.head.text!r} the event: not yet"  # "ahead of talks between"
        t, steps = noun, 0
        while t.head.i != t.i and steps < 4:
            t, steps = t.head, steps + 1
            if t.pos_ not in ("VERB", "AUX", "NOUN"):
                continue
            if (t.lemma_.lower() in self.unless or t.lower_ in self.unless) and (
                    t.lemma_.lower() not in allowed):  # "a ceasefire was agreed": done
                return f"governed by {t.text!r} (rules: nominal unless_heads)"
            if t.pos_ in ("VERB", "AUX") and any(
                    c.lower_ in FUTURE_AUX and c.dep_ == "aux" or c.dep_ == "neg"
                    for c in t.children):
                return f"{t.text!r} is future or negated"
            if t.pos_ in ("VERB", "AUX") and t.dep_ in ("ROOT", "ccomp", "advcl", "relcl"):
                break  # the clause that tells the event
        return ""


def _between(noun: Token, r: ActorResolver) -> tuple[Actor, Actor] | None:
    """The two parties of "between A and B" on the noun (distinct actors), else None."""
    for prep in noun.children:
        if prep.dep_ != "prep" or prep.lower_ != "between":
            continue
        found: list[Actor] = []
        for pobj in prep.children:
            if pobj.dep_ == "pobj":
                found.extend(a for a in r.actors(pobj) if a.code)
        codes = {a.code for a in found}
        if len(found) == 2 and len(codes) == 2:
            return found[0], found[1]
    return None


def _date(noun: Token, article_date: dt.date) -> dt.date:
    """The day named for the noun's event, on the noun or on the verb it belongs to
    ("talks between A and B began on Monday")."""
    for holder in (noun, noun.head):
        when = event_date(holder, article_date)
        if when is not None:
            return when[0]
        if holder.dep_ not in ("nsubj", "nsubjpass", "dobj"):
            break
    return article_date


def _note(trace: list[VerbTrace] | None, tok: Token, noun: NominalNoun, why: str) -> None:
    if trace is not None:
        trace.append(VerbTrace(tok.text, tok.i, "rules/nominal.yaml", f"nominal.{noun.id}",
                               noun.code, why))
