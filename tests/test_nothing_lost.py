"""Nothing lost: bad input, crashes and resume, determinism."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import FIXTURES, HERE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from coder import dictionaries as dicts
from coder.articles import Article, Skipped, read_inputs
from coder.cli import app
from coder.errors import CoderError

ROOT = HERE.parent
runner = CliRunner()
sys.path.insert(0, str(ROOT / "bench"))
from corpus import articles as generated  # noqa: E402

# -- property tests ----------------------------------------------------------------------


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".jsonl", ".csv", ".txt"]))
def test_readers_never_crash_on_random_bytes(tmp_path, data, suffix):
    path = tmp_path / f"2005-11-22-x{suffix}"
    path.write_bytes(data)
    records = list(read_inputs([str(path)]))
    assert records and all(isinstance(r, Article | Skipped) for r in records)
    if suffix == ".jsonl":
        try:
            lines = [ln for ln in data.decode("utf-8-sig").split("\n") if ln.strip()]
        except UnicodeDecodeError:
            lines = None
        if lines:  # one record per non-empty line, coded or skipped
            assert len(records) == len(lines)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                 max_size=4),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(records=st.lists(st.one_of(
    json_values,
    st.fixed_dictionaries({"id": json_values, "text": json_values, "date": json_values}),
), max_size=8))
def test_random_json_records_are_all_accounted_for(tmp_path, records):
    path = tmp_path / "batch.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    out = list(read_inputs([str(path)]))
    if not records:  # an empty file is reported, not silently dropped
        assert [(s.code, s.reason) for s in out] == [("E202", "the file is empty")]
        return
    assert len(out) == len(records)
    for rec, got in zip(records, out, strict=True):
        if isinstance(got, Skipped):
            assert got.origin.startswith(str(path) + ":") and got.reason
        else:
            assert isinstance(rec, dict) and got.text.strip() or got.title


yaml_text = st.text(alphabet=st.sampled_from(list("abc: -[]{}\"'\n#0123&*!|>%@`\t")),
                    max_size=200)


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=yaml_text | st.sampled_from([
    "actors:\n  - name: x\n", "verbs: [1, 2]\n", "agents:\n  - {code: 1}\n", "cameo: 3\n",
    "actors:\n  - &a {name: A, code: AAA}\n  - *a\n", "!!python/object:os.system {}\n"]))
def test_yaml_loader_gives_located_errors_never_crashes(tmp_path, text):
    d = tmp_path / "dicts"
    d.mkdir(exist_ok=True)
    (d / "x.yaml").write_text(text)
    errors: list = []
    dicts.load([dicts.SHIPPED_DICTIONARIES / "cameo.yaml", d], FIXTURES / "no-rules",
               collect=errors)
    for e in errors:
        assert isinstance(e, CoderError) and e.location is not None
        assert str(e.location).startswith(str(d / "x.yaml")) or "x.yaml" in str(e.location)


def test_yaml_cannot_execute_code(tmp_path):
    (tmp_path / "x.yaml").write_text("actors: !!python/object/apply:os.system ['touch pwned']\n")
    errors: list = []
    dicts.load([dicts.SHIPPED_DICTIONARIES / "cameo.yaml", tmp_path], FIXTURES / "no-rules",
               collect=errors)
    assert errors and not (tmp_path / "pwned").exists() and not Path("pwned").exists()


# -- a directory of every bad input kind, next to good articles -------------------------


@pytest.mark.model
def test_every_bad_input_is_reported_and_every_good_article_coded(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    good = {"2005-11-22-good1.txt": "Iran condemned Israel.",
            "2005-11-22-good2.txt": "Syria accused Iraq on Monday."}
    for name, text in good.items():
        (d / name).write_text(text)
    (d / "2005-11-22-latin1.txt").write_bytes("Caf\xe9 Iran condemned Israel.".encode("latin-1"))
    (d / "2005-11-22-nul.txt").write_bytes(b"Iran\x00condemned\x00Israel")
    (d / "2005-11-22-binary.txt").write_bytes(bytes(range(256)) * 4)
    (d / "2005-11-22-huge.txt").write_text("Iran condemned Israel. " * 230_000)  # ~5 MB
    (d / "2005-11-22-long-sentence.txt").write_text(
        "Iran condemned Israel " + "and more words " * 7000 + ".")  # 100,000 characters
    (d / "2005-11-22-empty.txt").write_text("")
    (d / "missing-columns.csv").write_text("id,date,words\n1,2005-11-22,Iran condemned Israel.\n")
    (d / "broken.jsonl").write_text(
        '{"id": "j1", "date": "2005-11-22", "text": "Jordan accused Iraq."}\n{"id": "j2", \n'
        '{"id": "j3", "date": "Tue, 22 Nov 2005 10:00:00 GMT", "text": "Egypt condemned Iraq."}\n'
        '{"id": "j4", "date": "sometime in May", "text": "Egypt condemned Iraq."}\n')
    (d / "2005-11-22-gone.txt").symlink_to(d / "does-not-exist")  # unreadable
    out = tmp_path / "events.csv"
    res = runner.invoke(app, ["code", str(d), "-o", str(out), "-q", "--no-cache"])
    assert res.exit_code == 0, res.output
    manifest = [json.loads(x) for x in
                (tmp_path / "events.csv.manifest.jsonl").read_text().splitlines()]
    records = [m for m in manifest if "n" in m]
    summary = manifest[-1]["summary"]
    assert summary["records"] == len(records) == sum(
        summary[s] for s in ("coded", "no events", "discarded", "skipped"))
    status = {m["id"]: (m["status"], m.get("reason", "")) for m in records}
    for ident in ("2005-11-22-good1", "2005-11-22-good2", "j1", "j3", "2005-11-22-nul",
                  "2005-11-22-long-sentence"):
        assert status[ident][0] == "coded", (ident, status[ident])
    expected_skips = {"2005-11-22-latin1": "E201", "2005-11-22-binary": "E201",
                      "2005-11-22-huge": "E205", "2005-11-22-empty": "E202",
                      "missing-columns": "E210", "broken:2": "E204", "j4": "E203",
                      "2005-11-22-gone": "E206"}
    for ident, code in expected_skips.items():
        assert status[ident][0] == "skipped" and f"[{code}]" in status[ident][1], (
            ident, status[ident])
    assert f"{summary['records']} articles read" in res.output
    import pandas as pd

    df = pd.read_csv(out, dtype=str)
    assert {"2005-11-22-good1", "j3"} <= set(df.story_id)
    assert df.loc[df.story_id == "2005-11-22-good2", "date"].tolist() == ["2005-11-21"]


# -- crash and resume ----------------------------------------------------------------------


def _corpus(path: Path, n: int) -> None:
    path.write_text("".join(json.dumps(a) + "\n" for a in generated(n, seed=11)))


def _coder_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "coder", "code", *args, "-q"]


@pytest.mark.model
def test_sigkill_mid_batch_then_resume_equals_a_clean_run(tmp_path):
    corpus = tmp_path / "c.jsonl"
    _corpus(corpus, 150)
    clean = tmp_path / "clean.csv"
    subprocess.run(_coder_cmd(str(corpus), "-o", str(clean), "--no-cache"), check=True,
                   cwd=ROOT)
    out = tmp_path / "run.csv"
    partial_manifest = tmp_path / "run.csv.manifest.jsonl.partial"
    proc = subprocess.Popen(_coder_cmd(str(corpus), "-o", str(out), "--no-cache",
                                       "--no-prefilter"), cwd=ROOT)
    deadline = time.time() + 120
    while time.time() < deadline:
        if partial_manifest.exists() and partial_manifest.read_text().count('"n":') >= 20:
            break
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert not out.exists(), "a killed run must not leave a table posing as complete"
    assert (tmp_path / "run.csv.partial").exists()
    done = partial_manifest.read_text().count('"n":')
    assert 0 < done < 150
    res = subprocess.run(_coder_cmd(str(corpus), "-o", str(out), "--no-cache", "--resume"),
                         cwd=ROOT, capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert "resumed after" in res.stderr
    assert out.read_bytes() == clean.read_bytes()
    assert not (tmp_path / "run.csv.partial").exists()
    lines = (tmp_path / "run.csv").read_text().splitlines()
    assert len(lines) == len(set(lines))  # no duplicate rows


@pytest.mark.model
def test_same_output_bytes_whatever_the_worker_count(tmp_path):
    corpus = tmp_path / "c.jsonl"
    _corpus(corpus, 40)
    outs = []
    for workers in ("1", "2"):
        out = tmp_path / f"w{workers}.jsonl"
        res = runner.invoke(app, ["code", str(corpus), "-o", str(out), "-q", "--no-cache",
                                  "--workers", workers])
        assert res.exit_code == 0, res.output
        outs.append(out.read_bytes())
    assert outs[0] == outs[1] and len(outs[0]) > 0
