"""Context stages: what the rest of the article tells about an event's actors.

The stages run on each sentence's coded events, after the grammar, in this order
(``Coder._in_context``; each is switched on and tuned in ``rules/context.yaml``):
:meth:`StoryContext.doer` (the doer of an agentless arrest), :meth:`StoryContext.locate`
(a country for a bare role, below), :meth:`StoryContext.refer` (the target of a
response to an act), :meth:`StoryContext.aim` (the country where an untargeted act of
force happens) and :meth:`StoryContext.recode` (force used by civilians is 180). The
article's voice ("we") is found by :meth:`StoryContext.publisher_voice` and
:meth:`StoryContext.find_voice`; background acts are dropped before, by
``coder/background.py``.

A country for every bare role. A trained coder never writes ``MIL`` for "the
soldiers" in a story about Mali: the soldiers are Mali's (``MLIMIL``). The locate
stage gives an actor that is only a role (an agent code with no country: "the
soldiers", "the government", "police", "protesters") the country the article gives
it, in this order of evidence:

1. ``place``: a place named in the same sentence ("police in Nairobi", "in Bamako").
2. ``memory``: the country of the last actor of the same role earlier in the article
   ("Malian soldiers ..." then "the soldiers ...").
3. ``dateline``: the story's dateline ("NAIROBI (AP) —").
4. ``story``: the country the story is about: the country named most often in its
   title and first sentences (then in the whole article so far).

A role the text marks as someone else's ("foreign troops", "Western governments",
"international observers") keeps no country. With no evidence, the role stays bare.
The actor's ``entry`` says which evidence was used; :func:`how_found` turns an actor
into the short provenance the event table carries.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .actors import Actor, ActorResolver
from .dictionaries import ContextRule
from .geo import country_of_place
from .grammar import UNKNOWN_DOER, Coded

# Prepositions that place an act or a group: "in Kenya", "across Iran", "near Kharkiv".
PLACE_PREPS = frozenset({"in", "across", "throughout", "near", "at", "outside", "inside"})
# "concern about the fighting": the prepositions that name what a response is about
ABOUT_PREPS = frozenset({"about", "over", "at", "against", "to"})
# "the city of Kupiansk": a place named by the of-phrase of one of these nouns
PLACE_NOUNS = frozenset({"city", "town", "village", "port", "capital", "region", "province",
                         "district", "county", "state", "island", "islands", "area",
                         "outskirts", "suburbs", "municipality", "governorate", "oblast"})
LEAD_SENTENCES = 3  # the title and this many body sentences say what the story is about
# "condemned this", "denied it": a pronoun object stands for the act just reported
ACT_PRONOUNS = frozenset({"this", "that", "it"})


@dataclass
class Told:
    """An event the article has told: its sentence and, when it was reported, who
    reported it ("Israel said Iran armed the militia": Israel)."""

    event: Coded
    sentence_id: int
    reporters: list[Actor]


@dataclass
class StoryContext:
    """What one article has said so far about where it happens and who is whose."""

    agent_codes: frozenset[str]
    rule: ContextRule = field(default_factory=ContextRule)
    dateline: str = ""
    told: list[Told] = field(default_factory=list)  # events coded so far, in order
    lead: Counter[str] = field(default_factory=Counter)
    seen: Counter[str] = field(default_factory=Counter)
    roles: dict[str, str] = field(default_factory=dict)  # role -> last country with it
    publisher: Actor | None = None  # the government whose statement the article is

    def __post_init__(self) -> None:  # the rule's word lists, lower-cased once
        self.foreign_words = frozenset(w.lower() for w in self.rule.foreign_words)
        self.act_nouns = frozenset(w.lower() for w in self.rule.act_nouns)
        self.speech_nouns = frozenset(w.lower() for w in self.rule.speech_nouns)
        self.publishers = {k.lower(): v for k, v in self.rule.publishers.items()}

    def observe(self, resolver: ActorResolver, in_lead: bool, sent: Doc | Span) -> None:
        """Learn from the sentence just resolved. Count the countries it names (for
        the story's country): each dictionary phrase once, a person or an organization
        by its country; a country named where things happen ("in Ukraine", "the
        Ukrainian town of ...") counts twice: a statement from Washington about Ukraine
        is a story about Ukraine. And remember which country each role had, in reading
        order (for memory)."""
        seen: set[int] = set()
        doc = sent.doc
        for m in resolver.by_token.values():
            if id(m) in seen or m.kind == "agent":
                continue
            seen.add(id(m))
            code = resolver.mention_code(m) or ""
            country = code[:3] if code[:3] in resolver.matcher.country_codes else ""
            if country:
                head = doc[m.end - 1]
                while head.dep_ in ("compound", "amod", "poss", "case") and head.head.i != head.i:
                    head = head.head
                weight = 2 if head.dep_ == "pobj" and head.head.lower_ in PLACE_PREPS else 1
                self.seen[country] += weight
                if in_lead:
                    self.lead[country] += weight
        for i in sorted(resolver.resolved):  # the last actor of a role wins
            for a in resolver.resolved[i]:
                if (a.country and a.role and a.kind != "country"
                        and a.role[:3] in self.agent_codes):
                    self.roles[a.role[:3]] = a.country

    def publisher_voice(self, resolver: ActorResolver, publisher: str) -> None:
        """Who "we" is outside quotes: the publisher, when rules/context.yaml knows it."""
        if publisher:
            code = self.publishers.get(publisher.strip().lower())
            if code:
                country = code[:3] if code[:3] not in ("IGO", "NGO") else ""
                resolver.voice = [Actor(code, country, code[len(country):], publisher, -1,
                                        f"publisher {publisher!r} (rules: context)",
                                        "organization")]
                self.publisher = resolver.voice[0]

    def needs_target(self, ev: Coded) -> bool:
        """Whether an event left without a target is not coded (rules: need_target). A
        verb entry or pattern that says `target_optional: true` keeps it."""
        if ev.match.target_optional:
            return False
        return any(ev.code.startswith(r) for r in self.rule.need_target)

    def publisher_accuses(self, ev: Coded, article_date: dt.date) -> Coded:
        """A government's statement that tells of another's act of force accuses it:
        "Russian missiles struck Kyiv" in a State Department statement is USAGOV 1123 RUS
        (rules: publisher_accuses), dated with the statement."""
        voice, table = self.publisher, self.rule.publisher_accuses
        if voice is None or not table or not ev.source.code or not voice.country:
            return ev
        if ev.source.country == voice.country:
            return ev
        code = table.get(ev.code) or table.get(ev.code[:2])
        if code is None:
            return ev
        return dataclasses.replace(ev, source=voice, target=ev.source, code=code,
                                   date=article_date)

    def find_voice(self, resolver: ActorResolver, sent: Doc | Span) -> None:
        """Else the state or government that is the subject of a lead sentence's main
        clause ("The United States condemns ...")."""
        if resolver.voice or not self.rule.voice_from_lead:
            return
        for tok in sent:
            # the subject must name the state itself: "The Kremlin's strikes ..." is no
            # voice of the Kremlin's
            if tok.dep_ == "nsubj" and tok.head.dep_ == "ROOT" and tok.i in resolver.by_token:
                found = [a for a in resolver.resolved.get(tok.i, [])
                         if a.country and a.role in ("", "GOV") and a.kind != "person"]
                if found:
                    resolver.voice = found
                    return

    def _preferred(self) -> tuple[str, ...]:
        """The dateline's and the story's countries, most named first: they win a place
        name's ties."""
        top = [c for c, _ in self.seen.most_common(3)]
        return tuple(([self.dateline] if self.dateline else []) +
                     [c for c in top if c != self.dateline])

    def story_country(self, avoid: str = "") -> str:
        """The country the story is about: most named in the lead, else so far."""
        for counts in (self.lead, self.seen):
            counts = Counter({c: n for c, n in counts.items() if c != avoid})
            if counts:
                (best, n), *rest = counts.most_common(2)
                if not rest or rest[0][1] < n:
                    return best
                # a tie: the first of the tied countries named wins
                tied = {c for c, k in counts.items() if k == n}
                return next(c for c in counts if c in tied)
        return ""

    # -- the stage ----------------------------------------------------------
    def locate(self, actor: Actor, sent: Doc | Span, resolver: ActorResolver,
               doer: Actor | None = None, abroad: bool = False,
               source: Actor | None = None, avoid: str = "") -> Actor:
        """``actor`` with the country the article gives its role, or unchanged. For the
        target of an act of force (``doer`` given), a country the sentence names other
        than the doer's comes first: villagers hit by Iraqi shelling near Damascus are
        Syrians. The doer of an act of force (``abroad``) does not take
        the country of the place it acts in. The target of words (``source`` given) of
        the same role as its source, or a government a state addresses, is not of the
        source's own country: "the United States called on the government to ..." is
        not a call on Washington. Evidence naming ``avoid`` is passed over (the doer of
        words to a named country's envoy is not of that country)."""
        if (not self.rule.role_country or actor.country or not actor.role
                or actor.role not in self.agent_codes):
            return actor
        if not actor.code or self._foreign(actor, sent, resolver):
            return actor
        country, how = "", ""
        if doer is not None and doer.country:
            # countries named as places or objects, not as modifiers ("Israeli-backed")
            doc = sent.doc
            others = {a.country for i, acts in resolver.resolved.items() for a in acts
                      if a.kind == "country" and a.country and a.country != doer.country
                      and i != doer.head and doc[i].dep_ in ("pobj", "dobj", "obj")}
            if len(others) == 1:
                country = others.pop()
                how = "place: the other country the sentence names"
        if not country:
            country, how = self._evidence(actor, sent, resolver, abroad, avoid)
        if source is not None and country and country == source.country and (
                actor.role == source.role[:3] or (source.role[:3] in ("", "GOV")
                                                  and actor.role == "GOV")):
            return actor
        if not country:
            return actor
        return dataclasses.replace(
            actor, code=country + actor.role, country=country,
            entry=f"{actor.entry}; country from {how}")

    def _evidence(self, actor: Actor, sent: Doc | Span, r: ActorResolver,
                  abroad: bool = False, avoid: str = "") -> tuple[str, str]:
        """``abroad``: the actor is the doer of an act of force, which happens as often
        in the enemy's country as at home: a place does not tell whose it is."""
        for kind in self.rule.role_country:
            found: tuple[str, str] | None = None
            if kind == "place" and not abroad:
                found = _place_in(sent, r, self._preferred())
            elif kind == "memory" and actor.role in self.roles:
                found = self.roles[actor.role], "memory: an earlier actor of the same role"
            elif kind == "dateline" and self.dateline:
                found = self.dateline, "dateline"
            elif kind == "story":
                country = self.story_country(avoid)
                found = (country, "story: the country the article is about") if country else None
            if found and found[0] != avoid:
                return found
        return "", ""

    def _foreign(self, actor: Actor, sent: Doc | Span, r: ActorResolver) -> bool:
        """Does the actor's own phrase mark it as someone else's ("foreign troops"), or
        name a country that the phrase says is not its own ("Iranian-backed militias",
        "pro-Iraqi fighters")?"""
        if not 0 <= actor.head < len(sent.doc):
            return False
        words = self.foreign_words
        head = sent.doc[actor.head]
        for t in head.subtree:
            if t.i > head.i:
                break
            m = r.by_token.get(t.i)
            if t.lower_ in words and not _in_title(t):
                return True
            if t.i != head.i and m is not None and m.kind == "country":
                return True
            if t.i != head.i and (t.text in ("-", "–") or t.lower_ in ("pro", "anti", "non")
                                  or "-" in t.text and t.tag_ == "VBN"):
                return True  # "pro-Iraqi fighters", "Iranian-backed militias": another's
        return False

    def doer(self, ev: Coded, sentence_id: int) -> Coded | None:
        """The doer of an agentless passive act of force: the source of the story's
        latest act of force (roots of `passive_doer_roots`) within the window; None
        (drop the event) when there is none. Other events pass unchanged."""
        if ev.source is not UNKNOWN_DOER:
            return ev
        roots = self.rule.passive_doer_roots
        for told in reversed(self.told):
            if sentence_id - told.sentence_id > self.rule.passive_doer_window:
                break
            prev = told.event
            if prev.source.code and any(prev.code.startswith(r) for r in roots) and (
                    prev.source.code != ev.target.code):
                doer = dataclasses.replace(
                    prev.source,
                    entry=f"{prev.source.entry}; context: the doer of {prev.verb.text!r}")
                return dataclasses.replace(ev, source=doer)
        return None

    def recode(self, ev: Coded) -> Coded:
        """Military force used by civilians is unconventional violence (rules:
        civilian_force_*); a state's force against its own protesters and opposition is
        repression (rules: repression_*)."""
        rule = self.rule
        if (rule.civilian_force_code and ev.source.role[:3] in rule.civilian_roles
                and any(ev.code.startswith(r) for r in rule.civilian_force_roots)):
            return dataclasses.replace(ev, code=rule.civilian_force_code)
        if (rule.repression_code and ev.source.role[:3] in rule.repression_roles
                and ev.target.role[:3] in rule.repression_targets
                and ev.source.country and ev.target.country in ("", ev.source.country)
                and any(ev.code.startswith(r) for r in rule.repression_roots)):
            return dataclasses.replace(ev, code=rule.repression_code)
        return ev

    def aim(self, ev: Coded, sent: Doc | Span, resolver: ActorResolver) -> Coded:
        """An untargeted act of force is aimed at the country where it happens."""
        if ev.target.code or not any(ev.code.startswith(r) for r in self.rule.place_target_roots):
            return ev
        place = _object_place(ev.verb, resolver, self._preferred()) or _place_in(
            sent, resolver, self._preferred())
        country, how = place if place else (
            (self.dateline, "dateline") if self.dateline else
            (self.story_country(), "story: the country the article is about"))
        if not country:
            return ev
        target = Actor(country, country, "", country, -1, f"country from {how}", "country")
        return dataclasses.replace(ev, target=target)

    # -- targets from context ------------------------------------------------
    def refer(self, ev: Coded) -> Coded:
        """An untargeted response to an act ("condemned the attack", "denied it") is
        aimed at the doer of the latest earlier event by another actor."""
        if ev.target.code or not self.act_nouns or ev.code[:2] not in self.rule.response_roots:
            return ev
        noun = self._act_noun(ev.verb)
        if noun is None:
            return ev
        spoken = noun.lower_ in self.speech_nouns or noun.lemma_.lower() in self.speech_nouns
        mine = ev.source.country or ev.source.code
        for told in reversed(self.told):
            prev = told.event
            # "denied the claims": the claim's maker, when it was reported
            doers = [*told.reporters, prev.source] if spoken else [prev.source]
            doer = next((d for d in doers if d.code and (d.country or d.code) != mine), None)
            if doer is not None:
                target = dataclasses.replace(
                    doer, entry=f"{doer.entry}; context: the doer of {prev.verb.text!r}")
                return dataclasses.replace(ev, target=target)
        return ev

    def _act_noun(self, verb: Token) -> Token | None:
        """The verb's object when it names an act ("the move", "the claims", "it")."""
        nouns = self.act_nouns

        def names_act(c: Token) -> bool:  # not "Iran's move": that one has its owner
            return (c.lower_ in ACT_PRONOUNS or c.lemma_.lower() in nouns or c.lower_ in nouns
                    ) and not any(g.dep_ == "poss" for g in c.children)

        objects = [c for c in verb.children if c.dep_ in ("dobj", "obj", "nsubjpass",
                                                           "nsubj:pass")]
        for c in objects:
            if names_act(c):
                return c
        # "voiced concern about the fighting", "protested over the raid"
        for holder in (verb, *objects):
            for prep in holder.children:
                if prep.dep_ == "prep" and prep.lower_ in ABOUT_PREPS:
                    for c in prep.children:
                        if c.dep_ == "pobj" and c.lower_ not in ACT_PRONOUNS and names_act(c):
                            return c
        return None

    def remember(self, ev: Coded, resolver: ActorResolver, sentence_id: int = 0) -> None:
        """Keep a coded event, with who reported it ("Israel said Iran armed ...")."""
        reporters: list[Actor] = []
        t = ev.verb
        while not reporters and t.dep_ in ("ccomp", "conj", "parataxis") and t.head.i != t.i:
            t = t.head
            reporters = [a for c in t.children if c.dep_ in ("nsubj", "nsubjpass")
                         for a in resolver.actors(c)]
        self.told.append(Told(ev, sentence_id, reporters))


# "foreign minister", "Foreign Affairs Secretary": a title, not someone else's role
TITLE_WORDS = frozenset({"minister", "ministry", "affairs", "secretary", "office", "policy",
                         "service", "intelligence", "relations", "legion"})


def _in_title(tok: Token) -> bool:
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return nxt is not None and nxt.lower_ in TITLE_WORDS


def _place_in(sent: Doc | Span, r: ActorResolver,
              prefer: tuple[str, ...] = ()) -> tuple[str, str] | None:
    """The country of a place the sentence names with a locative preposition: a country
    or capital of the dictionaries ("in Bamako"), else a place of the offline gazetteer
    ("in Aleppo", "near the Nuseirat camp"), preferring the story's countries."""
    for tok in sent:
        if tok.dep_ != "pobj" or tok.head.lower_ not in PLACE_PREPS and not (
                tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in PLACE_NOUNS):
            continue  # "in Aleppo", "the city of Kupiansk"
        for a in r.resolved.get(tok.i, []) if tok.pos_ == "PROPN" else []:
            if a.kind == "country" and a.country and not a.role:
                m = r.by_token.get(tok.i)
                if m is not None and m.phrase.form == "capital" and prefer:
                    # "Tripoli" in a story from Lebanon: the story's own Tripoli
                    other = _gazetteer_country(tok.text, prefer)
                    if other and other != a.country and other in prefer and (
                            a.country not in prefer
                            or prefer.index(other) < prefer.index(a.country)):
                        return other, f"place: {tok.head.text} {tok.text} (gazetteer)"
                return a.country, f"place: {tok.head.text} {a.text}"
        name = _proper_name(tok, set(r.by_token))
        if name:
            country = _gazetteer_country(name, prefer)
            if country:
                return country, f"place: {tok.head.text} {name} (gazetteer)"
    return None


def _proper_name(tok: Token, known: set[int]) -> str:
    """The proper name a place phrase carries: "Aleppo", "Nuseirat" of "the Nuseirat
    refugee camp", "Khyber Pakhtunkhwa"; not a dictionary phrase (``known`` tokens:
    "a U.S. army checkpoint" is no place named U.S.)."""
    names = [t for t in tok.subtree if t.pos_ == "PROPN" and t.i <= tok.i
             and t.i not in known
             and (t.i == tok.i or t.dep_ in ("compound", "amod", "nmod", "flat"))]
    if not names:
        return ""
    run = [names[-1]]
    for t in reversed(names[:-1]):
        if t.i == run[0].i - 1:
            run.insert(0, t)
    return " ".join(t.text for t in run)


# Bodies of water are nobody's country, whatever province shares their name.
WATER_WORDS = frozenset({"sea", "ocean", "gulf", "strait", "straits", "bay", "channel",
                         "lake", "river", "canal", "sound", "waters"})


def _object_place(verb: Token, r: ActorResolver,
                  prefer: tuple[str, ...]) -> tuple[str, str] | None:
    """"Russia strikes Kharkiv": a place named as the act's direct object (the
    gazetteer's, as no actor of the dictionaries is there)."""
    for obj in verb.children:
        if obj.dep_ in ("dobj", "obj") and obj.pos_ == "PROPN" and not r.resolved.get(obj.i):
            name = _proper_name(obj, set(r.by_token))
            country = _gazetteer_country(name, prefer) if name else None
            if country:
                return country, f"place: {verb.text} {name} (gazetteer)"
    return None


def _gazetteer_country(name: str, prefer: tuple[str, ...]) -> str | None:
    """The gazetteer's country for a place name (its lookups are cached there)."""
    if name.split()[-1].lower() in WATER_WORDS:
        return None
    return country_of_place(name, prefer)


def how_found(actor: Actor) -> str:
    """Short provenance of an actor for the event table: dictionary, memory (a name
    learned earlier or a pronoun), place, dateline or story; "" for no actor."""
    if not actor.code:
        return ""
    entry = actor.entry
    if "; context: " in entry:
        return "context"
    if "country from " in entry:
        return entry.rsplit("country from ", 1)[1].split(":", 1)[0]
    if entry.startswith(("pronoun ", "learned from ")) or "learned from" in entry:
        return "memory"
    if "where: the dateline" in entry:
        return "dateline"
    if "where: " in entry or "the source's own country" in entry:
        return "place"
    return "dictionary"
