"""Where an event happened: the place its own clause names, else the story's dateline.

A post-step over one article's events, run by :class:`coder.pipeline.Coder` after
the grammar has made them. For each event, in this order:

1. **clause**: a place phrase in the event's own clause, read from the parse around
   the event's verb: a location preposition's object ("in Aleppo", "near Tyre",
   "outside Kyiv", "in northern Rakhine state", "at the border crossing of Rafah",
   "police in Naypyitaw arrested ..."), the destination of a movement verb
   ("travelled to Moscow"), or the object of a verb that acts on a place ("visited
   the port of Odesa", "shelled Kharkiv"). The nearest phrase to the verb wins.
   Clauses the event's clause governs (what someone said, a condition) are not its
   clause, nor are phrases under a topic preposition ("concern about the fighting in
   X"); a participle sharing its subject is ("Speaking in Baghdad, he said ...").
   When the event's clause has no place, coordinated predicates and the clauses that
   govern it are read too ("In Aleppo, the opposition said jets bombed a market").
   Verbal events (statements, appeals, demands, criticism, threats) take only the
   verb's and its subject's own place phrases: what was said is not where; nor does a
   statement in a relative clause take the place of the clause around it.
   A clause of the same moment ("destroyed the planes after they landed in X") comes
   before the clauses above. "over X" after a verb of flight is where ("dropped
   leaflets over X"); "60 km southeast of X" is only a reference when the clause
   names another place.
   A place the gazetteer lacks, named plainly as a place ("the village of X", "the X
   Valley", "near X"), gives the country the event's actors share.
   A material event whose clauses name no place takes the nearest place phrase of
   its sentence (not under a topic preposition, not "into").
2. **dateline**: the place of the wire dateline ("BAMAKO (AP) —").
3. **article**: an act of force whose subject is a pronoun ("They arrested ...") takes
   the place a clause of the same or the previous sentence named, in its actors'
   countries.
4. else nothing.

Names are resolved by :mod:`coder.geo`, preferring the countries of the event's
actors, then those of the article's (its events' actors and its dateline), then
larger places, then places the article already named.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from . import geo
from .events import Event

# Prepositions whose object is where something happened.
LOC_PREPS = frozenset({"in", "near", "at", "outside", "inside", "around", "across",
                       "throughout", "within", "off", "along", "nearby", "into"})
# "on" and "to" only with these: "on the outskirts of Kyiv", "travelled to Moscow".
ON_NOUNS = frozenset({"outskirts", "outskirt", "border", "borders", "coast", "frontier",
                      "streets", "street", "island", "edge", "edges", "road", "highway",
                      "banks", "bank", "shores", "shore", "front", "frontline", "soil", "ridge",
                      "hill", "hilltop", "mountain", "heights", "plateau"})
MOVE_VERBS = frozenset({"travel", "fly", "go", "come", "arrive", "return", "head", "move",
                        "deploy", "send", "dispatch", "flee", "march", "sail", "advance",
                        "trip", "visit", "journey", "retreat", "withdraw", "transfer",
                        "relocate", "deport", "expel", "extradite", "evacuate"})
# Verbs whose direct object may be the place they act on.
PLACE_VERBS = frozenset({"visit", "enter", "capture", "seize", "storm", "besiege", "shell",
                         "bomb", "attack", "raid", "invade", "occupy", "reach", "tour",
                         "liberate", "retake", "recapture", "overrun", "blockade", "strike",
                         "hit", "target", "surround", "encircle", "control", "take",
                         "bombard", "airstrike", "patrol", "evacuate", "leave", "close", "seal",
                         "reopen"})
# "dropped leaflets over Rafah", "shot down over Donetsk": "over" is where, after these.
OVER_VERBS = frozenset({"drop", "fly", "shoot", "down", "crash", "hover", "patrol", "circle",
                        "explode", "intercept", "spray", "scatter"})
# Prepositions whose bare proper noun is a place even when the gazetteer lacks it.
SPATIAL_PREPS = frozenset({"near", "outside", "around", "nearby"})
# Clauses of the same moment: "destroyed the planes after they landed in X".
TEMPORAL_MARKS = frozenset({"after", "as", "when", "while", "once"})
# Nouns standing for a kind of place: "the city of X", "the border crossing of X".
PLACE_NOUNS = frozenset({
    "city", "town", "village", "province", "region", "state", "district", "area", "capital",
    "port", "crossing", "border", "outskirts", "outskirt", "suburb", "suburbs", "coast",
    "camp", "county", "governorate", "neighborhood", "neighbourhood", "enclave", "island",
    "islands", "territory", "strip", "base", "airport", "outpost", "checkpoint", "streets",
    "centre", "center", "heart", "north", "south", "east", "west", "parts", "part",
    "vicinity", "environs", "municipality", "commune", "settlement", "hamlet", "oblast",
    "prefecture", "department", "valley", "mountains", "hills", "desert", "peninsula",
    "harbor", "harbour", "frontier", "zone", "township", "locality", "metropolis",
    "seaport", "stronghold", "bastion", "quarter", "square", "side", "sides", "entrance",
    "gates", "gate", "approaches", "countryside", "provinces", "ridge", "hill", "hilltop",
    "mountain", "heights", "plateau", "regions", "areas", "agency", "position", "positions",
})  # fmt: skip
# Dependents that open another clause: what the event's clause governs, not its own.
CLAUSE_DEPS = frozenset({"ccomp", "advcl", "parataxis", "relcl", "csubj", "csubjpass",
                         "mark", "pcomp"})
# Prepositions that open a topic, not a place: "concern about the fighting in X",
# "accused Y of arming rebels in X". Place phrases under them are not the event's.
TOPIC_PREPS = frozenset({"about", "over", "of", "regarding", "concerning", "for", "on",
                         "despite", "amid", "than"})
# "strikes on Baghdad", "an attack on Kharkiv": "on" after a noun of attack.
ATTACK_NOUNS = frozenset({"strike", "airstrike", "attack", "raid", "assault", "offensive",
                          "bombardment", "bombing", "shelling", "march", "advance", "push",
                          "crackdown", "incursion", "rocket", "missile", "drone"})
# "control of Kidal", "the siege of Mariupol": the place of "of" after these nouns.
OF_NOUNS = frozenset({"control", "siege", "capture", "fall", "liberation", "occupation",
                      "recapture", "seizure", "blockade", "evacuation", "encirclement"})
# "the battle for Iraq": the place of "for" after these nouns.
FOR_NOUNS = frozenset({"battle", "fight", "fighting", "war", "struggle", "offensive"})
# "on Cairo's largest demonstration": "on" before a gathering.
EVENT_NOUNS = frozenset({"demonstration", "protest", "rally", "gathering", "crowd", "camp",
                         "march", "vigil", "sit", "encampment"})
NATIONWIDE = frozenset({"nationwide", "nationally", "countrywide"})
TIME_WORDS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                        "sunday", "today", "tonight", "yesterday", "morning", "evening",
                        "night", "afternoon", "weekend"})
_PRECISION = {"city": 0, "province": 1, "country": 2}
NAME_DEPS = frozenset({"compound", "amod", "nmod", "flat", "det"})


@dataclass
class Location:
    """A resolved place and how it was found (``clause`` or ``dateline``)."""

    text: str
    place: geo.Place
    evidence: str


@dataclass
class _Pending:
    event: Event
    verb: Token | None
    sent: Span | None


@dataclass
class ArticleLocator:
    """The events of one article, located together when the article is done (so the
    article's countries are known to every event's disambiguation)."""

    dateline: str = ""
    dateline_country: str = ""
    pending: list[_Pending] = field(default_factory=list)

    def add(self, event: Event, verb: Token | None, sent: Span | None) -> None:
        if event.mentions == 1:  # a repeat keeps the place of its first mention
            self.pending.append(_Pending(event, verb, sent))

    def finish(self) -> None:
        counts: Counter[str] = Counter()
        for p in self.pending:
            for c in (p.event.source_country, p.event.target_country):
                if c:
                    counts[c] += 1
        article = ([self.dateline_country] if self.dateline_country else []) + [
            c for c, _ in counts.most_common()]
        seen: list[str] = []
        dateline_place: geo.Place | None = None
        if self.dateline:
            dateline_place = geo.resolve_place(_dateline_name(self.dateline), article)
            if dateline_place is not None:
                seen.append(str(dateline_place.geonames_id or dateline_place.name))
        recent = dateline_place if dateline_place and dateline_place.level == "city" else None
        last: Location | None = None  # the last place a clause of this article named
        last_sid = -1  # and its sentence
        for p in self.pending:
            prefer = [c for c in (p.event.source_country, p.event.target_country) if c]
            prefer += [c for c in article if c not in prefer]
            loc = None
            if p.verb is not None:
                loc = locate_in_clause(p.verb, prefer, seen, verbal=is_verbal(p.event.code),
                                       home=home_country(p.event.source_country,
                                                         p.event.target_country),
                                       recent=recent)
            if loc is None and dateline_place is not None:
                loc = Location(self.dateline, dateline_place, "dateline")
            actors = {p.event.source_country, p.event.target_country} - {""}
            if loc is None and last is not None and last.place.country in actors and (
                    p.event.code[:2] in FORCE_ROOTS) and (
                    p.event.sentence_id - last_sid <= CARRY) and (
                    p.verb is not None and refers_back(p.verb)):
                # "Troops entered Kidal. They arrested ...": the same actors, a sentence on
                loc = Location(last.text, last.place, "article")
            if loc is not None:
                fill(p.event, loc)
                if loc.evidence == "clause" and loc.place.level != "country":
                    last, last_sid = loc, p.event.sentence_id
                    seen.append(str(loc.place.geonames_id or loc.place.name))
                    if loc.place.level == "city":
                        recent = loc.place
        self.pending = []


# CAMEO roots of verbal events: statements, appeals, intents, diplomatic support,
# demands, disapproval, rejection, threats (quad classes 1 and 3 but consultations
# and investigations, which happen somewhere).
VERBAL_ROOTS = frozenset({"01", "02", "03", "05", "10", "11", "12", "13"})


# Acts of force and coercion always happen somewhere: when their clause names no place,
# the place the article last named for its actors is theirs.
FORCE_ROOTS = frozenset({"14", "15", "17", "18", "19", "20"})
# ... when it was named in the same sentence or the one before, and the event's subject
# is a pronoun taking up the actors of that sentence ("They arrested ..."): otherwise
# the story has often moved on ("A number of ministers have been arrested",
# "Authorities then arrested ...").
CARRY = 1
PRONOUNS = frozenset({"they", "he", "she", "it", "we"})


def refers_back(verb: Token) -> bool:
    """Whether the subject of ``verb``'s clause (or of a clause above it) is a
    personal pronoun."""
    tok = verb
    while True:
        subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            return any(c.lower_ in PRONOUNS for c in subjects)
        if tok.head.i == tok.i:
            return False
        tok = tok.head


def home_country(source: str, target: str) -> str:
    """The country an unknown place of an event lies in: the one its actors share, or
    the only one they have; none between two countries ("met at the village of X")."""
    if source and target and source != target:
        return ""
    return source or target


def is_verbal(code: str) -> bool:
    return code[:2] in VERBAL_ROOTS


def _dateline_name(dateline: str) -> str:
    """"SAN SALVADOR, El Salvador" stays qualified; "BAMAKO" is read as is."""
    return " ".join(dateline.split())


def columns(loc: Location) -> dict:
    """The location columns of an event placed at ``loc``."""
    p = loc.place
    return {"location": loc.text, "place": p.name, "admin1": p.admin1,
            "location_country": p.country, "latitude": p.lat, "longitude": p.lon,
            "geonames_id": str(p.geonames_id) if p.geonames_id else "",
            "location_level": p.level, "location_evidence": loc.evidence}


def fill(event: Event, loc: Location) -> None:
    for name, value in columns(loc).items():
        setattr(event, name, value)


# -- reading the parse --------------------------------------------------------
def locate_in_clause(verb: Token, prefer: Iterable[str] = (), seen: Iterable[str] = (),
                     *, verbal: bool = False, recent: geo.Place | None = None,
                     home: str = "") -> Location | None:
    """The place named in ``verb``'s own clause (the most precise, then the nearest),
    else in the clauses that govern it (the nearest); None when there is none.

    ``verbal`` (statements, appeals, demands, criticism, threats): only the verb's and
    its subject's own place phrases count ("said in Tehran", "police in Naypyitaw");
    a place inside what was said is its topic ("voiced concern about fighting in X").
    ``recent``: the city the article last named, for "the city".

    ``home``: the country where a place the gazetteer does not hold lies
    (:func:`home_country`): "in the village of X", "in the X Valley" give it
    when no place is known. A material event whose clauses name no place takes the
    nearest place phrase of its sentence ("gunfire continued in X hours after soldiers
    seized control")."""
    prefer, seen = tuple(prefer), tuple(seen)
    unknown: list[str] = []

    def resolve(phrase: Token) -> Location | None:
        loc = _resolve_phrase(phrase, prefer, seen, recent)
        if loc is None and not unknown:
            name = _unknown_name(phrase)
            if name:
                unknown.append(name)
        return loc

    loc = _locate(verb, prefer, verbal, resolve)
    if loc is not None:
        return loc
    if unknown and home:
        place = geo.country_place(home)
        if place is not None:
            return Location(unknown[0], place, "clause")
    if not verbal:
        return _in_sentence(verb, prefer, resolve)
    return None


def _locate(verb: Token, prefer: tuple[str, ...], verbal: bool,
            resolve: Callable[[Token], Location | None]) -> Location | None:
    """The known place of ``verb``'s clause, else of the clauses around it."""
    phrases = list(_phrases(verb, own_only=verbal))
    # "60 kilometers southeast of Aleppo" is a reference point, not the place, when the
    # clause names another
    found = [loc for loc in (resolve(p)
                             for p in phrases if not _reference(p)) if loc] or [
        loc for loc in (resolve(p)
                        for p in phrases if _reference(p)) if loc]
    if found:  # the most precise place, then the nearest ("attacked Syria near Homs")
        return min(enumerate(found), key=lambda f: (_PRECISION[f[1].place.level], f[0]))[1]
    if prefer and not verbal and any(t.lower_ in NATIONWIDE for _, t in _clause(verb)):
        place = geo.country_place(prefer[0])  # "a crackdown nationwide": the actors' country
        if place is not None:
            return Location("nationwide", place, "clause")
    # coordinated predicates share the clause's place ("met X in Cairo and appealed ...")
    first = verb.head if verb.dep_ == "conj" else verb
    for other in [first, *(c for c in first.children if c.dep_ == "conj" and _is_clause(c))]:
        if other.i == verb.i or (other.i != first.i and any(
                c.dep_ in ("nsubj", "nsubjpass") for c in other.children)):
            continue  # a conjunct with its own subject is another clause
        if _unlike(other, verb):
            continue  # "accuses X of arming and supporting ...": a gerund is no conjunct
        for phrase in _phrases(other):
            loc = resolve(phrase)
            if loc is not None:
                return loc
    # a clause of the same moment: "destroyed the planes after they landed in X"
    if not verbal:
        for child in verb.children:
            if child.dep_ == "advcl" and any(
                    c.dep_ == "mark" and c.lower_ in TEMPORAL_MARKS for c in child.children
            ) and all(c.lower_ in PRONOUNS for c in child.children  # not another's act
                      if c.dep_ in ("nsubj", "nsubjpass")):
                for phrase in _phrases(child):
                    loc = resolve(phrase)
                    if loc is not None:
                        return loc
    # a relative clause of "where": its place is the noun ("Debaltseve, where rebels ...")
    if verb.dep_ == "relcl" and any(c.lower_ == "where" for c in verb.children):
        loc = resolve(verb.head)
        if loc is not None:
            return loc
    # the clauses above: a participle's, a relative clause's or a conjunct's whole
    # clause; above a reported clause ("said ... that"), only the reporting verb's own
    # phrases ("In Baghdad, X said ...")
    reported = False
    tok = verb
    while tok.head.i != tok.i:
        if verbal and tok.dep_ == "relcl":
            break  # "the coup attempt, which the government blamed on X": not the main's
        reported = reported or tok.dep_ in ("ccomp", "parataxis")
        tok = tok.head
        if not _is_clause(tok):
            continue
        for phrase in _phrases(tok, own_only=reported or verbal):
            loc = resolve(phrase)
            if loc is not None:
                return loc
    return None


def _in_sentence(verb: Token, prefer: tuple[str, ...],
                 resolve: Callable[[Token], Location | None]) -> Location | None:
    """The nearest place phrase anywhere in ``verb``'s sentence, not under a topic
    preposition; "nationwide" there is the actors' country."""
    sent = verb.sent
    for tok in sorted(sent, key=lambda t: abs(t.i - verb.i)):
        if (tok.dep_ != "prep" or tok.lower_ not in LOC_PREPS or tok.lower_ == "into"
                or _in_topic(tok)):
            continue  # "into X" elsewhere in the sentence is a way there, not a setting
        for obj in tok.children:
            if obj.dep_ == "pobj":
                loc = resolve(obj)
                if loc is not None:
                    return loc
    if prefer and any(t.lower_ in NATIONWIDE for t in sent):
        place = geo.country_place(prefer[0])
        if place is not None:
            return Location("nationwide", place, "clause")
    return None


def _in_topic(tok: Token) -> bool:
    """Whether ``tok`` lies under a topic preposition ("concern over fighting in X");
    "searching for the gunmen who kidnapped a tourist in X" is not one."""
    for anc in tok.ancestors:
        if anc.dep_ == "prep" and anc.lower_ in TOPIC_PREPS - {"for"}:
            return True
    return False


def _unknown_name(head: Token) -> str:
    """The name of a place the gazetteer does not hold, when the phrase plainly names
    one: a place noun with a proper name ("the village of X", "the X Valley", "the X
    tribal region", "the ridge (X)"); "" otherwise."""
    for tok in _heads(head):
        if tok.lemma_.lower() not in PLACE_NOUNS and tok.lower_ not in PLACE_NOUNS:
            continue
        names = [c for c in tok.children if c.pos_ == "PROPN" and (
            c.dep_ in ("compound", "nmod", "appos") or (c.dep_ == "amod"))]
        names += [o for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                  for o in c.children if o.dep_ == "pobj" and o.pos_ == "PROPN"]
        if tok.pos_ == "PROPN" and tok.text[:1].isupper():
            names.append(tok)
        if names:
            return _name_text(tok) or _name_text(names[0])
    if (head.pos_ == "PROPN" and head.dep_ == "pobj" and head.head.lower_ in SPATIAL_PREPS
            and head.text[:1].isupper()):
        return _name_text(head)  # "villages near X"
    return ""


def _clause(verb: Token) -> Iterator[tuple[int, Token]]:
    """The tokens of ``verb``'s clause with their depth, breadth first, leaving out
    the clauses it governs and verbs coordinated with it."""
    queue = [(0, verb)]
    while queue:
        depth, tok = queue.pop(0)
        yield depth, tok
        kids = sorted(tok.children, key=lambda c: abs(c.i - verb.i))
        for child in kids:
            if child.dep_ == "advcl" and _participle(child):  # "Speaking in Baghdad, X ..."
                queue.append((depth + 1, child))
                continue
            if child.dep_ in CLAUSE_DEPS:
                continue
            if child.dep_ == "conj" and _is_clause(child):
                continue
            if child.dep_ == "prep" and child.lower_ in TOPIC_PREPS and not (
                    (child.lower_ == "on" and (tok.lemma_.lower() in ATTACK_NOUNS | EVENT_NOUNS
                                               or _attack_object(tok)))
                    or (child.lower_ == "on" and any(  # "on the outskirts of X"
                        o.dep_ == "pobj" and o.lower_ in ON_NOUNS for o in child.children))
                    or (child.lower_ == "of" and tok.pos_ not in ("VERB", "AUX", "ADJ"))
                    or (child.lower_ == "for" and tok.lemma_.lower() in FOR_NOUNS)
                    or (child.lower_ == "over" and _over(child))):
                continue
            queue.append((depth + 1, child))


def _participle(tok: Token) -> bool:
    """A participle clause sharing its head's subject: "Speaking in Baghdad, he said"."""
    return tok.tag_ in ("VBG", "VBN") and not any(
        c.dep_ in ("nsubj", "nsubjpass", "mark") for c in tok.children)


def _reference(obj: Token) -> bool:
    """The object of "of" after a direction measured off ("60 km southeast of X")."""
    prep = obj.head
    return prep.lower_ == "of" and prep.head.lower_ in geo.DIRECTIONS and any(
        c.dep_ in ("npadvmod", "nummod", "advmod") and c.lemma_.lower() in DISTANCES
        for c in prep.head.subtree)


DISTANCES = frozenset({"kilometer", "kilometre", "km", "mile", "kilometers", "kilometres",
                       "miles", "kms", "meter", "metre", "meters", "metres"})


def _attack_object(verb: Token) -> bool:
    """A verb whose object is an attack: "launched airstrikes on X" (X is struck)."""
    return any(c.dep_ == "dobj" and c.lemma_.lower() in ATTACK_NOUNS for c in verb.children)


def _over(prep: Token) -> bool:
    """"over" naming where: after a verb of flight or dropping, or its object ("dropped
    leaflets over Rafah"), not a topic ("concern over Rafah")."""
    head = prep.head
    if head.dep_ == "dobj":
        head = head.head
    return head.lemma_.lower() in OVER_VERBS


FINITE = frozenset({"VBD", "VBZ", "VBP"})


def _unlike(a: Token, b: Token) -> bool:
    """A gerund coordinated with a finite verb: a misparse of "of arming and
    supporting", not two predicates of one clause."""
    return (a.tag_ == "VBG" and b.tag_ in FINITE) or (b.tag_ == "VBG" and a.tag_ in FINITE)


def _is_clause(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX") or any(
        c.dep_ in ("nsubj", "nsubjpass", "dobj", "aux") for c in tok.children)


def _phrases(verb: Token, own_only: bool = False) -> Iterator[Token]:
    """Heads of the noun phrases that may name the clause's place, nearest first."""
    nodes = [(0, verb)] if own_only else list(_clause(verb))
    if own_only:
        nodes += [(1, c) for c in verb.children if c.dep_ in ("prep", "npadvmod", "dobj")]
        nodes += [(1, p) for c in verb.children if c.dep_ == "dobj"
                  for p in c.children if p.lower_ == "over" and _over(p)]  # leaflets over X
        nodes += [(1, p) for c in verb.children if c.dep_ == "prep" and c.lower_ == "out"
                  for p in c.children if p.dep_ == "prep"]  # "out of X" is the verb's own
        nodes += [(2, p) for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")
                  or (c.dep_ == "advcl" and _participle(c))  # "Speaking in Baghdad, ..."
                  for p in c.children if p.dep_ == "prep"]  # "police in Naypyitaw"
    found: list[tuple[int, int, Token]] = []
    for depth, tok in nodes:
        if tok.dep_ == "prep" or (tok.pos_ == "ADP" and tok.dep_ in ("prep", "agent", "conj")):
            lower = tok.lower_
            for obj in tok.children:
                if obj.dep_ != "pobj":
                    continue
                if (lower in LOC_PREPS or (lower == "on" and obj.lower_ in ON_NOUNS)
                        or (lower == "on" and (tok.head.lemma_.lower() in ATTACK_NOUNS
                                               or _attack_object(tok.head)))
                        or (lower == "on" and obj.lemma_.lower() in EVENT_NOUNS)
                        or (lower == "to" and tok.head.lemma_.lower() in MOVE_VERBS)
                        or (lower == "of" and (tok.head.lower_ in geo.DIRECTIONS  # east of X
                                               or tok.head.lower_ == "out"  # out of X
                                               or tok.head.lemma_.lower() in OF_NOUNS))
                        or (lower == "for" and tok.head.lemma_.lower() in FOR_NOUNS)
                        or (lower == "over" and _over(tok))):
                    found.append((depth, abs(obj.i - verb.i), obj))
        elif (tok.dep_ == "dobj" and tok.head.i == verb.i
              and verb.lemma_.lower() in PLACE_VERBS):
            found.append((depth, abs(tok.i - verb.i), tok))
    for _, _, tok in sorted(found, key=lambda t: (t[0], t[1])):
        yield tok


def _resolve_phrase(head: Token, prefer: tuple[str, ...], seen: tuple[str, ...],
                    recent: geo.Place | None = None) -> Location | None:
    """The place a noun phrase names: its own name ("northern Rakhine state"), else
    the place of a place noun ("the city of X", "the capital, X"), with a qualifier
    taken from an apposition ("Tyre, Lebanon"); conjoined places give the first."""
    for tok in _heads(head):
        if (tok.lower_ in ("city", "town") and recent is not None and recent.level == "city"
                and any(c.lower_ == "the" for c in tok.children) and not _name_text(tok)
                and not any(c.dep_ in ("appos", "prep") for c in tok.children)):
            return Location(f"the {tok.lower_}", recent, "clause")  # the city last named
        if tok.lower_ in ("capital", "country") and not _name_text(tok) and prefer and any(
                c.lower_ == "the" for c in tok.children) and not any(
                c.dep_ in ("appos", "prep") for c in tok.children):
            # "near the capital", "across the country": the event's (or article's) country
            place = _capital(prefer[0]) if tok.lower_ == "capital" else geo.country_place(
                prefer[0])
            if place is not None:
                return Location(f"the {tok.lower_}", place, "clause")
        whole = _name_text(tok, possessive=True)
        if whole != _name_text(tok):  # "Cox's Bazar" before "Bazar"
            place = geo.resolve_place(whole, prefer, seen)
            if place is not None:
                return Location(whole, place, "clause")
        text = _name_text(tok)
        if text and tok.lower_ in TIME_WORDS:  # "in Bamako Thursday"
            named = [c for c in tok.lefts if c.dep_ == "compound" and c.text[:1].isupper()]
            text = _name_text(named[-1]) if named else ""
        if text and tok.text in ("provinces", "states", "regions", "governorates"):
            # "Idlib and Homs provinces" (not "the United States")
            named = [c for c in tok.lefts if c.dep_ in ("nmod", "compound")
                     and c.text[:1].isupper()]  # "Idlib and Homs provinces"
            text = f"{_name_text(named[0])} province" if named else ""
        if text:
            qualifier = _qualifier(tok)
            place = None
            if qualifier:
                place = geo.resolve_place(f"{text}, {qualifier}", prefer, seen)
            if place is None:
                place = geo.resolve_place(text, prefer, seen)
            if place is not None:
                return Location(text + (f", {qualifier}" if qualifier and place else ""),
                                place, "clause")
        if tok.lower_ in PLACE_NOUNS or tok.lemma_.lower() in PLACE_NOUNS:
            # "the Ukraine port", "the Gaza border": the name before the place noun
            named = [c for c in tok.lefts if c.dep_ in ("compound", "nmod", "poss")
                     and c.text[:1].isupper()]
            if named:
                place = geo.resolve_place(_name_text(named[-1]), prefer, seen)
                if place is not None:
                    return Location(_name_text(named[-1]), place, "clause")
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    for obj in child.children:
                        if obj.dep_ == "pobj":
                            found = _resolve_phrase(obj, prefer, seen, recent)
                            if found is not None:
                                return found
                elif child.dep_ == "appos":
                    found = _resolve_phrase(child, prefer, seen, recent)
                    if found is not None:
                        return found
    # "Cairo's largest demonstration": a capitalized possessor of the phrase
    for c in head.children:
        if (c.dep_ == "poss" and c.lower_ == "country" and prefer
                and any(d.lower_ == "the" for d in c.children)):
            place = geo.country_place(prefer[0])  # "closed the country's borders"
            if place is not None:
                return Location("the country", place, "clause")
        if (c.dep_ == "poss" and c.lower_ in ("city", "town") and recent is not None
                and recent.level == "city"):
            return Location(f"the {c.lower_}", recent, "clause")  # "the city's east"
        if c.dep_ == "poss" and c.text[:1].isupper():
            place = geo.resolve_place(c.text, prefer, seen)
            if place is not None:
                return Location(c.text, place, "clause")
    # "at a news conference in Cairo": the place of the phrase's own place phrase
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ in LOC_PREPS:
            for obj in c.children:
                if obj.dep_ == "pobj":
                    found = _resolve_phrase(obj, prefer, seen, recent)
                    if found is not None:
                        return found
    return None


def _capital(country: str) -> geo.Place | None:
    own = geo.country_place(country)
    capital = geo.capital_of(country)
    if own is None or not capital:
        return None
    return geo.resolve_place(f"{capital}, {own.name}", [country])


def _heads(head: Token) -> Iterator[Token]:
    yield head
    for c in head.children:
        if c.dep_ == "conj":
            yield c


def _name_text(head: Token, possessive: bool = False) -> str:
    """The words naming a place: the head with its compounds and modifiers to the
    left, without determiners; "" unless one of the words is capitalized. With
    ``possessive``, a capitalized possessor is part of the name ("Cox's Bazar")."""
    deps = NAME_DEPS | {"poss"} if possessive else NAME_DEPS
    start = head.i
    for child in sorted((c for c in head.lefts if c.dep_ in deps), key=lambda c: -c.i):
        if child.dep_ == "poss" and not child.text[:1].isupper():
            continue
        if child.i == start - 1 or all(t.dep_ in deps | {"punct", "case"} or t.head.i != head.i
                                      for t in head.doc[child.i + 1:start]):
            start = min(start, child.left_edge.i)
    words = [t for t in head.doc[start:head.i + 1]]
    while words and (words[0].dep_ == "det" or words[0].lower_ in ("the", "'s")
                     or (words[0].dep_ == "poss" and not possessive)):
        words = words[1:]
    # a country's adjective is not part of the name ("the Ukrainian port")
    while len(words) > 1 and words[0].dep_ == "amod" and words[0].lower_ not in geo.DIRECTIONS:
        words = words[1:]
    if not words or not any(w.text[:1].isupper() for w in words):
        return ""
    return "".join(w.text_with_ws for w in words).strip()


def _qualifier(head: Token) -> str:
    for c in head.children:
        if c.dep_ in ("appos", "npadvmod") and c.i > head.i and c.text[:1].isupper():
            return _name_text(c)
    return ""
