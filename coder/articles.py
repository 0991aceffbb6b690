"""Articles: reading batches from JSONL, CSV, text files, PETRARCH XML, directories and stdin.

Readers never raise on bad records. Each input record becomes either an
:class:`Article` or a :class:`Skipped` with a located reason, so one broken
record never stops a batch and every record is accounted for.
"""

from __future__ import annotations

import collections
import csv
import datetime as dt
import html
import io
import json
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .columns import current_columns, sniff_dialect
from .errors import MESSAGES, SourceLocation

MAX_ARTICLE_CHARS = 1_000_000
# A line longer than this is one over-long record: it is skipped without being held whole.
MAX_LINE_CHARS = MAX_ARTICLE_CHARS * 2
# Inputs are decoded with surrogateescape: an invalid byte becomes a lone surrogate, found
# per record, so one bad byte skips its own record only (the same on a file and on stdin).
_SURROGATE = re.compile(r"[\ud800-\udfff]")
TEXT_SUFFIXES = (".txt",)
RECORD_SUFFIXES = (".jsonl", ".ndjson", ".csv", ".tsv", ".xml")
DELIMITED_SUFFIXES = (".csv", ".tsv")  # the header line decides the delimiter
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

    def __post_init__(self) -> None:  # a skip is always printable and writable as UTF-8
        self.id, self.origin, self.reason = (_printable(v) for v in (self.id, self.origin,
                                                                   self.reason))

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


def _printable(value: object) -> str:
    text = str(value)
    return text.encode("utf-8", "backslashreplace").decode("utf-8") if _SURROGATE.search(
        text) else text


def bad_byte(text: str) -> str | None:
    """Where text decoded with surrogateescape held an invalid byte (or a lone surrogate
    came in through a JSON escape): a short description, else None."""
    m = _SURROGATE.search(text)
    if m is None:
        return None
    ch = ord(m.group(0))
    if 0xDC80 <= ch <= 0xDCFF:
        return f"not UTF-8: invalid byte 0x{ch - 0xDC00:02x} at character {m.start()}"
    return f"a lone surrogate \\u{ch:04x} at character {m.start()} (not valid Unicode)"


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
    columns = current_columns()  # body/published/article_id... and --text-column & co
    missing = columns.missing(record.keys())
    record = columns.apply(record)
    rid = str(record.get("id") or default_id)
    if missing:
        return Skipped(rid, origin, "E210", f"no column for {', '.join(missing)} "
                                            f"(columns: {', '.join(map(str, record))})")
    for key in ("id", "text", "title", "source", "url"):
        value = record.get(key)
        problem = bad_byte(value) if isinstance(value, str) else None
        if problem:
            return Skipped(rid, origin, "E201", f"the {key!r} field: {problem}")
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


def _lines(stream: io.TextIOBase) -> Iterator[tuple[int, str, bool]]:
    """(line number, line, too long) for each line, never holding more than MAX_LINE_CHARS:
    the rest of an over-long line is read and dropped."""
    n = 0
    while True:
        line = stream.readline(MAX_LINE_CHARS)
        if not line:
            return
        n += 1
        too_long = len(line) >= MAX_LINE_CHARS and not line.endswith("\n")
        while too_long:
            rest = stream.readline(MAX_LINE_CHARS)
            if not rest or rest.endswith("\n"):
                break
        yield n, line, too_long


def _read_jsonl(stream: io.TextIOBase, name: str, default_date: dt.date | None
                ) -> Iterator[Article | Skipped]:
    stem = Path(name).stem
    seen = False
    for n, line, too_long in _lines(stream):
        origin, rid = f"{name}:{n}", f"{stem}:{n}"
        try:
            if too_long:
                seen = True
                yield Skipped(rid, origin, "E205", f"the line is longer than {MAX_LINE_CHARS:,} "
                                                   "characters")
                continue
            if not line.strip():
                continue
            seen = True
            problem = bad_byte(line)
            if problem:
                yield Skipped(rid, origin, "E201", problem)
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield Skipped(rid, origin, "E204", f"invalid JSON: {exc.msg}")
                continue
            except RecursionError:
                yield Skipped(rid, origin, "E204", "invalid JSON: nested too deeply")
                continue
            if not isinstance(record, dict):
                yield Skipped(rid, origin, "E204", "the line is not a JSON object")
                continue
            article = make_article(record, origin, rid, default_date)
        except Exception as exc:  # one record never stops the batch
            article = Skipped(rid, origin, "E204", f"{type(exc).__name__} while reading it")
        yield article
    if not seen:
        yield Skipped(stem, name, "E202", "the file is empty")


class _RowLines:
    """The lines a csv reader consumes, numbered; those of the current row are kept, so a
    row is reported at its own line and a row whose quote never closes (it would swallow
    every row after it) can be skipped and the lines after its first read again."""

    def __init__(self, stream: io.TextIOBase, first: str) -> None:
        self.source = _lines(stream)
        self.replay: collections.deque[tuple[int, str, bool]] = collections.deque()
        if first:
            self.replay.append((1, first, len(first) >= MAX_LINE_CHARS))
            next(self.source, None)  # the header line, already read by the caller
        self.row: list[tuple[int, str, bool]] = []

    def __iter__(self) -> _RowLines:
        return self

    def __next__(self) -> str:
        if self.replay:
            item = self.replay.popleft()
        else:
            item = next(self.source)
        self.row.append(item)
        return item[1]


def _read_csv(stream: io.TextIOBase, name: str, default_date: dt.date | None
              ) -> Iterator[Article | Skipped]:
    csv.field_size_limit(MAX_ARTICLE_CHARS * 8)
    header = stream.readline(MAX_LINE_CHARS)  # the header decides the delimiter: , ; tab |
    stream.seek(0)
    lines = _RowLines(stream, header)
    reader = csv.DictReader(lines, dialect=sniff_dialect(header))
    columns = current_columns()
    if reader.fieldnames is None or "text" not in columns.resolve(reader.fieldnames):
        yield Skipped(Path(name).stem, name, "E210",
                      f"CSV has no text column (columns: {reader.fieldnames or []}); "
                      "name it with --text-column")
        return
    n = 1
    quote = reader.reader.dialect.quotechar or ""
    stem = Path(name).stem
    while True:
        lines.row = []
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            at = lines.row[0][0] if lines.row else reader.line_num
            yield Skipped(f"{stem}:{at}", f"{name}:{at}", "E204", f"broken CSV row: {exc}")
            continue
        n += 1
        first = next((i for i, line, _ in lines.row if line.strip()), n)
        origin = f"{name}:{first}"
        rid = f"{stem}:{n}"
        try:
            if quote and len(lines.row) > 1 and sum(
                    line.count(quote) for _, line, _ in lines.row) % 2:
                yield Skipped(rid, origin, "E204", "a quote opened in this row is never closed; "
                              "the row is skipped and the lines after it are read as rows")
                lines.replay.extend(lines.row[1:])
                continue
            long_line = next((i for i, _, too_long in lines.row if too_long), None)
            if long_line is not None:
                yield Skipped(rid, f"{name}:{long_line}", "E205",
                              f"a line longer than {MAX_LINE_CHARS:,} characters")
                continue
            bad = next(((i, p) for i, line, _ in lines.row if (p := bad_byte(line))), None)
            if bad is not None:
                yield Skipped(rid, f"{name}:{bad[0]}", "E201", bad[1])
                continue
            if None in row:  # more fields than the header
                yield Skipped(str(row.get("id") or rid), origin, "E204",
                              "the row has more fields than the header")
                continue
            article = make_article(row, origin, rid, default_date)
        except Exception as exc:  # one record never stops the batch
            article = Skipped(rid, origin, "E204", f"{type(exc).__name__} while reading it")
        yield article


def _read_txt(path: Path, raw: str, default_date: dt.date | None) -> Article | Skipped:
    """One .txt file, read (at most MAX_ARTICLE_CHARS + 1 characters) with surrogateescape."""
    problem = bad_byte(raw)
    if problem:
        m = _SURROGATE.search(raw)
        line = raw.count("\n", 0, m.start() if m else 0) + 1
        return Skipped(path.stem, f"{path}:{line}", "E201", problem)
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
    if date is None:
        return Skipped(path.stem, str(path), "E203",
                       "no date: put it in the file name as YYYY-MM-DD "
                       f"(e.g. 2024-03-12-{path.name}) or use --date")
    record = {"id": path.stem, "text": text, "title": title, "date": date.isoformat()}
    return make_article(record, str(path), path.stem, default_date)


def _open_text(path: Path, newline: str) -> io.TextIOWrapper:
    return open(path, encoding="utf-8-sig", errors="surrogateescape",  # noqa: SIM115
                newline=newline)


def read_path(path: Path, default_date: dt.date | None) -> Iterator[Article | Skipped]:
    """Every record of one input path (a file or a directory), streamed: a file is never
    held whole, and only regular files are read (a FIFO or a device is reported)."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        yield Skipped(path.stem, str(path), "E206", exc.strerror or str(exc))
        return
    if stat.S_ISDIR(mode):
        try:
            children = sorted(path.rglob("*"))
        except OSError as exc:
            yield Skipped(path.name, str(path), "E206", str(exc))
            return
        for child in children:
            if child.suffix.lower() in TEXT_SUFFIXES + RECORD_SUFFIXES and not child.is_dir():
                yield from read_path(child, default_date)
        return
    if not stat.S_ISREG(mode):
        yield Skipped(path.stem, str(path), "E206",
                      "not a regular file (a FIFO, device or socket): only files are read")
        return
    suffix = path.suffix.lower()
    try:
        with _open_text(path, "" if suffix in DELIMITED_SUFFIXES else "\n") as stream:
            if suffix in TEXT_SUFFIXES or suffix not in RECORD_SUFFIXES:
                raw = stream.read(MAX_ARTICLE_CHARS + 1)
                if not raw.strip() and not stream.read(1):
                    yield Skipped(path.stem, str(path), "E202", "the file is empty")
                elif len(raw) > MAX_ARTICLE_CHARS:
                    yield Skipped(path.stem, str(path), "E205", f"more than "
                                  f"{MAX_ARTICLE_CHARS:,} characters; that is the limit")
                else:
                    yield _read_txt(path, raw, default_date)
            elif suffix in DELIMITED_SUFFIXES:
                if not stream.read(4096).strip() and not stream.read(1):
                    yield Skipped(path.stem, str(path), "E202", "the file is empty")
                    return
                stream.seek(0)
                yield from _read_csv(stream, str(path), default_date)
            elif suffix == ".xml":
                yield from read_records(stream, str(path), default_date)
            else:
                yield from _read_jsonl(stream, str(path), default_date)
    except OSError as exc:  # unreadable, or an I/O error mid-file: the rest is reported
        yield Skipped(path.stem, str(path), "E206", exc.strerror or str(exc))


def read_inputs(inputs: list[str], default_date: dt.date | None = None
                ) -> Iterator[Article | Skipped]:
    """Stream the records of every input, in order. ``-`` is JSONL on stdin, read exactly
    as a JSONL file is (an invalid byte skips its own line, reported as <stdin>:line)."""
    for item in inputs:
        if item == "-":
            stream = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8-sig",
                                      errors="surrogateescape", newline="\n")
            yield from _read_jsonl(stream, "<stdin>", default_date)
            continue
        path = Path(item)
        if not path.exists() and not path.is_symlink():
            yield Skipped(path.name, item, "E206", "no such file or directory")
            continue
        yield from read_path(path, default_date)


# -- PETRARCH validation XML as input records (coder/gold.py reads its codings) --------
# PETRARCH records are ``<Sentence id= date=YYYYMMDD>`` elements with a ``<Text>``. The
# GSR file is not well-formed XML, so records are read by scanning, not with a parser.
_SENTENCE = re.compile(r"<Sentence\b([^>]*?)(/?)>", re.S)
XML_ATTRIBUTE = re.compile(r'(\w+)\s*=\s*"([^"]*)"')
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)


def petrarch_date(text: str) -> dt.date | None:
    """PETRARCH's dates: YYMMDD with years 30-99 as 19xx and 00-29 as 20xx; otherwise any
    form ``parse_date`` reads (YYYYMMDD, ISO ...)."""
    text = text.strip()
    if re.fullmatch(r"\d{6}", text):
        text = ("19" if int(text[:2]) >= 30 else "20") + text
    return parse_date(text)


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


def petrarch_fields(chunk: str) -> tuple[dict[str, str], str | None] | None:
    """The attributes of a record's <Sentence> tag and its text (None without a <Text>);
    None when the tag itself is broken."""
    m = _SENTENCE.match(chunk)
    if m is None:
        return None
    t = _TEXT.search(chunk, m.end())
    text = " ".join(html.unescape(t.group(1)).split()) if t else None
    return dict(XML_ATTRIBUTE.findall(m.group(1))), text


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
            fields = petrarch_fields(chunk)
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


def location(origin: str) -> SourceLocation:
    path, _, line = origin.rpartition(":")
    if path and line.isdigit():
        return SourceLocation(path, int(line))
    return SourceLocation(origin)
