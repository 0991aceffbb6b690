"""Dictionary loading: schemas, every error located at file:line, merging, shipped files."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES

from coder import dictionaries as dicts
from coder.errors import ErrorCollection

CAMEO = dicts.SHIPPED_DICTIONARIES / "cameo.yaml"
BAD = FIXTURES / "bad_yaml"


def errors_of(*paths: Path) -> list[str]:
    collected: list = []
    dicts.load([CAMEO, *paths], rules_dir=FIXTURES / "no-rules", collect=collected)
    return [str(e) for e in collected]


def test_shipped_dictionaries_and_rules_validate():
    collected: list = []
    d = dicts.load(collect=collected)
    assert collected == []
    assert len(d.codes) >= 300 and d.verbs and d.agents and d.actors
    assert {loc.entry.id for loc in d.modality} >= {"future", "obligation-or-possibility"}


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("syntax.yaml", [("E101", 5)]),
        ("duplicate_key.yaml", [("E103", 5)]),
        ("wrong_types.yaml", [("E102", 5), ("E102", 7), ("E102", 11)]),
        ("unknown_code.yaml", [("E104", 4)]),
        ("unknown_section.yaml", [("E105", 3)]),
        ("bad_dates.yaml", [("E102", 9)]),  # the inverted range is a lint warning (W203)
        ("bad_pattern.yaml", [("E102", 3), ("E102", 4), ("E102", 9), ("E102", 10)]),
    ],
)
def test_each_error_names_file_line_and_what_is_wrong(fixture, expected):
    messages = errors_of(BAD / fixture)
    got = []
    for m in messages:
        where, _, rest = m.partition(": [")
        path, _, line = where.rpartition(":")
        assert path.endswith(fixture), m
        got.append((rest[:4], int(line)))
    assert sorted(got) == sorted(expected), messages


def test_messages_say_what_is_wrong():
    text = "\n".join(errors_of(BAD / "wrong_types.yaml", BAD / "bad_pattern.yaml"))
    assert "upper-case letters in groups of three" in text
    assert "'country'" in text and "planet" in text
    assert 'must be quoted, e.g. "020"' in text  # 20 is not "020"
    assert "put nouns in a pattern's 'object'" in text
    assert "unknown slot 'nowhere'" in text
    assert "needs at least one of 'object', 'prep', 'words', 'subject' or 'reciprocal'" in text


def test_load_raises_all_errors_at_once():
    with pytest.raises(ErrorCollection) as info:
        dicts.load([CAMEO, BAD / "wrong_types.yaml"], rules_dir=FIXTURES / "no-rules")
    assert len(info.value.errors) == 3


def test_yaml_on_and_no_stay_words(tmp_path):
    (tmp_path / "v.yaml").write_text(
        "verbs:\n  - verb: fire\n    patterns:\n      - {prep: on, code: '193'}\n"
        "actors:\n  - {name: Norway, type: country, code: NOR, names: [NO]}\n")
    d = dicts.load([CAMEO, tmp_path], rules_dir=FIXTURES / "no-rules")
    assert d.verbs["fire"].entry.patterns[0].prep == "on"
    assert d.actors[0].entry.names == ["NO"]


def test_later_directories_override_and_extend(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    (first / "v.yaml").write_text(
        "verbs:\n  - verb: meet\n    code: '040'\n    patterns:\n"
        "      - {id: meet.summit, object: [summit], code: '043'}\n"
        "actors:\n  - {name: Iran, type: country, code: IRN}\n")
    (second / "v.yaml").write_text(
        "verbs:\n  - verb: meet\n    code: '046'\n    patterns:\n"
        "      - {id: meet.talks, object: [talks], code: '046'}\n"
        "actors:\n  - {name: Iran, type: country, code: IRQ}\n")
    d = dicts.load([CAMEO, first, second], rules_dir=FIXTURES / "no-rules")
    meet = d.verbs["meet"].entry
    assert meet.code == "046"
    assert [p.id for p in meet.patterns] == ["meet.talks", "meet.summit"]
    assert [a.entry.code for a in d.actors] == ["IRQ"]


def test_missing_directory_is_an_error(tmp_path):
    messages = errors_of(tmp_path / "nope")
    assert any("[E107]" in m and "does not exist" in m for m in messages)


def test_role_dates():
    e = dicts.ActorEntry.model_validate(
        {"name": "A", "type": "person", "code": "IRNELI",
         "roles": [{"code": "IRNGOV", "from": "2005-08-03", "to": "2013-08-03"}]})
    import datetime as dt

    assert e.code_on(dt.date(2005, 8, 3)) == "IRNGOV"
    assert e.code_on(dt.date(2013, 8, 4)) == "IRNELI"
    assert e.code_on(dt.date(2005, 8, 2)) == "IRNELI"


def test_lower_case_abbreviations_match_their_text_tokens():
    """Imported names are lower-cased: 'u.s. army' must match the text tokens 'U.S.' 'Army'."""
    from coder.actors import phrase_tokens

    assert phrase_tokens("u.s. army") == ("u.s.", "army")
    assert phrase_tokens("u.a.e.") == ("u.a.e.",)
    assert phrase_tokens("St. Louis") == ("St.", "Louis")


def test_every_cameo_code_has_a_verb_or_pattern():
    """The shipped verbs reach every one of the 292 CAMEO event codes (3 and 4 digits)."""
    d = dicts.load()
    reached: set[str] = set()
    for loc in d.verbs.values():
        entry = loc.entry
        reached |= {entry.code, entry.passive, entry.reverse}
        for p in entry.patterns:
            reached |= {p.code, p.passive, p.reverse}
    codes = {c for c in d.codes if len(c) >= 3}
    assert len(codes) == 292
    assert sorted(codes - reached) == []
