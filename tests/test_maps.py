"""summarize --by location_country/admin1, and the --map PNG of event places."""

from __future__ import annotations

import struct

import pandas as pd
from conftest import HERE
from typer.testing import CliRunner

from coder.cli import app
from coder.events import COLUMNS
from coder.maps import draw_map, places
from coder.schemas import converter
from coder.summarize import summarize
from coder.table import TableWriter, read_table

ROOT = HERE.parent
runner = CliRunner()


def row(n: int, **kw) -> dict:
    r = {c: "" for c in COLUMNS}
    r.update(event_id=f"s-{n}", story_id="s", sentence_id=n, date="2020-01-03",
             pub_date="2020-01-03", source="SYRMIL", source_country="SYR", source_role="MIL",
             code="190", root_code="19", event_name="Fight", quad_class=4, goldstein=-10.0,
             target="SYRREB", target_country="SYR", target_role="REB", mentions=1)
    r.update(kw)
    return r


ALEPPO = dict(place="Aleppo", admin1="Aleppo", location_country="SYR", latitude=36.2,
              longitude=37.16, geonames_id="170063", location_level="city")
TYRE = dict(place="Tyre", admin1="Liban-Sud", location_country="LBN", latitude=33.27,
            longitude=35.19, geonames_id="267008", location_level="city")


def table(tmp_path, rows, schema="native", name="e.csv"):
    from coder.schemas import SCHEMAS

    path = tmp_path / name
    convert = converter(schema, {"SYR": "Syria", "LBN": "Lebanon"})
    with TableWriter(path, SCHEMAS[schema]) as w:
        for r in rows:
            w.write(convert(r))
    return read_table(path)


def test_summarize_by_country_and_province_of_the_place(tmp_path):
    df = table(tmp_path, [row(1, **ALEPPO), row(2, **ALEPPO), row(3, **TYRE), row(4)])
    by_country = summarize(df, "location_country", "month")
    assert dict(zip(by_country["group"], by_country["events"], strict=True)) == {
        "SYR": 2, "LBN": 1, "(none)": 1}
    by_province = summarize(df, "admin1", "month")
    assert dict(zip(by_province["group"], by_province["events"], strict=True)) == {
        "Aleppo": 2, "Liban-Sud": 1, "(none)": 1}


def test_places_read_every_schema(tmp_path):
    rows = [row(1, **ALEPPO), row(2, **ALEPPO), row(3, **TYRE), row(4)]
    for schema in ("native", "icews", "phoenix", "polecat"):
        got = places(table(tmp_path, rows, schema, f"{schema}.parquet"))
        assert got["events"].tolist() == [2, 1], schema
        assert round(got["lat"].iloc[0], 2) == 36.2


def test_map_is_a_real_png(tmp_path):
    df = table(tmp_path, [row(1, **ALEPPO), row(2, **TYRE)])
    out = tmp_path / "m.png"
    assert draw_map(df, out) == 2
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert width >= 800 and height >= 400
    empty = tmp_path / "none.png"
    assert draw_map(pd.DataFrame({"latitude": [], "longitude": [], "place": [],
                                  "location_country": []}), empty) == 0
    assert empty.read_bytes()[:4] == b"\x89PNG"


def test_summarize_command_draws_the_map(tmp_path):
    table(tmp_path, [row(1, **ALEPPO), row(2, **TYRE)], name="e.csv")
    png = tmp_path / "map.png"
    res = runner.invoke(app, ["summarize", str(tmp_path / "e.csv"), "--by",
                              "location_country", "--map", str(png)])
    assert res.exit_code == 0, res.output
    assert "SYR" in res.output and png.read_bytes()[:4] == b"\x89PNG"
