"""PETRARCH's real-news GSR file coded with the *shipped* dictionaries (a benchmark, not a gate).

    python bench/gsr.py [path/to/PETR2_GSR_validation.xml]

Prints event precision and recall at root level with country-level actors, and
at full code. Needs ../shared (the file is not part of this project).
"""

from __future__ import annotations

import sys
from pathlib import Path

from coder.evaluate import evaluate
from coder.gold import read_gold
from coder.pipeline import Coder

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEFAULT = SHARED / "peers/petrarch/validation/PETR2_GSR_validation.xml"


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    if not path.exists():
        sys.exit(f"{path} not found: the GSR file lives in ../shared, outside this project")
    rep = evaluate(Coder(), list(read_gold(path)))
    print(f"GSR, shipped dictionaries: {rep.exact}/{rep.records} records exactly right")
    print(f"  root code, country actors: P {rep.root.precision:.3f}  R {rep.root.recall:.3f}")
    print(f"  full code, whole actors:   P {rep.full.precision:.3f}  R {rep.full.recall:.3f}")


if __name__ == "__main__":
    main()
