"""Every rule in rules/ carries examples: sentences (stories, for a story discard or the
article context) it must and must not fire on. One generic test (coder/ruletest.py, also
`coder validate --examples`) codes each example with the shipped rules and again with
that one rule taken out; the rule fired when the two results differ (a discard, a
dropped or recoded event). An issue rule fires when its tag is on the events."""

from __future__ import annotations

import pytest

from coder import dictionaries as dicts
from coder import ruletest
from coder.pipeline import Coder

pytestmark = pytest.mark.model

SHIPPED = dicts.load()
RULES = ruletest.rules(SHIPPED)


@pytest.fixture(scope="module")
def shipped_coder() -> Coder:
    return Coder(loaded=SHIPPED, locate=False)


def test_every_rule_has_examples():
    missing = [r.name for r in RULES if r.examples is None]
    assert not missing, f"rules without examples: {missing}"


def test_examples_are_checked_by_the_rule_schema(tmp_path):
    (tmp_path / "d.yaml").write_text(
        "discards:\n  - id: x\n    phrases: [foo]\n    examples: {fires: [foo bar]}\n")
    errors: list = []
    dicts.load([dicts.SHIPPED_DICTIONARIES / "cameo.yaml", tmp_path], dicts.SHIPPED_RULES,
               collect=errors)
    assert any("does_not_fire" in str(e) for e in errors)


@pytest.mark.parametrize("ref", RULES, ids=[f"{r.section}:{r.id}" for r in RULES])
def test_rule_fires_on_its_examples_and_only_on_them(ref, shipped_coder):
    assert ref.examples is not None, f"{ref.name} has no examples"
    errors = ruletest.run(ref, shipped_coder)
    assert not errors, "\n".join(map(str, errors))


def test_discard_prefixes_are_explicit():
    from coder.pipeline import Discards

    pat = Discards.pattern(["evacuat*", "heat wave"])
    assert pat.search("thousands were evacuated") and pat.search("an evacuation order")
    assert not Discards.pattern(["evacuat"]).search("thousands were evacuated")
    assert not pat.search("heat waves")  # no star: whole words only
