"""The offline gazetteer: names -> places and countries, disambiguated."""

from __future__ import annotations

import time

import pytest

from coder.geo import Gazetteer, country_of_place, normalize, resolve_place


@pytest.mark.parametrize("name, iso3", [
    ("Aleppo", "SYR"), ("Tyre", "LBN"), ("Bamako", "MLI"), ("Kharkiv", "UKR"),
    ("Kharkov", "UKR"), ("Gaza", "PSE"), ("Hong Kong", "HKG"), ("Naypyitaw", "MMR"),
    ("Ohio", "USA"), ("Texas", "USA"), ("Syria", "SYR"), ("United States", "USA"),
    ("U.S.", "USA"), ("Britain", "GBR"), ("Burma", "MMR"), ("Kiev", "UKR"),
    ("Khan Younis", "PSE"), ("Deir ez-Zor", "SYR"), ("Rakhine", "MMR"),
])  # fmt: skip
def test_country_of_place(name: str, iso3: str) -> None:
    assert country_of_place(name) == iso3


def test_place_fields_and_levels() -> None:
    aleppo = resolve_place("Aleppo")
    assert aleppo is not None
    assert (aleppo.name, aleppo.admin1, aleppo.country, aleppo.level) == (
        "Aleppo", "Aleppo", "SYR", "city")
    assert aleppo.geonames_id == 170063
    assert 36 < aleppo.lat < 37 and 37 < aleppo.lon < 38
    province = resolve_place("Aleppo province")
    assert province is not None and province.level == "province"
    assert resolve_place("Syria").level == "country"
    ohio = resolve_place("Ohio")
    assert ohio.level == "province" and ohio.geonames_id == 5165418


def test_directions_and_division_words() -> None:
    place = resolve_place("northern Rakhine state")
    assert place is not None and (place.name, place.level, place.country) == (
        "Rakhine", "province", "MMR")
    assert resolve_place("eastern Kharkiv region").level == "province"
    # a direction that is part of a name stays
    assert resolve_place("South Sudan").country == "SSD"
    assert resolve_place("West Bank").country == "PSE"


def test_preferred_countries_come_first() -> None:
    assert resolve_place("Tripoli").country == "LBY"  # the larger one
    assert resolve_place("Tripoli", ["LBN"]).country == "LBN"
    assert resolve_place("Rafah").country == "PSE"
    assert resolve_place("Rafah", ["EGY"]).country == "EGY"
    assert country_of_place("Paris") == "FRA"


def test_country_names_beat_towns_but_not_preferred_states() -> None:
    assert resolve_place("Lebanon", ["USA"]).country == "LBN"
    assert resolve_place("Georgia").country == "GEO"
    assert resolve_place("Georgia", ["USA"]).level == "province"
    assert resolve_place("Jordan").country == "JOR"


def test_qualified_names() -> None:
    assert resolve_place("Tripoli, Lebanon").country == "LBN"
    mobile = resolve_place("Mobile, Alabama")
    assert mobile is not None and (mobile.country, mobile.admin1) == ("USA", "Alabama")


@pytest.mark.parametrize("word", ["Police", "police", "March", "Mobile", "Of", "of",
                                  "Reading", "Nice", "the", "Monday", "Union"])
def test_common_words_are_refused(word: str) -> None:
    assert resolve_place(word) is None
    assert country_of_place(word) is None


def test_common_word_in_a_preferred_country_is_kept() -> None:
    assert resolve_place("Mobile", ["USA"]).country == "USA"
    assert resolve_place("mobile", ["USA"]) is None  # lower case: the word


def test_unknown_names() -> None:
    assert resolve_place("Xqzzyville") is None
    assert resolve_place("") is None
    assert country_of_place("the ministry of defence") is None


def test_seen_breaks_a_tie() -> None:
    a = resolve_place("Springfield")
    assert a is not None
    others = [e.place for e in Gazetteer.load().candidates("Springfield")
              if e.place.geonames_id != a.geonames_id and e.place.population == a.population]
    assert resolve_place("Springfield", seen=[a.geonames_id]) == a
    assert not others or resolve_place("Springfield", seen=[others[0].geonames_id]) == others[0]


def test_normalize() -> None:
    assert normalize("Rafaḩ") == "rafah"
    assert normalize("Deir ez-Zor") == "deir ez zor"
    assert normalize("Ma’arrat") == "maarrat"


def test_lookups_are_fast_once_loaded() -> None:
    resolve_place("Aleppo")
    start = time.perf_counter()
    for n in range(2000):
        resolve_place("Aleppo", [("SYR", "TUR")[n % 2]])
    assert time.perf_counter() - start < 0.5


def test_lookups_by_id_code_and_capital():
    from coder.geo import capital_of, country_place, place_by_id, province_by_code

    assert place_by_id(170063).name == "Aleppo"
    assert province_by_code("MM.01").name == "Rakhine"
    assert capital_of("MLI") == "Bamako"
    assert country_place("MLI").level == "country"
    assert place_by_id(1) is None and province_by_code("XX.99") is None


def test_city_states_and_qualifiers_naming_any_region():
    assert resolve_place("Singapore").level == "city"
    assert resolve_place("Atlanta, Georgia").country == "USA"
    assert resolve_place("Tbilisi, Georgia").country == "GEO"


def test_vowel_spellings_of_provinces():
    place = resolve_place("Baluchistan province")
    assert place is not None and (place.name, place.country) == ("Balochistan", "PAK")
    assert resolve_place("Xqzzyvlle") is None


def test_a_direction_opens_a_province_whose_city_is_small():
    assert resolve_place("northern Idlib", ["SYR"]).level == "province"
    assert resolve_place("Idlib", ["SYR"]).level == "city"
    assert resolve_place("eastern Aleppo", ["SYR"]).level == "city"  # a city of millions


def test_acronyms_name_only_countries():
    assert resolve_place("UN") is None
    assert resolve_place("US").country == "USA"


def test_seas_are_no_provinces():
    assert resolve_place("the Red Sea") is None
    assert resolve_place("Red Sea state").country in ("SDN", "EGY")
