"""Build dictionaries/plover.yaml: each CAMEO code's PLOVER event type, mode and context.

The facts come from the PLOVER project's CAMEO-to-PLOVER conversion table
(CAMEO2PLOVER-2021, PLOVER manual draft 0.8, Open Event Data Alliance), read from
``../shared/reference/plover/`` (only codes, types, modes and contexts are kept: no
descriptions). Where this project departs from that table, ``DIFFERENCES`` below says
how and why; tests/test_plover.py checks that every difference is listed.

    python scripts/build_plover.py [path/to/CAMEO2PLOVER-2021.txt] > dictionaries/plover.yaml
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT.parent / "shared" / "reference" / "plover" / "CAMEO2PLOVER-2021.txt"

HEADER = """\
# CAMEO -> PLOVER: the PLOVER event type, mode and context of each CAMEO code.
#
# Source: the PLOVER project (Open Event Data Alliance, https://github.com/openeventdata/PLOVER),
# its CAMEO-to-PLOVER conversion table of the PLOVER manual draft 0.8 (CAMEO2PLOVER-2021,
# 17 September 2021). Facts only: which PLOVER category each CAMEO code falls in. Generated
# by scripts/build_plover.py; the codes where this table departs from the source are listed
# under `plover_differences` with the reason.
#
# Contexts are ';'-separated when a code has several. An empty type means PLOVER has no
# category for the code.
"""

# code -> ((type, mode, context), reason). Appeals (02) are REQUESTs in PLOVER, in
# parallel with the demands (10): CAMEO builds 02x and 10x on the same sub-codes.
_APPEAL = "CAMEO appeals (02) are PLOVER REQUESTs like demands (10); the 2021 table has no 02 " \
          "rows, so the mode and context are those of the parallel 10 code"
_STATEMENT = "PLOVER has no category for public statements (CAMEO 01); the 2021 table has " \
             "no 01 rows"


def build(reference: Path) -> tuple[dict[str, tuple[str, str, str]], dict[str, str]]:
    table: dict[str, tuple[str, str, str]] = {}
    for raw in reference.read_text(encoding="utf-8").splitlines():
        line = raw.split("#")[0].strip()
        m = re.match(r"^(\d{2,4}):\s*(.*)$", line)
        if not m or m.group(1) in table:  # "08" is listed as CONCEDE, then RETREAT
            continue
        parts = [p.strip() for p in m.group(2).split(",")] + ["", ""]
        ctx = ";".join(c.strip() for c in parts[2].split(";") if c.strip())
        table[m.group(1)] = (parts[0], parts[1], ctx)
    codes = re.findall(r'code: "(\d+)"', (ROOT / "dictionaries" / "cameo.yaml").read_text())
    notes: dict[str, str] = {}
    for code in codes:
        if code.startswith("01"):
            table[code] = ("", "", "")
            notes[code] = _STATEMENT
        elif code.startswith("02"):
            twin = "10" + code[2:]
            table[code] = ("REQUEST",) + table[twin][1:]
            notes[code] = _APPEAL + f" ({twin})"
    for code in [c for c in table if c not in codes]:
        del table[code]
        notes[code] = "not a CAMEO 1.1b3 code (dictionaries/cameo.yaml): left out"
    notes["08"] = ("the source lists root 08 twice (CONCEDE, then RETREAT for 084-087); the "
                   "root takes its first, CONCEDE, as 080 does")
    return {c: table[c] for c in codes}, notes


def main() -> None:
    table, notes = build(Path(sys.argv[1]) if len(sys.argv) > 1 else REFERENCE)
    out = [HEADER, "plover:"]
    for code, (typ, mode, ctx) in table.items():
        out.append(f'  "{code}": {{type: "{typ}", mode: "{mode}", context: "{ctx}"}}')
    out.append("\n# Where this table departs from CAMEO2PLOVER-2021, and why.")
    out.append("plover_differences:")
    for code in sorted(notes):
        out.append(f'  "{code}": "{notes[code]}"')
    print("\n".join(out))


if __name__ == "__main__":
    main()
