"""`coder code --engine dask` refuses, with a numbered error (E313, exit 2), each option it
does not honour, before anything is read or written; and dask's own options are refused
without it. The refusals need neither dask nor the spaCy pipeline."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from coder.cli import app
from coder.errors import EXIT_USAGE

runner = CliRunner()

REFUSED = [
    ("--format", ["--format", "csv"]),
    ("--schema", ["--schema", "icews"]),
    ("--one-a-day", ["--one-a-day"]),
    ("--resume", ["--resume"]),
    ("--workers", ["--workers", "2"]),
    ("--cache-dir", ["--cache-dir", "CACHE"]),
    ("--no-escape-formulas", ["--no-escape-formulas"]),
    ("-o -", ["-o", "-"]),
]


@pytest.fixture
def corpus(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"id": "a", "date": "2024-03-12",
                                "text": "Iran condemned Israel."}) + "\n")
    return path


@pytest.mark.parametrize("name,args", REFUSED, ids=[n for n, _ in REFUSED])
def test_dask_refuses_each_option_it_does_not_honour(tmp_path, corpus, name, args):
    out = tmp_path / "ev"
    args = [str(tmp_path / "cache") if a == "CACHE" else a for a in args]
    if "-o" not in args:
        args += ["-o", str(out)]
    res = runner.invoke(app, ["code", str(corpus), "--engine", "dask", *args])
    assert res.exit_code == EXIT_USAGE, res.output
    assert "[E313] option not supported by the dask engine" in res.output
    assert f"does not support {name}:" in res.output  # that option, and only it, is named
    assert not out.exists() and not (tmp_path / "cache").exists()


def test_dask_names_every_refused_option_at_once(tmp_path, corpus):
    res = runner.invoke(app, ["code", str(corpus), "--engine", "dask", "-o", str(tmp_path / "ev"),
                              "--resume", "--workers", "3", "--schema", "phoenix"])
    assert res.exit_code == EXIT_USAGE
    assert "does not support --resume, --schema, --workers:" in res.output


@pytest.mark.parametrize("args", [["--scheduler", "tcp://127.0.0.1:1"],
                                  ["--partition-size", "10"]])
def test_dask_options_without_the_dask_engine_are_refused(tmp_path, corpus, args):
    res = runner.invoke(app, ["code", str(corpus), "-o", str(tmp_path / "e.csv"), *args])
    assert res.exit_code == EXIT_USAGE
    assert f"{args[0]} is an option of --engine dask" in res.output
    assert not (tmp_path / "e.csv").exists()
