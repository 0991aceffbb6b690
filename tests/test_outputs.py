"""Analysis-ready tables: formats and schemas round-trip with the right types;
the codebook documents every column; summaries match a hand count; plots render."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import pytest
from conftest import HERE
from typer.testing import CliRunner

from coder.cli import app
from coder.events import COLUMNS
from coder.schemas import ICEWS, PHOENIX, SCHEMAS, OneADay, pentaclass
from coder.summarize import summarize
from coder.table import TableWriter, read_table

ROOT = HERE.parent
runner = CliRunner()


def native_row(**kw) -> dict:
    row = {c: "" for c in COLUMNS}
    row.update(event_id="s-1", story_id="s", sentence_id=3, date="2005-11-21",
               pub_date="2005-11-22", source="IRNGOV", source_country="IRN", source_role="GOV",
               source_text="Iran's leader", code="040", root_code="04", event_name="Consult",
               quad_class=1, goldstein=1.0, target="IRQ", target_country="IRQ",
               target_role="", target_text="Iraq", verb_text="met", pattern_id="meet",
               mentions=1, sentence="Iran's leader met Iraq.")
    row.update(kw)
    return row


def test_column_lists_match_the_datasets():
    assert len(ICEWS) == 20 and ICEWS[:3] == ["Event ID", "Event Date", "Source Name"]
    assert ICEWS[-2:] == ["Latitude", "Longitude"]
    assert len(PHOENIX) == 26 and PHOENIX[:5] == ["EventID", "Date", "Year", "Month", "Day"]
    assert PHOENIX[-3:] == ["SentenceID", "URLs", "NewsSources"]


def test_codebook_documents_every_column_of_every_schema():
    book = (ROOT / "docs" / "codebook.md").read_text()
    documented = set(re.findall(r"^\| `([^`]+)` \|", book, flags=re.M))
    for name, cols in SCHEMAS.items():
        missing = [c for c in cols if c not in documented]
        assert not missing, f"{name} columns missing from docs/codebook.md: {missing}"


@pytest.mark.parametrize("fmt", ["csv", "tsv", "jsonl", "parquet", "dta"])
def test_every_format_round_trips_with_types(tmp_path, fmt):
    path = tmp_path / f"t.{fmt}"
    with TableWriter(path, COLUMNS) as w:
        w.write(native_row())
        w.write(native_row(event_id="s-2", code="1056", root_code="10", target="",
                           target_country=""))
    df = read_table(path)
    assert df["code"].tolist() == ["040", "1056"]  # leading zero kept
    assert df["root_code"].tolist() == ["04", "10"]
    if fmt in ("parquet", "dta"):
        assert pd.api.types.is_datetime64_any_dtype(df["date"]) or isinstance(
            df["date"].iloc[0], dt.date)
        assert int(df["sentence_id"].iloc[0]) == 3
    assert pd.isna(df["target"].iloc[1])  # an empty actor is null in every format
    assert "None" not in df.astype(str).to_string().split()


def test_stata_file_is_readable_with_real_dates(tmp_path):
    path = tmp_path / "t.dta"
    with TableWriter(path, ICEWS) as w:
        from coder.schemas import converter

        w.write(converter("icews", {"IRN": "Iran", "IRQ": "Iraq"})(native_row()))
    df = pd.read_stata(path)
    assert list(df.columns)[:3] == ["Event_ID", "Event_Date", "Source_Name"]
    assert df["Event_Date"].iloc[0] == pd.Timestamp("2005-11-21")
    assert df["CAMEO_Code"].iloc[0] == "040" and df["Source_Country"].iloc[0] == "Iran"


def test_phoenix_conversion_and_pentaclass():
    from coder.schemas import converter

    r = converter("phoenix", {})(native_row(source="IGOWSTNAT", source_country="",
                                            source_role="IGOWSTNAT"))
    assert (r["Year"], r["Month"], r["Day"]) == (2005, 11, 21)
    assert (r["SourceActorEntity"], r["SourceActorRole"], r["SourceActorAttribute"]) == (
        "IGO", "WST", "NAT")
    assert r["TargetActorEntity"] == "IRQ" and r["PentaClass"] == 1
    assert [pentaclass(x) for x in ("01", "03", "07", "11", "16", "14", "19")] == [
        0, 1, 2, 3, 3, 4, 4]


def test_one_a_day_keeps_one_event_per_day_dyad_code():
    f = OneADay()
    rows = [native_row(), native_row(event_id="x"), native_row(date="2005-11-22")]
    assert [f.keep(r) for r in rows] == [True, False, True]


@pytest.mark.model
@pytest.mark.parametrize("schema", ["native", "icews", "phoenix"])
def test_cli_schemas_load_back(tmp_path, schema):
    out = tmp_path / "e.parquet"
    res = runner.invoke(app, ["code", str(ROOT / "examples"), "-o", str(out), "--schema",
                              schema, "-q", "--one-a-day"])
    assert res.exit_code == 0, res.output
    df = pd.read_parquet(out)
    assert list(df.columns) == SCHEMAS[schema]
    code = {"native": "code", "icews": "CAMEO Code", "phoenix": "EventCode"}[schema]
    assert df[code].map(type).eq(str).all() and len(df) > 5


def test_summary_matches_a_hand_count(tmp_path):
    rows = [native_row(date="2020-01-03"), native_row(date="2020-01-20", goldstein=3.0),
            native_row(date="2020-02-01", source="USA", source_country="USA", code="111",
                       root_code="11", goldstein=-2.0),
            native_row(date="2020-02-02", code="190", root_code="19", goldstein=-10.0)]
    path = tmp_path / "e.csv"
    with TableWriter(path, COLUMNS) as w:
        for r in rows:
            w.write(r)
    df = read_table(path)
    by_dyad = summarize(df, "dyad", "month")
    got = {(str(p.date()), g): (n, m) for p, g, n, m in by_dyad.itertuples(index=False)}
    assert got == {("2020-01-01", "IRNGOV -> IRQ"): (2, 2.0),
                   ("2020-02-01", "USA -> IRQ"): (1, -2.0),
                   ("2020-02-01", "IRNGOV -> IRQ"): (1, -10.0)}
    by_quad = summarize(df, "quad", "month")
    assert by_quad["events"].sum() == 4
    assert set(by_quad["group"]) == {"1 verbal cooperation", "3 verbal conflict",
                                     "4 material conflict"}


@pytest.mark.model
def test_summarize_command_writes_csv_and_a_real_png(tmp_path):
    events = tmp_path / "e.jsonl"
    assert runner.invoke(app, ["code", str(ROOT / "examples"), "-o", str(events),
                               "-q"]).exit_code == 0
    png, csv_out = tmp_path / "q.png", tmp_path / "q.csv"
    res = runner.invoke(app, ["summarize", str(events), "--by", "quad", "--freq", "month",
                              "--plot", str(png), "--output", str(csv_out)])
    assert res.exit_code == 0, res.output
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
    import struct

    width, height = struct.unpack(">II", data[16:24])
    assert width >= 800 and height >= 400
    table = pd.read_csv(csv_out)
    assert table["events"].sum() == len(pd.read_json(events, lines=True))


@pytest.mark.model
def test_python_api_returns_a_typed_dataframe():
    from coder import Coder

    df = Coder().code(pd.DataFrame({"id": ["a"], "date": ["2005-11-22"],
                                    "text": ["Iran condemned Israel on Monday."]}))
    assert list(df.columns) == COLUMNS
    assert df.loc[0, "code"] == "111" and df.loc[0, "date"] == pd.Timestamp("2005-11-21")
    texts = Coder().code(["Syria accused Iraq."], date="2010-01-01")
    assert texts.loc[0, "source"] == "SYR"
