"""The canonical job: the two seed AP articles (read from ../shared, never committed)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from coder.cli import app

pytestmark = [pytest.mark.model, pytest.mark.shared]

# (story date, source country, root code, target country, event date)
REQUIRED = [
    ("2006-09-13", "IRN", "10", "USA", "2006-09-13"),  # demand withdrawal
    ("2006-09-13", "IRQ", "04", "IRN", "2006-09-13"),  # visit
    ("2006-09-13", "IRQ", "04", "IRN", "2006-09-12"),  # met Ahmadinejad on Tuesday
    ("2006-09-13", "IRQ", "02", "IRN", "2006-09-13"),  # asked Iran to
    ("2006-09-13", "IRQ", "05", "IRN", "2006-09-13"),  # thanked Iran
    ("2006-09-13", "USA", "11", "IRN", "2006-09-13"),  # accused Tehran
    ("2005-11-22", "IRN", "10", "USA", "2005-11-22"),  # wants U.S. pullout
    ("2005-11-22", "IRN", "02", "IRQ", "2005-11-22"),  # urged the Iraqi president
    ("2005-11-22", "IRN", "04", "IRQ", "2005-11-22"),  # met with Talabani
    ("2005-11-22", "IRQ", "04", "IRN", "2005-11-21"),  # held talks on Monday
    ("2005-11-22", "IRN", "11", "USA", "2005-11-22"),  # denounced U.S. attempts
]


def test_seed_articles_give_the_required_events(shared, tmp_path):
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["code", str(shared / "seeds" / "articles.jsonl"),
                                      "--output", str(out), "-q"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    got = {(r["pub_date"], r["source_country"], r["root_code"], r["target_country"], r["date"])
           for r in rows}
    missing = [r for r in REQUIRED if r not in got]
    assert not missing, f"missing {missing}; coded {sorted(got)}"
