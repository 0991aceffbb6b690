"""Which column of a person's file is the text, the date, the id and the title.

Files rarely say ``text`` and ``date``: they say ``body``, ``Content``,
``published`` or ``article_id``. Every reader maps a record's keys through the
current :class:`ColumnMap`: first a column named with ``--text-column`` and its
siblings, else the field's own name, else the first usual alias, all compared
case-insensitively. The aliases a run used are kept for its closing line.

The map in force is a context variable, so the readers need no extra argument:
``with using_columns(ColumnMap({"text": "Story"})): ...``.
"""

from __future__ import annotations

import contextlib
import csv
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field

FIELDS = ("id", "text", "date", "title")
ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "story", "full_text"),
    "date": ("date", "published", "pubdate", "pub_date", "published_at", "publish_date"),
    "id": ("id", "article_id", "doc_id", "docid", "story_id"),
    "title": ("title", "headline"),
}
DELIMITERS = (",", ";", "\t", "|")


@dataclass
class ColumnMap:
    """``explicit``: field -> column named by the user (``--text-column Story``)."""

    explicit: dict[str, str] = field(default_factory=dict)
    used: dict[str, str] = field(default_factory=dict)  # column -> field, when renamed
    _cache: dict[tuple[str, ...], dict[str, str]] = field(default_factory=dict, repr=False)

    def resolve(self, columns: Iterable[str]) -> dict[str, str]:
        """field -> the column of ``columns`` that holds it (fields not found are absent)."""
        key = tuple(str(c) for c in columns)
        if key in self._cache:
            return self._cache[key]
        lower: dict[str, str] = {}
        for c in key:
            lower.setdefault(c.strip().lower(), c)
        out: dict[str, str] = {}
        for name in FIELDS:
            wanted = self.explicit.get(name)
            candidates = (wanted,) if wanted else ALIASES[name]
            for alias in candidates:
                if alias.strip().lower() in lower:
                    out[name] = lower[alias.strip().lower()]
                    break
        if len(self._cache) >= 1024:  # records with ever-new keys must not grow memory
            self._cache.clear()
        self._cache[key] = out
        return out

    def missing(self, columns: Iterable[str]) -> list[str]:
        """Explicitly named columns that ``columns`` lacks, as option names."""
        found = self.resolve(columns)
        return [f"--{name}-column {col!r}" for name, col in self.explicit.items()
                if name not in found]

    def apply(self, record: dict) -> dict:
        """The record with its mapped columns renamed to id/text/date/title."""
        mapping = self.resolve(record.keys())
        if all(col == name for name, col in mapping.items()):
            return record
        taken = set(mapping.values())
        out = {k: v for k, v in record.items() if k not in taken and k not in mapping}
        for name, col in mapping.items():
            out[name] = record[col]
            if col != name:
                self.used[col] = name
        return out

    def report(self) -> str:
        """``columns: body -> text, published -> date``, or "" when nothing was renamed."""
        if not self.used:
            return ""
        return "columns: " + ", ".join(f"{c} -> {f}" for c, f in self.used.items())


_CURRENT: ContextVar[ColumnMap | None] = ContextVar("coder_columns", default=None)
_DEFAULT = ColumnMap()


def current_columns() -> ColumnMap:
    """The map in force (the usual aliases, when none was set)."""
    return _CURRENT.get() or _DEFAULT


@contextlib.contextmanager
def using_columns(cmap: ColumnMap) -> Iterator[ColumnMap]:
    token = _CURRENT.set(cmap)
    try:
        yield cmap
    finally:
        _CURRENT.reset(token)


def sniff_dialect(sample: str) -> type[csv.Dialect]:
    """The CSV dialect of a file from its header line: the delimiter (``,``, ``;``, tab or
    ``|``) that occurs most often in it; a comma when none does."""
    header = sample.split("\n", 1)[0]
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    delimiter = best if counts[best] else ","

    class Sniffed(csv.excel):
        pass

    Sniffed.delimiter = delimiter
    return Sniffed
