"""Prefilter: skip parsing text that cannot yield an event under the loaded dictionaries.

Exact, not heuristic: coding with and without the prefilter gives the same events.

* An article with no actor phrase anywhere, or no surface form of any dictionary
  verb anywhere, cannot yield an event: nothing is parsed.
* Otherwise a paragraph is parsed when it names an actor phrase (it may be coded,
  or teach the article's memory), or when it has a verb form together with
  something memory could resolve: a pronoun, "two"/"both", or a capitalized word
  seen earlier next to an actor phrase (a name the coder may have learned).

Verb surface forms are generated from the dictionary lemmas (regular
inflections, a table of irregular verbs, and each entry's ``forms``), and the
check runs on the tokenizer alone, which is far cheaper than the parser.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .actors import (
    FIRST_PRONOUNS,
    GROUP_PRONOUNS,
    PERSON_PRONOUNS,
    THING_PRONOUNS,
    ActorMatcher,
)
from .verbs import VerbIndex

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


PRONOUNS = PERSON_PRONOUNS | THING_PRONOUNS | GROUP_PRONOUNS | FIRST_PRONOUNS | {"two", "both"}


class Prefilter:
    """Decides, per paragraph, whether the parser needs to see it."""

    def __init__(self, matcher: ActorMatcher, verbs: VerbIndex) -> None:
        self.matcher = matcher
        self.verb_forms: set[str] = set()
        for lemma in verbs.lemmas():
            self.verb_forms |= inflections(lemma)

    @staticmethod
    @lru_cache(maxsize=1)
    def _tokenizer():  # noqa: ANN205 - spaCy tokenizer
        import spacy

        return spacy.blank("en").tokenizer

    def select(self, units: list[str]) -> list[bool]:
        """For each paragraph of one article: does it need to be parsed?"""
        docs = [self._tokenizer()(u) for u in units]
        has_actor = [bool(self.matcher.match(d)) for d in docs]
        lowers = [{t.lower_ for t in d} for d in docs]
        has_verb = [bool(w & self.verb_forms) for w in lowers]
        if not any(has_actor) or not any(has_verb):
            return [False] * len(units)
        names: set[str] = set()
        out = []
        for doc, actor, verb, words in zip(docs, has_actor, has_verb, lowers, strict=True):
            if actor:
                out.append(True)
                names |= {t.lower_ for t in doc if t.text[:1].isupper()}
            else:
                out.append(verb and bool(words & PRONOUNS or words & names))
        return out
