"""Articles: reading batches from JSONL, CSV, text files, directories and stdin.

Readers never raise on bad records. Each input record becomes either an
:class:`Article` or a :class:`Skipped` with a located reason, so one broken
record never stops a batch and every record is accounted for.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import MESSAGES, SourceLocation

MAX_ARTICLE_CHARS = 1_000_000
TEXT_SUFFIXES = (".txt",)
RECORD_SUFFIXES = (".jsonl", ".ndjson", ".csv", ".xml")
_DATE = re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:[T ][0-9:.+\-Z]*)?|(\d{4})(\d{2})(\d{2})")
_FILENAME_DATE = re.compile(r"(?<!\d)(\d{4})-?(\d{2})-?(\d{2})(?!\d)")


@dataclass
class Article:
    id: str
    text: str
    date: dt.date
    title: str = ""
    source: str = ""
    url: str = ""
    origin: str = ""
    extra: dict = field(default_factory=dict)


@dataclass
class Skipped:
    """An input record that could not be coded, and why."""

    id: str
    origin: str
    code: str
    reason: str

    @property
    def kind(self) -> str:
        return MESSAGES.get(self.code, self.code)

    def __str__(self) -> str:
        return f"{self.origin}: [{self.code}] {self.kind}: {self.reason}"


_MONTHS = {m: i for i, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
     ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
     ("oct", "october"), ("nov", "november"), ("dec", "december")], start=1) for m in names}
_WEEKDAY = r"(?:[A-Za-z]{3,9},?\s+)?"
_DAY_MONTH_YEAR = re.compile(_WEEKDAY + r"(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b.*")
_MONTH_DAY_YEAR = re.compile(_WEEKDAY + r"([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})\b.*")
_NUMERIC = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})")


def parse_date(value: object) -> dt.date | None:
    """A day from the forms news feeds use: ISO (2005-11-22, 2005-11-22T10:00+02:00),
    compact (20051122), slashes (2005/11/22), RFC 2822 (Tue, 22 Nov 2005 10:00:00 GMT),
    "22 November 2005", "Nov. 22, 2005", and D/M/Y or M/D/Y when only one reading is a
    real day. Anything else, or an ambiguous 03/04/2005, is None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str | int) or value == "" or isinstance(value, bool):
        return None
    text = str(value).strip()
    m = _DATE.fullmatch(text)
    if m:
        y, mo, d = (m.group(1), m.group(3), m.group(4)) if m.group(1) else m.group(5, 6, 7)
        return _day(y, mo, d)
    for pattern, order in ((_DAY_MONTH_YEAR, (3, 2, 1)), (_MONTH_DAY_YEAR, (3, 1, 2))):
        m = pattern.fullmatch(text)
        if m:
            month = _MONTHS.get(m.group(order[1]).lower())
            return _day(m.group(order[0]), month, m.group(order[2])) if month else None
    m = _NUMERIC.fullmatch(text)
    if m:
        a, b, y = int(m.group(1)), int(m.group(2)), m.group(3)
        if a > 12 >= b:
            return _day(y, b, a)
        if b > 12 >= a:
            return _day(y, a, b)
    return None


def _day(y: object, m: object, d: object) -> dt.date | None:
    try:
        return dt.date(int(y), int(m), int(d))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def _clean_text(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    return value.replace("\x00", " ").replace("\r\n", "\n").replace("\r", "\n")


def make_article(
    record: dict,
    origin: str,
    default_id: str,
    default_date: dt.date | None,
) -> Article | Skipped:
    """Validate one record (from any reader) into an Article or a Skipped."""
    rid = str(record.get("id") or default_id)
    text = _clean_text(record.get("text"))
    title = _clean_text(record.get("title")) or ""
    if text is None or not (text.strip() or title.strip()):
        return Skipped(rid, origin, "E202", "the 'text' field is missing or empty")
    if len(text) > MAX_ARTICLE_CHARS:
        return Skipped(rid, origin, "E205",
                       f"{len(text):,} characters; the limit is {MAX_ARTICLE_CHARS:,}")
    raw_date = record.get("date")
    if raw_date not in (None, ""):
        date = parse_date(raw_date)
        if date is None:
            return Skipped(rid, origin, "E203", f"date {raw_date!r} is not YYYY-MM-DD")
    elif default_date is not None:
        date = default_date
    else:
        return Skipped(rid, origin, "E203", "no date: give the record a 'date' or use --date")
    known = {"id", "text", "title", "date", "source", "url"}
    return Article(
        id=rid,
        text=text,
        date=date,
        title=" ".join(title.split()),
        source=str(record.get("source") or ""),
        url=str(record.get("url") or ""),
        origin=origin,
        extra={k: v for k, v in record.items() if k not in known},
    )


def _read_jsonl(stream: io.TextIOBase, name: str, default_date: dt.date | None
                ) -> Iterator[Article | Skipped]:
    for n, line in enumerate(stream, 1):
        if not line.strip():
            continue
        origin = f"{name}:{n}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Skipped(f"{Path(name).stem}:{n}", origin, "E204", f"invalid JSON: {exc.msg}")
            continue
        if not isinstance(record, dict):
            yield Skipped(f"{Path(name).stem}:{n}", origin, "E204", "the line is not a JSON object")
            continue
        yield make_article(record, origin, f"{Path(name).stem}:{n}", default_date)


def _read_csv(stream: io.TextIOBase, name: str, default_date: dt.date | None
              ) -> Iterator[Article | Skipped]:
    csv.field_size_limit(MAX_ARTICLE_CHARS * 8)
    reader = csv.DictReader(stream)
    if reader.fieldnames is None or "text" not in reader.fieldnames:
        yield Skipped(Path(name).stem, name, "E204",
                      f"CSV has no 'text' column (columns: {reader.fieldnames or []})")
        return
    n = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Skipped(f"{Path(name).stem}:{reader.line_num}", f"{name}:{reader.line_num}",
                          "E204", f"broken CSV row: {exc}")
            continue
        n += 1
        origin = f"{name}:{reader.line_num}"
        if None in row:  # more fields than the header
            yield Skipped(str(row.get("id") or f"{Path(name).stem}:{n}"), origin, "E204",
                          "the row has more fields than the header")
            continue
        yield make_article(row, origin, f"{Path(name).stem}:{n}", default_date)


def _read_txt(path: Path, data: bytes, default_date: dt.date | None) -> Article | Skipped:
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Skipped(path.stem, str(path), "E201",
                       f"not UTF-8 ({exc.reason} at byte {exc.start})")
    head = raw[:4096]
    controls = sum(1 for ch in head if ord(ch) < 32 and ch not in "\n\r\t")
    if head and controls / len(head) > 0.1:
        return Skipped(path.stem, str(path), "E201",
                       f"binary file ({controls} control bytes in the first {len(head)})")
    text = raw.replace("\r\n", "\n")
    lines = text.split("\n")
    title = ""
    if len(lines) > 2 and lines[0].strip() and not lines[1].strip():
        title = lines[0].strip()
        text = "\n".join(lines[2:])
    date = default_date
    m = _FILENAME_DATE.search(path.name)
    if m:
        try:
            date = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return Skipped(path.stem, str(path), "E203",
                           f"the date in the file name {m.group(0)!r} is not a real day")
    record = {"id": path.stem, "text": text, "title": title,
              "date": date.isoformat() if date else None}
    return make_article(record, str(path), path.stem, default_date)


def _decode(data: bytes, name: str) -> str | Skipped:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Skipped(Path(name).stem, name, "E201",
                       f"not UTF-8 ({exc.reason} at byte {exc.start})")


def read_path(path: Path, default_date: dt.date | None) -> Iterator[Article | Skipped]:
    """Every record of one input path (a file or a directory)."""
    if path.is_dir():
        try:
            children = sorted(path.rglob("*"))
        except OSError as exc:
            yield Skipped(path.name, str(path), "E206", str(exc))
            return
        for child in children:
            if child.suffix.lower() in TEXT_SUFFIXES + RECORD_SUFFIXES and not child.is_dir():
                yield from read_path(child, default_date)
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield Skipped(path.stem, str(path), "E206", exc.strerror or str(exc))
        return
    suffix = path.suffix.lower()
    if not data.strip():
        yield Skipped(path.stem, str(path), "E202", "the file is empty")
        return
    if suffix in TEXT_SUFFIXES or suffix not in RECORD_SUFFIXES:
        yield _read_txt(path, data, default_date)
        return
    text = _decode(data, str(path))
    if isinstance(text, Skipped):
        yield text
        return
    if not text.strip():
        yield Skipped(path.stem, str(path), "E202", "the file is empty")
        return
    if suffix == ".csv":
        yield from _read_csv(io.StringIO(text, newline=""), str(path), default_date)
    elif suffix == ".xml":
        from .gold import read_records  # PETRARCH validation records

        yield from read_records(text, str(path), default_date)
    else:
        yield from _read_jsonl(io.StringIO(text), str(path), default_date)


def read_inputs(inputs: list[str], default_date: dt.date | None = None
                ) -> Iterator[Article | Skipped]:
    """Stream the records of every input, in order. ``-`` is JSONL on stdin."""
    for item in inputs:
        if item == "-":
            stream = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace")
            yield from _read_jsonl(stream, "<stdin>", default_date)
            continue
        path = Path(item)
        if not path.exists():
            yield Skipped(path.name, item, "E206", "no such file or directory")
            continue
        yield from read_path(path, default_date)


def location(origin: str) -> SourceLocation:
    path, _, line = origin.rpartition(":")
    if path and line.isdigit():
        return SourceLocation(path, int(line))
    return SourceLocation(origin)
