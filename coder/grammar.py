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
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .actors import RELATIVE_PRONOUNS, Actor, ActorResolver
from .dates import event_date
from .dictionaries import Dictionaries, ModalityRule, TransformRule
from .verbs import (
    CLAUSE_DEPS,
    VerbIndex,
    VerbMatch,
    _is_passive,
    direct_object,
    passive_participle,
    to_infinitive,
)
from .verbs import lemma as lemma_of

SUBJECT_DEPS = ("nsubj", "csubj", "nsubj:pass")
NO_ACTOR = Actor("", "", "", "", -1, "no target")
# the doer of an agentless passive act of force, left to the context stage
UNKNOWN_DOER = Actor("", "", "", "", -1, "unknown doer")
# "X was engaged in / involved in fighting": the passive subject is the doer
STATAL_PASSIVES = frozenset({"engage", "involve"})
# Nouns of violence whose owner is the doer: "killed in Turkish shelling".
ATTACK_NOUNS = frozenset({
    "attack", "strike", "airstrike", "raid", "shelling", "bombing", "bombardment", "fire",
    "gunfire", "offensive", "ambush", "assault", "operation", "crackdown", "missile",
    "rocket", "drone", "explosion", "blast", "barrage", "incursion", "clash", "clashes",
    "tank", "artillery", "mortar", "warplane", "jet", "helicopter", "gunship", "sniper",
    "bomb", "shell",
})
# Verbs of violence whose subject is the doer of a killing told in the passive:
# "three were killed when soldiers opened fire"
ATTACK_VERBS = frozenset({
    "attack", "strike", "shell", "bomb", "bombard", "fire", "shoot", "open", "raid", "storm",
    "ambush", "hit", "launch", "target", "detonate", "explode", "stab", "kill", "invade",
})
# Objects that speak for whoever issued them: "issued a statement condemning X".
DOCUMENT_NOUNS = frozenset({
    "statement", "declaration", "communique", "communiqué", "resolution", "letter", "report",
    "message", "appeal", "ultimatum", "decree", "order", "note", "memo", "memorandum",
    "petition", "motion", "bill", "press release", "editorial", "video", "speech",
})
# Where the "any" target slot looks: objects and prepositional phrases, not new clauses.
ANY_DEPS = frozenset({"dobj", "obj", "dative", "iobj", "prep", "attr", "oprd", "pobj", "agent",
                      "xcomp"})


@dataclass
class Coded:
    """One event found in a sentence, before table formatting."""

    source: Actor
    target: Actor
    code: str
    verb: Token
    match: VerbMatch
    date: dt.date
    date_text: str = ""
    modality: str = ""


@dataclass
class VerbTrace:
    """Why a verb did or did not give events (for ``coder explain``)."""

    verb: str
    index: int
    entry: str = ""
    pattern: str = ""
    code: str = ""
    outcome: str = ""
    tried: list[str] = field(default_factory=list)


def _opened_by(clause: Token, marks: set[str]) -> bool:
    """Is ``clause`` an adverbial clause opened by one of ``marks`` ("if ...")?"""
    return clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in marks
                                          for c in clause.children)


def _introduced_by(verb: Token, marks: set[str]) -> bool:
    """Is the verb inside an adverbial clause opened by one of ``marks`` ("if ...")?"""
    t = verb
    while t.head.i != t.i:
        if _opened_by(t, marks):
            return True
        t = t.head
    return False


def _embedded(verb: Token, own: Callable[[Token], bool] = lambda _: False) -> bool:
    """Is the verb inside a clause someone reports ("X said that Y ...") or one that
    describes a noun ("a group that monitors the war")? ``own(reporting_verb)`` says
    when the reporter speaks of its own act ("Iraq said it is ready to ..."), which
    is not someone else's report."""
    t = verb
    while t.head.i != t.i:
        if t.dep_ in ("relcl", "acl"):
            return True
        # "Rebels surrendered last week, officials said": an attribution after the
        # clause names the news source; the clause is the news, not embedded speech
        if t.dep_ in ("ccomp", "parataxis") and (t.i < t.head.i or own(t.head)):
            return _embedded(t.head, own)
        if t.dep_ in ("ccomp", "parataxis"):
            return True
        t = t.head
    return False


# Fights with two sides: "killed in clashes" tells no doer but both parties.
CLASH_NOUNS = frozenset({"clash", "clashes", "fighting", "fight", "shootout", "gunfight",
                         "firefight", "battle", "skirmish", "skirmishes", "exchange",
                         "confrontation", "confrontations", "hostilities"})


def _clash_sides(verb: Token, r: ActorResolver) -> list[Actor]:
    """The coordinated victims of a passive verb "in clashes", when they are two sides
    ("six soldiers and nine militants were killed in a shootout")."""
    subj = next((c for c in verb.children if c.dep_ in ("nsubjpass", "nsubj:pass")), None)
    if subj is None or not any(
            p.dep_ == "prep" and p.lower_ in ("in", "during", "amid") and any(
                o.dep_ == "pobj" and (o.lemma_.lower() in CLASH_NOUNS or o.lower_ in CLASH_NOUNS)
                for o in p.children)
            for p in verb.children):
        return []
    sides = r.actors(subj)
    return sides if len({a.code for a in sides}) >= 2 else []


def _same_side(a: list[Actor], b: list[Actor]) -> bool:
    """Do two sets of actors share an actor or a country ("Iran's president" and
    "Tehran" are one side)?"""
    return bool({x.code for x in a} & {x.code for x in b}
                or {x.country for x in a if x.country} & {x.country for x in b if x.country})


def _depth(tok: Token) -> int:
    d = 0
    while tok.head.i != tok.i and d < 200:
        tok = tok.head
        d += 1
    return d


def _someone_else(head: Token, comp: Token) -> bool:
    """Is the complement's doer named apart from the head's subject: "wants Germany to
    pay" (an object, or the infinitive's own subject), not "wants to pay"?"""
    obj = direct_object(head)
    if obj is not None and obj.dep_ not in ("nsubjpass", "nsubj:pass"):
        return True
    return (comp.dep_ == "ccomp" and any(c.dep_ == "nsubj" for c in comp.children)
            and to_infinitive(comp))


def _reporter(verb: Token) -> Token | None:
    """The verb that reports this one's clause ("claimed the militia had shelled the port
    and seized a ferry": "claimed", for both). Not an attribution after the report ("Rebels
    attacked the post, officials said"): that names the news source, not an accuser."""
    clause = verb
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    outer = clause.head
    if (clause.dep_ in ("ccomp", "xcomp", "parataxis") and outer.i != clause.i
            and outer.i < clause.i):
        return outer
    return None


def _is_attack_noun(tok: Token) -> bool:
    return tok.pos_ in ("NOUN", "PROPN") and (tok.lemma_.lower() in ATTACK_NOUNS
                                              or tok.lower_ in ATTACK_NOUNS)


def _attack_doers(noun: Token, r: ActorResolver) -> list[Actor]:
    """Who an attack noun belongs to: "Turkish shelling", "Hamas's attack", "a rebel
    attack" (a role word before an act is its doer), "an attack on a patrol by X"."""
    return r.actors(noun) or [
        a for c in noun.children if c.dep_ in ("compound", "amod", "poss", "nmod")
        for a in r.actors(c)] or [
        a for c in noun.children if c.dep_ in ("compound", "amod", "nmod") and c.i < noun.i
        for a in r.role_modifier(c)] or [
        a for by in noun.subtree if by.lower_ == "by" and by.dep_ == "prep"
        and noun.i in (by.head.i, by.head.head.head.i)
        for a in _pobj_actors(by, r)]


def _pobj_actors(prep: Token, r: ActorResolver) -> list[Actor]:
    """The actors of a preposition's object: "by Iran" -> IRN."""
    return [a for p in prep.children if p.dep_ == "pobj" for a in r.actors(p)]


def _own_subject(verb: Token) -> bool:
    """Does the verb have a subject of its own (or share its first conjunct's), rather
    than a doer borrowed from a governing clause or named in a by-phrase?"""
    while verb.dep_ == "conj" and not any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        verb = verb.head
    return any(c.dep_ in SUBJECT_DEPS for c in verb.children)


def _lower(words: list[str]) -> set[str]:
    return {w.lower() for w in words}


def _family_code(rule: ModalityRule, code: str) -> str | None:
    """The code a modality map gives ``code``: by full code, else by its root ("=" keeps it)."""
    mapped = rule.map.get(code, rule.map.get(code[:2]))
    return code if mapped == "=" else mapped


def _aux_words(verb: Token) -> set[str]:
    words = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    words |= {c.lemma_.lower() for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if verb.dep_ == "conj" and not any(c.dep_ == "aux" for c in verb.children):
        words |= _aux_words(verb.head)
    return words


class SentenceCoder:
    """Applies the grammar rules to parsed sentences of one article."""

    def __init__(self, dictionaries: Dictionaries, verbs: VerbIndex) -> None:
        self.d = dictionaries
        self.verbs = verbs
        self.neg_markers = {m.lower() for m in dictionaries.negation.markers}
        self.agent_codes = {loc.entry.code for loc in dictionaries.agents}
        self.modality: list[ModalityRule] = [loc.entry for loc in dictionaries.modality]
        self.transforms = [loc.entry for loc in dictionaries.transformations]

    # -- roles --------------------------------------------------------------
    def _subject(self, verb: Token, r: ActorResolver, seen: int = 0) -> list[Actor]:
        if seen > 8:
            return []
        for c in verb.children:
            if c.dep_ == "agent":  # passive: "attacked by Iran"
                for p in c.children:
                    if p.dep_ == "pobj":
                        return r.actors(p) or self._user_of(p, r)
        for c in verb.children:
            if c.dep_ in ("nsubjpass", "nsubj:pass"):
                # "X was engaged in fighting": a state, and X is the one doing it
                return r.actors(c) if lemma_of(verb) in STATAL_PASSIVES else []
        for c in verb.children:
            if c.dep_ in SUBJECT_DEPS:
                if c.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                    return r.actors(verb.head) if self.d.sources.relative_pronouns else []
                # "a statement issued in X": the subject's participle names the doer;
                # "an airstrike by junta forces killed ...": the attack's doer
                return r.actors(c) or [a for k in c.children if passive_participle(k)
                                       for a in self._passive_source(k, r)] or (
                    _attack_doers(c, r) if _is_attack_noun(c) else [])
        if verb.dep_ == "conj":
            return self._subject(verb.head, r, seen + 1)
        if verb.dep_ == "xcomp":
            obj = direct_object(verb.head)
            if obj is not None and obj.dep_ != "nsubjpass":
                return r.actors(obj)
            for c in verb.head.children:  # "Iran was seen to attack ...": raised
                if c.dep_ in ("nsubjpass", "nsubj:pass"):
                    return r.actors(c)
            return self._subject(verb.head, r, seen + 1)
        if verb.dep_ in ("acomp", "oprd") or (verb.dep_ == "attr" and verb.tag_ == "VBG"):
            return self._subject(verb.head, r, seen + 1)  # "is about to", "is mediating"
        if verb.dep_ == "advcl" and verb.tag_ == "VBG":
            return self._subject(verb.head, r, seen + 1)
        if verb.dep_ == "advcl" and to_infinitive(verb):
            # "X mobilized to defend ...": X, unless someone else is named as the doer
            # ("pressured Obama to help", "gave permission to Russia to help")
            head = verb.head
            if not any(c.dep_ in ("dobj", "dative", "nsubjpass", "agent", "prep")
                       for c in head.children):
                return self._subject(head, r, seen + 1)
            return []
        if (verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.lower_ in ("to", "by")
                and verb.head.head.i != verb.head.i):  # "resorted to throwing stones"
            return self._subject(verb.head.head, r, seen + 1)
        if (verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.dep_ in ("dobj", "obj")
                and verb.head.lemma_.lower() in DOCUMENT_NOUNS):
            # "issued a statement condemning X": the statement's issuer condemns
            return self._subject(verb.head.head, r, seen + 1)
        return []

    @staticmethod
    def _user_of(thing: Token, r: ActorResolver) -> list[Actor]:
        """"hit by a rocket fired by Hamas", "by a shell said to have been fired by
        the army": whoever the participle describing the weapon names as its doer."""
        stack = [k for k in thing.children if passive_participle(k)]
        for _ in range(3):
            nxt: list[Token] = []
            for k in stack:
                for g in k.children:
                    if g.dep_ == "agent":
                        found = _pobj_actors(g, r)
                        if found:
                            return found
                    elif g.dep_ == "xcomp":  # "believed to be fired by"
                        nxt.append(g)
            stack = nxt
        return []

    def _passive_source(self, verb: Token, r: ActorResolver) -> list[Actor]:
        """rules `sources: passive_preps`: the doer of a passive with no by-phrase
        ("shot in Mali" -> Mali, where PETRARCH's rules say so)."""
        preps = self.d.sources.passive_preps
        if not preps or not (_is_passive(verb) or passive_participle(verb)):
            return []
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ in preps:
                found = _pobj_actors(c, r)
                if found:
                    return found
        return []

    def _slot(self, slot: str, verb: Token, m: VerbMatch, r: ActorResolver) -> list[Actor]:
        if slot == "dobj":
            obj = direct_object(verb)
            if obj is not None and obj.dep_ == "nsubjpass" and lemma_of(verb) in STATAL_PASSIVES:
                obj = None  # "Iran was engaged in fighting": Iran is the doer
            if obj is None:
                return self._free_relative(verb, r)
            if obj.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return r.actors(verb.head)
            if obj.lower_ == "what" and obj.head.i != verb.i:
                return []
            return r.actors(obj) or [a for c in obj.children if c.dep_ == "poss"  # "attacked
                                     and c.pos_ == "PRON" for a in r.actors(c)]  # its posts"
        if slot == "dative":
            for c in verb.children:
                if c.dep_ in ("dative", "iobj"):
                    if c.pos_ == "ADP":
                        return _pobj_actors(c, r)
                    return r.actors(c)
            return []
        if slot == "attr":
            return [a for c in verb.children if c.dep_ == "attr" for a in r.actors(c)]
        if slot.startswith("prep:"):
            word = slot[5:]
            heads = [verb]
            obj = direct_object(verb)
            if obj is not None:
                heads.append(obj)  # and what it is a part or sum of: "$5 million in aid for X"
                heads += [g for c in obj.children if c.dep_ == "prep" and c.lower_ in ("of", "in")
                          for g in c.children if g.dep_ == "pobj"]
            # the matched words and the verb's complement chain: "promised to continue
            # military aid to Mozambique", "offered to hand over the suspects to Chad"
            heads.extend(w for w in m.word_tokens if w not in heads)
            comp = [c for c in verb.children if c.dep_ == "xcomp"]
            for c in comp[:2]:
                heads.append(c)
                cobj = direct_object(c)
                if cobj is not None:
                    heads.append(cobj)
            for h in heads:
                for c in h.children:
                    if c.dep_ in ("prep", "dative", "agent") and c.lower_ == word:
                        found = _pobj_actors(c, r)
                        if found:
                            return found
            return []
        if slot == "any":  # not the pattern's own words: "declared a state of emergency"
            return self._first_actor_after(verb, r, {t.i for t in m.word_tokens})
        if slot == "subject":  # the verb's own subject (a pattern's source is elsewhere)
            return [a for c in verb.children if c.dep_ in (*SUBJECT_DEPS, "nsubjpass")
                    for a in r.actors(c)] or self._subject(verb, r)
        if slot == "clause_subject":  # "X said NATO would ..." -> NATO
            kids = list(verb.children)  # "was confident that NATO would ...": under the adjective
            kids += [k for c in kids if c.dep_ in ("acomp", "attr") for k in c.children]
            obj = direct_object(verb)  # "expressed hopes that NATO would ..."
            kids += [k for k in (obj.children if obj is not None else []) if k.dep_ == "acl"
                     and any(g.dep_ in SUBJECT_DEPS or g.dep_ == "nsubjpass" for g in k.children)]
            for c in kids:
                if c.dep_ in ("ccomp", "parataxis", "acl"):
                    found = [a for g in c.children if c.dep_ == "acl" and g.dep_ in (
                        "nsubjpass", "nsubj:pass") for a in r.actors(g)  # "hopes that X
                             ] or self._subject(c, r)  # could be drawn into talks"
                    if found:
                        return found
            return []
        if slot in ("word_owner", "word_object"):
            matched = m.word_tokens[:1] or ([m.object_token] if m.object_token is not None
                                            and slot == "word_owner" else [])
            for w in matched:
                if slot == "word_object":
                    obj = direct_object(w)
                    return r.actors(obj) if obj is not None else []
                if w.pos_ in ("VERB", "AUX"):
                    return self._subject(w, r)
                found = r.actors(w) or [a for c in w.children if c.dep_ == "poss"
                                         for a in r.actors(c)]  # "its airspace"
                if found:
                    return found
                # "the withdrawal of U.S. troops": the owner sits in an of-phrase
                for c in w.children:
                    if c.dep_ == "prep" and c.lower_ in ("of", "by"):
                        return _pobj_actors(c, r)
            return []
        return []

    def _domestic(self, sources: list[Actor], targets: list[Actor]) -> list[Actor]:
        """rules/targets.yaml `domestic`: courts, parliaments and police act at home, so
        a bare role they act on is of their country ("Thailand's court suspended the
        prime minister" -> THAGOV)."""
        home = {s.country for s in sources}
        roles = set(self.d.targets.domestic)
        if len(home) != 1 or not next(iter(home)) or not all(s.role in roles for s in sources):
            return targets
        return self._relocated(targets, next(iter(home)), "the source's own country")

    def _relocated(self, actors: list[Actor], country: str, why: str) -> list[Actor]:
        """Bare roles (an agent code, no country) given ``country``; others unchanged."""
        return [a if a.country or a.role not in self.agent_codes else Actor(
                    country + a.role, country, a.role, a.text, a.head, f"{a.entry}; {why}",
                    a.kind, a.plural) for a in actors]

    def _located(self, sources: list[Actor], verb: Token, r: ActorResolver) -> list[Actor]:
        """Protesters, police, the people they arrest and the victims of violence, with no
        country of their own, take the country where it happens ("thousands of people
        marched in Tbilisi" -> GEOCVL; "police detained activists in Moscow" -> RUSCOP,
        RUSOPP; "civilians were killed in shelling in Yemen" -> YEMCVL)."""
        if all(a.country for a in sources):
            return sources
        # the verb's own "in" phrase, else one inside its object ("activists in Moscow")
        heads = [verb, *(c for c in verb.children if c.dep_ in ("dobj", "nsubj", "nsubjpass"))]
        # ... or one step further: "killed in Turkish shelling in the north of Syria"
        heads += [g for c in verb.children if c.dep_ == "prep"  # "at protesters in Nairobi"
                  for g in c.children if g.dep_ == "pobj"]
        heads += [g for h in heads[1:] for c in h.children if c.dep_ == "prep"
                  and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        spots = [p for h in heads for prep in h.children if prep.dep_ == "prep"
                 and prep.lower_ in ("in", "across", "throughout")
                 for p in prep.children if p.dep_ == "pobj"]
        spots += [g for p in spots if p.pos_ != "PROPN" for c in p.children  # "in the east
                  if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]  # of Syria"
        place = next((a for p in spots if p.pos_ == "PROPN"
                      for a in r.actors(p) if a.kind == "country" and a.code), None)
        if place is not None:
            code, where = place.code, place.text
        elif r.place:  # the sentence names no place: the story's dateline
            code, where = r.place, "the dateline"
        else:
            return sources
        # a bare role only, not a place the dictionary lacks
        return self._relocated(sources, code, f"where: {where}")

    @staticmethod
    def _attack_owner(verb: Token, r: ActorResolver) -> list[Actor]:
        """"Four civilians were killed in Turkish shelling": a passive verb with no agent
        takes as source whoever owns the attack it happened in, also when the attack
        phrase hangs from a coordinated victim ("five were killed and 20 others injured
        in Syrian strikes"); "were killed after rebels shelled the market": the subject
        of the attack clause."""
        if not any(c.dep_ in ("nsubjpass", "nsubj:pass") for c in verb.children):
            return []
        holders = [verb] + [g for c in verb.children if c.dep_ == "conj"
                            for g in (c, *(a for a in c.children if a.dep_ == "acl"))]
        for holder in holders:
            for prep in holder.children:
                if prep.dep_ != "prep" or prep.lower_ not in (
                        "in", "by", "during", "after", "amid", "following"):
                    continue
                for pobj in prep.children:
                    if pobj.dep_ == "pobj" and _is_attack_noun(pobj):
                        found = _attack_doers(pobj, r)
                        if found:
                            return found
        for clause in (c for h in holders for c in h.children):
            # "... were killed (and 20 injured) after rebels shelled a market"
            if clause.dep_ == "advcl" and (clause.lemma_.lower() in ATTACK_VERBS):
                found = [a for c in clause.children if c.dep_ == "nsubj" for a in r.actors(c)]
                if found:
                    return found
        return []

    @staticmethod
    def _first_actor_after(verb: Token, r: ActorResolver,
                           skip: set[int] | frozenset[int] = frozenset()) -> list[Actor]:
        """The nearest actor among the verb's complements, breadth first: "restore ties
        with Syria" -> Syria. Clauses with their own subject are not searched. In the
        passive the subject is the verb's object, and the agent is the doer: "charges
        against Iraq were filed by Iran" -> Iraq."""
        queue = [c for c in verb.children if c.dep_ in ANY_DEPS]
        if any(c.dep_ == "agent" for c in verb.children):
            queue = [c for c in verb.children if c.dep_ in ("nsubjpass", "nsubj:pass")] + [
                c for c in queue if c.dep_ != "agent"]
        # last, a purpose clause without a subject of its own: "signed a deal on
        # Monday to supply Syria with fuel"
        queue += [c for c in verb.children if c.dep_ == "advcl" and to_infinitive(c)
                  and not any(g.dep_ in SUBJECT_DEPS for g in c.children)]
        seen = 0
        while queue and seen < 40:
            tok = queue.pop(0)
            seen += 1
            found = r.actors(tok) if tok.i not in skip else []
            if found:
                return found
            queue.extend(c for c in tok.children if c.dep_ in ANY_DEPS or c.dep_ in (
                "pobj", "compound", "conj", "appos") or c.dep_ == "acl" and not any(
                g.dep_ in ("nsubj", "nsubjpass") for g in c.children))  # not a clause
        return []

    @staticmethod
    def _free_relative(verb: Token, r: ActorResolver) -> list[Actor]:
        """"denounced what he called U.S. attempts": the object is what "what" names."""
        for c in verb.children:
            if c.dep_ != "ccomp" or not any(w.lower_ == "what" and w.dep_ in ("dobj", "nsubj")
                                             for w in c.children):
                continue
            for k in c.children:
                if k.dep_ in ("oprd", "attr", "xcomp", "acomp"):
                    return r.actors(k)
        return []

    # -- rules --------------------------------------------------------------
    def _negated(self, verb: Token) -> bool:
        return any(
            (c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == "never"))
            and c.lower_ in self.neg_markers
            for c in verb.children
        )

    def _is_head(self, tok: Token, heads: list[str]) -> bool:
        """Does ``tok`` read as one of ``heads`` ("agree", "call on"; "*": any coded verb)?"""
        if "*" in heads:
            m = self.verbs.match(tok)
            return m is not None and m.code is not None
        lem = lemma_of(tok)
        for h in heads:
            words = h.lower().split()
            if words[0] == lem and (len(words) == 1 or any(
                    c.lower_ == words[1] for c in tok.children)):
                return True
        return False

    def _through_head(self, rule: ModalityRule, gov: Token, verb: Token) -> bool:
        """Does ``rule`` reach ``verb`` through its governing verb ``gov``: the right
        dependency, one of the rule's heads, and the doer named apart when required?"""
        return (verb.dep_ in rule.clause and bool(rule.heads) and self._is_head(gov, rule.heads)
                and (not rule.needs_object or _someone_else(gov, verb)))

    def _family_covers(self, rule: ModalityRule, gov: Token, verb: Token, code: str) -> bool:
        """A family rule's map covers ``code``, and ``verb`` has the auxiliary it may need."""
        return ((not rule.both or bool(_aux_words(verb) & _lower(rule.auxiliaries)))
                and self._family_code(rule, gov, code) is not None)

    def _family_code(self, rule: ModalityRule, gov: Token, code: str) -> str | None:
        """The code of a family event: the rule's map, or the governing verb's code
        combined with the complement's (rules/combination.yaml)."""
        if rule.action != "combine":
            return _family_code(rule, code)
        m = self.verbs.match(gov)
        if m is None or m.code is None:
            return None
        return self.d.combination.combine(m.code, code, own_doer=any(
            _someone_else(gov, c) for c in gov.children if c.dep_ in rule.clause))

    def _modality(self, verb: Token, code: str) -> tuple[ModalityRule | None, Token | None]:
        """The first modality rule for ``verb`` coded ``code``, and the governing verb
        when the rule fired through one of its heads."""
        aux = _aux_words(verb)
        gov = verb.head if verb.head.i != verb.i else None
        for rule in self.modality:
            if rule.source == "head":  # a family speaks only for the codes its map covers
                if (gov is not None and self._through_head(rule, gov, verb)
                        and self._family_covers(rule, gov, verb, code)):
                    return rule, gov
                continue
            if rule.inside:  # "if Hamas runs": a hypothetical, not an event
                if _introduced_by(verb, _lower(rule.inside)):
                    return rule, None
                continue
            if rule.only_mapped and rule.action == "map" and _family_code(rule, code) is None:
                continue  # "will attack": a threat; "will meet" is left to the next rule
            has_aux = bool(aux & _lower(rule.auxiliaries))
            if rule.conditions:  # "will withdraw ... unless": a threat (or a promise)
                marks = _lower(rule.conditions)
                if (any(_opened_by(c, marks) for c in verb.children)
                        and (has_aux or not rule.auxiliaries)):
                    return rule, None
                continue
            has_head = gov is not None and self._through_head(rule, gov, verb)
            if (has_aux and has_head) if rule.both else (has_aux or has_head):
                return rule, (gov if has_head else None)
        return None, None

    def _defers(self, verb: Token) -> Token | None:
        """A family head ("refused", "urged") with only its default code gives way to a
        complement that its family maps ("refused to release" -> 1243)."""
        for c in verb.children:
            if c.pos_ not in ("VERB", "AUX"):
                continue
            families = [r for r in self.modality
                        if r.source == "head" and self._through_head(r, verb, c)]
            if not families:
                continue
            m = self.verbs.match(c)
            if m is not None and m.code and any(
                    self._family_covers(rule, verb, c, m.code) for rule in families):
                return c
        return None

    def _untargeted(self, verb: Token, m: VerbMatch, code: str, family: bool,
                    sources: list[Actor], r: ActorResolver) -> bool:
        """rules/targets.yaml: may this verb's event be coded with an empty target?"""
        rule = self.d.targets
        if not rule.keep:
            return False
        if rule.except_speech and m.entry.speech and (m.pattern is None or code[:2] == "01"):
            return False  # "Iran said ...", but "the PKK declared a ceasefire" is an act
        if any(code.startswith(prefix) for prefix in rule.except_codes):
            return False
        def own(reporter: Token) -> bool:  # "Iran's president said Tehran would ..."
            return _same_side(sources, self._subject(reporter, r))

        if not rule.in_embedded_clause and not family and _embedded(verb, own):
            return False
        return True

    def _family_roles(self, rule: ModalityRule, gov: Token, verb: Token, m: VerbMatch,
                      r: ActorResolver) -> tuple[list[Actor], list[Actor]]:
        """Source and target of a family event: the governing verb's subject, and the
        target its rule names (falling back on the complement's own slots)."""
        # "X is expected to visit": the raised subject of a passive head
        sources = self._subject(gov, r) or (self._subject(verb, r) if verb.dep_ == "xcomp"
                                            else [])
        targets: list[Actor] = []
        def head_object() -> list[Actor]:
            obj = direct_object(gov)  # not the raised subject: "X is expected to travel"
            found = (r.actors(obj) if obj is not None
                     and obj.dep_ not in ("nsubjpass", "nsubj:pass") else [])
            for word in ("on", "upon", "to"):
                found = found or self._slot(f"prep:{word}", gov, m, r)
            return found

        def clause_subject() -> list[Actor]:
            return [a for c in verb.children if c.dep_ in SUBJECT_DEPS for a in r.actors(c)]

        if rule.target == "head_object":
            targets = head_object() or clause_subject()
        elif rule.target == "clause_subject":
            targets = clause_subject() or head_object()
        for slot in m.target_slots:
            if targets:
                break
            targets = self._slot(slot, verb, m, r)
        return sources, targets

    # -- the sentence -------------------------------------------------------
    def code(
        self,
        sent: Doc | Span,
        resolver: ActorResolver,
        article_date: dt.date,
        trace: list[VerbTrace] | None = None,
    ) -> list[Coded]:
        candidates = [t for t in sent if t.pos_ in ("VERB", "AUX", "NOUN", "PROPN")
                      and (t.pos_ == "VERB" or t.dep_ in CLAUSE_DEPS)]
        if trace is None:  # only verbs with an entry matter; the trace reports the others
            candidates = [t for t in candidates if self.verbs.candidates(t)]
        candidates.sort(key=lambda t: (_depth(t), t.i))
        consumed: set[int] = set()
        events: list[Coded] = []
        speech: dict[int, list[Coded]] = {}
        weak_verbs: set[int] = set()  # events with no target (rules/targets.yaml)
        dated: dict[int, tuple[dt.date, str]] = {}
        provisional: set[int] = set()  # untargeted, coded only as a reporter's accusation
        for verb in candidates:
            m = self.verbs.match(verb)
            if m is None:
                if trace is not None and verb.pos_ == "VERB":
                    why = ("no pattern matched and the entry has no default code"
                           if self.verbs.candidates(verb) else "no verb entry")
                    trace.append(VerbTrace(verb.text, verb.i, outcome=why))
                continue
            vt = VerbTrace(verb.text, verb.i, f"{m.entry.verb} ({m.entry.located()})",
                           m.pattern_id, m.code, tried=m.tried)
            if trace is not None:
                trace.append(vt)
            if verb.i in consumed:
                vt.outcome = "part of a coded verb's complement"
                continue
            if m.code is None:  # a pattern that blocks the event
                vt.outcome = f"pattern {m.pattern_id} codes no event"
                self._consume(verb, m, consumed)
                continue
            code = m.code
            when = event_date(verb, article_date)
            if when is None and verb.dep_ == "conj" and verb.head.i in dated:
                when = dated[verb.head.i]
            if when is not None:
                dated[verb.i] = when
            if self._negated(verb):
                neg = self.d.negation
                mapped = m.pattern.negated if m.pattern is not None else None
                mapped = mapped or neg.map.get(code)
                if mapped is None and neg.future and _aux_words(verb) & set(
                        neg.future_auxiliaries):
                    rule = next((r for r in self.modality if r.id == neg.future), None)
                    mapped = _family_code(rule, code) if rule is not None else None
                    if mapped is not None:  # the refusal is announced now: article date
                        when = None
                if mapped is None and neg.default == "drop":
                    vt.outcome = "negated (rules: negation default drop)"
                    continue
                code = mapped or code
            if m.pattern is None and (inner := self._defers(verb)) is not None:
                vt.outcome = f"gives way to its complement {inner.text!r} (rules: modality)"
                continue
            via_clause = False  # the target is a reported clause's subject
            weak = False  # no target: gives way to anything coded in its complement
            modal, gov = self._modality(verb, code)
            if modal is not None:
                if modal.action == "drop":
                    vt.outcome = f"modality {modal.id!r}: dropped"
                    continue
                if modal.action in ("map", "combine"):
                    code = (self._family_code(modal, gov, code) if gov is not None
                            else _family_code(modal, code)) or code
                when = None  # a planned action is dated by its announcement
            family = modal is not None and modal.source == "head" and gov is not None
            if family:
                if self._negated(gov):
                    vt.outcome = f"modality {modal.id!r}: {gov.text!r} is negated"
                    continue
                when = event_date(gov, article_date)  # the refusal's, appeal's ... day
                sources, targets = self._family_roles(modal, gov, verb, m, resolver)
            else:
                sources = self._subject(verb, resolver)
                if m.pattern is not None and m.pattern.source:  # "freed from Barad-dur"
                    for slot in m.pattern.source:
                        sources = self._slot(slot, verb, m, resolver)
                        if sources:
                            break
                targets = []
                for slot in m.target_slots:
                    targets = self._slot(slot, verb, m, resolver)
                    if targets:
                        via_clause = slot == "clause_subject"
                        # "Colombia and the ELN resumed talks in Havana": a mutual act of a
                        # coordinated subject, not an act on the first actor found after it
                        if slot == "any" and m.reciprocal and len(sources) >= 2:
                            targets = []
                        break
            clash = False
            if not sources and modal is None:
                sources = (self._attack_owner(verb, resolver)
                           or self._passive_source(verb, resolver))
            if not sources and modal is None and code[:2] in ("18", "19", "20"):
                sides = _clash_sides(verb, resolver)  # "ten soldiers and six rebels were
                if sides:  # killed in clashes": each side fought the other
                    sources, targets, clash = sides, [], True
            if code[:2] in ("14", "17") and sources:  # "thousands marched in Tbilisi",
                sources = self._located(sources, verb, resolver)  # "police in Moscow"
                if targets:
                    targets = self._located(targets, verb, resolver)
            elif code[:2] in ("18", "19", "20") and targets:  # "four civilians were killed
                targets = self._located(targets, verb, resolver)  # in shelling in Yemen"
            if sources and all(s.role in self.d.targets.domestic and not s.country
                               for s in sources):  # "police fired tear gas in Nairobi":
                sources = self._located(sources, verb, resolver)  # Kenya's police act
            if (not sources and modal is None and targets and _is_passive(verb)
                    and any(code.startswith(r) for r in self.d.context.passive_doer_roots)):
                # "ministers were arrested": no doer named; the context stage gives it
                # the doer of the story's latest act of force, or drops the event
                sources = [UNKNOWN_DOER]
            if not sources:
                vt.outcome = "no source actor"
                continue
            if targets and {t.code for t in targets} <= {s.code for s in sources}:
                targets = []  # only the doer again: as good as no target
            if targets and self.d.targets.domestic:
                targets = self._domestic(sources, targets)
            pairs: list[tuple[Actor, Actor]] = []
            if targets:
                pairs = [(s, t) for s in sources for t in targets]
            elif (clash or m.reciprocal or m.reverse or (
                    self.d.targets.mutual and not m.entry.speech and code[:2] != "01"
                    and not any(c.dep_ == "ccomp" for c in verb.children)  # "A and B said"
                    and _own_subject(gov if family else verb))  # not "..., promoting trade"
                  ) and len(sources) >= 2:  # "A and B met": each meets the other
                pairs = [(s, t) for s in sources for t in sources if s is not t]
            elif m.target_optional:  # "thousands demonstrated": no target, still an event
                pairs = [(s, NO_ACTOR) for s in sources]
            elif m.target_optional is None and self._untargeted(verb, m, code, family,
                                                                sources, resolver):
                pairs = [(s, NO_ACTOR) for s in sources]
                weak = True
            if m.pattern is not None and m.pattern.swap:  # "received aid from Y": Y gave it
                pairs = [(t, s) for s, t in pairs if t.code]
            pairs = [(s, t) for s, t in pairs if s.code != t.code]
            if not pairs and self._accusable(verb, m.code or code):
                # "Egypt said Libya had attacked": no target, but what is reported
                # makes the reporter's accusation (kept only if transformed)
                pairs = [(s, NO_ACTOR) for s in sources]
                provisional.add(verb.i)
            if not pairs:
                vt.outcome = "no target actor" if not targets else "source and target are the same"
                continue
            coded_pairs = [(s, t, code) for s, t in pairs]
            # the reverse event: "visited" is also a hosting, but not "agreed to visit"
            if m.reverse and targets and not family:
                coded_pairs += [(t, s, m.reverse) for s, t in pairs if t.code]
            made = [
                Coded(s, t, c, verb, m, when[0] if when else article_date,
                      when[1] if when else "", modal.id if modal else "")
                for s, t, c in coded_pairs
            ]
            vt.outcome = f"{len(made)} event(s)"
            if m.entry.speech or via_clause or weak:  # "X claimed Y attacked Z": Y's event
                speech[verb.i] = made
                if weak:
                    weak_verbs.add(verb.i)
            else:
                events.extend(made)
            if not via_clause and not weak:  # a reported clause's verbs are still coded
                self._consume(verb, m, consumed)
        # reported speech: keep the speech verb's event only if nothing it reports was
        # coded (before a transformation gives the reported event to the reporter)
        before = events
        events = self._transform(sent, resolver, events, provisional, article_date)
        untransformed = provisional & {e.verb.i for e in events}  # dropped: never coded
        coded_verbs = {e.verb.i for e in before if e.verb.i not in untransformed}
        events = [e for e in events if e.verb.i not in untransformed]
        sources_at = {e.verb.i: {e.source.code} for e in events}
        for made in speech.values():
            sources_at.setdefault(made[0].verb.i, set()).update(e.source.code for e in made)
        for made in speech.values():
            verb = made[0].verb
            deps = ("ccomp", "parataxis", "xcomp", "advcl") if verb.i in weak_verbs else (
                "ccomp", "parataxis", "xcomp")  # "opened fire, killing two": the killing
            inner = {t.i for c in verb.children if c.dep_ in deps for t in c.subtree}
            if inner & coded_verbs:
                continue
            if (verb.i in weak_verbs and (verb.dep_ == "xcomp" or verb.dep_ == "advcl"
                                          and to_infinitive(verb))  # "vowed to fight": the
                    and sources_at.get(verb.head.i, set()) & {e.source.code for e in made}):
                continue  # fighting is what was vowed, not an event of its own
            events.extend(made)
        events.sort(key=lambda e: e.verb.i)
        return events

    def _transforms_for(self, outer: Token, code: str) -> list[TransformRule]:
        """The transformations a reporting verb ``outer`` applies to a reported event
        coded ``code``, in their order."""
        lem = lemma_of(outer)
        return [t for t in self.transforms if lem in t.outer and code[:2] in t.inner_roots]

    def _accusable(self, verb: Token, code: str) -> bool:
        """Would a transformation make the reporter accuse this verb's doer, whatever
        its target ("Egypt said Libya had attacked")?"""
        outer = _reporter(verb)
        return outer is not None and any(rule.target == "inner_source"
                                         for rule in self._transforms_for(outer, code))

    def _transform(self, sent: Doc | Span, r: ActorResolver, events: list[Coded],
                   provisional: set[int] | frozenset[int], article_date: dt.date
                   ) -> list[Coded]:
        """rules/transformations.yaml: an event reported by a verb such as "claim" becomes
        the reporter's event ("Egypt claimed Libya attacked Sudan" -> Egypt accuses Libya).
        A reporting verb after the report ("..., officials said") is attribution. A
        ``provisional`` event (no target) only becomes an accusation of its doer."""
        if not self.transforms or not events:
            return events
        out: list[Coded] = []
        for ev in events:
            new = None
            outer = _reporter(ev.verb)
            if outer is not None:
                inner = ev.match.code or ev.code  # before modality recoded it
                for rule in self._transforms_for(outer, inner):
                    if ev.verb.i in provisional and rule.target != "inner_source":
                        continue
                    reporters = self._subject(outer, r)
                    if not reporters:
                        continue
                    same = _same_side(reporters, [ev.source])  # its own side's act
                    if rule.same_source is not None and rule.same_source != same:
                        continue
                    if rule.victim_speaks is not None and rule.victim_speaks != (
                            bool(ev.target.code) and _same_side(reporters, [ev.target])):
                        continue
                    if rule.except_roles and all(a.role[:3] in rule.except_roles
                                                 for a in reporters):
                        continue
                    target = ev.source if rule.target == "inner_source" else ev.target
                    when = event_date(outer, article_date)  # the report's day, not the
                    date, date_text = when if when else (article_date, "")  # attack's
                    new = [Coded(a, target, rule.code, outer, ev.match, date, date_text,
                                 ev.modality) for a in reporters if a.code != target.code]
                    break
            out.extend(new if new is not None else [ev])
        return out

    @staticmethod
    def _consume(verb: Token, m: VerbMatch, consumed: set[int]) -> None:
        for c in verb.children:
            if c.dep_ == "xcomp":
                consumed.add(c.i)
        for w in m.word_tokens:  # verbs between the coded verb and its matched words
            t = w
            while t.i != verb.i and t.head.i != t.i:
                consumed.add(t.i)
                t = t.head
