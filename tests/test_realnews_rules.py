"""Real-news conventions coded with the shipped dictionaries and the model, on sentences
written for these tests: what a careful coder writes for each."""

from __future__ import annotations

import datetime as dt

import pytest

from coder.articles import Article
from coder.pipeline import Coder

pytestmark = pytest.mark.model

DAY = dt.date(2024, 3, 14)  # a Thursday


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


def _events(coder: Coder, text: str, source: str = "") -> list[tuple[str, str, str]]:
    (result,) = coder.code_articles([Article("t", text, DAY, source=source)])
    return [(e.source, e.code, e.target) for e in result.events]


def test_stopping_fire_is_de_escalation_not_an_attack(coder):
    assert _events(coder, "Hezbollah stopped firing rockets at Israel on Tuesday.") == [
        ("LBNREBHEZ", "087", "ISR")]


def test_a_role_word_before_an_attack_names_its_doer(coder):
    events = _events(coder, "Eleven soldiers were killed in a rebel attack on a base in "
                            "northern Mali.")
    assert [(s, c[:2], t) for s, c, t in events] == [("MLIREB", "19", "MLIMIL")]


def test_security_forces_firing_on_their_own_protesters_is_repression(coder):
    assert ("KENCOP", "175", "KENOPP") in _events(
        coder, "Kenyan police fired tear gas and shot protesters in Nairobi.")


def test_the_city_of_x_places_a_capture(coder):
    events = _events(coder, "Russian forces captured the town of Avdiivka on Tuesday.")
    assert [(s, c[:2], t) for s, c, t in events] == [("RUSMIL", "19", "UKR")]


def test_talks_between_two_states_are_coded_both_ways(coder):
    events = _events(coder, "Talks between Armenia and Azerbaijan opened in Almaty.")
    assert sorted(events) == [("ARM", "046", "AZE"), ("AZE", "046", "ARM")]


def test_both_sides_are_the_sides_named_before_not_the_speakers(coder):
    """A country and a place in it are not two sides; the appeal's own speakers neither."""
    text = ("Sudan's army and the RSF clashed in Khartoum. Egypt and Saudi Arabia urged "
            "both sides to stop fighting.")
    events = _events(coder, text)
    assert ("EGY", "0256", "SDNMIL") in events and ("SAU", "0256", "SDNUAFRSF") in events
    assert not any(t in ("EGY", "SAU") for _, _, t in events)


def test_a_role_owned_by_a_pronoun_is_its_referents(coder):
    """"some of their soldiers": the officials' (Ivorian) soldiers; "rebel positions"
    stand for the rebels."""
    events = _events(coder, "Ivorian military officials said some of their soldiers had "
                            "attacked rebel positions near Bouake.")
    assert [(s, c[:2], t) for s, c, t in events] == [("CIVMIL", "19", "CIVREB")]


def test_a_place_named_as_the_object_of_force_is_its_target(coder):
    assert _events(coder, "Russia strikes Kharkiv with drones overnight.") == [
        ("RUS", "190", "UKR")]


def test_a_states_institution_is_the_country_with_the_role(coder):
    """"the Indiana Senate": a US state's senate is a US legislature."""
    events = _events(coder, "The Indiana Senate rejected a plan backed by Ukraine's president.")
    assert events and all(s == "USALEG" for s, _, _ in events)


def test_a_ceasefire_agreed_between_two_sides_is_coded_each_way_and_a_violated_one_not(coder):
    events = _events(coder, "A ceasefire was agreed between Israel and Hamas on Sunday.")
    assert sorted(events) == [("ISR", "0871", "PSEREBHMS"), ("PSEREBHMS", "0871", "ISR")]
    assert not any(c == "0871" for _, c, _ in _events(
        coder, "Hamas accused Israel of violating the ceasefire between Israel and Hamas."))


def test_fighting_reported_between_two_sides_and_an_ambush_both_sides_died_in(coder):
    events = _events(coder, "Heavy fighting is reported between Sudan's army and the RSF "
                            "in Omdurman.")
    assert sorted((s, c[:2], t) for s, c, t in events) == [
        ("SDNMIL", "19", "SDNUAFRSF"), ("SDNUAFRSF", "19", "SDNMIL")]
    events = _events(coder, "Eleven soldiers and 19 Pakistani Taliban fighters were killed in "
                            "an ambush in Orakzai.")
    assert {(s[:6], c[:2], t[:6]) for s, c, t in events} == {
        ("PAKMIL", "19", "PAKINS"), ("PAKINS", "19", "PAKMIL")}
