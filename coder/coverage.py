"""Coverage: what the dictionaries miss in a corpus, ranked, with examples.

Three kinds of gaps:

* ``verb``   verbs with an actor as subject or object but no verb entry;
* ``actor``  names in subject or object position that resolve to no actor;
* ``agent``  nouns attached to a known country ("Iranian diplomats") that are
             not in the agents dictionary.

``stubs_yaml`` turns the top items into commented YAML stubs to fill in.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from .pipeline import Coder, SentenceTrace

ROLE_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "dative", "appos"})


@dataclass
class Gap:
    kind: str
    text: str
    count: int = 0
    examples: list[str] = field(default_factory=list)
    place: str = ""  # actor gaps: why the name looks like a place, not a person
    country: str = ""  # and the country it seems to be in


# Nouns whose "of" object or compound is a place ("the port of Odesa", "Lviv city").
PLACE_NOUNS = frozenset(
    "port city town village capital region province district area island border strip "
    "enclave county harbour harbor base airport square camp outskirts suburb neighborhood "
    "neighbourhood coast frontier peninsula valley oblast governorate municipality "
    "settlement crossing checkpoint".split())
# Prepositions that, attached to a verb, place the event ("met in Lviv", "talks at Camp David").
PLACE_PREPS = frozenset("in at near outside inside across around within throughout".split())


def place_evidence(tok, mentions: dict, capitals: set[str]) -> tuple[str, str]:  # noqa: ANN001
    """(why ``tok`` names a place, the country code it seems to be in), or ("", "").
    Uses the sentence's syntax and the dictionaries' countries and capitals: no NER."""
    country = ""

    def country_near(head) -> str:  # noqa: ANN001 - "Ukrainian port", "Lviv, Ukraine"
        for c in [*head.children, *tok.children]:
            m = mentions.get(c.i)
            if m is not None and m.kind == "country":
                return m.entry.code or ""
        return ""

    name = _name_chain(tok)
    if name.lower() in capitals:
        return "a capital in the dictionaries", ""
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in PLACE_NOUNS:
        country = country_near(head.head)
        return f"the {head.head.lower_} of {name}", country
    if tok.dep_ in ("compound", "appos") and head.lemma_.lower() in PLACE_NOUNS:
        return f"{name} {head.lower_}", country_near(head)
    if (tok.dep_ == "pobj" and head.lower_ in PLACE_PREPS  # "met ... in Lviv"
            and head.head.pos_ in ("VERB", "AUX", "PROPN")):
        return f"{head.lower_} {name}", country_near(tok)
    return _gazetteer_evidence(name)


def _gazetteer_evidence(name: str) -> tuple[str, str]:
    """A city of 50,000 people or more, a province or a country of the offline
    gazetteer ("Mosul") is a place whatever the syntax; a small town's name may be a
    person's, so it needs the syntax above."""
    from .geo import resolve_place

    place = resolve_place(name)
    if place is None or (place.level == "city" and place.population < 50_000):
        return "", ""
    return f"a {place.level} of the gazetteer ({place.name})", place.country


def _is_date_word(tok) -> bool:  # noqa: ANN001 - "on Friday" is not a missing actor
    from .dates import MONTHS, WEEKDAYS

    return tok.lower_.rstrip(".") in WEEKDAYS or tok.lower_.rstrip(".") in MONTHS


def _name_chain(tok) -> str:  # noqa: ANN001 - spaCy token
    toks = [c for c in tok.lefts if c.dep_ in ("compound", "flat") and c.pos_ == "PROPN"]
    return " ".join([t.text for t in toks] + [tok.text])


def gaps_in(trace: SentenceTrace, coder: Coder,
            places: dict[str, tuple[str, str]] | None = None) -> list[tuple[str, str]]:
    """(kind, text) gaps of one coded sentence; ``places`` collects, for actor gaps that
    look like places, the evidence and the country."""
    out: list[tuple[str, str]] = []
    sent, actors = trace.sent, trace.actors
    mention_at = {i: m for m in trace.mentions for i in range(m.start, m.end)}

    def has_actor(tok) -> bool:  # noqa: ANN001
        return tok.i in actors or any(c.dep_ == "conj" and c.i in actors for c in tok.children)

    for v in trace.verbs:
        if v.outcome != "no verb entry":
            continue
        verb = sent.doc[v.index]
        args = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
        if any(has_actor(a) for a in args):
            out.append(("verb", verb.lemma_.lower()))
    for tok in sent:
        if places is not None and tok.dep_ == "pobj" and tok.pos_ == "PROPN" and (
                tok.i not in mention_at and tok.i not in actors):
            # a name that is no subject or object ("met in Lviv") is still a gap to note
            why = place_evidence(tok, mention_at, _capitals(coder))
            if why[0]:
                places.setdefault(_name_chain(tok), why)
        if tok.dep_ not in ROLE_DEPS or tok.i in mention_at:
            continue
        if tok.pos_ == "PROPN" and tok.i not in actors and not _is_date_word(tok):
            out.append(("actor", _name_chain(tok)))
            if places is not None and not places.get(_name_chain(tok), ("",))[0]:
                places[_name_chain(tok)] = place_evidence(tok, mention_at, _capitals(coder))
        elif tok.pos_ == "NOUN":  # "Iranian wizards": coded as IRN, but what role?
            mods = [c for c in tok.children if c.dep_ in ("amod", "compound", "poss")]
            if any(c.i in mention_at and mention_at[c.i].kind == "country" for c in mods):
                out.append(("agent", tok.lemma_.lower()))
    return out


def _capitals(coder: Coder) -> set[str]:
    cached = getattr(coder, "_coverage_capitals", None)
    if cached is None:
        cached = {c.lower() for loc in coder.dictionaries.actors
                  for c in getattr(loc.entry, "capitals", [])}
        coder._coverage_capitals = cached  # type: ignore[attr-defined]
    return cached


def find_gaps(coder: Coder, articles: Iterable, examples: int = 2) -> dict[str, list[Gap]]:
    counts: Counter[tuple[str, str]] = Counter()
    samples: dict[tuple[str, str], list[str]] = defaultdict(list)
    places: dict[str, tuple[str, str]] = {}
    for article in articles:
        if not hasattr(article, "text"):
            continue  # skipped records
        for t in coder.trace(article)[1]:
            for gap in set(gaps_in(t, coder, places)):
                counts[gap] += 1
                if len(samples[gap]) < examples:
                    samples[gap].append(t.sent.text.strip())
    out: dict[str, list[Gap]] = {"verb": [], "actor": [], "agent": []}
    for (kind, text), n in counts.most_common():
        why, country = places.get(text, ("", "")) if kind == "actor" else ("", "")
        out[kind].append(Gap(kind, text, n, samples[(kind, text)], why, country))
    return out


def stubs_yaml(gaps: dict[str, list[Gap]], top: int, dictionaries: object = None) -> str:
    """Commented YAML stubs for the top gaps of each kind. A name that looks like a place
    (see :func:`place_evidence`) gets a place stub coded as its country, not a person."""

    def comment(g: Gap) -> str:
        lines = [f"  # seen {g.count} time(s), e.g.:"]
        lines += [f"  #   {s[:150]}" for s in g.examples]
        return "\n".join(lines)

    out = ["# Stubs written by `coder coverage`. Fill in every code, delete what you do not",
           "# want, check with `coder validate`, then move them into a dictionary file.", ""]
    if gaps["verb"][:top]:
        out.append("verbs:")
        for g in gaps["verb"][:top]:
            out += [comment(g), f"  - verb: {g.text}",
                    '    code: ""  # a CAMEO code, e.g. "040"']
    if gaps["actor"][:top]:
        out.append("actors:")
        for g in gaps["actor"][:top]:
            if g.place:
                guess = f' (from "{g.place}")'
                out += [comment(g),
                        f"  # a place, not a person{guess}: a place codes as its country",
                        f'  - name: "{g.text}"', "    type: organization  # a place",
                        f'    code: "{g.country}"  # the ISO-3 code of the country it is in']
            else:
                out += [comment(g), f'  - name: "{g.text}"', "    type: person",
                        '    code: ""  # e.g. IRNGOV, or give dated roles instead']
    if gaps["agent"][:top]:
        out.append("agents:")
        for g in gaps["agent"][:top]:
            out += [comment(g), '  - code: ""  # a role code, e.g. GOV, MIL, BUS',
                    f"    names: [{g.text}]"]
    return "\n".join(out) + "\n"
