"""The dictionary editing loop: lint, explain, coverage, the parse cache, diff."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, HERE
from typer.testing import CliRunner

from coder import dictionaries as dicts
from coder.cli import app
from coder.lint import lint

ROOT = HERE.parent
CAMEO = dicts.SHIPPED_DICTIONARIES / "cameo.yaml"
runner = CliRunner()


def lint_codes(tmp_path: Path, text: str) -> list[tuple[str, int | None]]:
    (tmp_path / "d.yaml").write_text(text)
    d = dicts.load([CAMEO, tmp_path], rules_dir=FIXTURES / "no-rules")
    return [(w.code, w.location.line if w.location else None) for w in lint(d)]


def test_lint_same_phrase_two_actors(tmp_path):
    got = lint_codes(tmp_path, "actors:\n  - {name: A, code: IGOAAA, names: [Alpha]}\n"
                     "  - {name: B, code: IGOBBB, names: [alpha]}\n")
    assert got == [("W201", 3)]


def test_lint_overlapping_and_inverted_roles(tmp_path):
    got = lint_codes(tmp_path, """actors:
  - name: P
    type: person
    roles:
      - {code: IRNGOV, from: 2001-01-01, to: 2005-01-01}
      - {code: IRNOPP, from: 2004-01-01}
  - name: Q
    type: person
    roles:
      - {code: IRNGOV, from: 2010-01-01, to: 2005-01-01}
  - {name: Iran, type: country, code: IRN}
""")
    assert sorted(got) == [("W202", 2), ("W203", 7)]


def test_lint_shadowed_pattern(tmp_path):
    got = lint_codes(tmp_path, """verbs:
  - verb: offer
    code: "030"
    patterns:
      - {id: general, words: [aid], code: "033"}
      - {id: specific, words: [humanitarian aid], code: "0333"}
      - {id: other, words: [talks], code: "036"}
""")
    assert got == [("W204", 6)]


def test_lint_agent_colliding_with_country_and_unknown_codes(tmp_path):
    got = lint_codes(tmp_path, """actors:
  - {name: Chad, type: country, code: TCD}
  - {name: X, code: TCDXYZ}
agents:
  - {code: GOV, names: [chad]}
  - {code: QQQ, names: [wizard]}
""")
    assert sorted(got) == [("W205", 5), ("W206", 3), ("W206", 6)]


def test_unknown_event_code_is_reported_with_location(tmp_path):
    (tmp_path / "v.yaml").write_text("verbs:\n  - verb: glare\n    code: '999'\n")
    result = runner.invoke(app, ["validate", str(ROOT / "dictionaries"), str(tmp_path)])
    assert result.exit_code == 1
    assert "v.yaml:2: [E104]" in result.output


def test_warnings_fail_only_with_strict(tmp_path):
    (tmp_path / "a.yaml").write_text("agents:\n  - {code: QQQ, names: [wizard]}\n")
    args = ["validate", str(ROOT / "dictionaries"), str(tmp_path)]
    assert runner.invoke(app, args).exit_code == 0
    strict = runner.invoke(app, [*args, "--strict"])
    assert strict.exit_code == 1 and "[W206]" in strict.output


@pytest.mark.model
def test_explain_text_and_json():
    text = ("Iran's supreme leader on Tuesday urged the Iraqi president to seek a withdrawal "
            "of foreign forces.")
    out = runner.invoke(app, ["explain", text, "--date", "2005-11-22"])
    assert out.exit_code == 0, out.output
    for piece in ("tokens", "actor phrases", "supreme leader", "agents.yaml", "appeal.withdrawal",
                  "IRNGOV", "IRQGOV", "0256"):
        assert piece in out.output
    js = runner.invoke(app, ["explain", text, "--date", "2005-11-22", "--json"])
    report = json.loads(js.output)
    sent = report["sentences"][0]
    assert [t["dep"] for t in sent["tokens"]][:4] == ["poss", "case", "amod", "nsubj"]
    assert {m["text"] for m in sent["actor_phrases"]} >= {"Iran", "supreme leader", "Iraqi"}
    assert any(m["location"].startswith("dictionaries/agents.yaml:") for m in
               sent["actor_phrases"])
    urge = next(v for v in sent["verbs"] if v["verb"] == "urged")
    assert urge["pattern"] == "appeal.withdrawal" and urge["outcome"] == "1 event(s)"
    assert [(e["source"], e["code"], e["target"], e["date"]) for e in sent["events"]] == [
        ("IRNGOV", "0256", "IRQGOV", "2005-11-22")]


@pytest.mark.model
def test_explain_says_why_nothing_was_coded():
    js = runner.invoke(app, ["explain", "Iran did not meet Iraq.", "--json"])
    verbs = json.loads(js.output)["sentences"][0]["verbs"]
    assert verbs[0]["outcome"].startswith("negated")
    js = runner.invoke(app, ["explain", "Iran chastised Iraq.", "--json"])
    verbs = json.loads(js.output)["sentences"][0]["verbs"]
    assert verbs[0]["outcome"] == "no verb entry"


@pytest.mark.model
def test_explain_a_record_of_a_file():
    out = runner.invoke(app, ["explain", "--input", str(ROOT / "examples" / "articles.jsonl"),
                              "--id", "ex-kor-2018-04-28", "--json"])
    report = json.loads(out.output)
    assert report["id"] == "ex-kor-2018-04-28" and len(report["sentences"]) == 5


@pytest.mark.model
def test_coverage_ranks_gaps_and_stubs_validate_once_filled(tmp_path):
    corpus = tmp_path / "c.jsonl"
    rows = [
        {"id": "1", "date": "2020-01-01", "text": "Iran chastised Iraq. Syria chastised Israel."},
        {"id": "2", "date": "2020-01-01", "text": "Iran chastised Turkey. Zorbland accused Iran."},
        {"id": "3", "date": "2020-01-01", "text": "Iranian wizards condemned Israel."},
    ]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows))
    stubs = tmp_path / "stubs.yaml"
    out = runner.invoke(app, ["coverage", str(corpus), "--yaml", str(stubs)])
    assert out.exit_code == 0, out.output
    lines = out.output.splitlines()
    verbs = lines.index("verbs with an actor but no verb entry:")
    assert lines[verbs + 1].split() == ["3", "chastise"]
    assert "Zorbland" in out.output and "wizard" in out.output
    data = yaml.safe_load(stubs.read_text())
    assert data["verbs"][0]["verb"] == "chastise" and data["verbs"][0]["code"] == ""
    # unfilled stubs do not validate; filled ones do
    d = tmp_path / "mine"
    d.mkdir()
    (d / "stubs.yaml").write_text(stubs.read_text())
    assert runner.invoke(app, ["validate", str(ROOT / "dictionaries"), str(d)]).exit_code == 1
    data["verbs"][0]["code"] = "051"
    for a in data.get("actors", []):
        a["code"] = "XZBGOV"
    for a in data.get("agents", []):
        a["code"] = "GOV"
    (d / "stubs.yaml").write_text(yaml.safe_dump(data))
    result = runner.invoke(app, ["validate", str(ROOT / "dictionaries"), str(d)])
    assert result.exit_code == 0, result.output


@pytest.mark.model
def test_recode_after_edit_uses_the_cache_and_diff_shows_the_new_event(tmp_path):
    cache = tmp_path / "cache"
    art = tmp_path / "2020-05-05-a.txt"
    art.write_text("Iran chastised Iraq on Monday. Iran condemned Israel.")
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    base = ["code", str(art), "--cache-dir", str(cache), "-q"]
    assert runner.invoke(app, [*base, "-o", str(first)]).exit_code == 0
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "v.yaml").write_text("verbs:\n  - verb: chastise\n    code: '111'\n")
    result = runner.invoke(app, [*base, "-o", str(second), "-d", str(ROOT / "dictionaries"),
                                 "-d", str(mine)])
    assert result.exit_code == 0
    out = runner.invoke(app, ["diff", str(first), str(second)])
    assert "+ 2020-05-04 IRN 111 IRQ" in out.output
    assert "1 added, 0 removed, 1 unchanged" in out.output


@pytest.mark.model
def test_cache_hits_after_a_dictionary_edit_and_misses_after_a_text_or_model_change(tmp_path):
    import datetime as dt

    from coder.articles import Article
    from coder.parse import ParseCache
    from coder.pipeline import Coder

    texts = ["Iran condemned Israel.", "Syria accused Iraq."]
    arts = [Article(str(i), t, dt.date(2020, 1, 1)) for i, t in enumerate(texts)]

    def run(dictionaries, articles):
        coder = Coder(dictionaries, cache=tmp_path)
        events = [(e.source, e.code, e.target) for r in coder.code_articles(articles)
                  for e in r.events]
        return coder.engine.cache, events

    cache, events = run(None, arts)
    assert (cache.hits, cache.misses) == (0, 2)
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "v.yaml").write_text("verbs:\n  - verb: condemn\n    code: '112'\n")
    cache, edited = run([ROOT / "dictionaries", mine], arts)
    assert (cache.hits, cache.misses) == (2, 0)  # only the rule engine ran again
    assert ("IRN", "112", "ISR") in edited and ("IRN", "111", "ISR") in events
    changed = [Article("0", "Iran condemned Israel again.", dt.date(2020, 1, 1))]
    cache, _ = run(None, changed)
    assert (cache.hits, cache.misses) == (0, 1)
    # the model name and version are part of the key
    key = ParseCache.key
    assert key("en_core_web_sm|3.8.0", "x") != key("en_core_web_lg|3.8.0", "x")
    assert key("m|3.8.0", "x") != key("m|3.7.1", "x")


def test_lint_a_phrase_with_words_does_not_shadow_the_bare_preposition(tmp_path):
    """"in solidarity" matches less than a bare "in": the later pattern can fire."""
    got = lint_codes(tmp_path, """verbs:
  - verb: march
    code: "141"
    patterns:
      - {id: solidarity, prep: in, prep_words: [solidarity], code: "140"}
      - {id: bare, prep: in, code: "141"}
      - {id: again, prep: in, prep_words: [solidarity], code: "140"}
""")
    assert got == [("W204", 7)]
