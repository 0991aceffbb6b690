"""PETRARCH compatibility: gold readers, evaluate, the importer, and scores on PETRARCH's
own suites (those read ../shared and skip without it)."""

from __future__ import annotations

import json

import pytest
import yaml
from conftest import FIXTURES, HERE
from typer.testing import CliRunner

from coder import dictionaries as dicts
from coder.cli import app
from coder.gold import GoldRecord, read_gold

ROOT = HERE.parent
runner = CliRunner()


def test_reads_petrarch_xml_even_when_not_well_formed():
    recs = list(read_gold(FIXTURES / "gold" / "petrarch_style.xml"))
    assert [r.id for r in recs] == ["T_1", "T_2", "T_3", "T_4"]
    assert all(isinstance(r, GoldRecord) for r in recs)
    assert recs[0].events == [("IRN", "111", "ISR")] and recs[0].text == "Iran condemned Israel."
    assert recs[1].events == [] and str(recs[1].date) == "2005-11-22"  # YYMMDD
    assert recs[2].events == []  # error="storydiscard": the story yields no event
    assert recs[3].events == [("GOV", "010", "SYR")]  # ---GOV: the role, country unknown


@pytest.mark.model
def test_evaluate_own_gold_format_counts_right():
    res = runner.invoke(app, ["evaluate", str(FIXTURES / "gold" / "small.yaml"), "--json"])
    assert res.exit_code == 0, res.output
    rep = json.loads(res.output)
    assert rep["records"] == 4
    # g1, g2, g3 are coded right; g4 also expects SYR->IRN, which the text does not say
    assert rep["exactly_right"] == 3
    assert rep["full_code"]["tp"] == 3 and rep["full_code"]["fn"] == 1
    assert {m["id"] for m in rep["misses"]} == {"g4"}
    assert rep["by_root"]["11"]["tp"] == 2


@pytest.mark.model
def test_code_accepts_petrarch_xml_input(tmp_path):
    out = tmp_path / "e.csv"
    res = runner.invoke(app, ["code", str(FIXTURES / "gold" / "petrarch_style.xml"), "-o",
                              str(out), "-q"])
    assert res.exit_code == 0, res.output
    assert "IRN,IRN,,Iran,dictionary,111" in out.read_text()
    assert "4 articles read" in res.output


def test_import_a_small_petrarch_set(tmp_path):
    d = tmp_path / "p"
    d.mkdir()
    (d / "verbs.txt").write_text(
        "&TALKS\n+TALKS\n+NEGOTIATIONS\n\n"
        "--- MEET [040:040] ---\nMEET {MEETS MET MEETING}\nCONFER\n"
        "- * &TALKS [046]\n- * (WITH +) [040]\n- * BANANA [999A]\n- (IN POLICY) * [060]\n"
        "- {DEATH TOLL} * [190]\n"
        "~ a (a b ATTACK) SAY = a b 015\n~ a (a b WILL_ATTACK) SAY = a b 138\n"
        "- * LETTERS (ON &TALKS) (FROM) [041]\n- + * (FROM $) [043]\n"
        "- * GUARANTEE [:030]\n")
    (d / "actors.txt").write_text(
        "RIVERLAND_ [RVL]\n+RIVERLANDER\nHILLSHIRE [HLS]\nQUEEN_MIRA\n\t[HLSGOV 300101-301231]\n"
        "\t[HLSELI >310101]\nBROKEN [ab]\n")
    (d / "agents.txt").write_text("!P! = MAN, WOMAN\nPOLICE {} [~COP]\n"
                                  "RIGHTS_GROUP [NGO~]\nCHAIR!P! [~GOV]\n")
    (d / "discards.txt").write_text("+FOOTBALL MATCH\nYEARS LATER\n")
    out = tmp_path / "out"
    res = runner.invoke(app, ["dictionaries", "import-petrarch", "--verbs", str(d / "verbs.txt"),
                              "--actors", str(d / "actors.txt"), "--agents",
                              str(d / "agents.txt"), "--discards", str(d / "discards.txt"),
                              "-o", str(out)])
    assert res.exit_code == 0, res.output
    # the imported set names the policy; rules/policy.yaml holds what it means
    assert yaml.safe_load((out / "policy.yaml").read_text()) == {"policy": "petrarch2"}
    loaded = dicts.load([out])
    assert loaded.policy == "petrarch2"
    # PETRARCH semantics: no target, no event; "A and B met" both ways; nearest pattern
    assert (loaded.targets.keep, loaded.targets.mutual) == (False, True)
    assert loaded.matching.patterns == "nearest" and not loaded.matching.clause_words
    assert loaded.sources.passive_preps == ["by", "from", "in"]
    meet = loaded.verbs["meet"].entry
    assert meet.code == "040" and meet.passive is None
    assert "confer" in meet.forms and "met" in meet.forms
    assert [(p.words, p.code) for p in meet.patterns][:1] == [(["talks", "negotiations"], "046")]
    assert meet.patterns[1].prep == "with" and meet.patterns[1].target == ["prep:with", "any"]
    actors = {a.entry.name: a.entry for a in loaded.actors}
    assert actors["riverland"].code == "RVL" and actors["riverland"].names == ["riverlander"]
    queen = actors["queen mira"]
    assert queen.type == "person" and actors["riverland"].type == "country"
    import datetime as dt

    assert queen.code_on(dt.date(1930, 6, 1)) == "HLSGOV"
    assert queen.code_on(dt.date(1935, 6, 1)) == "HLSELI"
    agents = {a.entry.names[0]: a.entry for a in loaded.agents}
    assert agents["police"].plurals == [] and agents["rights group"].prefix
    assert {a.entry.code for a in loaded.agents if "chairman" in a.entry.names} == {"GOV"}
    assert "chairwoman" in next(a.entry for a in loaded.agents if a.entry.code == "GOV").names
    report = (out / "import-report.txt").read_text()
    assert [p.subject for p in meet.patterns if p.subject] == [["death toll"]]
    letters = next(p for p in meet.patterns if p.code == "041")  # every part is required
    assert (letters.words, letters.prep, letters.prep_words, letters.and_words) == (
        ["letters"], "on", ["talks", "negotiations"], [["from"]])  # "on talks": one phrase
    freed = next(p for p in meet.patterns if p.code == "043")  # "+" before, "$" after
    assert (freed.target, freed.source) == (["subject", "any"], ["prep:from"])
    # "[:030]": only a passive reading; "obtained guarantees from Y" is Y's act
    assured = next(p for p in meet.patterns if p.words == ["guarantee"])
    assert (assured.code, assured.swap, assured.target, assured.reverse) == (
        "030", True, ["prep:from", "prep:by", "prep:in"], None)
    assert [(t.entry.outer, t.entry.code, t.entry.same_source) for t in loaded.transformations
            if t.entry.id.startswith("petrarch")] == [(["say"], "015", True)]
    for expected in ("verbs.txt:10:", "999A", "verbs.txt:11: pattern",
                     "prepositional phrase before the verb", "verbs.txt:14:",
                     "transformation rule not carried over: ~ a (a b WILL_ATTACK)",
                     "actors.txt:7:"):
        assert expected in report, expected
    assert runner.invoke(app, ["validate", str(out)]).exit_code == 0


# -- PETRARCH's own suites ----------------------------------------------------------------
def _import(shared, tmp_path, production: bool):
    d = shared / "peers" / "petrarch" / "dictionaries"
    out = tmp_path / ("prod" if production else "unit")
    if production:
        args = ["--verbs", d / "CAMEO.2.0.txt", "--actors", d / "Phoenix.Countries.actors.txt",
                "--actors", d / "Phoenix.International.actors.txt", "--actors",
                d / "Phoenix.MilNonState.actors.txt", "--agents", d / "Phoenix.agents.txt",
                "--discards", d / "Phoenix.discards.txt", "--issues",
                d / "Phoenix.IssueCoding.txt"]
    else:
        args = ["--verbs", d / "PETR.Validate.verbs.2.0.txt", "--actors",
                d / "PETR.Validate.actors.txt", "--agents", d / "PETR.Validate.agents.txt",
                "--discards", d / "PETR.Validate.discards.txt"]
    args += ["--ontology", d / "PETR.Internal.Coding.Ontology.txt"]  # negated events
    res = runner.invoke(app, ["dictionaries", "import-petrarch", *map(str, args), "-o",
                              str(out)])
    assert res.exit_code == 0, res.output
    return out


@pytest.mark.shared
@pytest.mark.model
def test_unit_test_suite_scores(shared, tmp_path):
    out = _import(shared, tmp_path, production=False)
    gold = shared / "peers" / "petrarch" / "validation" / "PETR.UnitTest.records.ud.xml"
    res = runner.invoke(app, ["evaluate", str(gold), "-d", str(out), "--json", "--exclude",
                              str(HERE / "petrarch_exclusions.yaml")])
    rep = json.loads(res.output)
    # floors just under the figures reached (see README); a regression fails here
    assert rep["records"] + len(rep["excluded"]) == 284
    assert rep["exactly_right"] >= 222
    assert rep["full_code"]["precision"] >= 0.91 and rep["full_code"]["recall"] >= 0.83


@pytest.mark.shared
@pytest.mark.model
def test_gsr_suite_scores_with_imported_production_dictionaries(shared, tmp_path):
    out = _import(shared, tmp_path, production=True)  # its speed: bench/load_times.py
    assert runner.invoke(app, ["validate", str(out)]).exit_code == 0
    gold = shared / "peers" / "petrarch" / "validation" / "PETR2_GSR_validation.xml"
    rep = json.loads(runner.invoke(app, ["evaluate", str(gold), "-d", str(out), "--json"]
                                   ).output)
    assert rep["records"] == 78
    # on all 78 records, one event under the figures reached (P 0.82, R 0.80), so that
    # a single parse flipping on another CPU does not block a landing
    assert rep["exactly_right"] >= 56
    assert rep["full_code"]["precision"] >= 0.81 and rep["full_code"]["recall"] >= 0.78
    # records whose expected coding looks wrong are listed (with reasons) and counted
    # apart; each listed id must be a record of the file, and none is coded as expected
    listed = HERE / "gsr_questionable.yaml"
    apart = json.loads(runner.invoke(app, ["evaluate", str(gold), "-d", str(out), "--json",
                                           "--exclude", str(listed)]).output)
    assert len(apart["excluded"]) == len(yaml.safe_load(listed.read_text())) == 7
    assert apart["records"] == 71 and apart["exactly_right"] == rep["exactly_right"]


def test_ontology_import_gives_negations(tmp_path):
    """PICO lines: a code written as another's value with the 0xFFFF term is its negation;
    an alternative '#...0xFFFF' value names the code's own negation; 0x300 masks skip."""
    pico = tmp_path / "pico.txt"
    pico.write_text("# comment\n010:0x1000#Make Public Statement\n011:0x1000-0xFFFF\n"
                    "050:0x0080#DiplomaticCoop\n060:0x0070\n"
                    "110:0x1007f#0xFFFF+0x0080#0x7000#Disapprove\n"
                    "121:-0xFFFF+0x0070\n122:-0xFFFF+0x2040+0x300# not code\n"
                    "023:0x2040\n999:0x1234\n")
    from coder.petrarch_import import (
        ImportReport,
        import_combination,
        import_ontology,
        read_ontology,
    )

    report = ImportReport()
    lines = read_ontology(pico, {"010", "011", "050", "060", "110", "121", "122", "023"},
                          report)
    neg = import_ontology(lines, report)
    assert neg == {"010": "011", "060": "121", "110": "050"}
    values = import_combination(read_ontology(
        pico, {"010", "060", "110", "121", "122", "023"}, ImportReport()), ImportReport())
    assert values == {"010": "0x1000", "060": "0x70", "110": "0x7000",
                      "121": "-0xff8f", "122": "-0xdcbf", "023": "0x2040"}


@pytest.mark.model
def test_evaluate_keeps_records_that_share_an_id_apart(tmp_path):
    """PETRARCH's unit-test file repeats ids (AGENTS_18); each record is scored on its own."""
    gold = tmp_path / "dup.yaml"
    gold.write_text(
        "- {id: d1, date: 2005-11-22, text: Iran condemned Israel.,"
        " events: [{source: IRN, code: '111', target: ISR}]}\n"
        "- {id: d1, date: 2005-11-22, text: Syria condemned Iraq.,"
        " events: [{source: SYR, code: '111', target: IRQ}]}\n")
    rep = json.loads(runner.invoke(app, ["evaluate", str(gold), "--json"]).output)
    assert rep["records"] == 2 and rep["exactly_right"] == 2
