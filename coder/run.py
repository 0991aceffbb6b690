"""A coding run: inputs -> event table + manifest, resumable after a crash.

Every run writes ``<output>.manifest.jsonl`` next to the table: a header line,
one line per input record (coded / no events / discarded / skipped, with
sentences, events and the reason), and a closing summary. Records in = the sum
of the statuses, always.

While the run is going, the table and the manifest are ``.partial`` files;
each record's rows are flushed before its manifest line, and the line stores
the table's byte offset. A run killed at any point (even SIGKILL) therefore
leaves only ``.partial`` files, never a truncated table posing as complete, and
``--resume`` cuts the table back to the last finished record and codes the rest.
"""

from __future__ import annotations

import collections
import datetime as dt
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .articles import Article, Skipped, read_inputs
from .errors import CoderError
from .pipeline import ArticleResult, Coder
from .schemas import SCHEMAS, OneADay, converter
from .table import TableWriter, format_for

STATUSES = ("coded", "no events", "discarded", "skipped")


@dataclass
class RunSummary:
    output: Path
    counts: collections.Counter = field(default_factory=collections.Counter)
    skip_reasons: collections.Counter = field(default_factory=collections.Counter)
    sentences: int = 0
    events: int = 0
    resumed_from: int = 0

    @property
    def records(self) -> int:
        return sum(self.counts.values())

    def line(self) -> str:
        parts = [f"{self.records} articles read", f"{self.sentences} sentences",
                 f"{self.events} events written to {self.output}"]
        status = ", ".join(f"{self.counts[s]} {s}" for s in STATUSES if self.counts[s])
        text = ", ".join(parts) + (f" ({status})" if status else "")
        if self.skip_reasons:
            text += f"; skipped {sum(self.skip_reasons.values())}: " + ", ".join(
                f"{n} {k}" for k, n in self.skip_reasons.most_common())
        if self.resumed_from:
            text += f"; resumed after {self.resumed_from} records"
        return text

    def as_dict(self) -> dict:
        return {"records": self.records, "sentences": self.sentences, "events": self.events,
                **{s: self.counts[s] for s in STATUSES},
                "skip_reasons": dict(self.skip_reasons)}


def manifest_path(output: Path) -> Path:
    return output.with_name(output.name + ".manifest.jsonl")


def _read_partial_manifest(path: Path) -> tuple[dict | None, list[dict]]:
    header, lines = None, []
    if not path.exists():
        return None, []
    with open(path, encoding="utf-8") as fh:
        for raw in fh:
            try:
                item = json.loads(raw)
            except json.JSONDecodeError:
                break  # a line cut by the crash: everything after it is not finished
            if "header" in item:
                header = item["header"]
            elif "n" in item:
                lines.append(item)
    return header, lines


def _entry(n: int, result: ArticleResult, offset: int) -> dict:
    if result.skipped is not None:
        sk = result.skipped
        return {"n": n, "id": sk.id, "origin": sk.origin, "status": "skipped",
                "sentences": 0, "events": 0, "kind": sk.kind,
                "reason": f"[{sk.code}] {sk.kind}: {sk.reason}",
                "offset": offset}
    art = result.article
    assert art is not None
    item = {"n": n, "id": art.id, "origin": art.origin, "status": result.status,
            "sentences": result.sentences, "events": len(result.events), "offset": offset}
    if result.discarded_by:
        item["rule"] = result.discarded_by
    return item


def run_code(
    coder: Coder,
    inputs: list[str],
    output: Path,
    *,
    fmt: str | None = None,
    date: dt.date | None = None,
    workers: int = 1,
    prefilter: bool = True,
    resume: bool = False,
    schema: str = "native",
    one_a_day: bool = False,
    on_result: Callable[[ArticleResult, RunSummary], None] | None = None,
) -> RunSummary:
    """Code ``inputs`` into ``output`` and its manifest. Raises CoderError on setup errors."""
    fmt = format_for(output, fmt)
    mpath = manifest_path(output)
    mpartial = mpath.with_name(mpath.name + ".partial")
    summary = RunSummary(output)
    if schema not in SCHEMAS:
        raise CoderError(f"unknown schema {schema!r}; choose one of {', '.join(SCHEMAS)}",
                         code="E302")
    convert = converter(schema, coder.country_names())
    daily = OneADay() if one_a_day else None
    header = {"inputs": inputs, "format": fmt, "schema": schema, "one_a_day": one_a_day,
              "model": coder.engine.name,
              "started": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
    done: list[dict] = []
    offset = None
    if resume:
        old_header, done = _read_partial_manifest(mpartial)
        if old_header is None:
            done = []
        elif any(old_header.get(k) != header[k] for k in ("inputs", "format", "schema",
                                                            "one_a_day")):
            raise CoderError(f"cannot resume: {mpartial} was written for inputs "
                             f"{old_header.get('inputs')} as {old_header.get('format')}",
                             code="E301")
        else:
            header = old_header
        partial_table = output.with_name(output.name + ".partial")
        if done and partial_table.exists():
            offset = done[-1]["offset"]
        else:
            done = []
        for item in done:
            summary.counts[item["status"]] += 1
            summary.sentences += item["sentences"]
            summary.events += item["events"]
            if item["status"] == "skipped":
                summary.skip_reasons[item["kind"]] += 1
        summary.resumed_from = len(done)

    def remaining() -> Iterator[Article | Skipped]:
        for n, record in enumerate(read_inputs(inputs, date)):
            if n >= len(done):
                yield record

    output.parent.mkdir(parents=True, exist_ok=True)
    if daily is not None:  # rebuild the filter's memory from the finished records
        for item in done:
            daily.seen.update(tuple(k) for k in item.get("one_a_day_keys", []))
    with TableWriter(output, SCHEMAS[schema], fmt, resume_offset=offset) as writer:
        mode = "r+" if done else "w"
        with open(mpartial, mode, encoding="utf-8") as mf:
            if done:
                # cut the manifest back to the last record whose rows are in the table
                keep = 0
                mf.seek(0)
                for raw in iter(mf.readline, ""):
                    try:
                        item = json.loads(raw)
                    except json.JSONDecodeError:
                        break
                    keep = mf.tell()
                    if item.get("n") == done[-1]["n"]:
                        break
                mf.truncate(keep)
                mf.seek(keep)
            else:
                mf.write(json.dumps({"header": header}) + "\n")
            n = len(done)
            for result in coder.code_articles(remaining(), workers=workers, prefilter=prefilter):
                status = result.status
                summary.counts[status] += 1
                if result.skipped is not None:
                    summary.skip_reasons[result.skipped.kind] += 1
                summary.sentences += result.sentences
                kept: list[dict] = []
                for ev in result.events:
                    row = ev.row()
                    if daily is None or daily.keep(row):
                        writer.write(convert(row))
                        kept.append(row)
                summary.events += len(kept)
                entry = _entry(n, result, writer.checkpoint())
                entry["events"] = len(kept)
                if daily is not None:
                    entry["one_a_day_keys"] = [[r["date"], r["source"], r["target"], r["code"]]
                                               for r in kept]
                mf.write(json.dumps(entry, ensure_ascii=False) + "\n")
                mf.flush()
                n += 1
                if on_result is not None:
                    on_result(result, summary)
            mf.write(json.dumps({"summary": summary.as_dict(), "finished": dt.datetime.now(
                dt.UTC).isoformat(timespec="seconds")}) + "\n")
            mf.flush()
            os.fsync(mf.fileno())
    os.replace(mpartial, mpath)
    return summary
