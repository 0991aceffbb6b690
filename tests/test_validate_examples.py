"""`coder validate --examples` runs the examples of a user's own rules and reports a
failing example at its file:line, numbered like the other validate errors."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from coder.cli import app
from coder.errors import MESSAGES

pytestmark = pytest.mark.model
runner = CliRunner()

RULES = """\
discards:
  - id: sports
    phrases: [football]
    examples:
      fires: ["Iran condemned Israel after the football match."]
      does_not_fire: ["Iran condemned Israel."]
  - id: cricket
    phrases: [cricket]
    examples:
      fires: ["Iran condemned Israel."]
      does_not_fire: ["Iran condemned Israel over cricket."]
"""


@pytest.fixture
def rules(tmp_path):
    (tmp_path / "discards.yaml").write_text(RULES)
    return tmp_path


def test_a_failing_example_is_an_error_at_its_line(rules):
    result = runner.invoke(app, ["validate", "--rules", str(rules), "--examples"])
    assert result.exit_code == 1, result.output
    path = rules / "discards.yaml"
    assert f"{path}:10: [E111] {MESSAGES['E111']}: discards 'cricket': should fire on: " \
           "'Iran condemned Israel.'" in result.output
    assert f"{path}:11: [E111]" in result.output  # does_not_fire: fired
    assert "'sports'" not in result.output  # its examples pass
    assert "examples of 2 rules (4 sentences) coded" in result.output


def test_examples_are_only_run_when_asked(rules):
    result = runner.invoke(app, ["validate", "--rules", str(rules)])
    assert result.exit_code == 0, result.output
    assert "E111" not in result.output


def test_examples_in_the_json_report(rules):
    result = runner.invoke(app, ["validate", "--rules", str(rules), "--examples", "--json"])
    report = json.loads(result.stdout)
    assert report["examples"]["failures"] == 2
    assert {e["code"] for e in report["errors"]} == {"E111"}


def test_the_shipped_rules_pass_their_examples():
    result = runner.invoke(app, ["validate", "--examples"])
    assert result.exit_code == 0, result.output
    assert "0 error(s)" in result.output


def test_an_issue_rule_fires_when_its_tag_is_on_the_events(tmp_path):
    (tmp_path / "issues.yaml").write_text("""\
issues:
  - issue: SPORT
    phrases: [football]
    examples:
      fires: ["Iran condemned Israel after the football match.", "Iran condemned Israel."]
      does_not_fire: ["The football match ended.", "Iran condemned Israel."]
""")
    result = runner.invoke(app, ["validate", "--rules", str(tmp_path), "--examples"])
    assert result.exit_code == 1, result.output
    path = tmp_path / "issues.yaml"
    assert f"{path}:5: [E111] {MESSAGES['E111']}: issues 'SPORT': should tag SPORT in: " \
           "'Iran condemned Israel.'" in result.output
    assert f"{path}:6: [E111] {MESSAGES['E111']}: issues 'SPORT': codes no event" \
           in result.output
    assert result.output.count("E111") == 2


def test_against_is_for_single_mapping_rules(tmp_path):
    (tmp_path / "r.yaml").write_text("""\
discards:
  - id: x
    phrases: [football]
    examples: {against: {x: 1}, fires: [a], does_not_fire: [b]}
targets:
  keep: true
  examples: {against: {nonsense: 1}, fires: [a], does_not_fire: [b]}
""")
    result = runner.invoke(app, ["validate", "--rules", str(tmp_path), "--examples"])
    assert result.exit_code == 1, result.output
    assert "discards 'x': examples.against is for single-mapping rules" in result.output
    assert "targets: examples.against: Extra inputs are not permitted" in result.output
