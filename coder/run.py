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

Around that core (issue 15): the output is locked (``<output>.lock``, taken with
O_EXCL, a stale one detected by its pid), so two runs never share a ``.partial``;
an output that is an input, or inside an input directory, is refused. The
header holds a fingerprint (the dictionaries' and rules' content hash, the model)
and each record line a hash of the record, so ``--resume`` refuses a changed
input, dictionary or model and says what changed; a ``.partial`` table shorter
than the manifest's offset is refused too. At the end the manifest is moved into
place before the table, and an older table is removed first, so a table on disk
always has its own manifest beside it. Disk errors are E301 messages.
"""

from __future__ import annotations

import collections
import datetime as dt
import hashlib
import json
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .articles import Article, Skipped, read_inputs
from .errors import CoderError, OutputError
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


def lock_path(output: Path) -> Path:
    return output.with_name(output.name + ".lock")


def _proc_start(pid: int) -> str:
    """The start time of a process (Linux), to tell a live holder from a reused pid."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return ""


def _alive(pid: int, started: str) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return not started or not _proc_start(pid) or _proc_start(pid) == started


class OutputLock:
    """``<output>.lock``: created atomically (O_EXCL) by the run that writes ``output``,
    removed when it ends. A lock whose process is gone (killed) is stale and taken over."""

    def __init__(self, output: Path) -> None:
        self.path = lock_path(output)
        self.output = output
        self.held = False

    def __enter__(self) -> OutputLock:
        me = f"{os.getpid()} {socket.gethostname()} {_proc_start(os.getpid())}\n"
        for _ in range(3):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                if not self._stale():
                    raise self._busy() from None
                try:  # move the stale lock aside (atomic), then try again
                    os.replace(self.path, f"{self.path}.stale-{os.getpid()}")
                    os.unlink(f"{self.path}.stale-{os.getpid()}")
                except FileNotFoundError:
                    pass
                continue
            except OSError as exc:
                raise OutputError(f"{self.path}: {exc.strerror or exc}", code="E301") from exc
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(me)
            self.held = True
            return self
        raise self._busy()

    def _holder(self) -> tuple[int, str, str] | None:
        try:
            parts = self.path.read_text(encoding="utf-8").split()
            return int(parts[0]), parts[1] if len(parts) > 1 else "", (
                parts[2] if len(parts) > 2 else "")
        except (OSError, ValueError, IndexError):
            return None

    def _stale(self) -> bool:
        holder = self._holder()
        if holder is None:  # half-written by a run that is starting, or garbage
            try:
                age = dt.datetime.now().timestamp() - self.path.stat().st_mtime
            except FileNotFoundError:
                return True
            return age > 10
        pid, host, started = holder
        if host and host != socket.gethostname():
            return False  # another machine's run: its pid means nothing here
        return not _alive(pid, started)

    def _busy(self) -> OutputError:
        holder = self._holder()
        who = f"process {holder[0]} on {holder[1]}" if holder else "another run"
        return OutputError(
            f"{self.output} is being written by {who} (lock {self.path}); wait for it, or "
            "choose another -o. If that run is gone, delete the lock file.", code="E310")

    def __exit__(self, *exc: object) -> None:
        if self.held:
            try:
                holder = self._holder()
                if holder is not None and holder[0] == os.getpid():
                    self.path.unlink()
            except OSError:
                pass
            self.held = False


def check_not_an_input(output: Path, inputs: list[str]) -> None:
    """Refuse an output that would overwrite an input, or that sits inside an input
    directory (the next run would read the table and manifest back as articles)."""
    out = output.resolve()
    written = {out} | {out.with_name(out.name + s) for s in
                       (".partial", ".lock", ".manifest.jsonl", ".manifest.jsonl.partial")}
    for item in inputs:
        if item == "-":
            continue
        src = Path(item).resolve()
        if src in written:
            raise OutputError(f"-o {output} is the input {item}: the run would overwrite it",
                              code="E311")
        if src.is_dir() and out.is_relative_to(src):
            raise OutputError(f"-o {output} is inside the input directory {item}: the next "
                              "run would read the table back as articles; write it elsewhere",
                              code="E311")


def dictionaries_hash(files: list[str]) -> str:
    """One content hash of every dictionary and rules file loaded (``Dictionaries.files``)."""
    h = hashlib.sha256()
    for name in files:
        h.update(name.encode("utf-8", "surrogateescape") + b"\0")
        try:
            h.update(Path(name).read_bytes())
        except OSError:
            h.update(b"<unreadable>")
        h.update(b"\0")
    return h.hexdigest()[:16]


def record_hash(record: Article | Skipped) -> str:
    """A short hash of one input record as read (its origin, so its place, included)."""
    if isinstance(record, Skipped):
        parts = ["S", record.id, record.origin, record.code, record.reason]
    else:
        parts = ["A", record.id, record.origin, record.date.isoformat(), record.title,
                 record.source, record.url, record.text]
    h = hashlib.blake2b(digest_size=8)
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return h.hexdigest()


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


def manifest_entry(n: int, result: ArticleResult, offset: int) -> dict:
    """The manifest line of one record: its status, counts and where its rows end."""
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
    escape_formulas: bool = True,
    on_result: Callable[[ArticleResult, RunSummary], None] | None = None,
) -> RunSummary:
    """Code ``inputs`` into ``output`` and its manifest. Raises CoderError on setup errors,
    and OutputError (E3xx) when the output cannot be written (full disk, read-only ...)."""
    fmt = format_for(output, fmt)
    if schema not in SCHEMAS:
        raise CoderError(f"unknown schema {schema!r}; choose one of {', '.join(SCHEMAS)}",
                         code="E302")
    check_not_an_input(output, inputs)
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        with OutputLock(output):
            return _run_locked(coder, inputs, output, fmt, date, workers, prefilter, resume,
                               schema, one_a_day, escape_formulas, on_result)
    except OSError as exc:  # a disk error is a message, never a traceback
        where = exc.filename or output
        raise OutputError(f"{where}: {exc.strerror or exc}; the run stopped, its .partial "
                          "files are kept for --resume", code="E301") from exc


def _check_resume(old: dict, new: dict, mpartial: Path) -> None:
    """Refuse to continue a run whose options, dictionaries or model changed."""
    changed = []
    for key, what in (("inputs", "the inputs"), ("format", "the format"),
                      ("schema", "the schema"), ("one_a_day", "--one-a-day")):
        if old.get(key) != new[key]:
            changed.append(f"{what} ({old.get(key)!r} then, {new[key]!r} now)")
    fp_old, fp_new = old.get("fingerprint") or {}, new["fingerprint"]
    if fp_old.get("dictionaries") != fp_new["dictionaries"]:
        changed.append("the dictionaries or rules (their content is not the same)")
    if fp_old.get("model") != fp_new["model"]:
        changed.append(f"the model ({fp_old.get('model')!r} then, {fp_new['model']!r} now)")
    if changed:
        raise CoderError(f"{mpartial} was written by a run with other settings; changed: "
                         + "; ".join(changed) + ". Run again without --resume.", code="E312")


def _run_locked(coder: Coder, inputs: list[str], output: Path, fmt: str,
                date: dt.date | None, workers: int, prefilter: bool, resume: bool,
                schema: str, one_a_day: bool, escape_formulas: bool,
                on_result: Callable[[ArticleResult, RunSummary], None] | None) -> RunSummary:
    mpath = manifest_path(output)
    mpartial = mpath.with_name(mpath.name + ".partial")
    partial_table = output.with_name(output.name + ".partial")
    summary = RunSummary(output)
    convert = converter(schema, coder.country_names())
    daily = OneADay() if one_a_day else None
    header = {"inputs": inputs, "format": fmt, "schema": schema, "one_a_day": one_a_day,
              "model": coder.engine.name,
              "fingerprint": {"dictionaries": dictionaries_hash(coder.dictionaries.files),
                              "model": f"{coder.engine.name} {coder.engine.version}"},
              "started": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
    done: list[dict] = []
    offset = None
    if resume:
        old_header, done = _read_partial_manifest(mpartial)
        if old_header is None:
            done = []
        else:
            _check_resume(old_header, header, mpartial)
            header = old_header
        if done and partial_table.exists():
            offset = done[-1]["offset"]
            size = partial_table.stat().st_size
            if size < offset:
                raise CoderError(
                    f"{partial_table} holds {size:,} bytes but its manifest says "
                    f"{offset:,} were written: the table was cut. Run again without --resume.",
                    code="E312")
        else:
            done = []
        for item in done:
            summary.counts[item["status"]] += 1
            summary.sentences += item["sentences"]
            summary.events += item["events"]
            if item["status"] == "skipped":
                summary.skip_reasons[item["kind"]] += 1
        summary.resumed_from = len(done)

    records = read_inputs(inputs, date)
    # the records the interrupted run consumed must be the same ones, in the same places
    for k, item in enumerate(done):
        record = next(records, None)
        if record is None:
            raise CoderError(f"the inputs now end after {k} records; the interrupted run had "
                             f"read {len(done)}. Run again without --resume.", code="E312")
        if "h" in item and item["h"] != record_hash(record):
            raise CoderError(f"record {k + 1} of the inputs ({record.origin}) is not the one "
                             f"the interrupted run coded there ({item.get('origin')}): the "
                             "inputs changed. Run again without --resume.", code="E312")

    # event_id stays unique when a story id comes back: story-1, then story#2-1, ...
    seen_ids: collections.Counter[str] = collections.Counter(
        item["id"] for item in done if item["status"] != "skipped")
    if daily is not None:  # rebuild the filter's memory from the finished records
        for item in done:
            daily.seen.update(tuple(k) for k in item.get("one_a_day_keys", []))
    writer = TableWriter(output, SCHEMAS[schema], fmt, resume_offset=offset,
                         escape_formulas=escape_formulas, commit=False)
    with writer:
        mode = "r+" if done else "w"
        with open(mpartial, mode, encoding="utf-8", errors="backslashreplace") as mf:
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
            for result in coder.code_articles(records, workers=workers, prefilter=prefilter):
                status = result.status
                summary.counts[status] += 1
                if result.skipped is not None:
                    summary.skip_reasons[result.skipped.kind] += 1
                summary.sentences += result.sentences
                repeat = ""
                if result.article is not None and result.skipped is None:
                    seen_ids[result.article.id] += 1
                    if seen_ids[result.article.id] > 1:
                        repeat = f"{result.article.id}#{seen_ids[result.article.id]}"
                kept: list[dict] = []
                for ev in result.events:
                    row = ev.row()
                    if repeat:
                        row["event_id"] = f"{repeat}-{row['event_id'].rsplit('-', 1)[-1]}"
                    if daily is None or daily.keep(row):
                        writer.write(convert(row))
                        kept.append(row)
                summary.events += len(kept)
                entry = manifest_entry(n, result, writer.checkpoint())
                entry["events"] = len(kept)
                entry["h"] = record_hash(result.skipped or result.article)  # type: ignore[arg-type]
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
    # the pair moves into place manifest first: an older table goes, then the manifest, then
    # the table; a kill between any two steps never leaves a table beside another manifest
    if output.exists():
        output.unlink()
    os.replace(mpartial, mpath)
    writer.commit()
    return summary
