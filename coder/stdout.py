"""``coder code ... -o -``: the event table streamed to stdout, for pipes.

CSV (the default) or JSONL, flushed after each article. There is no manifest
and no ``--resume``: the closing line goes to stderr, and an interrupted pipe
keeps the rows already written.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from .articles import read_inputs
from .errors import OutputError
from .pipeline import ArticleResult, Coder
from .run import RunSummary
from .schemas import SCHEMAS, OneADay, converter
from .table import null_empty

STREAM_FORMATS = ("csv", "jsonl")


def code_to_stdout(
    coder: Coder,
    inputs: list[str],
    fmt: str | None = None,
    *,
    date: dt.date | None = None,
    workers: int = 1,
    prefilter: bool = True,
    schema: str = "native",
    one_a_day: bool = False,
    on_result: Callable[[ArticleResult, RunSummary], None] | None = None,
    stream: TextIO | None = None,
) -> RunSummary:
    """Code ``inputs`` and write the rows to ``stream`` (default: stdout) as they come."""
    fmt = (fmt or "csv").lower()
    aliases = {"ndjson": "jsonl", "json": "jsonl"}
    fmt = aliases.get(fmt, fmt)
    if fmt not in STREAM_FORMATS:
        raise OutputError(f"-o - streams {' or '.join(STREAM_FORMATS)}, not {fmt!r} "
                          "(write Parquet, TSV and Stata to a file)", code="E302")
    schema = schema.lower()
    if schema not in SCHEMAS:
        raise OutputError(f"unknown schema {schema!r}; choose one of {', '.join(SCHEMAS)}",
                          code="E302")
    out = stream or sys.stdout
    columns = SCHEMAS[schema]
    convert = converter(schema, coder.country_names())
    daily = OneADay() if one_a_day else None
    summary = RunSummary(Path("<stdout>"))
    writer = None
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore",
                                lineterminator="\n")
        writer.writeheader()
    for result in coder.code_articles(read_inputs(inputs, date), workers=workers,
                                      prefilter=prefilter):
        summary.counts[result.status] += 1
        if result.skipped is not None:
            summary.skip_reasons[result.skipped.kind] += 1
        summary.sentences += result.sentences
        for ev in result.events:
            row = ev.row()
            if daily is not None and not daily.keep(row):
                continue
            cells = null_empty(convert(row), columns)
            if writer is not None:
                writer.writerow({k: ("" if v is None else v) for k, v in cells.items()})
            else:
                out.write(json.dumps(cells, ensure_ascii=False) + "\n")
            summary.events += 1
        out.flush()
        if on_result is not None:
            on_result(result, summary)
    return summary
