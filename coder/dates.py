"""Event dates: the day a sentence names for its action, resolved against the article date.

Only expressions attached to the event's own verb count: "met on Monday",
"said Wednesday", "late Tuesday". A day inside a noun phrase ("Saturday's
attack") or another clause does not date the event. Weekdays resolve to the most
recent such day on or before the article date. Future and planned actions are
dated by the caller with the article date (the event is the announcement).
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Token

WEEKDAYS = {
    name: i
    for i, names in enumerate(
        [("monday", "mon"), ("tuesday", "tue", "tues"), ("wednesday", "wed"),
         ("thursday", "thu", "thur", "thurs"), ("friday", "fri"), ("saturday", "sat"),
         ("sunday", "sun")]
    )
    for name in names
}
RELATIVE_DAYS = {"today": 0, "tonight": 0, "yesterday": -1}
PARTS_OF_DAY = frozenset({"morning", "afternoon", "evening", "night"})
MONTHS = {
    m: i
    for i, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
         ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
         ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
         ("december", "dec")],
        start=1,
    )
    for m in names
}
# Words that name a day in a prepositional phrase ("on Wednesday", "on March 3")
DAY_WORDS = frozenset(WEEKDAYS) | frozenset(MONTHS)
DATE_DEPS = frozenset({"npadvmod", "tmod", "obl:tmod", "nmod:tmod", "advmod", "obl", "nmod"})
DATE_PREPS = frozenset({"on", "late", "early"})


def resolve_weekday(article_date: dt.date, weekday: int) -> dt.date:
    """The most recent ``weekday`` on or before ``article_date``."""
    return article_date - dt.timedelta(days=(article_date.weekday() - weekday) % 7)


def _word(tok: Token) -> str:
    return tok.lower_.rstrip(".")


def _month_day(tok: Token, article_date: dt.date) -> dt.date | None:
    """"Nov. 21" / "21 November" around a month token, in the article's year (or the one
    before, when the day would fall after the article)."""
    month = MONTHS.get(_word(tok))
    if month is None or (tok.lower_ in ("may", "mar") and not tok.text[0].isupper()):
        return None
    day = None
    for c in tok.children:
        if c.like_num and c.text.isdigit() and 1 <= int(c.text) <= 31:
            day = int(c.text)
    if day is None:
        for near in (tok.nbor(1) if tok.i + 1 < len(tok.doc) else None,
                     tok.nbor(-1) if tok.i > 0 else None):
            if near is not None and near.text.isdigit() and 1 <= int(near.text) <= 31:
                day = int(near.text)
                break
    if day is None:
        return None
    year = article_date.year
    try:
        when = dt.date(year, month, day)
        if when > article_date:
            when = dt.date(year - 1, month, day)
    except ValueError:
        return None
    return when


def date_of(tok: Token, article_date: dt.date) -> dt.date | None:
    """The day a single token names, if any."""
    w = _word(tok)
    if w in WEEKDAYS and tok.text[:1].isupper():
        return resolve_weekday(article_date, WEEKDAYS[w])
    if w in RELATIVE_DAYS:
        return article_date + dt.timedelta(days=RELATIVE_DAYS[w])
    if w == "night" and any(c.lower_ == "last" for c in tok.children):
        return article_date - dt.timedelta(days=1)
    if w in PARTS_OF_DAY:  # "on Monday night", "Tuesday morning"
        for c in tok.children:
            if c.dep_ in ("compound", "amod", "nmod") and _word(c) in WEEKDAYS:
                return date_of(c, article_date)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", tok.text):
        try:
            return dt.date.fromisoformat(tok.text)
        except ValueError:
            return None
    return _month_day(tok, article_date)


# A day after one of these phrases belongs to the act it names: "expelled the envoys
# after the attack in Kashmir yesterday" dates the attack, not the expulsion.
OTHER_EVENT_PREPS = frozenset({"after", "following", "since", "before", "ahead"})
# A clause these open happens when its head does: "the situation spiralled Wednesday
# as soldiers stormed the radio station".
SAME_TIME_MARKS = frozenset({"as", "when", "while"})


def event_date(verb: Token, article_date: dt.date,
               inherit: bool = True) -> tuple[dt.date, str] | None:
    """The date named for ``verb``'s own action, with the words that named it."""
    other = min((c.i for c in verb.children
                 if c.dep_ == "prep" and c.lower_ in OTHER_EVENT_PREPS), default=None)
    for child in verb.children:
        if other is not None and child.i > other:
            break
        if child.dep_ in DATE_DEPS:
            when = date_of(child, article_date)
            if when is not None:
                return when, child.text
        if child.dep_ == "prep" and child.lower_ in DATE_PREPS:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    when = date_of(pobj, article_date)
                    if when is not None:
                        return when, f"{child.text} {pobj.text}"
    if inherit and verb.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in SAME_TIME_MARKS for c in verb.children):
        return event_date(verb.head, article_date, inherit=False)
    return None
