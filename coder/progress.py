"""What a user sees while a run goes and when it ends or is stopped.

* :func:`count_records`: how many records the inputs hold, when that is cheap to
  know (files and directories; not stdin), so the progress can show a total, a
  percentage and an ETA;
* :func:`make_progress`: the progress display, on stderr;
* :func:`closing_extras`: elapsed time, rate and manifest path for the closing line;
* :func:`resume_command`: the command that continues an interrupted run.
"""

from __future__ import annotations

import csv
import itertools
import shlex
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .articles import RECORD_SUFFIXES, TEXT_SUFFIXES

COUNT_LIMIT_BYTES = 2_000_000_000  # beyond this, counting costs more than it tells


def _count_file(path: Path) -> int:
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        with open(path, "rb") as fh:
            return sum(1 for line in fh if line.strip())
    if suffix in (".csv", ".tsv"):
        from .columns import sniff_dialect

        csv.field_size_limit(2**31 - 1)
        with open(path, encoding="utf-8", errors="replace", newline="") as fh:
            header = fh.readline()
            rows = csv.reader(itertools.chain([header], fh), dialect=sniff_dialect(header))
            return max(0, sum(1 for _ in rows) - 1)
    if suffix == ".xml":
        with open(path, "rb") as fh:
            return sum(line.count(b"<Sentence ") + line.count(b"<Sentence>") for line in fh)
    return 1


def count_records(inputs: Sequence[str]) -> int | None:
    """Records in ``inputs``, or None when unknown (stdin, unreadable or huge inputs)."""
    files: list[Path] = []
    for item in inputs:
        if item == "-":
            return None
        path = Path(item)
        if path.is_dir():
            files += [p for p in sorted(path.rglob("*")) if p.is_file()
                      and p.suffix.lower() in TEXT_SUFFIXES + RECORD_SUFFIXES]
        elif path.is_file():
            files.append(path)
        else:
            return None
    try:
        if sum(p.stat().st_size for p in files) > COUNT_LIMIT_BYTES:
            return None
        return sum(_count_file(p) for p in files)
    except (OSError, csv.Error, UnicodeError):
        return None


def make_progress(console: Any, total: int | None) -> tuple[Any, Any]:
    """A rich Progress and its task: a bar, a percentage and an ETA when ``total`` is
    known, else a spinner and the elapsed time."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TaskProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    if total:
        columns: list[Any] = [TextColumn("{task.description}"), BarColumn(),
                              MofNCompleteColumn(), TaskProgressColumn(),
                              TextColumn("eta"), TimeRemainingColumn()]
    else:
        columns = [SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn()]
    progress = Progress(*columns, console=console, transient=True)
    task = progress.add_task("coding", total=total or None)
    return progress, task


def closing_extras(records: int, seconds: float, manifest: Path | None) -> str:
    """``in 12.3 s (8.1 articles/s); manifest output/events.csv.manifest.jsonl``."""
    rate = records / seconds if seconds > 0 else 0.0
    text = f"in {seconds:.1f} s ({rate:.1f} articles/s)"
    return text + (f"; manifest {manifest}" if manifest is not None else "")


def resume_command(inputs: Sequence[str], options: Sequence[tuple[str, object]]) -> str:
    """``coder code INPUTS --opt value ... --resume``; options whose value is None or
    False are left out, True ones are written as a bare flag."""
    words = ["coder", "code", *inputs]
    for name, value in options:
        if value is None or value is False:
            continue
        if value is True:
            words.append(name)
        elif isinstance(value, list | tuple):
            for v in value:
                words += [name, str(v)]
        else:
            words += [name, str(value)]
    return shlex.join([*words, "--resume"])
