"""Adversarial cases (issue 15): one bad record, a damaged cache or a second run must not
cost a batch. Each test here failed on the code before the fix it names."""

from __future__ import annotations

import io
import json
import os
import signal
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

from coder.articles import Article, Skipped, read_inputs


@contextmanager
def deadline(seconds: int):
    """Fail (instead of hanging CI) when the body takes longer than ``seconds``."""

    def boom(signum, frame):
        raise TimeoutError(f"still running after {seconds} s")

    old = signal.signal(signal.SIGALRM, boom)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def _jsonl(n: int, bad_line: int | None = None) -> bytes:
    lines = []
    for i in range(1, n + 1):
        line = json.dumps({"id": f"a{i}", "date": "2005-11-22",
                           "text": f"Iran condemned Israel, report {i}."}).encode()
        if i == bad_line:
            line = line.replace(b"condemned", b"condemn\xe9d")  # latin-1, not UTF-8
        lines.append(line + b"\n")
    return b"".join(lines)


def _kinds(records: list) -> tuple[int, list[tuple[str, str]]]:
    articles = sum(isinstance(r, Article) for r in records)
    return articles, [(r.code, r.origin) for r in records if isinstance(r, Skipped)]


# -- 1. readers stream by record ----------------------------------------------------------


def test_one_bad_byte_skips_only_its_record_at_file_line(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_bytes(_jsonl(1000, bad_line=500))
    articles, skips = _kinds(list(read_inputs([str(path)])))
    assert articles == 999
    assert skips == [("E201", f"{path}:500")]


def test_stdin_reports_a_bad_byte_exactly_as_a_file_does(tmp_path, monkeypatch):
    data = _jsonl(20, bad_line=7)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    records = list(read_inputs(["-"]))
    articles, skips = _kinds(records)
    assert articles == 19 and skips == [("E201", "<stdin>:7")]
    path = tmp_path / "same.jsonl"
    path.write_bytes(data)
    from_file = [r.reason for r in read_inputs([str(path)]) if isinstance(r, Skipped)]
    assert from_file == [r.reason for r in records if isinstance(r, Skipped)]


def test_csv_bad_byte_and_unclosed_quote_skip_only_their_rows(tmp_path):
    path = tmp_path / "batch.csv"
    path.write_bytes(b"id,date,text\n"
                     b"c1,2005-11-22,Iran condemned Israel.\n"
                     b"c2,2005-11-22,Syria accus\xe9d Iraq.\n"
                     b'c3,2005-11-22,"Egypt met Iraq.\n'
                     b"c4,2005-11-22,Jordan praised Egypt.\n"
                     b"c5,2005-11-22,Iran met Iraq.\n")
    records = list(read_inputs([str(path)]))
    assert [r.id for r in records if isinstance(r, Article)] == ["c1", "c4", "c5"]
    skips = [(r.code, r.origin) for r in records if isinstance(r, Skipped)]
    assert skips == [("E201", f"{path}:3"), ("E204", f"{path}:4")]


@pytest.mark.parametrize("field", ["text", "id", "title", "source"])
def test_a_lone_surrogate_is_a_skipped_record(tmp_path, field):
    path = tmp_path / "s.jsonl"
    bad = {"id": "s1", "date": "2005-11-22", "text": "Iran condemned Israel.", "title": "T",
           "source": "wire"}
    bad[field] = bad[field] + "\ud800"
    good = {"id": "s2", "date": "2005-11-22", "text": "Iran condemned Israel."}
    path.write_text(json.dumps(bad) + "\n" + json.dumps(good) + "\n")  # ascii escapes
    records = list(read_inputs([str(path)]))
    assert isinstance(records[0], Skipped) and records[0].code == "E201"
    str(records[0]).encode("utf-8")  # printable and writable
    assert isinstance(records[1], Article)


def test_json_nested_1500_deep_is_a_skipped_record(tmp_path):
    path = tmp_path / "deep.jsonl"
    good = json.dumps({"id": "ok", "date": "2005-11-22", "text": "Iran met Iraq."})
    path.write_text('{"id": "deep", "x": ' + "[" * 1500 + "]" * 1500 + "}\n" + good + "\n")
    articles, skips = _kinds(list(read_inputs([str(path)])))
    assert articles == 1 and skips == [("E204", f"{path}:1")]


def test_fifo_and_devices_among_inputs_are_reported_never_read(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "2005-11-22-good.txt").write_text("Iran condemned Israel.")
    os.mkfifo(d / "2005-11-22-pipe.txt")  # nobody ever writes to it: reading would hang
    (d / "2005-11-22-zero.txt").symlink_to("/dev/zero")  # reading would never end
    with deadline(20):
        records = list(read_inputs([str(d), "/dev/zero"]))
    assert sum(isinstance(r, Article) for r in records) == 1
    skipped = {Path(r.origin).name: r.code for r in records if isinstance(r, Skipped)}
    assert skipped == {"2005-11-22-pipe.txt": "E206", "2005-11-22-zero.txt": "E206",
                       "zero": "E206"}


def test_xml_records_get_the_checks_jsonl_records_get(tmp_path):
    path = tmp_path / "gold.xml"
    path.write_bytes(
        b'<Sentences>\n'
        b'<Sentence id="x1" date="20051122"><Text>Iran condemned Israel.</Text></Sentence>\n'
        b'<Sentence id="x2"><Text>Syria accused Iraq.</Text></Sentence>\n'
        b'<Sentence id="x3" date="20051122"><Text>   </Text></Sentence>\n'
        b'<Sentence id="x4" date="20051122"><Text>' + b"Iran met Iraq. " * 70_000
        + b'</Text></Sentence>\n'
        b'<Sentence id="x5" date="20051122"><Text>Egypt m\xe9t Iraq.</Text></Sentence>\n'
        b'<Sentence id="x6" date="someday"><Text>Egypt met Iraq.</Text></Sentence>\n'
        b'</Sentences>\n')
    records = list(read_inputs([str(path)], None))
    assert [r.id for r in records if isinstance(r, Article)] == ["x1"]
    assert [(r.code, r.origin) for r in records if isinstance(r, Skipped)] == [
        ("E203", f"{path}:3"), ("E202", f"{path}:4"), ("E205", f"{path}:5"),
        ("E201", f"{path}:6"), ("E203", f"{path}:7")]
    import datetime as dt

    with_date = list(read_inputs([str(path)], dt.date(2005, 11, 23)))
    assert [r.id for r in with_date if isinstance(r, Article)] == ["x1", "x2"]
    assert with_date[1].date == dt.date(2005, 11, 23)


# -- 2. the output is locked; it is never an input -----------------------------------------

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from corpus import articles as generated  # noqa: E402


@pytest.fixture(scope="module")
def coder():
    from coder.pipeline import Coder

    return Coder()


def _corpus(path: Path, n: int, seed: int = 3) -> Path:
    path.write_text("".join(json.dumps(a) + "\n" for a in generated(n, seed=seed)))
    return path


class Stop(Exception):
    pass


def _interrupted(coder, corpus: Path, out: Path, after: int, **kw) -> None:
    """A run stopped after ``after`` records, as a kill would leave it (.partial files)."""
    from coder.run import run_code

    def stop(result, summary):
        if summary.records >= after:
            raise Stop

    with pytest.raises(Stop):
        run_code(coder, [str(corpus)], out, on_result=stop, **kw)


@pytest.mark.model
def test_a_second_run_on_the_same_output_is_refused(tmp_path, coder):
    from coder.errors import CoderError
    from coder.run import lock_path, run_code

    corpus = _corpus(tmp_path / "c.jsonl", 5)
    out = tmp_path / "events.csv"
    lock_path(out).write_text(f"{os.getpid()} {__import__('socket').gethostname()}\n")
    with pytest.raises(CoderError) as err:
        run_code(coder, [str(corpus)], out)
    assert err.value.code == "E310" and str(os.getpid()) in str(err.value)
    assert not out.exists() and not (tmp_path / "events.csv.partial").exists()
    # a lock left by a killed run (its pid is gone) is stale: taken over, then released
    import subprocess

    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    lock_path(out).write_text(f"{gone.pid} {__import__('socket').gethostname()}\n")
    summary = run_code(coder, [str(corpus)], out)
    assert summary.records == 5 and out.exists() and not lock_path(out).exists()


@pytest.mark.model
def test_two_concurrent_runs_one_refused_the_other_intact(tmp_path):
    import subprocess

    corpus = _corpus(tmp_path / "c.jsonl", 40)
    out = tmp_path / "events.csv"
    cmd = [sys.executable, "-m", "coder", "code", "-o", str(out), "-q", "--no-cache"]
    # the first run reads stdin, fed slowly: it is still running when the second starts
    first = subprocess.Popen([*cmd, "-"], cwd=ROOT, stdin=subprocess.PIPE,
                             stderr=subprocess.PIPE)
    lines = corpus.read_bytes().splitlines(keepends=True)
    first.stdin.write(b"".join(lines[:20]))
    first.stdin.flush()
    with deadline(120):
        while not (tmp_path / "events.csv.lock").exists():
            assert first.poll() is None, first.stderr.read()
            __import__("time").sleep(0.05)
    second = subprocess.run([*cmd, str(corpus)], cwd=ROOT, capture_output=True, text=True,
                            timeout=120)
    assert second.returncode != 0 and "[E310]" in second.stderr, second.stderr
    assert "Traceback" not in second.stderr
    first.stdin.write(b"".join(lines[20:]))
    first.stdin.close()
    assert first.wait(timeout=300) == 0, first.stderr.read()
    manifest = (tmp_path / "events.csv.manifest.jsonl").read_text().splitlines()
    assert json.loads(manifest[-1])["summary"]["records"] == 40
    assert not (tmp_path / "events.csv.lock").exists()


def test_output_that_is_an_input_or_inside_one_is_refused(tmp_path, coder):
    from coder.errors import CoderError
    from coder.run import run_code

    corpus = _corpus(tmp_path / "c.jsonl", 3)
    before = corpus.read_bytes()
    for out in (corpus, tmp_path / "events.csv"):
        with pytest.raises(CoderError) as err:
            run_code(coder, [str(corpus) if out == corpus else str(tmp_path)], out)
        assert err.value.code == "E311"
    assert corpus.read_bytes() == before and not (tmp_path / "events.csv").exists()


# -- 3. fingerprint: --resume refuses a changed run ----------------------------------------


@pytest.mark.model
def test_resume_refuses_changed_inputs_dictionaries_or_a_cut_table(tmp_path, coder):
    from coder import dictionaries as dicts
    from coder.errors import CoderError
    from coder.pipeline import Coder
    from coder.run import run_code

    corpus = _corpus(tmp_path / "c.jsonl", 30)
    clean = tmp_path / "clean.csv"
    run_code(coder, [str(corpus)], clean)
    out = tmp_path / "events.csv"
    _interrupted(coder, corpus, out, 10)
    original = corpus.read_bytes()

    def refused(c=coder) -> str:
        with pytest.raises(CoderError) as err:
            run_code(c, [str(corpus)], out, resume=True)
        assert err.value.code == "E312"
        return str(err.value)

    corpus.write_bytes(original.replace(b'"', b'"', 1).replace(b"\n", b"\n\n", 1))
    assert "record 2 " in refused()  # a line inserted: every later record moved
    corpus.write_bytes(original.splitlines(keepends=True)[0] + b'{"id": "x"}\n'
                       + b"".join(original.splitlines(keepends=True)[2:]))
    assert "record 2 " in refused()  # a record edited
    corpus.write_bytes(b"".join(original.splitlines(keepends=True)[:4]))
    assert "end after 4 records" in refused()  # truncated
    corpus.write_bytes(original)
    other = Coder(loaded=dicts.load([dicts.SHIPPED_DICTIONARIES / "cameo.yaml",
                                     ROOT / "tests" / "fixtures" / "dicts"],
                                    dicts.SHIPPED_RULES), engine=coder.engine)
    assert "dictionaries" in refused(other)
    partial = tmp_path / "events.csv.partial"
    whole = partial.read_bytes()
    partial.write_bytes(whole[: len(whole) // 2])
    assert "was cut" in refused()
    partial.write_bytes(whole)
    run_code(coder, [str(corpus)], out, resume=True)  # unchanged: resumes
    assert out.read_bytes() == clean.read_bytes()


@pytest.mark.model
def test_event_ids_are_unique_with_repeated_story_ids(tmp_path, coder):
    import pandas as pd

    from coder.run import run_code

    story = {"id": "same", "date": "2005-11-22",
             "text": "Iran condemned Israel. Syria accused Iraq of spying."}
    corpus = tmp_path / "c.jsonl"
    corpus.write_text((json.dumps(story) + "\n") * 3)
    out = tmp_path / "events.csv"
    run_code(coder, [str(corpus)], out)
    ids = pd.read_csv(out, dtype=str)["event_id"].tolist()
    assert len(ids) >= 3 and len(ids) == len(set(ids))


@pytest.mark.model
def test_manifest_moves_into_place_before_the_table(tmp_path, coder, monkeypatch):
    from coder import run, table

    corpus = _corpus(tmp_path / "c.jsonl", 3)
    out = tmp_path / "events.parquet"
    out.write_text("an older table")
    moves: list[str] = []
    real = os.replace

    def spy(src, dst):
        moves.append(Path(dst).name)
        real(src, dst)

    monkeypatch.setattr(run.os, "replace", spy)
    monkeypatch.setattr(table.os, "replace", spy)
    run.run_code(coder, [str(corpus)], out)
    assert moves == ["events.parquet.manifest.jsonl", "events.parquet"]


# -- 8. spreadsheet formulas, a deterministic .dta, disk errors -----------------------------


def test_csv_cells_that_a_spreadsheet_would_run_are_escaped(tmp_path):
    from coder.table import TableWriter

    row = {"a": "=HYPERLINK(\"http://x\")", "b": "+1", "c": "-2", "d": "@SUM(A1)", "e": "ok"}
    for escape, want in ((True, "'=HYPERLINK"), (False, "=HYPERLINK")):
        out = tmp_path / f"t{escape}.csv"
        with TableWriter(out, list(row), escape_formulas=escape) as w:
            w.write(row)
        import csv

        got = list(csv.DictReader(out.open()))[0]
        assert got["a"].startswith(want) and got["e"] == "ok"
        assert all(got[k].startswith("'") == escape for k in "bcd")


def test_stata_files_do_not_embed_the_time_of_writing(tmp_path):
    from coder.events import COLUMNS
    from coder.table import TableWriter

    out = tmp_path / "t.dta"
    with TableWriter(out, COLUMNS) as w:
        w.write({c: None for c in COLUMNS} | {"date": "2005-11-22", "pub_date": "2005-11-22",
                                               "sentence_id": 1, "quad_class": 1,
                                               "mentions": 1, "goldstein": 1.0})
    assert b"01 Jan 2000 00:00" in out.read_bytes()


@pytest.mark.model
def test_disk_errors_are_numbered_messages_not_tracebacks(tmp_path, monkeypatch):
    import errno

    from typer.testing import CliRunner

    from coder.cli import app
    from coder.table import TableWriter

    corpus = _corpus(tmp_path / "c.jsonl", 5)
    runner = CliRunner()
    res = runner.invoke(app, ["code", str(corpus), "-o", "/proc/no/such/dir/events.csv", "-q",
                              "--no-cache"])
    assert res.exit_code != 0 and "[E301]" in res.output and res.exc_info[0] is SystemExit

    def full(self, row):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(TableWriter, "write", full)
    res = runner.invoke(app, ["code", str(corpus), "-o", str(tmp_path / "e.csv"), "-q",
                              "--no-cache"])
    assert res.exit_code != 0 and res.exc_info[0] is SystemExit, res.output
    assert "[E301]" in res.output and "No space left on device" in res.output


# -- 4. the parse cache is an optimisation, never a point of failure -----------------------


def _cached_coder(coder, directory: Path, timeout: float = 5.0):
    from coder.parse import NLPEngine, ParseCache
    from coder.pipeline import Coder

    engine = NLPEngine(cache=ParseCache(directory, timeout=timeout))
    engine._nlp = coder.engine.nlp  # the model is loaded once per test module
    return Coder(loaded=coder.dictionaries, engine=engine)


@pytest.mark.model
@pytest.mark.parametrize("damage", ["garbage", "pages", "truncated"])
def test_a_damaged_cache_is_moved_aside_and_rebuilt(tmp_path, coder, capsys, damage):
    from coder.run import run_code

    corpus = _corpus(tmp_path / "c.jsonl", 20)
    cache = tmp_path / "cache"
    first = run_code(_cached_coder(coder, cache), [str(corpus)], tmp_path / "a.csv")
    db = cache / "parses-v2.sqlite"
    for extra in ("-wal", "-shm"):  # what a crash might leave behind, checkpointed away
        Path(str(db) + extra).unlink(missing_ok=True)
    data = bytearray(db.read_bytes())
    if damage == "garbage":
        data = bytearray(b"this is not a database " * 200)
    elif damage == "pages":
        data[len(data) // 3 : len(data) // 3 + 4096] = b"\xff" * 4096
    else:
        data = data[: len(data) // 2]
    db.write_bytes(bytes(data))
    again = run_code(_cached_coder(coder, cache), [str(corpus)], tmp_path / "b.csv")
    assert (again.events, again.records) == (first.events, first.records)
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()
    err = capsys.readouterr().err
    if list(cache.glob("*.damaged-*")):
        assert "[W301]" in err and "moved it to" in err
    third = _cached_coder(coder, cache)  # the next run has a working cache again
    run_code(third, [str(corpus)], tmp_path / "c.csv")
    assert not third.engine.cache.off


def test_a_locked_cache_times_out_into_running_without_it(tmp_path, capsys):
    import sqlite3

    import spacy

    from coder.parse import ParseCache

    nlp = spacy.blank("en")
    ParseCache(tmp_path).put_many([("k0", nlp("Iran met Iraq."))])
    holder = sqlite3.connect(tmp_path / "parses-v2.sqlite")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        cache = ParseCache(tmp_path, timeout=0.2)
        cache.put_many([("k1", nlp("Syria met Iraq."))])  # would wait forever, or raise
        assert cache.off and cache.get_many(["k0"], nlp.vocab) == {}
    finally:
        holder.rollback()
        holder.close()
    assert "[W301]" in capsys.readouterr().err
    assert ParseCache(tmp_path).get_many(["k0"], nlp.vocab)  # nothing was damaged


# -- 5. a YAML alias bomb is refused, not expanded -----------------------------------------

BOMB = """\
actors:
  - &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
  - &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
  - &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
  - &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
  - &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
  - &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
  - &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
  - &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
  - &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
"""


def test_a_yaml_alias_bomb_is_refused_at_file_line_without_the_structure(tmp_path):
    from coder import dictionaries as dicts

    d = tmp_path / "dicts"
    d.mkdir()
    (d / "bomb.yaml").write_text(BOMB)
    errors: list = []
    with deadline(20):
        dicts.load([dicts.SHIPPED_DICTIONARIES / "cameo.yaml", d],
                   ROOT / "tests" / "fixtures" / "no-rules", collect=errors)
    bomb = [e for e in errors if "bomb.yaml" in str(e.location)]
    assert [e.code for e in bomb] == ["E110"]
    assert bomb[0].location.line is not None and len(str(bomb[0])) < 400
    (d / "bomb.yaml").write_text("actors:\n  - &x {name: Iran, code: IRN}\n"
                                 "  - {name: Persia, code: IRN}\nagents: []\n")
    errors = []
    dicts.load([dicts.SHIPPED_DICTIONARIES / "cameo.yaml", d],
               ROOT / "tests" / "fixtures" / "no-rules", collect=errors)
    assert not [e for e in errors if e.code == "E110"]  # an anchor in ordinary use is fine
    # many aliases that barely expand (PyYAML's dumper writes one per repeated object)
    (d / "bomb.yaml").write_text("actors:\n  - &x {name: Iran, code: IRN}\n" + "".join(
        f"  - {{name: Iran {i}, code: IRN, roles: &r{i} [GOV]}}\n  - {{name: Persia {i}, "
        f"code: IRN, roles: *r{i}}}\n" for i in range(1500)))
    errors = []
    dicts.load([dicts.SHIPPED_DICTIONARIES / "cameo.yaml", d],
               ROOT / "tests" / "fixtures" / "no-rules", collect=errors)
    assert not [e for e in errors if e.code == "E110"]


# -- 6. workers die with their parent ------------------------------------------------------


def _children_of(pid: int) -> list[int]:
    out = []
    for stat_file in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat_file.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat_file.parent.name))
    return out


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


@pytest.mark.model
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_die_when_their_parent_is_killed(tmp_path):
    import subprocess
    import time

    corpus = _corpus(tmp_path / "c.jsonl", 2000)
    out = tmp_path / "events.csv"
    proc = subprocess.Popen([sys.executable, "-m", "coder", "code", str(corpus), "-o",
                             str(out), "-q", "--no-cache", "--no-prefilter", "-w", "2"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    manifest = tmp_path / "events.csv.manifest.jsonl.partial"
    workers: list[int] = []
    with deadline(120):
        while len(workers) < 2 or not manifest.exists() or '"n"' not in manifest.read_text():
            assert proc.poll() is None, "the run ended before it could be killed"
            workers = _children_of(proc.pid)
            time.sleep(0.1)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    end = time.time() + 10
    while time.time() < end and any(_running(w) for w in workers):
        time.sleep(0.1)
    alive = [w for w in workers if _running(w)]
    for w in alive:  # do not leave them behind even when the test fails
        os.kill(w, signal.SIGKILL)
    assert not alive, f"workers {alive} outlived their parent"


# -- 7. dask: a fresh directory swapped in, a manifest, bad records skipped ----------------


@pytest.mark.model
def test_dask_rerun_replaces_the_dataset_writes_a_manifest_and_skips_bad_records(tmp_path):
    pytest.importorskip("distributed")
    import pandas as pd
    from distributed import Client

    from coder.distributed import code_distributed

    corpus = _corpus(tmp_path / "c.jsonl", 30)
    with corpus.open("ab") as fh:
        fh.write(b'{"id": "sur", "date": "2005-11-22", "text": "Iran met Iraq.\\ud800"}\n')
        fh.write(b'{"id": "deep", "x": ' + b"[" * 1500 + b"]" * 1500 + b"}\n")
        fh.write(b'{"id": "byte", "date": "2005-11-22", "text": "Iran m\xe9t Iraq."}\n')
        fh.write(b'{"id": "same", "date": "2005-11-22", "text": "Iran condemned Israel."}\n' * 2)
    out = tmp_path / "events"
    out.mkdir()
    for stale in ("part-00000.parquet", "part-00099.parquet"):  # an older, bigger run
        (out / stale).write_text("old")
    with Client(processes=False, n_workers=1, threads_per_worker=1,
                dashboard_address=None) as client:
        totals = code_distributed([str(corpus)], out, client=client,
                                  articles_per_partition=10)
    parts = sorted(out.glob("part-*.parquet"))
    assert [p.name for p in parts] == [f"part-{i:05d}.parquet" for i in range(4)]
    df = pd.concat([pd.read_parquet(p) for p in parts], ignore_index=True)
    assert len(df) == totals["events"] and df["event_id"].is_unique
    manifest = [json.loads(x) for x in (tmp_path / "events.manifest.jsonl").read_text()
                .splitlines()]
    summary = manifest[-1]["summary"]
    assert summary["records"] == 35 == totals["records"] and summary["skipped"] == 3
    assert summary["events"] == totals["events"]
    assert not list(tmp_path.glob(".events.*"))  # no temp or old directory left


def test_dask_refuses_the_options_it_does_not_support(tmp_path):
    from typer.testing import CliRunner

    from coder.cli import app

    corpus = _corpus(tmp_path / "c.jsonl", 2)
    res = CliRunner().invoke(app, ["code", str(corpus), "--engine", "dask", "-o",
                                   str(tmp_path / "ev"), "--one-a-day", "--schema", "icews"])
    assert res.exit_code == 2 and "[E313]" in res.output
    assert "--one-a-day" in res.output and "--schema" in res.output
    assert not (tmp_path / "ev").exists()


# -- the whole batch: every bad record kind at once, through `coder code` ------------------


@pytest.mark.model
def test_a_1000_record_batch_with_every_bad_record_kind_loses_only_those(tmp_path):
    from typer.testing import CliRunner

    from coder.cli import app

    d = tmp_path / "in"
    d.mkdir()
    (d / "batch.jsonl").write_bytes(
        _jsonl(1000, bad_line=500)
        + b'{"id": "sur\\ud800", "date": "2005-11-22", "text": "Iran met Iraq."}\n'
        + b'{"id": "deep", "x": ' + b"[" * 1500 + b"]" * 1500 + b"}\n")
    os.mkfifo(d / "2005-11-22-pipe.txt")
    out = tmp_path / "out" / "events.csv"
    with deadline(300):
        res = CliRunner().invoke(app, ["code", str(d), "-o", str(out), "-q", "--no-cache"])
    assert res.exit_code == 0, res.output
    lines = [json.loads(x) for x in (tmp_path / "out" / "events.csv.manifest.jsonl")
             .read_text(encoding="utf-8").splitlines()]
    summary = lines[-1]["summary"]
    assert summary["records"] == 1003 and summary["skipped"] == 4
    skipped = sorted((m["origin"].rsplit("/", 1)[-1], m["reason"][:6]) for m in lines
                     if m.get("status") == "skipped")
    assert skipped == [("2005-11-22-pipe.txt", "[E206]"), ("batch.jsonl:1001", "[E201]"),
                       ("batch.jsonl:1002", "[E204]"), ("batch.jsonl:500", "[E201]")]
    assert summary["coded"] == 999


@pytest.mark.model
def test_records_with_nothing_to_parse_are_not_held_until_the_next_parse(coder):
    """Memory stays flat on a long run of skipped records: results come out as they go."""
    pulled = 0

    def records():
        nonlocal pulled
        for i in range(20_000):
            pulled += 1
            yield Skipped(f"s{i}", f"x.jsonl:{i + 1}", "E204", "broken")
        yield Article("last", "Iran condemned Israel.", __import__("datetime").date(2005, 1, 1))

    results = coder.code_articles(records())
    first = next(results)
    assert first.skipped is not None and pulled < 1_000
    assert sum(1 for _ in results) == 20_000
