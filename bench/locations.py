"""Event places against the location gold: country right, exact place right, located.

    python bench/locations.py [--misses]

1. examples/places.jsonl (our own articles) with tests/location_gold/examples.yaml,
   scoring the coder's own events;
2. ../shared/dev/articles.yaml (when present) with tests/location_gold/dev.yaml,
   scoring every gold event (see coder.placegold.score_gold_events).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coder.articles import read_inputs  # noqa: E402
from coder.pipeline import Coder  # noqa: E402
from coder.placegold import load_gold, score_coded, score_gold_events  # noqa: E402

DEV = ROOT.parent / "shared" / "dev" / "articles.yaml"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--misses", action="store_true", help="List every miss.")
    args = ap.parse_args()
    coder = Coder()
    ex = score_coded(coder, read_inputs([str(ROOT / "examples" / "places.jsonl")], None),
                     load_gold(str(ROOT / "tests" / "location_gold" / "examples.yaml")))
    print("examples/places.jsonl:", ex.line())
    if args.misses:
        print("\n".join("  " + m for m in ex.misses))
    if DEV.exists():
        import yaml

        records = yaml.safe_load(DEV.read_text(encoding="utf-8"))
        dev = score_gold_events(coder, records,
                                load_gold(str(ROOT / "tests" / "location_gold" / "dev.yaml")))
        print("dev/articles.yaml:", dev.line())
        if args.misses:
            print("\n".join("  " + m for m in dev.misses))
    else:
        print(f"{DEV} is absent: the dev gold is not scored")


if __name__ == "__main__":
    main()
