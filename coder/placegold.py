"""Scoring event places against a location gold.

A gold entry names the place a careful coder gives an event: a GeoNames id (city or
country), a province's GeoNames admin1 code, or only a country for a place the
gazetteer does not hold; or no place. The scores, among the gold events that have
a place: the share whose predicted place lies in the right country, and the share
that is the very place. Also the share of all events given a place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Token

from . import geo
from .locate import is_verbal


@dataclass(frozen=True)
class GoldPlace:
    country: str
    geonames_id: int | None = None
    admin1_code: str = ""
    name: str = ""

    @classmethod
    def from_entry(cls, entry: dict) -> GoldPlace | None:
        """None for an entry saying the event has no place."""
        if entry.get("geonames"):
            p = geo.place_by_id(int(entry["geonames"]))
            country = entry.get("country") or (p.country if p else "")
            return cls(country, int(entry["geonames"]), name=entry.get("name") or
                       (p.name if p else ""))
        if entry.get("admin1"):
            p = geo.province_by_code(entry["admin1"])
            return cls(entry.get("country") or (p.country if p else ""),
                       admin1_code=entry["admin1"], name=p.name if p else "")
        if entry.get("country"):
            return cls(entry["country"], name=entry.get("name", ""))
        return None


@dataclass
class PlaceScore:
    events: int = 0  # events scored
    located: int = 0  # of them, given a place by the coder
    gold_places: int = 0  # events whose gold has a place
    country_right: int = 0
    exact_right: int = 0
    false_places: int = 0  # a place where the gold has none
    misses: list[str] = field(default_factory=list)

    def add(self, key: str, predicted: dict, gold: GoldPlace | None) -> None:
        """``predicted``: an event row (place, location_country, geonames_id,
        location_level)."""
        self.events += 1
        has = bool(predicted.get("location_country"))
        self.located += has
        if gold is None:
            if has:
                self.false_places += 1
                self.misses.append(f"{key}: none in gold, got {predicted.get('place')}")
            return
        self.gold_places += 1
        country = has and predicted["location_country"] == gold.country
        exact = country and _same(predicted, gold)
        self.country_right += country
        self.exact_right += exact
        if not exact:
            self.misses.append(f"{key}: gold {gold.name or gold.country} ({gold.country}), got "
                               f"{predicted.get('place') or '-'} "
                               f"({predicted.get('location_country') or '-'})")

    @property
    def country_rate(self) -> float:
        return self.country_right / self.gold_places if self.gold_places else 0.0

    @property
    def exact_rate(self) -> float:
        return self.exact_right / self.gold_places if self.gold_places else 0.0

    @property
    def located_rate(self) -> float:
        return self.located / self.events if self.events else 0.0

    def line(self) -> str:
        return (f"{self.events} events, {self.gold_places} with a gold place: country right "
                f"{self.country_rate:.3f}, exact place right {self.exact_rate:.3f}; events "
                f"given a place {self.located_rate:.3f}; places where the gold has none "
                f"{self.false_places}")


def _same(predicted: dict, gold: GoldPlace) -> bool:
    gid = str(predicted.get("geonames_id") or "")
    if gold.geonames_id is not None:
        return gid == str(gold.geonames_id)
    if gold.admin1_code:
        return (predicted.get("location_level") == "province"
                and predicted.get("place") == gold.name)
    return False  # a place the gazetteer does not hold cannot be found exactly


# -- running the coder against a gold -----------------------------------------
def _key(entry: dict) -> tuple:
    return (str(entry["id"]), int(entry.get("sentence", entry.get("event", -1))),
            str(entry.get("code", "")))


def load_gold(path: str) -> dict[tuple, GoldPlace | None]:
    """``(record id, sentence or event index, code or "")`` -> gold place."""
    import yaml

    with open(path, encoding="utf-8") as fh:
        entries = yaml.safe_load(fh)["places"]
    return {_key(e): GoldPlace.from_entry(e) for e in entries}


def score_coded(coder, records, gold: dict[tuple, GoldPlace | None]) -> PlaceScore:  # noqa: ANN001
    """Score the coder's own events, gold keyed by record id and sentence (and code)."""
    score = PlaceScore()
    for result in coder.code_articles(records):
        for ev in result.events:
            key = (ev.story_id, ev.sentence_id, ev.code)
            if key not in gold:
                key = (ev.story_id, ev.sentence_id, "")
            if key in gold:
                score.add(f"{key[0]}:{key[1]} {ev.code}", ev.row(), gold[key])
    return score


def score_gold_events(coder, records: list[dict], gold: dict[tuple, GoldPlace | None]  # noqa: ANN001
                      ) -> PlaceScore:
    """Score the locator on every gold event of hand-coded records (the real-news dev
    format: ``id``, ``published``, ``title``, ``text``, ``events`` with ``sentence``,
    ``source``, ``code``, ``target``), keyed by record id and event index.

    Each gold event is located in the coder's parse of its sentence, from the verb
    the coder coded there with the same root code, else the sentence's root verb;
    the gold actors' countries come first, then the article's."""
    from .articles import make_article
    from .locate import (
        CARRY,
        FORCE_ROOTS,
        Location,
        columns,
        home_country,
        locate_in_clause,
        refers_back,
    )
    from .sentences import story_place

    score = PlaceScore()
    for rec in records:
        article = make_article({"id": rec["id"], "date": str(rec["published"]),
                                "title": rec.get("title", ""), "text": rec["text"]},
                               rec["id"], rec["id"], None)
        result, trace = coder.trace(article)
        sents = [(" ".join(t.sent.text.split()), t) for t in trace]
        countries = [c for ev in result.events for c in (ev.source_country, ev.target_country)
                     if c]
        dateline = story_place(article)
        recent: geo.Place | None = None
        last = None  # the last place a clause of this article named (coder/locate.py)
        last_sid = -1
        used: dict[tuple[int, str], list[int]] = {}  # verbs given to earlier gold events
        paired = _pair_events(rec.get("events") or [], sents)
        for n, gev in enumerate(rec.get("events") or []):
            key = (rec["id"], n, "")
            if key not in gold:
                continue
            target = " ".join(str(gev.get("sentence", "")).split())
            best = max(sents, key=lambda s: _overlap(s[0], target), default=None)
            prefer = [str(a)[:3] for a in (gev.get("source"), gev.get("target"))
                      if a and str(a)[:3].isalpha() and str(a)[:3] not in _NOT_COUNTRIES]
            prefer += [c for c in countries if c not in prefer]
            row: dict = {"location_country": ""}
            loc = None
            if best is not None:
                code = str(gev["code"])
                taken = used.setdefault((id(best[1]), code[:2]), [])
                if n in paired and paired[n][0] == id(best[1]):
                    verb = best[1].sent.doc[paired[n][1]]
                else:
                    others = {i for m, (t, i) in paired.items() if m != n and t == id(best[1])}
                    verb = _gold_verb(best[1], target, code, taken, others)
                taken.append(verb.i)
                home = home_country(*(c if c.isalpha() and c not in _NOT_COUNTRIES else ""
                                      for c in (str(gev.get("source") or "")[:3],
                                                str(gev.get("target") or "")[:3])))
                loc = locate_in_clause(verb, prefer, verbal=is_verbal(code), home=home,
                                       recent=recent)
                if loc is not None and loc.place.level != "country":
                    last, last_sid = loc, best[1].sentence_id
                if loc is not None and loc.place.level == "city":
                    recent = loc.place
            if loc is None and dateline:
                place = geo.resolve_place(dateline, prefer)
                if place is not None:
                    loc = Location(dateline, place, "dateline")
            actors = {str(a)[:3] for a in (gev.get("source"), gev.get("target")) if a}
            if (loc is None and last is not None and last.place.country in actors
                    and str(gev["code"])[:2] in FORCE_ROOTS and best is not None
                    and best[1].sentence_id - last_sid <= CARRY and refers_back(verb)):
                loc = Location(last.text, last.place, "article")
            if loc is not None:
                row = columns(loc)
            score.add(f"{rec['id']}#{n}", row, gold[key])
    return score


def _best_sentence(sents: list, fragment: str):  # noqa: ANN202
    return max(sents, key=lambda s: _overlap(s[0], fragment), default=None)


def _pair_events(events: list[dict], sents: list) -> dict[int, tuple[int, int]]:
    """Gold event index -> (its sentence trace's id, the token index of the verb of the
    coder's event it is),
    in the same sentence with the same root code, best actor match first (each coder
    event pairs once: "set up checkpoints, imposed a curfew and closed the borders")."""
    options: list[tuple[int, int, int, int]] = []
    for n, gev in enumerate(events):
        best = _best_sentence(sents, " ".join(str(gev.get("sentence", "")).split()))
        if best is None:
            continue
        trace = best[1]
        code = str(gev["code"])
        inside = _inside(trace, " ".join(str(gev.get("sentence", "")).split()), trace.verbs)
        for k, ev in enumerate(trace.events):
            if ev.code[:2] != code[:2] or not ev.verb_text:
                continue
            head = ev.verb_text.split()[0]
            verbs = [v.index for v in inside if v.verb == head]
            if verbs:
                match = (ev.source[:6] == str(gev.get("source") or "")[:6]) + (
                    ev.target[:6] == str(gev.get("target") or "")[:6])
                options.append((match, n, id(trace) * 1000 + k, (id(trace), verbs[0])))
    pairs: dict[int, tuple[int, int]] = {}
    done: set[int] = set()
    for _, n, ev_key, verb in sorted(options, key=lambda o: (-o[0], o[1])):
        if n not in pairs and ev_key not in done:
            pairs[n] = verb
            done.add(ev_key)
    return pairs


def _inside(trace, fragment: str, verbs: list) -> list:  # noqa: ANN001
    """The verbs inside the gold's own words, when the gold sentence is a part of the
    coder's sentence (else all of them)."""
    span = trace.sent
    words = fragment.split()
    found = re.search(r"\s+".join(map(re.escape, words)), span.text) if words else None
    if found and len(words) < len(span.text.split()):
        return [v for v in verbs
                if found.start() <= span.doc[v.index].idx - span.start_char < found.end()]
    return verbs


def _gold_verb(trace, fragment: str, code: str, taken: list[int],  # noqa: ANN001
               exclude: set[int]) -> Token:
    """The token of the verb the gold event stands for, in the coder's parse.

    Only verbs inside the gold's own words count when the gold sentence is a part of
    the coder's sentence. In this order: the verb of an event the coder made with the
    gold's root code; a verb the coder gave that root code; one it coded as verbal (or
    material) as the gold; for a material event, a verb it saw but did not code, not
    a reporting verb; else the sentence's root. Verbs the coder took for background
    are not events. A second gold event with the same root code in the sentence takes
    the next such verb, when there is one; verbs of the coder's events that other gold
    events are (``exclude``) are not this one's."""
    span = trace.sent
    verbs = [v for v in trace.verbs
             if not v.outcome.startswith("background") and v.index not in exclude]
    verbs = _inside(trace, fragment, verbs) or verbs
    heads = {ev.verb_text.split()[0] for ev in trace.events
             if ev.code[:2] == code[:2] and ev.verb_text}
    groups = [
        [v for v in verbs if v.verb in heads],
        [v for v in verbs if v.code[:2] == code[:2]],
        [v for v in verbs if v.code and is_verbal(v.code) == is_verbal(code)],
        [v for v in verbs if not v.code and span.doc[v.index].lemma_ not in _REPORTING]
        if not is_verbal(code) else [],
    ]
    for group in groups:
        if group:
            fresh = [v for v in group if v.index not in taken]
            return span.doc[(fresh or group)[0].index]
    return span.root


_REPORTING = {"say", "tell", "report", "claim", "announce", "add", "state", "insist"}
_NOT_COUNTRIES = {"IGO", "NGO", "IMG", "MNC", "NGM", "UAF", "REB", "GOV", "MIL", "COP",
                  "OPP", "CVL", "INS", "BUS", "MED", "JUD", "LEG", "REF", "SPY", "EDU",
                  "HLH", "LAB", "AGR", "ELI", "CRM", "ENV", "SEP", "PTY", "HRI", "DEV"}


def _overlap(a: str, b: str) -> float:
    if a and b and (a in b or b in a):
        return 1.0 + min(len(a), len(b)) / max(len(a), len(b))
    wa, wb = set(a.lower().split()), set(b.lower().split())
    return len(wa & wb) / len(wa | wb) if wa and wb else 0.0
