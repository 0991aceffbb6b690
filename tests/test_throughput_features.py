"""Prefilter exactness, workers, Dask: the speed features never change the events."""

from __future__ import annotations

import sys

import pytest
from conftest import HERE

from coder.articles import make_article, read_inputs
from coder.pipeline import Coder

ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "bench"))
from corpus import articles as generated  # noqa: E402

pytestmark = pytest.mark.model


def events_of(coder: Coder, arts, **kw):
    return [[(e.sentence_id, e.date, e.source, e.code, e.target, e.mentions) for e in r.events]
            for r in coder.code_articles(arts, **kw)]


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


def test_prefilter_changes_no_event_on_examples_and_generated_news(coder):
    arts = [r for r in read_inputs([str(ROOT / "examples")]) if hasattr(r, "text")]
    arts += [make_article(a, "gen", a["id"], None) for a in generated(120, seed=3)]
    with_filter = events_of(coder, arts, prefilter=True)
    assert with_filter == events_of(coder, arts, prefilter=False)
    assert sum(map(len, with_filter)) > 50


def test_prefilter_changes_no_event_on_the_shared_validation_sets(coder, shared):
    from coder.gold import read_gold

    val = shared / "peers" / "petrarch" / "validation"
    arts = [r.article() for f in ("PETR.UnitTest.records.ud.xml", "PETR2_GSR_validation.xml")
            for r in read_gold(val / f) if hasattr(r, "article")]
    assert len(arts) > 350
    assert events_of(coder, arts, prefilter=True) == events_of(coder, arts, prefilter=False)


def test_prefilter_skips_sentences_that_cannot_be_coded(coder):
    from coder.prefilter import Prefilter

    gate = Prefilter(coder.matcher, coder.verbs)
    assert gate.select(["The weather was fine.", "Iran condemned Israel."]) == [False, True]
    # an actor phrase without a verb is parsed: it may teach the article's memory
    assert gate.select(["Iran's supreme leader Ali Khamenei.", "Khamenei condemned Israel."]
                       ) == [True, True]
    # a verb with a pronoun is parsed too; nothing at all when no actor appears anywhere
    assert gate.select(["Iran spoke.", "He condemned it."]) == [True, True]
    assert gate.select(["He condemned it.", "They met."]) == [False, False]


def test_two_workers_give_the_same_events(coder):
    arts = [make_article(a, "gen", a["id"], None) for a in generated(60, seed=5)]
    assert events_of(coder, arts, workers=2) == events_of(coder, arts, workers=1)


def test_dask_on_a_local_cluster_matches_a_local_run(tmp_path, coder):
    pytest.importorskip("distributed")
    import pandas as pd
    from distributed import Client, LocalCluster

    from coder.distributed import code_distributed

    corpus = tmp_path / "c.jsonl"
    import json

    corpus.write_text("".join(json.dumps(a) + "\n" for a in generated(80, seed=9)))
    local = [e.row() for r in coder.code_articles(read_inputs([str(corpus)])) for e in r.events]
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        out = code_distributed([str(corpus)], tmp_path / "events", client=client,
                               articles_per_partition=25)
    parts = sorted((tmp_path / "events").glob("part-*.parquet"))
    assert len(parts) == 4 and out["partitions"] == 4
    df = pd.concat([pd.read_parquet(p) for p in parts], ignore_index=True)
    assert df["event_id"].tolist() == [r["event_id"] for r in local]
    assert df["code"].tolist() == [r["code"] for r in local]
    # an empty target is null in Parquet, as in every format
    assert [None if pd.isna(t) else t for t in df["target"]] == [r["target"] or None
                                                                  for r in local]
    assert out["events"] == len(local)
