"""The grammar's rules on one verb: who did it to whom (subject, slots, passive,
coordination, attack owners, places), negation, modality and reported speech.

The stages of coder/stages.py apply these rules in their order; coder/grammar.py
describes the rules and is what the pipeline imports.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Token

from .actors import RELATIVE_PRONOUNS, Actor, ActorResolver
from .dates import event_date
from .dictionaries import Dictionaries, ModalityRule, TransformRule
from .verbs import (
    VerbIndex,
    VerbMatch,
    direct_object,
    is_passive,
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
    date_text: str = ""  # the words that dated it ("on Monday"); background.py reads it


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
    stages: list[StageStep] = field(default_factory=list)  # the stage log (coder/stages.py)


@dataclass
class StageStep:
    """One line of a verb's stage log: what a stage did to it, and why."""

    stage: str
    verdict: str  # "kept", "changed" or "dropped"
    why: str = ""


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
                         "confrontation", "confrontations", "hostilities", "shootouts",
                         "gunfights", "firefights", "battles", "gunbattle", "gunbattles",
                         # both sides died in it: the ambushed fought back
                         "ambush", "ambushes"})


def _is_clash(o: Token, depth: int = 0) -> bool:
    """A clash noun, or "a series / a wave of clashes"."""
    if o.lemma_.lower() in CLASH_NOUNS or o.lower_ in CLASH_NOUNS:
        return True
    return depth == 0 and any(p.dep_ == "prep" and p.lower_ == "of" and any(
        g.dep_ == "pobj" and _is_clash(g, 1) for g in p.children) for p in o.children)


def clash_sides(verb: Token, r: ActorResolver) -> list[Actor]:
    """The coordinated victims of a passive verb "in clashes", when they are two sides
    ("six soldiers and nine militants were killed in a shootout")."""
    subj = next((c for c in verb.children if c.dep_ in ("nsubjpass", "nsubj:pass")), None)
    if subj is None or not any(
            p.dep_ == "prep" and p.lower_ in ("in", "during", "amid") and any(
                o.dep_ == "pobj" and _is_clash(o) for o in p.children)
            for p in verb.children):
        return []
    sides = r.actors(subj)
    return sides if len({a.code for a in sides}) >= 2 else []


def _same_side(a: list[Actor], b: list[Actor]) -> bool:
    """Do two sets of actors share an actor or a country ("Iran's president" and
    "Tehran" are one side)?"""
    return bool({x.code for x in a} & {x.code for x in b}
                or {x.country for x in a if x.country} & {x.country for x in b if x.country})


def depth(tok: Token) -> int:
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


def own_subject(verb: Token) -> bool:
    """Does the verb have a subject of its own (or share its first conjunct's), rather
    than a doer borrowed from a governing clause or named in a by-phrase?"""
    while verb.dep_ == "conj" and not any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        verb = verb.head
    return any(c.dep_ in SUBJECT_DEPS for c in verb.children)


def _lower(words: list[str]) -> set[str]:
    return {w.lower() for w in words}


def mapped_code(rule: ModalityRule, code: str) -> str | None:
    """The code a modality map gives ``code``: by full code, else by its root ("=" keeps it)."""
    mapped = rule.map.get(code, rule.map.get(code[:2]))
    return code if mapped == "=" else mapped


def aux_words(verb: Token) -> set[str]:
    words = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    words |= {c.lemma_.lower() for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if verb.dep_ == "conj" and not any(c.dep_ == "aux" for c in verb.children):
        words |= aux_words(verb.head)
    return words


def _transform_applies(rule: TransformRule, ev: Coded, reporters: list[Actor]) -> bool:
    """Do the reporters and the reported event meet ``rule``'s conditions: its own side's
    act or not, the victim speaking or not, a reporter of a role it leaves alone?"""
    same = _same_side(reporters, [ev.source])  # its own side's act
    if rule.same_source is not None and rule.same_source != same:
        return False
    if rule.victim_speaks is not None and rule.victim_speaks != (
            bool(ev.target.code) and _same_side(reporters, [ev.target])):
        return False
    return not (rule.except_roles and all(a.role[:3] in rule.except_roles
                                          for a in reporters))


class GrammarRules:
    """The rules the stages (coder/stages.py) apply to one verb: who did it to whom,
    negation, modality, reported speech."""

    def __init__(self, dictionaries: Dictionaries, verbs: VerbIndex) -> None:
        self.d = dictionaries
        self.verbs = verbs
        self.neg_markers = {m.lower() for m in dictionaries.negation.markers}
        self.agent_codes = {loc.entry.code for loc in dictionaries.agents}
        self.modality: list[ModalityRule] = [loc.entry for loc in dictionaries.modality]
        self.transforms = [loc.entry for loc in dictionaries.transformations]

    # -- roles --------------------------------------------------------------
    def subject(self, verb: Token, r: ActorResolver, seen: int = 0) -> list[Actor]:
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
                                       for a in self.passive_source(k, r)] or (
                    _attack_doers(c, r) if _is_attack_noun(c) else [])
        if verb.dep_ == "conj":
            return self.subject(verb.head, r, seen + 1)
        if verb.dep_ == "xcomp":
            obj = direct_object(verb.head)
            if obj is not None and obj.dep_ != "nsubjpass":
                return r.actors(obj)
            for c in verb.head.children:  # "Iran was seen to attack ...": raised
                if c.dep_ in ("nsubjpass", "nsubj:pass"):
                    return r.actors(c)
            return self.subject(verb.head, r, seen + 1)
        if verb.dep_ in ("acomp", "oprd") or (verb.dep_ == "attr" and verb.tag_ == "VBG"):
            return self.subject(verb.head, r, seen + 1)  # "is about to", "is mediating"
        if verb.dep_ == "advcl" and verb.tag_ == "VBG":
            return self.subject(verb.head, r, seen + 1)
        if verb.dep_ == "advcl" and to_infinitive(verb):
            # "X mobilized to defend ...": X, unless someone else is named as the doer
            # ("pressured Obama to help", "gave permission to Russia to help")
            head = verb.head
            if not any(c.dep_ in ("dobj", "dative", "nsubjpass", "agent", "prep")
                       for c in head.children):
                return self.subject(head, r, seen + 1)
            return []
        if (verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.lower_ in ("to", "by")
                and verb.head.head.i != verb.head.i):  # "resorted to throwing stones"
            return self.subject(verb.head.head, r, seen + 1)
        if (verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.dep_ in ("dobj", "obj")
                and verb.head.lemma_.lower() in DOCUMENT_NOUNS):
            # "issued a statement condemning X": the statement's issuer condemns
            return self.subject(verb.head.head, r, seen + 1)
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

    def passive_source(self, verb: Token, r: ActorResolver) -> list[Actor]:
        """rules `sources: passive_preps`: the doer of a passive with no by-phrase
        ("shot in Mali" -> Mali, where PETRARCH's rules say so)."""
        preps = self.d.sources.passive_preps
        if not preps or not (is_passive(verb) or passive_participle(verb)):
            return []
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ in preps:
                found = _pobj_actors(c, r)
                if found:
                    return found
        return []

    def slot(self, slot: str, verb: Token, m: VerbMatch, r: ActorResolver) -> list[Actor]:
        """The actors in one of a pattern's slots (``dobj``, ``prep:with``, ``any`` ...)."""
        if slot.startswith("prep:"):
            return self._slot_prep(slot[5:], verb, m, r)
        find = _SLOTS.get(slot)
        return find(self, verb, m, r) if find is not None else []

    def _slot_dobj(self, verb: Token, m: VerbMatch, r: ActorResolver) -> list[Actor]:
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

    def _slot_dative(self, verb: Token, m: VerbMatch, r: ActorResolver) -> list[Actor]:
        for c in verb.children:
            if c.dep_ in ("dative", "iobj"):
                if c.pos_ == "ADP":
                    return _pobj_actors(c, r)
                return r.actors(c)
        return []

    def _slot_attr(self, verb: Token, m: VerbMatch, r: ActorResolver) -> list[Actor]:
        return [a for c in verb.children if c.dep_ == "attr" for a in r.actors(c)]

    def _slot_prep(self, word: str, verb: Token, m: VerbMatch, r: ActorResolver) -> list[Actor]:
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

    def _slot_any(self, verb: Token, m: VerbMatch, r: ActorResolver) -> list[Actor]:
        # not the pattern's own words: "declared a state of emergency"
        return self._first_actor_after(verb, r, {t.i for t in m.word_tokens})

    def _slot_subject(self, verb: Token, m: VerbMatch, r: ActorResolver) -> list[Actor]:
        # the verb's own subject (a pattern's source is elsewhere)
        return [a for c in verb.children if c.dep_ in (*SUBJECT_DEPS, "nsubjpass")
                for a in r.actors(c)] or self.subject(verb, r)

    def _slot_clause_subject(self, verb: Token, m: VerbMatch, r: ActorResolver) -> list[Actor]:
        """"X said NATO would ..." -> NATO."""
        kids = list(verb.children)  # "was confident that NATO would ...": under the adjective
        kids += [k for c in kids if c.dep_ in ("acomp", "attr") for k in c.children]
        obj = direct_object(verb)  # "expressed hopes that NATO would ..."
        kids += [k for k in (obj.children if obj is not None else []) if k.dep_ == "acl"
                 and any(g.dep_ in SUBJECT_DEPS or g.dep_ == "nsubjpass" for g in k.children)]
        for c in kids:
            if c.dep_ in ("ccomp", "parataxis", "acl"):
                found = [a for g in c.children if c.dep_ == "acl" and g.dep_ in (
                    "nsubjpass", "nsubj:pass") for a in r.actors(g)  # "hopes that X
                         ] or self.subject(c, r)  # could be drawn into talks"
                if found:
                    return found
        return []

    def _slot_word_owner(self, verb: Token, m: VerbMatch, r: ActorResolver) -> list[Actor]:
        return self._slot_word(m, r, owner=True)

    def _slot_word_object(self, verb: Token, m: VerbMatch, r: ActorResolver) -> list[Actor]:
        return self._slot_word(m, r, owner=False)

    def _slot_word(self, m: VerbMatch, r: ActorResolver, owner: bool) -> list[Actor]:
        """Whose is the matched word ("U.S. troops"), or what it acts on."""
        matched = m.word_tokens[:1] or ([m.object_token] if m.object_token is not None
                                        and owner else [])
        for w in matched:
            if not owner:
                obj = direct_object(w)
                return r.actors(obj) if obj is not None else []
            if w.pos_ in ("VERB", "AUX"):
                return self.subject(w, r)
            found = r.actors(w) or [a for c in w.children if c.dep_ == "poss"
                                     for a in r.actors(c)]  # "its airspace"
            if found:
                return found
            # "the withdrawal of U.S. troops": the owner sits in an of-phrase
            for c in w.children:
                if c.dep_ == "prep" and c.lower_ in ("of", "by"):
                    return _pobj_actors(c, r)
        return []

    def domestic(self, sources: list[Actor], targets: list[Actor]) -> list[Actor]:
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

    def located(self, sources: list[Actor], verb: Token, r: ActorResolver) -> list[Actor]:
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
    def attack_owner(verb: Token, r: ActorResolver) -> list[Actor]:
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
    def negated(self, verb: Token) -> bool:
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
        return ((not rule.both or bool(aux_words(verb) & _lower(rule.auxiliaries)))
                and self.family_code(rule, gov, code) is not None)

    def family_code(self, rule: ModalityRule, gov: Token, code: str) -> str | None:
        """The code of a family event: the rule's map, or the governing verb's code
        combined with the complement's (rules/combination.yaml)."""
        if rule.action != "combine":
            return mapped_code(rule, code)
        m = self.verbs.match(gov)
        if m is None or m.code is None:
            return None
        return self.d.combination.combine(m.code, code, own_doer=any(
            _someone_else(gov, c) for c in gov.children if c.dep_ in rule.clause))

    def modality_of(self, verb: Token, code: str) -> tuple[ModalityRule | None, Token | None]:
        """The first modality rule for ``verb`` coded ``code``, and the governing verb
        when the rule fired through one of its heads."""
        aux = aux_words(verb)
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
            if rule.only_mapped and rule.action == "map" and mapped_code(rule, code) is None:
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

    def defers(self, verb: Token) -> Token | None:
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

    def untargeted(self, verb: Token, m: VerbMatch, code: str, family: bool,
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
            return _same_side(sources, self.subject(reporter, r))

        if not rule.in_embedded_clause and not family and _embedded(verb, own):
            return False
        return True

    def family_roles(self, rule: ModalityRule, gov: Token, verb: Token, m: VerbMatch,
                      r: ActorResolver) -> tuple[list[Actor], list[Actor]]:
        """Source and target of a family event: the governing verb's subject, and the
        target its rule names (falling back on the complement's own slots)."""
        # "X is expected to visit": the raised subject of a passive head
        sources = self.subject(gov, r) or (self.subject(verb, r) if verb.dep_ == "xcomp"
                                            else [])
        targets: list[Actor] = []
        def head_object() -> list[Actor]:
            obj = direct_object(gov)  # not the raised subject: "X is expected to travel"
            found = (r.actors(obj) if obj is not None
                     and obj.dep_ not in ("nsubjpass", "nsubj:pass") else [])
            for word in ("on", "upon", "to"):
                found = found or self.slot(f"prep:{word}", gov, m, r)
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
            targets = self.slot(slot, verb, m, r)
        return sources, targets

    def _transforms_for(self, outer: Token, code: str) -> list[TransformRule]:
        """The transformations a reporting verb ``outer`` applies to a reported event
        coded ``code``, in their order."""
        lem = lemma_of(outer)
        return [t for t in self.transforms if lem in t.outer and code[:2] in t.inner_roots]

    def accusable(self, verb: Token, code: str) -> bool:
        """Would a transformation make the reporter accuse this verb's doer, whatever
        its target ("Egypt said Libya had attacked")?"""
        outer = _reporter(verb)
        return outer is not None and any(rule.target == "inner_source"
                                         for rule in self._transforms_for(outer, code))

    def transformed(self, ev: Coded, provisional: bool, r: ActorResolver,
                    article_date: dt.date) -> list[Coded] | None:
        """rules/transformations.yaml: an event reported by a verb such as "claim" becomes
        the reporter's event ("Egypt claimed Libya attacked Sudan" -> Egypt accuses Libya),
        or None when no transformation applies. A reporting verb after the report
        ("..., officials said") is attribution. A ``provisional`` event (no target) only
        becomes an accusation of its doer."""
        outer = _reporter(ev.verb)
        if outer is None:
            return None
        inner = ev.match.code or ev.code  # before modality recoded it
        for rule in self._transforms_for(outer, inner):
            if provisional and rule.target != "inner_source":
                continue
            reporters = self.subject(outer, r)
            if not reporters or not _transform_applies(rule, ev, reporters):
                continue
            target = ev.source if rule.target == "inner_source" else ev.target
            when = event_date(outer, article_date)  # the report's day, not the
            date, date_text = when if when else (article_date, "")  # attack's
            return [Coded(a, target, rule.code, outer, ev.match, date, date_text)
                    for a in reporters if a.code != target.code]
        return None

    @staticmethod
    def consume(verb: Token, m: VerbMatch, consumed: set[int]) -> None:
        for c in verb.children:
            if c.dep_ == "xcomp":
                consumed.add(c.i)
        for w in m.word_tokens:  # verbs between the coded verb and its matched words
            t = w
            while t.i != verb.i and t.head.i != t.i:
                consumed.add(t.i)
                t = t.head


_SlotFinder = Callable[[GrammarRules, Token, VerbMatch, ActorResolver], list[Actor]]
# The target (and source) slots a pattern may name, besides ``prep:WORD``.
_SLOTS: dict[str, _SlotFinder] = {
    "dobj": GrammarRules._slot_dobj,
    "dative": GrammarRules._slot_dative,
    "attr": GrammarRules._slot_attr,
    "any": GrammarRules._slot_any,
    "subject": GrammarRules._slot_subject,
    "clause_subject": GrammarRules._slot_clause_subject,
    "word_owner": GrammarRules._slot_word_owner,
    "word_object": GrammarRules._slot_word_object,
}
