"""Coding past one machine: partitions of articles on a dask.distributed cluster.

    from distributed import Client
    from coder.distributed import code_distributed
    code_distributed(["news.jsonl"], "events/", client=Client("tcp://scheduler:8786"))

or ``coder code news.jsonl --engine dask --scheduler tcp://scheduler:8786 -o events/``.

The driver streams the inputs and cuts them into partitions of articles; each
worker loads the model and dictionaries once (they stay in the worker process)
and writes its partition as ``part-NNNNN.parquet`` (atomically), so the output
is a partitioned Parquet dataset that pandas, pyarrow, dask or Spark read as one
table. Rows are the same as a local run's, in the same order by partition.

As on the local path (issue 15): the dataset is written into a fresh temporary
directory beside the output and swapped in only when every partition is done (a
rerun never mixes old ``part-*`` files with new ones); ``<output>.manifest.jsonl``
accounts for every record; a bad record is skipped and reported, never the end of
the run; the output is locked against a second run and may not be an input.
"""

from __future__ import annotations

import collections
import datetime as dt
import json
import os
import shutil
from collections import deque
from pathlib import Path
from typing import Any

from .articles import Article, Skipped, read_inputs
from .parse import batches
from .schemas import COLUMNS
from .table import TableWriter

_CODERS: dict[tuple, Any] = {}


def _coder(config: tuple) -> Any:
    """One Coder per worker process and configuration, loaded on first use."""
    if config not in _CODERS:
        from .pipeline import Coder

        dictionaries, rules, model = config
        _CODERS[config] = Coder(list(dictionaries) if dictionaries else None, rules, model)
    return _CODERS[config]


def code_partition(index: int, records: list[Article | Skipped], config: tuple,
                   output_dir: str, prefilter: bool = True, first: int = 0,
                   repeats: list[int] | None = None) -> dict[str, Any]:
    """Code one partition on a worker and write it as part-<index>.parquet. Returns the
    counts and one manifest entry per record (``first`` is the number of the first)."""
    from .run import manifest_entry

    coder = _coder(config)
    counts = {"records": 0, "events": 0, "skipped": 0}
    entries: list[dict] = []
    path = Path(output_dir) / f"part-{index:05d}.parquet"
    with TableWriter(path, COLUMNS, "parquet") as writer:
        for k, result in enumerate(coder.code_articles(records, prefilter=prefilter)):
            counts["records"] += 1
            counts["skipped"] += result.skipped is not None
            repeat = (repeats or [1] * len(records))[k]
            rows = [ev.row() for ev in result.events]
            for row in rows:
                if repeat > 1 and result.article is not None:  # event_id unique per run
                    row["event_id"] = (f"{result.article.id}#{repeat}-"
                                       f"{row['event_id'].rsplit('-', 1)[-1]}")
                writer.write(row)
            counts["events"] += len(rows)
            entry = manifest_entry(first + k, result, 0)
            entry.pop("offset", None)
            entry["partition"] = index
            entries.append(entry)
    return {"counts": counts, "entries": entries}


def code_distributed(
    inputs: list[str],
    output_dir: str | Path,
    *,
    client: Any = None,
    scheduler: str | None = None,
    dictionaries: list[str | Path] | None = None,
    rules: str | Path | None = None,
    model: str | None = None,
    date: dt.date | None = None,
    articles_per_partition: int = 500,
    prefilter: bool = True,
) -> dict[str, int]:
    """Code ``inputs`` on a Dask cluster into a partitioned Parquet dataset."""
    from .errors import OutputError
    from .run import OutputLock, check_not_an_input, manifest_path

    out = Path(output_dir)
    check_not_an_input(out, inputs)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with OutputLock(out):
            return _code_locked(inputs, out, client, scheduler, dictionaries, rules, model,
                                date, articles_per_partition, prefilter, manifest_path(out))
    except OSError as exc:  # a disk error is a message, never a traceback
        raise OutputError(f"{exc.filename or out}: {exc.strerror or exc}",
                          code="E301") from exc


def _code_locked(inputs: list[str], out: Path, client: Any, scheduler: str | None,
                 dictionaries: list[str | Path] | None, rules: str | Path | None,
                 model: str | None, date: dt.date | None, articles_per_partition: int,
                 prefilter: bool, mpath: Path) -> dict[str, int]:
    from distributed import Client

    from . import dictionaries as dicts
    from .run import RunSummary, dictionaries_hash

    loaded = dicts.load(dictionaries, rules)  # bad dictionaries stop here, not on a worker
    own = client is None
    if own:
        client = Client(scheduler) if scheduler else Client(processes=True,
                                                            dashboard_address=None)
    tmp = out.with_name(f".{out.name}.tmp-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    mpartial = mpath.with_name(mpath.name + ".partial")
    config = (tuple(str(d) for d in dictionaries) if dictionaries else None,
              str(rules) if rules else None, model)
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    totals = {"partitions": 0, "records": 0, "events": 0, "skipped": 0}
    summary = RunSummary(out)
    window: deque = deque()
    seen: collections.Counter[str] = collections.Counter()

    header = {"inputs": inputs, "format": "parquet", "engine": "dask",
              "fingerprint": {"dictionaries": dictionaries_hash(loaded.files),
                              "model": model or ""},
              "started": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
    try:
        with open(mpartial, "w", encoding="utf-8", errors="backslashreplace") as mf:
            mf.write(json.dumps({"header": header}) + "\n")

            def collect() -> None:
                done = window.popleft().result()
                totals["partitions"] += 1
                for k, v in done["counts"].items():
                    totals[k] += v
                for entry in done["entries"]:
                    summary.counts[entry["status"]] += 1
                    summary.sentences += entry["sentences"]
                    summary.events += entry["events"]
                    if entry["status"] == "skipped":
                        summary.skip_reasons[entry["kind"]] += 1
                    mf.write(json.dumps(entry, ensure_ascii=False) + "\n")

            n = 0
            for i, part in enumerate(batches(read_inputs(inputs, date),
                                             articles_per_partition)):
                repeats = []
                for record in part:
                    if isinstance(record, Article):
                        seen[record.id] += 1
                        repeats.append(seen[record.id])
                    else:
                        repeats.append(1)
                window.append(client.submit(code_partition, i, part, config, str(tmp),
                                            prefilter, n, repeats, pure=False))
                n += len(part)
                while len(window) > 2 * workers:  # bounded: memory stays flat on huge inputs
                    collect()
            while window:
                collect()
            mf.write(json.dumps({"summary": summary.as_dict(), "finished": dt.datetime.now(
                dt.UTC).isoformat(timespec="seconds")}) + "\n")
            mf.flush()
            os.fsync(mf.fileno())
        # swap the new dataset in: the old one aside, the manifest, then the dataset
        old = out.with_name(f".{out.name}.old-{os.getpid()}")
        if out.exists():
            os.replace(out, old)
        os.replace(mpartial, mpath)
        os.replace(tmp, out)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        if own:
            client.close()
    return totals
