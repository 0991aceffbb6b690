"""PLOVER columns: the shipped CAMEO->PLOVER table, and its differences from the source."""

from __future__ import annotations

import re

import yaml

from coder.dictionaries import SHIPPED_DICTIONARIES
from coder.plover import PLOVER_TABLE, plover_of, table


def test_every_cameo_code_has_a_row():
    codes = re.findall(r'code: "(\d+)"', (SHIPPED_DICTIONARIES / "cameo.yaml").read_text())
    assert set(table()) == set(codes)


def test_lookups_and_fallback_to_the_parent_code():
    assert plover_of("190") == ("ASSAULT", "", "military")
    assert plover_of("042") == ("CONSULT", "visit", "")
    assert plover_of("0874") == ("RETREAT", "disarm", "military")
    assert plover_of("094") == ("ACCUSE", "investigate", "military;legal")
    assert plover_of("010") == ("", "", "")  # PLOVER has no statements
    assert plover_of("0256")[0] == "REQUEST"
    assert plover_of("19999") == plover_of("19")  # unknown sub-code: its parent


def _reference(path) -> dict[str, tuple[str, str, str]]:
    ref: dict[str, tuple[str, str, str]] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{2,4}):\s*(.*)$", raw.split("#")[0].strip())
        if not m or m.group(1) in ref:
            continue
        parts = [p.strip() for p in m.group(2).split(",")] + ["", ""]
        ctx = ";".join(c.strip() for c in parts[2].split(";") if c.strip())
        ref[m.group(1)] = (parts[0], parts[1], ctx)
    return ref


def test_differences_from_cameo2plover_2021_are_all_listed_with_a_reason(shared):
    """Lists every code where the shipped table departs from the PLOVER project's
    CAMEO2PLOVER-2021 table, with the reason the table gives (-s shows the list)."""
    ref = _reference(shared / "reference" / "plover" / "CAMEO2PLOVER-2021.txt")
    ours = table()
    reasons = yaml.safe_load(PLOVER_TABLE.read_text(encoding="utf-8"))["plover_differences"]
    differences: dict[str, str] = {}
    for code in sorted(set(ref) | set(ours)):
        if ref.get(code) != ours.get(code):
            differences[code] = f"ours {ours.get(code)} vs 2021 {ref.get(code)}"
    for code, what in differences.items():
        print(f"{code}: {what}: {reasons.get(code, 'NO REASON GIVEN')}")
    unexplained = sorted(set(differences) - set(reasons))
    assert not unexplained, f"differences without a reason: {unexplained}"
    stale = sorted(c for c in set(reasons) - set(differences) if c != "08")
    assert not stale, f"reasons listed for codes that do not differ: {stale}"
    assert {c for c in differences if not c.startswith(("01", "02"))} <= {"1214"}
