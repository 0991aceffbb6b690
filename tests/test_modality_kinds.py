"""Modality rules are of four kinds (a discriminated union): `kind:` or the fields a
rule gives say which, and a field its kind does not read is an error at its line."""

from __future__ import annotations

import re

import pytest

from coder import dictionaries as dicts
from coder.errors import CoderError


def _load(tmp_path, text: str) -> tuple[dicts.Dictionaries, list[CoderError]]:
    (tmp_path / "modality.yaml").write_text(text)
    errors: list[CoderError] = []
    d = dicts.load([dicts.SHIPPED_DICTIONARIES / "cameo.yaml"], tmp_path, collect=errors)
    return d, errors


def test_every_shipped_rule_loads_as_the_kind_it_names():
    d = dicts.load()
    kinds = {loc.entry.id: loc.entry.kind for loc in d.modality}
    assert kinds["hypothetical"] == "inside" and kinds["refusal"] == "family"
    assert kinds["conditional-threat"] == "condition" and kinds["future"] == "auxiliary"
    for loc in d.modality:
        assert isinstance(loc.entry, dicts.MODALITY_KINDS[loc.entry.kind])


def test_the_kind_is_implied_by_the_fields(tmp_path):
    d, errors = _load(tmp_path, """\
modality:
  - {id: a, auxiliaries: [will], action: keep}
  - {id: f, source: head, heads: [refuse], action: map, map: {"0353": "1243"}}
  - {id: i, inside: [if], action: drop}
  - {id: c, conditions: [unless], action: drop}
""")
    assert not errors
    assert [loc.entry.kind for loc in d.modality] == ["auxiliary", "family", "inside",
                                                       "condition"]
    assert d.modality[2].entry.heads == () and d.modality[3].entry.source == "verb"


@pytest.mark.parametrize("rule,field,kind,line", [
    ('{id: x, conditions: [unless], action: drop,\n     heads: [plan]}', "heads", "condition",
     3),
    ("{id: x, inside: [if], action: drop, clause: [ccomp]}", "clause", "inside", 2),
    ("{id: x, auxiliaries: [will], action: keep, target: head_object}", "target",
     "auxiliary", 2),
    ("{id: x, source: head, heads: [want], action: map, only_mapped: true}", "only_mapped",
     "family", 2),
    ("{id: x, kind: inside, inside: [if], action: drop, conditions: [if]}", "conditions",
     "inside", 2),
])
def test_a_field_the_kind_does_not_read_is_an_error_at_its_line(tmp_path, rule, field, kind,
                                                                 line):
    _, errors = _load(tmp_path, f"modality:\n  - {rule}\n")
    assert len(errors) == 1, errors
    e = errors[0]
    assert str(e.location) == f"{tmp_path / 'modality.yaml'}:{line}"
    assert e.code == "E102"
    assert f"{field}: the {kind} kind of rule does not read {field!r}" in str(e)


def test_an_unknown_kind_and_the_kinds_own_checks(tmp_path):
    _, errors = _load(tmp_path, """\
modality:
  - id: a
    kind: fancy
    action: keep
  - {id: b, kind: family, action: map}
  - {id: c, auxiliaries: [will], action: combine}
  - {id: d, source: head, heads: [want], auxiliaries: [will], action: map}
  - {id: e, heads: [plan], both: true, action: drop}
""")
    text = "\n".join(map(str, errors))
    assert "modality.yaml:3: [E102]" in text and "kind must be one of auxiliary" in text
    assert "id='b': heads: Field required" in text
    assert "'action: combine' needs 'source: head'" in text
    assert "a family rule reads 'auxiliaries' only with 'both: true'" in text
    assert "'both' needs auxiliaries and heads" in text
    assert len(errors) == 5


def test_the_kinds_in_the_modality_header_load(tmp_path):
    """The one example of each kind that rules/modality.yaml's header gives is a rule."""
    header = (dicts.SHIPPED_RULES / "modality.yaml").read_text().split("\nmodality:")[0]
    lines = [ln[1:] for ln in header.splitlines()]
    examples, current = [], ""
    for ln in lines:
        if ln.strip().startswith("- {"):
            current = ln.strip()[2:]
        elif current:
            current += " " + ln.strip()
        if current and current.count("{") == current.count("}"):
            examples.append(re.sub(r"\s+# .*$", "", current))
            current = ""
    assert len(examples) == 4
    d, errors = _load(tmp_path, "modality:\n" + "".join(f"  - {e}\n" for e in examples))
    assert not errors, errors
    assert sorted(loc.entry.kind for loc in d.modality) == sorted(dicts.MODALITY_KINDS)
