"""Load and import times, measured in one run.

    python bench/load_times.py

* loading (and validating) the shipped dictionaries and rules;
* importing PETRARCH's production dictionaries (needs ../shared) and loading the result.
PETRARCH-2 takes about 2.6 s to load its own dictionaries.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from coder import dictionaries as dicts
from coder.petrarch_import import import_petrarch

SHARED = Path(__file__).resolve().parents[2] / "shared" / "peers" / "petrarch" / "dictionaries"


def timed(fn):  # noqa: ANN001, ANN201
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def main() -> None:
    secs, d = timed(dicts.load)
    print(f"shipped dictionaries: {len(d.actors)} actors, {len(d.agents)} agents, "
          f"{len(d.verbs)} verbs loaded and validated in {secs:.2f} s")
    if not SHARED.is_dir():
        print(f"{SHARED} not found: PETRARCH import not measured")
        return
    with tempfile.TemporaryDirectory() as out:
        secs, report = timed(lambda: import_petrarch(
            out, [SHARED / "CAMEO.2.0.txt"],
            [SHARED / f"Phoenix.{k}.actors.txt" for k in ("Countries", "International",
                                                          "MilNonState")],
            SHARED / "Phoenix.agents.txt", SHARED / "Phoenix.discards.txt",
            SHARED / "Phoenix.IssueCoding.txt"))
        print(f"PETRARCH production import: {sum(report.converted.values())} items in "
              f"{secs:.1f} s")
        secs, d = timed(lambda: dicts.load([out]))
        print(f"loading the imported set ({len(d.actors)} actors, "
              f"{sum(len(v.entry.patterns) for v in d.verbs.values())} patterns): {secs:.1f} s")


if __name__ == "__main__":
    main()
