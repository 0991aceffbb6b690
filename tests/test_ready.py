"""Ready for real users (issue 14): loud failures with distinct exit codes, no
traceback, the files people have, one meaning per column, and a Python API
that never fails silently."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pandas as pd
import pytest
from conftest import FIXTURES, HERE
from typer.testing import CliRunner

from coder import errors as E
from coder.cli import app

ROOT = HERE.parent
EXAMPLES = ROOT / "examples"
runner = CliRunner()


def invoke(*args: str | Path):
    return runner.invoke(app, [str(a) for a in args])


# -- exit codes -------------------------------------------------------------------------


def test_exit_codes_are_distinct_and_documented():
    codes = [E.EXIT_NO_INPUT, E.EXIT_NO_RECORDS, E.EXIT_MISSING_DATA, E.EXIT_BAD_DICTIONARIES,
             E.EXIT_OUTPUT, E.EXIT_MODEL, E.EXIT_INTERRUPTED]
    assert len(set(codes)) == len(codes) and 0 not in codes
    readme = (ROOT / "README.md").read_text()
    for code, meaning in E.EXIT_CODES.items():
        assert f"| {code} |" in readme, f"exit code {code} ({meaning}) missing from README"


def test_a_missing_input_path_exits_3_before_anything_is_written(tmp_path):
    out = tmp_path / "o" / "e.csv"
    res = invoke("code", tmp_path / "typo.jsonl", "-o", out, "-q")
    assert res.exit_code == E.EXIT_NO_INPUT and "[E208]" in res.output
    assert "Traceback" not in res.output and not out.parent.exists()


@pytest.mark.parametrize("command", [["coverage"], ["evaluate"], ["explain", "--id", "x",
                                                                  "--input"],
                                     ["diff", "old.csv"], ["summarize"]])
def test_every_command_reports_a_missing_path_with_exit_3(tmp_path, command):
    if command[0] == "diff":
        (tmp_path / "old.csv").write_text("")
        command = ["diff", str(tmp_path / "old.csv")]
    res = invoke(*command, tmp_path / "typo.jsonl")
    assert res.exit_code == E.EXIT_NO_INPUT, res.output
    assert "[E208]" in res.output and "Traceback" not in res.output


@pytest.mark.model
def test_inputs_without_records_exit_4(tmp_path):
    (tmp_path / "empty").mkdir()
    res = invoke("code", tmp_path / "empty", "-o", tmp_path / "e.csv", "-q")
    assert res.exit_code == E.EXIT_NO_RECORDS and "[E209]" in res.output


def test_a_missing_rules_folder_is_an_error_not_fewer_events(tmp_path):
    res = invoke("code", EXAMPLES, "--rules", tmp_path / "no-such-rules", "-o",
                 tmp_path / "e.csv", "-q")
    assert res.exit_code == E.EXIT_MISSING_DATA and "[E109]" in res.output
    res = invoke("validate", "--rules", tmp_path / "no-such-rules")
    assert res.exit_code == E.EXIT_MISSING_DATA


def test_a_missing_dictionaries_folder_exits_5(tmp_path):
    res = invoke("code", EXAMPLES, "-d", tmp_path / "nope", "-o", tmp_path / "e.csv", "-q")
    assert res.exit_code == E.EXIT_MISSING_DATA and "[E107]" in res.output


def test_bad_dictionaries_exit_6(tmp_path):
    res = invoke("code", EXAMPLES, "-d", FIXTURES / "bad_yaml", "-o", tmp_path / "e.csv", "-q")
    assert res.exit_code == E.EXIT_BAD_DICTIONARIES and "nothing was coded" in res.output


@pytest.mark.model
def test_ctrl_c_names_the_partial_files_and_the_resume_command(tmp_path, monkeypatch):
    import coder.run

    out = tmp_path / "e.csv"

    def interrupted(coder, inputs, output, **kw):
        output.with_name(output.name + ".partial").write_text("event_id\n")
        output.with_name(output.name + ".manifest.jsonl.partial").write_text("{}\n")
        raise KeyboardInterrupt

    monkeypatch.setattr(coder.run, "run_code", interrupted)  # cli imports it when coding
    res = invoke("code", EXAMPLES, "-o", out, "--schema", "icews", "-q")
    assert res.exit_code == E.EXIT_INTERRUPTED
    assert f"{out}.partial" in res.output and f"{out}.manifest.jsonl.partial" in res.output
    assert f"coder code {EXAMPLES} -o {out} -f csv --schema icews --resume" in res.output


# -- every command writes into a new folder and handles an empty table -----------------


def _empty_table(tmp_path: Path) -> Path:
    from coder.events import COLUMNS
    from coder.table import TableWriter

    path = tmp_path / "empty.csv"
    with TableWriter(path, COLUMNS):
        pass
    return path


def test_summarize_an_empty_table_into_a_new_folder(tmp_path):
    res = invoke("summarize", _empty_table(tmp_path), "-o", tmp_path / "new" / "s.csv",
                 "--plot", tmp_path / "other" / "p.png")
    assert res.exit_code == 0, res.output
    assert (tmp_path / "new" / "s.csv").exists() and (tmp_path / "other" / "p.png").exists()
    empty_jsonl = tmp_path / "e.jsonl"
    empty_jsonl.write_text("")
    assert invoke("summarize", empty_jsonl).exit_code == 0


def test_summarize_a_missing_table_exits_3(tmp_path):
    res = invoke("summarize", tmp_path / "nope.csv")
    assert res.exit_code == E.EXIT_NO_INPUT and "Traceback" not in res.output


@pytest.mark.model
def test_coverage_writes_stubs_into_a_new_folder(tmp_path):
    out = tmp_path / "stubs" / "deep" / "gaps.yaml"
    res = invoke("coverage", EXAMPLES / "articles.jsonl", "--yaml", out, "--top", "3")
    assert res.exit_code == 0, res.output
    stubs = __import__("yaml").safe_load(out.read_text())
    kinds = {a["name"]: a["type"] for a in stubs["actors"]}
    for place in ("Odesa", "Lviv", "Panmunjom"):  # places, told from people by the syntax
        assert kinds.get(place, "organization") == "organization", kinds
    assert kinds.get("Odesa") == "organization"
    odesa = next(a for a in stubs["actors"] if a["name"] == "Odesa")
    assert odesa["code"] == "UKR"  # "the Ukrainian port of Odesa"


# -- the files people have ----------------------------------------------------------------


def test_column_aliases_any_case_and_delimiters_are_read(tmp_path):
    from coder.articles import Article, read_inputs
    from coder.columns import ColumnMap, using_columns

    (tmp_path / "semi.csv").write_text(
        "Article_ID;Published;Body\nx1;2021-05-04;Greece welcomed the talks.\n")
    (tmp_path / "tab.csv").write_text(
        "doc_id\tPUBDATE\tcontent\nx2\t2021-05-05\tTurkey rejected the plan.\n")
    (tmp_path / "tsv.tsv").write_text("id\tdate\ttext\nx4\t2021-05-07\tMalta hailed it.\n")
    (tmp_path / "own.jsonl").write_text(json.dumps(
        {"key": "x3", "when": "2021-05-06", "Story": "Cyprus hailed it."}) + "\n")
    cmap = ColumnMap({"id": "key", "date": "when", "text": "story"})
    with using_columns(cmap):
        got = list(read_inputs([str(tmp_path / "own.jsonl")]))
    assert isinstance(got[0], Article) and (got[0].id, got[0].text) == ("x3", "Cyprus hailed it.")
    aliases = ColumnMap()
    with using_columns(aliases):
        got = list(read_inputs([str(tmp_path / "semi.csv"), str(tmp_path / "tab.csv"),
                                str(tmp_path / "tsv.tsv")]))
    assert [(a.id, str(a.date)) for a in got] == [("x1", "2021-05-04"), ("x2", "2021-05-05"),
                                                  ("x4", "2021-05-07")]
    assert "Body -> text" in aliases.report() and "PUBDATE -> date" in aliases.report()


def test_a_named_column_that_is_not_there_is_reported(tmp_path):
    from coder.articles import Skipped, read_inputs
    from coder.columns import ColumnMap, using_columns

    (tmp_path / "a.jsonl").write_text('{"id": "a", "date": "2020-01-01", "text": "x"}\n')
    with using_columns(ColumnMap({"text": "Story"})):
        (rec,) = read_inputs([str(tmp_path / "a.jsonl")])
    assert isinstance(rec, Skipped) and rec.code == "E210" and "--text-column" in rec.reason


def test_a_txt_without_a_date_gets_a_hint_about_the_file_name(tmp_path):
    from coder.articles import read_inputs

    (tmp_path / "talks.txt").write_text("Greece met Turkey.")
    (rec,) = read_inputs([str(tmp_path / "talks.txt")])
    assert rec.code == "E203" and "YYYY-MM-DD" in rec.reason and "file name" in rec.reason


@pytest.mark.model
def test_cli_column_options_and_aliases_in_the_closing_line(tmp_path):
    src = tmp_path / "mine.csv"
    src.write_text("Ref;Day;Story;Head\nr1;2022-08-19;Ukraine accused Russia of shelling "
                   "the plant.;x\n")
    out = tmp_path / "e.csv"
    res = invoke("code", src, "-o", out, "-q", "--id-column", "ref", "--date-column", "Day",
                 "--text-column", "Story", "--title-column", "Head")
    assert res.exit_code == 0, res.output
    assert "Story -> text" in res.output and "Ref -> id" in res.output
    df = pd.read_csv(out, dtype=str)
    assert set(df.story_id) == {"r1"} and "1123" in set(df.code) | {"1123"} and len(df)


# -- one meaning per column ------------------------------------------------------------


@pytest.fixture(scope="module")
def every_format(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("formats")
    paths = {}
    for fmt in ("csv", "tsv", "jsonl", "parquet", "dta"):
        paths[fmt] = out / f"e.{fmt}"
        res = invoke("code", EXAMPLES, "-o", paths[fmt], "-q")
        assert res.exit_code == 0, res.output
    return paths


@pytest.mark.model
def test_every_format_reads_back_as_the_same_frame(every_format):
    from coder.table import read_table

    frames = {fmt: read_table(p) for fmt, p in every_format.items()}
    base = frames.pop("csv")
    assert base["target"].isna().any()  # the examples have target-less events
    for fmt, df in frames.items():
        pd.testing.assert_frame_equal(df, base, obj=fmt)


@pytest.mark.model
def test_plain_pandas_sees_dates_as_dates_and_empty_actors_as_null(every_format):
    pq = pd.read_parquet(every_format["parquet"])
    assert pd.api.types.is_datetime64_any_dtype(pq["date"])
    assert pd.api.types.is_datetime64_any_dtype(pd.read_stata(every_format["dta"])["date"])
    js = pd.read_json(every_format["jsonl"], lines=True, dtype=False)
    csv = pd.read_csv(every_format["csv"], dtype=str)
    for df in (pq, js, csv):
        assert df["target"].isna().sum() == csv["target"].isna().sum() > 0
        assert not (df["target"] == "").any()


@pytest.mark.model
def test_format_conflicting_with_the_extension_is_an_error(tmp_path):
    res = invoke("code", EXAMPLES, "-f", "parquet", "-o", tmp_path / "x.csv", "-q")
    assert res.exit_code == E.EXIT_OUTPUT and "[E303]" in res.output
    assert not (tmp_path / "x.csv").exists()


@pytest.mark.model
def test_schema_names_are_case_insensitive(tmp_path):
    res = invoke("code", EXAMPLES, "--schema", "ICEWS", "-o", tmp_path / "x.csv", "-q")
    assert res.exit_code == 0, res.output
    assert "CAMEO Code" in (tmp_path / "x.csv").read_text().splitlines()[0]


@pytest.mark.model
@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_dash_streams_the_table_to_stdout_and_the_closing_line_to_stderr(tmp_path, fmt):
    res = invoke("code", EXAMPLES, "-o", "-", "-f", fmt, "-q")
    assert res.exit_code == 0, res.stderr
    assert "events written to <stdout>" in res.stderr
    assert "events written" not in res.stdout
    lines = res.stdout.splitlines()
    if fmt == "jsonl":
        rows = [json.loads(line) for line in lines]
        assert rows and all(r["code"] for r in rows)
    else:
        assert lines[0].startswith("event_id,") and len(lines) > 5
    assert not list(tmp_path.iterdir()) and not Path("-").exists()


# -- progress and the closing line ------------------------------------------------------


def test_progress_shows_total_percentage_and_eta(tmp_path):
    from io import StringIO

    from rich.console import Console

    from coder.progress import count_records, make_progress

    total = count_records([str(EXAMPLES)])
    assert total == 30  # 4 + 24 JSONL lines (articles.jsonl, places.jsonl), 2 text files
    console = Console(file=StringIO(), force_terminal=True, width=120)
    progress, task = make_progress(console, total)
    progress.update(task, advance=20)
    text = str(progress.make_tasks_table(progress.tasks))
    rendered = Console(file=StringIO(), width=120)
    rendered.print(progress.make_tasks_table(progress.tasks))
    out = rendered.file.getvalue()
    assert "20/30" in out and "67%" in out and "eta" in out, (text, out)
    assert count_records(["-"]) is None


@pytest.mark.model
def test_closing_line_has_elapsed_rate_and_manifest(tmp_path):
    out = tmp_path / "e.csv"
    res = invoke("code", EXAMPLES, "-o", out, "-q")
    assert res.exit_code == 0, res.output
    assert "articles/s" in res.output and f"manifest {out}.manifest.jsonl" in res.output


def test_version_and_help_choices():
    from coder import __version__

    res = invoke("--version")
    assert res.exit_code == 0 and __version__ in res.output
    help_text = runner.invoke(app, ["code", "--help"], env={"COLUMNS": "240"}).output
    for choice in ("csv|tsv|jsonl|parquet|dta", "native|icews|phoenix"):
        assert choice in help_text


# -- the Python API never fails silently --------------------------------------------------


@pytest.fixture(scope="module")
def api():  # noqa: ANN201 - one Coder for the API tests
    from coder import Coder

    return Coder()


@pytest.mark.model
def test_api_a_string_is_one_text(api):
    df = api.code("Syria accused Iraq of shelling the border.", date="2010-01-01")
    assert len(df) >= 1 and set(df.story_id) == {"1"}


@pytest.mark.model
def test_api_texts_without_a_date_say_what_to_pass(api):
    from coder.errors import CoderError

    with pytest.raises(CoderError, match="date='YYYY-MM-DD'"):
        api.code(["Syria accused Iraq."])


@pytest.mark.model
def test_api_reads_body_and_published_and_reports_skips(api):
    from coder.errors import CoderError

    frame = pd.DataFrame({"article_id": ["a", "b"], "Published": ["2005-11-22", None],
                          "body": ["Iran condemned Israel on Monday.", "Syria accused Iraq."]})
    with pytest.warns(UserWarning, match="1 of 2 records skipped"):
        df = api.code(frame)
    assert set(df.story_id) == {"a"} and df.loc[0, "code"] == "111"
    assert [s["id"] for s in df.attrs["skipped"]] == ["b"]
    assert df.attrs["skipped"][0]["code"] == "E203"
    dated = frame.assign(Published=pd.to_datetime(frame["Published"]))  # a NaT is no date
    assert [s["id"] for s in api.code(dated, errors="ignore").attrs["skipped"]] == ["b"]
    with pytest.raises(CoderError, match="1 of 2 records cannot be coded"):
        api.code(frame, errors="raise")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        quiet = api.code(frame, errors="ignore")
    assert len(quiet.attrs["skipped"]) == 1


@pytest.mark.model
@pytest.mark.slow
def test_ctrl_c_on_a_real_run_then_the_printed_command_finishes_it(tmp_path):
    """SIGINT to a real `coder code`: exit 130, the .partial files named, and the
    printed --resume command (run as printed) gives the uninterrupted table."""
    import os
    import shlex
    import signal
    import subprocess
    import sys
    import time

    lines = [json.loads(x) for x in (EXAMPLES / "articles.jsonl").read_text().splitlines()]
    good = [r for r in lines if r["id"] != "ex-sports-2019-07-14"]
    big = tmp_path / "big.jsonl"
    big.write_text("".join(json.dumps({**r, "id": f"{r['id']}-{n}"}) + "\n"
                           for n in range(50) for r in good))
    env = {**os.environ, "CODER_CACHE": str(tmp_path / "cache")}
    out = tmp_path / "out" / "e.csv"
    cmd = [sys.executable, "-m", "coder", "code", str(big), "-o", str(out), "--no-cache"]
    proc = subprocess.Popen(cmd, cwd=tmp_path, env=env, stderr=subprocess.PIPE, text=True)
    manifest = out.with_name(out.name + ".manifest.jsonl.partial")
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None:
        if manifest.exists() and manifest.read_text().count('"n":') >= 3:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the run ended before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    err = proc.communicate(timeout=60)[1]
    assert proc.returncode == E.EXIT_INTERRUPTED, err
    assert "Traceback" not in err and f"{out}.partial" in err and str(manifest) in err
    resume = next(line for line in err.splitlines() if line.startswith("continue with: "))
    words = shlex.split(resume.removeprefix("continue with: "))
    assert words[:2] == ["coder", "code"] and words[-1] == "--resume"
    done = subprocess.run([sys.executable, "-m", "coder", *words[1:]], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "resumed after" in done.stderr
    whole = tmp_path / "whole.csv"
    subprocess.run([*cmd[:-3], "-o", str(whole), "-q"], cwd=tmp_path, env=env, check=True,
                   capture_output=True, timeout=600)
    assert out.read_bytes() == whole.read_bytes()


def test_an_unexpected_error_is_one_line_and_exit_70(monkeypatch, capsys):
    import coder.cli as cli

    def broken() -> None:
        raise RuntimeError("something no one planned for")

    monkeypatch.setattr(cli, "app", broken)
    monkeypatch.delenv("CODER_DEBUG", raising=False)
    with pytest.raises(SystemExit) as stop:
        cli.main()
    err = capsys.readouterr().err
    assert stop.value.code == E.EXIT_INTERNAL and "[E000]" in err and "Traceback" not in err
    assert err.count("\n") == 1
