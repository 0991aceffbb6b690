"""Events: the rows of the native event table, built from coded sentences.

Repeats of the same (date, source, code, target) within one article are
written once, with a ``mentions`` count.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

from .context import how_found
from .dictionaries import Dictionaries, quad_of, root_of
from .grammar import Coded
from .schemas import COLUMNS  # noqa: F401  (defined with the other schemas; kept here for importers)


@dataclass
class Event:
    event_id: str
    story_id: str
    sentence_id: int
    date: str
    pub_date: str
    source: str
    source_country: str
    source_role: str
    source_text: str
    source_how: str
    code: str
    root_code: str
    event_name: str
    quad_class: int
    goldstein: float | None
    target: str
    target_country: str
    target_role: str
    target_text: str
    target_how: str
    verb_text: str
    pattern_id: str
    mentions: int
    sentence: str
    # carried for the icews/phoenix schemas; not native columns
    publisher: str = ""
    url: str = ""
    issues: str = ""
    # where it happened (coder/locate.py) and its PLOVER category (coder/plover.py)
    location: str = ""
    place: str = ""
    admin1: str = ""
    location_country: str = ""
    latitude: float | None = None
    longitude: float | None = None
    geonames_id: str = ""
    location_level: str = ""
    location_evidence: str = ""
    plover_type: str = ""
    plover_mode: str = ""
    plover_context: str = ""

    def row(self) -> dict:
        return asdict(self)


class EventBuilder:
    """Collects one article's events, merging repeats."""

    def __init__(self, dictionaries: Dictionaries, story_id: str, pub_date: dt.date,
                 publisher: str = "", url: str = "") -> None:
        self.d = dictionaries
        self.story_id = story_id
        self.pub_date = pub_date.isoformat()
        self.publisher = publisher
        self.url = url
        self.events: list[Event] = []
        self._seen: dict[tuple[str, str, str, str], Event] = {}

    def add(self, sentence_id: int, sentence: str, coded: Coded, issues: str = "") -> Event:
        key = (coded.date.isoformat(), coded.source.code, coded.code, coded.target.code)
        if key in self._seen:
            ev = self._seen[key]
            ev.mentions += 1
            return ev
        n = len(self.events) + 1
        ev = Event(
            event_id=f"{self.story_id}-{n}",
            story_id=self.story_id,
            sentence_id=sentence_id,
            date=key[0],
            pub_date=self.pub_date,
            source=coded.source.code,
            source_country=coded.source.country,
            source_role=coded.source.role,
            source_text=coded.source.text,
            source_how=how_found(coded.source),
            code=coded.code,
            root_code=root_of(coded.code),
            event_name=self.d.event_name(coded.code),
            quad_class=quad_of(coded.code),
            goldstein=self.d.goldstein(coded.code),
            target=coded.target.code,
            target_country=coded.target.country,
            target_role=coded.target.role,
            target_text=coded.target.text,
            target_how=how_found(coded.target),
            verb_text=coded.match.verb_text(coded.verb),
            pattern_id=coded.match.pattern_id,
            mentions=1,
            sentence=sentence,
            publisher=self.publisher,
            url=self.url,
            issues=issues,
        )
        self._seen[key] = ev
        self.events.append(ev)
        return ev
