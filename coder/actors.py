"""Actor spans: dictionary phrases found in a sentence, and the actor of a noun phrase.

Two steps live here:

1. :class:`ActorMatcher` finds dictionary phrases (countries by name, adjective
   or capital; people; organizations; agents) in a parsed sentence. It matches
   lower-cased token sequences, longest first, so it works on any ``Doc``,
   including the hand-built ones of the tests.
2. :class:`ActorResolver` turns a noun-phrase head into actor codes, combining
   an agent with a country ("the Iraqi prime minister" -> IRQGOV), and keeps an
   article's memory: names it has learned ("Iran's supreme leader Ayatollah Ali
   Khamenei" teaches "Khamenei" = IRNGOV), pronouns, and "the two countries".
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from .dictionaries import ActorEntry, AgentEntry, Dictionaries, Located

# Dependency labels that keep a token inside its head's noun phrase (left side).
NP_MODIFIERS = frozenset(
    {"compound", "amod", "poss", "nmod", "nummod", "det", "npadvmod", "flat", "nn", "case",
     "punct", "quantmod", "advmod"}
)
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
THING_PRONOUNS = frozenset({"it", "its"})  # "violated its airspace": whose
GROUP_PRONOUNS = frozenset({"they", "them"})
# "we condemn ...": the speaker of the quote, else the voice of the article (its publisher,
# or the government that speaks in its lead)
FIRST_PRONOUNS = frozenset({"we", "us", "i", "me"})
# verbs that attribute a quote to its speaker: '"We will respond," he said'
QUOTE_VERBS = frozenset({"say", "tell", "add", "state", "declare", "write", "insist", "stress",
                         "note", "warn", "announce", "tweet", "post"})
RELATIVE_PRONOUNS = frozenset({"who", "whom", "which", "that", "whose"})
# "a Saudi-led coalition", "state-run television": the name does own the noun
OWNING_PARTICIPLES = frozenset({"led", "run", "owned", "operated"})
HEAD_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM", "ADJ", "X"})
# "dozens of journalists", "a group of refugees": the people are in the of-phrase
QUANTITY_HEADS = frozenset(
    {"dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "million", "millions",
     "group", "number", "band", "crowd", "handful", "score", "scores", "couple", "team",
     "member", "members", "supporter", "supporters", "some", "many", "most", "all", "tens",
     "several", "lot", "lots", "majority"}
)
# Roles of armed groups: "Hamas fighters" are Hamas (PSEREBHMS), not PSEREBHMSREB.
ARMED_ROLES = frozenset({"REB", "INS", "UAF", "MIL", "SEP"})
SIDE_HEADS = frozenset({"side", "party"})
# places named by who holds them: "rebel positions", "militant hideouts", "army bases"
HELD_PLACES = frozenset({"position", "area", "stronghold", "base", "hideout", "camp",
                         "territory", "target", "post", "outpost", "checkpoint", "bastion",
                         "enclave", "trench", "barracks", "headquarters", "compound"})
PAIR_HEADS = frozenset(
    {"country", "nation", "neighbor", "neighbour", "state", "government", "side", "party"}
)


@lru_cache(maxsize=1)
def _tokenizer():  # the same tokenizer rules as the English pipelines, without a model
    import spacy

    return spacy.blank("en").tokenizer


def phrase_tokens(phrase: str) -> tuple[str, ...]:
    out: list[str] = []
    for t in _tokenizer()(phrase):
        if t.is_space:
            continue
        if t.text == "." and out and t.i > 0 and not t.doc[t.i - 1].whitespace_:
            out[-1] += "."  # lower-case "u.a.e." tokenizes as "u.a.e" "."; text "U.A.E." is one
        else:
            out.append(t.text)
    return tuple(out)


def _owner_preps(head: Token, words: tuple[str, ...]) -> list[Token]:
    """The "of/in/from" phrases that say whose a noun is. A conjunct without its own
    shares the list's: "lawmakers and officials in Iraq" -> officials in Iraq."""
    own = [c for c in head.children if c.dep_ == "prep" and c.lower_ in words]
    if not own and head.dep_ == "conj" and head.head.i != head.i:
        first = head.head
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head
        own = [c for c in first.children if c.dep_ == "prep" and c.lower_ in words
               and c.i > head.i]
    return own


def plural_forms(name: str) -> list[str]:
    """English plurals of the last word: leader->leaders, spokesman->spokesmen, party->parties."""
    head, _, last = name.rpartition(" ")
    prefix = head + " " if head else ""
    low = last.lower()
    if low.endswith("man"):
        forms = [last[:-3] + "men"]
    elif low.endswith("person"):
        forms = [last[:-6] + "people"]
    elif re.search(r"[^aeiou]y$", low):
        forms = [last[:-1] + "ies"]
    elif re.search(r"(s|x|z|ch|sh)$", low):
        forms = [last + "es"]
    else:
        forms = [last + "s"]
    return [prefix + f for f in forms]


@dataclass(frozen=True)
class Phrase:
    """One dictionary phrase: what it belongs to and how it was written."""

    kind: str  # country | person | organization | group | agent
    form: str  # name | adjective | capital | agent
    index: int  # into Dictionaries.actors or .agents
    proper: bool  # written capitalized: the text token must not be all lower-case
    text: str
    upper: bool = False  # written in capitals (UN, US): the text token must be too


@dataclass
class Mention:
    """A dictionary phrase found in a sentence (token indices into the Doc)."""

    start: int
    end: int
    phrase: Phrase
    located: Located

    @property
    def kind(self) -> str:
        return self.phrase.kind

    @property
    def entry(self) -> ActorEntry | AgentEntry:
        return self.located.entry

    def describe(self) -> str:
        e = self.entry
        if isinstance(e, ActorEntry):
            return f"{self.located.location} {self.phrase.kind} {e.name!r}"
        return f"{self.located.location} agent {self.phrase.text!r} ({e.code})"


class ActorMatcher:
    """Finds dictionary phrases in sentences. Build once per dictionary set."""

    def __init__(self, dictionaries: Dictionaries) -> None:
        self.dictionaries = dictionaries
        self.table: dict[tuple[str, ...], Phrase] = {}
        self.country_codes: set[str] = set()
        for i, loc in enumerate(dictionaries.actors):
            e: ActorEntry = loc.entry
            if e.type == "country" and e.code:
                self.country_codes.add(e.code)
            for form, phrases in (
                ("name", [e.name, *e.names]),
                ("adjective", e.adjectives),
                ("capital", e.capitals),
            ):
                for p in phrases:
                    first = phrase_tokens(p)[:1]
                    upper = bool(first) and len(first[0]) > 1 and first[0].isupper()
                    self._add(p, Phrase(e.type, form, i, p[:1].isupper(), p, upper))
        for i, loc in enumerate(dictionaries.agents):
            a: AgentEntry = loc.entry
            for name in a.names:
                plurals = a.plurals if a.plurals is not None else plural_forms(name)
                for p in (name, *plurals):
                    self._add(p, Phrase("agent", "agent", i, False, p), weak=True)
        # the lengths of the phrases each first word opens, longest first: only these
        # are looked up (any other length is not in the table)
        lengths: dict[str, set[int]] = {}
        for k in self.table:
            lengths.setdefault(k[0], set()).add(len(k))
        self.lengths = {w: sorted(ls, reverse=True) for w, ls in lengths.items()}

    def _add(self, text: str, phrase: Phrase, weak: bool = False) -> None:
        key = tuple(t.lower() for t in phrase_tokens(text))
        if not key:
            return
        # Named actors win over agents on the same words; otherwise the later entry wins.
        if weak and key in self.table and self.table[key].kind != "agent":
            return
        old = self.table.get(key)
        if old is not None and (old.kind, old.index) == (phrase.kind, phrase.index):
            # one entry writing a name twice ("Interpol", "INTERPOL"): the looser wins
            phrase = dataclasses.replace(phrase, upper=old.upper and phrase.upper,
                                         proper=old.proper and phrase.proper)
        self.table[key] = phrase

    def match(self, tokens: Doc | Span) -> list[Mention]:
        """Longest, left-to-right, non-overlapping phrase matches."""
        words = [t.lower_ for t in tokens]
        offset = tokens[0].i if len(tokens) else 0
        out: list[Mention] = []
        i, n = 0, len(words)
        lengths = self.lengths
        while i < n:
            if words[i] not in lengths:
                i += 1
                continue
            found = None
            for length in lengths[words[i]]:
                if length > n - i:
                    continue
                phrase = self.table.get(tuple(words[i : i + length]))
                if phrase is None:
                    continue
                if phrase.proper and tokens[i].text.islower():
                    continue
                if phrase.upper and not tokens[i].text.isupper():  # "Un" is not the UN
                    continue
                found = (length, phrase)
                break
            if found is None:
                i += 1
                continue
            length, phrase = found
            if i >= 2 and words[i - 1] == "-" and words[i - 2] in ("non", "anti", "pro"):
                i += length  # "non-Arabs", "pro-government militias": not who the name says
                continue
            pool = self.dictionaries.agents if phrase.kind == "agent" else self.dictionaries.actors
            out.append(Mention(offset + i, offset + i + length, phrase, pool[phrase.index]))
            i += length
        return out


@dataclass
class Actor:
    """A resolved actor of one noun phrase."""

    code: str
    country: str
    role: str
    text: str
    head: int
    entry: str  # why: dictionary entry with file:line, or how it was learned
    kind: str = "organization"  # country | person | organization | group
    plural: bool = False


@dataclass
class ArticleMemory:
    """What the coder has learned so far in one article."""

    names: dict[str, Actor] = field(default_factory=dict)
    mentions: list[Actor] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)


def split_code(code: str, countries: set[str]) -> tuple[str, str]:
    """IRNGOV -> (IRN, GOV); IGOUNO -> ('', IGOUNO); GOV -> ('', GOV)."""
    if code[:3] in countries:
        return code[:3], code[3:]
    return "", code


class ActorResolver:
    """Resolves the actor(s) of noun-phrase heads in one article."""

    def __init__(self, matcher: ActorMatcher, date: dt.date | None) -> None:
        self.matcher = matcher
        self.date = date
        self.memory = ArticleMemory()
        self.place = ""  # the country of the story's dateline ("BAGHDAD (AP) —" -> IRQ)
        self.by_token: dict[int, Mention] = {}
        self.resolved: dict[int, list[Actor]] = {}
        self.voice: list[Actor] = []  # who "we" is outside quotes (rules/context.yaml)
        self.sentence_start = 0  # memory.mentions before the sentence being read

    def read_dateline(self, place: str) -> str:
        """The country a dateline names (its last country, "SAN SALVADOR, El
        Salvador" -> SLV), remembered as the story's place."""
        from .sentences import splitter

        found = [m for m in self.matcher.match(splitter().make_doc(place))
                 if m.kind == "country" and self.mention_code(m)]
        self.place = (self.mention_code(found[-1]) or "") if found else ""
        return self.place

    # -- per sentence -------------------------------------------------------
    def read_sentence(self, sent: Doc | Span) -> list[Mention]:
        """Match phrases, then resolve every noun head in reading order, so that
        pronouns and "the two countries" see what came before them."""
        mentions = self.matcher.match(sent)
        self.sentence_start = len(self.memory.mentions)
        self.by_token = {i: m for m in mentions for i in range(m.start, m.end)}
        self.resolved = {}
        for m in mentions:
            code = self.mention_code(m)
            if m.kind == "country" and code:
                self.memory.countries.append(code)
        marks = sorted(self.by_token)
        names = self.memory.names
        for tok in sent:
            if tok.pos_ not in HEAD_POS or self._inside_np(tok):
                continue
            if tok.pos_ != "PRON" and tok.lower_ not in names and (
                    tok.lemma_ not in PAIR_HEADS):
                # fast path: no dictionary phrase anywhere in the phrase's subtree
                k = bisect.bisect_left(marks, tok.left_edge.i)
                if k == len(marks) or marks[k] > tok.right_edge.i:
                    continue
            actors = self._resolve_head(tok)
            if actors:
                self.resolved[tok.i] = actors
                self.memory.mentions.extend(actors)
        return mentions

    def actors(self, tok: Token) -> list[Actor]:
        """Actors of a head token and of the heads coordinated with it."""
        out = list(self.resolved.get(tok.i, []))
        if not out and tok.i in self.by_token:  # a first name parsed as a preposition,
            m = self.by_token[tok.i]  # the surname its object: the name's head speaks
            for i in range(m.end - 1, m.start - 1, -1):
                if i != tok.i and self.resolved.get(i) and tok.doc[i].head.i == tok.i:
                    return self.actors(tok.doc[i])  # with what is coordinated with it
        empty_conj = False
        for child in tok.children:
            if child.pos_ not in ("NOUN", "PROPN", "PRON", "ADJ"):
                continue
            # "A, the B, C and D": parsers often make B an apposition that carries the list
            if child.dep_ == "conj" or (child.dep_ == "appos" and any(
                    g.dep_ == "conj" for g in child.children)):
                found = self.actors(child)
                if not found and child.dep_ == "conj":  # "Iran and the oil-rich vast Iraq"
                    found = [a for g in child.children if g.dep_ == "appos"
                             for a in self.actors(g)]
                    empty_conj = not found
                out.extend(found)
        has_list = empty_conj or any(c.dep_ == "conj" for c in tok.children)
        if has_list and out:  # "Iran, the oil-rich Iraq, and Syria": Iraq hangs as apposition
            out.extend(a for c in tok.children if c.dep_ == "appos"
                       for a in self.resolved.get(c.i, []))
        for c in tok.children:  # "Iran, Syria and the oil-rich Iraq": a list as modifier
            if c.dep_ in ("nmod", "npadvmod") and any(g.dep_ == "conj" for g in c.children):
                have = {a.country for a in out if a.country}  # "US and British activists":
                out.extend(a for a in self.actors(c) if a.country not in have)  # owners
        seen: set[str] = set()
        return [a for a in out if not (a.code in seen or seen.add(a.code))]

    def role_modifier(self, tok: Token) -> list[Actor]:
        """A role word modifying a noun, as the doer that noun's act belongs to: "a rebel
        attack" -> REB, "police raids" -> COP. The caller decides that the noun is an
        act (a role word before "exercises" or "equipment" names nobody)."""
        if tok.dep_ not in ("amod", "compound", "nmod") or tok.i in self.resolved:
            return list(self.resolved.get(tok.i, []))
        m = self.by_token.get(tok.i)
        if m is None or m.kind != "agent" or not (m.start <= tok.i < m.end):
            return []
        if any(self.by_token.get(c.i) not in (None, m) for c in tok.children):
            return []  # "Malian army" and the like are composed at the head, not here
        text = tok.doc[m.start : m.end].text
        return [self._make(m.entry.code, tok, text, m.describe(), "group")]

    # -- internals ----------------------------------------------------------
    def _inside_np(self, tok: Token) -> bool:
        """A modifier inside a bigger noun phrase is not resolved on its own,
        except possessives ("Iran's"), which name an actor of their own."""
        return tok.dep_ in ("compound", "amod", "flat", "nn") and tok.head.i != tok.i

    def mention_code(self, m: Mention) -> str | None:
        """The actor code a dictionary phrase stands for on the article's date."""
        if m.kind == "agent":
            return m.entry.code
        return m.entry.code_on(self.date)

    def _np_tokens(self, head: Token) -> list[Token]:
        out = [head]
        stack = [head]
        while stack:
            t = stack.pop()
            for c in t.children:
                if (c.dep_ == "amod" and c.tag_ == "VBN" and c.lower_ not in OWNING_PARTICIPLES
                        and any(g.text == "-" for g in c.children)):
                    continue  # "an army-held airport", "Iranian-backed militias": not theirs
                if c.dep_ in NP_MODIFIERS and c.i < head.i or c.dep_ in ("compound", "flat"):
                    out.append(c)
                    stack.append(c)
        return sorted(out, key=lambda t: t.i)

    def _name_chain(self, head: Token) -> list[Token]:
        """The proper-noun run ending at the head: Ayatollah Ali Khamenei."""
        if head.pos_ != "PROPN":
            return []
        toks = [head]
        doc = head.doc
        i = head.i - 1
        while i >= 0 and (doc[i].pos_ == "PROPN" or doc[i].text == "-") and doc[i].head.i == head.i:
            toks.insert(0, doc[i])
            i -= 1
        while toks and toks[0].text == "-":
            toks.pop(0)
        return toks

    def _make(self, code: str, head: Token, text: str, entry: str, kind: str) -> Actor:
        m = self.by_token.get(head.i)
        if m is not None and m.end > head.i + 1:  # "al" of "al-Maliki" heads the phrase
            text = head.doc[min(head.left_edge.i, m.start) : m.end].text
        country, role = split_code(code, self.matcher.country_codes)
        plural = head.tag_ in ("NNS", "NNPS") or head.lower_ in GROUP_PRONOUNS
        return Actor(code, country, role, text, head.i, entry, kind, plural)

    def _resolve_head(self, head: Token, depth: int = 0) -> list[Actor]:
        if head.pos_ == "PRON" and head.lower_ not in QUANTITY_HEADS:  # "some of them"
            return self._pronoun(head)  # is theirs, below
        if depth < 3 and (head.lemma_.lower() in QUANTITY_HEADS or head.lower_ in QUANTITY_HEADS
                          or head.pos_ == "NUM") and head.i not in self.by_token:
            # "tens of thousands of students across Indonesia": the people of the of-phrase
            for prep in head.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    for pobj in prep.children:
                        if pobj.dep_ == "pobj":
                            inner = self._resolve_head(pobj, depth + 1)
                            if inner:
                                return inner
        if head.pos_ in ("NUM", "ADJ", "X") and head.i not in self.by_token:
            return []
        pair = self._pair(head)
        if pair:
            return pair
        actor = self._compose(head)
        if actor is None or actor.kind == "agent-only":
            for child in head.children:
                if child.dep_ == "appos":
                    alt = self._compose(child)
                    if alt is not None and alt.kind != "agent-only":
                        actor = Actor(alt.code, alt.country, alt.role,
                                      _span_text(head) + ", " + alt.text, head.i,
                                      alt.entry, alt.kind if alt.kind != "country" else "person")
                        break
        if actor is None and head.lemma_.lower() in HELD_PLACES:
            # "rebel positions", "militant hideouts": the places stand for their holders
            found = [a for c in head.children if c.dep_ in ("compound", "amod") and c.i < head.i
                     for a in self.role_modifier(c)]
            if found:
                return found[:1]
        if actor is None:
            return []
        if actor.kind == "agent-only":  # a bare role ("the interior minister"): not a name
            actor.kind = "person" if self._agent_is_person(head) else "group"
            owned = self._owned_role(head, actor)
            if owned is not None:
                return [owned]
        else:
            self._learn(head, actor)
        return [actor, *self._shared_role(head, actor)]

    def _owned_role(self, head: Token, actor: Actor) -> Actor | None:
        """"its troops", "their soldiers": a bare role owned by a pronoun is the role of
        the pronoun's country ("Iran said its troops ..." -> IRNMIL)."""
        poss = next((c for c in head.children if c.dep_ == "poss" and c.pos_ == "PRON"
                     and c.lower_ in ("its", "their", "his", "her")), None)
        if poss is None:
            return None
        as_subject = {"its": "it", "their": "they", "his": "he", "her": "she"}[poss.lower_]
        owner = next((a for a in self._pronoun(poss, as_subject) if a.country), None)
        if owner is None or owner.role[:3] == actor.code[:3] and owner.country:
            return None if owner is None else dataclasses.replace(
                actor, code=owner.code, country=owner.country, role=owner.role,
                entry=f"{actor.entry}, owned by {poss.text!r}: {owner.entry}")
        return dataclasses.replace(actor, code=owner.country + actor.code,
                                   country=owner.country, role=actor.code,
                                   entry=f"{actor.entry}, owned by {poss.text!r}: "
                                         f"{owner.entry}")

    def _shared_role(self, head: Token, actor: Actor) -> list[Actor]:
        """"the ambassadors of Iran, Syria and Iraq", "Iraqi and Syrian
        leaders": one actor per coordinated country."""
        if not actor.country or self.by_token.get(head.i) is not None and \
                self.by_token[head.i].kind != "agent":
            return []
        owners = [c for c in head.children if c.dep_ in ("nmod", "compound", "amod", "poss")]
        owners += [p for prep in _owner_preps(head, ("of", "in", "from"))
                   for p in prep.children]
        extra: list[Actor] = []
        for owner in owners:
            pm = self.by_token.get(owner.i)
            if pm is None or self.mention_code(pm) != actor.country:
                continue  # the list must be the one that gave the actor its country
            for c in _coordinated(owner)[1:]:
                cm = self.by_token.get(c.i)
                code = self.mention_code(cm) if cm is not None else None
                if cm is None or cm.kind != "country" or not code or code == actor.country:
                    continue
                extra.append(self._make(code + actor.role, head, actor.text,
                                        f"{cm.describe()} (coordinated)", actor.kind))
        return extra

    def _agent_is_person(self, head: Token, agent: Mention | None = None) -> bool:
        """A singular head naming a person-type agent: "the president", "leader X"."""
        m = agent or self.by_token.get(head.i)
        return bool(m and m.kind == "agent" and m.entry.person and head.tag_ not in ("NNS", "NNPS"))

    def _compose(self, head: Token) -> Actor | None:
        tokens = self._np_tokens(head)
        head_is_agent = (m := self.by_token.get(head.i)) is not None and m.kind == "agent"
        preps = ("of", "from", "in", "across", "throughout") if head_is_agent else ("of", "from")
        for prep in _owner_preps(head, preps):  # "president of Iran", "protesters in Tehran"
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    tokens.extend(self._np_tokens(pobj))
        seen: set[int] = set()
        mentions: list[Mention] = []
        for t in tokens:
            m = self.by_token.get(t.i)
            if m is not None and id(m) not in seen:
                seen.add(id(m))
                mentions.append(m)
        chain = self._name_chain(head)
        if not mentions and not chain:
            return None
        text = _span_text(head)
        # 1. a named actor at the head (or in the head's name chain)
        head_idx = {t.i for t in chain} | {head.i}
        for m in mentions:
            at_head = m.start <= head.i < m.end
            # a country inside a title ("Iraq Prime Minister al-Maliki") is an owner, below
            if m.kind != "agent" and (at_head or m.kind != "country") and any(
                    m.start <= i < m.end for i in head_idx):
                code = self.mention_code(m)
                if not code:
                    continue
                titles = [a for a in mentions if a.kind == "agent" and a.end <= m.start]
                if len(code) == 3 and titles:  # "Iraq Prime Minister al-Maliki" [IRQ] -> IRQGOV
                    t = titles[-1]
                    code = t.entry.code + code if t.entry.prefix else code + t.entry.code
                    return self._make(code, head, text, f"{m.describe()} + {t.describe()}",
                                      "person")
                at = self.by_token.get(head.i)  # "the Indiana Senate": a state of the USA
                if (m.kind == "organization" and code in self.matcher.country_codes
                        and at is not None and at is not m and at.kind == "agent"):
                    return self._make(code + at.entry.code, head, text,
                                      f"{m.describe()} + {at.describe()}", "group")
                return self._make(code, head, text, m.describe(), m.kind)
        # 2. a name learned earlier in this article
        learned = self._recall(chain)
        if learned is not None:
            return Actor(learned.code, learned.country, learned.role, text, head.i,
                         learned.entry, learned.kind, False)
        # 3. compose an agent with a country, a person's country, or an organization
        agents = [m for m in mentions if m.kind == "agent"]
        owners = [m for m in mentions if m.kind != "agent" and self.mention_code(m)]
        owner = owners[0] if owners else None
        if owner is not None and owner.kind == "country":  # "leaders of Egypt's Muslim
            ccode = self.mention_code(owner) or ""  # Brotherhood": the Brotherhood's
            owner = next((m for m in owners[1:] if m.kind != "country"  # leaders (EGYOPPMUS)
                          and (self.mention_code(m) or "").startswith(ccode)), owner)
        agent = self._pick_agent(head, agents, owner)
        if owner is not None and agent is not None:
            ocode = self.mention_code(owner) or ""
            if owner.kind == "person":
                ocode = split_code(ocode, self.matcher.country_codes)[0] or ocode
            acode = agent.entry.code
            if ocode.endswith(acode) or (owner.kind == "organization" and acode in ARMED_ROLES
                                         and (ocode.startswith("IMG")
                                              or any(r in ocode[3:] for r in ARMED_ROLES))):
                code = ocode  # "Hamas fighters" are Hamas (PSEREBHMS), not PSEREBHMSREB
            elif acode == "GOV" and (ocode.startswith("IGO") or owner.kind == "organization"
                                     and len(ocode) > 3):
                code = ocode  # "the UN secretary-general" speaks for the UN (IGOUNO),
                # "the leaders of the Muslim Brotherhood" for the Brotherhood
            else:
                code = acode + ocode if agent.entry.prefix else ocode + acode
            return self._make(code, head, text, f"{owner.describe()} + {agent.describe()}",
                              "person" if self._agent_is_person(head, agent) else "group")
        if owner is not None:
            code = self.mention_code(owner) or ""
            return self._make(code, head, text, owner.describe(), owner.kind)
        if agent is not None and (agent.start <= head.i < agent.end or head.pos_ == "PROPN"
                                  or head.lemma_.lower() in QUANTITY_HEADS):
            # a bare role at the head ("the police"), or a title before a name ("President
            # Reagan"); a role word modifying a common noun ("military exercises") is none
            return self._make(agent.entry.code, head, text, agent.describe(), "agent-only")
        return None

    @staticmethod
    def _pick_agent(head: Token, agents: list[Mention], owner: Mention | None) -> Mention | None:
        """The agent at the head; else the one the owner modifies ("Iran's supreme leader
        Ayatollah Ali Khamenei": leader, not the title Ayatollah); else the last one."""
        if not agents:
            return None
        for m in agents:
            if m.start <= head.i < m.end:
                return m
        if owner is not None:
            doc = head.doc
            owner_tok = doc[owner.start]
            for m in agents:
                if any(a.i in range(m.start, m.end) for a in owner_tok.ancestors):
                    return m
        return agents[-1]

    def _recall(self, chain: list[Token]) -> Actor | None:
        if not chain:
            return None
        names = self.memory.names
        full = " ".join(t.text for t in chain if t.text != "-").lower()
        for key in (full, chain[-1].lower_):
            if key in names:
                return names[key]
        return None

    def _learn(self, head: Token, actor: Actor) -> None:
        """Remember the names in an actor's phrase: "Ayatollah Ali Khameni" -> IRNGOV."""
        if actor.kind in ("country",):
            return
        chains = [self._name_chain(head)]
        chains += [self._name_chain(c) for c in head.children if c.dep_ == "appos"]
        for chain in chains:
            chain = [t for t in chain if t.i not in self.by_token or
                     self.by_token[t.i].kind not in ("agent", "country")]
            if not chain:
                continue
            entry = f"learned from {actor.text!r} ({actor.entry})"
            learned = Actor(actor.code, actor.country, actor.role, actor.text, actor.head,
                            entry, "person" if actor.kind in ("person", "group") else actor.kind)
            self.memory.names.setdefault(" ".join(t.text for t in chain).lower(), learned)
            self.memory.names.setdefault(chain[-1].lower_, learned)

    def _pronoun(self, tok: Token, low: str = "") -> list[Actor]:
        low = low or tok.lower_
        if low in RELATIVE_PRONOUNS:
            return []
        if low in FIRST_PRONOUNS:
            return self._first_person(tok)
        if low in GROUP_PRONOUNS:  # "Obama and Putin said they ...": the coordinated pair
            for prev in reversed([t for t in tok.sent if t.i < tok.i]):
                if prev.dep_ in ("nsubj", "nsubjpass") and any(
                        c.dep_ == "conj" for c in prev.children):
                    group = self.actors(prev)
                    if len(group) >= 2:
                        return [_through(tok, a, plural=True) for a in group]
        if low in PERSON_PRONOUNS:
            want: Iterable[str] = ("person",)
        elif low in THING_PRONOUNS:
            want = ("country", "organization")
        elif low in GROUP_PRONOUNS:
            want = ("group", "country", "organization")
        else:
            return []
        for prev in reversed(self.memory.mentions):
            plural_ok = low not in GROUP_PRONOUNS or prev.plural or prev.kind != "group"
            # "the Ukrainian army said it ...": a singular institution is an "it" too
            institution = low in THING_PRONOUNS and prev.kind == "group" and not prev.plural
            if (prev.kind in want or institution) and plural_ok:
                return [_through(tok, prev)]
        return []

    def _first_person(self, tok: Token) -> list[Actor]:
        """"we", "I": the speaker whose words they are in ('"we will respond," he said',
        'the minister said we ...'), else the article's voice (its publisher)."""
        speaker = _speaker_of(tok)
        if speaker is not None:
            if speaker.pos_ == "PRON" and speaker.lower_ in FIRST_PRONOUNS:
                return []
            found = self.resolved.get(speaker.i) or self._resolve_head(speaker, 3)
            if found:
                return [_through(tok, a, "speaker ") for a in found]
            return []
        if _quoted(tok):
            return []
        return [_through(tok, a, "the article's voice ") for a in self.voice]

    def _salient_pair(self) -> list[str]:
        """The last two countries named, counting only countries named at least twice
        when two such exist (a passing "Syria" does not displace the story's pair)."""
        counts: dict[str, int] = {}
        for code in self.memory.countries:
            counts[code] = counts.get(code, 0) + 1
        repeated = [c for c in self.memory.countries if counts[c] > 1]
        pair = _last_two(repeated)
        return pair if len(pair) == 2 else _last_two(self.memory.countries)

    def _last_sides(self) -> list[Actor]:
        """The last two different actors named before this sentence (not a country and
        its own government: "Iran" and "Iranian officials" are one side)."""
        earlier = self.memory.mentions[: self.sentence_start]
        for pool in ([a for a in earlier if a.role], earlier):  # roles first: "Khartoum"
            out: list[Actor] = []  # is a place, not a side of the fighting there
            for a in reversed(pool):
                if a.code and all(a.code != b.code and not (
                        a.country == b.country and (not a.role or not b.role
                                                    or a.role[:3] == b.role[:3]))
                                  for b in out):
                    out.append(a)
                if len(out) == 2:
                    return out[::-1]
        return []

    def _pair(self, head: Token) -> list[Actor]:
        """"the two countries" / "both sides" -> the story's two countries;
        "the two leaders" -> the last two people named."""
        if head.tag_ not in ("NNS", "NNPS"):
            return []
        if not any(c.lower_ in ("two", "both") for c in head.children):
            return []
        if head.lemma_.lower() in SIDE_HEADS and len(sides := self._last_sides()) == 2:
            # "both sides", "the warring parties": the two sides of the story's latest
            # exchange, named before this sentence (not the sentence's own speakers)
            text = _span_text(head)
            return [dataclasses.replace(a, text=text, head=head.i, plural=False,
                                        entry=f"{text!r} -> a side named earlier: {a.entry}")
                    for a in sides]
        if head.lemma_.lower() in PAIR_HEADS:
            last, kind, what = self._salient_pair(), "country", "the story's two countries"
        else:
            m = self.by_token.get(head.i)
            if m is None or m.kind != "agent":
                return []
            last = _last_two([a.code for a in self.memory.mentions if a.kind == "person"])
            kind, what = "person", "the last two people named"
        if len(last) < 2:
            return []
        text = _span_text(head)
        return [self._make(c, head, text, f"{text!r} -> {what}", kind) for c in reversed(last)]


def _through(pronoun: Token, a: Actor, how: str = "", plural: bool | None = None) -> Actor:
    """The actor ``a`` as a pronoun names it, saying so in its entry."""
    return Actor(a.code, a.country, a.role, pronoun.text, pronoun.i,
                 f"pronoun {pronoun.text!r} -> {how}{a.text!r} ({a.entry})", a.kind,
                 a.plural if plural is None else plural)


def _speaker_of(tok: Token) -> Token | None:
    """The subject of the verb of saying whose words hold ``tok``: 'the minister said
    we ...' (an ancestor), '"We will respond," he said' (a sibling clause)."""
    t = tok
    while t.head.i != t.i:
        child, t = t, t.head
        if t.lemma_.lower() in QUOTE_VERBS and child.dep_ in ("ccomp", "parataxis", "xcomp",
                                                              "advcl", "dobj"):
            subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None:
                return subj
    root = t
    for c in root.children:  # '"..., " he said': the attribution hangs off the quote
        if c.dep_ in ("parataxis", "ccomp") and c.lemma_.lower() in QUOTE_VERBS and c.i > tok.i:
            subj = next((g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None:
                return subj
    return None


def _quoted(tok: Token) -> bool:
    """Is ``tok`` inside quotation marks in its sentence?"""
    marks = [t.i for t in tok.doc if t.text in ('"', "\u201c", "\u201d", "''", "``")]
    return sum(1 for i in marks if i < tok.i) % 2 == 1


def _coordinated(tok: Token) -> list[Token]:
    """A token and the tokens coordinated with it (conj chains)."""
    out, stack = [], [tok]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ == "conj")
    return sorted(out, key=lambda t: t.i)


def _last_two(codes: list[str]) -> list[str]:
    out: list[str] = []
    for code in reversed(codes):
        if code not in out:
            out.append(code)
        if len(out) == 2:
            break
    return out


def _span_text(head: Token) -> str:
    """The left part of the noun phrase, up to its head: it names the actor."""
    start = head.left_edge.i
    while start < head.i and head.doc[start].is_punct:
        start += 1
    return head.doc[start : head.i + 1].text
