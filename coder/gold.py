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
import html
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .articles import MAX_ARTICLE_CHARS, Article, Skipped, bad_byte, make_article, parse_date

_SENTENCE = re.compile(r"<Sentence\b([^>]*?)(/?)>", re.S)
_ATTR = re.compile(r'(\w+)\s*=\s*"([^"]*)"')
_CODING = re.compile(r"<EventCoding\b([^>]*?)/?>", re.S)
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)


@dataclass
class GoldRecord:
    id: str
    date: dt.date
    text: str
    events: list[tuple[str, str, str]] = field(default_factory=list)
    discard: bool = False
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


def petrarch_date(text: str) -> dt.date | None:
    """PETRARCH's dates: YYMMDD with years 30-99 as 19xx and 00-29 as 20xx; otherwise any
    form ``parse_date`` reads (YYYYMMDD, ISO ...)."""
    text = text.strip()
    if re.fullmatch(r"\d{6}", text):
        text = ("19" if int(text[:2]) >= 30 else "20") + text
    return parse_date(text)


def _actor(code: str) -> str:
    """PETRARCH writes an unknown country as ``---``: ``---GOV`` is the role GOV, and
    ``---`` alone no actor (the project's convention: empty)."""
    return code[3:] if code.startswith("---") else code


_SENTENCE_START = re.compile(r"<Sentence\b")
# A record longer than this (tag, codings and text) is skipped without being held whole.
MAX_RECORD_CHARS = 4 * MAX_ARTICLE_CHARS


def petrarch_chunks(lines: Iterable[str]) -> Iterator[tuple[int, str, bool]]:
    """(line, chunk, too long) for each ``<Sentence`` record: the text from its tag up to the
    next one, comments blanked. One pass over the lines, one record held at a time, so
    reading is linear in the file and memory flat."""
    in_comment = False
    current: list[str] | None = None
    size, start, too_long = 0, 0, False
    for n, line in enumerate(lines, 1):
        parts, i = [], 0
        while i < len(line):
            if in_comment:
                j = line.find("-->", i)
                if j < 0:
                    break
                in_comment, i = False, j + 3
            else:
                j = line.find("<!--", i)
                if j < 0:
                    parts.append(line[i:])
                    break
                parts.append(line[i:j])
                in_comment, i = True, j + 4
        clean = "".join(parts)
        if in_comment and not clean.endswith("\n"):
            clean += "\n"  # keep the line count of a record's chunk
        pos = 0
        for m in _SENTENCE_START.finditer(clean):
            if current is not None:
                current.append(clean[pos : m.start()])
                yield start, "".join(current), too_long
            current, size, start, too_long = [], 0, n, False
            pos = m.start()
        if current is not None:
            piece = clean[pos:]
            size += len(piece)
            if size > MAX_RECORD_CHARS:
                too_long = True
            else:
                current.append(piece)
    if current is not None:
        yield start, "".join(current), too_long


def _petrarch_fields(chunk: str) -> tuple[dict[str, str], str | None] | None:
    """The attributes of a record's <Sentence> tag and its text (None without a <Text>);
    None when the tag itself is broken."""
    m = _SENTENCE.match(chunk)
    if m is None:
        return None
    t = _TEXT.search(chunk, m.end())
    text = " ".join(html.unescape(t.group(1)).split()) if t else None
    return dict(_ATTR.findall(m.group(1))), text


def read_petrarch_xml(source: str | Iterable[str], origin: str
                      ) -> Iterator[GoldRecord | Skipped]:
    lines = source.splitlines(keepends=True) if isinstance(source, str) else source
    for k, (line, chunk, too_long) in enumerate(petrarch_chunks(lines)):
        where = f"{origin}:{line}"
        fields = _petrarch_fields(chunk)
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
            a = dict(_ATTR.findall(c.group(1)))
            if a.get("error") == "storydiscard":
                rec.discard = True
            elif "eventcode" in a:
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
                         bool(item.get("discard")), where, title=str(item.get("title") or ""),
                         source=str(item.get("source") or ""),
                         detail=[{**e, "code": str(e.get("code", ""))} for e in raw]
                         if news else None,
                         alt_events=[{**e, "code": str(e.get("code", ""))}
                                     for e in item.get("alt_events") or []
                                     if isinstance(e, dict)])


def read_records(source: str | Iterable[str], origin: str, default_date: dt.date | None
                 ) -> Iterator[Article | Skipped]:
    """PETRARCH XML as input articles for ``coder code``, streamed record by record, with
    the checks every input record gets (an invalid byte, empty text, length, ``--date``)."""
    lines = source.splitlines(keepends=True) if isinstance(source, str) else source
    for k, (line, chunk, too_long) in enumerate(petrarch_chunks(lines)):
        where = f"{origin}:{line}"
        rid = f"record-{k + 1}"
        try:
            problem = bad_byte(chunk)
            if problem:
                m = re.search(r"[\ud800-\udfff]", chunk)
                at = line + chunk.count("\n", 0, m.start() if m else 0)
                yield Skipped(rid, f"{origin}:{at}", "E201", problem)
                continue
            fields = _petrarch_fields(chunk)
            if fields is None or too_long:
                yield Skipped(rid, where, "E205" if too_long else "E204",
                              f"the record is longer than {MAX_RECORD_CHARS:,} characters"
                              if too_long else "a broken <Sentence> tag")
                continue
            attrs, text = fields
            rid = attrs.get("id") or rid
            raw_date = attrs.get("date", "").strip()
            date = petrarch_date(raw_date) if raw_date else None
            record = {"id": rid, "text": text or "",
                      "date": date or (raw_date or None)}
            article: Article | Skipped = make_article(record, where, rid, default_date)
        except Exception as exc:  # one record never stops the batch
            article = Skipped(rid, where, "E204", f"{type(exc).__name__} while reading it")
        yield article
