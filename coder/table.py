"""Tables: streaming event rows to CSV, TSV, JSONL or Parquet, atomically.

Rows are streamed to ``<output>.partial`` next to the destination and moved
into place only when the run finishes, so a reader never sees a half-written
table posing as complete. Parquet rows are spooled as JSONL in the partial file
and converted at the end. A run killed mid-way leaves the ``.partial`` file,
which ``--resume`` truncates to the last finished article and continues.
Codes stay zero-padded strings in every format.
"""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path
from types import TracebackType
from typing import Any

from .errors import OutputError
from .schemas import DATES as DATE_COLUMNS
from .schemas import FLOATS as FLOAT_COLUMNS
from .schemas import INTS as INT_COLUMNS

FORMATS = ("csv", "tsv", "jsonl", "parquet", "dta")


def format_for(path: str | Path, explicit: str | None = None) -> str:
    """The format of ``path``: ``explicit`` (--format) or its extension. The two must not
    disagree: Parquet bytes in a file named .csv would fool every reader."""
    suffix = Path(path).suffix.lower().lstrip(".")
    aliases = {"ndjson": "jsonl", "json": "jsonl", "pq": "parquet", "txt": "tsv"}
    by_name = aliases.get(suffix, suffix)
    if explicit:
        fmt = aliases.get(explicit.lower(), explicit.lower())
        if by_name in FORMATS and by_name != fmt:
            raise OutputError(f"--format {fmt} but {str(path)!r} is named as {by_name}; "
                              f"name the file .{fmt} or drop --format", code="E303")
    else:
        fmt = by_name
    if fmt not in FORMATS:
        raise OutputError(f"cannot write {str(path)!r} as {fmt!r}; choose one of "
                          f"{', '.join(FORMATS)} (--format)", code="E302")
    return fmt


def null_empty(row: dict, columns: list[str]) -> dict:
    """The row in ``columns`` order, an empty text as None: one meaning (unknown) for a
    missing actor, issue or pattern in every format."""
    return {c: (None if (v := row.get(c)) == "" else v) for c in columns}


def _arrow_schema(columns: list[str]) -> Any:
    import pyarrow as pa

    def typ(c: str) -> Any:
        if c in INT_COLUMNS:
            return pa.int32()
        if c in FLOAT_COLUMNS:
            return pa.float64()
        if c in DATE_COLUMNS:  # a day at midnight: pandas reads it back as datetime64,
            return pa.timestamp("ms")  # as it does the Stata %td dates
        return pa.string()

    return pa.schema([(c, typ(c)) for c in columns])


class TableWriter:
    """Context manager: ``with TableWriter(path, columns) as w: w.write(row)``.

    ``resume_offset`` reopens an existing ``.partial`` file, cut to that byte offset.
    ``escape_formulas`` (CSV/TSV) prefixes a cell that starts with = + - @ with ``'`` so a
    spreadsheet shows it as text instead of running it. With ``commit=False`` the finished
    table waits (fsynced, converted) until :meth:`commit` moves it into place."""

    def __init__(self, path: str | Path, columns: list[str], fmt: str | None = None,
                 resume_offset: int | None = None, *, escape_formulas: bool = True,
                 commit: bool = True) -> None:
        self.path = Path(path)
        self.columns = columns
        self.fmt = format_for(self.path, fmt)
        self.spool_fmt = "jsonl" if self.fmt in ("parquet", "dta") else self.fmt
        self.partial = self.path.with_name(self.path.name + ".partial")
        self.resume_offset = resume_offset
        self.rows_written = 0
        self.escape_formulas = escape_formulas
        self.auto_commit = commit
        self.ready: Path | None = None
        self._fh: Any = None
        self._csv: Any = None

    def __enter__(self) -> TableWriter:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if self.resume_offset is not None and self.partial.exists():
                self._fh = open(self.partial, "r+", encoding="utf-8", newline="")  # noqa: SIM115
                self._fh.truncate(self.resume_offset)
                self._fh.seek(self.resume_offset)
            else:
                self._fh = open(self.partial, "w", encoding="utf-8", newline="")  # noqa: SIM115
        except OSError as exc:
            raise OutputError(f"{self.path}: {exc.strerror or exc}") from exc
        if self.spool_fmt in ("csv", "tsv"):
            self._csv = csv.DictWriter(
                self._fh, fieldnames=self.columns, extrasaction="ignore",
                delimiter="," if self.spool_fmt == "csv" else "\t", lineterminator="\n",
            )
            if self._fh.tell() == 0:
                self._csv.writeheader()
        return self

    def write(self, row: dict) -> None:
        self.rows_written += 1
        if self._csv is not None:
            self._csv.writerow({k: ("" if v is None else _escape(v) if self.escape_formulas
                                    else v) for k, v in row.items()})
        else:
            self._fh.write(json.dumps(null_empty(row, self.columns), ensure_ascii=False) + "\n")

    def checkpoint(self) -> int:
        """Flush, and return the byte offset a resumed run may cut back to."""
        self._fh.flush()
        return self._fh.tell()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._fh.flush()
        if exc_type is not None:  # keep the partial file: --resume can continue it
            self._fh.close()
            return
        os.fsync(self._fh.fileno())
        self._fh.close()
        if self.fmt in ("parquet", "dta"):
            tmp = self.partial.with_name(self.partial.name + "." + self.fmt)
            convert = _jsonl_to_parquet if self.fmt == "parquet" else _jsonl_to_stata
            convert(self.partial, tmp, self.columns)
            self.ready = tmp
        else:
            self.ready = self.partial
        if self.auto_commit:
            self.commit()

    def commit(self) -> None:
        """Move the finished table into place (and drop the Parquet/Stata spool)."""
        if self.ready is None:
            return
        os.replace(self.ready, self.path)
        if self.ready != self.partial:
            self.partial.unlink(missing_ok=True)
        self.ready = None


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _escape(value: object) -> object:
    """A text cell a spreadsheet would run as a formula, made plain text with a leading '."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _jsonl_to_parquet(src: Path, dst: Path, columns: list[str], batch_rows: int = 20_000) -> None:
    import datetime as dt

    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _arrow_schema(columns)

    def flush(rows: list[dict], writer: Any) -> None:
        cols: dict[str, list] = {c: [] for c in columns}
        for row in rows:
            for c in columns:
                v = row.get(c)
                if c in DATE_COLUMNS and isinstance(v, str):
                    v = dt.datetime.fromisoformat(v[:10]) if v else None
                elif v == "" and (c in INT_COLUMNS or c in FLOAT_COLUMNS):
                    v = None  # an unknown number (a row without a place)
                cols[c].append(v)
        writer.write_table(pa.Table.from_pydict(cols, schema=schema))

    with pq.ParquetWriter(str(dst), schema) as writer, open(src, encoding="utf-8") as fh:
        rows: list[dict] = []
        for line in fh:
            rows.append(json.loads(line))
            if len(rows) >= batch_rows:
                flush(rows, writer)
                rows = []
        flush(rows, writer)


def to_dataframe(rows: list[dict], columns: list[str]) -> Any:
    """Rows as a typed pandas DataFrame: codes as strings, dates as dates."""
    import pandas as pd

    df = pd.DataFrame(rows, columns=columns)
    return typed(df)


def typed(df: Any) -> Any:
    """One type per column whatever the format it came from: ints as Int64, floats,
    dates as datetime64[ns], text as pandas strings with an empty text as <NA>."""
    import pandas as pd

    for c in df.columns:
        if c in INT_COLUMNS:
            df[c] = pd.to_numeric(df[c], errors="coerce").astype("Int64")
        elif c in FLOAT_COLUMNS:
            df[c] = pd.to_numeric(df[c], errors="coerce").astype("float64")
        elif c in DATE_COLUMNS or pd.api.types.is_datetime64_any_dtype(df[c]):
            df[c] = pd.to_datetime(df[c], errors="coerce").astype("datetime64[ns]")
        elif pd.api.types.is_numeric_dtype(df[c]) and not pd.api.types.is_bool_dtype(df[c]):
            continue  # a Stata column of a renamed int or float
        else:
            df[c] = df[c].astype("string").replace("", pd.NA)
    return df


def stata_name(column: str) -> str:
    """Stata variable names: letters, digits and underscores, at most 32 characters."""
    name = "".join(ch if ch.isalnum() else "_" for ch in column)
    return ("v" + name if name[:1].isdigit() else name)[:32]


def _jsonl_to_stata(src: Path, dst: Path, columns: list[str]) -> None:
    import datetime as dt

    import pandas as pd

    rows = [json.loads(line) for line in open(src, encoding="utf-8")]
    df = pd.DataFrame(rows, columns=columns)
    dates = {}
    for c in columns:
        if c in DATE_COLUMNS:
            df[c] = pd.to_datetime(df[c], errors="coerce")
            dates[stata_name(c)] = "td"
        elif c in INT_COLUMNS:
            df[c] = pd.to_numeric(df[c], errors="coerce").astype("int32")
        elif c in FLOAT_COLUMNS:
            df[c] = pd.to_numeric(df[c], errors="coerce").astype("float64")
        else:
            df[c] = df[c].fillna("").astype(str)
    df.columns = [stata_name(c) for c in columns]
    long_text = [c for c in df.columns if df[c].dtype == object and
                 df[c].map(len).max(initial=0) > 2000]
    # a fixed time stamp: the same rows give the same bytes (Stata embeds the write time)
    df.to_stata(dst, write_index=False, version=118, convert_dates=dates,
                time_stamp=dt.datetime(2000, 1, 1),
                convert_strl=long_text)


def read_table(path: str | Path) -> Any:
    """Load any event table this project wrote (csv, tsv, jsonl, parquet, dta) as typed
    pandas (see :func:`typed`): codes stay zero-padded strings, dates become datetimes,
    and an empty actor is <NA>, so every format reads back as the same frame."""
    import pandas as pd

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".parquet", ".pq"):
        df = pd.read_parquet(path)
    elif suffix == ".dta":
        df = pd.read_stata(path, convert_dates=True)
    elif suffix in (".jsonl", ".ndjson", ".json"):
        df = pd.read_json(path, lines=True, dtype=False)
    else:
        sep = "\t" if suffix in (".tsv", ".txt") else ","
        df = pd.read_csv(path, sep=sep, dtype=str, keep_default_na=False)
    return typed(df)
