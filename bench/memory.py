"""Peak memory over a long batch: code N generated articles and report peak RSS.

    python bench/memory.py [--articles 100000] [--workers 2]
    python bench/memory.py --mb 200          # as many articles as make a 200 MB JSONL

Runs `coder code` as a child process on a generated JSONL corpus and reports
its peak resident set size (and that of its worker processes, measured apart).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import articles  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--mb", type=float, default=None,
                    help="Write articles until the JSONL holds this many MB (overrides "
                         "--articles).")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        with open(corpus, "w") as fh:
            if args.mb:
                written, n, seed = 0, 0, 1
                while written < args.mb * 1e6:
                    for a in articles(10_000, seed=seed):
                        line = json.dumps(a) + "\n"
                        fh.write(line)
                        written += len(line.encode())
                        n += 1
                        if written >= args.mb * 1e6:
                            break
                    seed += 1
                args.articles = n
        if not args.mb:
            with open(corpus, "w") as fh:
                for a in articles(args.articles, seed=1):
                    fh.write(json.dumps(a) + "\n")
        print(f"input: {corpus.stat().st_size / 1e6:.0f} MB, {args.articles} articles")
        out = Path(tmp) / "events.parquet"
        start = time.time()
        res = subprocess.run([sys.executable, "-m", "coder", "code", str(corpus), "-o", str(out),
                              "--no-cache", "-q", "--workers", str(args.workers)],
                             capture_output=True, text=True)
        secs = time.time() - start
        peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        print(res.stderr.strip().splitlines()[-1] if res.stderr else "")
        print(f"{args.articles} articles in {secs:.0f} s; peak RSS of the largest process "
              f"(coder or a worker): {peak_kb / 1024:.0f} MB")
        sys.exit(res.returncode)


if __name__ == "__main__":
    main()
