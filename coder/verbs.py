"""Verb-pattern match: which verb entry and pattern code a verb token.

A verb entry is found by lemma (or an irregular form), optionally with a
particle ("call for", "pull out"). Its patterns are tried in dictionary order;
the first whose conditions all hold fires, else the entry's default code.

Conditions:
``object``  the head lemma of the direct object ("hold" + "talks")
``prep``    a preposition on the verb or its object ("meet" + "with")
``words``   a word or phrase anywhere in the verb's complements ("urge ... withdrawal")
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Token

from .dates import DAY_WORDS
from .dictionaries import Dictionaries, Pattern, VerbEntry
from .errors import SourceLocation

# Where a verb's complements live: searched for a pattern's ``words``.
COMPLEMENT_DEPS = frozenset(
    {"dobj", "xcomp", "ccomp", "prep", "dative", "attr", "oprd", "advcl", "acomp", "obj", "iobj"}
)
CLAUSE_DEPS = frozenset(
    {"ROOT", "relcl", "ccomp", "xcomp", "advcl", "conj", "acl", "pcomp", "parataxis", "csubj"}
)


# Verb forms: the same ones the prefilter lets through (coder/prefilter.py).
IRREGULAR = {
    "be": "am is are was were been being", "have": "has had having", "do": "does did done",
    "say": "said", "tell": "told", "meet": "met", "hold": "held", "make": "made", "pay": "paid",
    "give": "gave given", "send": "sent", "fly": "flew flown flies", "sit": "sat",
    "beat": "beaten", "break": "broke broken", "fight": "fought", "shoot": "shot",
    "seek": "sought", "strike": "struck stricken", "withdraw": "withdrew withdrawn",
    "lead": "led", "bring": "brought", "take": "took taken", "forgive": "forgave forgiven",
    "sell": "sold", "buy": "bought", "win": "won", "lose": "lost", "keep": "kept",
    "leave": "left", "speak": "spoke spoken", "write": "wrote written", "begin": "began begun",
    "choose": "chose chosen", "freeze": "froze frozen", "steal": "stole stolen",
    "swear": "swore sworn", "tear": "tore torn", "throw": "threw thrown", "blow": "blew blown",
    "draw": "drew drawn", "drive": "drove driven", "rise": "rose risen", "shake": "shook shaken",
    "slay": "slew slain", "overthrow": "overthrew overthrown", "undertake": "undertook undertaken",
    "forbid": "forbade forbidden", "bid": "bade bidden", "lay": "laid", "deal": "dealt",
    "mean": "meant", "feel": "felt", "hear": "heard", "find": "found", "stand": "stood",
    "understand": "understood", "build": "built", "spend": "spent", "lend": "lent",
    "bind": "bound", "flee": "fled", "bleed": "bled", "feed": "fed", "hang": "hung hanged",
    "get": "got gotten", "go": "went gone goes", "come": "came", "run": "ran", "see": "saw seen",
    "know": "knew known", "grow": "grew grown", "show": "showed shown", "sink": "sank sunk",
    "spring": "sprang sprung", "swing": "swung", "sting": "stung", "strive": "strove striven",
    "wake": "woke woken", "wear": "wore worn", "bear": "bore borne born", "arise": "arose arisen",
    "oversee": "oversaw overseen", "foresee": "foresaw foreseen", "uphold": "upheld",
    "withhold": "withheld", "mislead": "misled", "outbid": "outbid", "shut": "shut",
    "put": "put", "set": "set", "cut": "cut", "hit": "hit", "quit": "quit", "let": "let",
    "cast": "cast", "spread": "spread", "upset": "upset", "hurt": "hurt", "bet": "bet",
}


def inflections(lemma: str) -> set[str]:
    """Surface forms a verb lemma can take in text (over-generating is safe)."""
    w = lemma.lower()
    forms = {w, w + "s", w + "es", w + "ed", w + "d", w + "ing"}
    if w.endswith("e"):
        forms |= {w[:-1] + "ing", w + "d"}
    if re.search(r"[^aeiou]y$", w):
        forms |= {w[:-1] + "ies", w[:-1] + "ied"}
    if re.search(r"[^aeiou][aeiou][bdgklmnprtv]$", w):  # stop -> stopped, ban -> banned
        forms |= {w + w[-1] + "ed", w + w[-1] + "ing"}
    if w.endswith("ie"):
        forms.add(w[:-2] + "ying")
    if w.endswith("c"):
        forms |= {w + "ked", w + "king"}
    forms |= set(IRREGULAR.get(w, "").split())
    return forms


def lemma(tok: Token) -> str:
    return (tok.lemma_ or tok.text).lower()


@dataclass
class VerbMatch:
    """The outcome of matching one verb token."""

    entry: VerbEntry
    pattern: Pattern | None
    code: str | None
    pattern_id: str
    target_slots: list[str]
    object_token: Token | None = None
    prep_token: Token | None = None
    word_tokens: list[Token] = field(default_factory=list)
    particle_token: Token | None = None
    tried: list[str] = field(default_factory=list)
    target_optional: bool | None = None  # None: rules/targets.yaml decides
    reverse: str | None = None
    reciprocal: bool = False

    @property
    def location(self) -> SourceLocation | None:
        src = self.pattern if self.pattern is not None else self.entry
        return src.located()

    def verb_text(self, verb: Token) -> str:
        toks = {verb.i: verb}
        for t in (self.particle_token, self.object_token, self.prep_token, *self.word_tokens):
            if t is not None:
                toks[t.i] = t
        ordered = [toks[i] for i in sorted(toks)]
        parts = [ordered[0].text]
        for prev, cur in zip(ordered, ordered[1:], strict=False):
            parts.append((" " if cur.i == prev.i + 1 else " ... ") + cur.text)
        return "".join(parts)


def is_passive(verb: Token) -> bool:
    """The verb has a passive subject or auxiliary: "was shot", "were arrested"."""
    return any(c.dep_ in ("nsubjpass", "auxpass", "nsubj:pass", "aux:pass")
               for c in verb.children)




def to_infinitive(verb: Token) -> bool:
    """"to pay": the verb has the infinitive marker."""
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children)


def passive_participle(tok: Token) -> bool:
    """A past participle describing a noun: "soldiers killed in the raid"."""
    return tok.dep_ == "acl" and tok.tag_ == "VBN"


def direct_object(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ in ("dobj", "obj"):
            return c
    for c in verb.children:  # passive: "talks were held"
        if c.dep_ == "nsubjpass":
            return c
    if passive_participle(verb) and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head  # a passive participle's noun: "soldiers killed in the raid"
    return None


def _particle(verb: Token, word: str) -> Token | None:
    for c in verb.children:
        if c.dep_ in ("prt", "prep", "agent", "dative", "compound:prt") and c.lower_ == word:
            return c
    return None


# "suspended part of its aid": the pattern's object is in the of-phrase
PARTITIVES = frozenset({"part", "portion", "some", "most", "all", "much", "rest", "half",
                        "bulk", "share", "remainder", "parts", "shipment", "batch",
                        # "began two weeks of naval drills", "a new round of talks"
                        "day", "week", "month", "hour", "round", "series", "wave", "spate"})


# "$500 million in military aid", "2 billion euros of loans": the sum stands for what
# it buys
AMOUNTS = frozenset({"million", "billion", "trillion", "$", "dollar", "euro", "pound",
                     "yuan", "yen", "ruble", "rouble", "tonne", "ton"})


def _object_matches(obj: Token, phrases: list[str], depth: int = 0) -> bool:
    lem = lemma(obj)
    if depth < 2 and (lem in PARTITIVES or lem in AMOUNTS):
        preps = ("of", "in") if lem in AMOUNTS else ("of",)
        for prep in obj.children:
            if prep.dep_ == "prep" and prep.lower_ in preps:
                if any(_object_matches(p, phrases, depth + 1)
                       for p in prep.children if p.dep_ == "pobj"):
                    return True
    left = [t for t in obj.subtree if t.i < obj.i]  # "military training mission": all modifiers
    words_left = {lemma(t) for t in left} | {t.lower_ for t in left}
    for phrase in phrases:
        parts = phrase.lower().split()
        if parts[-1] in (lem, obj.lower_) and all(p in words_left for p in parts[:-1]):
            return True
    return False


def _names_a_day(prep: Token) -> bool:
    """"on Wednesday", "on Monday night", "on March 3": a date, not a complement."""
    for p in prep.children:
        if p.dep_ == "pobj":
            words = {p.lower_.rstrip(".")} | {c.lower_.rstrip(".") for c in p.children
                                              if c.dep_ in ("compound", "amod", "nmod")}
            if words & DAY_WORDS:
                return True
    return False


def _find_prep(verb: Token, obj: Token | None, word: str,
               inside: list[str] | None = None) -> Token | None:
    """The verb's (or its object's) preposition ``word``; with ``inside``, one whose
    own phrase holds one of those words ("resigned in protest", not "in Tehran")."""
    for head in (verb, obj):
        if head is None:
            continue
        for c in head.children:
            if (c.dep_ in ("prep", "dative", "agent") and c.lower_ == word
                    and not (word == "on" and _names_a_day(c))
                    and (not inside or _prep_words(c, obj, inside))):
                return c
    for c in verb.children:  # "clash over the border": the parser may call it a particle
        if (c.dep_ == "prt" and c.lower_ == word and obj is not None and obj.i > c.i
                and (not inside or _prep_words(c, obj, inside))):
            return c
    return None


def _prep_words(prep: Token, obj: Token | None, words: list[str]) -> list[Token]:
    """The first of ``words`` inside the preposition's own phrase (after a particle the
    parser made of it, the object that follows)."""
    scope = obj if prep.dep_ == "prt" and obj is not None else prep
    sub = [t for t in scope.subtree if t.i != prep.i]
    return _find_words(words, sub, _forms(sub))


def complement_tokens(verb: Token, clauses: bool = True) -> list[Token]:
    """Where a pattern's words are looked for: the verb's complements and, in the
    passive, its subject ("sanctions were imposed": the object of "impose"). Without
    ``clauses``, not inside a complement clause: a reported clause ("said that X
    had bought the weapons") or an infinitive ("promised to aid"), nor two
    prepositional phrases down ("staged drills at the close of a summit")."""
    out: list[Token] = []
    for c in verb.children:
        if not clauses and (c.dep_ == "ccomp" or c.pos_ in ("VERB", "AUX")
                            and to_infinitive(c)):
            continue
        if c.dep_ in COMPLEMENT_DEPS or c.dep_ in ("nsubjpass", "nsubj:pass"):
            out.extend(c.subtree)
    if not clauses:  # nor two prepositional phrases down: "at the close of a summit"
        out = [t for t in out if _preps_between(t, verb) < 2]
    return out


def _preps_between(tok: Token, verb: Token) -> int:
    n = 0
    while tok.i != verb.i and tok.head.i != tok.i:
        n += tok.dep_ == "prep"
        tok = tok.head
    return n


def _forms(toks: list[Token]) -> set[str]:
    """Lemmas and lower-case forms of tokens: what a pattern word may equal."""
    return {lemma(t) for t in toks} | {t.lower_ for t in toks}


def _find_words(phrases: list[str], toks: list[Token], vocab: set[str]) -> list[Token]:
    """The first of ``phrases`` found among ``toks`` (a verb's complement tokens, whose
    lemmas and forms are ``vocab``)."""
    if not toks:
        return []
    by_index = {t.i: t for t in toks}
    for phrase in phrases:
        parts = phrase.lower().split()
        if parts[0] not in vocab:
            continue
        for t in toks:
            if parts[0] not in (lemma(t), t.lower_):
                continue
            run = [t]
            for k, p in enumerate(parts[1:], 1):
                nxt = by_index.get(t.i + k)
                if nxt is None or p not in (lemma(nxt), nxt.lower_):
                    run = []
                    break
                run.append(nxt)
            if run:
                return run
    return []


class VerbIndex:
    """Verb entries by lemma. Build once per dictionary set."""

    def __init__(self, dictionaries: Dictionaries) -> None:
        self.by_lemma: dict[str, list[VerbEntry]] = {}
        for loc in dictionaries.verbs.values():
            entry: VerbEntry = loc.entry
            for key in {entry.lemma, *(f.lower() for f in entry.forms)}:
                self.by_lemma.setdefault(key, []).append(entry)
        for entries in self.by_lemma.values():  # phrasal entries before plain ones
            entries.sort(key=lambda e: e.particle is None)
        self._by_form: dict[str, list[VerbEntry]] | None = None
        self.nearest = dictionaries.matching.patterns == "nearest"
        self.clause_words = dictionaries.matching.clause_words

    def _surface(self, word: str) -> list[VerbEntry]:
        """Entries one of whose inflected forms is ``word``: for a verb the lemmatizer got
        wrong ("staged" -> "stag")."""
        if self._by_form is None:
            self._by_form = {}
            for lem, entries in self.by_lemma.items():
                for form in inflections(lem):
                    if form != lem:
                        self._by_form.setdefault(form, []).extend(
                            e for e in entries if e not in self._by_form.get(form, []))
        return self._by_form.get(word, [])

    def lemmas(self) -> set[str]:
        return set(self.by_lemma)

    def candidates(self, verb: Token) -> list[VerbEntry]:
        """Entries for a verb token. An entry written for the surface form itself
        ("left", distinct from "leave") comes before the lemma's entries."""
        out = self.by_lemma.get(lemma(verb), [])
        doc = verb.doc
        if verb.i >= 2 and doc[verb.i - 1].text == "-":
            # "tear-gassed" is teargas, not gas; "air-drop" is airdrop
            joined = self.by_lemma.get(doc[verb.i - 2].lower_ + lemma(verb), [])
            if joined:
                return joined
        if verb.lower_ != lemma(verb):
            exact = [e for e in self.by_lemma.get(verb.lower_, []) if e.verb == verb.lower_]
            if exact or not out:
                out = exact + [e for e in out if e not in exact] if exact else (
                    self.by_lemma.get(verb.lower_, []))
        if not out and verb.pos_ == "VERB":
            out = self._surface(verb.lower_)
        return out

    def match(self, verb: Token) -> VerbMatch | None:
        """The first entry that applies. A phrasal entry found through a preposition
        ("took the town in X" for "take in") that matches nothing gives way to the
        plain verb's entry."""
        unmatched = None
        for entry in self.candidates(verb):
            particle = None
            if entry.particle is not None:
                particle = _particle(verb, entry.particle)
                if particle is None:
                    continue
            found = self._match_entry(verb, entry, particle)
            if (particle is not None and particle.dep_ not in ("prt", "compound:prt")
                    and (found is None or found.code is None and found.pattern is None)):
                unmatched = unmatched or found
                continue
            return found
        return unmatched

    def _match_entry(
        self, verb: Token, entry: VerbEntry, particle: Token | None
    ) -> VerbMatch | None:
        obj = direct_object(verb)
        tried: list[str] = []
        comp: list[Token] | None = None
        comp_words: set[str] = set()
        best: tuple[int, VerbMatch] | None = None
        for n, pattern in enumerate(entry.patterns, 1):
            pid = pattern.id or f"{entry.verb}#{n}"
            obj_tok = prep_tok = None
            words: list[Token] = []
            if pattern.object:
                if obj is None or not _object_matches(obj, pattern.object):
                    tried.append(f"{pid}: object is not {'/'.join(pattern.object)}")
                    continue
                obj_tok = obj
            if pattern.prep:
                prep_tok = _find_prep(verb, obj, pattern.prep, pattern.prep_words)
                if prep_tok is None:
                    tried.append(f"{pid}: no preposition {pattern.prep!r}" + (
                        f" with {'/'.join(pattern.prep_words)}" if pattern.prep_words else ""))
                    continue
                if pattern.prep_words:  # the pattern's own words: not its target
                    words = _prep_words(prep_tok, obj, pattern.prep_words)
            if pattern.subject:  # the doer's phrase: in the passive, the by-phrase
                agents = [c for c in verb.children if c.dep_ == "agent"]
                heads = agents or [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
                if self.clause_words:
                    subj = [t for c in heads for t in c.subtree if t.dep_ != "agent"]
                else:  # PETRARCH: the head noun and its modifiers ("a unit of troops": no)
                    nouns = [p for a in agents for p in a.children if p.dep_ == "pobj"] or heads
                    subj = [t for c in nouns for t in (c, *(k for k in c.children if k.dep_ in (
                        "compound", "amod", "nmod")))]
                found = _find_words(pattern.subject, subj, _forms(subj))
                if not found:
                    tried.append(f"{pid}: none of {'/'.join(pattern.subject)} in the subject")
                    continue
            groups = [pattern.words, *pattern.and_words] if pattern.words else pattern.and_words
            if groups:  # each group must have one of its phrases in the complements
                if comp is None:
                    comp = complement_tokens(verb, self.clause_words)
                    comp_words = _forms(comp)
                missing = None
                for group in groups:
                    found = _find_words(group, comp, comp_words)
                    if not found:
                        missing = group
                        break
                    words = [*words, *(w for w in found if w not in words)]
                if missing is not None:
                    tried.append(f"{pid}: none of {'/'.join(missing)} in the complements")
                    continue
            slots = pattern.target or entry.target
            code = pattern.passive if pattern.passive and is_passive(verb) else pattern.code
            optional = (pattern.target_optional if pattern.target_optional is not None
                        else entry.target_optional)
            reverse = pattern.reverse if pattern.code is not None else None
            if reverse is None and pattern.code is not None and pattern.code == entry.code:
                reverse = entry.reverse
            reciprocal = (pattern.reciprocal if pattern.reciprocal is not None
                          else entry.reciprocal)
            found_match = VerbMatch(entry, pattern, code, pid, slots, obj_tok, prep_tok, words,
                                    particle, tried, optional, reverse, reciprocal)
            if not self.nearest:  # the first listed wins
                return found_match
            # the pattern whose words come nearest the verb wins, then the first listed
            # ("held a rally ... carrying 'Free the detainees' signs" is a rally)
            anchors = [t for t in (obj_tok, prep_tok, *words) if t is not None]
            dist = min((abs(t.i - verb.i) for t in anchors), default=0)
            if best is None or dist < best[0]:
                best = (dist, found_match)
        if best is not None:
            best[1].tried = tried
            return best[1]
        if entry.code is None:
            return None
        code = entry.passive if entry.passive and is_passive(verb) else entry.code
        return VerbMatch(entry, None, code, entry.verb, entry.target, None, None, [],
                         particle, tried, entry.target_optional, entry.reverse,
                         entry.reciprocal)
