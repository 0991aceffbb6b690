"""Event places against the location gold (bench/locations.py prints the same figures).

Examples: our own articles (examples/places.jsonl), the coder's own events. Dev: the
real-news gold of ../shared/dev (skipped when absent), every gold event. Floors sit a
little under the figures reached, so a regression shows; see the README."""

from __future__ import annotations

import pytest
import yaml
from conftest import HERE

from coder.articles import read_inputs
from coder.placegold import GoldPlace, PlaceScore, load_gold, score_coded, score_gold_events

ROOT = HERE.parent
GOLD = HERE / "location_gold"


def test_gold_files_hold_ids_only():
    for entry in yaml.safe_load((GOLD / "dev.yaml").read_text())["places"]:
        assert set(entry) <= {"id", "event", "geonames", "admin1", "country", "place"}
        assert str(entry["id"]).startswith("dev-")


def test_scoring_rules():
    s = PlaceScore()
    tyre = GoldPlace("LBN", 267008, name="Tyre")
    s.add("a", {"location_country": "LBN", "geonames_id": "267008"}, tyre)
    s.add("b", {"location_country": "LBN", "geonames_id": "276781"}, tyre)  # Beirut
    s.add("c", {"location_country": ""}, tyre)
    s.add("d", {"location_country": "SYR", "geonames_id": "1"}, None)
    province = GoldPlace("MMR", admin1_code="MM.01", name="Rakhine")
    s.add("e", {"location_country": "MMR", "place": "Rakhine", "location_level": "province"},
          province)
    assert (s.gold_places, s.country_right, s.exact_right, s.false_places) == (4, 3, 2, 1)
    assert s.located == 4 and s.events == 5


@pytest.mark.model
def test_examples_gold():
    from coder.pipeline import Coder

    score = score_coded(Coder(), read_inputs([str(ROOT / "examples" / "places.jsonl")], None),
                        load_gold(str(GOLD / "examples.yaml")))
    print(score.line())
    assert score.gold_places >= 60
    assert score.country_rate >= 0.95 and score.exact_rate >= 0.95
    assert score.false_places <= 2


@pytest.mark.model
def test_dev_gold(shared):
    from coder.pipeline import Coder

    records = yaml.safe_load((shared / "dev" / "articles.yaml").read_text(encoding="utf-8"))
    score = score_gold_events(Coder(), records, load_gold(str(GOLD / "dev.yaml")))
    print(score.line())
    assert score.gold_places >= 60
    assert score.country_rate >= 0.96 and score.exact_rate >= 0.85
    assert score.false_places <= 7


def test_gold_events_pair_with_the_coders_events_by_actors(vocab):
    from types import SimpleNamespace as NS

    from conftest import parse

    from coder.placegold import _gold_verb, _pair_events

    doc = parse(vocab, """
    Soldiers soldier NOUN NNS nsubj 1
    blocked block VERB VBD ROOT 1
    roads road NOUN NNS dobj 1
    and and CCONJ CC cc 1
    closed close VERB VBD conj 1
    borders border NOUN NNS dobj 4
    . . PUNCT . punct 1
    """)
    verbs = [NS(verb="blocked", index=1, code="", outcome="no pattern"),
             NS(verb="closed", index=4, code="191", outcome="1 event(s)")]
    trace = NS(sent=doc[:], verbs=verbs,
               events=[NS(code="191", verb_text="closed borders", source="MLIMIL",
                          target="MLI")])
    text = "Soldiers blocked roads and closed borders ."
    gold = [{"sentence": text, "code": "191", "source": "MLIMIL", "target": "MLICVL"},
            {"sentence": text, "code": "191", "source": "MLIMIL", "target": "MLI"}]
    paired = _pair_events(gold, [(text, trace)])
    assert paired == {1: (id(trace), 4)}  # the better actor match takes the coder's event
    # the other takes a verb the coder did not code, not the paired one
    assert _gold_verb(trace, text, "191", [], {4}).i == 1
    # a gold sentence that is a part of the coder's sentence keeps to its own words
    assert _gold_verb(trace, "closed borders", "191", [], set()).i == 4
