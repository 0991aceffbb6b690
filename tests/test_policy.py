"""rules/policy.yaml: one named policy chooses between the project's semantics and
PETRARCH-2's. Rules marked with a policy load only under it; nothing is switched off by
its id."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from coder import dictionaries as dicts
from coder.petrarch_import import import_petrarch


def _petrarch2(tmp_path: Path) -> Path:
    d = tmp_path / "p2"
    d.mkdir()
    (d / "policy.yaml").write_text("policy: petrarch2\n")
    return d


def _ids(d: dicts.Dictionaries, kind: str) -> list[str]:
    return [loc.entry.id for loc in getattr(d, kind)]


def test_native_is_the_default_and_loads_the_native_rules():
    d = dicts.load()
    assert d.policy == "native"
    assert "refusal" in _ids(d, "modality") and "victim-reports-attack" in _ids(
        d, "transformations")
    assert d.background.enabled and d.targets.keep and d.context.role_country and d.nominal.enabled
    assert d.matching.patterns == "first" and d.sources.relative_pronouns
    future = next(loc.entry for loc in d.modality if loc.entry.id == "future")
    assert future.action == "map"  # the native rule, not PETRARCH's


def test_petrarch2_drops_the_native_rules_and_loads_its_own(tmp_path):
    d = dicts.load([dicts.SHIPPED_DICTIONARIES, _petrarch2(tmp_path)])
    assert d.policy == "petrarch2"
    assert [(loc.entry.id, loc.entry.action) for loc in d.modality] == [
        ("future", "keep"), ("obligation-or-possibility", "keep")]
    # unmarked rules load under both policies: a new shipped rule must be marked
    # `policy: native` or listed here on purpose
    assert _ids(d, "transformations") == ["claim-own-attack", "accuse-of-attack",
                                          "want-other-to-attack"]
    assert not d.background.enabled and d.context == dicts.ContextRule()
    assert d.nominal == dicts.NominalRule()  # only verbs give events
    assert (d.targets.keep, d.targets.mutual, d.targets.domestic) == (False, True, [])
    assert d.sources.passive_preps == ["by", "from", "in"]
    assert (d.matching.patterns, d.matching.clause_words) == ("nearest", False)
    assert _ids(d, "discards") == _ids(dicts.load(), "discards")


def test_renaming_a_native_rule_does_not_bring_it_back_under_petrarch2(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(dicts.SHIPPED_RULES, rules)
    text = (rules / "modality.yaml").read_text()
    assert "  - id: refusal\n" in text
    (rules / "modality.yaml").write_text(text.replace("  - id: refusal\n",
                                                      "  - id: refusal-renamed\n"))
    d = dicts.load([dicts.SHIPPED_DICTIONARIES, _petrarch2(tmp_path)], rules)
    assert "refusal-renamed" not in _ids(d, "modality")
    assert "refusal-renamed" in _ids(dicts.load(rules_dir=rules), "modality")


def test_the_importer_writes_the_policy_and_switches_nothing_off(tmp_path):
    verbs = tmp_path / "verbs.txt"
    verbs.write_text("--- MEET [040] ---\nMEET\n- * (WITH +) [040]\n"
                     "--- PLAN [030] ---\nPLAN\n")
    out = tmp_path / "out"
    import_petrarch(out, verbs=[verbs])
    assert yaml.safe_load((out / "policy.yaml").read_text()) == {"policy": "petrarch2"}
    shipped = dicts.load()
    shipped_ids = {*_ids(shipped, "modality"), *_ids(shipped, "transformations")}
    written = {rule["id"] for f in out.glob("*.yaml")
               for section in ("modality", "transformations")
               for rule in (yaml.safe_load(f.read_text()) or {}).get(section, [])}
    assert written == {"complement"} and not written & shipped_ids
    for name in ("background", "context", "nominal", "targets", "sources", "matching"):
        assert not (out / f"{name}.yaml").exists(), name


def test_a_bad_policy_is_an_error_at_its_line(tmp_path):
    d = tmp_path / "d"
    d.mkdir()
    (d / "policy.yaml").write_text("# which\npolicy: petrarch3\n")
    (d / "rules.yaml").write_text(
        "discards:\n  - id: x\n    phrases: [foo]\n    policy: nativ\n"
        "targets:\n  keep: true\n  policy: 2\n")
    errors: list = []
    dicts.load([dicts.SHIPPED_DICTIONARIES, d], collect=errors)
    text = [str(e) for e in errors]
    assert any("policy.yaml:2" in t and "petrarch3" in t for t in text), text
    assert any("rules.yaml:4" in t and "'nativ'" in t for t in text), text
    assert any("rules.yaml:7" in t and "targets: policy" in t for t in text), text
