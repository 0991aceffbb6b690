"""Tables: streaming event rows to CSV, TSV, JSONL or Parquet, atomically.

Rows are written to a temporary file next to the destination and moved into
place only when the run finishes, so a reader never sees a half-written table
posing as complete. Codes stay zero-padded strings in every format.
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from pathlib import Path
from types import TracebackType
from typing import Any

from .errors import OutputError

FORMATS = ("csv", "tsv", "jsonl", "parquet")
# Column types, shared by every writer and reader of the native schema.
INT_COLUMNS = {"sentence_id", "quad_class", "mentions"}
FLOAT_COLUMNS = {"goldstein"}
DATE_COLUMNS = {"date", "pub_date"}


def format_for(path: str | Path, explicit: str | None = None) -> str:
    if explicit:
        fmt = explicit.lower()
    else:
        suffix = Path(path).suffix.lower().lstrip(".")
        aliases = {"ndjson": "jsonl", "json": "jsonl", "pq": "parquet", "txt": "tsv"}
        fmt = aliases.get(suffix, suffix)
    if fmt not in FORMATS:
        raise OutputError(f"cannot write {str(path)!r} as {fmt!r}; choose one of "
                          f"{', '.join(FORMATS)} (--format)", code="E302")
    return fmt


def _arrow_schema(columns: list[str]) -> Any:
    import pyarrow as pa

    def typ(c: str) -> Any:
        if c in INT_COLUMNS:
            return pa.int32()
        if c in FLOAT_COLUMNS:
            return pa.float64()
        if c in DATE_COLUMNS:
            return pa.date32()
        return pa.string()

    return pa.schema([(c, typ(c)) for c in columns])


class TableWriter:
    """Context manager: ``with TableWriter(path, columns) as w: w.write(row)``."""

    def __init__(self, path: str | Path, columns: list[str], fmt: str | None = None,
                 batch_rows: int = 5000) -> None:
        self.path = Path(path)
        self.columns = columns
        self.fmt = format_for(self.path, fmt)
        self.rows_written = 0
        self._batch_rows = batch_rows
        self._buffer: list[dict] = []
        self._tmp: Path | None = None
        self._fh: Any = None
        self._writer: Any = None

    def __enter__(self) -> TableWriter:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".partial",
                                        dir=self.path.parent)
        except OSError as exc:
            raise OutputError(f"{self.path}: {exc.strerror or exc}") from exc
        self._tmp = Path(name)
        if self.fmt == "parquet":
            os.close(fd)
            import pyarrow.parquet as pq

            self._writer = pq.ParquetWriter(str(self._tmp), _arrow_schema(self.columns))
        else:
            self._fh = os.fdopen(fd, "w", encoding="utf-8", newline="")
            if self.fmt in ("csv", "tsv"):
                self._writer = csv.DictWriter(
                    self._fh, fieldnames=self.columns, extrasaction="ignore",
                    delimiter="," if self.fmt == "csv" else "\t", lineterminator="\n",
                )
                self._writer.writeheader()
        return self

    def write(self, row: dict) -> None:
        self.rows_written += 1
        if self.fmt in ("csv", "tsv"):
            self._writer.writerow({k: ("" if v is None else v) for k, v in row.items()})
        elif self.fmt == "jsonl":
            self._fh.write(json.dumps({c: row.get(c) for c in self.columns},
                                      ensure_ascii=False) + "\n")
        else:
            self._buffer.append(row)
            if len(self._buffer) >= self._batch_rows:
                self._flush()

    def _flush(self) -> None:
        if not self._buffer:
            return
        import datetime as dt

        import pyarrow as pa

        cols: dict[str, list] = {c: [] for c in self.columns}
        for row in self._buffer:
            for c in self.columns:
                v = row.get(c)
                if c in DATE_COLUMNS and isinstance(v, str):
                    v = dt.date.fromisoformat(v) if v else None
                cols[c].append(v)
        table = pa.Table.from_pydict(cols, schema=self._writer.schema)
        self._writer.write_table(table)
        self._buffer = []

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        try:
            if self.fmt == "parquet":
                if exc_type is None:
                    self._flush()
                self._writer.close()
            else:
                self._fh.flush()
                if exc_type is None:
                    os.fsync(self._fh.fileno())
                self._fh.close()
        finally:
            assert self._tmp is not None
            if exc_type is None:
                os.replace(self._tmp, self.path)
            else:
                self._tmp.unlink(missing_ok=True)


def to_dataframe(rows: list[dict], columns: list[str]) -> Any:
    """Rows as a typed pandas DataFrame: codes as strings, dates as dates."""
    import pandas as pd

    df = pd.DataFrame(rows, columns=columns)
    return typed(df)


def typed(df: Any) -> Any:
    import pandas as pd

    for c in df.columns:
        if c in INT_COLUMNS:
            df[c] = pd.to_numeric(df[c], errors="coerce").astype("Int64")
        elif c in FLOAT_COLUMNS:
            df[c] = pd.to_numeric(df[c], errors="coerce").astype("float64")
        elif c in DATE_COLUMNS:
            df[c] = pd.to_datetime(df[c], errors="coerce")
        else:
            df[c] = df[c].astype("string")
    return df
