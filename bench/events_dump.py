"""Every event of some inputs as sorted JSON lines: diff two dumps to prove that a change
(speed work, refactoring) codes exactly the same events.

    python bench/events_dump.py before.jsonl examples/ ../shared/seeds/articles.jsonl \
        ../shared/dev/articles.yaml ../shared/dev/entries-2025.yaml \
        "../shared/corpora/current-events-2025/events.jsonl?political" [--cache DIR]
    ... change the code, dump to after.jsonl ...
    diff before.jsonl after.jsonl

Inputs: anything ``coder code`` reads, a dev gold file (YAML list with id, text,
published, title), or a JSONL file with ``?political`` (only records whose
``politics_conflict`` is true). Each line is one full event row (every column), or
one skipped record with its reason; lines are sorted, so order does not matter.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from coder.articles import make_article, read_inputs
from coder.pipeline import Coder


def records(spec: str) -> list:
    path, _, flag = spec.partition("?")
    if path.endswith((".yaml", ".yml")):
        import yaml

        rows = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        return [make_article({"id": r["id"], "text": r["text"], "title": r.get("title"),
                              "date": str(r.get("published") or r.get("date") or "")},
                             path, str(r["id"]), None) for r in rows]
    if flag == "political":
        rows = [json.loads(line) for line in Path(path).open(encoding="utf-8") if line.strip()]
        return [make_article({k: r.get(k) for k in ("id", "text", "date", "title", "source")},
                             path, str(r["id"]), None) for r in rows if r.get("politics_conflict")]
    return list(read_inputs([path]))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("output", type=Path)
    ap.add_argument("inputs", nargs="+")
    ap.add_argument("--cache", help="parse cache directory (parses once, re-codes fast)")
    ap.add_argument("--prefilter", action="store_true")
    ap.add_argument("--workers", type=int, default=1)
    args = ap.parse_args()
    coder = Coder(cache=args.cache)
    lines = []
    for spec in args.inputs:
        for r in coder.code_articles(records(spec), prefilter=args.prefilter,
                                     workers=args.workers):
            lines += [json.dumps({"input": spec, **e.row()}, sort_keys=True, default=str)
                      for e in r.events]
            if r.skipped is not None:
                lines.append(json.dumps({"input": spec, "skipped": r.skipped.id,
                                         "reason": r.skipped.reason}, sort_keys=True))
    args.output.write_text("".join(line + "\n" for line in sorted(lines)), encoding="utf-8")
    print(f"{len(lines)} lines written to {args.output}")


if __name__ == "__main__":
    main()
