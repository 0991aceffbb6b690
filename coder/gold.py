"""Gold records: PETRARCH validation XML and the project's own YAML/JSONL gold format.

PETRARCH records are ``<Sentence id= date=YYYYMMDD>`` elements with
``<EventCoding sourcecode= targetcode= eventcode=>`` children (or
``noevents="True"``, or ``error="storydiscard"``) and a ``<Text>``. The GSR file
is not well-formed XML (its ``<Sentence .../>`` is self-closing and followed by
its codings and text), so records are read by scanning, not with an XML parser.

The project's gold format, in YAML (a list) or JSONL (one per line)::

    - id: r1
      date: 2005-11-22
      text: Iran condemned Israel.
      events: [{source: IRN, code: "111", target: ISR}]
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .articles import (
    XML_ATTRIBUTE,
    Article,
    Skipped,
    parse_date,
    petrarch_chunks,
    petrarch_date,
    petrarch_fields,
)

_CODING = re.compile(r"<EventCoding\b([^>]*?)/?>", re.S)


@dataclass
class GoldRecord:
    id: str
    date: dt.date
    text: str
    events: list[tuple[str, str, str]] = field(default_factory=list)
    origin: str = ""
    group: str = ""
    title: str = ""
    source: str = ""
    # real-news gold (dates, accepted variants, a second coder's events): scored with
    # coder.newsscore; None for PETRARCH-style records
    detail: list[dict] | None = None
    alt_events: list[dict] = field(default_factory=list)

    def article(self) -> Article:
        return Article(self.id, self.text, self.date, title=self.title, source=self.source,
                       origin=self.origin)


def _actor(code: str) -> str:
    """PETRARCH writes an unknown country as ``---``: ``---GOV`` is the role GOV, and
    ``---`` alone no actor (the project's convention: empty)."""
    return code[3:] if code.startswith("---") else code


def read_petrarch_xml(source: str | Iterable[str], origin: str
                      ) -> Iterator[GoldRecord | Skipped]:
    lines = source.splitlines(keepends=True) if isinstance(source, str) else source
    for k, (line, chunk, too_long) in enumerate(petrarch_chunks(lines)):
        where = f"{origin}:{line}"
        fields = petrarch_fields(chunk)
        rid = (fields[0].get("id") if fields else None) or f"record-{k + 1}"
        if fields is None or too_long:
            yield Skipped(rid, where, "E205" if too_long else "E204",
                          "the record is too long" if too_long else "a broken <Sentence> tag")
            continue
        attrs, text = fields
        date = petrarch_date(attrs.get("date", ""))
        if date is None or text is None:
            yield Skipped(rid, where, "E203" if date is None else "E202",
                          "no date" if date is None else "no <Text>")
            continue
        rec = GoldRecord(rid, date, text, origin=where,
                         group=attrs.get("source") or attrs.get("category") or "")
        for c in _CODING.finditer(chunk):
            a = dict(XML_ATTRIBUTE.findall(c.group(1)))
            if "eventcode" in a:  # error="storydiscard": no event is expected
                rec.events.append((_actor(a.get("sourcecode", "")), a["eventcode"],
                                   _actor(a.get("targetcode", ""))))
        yield rec


def read_gold(path: str | Path) -> Iterator[GoldRecord | Skipped]:
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    if path.suffix.lower() == ".xml":
        yield from read_petrarch_xml(text, str(path))
        return
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        items = []
        for n, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    items.append((n, json.loads(line)))
                except json.JSONDecodeError as exc:
                    yield Skipped(f"{path.stem}:{n}", f"{path}:{n}", "E204", exc.msg)
    else:
        import yaml

        items = list(enumerate(yaml.safe_load(text) or [], 1))
    for n, item in items:
        where = f"{path}:{n}"
        if not isinstance(item, dict) or "text" not in item:
            yield Skipped(f"{path.stem}:{n}", where, "E204", "a gold record needs id, date, text")
            continue
        raw_date = item.get("date") or item.get("published")
        date = parse_date(str(raw_date)) if raw_date is not None else None
        if date is None:
            yield Skipped(str(item.get("id", n)), where, "E203", f"bad date {raw_date!r}")
            continue
        raw = [e for e in item.get("events") or [] if isinstance(e, dict)]
        events = [(e.get("source", "") or "", str(e.get("code", "")), e.get("target", "") or "")
                  for e in raw]
        news = "published" in item or "alt_events" in item or "background" in item or any(
            k in e for e in raw for k in ("alt", "sentence", "date"))
        yield GoldRecord(str(item.get("id", n)), date, str(item["text"]), events,
                         where, title=str(item.get("title") or ""),
                         source=str(item.get("source") or ""),
                         detail=[{**e, "code": str(e.get("code", ""))} for e in raw]
                         if news else None,
                         alt_events=[{**e, "code": str(e.get("code", ""))}
                                     for e in item.get("alt_events") or []
                                     if isinstance(e, dict)])
