"""Output schemas: the native columns, and the ICEWS and Phoenix layouts.

``icews`` gives the 20 columns of the ICEWS event data, in their order;
``phoenix`` the 26 columns of the Phoenix data set; ``polecat`` the 40 columns of
POLECAT (coder/polecat.py). The place columns come from coder/locate.py. Fields the
coder does not know (ICEWS sector hierarchies, COW codes) stay empty. See
docs/codebook.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from .polecat import POLECAT, polecat_converter

# The native event table's columns, in order (coder/events.py builds its rows).
COLUMNS = [
    "event_id", "story_id", "sentence_id", "date", "pub_date",
    "source", "source_country", "source_role", "source_text", "source_how",
    "code", "root_code", "event_name", "quad_class", "goldstein",
    "target", "target_country", "target_role", "target_text", "target_how",
    "verb_text", "pattern_id", "mentions", "issues",
    "location", "place", "admin1", "location_country", "latitude", "longitude", "geonames_id",
    "location_level", "location_evidence", "plover_type", "plover_mode", "plover_context",
    "sentence",
]  # fmt: skip
ICEWS = [
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text",
    "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID",
    "Sentence Number", "Publisher", "City", "District", "Province", "Country", "Latitude",
    "Longitude",
]  # fmt: skip
PHOENIX = [
    "EventID", "Date", "Year", "Month", "Day", "SourceActorFull", "SourceActorEntity",
    "SourceActorRole", "SourceActorAttribute", "TargetActorFull", "TargetActorEntity",
    "TargetActorRole", "TargetActorAttribute", "EventCode", "EventRootCode", "PentaClass",
    "GoldsteinScore", "Issues", "Lat", "Lon", "LocationName", "StateName", "CountryCode",
    "SentenceID", "URLs", "NewsSources",
]  # fmt: skip
SCHEMAS = {"native": COLUMNS, "icews": ICEWS, "phoenix": PHOENIX, "polecat": POLECAT}

# Column types by schema (everything else is text).
INTS = {"sentence_id", "quad_class", "mentions", "Sentence Number", "Year", "Month", "Day",
        "PentaClass"}
FLOATS = {"goldstein", "Intensity", "GoldsteinScore", "Latitude", "Longitude", "Lat", "Lon",
          "latitude", "longitude"}
DATES = {"date", "pub_date", "Event Date", "Date", "Publication Date"}

# Sector names for role codes, as ICEWS writes them.
SECTORS = {
    "GOV": "Government", "MIL": "Military", "COP": "Police", "JUD": "Judicial",
    "LEG": "Legislative / Parliamentary", "SPY": "Intelligence", "OPP": "Opposition",
    "REB": "Rebels", "INS": "Insurgents", "SEP": "Separatists", "UAF": "Armed Groups",
    "PTY": "Parties", "BUS": "Business", "MED": "Media", "CVL": "Civilians",
    "REF": "Refugees", "HRI": "Human Rights", "EDU": "Education", "LAB": "Labor",
    "AGR": "Agriculture", "HLH": "Health", "ENV": "Environment", "CRM": "Criminals",
    "ELI": "Elites", "REL": "Religious", "DEV": "Development",
    "IGO": "International Government Organizations",
    "NGO": "Non-Governmental Organizations", "IMG": "International Militarized Groups",
}  # fmt: skip


def pentaclass(root: str) -> int:
    """Phoenix PentaClass: 0 neutral (01-02), 1 verbal cooperation (03-05), 2 material
    cooperation (06-08), 3 verbal conflict (09-13, 16), 4 material conflict (14-15, 17-20)."""
    r = int(root)
    if r <= 2:
        return 0
    if r <= 5:
        return 1
    if r <= 8:
        return 2
    if r <= 13 or r == 16:
        return 3
    return 4


def _sectors(role: str) -> str:
    parts = [role[i : i + 3] for i in range(0, len(role), 3)]
    return ",".join(SECTORS[p] for p in parts if p in SECTORS)


def converter(schema: str, country_names: dict[str, str]) -> Callable[[dict], dict]:
    """A function from a native row to a row of ``schema``."""
    if schema == "native":
        return lambda row: row

    def icews(r: dict) -> dict:
        return {
            "Event ID": r["event_id"], "Event Date": r["date"],
            "Source Name": r["source_text"], "Source Sectors": _sectors(r["source_role"]),
            "Source Country": country_names.get(r["source_country"], ""),
            "Event Text": r["event_name"], "CAMEO Code": r["code"], "Intensity": r["goldstein"],
            "Target Name": r["target_text"], "Target Sectors": _sectors(r["target_role"]),
            "Target Country": country_names.get(r["target_country"], ""),
            "Story ID": r["story_id"], "Sentence Number": r["sentence_id"],
            "Publisher": r.get("publisher", ""),
            "City": r.get("place", "") if r.get("location_level") == "city" else "",
            "District": "", "Province": r.get("admin1", ""),
            "Country": country_names.get(r.get("location_country", ""),
                                         r.get("location_country", "")),
            "Latitude": r.get("latitude"), "Longitude": r.get("longitude"),
        }

    def split(code: str, country: str) -> tuple[str, str, str]:
        rest = code[len(country):] if country else code[3:]
        entity = country or code[:3]
        return entity, rest[:3], rest[3:]

    def phoenix(r: dict) -> dict:
        day = dt.date.fromisoformat(r["date"])
        se, sr, sa = split(r["source"], r["source_country"])
        te, tr, ta = split(r["target"], r["target_country"])
        return {
            "EventID": r["event_id"], "Date": r["date"], "Year": day.year, "Month": day.month,
            "Day": day.day, "SourceActorFull": r["source"], "SourceActorEntity": se,
            "SourceActorRole": sr, "SourceActorAttribute": sa, "TargetActorFull": r["target"],
            "TargetActorEntity": te, "TargetActorRole": tr, "TargetActorAttribute": ta,
            "EventCode": r["code"], "EventRootCode": r["root_code"],
            "PentaClass": pentaclass(r["root_code"]), "GoldsteinScore": r["goldstein"],
            "Issues": r.get("issues", ""), "Lat": r.get("latitude"), "Lon": r.get("longitude"),
            "LocationName": r.get("place", ""), "StateName": r.get("admin1", ""),
            "CountryCode": r.get("location_country", ""),
            "SentenceID": f"{r['story_id']}_{r['sentence_id']}",
            "URLs": r.get("url", ""), "NewsSources": r.get("publisher", ""),
        }

    if schema == "polecat":
        return polecat_converter(country_names, _sectors)
    return {"icews": icews, "phoenix": phoenix}[schema]


class OneADay:
    """The Phoenix one-a-day filter: one event per (date, source, target, code)."""

    def __init__(self) -> None:
        self.seen: set[tuple[str, str, str, str]] = set()

    def keep(self, row: dict) -> bool:
        key = (row["date"], row["source"], row["target"], row["code"])
        if key in self.seen:
            return False
        self.seen.add(key)
        return True
