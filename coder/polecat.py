"""The POLECAT layout: its 40 columns in their order, filled from a native row.

POLECAT (the PLOVER-coded successor of ICEWS) writes PLOVER event types and modes,
actors with countries and sectors, and the event's place. The coder fills what it
knows (event, PLOVER type/mode/contexts, actors' names, countries, sectors and raw
text, the place, source and dates) and leaves the rest empty: COW codes,
Wikipedia ids, titles, the story-level people/organization/location lists, and
the PLOVER intensity score. docs/codebook.md lists every column.
"""

from __future__ import annotations

from collections.abc import Callable

POLECAT = [
    "Event ID", "Event Date", "Event Type", "Event Mode", "Intensity", "Quad Code",
    "Contexts", "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector",
    "Actor Sectors", "Actor Title", "Actor Name Raw", "Wikipedia Actor ID",
    "Recipient Name", "Recipient Country", "Recipient COW", "Primary Recipient Sector",
    "Recipient Sectors", "Recipient Title", "Recipient Name Raw", "Wikipedia Recipient ID",
    "Placename", "City", "District", "Province", "Country", "Latitude", "Longitude",
    "GeoNames ID", "Raw Placename", "Feature Type", "Source", "Publication Date",
    "Story People", "Story Organizations", "Story Locations", "Language", "Version",
]  # fmt: skip

QUAD_NAMES = {1: "VERBAL COOPERATION", 2: "MATERIAL COOPERATION", 3: "VERBAL CONFLICT",
              4: "MATERIAL CONFLICT"}
FEATURE_TYPES = {"city": "PPL", "province": "ADM1", "country": "PCLI"}  # GeoNames classes


def polecat_converter(country_names: dict[str, str],
                      sectors: Callable[[str], str]) -> Callable[[dict], dict]:
    """A function from a native row to a POLECAT row. ``sectors`` turns a role code
    ("GOVMIL") into sector names ("Government,Military")."""
    from . import __version__

    def actor(r: dict, side: str) -> dict:
        code, country = r[side], r[f"{side}_country"]
        names = sectors(r[f"{side}_role"])
        return {
            "name": country_names.get(country, "") if country else code,
            "country": country,
            "primary": names.split(",")[0] if names else "",
            "sectors": names,
            "raw": r[f"{side}_text"],
        }

    def row(r: dict) -> dict:
        a, t = actor(r, "source"), actor(r, "target")
        level = r.get("location_level", "")
        quad = r.get("quad_class")
        return {
            "Event ID": r["event_id"], "Event Date": r["date"],
            "Event Type": r.get("plover_type", ""), "Event Mode": r.get("plover_mode", ""),
            "Intensity": None, "Quad Code": QUAD_NAMES.get(int(quad), "") if quad else "",
            "Contexts": r.get("plover_context", ""),
            "Actor Name": a["name"], "Actor Country": a["country"], "Actor COW": "",
            "Primary Actor Sector": a["primary"], "Actor Sectors": a["sectors"],
            "Actor Title": "", "Actor Name Raw": a["raw"], "Wikipedia Actor ID": "",
            "Recipient Name": t["name"], "Recipient Country": t["country"],
            "Recipient COW": "", "Primary Recipient Sector": t["primary"],
            "Recipient Sectors": t["sectors"], "Recipient Title": "",
            "Recipient Name Raw": t["raw"], "Wikipedia Recipient ID": "",
            "Placename": r.get("place", ""),
            "City": r.get("place", "") if level == "city" else "", "District": "",
            "Province": r.get("admin1", ""), "Country": r.get("location_country", ""),
            "Latitude": r.get("latitude"), "Longitude": r.get("longitude"),
            "GeoNames ID": r.get("geonames_id", ""), "Raw Placename": r.get("location", ""),
            "Feature Type": FEATURE_TYPES.get(level, ""),
            "Source": r.get("publisher", ""), "Publication Date": r["pub_date"],
            "Story People": "", "Story Organizations": "", "Story Locations": "",
            "Language": "en", "Version": f"cameo-coder {__version__}",
        }

    return row
