"""Article readers: every record becomes an Article or a located, reasoned skip."""

from __future__ import annotations

import datetime as dt
import json

from coder.articles import Article, Skipped, parse_date, read_inputs


def records(*inputs, date=None):
    return list(read_inputs([str(i) for i in inputs], date))


def test_jsonl_with_a_broken_line_goes_on(tmp_path):
    f = tmp_path / "batch.jsonl"
    f.write_text(
        json.dumps({"id": "a", "date": "2005-11-22", "text": "Iran met Iraq."}) + "\n"
        "{not json\n"
        + json.dumps({"id": "c", "date": "03/04/2005", "text": "x"}) + "\n"
        + json.dumps({"id": "d", "date": "2005-11-22", "text": "  "}) + "\n"
        + json.dumps(["a list"]) + "\n"
        + json.dumps({"id": "f", "date": "20051123", "text": "Iran met Syria.", "title": "T"})
        + "\n")
    out = records(f)
    assert [type(r).__name__ for r in out] == [
        "Article", "Skipped", "Skipped", "Skipped", "Skipped", "Article"]
    assert out[1].origin == f"{f}:2" and out[1].code == "E204"
    assert out[2].code == "E203" and "03/04/2005" in out[2].reason
    assert out[3].code == "E202"
    assert out[5].date == dt.date(2005, 11, 23) and out[5].title == "T"


def test_csv_columns_and_missing_text_column(tmp_path):
    good = tmp_path / "good.csv"
    good.write_text('id,date,text,title\nx1,2005-11-22,"Iran met Iraq, again.",Hi\n')
    bad = tmp_path / "bad.csv"
    bad.write_text("id,date,words\nx1,2005-11-22,hello\n")  # no text column, no alias
    out = records(good, bad)
    assert isinstance(out[0], Article) and out[0].text == "Iran met Iraq, again."
    assert isinstance(out[1], Skipped) and "no text column" in out[1].reason


def test_text_files_title_and_date_from_the_file_name(tmp_path):
    d = tmp_path / "news"
    d.mkdir()
    (d / "2006-09-13-visit.txt").write_text("A title\n\nFirst paragraph.\n\nSecond.")
    (d / "20051122_talks.txt").write_text("No title here.\nStill the body.")
    (d / "undated.txt").write_text("Body only.")
    out = records(d)
    by_id = {r.id: r for r in out}
    assert by_id["2006-09-13-visit"].title == "A title"
    assert by_id["2006-09-13-visit"].date == dt.date(2006, 9, 13)
    assert by_id["20051122_talks"].title == "" and by_id["20051122_talks"].date == dt.date(
        2005, 11, 22)
    assert isinstance(by_id["undated"], Skipped) and "--date" in by_id["undated"].reason
    # --date fills in
    out = records(d / "undated.txt", date=dt.date(2020, 1, 2))
    assert out[0].date == dt.date(2020, 1, 2)


def test_undecodable_and_binary_and_missing_files(tmp_path):
    latin = tmp_path / "2005-01-01-latin.txt"
    latin.write_bytes("Caf\xe9 talks".encode("latin-1"))
    binary = tmp_path / "2005-01-01-bin.txt"
    binary.write_bytes(b"\x00\x01\x02binary")
    out = records(latin, binary, tmp_path / "missing.jsonl")
    assert [r.code for r in out] == ["E201", "E201", "E206"]


def test_parse_date_forms():
    assert parse_date("2005-11-22") == dt.date(2005, 11, 22)
    assert parse_date("20051122") == dt.date(2005, 11, 22)
    assert parse_date("2005/11/22") == dt.date(2005, 11, 22)
    assert parse_date("2005-11-22T10:00:00Z") == dt.date(2005, 11, 22)
    assert parse_date("Tue, 22 Nov 2005 10:00:00 GMT") == dt.date(2005, 11, 22)
    assert parse_date("Nov. 22, 2005") == parse_date("22/11/2005") == dt.date(2005, 11, 22)
    for bad in ("2005-13-01", "Nov 22", "", "2005-11", None, "03/04/2005", "yesterday"):
        assert parse_date(bad) is None


def test_a_wire_dateline_is_split_off_the_body():
    """Left in, "BAGHDAD (AP) —" reads as the first sentence's subject."""
    from coder.sentences import dateline, units

    assert dateline("BAGHDAD (AP) \u2014 A car bomb exploded.") == (
        "BAGHDAD", "A car bomb exploded.")
    assert dateline("SAN SALVADOR, El Salvador: Two men died.") == (
        "SAN SALVADOR, El Salvador", "Two men died.")
    assert dateline("US officials said on Monday.") == ("", "US officials said on Monday.")
    assert dateline("The U.S. - Iran talks ended.") == ("", "The U.S. - Iran talks ended.")
    art = Article("a", "KABUL (AP) -- Taliban fighters attacked.\n\nLATER - not a dateline.",
                  dt.date(2010, 1, 1), title="KABUL talks")
    assert units(art) == [(True, "KABUL talks"), (False, "Taliban fighters attacked."),
                          (False, "LATER - not a dateline.")]
