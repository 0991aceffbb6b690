"""Diff: the events an edit added and removed, between two event tables."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .table import read_table

KEY = ["story_id", "sentence_id", "date", "source", "code", "target"]


@dataclass
class TableDiff:
    added: list[dict]
    removed: list[dict]
    unchanged: int

    def as_dict(self) -> dict:
        return {"added": self.added, "removed": self.removed, "unchanged": self.unchanged}


def _rows(path: Path) -> dict[tuple, dict]:
    df = read_table(path)
    missing = [k for k in KEY if k not in df.columns]
    if missing:
        raise ValueError(f"{path}: not a native event table (missing {', '.join(missing)})")
    out: dict[tuple, dict] = {}
    for c in df.columns:  # shown as written: days as YYYY-MM-DD, an empty actor as ""
        if str(df[c].dtype).startswith("datetime64"):
            df[c] = df[c].dt.strftime("%Y-%m-%d")
    df = df.astype(object).where(df.notna(), "")
    for row in df.astype(str).to_dict("records"):
        out[tuple(str(row[k])[:10] if k == "date" else str(row[k]) for k in KEY)] = row
    return out


def diff_tables(old: str | Path, new: str | Path) -> TableDiff:
    a, b = _rows(Path(old)), _rows(Path(new))
    added = [b[k] for k in b if k not in a]
    removed = [a[k] for k in a if k not in b]
    return TableDiff(added, removed, sum(1 for k in a if k in b))
