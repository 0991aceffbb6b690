"""The actors of today's news (issue 17 item 4): the shipped dictionaries name the
agencies, courts, legislatures, armed groups, IGOs, monitors and office-holders of
2015-2026, with the codes the CAMEO/Phoenix conventions give them. Sentences are
written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest
import spacy
from conftest import code

from coder import dictionaries as dicts
from coder.actors import ActorMatcher
from coder.pipeline import Coder


@pytest.fixture(scope="module")
def shipped():
    return dicts.load()


@pytest.fixture(scope="module")
def matcher(shipped) -> ActorMatcher:
    return ActorMatcher(shipped)


@pytest.fixture(scope="module")
def shipped_coder(shipped) -> Coder:
    return Coder(loaded=shipped)


def phrases(matcher: ActorMatcher, text: str, day: str = "2025-06-01") -> dict[str, str]:
    """Each dictionary phrase found in ``text``, with its code on ``day``."""
    doc = spacy.blank("en")(text)
    date = dt.date.fromisoformat(day)
    out = {}
    for m in matcher.match(doc):
        span = doc[m.start:m.end].text
        out[span] = m.entry.code if m.kind == "agent" else m.entry.code_on(date)
    return out


@pytest.mark.parametrize(("text", "span", "expected"), [
    # armed forces, police and intelligence named by their own name
    ("The People's Liberation Army held drills near the island.", "People's Liberation Army",
     "CHNMIL"),
    ("The ISPR said the operation went on.", "ISPR", "PAKMIL"),
    ("CENTCOM announced the strike.", "CENTCOM", "USAMIL"),
    ("The Justice Department charged him.", "Justice Department", "USAJUD"),
    ("The Haitian National Police retook the road.", "Haitian National Police", "HTICOP"),
    # legislatures and courts
    ("The House of Councillors passed the bill.", "House of Councillors", "JPNLEG"),
    ("The Legislative Yuan voted it down.", "Legislative Yuan", "TWNLEG"),
    ("The Supreme Federal Court convicted him.", "Supreme Federal Court", "BRAJUD"),
    # seats of power stand for who sits there
    ("Villa Somalia rejected the deal.", "Villa Somalia", "SOMGOV"),
    ("Malacañang denied the report.", "Malacañang", "PHLGOV"),
    # sub-national governments take their country's code
    ("Puntland deported the migrants.", "Puntland", "SOM"),
    ("California sued the administration.", "California", "USA"),
    ("Republika Srpska passed a law.", "Republika Srpska", "BIH"),
    # branches of al-Qaeda and the Islamic State are transnational (IMGMUS...)
    ("JNIM claimed the ambush.", "JNIM", "IMGMUSJNM"),
    ("ISWAP fighters raided the base.", "ISWAP", "IMGMUSISW"),
    ("ISIS-K claimed the bombing.", "ISIS-K", "IMGMUSISK"),
    # UN agencies are IGOUNO..., rights monitors NGOHRI...
    ("The WFP halted deliveries.", "WFP", "IGOUNOWFP"),
    ("The WHO declared an emergency.", "WHO", "IGOUNOWHO"),
    ("The war monitor reported 40 dead.", "war monitor", "NGOHRI"),
    ("The Syrian Observatory for Human Rights counted the dead.",
     "Syrian Observatory for Human Rights", "NGOHRISOH"),
    ("HRANA reported the executions.", "HRANA", "NGOHRI"),
    ("The ICRC visited the prisoners.", "ICRC", "NGOIRC"),
    # the West Bank stays Palestinian
    ("Settlers raided a village in the West Bank.", "West Bank", "PSE"),
    ("Police officers in Mobile, Alabama, arrested him.", "Alabama", "USA"),
    # parties: the ruling one governs
    ("The Awami League called a strike.", "Awami League", "BGDOPP"),
    ("Likud won the vote.", "Likud", "ISRGOV"),
])
def test_named_actors_of_today(matcher, text, span, expected):
    assert phrases(matcher, text).get(span) == expected


@pytest.mark.parametrize(("text", "span", "expected"), [
    ("The Ministry of Defence said so.", "Ministry of Defence", "MIL"),
    ("The Ministry of Internal Affairs expelled them.", "Ministry of Internal Affairs", "GOV"),
    ("The Court of Appeals blocked the order.", "Court of Appeals", "JUD"),
    ("A district judge ruled against it.", "district judge", "JUD"),
    ("The Chamber of Deputies approved it.", "Chamber of Deputies", "LEG"),
    ("Assad loyalists ambushed the patrol.", "loyalists", "UAF"),
    ("Ceasefire monitors reported violations.", "Ceasefire monitors", "HRI"),
    ("Bandits raided the village.", "Bandits", "UAF"),
    ("The special rapporteur called for an inquiry.", "special rapporteur", "GOV"),
])
def test_role_nouns_of_today(matcher, text, span, expected):
    assert phrases(matcher, text).get(span) == expected


def test_weapons_are_not_actors(matcher):
    """A strike comes from elsewhere than where it lands: "airstrikes" named alone must
    not take the country of the place they hit, so weapons are no agents."""
    assert "Airstrikes" not in phrases(matcher, "Airstrikes hit the city.")
    assert "drones" not in phrases(matcher, "Russian drones hit the city.")


@pytest.mark.parametrize(("name", "day", "expected"), [
    ("Jotham Napat", "2025-03-01", "VUTGOV"),
    ("Gombojavyn Zandanshatar", "2025-07-01", "MNGGOV"),
    ("David Zini", "2025-11-01", "ISRSPY"),
    # whoever has left office keeps a country: former officials are ELI
    ("Bashar al-Assad", "2025-03-01", "SYRELI"),
    ("Bashar al-Assad", "2020-03-01", "SYRGOV"),
    ("Rishi Sunak", "2025-03-01", "GBRELI"),
    ("Sheikh Hasina", "2025-03-01", "BGDELI"),
    # a surname that names other people too counts only while in office
    ("Kamala Harris", "2026-01-01", "USAELI"),
    ("Harris", "2022-01-01", "USAGOV"),
    ("Harris", "2026-01-01", None),
    # an armed group's dead leader stays the group's
    ("Yahya Sinwar", "2025-03-01", "PSEREBHMS"),
])
def test_people_on_a_date(matcher, name, day, expected):
    assert phrases(matcher, f"{name} spoke.", day).get(name) == expected


PUNTLAND_FORCES = """
Puntland Puntland PROPN NNP compound 1
forces force NOUN NNS nsubj 2
attack attack VERB VBP ROOT 2
the the DET DT det 4
militants militant NOUN NNS dobj 2
. . PUNCT . punct 2
"""


def test_a_regional_force_is_its_countrys_military(shipped_coder, vocab):
    """"Puntland forces" = Puntland (SOM) + forces (MIL)."""
    events = code(shipped_coder, vocab, PUNTLAND_FORCES, date="2025-02-01")
    assert events and {src for _, src, _, _ in events} == {"SOMMIL"}
