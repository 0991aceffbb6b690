"""The command line end to end, with the real spaCy pipeline: golden output per format."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
import pytest
from conftest import HERE
from typer.testing import CliRunner

from coder.cli import app

ROOT = HERE.parent
GOLDEN = HERE / "golden"
runner = CliRunner()
pytestmark = pytest.mark.model


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def coded(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("out")
    for fmt in ("csv", "tsv", "jsonl", "parquet"):
        run("code", str(ROOT / "examples"), "--output", str(out / f"events.{fmt}"), "-q")
    return out


@pytest.mark.parametrize("fmt", ["csv", "tsv", "jsonl"])
def test_text_formats_match_golden(coded, fmt):
    got = (coded / f"events.{fmt}").read_text(encoding="utf-8")
    golden = GOLDEN / f"examples.{fmt}"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(got, encoding="utf-8")
    assert got == golden.read_text(encoding="utf-8")


def test_parquet_matches_golden_with_types(coded):
    df = pd.read_parquet(coded / "events.parquet")
    golden = pd.read_csv(GOLDEN / "examples.csv", dtype=str, keep_default_na=False)
    assert list(df.columns) == list(golden.columns)
    assert df["code"].tolist() == golden["code"].tolist()  # zero-padded strings
    assert df["code"].map(type).eq(str).all()
    assert pd.api.types.is_datetime64_any_dtype(df["date"])  # a date, not an object column
    assert df["date"].dt.strftime("%Y-%m-%d").tolist() == golden["date"].tolist()
    assert df["sentence_id"].tolist() == [int(x) for x in golden["sentence_id"]]


def test_jsonl_codes_are_strings(coded):
    rows = [json.loads(line) for line in (coded / "events.jsonl").read_text().splitlines()]
    assert rows and all(isinstance(r["code"], str) and isinstance(r["root_code"], str)
                        for r in rows)
    assert all(r["code"].startswith(r["root_code"]) and len(r["root_code"]) == 2 for r in rows)


def test_examples_give_the_expected_kinds_of_events(coded):
    df = pd.read_csv(coded / "events.csv", dtype=str, keep_default_na=False)
    got = set(zip(df.story_id, df.source, df.code, df.target, df.date, strict=True))
    assert ("2024-03-12-aegean-talks", "GRCGOV", "040", "TURGOV", "2024-03-11") in got
    assert ("ex-kor-2018-04-28", "PRKGOV", "040", "KORGOV", "2018-04-27") in got
    assert ("ex-ukr-2022-08-19", "UKR", "1123", "RUS", "2022-08-19") in got
    assert "ex-sports-2019-07-14" not in set(df.story_id)  # discarded as a sports story
    assert (df.pattern_id != "").all() and (df.verb_text != "").all()


def test_bad_articles_are_reported_and_the_batch_goes_on(tmp_path):
    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "2005-11-22-good.txt").write_text("Iran condemned Israel on Monday.")
    (batch / "2005-11-22-latin.txt").write_bytes("Caf\xe9 Iran condemned Israel".encode("latin-1"))
    (batch / "2005-11-22-empty.txt").write_text("")
    (batch / "more.jsonl").write_text(
        '{"id": "j1", "date": "2005-11-22", "text": "Syria condemned Israel."}\n'
        "{broken\n"
        '{"id": "j3", "date": "yesterday", "text": "Iraq condemned Israel."}\n')
    out = tmp_path / "events.csv"
    result = runner.invoke(app, ["code", str(batch), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    df = pd.read_csv(out, dtype=str)
    assert sorted(df.source) == ["IRN", "SYR"]
    assert df.loc[df.source == "IRN", "date"].tolist() == ["2005-11-21"]
    assert "6 articles read" in result.output
    assert "skipped 4" in result.output


def test_failed_run_leaves_no_partial_output(tmp_path):
    out = tmp_path / "events.csv"
    out.write_text("previous,table\n")
    result = runner.invoke(app, ["code", str(ROOT / "examples"), "-o", str(out),
                                 "--model", "no_such_model_xyz", "-q"])
    assert result.exit_code == 8  # EXIT_MODEL
    assert "cannot load spaCy pipeline" in result.output
    assert out.read_text() == "previous,table\n"
    assert not list(tmp_path.glob(".*partial"))


def test_validate_command(tmp_path):
    assert "0 error(s), 0 warning(s)" in run("validate")
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "x.yaml").write_text("actors:\n  - {name: X, code: bad}\n")
    result = runner.invoke(app, ["validate", str(ROOT / "dictionaries"), str(bad)])
    assert result.exit_code == 1
    assert f"{bad / 'x.yaml'}:2: [E102]" in result.output
