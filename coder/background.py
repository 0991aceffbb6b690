"""Background stage: acts the sentence places in the past are not today's events.

``rules/background.yaml`` says what counts. The stage reads only the time
expressions attached to the event's own verb (or, for a coordinated verb without
one, to the verb it is coordinated with, and for a complement, to the verb that
governs it: "in 2015 it began supporting ..."): "seized power in 2021", "fought a war
four years ago", "has ruled since 2014", "last year". A day inside a noun phrase
("the 2014 annexation") or another clause does not make the event background.
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Token

from .dates import MONTHS
from .dictionaries import BackgroundRule
from .grammar import Coded

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": 3,
    "few": 2, "many": 5, "some": 2, "dozen": 12,
}


def is_background(ev: Coded, article_date: dt.date, rule: BackgroundRule) -> str:
    """Why ``ev`` is background ("in 2014"), or "" when it is an event of the story."""
    if not rule.enabled:
        return ""
    verb = ev.verb
    why = _placed_in_past(verb, article_date, rule)
    t = verb  # "in 2015 it started supporting ...", "... seized the town and held it"
    while not why and t.head.i != t.i and (
            t.dep_ == "xcomp" or t.dep_ == "conj" and not _has_time(t, rule)):
        t = t.head
        why = _placed_in_past(t, article_date, rule)
    if not why and rule.dated == "drop" and ev.date_text:
        if (article_date - ev.date).days > rule.max_age_days:
            why = f"{ev.date_text!r} ({ev.date.isoformat()})"
    return why


def _has_time(verb: Token, rule: BackgroundRule) -> bool:
    return any(_year(t) or _month(t) for c in verb.children
               if c.dep_ == "prep" and c.lower_ in rule.preps for t in c.children)


def _year(tok: Token) -> int | None:
    t = tok.text.rstrip("s")  # "in the 1990s"
    if len(t) == 4 and t.isdigit() and 1800 <= int(t) <= 2100:
        return int(t)
    return None


def _month(tok: Token) -> int | None:
    w = tok.lower_.rstrip(".")
    if w in MONTHS and tok.text[:1].isupper() and w not in ("may", "mar"):
        return MONTHS[w]
    return None


def _count(unit: Token) -> int:
    for c in unit.children:
        if c.dep_ in ("nummod", "det", "amod", "quantmod"):
            w = c.lower_
            if w.isdigit():
                return int(w)
            if w in NUMBER_WORDS:
                return NUMBER_WORDS[w]
    return 1


def _unit_days(tok: Token, rule: BackgroundRule) -> int | None:
    lem = tok.lemma_.lower()
    return rule.units.get(lem) or rule.units.get(tok.lower_.rstrip("s"))


def _placed_in_past(verb: Token, article_date: dt.date, rule: BackgroundRule) -> str:
    limit = rule.max_age_days
    for c in verb.children:
        # "in 2014", "since March", "during the 1990s"
        if c.dep_ == "prep" and c.lower_ in rule.preps:
            for pobj in c.children:
                if pobj.dep_ != "pobj":
                    continue
                year = _year(pobj) or next((y for g in pobj.children if (y := _year(g))), None)
                month = _month(pobj)
                if c.lower_ in rule.since and (year or month):
                    return f"{c.text} {pobj.text}"
                if year is not None and year < article_date.year:
                    return f"{c.text} {pobj.text}"
                if month is not None and not any(g.like_num and len(g.text) <= 2
                                                 for g in pobj.children):
                    y = year or (article_date.year if month <= article_date.month
                                 else article_date.year - 1)
                    try:
                        when = dt.date(y, month, 1)
                    except ValueError:
                        continue
                    # the month's last day is still more than the limit back
                    end = (dt.date(y + (month == 12), month % 12 + 1, 1)
                           - dt.timedelta(days=1))
                    if (article_date - end).days > limit and when < article_date:
                        return f"{c.text} {pobj.text}"
        # "four months ago", "two years earlier"
        if c.lower_ in rule.ago and c.dep_ in ("advmod", "npadvmod", "prep"):
            for unit in c.children:
                days = _unit_days(unit, rule)
                if days is not None and days * _count(unit) > limit:
                    return f"{unit.text} {c.text}"
        # "last year", "last decade"
        if c.dep_ in ("npadvmod", "tmod", "obl:tmod") or (c.dep_ == "advmod"
                                                          and c.pos_ == "NOUN"):
            days = _unit_days(c, rule)
            if days is not None and any(g.lower_ in ("last", "previous", "past")
                                        and g.dep_ == "amod" for g in c.children):
                if days * _count(c) > limit and not any(
                        g.like_num for g in c.children):  # "the past 24 hours"
                    return f"last {c.text}"
        # "ago" as the verb's own advmod whose unit hangs from the verb: rare parses
        if c.dep_ == "npadvmod" and any(g.lower_ in rule.ago for g in c.children):
            days = _unit_days(c, rule)
            if days is not None and days * _count(c) > limit:
                return f"{c.text} ago"
    return ""
