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
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from pathlib import Path
from typing import Any

from .articles import Article, Skipped, read_inputs
from .events import COLUMNS
from .parse import batches
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
                   output_dir: str, prefilter: bool = True) -> dict[str, int]:
    """Code one partition on a worker and write it as part-<index>.parquet."""
    coder = _coder(config)
    counts = {"records": 0, "events": 0, "skipped": 0}
    path = Path(output_dir) / f"part-{index:05d}.parquet"
    with TableWriter(path, COLUMNS, "parquet") as writer:
        for result in coder.code_articles(records, prefilter=prefilter):
            counts["records"] += 1
            counts["skipped"] += result.skipped is not None
            for ev in result.events:
                writer.write(ev.row())
                counts["events"] += 1
    return counts


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
    from distributed import Client

    own = client is None
    if own:
        client = Client(scheduler) if scheduler else Client(processes=True,
                                                            dashboard_address=None)
    out = Path(output_dir)
    out.mkdir(parents=True, exist_ok=True)
    config = (tuple(str(d) for d in dictionaries) if dictionaries else None,
              str(rules) if rules else None, model)
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    totals = {"partitions": 0, "records": 0, "events": 0, "skipped": 0}
    window: deque = deque()

    def collect() -> None:
        counts = window.popleft().result()
        totals["partitions"] += 1
        for k, v in counts.items():
            totals[k] += v

    try:
        for i, part in enumerate(batches(read_inputs(inputs, date), articles_per_partition)):
            window.append(client.submit(code_partition, i, part, config, str(out), prefilter,
                                        pure=False))
            while len(window) > 2 * workers:  # bounded: memory stays flat on huge inputs
                collect()
        while window:
            collect()
    finally:
        if own:
            client.close()
    return totals
