"""PETRARCH XML read time against the number of records: reading must be linear.

    python bench/xml_read.py [--sizes 5000 10000 20000 40000]

Writes a generated PETRARCH-style XML file per size (records with codings, a comment
now and then) and times ``read_inputs`` over it. Linear means each doubling of the
records takes about twice the time (the issue's bar: 2x records <= 2.5x time)."""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from coder.articles import read_inputs  # noqa: E402


def write_xml(path: Path, n: int) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        fh.write('<?xml version="1.0"?>\n<Sentences>\n')
        for i in range(n):
            if i % 100 == 0:
                fh.write(f"<!-- block {i // 100}\n   of generated records -->\n")
            fh.write(f'<Sentence id="GEN-{i:06d}" date="20051122" category="gen">\n'
                     '<EventCoding sourcecode="IRN" eventcode="111" targetcode="ISR"/>\n'
                     f"<Text>\nIran condemned Israel on Tuesday over report {i} of the "
                     "border clashes near the coast, officials said.\n</Text>\n"
                     "</Sentence>\n")
        fh.write("</Sentences>\n")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[5000, 10000, 20000, 40000])
    args = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            path = Path(tmp) / f"gen-{n}.xml"
            write_xml(path, n)
            best = float("inf")
            for _ in range(3):
                start = time.perf_counter()
                count = sum(1 for _ in read_inputs([str(path)]))
                best = min(best, time.perf_counter() - start)
            assert count == n, (count, n)
            rows.append((n, best))
    prev = None
    for n, secs in rows:
        ratio = f"  x{secs / prev:.2f} for x2 records" if prev else ""
        print(f"{n:>7,} records  {secs:6.3f} s{ratio}")
        prev = secs


if __name__ == "__main__":
    main()
