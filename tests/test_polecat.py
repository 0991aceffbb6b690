"""The POLECAT layout, and the place columns of the ICEWS and Phoenix layouts."""

from __future__ import annotations

from coder.events import COLUMNS
from coder.schemas import ICEWS, PHOENIX, POLECAT, SCHEMAS, converter


def located_row(**over) -> dict:
    row = {c: "" for c in COLUMNS}
    row.update(event_id="s-1", story_id="s", sentence_id=2, date="2024-01-02",
               pub_date="2024-01-03", source="ISRMIL", source_country="ISR",
               source_role="MIL", source_text="Israeli troops", code="190", root_code="19",
               event_name="Use conventional military force", quad_class=4, goldstein=-10.0,
               target="LBNREBHEZ", target_country="LBN", target_role="REBHEZ",
               target_text="Hezbollah", location="near Tyre", place="Tyre",
               admin1="Liban-Sud", location_country="LBN", latitude=33.27, longitude=35.19,
               geonames_id="267008", location_level="city", location_evidence="clause",
               plover_type="ASSAULT", plover_mode="", plover_context="military",
               publisher="example wire")
    row.update(over)
    return row


def test_polecat_has_its_40_columns_in_order():
    assert len(POLECAT) == 40 and SCHEMAS["polecat"] is POLECAT
    assert POLECAT[:7] == ["Event ID", "Event Date", "Event Type", "Event Mode", "Intensity",
                           "Quad Code", "Contexts"]
    assert POLECAT[23:33] == ["Placename", "City", "District", "Province", "Country",
                              "Latitude", "Longitude", "GeoNames ID", "Raw Placename",
                              "Feature Type"]
    assert POLECAT[-2:] == ["Language", "Version"]


def test_polecat_row_is_filled_where_known():
    r = converter("polecat", {"ISR": "Israel", "LBN": "Lebanon"})(located_row())
    assert list(r) == POLECAT
    assert (r["Event Type"], r["Contexts"], r["Quad Code"]) == (
        "ASSAULT", "military", "MATERIAL CONFLICT")
    assert (r["Actor Name"], r["Actor Country"], r["Primary Actor Sector"]) == (
        "Israel", "ISR", "Military")
    assert (r["Recipient Country"], r["Recipient Name Raw"]) == ("LBN", "Hezbollah")
    assert (r["Placename"], r["City"], r["Province"], r["Country"], r["GeoNames ID"]) == (
        "Tyre", "Tyre", "Liban-Sud", "LBN", "267008")
    assert (r["Feature Type"], r["Raw Placename"], r["Source"]) == (
        "PPL", "near Tyre", "example wire")
    assert r["Publication Date"] == "2024-01-03" and r["Language"] == "en"
    assert r["Actor COW"] == "" and r["Intensity"] is None


def test_polecat_province_has_no_city():
    r = converter("polecat", {})(located_row(place="Rakhine", admin1="Rakhine",
                                             location_level="province"))
    assert (r["City"], r["Province"], r["Feature Type"]) == ("", "Rakhine", "ADM1")


def test_icews_and_phoenix_place_columns():
    ic = converter("icews", {"LBN": "Lebanon"})(located_row())
    assert [ic[c] for c in ICEWS[-6:]] == ["Tyre", "", "Liban-Sud", "Lebanon", 33.27, 35.19]
    ph = converter("phoenix", {})(located_row())
    assert (ph["Lat"], ph["Lon"], ph["LocationName"], ph["StateName"], ph["CountryCode"]) == (
        33.27, 35.19, "Tyre", "Liban-Sud", "LBN")
    assert list(ph) == PHOENIX
    empty = converter("icews", {})(located_row(place="", admin1="", location_country="",
                                               latitude=None, longitude=None,
                                               location_level=""))
    assert [empty[c] for c in ICEWS[-6:]] == ["", "", "", "", None, None]
