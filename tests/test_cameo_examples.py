"""The shipped dictionaries on the CAMEO manual's example sentences (read from ../shared).

Each row's example should yield an event with the row's root code (and ideally its
full code). The figures are printed; the floors sit just under what the shipped
dictionaries reach, so a regression fails."""

from __future__ import annotations

import csv
import datetime as dt

import pytest

from coder.articles import Article
from coder.pipeline import Coder

pytestmark = [pytest.mark.model, pytest.mark.shared]
ROOT_FLOOR = 0.74
FULL_FLOOR = 0.50


def test_cameo_manual_examples(shared):
    path = shared / "reference" / "cameo" / "cameo_eventcodes_icews.csv"
    rows = [r for r in csv.DictReader(open(path, encoding="utf-8")) if r["example"].strip()]
    assert len(rows) == 277
    arts = [Article(r["code"], r["example"].strip(), dt.date(2000, 1, 1)) for r in rows]
    root = full = 0
    for row, res in zip(rows, Coder().code_articles(arts), strict=True):
        codes = {e.code for e in res.events}
        root += any(c[:2] == row["code"][:2] for c in codes)
        full += row["code"] in codes
    print(f"CAMEO examples: root code {root / len(rows):.1%}, full code {full / len(rows):.1%}")
    assert root / len(rows) >= ROOT_FLOOR
    assert full / len(rows) >= FULL_FLOOR
