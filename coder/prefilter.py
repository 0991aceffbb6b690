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

from functools import lru_cache

from .actors import (
    FIRST_PRONOUNS,
    GROUP_PRONOUNS,
    PERSON_PRONOUNS,
    THING_PRONOUNS,
    ActorMatcher,
)
from .verbs import VerbIndex, inflections

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
